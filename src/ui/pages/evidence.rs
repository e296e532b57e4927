//! `#/evidence`: Evidence by condition.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn EvidencePage() -> Html {
    html! {
        <PageIntro title="Evidence by condition" lead="How strong the evidence is for each pain condition, as graded by the 2018 consensus guideline." />
    }
}
