//! Hard limits and card bounds (issue 8, cargo mutants): each derived bound of
//! `limits.rs` is pinned by its exact value and by a card or file just at and
//! just over it, so a changed formula cannot go unnoticed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use ketamine_dosing_reference::domain::dosing::limits::{
    CARD_MAX_DURATION_H, CARD_MAX_FILE_BYTES, CARD_MAX_MG_PER_H, CARD_MAX_SESSION_MG,
    CARD_MAX_SESSION_MG_PER_KG, HARD_MAX_MG_PER_KG_PER_H, WEIGHT_MAX_KG,
};
use ketamine_dosing_reference::domain::dosing::problem::CardProblem;
use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, parse_card};
use ketamine_dosing_reference::domain::imported::import::file_too_large;
use serde_json::{json, Value};

/// A small valid card: 1 mg/kg/h on actual weight for 2 h, no factor.
fn base_card() -> Value {
    common::minimal_card("test-limits", json!({}))
}

fn problems(card: &Value) -> Vec<CardProblem> {
    match parse_card(
        &serde_json::to_string(card).unwrap(),
        &is_evidence_source_id,
    ) {
        Ok(_) => Vec::new(),
        Err(p) => p,
    }
}

fn paths(card: &Value) -> Vec<String> {
    problems(card)
        .iter()
        .map(|p| p.path().to_string())
        .collect()
}

#[test]
fn derived_card_bounds_have_their_documented_values() {
    assert_eq!(CARD_MAX_MG_PER_H, 600.0);
    assert_eq!(CARD_MAX_MG_PER_H, HARD_MAX_MG_PER_KG_PER_H * WEIGHT_MAX_KG);
    assert_eq!(CARD_MAX_SESSION_MG, 14_400.0);
    assert_eq!(CARD_MAX_SESSION_MG_PER_KG, 48.0);
    assert_eq!(CARD_MAX_DURATION_H, 24.0);
    assert_eq!(CARD_MAX_FILE_BYTES, 524_288);
}

#[test]
fn the_template_card_is_valid() {
    assert!(
        problems(&base_card()).is_empty(),
        "{:?}",
        problems(&base_card())
    );
}

#[test]
fn a_fixed_hourly_figure_may_reach_600_mg_per_h_and_no_more() {
    let mut card = base_card();
    card["caps"] = json!({"mg_per_h": {"value": 600, "evidence": "illustrative"}});
    assert!(paths(&card).is_empty(), "{:?}", problems(&card));
    card["caps"]["mg_per_h"]["value"] = json!(600.01);
    let p = problems(&card);
    assert_eq!(paths(&card), ["caps.mg_per_h.value"]);
    assert!(
        p[0].to_string().contains("0.1 mg/h to 600 mg/h"),
        "{}",
        p[0]
    );

    let mut card = base_card();
    card["base_rate"] = json!({"value": 600, "unit": "mg_per_h", "evidence": "illustrative"});
    assert!(paths(&card).is_empty(), "{:?}", problems(&card));
    card["base_rate"]["value"] = json!(600.5);
    assert_eq!(paths(&card), ["base_rate.value"]);
}

#[test]
fn a_session_cap_may_reach_14400_mg_or_48_mg_per_kg_and_no_more() {
    let mut card = base_card();
    card["caps"] =
        json!({"per_session": {"value": 14_400, "unit": "mg", "evidence": "illustrative"}});
    assert!(paths(&card).is_empty(), "{:?}", problems(&card));
    card["caps"]["per_session"]["value"] = json!(14_400.5);
    let p = problems(&card);
    assert_eq!(paths(&card), ["caps.per_session.value"]);
    assert!(p[0].to_string().contains("1 mg to 14,400 mg"), "{}", p[0]);

    let mut card = base_card();
    card["caps"] =
        json!({"per_session": {"value": 48, "unit": "mg_per_kg", "evidence": "illustrative"}});
    assert!(paths(&card).is_empty(), "{:?}", problems(&card));
    card["caps"]["per_session"]["value"] = json!(48.01);
    let p = problems(&card);
    assert_eq!(paths(&card), ["caps.per_session.value"]);
    assert!(
        p[0].to_string().contains("0.01 mg/kg to 48 mg/kg"),
        "{}",
        p[0]
    );
}

#[test]
fn a_card_file_may_be_512_kib_and_no_more() {
    assert_eq!(file_too_large(524_287), None);
    assert_eq!(file_too_large(524_288), None);
    // Just over the limit, the message does not call the file as large as
    // the limit ("512 KB, at most 512 KB"): it gives both in bytes.
    assert_eq!(
        file_too_large(524_289).unwrap().to_string(),
        "The file is 524,289 bytes; a protocol card may be at most 512 KB (524,288 bytes)."
    );
    // Further over it, in KB as the field's label ("at most 512 KB").
    assert_eq!(
        file_too_large(602_284).unwrap().to_string(),
        "The file is 588.2 KB; a protocol card may be at most 512 KB."
    );
    assert_eq!(
        file_too_large(524_289),
        Some(CardProblem::TooLarge {
            bytes: 524_289,
            max: 524_288
        })
    );
    // Text of exactly 512 KiB is parsed (and refused for its content, not its
    // size); one byte more is refused for its size alone.
    let at = " ".repeat(524_288);
    let over = " ".repeat(524_289);
    let at_problems = parse_card(&at, &is_evidence_source_id).unwrap_err();
    assert!(
        !matches!(at_problems[0], CardProblem::TooLarge { .. }),
        "{at_problems:?}"
    );
    assert_eq!(
        parse_card(&over, &is_evidence_source_id).unwrap_err(),
        [CardProblem::TooLarge {
            bytes: 524_289,
            max: 524_288
        }]
    );
}
