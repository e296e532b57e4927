//! "Duplicate and edit": the card's JSON in a text area, checked as you
//! type by the same rules as an import (every problem by field path), with
//! buttons to import the card when it is valid and to download the text.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::dosing::count;
use crate::domain::imported::draft::{Draft, DRAFT_KEY};
use crate::domain::imported::import::{prepare, Tense};
use crate::domain::library::{is_known_source, CardLibrary};

use super::problem_list::problem_list;

#[derive(Properties, PartialEq)]
pub struct CardEditorProps {
    pub library: Rc<CardLibrary>,
    /// The text the editor opened with (the card as it is).
    pub initial: AttrValue,
    /// The text to start from: `initial`, or a draft brought back.
    pub start: AttrValue,
    /// What is being edited ("a copy of crps-4h").
    pub title: AttrValue,
    /// Import the text (only offered when it is valid).
    pub on_import: Callback<String>,
    /// Download the text: (file name, text).
    pub on_download: Callback<(String, String)>,
    pub on_close: Callback<()>,
    /// Told whether the text has changes that would be lost (it differs
    /// from `initial` and from the text last downloaded), each time that
    /// changes.
    #[prop_or_default]
    pub on_changed: Callback<bool>,
}

/// A file name for the text: `<id>.json` when an id can be read from it.
fn file_name(text: &str) -> String {
    crate::domain::json::parse_value(text)
        .ok()
        .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_string))
        .filter(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .map_or_else(
            || "protocol-card.json".to_string(),
            |id| format!("{id}.json"),
        )
}

#[component]
pub fn CardEditor(props: &CardEditorProps) -> Html {
    let text = use_state(|| props.start.to_string());
    // "Close the editor" with changes asks first.
    let confirm_close = use_state(|| false);
    // The text last downloaded: changes in a file are kept, so closing the
    // editor or opening another card asks nothing.
    let downloaded = use_state(|| None::<String>);
    let changed = *text != props.initial.as_str() && downloaded.as_deref() != Some(text.as_str());
    {
        let on_changed = props.on_changed.clone();
        use_effect_with(changed, move |changed| on_changed.emit(*changed));
    }
    // Focus follows the question: on "Keep editing" when it is asked, back
    // on "Close the editor" after it.
    crate::ui::hooks::use_question_focus::use_question_focus(
        *confirm_close,
        "editor-keep",
        "editor-close",
    );
    let check = use_memo(((*text).clone(), props.library.clone()), |(t, library)| {
        prepare(library, t, &is_known_source)
    });
    // Why the draft cannot be kept across a reload, when the browser refuses.
    let not_kept = use_state_eq(|| None::<String>);
    {
        // A draft brought back: whether it can be kept is said at once, not
        // only at the next keystroke.
        let not_kept = not_kept.clone();
        let draft = (props.start != props.initial).then(|| Draft {
            title: props.title.to_string(),
            original: props.initial.to_string(),
            text: props.start.to_string(),
        });
        use_effect_with((), move |_| {
            if let Some(draft) = draft {
                not_kept.set(keep(&draft));
            }
        });
    }
    let on_input = {
        let text = text.clone();
        let not_kept = not_kept.clone();
        let (title, initial) = (props.title.to_string(), props.initial.to_string());
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let draft = Draft {
                title: title.clone(),
                original: initial.clone(),
                text: area.value(),
            };
            // Kept as it is typed, so leaving the page or a reload loses
            // nothing (the page brings it back).
            not_kept.set(keep(&draft));
            text.set(draft.text);
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = crate::platform::storage::session_remove(DRAFT_KEY);
            on_close.emit(());
        })
    };
    let ask_close = {
        let confirm_close = confirm_close.clone();
        let close = close.clone();
        Callback::from(move |e: MouseEvent| {
            if changed {
                confirm_close.set(true);
            } else {
                close.emit(e);
            }
        })
    };
    let valid = check.is_ok();
    let on_import = {
        let text = text.clone();
        let cb = props.on_import.clone();
        Callback::from(move |_| cb.emit((*text).clone()))
    };
    let on_download = {
        let (text, downloaded) = (text.clone(), downloaded.clone());
        let cb = props.on_download.clone();
        Callback::from(move |_| {
            downloaded.set(Some((*text).clone()));
            cb.emit((file_name(&text), (*text).clone()));
        })
    };
    // Read out once typing pauses (the status below changes with every
    // keystroke): valid, or how many problems and the first of them.
    let spoken = match &*check {
        Ok(p) => {
            let mut said = "Valid.".to_string();
            if p.placement.changes_library() {
                said.push_str(&format!(" It would be imported as {}.", p.card.id()));
            }
            if let Some(m) = p.placement.message(Tense::Preview) {
                said.push_str(&format!(" {m}"));
            }
            said
        }
        Err(problems) => format!(
            "{} to fix before this card can be imported. The first: {}",
            count(problems.len(), "problem", "problems"),
            problems.first().map(|p| p.to_string()).unwrap_or_default()
        ),
    };
    let status = match &*check {
        Ok(p) => html! {
            <div class="editor-status ok" data-testid="editor-status" data-valid="true">
                <p>
                    <strong>{ "Valid. " }</strong>
                    if p.placement.changes_library() {
                        { "It would be imported as " }<code>{ p.card.id().to_string() }</code>{ "." }
                    }
                </p>
                { for p.placement.message(Tense::Preview).into_iter().map(|m| html! { <p>{ m }</p> }) }
                if !p.cautions.is_empty() {
                    <ul class="import-notes" data-testid="editor-cautions">{ for p.cautions.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                }
                if !p.notes.is_empty() {
                    <ul class="import-notes">{ for p.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                }
            </div>
        },
        Err(problems) => html! {
            <div class="editor-status refused" data-testid="editor-status" data-valid="false">
                <p><strong>{ count(problems.len(), "problem", "problems") }</strong>
                   { " to fix before this card can be imported:" }</p>
                { problem_list(problems) }
            </div>
        },
    };
    html! {
        <section class="card-editor" id="card-editor" aria-labelledby="card-editor-title" data-testid="card-editor">
            <h2 id="card-editor-title">{ format!("Edit {}", props.title) }</h2>
            <p>
                { "Change the JSON below: the id, the name, the figures and their sources. It is checked as you type. \
                   The format is described in the README and in the JSON Schema you can download at the end of this page." }
            </p>
            <label for="card-editor-text">{ "Card JSON" }</label>
            <textarea id="card-editor-text" class="card-editor-text" spellcheck="false" autocapitalize="off" autocorrect="off" rows="24"
                      value={(*text).clone()} oninput={on_input} data-testid="editor-text"
                      aria-describedby="card-editor-status" aria-invalid={(!valid).then_some("true")} />
            <div id="card-editor-status">{ status }</div>
            if let Some(why) = &*not_kept {
                <p class="notice-inline" role="note" data-testid="editor-not-kept">
                    { format!("Your changes cannot be kept in this browser ({why}): they stay while you use the app's pages in this tab, but a reload or closing the tab loses them. Download the draft to keep it.") }
                </p>
            }
            <crate::ui::components::calculator::announcer::Announcer text={AttrValue::from(spoken)} testid="editor-live" />
            <p class="card-actions">
                <button type="button" disabled={!valid} onclick={on_import} data-testid="editor-import">{ "Import this card" }</button>
                // A draft with problems can be kept as a file (work is not
                // lost), and says it is one: no app imports it as it is.
                <button type="button" onclick={on_download} data-testid="editor-download">
                    { if valid { "Download as a file" } else { "Download the draft (not valid yet)" } }
                </button>
                if *confirm_close && changed {
                    <span role="group" aria-label="Close the editor?" data-confirm="">
                        { "Your changes are not imported or downloaded. " }
                        <button type="button" class="danger" data-testid="editor-discard" onclick={close}>{ "Discard them and close" }</button>
                        { " " }
                        <button type="button" id="editor-keep" data-testid="editor-keep" data-safe=""
                            onclick={let confirm_close = confirm_close.clone(); Callback::from(move |_| confirm_close.set(false))}>{ "Keep editing" }</button>
                    </span>
                } else {
                    <button type="button" id="editor-close" data-testid="editor-close" onclick={ask_close}>{ "Close the editor" }</button>
                }
            </p>
        </section>
    }
}

/// Keeps the draft for the tab (see [`DRAFT_KEY`]); why it cannot be kept
/// across a reload, when the browser refuses.
fn keep(draft: &Draft) -> Option<String> {
    crate::platform::storage::session_write(DRAFT_KEY, &draft.to_json()).err()
}
