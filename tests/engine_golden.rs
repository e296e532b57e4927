//! Runs every golden example of `assets/golden/engine-golden.json` against the
//! engine and compares the exact display strings, figure by figure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use ketamine_dosing_reference::domain::dosing::builtin::builtin_cards;
use ketamine_dosing_reference::domain::dosing::golden::{
    golden_suite, run_golden_case, GoldenCase, GoldenSuite,
};
use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, ValidCard};

fn load() -> (Vec<ValidCard>, GoldenSuite) {
    (
        builtin_cards(&is_evidence_source_id).unwrap(),
        golden_suite(&is_evidence_source_id).unwrap(),
    )
}

fn case<'a>(suite: &'a GoldenSuite, name: &str) -> &'a GoldenCase {
    suite
        .cases
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no golden case named {name:?}"))
}

#[test]
fn every_golden_case_matches_the_hand_computation() {
    let (cards, suite) = load();
    let reports = suite.run(&cards);
    assert_eq!(reports.len(), suite.cases.len());
    let mut failed = 0;
    for r in &reports {
        if !r.passed() {
            failed += 1;
            eprintln!("FAILED {} ({}):", r.name, r.card);
            for c in r.failures() {
                eprintln!(
                    "  {}: expected {:?}, actual {:?}",
                    c.figure, c.expected, c.actual
                );
            }
        }
    }
    assert_eq!(failed, 0, "{failed} golden cases failed");
    let checks: usize = reports.iter().map(|r| r.checks.len()).sum();
    assert!(checks > 1000, "only {checks} figures compared");
    // The README's "Verify this calculator" gives the number of cases.
    let said = format!("{} golden examples", suite.cases.len());
    assert!(
        include_str!("../README.md").contains(&said),
        "the README should say {said:?}"
    );
}

#[test]
fn the_required_examples_are_present_with_their_figures() {
    let (_, suite) = load();
    let c = case(&suite, "crps-4h 70 kg (example adult)");
    assert_eq!(c.expect.rate_mg_per_h.as_deref(), Some("24.5 mg/h"));
    assert_eq!(c.expect.session_total_mg.as_deref(), Some("98 mg"));
    let c = case(&suite, "crps-4h 80 kg: 25 mg/h cap");
    assert_eq!(c.expect.rate_mg_per_h.as_deref(), Some("25 mg/h"));
    assert_eq!(c.expect.session_total_mg.as_deref(), Some("100 mg"));
    let c = case(
        &suite,
        "outpatient-consensus 150 kg 175 cm male: 102.3 kg, 200 mg session cap gives 50 mg/h",
    );
    assert_eq!(c.expect.dosing_weight_kg.as_deref(), Some("102.3 kg"));
    assert_eq!(c.expect.rate_mg_per_h.as_deref(), Some("50 mg/h"));
    assert_eq!(
        c.expect.steps.as_deref(),
        Some(&["cap-session".to_string()][..])
    );
}

#[test]
fn every_factor_and_block_of_every_card_has_a_golden_case() {
    let (cards, suite) = load();
    let mut covered = BTreeSet::new();
    for c in &suite.cases {
        for s in c.expect.steps.iter().flatten() {
            covered.insert((c.card.clone(), s.trim_start_matches("off:").to_string()));
        }
        if let Some(b) = &c.expect.block {
            covered.insert((c.card.clone(), b.clone()));
        }
    }
    // Every factor id appears on at least one card's cases.
    let ids: BTreeSet<String> = covered.iter().map(|(_, id)| id.clone()).collect();
    for card in &cards {
        for f in card.factors() {
            assert!(
                ids.contains(f.id()),
                "factor {} of {} has no golden case",
                f.id(),
                card.id()
            );
        }
    }
    for required in [
        "floor",
        "cap-per-kg",
        "cap-per-hour",
        "cap-session",
        "hard-limit",
        "titration",
        "under-18",
    ] {
        assert!(ids.contains(required), "no golden case for {required}");
    }
    let used: BTreeSet<&str> = suite
        .cases
        .iter()
        .filter_map(|c| c.expect.weight_used.as_deref())
        .collect();
    assert_eq!(used, BTreeSet::from(["actual", "adjusted", "ideal"]));
}

#[test]
fn a_wrong_expectation_is_reported_as_a_failure() {
    let (cards, suite) = load();
    let all: Vec<&ValidCard> = cards.iter().chain(suite.test_cards.iter()).collect();
    let mut c = case(&suite, "crps-4h 80 kg: 25 mg/h cap").clone();
    c.expect.rate_mg_per_h = Some("25.0 mg/h".to_string());
    let report = run_golden_case(&c, &all);
    assert!(!report.passed());
    let f = report.failures();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].figure, "rate-mg-per-h");
    assert_eq!(f[0].actual, "25 mg/h");

    let mut c = case(&suite, "age 17 blocked: specialist guidance only").clone();
    c.expect.block = None;
    assert!(!run_golden_case(&c, &all).passed());

    let mut c = case(&suite, "weight 29.9 kg refused").clone();
    c.params.insert("weight_kg".into(), "30".into());
    assert!(!run_golden_case(&c, &all).passed());

    let mut c = case(&suite, "crps-4h 70 kg (example adult)").clone();
    c.card = "no-such-card".into();
    assert!(!run_golden_case(&c, &all).passed());

    let mut c = case(&suite, "crps-4h 70 kg (example adult)").clone();
    c.params.insert("weight_stone".into(), "11".into());
    assert!(!run_golden_case(&c, &all).passed());
}

#[test]
fn every_case_records_how_it_was_computed() {
    let (_, suite) = load();
    let mut names = BTreeSet::new();
    for c in &suite.cases {
        assert!(names.insert(c.name.clone()), "duplicate name {}", c.name);
        assert!(c.how.len() > 10, "{} has no hand computation", c.name);
    }
    assert!(suite.cases.len() >= 100, "{}", suite.cases.len());
}

#[test]
fn an_invalid_test_card_is_reported_in_words() {
    use ketamine_dosing_reference::domain::dosing::golden::parse_golden;
    let text = r#"{"version": 1, "note": "n", "test_cards": [{"id": "x"}, 3], "cases": []}"#;
    let error = parse_golden(text, &is_evidence_source_id)
        .unwrap_err()
        .to_string();
    let prefix = "Test card 0 of the golden examples is invalid: ";
    assert!(error.starts_with(prefix), "{error}");
    let problems = &error[prefix.len()..];
    assert!(
        problems.contains("this required field is missing."),
        "{error}"
    );
    assert!(
        !problems.starts_with('[') && !problems.contains("Missing {"),
        "{error}"
    );
}

#[test]
fn a_malformed_golden_file_names_the_field_that_is_wrong() {
    use ketamine_dosing_reference::domain::dosing::golden::parse_golden;
    let error = |text: &str| match parse_golden(text, &is_evidence_source_id) {
        Ok(_) => "parsed".to_string(),
        Err(e) => e.to_string(),
    };
    let case =
        r#"{"name": "a", "card": "crps-4h", "expect": {"rate-mg-per-h": "24.5 mg/h"}, "how": "h"}"#;
    let file = |cases: &str| {
        format!(r#"{{"version": 1, "note": "n", "test_cards": [], "cases": [{case}, {cases}]}}"#)
    };
    assert_eq!(error(&file(case)), "parsed");
    let prefix = "The golden examples file could not be read: ";
    assert_eq!(
        error(&file(r#"{"name": "b", "card": "crps-4h", "expect": {"rate": "1 mg/h"}, "how": "h"}"#)),
        format!("{prefix}cases[1].expect.rate: unknown field; the fields allowed here are: dosing-weight-kg, rate-mg-per-h, rate-mg-per-kg-per-h, rate-mcg-per-kg-per-min, session-total-mg, duration-h, pump-rate-ml-per-h, bolus-mg, weight_used, block, warnings, notices, steps, ladder, input_errors")
    );
    assert_eq!(
        error(&file(
            r#"{"name": "b", "card": "crps-4h", "expect": {"steps": ["x", 1]}, "how": "h"}"#
        )),
        format!("{prefix}cases[1].expect.steps[1]: expected text, found a number")
    );
    assert_eq!(
        error(&file(
            r#"{"name": "b", "card": "crps-4h", "params": {"age": 70}, "expect": {}, "how": "h"}"#
        )),
        format!("{prefix}cases[1].params.age: expected text, found a number")
    );
    assert_eq!(
        error(&file(r#"{"name": "b", "card": "crps-4h", "expect": {}}"#)),
        format!("{prefix}cases[1]: missing field \"how\"")
    );
    assert_eq!(
        error(r#"{"version": "1", "note": "n", "test_cards": [], "cases": []}"#),
        format!("{prefix}version: expected a whole number from 0 to 4294967295, found text")
    );
    assert_eq!(
        error(r#"{"version": 1, "test_cards": [], "cases": []}"#),
        format!("{prefix}missing field \"note\"")
    );
}
