//! Reading and following the URL fragment.
//!
//! The app remembers the fragment it last saw: read at start, after each
//! `hashchange` it handled, and after each of its own writes. When the
//! address differs from that, a link, Back or a script has moved it and its
//! `hashchange` has not run yet (a click can come first on a busy machine):
//! the app's state is then older than the address, so [`replace_fragment`]
//! writes nothing.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    /// The fragment as the app last saw or wrote it.
    static SEEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The current fragment including `#`, or an empty string outside a browser.
pub fn current_fragment() -> yew::AttrValue {
    read_fragment().into()
}

fn read_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn note_seen(fragment: String) {
    SEEN.with(|seen| *seen.borrow_mut() = Some(fragment));
}

/// The fragment at start, remembered as seen by the app.
pub fn start_fragment() -> yew::AttrValue {
    let fragment = read_fragment();
    note_seen(fragment.clone());
    fragment.into()
}

/// Whether the address has moved since the app last saw or wrote it, and its
/// `hashchange` has not run yet.
fn moved_unseen() -> bool {
    let current = read_fragment();
    SEEN.with(|seen| seen.borrow().as_ref().is_some_and(|s| *s != current))
}

/// Keeps a window event listener alive; dropping it removes the listener.
pub struct WindowListener {
    event: &'static str,
    capture: bool,
    closure: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

/// The `hashchange` listener of [`on_fragment_change`].
pub type FragmentListener = WindowListener;

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let (Some(window), Some(closure)) = (web_sys::window(), self.closure.take()) {
            let _ = window.remove_event_listener_with_callback_and_bool(
                self.event,
                closure.as_ref().unchecked_ref(),
                self.capture,
            );
        }
    }
}

/// Calls `f` at every `event` on the window until the listener is dropped.
pub(crate) fn listen(
    event: &'static str,
    capture: bool,
    mut f: impl FnMut() + 'static,
) -> WindowListener {
    listen_to(event, capture, move |_| f())
}

/// As [`listen`], with the event.
pub(crate) fn listen_to(
    event: &'static str,
    capture: bool,
    f: impl FnMut(web_sys::Event) + 'static,
) -> WindowListener {
    let Some(window) = web_sys::window() else {
        return WindowListener {
            event,
            capture,
            closure: None,
        };
    };
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let added = window
        .add_event_listener_with_callback_and_bool(event, closure.as_ref().unchecked_ref(), capture)
        .is_ok();
    WindowListener {
        event,
        capture,
        closure: added.then_some(closure),
    }
}

/// Calls `on_change` with the new fragment after every `hashchange`.
pub fn on_fragment_change(on_change: impl Fn(String) + 'static) -> FragmentListener {
    listen("hashchange", false, move || {
        let fragment = read_fragment();
        note_seen(fragment.clone());
        on_change(fragment);
    })
}

/// Calls `before` at every click, before the page's own handlers run and
/// before a clicked link is followed (the window's capture phase).
pub fn before_click(before: impl FnMut() + 'static) -> WindowListener {
    listen("click", true, before)
}

/// Replaces the fragment without adding a history entry and without a
/// `hashchange` (used as the calculator state changes on every keystroke).
/// Writes nothing while the address has moved unseen (see the module note):
/// the new address must not be replaced by what the app showed before it.
pub fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if moved_unseen() {
        return;
    }
    if let Ok(history) = window.history() {
        // The entry keeps its scroll position (see `keep_scroll`).
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(fragment));
    }
    note_seen(read_fragment());
}

/// Keeps the page's scroll position in the current history entry whenever
/// a link is clicked, before it is followed, so that Back (or Forward) to
/// the entry can return there ([`kept_scroll`]); until the listener is
/// dropped. Nothing is kept while the address has moved unseen: the entry
/// would be the next one.
pub fn keep_scroll_on_link_click() -> WindowListener {
    listen_to("click", true, |event| {
        let on_link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .is_some();
        let Some(window) = web_sys::window().filter(|_| on_link && !moved_unseen()) else {
            return;
        };
        let y = window.scroll_y().unwrap_or(0.0);
        if let Ok(history) = window.history() {
            let _ = history.replace_state(&wasm_bindgen::JsValue::from_f64(y), "");
        }
    })
}

/// The scroll position kept in the current history entry, if any.
pub fn kept_scroll() -> Option<f64> {
    web_sys::window()?.history().ok()?.state().ok()?.as_f64()
}

/// The page's address without its fragment (`http://127.0.0.1:8080/` or a
/// `file://` path), for building share links.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}
