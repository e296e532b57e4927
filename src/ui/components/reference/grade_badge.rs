//! The 2018 consensus grade of a position, as a text badge.

use yew::prelude::*;

use crate::domain::reference::Grade;
use crate::ui::components::reference::status_badge::status_badge;

/// "Grade B, low certainty" (with its status when unverified), or "No
/// consensus grade" when there is none.
/// A plain function, not a component: it has no state, and each component
/// type costs the wasm its own copy of Yew's lifecycle code.
pub fn grade_badge(grade: Option<&'static Grade>) -> Html {
    match grade {
        // An unverified grade says so beside it, with why.
        Some(grade) => html! {
            <>
                <span class="badge badge-grade" data-grade={grade.strength.to_string()}>{ grade.label() }</span>
                { status_badge(grade.status) }
                if let Some(note) = grade.note.as_deref() {
                    { " " }<span class="claim-note">{ crate::ui::components::keep_units(note) }</span>
                }
            </>
        },
        None => html! {
            <span class="badge badge-nograde">{ "No consensus grade" }</span>
        },
    }
}
