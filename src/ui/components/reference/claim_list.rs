//! Cited claims: the text, its status badge, its citations and its note.

use yew::prelude::*;

use super::cite_list::CiteList;
use super::status_badge::status_badge;
use crate::domain::reference::Claim;

#[derive(Properties, PartialEq)]
pub struct ClaimTextProps {
    pub claim: &'static Claim,
}

/// One claim, inline: text, badge, citations, then the note if any.
#[component]
pub fn ClaimText(props: &ClaimTextProps) -> Html {
    let claim = props.claim;
    html! {
        <>
            { claim.text.as_str() }
            { status_badge(claim.status) }
            <CiteList ids={claim.sources.as_slice()} />
            if let Some(note) = claim.note.as_deref() {
                { " " }
                <span class="claim-note">{ note }</span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ClaimListProps {
    pub claims: &'static [Claim],
}

/// A bulleted list of claims; nothing when the list is empty.
#[component]
pub fn ClaimList(props: &ClaimListProps) -> Html {
    if props.claims.is_empty() {
        return html! {};
    }
    html! {
        <ul class="claims">
            { for props.claims.iter().map(|claim| html! {
                <li><ClaimText claim={claim} /></li>
            }) }
        </ul>
    }
}
