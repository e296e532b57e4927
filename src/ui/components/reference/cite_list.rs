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

/// For the patients' views: what the bracketed links and the two badges
/// mean, in everyday words.
pub fn patient_reading_note() -> Html {
    html! {
        <p class="patient-note" data-testid="reading-note">
            { "Each statement ends with a link in square brackets, such as [R2], that opens its source on the Sources page. \u{201c}Unverified\u{201d} marks a figure that could not be checked against the original study, and \u{201c}secondary source\u{201d} a website that reports someone else's work." }
        </p>
    }
}
