//! Reading and following the URL fragment.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The current fragment including `#`, or an empty string outside a browser.
pub fn current_fragment() -> yew::AttrValue {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .into()
}

/// Keeps a `hashchange` listener alive; dropping it removes the listener.
pub struct FragmentListener {
    closure: Option<Closure<dyn FnMut()>>,
}

impl Drop for FragmentListener {
    fn drop(&mut self) {
        if let (Some(window), Some(closure)) = (web_sys::window(), self.closure.take()) {
            let _ = window.remove_event_listener_with_callback(
                "hashchange",
                closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `on_change` with the new fragment after every `hashchange`.
pub fn on_fragment_change(on_change: impl Fn(String) + 'static) -> FragmentListener {
    let Some(window) = web_sys::window() else {
        return FragmentListener { closure: None };
    };
    let closure = Closure::<dyn FnMut()>::new(move || {
        let fragment = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        on_change(fragment);
    });
    let added = window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .is_ok();
    FragmentListener {
        closure: added.then_some(closure),
    }
}
