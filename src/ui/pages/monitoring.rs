//! `#/monitoring`: Monitoring and routes.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[component]
pub fn MonitoringPage() -> Html {
    html! {
        <PageIntro title="Monitoring and routes" lead="What is watched during a session, what a session is like, and how IV ketamine compares with nasal and oral forms." />
    }
}
