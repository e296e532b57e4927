//! The patient diary (pure domain, no browser): the form's checks at every
//! threshold, one entry per day, editing, removing and undoing, imports
//! that never overwrite a day, the saved format read back exactly, damaged
//! saved text kept, and the chart's geometry.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::diary::{
    chart, chart_over, chart_periods, effect_names, export_file_name, hidden_characters,
    import_problem, load, marker_path, read_draft, tidy_note, unreadable_file_name, Diary, Draft,
    Entry, Field, Loaded, MergeReport, SaveError, Score, EFFECT_ID_MAX, FORMAT, IMPORT_MAX_BYTES,
    KEEP_DELETED_MS, MAX_EFFECTS, MAX_ENTRIES, MAX_TIME, NOTE_MAX_CHARS,
};
use ketamine_dosing_reference::domain::json::JsonError;
use ketamine_dosing_reference::domain::version::{date_of_day_number, day_number};
use proptest::prelude::*;

const TODAY: &str = "2026-12-01";

fn entry(date: &str, pain: Option<u32>) -> Entry {
    Entry {
        date: date.to_string(),
        pain,
        ..Entry::default()
    }
}

fn diary_of(entries: &[Entry]) -> Diary {
    diary_at(entries, 0)
}

/// A diary whose entries were saved at `now`.
fn diary_at(entries: &[Entry], now: u64) -> Diary {
    let mut d = Diary::default();
    for e in entries {
        d.save(e.clone(), None, now).unwrap();
    }
    d
}

/// The text the browser keeps for `d` (the export file's with the times).
fn kept_text(d: &Diary) -> String {
    d.to_saved_json()
}

fn fields(errors: &[ketamine_dosing_reference::domain::diary::FieldError]) -> Vec<Field> {
    errors.iter().map(|e| e.field).collect()
}

// ---- the form ---------------------------------------------------------------------

#[test]
fn a_filled_form_gives_its_entry() {
    let draft = Draft {
        date: " 2026-11-30 ".into(),
        infusion: true,
        pain: "6".into(),
        sleep: "".into(),
        mood: "10".into(),
        side_effects: vec!["dizziness".into()],
        note: "  Tired in the evening.  ".into(),
    };
    assert_eq!(
        read_draft(&draft, TODAY),
        Ok(Entry {
            date: "2026-11-30".into(),
            infusion: true,
            pain: Some(6),
            sleep: None,
            mood: Some(10),
            side_effects: vec!["dizziness".into()],
            note: "Tired in the evening.".into(),
        })
    );
}

#[test]
fn every_score_from_zero_to_ten_is_accepted_and_eleven_is_not() {
    for score in Score::ALL {
        for v in 0..=10u32 {
            let draft = Draft::for_date(TODAY).with_score(score, v.to_string());
            let e = read_draft(&draft, TODAY).unwrap();
            assert_eq!(score.of(&e), Some(v), "{score:?} {v}");
        }
        let errors = read_draft(
            &Draft::for_date(TODAY).with_score(score, "11".into()),
            TODAY,
        )
        .unwrap_err();
        assert_eq!(fields(&errors), vec![Field::Score(score)]);
        assert!(errors[0].message.contains("from 0 to 10"));
        let errors = read_draft(
            &Draft::for_date(TODAY).with_score(score, "-1".into()),
            TODAY,
        )
        .unwrap_err();
        assert_eq!(fields(&errors), vec![Field::Score(score)]);
    }
}

#[test]
fn every_problem_is_tied_to_its_field() {
    let draft = Draft {
        date: "2026-12-02".into(),
        pain: "x".into(),
        sleep: "12".into(),
        mood: "4.5".into(),
        note: "a".repeat(NOTE_MAX_CHARS + 1),
        ..Draft::default()
    };
    let errors = read_draft(&draft, TODAY).unwrap_err();
    assert_eq!(
        fields(&errors),
        vec![
            Field::Date,
            Field::Score(Score::Pain),
            Field::Score(Score::Sleep),
            Field::Score(Score::Mood),
            Field::Note
        ]
    );
}

#[test]
fn a_note_with_a_hidden_character_is_refused_at_the_note() {
    for (note, code) in [
        ("A \u{202e}evil", "U+202E"),
        ("x\u{0}", "U+0000"),
        ("\u{feff}x", "U+FEFF"),
    ] {
        let draft = Draft {
            note: note.into(),
            ..Draft::for_date(TODAY)
        };
        let errors = read_draft(&draft, TODAY).unwrap_err();
        assert_eq!(fields(&errors), vec![Field::Note], "{note:?}");
        assert!(errors[0].message.contains(code), "{}", errors[0].message);
    }
    let fine = Draft {
        note: "Dizzy\nthen\tfine, \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{1f600}".into(),
        ..Draft::for_date(TODAY)
    };
    assert!(read_draft(&fine, TODAY).is_ok());
}

#[test]
fn a_form_that_records_nothing_is_refused_and_any_one_thing_is_enough() {
    let empty = Draft::for_date(TODAY);
    let errors = read_draft(&empty, TODAY).unwrap_err();
    assert_eq!(fields(&errors), vec![Field::Entry]);
    let spaces = Draft {
        note: "   ".into(),
        ..empty.clone()
    };
    assert_eq!(
        fields(&read_draft(&spaces, TODAY).unwrap_err()),
        vec![Field::Entry]
    );
    let one_each = [
        Draft {
            infusion: true,
            ..empty.clone()
        },
        empty.clone().with_score(Score::Pain, "0".into()),
        empty.clone().with_score(Score::Sleep, "0".into()),
        empty.clone().with_score(Score::Mood, "0".into()),
        empty.clone().with_effect("nausea-vomiting", true),
        Draft {
            note: "ok".into(),
            ..empty.clone()
        },
    ];
    for d in one_each {
        assert!(read_draft(&d, TODAY).is_ok(), "{d:?}");
    }
}

#[test]
fn notes_are_counted_in_characters_after_trimming() {
    let at_limit = Draft {
        note: format!("  {}  ", "ü".repeat(NOTE_MAX_CHARS)),
        ..Draft::for_date(TODAY)
    };
    assert_eq!(
        read_draft(&at_limit, TODAY).unwrap().note.chars().count(),
        NOTE_MAX_CHARS
    );
}

#[test]
fn side_effects_are_ticked_once_and_untick() {
    let d = Draft::for_date(TODAY)
        .with_effect("dizziness", true)
        .with_effect("nausea-vomiting", true)
        .with_effect("dizziness", true);
    assert_eq!(d.side_effects, vec!["nausea-vomiting", "dizziness"]);
    let d = d.with_effect("nausea-vomiting", false);
    assert_eq!(d.side_effects, vec!["dizziness"]);
}

#[test]
fn an_entry_edited_comes_back_as_the_same_form() {
    let e = Entry {
        date: "2026-11-02".into(),
        infusion: true,
        pain: Some(0),
        sleep: Some(10),
        mood: None,
        side_effects: vec!["dizziness".into()],
        note: "n".into(),
    };
    let draft = Draft::of(&e);
    assert_eq!(draft.pain, "0");
    assert_eq!(draft.sleep, "10");
    assert_eq!(draft.mood, "");
    assert_eq!(read_draft(&draft, TODAY), Ok(e));
}

// ---- the diary ----------------------------------------------------------------------

#[test]
fn scores_are_named_with_their_scale() {
    let named: Vec<(&str, &str, &str)> = Score::ALL
        .iter()
        .map(|s| (s.name(), s.key(), s.scale()))
        .collect();
    assert_eq!(
        named,
        [
            (
                "Pain",
                "pain",
                "0 no pain, 10 the worst pain you can imagine"
            ),
            ("Sleep", "sleep", "0 very poor, 10 very good"),
            ("Mood", "mood", "0 very low, 10 very good"),
        ]
    );
}

#[test]
fn entries_are_kept_in_date_order_one_per_day() {
    let mut d = Diary::default();
    assert!(d.is_empty());
    for date in ["2026-11-20", "2026-11-02", "2026-11-25", "2026-11-10"] {
        d.save(entry(date, Some(1)), None, 0).unwrap();
    }
    let dates: Vec<&str> = d.entries().iter().map(|e| e.date.as_str()).collect();
    assert_eq!(
        dates,
        ["2026-11-02", "2026-11-10", "2026-11-20", "2026-11-25"]
    );
    assert!(!d.is_empty());
    assert_eq!(d.len(), 4);
    assert_eq!(
        d.save(entry("2026-11-10", Some(9)), None, 0),
        Err(SaveError::DayTaken("Tue 10 Nov 2026".into()))
    );
    assert_eq!(d.get("2026-11-10").unwrap().pain, Some(1));
}

#[test]
fn editing_replaces_the_entry_and_may_move_it_to_a_free_day() {
    let mut d = diary_of(&[entry("2026-11-02", Some(1)), entry("2026-11-05", Some(2))]);
    d.save(entry("2026-11-02", Some(7)), Some("2026-11-02"), 0)
        .unwrap();
    assert_eq!(d.get("2026-11-02").unwrap().pain, Some(7));
    assert_eq!(d.len(), 2);
    // Moved to a free day: the old day is gone.
    d.save(entry("2026-11-03", Some(7)), Some("2026-11-02"), 0)
        .unwrap();
    assert!(d.get("2026-11-02").is_none());
    assert_eq!(d.get("2026-11-03").unwrap().pain, Some(7));
    // Moved onto a day that has an entry: refused, nothing changes.
    let before = d.clone();
    assert!(matches!(
        d.save(entry("2026-11-05", Some(7)), Some("2026-11-03"), 0),
        Err(SaveError::DayTaken(_))
    ));
    assert_eq!(d, before);
}

#[test]
fn a_removed_entry_can_be_put_back_unless_its_day_was_taken_again() {
    let mut d = diary_of(&[entry("2026-11-02", Some(1)), entry("2026-11-05", Some(2))]);
    let removed = d.remove("2026-11-02", 0).unwrap();
    assert_eq!(d.len(), 1);
    assert!(d.remove("2026-11-02", 0).is_none());
    assert_eq!(d.restore(removed.clone(), 0), Ok(()));
    assert_eq!(d.entries()[0], removed);
    let again = d.remove("2026-11-02", 0).unwrap();
    d.save(entry("2026-11-02", Some(9)), None, 0).unwrap();
    assert_eq!(
        d.restore(again, 0),
        Err(SaveError::DayTaken("Mon 2 Nov 2026".into()))
    );
    assert_eq!(d.get("2026-11-02").unwrap().pain, Some(9));
}

#[test]
fn an_undo_into_a_diary_filled_up_since_is_refused_and_stays_on_offer() {
    use ketamine_dosing_reference::domain::diary_page::{Action, DiaryPage, Focus};
    // One entry short of full, then the last deleted and a new day saved:
    // full again, and the undo would make 3,661 entries, which no tab reads.
    let days: Vec<Entry> = (0..MAX_ENTRIES)
        .map(|i| entry(&date_of_day_number(10_957 + i as i64).unwrap(), Some(1)))
        .collect();
    let first = days[0].date.clone();
    let text = diary_of(&days).to_json();
    let p = DiaryPage::default()
        .apply(Action::Load {
            saved: Ok(Some(text)),
            today: TODAY.into(),
        })
        .apply(Action::Remove(first.clone()));
    let mut d = p.diary.clone();
    assert_eq!(d.len(), MAX_ENTRIES - 1);
    let newer = entry(
        &date_of_day_number(10_957 + MAX_ENTRIES as i64).unwrap(),
        Some(2),
    );
    d.save(newer.clone(), None, 5).unwrap();
    // The other day arrives from another tab: the diary is full again.
    let p = p.apply(Action::SavedElsewhere(Some(d.to_saved_json())));
    assert_eq!(p.diary.len(), MAX_ENTRIES);
    let p = p.apply(Action::Undo);
    assert_eq!(p.diary.len(), MAX_ENTRIES);
    assert!(p.diary.get(&first).is_none());
    assert_eq!(p.notice.as_deref(), Some("The diary is full (3,660 entries), so the entry for Sat 1 Jan 2000 was not put back. Delete another entry first, then undo."));
    assert!(p.undo.is_some());
    assert_eq!(p.focus.clone().map(|(_, f)| f), Some(Focus::Undo));
    // One short of full, the same undo is taken.
    let mut room = p.diary.clone();
    room.remove(&newer.date, 6).unwrap();
    assert_eq!(room.len(), MAX_ENTRIES - 1);
    let back = p.undo.clone().unwrap();
    assert_eq!(room.restore(back, 7), Ok(()));
    assert_eq!(room.len(), MAX_ENTRIES);
}

#[test]
fn the_diary_holds_at_most_its_limit_but_an_edit_of_a_full_diary_works() {
    let mut d = Diary::default();
    let first = 20_000; // 2024-10-04
    for i in 0..MAX_ENTRIES {
        let date = date_of_day_number(first - i as i64).unwrap();
        d.save(entry(&date, Some(1)), None, 0).unwrap();
    }
    assert_eq!(d.len(), MAX_ENTRIES);
    let newest = date_of_day_number(first + 1).unwrap();
    assert_eq!(
        d.save(entry(&newest, Some(1)), None, 0),
        Err(SaveError::Full)
    );
    let last = date_of_day_number(first).unwrap();
    assert_eq!(d.save(entry(&last, Some(4)), Some(&last), 0), Ok(()));
    assert_eq!(d.len(), MAX_ENTRIES);
    let report = d.merge(vec![entry(&newest, Some(1)), entry(&last, Some(4))]);
    assert_eq!(
        report,
        MergeReport {
            added: 0,
            same: 1,
            kept: vec![],
            left_out: 1
        }
    );
    // One below the limit: one more fits.
    d.remove(&last, 0).unwrap();
    assert_eq!(d.save(entry(&newest, Some(1)), None, 0), Ok(()));
}

#[test]
fn an_import_adds_missing_days_and_never_changes_a_day_the_diary_has() {
    let mut d = diary_of(&[entry("2026-11-02", Some(1)), entry("2026-11-05", Some(2))]);
    let report = d.merge(vec![
        entry("2026-11-07", Some(3)),
        entry("2026-11-05", Some(2)),
        entry("2026-11-02", Some(8)),
        entry("2026-11-01", Some(4)),
    ]);
    assert_eq!(
        report,
        MergeReport {
            added: 2,
            same: 1,
            kept: vec!["2026-11-02".into()],
            left_out: 0
        }
    );
    assert_eq!(d.get("2026-11-02").unwrap().pain, Some(1));
    assert_eq!(d.len(), 4);
    assert_eq!(
        report.sentence(),
        "2 days added; 1 day already in the diary, the same as in the file; 1 day already in the diary with a different entry, kept as in this browser (Mon 2 Nov 2026)."
    );
    assert_eq!(
        MergeReport {
            added: 1,
            ..MergeReport::default()
        }
        .sentence(),
        "1 day added."
    );
    let crowded = MergeReport {
        added: 0,
        same: 2,
        kept: vec!["2026-11-05".into(), "2026-11-02".into()],
        left_out: 1,
    };
    assert_eq!(
        crowded.sentence(),
        "0 days added; 2 days already in the diary, the same as in the file; 2 days already in the diary with a different entry, kept as in this browser (Thu 5 Nov 2026, Mon 2 Nov 2026); 1 day left out because the diary is full (3,660 entries)."
    );
    // The first ten days kept are named, the rest counted: a whole backup
    // imported again gives one line, not thousands of dates.
    let kept = |n: u32| MergeReport {
        kept: (1..=n)
            .map(|d| format!("2016-01-{:02}", d.min(31)))
            .collect(),
        ..MergeReport::default()
    };
    let named = |s: &str| s.matches(" 2016").count();
    assert_eq!(named(&kept(9).sentence()), 9);
    assert!(!kept(9).sentence().contains("more"));
    assert_eq!(named(&kept(10).sentence()), 10);
    assert!(
        kept(10).sentence().ends_with("Sun 10 Jan 2016)."),
        "{}",
        kept(10).sentence()
    );
    assert_eq!(named(&kept(11).sentence()), 10);
    assert!(
        kept(11)
            .sentence()
            .ends_with("Sun 10 Jan 2016 and 1 more)."),
        "{}",
        kept(11).sentence()
    );
    let whole = MergeReport {
        kept: vec!["2016-01-01".to_string(); 3660],
        ..MergeReport::default()
    };
    assert_eq!(
        whole.sentence(),
        format!(
            "0 days added; 3,660 days already in the diary with a different entry, kept as in this browser ({} and 3,650 more).",
            ["Fri 1 Jan 2016"; 10].join(", ")
        )
    );
}

// ---- the saved form and files ------------------------------------------------------

#[test]
fn the_saved_text_is_the_documented_format() {
    let d = diary_of(&[Entry {
        date: "2026-11-30".into(),
        infusion: true,
        pain: Some(6),
        sleep: None,
        mood: Some(5),
        side_effects: vec!["dizziness".into()],
        note: "Tired.".into(),
    }]);
    let value: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "format": "ketamine-dosing-reference/diary",
            "version": 1,
            "entries": [{ "date": "2026-11-30", "infusion": true, "pain": 6, "mood": 5,
                          "side_effects": ["dizziness"], "note": "Tired." }]
        })
    );
    // The file holds the entries; the times of a saved text are not in it.
    let read = Diary::from_json(&d.to_json(), TODAY).unwrap();
    assert_eq!(read.entries(), d.entries());
    assert_ne!(read, d);
}

#[test]
fn the_text_kept_in_the_browser_adds_when_each_day_changed() {
    let mut d = diary_at(
        &[entry("2026-11-30", Some(6)), entry("2026-11-29", None)],
        1_000,
    );
    d.remove("2026-11-29", 2_000);
    let value: serde_json::Value = serde_json::from_str(&d.to_saved_json()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "format": "ketamine-dosing-reference/diary",
            "version": 1,
            "entries": [{ "date": "2026-11-30", "infusion": false, "pain": 6,
                          "side_effects": [], "note": "" }],
            "changed": { "2026-11-30": 1000 },
            "deleted": { "2026-11-29": 2000 }
        })
    );
    assert_eq!(load(Some(&d.to_saved_json())), Loaded::Ready(d.clone()));
    // A removal is remembered for 30 days, to the millisecond.
    let day = 24 * 60 * 60 * 1000;
    assert_eq!(KEEP_DELETED_MS, 30 * day);
    let at = |now: u64| {
        let mut pruned = d.clone();
        pruned.prune(now);
        pruned.to_saved_json().contains("2026-11-29")
    };
    assert!(at(2_000 + KEEP_DELETED_MS - 1));
    assert!(at(2_000 + KEEP_DELETED_MS));
    assert!(!at(2_000 + KEEP_DELETED_MS + 1));
    // Pruning forgets only the removals: the entries and their times stay.
    let mut pruned = d.clone();
    pruned.prune(u64::MAX);
    assert_eq!(pruned.entries(), d.entries());
    assert!(pruned
        .to_saved_json()
        .contains(r#""changed":{"2026-11-30":1000}"#));
    // Times of days without an entry, and removals of days with one, are
    // dropped on reading.
    let text = format!(
        r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","pain":3}}],"changed":{{"2026-11-30":5,"2026-11-01":9}},"deleted":{{"2026-11-30":7,"2026-11-02":8}}}}"#
    );
    let read = Diary::from_json(&text, "").unwrap();
    assert_eq!(
        read.to_saved_json(),
        r#"{"format":"ketamine-dosing-reference/diary","version":1,"entries":[{"date":"2026-11-30","infusion":false,"pain":3,"side_effects":[],"note":""}],"changed":{"2026-11-30":5},"deleted":{"2026-11-02":8}}"#
    );
    // The times only order changes between tabs: one that cannot be a
    // time, or a removal of something other than a date, is left out and
    // never makes the diary unreadable (nor refuses an import).
    let entry_30 = r#"{"date":"2026-11-30","pain":3}"#;
    for (times, kept) in [
        (
            r#""deleted":{"2026-13-01":1,"x":2,"2026-11-02":3}"#,
            r#""changed":{},"deleted":{"2026-11-02":3}"#,
        ),
        (
            r#""deleted":{"2026-11-01":-1,"2026-11-02":0}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":1.5}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":0}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":"5"}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":1}"#,
            r#""changed":{"2026-11-30":1},"deleted":{}"#,
        ),
        (
            r#""changed":[],"deleted":null"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":18446744073709551615}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":8640000000000001}"#,
            r#""changed":{},"deleted":{}"#,
        ),
        (
            r#""changed":{"2026-11-30":8640000000000000}"#,
            r#""changed":{"2026-11-30":8640000000000000},"deleted":{}"#,
        ),
        (
            r#""deleted":{"1999-12-31":5,"2000-01-01":6}"#,
            r#""changed":{},"deleted":{"2000-01-01":6}"#,
        ),
    ] {
        let text = format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{entry_30}],{times}}}"#);
        let read = Diary::from_json(&text, TODAY).unwrap();
        assert_eq!(read.entries(), [entry("2026-11-30", Some(3))], "{times}");
        let want = format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","infusion":false,"pain":3,"side_effects":[],"note":""}}],{kept}}}"#
        );
        assert_eq!(read.to_saved_json(), want, "{times}");
    }
}

#[test]
fn a_minimal_file_reads_with_defaults() {
    let text = format!(
        r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","pain":3}}]}}"#
    );
    let d = Diary::from_json(&text, TODAY).unwrap();
    assert_eq!(d.entries(), [entry("2026-11-30", Some(3))]);
}

#[test]
fn a_file_that_is_not_a_diary_is_said_to_be_none_in_plain_words() {
    let problem = |text: &str| import_problem(&Diary::import(text, TODAY).unwrap_err(), text);
    let card = "it is not a diary file: it looks like a protocol card (a file for the calculator), not a diary saved by this app. A diary file is named ketamine-diary-YYYY-MM-DD.json.";
    let other = "it is not a diary file saved by this app. A diary file is named ketamine-diary-YYYY-MM-DD.json.";
    // Every built-in card, as the app offers it for download (with its
    // $schema, or without), and a card missing all but its schema marker.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/protocols");
    let mut cards = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        assert_eq!(problem(&text), card);
        cards += 1;
    }
    assert!(cards >= 5);
    assert_eq!(
        problem(r#"{"$schema":"protocol-card.schema.json","id":"x"}"#),
        card
    );
    assert_eq!(
        problem(r#"{"format":"ketamine-dosing-reference/card-draft","title":"t"}"#),
        card
    );
    // Anything else that is not a diary.
    for text in [
        "{}",
        "[]",
        "7",
        r#"{"id":"x","name":"y"}"#,
        r#"{"format":"x","version":1,"entries":[]}"#,
        r#"{"version":1,"entries":[]}"#,
        r#"{"format":"ketamine-dosing-reference/diary-draft","draft":{}}"#,
    ] {
        assert_eq!(problem(text), other, "{text}");
    }
    // A diary's format name over a top level that is not a diary's.
    assert_eq!(
        problem(&format!(r#"{{"format":"{FORMAT}","entries":[]}}"#)),
        "it is not a whole diary file: it has no \u{201c}version\u{201d}, which every diary saved by this app has. It may have been changed by hand."
    );
    assert_eq!(
        problem(&format!(r#"{{"format":"{FORMAT}","version":1}}"#)),
        "it is not a whole diary file: it has no \u{201c}entries\u{201d}, which every diary saved by this app has. It may have been changed by hand."
    );
    assert_eq!(
        problem(&format!(r#"{{"format":"{FORMAT}","version":1,"entries":[],"id":"x"}}"#)),
        "it is not a diary file saved by this app: it has \u{201c}id\u{201d}, which a diary file does not have. It may have been changed by hand."
    );
    // Never the reader's words for the top level.
    for text in [
        r#"{"id":"x"}"#.to_string(),
        format!(r#"{{"format":"{FORMAT}","entries":[]}}"#),
        format!(r#"{{"format":"{FORMAT}","version":1,"entries":[],"id":"x"}}"#),
    ] {
        let said = problem(&text);
        assert!(
            !said.contains("unknown field")
                && !said.contains("missing field")
                && !said.contains("allowed here"),
            "{said}"
        );
    }
    // Not JSON at all, as before; and a diary's own problems keep their place.
    assert_eq!(
        problem("not json"),
        "it is not a diary file saved by this app, or the file is damaged. A diary file is named ketamine-diary-YYYY-MM-DD.json."
    );
    assert_eq!(
        problem(&format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","colour":1}}]}}"#)),
        "entry 1, colour: unknown field; the fields allowed here are: date, infusion, pain, sleep, mood, side_effects, note"
    );
}

#[test]
fn wrong_files_are_refused_with_where_and_why() {
    let wrap =
        |entries: &str| format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{entries}]}}"#);
    let cases = [
        ("not json".to_string(), ""),
        (
            r#"{"format":"x","version":1,"entries":[]}"#.to_string(),
            "format: this is not a diary file",
        ),
        (
            format!(r#"{{"format":"{FORMAT}","version":2,"entries":[]}}"#),
            "it is a diary of format version 2, and this app reads version 1 only; a newer version of the app saved it",
        ),
        (
            format!(r#"{{"format":"{FORMAT}","version":1}}"#),
            "missing field \"entries\"",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":11}"#),
            "entries[0].pain: must be a whole number from 0 to 10, not 11",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":10,"mood":-1}"#),
            "entries[0].mood: expected a whole number from 0 to 10, found",
        ),
        (
            wrap(r#"{"date":"2026-11-30","sleep":2.5}"#),
            "entries[0].sleep: expected a whole number from 0 to 10, found",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":"5"}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found text",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":4294967296}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a larger number",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":1e1}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a number with a decimal point or an exponent (a whole number is written in digits only, such as 10)",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":-1}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a negative number",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":-0}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found -0 (write 0)",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":18446744073709551616}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a larger number",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":9.2e18}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a larger number",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":9.1e18}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a number with a decimal point",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":-18446744073709551616}"#),
            "entries[0].pain: expected a whole number from 0 to 10, found a negative number",
        ),
        (
            r#"{"format":"ketamine-dosing-reference/diary","version":1.0,"entries":[]}"#.to_string(),
            "version: expected a whole number from 0 to 4294967295, found a number with a decimal point",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":3,"pain":4}"#),
            "a field name written twice in the same object",
        ),
        (
            wrap(r#"{"date":"30/11/2026","pain":1}"#),
            "entries[0].date:",
        ),
        (
            wrap(r#"{"date":"2026-11-30","pain":1},{"date":"2026-11-30","pain":2}"#),
            "entries[1]: a second entry for Mon 30 Nov 2026",
        ),
        (
            wrap(r#"{"date":"2026-11-30","side_effects":["Dizziness"]}"#),
            "entries[0].side_effects[0]: a side-effect id",
        ),
        (
            wrap(r#"{"date":"2026-11-30","side_effects":["a","a"]}"#),
            "listed twice",
        ),
        (
            wrap(r#"{"date":"2026-11-30","colour":"red"}"#),
            "entries[0].colour: unknown field",
        ),
        // A blank day is left out only when its date is a date.
        (
            wrap(r#"{"date":"2026-11-31"}"#),
            "entries[0].date:",
        ),
        (
            wrap(r#"{"date":" 2026-11-30"}"#),
            "entries[0].date: \u{201c} 2026-11-30\u{201d} has spaces around it",
        ),
        // A note is tidied only when it is no longer than the form allows.
        (
            wrap(&format!(
                r#"{{"date":"2026-11-30","note":"\u202e{}"}}"#,
                "a".repeat(NOTE_MAX_CHARS)
            )),
            "entries[0].note: The note is 1,001 characters long",
        ),
    ];
    for (text, expected) in cases {
        let error = Diary::from_json(&text, TODAY).unwrap_err().to_string();
        assert!(error.contains(expected), "{text}: {error}");
    }
    // The same places in a patient's words, counted from 1.
    for (entries, said) in [
        (
            r#"{"date":"2026-11-29","pain":1},{"date":"2026-11-30","side_effects":["ok","Bad"]}"#,
            "entry 2, side effect 2: a side-effect id",
        ),
        (
            r#"{"date":"2026-11-30","pain":11}"#,
            "entry 1, pain: must be a whole number from 0 to 10, not 11",
        ),
        (
            r#"{"date":"2026-11-30","colour":"red"}"#,
            "entry 1, colour: unknown field",
        ),
        (
            r#"{"date":"2026-11-30","pain":1},{"date":"2026-11-30","pain":2}"#,
            "entry 2: a second entry for Mon 30 Nov 2026",
        ),
    ] {
        let text = wrap(entries);
        let error = Diary::from_json(&text, TODAY).unwrap_err();
        let plain = import_problem(&error, &text);
        assert!(plain.starts_with(said), "{plain}");
    }
    // A file longer than a diary keeps: said of the whole file, no place.
    let too_many = (0..=MAX_ENTRIES)
        .map(|i| {
            format!(
                r#"{{"date":"{}","pain":1}}"#,
                date_of_day_number(10_957 + i as i64).unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    let text = wrap(&too_many);
    let error = Diary::from_json(&text, TODAY).unwrap_err();
    assert_eq!(
        import_problem(&error, &text),
        "it holds more than 3,660 entries, the most one diary keeps."
    );
    // The same sentence in the banner of a saved text that cannot be read.
    assert_eq!(
        Diary::from_json(&text, "").unwrap_err().to_string(),
        "it holds more than 3,660 entries, the most one diary keeps"
    );
    let bad_version = format!(r#"{{"format":"{FORMAT}","version":2,"entries":[]}}"#);
    let error = Diary::from_json(&bad_version, TODAY).unwrap_err();
    assert_eq!(
        import_problem(&error, &bad_version),
        "it is a diary of format version 2, and this app reads version 1 only; a newer version of the app saved it."
    );
    // An older version is not said to be newer.
    let old_version = format!(r#"{{"format":"{FORMAT}","version":0,"entries":[]}}"#);
    let error = Diary::from_json(&old_version, TODAY).unwrap_err();
    assert_eq!(
        import_problem(&error, &old_version),
        "it is a diary of format version 0, and this app reads version 1 only."
    );
    // A whole diary's top level with an error at its format (which a file
    // with the right format never gives): not named as a field.
    let whole = format!(r#"{{"format":"{FORMAT}","version":1,"entries":[]}}"#);
    let error = JsonError {
        path: "format".to_string(),
        message: "a problem".to_string(),
    };
    assert!(
        import_problem(&error, &whole).starts_with("it is not a diary file saved by this app. ")
    );
    // An error of the whole file (no path) is said as it is.
    let error = JsonError {
        path: String::new(),
        message: "it is a problem".to_string(),
    };
    assert_eq!(import_problem(&error, &whole), "it is a problem.");
    let long = wrap(&format!(
        r#"{{"date":"2026-11-30","note":"{}"}}"#,
        "a".repeat(NOTE_MAX_CHARS + 1)
    ));
    assert!(Diary::from_json(&long, TODAY)
        .unwrap_err()
        .to_string()
        .contains("entries[0].note: The note is 1,001 characters long"));
    let id = |n: usize| {
        wrap(&format!(
            r#"{{"date":"2026-11-30","side_effects":["{}"]}}"#,
            "a".repeat(n)
        ))
    };
    assert!(Diary::from_json(&id(64), TODAY).is_ok());
    assert!(Diary::from_json(&id(65), TODAY).is_err());
    // One thing recorded is enough; saved text keeps a blank entry.
    for one in [
        r#""infusion":true"#,
        r#""mood":0"#,
        r#""note":"x""#,
        r#""side_effects":["nausea-vomiting"]"#,
    ] {
        let text = wrap(&format!(r#"{{"date":"2026-11-30",{one}}}"#));
        assert!(Diary::from_json(&text, TODAY).is_ok(), "{one}");
    }
    let blank = wrap(r#"{"date":"2026-11-30"}"#);
    assert!(matches!(load(Some(&blank)), Loaded::Ready(d) if d.len() == 1));
    // Saved text keeps a note an earlier version let in; line breaks and
    // tabs are fine everywhere.
    let hidden = wrap(r#"{"date":"2026-11-30","note":"A \u202eevil"}"#);
    assert!(matches!(load(Some(&hidden)), Loaded::Ready(d) if d.len() == 1));
    let lines = wrap(r#"{"date":"2026-11-30","note":"one\ntwo\tthree"}"#);
    assert!(Diary::from_json(&lines, TODAY).is_ok());
}

#[test]
fn an_export_from_an_earlier_build_is_imported_tidied() {
    // The builds of 1 and 2 December 2026 saved days that record nothing
    // and notes with characters the form now refuses; the saved text keeps
    // them, so their export holds them too.
    let wrap =
        |entries: &str| format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{entries}]}}"#);
    let file = wrap(concat!(
        r#"{"date":"2026-11-01","pain":2,"note":"A \u202eevil\u202c text"},"#,
        r#"{"date":"2026-11-02"},"#,
        r#"{"date":"2026-11-03","infusion":false,"side_effects":[],"note":""},"#,
        r#"{"date":"2026-11-04","note":"\u202e \ufeff"},"#,
        r#"{"date":"2026-11-05","note":"\u202e bell\u0007 one\ntwo\tthree"},"#,
        r#"{"date":"2026-11-06","mood":5,"note":"clean \u200d text"}"#
    ));
    let read = Diary::import(&file, TODAY).unwrap();
    let notes: Vec<(&str, &str)> = read
        .diary
        .entries()
        .iter()
        .map(|e| (e.date.as_str(), e.note.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("2026-11-01", "A evil text"),
            ("2026-11-05", "bell one\ntwo\tthree"),
            ("2026-11-06", "clean \u{200d} text"),
        ]
    );
    assert_eq!(read.diary.get("2026-11-01").unwrap().pain, Some(2));
    // A note that was nothing but refused characters leaves a blank day.
    assert_eq!(read.empty, ["2026-11-02", "2026-11-03", "2026-11-04"]);
    assert_eq!(read.tidied, ["2026-11-01", "2026-11-05"]);
    assert_eq!(
        read.sentence(),
        " Left out: 3 days in the file that recorded nothing, no score, side effect, infusion or note (Mon 2 Nov 2026, Tue 3 Nov 2026, Wed 4 Nov 2026). The notes of Sun 1 Nov 2026, Thu 5 Nov 2026 held invisible characters or stacked accents that the diary no longer keeps; they were imported without them."
    );
    assert_eq!(Diary::from_json(&file, TODAY).unwrap(), read.diary);
    // One of each, in the singular.
    let one = Diary::import(
        &wrap(r#"{"date":"2026-11-02"},{"date":"2026-11-05","note":"x\u2066"}"#),
        TODAY,
    )
    .unwrap();
    assert_eq!(
        one.sentence(),
        " Left out: 1 day in the file that recorded nothing, no score, side effect, infusion or note (Mon 2 Nov 2026). The note of Thu 5 Nov 2026 held invisible characters or stacked accents that the diary no longer keeps; it was imported without them."
    );
    // Nothing to tidy: nothing said.
    let clean = Diary::import(&wrap(r#"{"date":"2026-11-02","pain":0}"#), TODAY).unwrap();
    assert_eq!((clean.empty.len(), clean.tidied.len()), (0, 0));
    assert_eq!(clean.sentence(), "");
    // Ten days named, the rest counted.
    let days: Vec<String> = (1..=12)
        .map(|d| format!(r#"{{"date":"2026-10-{d:02}"}}"#))
        .collect();
    let many = Diary::import(&wrap(&days.join(",")), TODAY).unwrap();
    assert!(many.diary.is_empty());
    assert!(
        many.sentence()
            .ends_with("Fri 9 Oct 2026, Sat 10 Oct 2026 and 2 more)."),
        "{}",
        many.sentence()
    );
    // The saved text keeps all of it as it is (nothing is tidied there).
    let Loaded::Ready(saved) = load(Some(&file)) else {
        panic!("saved text unreadable")
    };
    assert_eq!(saved.len(), 6);
    assert_eq!(
        saved.get("2026-11-01").unwrap().note,
        "A \u{202e}evil\u{202c} text"
    );
    let saved_read = Diary::import(&file, "").unwrap();
    assert_eq!((saved_read.empty.len(), saved_read.tidied.len()), (0, 0));
}

#[test]
fn a_tidied_note_keeps_four_stacked_marks() {
    let marks = |n: usize| "\u{301}".repeat(n);
    for (kept, given) in [(0, 0), (3, 3), (4, 4), (4, 5), (4, 193)] {
        assert_eq!(
            tidy_note(&format!("e{}x", marks(given))),
            format!("e{}x", marks(kept)),
            "{given}"
        );
    }
    // Each run counts on its own, a refused character between two marks
    // does not end a run, and the end of the note ends one.
    assert_eq!(
        tidy_note(&format!("a{}b{}", marks(6), marks(5))),
        format!("a{}b{}", marks(4), marks(4))
    );
    assert_eq!(
        tidy_note(&format!("a{}\u{202e}{}", marks(3), marks(3))),
        format!("a{}", marks(4))
    );
    // What the form's check refuses is what the tidying takes out.
    for note in [
        format!("a{}", marks(5)),
        "x\u{206a}y\u{fff9}z\u{feff}\u{fffd}\u{7f}\u{85}".to_string(),
    ] {
        assert!(hidden_characters(&note).is_err());
        assert_eq!(hidden_characters(&tidy_note(&note)), Ok(()), "{note:?}");
    }
    let fine = "Tired, 😴 slept badly\ndizzy \u{200d}\u{ad}";
    assert_eq!(tidy_note(fine), fine);
}

#[test]
fn a_date_with_spaces_around_it_is_refused_in_a_file() {
    let wrap = |date: &str| {
        format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"{date}","pain":1}}]}}"#)
    };
    assert!(Diary::from_json(&wrap("2026-11-30"), TODAY).is_ok());
    for date in [" 2026-11-30", "2026-11-30 ", r"2026-11-30\t"] {
        let error = Diary::from_json(&wrap(date), TODAY)
            .unwrap_err()
            .to_string();
        assert!(error.contains("entries[0].date:"), "{date:?}: {error}");
    }
}

#[test]
fn at_most_twenty_side_effects_an_entry() {
    let file = |n: usize| {
        let ids: Vec<String> = (0..n).map(|i| format!("\"e{i}\"")).collect();
        format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","side_effects":[{}]}}]}}"#,
            ids.join(",")
        )
    };
    assert!(Diary::from_json(&file(MAX_EFFECTS), TODAY).is_ok());
    assert!(Diary::from_json(&file(MAX_EFFECTS + 1), TODAY)
        .unwrap_err()
        .to_string()
        .contains("entries[0].side_effects: more than 20"));
}

#[test]
fn the_largest_diary_this_app_can_write_can_be_imported_again() {
    // Every entry full: the longest note of characters JSON writes as six-byte
    // escapes, the most side effects with the longest ids, every score at 10.
    let note: String = std::iter::repeat_n('\u{1}', NOTE_MAX_CHARS).collect();
    let effects: Vec<String> = (0..MAX_EFFECTS)
        .map(|i| format!("{i:0>width$}", width = EFFECT_ID_MAX))
        .collect();
    let mut d = Diary::default();
    for i in 0..MAX_ENTRIES {
        let e = Entry {
            date: date_of_day_number(10_957 + i as i64).unwrap(),
            infusion: true,
            pain: Some(10),
            sleep: Some(10),
            mood: Some(10),
            side_effects: effects.clone(),
            note: note.clone(),
        };
        d.save(e, None, 0).unwrap();
    }
    let text = d.to_json();
    assert!(text.len() > 20 * 1024 * 1024, "{}", text.len());
    assert!(
        text.len() <= IMPORT_MAX_BYTES,
        "{} > {IMPORT_MAX_BYTES}",
        text.len()
    );
    assert_eq!(Diary::from_json(&text, "").unwrap().entries(), d.entries());
    assert_eq!(Diary::from_json(&kept_text(&d), "").unwrap(), d);
}

#[test]
fn saved_text_that_cannot_be_read_is_kept_not_replaced() {
    assert_eq!(load(None), Loaded::Ready(Diary::default()));
    assert_eq!(load(Some("  ")), Loaded::Ready(Diary::default()));
    let damaged = r#"{"format":"ketamine-dosing-reference/diary","version":1,"entries":[{"date":"#;
    match load(Some(damaged)) {
        Loaded::Unreadable { text, reason } => {
            assert_eq!(text, damaged);
            assert!(!reason.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // A date after today's (a clock set back) does not make it unreadable.
    let later = diary_of(&[entry("2099-01-01", Some(1))]);
    assert_eq!(load(Some(&kept_text(&later))), Loaded::Ready(later));
}

#[test]
fn file_names_carry_the_date() {
    assert_eq!(export_file_name(TODAY), "ketamine-diary-2026-12-01.json");
    assert_eq!(export_file_name(""), "ketamine-diary.json");
    assert_eq!(
        unreadable_file_name(TODAY),
        "ketamine-diary-unreadable-2026-12-01.json"
    );
    assert_eq!(unreadable_file_name("x"), "ketamine-diary-unreadable.json");
}

#[test]
fn side_effects_show_by_name_and_unknown_ids_as_they_are() {
    let known = vec![(
        "dizziness".to_string(),
        "Dizziness/lightheadedness".to_string(),
    )];
    let e = Entry {
        side_effects: vec!["dizziness".into(), "something-new".into()],
        ..entry(TODAY, None)
    };
    assert_eq!(
        effect_names(&e, &known),
        ["Dizziness/lightheadedness", "something-new"]
    );
}

// ---- the chart ---------------------------------------------------------------------

#[test]
fn no_chart_without_entries() {
    assert_eq!(chart(&Diary::default()), None);
}

#[test]
fn the_chart_places_days_and_scores_exactly() {
    // Plot area: x from 36 to 624 (588 wide), y from 216 (score 0) to 12 (score 10).
    let d = diary_of(&[
        Entry {
            infusion: true,
            sleep: Some(5),
            ..entry("2026-11-01", Some(10))
        },
        entry("2026-11-04", None),
        Entry {
            mood: Some(2),
            ..entry("2026-11-13", Some(0))
        },
    ]);
    let c = chart(&d).unwrap();
    let pain = &c.series[0];
    assert_eq!(pain.score, Score::Pain);
    // 12 days: day 0 at 36, day 12 at 624. Readings 12 days apart are
    // not joined (see the_lines_break_where_readings_are_more_than_7_days_apart),
    // and a lone reading has no line: each is its marker.
    assert_eq!(pain.line, "");
    assert_eq!(c.series[1].line, "");
    assert_eq!(c.series[2].line, "");
    // One path of markers per score, a shape per point.
    assert_eq!(
        pain.markers,
        "M36 12m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z\
         M624 216m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z"
    );
    assert_eq!(c.series[1].markers, "M36 114m-3.5 -3.5h7v7h-7z");
    assert_eq!(c.series[2].markers, "M624 175.2m0 -4.5l4.5 8h-9z");
    assert_eq!(
        c.infusions,
        vec![("36".to_string(), "2026-11-01".to_string())]
    );
    let ticks: Vec<(&str, &str)> = c
        .ticks
        .iter()
        .map(|t| (t.x.as_str(), t.label.as_str()))
        .collect();
    assert_eq!(
        ticks,
        [
            ("36", "1 Nov 2026"),
            ("330", "7 Nov 2026"),
            ("624", "13 Nov 2026")
        ]
    );
    assert_eq!(
        c.levels,
        [
            ("216".to_string(), "0".to_string()),
            ("114".to_string(), "5".to_string()),
            ("12".to_string(), "10".to_string())
        ]
    );
    assert_eq!(
        c.summary,
        "Chart of pain, sleep and mood from 0 to 10, 3 entries from Sun 1 Nov 2026 to Fri 13 Nov 2026, with 1 infusion day marked. A line stops where no reading was recorded for more than 7 days, and goes on from the next reading; a reading on its own shows as a mark. The table below lists the entries, newest first."
    );
}

#[test]
fn the_lines_break_where_readings_are_more_than_7_days_apart() {
    // Pain on days 0, 7 (7 apart: joined), 15 (8 apart: broken), 16, then
    // 30 (alone); the axis spans 30 days, 19.6 px a day (day 15 at 330).
    let d = diary_of(&[
        entry("2026-08-01", Some(10)),
        entry("2026-08-08", Some(5)),
        entry("2026-08-16", Some(0)),
        entry("2026-08-17", Some(5)),
        entry("2026-08-31", Some(10)),
    ]);
    let c = chart(&d).unwrap();
    let pain = &c.series[0];
    assert_eq!(pain.line, "M36 12L173.2 114M330 216L349.6 114");
    // Every reading keeps its marker, the lone last one too.
    assert_eq!(pain.points.len(), 5);
    assert_eq!(pain.markers.matches('M').count(), 5, "{}", pain.markers);
    assert!(pain
        .markers
        .ends_with("M624 12m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z"));
    assert_eq!(
        c.gap_note.as_deref(),
        Some("A line stops where no reading was recorded for more than 7 days, and goes on from the next reading; a reading on its own shows as a mark.")
    );
    assert!(c
        .summary
        .contains(" marked. A line stops where no reading was recorded for more than 7 days"));

    // Exactly 7 days apart throughout: one line, nothing said.
    let weekly = diary_of(&[
        entry("2026-08-01", Some(10)),
        entry("2026-08-08", Some(5)),
        entry("2026-08-15", Some(0)),
    ]);
    let c = chart(&weekly).unwrap();
    assert_eq!(c.series[0].line, "M36 12L330 114L624 216");
    assert_eq!(c.gap_note, None);
    assert!(!c.summary.contains("A line stops"));
    // 8 days apart: two marks, no line.
    let eight = chart(&diary_of(&[
        entry("2026-08-01", Some(10)),
        entry("2026-08-09", Some(0)),
    ]))
    .unwrap();
    assert_eq!(eight.series[0].line, "");
    assert_eq!(
        eight.series[0].markers,
        "M36 12m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z\
         M624 216m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z"
    );
    assert!(eight.gap_note.is_some());
    // Days without a reading of one score do not break another's line:
    // sleep 10 days apart while pain is recorded daily between.
    let mixed = diary_of(&[
        Entry {
            sleep: Some(5),
            ..entry("2026-08-01", Some(1))
        },
        entry("2026-08-06", Some(1)),
        Entry {
            sleep: Some(5),
            ..entry("2026-08-11", Some(1))
        },
    ]);
    let c = chart(&mixed).unwrap();
    assert_eq!(c.series[0].line, "M36 195.6L330 195.6L624 195.6");
    assert_eq!(c.series[1].line, "");
    assert!(c.gap_note.is_some());
}

#[test]
fn a_short_diary_spans_at_least_six_days() {
    // 5 days apart is below the 6-day minimum span, 6 is at it, 7 above.
    // The axis ends at the latest entry, so a short one reaches back.
    for (last, x) in [
        ("2026-11-06", "134"),
        ("2026-11-07", "36"),
        ("2026-11-08", "36"),
    ] {
        let d = diary_of(&[entry("2026-11-01", Some(1)), entry(last, Some(1))]);
        let c = chart(&d).unwrap();
        assert_eq!(c.series[0].points[0].0, x, "{last}");
        assert_eq!(c.series[0].points[1].0, "624", "{last}");
    }
    let one = chart(&diary_of(&[entry("2026-11-01", Some(1))])).unwrap();
    assert_eq!(one.series[0].line, "");
    assert_eq!(
        one.series[0].points,
        [("624".to_string(), "195.6".to_string())]
    );
    assert_eq!(one.gap_note, None);
    let labels: Vec<&str> = one.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["26 Oct 2026", "29 Oct 2026", "1 Nov 2026"]);
    assert!(one.summary.contains("1 entry from"));
    assert!(one.summary.contains("0 infusion days"));
}

#[test]
fn the_chart_shows_a_period_up_to_the_latest_entry() {
    // Entries on 1 Jan, 1 Sep, 2 Oct, 3 Oct and 31 Oct 2026 (an infusion).
    let d = diary_of(&[
        entry("2026-01-01", Some(9)),
        entry("2026-09-01", Some(8)),
        entry("2026-10-02", Some(7)),
        entry("2026-10-03", Some(6)),
        Entry {
            infusion: true,
            ..entry("2026-10-31", Some(5))
        },
    ]);
    // 30 days up to 31 Oct, counting both: from 2 Oct (in), 1 Oct out.
    let month = chart_over(&d, Some(30), TODAY).unwrap();
    let xs: Vec<&str> = month.series[0]
        .points
        .iter()
        .map(|p| p.0.as_str())
        .collect();
    // The axis runs over the 29 days from 2 Oct: 588 / 29 px a day.
    assert_eq!(xs, ["36", "56.3", "624"]);
    let labels: Vec<&str> = month.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["2 Oct 2026", "16 Oct 2026", "31 Oct 2026"]);
    assert_eq!(
        month.infusions,
        [("624".to_string(), "2026-10-31".to_string())]
    );
    assert_eq!(
        month.summary,
        "Chart of pain, sleep and mood from 0 to 10, over the 30 days to Sat 31 Oct 2026: 3 entries from Fri 2 Oct 2026 to Sat 31 Oct 2026, with 1 infusion day marked. 2 older entries are not on it; choose \u{201c}All entries\u{201d} to see them. A line stops where no reading was recorded for more than 7 days, and goes on from the next reading; a reading on its own shows as a mark. The table below lists the entries, newest first."
    );
    // 31 days reach 1 Oct; the 90 days reach 1 Sep and
    // leave one entry out (3 Aug to 31 Oct).
    let ninety = chart_over(&d, Some(90), TODAY).unwrap();
    assert_eq!(ninety.series[0].points.len(), 4);
    assert!(ninety
        .summary
        .contains(" 1 older entry is not on it; choose \u{201c}All entries\u{201d} to see it."));
    assert_eq!(ninety.ticks[0].label, "3 Aug 2026");
    // A period that leaves nothing out still spans its days; every entry
    // is the whole diary, as before.
    let year = chart_over(&d, Some(365), TODAY).unwrap();
    assert_eq!(year.series[0].points.len(), 5);
    assert_eq!(year.ticks[0].label, "1 Nov 2025");
    assert!(!year.summary.contains("older"));
    assert_eq!(chart_over(&d, None, TODAY), chart(&d));
    assert_eq!(chart(&d).unwrap().ticks[0].label, "1 Jan 2026");
    assert_eq!(chart_over(&Diary::default(), Some(30), TODAY), None);
    // One day: the latest entry alone, on the 6-day minimum axis.
    let day = chart_over(&d, Some(1), TODAY).unwrap();
    assert_eq!(
        day.series[0].points,
        [("624".to_string(), "114".to_string())]
    );
    assert!(day
        .summary
        .contains(" over the 1 day to Sat 31 Oct 2026: 1 entry from"));
    // Days after today (a file from a device whose clock ran ahead): a
    // period counts back from the latest entry not after today, and says
    // how many later ones it leaves out; every entry still shows them all.
    // TODAY is 1 Dec 2026.
    let mut days = d.entries().to_vec();
    days.push(entry("2026-12-02", Some(2)));
    days.push(entry("2030-01-01", Some(1)));
    let ahead = diary_of(&days);
    let month = chart_over(&ahead, Some(30), TODAY).unwrap();
    assert_eq!(month.series[0].points.len(), 3);
    assert_eq!(month.ticks[2].label, "31 Oct 2026");
    assert!(
        month.summary.contains(" over the 30 days to Sat 31 Oct 2026: 3 entries from Fri 2 Oct 2026 to Sat 31 Oct 2026, with 1 infusion day marked. 2 older entries are not on it; choose \u{201c}All entries\u{201d} to see them. 2 entries dated after today are not on it; choose \u{201c}All entries\u{201d} to see them."),
        "{}",
        month.summary
    );
    // An entry today is in the period; those after it are not.
    days.push(entry(TODAY, Some(3)));
    let ahead = diary_of(&days);
    let today = chart_over(&ahead, Some(1), TODAY).unwrap();
    assert!(
        today.summary.contains(" over the 1 day to Tue 1 Dec 2026: 1 entry from Tue 1 Dec 2026 to Tue 1 Dec 2026, with 0 infusion days marked. 5 older entries are not on it; choose \u{201c}All entries\u{201d} to see them. 2 entries dated after today are not on it;"),
        "{}",
        today.summary
    );
    let all = chart_over(&ahead, None, TODAY).unwrap();
    assert_eq!(all.ticks[2].label, "1 Jan 2030");
    assert!(!all.summary.contains("after today"));
    // Every entry after today: the period counts back from the latest.
    let only_ahead = diary_of(&[entry("2030-01-01", Some(1)), entry("2029-12-01", Some(1))]);
    let month = chart_over(&only_ahead, Some(30), TODAY).unwrap();
    assert_eq!(month.series[0].points.len(), 1);
    assert!(!month.summary.contains("after today"), "{}", month.summary);
    // Without a today, as before: from the latest entry.
    assert_eq!(
        chart_over(&ahead, Some(30), "").unwrap().ticks[2].label,
        "1 Jan 2030"
    );
}

#[test]
fn only_periods_shorter_than_the_diary_are_offered() {
    let names = |d: &Diary| -> Vec<&str> { chart_periods(d).into_iter().map(|(_, n)| n).collect() };
    assert_eq!(names(&Diary::default()), ["All entries"]);
    // 30 days counting both ends: no period leaves one out; 31 days: 30 does.
    let span = |last: &str| diary_of(&[entry("2026-10-01", Some(1)), entry(last, Some(1))]);
    assert_eq!(names(&span("2026-10-30")), ["All entries"]);
    assert_eq!(names(&span("2026-10-31")), ["All entries", "30 days"]);
    assert_eq!(names(&span("2026-12-29")), ["All entries", "30 days"]);
    assert_eq!(
        names(&span("2026-12-30")),
        ["All entries", "30 days", "90 days"]
    );
    assert_eq!(
        chart_periods(&diary_of(&[
            entry("2024-10-01", Some(1)),
            entry("2026-10-01", Some(1))
        ])),
        [
            (None, "All entries"),
            (Some(30), "30 days"),
            (Some(90), "90 days"),
            (Some(365), "365 days")
        ]
    );
}

// ---- properties --------------------------------------------------------------------

fn any_entry() -> impl Strategy<Value = Entry> {
    (
        0i64..9_800, // 2000-01-01 and the 9,800 days after it
        any::<bool>(),
        proptest::option::of(0u32..=10),
        proptest::option::of(0u32..=10),
        proptest::option::of(0u32..=10),
        proptest::sample::subsequence(
            vec!["dizziness", "blurred-vision", "nausea-vomiting"],
            0..=3,
        ),
        "[a-zA-Z0-9 .,'\"\\\\é\n]{0,40}",
    )
        .prop_map(|(day, infusion, pain, sleep, mood, effects, note)| Entry {
            date: date_of_day_number(10_957 + day).unwrap(),
            infusion,
            pain,
            sleep,
            mood,
            side_effects: effects.into_iter().map(String::from).collect(),
            note: note.trim().to_string(),
        })
        // The form saves nothing blank, and an import refuses it.
        .prop_filter("something recorded", |e| {
            e.infusion
                || e.pain.is_some()
                || e.sleep.is_some()
                || e.mood.is_some()
                || !e.side_effects.is_empty()
                || !e.note.is_empty()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn what_is_saved_reads_back_exactly(entries in proptest::collection::vec(any_entry(), 0..30)) {
        let mut d = Diary::default();
        for e in entries {
            let _ = d.save(e, None, 0);
        }
        prop_assert_eq!(Diary::from_json(&kept_text(&d), TODAY), Ok(d.clone()));
        prop_assert_eq!(load(Some(&kept_text(&d))), Loaded::Ready(d.clone()));
        let file = Diary::from_json(&d.to_json(), TODAY);
        prop_assert_eq!(file.as_ref().map(|f| f.entries()), Ok(d.entries()));
    }

    #[test]
    fn an_import_never_loses_or_changes_an_entry(
        mine in proptest::collection::vec(any_entry(), 0..20),
        theirs in proptest::collection::vec(any_entry(), 0..20),
    ) {
        let mut d = Diary::default();
        for e in mine {
            let _ = d.save(e, None, 0);
        }
        let before = d.clone();
        let report = d.merge(theirs.clone());
        for e in before.entries() {
            prop_assert_eq!(d.get(&e.date), Some(e));
        }
        prop_assert_eq!(d.len(), before.len() + report.added);
        prop_assert_eq!(report.added + report.same + report.kept.len() + report.left_out, theirs.len());
        // Every day of the file is now in the diary.
        for e in &theirs {
            prop_assert!(d.get(&e.date).is_some());
        }
        let dates: Vec<&String> = d.entries().iter().map(|e| &e.date).collect();
        prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn every_chart_point_is_inside_the_plot(entries in proptest::collection::vec(any_entry(), 1..30)) {
        let mut d = Diary::default();
        for e in entries {
            let _ = d.save(e, None, 0);
        }
        let c = chart(&d).unwrap();
        for s in &c.series {
            for (x, y) in &s.points {
                let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
                prop_assert!((36.0..=624.0).contains(&x) && (12.0..=216.0).contains(&y), "{x},{y}");
            }
            let expected: String = s.points.iter().map(|(x, y)| marker_path(s.score, x, y)).collect();
            prop_assert_eq!(&s.markers, &expected);
        }
        prop_assert_eq!(c.infusions.len(), d.entries().iter().filter(|e| e.infusion).count());
    }
}

// ---- the page's state machine --------------------------------------------------------

mod page {
    use super::*;
    use ketamine_dosing_reference::domain::diary_page::{
        file_too_large, Action, DiaryPage, Focus, MoreRows, TABLE_STEP,
    };
    use ketamine_dosing_reference::domain::schedule::long_date;

    fn loaded(saved: Option<&str>) -> DiaryPage {
        DiaryPage::default().apply(Action::Load {
            saved: Ok(saved.map(String::from)),
            today: TODAY.into(),
        })
    }

    /// The form filled in field by field, as the page does.
    fn with_draft(page: DiaryPage, draft: Draft) -> DiaryPage {
        let ticked = page.draft.side_effects.clone();
        let mut p = page
            .apply(Action::SetDate(draft.date))
            .apply(Action::SetInfusion(draft.infusion))
            .apply(Action::SetScore(Score::Pain, draft.pain))
            .apply(Action::SetScore(Score::Sleep, draft.sleep))
            .apply(Action::SetScore(Score::Mood, draft.mood))
            .apply(Action::SetNote(draft.note));
        for id in ticked {
            p = p.apply(Action::SetEffect(id, false));
        }
        for id in draft.side_effects {
            p = p.apply(Action::SetEffect(id, true));
        }
        p
    }

    #[test]
    fn nothing_is_written_before_the_saved_text_is_read() {
        assert_eq!(DiaryPage::default().to_store(), None);
        let p = loaded(None);
        assert_eq!(p.draft, Draft::for_date(TODAY));
        // Opening the page leaves nothing behind in the browser.
        assert_eq!(p.to_store(), None);
    }

    #[test]
    fn an_empty_diary_is_written_only_where_storage_held_one() {
        let empty = kept_text(&Diary::default());
        assert_eq!(loaded(Some(&empty)).to_store(), Some(empty.clone()));
        // The first entry is written; deleting it writes the empty diary, so
        // the entry does not come back on the next visit.
        let p = with_draft(
            loaded(None),
            Draft::for_date(TODAY).with_score(Score::Pain, "4".into()),
        )
        .apply(Action::Save);
        assert_eq!(p.to_store(), Some(kept_text(&p.diary)));
        assert!(!p.diary.is_empty());
        let p = p.apply(Action::Remove(TODAY.into()));
        assert!(p.diary.is_empty());
        // The empty diary, with the day's removal for other tabs.
        assert_eq!(
            p.to_store(),
            Some(format!(
                r#"{{"format":"{FORMAT}","version":1,"entries":[],"changed":{{}},"deleted":{{"{TODAY}":2}}}}"#
            ))
        );
        // Another tab's diary is storage's too; a key removed elsewhere is not.
        let other = kept_text(&diary_of(&[entry("2026-11-30", Some(2))]));
        let p = loaded(None).apply(Action::SavedElsewhere(Some(other.clone())));
        assert_eq!(p.to_store(), Some(other));
        let p = loaded(Some(&empty)).apply(Action::SavedElsewhere(None));
        assert_eq!(p.to_store(), None);
    }

    #[test]
    fn saving_adds_the_entry_clears_the_form_and_says_so() {
        let p = with_draft(
            loaded(None),
            Draft::for_date("2026-11-30").with_score(Score::Pain, "4".into()),
        );
        let p = p.apply(Action::Save);
        assert_eq!(p.diary.entries(), [entry("2026-11-30", Some(4))]);
        assert_eq!(p.draft, Draft::for_date(TODAY));
        assert_eq!(
            p.notice.as_deref(),
            Some("Saved the entry for Mon 30 Nov 2026.")
        );
        assert!(p.errors.is_empty());
        assert_eq!(p.to_store(), Some(kept_text(&p.diary)));
    }

    #[test]
    fn changing_a_field_takes_its_error_away_and_leaves_the_others_until_the_next_save() {
        // A day in the future and a score out of range (a link or an old
        // draft can hold one): both refused, at their fields.
        let draft = Draft::for_date("2026-12-02").with_score(Score::Sleep, "11".into());
        let p = with_draft(loaded(None), draft).apply(Action::Save);
        assert_eq!(
            fields(&p.errors),
            vec![Field::Date, Field::Score(Score::Sleep)]
        );
        // The day corrected: its error goes, the score's stays.
        let p = p.apply(Action::SetDate("2026-11-30".into()));
        assert_eq!(fields(&p.errors), vec![Field::Score(Score::Sleep)]);
        // Another score changed: the sleep score's error stays.
        let p = p.apply(Action::SetScore(Score::Pain, "3".into()));
        assert_eq!(fields(&p.errors), vec![Field::Score(Score::Sleep)]);
        let p = p.apply(Action::SetScore(Score::Sleep, "5".into()));
        assert!(p.errors.is_empty());
        // A note's error goes with a change of the note.
        let bad_note = Draft::for_date(TODAY).with_score(Score::Pain, "3".into());
        let mut bad_note = bad_note;
        bad_note.note = "x".repeat(NOTE_MAX_CHARS + 1);
        let p = with_draft(loaded(None), bad_note).apply(Action::Save);
        assert_eq!(fields(&p.errors), vec![Field::Note]);
        let p = p.apply(Action::SetDate(TODAY.into()));
        assert_eq!(fields(&p.errors), vec![Field::Note]);
        let p = p.apply(Action::SetNote("better".into()));
        assert!(p.errors.is_empty());
        // An error about the whole entry (here "nothing recorded") stays
        // through any change: one change need not mend it (too many side
        // effects, a full diary); the next save checks again.
        for action in [
            Action::SetScore(Score::Mood, "2".into()),
            Action::SetEffect("nausea".into(), true),
            Action::SetInfusion(true),
            Action::SetNote("slept badly".into()),
            Action::SetDate("2026-11-29".into()),
        ] {
            let p = loaded(None).apply(Action::Save);
            assert_eq!(fields(&p.errors), vec![Field::Entry]);
            let changed = p.apply(action.clone());
            assert_eq!(fields(&changed.errors), vec![Field::Entry], "{action:?}");
        }
        let p = loaded(None)
            .apply(Action::Save)
            .apply(Action::SetScore(Score::Pain, "4".into()))
            .apply(Action::Save);
        assert!(p.errors.is_empty());
        assert_eq!(p.diary.len(), 1);
    }

    #[test]
    fn a_wrong_form_keeps_what_was_typed_and_saves_nothing() {
        let draft = Draft::for_date("2026-12-02").with_score(Score::Pain, "4".into());
        let p = with_draft(loaded(None), draft.clone()).apply(Action::Save);
        assert!(p.diary.is_empty());
        assert_eq!(p.draft, draft);
        assert_eq!(fields(&p.errors), vec![Field::Date]);
        // A second entry for a day: the error is at the date.
        let p = with_draft(
            loaded(None),
            Draft::for_date(TODAY).with_score(Score::Pain, "1".into()),
        )
        .apply(Action::Save);
        let p = with_draft(
            p,
            Draft::for_date(TODAY).with_score(Score::Pain, "2".into()),
        )
        .apply(Action::Save);
        assert_eq!(p.diary.len(), 1);
        assert_eq!(fields(&p.errors), vec![Field::Date]);
        assert!(p.errors[0]
            .message
            .contains("already an entry for Tue 1 Dec 2026"));
        // The first save's "Saved the entry…" does not stand beside it.
        assert_eq!(p.notice, None);
        // A notice that offers an undo stays, with its undo.
        let saved =
            diary_of(&[entry("2026-11-30", Some(4)), entry("2026-11-29", Some(4))]).to_json();
        let p = loaded(Some(&saved)).apply(Action::Remove("2026-11-29".into()));
        assert!(p.undo.is_some());
        let p = with_draft(
            p,
            Draft::for_date("2026-11-30").with_score(Score::Pain, "2".into()),
        )
        .apply(Action::Save);
        assert_eq!(fields(&p.errors), vec![Field::Date]);
        assert!(p.undo.is_some() && p.notice.is_some(), "{:?}", p.notice);
    }

    #[test]
    fn an_effect_not_offered_keeps_its_box_while_its_entry_is_edited() {
        let mut with_liver = entry("2026-11-30", Some(4));
        with_liver.side_effects = vec!["liver-injury".into()];
        let saved = diary_of(&[with_liver, entry("2026-11-29", Some(4))]).to_json();
        let p = loaded(Some(&saved));
        // Not in a new entry's form.
        assert!(!p.keeps_effect("liver-injury"));
        let p = p.apply(Action::StartEdit("2026-11-30".into()));
        assert!(p.keeps_effect("liver-injury"));
        // Unticked, the box stays, so it can be ticked again.
        let p = p.apply(Action::SetEffect("liver-injury".into(), false));
        assert!(p.draft.side_effects.is_empty());
        assert!(p.keeps_effect("liver-injury"));
        assert!(!p.keeps_effect("dizziness"));
        let p = p.apply(Action::SetEffect("liver-injury".into(), true));
        assert_eq!(p.draft.side_effects, ["liver-injury"]);
        // Saved without it, the entry no longer keeps the box.
        let p = p
            .apply(Action::SetEffect("liver-injury".into(), false))
            .apply(Action::Save);
        assert_eq!(p.editing, None);
        assert!(!p.keeps_effect("liver-injury"));
        // Another day's entry without it does not keep it; a box ticked
        // in the form does, whatever the entry.
        let p = p.apply(Action::StartEdit("2026-11-29".into()));
        assert!(!p.keeps_effect("liver-injury"));
        let p = p.apply(Action::SetEffect("liver-injury".into(), true));
        assert!(p.keeps_effect("liver-injury"));
    }

    #[test]
    fn editing_fills_the_form_and_saves_in_place() {
        let saved = diary_of(&[entry("2026-11-30", Some(4))]).to_json();
        let p = loaded(Some(&saved)).apply(Action::StartEdit("2026-11-30".into()));
        assert_eq!(p.editing.as_deref(), Some("2026-11-30"));
        assert_eq!(p.draft.pain, "4");
        let p = with_draft(
            p.clone(),
            p.draft.clone().with_score(Score::Pain, "2".into()),
        )
        .apply(Action::Save);
        assert_eq!(p.diary.entries(), [entry("2026-11-30", Some(2))]);
        assert_eq!(p.editing, None);
        assert_eq!(
            p.notice.as_deref(),
            Some("Saved the changes to Mon 30 Nov 2026.")
        );
        // Cancelling leaves the entry as it was.
        let p = p.apply(Action::StartEdit("2026-11-30".into()));
        let p = with_draft(
            p.clone(),
            p.draft.clone().with_score(Score::Pain, "9".into()),
        )
        .apply(Action::CancelEdit);
        assert_eq!(p.diary.entries(), [entry("2026-11-30", Some(2))]);
        assert_eq!(p.draft, Draft::for_date(TODAY));
        // Editing a day with no entry does nothing.
        assert_eq!(p.clone().apply(Action::StartEdit("2026-01-01".into())), p);
    }

    #[test]
    fn a_delete_can_be_undone() {
        let saved = diary_of(&[entry("2026-11-30", Some(4)), entry("2026-11-29", None)]).to_json();
        let p = loaded(Some(&saved)).apply(Action::Remove("2026-11-30".into()));
        assert_eq!(p.diary.len(), 1);
        assert_eq!(
            p.notice.as_deref(),
            Some("Deleted the entry for Mon 30 Nov 2026.")
        );
        let p = p.apply(Action::Undo);
        assert_eq!(p.diary.len(), 2);
        assert_eq!(p.undo, None);
        assert_eq!(
            p.notice.as_deref(),
            Some("The entry for Mon 30 Nov 2026 is back.")
        );
        // Deleting the entry being edited ends the edit.
        let p = p
            .apply(Action::StartEdit("2026-11-29".into()))
            .apply(Action::Remove("2026-11-29".into()));
        assert_eq!(p.editing, None);
        assert_eq!(p.draft, Draft::for_date(TODAY));
    }

    #[test]
    fn an_import_reports_and_a_bad_file_changes_nothing() {
        let p = loaded(Some(&diary_of(&[entry("2026-11-30", Some(4))]).to_json()));
        let file =
            diary_of(&[entry("2026-11-30", Some(1)), entry("2026-11-01", Some(1))]).to_json();
        let p = p.apply(Action::Import(Ok(("mine.json".into(), file))));
        assert_eq!(p.diary.len(), 2);
        assert_eq!(p.diary.get("2026-11-30").unwrap().pain, Some(4));
        assert_eq!(
            p.import,
            Some(Ok("\u{201c}mine.json\u{201d}: 1 day added; 1 day already in the diary with a different entry, kept as in this browser (Mon 30 Nov 2026).".into()))
        );
        // An older build's export: its blank day left out and said so.
        let older = format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-02"}},{{"date":"2026-11-03","pain":1,"note":"a\u202eb"}}]}}"#
        );
        let p = p.apply(Action::Import(Ok(("old.json".into(), older))));
        assert_eq!(p.diary.len(), 3);
        assert_eq!(p.diary.get("2026-11-02"), None);
        assert_eq!(p.diary.get("2026-11-03").unwrap().note, "ab");
        assert_eq!(
            p.import,
            Some(Ok("\u{201c}old.json\u{201d}: 1 day added. Left out: 1 day in the file that recorded nothing, no score, side effect, infusion or note (Mon 2 Nov 2026). The note of Tue 3 Nov 2026 held invisible characters or stacked accents that the diary no longer keeps; it was imported without them.".into()))
        );
        let before = p.diary.clone();
        let p = p.apply(Action::Import(Ok(("x.json".into(), "{".into()))));
        assert_eq!(p.diary, before);
        assert!(p
            .import
            .as_ref()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .starts_with("\u{201c}x.json\u{201d} was not imported, nothing changed: "));
        let p = p.apply(Action::Import(Err(file_too_large(
            "big.json",
            40 * 1024 * 1024,
        ))));
        assert_eq!(
            p.import,
            Some(Err("\u{201c}big.json\u{201d} was not imported: it is 40.0 MB, and a diary file is at most 32 MB.".into()))
        );
        // A patient's words: where in the file, counted from 1.
        let p = p.apply(Action::Import(Ok((
            "odd.json".into(),
            format!(r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-02","pain":1}},{{"date":"2026-11-03","pain":"5"}}]}}"#),
        ))));
        assert_eq!(
            p.import,
            Some(Err("\u{201c}odd.json\u{201d} was not imported, nothing changed: entry 2, pain: expected a whole number from 0 to 10, found text".into()))
        );
        let p = p.apply(Action::Import(Ok((
            "notes.txt".into(),
            "Pain 4 today".into(),
        ))));
        let why = p.import.clone().unwrap().unwrap_err();
        assert!(
            why.starts_with("\u{201c}notes.txt\u{201d} was not imported, nothing changed: it is not a diary file saved by this app, or the file is damaged."),
            "{why}"
        );
        // A protocol card, as #/protocols offers it, and a diary missing
        // its version: said in a patient's words, nothing changed.
        let before = p.diary.clone();
        let card = include_str!("../assets/protocols/crps-4h.json");
        let p = p.apply(Action::Import(Ok(("card.json".into(), card.into()))));
        assert_eq!(p.diary, before);
        assert_eq!(
            p.import,
            Some(Err("\u{201c}card.json\u{201d} was not imported, nothing changed: it is not a diary file: it looks like a protocol card (a file for the calculator), not a diary saved by this app. A diary file is named ketamine-diary-YYYY-MM-DD.json.".into()))
        );
        let p = p.apply(Action::Import(Ok((
            "d.json".into(),
            format!(r#"{{"format":"{FORMAT}","entries":[{{"date":"2026-11-09","pain":1}}]}}"#),
        ))));
        assert_eq!(p.diary, before);
        assert_eq!(
            p.import,
            Some(Err("\u{201c}d.json\u{201d} was not imported, nothing changed: it is not a whole diary file: it has no \u{201c}version\u{201d}, which every diary saved by this app has. It may have been changed by hand.".into()))
        );
    }

    #[test]
    fn a_file_just_over_the_limit_is_not_called_as_large_as_it() {
        let mb = 1024 * 1024;
        let said = |bytes: u64| file_too_large("f", bytes);
        assert!(said(32 * mb + 1).contains("it is 32.1 MB, and a diary file is at most 32 MB"));
        assert!(said(32 * mb + mb / 10).contains("it is 32.1 MB"));
        assert!(said(32 * mb + 2 * mb / 10).contains("it is 32.2 MB"));
        assert!(said(33 * mb).contains("it is 33.0 MB"));
        assert!(said(33 * mb + mb / 20).contains("it is 33.0 MB"));
        assert!(said(33 * mb + mb / 20 + 1).contains("it is 33.1 MB"));
        assert!(said(u64::MAX).contains("MB, and"));
    }

    #[test]
    fn unreadable_saved_text_is_never_overwritten_until_the_patient_says_yes() {
        let p = loaded(Some("{damaged"));
        assert!(p.unreadable.is_some());
        assert_eq!(p.to_store(), None);
        // An entry typed meanwhile is refused, not kept in memory and lost.
        let p = with_draft(
            p,
            Draft::for_date(TODAY).with_score(Score::Pain, "3".into()),
        )
        .apply(Action::Save);
        assert!(p.diary.is_empty());
        assert_eq!(fields(&p.errors), vec![Field::Entry]);
        let p = p.apply(Action::StartFresh(None));
        assert!(p.confirm_fresh);
        assert_eq!(p.to_store(), None);
        // Each answer removes the button pressed: focus on the safe answer,
        // then back on the button that asks, or on the new diary's form.
        use ketamine_dosing_reference::domain::diary_page::Focus;
        assert_eq!(p.focus.clone().map(|(_, f)| f), Some(Focus::KeepOld));
        let kept = p.clone().apply(Action::StartFresh(Some(false)));
        assert!(kept.unreadable.is_some() && !kept.confirm_fresh);
        assert_eq!(kept.to_store(), None);
        assert_eq!(kept.focus.clone().map(|(_, f)| f), Some(Focus::StartFresh));
        assert_eq!(
            p.clone()
                .apply(Action::StartFresh(Some(true)))
                .focus
                .map(|(_, f)| f),
            Some(Focus::Field(Field::Date))
        );
        // A file is not imported into it either (the page's file input is
        // disabled too): nothing would be saved.
        let file = diary_of(&[entry("2026-11-29", Some(2))]).to_json();
        let refused = p
            .clone()
            .apply(Action::Import(Ok(("mine.json".into(), file.clone()))));
        assert!(refused.diary.is_empty());
        assert!(refused.import.as_ref().is_some_and(|r| r
            .as_ref()
            .is_err_and(|e| e.starts_with("Nothing was imported"))));
        let fresh = p.apply(Action::StartFresh(Some(true)));
        assert_eq!(fresh.unreadable, None);
        assert_eq!(fresh.to_store(), Some(kept_text(&Diary::default())));
        // Once started afresh, the same file is imported.
        let fresh = fresh.apply(Action::Import(Ok(("mine.json".into(), file))));
        assert_eq!(fresh.diary.len(), 1);
    }

    #[test]
    fn an_import_the_browser_does_not_keep_says_so_until_a_write_works() {
        const ONLY_HERE: &str = " The days added are kept on this page only: this browser did not save them (see above).";
        let file = |date: &str| diary_of(&[entry(date, Some(3))]).to_json();
        let import =
            |p: DiaryPage, date: &str| p.apply(Action::Import(Ok(("b.json".into(), file(date)))));
        let report = |p: &DiaryPage| p.import.clone().unwrap().unwrap();
        // Storage refused before the import: no new outcome comes, so the
        // report says it at once.
        let refused = DiaryPage::default().apply(Action::Load {
            saved: Err("local storage is not available".into()),
            today: TODAY.into(),
        });
        let p = import(refused, "2026-11-20");
        assert_eq!(
            report(&p),
            format!("\u{201c}b.json\u{201d}: 1 day added.{ONLY_HERE}")
        );
        // Said once, also when the outcome is reported again.
        let p = p.apply(Action::Stored(Some("refused".into())));
        assert_eq!(
            report(&p),
            format!("\u{201c}b.json\u{201d}: 1 day added.{ONLY_HERE}")
        );
        // Nothing added (the same day again): nothing is held only here.
        let same = import(p.clone(), "2026-11-20");
        assert_eq!(
            report(&same),
            "\u{201c}b.json\u{201d}: 0 days added; 1 day already in the diary, the same as in the file."
        );
        // A write that works again saves the imported days: the line goes.
        let saved = p.apply(Action::Stored(None));
        assert_eq!(report(&saved), "\u{201c}b.json\u{201d}: 1 day added.");
        // Storage that refuses the import's own write: the report follows.
        let p = import(loaded(Some(&saved_days(3))), "2026-11-20");
        assert_eq!(report(&p), "\u{201c}b.json\u{201d}: 1 day added.");
        let p = p.apply(Action::Stored(Some("full".into())));
        assert_eq!(
            report(&p),
            format!("\u{201c}b.json\u{201d}: 1 day added.{ONLY_HERE}")
        );
        // A refused file says nothing of it.
        let bad = p.apply(Action::Import(Ok(("x.json".into(), "{".into()))));
        assert!(!bad.import.unwrap().unwrap_err().contains("page only"));
        // The import's days written (the page reports it while the report
        // waits): a later write's refusal is not the import's.
        let p = import(loaded(Some(&saved_days(3))), "2026-11-20");
        assert!(p.import_added);
        let p = p.apply(Action::Stored(None));
        assert!(!p.import_added);
        let p = p.apply(Action::Stored(Some("full".into())));
        assert_eq!(report(&p), "\u{201c}b.json\u{201d}: 1 day added.");
        // Storage unreadable when the page loaded, readable again later:
        // the days are kept with the rest, and the line goes.
        let unread = DiaryPage::default().apply(Action::Load {
            saved: Err("refused".into()),
            today: TODAY.into(),
        });
        let p = import(unread, "2026-11-20");
        assert!(report(&p).ends_with(ONLY_HERE));
        let p = p.apply(Action::SavedElsewhere(Some(saved_days(3))));
        assert_eq!(report(&p), "\u{201c}b.json\u{201d}: 1 day added.");
        assert!(p.diary.get("2026-11-20").is_some());
    }

    #[test]
    fn a_saves_line_follows_its_own_write_and_storage_that_works_again() {
        let save = |p: DiaryPage, date: &str| {
            with_draft(p, Draft::for_date(date).with_score(Score::Pain, "5".into()))
                .apply(Action::Save)
        };
        // Saved, then a later write (an import's) refused: the entry saved
        // before was saved, and its line says so still.
        let p = save(loaded(Some(&saved_days(3))), "2026-11-26");
        assert!(p.save_awaits);
        let p = p.apply(Action::Stored(None));
        assert!(!p.save_awaits);
        let p = p.apply(Action::Stored(Some("full".into())));
        assert_eq!(
            p.notice.as_deref(),
            Some("Saved the entry for Thu 26 Nov 2026.")
        );
        // Refused, then saved again with room: the line says saved (every
        // entry is written then).
        let p = save(p, "2026-11-24");
        assert_eq!(
            p.notice.as_deref(),
            Some("Kept the entry for Tue 24 Nov 2026 on this page only: this browser did not save it (see above).")
        );
        let p = save(p, "2026-11-25");
        assert_eq!(
            p.notice.as_deref(),
            Some("Kept the entry for Wed 25 Nov 2026 on this page only: this browser did not save it (see above).")
        );
        let p = p.apply(Action::Stored(None));
        assert_eq!(
            p.notice.as_deref(),
            Some("Saved the entry for Wed 25 Nov 2026.")
        );
        // An edit's line: "the changes", so "them".
        let edited = with_draft(
            p.clone()
                .apply(Action::Stored(Some("full".into())))
                .apply(Action::StartEdit("2026-11-25".into())),
            Draft::for_date("2026-11-25").with_score(Score::Pain, "6".into()),
        )
        .apply(Action::Save);
        assert_eq!(
            edited.notice.as_deref(),
            Some("Kept the changes to Wed 25 Nov 2026 on this page only: this browser did not save them (see above).")
        );
        assert_eq!(
            edited.apply(Action::Stored(None)).notice.as_deref(),
            Some("Saved the changes to Wed 25 Nov 2026.")
        );
        // Another notice is left as it is.
        let p = p.apply(Action::Remove("2026-11-25".into()));
        let removed = p.notice.clone();
        assert_eq!(p.apply(Action::Stored(None)).notice, removed);
    }

    /// A deletion the browser does not store says so, as a save does: a
    /// reload would bring the entry back. Once a write works, it says
    /// "Deleted" plainly again.
    #[test]
    fn a_deletion_the_browser_refuses_to_store_says_it_is_on_this_page_only() {
        const ONLY_HERE: &str =
            " on this page only: this browser did not save the deletion (see above).";
        let full = loaded(Some(&saved_days(3))).apply(Action::Stored(Some("full".into())));
        let day = full.diary.entries()[0].date.clone();
        let said = format!("Deleted the entry for {}", long_date(&day));
        // Storage already refusing: said at once.
        let p = full.clone().apply(Action::Remove(day.clone()));
        assert_eq!(p.notice, Some(format!("{said}{ONLY_HERE}")));
        assert!(p.undo.is_some(), "the undo stays on offer");
        // A write that then works: plain again.
        let p = p.apply(Action::Stored(None));
        assert_eq!(p.notice, Some(format!("{said}.")));
        // Deleted while storage worked, then the write refused: said then.
        let working = loaded(Some(&saved_days(3)));
        let p = working.apply(Action::Remove(day.clone()));
        assert_eq!(p.notice, Some(format!("{said}.")));
        let p = p.apply(Action::Stored(Some("full".into())));
        assert_eq!(p.notice, Some(format!("{said}{ONLY_HERE}")));
        // The whole diary too.
        let p = full
            .apply(Action::Clear(None))
            .apply(Action::Clear(Some(true)));
        assert_eq!(
            p.notice.as_deref(),
            Some("Deleted the whole diary (3 entries) on this page only: this browser did not save the deletion (see above).")
        );
        assert_eq!(
            p.apply(Action::Stored(None)).notice.as_deref(),
            Some("Deleted the whole diary (3 entries).")
        );
    }

    #[test]
    fn a_diary_the_browser_does_not_keep_is_held_in_memory_until_it_does() {
        assert!(!DiaryPage::default().only_in_memory());
        let refused = DiaryPage::default().apply(Action::Load {
            saved: Err("local storage is not available".into()),
            today: TODAY.into(),
        });
        assert!(refused.only_in_memory());
        // Leaving would lose something only once there is something: an
        // entry, or a form being filled in.
        assert!(!refused.lost_on_leaving());
        assert!(refused
            .clone()
            .apply(Action::SetNote("n".into()))
            .lost_on_leaving());
        let working = loaded(Some(&saved_days(3)));
        assert!(!working.only_in_memory());
        assert!(!working.lost_on_leaving());
        assert!(!working
            .clone()
            .apply(Action::SetNote("n".into()))
            .lost_on_leaving());
        let full = working.apply(Action::Stored(Some("full".into())));
        assert!(full.only_in_memory());
        assert!(full.lost_on_leaving());
        assert!(!full.clone().apply(Action::Stored(None)).only_in_memory());
        assert!(!full.clone().apply(Action::Stored(None)).lost_on_leaving());
        // Another tab's save adds its days and takes the later change of
        // each day; this page's own, which the other tab never heard of,
        // stay (a tab that keeps its writes does the same).
        let mine = with_draft(
            full,
            Draft::for_date("2026-11-20").with_score(Score::Pain, "7".into()),
        )
        .apply(Action::Save);
        // The status line does not say "Saved": the browser did not.
        assert_eq!(
            mine.notice.as_deref(),
            Some("Kept the entry for Fri 20 Nov 2026 on this page only: this browser did not save it (see above).")
        );
        // A save the browser then refuses turns "Saved" into "Kept" too.
        let first = with_draft(
            loaded(Some(&saved_days(3))),
            Draft::for_date("2026-11-21").with_score(Score::Pain, "7".into()),
        )
        .apply(Action::Save);
        assert_eq!(
            first.notice.as_deref(),
            Some("Saved the entry for Sat 21 Nov 2026.")
        );
        let refused_write = first.apply(Action::Stored(Some("full".into())));
        assert_eq!(
            refused_write.notice.as_deref(),
            Some("Kept the entry for Sat 21 Nov 2026 on this page only: this browser did not save it (see above).")
        );
        let theirs = kept_text(&diary_at(
            &[entry("2026-11-20", Some(1)), entry("2026-11-10", Some(2))],
            1_000,
        ));
        // Storage emptied by another tab: this page's own entries, which
        // only it holds, stay (and it asks to write them).
        let emptied = mine.clone().apply(Action::SavedElsewhere(None));
        assert_eq!(emptied.diary, mine.diary);
        assert_eq!(emptied.write, mine.write.wrapping_add(1));
        // Text another tab cannot read: kept as it is, never written over.
        let damaged = mine.clone().apply(Action::SavedElsewhere(Some("{".into())));
        assert!(damaged.unreadable.is_some());
        assert_eq!(damaged.to_store(), None);
        let merged = mine
            .clone()
            .apply(Action::SavedElsewhere(Some(theirs.clone())));
        assert_eq!(merged.diary.len(), 5);
        assert_eq!(merged.diary.get("2026-11-20").unwrap().pain, Some(1));
        assert!(merged.diary.get("2026-11-10").is_some());
        // Its own later change stays.
        let later = with_draft(
            mine.clone().apply(Action::StartEdit("2026-11-20".into())),
            Draft::for_date("2026-11-20").with_score(Score::Pain, "8".into()),
        )
        .at(5_000)
        .apply(Action::Save);
        let merged = later.apply(Action::SavedElsewhere(Some(theirs.clone())));
        assert_eq!(merged.diary.get("2026-11-20").unwrap().pain, Some(8));
        assert_eq!(merged.diary.len(), 5);
        let synced = mine
            .clone()
            .apply(Action::Stored(None))
            .apply(Action::SavedElsewhere(Some(theirs)));
        assert_eq!(synced.diary.len(), 5);
        assert_eq!(synced.diary.get("2026-11-20").unwrap().pain, Some(1));
        // Shown again: the diary and the form, not the last visit's notices,
        // questions or focus.
        let asked = mine
            .apply(Action::Remove("2026-11-20".into()))
            .apply(Action::Clear(None));
        assert!(asked.notice.is_some() && asked.undo.is_some() && asked.focus.is_some());
        let again = asked.clone().shown_again();
        assert_eq!(again.diary, asked.diary);
        assert_eq!(again.draft, asked.draft);
        assert!(again.notice.is_none() && again.undo.is_none() && again.focus.is_none());
        assert!(!again.confirm_clear && !again.confirm_fresh && again.import.is_none());
    }

    #[test]
    fn cancelling_an_edit_brings_back_what_was_typed_and_says_so() {
        let p = long_diary(150);
        let p = with_draft(
            p,
            Draft::for_date(TODAY).with_score(Score::Sleep, "2".into()),
        );
        // The 121st newest entry: shown after "Show more".
        let day = newest(120);
        let p = p
            .apply(Action::ShowOlder(false))
            .apply(Action::StartEdit(day.clone()));
        assert_eq!(p.draft.score(Score::Sleep), "");
        // The table went back to its first step meanwhile (another tab
        // emptied it and the diary came back, say); cancel shows the row.
        let mut p = p;
        p.older_rows = 0;
        let p = p.apply(Action::CancelEdit);
        assert_eq!(p.editing, None);
        assert_eq!(p.draft.score(Score::Sleep), "2");
        assert!(shown_days(&p).contains(&day.as_str()));
        assert_eq!(
            p.focus.as_ref().map(|(_, f)| f),
            Some(&Focus::Row(day.clone()))
        );
        assert_eq!(
            p.notice.as_deref(),
            Some(
                format!(
                    "Editing cancelled: the entry for {} is unchanged, and the new entry you were typing is back in the form.",
                    long_date(&day)
                )
                .as_str()
            )
        );
    }

    #[test]
    fn printing_puts_every_entry_in_the_table_and_leaves_focus_alone() {
        for n in [0, 1, 100, 101, 250] {
            let p = long_diary(n).apply(Action::Print);
            assert_eq!(p.rows_shown(), n, "{n}");
            assert_eq!(p.more_rows(), None, "{n}");
            assert_eq!(p.focus, None, "{n}");
        }
    }

    #[test]
    fn storage_that_refuses_is_reported_and_the_diary_still_works() {
        let p = DiaryPage::default().apply(Action::Load {
            saved: Err("local storage is not available".into()),
            today: TODAY.into(),
        });
        assert_eq!(
            p.not_saved.as_deref(),
            Some("local storage is not available")
        );
        let p = with_draft(
            p,
            Draft::for_date(TODAY).with_score(Score::Mood, "5".into()),
        )
        .apply(Action::Save);
        assert_eq!(p.diary.len(), 1);
        let p = p.apply(Action::Stored(Some(
            "the browser's storage for this page is full".into(),
        )));
        assert_eq!(
            p.not_saved.as_deref(),
            Some("the browser's storage for this page is full")
        );
        assert_eq!(p.apply(Action::Stored(None)).not_saved, None);
    }

    #[test]
    fn deleting_the_whole_diary_asks_first() {
        let p = loaded(Some(
            &diary_of(&[entry("2026-11-30", Some(4)), entry("2026-11-29", Some(4))]).to_json(),
        ));
        let asked = p.apply(Action::Clear(None));
        assert!(asked.confirm_clear);
        assert_eq!(asked.diary.len(), 2);
        // Each answer removes the buttons pressed: focus goes on.
        assert_eq!(asked.focus.as_ref().map(|(_, f)| f), Some(&Focus::KeepAll));
        let kept = asked.clone().apply(Action::Clear(Some(false)));
        assert_eq!(kept.diary.len(), 2);
        assert!(!kept.confirm_clear);
        assert_eq!(kept.focus.as_ref().map(|(_, f)| f), Some(&Focus::DeleteAll));
        // An import's report from before is about the diary being deleted.
        let asked = asked.apply(Action::Import(Err("notes.txt is not a diary file".into())));
        assert!(asked.import.is_some());
        let gone = asked.apply(Action::Clear(Some(true)));
        assert!(gone.diary.is_empty());
        assert_eq!(gone.import, None);
        // Focus on the line that says so: on a phone the form's day is far
        // above it.
        assert_eq!(gone.focus.as_ref().map(|(_, f)| f), Some(&Focus::Notice));
        assert_eq!(
            gone.notice.as_deref(),
            Some("Deleted the whole diary (2 entries).")
        );
    }

    #[test]
    fn the_whole_diary_deleted_line_goes_once_the_diary_changes_again() {
        let five: Vec<Entry> = (1..=5)
            .map(|d| entry(&format!("2026-11-0{d}"), Some(d)))
            .collect();
        let file = diary_of(&five).to_json();
        let gone = loaded(Some(&file))
            .apply(Action::Clear(None))
            .apply(Action::Clear(Some(true)));
        assert_eq!(
            gone.notice.as_deref(),
            Some("Deleted the whole diary (5 entries).")
        );
        // Refilled by an import: the report says what was done, the
        // deletion's line is gone.
        let refilled = gone
            .clone()
            .apply(Action::Import(Ok(("back.json".into(), file.clone()))));
        assert_eq!(refilled.diary.len(), 5);
        assert_eq!(refilled.notice, None);
        assert_eq!(
            refilled.import,
            Some(Ok("\u{201c}back.json\u{201d}: 5 days added.".into()))
        );
        // An import that adds nothing changes nothing, and leaves it.
        let nothing = gone.clone().apply(Action::Import(Ok((
            "empty.json".into(),
            format!(r#"{{"format":"{FORMAT}","version":1,"entries":[]}}"#),
        ))));
        assert_eq!(
            nothing.notice.as_deref(),
            Some("Deleted the whole diary (5 entries).")
        );
        // Another tab saved a day since: the diary is not empty any more.
        let heard = gone.clone().apply(Action::SavedElsewhere(Some(
            diary_at(&[entry("2026-11-20", Some(2))], 1_000).to_saved_json(),
        )));
        assert_eq!(heard.diary.len(), 1);
        assert_eq!(heard.notice, None);
        // A save replaces it.
        let saved = with_draft(
            gone,
            Draft {
                pain: "3".into(),
                ..Draft::for_date("2026-11-30")
            },
        )
        .apply(Action::Save);
        assert_eq!(
            saved.notice.as_deref(),
            Some("Saved the entry for Mon 30 Nov 2026.")
        );
        // After a single delete, the line with its undo stays through an
        // import (the undo still puts the entry back).
        let one = loaded(Some(&diary_of(&five[..1]).to_json()))
            .apply(Action::Remove("2026-11-01".into()))
            .apply(Action::Import(Ok((
                "more.json".into(),
                diary_of(&five[1..]).to_json(),
            ))));
        assert_eq!(
            one.notice.as_deref(),
            Some("Deleted the entry for Sun 1 Nov 2026.")
        );
        assert!(one.undo.is_some());
    }

    #[test]
    fn each_field_changes_only_itself() {
        let p = loaded(None)
            .apply(Action::SetDate("2026-11-30".into()))
            .apply(Action::SetScore(Score::Sleep, "8".into()))
            .apply(Action::SetInfusion(true))
            .apply(Action::SetEffect("dizziness".into(), true))
            .apply(Action::SetEffect("nausea-vomiting".into(), true))
            .apply(Action::SetEffect("dizziness".into(), false))
            .apply(Action::SetNote("n".into()));
        assert_eq!(
            p.draft,
            Draft {
                date: "2026-11-30".into(),
                infusion: true,
                sleep: "8".into(),
                side_effects: vec!["nausea-vomiting".into()],
                note: "n".into(),
                ..Draft::default()
            }
        );
    }

    #[test]
    fn a_new_day_moves_an_untouched_form_and_lets_today_be_saved() {
        // Opened yesterday, saved today.
        let p = DiaryPage::default().apply(Action::Load {
            saved: Ok(None),
            today: "2026-11-30".into(),
        });
        let p = p.apply(Action::Today(TODAY.into()));
        assert_eq!(p.draft, Draft::for_date(TODAY));
        let p = p
            .apply(Action::SetScore(Score::Pain, "3".into()))
            .apply(Action::Save);
        assert_eq!(p.diary.entries(), [entry(TODAY, Some(3))]);
        // A form being filled in keeps its day.
        let p = DiaryPage::default()
            .apply(Action::Load {
                saved: Ok(None),
                today: "2026-11-30".into(),
            })
            .apply(Action::SetScore(Score::Pain, "3".into()))
            .apply(Action::Today(TODAY.into()));
        assert_eq!(p.draft.date, "2026-11-30");
        assert_eq!(p.today, TODAY);
    }

    #[test]
    fn focus_follows_what_was_pressed() {
        let saved = diary_of(&[entry("2026-11-30", Some(4))]).to_json();
        let p = loaded(Some(&saved));
        assert_eq!(p.focus, None);
        let p = p.apply(Action::StartEdit("2026-11-30".into()));
        assert_eq!(p.focus, Some((0, Focus::Field(Field::Date))));
        // Cancel: back to the row's Edit button, and says so.
        let p = p.apply(Action::CancelEdit);
        assert_eq!(p.focus, Some((1, Focus::Row("2026-11-30".into()))));
        assert_eq!(
            p.notice.as_deref(),
            Some("Editing cancelled: the entry for Mon 30 Nov 2026 is unchanged.")
        );
        // A second cancel (no edit) does nothing.
        let again = p.clone().apply(Action::CancelEdit);
        assert_eq!(again, p);
        let p = p.apply(Action::Remove("2026-11-30".into()));
        assert_eq!(p.focus, Some((2, Focus::Undo)));
        let p = p.apply(Action::Undo);
        assert_eq!(p.focus, Some((3, Focus::Row("2026-11-30".into()))));
        // A failed save: the first field at fault, every time.
        let p = p
            .apply(Action::SetScore(Score::Mood, "x".into()))
            .apply(Action::SetNote("a".repeat(1001)));
        let p = p.apply(Action::Save);
        assert_eq!(p.focus, Some((4, Focus::Field(Field::Score(Score::Mood)))));
        let p = p.apply(Action::Save);
        assert_eq!(p.focus, Some((5, Focus::Field(Field::Score(Score::Mood)))));
        let p = loaded(None).apply(Action::Save);
        assert_eq!(p.focus, Some((0, Focus::Field(Field::Entry))));
        // Saved: focus stays on the button, and its line is shown.
        let p = p
            .apply(Action::SetScore(Score::Pain, "2".into()))
            .apply(Action::Save);
        assert_eq!(p.focus, Some((1, Focus::Saved)));
        assert!(p
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("Saved the entry for ")));
    }

    #[test]
    fn the_revision_moves_exactly_when_the_diary_changes() {
        let p = loaded(None);
        assert_eq!(p.revision, 0);
        let p = p.apply(Action::SetScore(Score::Pain, "3".into()));
        assert_eq!(p.revision, 0);
        let p = p.apply(Action::Save);
        assert_eq!(p.revision, 1);
        let p = p.apply(Action::Save); // refused: nothing recorded
        assert_eq!(p.revision, 1);
        let same = p.diary.to_json();
        let p = p.apply(Action::SavedElsewhere(Some(same)));
        assert_eq!(p.revision, 1);
        let p = p.apply(Action::Remove(TODAY.into()));
        assert_eq!(p.revision, 2);
        let p = p.apply(Action::Undo);
        assert_eq!(p.revision, 3);
        let p = p.apply(Action::Clear(None));
        assert_eq!(p.revision, 3);
        let p = p.apply(Action::Clear(Some(true)));
        assert_eq!(p.revision, 4);
    }

    fn any_action() -> impl Strategy<Value = Action> {
        // Days near the top of a long diary, around its 100th and 200th
        // rows, and one in the future.
        let day = prop::sample::select(vec![
            "2026-11-28".to_string(),
            "2026-11-29".to_string(),
            "2026-11-30".to_string(),
            "2026-12-09".to_string(),
            newest(99),
            newest(100),
            newest(199),
            newest(200),
        ]);
        let small_diary =
            prop::collection::btree_map(day.clone(), 0u32..=10, 0..3).prop_map(|days| {
                let entries: Vec<Entry> = days.iter().map(|(d, v)| entry(d, Some(*v))).collect();
                diary_of(&entries).to_json()
            });
        prop_oneof![
            day.clone().prop_map(Action::SetDate),
            (0u32..=11).prop_map(|v| Action::SetScore(Score::Pain, v.to_string())),
            Just(Action::Save),
            day.clone().prop_map(Action::StartEdit),
            Just(Action::CancelEdit),
            day.prop_map(Action::Remove),
            Just(Action::Undo),
            small_diary
                .clone()
                .prop_map(|t| Action::Import(Ok(("d.json".into(), t)))),
            small_diary.prop_map(|t| Action::SavedElsewhere(Some(t))),
            Just(Action::SavedElsewhere(None)),
            prop::option::of(any::<bool>()).prop_map(Action::Clear),
            prop::option::of(any::<bool>()).prop_map(Action::StartFresh),
            prop::option::of(Just("full".to_string())).prop_map(Action::Stored),
            any::<bool>().prop_map(Action::ShowOlder),
        ]
    }

    proptest! {
        /// The chart and the table are drawn again only when the revision
        /// moves: it must move exactly when the diary changes. And focus sent
        /// to a row finds it in the table.
        #[test]
        fn the_revision_moves_exactly_when_the_diary_changes_in_any_sequence(
            days in prop::sample::select(vec![0usize, 99, 100, 101, 199, 200, 201]),
            actions in prop::collection::vec(any_action(), 1..25),
        ) {
            let mut p = long_diary(days);
            for action in actions {
                let (before, revision, focus) = (p.diary.clone(), p.revision, p.focus.clone());
                p = p.apply(action);
                prop_assert_eq!(p.revision != revision, p.diary != before);
                prop_assert!(p.revision.wrapping_sub(revision) <= 1);
                // Focus asked for a row: the row is in the table. (Only a
                // new request moves focus: one left over from before may
                // name a row since deleted, here or in another tab.)
                if let Some((_, Focus::Row(day))) = p.focus.as_ref().filter(|_| p.focus != focus) {
                    prop_assert!(shown_days(&p).contains(&day.as_str()));
                }
            }
        }
    }

    #[test]
    fn another_tab_s_changes_are_taken_up() {
        let p = loaded(Some(&diary_of(&[entry("2026-11-30", Some(4))]).to_json()))
            .apply(Action::StartEdit("2026-11-30".into()));
        let mut theirs = diary_at(
            &[entry("2026-11-30", Some(4)), entry("2026-11-29", Some(1))],
            1_000,
        );
        let p = p.apply(Action::SavedElsewhere(Some(kept_text(&theirs))));
        assert_eq!(p.diary, theirs);
        assert_eq!(p.editing.as_deref(), Some("2026-11-30"));
        // The entry being edited is still there: nothing to say.
        assert_eq!(p.notice, None);
        // The entry being edited was deleted there: the edit goes on, with
        // what was typed, and the page says so; saving adds the entry back,
        // cancelling leaves it deleted.
        theirs.remove("2026-11-30", 2_000);
        let p = p
            .apply(Action::SetScore(Score::Pain, "6".into()))
            .apply(Action::SavedElsewhere(Some(kept_text(&theirs))));
        assert_eq!(p.editing.as_deref(), Some("2026-11-30"));
        assert_eq!(p.draft.pain, "6");
        assert!(p.diary.get("2026-11-30").is_none());
        let said = "The entry for Mon 30 Nov 2026 was deleted in another tab or window. Your changes are still in the form: save them to keep the entry, or cancel editing to leave it deleted.";
        assert_eq!(p.notice.as_deref(), Some(said));
        // Heard of again (the day still deleted): not said a second time.
        let mut quiet = p.clone();
        quiet.notice = None;
        let quiet = quiet.apply(Action::SavedElsewhere(Some(kept_text(&theirs))));
        assert_eq!(quiet.notice, None);
        // Editing another entry instead: the line no longer stands.
        let other = p.clone().apply(Action::StartEdit("2026-11-29".into()));
        assert_eq!(other.editing.as_deref(), Some("2026-11-29"));
        assert_eq!(other.notice, None);
        let saved = p.clone().at(3_000).apply(Action::Save);
        assert_eq!(saved.diary.get("2026-11-30").unwrap().pain, Some(6));
        assert_eq!(saved.editing, None);
        let cancelled = p.apply(Action::CancelEdit);
        assert!(cancelled.diary.get("2026-11-30").is_none());
        assert_eq!(
            cancelled.notice.as_deref(),
            Some("Editing cancelled: the entry for Mon 30 Nov 2026 stays deleted.")
        );
        assert_eq!(
            cancelled.focus.map(|(_, f)| f),
            Some(Focus::Field(Field::Date))
        );
        // Cleared there (nothing saved any more): empty here.
        let p = loaded(Some(&theirs.to_json())).apply(Action::SavedElsewhere(None));
        assert!(p.diary.is_empty());
        // Damaged there: kept, and nothing written over it here.
        let p = loaded(Some(&theirs.to_json())).apply(Action::SavedElsewhere(Some("{".into())));
        assert!(p.unreadable.is_some());
        assert_eq!(p.to_store(), None);
    }

    #[test]
    fn a_diary_storage_would_not_give_is_not_written_until_it_is_read_and_merged() {
        let refused = DiaryPage::default().apply(Action::Load {
            saved: Err("the browser refused: UnknownError".into()),
            today: TODAY.into(),
        });
        assert!(refused.unread && refused.only_in_memory());
        let p = with_draft(
            refused,
            Draft::for_date(TODAY).with_score(Score::Pain, "6".into()),
        )
        .apply(Action::Save);
        // The entry is kept, and a write asked for, but nothing is written
        // over what storage may hold.
        assert_eq!(p.diary.len(), 1);
        assert_eq!(p.write, 1);
        assert_eq!(p.to_store(), None);
        // The read works: the saved days and the new one, written together.
        let merged = p.clone().apply(Action::SavedElsewhere(Some(saved_days(4))));
        assert!(!merged.unread);
        // The refused read no longer stands: the diary is kept as usual.
        assert_eq!(merged.not_saved, None);
        assert!(!merged.only_in_memory());
        assert_eq!(merged.diary.len(), 4);
        assert_eq!(merged.diary.get(TODAY).unwrap().pain, Some(6));
        assert_eq!(merged.write, 2);
        assert_eq!(merged.to_store(), Some(kept_text(&merged.diary)));
        // Nothing saved before: the new entry alone.
        let fresh = p.clone().apply(Action::SavedElsewhere(None));
        assert!(!fresh.unread);
        assert_eq!(fresh.not_saved, None);
        // Storage that refused writes (not a read) stays named.
        let full = loaded(None).apply(Action::Stored(Some("full".into())));
        let heard = full.apply(Action::SavedElsewhere(None));
        assert_eq!(heard.not_saved.as_deref(), Some("full"));
        assert_eq!(fresh.to_store(), Some(kept_text(&p.diary)));
        // A read of storage in a tab that keeps its writes says the same.
        let normal = loaded(None);
        let normal = DiaryPage {
            unread: true,
            ..normal
        }
        .apply(Action::SavedElsewhere(Some(saved_days(2))));
        assert!(!normal.unread);
        assert_eq!(normal.diary.len(), 2);
    }

    #[test]
    fn a_second_press_of_save_on_the_emptied_form_keeps_the_saved_line() {
        let saved = with_draft(
            loaded(None),
            Draft::for_date(TODAY).with_score(Score::Pain, "4".into()),
        )
        .apply(Action::Save);
        let said = Some("Saved the entry for Tue 1 Dec 2026.".to_string());
        assert_eq!(saved.notice, said);
        assert!(saved.just_saved);
        // A double tap, also with today read again between the presses.
        for again in [
            saved.clone().apply(Action::Save),
            saved
                .clone()
                .apply(Action::Today(TODAY.into()))
                .apply(Action::Save),
            saved.clone().apply(Action::Save).apply(Action::Save),
        ] {
            assert_eq!(again.notice, said);
            assert!(again.errors.is_empty());
            assert_eq!(again.focus, saved.focus);
            assert_eq!(again.diary, saved.diary);
        }
        // Once the form is touched, an empty save is refused as ever.
        for touched in [
            saved
                .clone()
                .apply(Action::SetNote("x".into()))
                .apply(Action::SetNote(String::new())),
            saved.clone().apply(Action::SetInfusion(false)),
        ] {
            let p = touched.apply(Action::Save);
            assert_eq!(p.notice, None);
            assert_eq!(fields(&p.errors), [Field::Entry]);
        }
        // And once the page is shown again, without its "Saved…" line.
        let p = saved.clone().shown_again().apply(Action::Save);
        assert_eq!(fields(&p.errors), [Field::Entry]);
        // And so it is on a form never saved from.
        let p = loaded(None).apply(Action::Save);
        assert!(!p.just_saved);
        assert_eq!(fields(&p.errors), [Field::Entry]);
        // A second entry typed after the first is saved.
        let p = with_draft(
            saved,
            Draft::for_date("2026-11-30").with_score(Score::Pain, "5".into()),
        )
        .apply(Action::Save);
        assert_eq!(p.diary.len(), 2);
    }

    #[test]
    fn the_undo_button_names_what_it_puts_back() {
        let p = loaded(Some(&saved_days(3)));
        assert_eq!(p.undo_label(), None);
        let p = p.apply(Action::Remove("2026-11-29".into()));
        let label = Some("Undo deleting Sun 29 Nov 2026".to_string());
        assert_eq!(p.undo_label(), label);
        // A later save keeps the undo, which still names the deleted day.
        let p = with_draft(
            p,
            Draft::for_date("2026-11-20").with_score(Score::Pain, "1".into()),
        )
        .apply(Action::Save);
        assert_eq!(
            p.notice.as_deref(),
            Some("Saved the entry for Fri 20 Nov 2026.")
        );
        assert_eq!(p.undo_label(), label);
        let p = p.apply(Action::Undo);
        assert_eq!(p.undo_label(), None);
        assert!(p.diary.get("2026-11-29").is_some());
    }

    #[test]
    fn an_entry_after_today_can_be_edited_on_its_day_and_imported_for_the_next_day() {
        // Imported from where the next day had begun.
        let file = |date: &str| {
            format!(
                r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"{date}","pain":2}}]}}"#
            )
        };
        let p = loaded(None).apply(Action::Import(Ok(("f.json".into(), file("2026-12-02")))));
        assert_eq!(p.diary.len(), 1);
        assert_eq!(
            p.import.clone().unwrap().unwrap(),
            "\u{201c}f.json\u{201d}: 1 day added."
        );
        // Saved on a device whose clock ran fast: imported all the same (a
        // backup is never refused for it), and the days are named.
        let later = p
            .clone()
            .apply(Action::Import(Ok(("g.json".into(), file("2026-12-03")))));
        assert_eq!(later.diary.len(), 2);
        assert_eq!(
            later.import.unwrap().unwrap(),
            "\u{201c}g.json\u{201d}: 1 day added. 1 day in the file is after tomorrow on this device, whose date is Tue 1 Dec 2026 (Thu 3 Dec 2026): if this device's clock is right, check it (Edit changes a date)."
        );
        let two = loaded(None).apply(Action::Import(Ok((
            "h.json".into(),
            format!(
                r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-11-30","pain":2}},{{"date":"2027-01-05","pain":3}},{{"date":"2029-12-01","pain":4}}]}}"#
            ),
        ))));
        assert_eq!(two.diary.len(), 3);
        assert!(two
            .import
            .unwrap()
            .unwrap()
            .ends_with("2 days in the file are after tomorrow on this device, whose date is Tue 1 Dec 2026 (Tue 5 Jan 2027, Sat 1 Dec 2029): if this device's clock is right, check them (Edit changes a date)."));
        // Edited on its day: saved. Moved to another day after today: refused.
        let editing = p.apply(Action::StartEdit("2026-12-02".into()));
        let kept = editing
            .clone()
            .apply(Action::SetScore(Score::Pain, "5".into()))
            .apply(Action::Save);
        assert!(kept.errors.is_empty());
        assert_eq!(kept.diary.get("2026-12-02").unwrap().pain, Some(5));
        let moved = editing
            .apply(Action::SetDate("2026-12-03".into()))
            .apply(Action::Save);
        assert_eq!(fields(&moved.errors), [Field::Date]);
        // A new entry for that day is refused too (it is not being edited).
        let p = with_draft(
            loaded(None),
            Draft::for_date("2026-12-02").with_score(Score::Pain, "1".into()),
        )
        .apply(Action::Save);
        assert_eq!(fields(&p.errors), [Field::Date]);
    }

    #[test]
    fn an_undo_survives_a_save_and_an_import() {
        let p = loaded(Some(&diary_of(&[entry("2026-11-30", Some(4))]).to_json()))
            .apply(Action::Remove("2026-11-30".into()))
            .apply(Action::SetDate("2026-11-01".into()))
            .apply(Action::SetScore(Score::Pain, "2".into()))
            .apply(Action::Save)
            .apply(Action::Import(Ok((
                "f.json".into(),
                diary_of(&[entry("2026-10-01", Some(1))]).to_json(),
            ))));
        assert!(p.undo.is_some());
        let p = p.apply(Action::Undo);
        assert_eq!(p.diary.len(), 3);
        assert_eq!(p.diary.get("2026-11-30").unwrap().pain, Some(4));
    }

    #[test]
    fn a_new_entry_being_typed_is_set_aside_during_an_edit_and_comes_back() {
        let saved = diary_of(&[entry("2026-11-30", Some(4))]).to_json();
        let typing = |p: DiaryPage| {
            p.apply(Action::SetScore(Score::Mood, "7".into()))
                .apply(Action::SetNote("half a thought".into()))
        };
        let typed = typing(loaded(Some(&saved))).draft;
        // Cancelled.
        let p = typing(loaded(Some(&saved))).apply(Action::StartEdit("2026-11-30".into()));
        assert_eq!(p.draft.pain, "4");
        assert_eq!(p.set_aside.as_ref(), Some(&typed));
        assert!(p
            .notice
            .as_deref()
            .unwrap()
            .starts_with("The new entry you were typing is kept"));
        let p = p.apply(Action::CancelEdit);
        assert_eq!(p.draft, typed);
        assert_eq!(p.set_aside, None);
        // Saved.
        let p = typing(loaded(Some(&saved)))
            .apply(Action::StartEdit("2026-11-30".into()))
            .apply(Action::SetScore(Score::Pain, "1".into()))
            .apply(Action::Save);
        assert_eq!(p.diary.get("2026-11-30").unwrap().pain, Some(1));
        assert_eq!(p.draft, typed);
        // Its entry deleted.
        let p = typing(loaded(Some(&saved)))
            .apply(Action::StartEdit("2026-11-30".into()))
            .apply(Action::Remove("2026-11-30".into()));
        assert_eq!((p.editing.as_deref(), &p.draft), (None, &typed));
        // The whole diary deleted.
        let p = typing(loaded(Some(&saved)))
            .apply(Action::StartEdit("2026-11-30".into()))
            .apply(Action::Clear(Some(true)));
        assert_eq!((p.editing.as_deref(), &p.draft), (None, &typed));
        // An untouched form is not set aside.
        let p = loaded(Some(&saved)).apply(Action::StartEdit("2026-11-30".into()));
        assert_eq!(p.set_aside, None);
        assert_eq!(p.notice, None);
        assert_eq!(p.apply(Action::CancelEdit).draft, Draft::for_date(TODAY));
    }

    // ---- a long diary: the table shows the newest entries, more on request ----

    /// A saved diary of `n` days, one entry a day, the newest on `TODAY`.
    fn saved_days(n: usize) -> String {
        let today = day_number(TODAY).unwrap();
        let entries: Vec<Entry> = (0..n)
            .map(|i| entry(&date_of_day_number(today - i as i64).unwrap(), Some(3)))
            .collect();
        diary_of(&entries).to_json()
    }

    thread_local! {
        /// [`long_diary`]'s pages, made once per size.
        static LONG: std::cell::RefCell<Vec<(usize, DiaryPage)>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// The page loaded with [`saved_days`]`(n)` (made once per thread and
    /// size: the property test starts thousands of sequences from a few).
    fn long_diary(n: usize) -> DiaryPage {
        LONG.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((_, p)) = cache.iter().find(|(k, _)| *k == n) {
                return p.clone();
            }
            let p = loaded(Some(&saved_days(n)));
            cache.push((n, p.clone()));
            p
        })
    }

    /// The `k`th newest day (0: the newest) of [`saved_days`].
    fn newest(k: usize) -> String {
        date_of_day_number(day_number(TODAY).unwrap() - k as i64).unwrap()
    }

    /// The days in the table, top to bottom.
    fn shown_days(p: &DiaryPage) -> Vec<&str> {
        p.diary
            .entries()
            .iter()
            .rev()
            .take(p.rows_shown())
            .map(|e| e.date.as_str())
            .collect()
    }

    #[test]
    fn the_table_shows_every_entry_up_to_one_step() {
        assert_eq!(TABLE_STEP, 100);
        for n in [0, 1, 99, 100] {
            let p = loaded(Some(&saved_days(n)));
            assert_eq!(p.rows_shown(), n, "{n} entries");
            assert_eq!(p.more_rows(), None, "{n} entries");
        }
    }

    #[test]
    fn past_one_step_the_table_says_how_many_it_shows_and_offers_the_rest() {
        let more = |n: usize| loaded(Some(&saved_days(n))).more_rows();
        assert_eq!(
            more(101),
            Some(MoreRows {
                status: "The table shows the newest 100 of 101 entries.".into(),
                more: "Show 1 more entry".into(),
                all: None,
            })
        );
        assert_eq!(
            more(200),
            Some(MoreRows {
                status: "The table shows the newest 100 of 200 entries.".into(),
                more: "Show 100 more entries".into(),
                all: None,
            })
        );
        assert_eq!(
            more(201),
            Some(MoreRows {
                status: "The table shows the newest 100 of 201 entries.".into(),
                more: "Show 100 more entries".into(),
                all: Some("Show all 201 entries".into()),
            })
        );
        assert_eq!(
            more(MAX_ENTRIES),
            Some(MoreRows {
                status: "The table shows the newest 100 of 3,660 entries.".into(),
                more: "Show 100 more entries".into(),
                all: Some("Show all 3,660 entries".into()),
            })
        );
        let p = loaded(Some(&saved_days(101)));
        assert_eq!(shown_days(&p).first().copied(), Some(TODAY));
        assert_eq!(shown_days(&p).last().copied(), Some(newest(99).as_str()));
    }

    #[test]
    fn show_more_adds_a_step_and_focuses_its_first_row() {
        let start = loaded(Some(&saved_days(250)));
        let p = start.clone().apply(Action::ShowOlder(false));
        assert_eq!(p.rows_shown(), 200);
        assert_eq!(p.focus, Some((0, Focus::Row(newest(100)))));
        assert_eq!(
            p.more_rows(),
            Some(MoreRows {
                status: "The table shows the newest 200 of 250 entries.".into(),
                more: "Show 50 more entries".into(),
                all: None,
            })
        );
        let p = p.apply(Action::ShowOlder(false));
        assert_eq!(p.rows_shown(), 250);
        assert_eq!(p.older_rows, 150);
        assert_eq!(p.focus, Some((1, Focus::Row(newest(200)))));
        assert_eq!(p.more_rows(), None);
        // Nothing left to show: nothing moves.
        let again = p.clone().apply(Action::ShowOlder(false));
        assert_eq!(again, p);
        // Showing more changes what is drawn, not the diary.
        assert_eq!(p.revision, start.revision);
    }

    #[test]
    fn show_more_at_one_entry_past_the_step_shows_it_and_offers_nothing_more() {
        let p = loaded(Some(&saved_days(101))).apply(Action::ShowOlder(false));
        assert_eq!(p.rows_shown(), 101);
        assert_eq!(p.older_rows, 1);
        assert_eq!(p.focus, Some((0, Focus::Row(newest(100)))));
        assert_eq!(p.more_rows(), None);
    }

    #[test]
    fn show_all_shows_every_entry_and_focuses_the_first_new_row() {
        let p = loaded(Some(&saved_days(MAX_ENTRIES))).apply(Action::ShowOlder(true));
        assert_eq!(p.rows_shown(), MAX_ENTRIES);
        assert_eq!(p.older_rows, MAX_ENTRIES - 100);
        assert_eq!(p.focus, Some((0, Focus::Row(newest(100)))));
        assert_eq!(p.more_rows(), None);
        assert_eq!(p.clone().apply(Action::ShowOlder(true)), p);
        // An undo near the top keeps every row shown.
        let p = p.apply(Action::Remove(newest(3))).apply(Action::Undo);
        assert_eq!(p.rows_shown(), MAX_ENTRIES);
        // Deleting the whole diary starts the next one at the first step.
        let cleared = p.clone().apply(Action::Clear(Some(true)));
        assert_eq!(cleared.older_rows, 0);
        // So does a diary emptied in another tab, and a new one over
        // unreadable text.
        let mut theirs = p.diary.clone();
        theirs.clear(1_000);
        let emptied = p.apply(Action::SavedElsewhere(Some(kept_text(&theirs))));
        assert!(emptied.diary.is_empty());
        assert_eq!(emptied.older_rows, 0);
        let p = loaded(Some(&saved_days(300)))
            .apply(Action::ShowOlder(true))
            .apply(Action::SavedElsewhere(Some("{".into())))
            .apply(Action::StartFresh(Some(true)));
        assert_eq!((p.older_rows, p.rows_shown()), (0, 0));
        assert_eq!(
            p.apply(Action::Import(Ok(("d.json".into(), saved_days(300)))))
                .rows_shown(),
            100
        );
    }

    #[test]
    fn an_entry_saved_for_a_day_below_the_shown_rows_is_shown() {
        // 150 days, one missing: the 101st row from the top. Saved from the
        // form, it is brought into the table; a day within the first step
        // leaves the table as it is.
        let gap = newest(100);
        let mut days = Diary::from_json(&saved_days(150), TODAY).unwrap();
        days.remove(&gap, 0);
        let p = loaded(Some(&days.to_json()));
        assert_eq!(p.rows_shown(), 100);
        let saved = with_draft(
            p.clone(),
            Draft::for_date(&gap).with_score(Score::Pain, "2".into()),
        )
        .apply(Action::Save);
        assert_eq!(saved.diary.len(), 150);
        assert_eq!((saved.older_rows, saved.rows_shown()), (100, 150));
        let near = p.apply(Action::Remove(newest(5)));
        let near = with_draft(
            near,
            Draft::for_date(&newest(5)).with_score(Score::Pain, "2".into()),
        )
        .apply(Action::Save);
        assert_eq!((near.older_rows, near.rows_shown()), (0, 100));
        // The oldest entry moved to that day by an edit: the same.
        let p = loaded(Some(&days.to_json()))
            .apply(Action::StartEdit(newest(149)))
            .apply(Action::SetDate(gap.clone()))
            .apply(Action::Save);
        assert!(p.diary.get(&gap).is_some());
        assert_eq!(p.older_rows, 100);
    }

    #[test]
    fn an_undone_entry_past_the_shown_rows_is_shown_before_focus_moves_to_it() {
        // 100 days, the oldest deleted; then `newer` days after them are
        // imported, and the delete undone: the entry comes back as the
        // (newer + 100)th row.
        let import = |newer: usize| {
            let today = day_number(TODAY).unwrap();
            let entries: Vec<Entry> = (1..=newer)
                .map(|i| entry(&date_of_day_number(today + i as i64).unwrap(), Some(1)))
                .collect();
            Action::Import(Ok(("later.json".into(), diary_of(&entries).to_json())))
        };
        let oldest = newest(99);
        let undone = |newer: usize| {
            let p = DiaryPage::default().apply(Action::Load {
                saved: Ok(Some(saved_days(100))),
                // The imported days must not be in the future.
                today: date_of_day_number(day_number(TODAY).unwrap() + 400).unwrap(),
            });
            p.apply(Action::Remove(oldest.clone()))
                .apply(import(newer))
                .apply(Action::Undo)
        };
        // The 100th row: within the first step.
        let p = undone(0);
        assert_eq!((p.rows_shown(), p.older_rows), (100, 0));
        assert_eq!(shown_days(&p).last().copied(), Some(oldest.as_str()));
        // The 101st and the 200th: one step more.
        for newer in [1, 100] {
            let p = undone(newer);
            assert_eq!(p.diary.len(), 100 + newer);
            assert_eq!(p.older_rows, 100, "{newer} newer");
            assert_eq!(
                shown_days(&p).last().copied(),
                Some(oldest.as_str()),
                "{newer} newer"
            );
            assert!(matches!(&p.focus, Some((_, Focus::Row(d))) if *d == oldest));
        }
        // The 201st: two steps more.
        let p = undone(101);
        assert_eq!(p.older_rows, 200);
        assert_eq!(p.rows_shown(), 201);
    }
}

/// Two tabs that change the diary in the same moment, each before it has
/// heard of the other's write: [`Diary::sync`] and the page's merge.
mod sync {
    use super::*;
    use ketamine_dosing_reference::domain::diary_page::{Action, DiaryPage};
    use ketamine_dosing_reference::domain::schedule::long_date;

    fn dates(d: &Diary) -> Vec<&str> {
        d.entries().iter().map(|e| e.date.as_str()).collect()
    }

    fn synced(mine: &Diary, theirs: &Diary) -> Diary {
        let mut d = mine.clone();
        d.sync(theirs);
        d
    }

    /// A page that has read `saved`, then saves `e` at `now`.
    fn tab_saving(saved: &str, e: &Entry, now: u64) -> DiaryPage {
        let p = DiaryPage::default().apply(Action::Load {
            saved: Ok(Some(saved.to_string())),
            today: TODAY.into(),
        });
        let draft = Draft::of(e);
        p.apply(Action::SetDate(draft.date))
            .apply(Action::SetScore(Score::Pain, draft.pain))
            .at(now)
            .apply(Action::Save)
    }

    #[test]
    fn two_tabs_saving_in_the_same_moment_both_end_with_both_days() {
        let start = kept_text(&diary_of(&[entry("2026-11-01", Some(1))]));
        let a = tab_saving(&start, &entry("2026-11-02", Some(2)), 10);
        let b = tab_saving(&start, &entry("2026-11-03", Some(3)), 10);
        let (text_a, text_b) = (a.to_store().unwrap(), b.to_store().unwrap());
        assert!(!text_b.contains("2026-11-02"));
        // The browser keeps b's text; each tab then hears of the other's.
        let a = a.at(11).apply(Action::SavedElsewhere(Some(text_b)));
        let b = b.at(11).apply(Action::SavedElsewhere(Some(text_a)));
        assert_eq!(dates(&a.diary), ["2026-11-01", "2026-11-02", "2026-11-03"]);
        assert_eq!(a.diary, b.diary);
        // Both write the same text, so hearing of it changes nothing more.
        let merged = a.to_store().unwrap();
        assert_eq!(b.to_store(), Some(merged.clone()));
        let revision = b.revision;
        let b = b.apply(Action::SavedElsewhere(Some(merged)));
        assert_eq!(b.revision, revision);
    }

    #[test]
    fn a_day_removed_in_one_tab_as_the_other_adds_one_stays_removed() {
        let start = kept_text(&diary_at(&[entry("2026-11-01", Some(1))], 5));
        let a = tab_saving(&start, &entry("2026-11-02", Some(2)), 6)
            .at(10)
            .apply(Action::Remove("2026-11-01".into()));
        let b = tab_saving(&start, &entry("2026-11-03", Some(3)), 10);
        let (text_a, text_b) = (a.to_store().unwrap(), b.to_store().unwrap());
        let a = a.apply(Action::SavedElsewhere(Some(text_b)));
        let b = b.apply(Action::SavedElsewhere(Some(text_a)));
        assert_eq!(dates(&a.diary), ["2026-11-02", "2026-11-03"]);
        assert_eq!(a.diary, b.diary);
        // "Delete the whole diary" in one tab as the other saves a new day:
        // the new day stays.
        let a = a.at(20).apply(Action::Clear(Some(true)));
        let b = tab_saving(&b.to_store().unwrap(), &entry("2026-11-04", Some(4)), 20);
        let b = b.apply(Action::SavedElsewhere(a.to_store()));
        assert_eq!(dates(&b.diary), ["2026-11-04"]);
    }

    #[test]
    fn for_one_day_the_later_change_wins_in_both_tabs() {
        let base = diary_at(&[entry("2026-11-01", Some(1))], 5);
        let edit = |pain, now| {
            let mut d = base.clone();
            d.save(entry("2026-11-01", Some(pain)), Some("2026-11-01"), now)
                .unwrap();
            d
        };
        let removed = |now| {
            let mut d = base.clone();
            d.remove("2026-11-01", now);
            d
        };
        let pain = |d: &Diary| d.get("2026-11-01").and_then(|e| e.pain);
        // An edit just before, at and just after the other tab's.
        for (theirs_at, want) in [(9, Some(7)), (10, Some(8)), (11, Some(8))] {
            let (mine, theirs) = (edit(7, 10), edit(8, theirs_at));
            assert_eq!(pain(&synced(&mine, &theirs)), want, "{theirs_at}");
            assert_eq!(pain(&synced(&theirs, &mine)), want, "{theirs_at}");
        }
        // A removal just before, at and just after an edit: at the same
        // moment the entry is kept.
        for (removed_at, want) in [(9, Some(7)), (10, Some(7)), (11, None)] {
            let (mine, theirs) = (edit(7, 10), removed(removed_at));
            assert_eq!(pain(&synced(&mine, &theirs)), want, "{removed_at}");
            assert_eq!(pain(&synced(&theirs, &mine)), want, "{removed_at}");
        }
        // A day this tab never knew of, removed there: remembered, so that
        // a third tab's older copy of it does not bring it back.
        let d = synced(&Diary::default(), &removed(10));
        assert!(d.is_empty());
        assert_eq!(synced(&d, &base), d);
    }

    #[test]
    fn days_saved_before_times_were_kept_are_taken_up_as_they_are() {
        // Text without times (an older version's, or an export put in
        // storage by hand): its days count as changed at 0.
        let old =
            Diary::from_json(&diary_of(&[entry("2026-11-01", Some(1))]).to_json(), "").unwrap();
        let d = synced(&Diary::default(), &old);
        assert_eq!(d, old);
        // So the text written back is the one heard of, and the other tab
        // does not write again.
        assert_eq!(d.to_saved_json(), old.to_saved_json());
        assert!(!d.to_saved_json().contains("\"2026-11-01\":0"));
    }

    #[test]
    fn a_clock_set_back_still_makes_the_next_change_the_later_one() {
        let mut d = diary_at(&[entry("2026-11-01", Some(1))], 1_000);
        let theirs = d.clone();
        d.save(entry("2026-11-01", Some(2)), Some("2026-11-01"), 50)
            .unwrap();
        assert_eq!(synced(&theirs, &d).get("2026-11-01").unwrap().pain, Some(2));
        let back = d.remove("2026-11-01", 0).unwrap();
        assert!(synced(&theirs, &d).is_empty());
        assert_eq!(d.restore(back, 0), Ok(()));
        assert_eq!(synced(&theirs, &d).get("2026-11-01").unwrap().pain, Some(2));
    }

    #[test]
    fn an_edit_that_moves_an_entry_removes_its_old_day_in_the_other_tab() {
        let base = diary_at(&[entry("2026-11-01", Some(1))], 5);
        let mut moved = base.clone();
        moved
            .save(entry("2026-11-02", Some(1)), Some("2026-11-01"), 10)
            .unwrap();
        assert_eq!(dates(&synced(&base, &moved)), ["2026-11-02"]);
    }

    fn full_diary(now: u64) -> Diary {
        let full: Vec<Entry> = (0..MAX_ENTRIES)
            .map(|i| entry(&date_of_day_number(10_957 + i as i64).unwrap(), Some(1)))
            .collect();
        diary_at(&full, now)
    }

    #[test]
    fn a_full_diary_takes_up_a_day_deleted_and_a_day_added_elsewhere() {
        let mine = full_diary(5);
        let first = date_of_day_number(10_957).unwrap();
        let newer = date_of_day_number(10_957 + MAX_ENTRIES as i64).unwrap();
        // The other tab deleted the first day, then saved a new one.
        let mut theirs = mine.clone();
        theirs.remove(&first, 6);
        theirs.save(entry(&newer, Some(2)), None, 7).unwrap();
        for d in [synced(&mine, &theirs), synced(&theirs, &mine)] {
            assert_eq!(d, theirs);
        }
        // An entry the full diary has is still updated.
        let mut edited = mine.clone();
        edited
            .save(entry(&first, Some(9)), Some(&first), 8)
            .unwrap();
        assert_eq!(synced(&mine, &edited).get(&first).unwrap().pain, Some(9));
    }

    /// A diary one day short of full (its last day deleted), that day,
    /// and the day after it.
    fn one_day_short_of_full() -> (Diary, String, String) {
        let mut base = full_diary(5);
        let last = date_of_day_number(10_957 + MAX_ENTRIES as i64 - 1).unwrap();
        base.remove(&last, 6);
        let newer = date_of_day_number(10_957 + MAX_ENTRIES as i64).unwrap();
        (base, last, newer)
    }

    #[test]
    fn two_new_days_in_a_diary_one_day_short_of_full_leave_out_the_latest_in_both_tabs() {
        let (base, last, newer) = one_day_short_of_full();
        let (mut a, mut b) = (base.clone(), base.clone());
        b.save(entry(&newer, Some(2)), None, 10).unwrap();
        a.save(entry(&last, Some(3)), None, 10).unwrap();
        let (ab, ba) = (synced(&a, &b), synced(&b, &a));
        assert_eq!(ab, ba);
        assert_eq!(ab.len(), MAX_ENTRIES);
        assert_eq!(ab.get(&last).unwrap().pain, Some(3));
        assert!(ab.get(&newer).is_none());
        // Neither lacks anything the other has: no more writes.
        assert!(!ab.news_for(&ba));
        assert_eq!(ab.to_saved_json(), ba.to_saved_json());
        // One day fewer: the other tab's day fits.
        let first = date_of_day_number(10_957).unwrap();
        a.remove(&first, 11);
        assert_eq!(synced(&a, &b).get(&newer).unwrap().pain, Some(2));
    }

    #[test]
    fn a_page_writes_when_the_other_tab_s_text_lacks_a_change_of_its_own_and_only_then() {
        let start = kept_text(&diary_of(&[entry("2026-11-01", Some(1))]));
        let a = tab_saving(&start, &entry("2026-11-02", Some(2)), 10);
        let (revision, write) = (a.revision, a.write);
        // The other tab wrote the start again (it never heard of 2 Nov):
        // nothing changes here, but the page writes again.
        let heard = a.clone().apply(Action::SavedElsewhere(Some(start.clone())));
        assert_eq!(
            (heard.revision, heard.write),
            (revision, write.wrapping_add(1))
        );
        assert_eq!(heard.to_store(), a.to_store());
        // Its own text heard back: nothing to write.
        let own = a.to_store().unwrap();
        let same = a.clone().apply(Action::SavedElsewhere(Some(own)));
        assert_eq!((same.revision, same.write), (revision, write));
        // Another day heard of: the diary changes, and the text heard lacks
        // this page's day, so the page writes.
        let b = tab_saving(&start, &entry("2026-11-03", Some(3)), 10);
        let both = a.clone().apply(Action::SavedElsewhere(b.to_store()));
        assert_ne!(both.revision, revision);
        assert_eq!(both.write, write.wrapping_add(1));
        // The other tab hears that merge: its diary changes, but the text
        // already holds it all, so it writes nothing (a tab that only has
        // the diary open never writes over a newer save).
        let (b_revision, b_write) = (b.revision, b.write);
        let b = b.apply(Action::SavedElsewhere(both.to_store()));
        assert_ne!(b.revision, b_revision);
        assert_eq!(b.write, b_write);
        assert_eq!(b.diary, both.diary);
        // An older version of the app, which cannot read the times, started
        // a new diary over the text: this page writes its diary back.
        let empty = format!(r#"{{"format":"{FORMAT}","version":1,"entries":[]}}"#);
        let back = a.clone().apply(Action::SavedElsewhere(Some(empty)));
        assert_eq!(back.diary, a.diary);
        assert_eq!(back.write, write.wrapping_add(1));
        // Local changes ask for a write; loading, and a key removed from
        // storage, do not.
        let loaded = DiaryPage::default().apply(Action::Load {
            saved: Ok(Some(start.clone())),
            today: TODAY.into(),
        });
        assert_eq!(loaded.write, 0);
        let removed = a.clone().apply(Action::SavedElsewhere(None));
        assert_eq!(removed.write, write);
        assert!(removed.diary.is_empty());
    }

    #[test]
    fn a_tab_whose_clock_is_fast_forgets_a_removal_early_and_no_tab_writes_forever() {
        let start = kept_text(&diary_at(
            &[entry("2026-11-01", Some(1)), entry("2026-11-02", Some(2))],
            5,
        ));
        let load_at = |now: u64| {
            DiaryPage::default().at(now).apply(Action::Load {
                saved: Ok(Some(start.clone())),
                today: TODAY.into(),
            })
        };
        let t = 1_000_000;
        let fast = t + KEEP_DELETED_MS + 1;
        // N deletes 2 Nov; F, whose clock is 30 days and 1 ms ahead, hears of
        // it: 2 Nov goes, and F has nothing N's text lacks.
        let n = load_at(t).at(t).apply(Action::Remove("2026-11-02".into()));
        let f = load_at(fast).apply(Action::SavedElsewhere(n.to_store()));
        assert!(f.diary.get("2026-11-02").is_none());
        assert_eq!(f.write, 0);
        // F saves another day: by its clock the removal is too old to keep.
        let f = f
            .at(fast + 1)
            .apply(Action::SetDate("2026-11-03".into()))
            .apply(Action::SetScore(Score::Pain, "3".into()))
            .apply(Action::Save);
        assert!(!f.to_store().unwrap().contains("deleted\":{\"2026-11-02"));
        // N hears it and writes the removal again; F hears that and writes
        // nothing more.
        let n_write = n.write;
        let n = n.at(t + 1).apply(Action::SavedElsewhere(f.to_store()));
        assert_eq!(n.write, n_write.wrapping_add(1));
        assert!(n.diary.get("2026-11-03").is_some());
        let f_write = f.write;
        let f = f.at(fast + 2).apply(Action::SavedElsewhere(n.to_store()));
        assert_eq!(f.write, f_write);
        assert_eq!(f.diary.entries(), n.diary.entries());
    }

    #[test]
    fn an_import_never_wins_over_a_day_another_tab_saved_in_the_same_moment() {
        let mut imported = Diary::default();
        imported.merge(vec![entry("2026-11-01", Some(1))]);
        let mut typed = Diary::default();
        typed.save(entry("2026-11-01", Some(7)), None, 10).unwrap();
        for d in [synced(&imported, &typed), synced(&typed, &imported)] {
            assert_eq!(d.get("2026-11-01").unwrap().pain, Some(7));
        }
        // A day deleted here and imported again counts as changed after the
        // removal, so other tabs that heard of the removal take it up.
        let mut d = diary_at(&[entry("2026-11-02", Some(2))], 500);
        d.remove("2026-11-02", 600);
        let before = d.clone();
        d.merge(vec![entry("2026-11-02", Some(3))]);
        assert_eq!(synced(&before, &d).get("2026-11-02").unwrap().pain, Some(3));
    }

    #[test]
    fn a_page_says_which_days_did_not_fit_a_full_diary() {
        let (base, last, newer) = one_day_short_of_full();
        let a = tab_saving(&kept_text(&base), &entry(&last, Some(3)), 10);
        let b = tab_saving(&kept_text(&base), &entry(&newer, Some(2)), 10);
        // The tab whose day did not fit was editing it: the line says why it
        // went (not that another tab deleted it).
        let b = b.apply(Action::StartEdit(newer.clone()));
        let b = b.apply(Action::SavedElsewhere(a.to_store()));
        assert!(b.diary.get(&newer).is_none());
        assert_eq!(
            b.notice.as_deref(),
            Some(format!("The diary is full (3,660 entries), and another tab or window saved a new day at the same moment as this one: {} did not fit and was left out. Export the diary, then delete old entries to make room.", long_date(&newer)).as_str())
        );
    }

    #[test]
    fn a_day_at_the_latest_time_a_text_may_give_still_syncs_and_no_tab_writes_forever() {
        // A saved text (damaged, or written by hand) gives a day the latest
        // time: a change of it stays at that time, which every tab reads.
        let text = format!(
            r#"{{"format":"{FORMAT}","version":1,"entries":[{{"date":"2026-05-01","pain":1}}],"changed":{{"2026-05-01":{MAX_TIME}}}}}"#
        );
        let read = |t: &str| match load(Some(t)) {
            Loaded::Ready(d) => d,
            other => panic!("{other:?}"),
        };
        let start = read(&text);
        let mut deleted = start.clone();
        deleted.remove("2026-05-01", 10).unwrap();
        let mut edited = start.clone();
        edited
            .save(entry("2026-05-01", Some(9)), Some("2026-05-01"), 10)
            .unwrap();
        for changed in [deleted, edited] {
            let heard = read(&changed.to_saved_json());
            assert_eq!(heard, changed);
            // The other tab takes it up, or the tie keeps its own: either
            // way both end the same, and neither asks for another write.
            let (a, b) = (synced(&start, &heard), synced(&heard, &start));
            assert_eq!(a, b);
            assert!(!a.news_for(&b) && !b.news_for(&a));
        }
    }

    /// Something a tab does to its diary at a time.
    #[derive(Clone, Debug)]
    enum Change {
        Save(u8, u32, u64),
        Remove(u8, u64),
        Clear(u64),
    }

    fn day(i: u8) -> String {
        format!("2026-11-{:02}", i % 6 + 1)
    }

    fn any_change() -> impl Strategy<Value = Change> {
        prop_oneof![
            6 => (any::<u8>(), 0u32..=10, 0u64..40).prop_map(|(d, p, t)| Change::Save(d, p, t)),
            3 => (any::<u8>(), 0u64..40).prop_map(|(d, t)| Change::Remove(d, t)),
            1 => (0u64..40).prop_map(Change::Clear),
        ]
    }

    fn changed(base: &Diary, changes: &[Change]) -> Diary {
        let mut d = base.clone();
        for change in changes {
            match change {
                Change::Save(i, pain, now) => {
                    let e = entry(&day(*i), Some(*pain));
                    let editing = d.get(&e.date).map(|e| e.date.clone());
                    d.save(e, editing.as_deref(), *now).unwrap();
                }
                Change::Remove(i, now) => {
                    d.remove(&day(*i), *now);
                }
                Change::Clear(now) => d.clear(*now),
            }
        }
        d
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Three tabs change the same diary; whatever order they hear of
        /// each other in, they end with the same diary, and hearing of the
        /// same text twice changes nothing.
        #[test]
        fn tabs_agree_whatever_order_they_hear_of_each_other(
            start in proptest::collection::vec(any_change(), 0..6),
            one in proptest::collection::vec(any_change(), 0..6),
            two in proptest::collection::vec(any_change(), 0..6),
            three in proptest::collection::vec(any_change(), 0..6),
        ) {
            let base = changed(&Diary::default(), &start);
            let (a, b, c) = (changed(&base, &one), changed(&base, &two), changed(&base, &three));
            prop_assert_eq!(synced(&a, &b), synced(&b, &a));
            prop_assert_eq!(synced(&a, &a), a.clone());
            prop_assert_eq!(synced(&synced(&a, &b), &c), synced(&a, &synced(&b, &c)));
            // Through the saved text, as the tabs hear of it.
            let ab = synced(&a, &b);
            let read = match load(Some(&ab.to_saved_json())) {
                Loaded::Ready(d) => d,
                other => panic!("{other:?}"),
            };
            prop_assert_eq!(&read, &ab);
            prop_assert_eq!(synced(&ab, &read), ab.clone());
            // The tab that wrote the merge asks for no further write when it
            // hears it back, nor does the other when it hears it; a tab
            // whose text lacks something of the merge is asked to write.
            let b_hears = synced(&b, &read);
            prop_assert!(!b_hears.news_for(&read));
            prop_assert_eq!(ab.news_for(&b), ab != b);
            // A tab's own changes are newer than the copy it started from:
            // hearing of that copy changes nothing, and a tab still holding
            // the copy takes up every change.
            prop_assert_eq!(synced(&a, &base), a.clone());
            prop_assert_eq!(synced(&base, &a), a.clone());
        }
    }
}

// ---- the form's unsaved work, kept for the tab --------------------------------------

mod kept_form {
    use super::*;
    use ketamine_dosing_reference::domain::diary_draft::KeptForm;
    use ketamine_dosing_reference::domain::diary_page::{Action, DiaryPage};

    fn loaded(saved: Option<&str>) -> DiaryPage {
        DiaryPage::default().apply(Action::Load {
            saved: Ok(saved.map(String::from)),
            today: TODAY.into(),
        })
    }

    /// The page as a reload finds it: the diary saved, the kept form read.
    fn reloaded(saved: &Diary, kept: &KeptForm) -> DiaryPage {
        loaded(Some(&saved.to_saved_json())).apply(Action::Restore(kept.to_json()))
    }

    fn typed() -> DiaryPage {
        loaded(None)
            .apply(Action::SetScore(Score::Pain, "7".into()))
            .apply(Action::SetNote("half typed".into()))
    }

    #[test]
    fn the_kept_form_is_written_and_read_back_exactly() {
        let draft = Draft {
            date: "2026-11-30".into(),
            infusion: true,
            pain: "7".into(),
            sleep: "".into(),
            mood: "3".into(),
            side_effects: vec!["dizziness".into()],
            note: "Tired \"all\" day".into(),
        };
        let kept = KeptForm {
            draft: draft.clone(),
            editing: Some(("2026-11-29".into(), Draft::for_date("2026-11-29"))),
            set_aside: Some(Draft::for_date(TODAY)),
        };
        let text = kept.to_json();
        assert_eq!(
            text,
            r#"{"format":"ketamine-dosing-reference/diary-draft","draft":{"date":"2026-11-30","infusion":true,"pain":"7","sleep":"","mood":"3","side_effects":["dizziness"],"note":"Tired \"all\" day"},"editing":"2026-11-29","original":{"date":"2026-11-29","infusion":false,"pain":"","sleep":"","mood":"","side_effects":[],"note":""},"set_aside":{"date":"2026-12-01","infusion":false,"pain":"","sleep":"","mood":"","side_effects":[],"note":""}}"#
        );
        assert_eq!(KeptForm::from_json(&text), Some(kept));
        let plain = KeptForm {
            draft,
            editing: None,
            set_aside: None,
        };
        assert_eq!(KeptForm::from_json(&plain.to_json()), Some(plain));
        // Anything else is ignored.
        for other in [
            "",
            "{",
            "null",
            r#"{"format":"ketamine-dosing-reference/card-draft","draft":{}}"#,
            r#"{"format":"ketamine-dosing-reference/diary-draft"}"#,
            r#"{"format":"ketamine-dosing-reference/diary-draft","draft":{"date":"2026-11-30","infusion":"yes","pain":"","sleep":"","mood":"","side_effects":[],"note":""}}"#,
            r#"{"format":"ketamine-dosing-reference/diary-draft","draft":{"date":"2026-11-30","infusion":false,"pain":"","sleep":"","mood":"","side_effects":[1],"note":""}}"#,
        ] {
            assert_eq!(KeptForm::from_json(other), None, "{other}");
        }
    }

    #[test]
    fn a_half_typed_entry_comes_back_after_a_reload_and_says_so() {
        let p = typed();
        let kept = p.kept_form().expect("typed work is kept");
        assert_eq!(kept.editing, None);
        let back = reloaded(&p.diary, &kept);
        assert_eq!(back.draft, p.draft);
        assert_eq!(back.draft.pain, "7");
        assert_eq!(back.draft.note, "half typed");
        assert_eq!(back.editing, None);
        assert_eq!(
            back.notice.as_deref(),
            Some("Your unsaved entry was brought back into the form.")
        );
        // Kept again as it was.
        assert_eq!(back.kept_form(), Some(kept));
        // Nothing to keep: an empty form, a page not loaded.
        assert_eq!(loaded(None).kept_form(), None);
        assert_eq!(DiaryPage::default().kept_form(), None);
    }

    #[test]
    fn an_unsaved_edit_comes_back_onto_its_entry() {
        let d = diary_of(&[entry("2026-11-22", Some(3))]);
        let p = loaded(Some(&d.to_saved_json()))
            .apply(Action::SetNote("new, typed first".into()))
            .apply(Action::StartEdit("2026-11-22".into()));
        // Not changed yet: an edit alone is not kept, the new entry set
        // aside is.
        assert!(p.kept_form().is_some());
        let p = p.apply(Action::SetScore(Score::Pain, "8".into()));
        let kept = p.kept_form().unwrap();
        assert_eq!(
            kept.editing,
            Some((
                "2026-11-22".into(),
                Draft::of(&entry("2026-11-22", Some(3)))
            ))
        );
        let back = reloaded(&d, &kept);
        assert_eq!(back.editing.as_deref(), Some("2026-11-22"));
        assert_eq!(back.draft.pain, "8");
        assert_eq!(back.notice.as_deref(), Some("Your unsaved changes to the entry for Sun 22 Nov 2026 were brought back into the form. The new entry you were typing comes back when this edit is saved or cancelled."));
        // Saved: the edit is done, the set-aside entry is back in the form
        // (and kept, as unsaved work).
        let saved = back.apply(Action::Save);
        assert_eq!(saved.diary.get("2026-11-22").unwrap().pain, Some(8));
        assert_eq!(saved.editing, None);
        assert_eq!(saved.draft.note, "new, typed first");
        assert_eq!(saved.kept_form().unwrap().editing, None);
        // An unchanged edit is nothing to keep.
        let unchanged =
            loaded(Some(&d.to_saved_json())).apply(Action::StartEdit("2026-11-22".into()));
        assert_eq!(unchanged.kept_form(), None);
    }

    #[test]
    fn an_edit_whose_entry_changed_or_went_comes_back_as_a_new_entry_that_replaces_nothing() {
        let d = diary_of(&[entry("2026-11-22", Some(3))]);
        let kept = loaded(Some(&d.to_saved_json()))
            .apply(Action::StartEdit("2026-11-22".into()))
            .apply(Action::SetScore(Score::Pain, "8".into()))
            .kept_form()
            .unwrap();
        // Changed since (in another tab): the same day holds pain 5.
        let changed = diary_of(&[entry("2026-11-22", Some(5))]);
        let back = reloaded(&changed, &kept);
        assert_eq!(back.editing, None);
        assert_eq!(back.draft.pain, "8");
        assert_eq!(back.notice.as_deref(), Some("Your unsaved changes to the entry for Sun 22 Nov 2026 were brought back into the form as a new entry, because that entry was changed or deleted since: saving them replaces nothing. Sun 22 Nov 2026 has an entry already: choose another day to save it, or clear the form."));
        let refused = back.apply(Action::Save);
        assert_eq!(refused.diary, changed);
        assert_eq!(fields(&refused.errors), vec![Field::Date]);
        assert_eq!(refused.diary.get("2026-11-22").unwrap().pain, Some(5));
        // Deleted since: saved as a new entry on its free day.
        let back = reloaded(&Diary::default(), &kept);
        assert_eq!(back.editing, None);
        assert_eq!(back.notice.as_deref(), Some("Your unsaved changes to the entry for Sun 22 Nov 2026 were brought back into the form as a new entry, because that entry was changed or deleted since: saving them replaces nothing."));
        let saved = back.apply(Action::Save);
        assert_eq!(saved.diary.get("2026-11-22").unwrap().pain, Some(8));
    }

    #[test]
    fn a_new_entry_for_a_day_taken_since_is_refused_on_save() {
        let p = typed().apply(Action::SetDate("2026-11-30".into()));
        let kept = p.kept_form().unwrap();
        let taken = diary_of(&[entry("2026-11-30", Some(2))]);
        let back = reloaded(&taken, &kept);
        assert_eq!(back.notice.as_deref(), Some("Your unsaved entry was brought back into the form. Mon 30 Nov 2026 has an entry already: choose another day to save it, or clear the form."));
        let refused = back.apply(Action::Save);
        assert_eq!(refused.diary, taken);
        assert_eq!(fields(&refused.errors), vec![Field::Date]);
    }

    #[test]
    fn a_form_typed_in_is_not_replaced_and_other_text_is_ignored() {
        let kept = typed().kept_form().unwrap();
        let p = loaded(None).apply(Action::SetNote("typed since".into()));
        let after = p.clone().apply(Action::Restore(kept.to_json()));
        assert_eq!(after.draft, p.draft);
        assert_eq!(after.notice, None);
        let empty = loaded(None);
        assert_eq!(empty.clone().apply(Action::Restore("{}".into())), empty);
        // Before the page has loaded, nothing is restored.
        assert_eq!(
            DiaryPage::default().apply(Action::Restore(kept.to_json())),
            DiaryPage::default()
        );
    }

    #[test]
    fn the_kept_form_ends_with_a_save_a_cancel_a_clear_or_the_edited_entry_deleted() {
        assert_eq!(typed().apply(Action::Save).kept_form(), None);
        let cleared = typed().apply(Action::ClearForm);
        assert_eq!(cleared.kept_form(), None);
        assert_eq!(cleared.draft, Draft::for_date(TODAY));
        let d = diary_of(&[entry("2026-11-22", Some(3))]);
        let editing = loaded(Some(&d.to_saved_json()))
            .apply(Action::StartEdit("2026-11-22".into()))
            .apply(Action::SetScore(Score::Pain, "8".into()));
        assert!(editing.kept_form().is_some());
        assert_eq!(editing.clone().apply(Action::CancelEdit).kept_form(), None);
        assert_eq!(
            editing
                .clone()
                .apply(Action::Remove("2026-11-22".into()))
                .kept_form(),
            None
        );
        // "Clear the form" leaves an edit alone.
        assert_eq!(
            editing.clone().apply(Action::ClearForm).draft,
            editing.draft
        );
    }

    #[test]
    fn a_cleared_form_can_be_brought_back_until_it_is_typed_in_again() {
        let before = typed();
        let cleared = before.clone().apply(Action::ClearForm);
        assert_eq!(cleared.cleared.as_ref(), Some(&before.draft));
        let back = cleared.clone().apply(Action::BringBackForm);
        assert_eq!(back.draft, before.draft);
        assert_eq!(back.cleared, None);
        assert_eq!(back.kept_form(), before.kept_form());
        // Focus stays in place: on the button that took the pressed one's
        // place, each time.
        use ketamine_dosing_reference::domain::diary_page::Focus;
        assert_eq!(
            cleared.focus.clone().map(|(_, f)| f),
            Some(Focus::BringBack)
        );
        assert_eq!(back.focus.clone().map(|(_, f)| f), Some(Focus::ClearForm));
        // Typing in the cleared form gives the old entry up for good.
        let retyped = cleared.clone().apply(Action::SetNote("new".into()));
        assert_eq!(retyped.cleared, None);
        assert_eq!(
            retyped.clone().apply(Action::BringBackForm).draft,
            retyped.draft
        );
        // So does an edit started, and leaving the page.
        let d = diary_of(&[entry("2026-11-22", Some(3))]);
        let with_entry = loaded(Some(&d.to_saved_json()))
            .apply(Action::SetNote("typed".into()))
            .apply(Action::ClearForm);
        assert!(with_entry.cleared.is_some());
        let edit = with_entry
            .clone()
            .apply(Action::StartEdit("2026-11-22".into()));
        assert_eq!(edit.cleared, None);
        assert_eq!(with_entry.shown_again().cleared, None);
        // Nothing typed, nothing to bring back.
        assert_eq!(loaded(None).apply(Action::ClearForm).cleared, None);
        // Actions that leave the form alone keep it (a stored write).
        assert!(cleared.apply(Action::Stored(None)).cleared.is_some());
    }
}
