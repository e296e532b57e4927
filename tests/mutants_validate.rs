//! Card validation (issue 8, cargo mutants): leap-year review dates and which
//! way each factor moves the rate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, Direction, ValidCard,
};
use serde_json::{json, Value};

fn card(changes: Value) -> Result<ValidCard, String> {
    let card = common::minimal_card("test-validate", changes);
    parse_card(&card.to_string(), &is_evidence_source_id).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("[{}] {p}", p.path()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[test]
fn review_dates_follow_the_leap_year_rules() {
    for ok in ["2000-02-29", "2024-02-29", "2026-12-31", "2026-04-30"] {
        assert!(card(json!({"review_date": ok})).is_ok(), "{ok}");
    }
    for bad in [
        "2100-02-29",
        "2023-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
    ] {
        let e = card(json!({"review_date": bad})).unwrap_err();
        assert!(e.contains("review_date"), "{bad}: {e}");
    }
}

fn factor(effects: Value) -> Value {
    json!({"id": "f", "label": "F", "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": effects, "evidence": "illustrative"})
}

#[test]
fn each_factor_has_the_direction_of_its_effects() {
    let cases = [
        (
            json!([{"kind": "rate_multiplier", "value": 0.5}]),
            Direction::Down,
            0.5,
        ),
        (
            json!([{"kind": "rate_multiplier", "value": 1.5}]),
            Direction::Up,
            1.5,
        ),
        (
            json!([{"kind": "rate_multiplier", "value": 1}]),
            Direction::None,
            1.0,
        ),
        (
            json!([{"kind": "rate_multiplier", "value": 1.2}, {"kind": "rate_multiplier", "value": 1.25}]),
            Direction::Up,
            1.5,
        ),
        (
            json!([{"kind": "lower_cap", "value": 20, "unit": "mg_per_h"}]),
            Direction::Down,
            1.0,
        ),
        (
            json!([{"kind": "rate_multiplier", "value": 1.5}, {"kind": "lower_cap", "value": 20, "unit": "mg_per_h"}]),
            Direction::Mixed,
            1.5,
        ),
        (
            json!([{"kind": "duration_multiplier", "value": 1.25}]),
            Direction::None,
            1.0,
        ),
    ];
    for (effects, direction, multiplier) in cases {
        let c = card(json!({"factors": [factor(effects.clone())]})).unwrap();
        let f = &c.factors()[0];
        assert_eq!(f.direction(), direction, "{effects}");
        assert!(
            (f.rate_multiplier() - multiplier).abs() < 1e-12,
            "{effects}"
        );
    }
}

#[test]
fn quoted_card_text_is_shortened_after_60_characters() {
    let sixty = "x".repeat(60);
    let e = card(json!({"review_date": sixty})).unwrap_err();
    assert!(e.contains(&format!("\"{sixty}\"")), "{e}");
    let e = card(json!({"review_date": format!("{sixty}y")})).unwrap_err();
    assert!(e.contains(&format!("\"{sixty}\u{2026}\"")), "{e}");
}
