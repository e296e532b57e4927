//! The app shell rendered to HTML natively (Yew SSR): header notice,
//! navigation with the current page marked, routed page, footer.
#![cfg(feature = "ui")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ketamine_dosing_reference::domain::route::Route;
use ketamine_dosing_reference::domain::version::{BUILD_DATE, CONTENT_VERSION};
use ketamine_dosing_reference::ui::app::{App, AppProps};
use yew::LocalServerRenderer;

async fn render(fragment: &str) -> String {
    LocalServerRenderer::<App>::with_props(AppProps {
        initial_fragment: fragment.to_string().into(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn shell_has_notice_navigation_and_footer() {
    let html = render("#/").await;
    assert!(html.contains("Ketamine Dosing Reference"));
    assert!(html.contains("not a prescription"), "permanent notice");
    for route in Route::NAV {
        assert!(
            html.contains(&format!("href=\"{}\"", route.href())),
            "nav link to {route:?}"
        );
    }
    assert!(html.contains(CONTENT_VERSION));
    assert!(html.contains(BUILD_DATE));
    assert_eq!(html.matches("aria-current=\"page\"").count(), 1);
    // The footer's dots are not read out; a screen reader hears commas.
    let footer = &html[html.find("<footer").unwrap()..];
    let separator = r#"<span aria-hidden="true"> · </span><span class="sr-only">, </span>"#;
    assert_eq!(footer.matches(separator).count(), 2, "{footer}");
    assert!(!footer.replace(separator, "").contains('·'), "{footer}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_initial_fragment_selects_the_page_and_the_current_link() {
    for route in Route::NAV {
        let html = render(&route.href()).await;
        assert!(
            html.contains(&format!("data-route=\"{}\"", route.path())),
            "{route:?} renders its page"
        );
        let marked = format!("href=\"{}\" aria-current=\"page\"", route.href());
        assert!(html.contains(&marked), "{route:?} is the current link");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn unknown_fragment_renders_not_found_with_a_link_home() {
    let html = render("#/does-not-exist").await;
    assert!(html.contains("data-route=\"/not-found\""));
    assert!(html.contains("Page not found"));
    assert_eq!(html.matches("aria-current=\"page\"").count(), 0);
}

#[test]
fn build_date_is_an_iso_date() {
    let parts: Vec<&str> = BUILD_DATE.split('-').collect();
    assert_eq!(parts.len(), 3, "{BUILD_DATE}");
    assert_eq!(parts[0].len(), 4);
    assert!(parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())));
}

#[tokio::test(flavor = "current_thread")]
async fn the_home_page_leads_each_audience_to_its_pages() {
    let html = render("#/").await;
    let main = &html[html.find("<main").unwrap()..];
    for href in [
        "#/calculator",
        "#/candidates",
        "#/factors",
        "#/protocols",
        "#/phases?view=patient",
        "#/side-effects?view=patient",
        "#/diary",
    ] {
        assert!(main.contains(&format!("href=\"{href}\"")), "{href}");
    }
    assert!(main.contains("keep a private diary"));
}
