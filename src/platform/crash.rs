//! Crash safety: after a panic the app's state is gone, so every figure on
//! screen may be stale. The panic hook hides the whole app at once (CSS on
//! `body.app-crashed`) and shows a panel asking for a reload.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Name of the window event that makes the app panic on purpose. It exists so
/// the end-to-end "panic drill" can prove the crash panel works; dispatching it
/// by hand only shows that panel.
pub const DRILL_EVENT: &str = "kdr-panic-drill";

/// Installs the crash panel as Yew's panic hook and arms the drill event.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("The app stopped: {info}").into());
        show_panel();
    }));
    if let Some(window) = web_sys::window() {
        let drill = Closure::<dyn FnMut()>::new(drill);
        let _ =
            window.add_event_listener_with_callback(DRILL_EVENT, drill.as_ref().unchecked_ref());
        drill.forget();
    }
}

#[allow(clippy::panic)] // The drill's whole purpose is a real panic inside the wasm.
fn drill() {
    panic!("panic drill requested through the {DRILL_EVENT} event");
}

/// Hides the app and shows the "stopped; reload" panel. Uses plain DOM calls
/// because Yew can no longer render after a panic.
fn show_panel() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(body) = document.body() else { return };
    let _ = body.class_list().add_1("app-crashed");
    if document.get_element_by_id("crash-panel").is_some() {
        return;
    }
    let Ok(panel) = document.create_element("section") else {
        return;
    };
    panel.set_id("crash-panel");
    panel.set_class_name("crash-panel");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "crash-panel");
    let parts = [
        ("h1", "The app stopped"),
        (
            "p",
            "Something went wrong inside the app, so every figure has been hidden: a number left on \
             screen could be out of date. Reload the page to start again. Nothing you entered has \
             been sent anywhere.",
        ),
    ];
    for (tag, text) in parts {
        if let Ok(el) = document.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    if let Ok(button) = document.create_element("button") {
        let _ = button.set_attribute("type", "button");
        button.set_text_content(Some("Reload"));
        let reload = Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = panel.append_child(&button);
    }
    let _ = body.prepend_with_node_1(&panel);
    if let Some(button) = panel
        .query_selector("button")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
