//! A page's heading and one-paragraph lead.

use yew::prelude::*;

/// The page's heading and lead paragraph. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn page_intro(title: &'static str, lead: &str) -> Html {
    html! {
        <>
            <h1>{ title }</h1>
            <p class="lead">{ lead.to_string() }</p>
        </>
    }
}
