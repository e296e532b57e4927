//! Shown instead of a reference page if the embedded content failed to load
//! (a build with a broken JSON file): the reason, never a crash.

use yew::prelude::*;

use crate::domain::reference::ContentError;

/// Why the page has no content. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn content_unavailable(error: &ContentError) -> Html {
    html! {
        <div class="content-error" role="alert" data-testid="content-error">
            <p><strong>{ "This page's reference content could not be loaded." }</strong></p>
            <p>{ error.to_string() }</p>
        </div>
    }
}
