//! `#/diary`: Patient diary. Pain, sleep, mood, side effects and a note for
//! each day, the infusion days marked, a chart over time, and export and
//! import of a file. Everything stays in this browser (local storage); the
//! state and its rules are `domain::diary_page`, this file adds the browser.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::diary::{
    chart_over, chart_periods, effect_names, export_file_name, marker_path, unreadable_file_name,
    Chart, Diary, Field, FieldError, Score, IMPORT_MAX_BYTES, NOTE_MAX_CHARS, SCORE_MAX,
    STORAGE_KEY,
};
use crate::domain::diary_draft::DRAFT_KEY;
use crate::domain::diary_page::{file_too_large, Action, DiaryPage as State, Focus};
use crate::domain::dosing::format_number;
use crate::domain::reference::{content, EffectView};
use crate::domain::route::{view_fragment, Route};
use crate::domain::schedule::long_date;
use crate::platform::files::FileText;
use crate::ui::components::page_intro::page_intro;

struct Page(State);

thread_local! {
    /// The page's state once loaded, kept while the tab is open: a patient
    /// who follows a link from the form (a side effect's page) and comes
    /// back finds what was half typed, and a diary the browser keeps nothing
    /// of ([`State::only_in_memory`]) is still there. When the page comes
    /// back it merges what storage holds by then.
    static KEPT: std::cell::RefCell<Option<State>> = const { std::cell::RefCell::new(None) };
    /// While leaving would lose entries the browser does not keep
    /// ([`State::lost_on_leaving`]): asks the browser to confirm a reload or
    /// a closed tab, whichever page of the app is open.
    static GUARD: std::cell::RefCell<Option<crate::platform::location::WindowListener>> =
        const { std::cell::RefCell::new(None) };
}

impl Reducible for Page {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = self
            .0
            .clone()
            .at(crate::platform::clock::now_ms())
            .apply(action);
        KEPT.with(|kept| *kept.borrow_mut() = next.loaded.then(|| next.clone()));
        let guard = next.lost_on_leaving();
        GUARD.with(|g| {
            let mut g = g.borrow_mut();
            if guard != g.is_some() {
                *g = guard.then(|| {
                    crate::platform::location::listen_to("beforeunload", false, |e| {
                        e.prevent_default();
                        // Browsers before 2023 (Chromium 119) ask only when
                        // the event's returnValue is set.
                        if let Some(e) =
                            wasm_bindgen::JsCast::dyn_ref::<web_sys::BeforeUnloadEvent>(&e)
                        {
                            e.set_return_value("unsaved");
                        }
                    })
                });
            }
        });
        Rc::new(Page(next))
    }
}

/// Every side effect of the reference by the diary's name for it: (id,
/// name), the words of the diary's tick-box where it has them.
fn known_effects() -> Vec<(String, String)> {
    content()
        .side_effects
        .effects
        .iter()
        .map(|e| {
            let name = e.patient.diary.as_deref().unwrap_or(&e.name);
            (e.id.to_string(), name.to_string())
        })
        .collect()
}

/// Whether the form offers an effect to every entry: one a patient can
/// notice (liver injury is found only by tests; an entry that has it keeps
/// its box, see `DiaryPage::keeps_effect`).
fn offered(id: &str) -> bool {
    content()
        .side_effects
        .effects
        .iter()
        .any(|e| *e.id == *id && e.patient.diary.is_some())
}

fn error_for(errors: &[FieldError], field: Field) -> Option<&str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Date => "diary-date",
        Field::Score(Score::Pain) => "diary-pain",
        Field::Score(Score::Sleep) => "diary-sleep",
        Field::Score(Score::Mood) => "diary-mood",
        Field::Note => "diary-note",
        Field::Entry => "diary-save",
    }
}

/// A field's error paragraph (`<id>-error`), tied to it by `aria-describedby`.
fn field_error(errors: &[FieldError], field: Field) -> Html {
    match error_for(errors, field) {
        Some(message) => html! {
            <p class="field-error" id={format!("{}-error", field_id(field))} data-testid="diary-error">{ message.to_string() }</p>
        },
        None => Html::default(),
    }
}

/// The ids that describe a field: its hint (if it has one) and its error
/// (if it has one).
fn described_by(errors: &[FieldError], field: Field, hint: Option<&str>) -> Option<String> {
    let error = error_for(errors, field).map(|_| format!("{}-error", field_id(field)));
    match (hint, error) {
        (Some(hint), Some(error)) => Some(format!("{hint} {error}")),
        (Some(hint), None) => Some(hint.to_string()),
        (None, error) => error,
    }
}

#[component]
pub fn DiaryPage() -> Html {
    let page = use_reducer(|| {
        Page(
            KEPT.with(|kept| kept.borrow().clone())
                .map_or_else(State::default, State::shown_again),
        )
    });
    let effects = use_memo((), |_| known_effects());
    {
        // The saved text and today's date, read once (never during render);
        // then the changes other tabs make, and today again whenever the
        // page is shown (a tab may stay open for days).
        let page = page.clone();
        use_effect_with((), move |_| {
            // Shown again (from another tab, or from the browser's
            // back-forward cache): today, and what other tabs saved
            // meanwhile, in case the page was asleep when they did.
            // (Not when the page is hidden: a long diary is read only once.)
            let again = {
                let page = page.clone();
                move || {
                    page.dispatch(Action::Today(crate::platform::clock::today_iso()));
                    if crate::platform::dom::page_hidden() {
                        return;
                    }
                    if let Ok(saved) = crate::platform::storage::read(STORAGE_KEY) {
                        page.dispatch(Action::SavedElsewhere(saved));
                    }
                }
            };
            if page.0.loaded {
                // Kept from the last visit: merged with what this or
                // another tab saved meanwhile, and written if that lacks
                // anything of it (a diary the browser kept nothing of).
                again();
            } else {
                // The form's unsaved work kept for this tab (a reload, or a
                // phone that discarded the tab), read before anything is
                // written over it.
                let kept = crate::platform::storage::session_read(DRAFT_KEY)
                    .ok()
                    .flatten();
                page.dispatch(Action::Load {
                    saved: crate::platform::storage::read(STORAGE_KEY),
                    today: crate::platform::clock::today_iso(),
                });
                if let Some(kept) = kept {
                    page.dispatch(Action::Restore(kept));
                }
            }
            let elsewhere = {
                let page = page.clone();
                crate::platform::storage::on_change_elsewhere(STORAGE_KEY, move |saved| {
                    if let Ok(text) = saved {
                        page.dispatch(Action::SavedElsewhere(text));
                    }
                })
            };
            let shown = crate::platform::location::listen("visibilitychange", false, again.clone());
            let restored = crate::platform::location::listen("pageshow", false, again);
            // A printed diary holds every entry, not only the rows shown.
            let print = crate::platform::location::listen("beforeprint", false, move || {
                page.dispatch(Action::Print)
            });
            move || drop((elsewhere, shown, restored, print))
        });
    }
    {
        // Every change made here is written straight away (once the saved
        // text is read, and never over saved text that cannot be read), and
        // so is the merged diary when another tab's saved one lacked
        // something of it: each time `write` moves, not when the page is
        // shown (a diary held in memory is first merged with what other
        // tabs saved meanwhile, above, and written if that lacks anything).
        let page = page.clone();
        let written = use_mut_ref(|| page.0.write);
        use_effect_with(page.0.write, move |&write| {
            if std::mem::replace(&mut *written.borrow_mut(), write) == write {
                return;
            }
            // The saved text could not be read when the page loaded: read
            // it now and merge it first (that asks for this write again),
            // so a diary this page never saw is not written over.
            if page.0.unread {
                if let Ok(saved) = crate::platform::storage::read(STORAGE_KEY) {
                    page.dispatch(Action::SavedElsewhere(saved));
                }
                return;
            }
            if let Some(text) = page.0.to_store() {
                let outcome = crate::platform::storage::write(STORAGE_KEY, &text).err();
                // Also the outcome an import's report or a save's line
                // waits for.
                if outcome != page.0.not_saved || page.0.import_added || page.0.save_awaits {
                    page.dispatch(Action::Stored(outcome));
                }
            }
        });
    }
    // Why the form's unsaved work cannot be kept across a reload, when the
    // browser refuses session storage.
    let form_not_kept = use_state_eq(|| None::<String>);
    {
        // The form's unsaved work is kept for this tab as it changes, and
        // removed once there is none (saved, cancelled, cleared, or its
        // entry deleted).
        let kept = page.0.kept_form().map(|k| k.to_json());
        let loaded = page.0.loaded;
        let form_not_kept = form_not_kept.clone();
        use_effect_with((loaded, kept), move |(loaded, kept)| {
            if !*loaded {
                return;
            }
            form_not_kept.set(match kept {
                Some(text) => crate::platform::storage::session_write(DRAFT_KEY, text).err(),
                None => {
                    let _ = crate::platform::storage::session_remove(DRAFT_KEY);
                    None
                }
            });
        });
    }
    {
        // Focus where the last action asked (after a delete, an undo, a
        // failed save, the start of an edit).
        use_effect_with(page.0.focus.clone(), |focus| {
            if let Some((_, place)) = focus {
                crate::platform::dom::focus_element(&match place {
                    Focus::Field(field) => field_id(*field).to_string(),
                    Focus::Saved => "diary-save".to_string(),
                    Focus::Undo => "diary-undo".to_string(),
                    Focus::Row(date) => format!("diary-edit-{date}"),
                    Focus::KeepAll => "diary-clear-no".to_string(),
                    Focus::DeleteAll => "diary-clear".to_string(),
                    Focus::Notice => "diary-notice-text".to_string(),
                    Focus::BringBack => "diary-bring-back".to_string(),
                    Focus::ClearForm => "diary-clear-form".to_string(),
                    Focus::KeepOld => "diary-fresh-no".to_string(),
                    Focus::StartFresh => "diary-fresh".to_string(),
                });
                // What a save said is under its button, which a phone often
                // shows at the bottom of the screen: brought into view.
                let said = match place {
                    Focus::Saved => "diary-notice-text",
                    Focus::Field(Field::Entry) => "diary-save-error",
                    _ => "",
                };
                crate::platform::dom::reveal_error_of_focused("diary-save", said);
            }
        });
    }
    let s = &page.0;
    // The chart and the table are components of their own, drawn again only
    // when the diary changes: typing in the form leaves a long diary alone.
    let on_row = {
        let page = page.clone();
        use_callback((), move |action: Action, _| page.dispatch(action))
    };
    let dispatch = |action: Action| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.dispatch(action.clone()))
    };
    // One form field changed.
    let edit = |change: fn(&web_sys::HtmlInputElement) -> Action| {
        let page = page.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            page.dispatch(change(&input));
        })
    };
    let on_date = edit(|input| Action::SetDate(input.value()));
    let on_infusion = edit(|input| Action::SetInfusion(input.checked()));
    let on_note = {
        let page = page.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            page.dispatch(Action::SetNote(area.value()));
        })
    };
    let today_now = {
        let page = page.clone();
        move || page.dispatch(Action::Today(crate::platform::clock::today_iso()))
    };
    let on_submit = {
        let page = page.clone();
        let today_now = today_now.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            today_now();
            page.dispatch(Action::Save);
        })
    };
    // Coming to the form asks the day again, before the first change: a
    // form left untouched on a screen that stayed on overnight moves to
    // today (one already begun keeps its day). A tap reaches it too where
    // the browser does not focus what is tapped (Safari's check boxes).
    let on_come_to_form = {
        let page = page.clone();
        let shown = s.today.clone();
        // Only a new day is news: a focus move otherwise changes nothing.
        Callback::from(move |_: Event| {
            let today = crate::platform::clock::today_iso();
            if today != shown {
                page.dispatch(Action::Today(today));
            }
        })
    };
    // Escape in the form cancels an edit.
    let on_form_key = {
        let page = page.clone();
        let editing = s.editing.is_some();
        Callback::from(move |e: KeyboardEvent| {
            if editing && e.key() == "Escape" {
                e.prevent_default();
                page.dispatch(Action::CancelEdit);
            }
        })
    };
    let on_import = {
        let page = page.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            today_now();
            for file in crate::platform::files::take_input_files(&input) {
                let page = page.clone();
                crate::platform::files::read_text(file, IMPORT_MAX_BYTES, move |read| {
                    page.dispatch(Action::Import(match read {
                        FileText::Read { name, text } => Ok((name, text)),
                        FileText::TooLarge { name, bytes } => Err(file_too_large(&name, bytes)),
                        FileText::Failed { name, reason } => Err(format!(
                            "\u{201c}{name}\u{201d} was not imported: {reason}."
                        )),
                    }))
                });
            }
        })
    };
    let download_error = use_state(|| None::<String>);
    // The text is made when the button is pressed, not at every render.
    let download = |name: String, text: Rc<dyn Fn() -> String>| {
        let download_error = download_error.clone();
        Callback::from(move |_: MouseEvent| {
            download_error.set(
                crate::platform::files::download_text(&name, "application/json", &text()).err(),
            );
        })
    };
    let errors = &s.errors;
    let score_field = |score: Score| {
        let field = Field::Score(score);
        let id = field_id(field);
        let page = page.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            page.dispatch(Action::SetScore(score, select.value()));
        });
        let current = s.draft.score(score).to_string();
        html! {
            <div class="field">
                <label for={id}>{ score.name() }</label>
                <span class="field-hint" id={format!("{id}-hint")}>{ score.scale() }</span>
                <select id={id} ~value={crate::platform::dom::live_value(&current)} onchange={onchange}
                    aria-describedby={described_by(errors, field, Some(&format!("{id}-hint")))}
                    aria-invalid={error_for(errors, field).is_some().then_some("true")}>
                    <option value="" selected={current.is_empty()}>{ "Not recorded" }</option>
                    { for (0..=SCORE_MAX).map(|v| {
                        let v = v.to_string();
                        html! { <option value={v.clone()} selected={current == v}>{ v.clone() }</option> }
                    }) }
                </select>
                { field_error(errors, field) }
            </div>
        }
    };
    let effect_box = |(id, name): &(String, String)| {
        let page = page.clone();
        let effect = id.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            page.dispatch(Action::SetEffect(effect.clone(), input.checked()));
        });
        let box_id = format!("diary-effect-{id}");
        html! {
            <div class="check">
                <input type="checkbox" id={box_id.clone()} checked={s.draft.side_effects.contains(id)} onchange={onchange} />
                <label for={box_id}>{ name.clone() }</label>
            </div>
        }
    };
    // Side effects the reference does not know (from a file): ticked, and
    // each can be unticked.
    let unknown: Vec<(String, String)> = s
        .draft
        .side_effects
        .iter()
        .filter(|id| !effects.iter().any(|(known, _)| known == *id))
        .map(|id| (id.clone(), id.clone()))
        .collect();
    let today = s.today.clone();
    let heading = match &s.editing {
        Some(date) => format!("Edit the entry for {}", long_date(date)),
        None => "New entry".to_string(),
    };
    let note_chars = s.draft.note.trim().chars().count();

    html! {
        <>
            { page_intro("Patient diary", "A private record of how you are between infusions: pain, sleep, mood and side effects, day by day, with your infusion days marked. It can help you and your care team see how the treatment is working for you.") }
            <p class="notice" data-testid="diary-privacy">
                { "Your entries stay in this browser, on this device. Nothing is sent anywhere, and your care team sees them only if you show them or give them an exported file. On a shared computer, export your diary and delete it here when you are done. The diary records; it does not give medical advice: if something worries you, tell your care team." }
            </p>
            if let Some((text, reason)) = &s.unreadable {
                <div class="notice-inline" role="alert" data-testid="diary-unreadable">
                    <p>{ format!("The diary saved in this browser cannot be read ({reason}). It has not been changed or deleted. Download it to keep it, then start a new diary if you wish.") }</p>
                    <p>
                        <button type="button" data-testid="diary-download-unreadable"
                            onclick={download(unreadable_file_name(&today), { let text = text.clone(); Rc::new(move || text.clone()) })}>{ "Download the saved text" }</button>
                        { " " }
                        if s.confirm_fresh {
                            <span role="group" aria-label="Replace the diary that cannot be read?" data-confirm="">
                            <button type="button" class="danger" data-testid="diary-fresh-yes" onclick={dispatch(Action::StartFresh(Some(true)))}>{ "Yes, replace it with a new diary" }</button>
                            { " " }
                            <button type="button" id="diary-fresh-no" data-testid="diary-fresh-no" data-safe="" onclick={dispatch(Action::StartFresh(Some(false)))}>{ "Keep it" }</button>
                            </span>
                        } else {
                            <button type="button" id="diary-fresh" data-testid="diary-fresh" onclick={dispatch(Action::StartFresh(None))}>{ "Start a new diary\u{2026}" }</button>
                        }
                    </p>
                </div>
            }
            if let Some(reason) = &s.not_saved {
                <p class="notice-inline" role="alert" data-testid="diary-not-saved">
                    if s.unread {
                        // Entries saved before may be there: nothing is lost by
                        // a reload, and nothing is written over them meanwhile.
                        { format!("This browser did not let the app read the saved diary ({reason}). What you enter stays in this tab, also when you visit other pages of this app, and is added to the saved diary if it can be read later; nothing is written over it meanwhile. If this browser keeps no data at all, what you enter is lost when the tab is closed: export the diary to a file to keep it.") }
                    } else {
                        { format!("This browser is not keeping the diary ({reason}). What you enter now stays while this tab is open, also when you visit other pages of this app, but is lost when the tab is closed or reloaded. Export the diary to a file to keep it.") }
                    }
                </p>
            }
            <form class="diary-form" novalidate=true onsubmit={on_submit} onkeydown={on_form_key}
                onfocusin={on_come_to_form.reform(|e: FocusEvent| e.into())} onpointerdown={on_come_to_form.reform(|e: PointerEvent| e.into())}
                aria-labelledby="diary-form-title">
                <h2 id="diary-form-title">{ heading }</h2>
                <div class="diary-fields">
                    <div class="field">
                        <label for="diary-date">{ "Day" }</label>
                        <input id="diary-date" type="date" min={crate::domain::diary::FIRST_DATE} max={(!today.is_empty()).then(|| today.clone())}
                            value={s.draft.date.clone()} onchange={on_date}
                            aria-invalid={error_for(errors, Field::Date).is_some().then_some("true")}
                            aria-describedby={described_by(errors, Field::Date, None)} />
                        { field_error(errors, Field::Date) }
                    </div>
                    { for Score::ALL.into_iter().map(score_field) }
                </div>
                <div class="check diary-infusion">
                    <input type="checkbox" id="diary-infusion" checked={s.draft.infusion} onchange={on_infusion} />
                    <label for="diary-infusion">{ "I had an infusion this day" }</label>
                </div>
                <fieldset>
                    <legend>{ "Side effects you noticed" }</legend>
                    <div class="diary-effects">{ for effects.iter().filter(|(id, _)| offered(id) || s.keeps_effect(id)).chain(unknown.iter()).map(effect_box) }</div>
                    <p class="field-hint">
                        { "What they may feel like, and when to tell staff: " }
                        <a href={view_fragment(Route::SideEffects, EffectView::Patient)}>{ "side effects, for patients" }</a>{ "." }
                    </p>
                </fieldset>
                <div class="field">
                    <label for="diary-note">{ "Note" }</label>
                    <textarea id="diary-note" rows="3" value={s.draft.note.clone()} oninput={on_note}
                        aria-invalid={error_for(errors, Field::Note).is_some().then_some("true")}
                        aria-describedby={described_by(errors, Field::Note, Some("diary-note-count"))} />
                    <span class="field-hint" id="diary-note-count">{ format!("{} of {} characters", format_number(note_chars as f64, 0), format_number(NOTE_MAX_CHARS as f64, 0)) }</span>
                    { field_error(errors, Field::Note) }
                </div>
                <p>
                    <button type="submit" id="diary-save" data-testid="diary-save"
                        aria-describedby={described_by(errors, Field::Entry, None)}>
                        { if s.editing.is_some() { "Save the changes" } else { "Save entry" } }
                    </button>
                    if s.editing.is_some() {
                        { " " }
                        <button type="button" data-testid="diary-cancel-edit" onclick={dispatch(Action::CancelEdit)}>{ "Cancel editing" }</button>
                    } else if s.kept_form().is_some() {
                        { " " }
                        <button type="button" id="diary-clear-form" data-testid="diary-clear-form" onclick={dispatch(Action::ClearForm)}>{ "Clear the form" }</button>
                    } else if s.cleared.is_some() {
                        { " " }
                        <button type="button" id="diary-bring-back" data-testid="diary-bring-back" onclick={dispatch(Action::BringBackForm)}>{ "Bring back what was cleared" }</button>
                    }
                </p>
                if let Some(why) = &*form_not_kept {
                    <p class="notice-inline" role="note" data-testid="diary-form-not-kept">
                        { format!("What you type here cannot be kept in this browser ({why}): it stays while you use the app's pages in this tab, but a reload or closing the tab loses it. Save the entry to keep it.") }
                    </p>
                }
                if let Some(message) = error_for(errors, Field::Entry) {
                    <p class="field-error" id="diary-save-error" role="alert" data-testid="diary-error">{ message.to_string() }</p>
                }
            </form>
            // What was just done is for the screen, not the printed diary.
            <div class="no-print" aria-live="polite" data-testid="diary-notice">
                if let Some(notice) = &s.notice {
                    <p class="diary-notice" id="diary-notice-text" tabindex="-1">
                        { notice.clone() }
                        if let Some(label) = s.undo_label() {
                            { " " }
                            <button type="button" id="diary-undo" data-testid="diary-undo" onclick={dispatch(Action::Undo)}>{ label }</button>
                        }
                    </p>
                }
            </div>
            <section aria-labelledby="diary-entries-title">
                <h2 id="diary-entries-title">{ "Your entries" }</h2>
                if s.diary.is_empty() {
                    <p data-testid="diary-empty">{ "No entries yet. Entries you save appear here and on a chart over time." }</p>
                } else {
                    <DiaryChart revision={s.revision} diary={s.diary.clone()} today={today.clone()} />
                    <EntriesTable revision={s.revision} shown={s.rows_shown()} diary={s.diary.clone()} effects={effects.clone()} on_action={on_row.clone()} />
                    if let Some(more) = s.more_rows() {
                        <p class="diary-more" data-testid="diary-more">
                            <span data-testid="diary-more-status">{ more.status }</span>
                            { " " }
                            <button type="button" data-testid="diary-show-more" onclick={dispatch(Action::ShowOlder(false))}>{ more.more }</button>
                            if let Some(all) = more.all {
                                { " " }
                                <button type="button" data-testid="diary-show-all" onclick={dispatch(Action::ShowOlder(true))}>{ all }</button>
                            }
                        </p>
                    }
                }
            </section>
            <section aria-labelledby="diary-files-title" class="diary-files">
                <h2 id="diary-files-title">{ "Keep a copy, or bring one back" }</h2>
                <p>{ "Export saves the whole diary as a file on this device. Import reads such a file back: days this browser lacks are added, and a day it already has is never changed." }</p>
                <p>
                    <button type="button" data-testid="diary-export" disabled={s.diary.is_empty()}
                        onclick={download(export_file_name(&today), { let page = page.clone(); Rc::new(move || page.0.diary.to_json()) })}>{ "Export the diary (.json)" }</button>
                </p>
                if let Some(message) = &*download_error {
                    <p class="field-error" role="alert">{ format!("The file could not be offered: {message}") }</p>
                }
                <div class="field">
                    <label for="diary-file">{ format!("Import a diary file (JSON, at most {} MB)", IMPORT_MAX_BYTES / (1024 * 1024)) }</label>
                    <input id="diary-file" type="file" accept=".json,application/json" data-testid="diary-file"
                        disabled={s.unreadable.is_some()} onchange={on_import} />
                </div>
                <div aria-live="polite" data-testid="diary-import-result">
                    { match &s.import {
                        Some(Ok(report)) => html! { <p class="import-result ok" data-testid="diary-import-ok">{ report.clone() }</p> },
                        Some(Err(why)) => html! { <p class="import-result refused" data-testid="diary-import-refused">{ why.clone() }</p> },
                        None => Html::default(),
                    } }
                </div>
                if !s.diary.is_empty() {
                    <p>
                        if s.confirm_clear {
                            // Focus goes to "Keep them": the question is its description.
                            <span data-confirm="">
                            <span id="diary-clear-question">{ format!("Delete all {} entries from this browser? Export first if you want to keep them.", format_number(s.diary.len() as f64, 0)) }</span>
                            { " " }
                            <button type="button" class="danger" data-testid="diary-clear-yes" aria-describedby="diary-clear-question" onclick={dispatch(Action::Clear(Some(true)))}>{ "Yes, delete them all" }</button>
                            { " " }
                            <button type="button" id="diary-clear-no" data-testid="diary-clear-no" data-safe="" aria-describedby="diary-clear-question" onclick={dispatch(Action::Clear(Some(false)))}>{ "Keep them" }</button>
                            </span>
                        } else {
                            <button type="button" class="danger" id="diary-clear" data-testid="diary-clear" onclick={dispatch(Action::Clear(None))}>{ "Delete the whole diary\u{2026}" }</button>
                        }
                    </p>
                }
            </section>
        </>
    }
}

/// Shown for a score, side effects or a note not recorded that day.
const NOT_RECORDED: &str = "\u{2013}";

/// `text`, or [`NOT_RECORDED`] when it is empty.
fn or_not_recorded(text: String) -> String {
    if text.is_empty() {
        NOT_RECORDED.to_string()
    } else {
        text
    }
}

#[derive(Properties)]
struct DiaryChartProps {
    /// The diary's revision (see [`State::revision`]).
    revision: u32,
    diary: Diary,
    /// Today's date: a period ends at the latest entry not after it.
    today: String,
}

impl PartialEq for DiaryChartProps {
    /// The diary changes only with its revision, so its entries are not
    /// compared one by one on every render of the page.
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && self.today == other.today
    }
}

#[component]
fn DiaryChart(props: &DiaryChartProps) -> Html {
    // The period shown: every entry, or the days up to the latest entry.
    let period = use_state(|| None::<u32>);
    let periods = chart_periods(&props.diary);
    // A period the diary no longer reaches past shows every entry, and is
    // forgotten (not taken up again unasked when the diary grows).
    let days = (*period).filter(|d| periods.iter().any(|(p, _)| *p == Some(*d)));
    {
        let period = period.clone();
        use_effect_with(days, move |days| {
            if days.is_none() && period.is_some() {
                period.set(None);
            }
        });
    }
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            period.set(select.value().parse::<u32>().ok());
        })
    };
    let Some(c) = chart_over(&props.diary, days, &props.today) else {
        return Html::default();
    };
    html! {
        <>
            if periods.len() > 1 {
                <p class="diary-chart-period">
                    <label for="diary-chart-period">{ "Chart over" }</label>{ " " }
                    <select id="diary-chart-period" data-testid="diary-chart-period" onchange={on_period}>
                        { for periods.iter().map(|(d, name)| html! {
                            <option value={d.map(|d| d.to_string()).unwrap_or_else(|| "all".to_string())}
                                    selected={*d == days}>
                                { if d.is_some() { format!("{name} to the latest entry") } else { name.to_string() } }
                            </option>
                        }) }
                    </select>
                </p>
            }
            { chart_view(&c) }
        </>
    }
}

#[derive(Properties)]
struct EntriesTableProps {
    /// The diary's revision (see [`State::revision`]).
    revision: u32,
    /// How many entries to show, newest first (see [`State::rows_shown`]).
    shown: usize,
    diary: Diary,
    effects: Rc<Vec<(String, String)>>,
    /// Edit or delete an entry.
    on_action: Callback<Action>,
}

impl PartialEq for EntriesTableProps {
    /// As for [`DiaryChartProps`].
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.shown == other.shown
            && Rc::ptr_eq(&self.effects, &other.effects)
            && self.on_action == other.on_action
    }
}

/// The newest entries (as many as `shown`), newest first. Edit and Delete
/// come right after the day, so that they stay on screen however narrow the
/// table's scrolling region is.
#[component]
fn EntriesTable(props: &EntriesTableProps) -> Html {
    let act = |action: Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let score = |v: Option<u32>| {
        v.map(|v| v.to_string())
            .unwrap_or_else(|| NOT_RECORDED.to_string())
    };
    html! {
        <div class="table-scroll diary-scroll" role="region" aria-labelledby="diary-table-caption" tabindex="0">
            <table class="diary-table stack-table" data-testid="diary-table">
                <caption id="diary-table-caption">{ "Your entries, newest first. Scores from 0 to 10; \u{2013} means not recorded." }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Day" }</th>
                        <th scope="col" class="diary-actions"><span class="sr-only">{ "Actions" }</span></th>
                        <th scope="col">{ "Infusion" }</th>
                        <th scope="col">{ "Pain" }</th>
                        <th scope="col">{ "Sleep" }</th>
                        <th scope="col">{ "Mood" }</th>
                        <th scope="col">{ "Side effects" }</th>
                        <th scope="col">{ "Note" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.diary.entries().iter().rev().take(props.shown).map(|e| {
                        let day = long_date(&e.date);
                        html! {
                            <tr key={e.date.clone()} data-testid="diary-row" data-date={e.date.clone()}>
                                <th scope="row">{ day.clone() }</th>
                                <td class="diary-actions">
                                    <button type="button" id={format!("diary-edit-{}", e.date)} data-testid="diary-edit" aria-label={format!("Edit the entry for {day}")}
                                        onclick={act(Action::StartEdit(e.date.clone()))}>{ "Edit" }</button>
                                    { " " }
                                    <button type="button" data-testid="diary-delete" aria-label={format!("Delete the entry for {day}")}
                                        onclick={act(Action::Remove(e.date.clone()))}>{ "Delete" }</button>
                                </td>
                                <td data-label="Infusion">{ if e.infusion { "Yes" } else { "No" } }</td>
                                <td data-label="Pain">{ score(e.pain) }</td>
                                <td data-label="Sleep">{ score(e.sleep) }</td>
                                <td data-label="Mood">{ score(e.mood) }</td>
                                // Blank cells read "–", as the caption says: on a
                                // phone each cell is a labelled line of its own.
                                <td data-label="Side effects">{ or_not_recorded(effect_names(e, &props.effects).join(", ")) }</td>
                                <td data-label="Note" class="diary-note-cell">{ or_not_recorded(e.note.clone()) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The class of a score's line and markers: its colour and, for sleep and
/// mood, its dash pattern (the markers' shapes are [`marker_path`]'s), so the
/// lines are told apart without their colours.
fn series_class(score: Score) -> &'static str {
    match score {
        Score::Pain => "series-pain",
        Score::Sleep => "series-sleep",
        Score::Mood => "series-mood",
    }
}

fn chart_view(c: &Chart) -> Html {
    use crate::domain::diary::{CHART_HEIGHT, CHART_WIDTH};
    use crate::domain::dosing::format::plain_number;
    html! {
        <figure class="diary-chart">
            <svg viewBox={format!("0 0 {} {}", plain_number(CHART_WIDTH, 0), plain_number(CHART_HEIGHT, 0))}
                 role="img" aria-labelledby="diary-chart-title" preserveAspectRatio="xMinYMin meet" data-testid="diary-chart">
                <title id="diary-chart-title">{ c.summary.clone() }</title>
                { for c.levels.iter().map(|(y, label)| html! {
                    <g class="chart-level">
                        <line x1="36" x2="624" y1={y.clone()} y2={y.clone()} />
                        <text x="28" y={y.clone()} dy="4" text-anchor="end">{ label.clone() }</text>
                    </g>
                }) }
                { for c.infusions.iter().map(|(x, date)| html! {
                    <g class="chart-infusion" data-testid="diary-chart-infusion" data-date={date.clone()}>
                        <line x1={x.clone()} x2={x.clone()} y1="12" y2="216" />
                        <path d={format!("M{x} 218l5 9h-10z")} />
                    </g>
                }) }
                { for c.series.iter().map(|s| html! {
                    <g class={classes!("chart-series", series_class(s.score))} data-testid="diary-chart-series" data-score={s.score.key()}>
                        if !s.line.is_empty() {
                            <path class="chart-line" d={s.line.clone()} />
                        }
                        <path class="chart-markers" d={s.markers.clone()} />
                    </g>
                }) }
                // The first and last labels end at the plot's edges.
                { for c.ticks.iter().enumerate().map(|(i, t)| {
                    let anchor = if i == 0 { "start" } else if i + 1 == c.ticks.len() { "end" } else { "middle" };
                    html! { <text class="chart-tick" x={t.x.clone()} y="246" text-anchor={anchor}>{ t.label.clone() }</text> }
                }) }
            </svg>
            // A key, not a caption: a caption would name the figure with
            // the whole legend; the chart's summary names its image.
            <div class="diary-chart-key">
                if let Some(note) = &c.gap_note {
                    <p class="diary-chart-gaps" data-testid="diary-chart-gaps">{ note.clone() }</p>
                }
                <ul class="diary-legend">
                    { for Score::ALL.into_iter().map(|score| html! {
                        <li>
                            <svg width="34" height="12" aria-hidden="true" class={classes!("chart-series", series_class(score))}>
                                <line x1="2" x2="32" y1="6" y2="6" />
                                <path class="chart-markers" d={marker_path(score, "17", "6")} />
                            </svg>
                            { format!("{} ({})", score.name(), score.scale()) }
                        </li>
                    }) }
                    <li class="chart-infusion">
                        <svg width="34" height="12" aria-hidden="true"><path d="M17 1l5 9h-10z" /></svg>
                        { "Infusion day (a line and a triangle under it)" }
                    </li>
                </ul>
            </div>
        </figure>
    }
}
