//! The header: app name and the permanent educational notice.

use yew::prelude::*;

use crate::domain::route::Route;

/// The brand link and the educational notice on every page. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn site_header() -> Html {
    html! {
        <header class="site-header">
            <a class="brand" href={Route::Home.href()}>{ "Ketamine Dosing Reference" }</a>
            <p class="notice" role="note" data-testid="notice">
                <strong>{ "Educational reference. " }</strong>
                { "Every figure is illustrative and is not a prescription or an order." }
            </p>
        </header>
    }
}
