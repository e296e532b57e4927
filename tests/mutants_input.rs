//! Patient input and card data (issue 8, cargo mutants): share-link decoding,
//! the medication list's length limit, shortened quotes in messages, entered
//! units, evidence badges and the serialised multiplier floor.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::builtin_card;
use ketamine_dosing_reference::domain::dosing::card::EvidenceKind;
use ketamine_dosing_reference::domain::dosing::input::{
    percent_decode, query_pairs, Field, InputError, RawPatientInput,
};
use ketamine_dosing_reference::domain::dosing::units::Inches;
use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, parse_card};

fn errors(query: &str) -> Vec<InputError> {
    RawPatientInput::from_query(query).parse().unwrap_err()
}

#[test]
fn percent_decoding_of_plus_signs_and_malformed_escapes() {
    assert_eq!(percent_decode("+a+b+"), " a b ");
    assert_eq!(percent_decode("%zz"), "%zz");
    assert_eq!(percent_decode("100%"), "100%");
    assert_eq!(percent_decode("a%2"), "a%2");
    assert_eq!(percent_decode("%41%2C%e2%88%92"), "A,\u{2212}");
    assert_eq!(
        query_pairs("?pain=low+back&x=%zz"),
        [
            ("pain".to_string(), "low back".to_string()),
            ("x".to_string(), "%zz".to_string())
        ]
    );
}

#[test]
fn the_medication_list_may_be_1000_characters_and_no_more() {
    let at = format!("medications={}", "x".repeat(1000));
    let e = errors(&at);
    assert!(
        matches!(e[0], InputError::UnknownMedication { .. }),
        "{e:?}"
    );
    let over = format!("medications={}", "x".repeat(1001));
    assert_eq!(
        errors(&over),
        [InputError::TooLong {
            field: Field::Medications,
            chars: 1001,
            max: 1000
        }]
    );
}

#[test]
fn quoted_text_is_shortened_after_40_characters() {
    let forty = "a".repeat(40);
    let e = errors(&format!("weight_kg={forty}"));
    assert_eq!(
        e,
        [InputError::NotANumber {
            field: Field::Weight,
            text: forty.clone()
        }]
    );
    let e = errors(&format!("weight_kg={forty}b"));
    assert_eq!(
        e,
        [InputError::NotANumber {
            field: Field::Weight,
            text: format!("{forty}\u{2026}")
        }]
    );
}

#[test]
fn the_height_in_inches_is_kept_as_entered() {
    let p = RawPatientInput::from_query("height_in=70").parse().unwrap();
    assert_eq!(p.height_entered_in(), Some(Inches(70.0)));
    assert!((p.height_cm().0 - 177.8).abs() < 1e-9);
    let p = RawPatientInput::from_query("height_cm=170")
        .parse()
        .unwrap();
    assert_eq!(p.height_entered_in(), None);
    assert_eq!(p.weight_entered_lb(), None);
}

#[test]
fn evidence_badges() {
    assert_eq!(EvidenceKind::Source.badge(), "LIT");
    assert_eq!(EvidenceKind::Direction.badge(), "LIT-dir");
    assert_eq!(EvidenceKind::Illustrative.badge(), "ILL");
}

#[test]
fn the_default_floor_is_left_out_when_a_card_is_written() {
    let card = builtin_card("crps-4h", &is_evidence_source_id)
        .unwrap()
        .unwrap();
    let mut json = serde_json::to_value(card.card()).unwrap();
    assert!(json.get("multiplier_floor").is_none(), "{json}");
    json["multiplier_floor"] = serde_json::json!(0.5);
    let other = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    let written = serde_json::to_value(other.card()).unwrap();
    assert_eq!(written["multiplier_floor"], serde_json::json!(0.5));
}
