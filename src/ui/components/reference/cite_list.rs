//! Citation links: "[R2]" pointing to the sources page, with a visible
//! "secondary source" badge when the source is a secondary web page.

use yew::prelude::*;

use crate::domain::links::source_link;
use crate::domain::reference::{content, SourceKind};

#[derive(Properties, PartialEq)]
pub struct CiteListProps {
    /// Source ids as written in the JSON (`R2`, `seed-dosing`...).
    pub ids: &'static [String],
}

/// The citations for one claim or item. Each link opens `#/sources` at the
/// source's own entry (element id `source-<id>`), through `?entry=`: an
/// in-page anchor would change the route.
#[component]
pub fn CiteList(props: &CiteListProps) -> Html {
    html! {
        <span class="cites">
            { for props.ids.iter().map(|id| cite(id)) }
        </span>
    }
}

/// A single citation link, also used where ids are not stored as a slice.
pub fn cite(id: &str) -> Html {
    let source = content().ok().and_then(|c| c.source(id));
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
