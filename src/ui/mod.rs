//! Yew components, pages and hooks. Thin: every decision lives in `domain`.

pub mod app;
pub mod components;
pub mod hooks;
pub mod pages;

/// Mounts the app into `<body>`, starting on the page named by the current
/// URL fragment.
pub fn start() {
    crate::platform::crash::install();
    let initial_fragment = crate::platform::location::start_fragment();
    yew::Renderer::<app::App>::with_props(app::AppProps { initial_fragment }).render();
}
