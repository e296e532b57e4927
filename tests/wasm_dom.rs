//! DOM wiring in a real browser (headless Chromium via wasm-bindgen-test):
//! the app mounts, renders every route's page, and follows `hashchange`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use ketamine_dosing_reference::domain::route::Route;
use ketamine_dosing_reference::ui::app::{App, AppProps};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits until `ready` holds, looking every 5 ms for at most 2 s (Yew
/// renders after a hash change on its own schedule); panics naming `what`
/// when it never holds.
async fn wait_until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..400 {
        if ready() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(ready(), "still not so after 2 s: {what}");
}

async fn wait_for_route(root: &Element, path: &str) {
    wait_until(&format!("the page {path} is shown"), || {
        main_route(root).as_deref() == Some(path)
    })
    .await;
}

fn mount(fragment: &str) -> (Element, yew::AppHandle<App>) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            initial_fragment: fragment.to_string().into(),
        },
    )
    .render();
    (root, handle)
}

fn main_route(root: &Element) -> Option<String> {
    root.query_selector("main")
        .unwrap()
        .and_then(|m| m.get_attribute("data-route"))
}

#[wasm_bindgen_test]
async fn mounts_on_the_initial_fragment_with_one_link_per_page() {
    let (root, app) = mount("#/side-effects");
    wait_for_route(&root, "/side-effects").await;
    let links = root.query_selector_all("nav a").unwrap();
    assert_eq!(links.length() as usize, Route::NAV.len());
    let current = root
        .query_selector("nav a[aria-current='page']")
        .unwrap()
        .unwrap();
    assert_eq!(
        current.get_attribute("href").as_deref(),
        Some("#/side-effects")
    );
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn follows_hash_changes_to_every_page() {
    let (root, app) = mount("#/");
    wait_for_route(&root, "/").await;
    let location = web_sys::window().unwrap().location();
    for route in Route::NAV {
        location.set_hash(route.path()).unwrap();
        wait_for_route(&root, route.path()).await;
        let heading = root.query_selector("main h1").unwrap().unwrap();
        assert!(!heading.text_content().unwrap_or_default().is_empty());
    }
    location.set_hash("/").unwrap();
    wait_for_route(&root, "/").await;
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn focus_moves_to_main_after_navigation() {
    let (root, app) = mount("#/");
    wait_for_route(&root, "/").await;
    let location = web_sys::window().unwrap().location();
    location.set_hash("/factors").unwrap();
    wait_for_route(&root, "/factors").await;
    wait_until("the main has the focus", || {
        document()
            .active_element()
            .is_some_and(|a| a.id() == "main")
    })
    .await;
    location.set_hash("/").unwrap();
    wait_for_route(&root, "/").await;
    app.destroy();
    root.remove();
}
