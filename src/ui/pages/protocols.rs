//! `#/protocols`: Protocol cards.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn ProtocolsPage() -> Html {
    html! {
        <PageIntro title="Protocol cards" lead="This page will show every protocol card in full and let a clinic import and export its own cards." />
    }
}
