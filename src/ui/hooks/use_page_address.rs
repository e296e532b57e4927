//! `use_page_address`: the page's address without its fragment, for links
//! that must work outside the app (copied, printed).

use yew::prelude::*;

/// `http://127.0.0.1:8080/` or a `file://` path; empty until the first
/// effect has read it (rendering never touches browser APIs, so components
/// also render in the native tests).
#[hook]
pub fn use_page_address() -> String {
    let address = use_state(String::new);
    {
        let address = address.clone();
        use_effect_with((), move |_| {
            address.set(crate::platform::location::page_address())
        });
    }
    (*address).clone()
}
