//! Any fragment that names no page.

use yew::prelude::*;

use crate::domain::route::Route;

#[component]
pub fn NotFoundPage() -> Html {
    html! {
        <>
            <h1>{ "Page not found" }</h1>
            <p>{ "This link does not name a page of this reference. " }
               <a href={Route::Home.href()}>{ "Go to the home page" }</a>{ "." }</p>
        </>
    }
}
