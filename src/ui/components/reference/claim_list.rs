//! Cited claims: the text, its status badge, its citations and its note.

use yew::prelude::*;

use super::cite_list::cite_list;
use super::status_badge::status_badge;
use crate::domain::reference::Claim;

/// One claim, inline: text, badge, citations, then the note if any. Plain
/// functions here, not components: they have no state, and each component
/// type costs the wasm its own copy of Yew's lifecycle code.
pub fn claim_text(claim: &'static Claim) -> Html {
    html! {
        <>
            { crate::ui::components::keep_units(&claim.text) }
            { status_badge(claim.status) }
            { cite_list(&claim.sources) }
            if let Some(note) = claim.note.as_deref() {
                { " " }
                <span class="claim-note">{ crate::ui::components::keep_units(note) }</span>
            }
        </>
    }
}

/// A bulleted list of claims; nothing when the list is empty.
pub fn claim_list(claims: &'static [Claim]) -> Html {
    if claims.is_empty() {
        return html! {};
    }
    html! {
        <ul class="claims">
            { for claims.iter().map(|claim| html! {
                <li>{ claim_text(claim) }</li>
            }) }
        </ul>
    }
}
