//! A table of guideline or label positions: condition, position, grade,
//! sources. Rows stack into labelled blocks on narrow screens.

use yew::prelude::*;

use super::cite_list::cite_list;
use super::grade_badge::grade_badge;
use super::status_badge::status_badge;
use crate::domain::reference::ConsensusPosition;

/// Consensus positions with their grades; `first_header` heads the first
/// column ("Condition", "Topic"...). A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn consensus_table(
    positions: &'static [ConsensusPosition],
    caption: &'static str,
    first_header: &'static str,
) -> Html {
    let first = first_header;
    html! {
        <table class="stack-table consensus-table">
            <caption>{ caption }</caption>
            <thead>
                <tr>
                    <th scope="col">{ first }</th>
                    <th scope="col">{ "Position" }</th>
                    <th scope="col">{ "Grade" }</th>
                    <th scope="col">{ "Sources" }</th>
                </tr>
            </thead>
            <tbody>
                { for positions.iter().map(|p| html! {
                    <tr data-testid="consensus-row">
                        <th scope="row" data-label={first}>{ p.condition.as_str() }</th>
                        <td data-label="Position">
                            { crate::ui::components::keep_units(&p.position) }
                            { status_badge(p.status) }
                            if let Some(note) = p.note.as_deref() {
                                { " " }<span class="claim-note">{ crate::ui::components::keep_units(note) }</span>
                            }
                        </td>
                        <td data-label="Grade">{ grade_badge(p.grade.as_ref()) }</td>
                        <td data-label="Sources">{ cite_list(&p.sources) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
