//! The 2018 consensus grade of a position, as a text badge.

use yew::prelude::*;

use crate::domain::reference::Grade;

#[derive(Properties, PartialEq)]
pub struct GradeBadgeProps {
    pub grade: Option<&'static Grade>,
}

/// "Grade B, low certainty", or "No consensus grade" when there is none.
#[component]
pub fn GradeBadge(props: &GradeBadgeProps) -> Html {
    match props.grade {
        Some(grade) => html! {
            <span class="badge badge-grade" data-grade={grade.strength.clone()}>{ grade.label() }</span>
        },
        None => html! {
            <span class="badge badge-nograde">{ "No consensus grade" }</span>
        },
    }
}
