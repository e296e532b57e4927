//! The treatment schedule: a card's phases laid out on the calendar from a
//! start date, and the same dates as an iCalendar file (RFC 5545).
//!
//! The dates are illustrative. They spread the card's induction infusions
//! evenly over its induction span and open a window for each booster between
//! the card's shortest and longest interval; real courses are booked by the
//! treating team and boosters are timed by symptoms.

use crate::domain::dosing::card::{EvidenceKind, ProtocolCard};
use crate::domain::dosing::input::{percent_encode, query_pairs, side_by_side};
use crate::domain::version::{date_of_day_number, day_number, days_in_month, APP_VERSION};

/// Boosters shown after the induction phase.
pub const BOOSTERS_SHOWN: u32 = 3;

/// Earliest and latest start date accepted (also the date input's limits).
pub const START_MIN: &str = "2000-01-01";
pub const START_MAX: &str = "2099-12-31";

/// What one entry of the schedule is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionKind {
    /// Infusion (or day of a continuous infusion) `number` of `of` in the
    /// induction phase.
    Induction { number: u32, of: u32 },
    /// Booster `number`: due at the earliest on `date`, at the latest on
    /// `latest`.
    Booster { number: u32, latest: String },
}

/// One dated entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduledSession {
    pub kind: SessionKind,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Days after the start date (0 for the start).
    pub day: u32,
}

/// A card's course on the calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub card_id: String,
    pub card_name: String,
    pub card_version: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    /// "infusion" or, on continuous cards, "day".
    pub unit: &'static str,
    pub sessions: Vec<ScheduledSession>,
    /// What a booster is, from the card (none when it has no boosters).
    pub booster_form: Option<String>,
    /// Where the card's phase figures come from.
    pub evidence: EvidenceKind,
    pub sources: Vec<String>,
    pub note: Option<String>,
}

/// Why no schedule can be drawn.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("Enter the first day of the course as a date (for example 2026-12-07).")]
    NoDate,
    #[error("\u{201c}{0}\u{201d} is not a date: use year-month-day, for example 2026-12-07.")]
    NotADate(String),
    /// Text shaped as a date whose month has no such day, or no such month
    /// ("2027-02-29"): the sentence says which.
    #[error("{0}")]
    NoSuchDay(String),
    #[error("The first day must be between {START_MIN} and {START_MAX}.")]
    OutOfRange,
    /// The page's date field left holding what the browser cannot read as
    /// a date: half typed, or a day its month does not have (02/29/2027).
    /// The browser reports it as an empty value, as it does a cleared field.
    #[error("The date in the field is not complete or does not exist (29 February in a year that is not a leap year, say): correct the day, month or year.")]
    FieldNotADate,
}

/// Why text shaped as a date (`YYYY-MM-DD`, digits only) is none: its
/// month has no such day ("29 Feb 2027 is not a date: that month has 28
/// days."), or it names no month. Nothing for any other text, or a date.
pub fn no_such_day(text: &str) -> Option<ScheduleError> {
    if !date_shaped(text) || day_number(text).is_some() {
        return None;
    }
    let (y, m, d) = (text.get(..4)?, text.get(5..7)?, text.get(8..)?);
    let (year, month, day): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let why = match days_in_month(year, month) {
        // Written as u32: the wasm has no 64-bit number formatting otherwise.
        Some(days) => format!("that month has {} days", u32::try_from(days).ok()?),
        None => format!("there is no month {m}"),
    };
    let name = usize::try_from(month - 1).ok().and_then(|i| MONTHS.get(i));
    let shown = match (u32::try_from(day).ok()?, name) {
        (1.., Some(name)) => format!("{} {name} {y}", d.trim_start_matches('0')),
        _ => format!("\u{201c}{text}\u{201d}"),
    };
    Some(ScheduleError::NoSuchDay(format!(
        "{shown} is not a date: {why}."
    )))
}

/// The schedule page's address parameters: `protocol` (card id) and
/// `start` (`YYYY-MM-DD`), as in `#/schedule?protocol=crps-4h&start=2026-12-07`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScheduleQuery {
    pub protocol: String,
    pub start: String,
}

impl ScheduleQuery {
    /// Reads the parameters; unknown ones are ignored, missing ones empty. A
    /// parameter given twice with different values keeps both, side by side
    /// (as the calculator does), so neither silently wins: the date is then
    /// no date and the card no card, and the page says so.
    pub fn from_query(query: &str) -> ScheduleQuery {
        let mut q = ScheduleQuery::default();
        for (name, value) in query_pairs(query) {
            let field = match name.as_str() {
                "protocol" => &mut q.protocol,
                "start" => &mut q.start,
                _ => continue,
            };
            // As the calculator reads its card: spaces around a value are
            // not part of it, and an empty value gives nothing.
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            *field = if field.is_empty() {
                value.to_string()
            } else {
                side_by_side(field, value)
            };
        }
        q
    }

    /// The query that reopens this schedule (empty parameters left out).
    pub fn to_query(&self) -> String {
        [("protocol", &self.protocol), ("start", &self.start)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Day offsets of `count` induction infusions spread evenly over `span_days`
/// days, the first on day 0 and the last on day `span_days - 1` (rounded to
/// the nearest day): 6 infusions over 14 days fall on days 0, 3, 5, 8, 10
/// and 13.
pub fn induction_days(count: u32, span_days: u32) -> Vec<u32> {
    let last = span_days.saturating_sub(1);
    if count <= 1 {
        return vec![0];
    }
    let gaps = u64::from(count - 1);
    (0..count)
        .map(|i| {
            let scaled = u64::from(i) * u64::from(last);
            // Round half up, in whole numbers.
            u32::try_from((2 * scaled + gaps) / (2 * gaps)).unwrap_or(last)
        })
        .collect()
}

/// Lays `card`'s phases out from `start` (`YYYY-MM-DD`).
pub fn schedule(card: &ProtocolCard, start: &str) -> Result<Schedule, ScheduleError> {
    let start = start.trim();
    if start.is_empty() {
        return Err(ScheduleError::NoDate);
    }
    let first = day_number(start).ok_or_else(|| {
        no_such_day(start).unwrap_or_else(|| ScheduleError::NotADate(start.to_string()))
    })?;
    let (min, max) = (
        day_number(START_MIN).unwrap_or(i64::MIN),
        day_number(START_MAX).unwrap_or(i64::MAX),
    );
    if !(min..=max).contains(&first) {
        return Err(ScheduleError::OutOfRange);
    }
    let date = |day: u32| date_of_day_number(first + i64::from(day)).unwrap_or_default();
    let ph = &card.phases;
    let days = induction_days(ph.induction_count, ph.induction_span_days);
    let last_induction = days.last().copied().unwrap_or(0);
    let mut sessions: Vec<ScheduledSession> = days
        .iter()
        .zip(1..)
        .map(|(&day, number)| ScheduledSession {
            kind: SessionKind::Induction {
                number,
                of: ph.induction_count,
            },
            date: date(day),
            day,
        })
        .collect();
    if let Some(b) = &ph.booster {
        for number in 1..=BOOSTERS_SHOWN {
            let after = |weeks: u32| {
                last_induction.saturating_add(number.saturating_mul(weeks).saturating_mul(7))
            };
            let (earliest, latest) = (after(b.interval_weeks_min), after(b.interval_weeks_max));
            sessions.push(ScheduledSession {
                kind: SessionKind::Booster {
                    number,
                    latest: date(latest),
                },
                date: date(earliest),
                day: earliest,
            });
        }
    }
    Ok(Schedule {
        card_id: card.id.clone(),
        card_name: card.name.clone(),
        card_version: card.version.clone(),
        start: start.to_string(),
        unit: if card.session.continuous {
            "day"
        } else {
            "infusion"
        },
        sessions,
        booster_form: ph.booster.as_ref().map(|b| b.form.clone()),
        evidence: ph.evidence,
        sources: ph.sources.clone(),
        note: ph.note.clone(),
    })
}

/// The months as written in dates ("Mon 7 Dec 2026").
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Whether `text` is shaped as a date, `YYYY-MM-DD` in ASCII digits (a date
/// or not).
fn date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// What the page's date field may hold for `start`: the date itself when it
/// is a real `YYYY-MM-DD` date from year 1 on, in range or not (so a year
/// being typed stays in the field), otherwise nothing (a date field takes no
/// other text, and the browser warns about it). Spaces around it are
/// trimmed, as the schedule and its query trim them, so the field shows the
/// date the schedule is drawn from.
pub fn start_field_value(start: &str) -> &str {
    let start = start.trim();
    if date_shaped(start) && !start.starts_with("0000") && day_number(start).is_some() {
        start
    } else {
        ""
    }
}

/// Whether a date the page's field reports is taken at once: only a first
/// day the schedule accepts. A browser's date field reports every keystroke,
/// so a year typed digit by digit passes through 0002-03-15, 0020-03-15 and
/// 0202-03-15 on its way to 2027-03-15; anything out of range waits until
/// the field is left, and only then is explained.
pub fn start_taken_at_once(text: &str) -> bool {
    let date = start_field_value(text);
    !date.is_empty() && (START_MIN..=START_MAX).contains(&date)
}

/// Why the schedule shows the first card instead of the one its link names:
/// a card this browser does not have, or one saved here that fails the
/// checks (`unusable`; the Protocol cards page lists it with why).
pub fn card_not_shown(id: &str, unusable: bool) -> String {
    if unusable {
        format!("The card \u{201c}{id}\u{201d} is saved in this browser but fails this app's checks (the Protocol cards page says why), so the first card is shown.")
    } else {
        format!("The card \u{201c}{id}\u{201d} is not in this browser, so the first card is shown.")
    }
}

/// The line under the schedule for a card with boosters: the card's own
/// sentence, then how their windows are laid out; `None` without boosters.
pub fn booster_line(s: &Schedule) -> Option<String> {
    let form = s.booster_form.as_ref()?;
    // A window that begins on or before the day the one before it ends, as
    // the table's dates show them (with boosters every 4 to 8 weeks the
    // second, 8 to 16 weeks, begins as the first ends; every 6 to 8 weeks
    // none does). Dates written YYYY-MM-DD compare as text.
    let windows: Vec<(&str, &str)> = s
        .sessions
        .iter()
        .filter_map(|x| match &x.kind {
            SessionKind::Booster { latest, .. } => Some((x.date.as_str(), latest.as_str())),
            SessionKind::Induction { .. } => None,
        })
        .collect();
    let overlap = windows
        .windows(2)
        .any(|pair| matches!(pair, [(_, ends), (begins, _)] if begins <= ends));
    Some(format!(
        "{form} They are timed by symptoms, when relief wears off; the first window runs from the card's shortest to its longest interval after the last induction infusion, the second from twice those intervals, the third from three times{}; each booster is timed from the one before.",
        if overlap { ", so the windows overlap" } else { "" }
    ))
}

/// One short sentence for a screen reader when the schedule is drawn or
/// redrawn, instead of the whole table: "9 dates from Mon 7 Dec 2026 to
/// Sun 6 Jun 2027." The end is the last session's date, or the last day of
/// its window for a booster (the last window ends last, whether or not the
/// windows overlap).
pub fn announcement(s: &Schedule) -> String {
    let (Some(first), Some(last)) = (s.sessions.first(), s.sessions.last()) else {
        return "The schedule has no dates.".to_string();
    };
    let end = match &last.kind {
        SessionKind::Booster { latest, .. } => latest,
        SessionKind::Induction { .. } => &last.date,
    };
    match s.sessions.len() {
        1 => format!("1 date: {}.", long_date(&first.date)),
        count => format!(
            "{count} dates from {} to {}.",
            long_date(&first.date),
            long_date(end)
        ),
    }
}

/// "Mon 7 Dec 2026" for `YYYY-MM-DD` (the text as given if it is not a date).
pub fn long_date(date: &str) -> String {
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let Some(n) = day_number(date) else {
        return date.to_string();
    };
    let weekday = usize::try_from(n.rem_euclid(7))
        .ok()
        .and_then(|i| WEEKDAYS.get(i));
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    let month = m
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let day = d.and_then(|d| d.parse::<u32>().ok());
    match (weekday, y, month, day) {
        (Some(w), Some(y), Some(m), Some(d)) => format!("{w} {d} {m} {y}"),
        _ => date.to_string(),
    }
}

impl ScheduledSession {
    /// "Infusion 2 of 6 (induction)", "Booster 1"; "Single infusion" for a
    /// card whose course is one infusion (no induction series to be part of).
    pub fn title(&self, unit: &str) -> String {
        match &self.kind {
            SessionKind::Induction { of: 1, .. } => format!("Single {unit}"),
            SessionKind::Induction { number, of } => {
                // ASCII only ("infusion", "day"): no Unicode case tables.
                let unit = match unit.split_at_checked(1) {
                    Some((first, rest)) => format!("{}{rest}", first.to_ascii_uppercase()),
                    None => String::new(),
                };
                format!("{unit} {number} of {of} (induction)")
            }
            SessionKind::Booster { number, .. } => format!("Booster {number}"),
        }
    }

    /// When, in words: "Mon 7 Dec 2026" or, for a booster, its window.
    pub fn when(&self) -> String {
        match &self.kind {
            SessionKind::Induction { .. } => long_date(&self.date),
            SessionKind::Booster { latest, .. } => format!(
                "from {} to {}, when relief wears off",
                long_date(&self.date),
                long_date(latest)
            ),
        }
    }
}

/// The file name of the calendar: `ketamine-course-<card>-<start>.ics`.
pub fn ics_file_name(s: &Schedule) -> String {
    format!("ketamine-course-{}-{}.ics", s.card_id, s.start)
}

/// An instant as an iCalendar UTC date-time, `YYYYMMDDTHHMMSSZ` (RFC 5545
/// §3.3.5, form 2), from the clock's milliseconds since
/// 1970-01-01T00:00:00Z; the milliseconds are dropped. A clock past the year
/// 9999 gives 1970's first second, as a clock before 1970 does.
pub fn ics_utc_stamp(ms_since_1970: u64) -> String {
    let seconds = ms_since_1970 / 1000;
    let (days, second) = (seconds / 86_400, seconds % 86_400);
    let Some(date) = i64::try_from(days).ok().and_then(date_of_day_number) else {
        return "19700101T000000Z".to_string();
    };
    // Two digits each, by hand: padded number formatting would add its
    // code to the wasm for this one line.
    let mut stamp = date.replace('-', "");
    stamp.push('T');
    for part in [second / 3600, second / 60 % 60, second % 60] {
        let part = u32::try_from(part).unwrap_or(0);
        stamp.extend([part / 10, part % 10].map(|d| char::from_digit(d, 10).unwrap_or('0')));
    }
    stamp.push('Z');
    stamp
}

/// A short stable tag of what the card gives the calendar: its version,
/// name, unit and booster text, and every date (eight hex digits of the
/// 32-bit FNV-1a hash). It is part of each event's UID, so the same course
/// exported again has the same UIDs, and a card changed under the same id
/// (a new version, or an imported card edited) gives events a calendar
/// cannot take for the old ones.
pub fn course_tag(s: &Schedule) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    let mut add = |text: &str| {
        // 0xff never occurs in UTF-8: the parts cannot run into each other.
        for byte in text.bytes().chain([0xff]) {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    };
    add(&s.card_version);
    add(&s.card_name);
    add(s.unit);
    add(s.booster_form.as_deref().unwrap_or_default());
    for session in &s.sessions {
        add(&session.date);
        if let SessionKind::Booster { latest, .. } = &session.kind {
            add(latest);
        }
    }
    // Eight lower-case hex digits, by hand (hex formatting would add its
    // code to the wasm).
    (0..8)
        .rev()
        .map(|i| char::from_digit((hash >> (4 * i)) & 0xf, 16).unwrap_or('0'))
        .collect()
}

/// The schedule as an iCalendar file: one all-day event per induction
/// infusion and per booster window's first day, CRLF line ends, text
/// escaped and lines folded at 75 octets. `now_ms` is the moment the file is
/// made, from the clock (milliseconds since 1970, UTC): every DTSTAMP. Each
/// UID is `<card>-<tag>-<start>-<day>` (the tag: [`course_tag`]). Every
/// event says the dates are illustrative.
pub fn to_ics(s: &Schedule, now_ms: u64) -> String {
    let compact = |date: &str| date.replace('-', "");
    let stamp = ics_utc_stamp(now_ms);
    let tag = course_tag(s);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Ketamine Dosing Reference//Schedule {APP_VERSION}//EN"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    for session in &s.sessions {
        let next_day = day_number(&session.date)
            .and_then(|n| date_of_day_number(n + 1))
            .unwrap_or_else(|| session.date.clone());
        let what = match &session.kind {
            SessionKind::Induction { .. } => format!(
                "Planned {} of the induction phase of the card {} (version {}).",
                s.unit, s.card_name, s.card_version
            ),
            SessionKind::Booster { latest, .. } => format!(
                "Booster window opens today and closes on {}: boosters are timed by symptoms, \
                 when relief wears off. {}",
                long_date(latest),
                s.booster_form.as_deref().unwrap_or_default()
            ),
        };
        let description = format!(
            "{what} Illustrative dates from an educational reference, not an appointment: \
             the treating team books the real course."
        );
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!(
                "UID:{}-{tag}-{}-{}@ketamine-dosing-reference",
                s.card_id, s.start, session.day
            ),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(&session.date)),
            format!("DTEND;VALUE=DATE:{}", compact(&next_day)),
            format!(
                "SUMMARY:{}",
                escape_text(&format!("Ketamine: {}", session.title(s.unit)))
            ),
            format!("DESCRIPTION:{}", escape_text(&description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so that no line is longer than 75 octets, never
/// splitting a UTF-8 character; continuation lines start with a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut octets = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if octets + len > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dosing::builtin_cards;
    use crate::domain::dosing::validate::is_evidence_source_id;

    #[test]
    fn the_booster_line_says_the_windows_overlap_only_when_they_do() {
        let cards = builtin_cards(&is_evidence_source_id).unwrap();
        let card = cards
            .iter()
            .find(|c| c.id() == "outpatient-consensus")
            .unwrap();
        let mut card = card.card().clone();
        let line = |card: &ProtocolCard| booster_line(&schedule(card, "2026-12-07").unwrap());
        // Every 4 to 8 weeks: the second window (8 to 16 weeks) begins as the first ends.
        let overlapping = line(&card).unwrap();
        assert!(
            overlapping.starts_with(
                "One 4-hour infusion at the last well-tolerated rate. They are timed by symptoms"
            ),
            "{overlapping}"
        );
        assert!(
            overlapping
                .contains("the third from three times, so the windows overlap; each booster"),
            "{overlapping}"
        );
        // A window overlaps (or meets) the next when (k + 1) × min ≤ k × max
        // for the first or second.
        for (min, max, overlap) in [
            (6, 8, false),
            (7, 8, false),
            (3, 4, false),
            (4, 8, true),
            (4, 7, true),
            (4, 6, true),
            (5, 8, true),
            (6, 12, true),
        ] {
            if let Some(b) = card.phases.booster.as_mut() {
                b.interval_weeks_min = min;
                b.interval_weeks_max = max;
            }
            let text = line(&card).unwrap();
            assert_eq!(
                text.contains("overlap"),
                overlap,
                "{min} to {max} weeks: {text}"
            );
            assert!(text.contains("the third from three times"), "{text}");
        }
        card.phases.booster = None;
        assert_eq!(line(&card), None);
    }

    #[test]
    fn a_card_not_shown_is_said_missing_or_unusable() {
        assert_eq!(
            card_not_shown("clinic", false),
            "The card \u{201c}clinic\u{201d} is not in this browser, so the first card is shown."
        );
        assert_eq!(
            card_not_shown("clinic", true),
            "The card \u{201c}clinic\u{201d} is saved in this browser but fails this app's checks (the Protocol cards page says why), so the first card is shown."
        );
    }

    #[test]
    fn the_date_field_holds_real_dates_of_any_year_and_nothing_else() {
        for date in [
            "2027-03-15",
            "0002-03-15",
            "0020-03-15",
            "0202-03-15",
            "1999-12-31",
            "2100-01-01",
            "0001-01-01",
            "2028-02-29",
        ] {
            assert_eq!(start_field_value(date), date);
        }
        // Trimmed, as the schedule reads it.
        for text in ["2027-03-15 ", " 2027-03-15", "\t2027-03-15\n"] {
            assert_eq!(start_field_value(text), "2027-03-15", "{text:?}");
            assert!(start_taken_at_once(text), "{text:?}");
        }
        for text in [
            "",
            "0000-03-15",
            "2027-02-29",
            "2027-13-01",
            "2027-3-15",
            "+002-03-15",
            "2027-03-15 x",
            "2027/03/15",
            "garbage",
            "20270-03-15",
        ] {
            assert_eq!(start_field_value(text), "", "{text:?}");
        }
    }

    #[test]
    fn a_typed_date_is_taken_at_once_only_within_the_range() {
        // The limits, and a day either side of each.
        assert!(!start_taken_at_once("1999-12-31"));
        assert!(start_taken_at_once("2000-01-01"));
        assert!(start_taken_at_once("2000-01-02"));
        assert!(start_taken_at_once("2099-12-30"));
        assert!(start_taken_at_once("2099-12-31"));
        assert!(!start_taken_at_once("2100-01-01"));
        // A year typed digit by digit waits until it is whole.
        let typed: Vec<bool> = ["0002-03-15", "0020-03-15", "0202-03-15", "2027-03-15"]
            .into_iter()
            .map(start_taken_at_once)
            .collect();
        assert_eq!(typed, [false, false, false, true]);
        for text in ["", "2027-02-29", "garbage", "2027-03-15x"] {
            assert!(!start_taken_at_once(text), "{text:?}");
        }
        // Whatever is taken at once draws a schedule.
        let c = card("crps-4h");
        for date in ["2000-01-01", "2027-03-15", "2099-12-31"] {
            assert!(schedule(&c, date).is_ok(), "{date}");
        }
    }

    #[test]
    fn the_announcement_is_one_sentence_naming_the_count_and_the_ends() {
        let s = schedule(&card("outpatient-consensus"), "2026-12-07").unwrap();
        assert_eq!(
            announcement(&s),
            "9 dates from Mon 7 Dec 2026 to Sun 6 Jun 2027."
        );
        // The last booster window's last day, not its first (14 Mar 2027).
        let Some(SessionKind::Booster { latest, .. }) = s.sessions.last().map(|x| &x.kind) else {
            panic!("a booster last")
        };
        assert_eq!(latest, "2027-06-06");
        // Without boosters, the last induction infusion.
        let mut induction = s.clone();
        induction
            .sessions
            .retain(|x| matches!(x.kind, SessionKind::Induction { .. }));
        assert_eq!(
            announcement(&induction),
            "6 dates from Mon 7 Dec 2026 to Sun 20 Dec 2026."
        );
        let mut one = s.clone();
        one.sessions.truncate(1);
        assert_eq!(announcement(&one), "1 date: Mon 7 Dec 2026.");
        one.sessions.clear();
        assert_eq!(announcement(&one), "The schedule has no dates.");
    }

    fn card(id: &str) -> ProtocolCard {
        builtin_cards(&is_evidence_source_id)
            .unwrap()
            .into_iter()
            .find(|c| c.card().id == id)
            .unwrap()
            .card()
            .clone()
    }

    #[test]
    fn the_query_round_trips_and_ignores_the_rest() {
        let q = ScheduleQuery::from_query("protocol=crps-4h&start=2026-12-07&x=1");
        assert_eq!(q.protocol, "crps-4h");
        assert_eq!(q.start, "2026-12-07");
        assert_eq!(q.to_query(), "protocol=crps-4h&start=2026-12-07");
        assert_eq!(ScheduleQuery::from_query(&q.to_query()), q);
        assert_eq!(ScheduleQuery::from_query(""), ScheduleQuery::default());
        assert_eq!(ScheduleQuery::default().to_query(), "");
        let odd = ScheduleQuery {
            protocol: "a&b c".into(),
            start: String::new(),
        };
        assert_eq!(ScheduleQuery::from_query(&odd.to_query()), odd);
    }

    #[test]
    fn spaces_around_a_value_are_not_part_of_it_and_a_date_has_no_signs() {
        // "+" is a space in a query, as the calculator reads it.
        let q = ScheduleQuery::from_query("protocol=crps-4h+&start=+2026-12-07+");
        assert_eq!(
            (q.protocol.as_str(), q.start.as_str()),
            ("crps-4h", "2026-12-07")
        );
        let q = ScheduleQuery::from_query("protocol=&protocol=crps-4h&start=%20");
        assert_eq!((q.protocol.as_str(), q.start.as_str()), ("crps-4h", ""));
        assert_eq!(
            schedule(&card("crps-4h"), "2026-+1-+7").map_err(|e| e.to_string()),
            Err("\u{201c}2026-+1-+7\u{201d} is not a date: use year-month-day, for example 2026-12-07.".to_string())
        );
    }

    #[test]
    fn a_parameter_given_twice_keeps_both_values_and_draws_nothing() {
        let q = ScheduleQuery::from_query("start=2000-01-01&protocol=crps-4h&start=2001-01-01");
        assert_eq!(q.start, "2000-01-01 | 2001-01-01");
        assert_eq!(
            schedule(&card("crps-4h"), &q.start).map_err(|e| e.to_string()),
            Err("\u{201c}2000-01-01 | 2001-01-01\u{201d} is not a date: use year-month-day, for example 2026-12-07.".to_string())
        );
        let q = ScheduleQuery::from_query("protocol=crps-4h&protocol=crps-continuous");
        assert_eq!(q.protocol, "crps-4h | crps-continuous");
        // The same value twice is one value.
        let q = ScheduleQuery::from_query(
            "protocol=crps-4h&start=2026-12-07&start=2026-12-07&protocol=crps-4h",
        );
        assert_eq!(
            (q.protocol.as_str(), q.start.as_str()),
            ("crps-4h", "2026-12-07")
        );
    }

    #[test]
    fn induction_infusions_are_spread_evenly_over_the_span() {
        assert_eq!(induction_days(6, 14), [0, 3, 5, 8, 10, 13]);
        assert_eq!(induction_days(5, 5), [0, 1, 2, 3, 4]);
        assert_eq!(induction_days(2, 10), [0, 9]);
        assert_eq!(induction_days(3, 4), [0, 2, 3], "1.5 rounds up to 2");
        assert_eq!(induction_days(1, 14), [0]);
        assert_eq!(induction_days(4, 1), [0, 0, 0, 0], "all on one day");
        assert_eq!(induction_days(3, 0), [0, 0, 0]);
    }

    #[test]
    fn the_outpatient_course_from_a_monday() {
        let s = schedule(&card("outpatient-consensus"), "2026-12-07").unwrap();
        let dates: Vec<&str> = s.sessions.iter().map(|x| x.date.as_str()).collect();
        assert_eq!(
            dates,
            [
                "2026-12-07",
                "2026-12-10",
                "2026-12-12",
                "2026-12-15",
                "2026-12-17",
                "2026-12-20",
                "2027-01-17",
                "2027-02-14",
                "2027-03-14",
            ]
        );
        assert_eq!(
            ics_file_name(&s),
            "ketamine-course-outpatient-consensus-2026-12-07.ics"
        );
        assert_eq!(s.sessions[0].title(s.unit), "Infusion 1 of 6 (induction)");
        let single = schedule(&card("fibromyalgia-short"), "2026-12-07").unwrap();
        assert_eq!(single.sessions[0].title(single.unit), "Single infusion");
        assert_eq!(single.sessions.len(), 1);
        assert_eq!(s.sessions[0].when(), "Mon 7 Dec 2026");
        assert_eq!(s.sessions[6].title(s.unit), "Booster 1");
        assert_eq!(
            s.sessions[6].when(),
            "from Sun 17 Jan 2027 to Sun 14 Feb 2027, when relief wears off"
        );
        let SessionKind::Booster { latest, .. } = &s.sessions[8].kind else {
            panic!("booster");
        };
        assert_eq!(latest, "2027-06-06", "13 + 3 × 56 days");
        assert_eq!(s.evidence, EvidenceKind::Direction);
        assert!(!s.sources.is_empty());
    }

    #[test]
    fn a_continuous_card_counts_days_and_crosses_the_year() {
        let c = card("crps-continuous");
        let s = schedule(&c, "2026-12-30").unwrap();
        assert_eq!(s.unit, "day");
        assert_eq!(s.sessions[0].title(s.unit), "Day 1 of 5 (induction)");
        let induction: Vec<&str> = s
            .sessions
            .iter()
            .filter(|x| matches!(x.kind, SessionKind::Induction { .. }))
            .map(|x| x.date.as_str())
            .collect();
        assert_eq!(
            induction,
            [
                "2026-12-30",
                "2026-12-31",
                "2027-01-01",
                "2027-01-02",
                "2027-01-03"
            ]
        );
        let ics = to_ics(&s, 1_796_083_200_000);
        assert!(ics.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(ics.contains("SUMMARY:Ketamine: Day 2 of 5 (induction)\r\n"));
    }

    #[test]
    fn leap_days_and_bad_dates() {
        let c = card("outpatient-consensus");
        let s = schedule(&c, "2028-02-27").unwrap();
        assert_eq!(
            s.sessions[1].date, "2028-03-01",
            "day 3 after 27 Feb in a leap year"
        );
        assert_eq!(s.sessions[1].when(), "Wed 1 Mar 2028");
        assert_eq!(schedule(&c, " "), Err(ScheduleError::NoDate));
        for bad in ["7/12/2026", "2026-12-7", "2026-02-2x", "+026-02-29"] {
            assert_eq!(
                schedule(&c, bad),
                Err(ScheduleError::NotADate(bad.to_string())),
                "{bad}"
            );
        }
        assert_eq!(schedule(&c, "1999-12-31"), Err(ScheduleError::OutOfRange));
        assert!(schedule(&c, "2000-01-01").is_ok());
        assert!(schedule(&c, "2099-12-31").is_ok());
        assert_eq!(schedule(&c, "2100-01-01"), Err(ScheduleError::OutOfRange));
        assert_eq!(
            ScheduleError::NotADate("7/12/2026".into()).to_string(),
            "\u{201c}7/12/2026\u{201d} is not a date: use year-month-day, for example 2026-12-07."
        );
    }

    #[test]
    fn a_link_with_a_day_its_month_does_not_have_says_so_and_draws_nothing() {
        let c = card("crps-4h");
        let said = |start: &str| schedule(&c, start).map(|_| ()).map_err(|e| e.to_string());
        // Never today's schedule, nor "use year-month-day": it is one.
        for (start, why) in [
            (
                "2027-02-29",
                "29 Feb 2027 is not a date: that month has 28 days.",
            ),
            (
                "2100-02-29",
                "29 Feb 2100 is not a date: that month has 28 days.",
            ),
            (
                "2026-04-31",
                "31 Apr 2026 is not a date: that month has 30 days.",
            ),
            (
                "2026-12-32",
                "32 Dec 2026 is not a date: that month has 31 days.",
            ),
            (
                "2026-06-00",
                "\u{201c}2026-06-00\u{201d} is not a date: that month has 30 days.",
            ),
            (
                "2026-13-01",
                "\u{201c}2026-13-01\u{201d} is not a date: there is no month 13.",
            ),
            (
                "2026-00-10",
                "\u{201c}2026-00-10\u{201d} is not a date: there is no month 00.",
            ),
            // Out of range as well as impossible: the impossible day first.
            (
                "1999-02-29",
                "29 Feb 1999 is not a date: that month has 28 days.",
            ),
            (
                "9999-12-32",
                "32 Dec 9999 is not a date: that month has 31 days.",
            ),
        ] {
            assert_eq!(said(start), Err(why.to_string()), "{start}");
        }
        // Spaces around the date are trimmed first, as for any date.
        assert_eq!(
            said(" 2027-02-29 "),
            Err("29 Feb 2027 is not a date: that month has 28 days.".to_string())
        );
        // The leap days that exist are dates.
        assert!(schedule(&c, "2028-02-29").is_ok());
        assert!(schedule(&c, "2000-02-29").is_ok());
        // Only date-shaped text that is no date gets the reason.
        for text in [
            "2027-02-28",
            "2027-2-29",
            "27-02-29",
            "2027-02-29-1",
            "2027/02/29",
            "2027-0a-29",
            "garbage",
            "",
        ] {
            assert_eq!(no_such_day(text), None, "{text:?}");
        }
        let message = ScheduleError::FieldNotADate.to_string();
        assert!(message.starts_with("The date in the field is not complete or does not exist"));
    }

    #[test]
    fn long_dates_name_the_weekday() {
        assert_eq!(long_date("1970-01-01"), "Thu 1 Jan 1970");
        assert_eq!(long_date("2026-11-22"), "Sun 22 Nov 2026");
        assert_eq!(long_date("2024-02-29"), "Thu 29 Feb 2024");
        assert_eq!(long_date("not a date"), "not a date");
    }

    #[test]
    fn the_calendar_file_has_one_event_per_entry() {
        let s = schedule(&card("outpatient-consensus"), "2026-12-07").unwrap();
        // 2026-12-01T00:00:00Z.
        let ics = to_ics(&s, 1_796_083_200_000);
        assert!(ics.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ketamine Dosing Reference//Schedule "
        ));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 9);
        assert_eq!(ics.matches("END:VEVENT\r\n").count(), 9);
        let tag = course_tag(&s);
        assert!(ics.contains(&format!(
            "UID:outpatient-consensus-{tag}-2026-12-07-0@ketamine-dosing-reference\r\n\
             DTSTAMP:20261201T000000Z\r\n\
             DTSTART;VALUE=DATE:20261207\r\n\
             DTEND;VALUE=DATE:20261208\r\n\
             SUMMARY:Ketamine: Infusion 1 of 6 (induction)\r\n"
        )));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270117\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        // Unfolded, the description is whole and escaped.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("not an appointment: the treating team books the real course."));
        assert!(unfolded.contains("\\,"), "commas escaped");
    }

    #[test]
    fn the_stamp_is_the_utc_moment_of_the_download_to_the_second() {
        // 2026-12-04T12:30:00.123Z: already 5 Dec in Pacific/Auckland
        // (UTC+13), still 4 Dec in UTC. The local date plays no part.
        assert_eq!(ics_utc_stamp(1_796_387_400_123), "20261204T123000Z");
        // The last second before midnight UTC (the year's last), its last
        // millisecond included, and midnight itself.
        assert_eq!(ics_utc_stamp(1_798_761_599_000), "20261231T235959Z");
        assert_eq!(ics_utc_stamp(1_798_761_599_999), "20261231T235959Z");
        assert_eq!(ics_utc_stamp(1_798_761_600_000), "20270101T000000Z");
        assert_eq!(ics_utc_stamp(1_835_481_599_000), "20280229T235959Z");
        assert_eq!(ics_utc_stamp(1_000), "19700101T000001Z");
        // A clock before 1970 reads 0; one past the year 9999, 1970 too.
        assert_eq!(ics_utc_stamp(0), "19700101T000000Z");
        assert_eq!(ics_utc_stamp(253_402_300_799_000), "99991231T235959Z");
        assert_eq!(ics_utc_stamp(253_402_300_800_000), "19700101T000000Z");
        assert_eq!(ics_utc_stamp(u64::MAX), "19700101T000000Z");
        // Every event of the file carries the moment, not a midnight.
        let s = schedule(&card("outpatient-consensus"), "2026-12-07").unwrap();
        let ics = to_ics(&s, 1_796_387_400_123);
        assert_eq!(ics.matches("\r\nDTSTAMP:20261204T123000Z\r\n").count(), 9);
        assert_eq!(ics.matches("DTSTAMP:").count(), 9);
        let just_before = to_ics(&s, 1_798_761_599_999);
        assert_eq!(
            just_before.matches("DTSTAMP:20261231T235959Z\r\n").count(),
            9
        );
    }

    #[test]
    fn uids_are_stable_for_the_same_course_and_change_with_the_card() {
        let uids = |ics: &str| -> Vec<String> {
            ics.split("\r\n")
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_string)
                .collect()
        };
        let s = schedule(&card("outpatient-consensus"), "2026-12-07").unwrap();
        let first = uids(&to_ics(&s, 1_796_387_400_000));
        // Exported again later: the same events.
        assert_eq!(first, uids(&to_ics(&s, 1_798_761_600_000)));
        assert_eq!(first.len(), 9);
        let mut distinct = first.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 9, "one UID per event");
        let tag = course_tag(&s);
        // The tag is the 32-bit FNV-1a hash of the card's version, name,
        // unit, booster text and dates (each ended by 0xff), in eight
        // lower-case hex digits: worked out here on its own.
        let mut bytes: Vec<u8> = Vec::new();
        let mut part = |text: &str| {
            bytes.extend_from_slice(text.as_bytes());
            bytes.push(0xff);
        };
        part(&s.card_version);
        part(&s.card_name);
        part(s.unit);
        part(s.booster_form.as_deref().unwrap_or_default());
        for session in &s.sessions {
            part(&session.date);
            if let SessionKind::Booster { latest, .. } = &session.kind {
                part(latest);
            }
        }
        let fnv = bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        assert_eq!(tag, format!("{fnv:08x}"));
        assert_eq!(tag, "634d4f7f");
        assert_eq!(tag.len(), 8);
        assert!(tag
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(
            first[0],
            format!("UID:outpatient-consensus-{tag}-2026-12-07-0@ketamine-dosing-reference")
        );
        // The same card id changed: another version, another booster text,
        // another name, other dates: other UIDs.
        let mut changed = Vec::new();
        let mut v = s.clone();
        v.card_version = "9.9.9".into();
        changed.push(v);
        let mut b = s.clone();
        b.booster_form = Some("A shorter booster.".into());
        changed.push(b);
        let mut n = s.clone();
        n.card_name = "Another name".into();
        changed.push(n);
        let mut d = s.clone();
        d.sessions.truncate(6);
        changed.push(d);
        let mut w = s.clone();
        if let Some(SessionKind::Booster { latest, .. }) =
            w.sessions.last_mut().map(|x| &mut x.kind)
        {
            *latest = "2027-06-13".into();
        }
        changed.push(w);
        for c in &changed {
            assert_ne!(course_tag(c), tag, "{c:?}");
            let other = uids(&to_ics(c, 1_796_387_400_000));
            assert!(other.iter().all(|u| !first.contains(u)), "{other:?}");
        }
        // The parts cannot run into each other.
        let mut x = s.clone();
        (x.card_version, x.card_name) = ("1.0".into(), "0Name".into());
        let mut y = s.clone();
        (y.card_version, y.card_name) = ("1.00".into(), "Name".into());
        assert_ne!(course_tag(&x), course_tag(&y));
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold_between_characters() {
        assert_eq!(escape_text("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
        let line = format!("DESCRIPTION:{}", "é".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("short"), "short");
        let exact = "x".repeat(75);
        assert_eq!(fold(&exact), exact);
        assert_eq!(fold(&"x".repeat(76)), format!("{}\r\n x", "x".repeat(75)));
    }

    #[test]
    fn every_card_gives_a_schedule_with_ordered_dates() {
        for c in builtin_cards(&is_evidence_source_id).unwrap() {
            let s = schedule(c.card(), "2026-12-07").unwrap();
            assert!(!s.sessions.is_empty());
            let days: Vec<u32> = s.sessions.iter().map(|x| x.day).collect();
            assert!(
                days.windows(2).all(|w| w[0] <= w[1]),
                "{}: {days:?}",
                c.card().id
            );
            assert_eq!(s.sessions[0].date, "2026-12-07");
        }
    }
}
