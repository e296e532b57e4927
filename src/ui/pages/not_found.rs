//! Any fragment that names no page.

use yew::prelude::*;

use crate::domain::route::Route;

/// The page (a plain function: it has no state of its own).
pub fn not_found_page() -> Html {
    html! {
        <>
            <h1>{ "Page not found" }</h1>
            <p>{ "This link does not name a page of this reference. " }
               <a href={Route::Home.href()}>{ "Go to the home page" }</a>{ "." }</p>
        </>
    }
}
