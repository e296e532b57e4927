//! `#/factors`: Dosing factors.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn FactorsPage() -> Html {
    html! {
        <PageIntro title="Dosing factors" lead="The five groups of patient factors that shape a ketamine dose, how each one changes it, and the literature behind each adjustment." />
    }
}
