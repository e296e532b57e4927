//! `#/sources`: Sources: every source grouped by kind, with its identifiers,
//! what is unverified about it, and links to the items that cite it (each to
//! its own entry on its page, `?entry=<item id>`). Each entry's element id is
//! `source-<id>` (for example `source-R2`).

use yew::prelude::*;

use crate::domain::links::entry_link;
use crate::domain::reference::{citing_items, content, CitingItem, ReferenceContent, Source};
use crate::domain::route::Route;
use crate::ui::components::page_intro::page_intro;

/// The page (a plain function: it has no state of its own).
pub fn sources_page() -> Html {
    let body = body(content());
    html! {
        <>
            { page_intro("Sources", "Every source this reference cites, grouped by kind, with the items that cite it.") }
            { body }
        </>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    // A list looked through, not a map: about a hundred sources, read once
    // per render of this page, and no B-tree of this type in the wasm.
    let mut cited_by: Vec<(&str, Vec<CitingItem<'static>>)> = Vec::new();
    for item in citing_items(c) {
        for id in &item.source_ids {
            match cited_by.iter_mut().find(|(source, _)| source == id) {
                Some((_, items)) => items.push(item.clone()),
                None => cited_by.push((id, vec![item.clone()])),
            }
        }
    }
    html! {
        <>
            <p>
                { "Citations such as [R2] throughout the app lead here. Sources marked " }
                <span class="badge badge-unverified">{ "Unverified details" }</span>
                { " have parts that could not be confirmed against the original; " }
                <span class="badge badge-secondary">{ "secondary source" }</span>
                { " marks web pages that summarise other work. The protocol cards cite these sources too." }
            </p>
            { for crate::domain::reference::SourceKind::ALL.into_iter().map(|kind| {
                let sources: Vec<&'static Source> = c.sources_of_kind(kind).collect();
                let heading_id = format!("kind-{}-heading", kind.key());
                html! {
                    <section class="source-kind" data-testid="source-kind" data-kind={kind.key()}
                        aria-labelledby={heading_id.clone()}>
                        <h2 id={heading_id}>{ format!("{} ({})", kind.heading(), sources.len()) }</h2>
                        <ul class="source-list">
                            { for sources.into_iter().map(|s| source_entry(s, cited_by.iter().find(|(id, _)| *id == s.id.as_str()).map(|(_, items)| items))) }
                        </ul>
                    </section>
                }
            }) }
        </>
    }
}

fn source_entry(s: &'static Source, cited_by: Option<&Vec<CitingItem<'static>>>) -> Html {
    let element_id = format!("source-{}", s.id);
    html! {
        <li class="source" id={element_id} data-testid="source" data-source-id={s.id.as_str()}
            data-kind={s.kind.key()}>
            <p class="source-citation">
                <strong class="source-id">{ format!("[{}]", s.id) }</strong>
                { format!(" {} ({}). ", s.authors, s.year) }
                <cite>{ s.title.as_str() }</cite>
                { format!("{}{}.", s.after_title(), s.publisher) }
                if s.kind == crate::domain::reference::SourceKind::Secondary {
                    { " " }<span class="badge badge-secondary">{ "secondary source" }</span>
                }
            </p>
            if s.link().is_some() {
            <p class="source-links">
                if let Some(doi) = s.doi.as_deref() {
                    <a href={format!("https://doi.org/{doi}")} rel="noopener noreferrer">{ format!("doi:{doi}") }</a>{ " " }
                }
                if let Some(pmid) = s.pmid.as_deref() {
                    <a href={format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/")} rel="noopener noreferrer">{ format!("PMID {pmid}") }</a>{ " " }
                }
                if let Some(url) = s.url.as_deref() {
                    <a class="source-url" href={url.to_string()} rel="noopener noreferrer">{ url }</a>
                }
            </p>
            }
            if !s.unverified.is_empty() {
                <div class="source-unverified">
                    <span class="badge badge-unverified">{ "Unverified details" }</span>
                    <ul>{ for s.unverified.iter().map(|n| html! { <li>{ n.as_str() }</li> }) }</ul>
                </div>
            }
            if let Some(note) = s.note.as_deref() {
                <p class="source-note">{ note }</p>
            }
            { cited_by_list(cited_by) }
        </li>
    }
}

/// Past this many entries, a source's "Cited by" list starts folded under a
/// summary that gives the count: the seed articles are cited by 30 to 43
/// entries, which made a list 6,600 to 8,700 px tall on a phone at 200 % text.
const CITED_BY_OPEN_UP_TO: usize = 6;

fn cited_by_list(items: Option<&Vec<CitingItem<'static>>>) -> Html {
    match items {
        Some(items) if !items.is_empty() => {
            let links = html! {
                <ul class="link-row">
                    { for items.iter().map(|item| html! {
                        <li>
                            <a href={entry_link(item.route, item.item_id)} data-item-id={item.item_id}>
                                { format!("{}: {}", item.route.title(), item.label) }
                            </a>
                        </li>
                    }) }
                </ul>
            };
            if items.len() > CITED_BY_OPEN_UP_TO {
                html! {
                    <details class="cited-by" data-testid="cited-by">
                        <summary class="cited-by-label">{ format!("Cited by {} entries", items.len()) }</summary>
                        { links }
                    </details>
                }
            } else {
                html! {
                    <div class="cited-by" data-testid="cited-by">
                        <span class="cited-by-label">{ "Cited by: " }</span>
                        { links }
                    </div>
                }
            }
        }
        _ => html! {
            <p class="cited-by" data-testid="cited-by">
                { "Cited by the " }<a href={Route::Protocols.href()}>{ "protocol cards" }</a>{ "." }
            </p>
        },
    }
}
