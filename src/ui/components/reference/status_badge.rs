//! The "Unverified" badge: text, not colour alone, marks figures that could
//! not be checked against the primary source.

use yew::prelude::*;

use crate::domain::reference::Status;

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub status: Status,
}

/// Renders nothing for sourced items.
#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    match props.status.badge() {
        Some(text) => html! {
            <>
                { " " }
                <span class="badge badge-unverified" data-testid="unverified-badge">{ text }</span>
            </>
        },
        None => html! {},
    }
}
