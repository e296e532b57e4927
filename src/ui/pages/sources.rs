//! `#/sources`: Sources.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn SourcesPage() -> Html {
    html! {
        <PageIntro title="Sources" lead="Every source this reference cites, grouped by kind, with the items that cite it." />
    }
}
