//! `#/phases`: Treatment phases.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn PhasesPage() -> Html {
    html! {
        <PageIntro title="Treatment phases" lead="How a course of infusions is organised: induction, titration and maintenance boosters, and what makes the intervals longer or shorter." />
    }
}
