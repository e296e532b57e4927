//! Dose engine (issue 8, cargo mutants): the accessors every view relies on,
//! and the caps and the 2 mg/kg/h hard limit exactly at and just over their
//! thresholds, with the exact figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use ketamine_dosing_reference::domain::card_view::{card_figures, effect_text};
use ketamine_dosing_reference::domain::dosing::builtin::builtin_card;
use ketamine_dosing_reference::domain::dosing::card::EvidenceKind;
use ketamine_dosing_reference::domain::dosing::engine::{compute, Breakdown, Outcome, Step};
use ketamine_dosing_reference::domain::dosing::input::{PatientInput, RawPatientInput};
use ketamine_dosing_reference::domain::dosing::units::MgPerHour;
use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, ValidCard,
};
use serde_json::{json, Value};

fn builtin(id: &str) -> ValidCard {
    builtin_card(id, &is_evidence_source_id).unwrap().unwrap()
}

fn patient(query: &str) -> PatientInput {
    RawPatientInput::from_query(query).parse().unwrap()
}

fn dose(card: &ValidCard, query: &str, off: &[&str]) -> Breakdown {
    let off: Vec<String> = off.iter().map(|s| s.to_string()).collect();
    match compute(card, &patient(query), &off) {
        Outcome::Dose(d) => *d,
        Outcome::Blocked(b) => panic!("blocked: {b:?}"),
    }
}

/// A valid card on actual weight, 2 h sessions, with `changes` merged in.
fn card(changes: Value) -> ValidCard {
    let card = common::minimal_card("test-engine", changes);
    parse_card(&card.to_string(), &is_evidence_source_id).unwrap()
}

fn boost(value: f64) -> Value {
    json!({"id": "boost", "label": "Boost", "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": [{"kind": "rate_multiplier", "value": value}], "evidence": "illustrative",
           "sources": ["R2"]})
}

fn step_ids(d: &Breakdown) -> Vec<String> {
    d.steps.iter().map(|s| s.id()).collect()
}

fn limited(d: &Breakdown) -> Vec<(String, bool)> {
    d.caps
        .iter()
        .map(|c| (c.id.clone(), c.limited_start))
        .collect()
}

#[test]
fn outcome_accessors() {
    let c = builtin("crps-4h");
    let ok = compute(&c, &patient(""), &[]);
    assert_eq!(ok.dose().unwrap().rate_mg_per_h.display(), "24.5 mg/h");
    assert!(ok.blocked().is_none());
    let stopped = compute(&c, &patient("age_years=17"), &[]);
    assert!(stopped.dose().is_none());
    assert_eq!(stopped.blocked().unwrap().primary.id, "under-18");
    // 18 is an adult.
    assert!(compute(&c, &patient("age_years=18"), &[]).dose().is_some());
}

#[test]
fn factor_and_switched_off_steps_expose_their_factor() {
    let c = builtin("crps-4h");
    let d = dose(&c, "age_years=70", &[]);
    let s = &d.steps[0];
    assert_eq!(s.factor_id(), Some("age-65-plus"));
    assert_eq!(s.sources(), ["R34", "R19"]);
    assert_eq!(s.evidence(), EvidenceKind::Direction);
    assert_eq!(s.rate_before(), MgPerHour(24.5));
    assert_eq!(s.rate_after(), MgPerHour(12.25));
    assert_eq!(s.effect_display(), "rate \u{d7} 0.5");
    let d = dose(&c, "age_years=70", &["age-65-plus"]);
    let s = &d.steps[0];
    assert_eq!(s.factor_id(), Some("age-65-plus"));
    assert_eq!(s.sources(), ["R34", "R19"]);
    assert_eq!(s.evidence(), EvidenceKind::Direction);
    assert_eq!(s.rate_before(), MgPerHour(24.5));
    assert_eq!(s.rate_after(), MgPerHour(24.5));
    // A switched-off factor after one that applied shows the rate so far.
    let d = dose(&c, "age_years=70&hepatic=moderate", &["hepatic-moderate"]);
    assert_eq!(step_ids(&d), ["age-65-plus", "off:hepatic-moderate"]);
    assert_eq!(d.steps[1].rate_before(), MgPerHour(12.25));
    assert_eq!(d.steps[1].rate_after(), MgPerHour(12.25));
    assert_eq!(d.rate_mg_per_h, MgPerHour(12.25));
}

#[test]
fn floor_cap_and_titration_steps_have_no_factor() {
    let d = dose(
        &builtin("outpatient-consensus"),
        "weight_kg=150&age_years=70&hepatic=moderate&cyp2b6=poor",
        &[],
    );
    let floor = d.steps.iter().find(|s| s.id() == "floor").unwrap();
    assert_eq!(floor.factor_id(), None);
    assert!(floor.sources().is_empty());
    assert_eq!(floor.evidence(), EvidenceKind::Illustrative);

    let d = dose(&builtin("crps-4h"), "weight_kg=80", &[]);
    assert_eq!(step_ids(&d), ["cap-per-hour"]);
    let cap = &d.steps[0];
    assert_eq!(cap.factor_id(), None);
    assert_eq!(cap.label(), "Card hourly cap");
    assert_eq!(cap.sources(), ["R5", "R6"]);
    assert_eq!(cap.evidence(), EvidenceKind::Source);
    assert_eq!(cap.rate_before(), MgPerHour(28.0));
    assert_eq!(cap.rate_after(), MgPerHour(25.0));
    assert_eq!(cap.effect_display(), "25 mg/h");
    assert_eq!(cap.change_display(), "\u{2212}3 mg/h");

    let d = dose(&builtin("crps-continuous"), "infusion_number=3", &[]);
    let t = d.steps.last().unwrap();
    assert_eq!(t.id(), "titration");
    assert_eq!(t.factor_id(), None);
    assert_eq!(t.label(), "Titration to day 3");
    assert_eq!(t.sources(), ["R9", "R10"]);
    assert_eq!(t.evidence(), EvidenceKind::Illustrative);
    assert_eq!(t.rate_before(), MgPerHour(10.0));
    assert_eq!(t.rate_after(), MgPerHour(30.0));
    assert_eq!(
        t.effect_display(),
        "day 3: 10 mg/h + 2 \u{d7} 10 mg/h = 30 mg/h"
    );
    assert_eq!(t.change_display(), "+20 mg/h");
}

#[test]
fn a_cap_exactly_at_the_rate_does_not_bite() {
    // 0.35 mg/kg/h x 70 kg = 24.5 mg/h: the per-kg cap equals the rate.
    let d = dose(&builtin("crps-4h"), "", &[]);
    assert!(d.steps.is_empty(), "{:?}", step_ids(&d));
    assert_eq!(
        limited(&d),
        [
            ("cap-per-kg".to_string(), false),
            ("cap-per-hour".to_string(), false),
            ("cap-session".to_string(), false),
            ("hard-limit".to_string(), false),
        ]
    );
    assert_eq!(d.caps[0].limit, MgPerHour(24.5));
    // 0.35 x 80 = 28 mg/h: the per-kg cap (28 mg/h) equals it, the hourly cap
    // bites, and the session cap (100 mg / 4 h = 25 mg/h) then equals the rate.
    let d = dose(&builtin("crps-4h"), "weight_kg=80", &[]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(25.0));
    assert_eq!(
        limited(&d),
        [
            ("cap-per-kg".to_string(), false),
            ("cap-per-hour".to_string(), true),
            ("cap-session".to_string(), false),
            ("hard-limit".to_string(), false),
        ]
    );
}

#[test]
fn the_hard_limit_bites_above_2_mg_per_kg_per_h_and_not_at_it() {
    let at = card(
        json!({"base_rate": {"value": 2, "unit": "mg_per_kg_per_h", "evidence": "illustrative"}}),
    );
    let d = dose(&at, "", &[]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(140.0));
    assert!(d.steps.is_empty(), "{:?}", step_ids(&d));
    assert_eq!(limited(&d), [("hard-limit".to_string(), false)]);

    let over = card(json!({
        "base_rate": {"value": 2, "unit": "mg_per_kg_per_h", "evidence": "illustrative"},
        "factors": [boost(1.5)]
    }));
    let d = dose(&over, "pain=cancer", &[]);
    assert_eq!(step_ids(&d), ["boost", "hard-limit"]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(140.0));
    assert_eq!(d.rate_mg_per_kg_per_h.display(), "2 mg/kg/h");
    assert_eq!(d.session_total.display(), "280 mg");
    let Step::Cap(cap) = &d.steps[1] else {
        panic!("{:?}", d.steps)
    };
    assert_eq!(cap.rate_before, MgPerHour(210.0));
    assert_eq!(cap.rate_after, MgPerHour(140.0));
    assert_eq!(cap.cap.configured, "2 mg/kg/h \u{d7} 70 kg = 140 mg/h");
    assert_eq!(cap.cap.sources, ["R2"]);
    assert_eq!(d.steps[1].label(), "Hard limit 2 mg/kg/h (compiled in)");
}

#[test]
fn every_cap_kind_lowers_the_rate_to_its_own_figure() {
    // Fixed 100 mg/h base; each cap alone below it.
    let fixed = json!({"value": 100, "unit": "mg_per_h", "evidence": "illustrative"});
    let d = dose(
        &card(
            json!({"base_rate": fixed, "caps": {"mg_per_kg_per_h": {"value": 1, "evidence": "illustrative"}}}),
        ),
        "",
        &[],
    );
    assert_eq!(step_ids(&d), ["cap-per-kg"]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(70.0));
    let d = dose(
        &card(
            json!({"base_rate": fixed, "caps": {"per_session": {"value": 1, "unit": "mg_per_kg", "evidence": "illustrative"}}}),
        ),
        "",
        &[],
    );
    // 1 mg/kg x 70 kg = 70 mg over 2 h = 35 mg/h.
    assert_eq!(step_ids(&d), ["cap-session"]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(35.0));
    assert_eq!(
        d.caps[0].configured,
        "1 mg/kg \u{d7} 70 kg = 70 mg \u{f7} 2 h = 35 mg/h"
    );
    assert_eq!(d.caps[0].label, "Card cap per session");
    let lower = json!({"id": "low", "label": "Low", "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": [{"kind": "lower_cap", "value": 30, "unit": "mg_per_h"},
                       {"kind": "lower_cap", "value": 40, "unit": "mg_per_h"}],
           "evidence": "illustrative"});
    let d = dose(
        &card(json!({"base_rate": fixed, "factors": [lower]})),
        "pain=cancer",
        &[],
    );
    assert_eq!(step_ids(&d), ["low", "lower-cap:low"]);
    assert_eq!(d.rate_mg_per_h, MgPerHour(30.0));
    let Step::Factor(f) = &d.steps[0] else {
        panic!()
    };
    // The lowest of the factor's caps is recorded on the factor step.
    assert_eq!(f.lower_cap, Some(MgPerHour(30.0)));
    assert_eq!(f.effects, ["hourly cap 30 mg/h", "hourly cap 40 mg/h"]);
}

#[test]
fn the_lowest_lower_cap_of_a_factor_is_kept_in_either_order() {
    let fixed = json!({"value": 100, "unit": "mg_per_h", "evidence": "illustrative"});
    for (first, second) in [(30, 40), (40, 30)] {
        let lower = json!({"id": "low", "label": "Low", "condition": {"attribute": "pain", "any_of": ["cancer"]},
               "effects": [{"kind": "lower_cap", "value": first, "unit": "mg_per_h"},
                           {"kind": "lower_cap", "value": second, "unit": "mg_per_h"}],
               "evidence": "illustrative"});
        let d = dose(
            &card(json!({"base_rate": fixed, "factors": [lower]})),
            "pain=cancer",
            &[],
        );
        let Step::Factor(f) = &d.steps[0] else {
            panic!()
        };
        assert_eq!(f.lower_cap, Some(MgPerHour(30.0)), "{first}, {second}");
        assert_eq!(d.rate_mg_per_h, MgPerHour(30.0));
    }
}

#[test]
fn titration_reaches_the_ceiling_exactly_without_being_limited() {
    // 10 mg/h + 10 mg/h a day, maximum 40 mg/h (the hourly cap is 40 too).
    let d = dose(&builtin("crps-continuous"), "infusion_number=5", &[]);
    let rungs: Vec<(String, Option<String>)> = d
        .ladder
        .iter()
        .map(|r| (r.rate.display(), r.limited_by.clone()))
        .collect();
    let max = Some("titration maximum 40 mg/h".to_string());
    assert_eq!(
        rungs,
        [
            ("10 mg/h".to_string(), None),
            ("20 mg/h".to_string(), None),
            ("30 mg/h".to_string(), None),
            ("40 mg/h".to_string(), None),
            ("40 mg/h".to_string(), max),
        ]
    );
    let Some(Step::Titration(t)) = d.steps.last() else {
        panic!("{:?}", d.steps)
    };
    // A cap equal to the titration maximum does not take its place.
    assert_eq!(t.limited_by.as_deref(), Some("titration maximum 40 mg/h"));
    assert_eq!(t.ceiling, MgPerHour(40.0));
    assert_eq!(t.unlimited, MgPerHour(50.0));
    assert_eq!(
        t.derivation,
        "day 5: 10 mg/h + 4 \u{d7} 10 mg/h = 50 mg/h; limited to 40 mg/h by the titration maximum 40 mg/h"
    );
}

#[test]
fn conditions_on_sex_and_infusion_number_fire() {
    let by_sex = json!({"id": "female", "label": "Female", "condition": {"attribute": "sex", "any_of": ["female"]},
           "effects": [{"kind": "rate_multiplier", "value": 0.5}], "evidence": "illustrative"});
    // A factor on the infusion number may only warn, inform or block.
    let by_number = json!({"id": "later", "label": "Later", "condition": {"attribute": "infusion_number", "compare": "at_least", "value": 2},
           "effects": [{"kind": "block", "text": "One infusion only on this card."}], "evidence": "illustrative"});
    let c = card(json!({"factors": [by_sex, by_number],
        "phases": {"induction_count": 3, "induction_span_days": 3, "titration": "None.", "evidence": "illustrative"}}));
    let d = dose(&c, "sex=female", &[]);
    assert_eq!(step_ids(&d), ["female"]);
    let Step::Factor(f) = &d.steps[0] else {
        panic!()
    };
    assert_eq!(f.fired, "sex: female");
    let stopped = compute(&c, &patient("infusion_number=2"), &[]);
    let b = stopped.blocked().unwrap();
    assert_eq!(
        (b.primary.id.as_str(), b.primary.fired.as_str()),
        ("later", "infusion 2")
    );
    assert_eq!(b.primary.reason, "One infusion only on this card.");
    let d = dose(&c, "infusion_number=1&sex=male", &[]);
    assert!(d.steps.is_empty(), "{:?}", step_ids(&d));
}

#[test]
fn a_cards_own_figures_are_shown_as_the_card_gives_them() {
    // 0.125 mg/kg/h, 12.25 mg/h, 48.75 mg, × 0.875, 11.75 mg/h and a 0.125
    // mg/kg bolus: shown rounded ("0.13 mg/kg/h × 70 kg = 8.8 mg/h") they
    // would not check against the file by hand.
    let slower = json!({"id": "slower", "label": "Slower", "condition": {"attribute": "pain", "any_of": ["cancer"]},
        "effects": [{"kind": "rate_multiplier", "value": 0.875}, {"kind": "lower_cap", "value": 11.75, "unit": "mg_per_h"}],
        "evidence": "illustrative"});
    let c = card(json!({
        "base_rate": {"value": 0.125, "unit": "mg_per_kg_per_h", "evidence": "illustrative"},
        "caps": {"mg_per_h": {"value": 12.25, "evidence": "illustrative"},
                 "per_session": {"value": 48.75, "unit": "mg", "evidence": "illustrative"}},
        "bolus": {"mg_per_kg": 0.125, "evidence": "illustrative"},
        "factors": [slower]}));
    let d = dose(&c, "weight_kg=70", &[]);
    assert_eq!(d.base.derivation, "0.125 mg/kg/h \u{d7} 70 kg = 8.8 mg/h");
    let bolus = d.bolus.as_ref().unwrap();
    assert_eq!(
        (bolus.per_kg_text(), bolus.mg.display()),
        ("0.125 mg/kg".to_string(), "8.8 mg".to_string())
    );
    let configured: Vec<&str> = d.caps.iter().map(|c| c.configured.as_str()).collect();
    assert!(configured.contains(&"12.25 mg/h"), "{configured:?}");
    assert!(
        configured
            .iter()
            .any(|c| c.starts_with("48.75 mg \u{f7} 2 h")),
        "{configured:?}"
    );
    let d = dose(&c, "weight_kg=70&pain=cancer", &[]);
    let Step::Factor(f) = &d.steps[0] else {
        panic!("{:?}", step_ids(&d))
    };
    assert_eq!(f.effects, ["rate \u{d7} 0.875", "hourly cap 11.75 mg/h"]);
    // The card view gives the same figures.
    let figures = card_figures(c.card());
    let value = |path: &str| {
        figures
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.value.clone())
            .unwrap()
    };
    assert_eq!(value("base_rate"), "0.125 mg/kg/h");
    assert_eq!(value("caps.mg_per_h"), "12.25 mg/h");
    assert_eq!(value("caps.per_session"), "48.75 mg");
    assert_eq!(value("bolus"), "0.125 mg/kg of dosing weight");
    assert_eq!(
        effect_text(&c.card().factors[0].effects[0]),
        "rate \u{d7} 0.875"
    );
}

#[test]
fn a_cap_that_sets_the_start_is_named_on_every_rung_it_holds() {
    // 150 kg, 175 cm, male: dosing weight 102.3 kg, 51.1 mg/h capped to
    // 50 mg/h by 200 mg per 4-h session, on every infusion of the ladder.
    let q = "weight_kg=150&height_cm=175&sex=male&infusion_number=3";
    let d = dose(&builtin("outpatient-consensus"), q, &[]);
    assert!(!d.ladder.is_empty());
    for r in &d.ladder {
        assert_eq!(r.rate.display(), "50 mg/h", "{}", r.infusion);
        assert_eq!(
            r.limited_by.as_deref(),
            Some("card cap per session"),
            "{}",
            r.infusion
        );
    }
    let Some(Step::Titration(t)) = d.steps.last() else {
        panic!("{:?}", d.steps)
    };
    assert!(
        t.derivation
            .ends_with("; limited to 50 mg/h by the card cap per session"),
        "{}",
        t.derivation
    );
    // No cap at the start: the first rung names none.
    let d = dose(&builtin("outpatient-consensus"), "infusion_number=3", &[]);
    assert_eq!(d.ladder[0].limited_by, None);
}

#[test]
fn titration_terms_rounded_for_display_are_also_given_unrounded() {
    // 70 kg: 35 mg/h x 0.5 (age) x 0.75 (clarithromycin) = 13.125 mg/h;
    // step 17.5 mg/h x 0.5 = 8.75 mg/h. Shown: 13.1 + 2 x 8.8 = 30.6, which
    // does not add up by hand (30.7), so the unrounded terms follow.
    let q = "age_years=70&medications=clarithromycin&infusion_number=3";
    let d = dose(&builtin("outpatient-consensus"), q, &[]);
    let Some(Step::Titration(t)) = d.steps.last() else {
        panic!("{:?}", d.steps)
    };
    assert!(
        t.derivation.starts_with(
            "infusion 3: 13.1 mg/h + 2 \u{d7} 8.8 mg/h = 30.6 mg/h (card step 17.5 mg/h \u{d7} 0.5) (before rounding: 13.125 mg/h + 2 \u{d7} 8.75 mg/h = 30.625 mg/h)"
        ),
        "{}",
        t.derivation
    );
}

#[test]
fn a_session_shortened_by_a_multiplier_reads_with_its_three_decimals() {
    // 3 h × 0.725 = 2.175 h: the headline gives the duration the session
    // total is worked out from, as the cap row does.
    let shorter = json!({"id": "shorter", "label": "Shorter", "condition": {"attribute": "pain", "any_of": ["cancer"]},
           "effects": [{"kind": "duration_multiplier", "value": 0.725}], "evidence": "illustrative",
           "sources": ["R2"]});
    let c = card(
        json!({"session": {"duration_h": 3, "evidence": "illustrative"}, "factors": [shorter]}),
    );
    let d = dose(&c, "weight_kg=80&pain=cancer", &[]);
    assert_eq!(d.figures().duration_h, "2.175 h");
    let d = dose(&c, "weight_kg=80&pain=neuropathic", &[]);
    assert_eq!(d.figures().duration_h, "3 h");
}

/// A card titrating from `base` by 5 mg/h an infusion to at most 11.83 mg/h,
/// three infusions.
fn titrating(base: Value) -> ValidCard {
    card(json!({
        "base_rate": base,
        "titration": {"step": 5, "maximum": 11.83, "unit": "mg_per_h", "per": "infusion", "evidence": "illustrative"},
        "phases": {"induction_count": 3, "induction_span_days": 3, "titration": "Up 5 mg/h an infusion.", "evidence": "illustrative"}
    }))
}

#[test]
fn a_rung_under_the_titration_maximum_reads_under_it_and_a_start_above_it_is_not_held_to_it() {
    let figures =
        |base: Value| dose(&titrating(base), "weight_kg=70&infusion_number=3", &[]).figures();
    // 70 kg: infusion 3 would be 15 mg/h, held at 11.8 mg/h (11.83 is not a
    // figure shown). Per kg 0.1686, which to the nearest would read 0.17,
    // above the maximum's 0.169 mg/kg/h: it reads 0.16.
    let f = figures(json!({"value": 5, "unit": "mg_per_h", "evidence": "illustrative"}));
    assert_eq!(f.rate_mg_per_h, "11.8 mg/h");
    assert_eq!(f.rate_mg_per_kg_per_h, "0.16 mg/kg/h");
    // A start above the maximum (0.2 mg/kg/h x 70 kg = 14 mg/h; the card
    // checks cannot refuse it, the weight decides) is the start on every
    // rung, bounded by the caps alone: its rate per kg reads as it is.
    let f = figures(json!({"value": 0.2, "unit": "mg_per_kg_per_h", "evidence": "illustrative"}));
    assert_eq!(f.rate_mg_per_h, "14 mg/h");
    assert_eq!(f.rate_mg_per_kg_per_h, "0.2 mg/kg/h");
}

#[test]
fn the_minimum_trial_notice_fires_at_two_hours_or_less_however_much_is_given() {
    // 1 mg/kg/h × 70 kg = 70 mg/h: 140 mg over exactly 2 h is well above
    // 80 mg, yet 2 h is not "more than 2 h": the notice is given.
    let over = |hours: f64| {
        let c = card(json!({
            "minimum_trial_notice": true,
            "session": {"duration_h": hours, "evidence": "illustrative"}
        }));
        dose(&c, "weight_kg=70", &[])
    };
    let d = over(2.0);
    assert_eq!(
        (d.figures().session_total_mg, d.figures().duration_h),
        ("140 mg".to_string(), "2 h".to_string())
    );
    let ids: Vec<&str> = d.notices.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["minimum-trial"]);
    assert_eq!(
        d.notices[0].text,
        "Below the 2018 consensus minimum for an adequate trial (at least 80 mg in total, given over more than 2 h): this session gives 140 mg over 2 h."
    );
    // Just over 2 h (2.01 h, 140.7 mg): an adequate trial, no notice.
    let d = over(2.01);
    assert_eq!(
        (d.figures().session_total_mg, d.figures().duration_h),
        ("140.7 mg".to_string(), "2.01 h".to_string())
    );
    assert!(d.notices.is_empty(), "{:?}", d.notices);
}

#[test]
fn an_s_ketamine_card_is_computed_against_half_the_racemic_limits_and_says_how() {
    // The built-in S-ketamine card: its hard limit is 1 mg/kg/h, said halved.
    let s = dose(
        &builtin("fibromyalgia-short"),
        "weight_kg=70&age_years=40",
        &[],
    );
    let hard = s.caps.iter().find(|c| c.id == "hard-limit").unwrap();
    assert_eq!(
        hard.label,
        "Hard limit 1 mg/kg/h (compiled in; half the racemic 2 mg/kg/h by this app's reckoning, as S-ketamine is about twice as potent)"
    );
    assert_eq!(hard.limit, MgPerHour(70.0));
    assert_eq!(hard.sources, ["R2", "R20"]);
    // Halved by an approximate factor: the direction is the source's, the
    // number the app's.
    assert_eq!(hard.evidence, EvidenceKind::Direction);
    // The card view gives the halved bolus limit exactly (0.175 mg/kg, not
    // 0.18, which would read above the limit), with the same evidence.
    let figures = card_figures(builtin("fibromyalgia-short").card());
    let limits = figures.iter().find(|f| f.label == "Hard limits").unwrap();
    assert_eq!(
        limits.value,
        "never above 1 mg/kg/h of dosing weight; a bolus at most 0.175 mg/kg (half the racemic 2 mg/kg/h and 0.35 mg/kg by this app's reckoning, as S-ketamine is about twice as potent). No card can change these."
    );
    assert_eq!(limits.evidence, Some(EvidenceKind::Direction));
    assert_eq!(limits.sources, ["R2", "R20"]);
    let trial = figures
        .iter()
        .find(|f| f.label == "Minimum adequate trial")
        .unwrap();
    assert_eq!(trial.evidence, Some(EvidenceKind::Direction));
    // 35 mg of S-ketamine is under its 40 mg minimum trial.
    let minimum = s.notices.iter().find(|n| n.id == "minimum-trial").unwrap();
    assert!(minimum
        .text
        .starts_with("Below the 2018 consensus minimum for an adequate trial (at least 40 mg in total, half the racemic 80 mg by this app's reckoning, as S-ketamine is about twice as potent, given over more than 2 h): this session gives 35 mg over 0.5 h."));
    // The same card as racemic ketamine: the racemic limits, said plainly.
    let mut json =
        serde_json::from_str::<Value>(&builtin("fibromyalgia-short").card().to_json_pretty())
            .unwrap();
    json["drug"] = json!("ketamine");
    let racemic_card = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    let racemic = dose(&racemic_card, "weight_kg=70&age_years=40", &[]);
    let hard = racemic.caps.iter().find(|c| c.id == "hard-limit").unwrap();
    assert_eq!(hard.label, "Hard limit 2 mg/kg/h (compiled in)");
    assert_eq!(hard.limit, MgPerHour(140.0));
    assert_eq!(hard.sources, ["R2"]);
    assert_eq!(hard.evidence, EvidenceKind::Source);
    let figures = card_figures(racemic_card.card());
    let limits = figures.iter().find(|f| f.label == "Hard limits").unwrap();
    assert_eq!(
        limits.value,
        "never above 2 mg/kg/h of dosing weight; a bolus at most 0.35 mg/kg. No card can change these."
    );
    assert_eq!(limits.evidence, Some(EvidenceKind::Source));
    let minimum = racemic
        .notices
        .iter()
        .find(|n| n.id == "minimum-trial")
        .unwrap();
    assert!(minimum.text.starts_with("Below the 2018 consensus minimum for an adequate trial (at least 80 mg in total, given over more than 2 h)"));
    assert_eq!(minimum.sources, ["R2"]);
}

#[test]
fn the_arithmetic_of_the_derived_figures_is_said_for_a_session_and_a_day() {
    let session = dose(&builtin("crps-4h"), "weight_kg=70", &[]);
    assert_eq!(
        session.arithmetic_note(),
        "This app's arithmetic, from the rate before rounding: session total = rate \u{d7} duration; pump rate = rate \u{f7} bag concentration; per kg = rate \u{f7} dosing weight; mcg/kg/min = mg/kg/h \u{d7} 1,000 \u{f7} 60."
    );
    let day = dose(&builtin("crps-continuous"), "weight_kg=70", &[]);
    assert!(day.arithmetic_note().starts_with(
        "This app's arithmetic, from the rate before rounding: total per 24 h = rate \u{d7} 24 h;"
    ));
}

#[test]
fn a_strong_bag_and_a_small_pump_rate_are_explained_in_words_that_follow() {
    // 24.5 mg/h from a 60 mg/mL bag: 0.41 mL/h, under 1 mL/h.
    let d = dose(
        &builtin("crps-4h"),
        "weight_kg=70&concentration_mg_per_ml=60",
        &[],
    );
    let strong = d
        .warnings
        .iter()
        .find(|w| w.id == "undiluted-concentration")
        .unwrap();
    assert_eq!(
        strong.text,
        "A bag or syringe at 60 mg/mL is stronger than 50 mg/mL, the most a correctly diluted 100 mg/mL vial gives: check how it was made up. The 100 mg/mL vial is never given IV undiluted; it is first diluted with an equal volume of water for injection, sodium chloride 0.9% or glucose 5%."
    );
    assert_eq!(strong.sources, ["R31", "R33"]);
    // 0.7 mL/h (0.70 with its trailing zero dropped) is under 1 mL/h: the
    // notice does not promise two digits it cannot show.
    let d = dose(
        &builtin("crps-4h"),
        "weight_kg=70&concentration_mg_per_ml=35",
        &[],
    );
    assert_eq!(d.pump_rate.display(), "0.7 mL/h");
    let small = d
        .notices
        .iter()
        .find(|n| n.id == "small-pump-rate")
        .unwrap();
    assert!(
        small.text.starts_with(
            "The pump rate is under 1 mL/h, so it is shown with up to two significant figures (a trailing zero is dropped), and with more only where two would round it up to 1 mL/h: a pump's 0.1 mL/h step would be 10% of it or more."
        ),
        "{}",
        small.text
    );
    assert!(!d.warnings.iter().any(|w| w.id == "undiluted-concentration"));
}

#[test]
fn a_medicine_with_no_factor_names_its_interaction_as_the_source_gives_it() {
    let d = dose(
        &builtin("crps-4h"),
        "weight_kg=70&medications=antihypertensive",
        &[],
    );
    let notice = d
        .notices
        .iter()
        .find(|n| n.id == "no-factor:antihypertensive")
        .unwrap();
    assert!(
        notice.text.ends_with("nothing was adjusted for it. Known interaction: the first source article names blood pressure medicines among those that may interact, without details, and no study was found; ketamine can raise blood pressure, which is watched throughout the infusion."),
        "{}",
        notice.text
    );
    assert_eq!(notice.sources, ["seed-dosing"]);
}

/// A figure shown beside a threshold it is on one side of never reads as
/// the threshold, and a figure shown twice reads the same both times.
#[test]
fn a_figure_beside_its_threshold_never_reads_as_the_threshold() {
    let notice = |d: &Breakdown, id: &str| {
        d.notices
            .iter()
            .chain(&d.warnings)
            .find(|n| n.id == id)
            .map(|n| n.text.clone())
    };
    // The minimum trial's total is the headline's, held under the session
    // cap (0.5 mg/kg × 70.1 kg = 35.05 mg reads 35 mg, not 35.1 mg).
    let d = dose(&builtin("fibromyalgia-short"), "weight_kg=70.1", &[]);
    assert_eq!(d.figures().session_total_mg, "35 mg");
    let text = notice(&d, "minimum-trial").unwrap();
    assert!(
        text.ends_with("this session gives 35 mg over 0.5 h."),
        "{text}"
    );
    // 79.96 mg is below the minimum of 80 mg and says so in its digits.
    let d = dose(&builtin("outpatient-consensus"), "weight_kg=39.98", &[]);
    let text = notice(&d, "minimum-trial").unwrap();
    assert!(text.contains("this session gives 79.96 mg over"), "{text}");
    // A bag at, just over and well over 50 mg/mL.
    let strong = |c: &str| {
        let d = dose(
            &builtin("crps-4h"),
            &format!("weight_kg=70&concentration_mg_per_ml={c}"),
            &[],
        );
        notice(&d, "undiluted-concentration")
    };
    assert_eq!(strong("50"), None);
    assert!(strong("50.004")
        .unwrap()
        .starts_with("A bag or syringe at 50.004 mg/mL is stronger than 50 mg/mL,"));
    assert!(strong("50.1")
        .unwrap()
        .starts_with("A bag or syringe at 50.1 mg/mL is stronger than 50 mg/mL,"));
    // 24.5 mg/h: a pump rate of exactly 1 mL/h, just under it and under it.
    let pump = |c: &str| {
        let d = dose(
            &builtin("crps-4h"),
            &format!("weight_kg=70&concentration_mg_per_ml={c}"),
            &[],
        );
        let rung = d.ladder.last().unwrap().pump_rate.pump_text();
        (
            d.figures().pump_rate_ml_per_h,
            rung,
            notice(&d, "small-pump-rate").is_some(),
        )
    };
    assert_eq!(pump("24.5"), ("1 mL/h".into(), "1 mL/h".into(), false));
    assert_eq!(
        pump("24.6"),
        ("0.996 mL/h".into(), "0.996 mL/h".into(), true)
    );
    assert_eq!(
        pump("24.51"),
        ("0.9996 mL/h".into(), "0.9996 mL/h".into(), true)
    );
    assert_eq!(pump("35"), ("0.7 mL/h".into(), "0.7 mL/h".into(), true));
    // Six decimals typed: 24.5 / 24.500001 = 0.99999996 mL/h.
    assert_eq!(
        pump("24.500001"),
        ("0.999999 mL/h".into(), "0.999999 mL/h".into(), true)
    );
    assert_eq!(pump("24.4"), ("1 mL/h".into(), "1 mL/h".into(), false));
}

/// A bolus at the 0.35 mg/kg limit never reads above it: 0.35 × 70.5 kg
/// = 24.675 mg shows 24.6 mg, where rounding to the nearest gives 24.7.
#[test]
fn a_bolus_is_never_shown_above_its_mg_per_kg() {
    let c = card(json!({"bolus": {"mg_per_kg": 0.35, "evidence": "illustrative"}}));
    let bolus = |w: &str| {
        dose(&c, &format!("weight_kg={w}"), &[])
            .bolus
            .unwrap()
            .mg_text()
    };
    assert_eq!(bolus("70.5"), "24.6 mg");
    assert_eq!(bolus("70"), "24.5 mg");
    assert_eq!(bolus("40"), "14 mg");
    // 0.35 × 70.4 = 24.64: nearest would read 24.6, at or under the limit.
    assert_eq!(bolus("70.4"), "24.6 mg");
}
