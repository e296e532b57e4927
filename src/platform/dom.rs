//! Small DOM helpers: focus and scroll after navigation.

use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// After a page change: back to the top, focus on the main region so that
/// keyboard and screen-reader users start reading the new page.
pub fn after_route_change() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
    focus_element("main");
}
