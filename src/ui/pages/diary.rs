//! `#/diary`: Patient diary. Not built in this version (no issue covers it
//! yet); the page says so and leads to the pages written for patients.

use yew::prelude::*;

use crate::domain::reference::EffectView;
use crate::domain::route::{view_fragment, Route};
use crate::ui::components::page_intro::page_intro;

#[component]
pub fn DiaryPage() -> Html {
    html! {
        <>
            { page_intro("Patient diary", "This version of the reference has no diary yet: nothing can be recorded here, and nothing is stored.") }
            <p data-testid="diary-unavailable">
                { "Written for patients, and without doses: " }
                <a href={view_fragment(Route::Phases, EffectView::Patient)}>{ "what a course of infusions looks like" }</a>
                { " and " }
                <a href={view_fragment(Route::SideEffects, EffectView::Patient)}>{ "side effects: what they may feel like and when to tell staff" }</a>
                { "." }
            </p>
        </>
    }
}
