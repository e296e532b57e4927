//! Importing card files: a file picker and a drop zone (several files at
//! once), and what happened to each file: imported (with any rename or
//! replacement message and notes on markup shown as text), or refused with
//! every problem by field path.

use yew::prelude::*;

use crate::domain::dosing::format_number;
use crate::domain::dosing::limits::CARD_MAX_FILE_BYTES;
use crate::domain::imported::import::ImportError;
use crate::domain::route::Route;

use super::imported_badge::imported_badge;
use super::problem_list::problem_list;

/// A card that was imported.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedSummary {
    /// The id it was imported as.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Rename or replacement messages.
    pub messages: Vec<String>,
    /// Notes on markup-like text (shown as text).
    pub notes: Vec<String>,
    /// What to know before using the card (contraindications without a
    /// rule, a name like a built-in card's).
    pub cautions: Vec<String>,
    /// What became of it when it could not be saved (it lasts until the
    /// page is closed, unless a later change is saved): a sentence.
    pub not_saved: Option<String>,
}

/// What happened to one file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// The file's name (or "the editor").
    pub source: String,
    /// Imported, or why not.
    pub outcome: Result<ImportedSummary, ImportError>,
}

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// Files picked or dropped.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// One report per file, latest import first.
    pub reports: Vec<ImportReport>,
    /// Why importing is not possible now, if it is not.
    #[prop_or_default]
    pub blocked: Option<AttrValue>,
}

fn report(r: &ImportReport) -> Html {
    match &r.outcome {
        Ok(s) => html! {
            <div class="import-result ok" data-testid="import-ok" data-card-id={s.id.clone()}>
                <p>
                    <strong>{ "Imported: " }</strong>
                    if r.source == crate::domain::imported::EDITED_SOURCE {
                        { format!("\u{201c}{}\u{201d} from the card editor as ", s.name) }
                    } else {
                        { format!("\u{201c}{}\u{201d} from \u{201c}{}\u{201d} as ", s.name, r.source) }
                    }
                    <code>{ s.id.clone() }</code>{ " " }{ imported_badge() }
                </p>
                { for s.messages.iter().map(|m| html! { <p class="import-message" data-testid="import-message">{ m.clone() }</p> }) }
                if let Some(said) = &s.not_saved {
                    <p class="import-message" data-testid="not-saved">{ said.clone() }</p>
                }
                if !s.cautions.is_empty() {
                    <p><strong>{ "Before you use it:" }</strong></p>
                    <ul class="import-notes" data-testid="import-cautions">
                        { for s.cautions.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                if !s.notes.is_empty() {
                    <p>{ "Shown as plain text, never run:" }</p>
                    <ul class="import-notes" data-testid="import-notes">
                        { for s.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                }
                <ul class="link-row">
                    // Each link names its card: two files imported at once
                    // give two of each, told apart in a list of links.
                    <li><a href={format!("{}?card={}&entry=card-{}", Route::Protocols.href(), s.id, s.id)}>{ format!("Inspect {}", s.id) }</a></li>
                    <li><a href={format!("{}?protocol={}", Route::Calculator.href(), s.id)}>{ format!("Open {} in the calculator", s.id) }</a></li>
                </ul>
            </div>
        },
        Err(e) => html! {
            <div class="import-result refused" data-testid="import-refused">
                <p><strong>{ format!("\u{201c}{}\u{201d}: ", r.source) }</strong>{ e.to_string() }</p>
                if !e.problems().is_empty() {
                    { problem_list(e.problems()) }
                }
            </div>
        },
    }
}

#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let dragging = use_state(|| false);
    let disabled = props.blocked.is_some();
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_files.emit(crate::platform::files::take_input_files(&input));
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser would open the file instead.
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if !disabled {
                on_files.emit(crate::platform::files::dropped_files(&e));
            }
        })
    };
    html! {
        <section class="import-panel" aria-labelledby="import-title" id="import">
            <h2 id="import-title">{ "Import a card" }</h2>
            <p>
                { "A card file is checked by the same rules as the built-in cards, including the hard limits no card can change. \
                   Nothing is imported unless the whole card is valid; otherwise the problems are listed with their field paths, first those of the file's structure (missing fields, wrong types) and, once it is right, those of the rules. \
                   An imported card is kept in this browser only, and is labelled \u{201c}imported, not reviewed\u{201d} wherever it appears." }
            </p>
            if let Some(why) = &props.blocked {
                <p class="notice-inline" role="note" data-testid="import-blocked">{ why.clone() }</p>
            }
            <div class={classes!("drop-zone", (*dragging).then_some("dragging"))} data-testid="drop-zone"
                 ondragenter={on_drag_over.clone()} ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
                <p>{ "Drop card files (.json) here, or choose them:" }</p>
                <label for="card-file">
                    { format!("Card file (JSON, at most {} KB)", format_number((CARD_MAX_FILE_BYTES / 1024) as f64, 0)) }
                </label>
                <input id="card-file" type="file" accept=".json,application/json" multiple=true
                       disabled={disabled} onchange={on_change} data-testid="card-file" />
            </div>
            <div class="import-results" id="import-results" aria-live="polite" data-testid="import-results">
                { for props.reports.iter().map(report) }
            </div>
        </section>
    }
}
