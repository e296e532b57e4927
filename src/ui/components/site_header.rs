//! The header: app name and the permanent educational notice.

use yew::prelude::*;

use crate::domain::route::Route;

#[component]
pub fn SiteHeader() -> Html {
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
