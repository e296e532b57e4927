//! `#/diary`: Patient diary.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn DiaryPage() -> Html {
    html! {
        <PageIntro title="Patient diary" lead="This page will keep a private diary of pain, sleep, mood and side effects between infusions, stored only on this device." />
    }
}
