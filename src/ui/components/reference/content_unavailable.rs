//! Shown instead of a reference page if the embedded content failed to load
//! (a build with a broken JSON file): the reason, never a crash.

use yew::prelude::*;

use crate::domain::reference::ContentError;

#[derive(Properties, PartialEq)]
pub struct ContentUnavailableProps {
    pub error: &'static ContentError,
}

#[component]
pub fn ContentUnavailable(props: &ContentUnavailableProps) -> Html {
    html! {
        <div class="content-error" role="alert" data-testid="content-error">
            <p><strong>{ "This page's reference content could not be loaded." }</strong></p>
            <p>{ props.error.to_string() }</p>
        </div>
    }
}
