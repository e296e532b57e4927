//! Property tests of the dose engine over whole input ranges (10,000 cases
//! per property by default; set PROPTEST_CASES to change it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;

use ketamine_dosing_reference::domain::dosing::builtin::builtin_cards;
use ketamine_dosing_reference::domain::dosing::card::{Effect, RateUnit, SessionCapUnit};
use ketamine_dosing_reference::domain::dosing::engine::{compute, Breakdown, Outcome, Step};
use ketamine_dosing_reference::domain::dosing::golden::golden_suite;
use ketamine_dosing_reference::domain::dosing::input::{
    Cardiovascular, Cyp2b6, Field, Hepatic, PainCondition, Psychosis, RawPatientInput, Sex,
    SubstanceUse, PARAM_NAMES,
};
use ketamine_dosing_reference::domain::dosing::limits::{
    HARD_MAX_BOLUS_MG_PER_KG, HARD_MAX_MG_PER_KG_PER_H, HEIGHT_MAX_CM, HEIGHT_MIN_CM,
    WEIGHT_MAX_KG, WEIGHT_MIN_KG,
};
use ketamine_dosing_reference::domain::dosing::medication::Medication;
use ketamine_dosing_reference::domain::dosing::units::MgPerHour;
use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, ValidCard};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Built-in cards plus the golden file's test cards (they reach the caps and
/// the hard limit that built-in cards never reach).
fn cards() -> &'static [ValidCard] {
    static CARDS: OnceLock<Vec<ValidCard>> = OnceLock::new();
    CARDS.get_or_init(|| {
        let mut cards = builtin_cards(&is_evidence_source_id).unwrap();
        cards.extend(golden_suite(&is_evidence_source_id).unwrap().test_cards);
        cards
    })
}

fn number_text(value: f64, decimals: usize, comma: bool) -> String {
    let s = format!("{value:.decimals$}");
    if comma {
        s.replace('.', ",")
    } else {
        s
    }
}

fn ids<T: Copy + 'static>(all: &'static [T], id: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| id(*v)).collect()
}

prop_compose! {
    /// Any valid patient, over the whole accepted ranges (ages 0-120: the
    /// under-18 rule is part of the engine).
    fn raw_patient()(
        weight in prop_oneof![
            (30.0f64..=300.0).prop_map(|w| ("weight_kg", w)),
            (67.0f64..=661.0).prop_map(|w| ("weight_lb", w)),
        ],
        height in prop_oneof![
            (120.0f64..=230.0).prop_map(|h| ("height_cm", h)),
            (48.0f64..=90.0).prop_map(|h| ("height_in", h)),
        ],
        decimals in 0usize..=2,
        comma in any::<bool>(),
        sex in select(ids(Sex::ALL, Sex::id)),
        age in prop_oneof![1 => 0u32..18, 9 => 18u32..=120],
        pain in select(ids(PainCondition::ALL, PainCondition::id)),
        hepatic in select(ids(Hepatic::ALL, Hepatic::id)),
        cardiovascular in select(ids(Cardiovascular::ALL, Cardiovascular::id)),
        meds in subsequence(ids(Medication::ALL, Medication::id), 0..=4).prop_shuffle(),
        cyp2b6 in select(ids(Cyp2b6::ALL, Cyp2b6::id)),
        flags in prop::array::uniform4(prop_oneof![9 => Just(false), 1 => Just(true)]),
        psychosis in select(ids(Psychosis::ALL, Psychosis::id)),
        substance in select(ids(SubstanceUse::ALL, SubstanceUse::id)),
        infusion in 1u32..=30,
        concentration in prop_oneof![
            select(vec![1.0f64, 2.0, 5.0]),
            0.1f64..=100.0,
        ],
    ) -> RawPatientInput {
        let mut raw = RawPatientInput::default();
        // Stay inside the range after rounding to the typed decimals.
        let w = number_text(weight.1, decimals, comma);
        raw.set_param(weight.0, &w);
        raw.set_param(height.0, &number_text(height.1, decimals, comma));
        raw.set_param("sex", sex);
        raw.set_param("age_years", &age.to_string());
        raw.set_param("pain", pain);
        raw.set_param("hepatic", hepatic);
        raw.set_param("cardiovascular", cardiovascular);
        raw.set_param("medications", &meds.join(","));
        raw.set_param("cyp2b6", cyp2b6);
        raw.set_param("pregnant_or_breastfeeding", &flags[0].to_string());
        raw.set_param("raised_iop", &flags[1].to_string());
        raw.set_param("raised_icp", &flags[2].to_string());
        raw.set_param("renal_impairment", &flags[3].to_string());
        raw.set_param("psychosis", psychosis);
        raw.set_param("substance_use", substance);
        raw.set_param("infusion_number", &infusion.to_string());
        raw.set_param("concentration_mg_per_ml", &format!("{concentration:.2}"));
        raw
    }
}

fn scenario() -> impl Strategy<Value = (usize, RawPatientInput, Vec<bool>)> {
    (
        0..cards().len(),
        raw_patient(),
        prop::collection::vec(prop_oneof![4 => Just(false), 1 => Just(true)], 40),
    )
}

fn disabled_ids(card: &ValidCard, mask: &[bool]) -> Vec<String> {
    card.factors()
        .iter()
        .zip(mask.iter())
        .filter(|(_, off)| **off)
        .map(|(f, _)| f.id().to_string())
        .collect()
}

/// Accepts a figure within a relative 1e-9 of a limit (binary rounding).
fn at_most(value: f64, limit: f64) -> bool {
    value <= limit * (1.0 + 1e-9) + 1e-12
}

/// The number a figure reads as ("12,345.6 mg/h", " mg/h" → 12345.6).
fn number_in(text: &str, unit: &str) -> f64 {
    text.trim_end_matches(unit)
        .replace(',', "")
        .parse()
        .unwrap_or(f64::NAN)
}

/// The figure a rate reads as.
fn shown(rate: MgPerHour) -> f64 {
    number_in(&rate.display(), " mg/h")
}

fn check_limits(card: &ValidCard, d: &Breakdown) -> Result<(), TestCaseError> {
    let raw = card.card();
    let w = d.dosing_weight.kg.0;
    prop_assert!(w > 0.0 && w.is_finite());
    // The session cap in mg for this patient.
    let session_cap_mg = raw.caps.per_session.as_ref().map(|c| match c.unit {
        SessionCapUnit::Mg => c.value,
        SessionCapUnit::MgPerKg => c.value * w,
    });
    // Each rate as computed and as shown: neither may be above a limit (a
    // rate held at a cap of 12.25 mg/h must not read "12.3 mg/h").
    let mut rates: Vec<f64> = Vec::new();
    for r in d
        .ladder
        .iter()
        .map(|r| r.rate)
        .chain([d.rate_mg_per_h, d.start_rate])
    {
        rates.push(r.0);
        rates.push(shown(r));
    }
    // The rate per kg as shown, back in mg/h: under the same limits (0.175
    // mg/kg/h held at a cap of 0.175 mg/kg/h must not read "0.18").
    let per_kg_texts = d
        .ladder
        .iter()
        .map(|r| r.per_kg_text())
        .chain([d.figures().rate_mg_per_kg_per_h]);
    for text in per_kg_texts {
        rates.push(number_in(&text, " mg/kg/h") * w);
    }
    let duration = d.duration.0;
    prop_assert!(duration > 0.0 && duration <= 24.0, "duration {duration}");
    let lower_caps: Vec<f64> = d
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Factor(f) => f.lower_cap.map(|c| c.0),
            _ => None,
        })
        .collect();
    for rate in rates {
        prop_assert!(rate.is_finite() && rate > 0.0, "rate {rate}");
        prop_assert!(
            at_most(rate / w, HARD_MAX_MG_PER_KG_PER_H),
            "{rate} mg/h for {w} kg"
        );
        if let Some(c) = &raw.caps.mg_per_kg_per_h {
            prop_assert!(at_most(rate, c.value * w));
        }
        if let Some(c) = &raw.caps.mg_per_h {
            prop_assert!(at_most(rate, c.value));
        }
        if let Some(mg) = session_cap_mg {
            prop_assert!(
                at_most(rate * duration, mg),
                "{rate} x {duration} over {mg}"
            );
        }
        for cap in &lower_caps {
            prop_assert!(at_most(rate, *cap));
        }
        if let Some(t) = &raw.titration {
            let max = match t.unit {
                RateUnit::MgPerKgPerH => t.maximum * w,
                RateUnit::MgPerH => t.maximum,
            };
            // A start above the maximum stays, as it is shown.
            let start = d.start_rate.0.max(shown(d.start_rate));
            prop_assert!(at_most(rate, max.max(start)));
        }
    }
    // The amount over the session as shown is not above a session cap (94.35
    // mg must not read "94.4 mg").
    if let Some(mg) = session_cap_mg {
        let totals = d
            .ladder
            .iter()
            .map(|r| r.total_text())
            .chain([d.figures().session_total_mg]);
        for text in totals {
            prop_assert!(at_most(number_in(&text, " mg"), mg), "{text} over {mg}");
        }
    }
    if let Some(b) = &d.bolus {
        prop_assert!(at_most(b.mg.0, HARD_MAX_BOLUS_MG_PER_KG * w));
    }
    for value in [
        d.rate_mg_per_kg_per_h.0,
        d.rate_mcg_per_kg_per_min.0,
        d.session_total.0,
        d.pump_rate.0,
        d.combined_multiplier,
    ] {
        prop_assert!(value.is_finite() && value > 0.0, "{value}");
    }
    let f = d.figures();
    for text in [
        &f.dosing_weight_kg,
        &f.rate_mg_per_h,
        &f.rate_mg_per_kg_per_h,
        &f.rate_mcg_per_kg_per_min,
        &f.session_total_mg,
        &f.duration_h,
        &f.pump_rate_ml_per_h,
    ] {
        prop_assert!(
            !text.contains("NaN") && !text.contains("inf") && !text.starts_with('-'),
            "{text}"
        );
    }
    for s in &d.steps {
        prop_assert!(s.rate_before().0.is_finite() && s.rate_after().0.is_finite());
        prop_assert!(s.rate_after().0 >= 0.0);
    }
    Ok(())
}

/// A deterministic sweep over the weight range (every 0.25 kg) on every card,
/// so that weights just above each cap's threshold are always tried.
#[test]
fn weight_sweep_never_exceeds_a_cap_or_the_hard_limit() {
    let mut computed = 0;
    for card in cards() {
        for variant in [
            "height_cm=175&age_years=40&pain=low_back&infusion_number=1",
            "height_cm=152.4&age_years=70&pain=cancer&infusion_number=4",
            "height_cm=200&age_years=40&pain=crps&infusion_number=3&sex=female",
        ] {
            for step in 0..=1080 {
                let weight = 30.0 + f64::from(step) * 0.25;
                let raw = RawPatientInput::from_query(&format!("{variant}&weight_kg={weight}"));
                let input = raw.parse().unwrap();
                if let Outcome::Dose(d) = compute(card, &input, &[]) {
                    if let Err(e) = check_limits(card, &d) {
                        panic!("{} at {weight} kg ({variant}): {e}", card.id());
                    }
                    computed += 1;
                }
            }
        }
    }
    assert_eq!(computed, 7 * 3 * 1081);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn never_panics_never_nan_never_above_a_cap_or_hard_limit((card, raw, mask) in scenario()) {
        let card = &cards()[card];
        let input = raw.parse().unwrap();
        match compute(card, &input, &disabled_ids(card, &mask)) {
            Outcome::Dose(d) => {
                prop_assert!(input.age_years() >= 18);
                check_limits(card, &d)?;
            }
            Outcome::Blocked(b) => {
                prop_assert!(!b.primary.reason.is_empty());
                let by_age = input.age_years() < 18;
                prop_assert_eq!(by_age, b.primary.id == "under-18");
            }
        }
    }

    #[test]
    fn every_factor_moves_the_rate_only_in_its_declared_direction(
        (card, raw, mask) in scenario(),
        pick in any::<prop::sample::Index>(),
    ) {
        let card = &cards()[card];
        let input = raw.parse().unwrap();
        let disabled = disabled_ids(card, &mask);
        let on = compute(card, &input, &disabled);
        let Outcome::Dose(on) = on else { return Ok(()) };
        let applied: Vec<&str> = on.steps.iter().filter_map(|s| match s {
            Step::Factor(f) => Some(f.factor_id.as_str()),
            _ => None,
        }).collect();
        if applied.is_empty() { return Ok(()) }
        let id = applied[pick.index(applied.len())];
        let factor = card.factor(id).unwrap();
        let mut more = disabled.clone();
        more.push(id.to_string());
        let Outcome::Dose(off) = compute(card, &input, &more) else {
            return Err(TestCaseError::fail("switching a factor off produced a block"));
        };
        let mut rate_m = 1.0;
        let mut step_m = 1.0;
        let mut duration_m = 1.0;
        let mut lower_cap = false;
        for e in factor.effects() {
            match e {
                Effect::RateMultiplier { value } => rate_m *= value,
                Effect::TitrationStepMultiplier { value } => step_m *= value,
                Effect::DurationMultiplier { value } => duration_m *= value,
                Effect::LowerCap { .. } => lower_cap = true,
                _ => {}
            }
        }
        let pairs: Vec<(f64, f64)> = on.ladder.iter().zip(off.ladder.iter())
            .map(|(a, b)| (a.rate.0, b.rate.0))
            .chain([(on.rate_mg_per_h.0, off.rate_mg_per_h.0), (on.start_rate.0, off.start_rate.0)])
            .collect();
        let lowers = rate_m <= 1.0 && step_m <= 1.0 && duration_m >= 1.0;
        let raises = rate_m >= 1.0 && step_m >= 1.0 && duration_m <= 1.0 && !lower_cap;
        if lowers {
            for (a, b) in &pairs { prop_assert!(*a <= *b, "{id}: on {a} > off {b}"); }
            prop_assert!(on.duration.0 >= off.duration.0);
        }
        if raises {
            for (a, b) in &pairs { prop_assert!(*a >= *b, "{id}: on {a} < off {b}"); }
        }
        if lowers && raises {
            for (a, b) in &pairs { prop_assert_eq!(a, b, "{} changed the rate", id); }
            prop_assert_eq!(on.duration, off.duration);
        }
        for s in &on.steps {
            if let Step::Factor(f) = s {
                if f.rate_multiplier <= 1.0 { prop_assert!(f.rate_after.0 <= f.rate_before.0); }
                if f.rate_multiplier >= 1.0 { prop_assert!(f.rate_after.0 >= f.rate_before.0); }
            }
        }
    }

    #[test]
    fn the_order_of_medications_and_unknown_switches_do_not_matter(
        (card, raw, mask) in scenario(),
        seed in any::<u64>(),
    ) {
        let card = &cards()[card];
        let input = raw.parse().unwrap();
        let disabled = disabled_ids(card, &mask);
        let first = compute(card, &input, &disabled);
        // Reverse and rotate the list, add spaces and repeat an entry.
        let mut meds: Vec<&str> = raw.medications.split(',').filter(|m| !m.is_empty()).collect();
        meds.reverse();
        if !meds.is_empty() {
            let k = (seed as usize) % meds.len();
            meds.rotate_left(k);
            let again = meds[0];
            meds.push(again);
        }
        let mut shuffled = raw.clone();
        shuffled.medications = meds.iter().map(|m| format!(" {m} ")).collect::<Vec<_>>().join(",");
        let second = compute(card, &shuffled.parse().unwrap(), &disabled);
        prop_assert_eq!(&first, &second);
        let mut with_unknown = disabled.clone();
        with_unknown.push("no-such-factor".to_string());
        with_unknown.reverse();
        prop_assert_eq!(&first, &compute(card, &input, &with_unknown));
    }

    #[test]
    fn share_links_restore_exactly_the_same_inputs(raw in raw_patient()) {
        let back = RawPatientInput::from_query(&raw.to_query());
        prop_assert_eq!(&back, &raw);
        prop_assert_eq!(back.parse(), raw.parse());
    }

    #[test]
    fn a_bag_concentration_is_accepted_exactly_from_0_1_to_100_mg_per_ml(
        value in prop_oneof![
            0.0f64..0.2,
            99.9f64..100.1,
            0.0f64..200.0,
            select(vec![0.1, 100.0, 0.099_999, 100.000_001]),
        ],
    ) {
        // The number as written, to the six decimals a field takes, is read
        // exactly.
        let value = (value * 1e6).round() / 1e6;
        let mut raw = RawPatientInput::default();
        prop_assert!(raw.set_param("concentration_mg_per_ml", &value.to_string()));
        let in_range = (0.1..=100.0).contains(&value);
        match raw.parse() {
            Ok(p) => {
                prop_assert!(in_range, "{} accepted", value);
                prop_assert_eq!(p.concentration().0, value);
            }
            Err(errors) => {
                prop_assert!(!in_range, "{} refused: {:?}", value, errors);
                prop_assert_eq!(errors.len(), 1);
                prop_assert_eq!(errors[0].field(), Field::Concentration);
            }
        }
    }

    #[test]
    fn any_text_in_any_field_is_accepted_in_range_or_refused_once_for_that_field(
        param in proptest::sample::select(PARAM_NAMES.to_vec()),
        text in prop_oneof![
            ".{0,24}",
            "[ 0-9.,eE+-]{0,12}",
            proptest::sample::select(vec!["1e400", "-0", "NaN", "inf", "72,5", " 72.5 ", "1,000", "0x10", "\u{661}\u{662}", "0.09", "0.1", "100", "100.01", "1e2"])
                .prop_map(str::to_string),
        ],
    ) {
        let mut raw = RawPatientInput::default();
        prop_assert!(raw.set_param(param, &text));
        let field = match param {
            "weight_kg" | "weight_lb" => Field::Weight,
            "height_cm" | "height_in" => Field::Height,
            "age_years" => Field::Age,
            "concentration_mg_per_ml" => Field::Concentration,
            other => Field::from_id(other).unwrap(),
        };
        match raw.parse() {
            Ok(p) => {
                prop_assert!((WEIGHT_MIN_KG..=WEIGHT_MAX_KG).contains(&p.weight_kg().0));
                prop_assert!((HEIGHT_MIN_CM..=HEIGHT_MAX_CM).contains(&p.height_cm().0));
                prop_assert!((0.1..=100.0).contains(&p.concentration().0), "{:?}", p.concentration());
                prop_assert!((1..=30).contains(&p.infusion_number()));
                prop_assert!(p.age_years() <= 120);
            }
            Err(errors) => {
                prop_assert_eq!(errors.len(), 1);
                prop_assert_eq!(errors[0].field(), field);
                let message = errors[0].to_string();
                prop_assert!(message.starts_with(field.label()), "{}", message);
                prop_assert!(!message.contains("NaN") || text.contains("NaN"));
            }
        }
    }
}
