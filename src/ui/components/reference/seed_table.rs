//! A table from a seed article, reproduced cell by cell with its attribution.

use yew::prelude::*;

use super::cite_list::cite;

/// What a seed table shows.
pub struct SeedTable {
    /// For example "Table 1 of the first seed article, as published".
    pub caption: &'static str,
    pub headers: Vec<&'static str>,
    /// One entry per row, one cell per header.
    pub rows: Vec<Vec<&'static str>>,
    /// The seed's source id, cited in the caption.
    pub source_id: &'static str,
    /// `data-testid` of the table.
    pub testid: &'static str,
}

/// The first cell of each row is a row header. Rows stack on narrow screens.
/// A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn seed_table(props: SeedTable) -> Html {
    let headers = &props.headers;
    html! {
        <table class="stack-table seed-table" data-testid={props.testid}>
            <caption>{ props.caption }{ cite(props.source_id) }</caption>
            <thead>
                <tr>{ for headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|row| html! {
                    <tr data-testid="seed-row">
                        { for row.iter().zip(headers.iter()).enumerate().map(|(i, (cell, header))| {
                            if i == 0 {
                                html! { <th scope="row" data-label={*header}>{ *cell }</th> }
                            } else {
                                html! { <td data-label={*header}>{ crate::ui::components::keep_units(cell) }</td> }
                            }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
