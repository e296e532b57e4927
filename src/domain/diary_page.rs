//! What the diary page holds and how each action changes it: a pure state
//! machine, tested natively, that the page's reducer calls. The page only
//! adds the browser: the clock, local storage, files and focus.

use crate::domain::diary::{
    days_ahead, import_problem, load, read_draft, Diary, Draft, Entry, Field, FieldError, Loaded,
    SaveError, Score, IMPORT_MAX_BYTES, MAX_ENTRIES,
};
use crate::domain::diary_draft::KeptForm;
use crate::domain::dosing::{count, format_number};
use crate::domain::schedule::long_date;

/// Ends an import's report while the browser refuses to store the diary.
const IMPORT_ONLY_HERE: &str =
    " The days added are kept on this page only: this browser did not save them (see above).";
/// A save's line ("Saved the entry for …", "Saved the changes to …") while
/// the browser refuses to store the diary: "Kept the entry for …" and one
/// of these.
const SAVE_ONLY_HERE: [&str; 2] = [
    " on this page only: this browser did not save it (see above).",
    " on this page only: this browser did not save them (see above).",
];

/// Ends a deletion's line ("Deleted the entry for …", "Deleted the whole
/// diary …") while the browser refuses to store the diary.
const DELETE_ONLY_HERE: &str =
    " on this page only: this browser did not save the deletion (see above).";

/// The page's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiaryPage {
    /// The saved text has been read (until then nothing is written back).
    pub loaded: bool,
    /// Today, `YYYY-MM-DD` (empty until the clock has been read).
    pub today: String,
    pub diary: Diary,
    /// Saved text this app cannot read, and why: kept, not overwritten,
    /// until the patient starts again.
    pub unreadable: Option<(String, String)>,
    /// Why entries cannot be kept in this browser, when they cannot.
    pub not_saved: Option<String>,
    /// The saved text could not be read when the page loaded (the browser
    /// refused the read): nothing is written until a read works and its
    /// diary is merged in, so entries saved before are never written over
    /// by a diary that does not know them.
    pub unread: bool,
    /// The browser's storage should hold a diary of this app (or holds text
    /// under its key): found when the page loaded, or entries made since
    /// (written, or tried). Until then an empty diary is not written, so
    /// opening the page leaves nothing behind.
    pub stored: bool,
    /// The form.
    pub draft: Draft,
    /// The day of the entry being edited.
    pub editing: Option<String>,
    /// A new entry that was being typed when an edit started: set aside,
    /// and back in the form when the edit ends (saved, cancelled, or its
    /// entry deleted).
    pub set_aside: Option<Draft>,
    /// A new entry given up by "Clear the form", until the form is typed in
    /// again, an edit starts, or it is brought back
    /// ([`Action::BringBackForm`]).
    pub cleared: Option<Draft>,
    /// The form's problems.
    pub errors: Vec<FieldError>,
    /// What the last action did, in words.
    pub notice: Option<String>,
    /// The last action was a save that worked: a second press of "Save"
    /// on the emptied form (a double tap) leaves its line as it is.
    pub just_saved: bool,
    /// The entry deleted last, for an undo.
    pub undo: Option<Entry>,
    /// What the last import did: a report, or why the file was refused.
    pub import: Option<Result<String, String>>,
    /// The last import added days, and the outcome of writing them is not
    /// known yet (the page reports it with [`Action::Stored`]): if the
    /// browser refuses it, the report says they are kept on this page only.
    pub import_added: bool,
    /// The same for the last save ("Saved the entry for …").
    pub save_awaits: bool,
    /// "Delete the whole diary" was pressed once and waits for a yes.
    pub confirm_clear: bool,
    /// "Start a new diary" (over unreadable saved text) waits for a yes.
    pub confirm_fresh: bool,
    /// Counts the changes of the diary: what is saved and drawn is
    /// recomputed only when it moves.
    pub revision: u32,
    /// Counts the times the page should write the diary: each change made
    /// here, a new diary over unreadable text, and each time another tab's
    /// saved diary lacked a change of this one's
    /// ([`crate::domain::diary::Diary::news_for`]). Taking up another tab's
    /// changes alone writes nothing: its text already holds them.
    pub write: u32,
    /// Where the page should move focus after this action: a request number
    /// (so the same place can be asked for twice) and the place.
    pub focus: Option<(u32, Focus)>,
    /// How many entries the table shows beyond the newest [`TABLE_STEP`]
    /// ("Show more" and "Show all" raise it, and so does an entry saved or
    /// put back further down; back to 0 when the diary is empty).
    pub older_rows: usize,
    /// The time of the action being applied, milliseconds since 1970 (see
    /// [`DiaryPage::at`]): each change of the diary carries it, so that
    /// two tabs changing the diary in the same moment can merge.
    pub now: u64,
}

/// The table shows the newest this many entries at first, and "Show more"
/// adds as many again: a diary kept for years (up to
/// [`crate::domain::diary::MAX_ENTRIES`] days) opens quickly, and its
/// latest days come first.
pub const TABLE_STEP: usize = 100;

/// The line under a table that does not show every entry, and its buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MoreRows {
    /// How many are shown, in words.
    pub status: String,
    /// "Show more": the label of the button that shows the next
    /// [`TABLE_STEP`] entries (or the rest, when fewer are left).
    pub more: String,
    /// "Show all": the label of the button that shows every entry, when
    /// more than one step is left.
    pub all: Option<String>,
}

/// Where focus goes after an action, so that keyboard and screen-reader
/// users keep their place when what they pressed goes away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A field of the form (the first one with a problem, or the day when
    /// an edit starts); `Field::Entry` is the save button.
    Field(Field),
    /// The undo button, after a delete.
    Undo,
    /// The edit button of the entry of a day, after an undo.
    Row(String),
    /// "Keep them", when the whole diary's removal is asked about.
    KeepAll,
    /// "Delete the whole diary…", when the question is answered "keep".
    DeleteAll,
    /// The line that says what was just done, when nothing is left to act
    /// on (the whole diary deleted): on a phone it is far below the form.
    Notice,
    /// After a save: focus stays on the save button, and the line under it
    /// that says what was saved is brought into view (on a phone the button
    /// is often at the bottom of the screen, and the line below it).
    Saved,
    /// "Bring back what was cleared", in the place of the "Clear the form"
    /// just pressed: focus stays where it was, and its name says both that
    /// the form was cleared and how to undo it.
    BringBack,
    /// "Clear the form", back in the place of "Bring back what was cleared".
    ClearForm,
    /// "Keep it", when replacing a diary that cannot be read is asked about.
    KeepOld,
    /// "Start a new diary…", when the question is answered "keep".
    StartFresh,
}

/// Something the patient (or the browser) did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The saved text (`None`: nothing saved, or storage unusable, see
    /// `not_saved`) and today's date.
    Load {
        saved: Result<Option<String>, String>,
        today: String,
    },
    /// One field of the form changed.
    SetDate(String),
    SetInfusion(bool),
    SetScore(Score, String),
    SetEffect(String, bool),
    SetNote(String),
    /// Today's date, read again from the clock (before a save or an
    /// import, and when the page is shown again: a tab may stay open for
    /// days).
    Today(String),
    /// "Save entry".
    Save,
    /// "Edit" on the entry of a day.
    StartEdit(String),
    /// "Cancel editing".
    CancelEdit,
    /// "Delete" on the entry of a day.
    Remove(String),
    /// "Undo" after a delete.
    Undo,
    /// A file to import: its name and text, or why it could not be read.
    Import(Result<(String, String), String>),
    /// Writing to storage failed (`Some(reason)`) or worked again (`None`).
    Stored(Option<String>),
    /// Another tab or window of the app changed the saved diary: its text
    /// is merged with this page's diary (this page wrote its own changes as
    /// it made them, but the other tab may not have heard of the last one
    /// before it wrote), see [`crate::domain::diary::Diary::sync`].
    SavedElsewhere(Option<String>),
    /// "Delete the whole diary": first press asks, `true` confirms,
    /// `false` keeps it.
    Clear(Option<bool>),
    /// "Start a new diary" over unreadable saved text: as for `Clear`.
    StartFresh(Option<bool>),
    /// "Show more" (`false`) or "Show all" (`true`) under the table.
    ShowOlder(bool),
    /// The form's unsaved work kept for this tab ([`KeptForm`]'s text), read
    /// as the page loads: brought back into a form not yet typed in, and
    /// said. An edit comes back only onto the same entry, unchanged since;
    /// otherwise what was typed comes back as a new entry, which saving
    /// checks as any other (it never replaces an entry).
    Restore(String),
    /// "Clear the form": a new entry typed (or brought back) is given up,
    /// and can be brought back until the form is typed in again.
    ClearForm,
    /// "Bring back what was cleared": the entry given up by `ClearForm`
    /// back in the form.
    BringBackForm,
    /// The page is about to be printed: every entry in the table, focus
    /// left where it is.
    Print,
}

impl DiaryPage {
    /// The state with the clock read as `now` (milliseconds since 1970),
    /// before an action is applied.
    pub fn at(mut self, now: u64) -> DiaryPage {
        self.now = now;
        self.diary.prune(now);
        self
    }

    /// The state after `action`.
    pub fn apply(mut self, action: Action) -> DiaryPage {
        // A copy costs nothing (the entries are shared until changed), and
        // an unchanged diary compares equal at once (the same entries).
        let before = self.diary.clone();
        // Changes read from storage, not made here.
        let heard = matches!(action, Action::SavedElsewhere(_) | Action::Load { .. });
        let importing = matches!(action, Action::Import(_));
        // Only what the browser reports comes between a save and a second
        // press of the button.
        if !matches!(
            action,
            Action::Save | Action::Today(_) | Action::Stored(_) | Action::SavedElsewhere(_)
        ) {
            self.just_saved = false;
        }
        self = self.act(action);
        // What "Clear the form" gave up lapses once the form holds anything
        // else: bringing it back would replace that.
        if self.editing.is_some() || self.draft != Draft::for_date(&self.today) {
            self.cleared = None;
        }
        // Kept in storage again (a write worked, or a read did): the
        // imported days and the entry saved last are saved with the rest.
        if !self.only_in_memory() {
            if let Some(Ok(said)) = self.import.as_mut() {
                if let Some(kept) = said.strip_suffix(IMPORT_ONLY_HERE) {
                    *said = kept.to_string();
                }
            }
            let saved = self.notice.as_deref().and_then(|n| {
                let said = n.strip_prefix("Kept ")?;
                SAVE_ONLY_HERE.iter().find_map(|end| said.strip_suffix(end))
            });
            if let Some(said) = saved {
                self.notice = Some(format!("Saved {said}."));
            }
            let deleted = self.notice.as_deref().and_then(|n| {
                n.strip_suffix(DELETE_ONLY_HERE)
                    .filter(|said| said.starts_with("Deleted "))
            });
            if let Some(said) = deleted {
                self.notice = Some(format!("{said}."));
            }
        }
        self.stored |= !self.diary.is_empty();
        // An empty diary (deleted, started afresh, emptied in another tab)
        // starts the table again at the first step.
        if self.diary.is_empty() {
            self.older_rows = 0;
        }
        if before != self.diary {
            // What the last action did no longer stands once the diary
            // changes again: "Deleted the whole diary" over a diary that has
            // entries again (imported, saved in another tab), and any line
            // but an undo's (which stays with its button) after an import,
            // whose report says what it did.
            let emptied = self
                .notice
                .as_deref()
                .is_some_and(|n| n.starts_with("Deleted the whole diary"));
            if (emptied && !self.diary.is_empty()) || (importing && self.undo.is_none()) {
                self.notice = None;
            }
            self.revision = self.revision.wrapping_add(1);
            if !heard {
                self.write = self.write.wrapping_add(1);
            }
        }
        self
    }

    fn focus_on(&mut self, place: Focus) {
        let n = self.focus.as_ref().map_or(0, |(n, _)| n.wrapping_add(1));
        self.focus = Some((n, place));
    }

    /// The browser keeps nothing of this diary (its storage refused the
    /// last write, or could not be read): the page's state is all there
    /// is, and the app holds it while the tab is open, across its pages.
    pub fn only_in_memory(&self) -> bool {
        self.loaded && self.not_saved.is_some()
    }

    /// Whether leaving the app now (a reload, the tab closed) would lose
    /// something: the browser keeps nothing ([`Self::only_in_memory`]) and
    /// there are entries, or a form being filled in. The app then asks the
    /// browser to confirm leaving.
    pub fn lost_on_leaving(&self) -> bool {
        self.only_in_memory() && (!self.diary.is_empty() || self.kept_form().is_some())
    }

    /// The state held in memory ([`Self::only_in_memory`]) when the page
    /// is shown again: what the diary and the form hold, without the last
    /// visit's notices, questions and focus request.
    pub fn shown_again(mut self) -> DiaryPage {
        self.notice = None;
        // Its "Saved…" line is gone: an empty save is refused again.
        self.just_saved = false;
        self.undo = None;
        self.cleared = None;
        self.import = None;
        self.import_added = false;
        self.save_awaits = false;
        self.confirm_clear = false;
        self.confirm_fresh = false;
        self.focus = None;
        self
    }

    /// The form's unsaved work, to keep for the tab: a new entry typed, or
    /// an edit with changes (or with a new entry set aside); `None` when
    /// there is none (an empty form, an unchanged edit, before the page has
    /// loaded), and the kept text is then removed.
    pub fn kept_form(&self) -> Option<KeptForm> {
        if !self.loaded {
            return None;
        }
        match &self.editing {
            Some(day) => {
                let original = self.diary.get(day).map(Draft::of);
                let changed = self.set_aside.is_some() || original.as_ref() != Some(&self.draft);
                changed.then(|| KeptForm {
                    draft: self.draft.clone(),
                    // An entry deleted (in another tab) during the edit
                    // comes back as a new entry.
                    editing: original.map(|o| (day.clone(), o)),
                    set_aside: self.set_aside.clone(),
                })
            }
            None => (self.draft != Draft::for_date(&self.today)).then(|| KeptForm {
                draft: self.draft.clone(),
                editing: None,
                set_aside: None,
            }),
        }
    }

    /// The undo button's label: what it puts back (it stays beside the
    /// lines of later saves, which it does not undo).
    pub fn undo_label(&self) -> Option<String> {
        self.undo
            .as_ref()
            .map(|entry| format!("Undo deleting {}", long_date(&entry.date)))
    }

    /// Whether the form keeps the box of a side effect it does not offer to
    /// new entries (liver injury, found only by blood tests): while the box
    /// is ticked, and while the saved entry being edited has it, so that
    /// unticking it can be taken back before saving.
    pub fn keeps_effect(&self, id: &str) -> bool {
        let has = |effects: &[String]| effects.iter().any(|e| e == id);
        has(&self.draft.side_effects)
            || self
                .editing
                .as_deref()
                .and_then(|date| self.diary.get(date))
                .is_some_and(|entry| has(&entry.side_effects))
    }

    /// How many entries the table shows, newest first.
    pub fn rows_shown(&self) -> usize {
        TABLE_STEP
            .saturating_add(self.older_rows)
            .min(self.diary.len())
    }

    /// The line and buttons under the table when it leaves entries out.
    pub fn more_rows(&self) -> Option<MoreRows> {
        let (shown, total) = (self.rows_shown(), self.diary.len());
        let left = total.checked_sub(shown).filter(|&n| n > 0)?;
        Some(MoreRows {
            status: format!(
                "The table shows the newest {} of {}.",
                format_number(shown as f64, 0),
                count(total, "entry", "entries")
            ),
            more: format!(
                "Show {}",
                count(left.min(TABLE_STEP), "more entry", "more entries")
            ),
            all: (left > TABLE_STEP)
                .then(|| format!("Show all {}", count(total, "entry", "entries"))),
        })
    }

    /// Shows the row of `date` (and every newer one) in the table.
    fn show_row(&mut self, date: &str) {
        let entries = self.diary.entries();
        let newer = entries
            .len()
            .saturating_sub(entries.partition_point(|e| e.date.as_str() <= date));
        // The row is the (newer + 1)th from the top: shown after this many
        // steps beyond the first.
        let steps = newer
            .saturating_add(1)
            .div_ceil(TABLE_STEP)
            .saturating_sub(1);
        self.older_rows = self.older_rows.max(steps.saturating_mul(TABLE_STEP));
    }

    fn act(mut self, action: Action) -> DiaryPage {
        match action {
            Action::Load { saved, today } => {
                self.loaded = true;
                self.draft = Draft::for_date(&today);
                self.today = today;
                match saved {
                    Ok(text) => {
                        self.stored = text.is_some();
                        match load(text.as_deref()) {
                            Loaded::Ready(diary) => self.diary = diary,
                            Loaded::Unreadable { text, reason } => {
                                self.unreadable = Some((text, reason))
                            }
                        }
                    }
                    Err(reason) => {
                        self.not_saved = Some(reason);
                        self.unread = true;
                    }
                }
            }
            Action::SetDate(date) => {
                self.draft.date = date;
                self.edited(Field::Date);
            }
            Action::SetInfusion(on) => self.draft.infusion = on,
            Action::SetScore(score, text) => {
                self.draft = std::mem::take(&mut self.draft).with_score(score, text);
                self.edited(Field::Score(score));
            }
            Action::SetEffect(id, on) => {
                self.draft = std::mem::take(&mut self.draft).with_effect(&id, on)
            }
            Action::SetNote(note) => {
                self.draft.note = note;
                self.edited(Field::Note);
            }
            Action::Today(today) => {
                // An untouched form follows the day.
                if self.editing.is_none() && self.draft == Draft::for_date(&self.today) {
                    self.draft = Draft::for_date(&today);
                }
                self.today = today;
            }
            // A double tap: the form the first press emptied.
            Action::Save
                if self.just_saved
                    && self.editing.is_none()
                    && self.draft == Draft::for_date(&self.today) => {}
            Action::Save => self.save(),
            Action::StartEdit(date) => {
                if let Some(entry) = self.diary.get(&date) {
                    // What the last action did no longer stands (an undo's
                    // line stays with its button).
                    if self.undo.is_none() {
                        self.notice = None;
                    }
                    let typed =
                        self.editing.is_none() && self.draft != Draft::for_date(&self.today);
                    let entry = Draft::of(entry);
                    if typed {
                        self.set_aside = Some(std::mem::replace(&mut self.draft, entry));
                        self.notice = Some("The new entry you were typing is kept: it comes back when this edit is saved or cancelled.".to_string());
                    } else {
                        self.draft = entry;
                    }
                    self.editing = Some(date);
                    self.errors.clear();
                    self.focus_on(Focus::Field(Field::Date));
                }
            }
            Action::CancelEdit => {
                if let Some(date) = self.editing.clone() {
                    self.errors.clear();
                    let typed = self.set_aside.is_some();
                    self.end_edit();
                    let there = self.diary.get(&date).is_some();
                    self.notice = Some(format!(
                        "Editing cancelled: the entry for {} {}{}",
                        long_date(&date),
                        if there {
                            "is unchanged"
                        } else {
                            "stays deleted"
                        },
                        if typed {
                            ", and the new entry you were typing is back in the form."
                        } else {
                            "."
                        }
                    ));
                    // Back to the row the edit came from, or (deleted in
                    // another tab) to the form.
                    if there {
                        self.show_row(&date);
                        self.focus_on(Focus::Row(date));
                    } else {
                        self.focus_on(Focus::Field(Field::Date));
                    }
                }
            }
            Action::Remove(date) => {
                if let Some(entry) = self.diary.remove(&date, self.now) {
                    self.notice = Some(format!("Deleted the entry for {}.", long_date(&date)));
                    if self.editing.as_deref() == Some(date.as_str()) {
                        self.end_edit();
                    }
                    self.undo = Some(entry);
                    self.focus_on(Focus::Undo);
                    self.save_awaits = true;
                    self.say_if_only_in_memory();
                }
            }
            Action::Undo => {
                if let Some(entry) = self.undo.take() {
                    let day = entry.date.clone();
                    let date = long_date(&day);
                    match self.diary.restore(entry.clone(), self.now) {
                        Ok(()) => self.notice = Some(format!("The entry for {date} is back.")),
                        Err(SaveError::DayTaken(_)) => {
                            self.notice = Some(format!(
                                "{date} has a new entry, so the deleted one was not put back."
                            ))
                        }
                        // Filled up since the delete: the undo stays on
                        // offer, for once there is room.
                        Err(SaveError::Full) => {
                            self.notice = Some(format!("The diary is full ({}), so the entry for {date} was not put back. Delete another entry first, then undo.", count(MAX_ENTRIES, "entry", "entries")));
                            self.undo = Some(entry);
                            self.focus_on(Focus::Undo);
                            return self;
                        }
                    }
                    self.show_row(&day);
                    self.focus_on(Focus::Row(day));
                }
            }
            Action::ShowOlder(all) => {
                let shown = self.rows_shown();
                let every = self.diary.len().saturating_sub(TABLE_STEP);
                self.older_rows = if all {
                    every
                } else {
                    self.older_rows.saturating_add(TABLE_STEP).min(every)
                };
                // Focus on the first row now shown, so the keyboard goes on
                // from where the table grew (the button moved to its end).
                let first_new = self.diary.entries().iter().rev().nth(shown);
                if let Some(day) = first_new.map(|e| e.date.clone()) {
                    self.focus_on(Focus::Row(day));
                }
            }
            Action::Import(_) if self.unreadable.is_some() => {
                self.import_added = false;
                self.import = Some(Err("Nothing was imported: the diary saved in this browser cannot be read, and nothing can be added to it. Download the saved text, then start a new diary (above), then import.".to_string()));
            }
            Action::Print => self.older_rows = self.diary.len().saturating_sub(TABLE_STEP),
            Action::Restore(text) => self.restore(&text),
            Action::ClearForm => {
                if self.editing.is_none() {
                    let blank = Draft::for_date(&self.today);
                    let typed = std::mem::replace(&mut self.draft, blank);
                    self.cleared = Some(typed).filter(|d| *d != Draft::for_date(&self.today));
                    self.errors.clear();
                    if self.undo.is_none() {
                        self.notice = None;
                    }
                    self.focus_on(if self.cleared.is_some() {
                        Focus::BringBack
                    } else {
                        Focus::Field(Field::Date)
                    });
                }
            }
            Action::BringBackForm => {
                if let Some(draft) = self.cleared.take().filter(|_| self.editing.is_none()) {
                    self.draft = draft;
                    self.focus_on(Focus::ClearForm);
                }
            }
            Action::Import(file) => {
                self.import_added = false;
                self.import = Some(match file {
                    Ok((name, text)) => match Diary::import(&text, &self.today) {
                        Ok(read) => {
                            let incoming = &read.diary;
                            let report = self.diary.merge(incoming.entries().to_vec());
                            self.import_added = report.added > 0;
                            let mut said = format!(
                                "\u{201c}{name}\u{201d}: {}{}",
                                report.sentence(),
                                read.sentence()
                            );
                            let ahead = days_ahead(incoming.entries(), &self.today);
                            if !ahead.is_empty() {
                                let dates: Vec<String> =
                                    ahead.iter().map(|d| long_date(d)).collect();
                                said.push_str(&format!(
                                    " {} in the file {} after tomorrow on this device, whose date is {} ({}): if this device's clock is right, check {} (Edit changes a date).",
                                    count(ahead.len(), "day", "days"),
                                    if ahead.len() == 1 { "is" } else { "are" },
                                    long_date(&self.today),
                                    dates.join(", "),
                                    if ahead.len() == 1 { "it" } else { "them" },
                                ));
                            }
                            Ok(said)
                        }
                        Err(e) => Err(format!(
                            "\u{201c}{name}\u{201d} was not imported, nothing changed: {}",
                            import_problem(&e, &text)
                        )),
                    },
                    Err(reason) => Err(reason),
                });
                // Storage already refused: no new outcome will be reported.
                self.say_if_only_in_memory();
            }
            Action::Stored(outcome) => {
                self.not_saved = outcome;
                self.say_if_only_in_memory();
                // The import's days and the saved entry are written, or
                // known not to be: a later write's refusal is not theirs.
                self.import_added = false;
                self.save_awaits = false;
            }
            // This page's diary is only in memory (the browser refused its
            // writes): the other tab's changes are taken up as below, and
            // none of its own is lost (the other tab never heard of them).
            Action::SavedElsewhere(text) if self.only_in_memory() => {
                // What storage holds is known now, and a refused read no
                // longer stands (a write that fails says so again).
                if std::mem::take(&mut self.unread) {
                    self.not_saved = None;
                }
                match load(text.as_deref()) {
                    Loaded::Ready(theirs) => self.take_up(&theirs),
                    // Never written over, as when the page loads.
                    Loaded::Unreadable { text, reason } => self.unreadable = Some((text, reason)),
                }
            }
            Action::SavedElsewhere(text) => {
                self.unread = false;
                self.stored = text.is_some();
                match load(text.as_deref()) {
                    // Both tabs' changes are kept: the other tab may have
                    // written before it heard of this one's last change.
                    Loaded::Ready(theirs) if text.is_some() && self.unreadable.is_none() => {
                        self.take_up(&theirs)
                    }
                    // Readable again, or removed from storage altogether
                    // (no text): the diary is gone in every tab.
                    Loaded::Ready(theirs) => {
                        self.diary = theirs;
                        self.unreadable = None;
                    }
                    Loaded::Unreadable { text, reason } => self.unreadable = Some((text, reason)),
                }
            }
            Action::Clear(None) => {
                self.confirm_clear = true;
                self.focus_on(Focus::KeepAll);
            }
            Action::Clear(Some(yes)) => {
                self.confirm_clear = false;
                // The buttons pressed go with the question: focus on the
                // button that asks again, or (all gone) the line saying so.
                self.focus_on(if yes { Focus::Notice } else { Focus::DeleteAll });
                if yes {
                    let n = self.diary.len();
                    self.diary.clear(self.now);
                    self.undo = None;
                    // An earlier import's report was about the diary now gone.
                    self.import = None;
                    if self.editing.is_some() {
                        self.end_edit();
                    }
                    self.notice = Some(format!(
                        "Deleted the whole diary ({}).",
                        count(n, "entry", "entries")
                    ));
                    self.save_awaits = true;
                    self.say_if_only_in_memory();
                }
            }
            Action::StartFresh(None) => {
                self.confirm_fresh = true;
                self.focus_on(Focus::KeepOld);
            }
            Action::StartFresh(Some(yes)) => {
                self.confirm_fresh = false;
                // The button pressed is gone: on the button that asks
                // again, or on the new diary's form.
                self.focus_on(if yes {
                    Focus::Field(Field::Date)
                } else {
                    Focus::StartFresh
                });
                if yes {
                    self.unreadable = None;
                    self.diary = Diary::default();
                    // Written over the text that could not be read.
                    self.write = self.write.wrapping_add(1);
                    self.errors.clear();
                    if self.editing.is_some() {
                        self.end_edit();
                    }
                }
            }
        }
        self
    }

    /// Brings back the form's kept work (see [`Action::Restore`]), once
    /// loaded and only into a form not yet typed in.
    fn restore(&mut self, text: &str) {
        let untouched = self.editing.is_none()
            && self.set_aside.is_none()
            && self.draft == Draft::for_date(&self.today);
        let kept = match KeptForm::from_json(text) {
            Some(kept) if self.loaded && untouched => kept,
            _ => return,
        };
        self.draft = kept.draft;
        self.notice = Some(match kept.editing {
            Some((day, original)) if self.diary.get(&day).map(Draft::of).as_ref() == Some(&original) => {
                let mut said = format!(
                    "Your unsaved changes to the entry for {} were brought back into the form.",
                    long_date(&day)
                );
                if kept.set_aside.is_some() {
                    said.push_str(" The new entry you were typing comes back when this edit is saved or cancelled.");
                }
                self.editing = Some(day);
                self.set_aside = kept.set_aside;
                said
            }
            Some((day, _)) => format!(
                "Your unsaved changes to the entry for {} were brought back into the form as a new entry, because that entry was changed or deleted since: saving them replaces nothing.",
                long_date(&day)
            ),
            None => "Your unsaved entry was brought back into the form.".to_string(),
        });
        // A new entry for a day that has one since: saving is refused, as
        // for any other; said now, so it is no surprise.
        let day = self.draft.date.trim().to_string();
        if self.editing.is_none() && self.diary.get(&day).is_some() {
            if let Some(said) = self.notice.as_mut() {
                said.push_str(&format!(
                    " {} has an entry already: choose another day to save it, or clear the form.",
                    long_date(&day)
                ));
            }
        }
    }

    /// Takes up another tab's saved diary, and asks for a write when it
    /// lacks something of this one.
    fn take_up(&mut self, theirs: &Diary) {
        let edited = self.editing.clone().filter(|d| self.diary.get(d).is_some());
        let left_out = self.diary.sync(theirs);
        // The entry being edited was deleted in another tab (a day with a
        // removal has no entry): the edit goes on (nothing typed is lost),
        // and the page says so.
        if let Some(date) = edited {
            if self.diary.was_removed(&date) {
                self.notice = Some(format!("The entry for {} was deleted in another tab or window. Your changes are still in the form: save them to keep the entry, or cancel editing to leave it deleted.", long_date(&date)));
            }
        }
        if self.diary.news_for(theirs) {
            self.write = self.write.wrapping_add(1);
        }
        if !left_out.is_empty() {
            let days: Vec<String> = left_out.iter().map(|d| long_date(d)).collect();
            self.notice = Some(format!(
                "The diary is full ({}), and another tab or window saved a new day at the same moment as this one: {} did not fit and {} left out. Export the diary, then delete old entries to make room.",
                count(MAX_ENTRIES, "entry", "entries"),
                days.join(", "),
                if days.len() == 1 { "was" } else { "were" }
            ));
        }
    }

    /// Ends an edit (or follows a save): the form holds the entry set
    /// aside when the edit began, or is empty for today.
    fn end_edit(&mut self) {
        self.editing = None;
        self.draft = self
            .set_aside
            .take()
            .unwrap_or_else(|| Draft::for_date(&self.today));
    }

    fn save(&mut self) {
        if self.unreadable.is_some() {
            // It would not be kept: the saved text is not written over.
            return self.refuse(vec![FieldError {
                field: Field::Entry,
                message: "Nothing can be saved until you start a new diary (above). Download the saved text first to keep it.".to_string(),
            }]);
        }
        // An entry kept on its day may be after today (saved while the
        // clock ran fast, or imported from where that day had begun): it
        // can still be edited.
        let same_day = self.editing.as_deref() == Some(self.draft.date.trim());
        let latest = if same_day { "" } else { self.today.as_str() };
        let entry = match read_draft(&self.draft, latest) {
            Ok(entry) => entry,
            Err(errors) => return self.refuse(errors),
        };
        let day = entry.date.clone();
        let date = long_date(&day);
        let edited = self.editing.is_some();
        match self.diary.save(entry, self.editing.as_deref(), self.now) {
            Ok(()) => {
                // An entry for an older day is in the table, not below it.
                self.show_row(&day);
                self.errors.clear();
                self.end_edit();
                self.notice = Some(if edited {
                    format!("Saved the changes to {date}.")
                } else {
                    format!("Saved the entry for {date}.")
                });
                self.just_saved = true;
                self.save_awaits = true;
                self.say_if_only_in_memory();
                self.focus_on(Focus::Saved);
            }
            Err(e) => {
                let field = match e {
                    SaveError::DayTaken(_) => Field::Date,
                    SaveError::Full => Field::Entry,
                };
                self.refuse(vec![FieldError {
                    field,
                    message: e.to_string(),
                }]);
            }
        }
    }

    /// "Saved the entry…" becomes "Kept the entry… on this page only" when
    /// the browser refuses to store the diary (the notice above says why).
    fn say_if_only_in_memory(&mut self) {
        if !self.only_in_memory() {
            return;
        }
        let saved = self
            .notice
            .as_deref()
            .filter(|_| self.save_awaits)
            .and_then(|n| n.strip_prefix("Saved "));
        if let Some(said) = saved {
            let said = said.trim_end_matches('.');
            let [it, them] = SAVE_ONLY_HERE;
            let end = if said.starts_with("the changes") {
                them
            } else {
                it
            };
            self.notice = Some(format!("Kept {said}{end}"));
        }
        let deleted = self
            .notice
            .as_deref()
            .filter(|n| {
                self.save_awaits && n.starts_with("Deleted ") && !n.ends_with(DELETE_ONLY_HERE)
            })
            .and_then(|n| n.strip_suffix('.'));
        if let Some(said) = deleted {
            self.notice = Some(format!("{said}{DELETE_ONLY_HERE}"));
        }
        if self.import_added {
            if let Some(Ok(said)) = self.import.as_mut() {
                if !said.ends_with(IMPORT_ONLY_HERE) {
                    said.push_str(IMPORT_ONLY_HERE);
                }
            }
        }
    }

    /// A field of the form was changed: its error, which was about what it
    /// held before, goes (it stayed, beside a day already corrected, until
    /// the next save). An error about the whole entry (nothing recorded, too
    /// many side effects, a full diary) stays: one change need not mend it.
    /// The next save checks again.
    fn edited(&mut self, field: Field) {
        self.errors.retain(|e| e.field != field);
    }

    /// A save refused: the problems shown, focus on the first field at fault.
    fn refuse(&mut self, errors: Vec<FieldError>) {
        if let Some(first) = errors.first() {
            self.focus_on(Focus::Field(first.field));
        }
        // An earlier "Saved the entry…" must not stand beside the refusal
        // (a notice that offers an undo stays, with its undo).
        if self.undo.is_none() {
            self.notice = None;
        }
        self.errors = errors;
    }

    /// The text to keep in storage now, if anything should be written:
    /// only once loaded, never over saved text that could not be read, and
    /// not an empty diary where storage holds none.
    pub fn to_store(&self) -> Option<String> {
        (self.loaded && !self.unread && self.unreadable.is_none() && self.stored)
            .then(|| self.diary.to_saved_json())
    }
}

/// The message for a file too large to import: its size in megabytes to
/// one decimal, above the limit's (a file just over it is not called as
/// large as the limit).
pub fn file_too_large(name: &str, bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let limit = IMPORT_MAX_BYTES as u64 / MB;
    let tenths = bytes.saturating_mul(10).saturating_add(MB / 2) / MB;
    let tenths = tenths.max(limit.saturating_mul(10).saturating_add(1));
    format!(
        "\u{201c}{name}\u{201d} was not imported: it is {}.{} MB, and a diary file is at most {limit} MB.",
        tenths / 10,
        tenths % 10
    )
}
