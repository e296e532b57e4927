//! Invisible and deceptive characters in an imported card's texts, and
//! combining marks stacked on one character (review defect: tag characters,
//! Hangul fillers, bidirectional marks, soft hyphens, variation selectors
//! and 193 stacked accents were accepted). Each range is tried at its first
//! and last code point and just outside it; the stack limit just below, at
//! and just above it. A patient's diary note keeps what comes with pasted
//! text and refuses the rest.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::diary::hidden_characters;
use ketamine_dosing_reference::domain::dosing::CardProblem;
use ketamine_dosing_reference::domain::imported::import::{import_card, ImportError};
use ketamine_dosing_reference::domain::imported::text::{
    is_combining_mark, refused_char, refused_in_card, stacked_marks, MAX_STACKED_MARKS,
};
use ketamine_dosing_reference::domain::library::{builtin, is_known_source, CardLibrary};
use serde_json::{json, Value};

/// Refused in a card; `diary` when a diary note refuses it too. Each with
/// the words its reason must hold.
const RANGES: &[(u32, u32, bool, &str)] = &[
    (0x00AD, 0x00AD, false, "soft hyphen"),
    (0x034F, 0x034F, false, "combining grapheme joiner"),
    (0x061C, 0x061C, false, "left-to-right or right-to-left mark"),
    (0x200E, 0x200F, false, "left-to-right or right-to-left mark"),
    (0x115F, 0x1160, false, "Hangul filler"),
    (0x3164, 0x3164, false, "Hangul filler"),
    (0xFFA0, 0xFFA0, false, "Hangul filler"),
    (0x17B4, 0x17B5, false, "Khmer vowel sign"),
    (
        0x180B,
        0x180F,
        false,
        "Mongolian variation selector or vowel separator",
    ),
    (0x2061, 0x2064, false, "invisible mathematical operator"),
    (0xFE00, 0xFE0F, false, "variation selector"),
    (0xE0100, 0xE01EF, false, "variation selector"),
    (0xE0000, 0xE007F, false, "tag character"),
    (0x1BCA0, 0x1BCA3, false, "shorthand format control"),
    (0x1D173, 0x1D17A, false, "musical formatting character"),
    (0x2065, 0x2065, false, "reserved to be invisible"),
    (0xFFF0, 0xFFF8, false, "reserved to be invisible"),
    (0xE0080, 0xE00FF, false, "reserved to be invisible"),
    (0xE01F0, 0xE0FFF, false, "reserved to be invisible"),
    (
        0x206A,
        0x206F,
        true,
        "formatting character that is no longer used",
    ),
    (0xFFF9, 0xFFFB, true, "interlinear annotation character"),
];

fn ch(code: u32) -> char {
    char::from_u32(code).unwrap()
}

#[test]
fn every_new_range_is_refused_in_a_card_from_its_first_to_its_last_code_point() {
    for &(first, last, diary, words) in RANGES {
        for code in [first, last, first + (last - first) / 2] {
            let c = ch(code);
            let why = refused_in_card(c).unwrap_or_else(|| panic!("U+{code:04X} accepted"));
            assert!(why.contains(words), "U+{code:04X}: {why}");
            assert!(why.starts_with("an ") || why.starts_with("a "), "{why}");
            assert_eq!(refused_char(c).is_some(), diary, "U+{code:04X} in a note");
            if diary {
                assert_eq!(refused_char(c), Some(why));
            }
        }
        // Just outside: not this range's reason (a neighbouring range may
        // refuse it for its own).
        for code in [first - 1, last + 1] {
            let c = ch(code);
            if let Some(why) = refused_in_card(c) {
                assert!(
                    RANGES
                        .iter()
                        .any(|&(f, l, _, w)| (f..=l).contains(&code) && why.contains(w))
                        || [
                            "zero-width space",
                            "override",
                            "byte-order mark",
                            "replacement"
                        ]
                        .iter()
                        .any(|w| why.contains(w)),
                    "U+{code:04X}: {why}"
                );
            }
        }
    }
}

#[test]
fn neighbours_of_the_ranges_that_are_ordinary_characters_are_accepted() {
    for code in [
        0x00AC, 0x00AE, 0x034E, 0x0350, 0x061B, 0x061D, 0x115E, 0x1161, 0x17B3, 0x17B6, 0x180A,
        0x1810, 0x200D, 0x2070, 0x3163, 0x3165, 0xFDFF, 0xFE10, 0xFF9F, 0xFFA1, 0xFFEF, 0xFFFC,
        0x1BC9F, 0x1BCA4, 0x1D172, 0x1D17B, 0xDFFFF, 0xE1000, 0x1F600,
    ] {
        assert_eq!(refused_in_card(ch(code)), None, "U+{code:04X}");
        assert_eq!(refused_char(ch(code)), None, "U+{code:04X}");
    }
}

#[test]
fn a_diary_note_keeps_what_comes_with_pasted_text_and_refuses_what_hides_text() {
    // A soft hyphen from a web page, an emoji with its variation selector,
    // a flag of England (tag characters), a right-to-left mark.
    let pasted = "Well\u{ad}being \u{2764}\u{fe0f} \u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} \u{5e9}\u{200f}";
    assert_eq!(hidden_characters(pasted), Ok(()));
    assert_eq!(
        hidden_characters("A\u{206e}12"),
        Err("The note holds an invisible formatting character that is no longer used, which can change how brackets and digits around it are drawn (U+206E, character 2 of the note); remove it.".to_string())
    );
    assert_eq!(
        hidden_characters("See\u{fff9}x\u{fffa}hidden\u{fffb}"),
        Err("The note holds an invisible interlinear annotation character, which can hide part of the text (U+FFF9, character 4 of the note); remove it.".to_string())
    );
}

#[test]
fn the_combining_blocks_are_counted_from_their_first_to_their_last_code_point() {
    for (first, last) in [
        (0x0300, 0x036F),
        (0x1AB0, 0x1AFF),
        (0x1DC0, 0x1DFF),
        (0x20D0, 0x20FF),
        (0xFE20, 0xFE2F),
    ] {
        assert!(is_combining_mark(ch(first)), "U+{first:04X}");
        assert!(is_combining_mark(ch(last)), "U+{last:04X}");
        assert!(!is_combining_mark(ch(first - 1)), "U+{:04X}", first - 1);
        assert!(!is_combining_mark(ch(last + 1)), "U+{:04X}", last + 1);
    }
    assert!(!is_combining_mark('e'));
}

fn marks(n: usize) -> String {
    "\u{301}".repeat(n)
}

#[test]
fn more_than_four_combining_marks_on_one_character_are_a_stack() {
    assert_eq!(MAX_STACKED_MARKS, 4);
    // Just below, at and just above the limit, at the end of a text.
    assert_eq!(stacked_marks(&format!("e{}", marks(3))), None);
    assert_eq!(stacked_marks(&format!("e{}", marks(4))), None);
    assert_eq!(stacked_marks(&format!("e{}", marks(5))), Some((1, 5)));
    // In the middle of a text, and marks from different blocks together.
    assert_eq!(stacked_marks(&format!("ab{}c", marks(4))), None);
    assert_eq!(
        stacked_marks("ab\u{300}\u{1ab0}\u{1dc0}\u{20d0}\u{fe20}c"),
        Some((2, 5))
    );
    // Two runs of four are not one of eight; the first long run is named.
    assert_eq!(stacked_marks(&format!("a{0}b{0}", marks(4))), None);
    assert_eq!(
        stacked_marks(&format!("a{}b{}c{}", marks(4), marks(6), marks(9))),
        Some((6, 6))
    );
    // Marks with no character before them.
    assert_eq!(stacked_marks(&marks(5)), Some((0, 5)));
    // Vietnamese: two marks on a letter.
    assert_eq!(stacked_marks("Vie\u{323}\u{302}t Nam"), None);
}

#[path = "common/clinic_card.rs"]
mod clinic_card;
use clinic_card::clinic_card;

fn import(card: &Value) -> Result<String, Vec<CardProblem>> {
    let lib = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    match import_card(
        &lib,
        &card.to_string(),
        "clinic.json",
        "2026-11-22",
        &is_known_source,
    ) {
        Ok(done) => Ok(done.id),
        Err(ImportError::Problems(p)) => Err(p),
        Err(other) => panic!("{other}"),
    }
}

fn invalid(path: &str, message: &str) -> CardProblem {
    CardProblem::Invalid {
        path: path.to_string(),
        message: message.to_string(),
    }
}

#[test]
fn a_name_that_hides_text_in_tag_characters_is_refused() {
    // Displayed as just "Clinic".
    let hidden: String = "evil".chars().map(|c| ch(0xE0000 + u32::from(c))).collect();
    let mut card = clinic_card("clinic-tags");
    card["name"] = json!(format!("Clinic{hidden}"));
    assert_eq!(
        import(&card),
        Err(vec![invalid(
            "name",
            "character 7 of this text is an invisible tag character, which can hide text in a name or note (U+E0065); remove it."
        )])
    );
    let mut card = clinic_card("clinic-filler");
    card["factors"][0]["label"] = json!("\u{3164}");
    assert_eq!(
        import(&card),
        Err(vec![invalid(
            "factors[0].label",
            "character 1 of this text is a Hangul filler, which is drawn as blank space and can make a name look like another or look empty (U+3164); remove it."
        )])
    );
}

#[test]
fn a_name_with_a_stack_of_combining_marks_is_refused_and_four_are_kept() {
    let mut card = clinic_card("clinic-marks");
    card["name"] = json!(format!("Clinic{}", marks(4)));
    assert_eq!(import(&card), Ok("clinic-marks".to_string()));
    card["name"] = json!(format!("Clinic{}", marks(5)));
    assert_eq!(
        import(&card),
        Err(vec![invalid(
            "name",
            "characters 7 to 11 of this text are 5 combining marks (accents and the like) stacked on one character, more than the 4 one character may carry: they are drawn far above or below the line, over the text and buttons around it; remove some."
        )])
    );
    // The reviewer's name of 193 stacked marks.
    card["name"] = json!(format!("Clinic{}", marks(193)));
    let problems = import(&card).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .to_string()
            .contains("characters 7 to 199 of this text are 193 combining marks"),
        "{}",
        problems[0]
    );
    // A refused character in the same text is named first.
    card["name"] = json!(format!("Clinic{}\u{ad}", marks(5)));
    assert!(import(&card).unwrap_err()[0]
        .to_string()
        .contains("soft hyphen"));
}

#[test]
fn a_diary_note_with_a_stack_of_combining_marks_is_refused_and_four_are_kept() {
    assert_eq!(hidden_characters(&format!("ok{}", marks(4))), Ok(()));
    assert_eq!(
        hidden_characters(&format!("ok{}", marks(5))),
        Err("The note holds 5 combining marks (accents and the like) stacked on one character, more than the 4 one character may carry, at characters 3 to 7 of the note: they are drawn over the lines around it; remove some.".to_string())
    );
}
