//! Opening a route from code, as a link would (a history entry and a
//! `hashchange`, which the app follows).

/// Sets the URL fragment, for example `#/protocols?card=clinic-a`.
pub fn open(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}
