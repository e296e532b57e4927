//! Citation links: "[R2]" pointing to the sources page, with a visible
//! "secondary source" badge when the source is a secondary web page.

use yew::prelude::*;

use crate::domain::links::source_link;
use crate::domain::reference::{content, SourceKind, Text};

/// The citations for one claim or item (source ids as written in the JSON:
/// `R2`, `seed-dosing`...). Each link opens `#/sources` at the source's own
/// entry (element id `source-<id>`), through `?entry=`: an in-page anchor
/// would change the route. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn cite_list(ids: &[Text]) -> Html {
    html! {
        <span class="cites">
            { for ids.iter().map(|id| cite(id)) }
        </span>
    }
}

/// A single citation link, also used where ids are not stored as a slice.
pub fn cite(id: &str) -> Html {
    let source = content().source(id);
    let title = source.map(|s| s.short_label());
    let secondary = source.is_some_and(|s| s.kind == SourceKind::Secondary);
    html! {
        <>
            { " " }
            <a class="cite" href={source_link(id)} title={title} data-source-id={id.to_string()}>
                { format!("[{id}]") }
            </a>
            if secondary {
                { " " }
                <span class="badge badge-secondary" data-testid="secondary-badge">{ "secondary source" }</span>
            }
        </>
    }
}
