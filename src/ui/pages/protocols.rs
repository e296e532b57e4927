//! `#/protocols`: every protocol card, built-in and imported, laid out in
//! full; "show as JSON", download, duplicate and edit; import from files
//! (picker or drag and drop) with every problem listed by field path;
//! removal; the card format (JSON Schema download); and "verify this
//! calculator". The rules live in `domain::imported`; storage, files and
//! downloads in `platform`.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::dosing::input::query_pairs;
use crate::domain::dosing::limits::CARD_MAX_FILE_BYTES;
use crate::domain::dosing::schema::{schema_text, SCHEMA_FILE_NAME};
use crate::domain::dosing::CardProblem;
use crate::domain::imported::draft::{Draft, DRAFT_KEY};
use crate::domain::imported::import::{duplicate_text, file_too_large, import_card, ImportError};
use crate::domain::library::{is_known_source, CardLibrary, SavedState};
use crate::domain::route::Route;
use crate::platform::files::FileText;
use crate::ui::components::protocols::card_editor::CardEditor;
use crate::ui::components::protocols::card_list::card_list;
use crate::ui::components::protocols::card_view::CardView;
use crate::ui::components::protocols::import_panel::{ImportPanel, ImportReport, ImportedSummary};
use crate::ui::components::protocols::verify_panel::VerifyPanel;
use crate::ui::hooks::use_card_library::{current, save, use_card_library, CardLibraryContext};

#[derive(Properties, PartialEq)]
pub struct ProtocolsPageProps {
    /// The fragment's query (`card=<id>` selects the card shown in full).
    #[prop_or_default]
    pub query: AttrValue,
}

/// Import reports, latest first; several files may finish reading in any order.
#[derive(Default, PartialEq)]
struct Reports(Vec<ImportReport>);

enum ReportAction {
    Clear,
    Add(ImportReport),
}

impl Reducible for Reports {
    type Action = ReportAction;
    fn reduce(self: Rc<Self>, action: ReportAction) -> Rc<Self> {
        match action {
            ReportAction::Clear => Rc::new(Reports(Vec::new())),
            ReportAction::Add(r) => {
                let mut next = vec![r];
                next.extend(self.0.iter().cloned());
                Rc::new(Reports(next))
            }
        }
    }
}

/// The card being edited: a counter (a new edit starts a fresh editor),
/// what it is, and its starting text.
#[derive(Clone, PartialEq)]
struct Editing {
    key: u32,
    title: String,
    /// The id of the button that opened it, which takes focus when it closes.
    opener: &'static str,
    /// The card's text as it is.
    text: String,
    /// The text the editor starts from: `text`, or a draft brought back.
    start: String,
}

/// The id of the card's edit button ("Duplicate and edit" on a built-in
/// card, "Edit this card" on an imported one).
const EDIT_BUTTON: &str = "card-edit";
/// The id of an imported card's "Duplicate and edit" button.
const DUPLICATE_BUTTON: &str = "card-duplicate";

/// What takes focus after the next render: an element scrolled into view
/// (the status line once it shows its message: an empty one is not
/// displayed, so it cannot take focus before), a button by id, or a card's
/// entry by element id.
enum FocusNext {
    Reveal(&'static str),
    Button(&'static str),
    Entry(String),
}

/// `#/protocols?card=<id>&entry=card-<id>`: show that card and scroll to it.
fn card_href(id: &str) -> String {
    format!("{}?card={id}&entry=card-{id}", Route::Protocols.href())
}

/// Imports a card's text: starts from what is saved now, saves the result
/// and updates the app's cards (a callback, never during render).
fn import_text(cards: &CardLibraryContext, source: &str, text: &str) -> ImportReport {
    let base = current(cards);
    let today = crate::platform::clock::today_iso();
    let outcome = match import_card(&base, text, source, &today, &is_known_source) {
        Ok(done) => {
            // An identical card changes nothing: nothing to save.
            let (library, outcome) = if done.changed {
                save(done.library)
            } else {
                (done.library, Ok(()))
            };
            let not_saved = outcome
                .err()
                .map(|why| library.saved_state().not_saved_message(&why));
            cards.set.emit(Rc::new(library));
            Ok(ImportedSummary {
                id: done.id,
                name: done.name,
                messages: done.messages,
                notes: done.notes,
                cautions: done.cautions,
                not_saved,
            })
        }
        Err(e) => {
            cards.set.emit(Rc::new(base));
            Err(e)
        }
    };
    ImportReport {
        source: crate::domain::imported::text::clean_file_name(source),
        outcome,
    }
}

/// The import reports as they stand now: a card another tab's save left
/// out of this page says so instead of where it was kept.
fn shown_reports(reports: &[ImportReport], library: &CardLibrary) -> Vec<ImportReport> {
    let mut shown = reports.to_vec();
    for report in &mut shown {
        if let Ok(s) = &mut report.outcome {
            if library.is_left_out(&s.id) {
                s.not_saved = Some("It is no longer on this page: see the notice above.".into());
            }
        }
    }
    shown
}

fn refused(source: String, problem: CardProblem) -> ImportReport {
    ImportReport {
        source,
        outcome: Err(ImportError::Problems(vec![problem])),
    }
}

fn blocked_reason(library: &CardLibrary) -> Option<AttrValue> {
    match library.saved_state() {
        SavedState::NotRead => Some(crate::domain::calculator::READING_CARDS.into()),
        SavedState::Locked(e) => Some(
            format!("{e} Importing is paused so that nothing is saved over them; the saved data can be discarded above.")
                .into(),
        ),
        SavedState::Read | SavedState::Unavailable(_) | SavedState::Refused(_) => None,
    }
}

#[component]
pub fn ProtocolsPage(props: &ProtocolsPageProps) -> Html {
    let cards = use_card_library();
    let reports = use_reducer(Reports::default);
    let editing = use_state(|| None::<Editing>);
    // Another card for the editor, waiting while the open one has changes.
    let pending = use_state(|| None::<Editing>);
    // The open editor's text differs from the card it opened with (told by
    // the editor; kept here so the question does not depend on storage).
    let editor_changed = use_state_eq(|| false);
    let status = use_state(|| None::<String>);
    // What takes focus once the next render is done, asked for by an action
    // that removes or reveals it (see `FocusNext`).
    let focus_next = use_mut_ref(|| None::<FocusNext>);
    {
        let focus_next = focus_next.clone();
        use_effect(move || {
            let next = focus_next.borrow_mut().take();
            match next {
                Some(FocusNext::Reveal(id)) => {
                    crate::platform::dom::reveal_element(id);
                }
                Some(FocusNext::Button(id)) => crate::platform::dom::focus_element(id),
                Some(FocusNext::Entry(id)) => {
                    crate::platform::dom::reveal_entry(&id);
                }
                None => {}
            }
        });
    }
    {
        // A draft left in the editor (the page was left, reloaded or
        // closed) comes back.
        let editing = editing.clone();
        use_effect_with((), move |_| {
            let saved = crate::platform::storage::session_read(DRAFT_KEY)
                .ok()
                .flatten();
            match saved.as_deref().and_then(Draft::from_json) {
                Some(d) if d.changed() => {
                    // Key 0: the status line says it is back while this
                    // editor stays open (see `draft_back` below).
                    editing.set(Some(Editing {
                        key: 0,
                        title: d.title,
                        opener: EDIT_BUTTON,
                        text: d.original,
                        start: d.text,
                    }));
                }
                Some(_) => {
                    let _ = crate::platform::storage::session_remove(DRAFT_KEY);
                }
                None => {}
            }
        });
    }
    {
        // A new editor scrolls into view and takes focus.
        let key = editing.as_ref().map(|e| e.key);
        use_effect_with(key, |key| {
            if key.is_some() {
                crate::platform::dom::reveal_element("card-editor");
            }
        });
    }
    {
        // The question about the open editor's changes takes focus.
        use_effect_with(pending.is_some(), |&asked| {
            if asked {
                crate::platform::dom::reveal_element("editor-replace");
            }
        });
    }
    // A draft brought back into the editor is said while that editor is
    // open: not after it is imported, closed or replaced.
    let draft_back = editing.as_ref().filter(|e| e.key == 0).map(|e| {
        format!(
            "Your unsaved changes to {} are back in the editor below.",
            e.title
        )
    });
    let library = cards.library.clone();
    let requested = query_pairs(&props.query)
        .into_iter()
        .find(|(name, _)| name == "card")
        .map(|(_, id)| id);
    let entries = library.entries();
    let selected = requested
        .as_deref()
        .and_then(|id| library.get(id))
        .or_else(|| entries.first().copied());
    let selected_id = selected
        .map(|e| e.card.id().to_string())
        .unwrap_or_default();
    let on_files = {
        let cards = cards.clone();
        let reports = reports.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            reports.dispatch(ReportAction::Clear);
            for file in files {
                let cards = cards.clone();
                let reports = reports.clone();
                crate::platform::files::read_text(file, CARD_MAX_FILE_BYTES, move |read| {
                    let report = match read {
                        FileText::Read { name, text } => import_text(&cards, &name, &text),
                        FileText::TooLarge { name, bytes } => match file_too_large(bytes) {
                            Some(problem) => refused(name, problem),
                            None => refused(
                                name,
                                CardProblem::TooLarge {
                                    bytes: CARD_MAX_FILE_BYTES + 1,
                                    max: CARD_MAX_FILE_BYTES,
                                },
                            ),
                        },
                        FileText::Failed { name, reason } => refused(
                            name,
                            CardProblem::Invalid {
                                path: "(file)".to_string(),
                                message: format!("{reason}."),
                            },
                        ),
                    };
                    reports.dispatch(ReportAction::Add(report));
                });
            }
        })
    };
    let download = {
        let status = status.clone();
        Callback::from(move |(name, text): (String, String)| {
            if let Err(why) =
                crate::platform::files::download_text(&name, "application/json", &text)
            {
                status.set(Some(format!("The file could not be downloaded: {why}.")));
            }
        })
    };
    let on_remove = {
        let cards = cards.clone();
        let status = status.clone();
        let reports = reports.clone();
        let shown = requested.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |id: String| {
            let base = current(&cards);
            match base.without(&id) {
                Some(next) => {
                    let (next, outcome) = save(next);
                    let message = base.removal_message(&id, &outcome, next.saved_state());
                    cards.set.emit(Rc::new(next));
                    status.set(Some(message));
                    // Reports of its import, and an address naming it, are
                    // out of date; the status line says what happened.
                    reports.dispatch(ReportAction::Clear);
                    if shown.as_deref() == Some(id.as_str()) {
                        crate::platform::navigate::open(&Route::Protocols.href());
                    }
                    *focus_next.borrow_mut() = Some(FocusNext::Reveal("protocols-status"));
                }
                None => {
                    // Removed elsewhere (another tab): the list drops it and
                    // the button pressed with it, so focus goes to the line
                    // that says so.
                    cards.set.emit(Rc::new(base));
                    status.set(Some(format!(
                        "The card \u{201c}{id}\u{201d} is no longer in this browser."
                    )));
                    *focus_next.borrow_mut() = Some(FocusNext::Reveal("protocols-status"));
                }
            }
        })
    };
    let on_discard = {
        let cards = cards.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let next = cards.library.discard_saved();
            let message =
                match crate::platform::storage::remove(crate::domain::imported::store::STORAGE_KEY)
                {
                    Ok(()) => {
                        "The saved data was discarded. Cards can be imported again.".to_string()
                    }
                    Err(why) => format!("The saved data could not be discarded ({why})."),
                };
            cards.set.emit(Rc::new(next));
            status.set(Some(message));
        })
    };
    let on_editor_import = {
        let cards = cards.clone();
        let reports = reports.clone();
        let editing = editing.clone();
        let focus_next = focus_next.clone();
        Callback::from(move |text: String| {
            let report = import_text(&cards, crate::domain::imported::EDITED_SOURCE, &text);
            let imported = report.outcome.as_ref().ok().map(|s| s.id.clone());
            reports.dispatch(ReportAction::Clear);
            reports.dispatch(ReportAction::Add(report));
            if imported.is_none() {
                // Refused (the browser's cards are full, or its storage):
                // the report is in the import panel, below the editor.
                *focus_next.borrow_mut() = Some(FocusNext::Reveal("import-results"));
            }
            if let Some(id) = imported {
                let _ = crate::platform::storage::session_remove(DRAFT_KEY);
                editing.set(None);
                let href = card_href(&id);
                if crate::platform::location::current_fragment() == href {
                    // The address already names the card (an imported card
                    // edited in place): no navigation follows, which would
                    // focus it, and the editor that had focus is gone.
                    *focus_next.borrow_mut() = Some(FocusNext::Entry(format!("card-{id}")));
                } else {
                    crate::platform::navigate::open(&href);
                }
            }
        })
    };
    let on_schema = {
        let download = download.clone();
        Callback::from(move |_| download.emit((SCHEMA_FILE_NAME.to_string(), schema_text())))
    };

    let view = match selected {
        Some(entry) => {
            let card = entry.card.clone();
            let id = card.id().to_string();
            let imported = entry.imported.cloned();
            let on_download = {
                let download = download.clone();
                let card = card.clone();
                Callback::from(move |_| {
                    download.emit((format!("{}.json", card.id()), card.card().to_file_text()));
                })
            };
            let on_edit = {
                let editing = editing.clone();
                let pending = pending.clone();
                let editor_changed = *editor_changed;
                let library = library.clone();
                let card = card.clone();
                let is_imported = imported.is_some();
                Callback::from(move |copy: bool| {
                    let key = editing.as_ref().map_or(1, |e| e.key.wrapping_add(1));
                    let (title, text, opener) = if is_imported && !copy {
                        (
                            format!("the imported card {}", card.id()),
                            card.card().to_file_text(),
                            EDIT_BUTTON,
                        )
                    } else {
                        (
                            format!("a copy of {}", card.id()),
                            duplicate_text(card.card(), &|id| library.is_taken(id)),
                            if is_imported {
                                DUPLICATE_BUTTON
                            } else {
                                EDIT_BUTTON
                            },
                        )
                    };
                    let next = Editing {
                        key,
                        title,
                        opener,
                        start: text.clone(),
                        text,
                    };
                    // Changes in the open editor are not thrown away unasked.
                    if editing.is_some() && editor_changed {
                        pending.set(Some(next));
                    } else {
                        let _ = crate::platform::storage::session_remove(DRAFT_KEY);
                        editing.set(Some(next));
                    }
                })
            };
            let remove = imported.is_some().then(|| {
                let id = id.clone();
                on_remove.reform(move |_| id.clone())
            });
            html! {
                <CardView key={id} card={card} imported={imported} on_download={on_download} on_edit={on_edit} on_remove={remove} />
            }
        }
        None => {
            html! { <p class="block-panel" role="alert">{ "No protocol card is available: the built-in cards failed their checks." }</p> }
        }
    };

    html! {
        <>
            <h1>{ "Protocol cards" }</h1>
            <p class="lead">
                { "A protocol card is the data behind the calculator: the dosing-weight basis, the base rate, caps, phases, and \
                   each adjustment factor with its condition, effect, sources and kind of evidence. Inspect every card here, \
                   download it, start a clinic's own card from a built-in one, and import cards from files." }
            </p>
            if let Some(message) = library.left_out_message() {
                <div class="notice-inline saved-state" role="alert" data-testid="left-out">
                    <p>{ message }</p>
                </div>
            }
            if let Some(message) = library.saved_state().message() {
                <div class="notice-inline saved-state" role="alert" data-testid="saved-state">
                    <p>{ message }</p>
                    if matches!(library.saved_state(), SavedState::Locked(_)) {
                        <button type="button" data-testid="discard-saved" onclick={on_discard}>
                            { "Discard the saved data this version cannot read" }
                        </button>
                    }
                </div>
            }
            <p class="status-line" role="status" id="protocols-status" data-testid="protocols-status">{ (*status).clone().or(draft_back).unwrap_or_default() }</p>
            { card_list(&library, &selected_id, &on_remove) }
            if let Some(id) = requested.as_deref().filter(|id| {
                library.get(id).is_none() && *library.saved_state() != SavedState::NotRead
            }) {
                <p class="notice-inline" role="note" data-testid="card-not-here">
                    if library.is_unusable(id) {
                        { format!("The card \u{201c}{id}\u{201d} is saved in this browser but no longer passes this app's checks: see why under \u{201c}Saved cards that cannot be used\u{201d} above. Shown instead: the first card.") }
                    } else {
                        { format!("There is no card \u{201c}{id}\u{201d} in this browser: it may be a card imported on another computer. Import its file below. Shown instead: the first card.") }
                    }
                </p>
            }
            { view }
            if let (Some(open), Some(next)) = (&*editing, &*pending) {
                <div class="notice-inline" role="alert" id="editor-replace" tabindex="-1" data-testid="editor-replace" data-confirm="">
                    <p>{ format!("Your changes to {} are not imported or downloaded yet. Open {} in the editor instead?", open.title, next.title) }</p>
                    <p>
                        <button type="button" class="danger" data-testid="editor-replace-yes" onclick={{
                            let (editing, pending) = (editing.clone(), pending.clone());
                            Callback::from(move |_| {
                                let _ = crate::platform::storage::session_remove(DRAFT_KEY);
                                editing.set((*pending).clone());
                                pending.set(None);
                            })
                        }}>{ "Discard my changes and open it" }</button>
                        { " " }
                        <button type="button" data-testid="editor-replace-no" data-safe="" onclick={{
                            let pending = pending.clone();
                            Callback::from(move |_| {
                                pending.set(None);
                                crate::platform::dom::focus_element("card-editor-text");
                            })
                        }}>{ "Keep editing" }</button>
                    </p>
                </div>
            }
            if let Some(e) = &*editing {
                <CardEditor key={e.key.to_string()} library={library.clone()} initial={AttrValue::from(e.text.clone())}
                    start={AttrValue::from(e.start.clone())}
                    on_changed={let editor_changed = editor_changed.clone(); Callback::from(move |c| editor_changed.set(c))}
                    title={AttrValue::from(e.title.clone())} on_import={on_editor_import}
                    on_download={download.clone()} on_close={{
                        let editing = editing.clone();
                        let (focus_next, opener) = (focus_next.clone(), e.opener);
                        Callback::from(move |_| {
                            // The editor and the button pressed in it are
                            // gone: the button that opened it takes focus.
                            *focus_next.borrow_mut() = Some(FocusNext::Button(opener));
                            editing.set(None);
                        })
                    }} />
            }
            <ImportPanel on_files={on_files} reports={shown_reports(&reports.0, &library)} blocked={blocked_reason(&library)} />
            <section class="card-format" aria-labelledby="format-title">
                <h2 id="format-title">{ "The card format" }</h2>
                <p>
                    { "A card is one JSON file. Its fields are described in a JSON Schema (for editors that check JSON as you type) \
                       and in the README's section \u{201c}Protocol cards: format, import and export\u{201d}, with a worked example. \
                       The easiest start is \u{201c}Duplicate and edit\u{201d} on the built-in card closest to the clinic's protocol." }
                </p>
                <p><button type="button" class="long-label" data-testid="download-schema" onclick={on_schema}>{ "Download the JSON Schema (protocol-card.schema.json)" }</button></p>
            </section>
            <VerifyPanel />
        </>
    }
}
