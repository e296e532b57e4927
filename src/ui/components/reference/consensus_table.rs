//! A table of guideline or label positions: condition, position, grade,
//! sources. Rows stack into labelled blocks on narrow screens.

use yew::prelude::*;

use super::cite_list::CiteList;
use super::grade_badge::grade_badge;
use super::status_badge::status_badge;
use crate::domain::reference::ConsensusPosition;

#[derive(Properties, PartialEq)]
pub struct ConsensusTableProps {
    pub positions: &'static [ConsensusPosition],
    pub caption: AttrValue,
    /// The header of the first column.
    #[prop_or(AttrValue::Static("Condition"))]
    pub first_header: AttrValue,
}

#[component]
pub fn ConsensusTable(props: &ConsensusTableProps) -> Html {
    let first = props.first_header.clone();
    html! {
        <table class="stack-table consensus-table">
            <caption>{ props.caption.clone() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ first.clone() }</th>
                    <th scope="col">{ "Position" }</th>
                    <th scope="col">{ "Grade" }</th>
                    <th scope="col">{ "Sources" }</th>
                </tr>
            </thead>
            <tbody>
                { for props.positions.iter().map(|p| html! {
                    <tr data-testid="consensus-row">
                        <th scope="row" data-label={first.clone()}>{ p.condition.as_str() }</th>
                        <td data-label="Position">
                            { p.position.as_str() }
                            { status_badge(p.status) }
                            if let Some(note) = p.note.as_deref() {
                                { " " }<span class="claim-note">{ note }</span>
                            }
                        </td>
                        <td data-label="Grade">{ grade_badge(p.grade.as_ref()) }</td>
                        <td data-label="Sources"><CiteList ids={p.sources.as_slice()} /></td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
