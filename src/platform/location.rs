//! Reading and following the URL fragment.
//!
//! The app remembers the fragment it last saw: read at start, after each
//! `hashchange` it handled, and after each of its own writes. When the
//! address differs from that, a link, Back or a script has moved it and its
//! `hashchange` has not run yet (a click can come first on a busy machine):
//! the app's state is then older than the address, so [`replace_fragment`]
//! writes nothing.
//!
//! It also counts the `hashchange` events it handled ([`changes_seen`]): a
//! page drawn for an earlier count has heard of the new address but not yet
//! drawn it (Yew draws in a later task, and one already under way can yield
//! to the browser for a while), so it writes nothing either.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    /// The fragment as the app last saw or wrote it.
    static SEEN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// How many `hashchange` events the app has handled.
    static CHANGES: Cell<u32> = const { Cell::new(0) };
}

/// How many `hashchange` events the app has handled: the count a page is
/// drawn for (`Navigation::count`) once it has drawn the latest address.
pub fn changes_seen() -> u32 {
    CHANGES.with(Cell::get)
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
        CHANGES.with(|changes| changes.set(changes.get().wrapping_add(1)));
        on_change(fragment);
    })
}

/// Calls `before` at every click, before the page's own handlers run and
/// before a clicked link is followed (the window's capture phase).
pub fn before_click(before: impl FnMut() + 'static) -> WindowListener {
    listen("click", true, before)
}

/// Replaces the fragment without adding a history entry and without a
/// `hashchange` (used as the calculator state changes on every keystroke),
/// for a page last drawn for the navigation count `drawn_for`. Writes
/// nothing while the address has moved unseen, or while the page was drawn
/// for an earlier count than [`changes_seen`] (see the module note): the
/// new address must not be replaced by what the app showed before it.
pub fn replace_fragment(fragment: &str, drawn_for: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if moved_unseen() || drawn_for != changes_seen() {
        return;
    }
    if let Ok(history) = window.history() {
        // The entry keeps its place (see `keep_place_in_history`).
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(fragment));
    }
    note_seen(read_fragment());
}

/// Where a page was: how far it was scrolled, and which of the links in its
/// main region was followed or had focus in view (its place among them in
/// document order, and its `href`, which must still match).
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub y: f64,
    pub link: Option<(u32, String)>,
}

/// The links of the main region.
pub(crate) fn main_links() -> Option<web_sys::NodeList> {
    web_sys::window()?
        .document()?
        .query_selector_all("main a[href]")
        .ok()
}

/// Keeps the page's [`Place`] in the current history entry, so that Back
/// (or Forward) to the entry can return there ([`kept_place`]): when a link
/// is clicked, before it is followed, and once scrolling stops. Nothing is
/// kept while the address has moved unseen: the entry would be the next
/// one. Until the listeners are dropped.
pub fn keep_place_in_history() -> (WindowListener, WindowListener) {
    let click = listen_to("click", true, |event| {
        let link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if link.is_some() {
            keep_place(link);
        }
    });
    let quiet = super::timer::Debouncer::default();
    let scroll = listen("scroll", false, move || {
        quiet.schedule(200, || keep_place(None))
    });
    (click, scroll)
}

/// Whether any of `element` is within the window's height.
pub(crate) fn in_view(window: &web_sys::Window, element: &web_sys::Element) -> bool {
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = element.get_bounding_client_rect();
    r.bottom() > 0.0 && r.top() < height
}

fn keep_place(link: Option<web_sys::Element>) {
    let Some(window) = web_sys::window().filter(|_| !moved_unseen()) else {
        return;
    };
    // Once scrolling stops, the focused link only while it is in view:
    // focus must not come back somewhere the window does not show.
    let focused = || {
        window
            .document()?
            .active_element()
            .filter(|e| in_view(&window, e))
    };
    let kept = link.or_else(focused).and_then(|link| {
        let links = main_links()?;
        let i = (0..links.length())
            .find(|&i| links.get(i).is_some_and(|n| n.is_same_node(Some(&link))))?;
        Some((i, link.get_attribute("href")?))
    });
    let place = js_sys::Array::of1(&window.scroll_y().unwrap_or(0.0).into());
    if let Some((i, href)) = kept {
        place.push(&i.into());
        place.push(&href.into());
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state(&place, "");
    }
}

/// The place kept in the current history entry, if any.
pub fn kept_place() -> Option<Place> {
    let state = web_sys::window()?.history().ok()?.state().ok()?;
    let place = state.dyn_into::<js_sys::Array>().ok()?;
    let link = place.get(1).as_f64().zip(place.get(2).as_string());
    Some(Place {
        y: place.get(0).as_f64()?,
        link: link.map(|(i, href)| (i as u32, href)),
    })
}

/// The page's address without its fragment (`http://127.0.0.1:8080/` or a
/// `file://` path), for building share links.
pub fn page_address() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}
