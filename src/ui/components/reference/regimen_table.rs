//! The published-regimens comparison table. It is wide, so it sits in its own
//! keyboard-scrollable region and its rows stack on narrow screens.

use yew::prelude::*;

use super::cite_list::cite_list;
use super::status_badge::status_badge;
use crate::domain::reference::Regimen;

/// The published regimens side by side. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn regimen_table(regimens: &'static [Regimen]) -> Html {
    let headers = regimens
        .first()
        .map(|r| r.cells().map(|(header, _)| header))
        .unwrap_or_default();
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Published regimens compared (scrollable)">
            <table class="stack-table regimen-table" data-testid="regimen-table">
                <caption>{ "Published regimens, as reported; S-ketamine doses are not racemic doses" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Study" }</th>
                        <th scope="col">{ "Condition and design" }</th>
                        { for headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }
                        <th scope="col">{ "Sources" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for regimens.iter().map(|r| html! {
                        <tr id={r.id.as_str()} data-testid="regimen-row">
                            <th scope="row" data-label="Study">{ r.study.as_str() }</th>
                            <td data-label="Condition and design">{ crate::ui::components::keep_units(&format!("{}. {}", r.condition, r.design)) }</td>
                            { for r.cells().into_iter().map(|(header, cell)| html! {
                                <td data-label={header}>
                                    { crate::ui::components::keep_units(&cell.text) }
                                    { status_badge(cell.status) }
                                </td>
                            }) }
                            <td data-label="Sources">{ cite_list(&r.sources) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
