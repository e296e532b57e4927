//! `#/schedule`: Treatment schedule.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn SchedulePage() -> Html {
    html! {
        <PageIntro title="Treatment schedule" lead="This page will lay the phases of a course out on a calendar from a start date and export them as an iCalendar file." />
    }
}
