//! `#/side-effects`: Side effects.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn SideEffectsPage() -> Html {
    html! {
        <PageIntro title="Side effects" lead="Common, less common and rare side effects, how long they last, and what staff do about them." />
    }
}
