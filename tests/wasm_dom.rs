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

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
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
    settle().await;
    assert_eq!(main_route(&root).as_deref(), Some("/side-effects"));
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
    settle().await;
    let location = web_sys::window().unwrap().location();
    for route in Route::NAV {
        location.set_hash(route.path()).unwrap();
        settle().await;
        assert_eq!(
            main_route(&root).as_deref(),
            Some(route.path()),
            "{route:?}"
        );
        let heading = root.query_selector("main h1").unwrap().unwrap();
        assert!(!heading.text_content().unwrap_or_default().is_empty());
    }
    location.set_hash("/").unwrap();
    settle().await;
    app.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn focus_moves_to_main_after_navigation() {
    let (root, app) = mount("#/");
    settle().await;
    let location = web_sys::window().unwrap().location();
    location.set_hash("/factors").unwrap();
    settle().await;
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "main");
    location.set_hash("/").unwrap();
    settle().await;
    app.destroy();
    root.remove();
}
