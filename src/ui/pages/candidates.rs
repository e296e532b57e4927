//! `#/candidates`: Who is a candidate.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn CandidatesPage() -> Html {
    html! {
        <PageIntro title="Who is a candidate" lead="Who is generally not offered ketamine infusions, and who needs extra caution." />
    }
}
