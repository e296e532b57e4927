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
    for ok in [
        "2000-02-29",
        "2024-02-29",
        "2026-02-28",
        "2026-12-31",
        "2026-04-30",
    ] {
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

fn age_condition(value: f64) -> Value {
    json!({"id": "older", "label": "Older", "condition": {"attribute": "age_years", "compare": "at_least", "value": value},
           "effects": [{"kind": "rate_multiplier", "value": 0.5}], "evidence": "illustrative"})
}

#[test]
fn a_numeric_threshold_may_sit_on_either_end_of_its_range() {
    // Age thresholds run from 0 to 120 years, both ends included.
    assert!(card(json!({"factors": [age_condition(120.0)]})).is_ok());
    assert!(card(json!({"factors": [age_condition(0.0)]})).is_ok());
    let e = card(json!({"factors": [age_condition(120.5)]})).unwrap_err();
    assert!(e.contains("[factors[0].condition.value]"), "{e}");
    let e = card(json!({"factors": [age_condition(-0.5)]})).unwrap_err();
    assert!(e.contains("[factors[0].condition.value]"), "{e}");
}

fn titration(maximum: f64) -> Value {
    json!({"titration": {"step": 0.1, "maximum": maximum, "unit": "mg_per_kg_per_h", "per": "infusion",
                         "evidence": "illustrative", "sources": ["R2"]}})
}

#[test]
fn a_titration_maximum_below_the_base_rate_in_the_same_unit_is_refused() {
    // The minimal card's base rate is 1 mg/kg/h.
    let e = card(titration(0.9)).unwrap_err();
    assert!(e.contains("[titration.maximum]"), "{e}");
    assert!(e.contains("below the base rate"), "{e}");
    assert!(
        card(titration(1.0)).is_ok(),
        "a maximum equal to the base rate is allowed"
    );
}

fn lengthen(id: &str, value: f64) -> Value {
    json!({"id": id, "label": id, "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": [{"kind": "duration_multiplier", "value": value}], "evidence": "illustrative"})
}

#[test]
fn only_lengthening_duration_multipliers_count_towards_the_longest_session() {
    // 16 h x 1.6 = 25.6 h, over 24 h; a factor that shortens the session
    // (x 0.5) must not be counted against that, since it may not apply.
    let session = json!({"duration_h": 16, "evidence": "illustrative"});
    let e = card(
        json!({"session": session, "factors": [lengthen("long", 1.6), lengthen("short", 0.5)]}),
    )
    .unwrap_err();
    assert!(e.contains("[factors]"), "{e}");
    assert!(e.contains("25.6 h"), "{e}");
    // 16 h x 1.5 = 24 h: allowed.
    assert!(card(
        json!({"session": session, "factors": [lengthen("long", 1.5), lengthen("short", 0.5)]})
    )
    .is_ok());
}

fn out_of_range_factor(i: usize) -> Value {
    json!({"id": format!("f{i}"), "label": "F", "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": [{"kind": "rate_multiplier", "value": 99}], "evidence": "illustrative"})
}

#[test]
fn exactly_two_hundred_card_problems_are_listed_without_a_summary() {
    // 200 factors (the most a card may have), each with one problem.
    let factors: Vec<Value> = (0..200).map(out_of_range_factor).collect();
    let listed = card(json!({ "factors": factors })).unwrap_err();
    assert_eq!(listed.lines().count(), 200, "{listed}");
    assert!(!listed.contains("more problems are not listed"));
    // One more problem (a review date that does not exist) is summarised.
    let summarised = card(json!({ "factors": factors, "review_date": "2026-02-30" })).unwrap_err();
    assert_eq!(summarised.lines().count(), 201);
    assert!(
        summarised.contains("1 more problems are not listed"),
        "{summarised}"
    );
}

#[test]
fn a_syntax_error_after_a_text_value_names_that_value_s_key() {
    use ketamine_dosing_reference::domain::dosing::problem::CardProblem;
    // The value "b" must not be taken for a key: the error is in "name".
    let problems = parse_card("{\"name\": \"b\" x}", &is_evidence_source_id).unwrap_err();
    match &problems[..] {
        [CardProblem::Syntax { path, .. }] => assert_eq!(path, "name"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_id_may_be_exactly_the_longest_allowed() {
    use ketamine_dosing_reference::domain::dosing::limits::CARD_MAX_ID_CHARS;
    let longest = "a".repeat(CARD_MAX_ID_CHARS);
    assert!(card(json!({ "id": longest })).is_ok());
    let e = card(json!({ "id": format!("{longest}a") })).unwrap_err();
    assert!(e.contains("[id]"), "{e}");
}

#[test]
fn optional_texts_are_checked_for_length_too() {
    use ketamine_dosing_reference::domain::dosing::limits::CARD_MAX_TEXT_CHARS;
    let with_note = |chars: usize| {
        let mut f = factor(json!([{"kind": "rate_multiplier", "value": 0.5}]));
        f["note"] = json!("n".repeat(chars));
        card(json!({ "factors": [f] }))
    };
    assert!(with_note(CARD_MAX_TEXT_CHARS).is_ok());
    let e = with_note(CARD_MAX_TEXT_CHARS + 1).unwrap_err();
    assert!(e.contains("[factors[0].note]"), "{e}");
}

#[test]
fn a_review_date_must_be_ten_characters_with_both_dashes() {
    // The dashes are in place and the first ten characters make a real date,
    // but an eleventh character makes it something else.
    for bad in ["2026-02-101", "2026-02-10x", "2026-02-1"] {
        let e = card(json!({ "review_date": bad })).unwrap_err();
        assert!(e.contains("[review_date]"), "{bad}: {e}");
    }
    // Ten characters whose digits make a real date, with one dash missing.
    for bad in ["2026-11x01", "2026x11-01"] {
        let e = card(json!({ "review_date": bad })).unwrap_err();
        assert!(e.contains("[review_date]"), "{bad}: {e}");
    }
}

#[test]
fn whole_numbers_of_the_phases_may_sit_on_either_end_of_their_range() {
    use ketamine_dosing_reference::domain::dosing::limits::{
        CARD_MAX_BOOSTER_WEEKS, CARD_MAX_INDUCTION_COUNT, CARD_MAX_INDUCTION_SPAN_DAYS,
    };
    let phases = |count: u32, span: u32, weeks_min: u32, weeks_max: u32| {
        card(json!({"phases": {
            "induction_count": count, "induction_span_days": span, "titration": "None.",
            "booster": {"interval_weeks_min": weeks_min, "interval_weeks_max": weeks_max, "form": "One infusion."},
            "evidence": "illustrative"
        }}))
    };
    let (count, span, weeks) = (
        CARD_MAX_INDUCTION_COUNT,
        CARD_MAX_INDUCTION_SPAN_DAYS,
        CARD_MAX_BOOSTER_WEEKS,
    );
    assert!(phases(1, 1, 1, 1).is_ok());
    assert!(phases(count, span, weeks, weeks).is_ok());
    for (bad, path) in [
        (phases(0, 1, 1, 1), "[phases.induction_count]"),
        (phases(count + 1, span, 1, 1), "[phases.induction_count]"),
        (phases(1, 0, 1, 1), "[phases.induction_span_days]"),
        (phases(1, span + 1, 1, 1), "[phases.induction_span_days]"),
        (phases(1, 1, 0, 1), "[phases.booster.interval_weeks_min]"),
        (
            phases(1, 1, weeks + 1, weeks + 1),
            "[phases.booster.interval_weeks_min]",
        ),
        (phases(1, 1, 4, 3), "[phases.booster.interval_weeks_max]"),
        (
            phases(1, 1, 1, weeks + 1),
            "[phases.booster.interval_weeks_max]",
        ),
    ] {
        let e = bad.unwrap_err();
        assert!(e.contains(path), "{path}: {e}");
    }
}

#[test]
fn the_summary_line_counts_every_problem_left_out() {
    // 200 factors with three problems each (two multipliers over the hard
    // limit, and a titration-step multiplier on a card without titration):
    // 600 problems, 200 listed, 400 summarised.
    let factors: Vec<Value> = (0..200)
        .map(|i| {
            let mut f = out_of_range_factor(i);
            f["effects"] = json!([
                {"kind": "rate_multiplier", "value": 99},
                {"kind": "titration_step_multiplier", "value": 99}
            ]);
            f
        })
        .collect();
    let listed = card(json!({ "factors": factors })).unwrap_err();
    assert_eq!(listed.lines().count(), 201, "{listed}");
    assert!(
        listed.ends_with("400 more problems are not listed; fix the ones above first."),
        "{listed}"
    );
}
