//! The "Unverified" badge: text, not colour alone, marks figures that could
//! not be checked against the primary source.

use yew::prelude::*;

use crate::domain::reference::Status;

/// A space and the badge; nothing for sourced items. A plain function, not a
/// component (no state; see `grade_badge`).
pub fn status_badge(status: Status) -> Html {
    match status.badge() {
        Some(text) => html! {
            <>
                { " " }
                <span class="badge badge-unverified" data-testid="unverified-badge">{ text }</span>
            </>
        },
        None => html! {},
    }
}
