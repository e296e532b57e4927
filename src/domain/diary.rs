//! The patient diary: one entry per day of pain, sleep, mood, side effects
//! and a note, with the infusion days marked. Kept only in this browser
//! (local storage under [`STORAGE_KEY`]) and in the files the patient
//! exports; nothing is ever sent anywhere.
//!
//! The export file is this JSON:
//!
//! ```json
//! {
//!   "format": "ketamine-dosing-reference/diary",
//!   "version": 1,
//!   "entries": [
//!     { "date": "2026-11-30", "infusion": true, "pain": 6, "sleep": 4, "mood": 5,
//!       "side_effects": ["dizziness"], "note": "Tired in the evening." }
//!   ]
//! }
//! ```
//!
//! `pain`, `sleep` and `mood` are whole numbers from 0 to 10 and may be left
//! out (not recorded that day); `side_effects` holds side-effect ids of the
//! reference (`assets/content/side_effects.json`), and `note` free text.
//!
//! The text kept in the browser is the same, with two more objects:
//! `"changed": {"2026-11-30": 1764460800000}`, when each day's entry was
//! saved, and `"deleted": {"2026-11-29": 1764460900000}`, the days removed
//! and when (milliseconds since 1970; a removal is forgotten 30 days later,
//! [`Diary::prune`]). Two tabs that change the diary in the same moment
//! merge their changes by them, day by day, the later change winning
//! ([`Diary::sync`]). An import ignores them.
//!
//! Nothing is lost: an entry is only replaced when the patient edits it (in
//! this tab, or later in another), an import adds the days the diary lacks
//! and never overwrites a day it has,
//! and a saved text that cannot be read is kept (and offered as a file)
//! until the patient chooses to start again.

use std::rc::Rc;

use crate::domain::json::{Map, Value};

use crate::domain::dosing::format::{count, format_number, plain_number};
use crate::domain::dosing::validate::is_valid_date;
use crate::domain::json::{self, Fields, FromJson, JsonError};
use crate::domain::schedule::long_date;
use crate::domain::version::day_number;

/// The local-storage key of the diary.
pub const STORAGE_KEY: &str = "kdr.diary";
/// The `format` value of the saved text and of export files.
pub const FORMAT: &str = "ketamine-dosing-reference/diary";
/// The version this app writes and reads.
pub const VERSION: u64 = 1;
/// Highest score of pain, sleep and mood (0 is the lowest).
pub const SCORE_MAX: u32 = 10;
/// Longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;
/// Most entries kept: ten years of daily entries.
pub const MAX_ENTRIES: usize = 3660;
/// Earliest date an entry may have.
pub const FIRST_DATE: &str = "2000-01-01";
/// Most side effects on one entry.
pub const MAX_EFFECTS: usize = 20;
/// Longest side-effect id kept from a file.
pub const EFFECT_ID_MAX: usize = 64;
/// Largest file read on import, in bytes: more than the largest diary this
/// app can write (every entry full, every note character written as a
/// six-byte `\u` escape), so every export can be imported again.
pub const IMPORT_MAX_BYTES: usize = 32 * 1024 * 1024;

/// One day of the diary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// An infusion was given that day.
    pub infusion: bool,
    /// Pain, 0 (none) to 10 (worst imaginable); `None` when not recorded.
    pub pain: Option<u32>,
    /// Sleep, 0 (very poor) to 10 (very good).
    pub sleep: Option<u32>,
    /// Mood, 0 (very low) to 10 (very good).
    pub mood: Option<u32>,
    /// Side effects noticed: ids of the side-effect reference.
    pub side_effects: Vec<String>,
    /// Free text.
    pub note: String,
}

/// What an entry can say about one score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    Pain,
    Sleep,
    Mood,
}

impl Score {
    /// All three, in the order the page shows them.
    pub const ALL: [Score; 3] = [Score::Pain, Score::Sleep, Score::Mood];

    /// The score's name: "Pain".
    pub fn name(self) -> &'static str {
        match self {
            Score::Pain => "Pain",
            Score::Sleep => "Sleep",
            Score::Mood => "Mood",
        }
    }

    /// What 0 and 10 mean, for the form and the chart's legend.
    pub fn scale(self) -> &'static str {
        match self {
            Score::Pain => "0 no pain, 10 the worst pain you can imagine",
            Score::Sleep => "0 very poor, 10 very good",
            Score::Mood => "0 very low, 10 very good",
        }
    }

    /// The entry's value of this score.
    pub fn of(self, entry: &Entry) -> Option<u32> {
        match self {
            Score::Pain => entry.pain,
            Score::Sleep => entry.sleep,
            Score::Mood => entry.mood,
        }
    }

    /// The field of the form and of the file: "pain".
    pub fn key(self) -> &'static str {
        match self {
            Score::Pain => "pain",
            Score::Sleep => "sleep",
            Score::Mood => "mood",
        }
    }
}

// ---- the form -------------------------------------------------------------------

/// The form as typed: text for the scores, so that a wrong value can be
/// shown back as it was typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub date: String,
    pub infusion: bool,
    pub pain: String,
    pub sleep: String,
    pub mood: String,
    pub side_effects: Vec<String>,
    pub note: String,
}

impl Draft {
    /// An empty form for `date`.
    pub fn for_date(date: &str) -> Draft {
        Draft {
            date: date.to_string(),
            ..Draft::default()
        }
    }

    /// The form filled with a saved entry, for editing.
    pub fn of(entry: &Entry) -> Draft {
        let text = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        Draft {
            date: entry.date.clone(),
            infusion: entry.infusion,
            pain: text(entry.pain),
            sleep: text(entry.sleep),
            mood: text(entry.mood),
            side_effects: entry.side_effects.clone(),
            note: entry.note.clone(),
        }
    }

    /// The text of one score's field.
    pub fn score(&self, score: Score) -> &str {
        match score {
            Score::Pain => &self.pain,
            Score::Sleep => &self.sleep,
            Score::Mood => &self.mood,
        }
    }

    /// The same form with one score's text replaced.
    pub fn with_score(mut self, score: Score, text: String) -> Draft {
        match score {
            Score::Pain => self.pain = text,
            Score::Sleep => self.sleep = text,
            Score::Mood => self.mood = text,
        }
        self
    }

    /// The same form with side effect `id` ticked or not (kept in the order
    /// ticked, never twice).
    pub fn with_effect(mut self, id: &str, ticked: bool) -> Draft {
        self.side_effects.retain(|e| e != id);
        if ticked {
            self.side_effects.push(id.to_string());
        }
        self
    }
}

/// A field of the form, for tying an error to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Date,
    Score(Score),
    Note,
    /// The entry as a whole (nothing recorded).
    Entry,
}

/// One thing wrong with the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

fn field_error(field: Field, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Reads a score typed in the form: blank is "not recorded".
pub fn read_score(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let out_of_range = || format!("Give a whole number from 0 to {SCORE_MAX}, or leave it empty.");
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(out_of_range());
    }
    match text.parse::<u32>() {
        Ok(v) if v <= SCORE_MAX => Ok(Some(v)),
        _ => Err(out_of_range()),
    }
}

/// Checks a date for an entry: a real day, from [`FIRST_DATE`], not after
/// `today` (`YYYY-MM-DD`; empty when the clock has not been read, then
/// there is no upper limit).
pub fn check_date(date: &str, today: &str) -> Result<(), String> {
    check_day(date, today, 0)
}

/// [`check_date`], letting a day be up to `ahead` days after `today`.
fn check_day(date: &str, today: &str, ahead: i64) -> Result<(), String> {
    let date = date.trim();
    if date.is_empty() {
        return Err("Choose the day this entry is for.".to_string());
    }
    let Some(day) = is_valid_date(date).then(|| day_number(date)).flatten() else {
        return Err(format!(
            "\u{201c}{date}\u{201d} is not a date (YYYY-MM-DD)."
        ));
    };
    if let Some(first) = day_number(FIRST_DATE).filter(|&first| day < first) {
        // A clock reset to 1970 gives such a day as today: the cause.
        let clock = day_number(today)
            .filter(|&t| t < first)
            .map_or(String::new(), |_| {
                format!(
                    " This device's date is {}: set its clock to today, then save.",
                    long_date(today)
                )
            });
        return Err(format!(
            "The diary starts on {}.{clock}",
            long_date(FIRST_DATE)
        ));
    }
    if let Some(today_n) = day_number(today) {
        if day > today_n.saturating_add(ahead) {
            // The device's date is named: a wrong clock is the likely cause.
            let today = long_date(today);
            return Err(if ahead == 0 {
                format!("That day has not come yet: entries are for today or earlier, and today is {today} on this device.")
            } else {
                format!("{} has not come yet: today is {today} on this device, and a file may hold entries up to the next day (made where that day had already begun).", long_date(date))
            });
        }
    }
    Ok(())
}

/// The days of `entries` later than the day after `today` (a file made
/// where the next day had begun is usual): an imported file may hold them,
/// from a device whose clock ran fast, and the import says which.
pub fn days_ahead(entries: &[Entry], today: &str) -> Vec<String> {
    let Some(tomorrow) = day_number(today).map(|d| d.saturating_add(1)) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| day_number(&e.date).is_some_and(|d| d > tomorrow))
        .map(|e| e.date.clone())
        .collect()
}

/// Checks a note's length.
pub fn check_note(note: &str) -> Result<(), String> {
    let chars = note.chars().count();
    if chars > NOTE_MAX_CHARS {
        Err(format!(
            "The note is {} characters long; keep it to {}.",
            format_number(chars as f64, 0),
            format_number(NOTE_MAX_CHARS as f64, 0)
        ))
    } else {
        Ok(())
    }
}

/// Refuses a note with a character that cannot be seen or that makes the
/// text read differently from what it says (a right-to-left override), as
/// an imported card's text is refused, or with more combining marks
/// stacked on one character than a card's text may hold (they are drawn
/// over the lines and buttons around the note). Other invisible characters
/// a card refuses are kept: see [`refused_char`](crate::domain::imported::text::refused_char).
pub fn hidden_characters(note: &str) -> Result<(), String> {
    use crate::domain::imported::text::{refused_char, stacked_marks, stacked_marks_words};
    // Where it is, as it cannot be seen: its place among the characters.
    if let Some((i, c, why)) = note
        .chars()
        .enumerate()
        .find_map(|(i, c)| refused_char(c).map(|why| (i, c, why)))
    {
        return Err(format!(
            "The note holds {why} (U+{:04X}, character {} of the note); remove it.",
            u32::from(c),
            format_number(i.saturating_add(1) as f64, 0)
        ));
    }
    match stacked_marks(note) {
        Some((i, n)) => Err(format!(
            "The note holds {}, at characters {} to {} of the note: they are drawn over the lines around it; remove some.",
            stacked_marks_words(n),
            format_number(i.saturating_add(1) as f64, 0),
            format_number(i.saturating_add(n) as f64, 0)
        )),
        None => Ok(()),
    }
}

/// The entry the form describes, or every problem with it (each tied to
/// its field). `today` as for [`check_date`].
pub fn read_draft(draft: &Draft, today: &str) -> Result<Entry, Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = check_date(&draft.date, today) {
        errors.push(field_error(Field::Date, e));
    }
    let mut scores = [None; 3];
    for (slot, score) in scores.iter_mut().zip(Score::ALL) {
        match read_score(draft.score(score)) {
            Ok(v) => *slot = v,
            Err(e) => errors.push(field_error(Field::Score(score), e)),
        }
    }
    let note = draft.note.trim().to_string();
    if let Err(e) = check_note(&note).and_then(|()| hidden_characters(&note)) {
        errors.push(field_error(Field::Note, e));
    }
    // As the saved text's reader: more would make the whole diary unreadable
    // (an entry from a file may already hold the most, in ids this
    // reference does not know).
    let ticked = draft.side_effects.len();
    if ticked > MAX_EFFECTS {
        errors.push(field_error(
            Field::Entry,
            format!(
                "An entry keeps at most {MAX_EFFECTS} side effects, and {ticked} are ticked: untick {} to save.",
                ticked - MAX_EFFECTS
            ),
        ));
    }
    let [pain, sleep, mood] = scores;
    let entry = Entry {
        date: draft.date.trim().to_string(),
        infusion: draft.infusion,
        pain,
        sleep,
        mood,
        side_effects: draft.side_effects.clone(),
        note,
    };
    if errors.is_empty() && is_blank(&entry) {
        errors.push(field_error(
            Field::Entry,
            "Nothing to save yet: give a score, tick a side effect or the infusion, or write a note.",
        ));
    }
    if errors.is_empty() {
        Ok(entry)
    } else {
        Err(errors)
    }
}

/// An entry that records nothing but its date.
fn is_blank(entry: &Entry) -> bool {
    !entry.infusion
        && entry.pain.is_none()
        && entry.sleep.is_none()
        && entry.mood.is_none()
        && entry.side_effects.is_empty()
        && entry.note.is_empty()
}

// ---- the diary ------------------------------------------------------------------

/// The entries, one per day, oldest first. Shared between copies until one
/// of them changes (the page keeps a copy per state, and a diary may hold
/// thousands of entries).
///
/// Each day also carries when it was last changed in this browser, so that
/// two tabs that change the diary in the same moment can merge their
/// changes ([`Diary::sync`]): `changed` holds when each entry was saved,
/// `deleted` when each removed day was removed (milliseconds since 1970; a
/// day without a time counts as 0, as in text saved before times were kept).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diary {
    entries: Rc<Vec<Entry>>,
    changed: Times,
    deleted: Times,
}

/// Days and a time for each, in date order. (A sorted list, not a
/// `BTreeMap`: a map's code is several KB of wasm.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Times(Rc<Vec<(String, u64)>>);

impl Times {
    fn position(&self, day: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(d, _)| d.as_str().cmp(day))
    }

    fn get(&self, day: &str) -> Option<u64> {
        let i = self.position(day).ok()?;
        self.0.get(i).map(|&(_, at)| at)
    }

    fn set(&mut self, day: &str, at: u64) {
        match self.position(day) {
            Ok(i) => {
                if let Some(slot) = Rc::make_mut(&mut self.0).get_mut(i) {
                    slot.1 = at;
                }
            }
            Err(i) => Rc::make_mut(&mut self.0).insert(i, (day.to_string(), at)),
        }
    }

    fn unset(&mut self, day: &str) {
        if let Ok(i) = self.position(day) {
            Rc::make_mut(&mut self.0).remove(i);
        }
    }

    /// Reads `{"YYYY-MM-DD": time, …}` of `diary`'s saved text: the times
    /// of days it has an entry for, or (`removals`) of days it has none
    /// for. They only order changes between tabs, so anything else (not an
    /// object, a time that is not a whole number above 0, a removal of
    /// something other than a date) is left out, not an error: it never
    /// makes a diary unreadable.
    fn read(value: Option<&Value>, diary: &Diary, removals: bool) -> Times {
        let mut times = Times::default();
        for (day, at) in value
            .and_then(Value::as_object)
            .iter()
            .flat_map(|m| m.iter())
        {
            let at = at.as_u64().filter(|&at| at > 0 && at <= MAX_TIME);
            let wanted = diary.get(day).is_some() != removals;
            let date = !removals || (is_valid_date(day) && day.as_str() >= FIRST_DATE);
            if let Some(at) = at.filter(|_| wanted && date) {
                times.set(day, at);
            }
        }
        times
    }

    /// The days and times as JSON.
    fn write(&self) -> Value {
        let fields = self
            .0
            .iter()
            .map(|(day, at)| (day.clone(), Value::from(*at)))
            .collect();
        Value::Object(Map::from_fields(fields))
    }
}

/// How long a removed day is remembered ([`Diary::prune`]): long enough for
/// every other open tab to have heard of the removal (a tab hears of each
/// write within moments, or when it is shown again), short enough that a
/// diary deleted long ago does not keep its dates.
pub const KEEP_DELETED_MS: u64 = 30 * 24 * 60 * 60 * 1000;

/// The latest time a saved text may give (the last moment a JavaScript
/// date can hold, in milliseconds since 1970): a later one is left out,
/// or it would win over every change to come.
pub const MAX_TIME: u64 = 8_640_000_000_000_000;

/// Why an entry could not be saved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("There is already an entry for {0}. Choose another day, or edit that entry in the list below.")]
    DayTaken(String),
    #[error(
        "The diary is full ({}). Export it to a file, then delete old entries to make room.",
        count(MAX_ENTRIES, "entry", "entries")
    )]
    Full,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Days added from the file.
    pub added: usize,
    /// Days already in the diary with the same entry.
    pub same: usize,
    /// Days already in the diary with a different entry: the diary's entry
    /// was kept. Their dates, in the file's order.
    pub kept: Vec<String>,
    /// Days of the file left out because the diary was full.
    pub left_out: usize,
}

/// How many of the days kept as in this browser an import report names.
pub const KEPT_DAYS_NAMED: usize = 10;

impl MergeReport {
    /// The report in words.
    pub fn sentence(&self) -> String {
        let days = |n: usize| count(n, "day", "days");
        let mut parts = vec![format!("{} added", days(self.added))];
        if self.same > 0 {
            parts.push(format!(
                "{} already in the diary, the same as in the file",
                days(self.same)
            ));
        }
        if !self.kept.is_empty() {
            // The first days named, the rest counted: a whole backup
            // imported again must not give thousands of dates to read (or
            // to hear, as the report is a live region).
            parts.push(format!(
                "{} already in the diary with a different entry, kept as in this browser ({})",
                days(self.kept.len()),
                named_days(&self.kept)
            ));
        }
        if self.left_out > 0 {
            parts.push(format!(
                "{} left out because the diary is full ({})",
                days(self.left_out),
                count(MAX_ENTRIES, "entry", "entries")
            ));
        }
        format!("{}.", parts.join("; "))
    }
}

/// Days named in a report: the first [`KEPT_DAYS_NAMED`] as dates, the rest
/// counted ("Tue 1 Dec 2026, Wed 2 Dec 2026 and 3 more").
fn named_days(dates: &[String]) -> String {
    let named: Vec<String> = dates
        .iter()
        .take(KEPT_DAYS_NAMED)
        .map(|d| long_date(d))
        .collect();
    match dates.len().saturating_sub(KEPT_DAYS_NAMED) {
        0 => named.join(", "),
        n => format!(
            "{} and {} more",
            named.join(", "),
            format_number(n as f64, 0)
        ),
    }
}

/// A file read for import: its diary, and what was tidied on the way in.
/// Diaries saved by the builds of 1 and 2 December 2026 can hold days that
/// record nothing and notes with characters the form now refuses; their
/// exports are imported, not refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The file's entries, tidied.
    pub diary: Diary,
    /// Days of the file that recorded nothing: left out.
    pub empty: Vec<String>,
    /// Days whose note held characters the form refuses: imported
    /// without them.
    pub tidied: Vec<String>,
}

impl Imported {
    /// What was tidied, in words (empty when nothing was).
    pub fn sentence(&self) -> String {
        let mut said = String::new();
        if !self.empty.is_empty() {
            said.push_str(&format!(
                " Left out: {} in the file that recorded nothing, no score, side effect, infusion or note ({}).",
                count(self.empty.len(), "day", "days"),
                named_days(&self.empty)
            ));
        }
        if !self.tidied.is_empty() {
            let one = self.tidied.len() == 1;
            said.push_str(&format!(
                " The {} of {} held invisible characters or stacked accents that the diary no longer keeps; {} imported without them.",
                if one { "note" } else { "notes" },
                named_days(&self.tidied),
                if one { "it was" } else { "they were" }
            ));
        }
        said
    }
}

/// A note without the characters [`hidden_characters`] refuses: those
/// characters taken out, and a stack of combining marks cut to the most
/// one character may carry.
pub fn tidy_note(note: &str) -> String {
    use crate::domain::imported::text::{is_combining_mark, refused_char, MAX_STACKED_MARKS};
    let mut run = 0;
    note.chars()
        .filter(|c| refused_char(*c).is_none())
        .filter(|c| {
            run = if is_combining_mark(*c) { run + 1 } else { 0 };
            run <= MAX_STACKED_MARKS
        })
        .collect()
}

impl Diary {
    /// The entries, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Where `date` is, or would go (`Err`), in the list.
    fn position(&self, date: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|e| e.date.as_str().cmp(date))
    }

    /// The entry of `date`.
    pub fn get(&self, date: &str) -> Option<&Entry> {
        self.position(date).ok().and_then(|i| self.entries.get(i))
    }

    /// When the entry of `date` was last saved (0: not known).
    fn stamp(&self, date: &str) -> u64 {
        self.changed.get(date).unwrap_or(0)
    }

    /// A time for a change of `date` at `now`: later than any change of
    /// that day this diary knows of, even with a clock set back; never past
    /// [`MAX_TIME`], which every tab reads (a change at a day's time of
    /// [`MAX_TIME`] then ties with it, decided as in [`Diary::sync`]).
    fn next_stamp(&self, date: &str, now: u64) -> u64 {
        let last = self.stamp(date).max(self.deleted.get(date).unwrap_or(0));
        now.max(last.saturating_add(1)).min(MAX_TIME)
    }

    /// Puts `entry` in its place as changed at `at` (a day that no longer
    /// has a removal; 0, not known, is not written down).
    fn place(&mut self, entry: Entry, at: u64) {
        self.deleted.unset(&entry.date);
        if at > 0 {
            self.changed.set(&entry.date, at);
        } else {
            self.changed.unset(&entry.date);
        }
        self.insert(entry);
    }

    /// Puts `entry` in its place as changed at `now`.
    fn put(&mut self, entry: Entry, now: u64) {
        let stamp = self.next_stamp(&entry.date, now);
        self.place(entry, stamp);
    }

    /// Removes the entry of `date` at `now`, remembering when, and returns
    /// it (for an undo).
    pub fn remove(&mut self, date: &str, now: u64) -> Option<Entry> {
        let i = self.position(date).ok()?;
        let stamp = self.next_stamp(date, now);
        self.changed.unset(date);
        self.deleted.set(date, stamp);
        Some(Rc::make_mut(&mut self.entries).remove(i))
    }

    /// Saves `entry` at `now`: a new day, or, when `editing` names the day
    /// of the entry being edited, in its place (the day may change, to a
    /// day without an entry).
    pub fn save(&mut self, entry: Entry, editing: Option<&str>, now: u64) -> Result<(), SaveError> {
        let taken = self.get(&entry.date).is_some() && editing != Some(entry.date.as_str());
        if taken {
            return Err(SaveError::DayTaken(long_date(&entry.date)));
        }
        let edited = editing.filter(|d| self.get(d).is_some());
        if edited.is_none() && self.entries.len() >= MAX_ENTRIES {
            return Err(SaveError::Full);
        }
        if let Some(day) = edited.filter(|d| *d != entry.date) {
            self.remove(day, now);
        }
        self.put(entry, now);
        Ok(())
    }

    /// Puts `entry` in its place by date (replacing the same day's).
    fn insert(&mut self, entry: Entry) {
        match self.position(&entry.date) {
            Ok(i) => {
                if let Some(slot) = Rc::make_mut(&mut self.entries).get_mut(i) {
                    *slot = entry;
                }
            }
            Err(i) => Rc::make_mut(&mut self.entries).insert(i, entry),
        }
    }

    /// Removes every entry at `now`.
    pub fn clear(&mut self, now: u64) {
        // One pass in date order: each removal is a search and, where no
        // later day was removed before, an addition at the end.
        let entries = std::mem::take(&mut self.entries);
        for e in entries.iter() {
            let at = self.next_stamp(&e.date, now);
            self.deleted.set(&e.date, at);
        }
        self.changed = Times::default();
    }

    /// Puts back at `now` an entry removed by [`Diary::remove`], unless
    /// that day has an entry again or the diary has filled up since.
    pub fn restore(&mut self, entry: Entry, now: u64) -> Result<(), SaveError> {
        if self.get(&entry.date).is_some() {
            return Err(SaveError::DayTaken(long_date(&entry.date)));
        }
        if self.entries.len() >= MAX_ENTRIES {
            return Err(SaveError::Full);
        }
        self.put(entry, now);
        Ok(())
    }

    /// Adds the days of `incoming` that the diary lacks; a day it has is
    /// never changed. An added day counts as changed just after the last
    /// change of it this diary knows of, so that another tab saving that day
    /// in the same moment keeps its entry: an import never overwrites a day.
    pub fn merge(&mut self, incoming: Vec<Entry>) -> MergeReport {
        let mut report = MergeReport::default();
        for entry in incoming {
            match self.get(&entry.date) {
                Some(existing) if *existing == entry => report.same += 1,
                Some(_) => report.kept.push(entry.date),
                None if self.entries.len() >= MAX_ENTRIES => report.left_out += 1,
                None => {
                    self.put(entry, 0);
                    report.added += 1;
                }
            }
        }
        report
    }

    /// Takes up the changes of another tab's diary (`theirs`, as it saved
    /// it): for each day, the later of the two changes wins, an entry or a
    /// removal, so two tabs that saved in the same moment both end with
    /// both changes. For a day changed at the same time in both, an entry
    /// wins over a removal, and between two different entries the one whose
    /// text sorts last, so that both tabs choose the same.
    ///
    /// Two tabs that each saved a new day into a diary one day short of
    /// [`MAX_ENTRIES`] hold one day too many together: then the latest
    /// days past the limit are left out, in both tabs alike (both tabs must
    /// end with the same diary).
    ///
    /// Returns the days left out.
    pub fn sync(&mut self, theirs: &Diary) -> Vec<String> {
        // Removals first: the days they take out make room.
        let mut gone: Vec<&str> = Vec::new();
        for (day, at) in theirs.deleted.0.iter() {
            let (day, at) = (day.as_str(), *at);
            if self.get(day).is_some() {
                if at > self.stamp(day) {
                    gone.push(day);
                    self.deleted.set(day, at);
                }
            } else if self.deleted.get(day).is_none_or(|mine| at > mine) {
                self.deleted.set(day, at);
            }
        }
        if !gone.is_empty() {
            // `gone` is in date order: one pass over the entries.
            let kept = |day: &str| gone.binary_search(&day).is_err();
            Rc::make_mut(&mut self.entries).retain(|e| kept(&e.date));
            Rc::make_mut(&mut self.changed.0).retain(|(day, _)| kept(day));
        }
        for entry in theirs.entries.iter() {
            let day = entry.date.as_str();
            let at = theirs.stamp(day);
            let wins = match (self.get(day), self.deleted.get(day)) {
                (Some(mine), _) => {
                    let mine_at = self.stamp(day);
                    at > mine_at
                        || (at == mine_at
                            && mine != entry
                            && entry_json(entry).to_string() > entry_json(mine).to_string())
                }
                (None, Some(gone)) => at >= gone,
                (None, None) => true,
            };
            if wins {
                self.place(entry.clone(), at);
            }
        }
        let mut left_out = Vec::new();
        if self.entries.len() > MAX_ENTRIES {
            for e in Rc::make_mut(&mut self.entries).split_off(MAX_ENTRIES) {
                self.changed.unset(&e.date);
                left_out.push(e.date);
            }
        }
        left_out
    }

    /// Whether `theirs` (another tab's saved diary) lacks a change this
    /// diary has: an entry, or a removal, later than its own for that day.
    /// If so, the page writes its diary again, so that what the browser
    /// keeps holds both. Not when `theirs` only holds more than this one
    /// (then the other tab's text already says it all).
    pub fn news_for(&self, theirs: &Diary) -> bool {
        let mut heard = theirs.clone();
        heard.sync(self);
        heard != *theirs
    }

    /// The diary remembers that the entry of `date` was removed.
    pub fn was_removed(&self, date: &str) -> bool {
        self.deleted.get(date).is_some()
    }

    /// Forgets the days removed more than [`KEEP_DELETED_MS`] before `now`
    /// (a removal at exactly that age is still kept).
    pub fn prune(&mut self, now: u64) {
        let since = now.saturating_sub(KEEP_DELETED_MS);
        if self.deleted.0.iter().any(|(_, at)| *at < since) {
            Rc::make_mut(&mut self.deleted.0).retain(|(_, at)| *at >= since);
        }
    }

    /// The diary as JSON text: the export file.
    pub fn to_json(&self) -> String {
        Value::Object(self.document()).to_string()
    }

    /// The diary as the text kept in the browser: the export file's, with
    /// when each day was changed (`changed`) and the days removed
    /// (`deleted`), for other tabs to merge with.
    pub fn to_saved_json(&self) -> String {
        let mut doc = self.document();
        doc.insert("changed".to_string(), self.changed.write());
        doc.insert("deleted".to_string(), self.deleted.write());
        Value::Object(doc).to_string()
    }

    fn document(&self) -> Map {
        let entries: Vec<Value> = self.entries.iter().map(entry_json).collect();
        let mut doc = Map::new();
        doc.insert("format".to_string(), Value::from(FORMAT));
        doc.insert("version".to_string(), Value::from(VERSION));
        doc.insert("entries".to_string(), Value::Array(entries));
        // Compact (written by `to_string`): the storage quota is small and
        // the largest diary must stay under IMPORT_MAX_BYTES.
        doc
    }

    /// Reads a diary from JSON text (the saved form or an export file):
    /// every entry is checked as the form checks it, days must not repeat.
    /// `today` as for [`check_date`].
    pub fn from_json(text: &str, today: &str) -> Result<Diary, JsonError> {
        Diary::import(text, today).map(|read| read.diary)
    }

    /// Reads a file as [`Diary::from_json`] does, and with `today` given
    /// (a file to import), tidies what an earlier version of the app let
    /// into a diary: a day that records nothing is left out, and a note's
    /// refused characters are taken out ([`tidy_note`]). Both are named.
    pub fn import(text: &str, today: &str) -> Result<Imported, JsonError> {
        let file: DiaryFile = json::parse(text)?;
        if file.format != FORMAT {
            return Err(JsonError {
                path: "format".to_string(),
                message: format!("this is not a diary file (expected \u{201c}{FORMAT}\u{201d})"),
            });
        }
        // Said of the whole file (no path): its version, its length.
        // (A match, not `!=` then `>`: inside `!=` a `>` and a `>=` agree.)
        let newer = match file.version.cmp(&VERSION) {
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Less => Some(""),
            std::cmp::Ordering::Greater => Some("; a newer version of the app saved it"),
        };
        if let Some(newer) = newer {
            return Err(JsonError::new(format!(
                "it is a diary of format version {}, and this app reads version {VERSION} only{newer}",
                file.version
            )));
        }
        if file.entries.len() > MAX_ENTRIES {
            return Err(JsonError::new(format!(
                "it holds more than {}, the most one diary keeps",
                count(MAX_ENTRIES, "entry", "entries")
            )));
        }
        let mut read = Imported::default();
        for (i, mut entry) in file.entries.into_iter().enumerate() {
            let at = |(field, message): (String, String)| JsonError {
                path: if field.is_empty() {
                    format!("entries[{i}]")
                } else {
                    format!("entries[{i}].{field}")
                },
                message,
            };
            // Tidied only once the note is known to be no longer than the
            // form allows, so that a note is never shortened to fit.
            let tidy = !today.is_empty() && check_note(&entry.note).is_ok();
            if tidy && hidden_characters(&entry.note).is_err() {
                // Trimmed as the form trims (a note may have been only
                // such characters and spaces).
                entry.note = tidy_note(&entry.note).trim().to_string();
                read.tidied.push(entry.date.clone());
            }
            let dated = check_day(&entry.date, "", 0).is_ok() && entry.date.trim() == entry.date;
            if tidy && dated && is_blank(&entry) {
                read.tidied.retain(|day| *day != entry.date);
                read.empty.push(entry.date);
                continue;
            }
            check_entry(&entry, today).map_err(at)?;
            if read.diary.get(&entry.date).is_some() {
                return Err(at((
                    String::new(),
                    format!("a second entry for {}", long_date(&entry.date)),
                )));
            }
            read.diary.insert(entry);
        }
        // The times of the saved text: those of days it holds an entry for,
        // and removals of days it holds none for (an export has neither).
        let diary = &mut read.diary;
        diary.changed = Times::read(file.changed.as_ref(), diary, false);
        diary.deleted = Times::read(file.deleted.as_ref(), diary, true);
        Ok(read)
    }
}

fn entry_json(e: &Entry) -> Value {
    let mut map = Map::new();
    map.insert("date".to_string(), Value::from(e.date.clone()));
    map.insert("infusion".to_string(), Value::from(e.infusion));
    for score in Score::ALL {
        if let Some(v) = score.of(e) {
            map.insert(score.key().to_string(), Value::from(v));
        }
    }
    map.insert(
        "side_effects".to_string(),
        Value::from(e.side_effects.clone()),
    );
    map.insert("note".to_string(), Value::from(e.note.clone()));
    Value::Object(map)
}

/// The checks of a saved or imported entry: those of the form, and side
/// effects as ids.
fn check_entry(e: &Entry, today: &str) -> Result<(), (String, String)> {
    // The field at fault (its path in the entry) and why.
    let at = |field: &str, message: String| (field.to_string(), message);
    // A day after today is not refused: the file may come from a device
    // whose clock ran fast, and refusing it would refuse the whole backup.
    // The import names such days (see [`days_ahead`]).
    check_day(&e.date, "", 0).map_err(|m| at("date", m))?;
    if e.date.trim() != e.date {
        return Err(at(
            "date",
            format!("\u{201c}{}\u{201d} has spaces around it", e.date),
        ));
    }
    if e.side_effects.len() > MAX_EFFECTS {
        return Err(at("side_effects", format!("more than {MAX_EFFECTS}")));
    }
    for score in Score::ALL {
        if let Some(v) = score.of(e).filter(|v| *v > SCORE_MAX) {
            return Err(at(
                score.key(),
                format!("must be a whole number from 0 to {SCORE_MAX}, not {v}"),
            ));
        }
    }
    check_note(&e.note).map_err(|m| at("note", m))?;
    // As the form (saved text keeps what an earlier version let in).
    if !today.is_empty() {
        hidden_characters(&e.note).map_err(|m| at("note", m))?;
    }
    // As the form: an imported entry records something. (Saved text is
    // read without `today` and keeps such an entry: an import before this
    // rule may have put one there, and it must not make the diary unreadable.)
    if !today.is_empty() && is_blank(e) {
        return Err(at(
            "",
            "nothing is recorded for this day (no score, side effect, infusion or note)"
                .to_string(),
        ));
    }
    for (i, id) in e.side_effects.iter().enumerate() {
        let ok = !id.is_empty()
            && id.len() <= EFFECT_ID_MAX
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let field = format!("side_effects[{i}]");
        if !ok {
            return Err(at(
                &field,
                format!("a side-effect id (lower-case letters, digits and hyphens, at most {EFFECT_ID_MAX})"),
            ));
        }
        if e.side_effects.iter().take(i).any(|other| other == id) {
            return Err(at(&field, format!("\u{201c}{id}\u{201d} is listed twice")));
        }
    }
    Ok(())
}

struct DiaryFile {
    format: String,
    version: u64,
    entries: Vec<Entry>,
    changed: Option<Value>,
    deleted: Option<Value>,
}

impl FromJson for DiaryFile {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &["format", "version", "entries", "changed", "deleted"],
        )?;
        let version: u32 = f.req("version")?;
        Ok(DiaryFile {
            format: f.req("format")?,
            version: u64::from(version),
            entries: f.req("entries")?,
            changed: f.opt("changed")?,
            deleted: f.opt("deleted")?,
        })
    }
}

/// A score of a file's entry: absent or `null`, or a whole number (its
/// range is checked with the entry, as for the form). Anything else is
/// refused in the words of the form's scale.
fn score_in_file(f: &Fields, name: &str) -> Result<Option<u32>, JsonError> {
    let value: Option<Value> = f.opt(name)?;
    value
        .map(|v| {
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    JsonError::new(format!(
                        "expected a whole number from 0 to {SCORE_MAX}, found {}",
                        json::instead_of_whole(&v)
                    ))
                    .at(name)
                })
        })
        .transpose()
}

impl FromJson for Entry {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "date",
                "infusion",
                "pain",
                "sleep",
                "mood",
                "side_effects",
                "note",
            ],
        )?;
        Ok(Entry {
            date: f.req("date")?,
            infusion: f.opt("infusion")?,
            pain: score_in_file(&f, "pain")?,
            sleep: score_in_file(&f, "sleep")?,
            mood: score_in_file(&f, "mood")?,
            side_effects: f.opt("side_effects")?,
            note: f.opt("note")?,
        })
    }
}

// ---- storage ----------------------------------------------------------------------

/// What the browser's saved text gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loaded {
    /// A diary (empty when nothing was saved).
    Ready(Diary),
    /// Saved text that this app cannot read. It stays saved, untouched,
    /// until the patient downloads it or chooses to start again.
    Unreadable {
        /// The saved text, to offer as a file.
        text: String,
        /// Why it cannot be read.
        reason: String,
    },
}

/// Reads the saved text (`None`: nothing saved). Dates are not checked
/// against today here: a clock set back must not make a diary unreadable.
pub fn load(saved: Option<&str>) -> Loaded {
    match saved {
        None => Loaded::Ready(Diary::default()),
        Some(text) if text.trim().is_empty() => Loaded::Ready(Diary::default()),
        Some(text) => match Diary::from_json(text, "") {
            Ok(diary) => Loaded::Ready(diary),
            Err(e) => Loaded::Unreadable {
                text: text.to_string(),
                reason: e.to_string(),
            },
        },
    }
}

/// Ends the sentence for a file that is not a diary: what one is called.
const DIARY_FILE_NAMED: &str = "A diary file is named ketamine-diary-YYYY-MM-DD.json.";

/// Whether a file's top level is a protocol card's (or the app's other card
/// files'): its `$schema`, its own fields, or a card format's name.
fn looks_like_card(value: &Value) -> bool {
    let text = |name: &str| value.get(name).and_then(Value::as_str).unwrap_or_default();
    text("$schema").contains("protocol-card")
        || ["base_rate", "dosing_weight", "phases", "factors"]
            .iter()
            .any(|name| value.get(name).is_some())
        || (text("format").starts_with("ketamine-dosing-reference/")
            && text("format").contains("card"))
}

/// Why a file was not imported, in a patient's words: where in the file,
/// counted from 1 ("entry 3, pain", not `entries[2].pain`); what is wrong
/// with a whole diary file (its version, its length: an error with no path)
/// as it is; a file that is not JSON at all named as not being a diary
/// export; and a file whose top level is not a diary's (`text`, read again
/// only then) said to be none, a protocol card named as such, without the
/// reader's field names.
pub fn import_problem(e: &JsonError, text: &str) -> String {
    let top = e.path.is_empty()
        || e.path == "format"
        || (!e.path.contains(['.', '[']) && e.message.starts_with("unknown field"));
    if top {
        let Ok(value) = json::parse_value(text) else {
            // Not JSON at all: the reader's line and column mean nothing
            // to a patient with a text file or a damaged copy.
            return format!("it is not a diary file saved by this app, or the file is damaged. {DIARY_FILE_NAMED}");
        };
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            if looks_like_card(&value) {
                return format!("it is not a diary file: it looks like a protocol card (a file for the calculator), not a diary saved by this app. {DIARY_FILE_NAMED}");
            }
            return format!("it is not a diary file saved by this app. {DIARY_FILE_NAMED}");
        }
        // A diary's format name, but not a diary's top level.
        if let Some(missing) = ["version", "entries"]
            .into_iter()
            .find(|name| value.get(name).is_none())
        {
            return format!("it is not a whole diary file: it has no \u{201c}{missing}\u{201d}, which every diary saved by this app has. It may have been changed by hand.");
        }
        if e.path.is_empty() {
            // A diary's whole top level, and what is wrong with the whole
            // file (its version, its length).
            return format!("{}.", e.message);
        }
        if e.path != "format" {
            return format!("it is not a diary file saved by this app: it has \u{201c}{}\u{201d}, which a diary file does not have. It may have been changed by hand.", e.path);
        }
        return format!("it is not a diary file saved by this app. {DIARY_FILE_NAMED}");
    }
    let place: Vec<String> = e
        .path
        .split('.')
        .map(|part| {
            let (name, index) = match part.split_once('[') {
                Some((name, rest)) => (name, rest.strip_suffix(']')),
                None => (part, None),
            };
            let name = match name {
                "entries" => "entry",
                "side_effects" => "side effect",
                other => other,
            };
            match index.and_then(|i| i.parse::<usize>().ok()) {
                Some(i) => format!("{name} {}", i.saturating_add(1)),
                None => name.to_string(),
            }
        })
        .collect();
    format!("{}: {}", place.join(", "), e.message)
}

/// The name of an export file: `ketamine-diary-<today>.json`.
pub fn export_file_name(today: &str) -> String {
    if is_valid_date(today) {
        format!("ketamine-diary-{today}.json")
    } else {
        "ketamine-diary.json".to_string()
    }
}

/// The name of the file that keeps a saved text this app cannot read.
pub fn unreadable_file_name(today: &str) -> String {
    if is_valid_date(today) {
        format!("ketamine-diary-unreadable-{today}.json")
    } else {
        "ketamine-diary-unreadable.json".to_string()
    }
}

// ---- the chart --------------------------------------------------------------------

/// Width of the chart's drawing, in SVG units.
pub const CHART_WIDTH: f64 = 640.0;
/// Height of the chart's drawing.
pub const CHART_HEIGHT: f64 = 260.0;
/// The plot area inside the drawing: left, top, right and bottom edges.
const PLOT_LEFT: f64 = 36.0;
const PLOT_RIGHT: f64 = 624.0;
const PLOT_TOP: f64 = 12.0;
const PLOT_BOTTOM: f64 = 216.0;
/// Fewest days the time axis spans, so a few entries are not spread wide.
const MIN_SPAN_DAYS: i64 = 6;

/// Readings further apart than this many days are not joined by a line: a
/// line across weeks with no reading would look as if there were readings.
pub const LINE_GAP_DAYS: i64 = 7;

/// One score's line through the days that have a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub score: Score,
    /// The `d` attribute of the line's path: one stretch (`M`, then `L`)
    /// for each run of readings at most [`LINE_GAP_DAYS`] apart; a reading
    /// alone between gaps has no stretch, only its marker. Empty when no
    /// two readings are joined.
    pub line: String,
    /// Every point: `(x, y)` as SVG numbers.
    pub points: Vec<(String, String)>,
    /// The `d` attribute of one path that draws every point's marker (see
    /// [`marker_path`]): a diary of years has thousands of points, and one
    /// element per marker would cost the browser on every frame.
    pub markers: String,
}

/// The SVG path of the marker of `score` centred on `(x, y)`: a circle for
/// pain, a square for sleep, a triangle for mood, so that the lines are told
/// apart without their colours. Relative moves only, so the SVG numbers are
/// used as they are.
pub fn marker_path(score: Score, x: &str, y: &str) -> String {
    let shape = match score {
        Score::Pain => "m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z",
        Score::Sleep => "m-3.5 -3.5h7v7h-7z",
        Score::Mood => "m0 -4.5l4.5 8h-9z",
    };
    format!("M{x} {y}{shape}")
}

/// A labelled tick on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: String,
    pub label: String,
}

/// The chart of the diary over time, in SVG numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub series: Vec<Series>,
    /// The x of each infusion day, with its date.
    pub infusions: Vec<(String, String)>,
    /// Three ticks: the first day, the middle, the last day.
    pub ticks: Vec<Tick>,
    /// The y of the score lines 0, 5 and 10, with their label.
    pub levels: Vec<(String, String)>,
    /// The chart in words, for screen readers.
    pub summary: String,
    /// Said under the chart when a line is broken (readings more than
    /// [`LINE_GAP_DAYS`] apart).
    pub gap_note: Option<String>,
}

/// The x of day `day` when the axis runs from `first` over `span` days.
fn day_x(day: i64, first: i64, span: i64) -> f64 {
    let fraction = (day - first) as f64 / span as f64;
    PLOT_LEFT + fraction * (PLOT_RIGHT - PLOT_LEFT)
}

/// The y of score `v` (0 at the bottom, [`SCORE_MAX`] at the top).
fn score_y(v: u32) -> f64 {
    PLOT_BOTTOM - f64::from(v) / f64::from(SCORE_MAX) * (PLOT_BOTTOM - PLOT_TOP)
}

fn svg(v: f64) -> String {
    plain_number(v, 1)
}

/// The periods the chart can show, in days up to the latest entry (`None`:
/// every entry), with their names in the chart's choice.
pub const CHART_PERIODS: [(Option<u32>, &str); 4] = [
    (None, "All entries"),
    (Some(30), "30 days"),
    (Some(90), "90 days"),
    (Some(365), "365 days"),
];

/// The periods of [`CHART_PERIODS`] worth offering for `diary`: every entry,
/// and each period shorter than the days from its first entry to its last
/// (counting both). Only the first when no period would leave one out.
pub fn chart_periods(diary: &Diary) -> Vec<(Option<u32>, &'static str)> {
    let days: Vec<i64> = diary
        .entries()
        .iter()
        .filter_map(|e| day_number(&e.date))
        .collect();
    let covered = match (days.first(), days.last()) {
        (Some(first), Some(last)) => last - first + 1,
        _ => 0,
    };
    CHART_PERIODS
        .into_iter()
        .filter(|(days, _)| days.is_none_or(|n| i64::from(n) < covered))
        .collect()
}

/// The chart of `diary`; `None` when it has no entries.
pub fn chart(diary: &Diary) -> Option<Chart> {
    chart_over(diary, None, "")
}

/// The chart of the entries of `diary` in the `days` days up to its latest
/// entry that is not after `today` (counting both; the latest entry when
/// none is, or `today` is not a date), its axis over those days; every
/// entry for `None`. A day after `today` (imported from a device whose
/// clock ran ahead) would otherwise leave a period empty of the real ones.
/// `None` when the diary has no entries.
pub fn chart_over(diary: &Diary, days: Option<u32>, today: &str) -> Option<Chart> {
    let every: Vec<(i64, &Entry)> = diary
        .entries()
        .iter()
        .filter_map(|e| day_number(&e.date).map(|d| (d, e)))
        .collect();
    let latest = every.last()?.0;
    let last = match (days, day_number(today)) {
        (Some(_), Some(today)) => every
            .iter()
            .rev()
            .map(|(d, _)| *d)
            .find(|d| *d <= today)
            .unwrap_or(latest),
        _ => latest,
    };
    let from = days.map(|n| last - (i64::from(n.max(1)) - 1));
    let dated: Vec<(i64, &Entry)> = every
        .iter()
        .filter(|(d, _)| from.is_none_or(|f| *d >= f) && *d <= last)
        .copied()
        .collect();
    let later = every.iter().filter(|(d, _)| *d > last).count();
    let left_out = every.len() - dated.len() - later;
    let first = from.unwrap_or(dated.first()?.0);
    let span = (last - first).max(MIN_SPAN_DAYS);
    // The axis ends at the latest entry: a short diary's axis reaches back
    // (never into days that have not come).
    let first = last - span;
    let x = |day: i64| svg(day_x(day, first, span));
    let mut broken = false;
    let series = Score::ALL
        .into_iter()
        .map(|score| {
            let read: Vec<(i64, (String, String))> = dated
                .iter()
                .filter_map(|&(day, e)| score.of(e).map(|v| (day, (x(day), svg(score_y(v))))))
                .collect();
            // Runs of readings at most LINE_GAP_DAYS apart; a run of one
            // is drawn by its marker alone.
            let mut line = String::new();
            for run in read.chunk_by(|(a, _), (b, _)| b - a <= LINE_GAP_DAYS) {
                if run.len() > 1 {
                    for (i, (_, (x, y))) in run.iter().enumerate() {
                        line.push_str(&format!("{}{x} {y}", if i == 0 { 'M' } else { 'L' }));
                    }
                }
            }
            broken |= read.windows(2).any(|w| match w {
                [(a, _), (b, _)] => b - a > LINE_GAP_DAYS,
                _ => false,
            });
            let points: Vec<(String, String)> = read.into_iter().map(|(_, p)| p).collect();
            let markers: String = points
                .iter()
                .map(|(x, y)| marker_path(score, x, y))
                .collect();
            Series {
                score,
                line,
                points,
                markers,
            }
        })
        .collect();
    let gap_note = broken.then(|| {
        format!("A line stops where no reading was recorded for more than {LINE_GAP_DAYS} days, and goes on from the next reading; a reading on its own shows as a mark.")
    });
    let infusions: Vec<(String, String)> = dated
        .iter()
        .filter(|(_, e)| e.infusion)
        .map(|&(day, e)| (x(day), e.date.clone()))
        .collect();
    let middle = first + span / 2;
    let tick_days = [first, middle, first + span];
    let ticks = tick_days
        .iter()
        .filter_map(|&d| {
            crate::domain::version::date_of_day_number(d).map(|date| Tick {
                x: x(d),
                label: short_date(&date),
            })
        })
        .collect();
    let levels = [0, 5, 10]
        .into_iter()
        .map(|v| (svg(score_y(v)), v.to_string()))
        .collect();
    let (first_date, last_date) = (
        dated
            .first()
            .map(|(_, e)| e.date.as_str())
            .unwrap_or_default(),
        dated
            .last()
            .map(|(_, e)| e.date.as_str())
            .unwrap_or_default(),
    );
    let over = days
        .map(|n| {
            format!(
                " over the {} to {}:",
                count(n as usize, "day", "days"),
                long_date(last_date)
            )
        })
        .unwrap_or_default();
    let not_on_it = |n: usize, one: &str, many: &str| match n {
        0 => String::new(),
        n => format!(
            " {} {} not on it; choose \u{201c}{}\u{201d} to see {}.",
            count(n, one, many),
            if n == 1 { "is" } else { "are" },
            CHART_PERIODS[0].1,
            if n == 1 { "it" } else { "them" }
        ),
    };
    let older = not_on_it(left_out, "older entry", "older entries")
        + &not_on_it(
            later,
            "entry dated after today",
            "entries dated after today",
        );
    let summary = format!(
        "Chart of pain, sleep and mood from 0 to 10,{over} {} from {} to {}, with {} marked.{older}{} The table below lists the entries, newest first.",
        count(dated.len(), "entry", "entries"),
        long_date(first_date),
        long_date(last_date),
        count(infusions.len(), "infusion day", "infusion days"),
        gap_note
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default(),
    );
    Some(Chart {
        series,
        infusions,
        ticks,
        levels,
        summary,
        gap_note,
    })
}

/// "7 Dec 2026": the axis labels, without the weekday.
fn short_date(date: &str) -> String {
    let long = long_date(date);
    match long.split_once(' ') {
        Some((_, rest)) => rest.to_string(),
        None => long,
    }
}

/// The side effects of an entry in words: names from `known` (id, name),
/// ids as they are for any the reference does not know.
pub fn effect_names(entry: &Entry, known: &[(String, String)]) -> Vec<String> {
    entry
        .side_effects
        .iter()
        .map(|id| {
            known
                .iter()
                .find(|(k, _)| k == id)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| id.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_from_zero_to_ten_and_blank() {
        assert_eq!(read_score(""), Ok(None));
        assert_eq!(read_score("  "), Ok(None));
        assert_eq!(read_score("0"), Ok(Some(0)));
        assert_eq!(read_score(" 9 "), Ok(Some(9)));
        assert_eq!(read_score("10"), Ok(Some(10)));
        assert_eq!(read_score("0010"), Ok(Some(10)));
        for bad in [
            "11",
            "-1",
            "5.5",
            "five",
            "1e1",
            "011",
            "+3",
            "99999999999999999999",
        ] {
            assert!(read_score(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_real_days_from_2000_up_to_today() {
        let today = "2026-12-01";
        assert_eq!(check_date("2026-12-01", today), Ok(()));
        assert_eq!(
            check_date("2026-12-02", today),
            Err("That day has not come yet: entries are for today or earlier, and today is Tue 1 Dec 2026 on this device.".to_string())
        );
        assert_eq!(check_date("2026-11-30", today), Ok(()));
        // A file may hold the next day (made where it had begun), no later.
        assert_eq!(check_day("2026-12-02", today, 1), Ok(()));
        assert_eq!(
            check_day("2026-12-03", today, 1),
            Err("Thu 3 Dec 2026 has not come yet: today is Tue 1 Dec 2026 on this device, and a file may hold entries up to the next day (made where that day had already begun).".to_string())
        );
        assert_eq!(check_date("2000-01-01", today), Ok(()));
        assert_eq!(
            check_date("1999-12-31", today),
            Err("The diary starts on Sat 1 Jan 2000.".to_string())
        );
        // A clock reset to 1970 is named as the cause.
        assert_eq!(
            check_date("1970-01-01", "1970-01-01"),
            Err("The diary starts on Sat 1 Jan 2000. This device's date is Thu 1 Jan 1970: set its clock to today, then save.".to_string())
        );
        // A clock on the first day itself is no cause.
        assert_eq!(
            check_date("1999-12-31", "2000-01-01"),
            Err("The diary starts on Sat 1 Jan 2000.".to_string())
        );
        assert!(check_date("1999-12-31", "1999-12-31")
            .unwrap_err()
            .contains("This device's date is Fri 31 Dec 1999"));
        assert!(check_date("2026-11-30", "1970-01-01")
            .unwrap_err()
            .contains("today is Thu 1 Jan 1970 on this device"));
        assert!(check_date("2026-02-29", today)
            .unwrap_err()
            .contains("not a date"));
        assert_eq!(check_date("2024-02-29", today), Ok(()));
        assert!(check_date("", today).unwrap_err().contains("Choose"));
        // Without today's date there is no upper limit.
        assert_eq!(check_date("2099-01-01", ""), Ok(()));
    }

    #[test]
    fn an_entry_keeps_at_most_twenty_side_effects_as_its_reader_does() {
        let today = "2026-12-01";
        let with = |n: usize| {
            (0..n).fold(Draft::for_date(today), |d, i| {
                d.with_effect(&format!("from-a-file-{i}"), true)
            })
        };
        for n in [1, MAX_EFFECTS - 1, MAX_EFFECTS] {
            let entry = read_draft(&with(n), today).unwrap();
            assert_eq!(entry.side_effects.len(), n);
            // What the form saves, the saved text's reader takes back.
            assert_eq!(check_entry(&entry, ""), Ok(()));
        }
        let errors = read_draft(&with(MAX_EFFECTS + 1), today).unwrap_err();
        assert_eq!(
            errors,
            vec![FieldError {
                field: Field::Entry,
                message:
                    "An entry keeps at most 20 side effects, and 21 are ticked: untick 1 to save."
                        .to_string()
            }]
        );
        let errors = read_draft(&with(MAX_EFFECTS + 3), today).unwrap_err();
        assert!(errors[0]
            .message
            .ends_with("and 23 are ticked: untick 3 to save."));
        assert!(check_entry(
            &Entry {
                side_effects: with(MAX_EFFECTS + 1).side_effects,
                ..read_draft(&with(1), today).unwrap()
            },
            ""
        )
        .is_err());
    }

    #[test]
    fn notes_up_to_the_limit() {
        assert_eq!(check_note(&"é".repeat(NOTE_MAX_CHARS)), Ok(()));
        assert!(check_note(&"é".repeat(NOTE_MAX_CHARS + 1))
            .unwrap_err()
            .contains("1,001 characters long; keep it to 1,000."));
    }
}
