//! Property tests of card loading: any mutation of a shipped card (numbers,
//! texts, types, missing keys) is either refused with problems that name a
//! path, or accepted, and then no patient can get a rate above 2 mg/kg/h.
//! Card parsing never panics. 2,000 mutated cards per property by default
//! (PROPTEST_CASES overrides); the long fuzzing run is a separate tool.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::engine::{compute, Outcome};
use ketamine_dosing_reference::domain::dosing::input::RawPatientInput;
use ketamine_dosing_reference::domain::dosing::limits::HARD_MAX_MG_PER_KG_PER_H;
use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, parse_card_value,
};
use ketamine_dosing_reference::domain::json::parse_value;
use proptest::prelude::*;
use serde_json::{json, Value};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Every leaf (and object member) of a JSON value, as a list of path steps.
#[derive(Clone, Debug)]
enum Key {
    Field(String),
    Index(usize),
}

fn paths(v: &Value, prefix: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Key::Field(k.clone()));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(Key::Index(i));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'a>(v: &'a mut Value, path: &[Key]) -> &'a mut Value {
    path.iter().fold(v, |v, k| match k {
        Key::Field(f) => &mut v[f.as_str()],
        Key::Index(i) => &mut v[*i],
    })
}

fn replacement() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Some(json!(f))),
        (-5.0f64..700.0).prop_map(|f| Some(json!(f))),
        (0.0f64..3.0).prop_map(|f| Some(json!(f))),
        any::<i64>().prop_map(|i| Some(json!(i))),
        ".{0,20}".prop_map(|s| Some(json!(s))),
        Just(Some(json!(null))),
        Just(Some(json!(true))),
        Just(Some(json!([]))),
        Just(Some(json!({}))),
        Just(None),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_cards_are_refused_with_paths_or_stay_within_the_hard_limit(
        card in 0..BUILTIN_CARDS.len(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), replacement()), 1..4),
        weight in 30.0f64..=300.0,
        pain in prop::sample::select(vec!["crps", "cancer", "low_back"]),
        infusion in 1u32..=30,
    ) {
        let mut value: Value = serde_json::from_str(BUILTIN_CARDS[card].1).unwrap();
        for (pick, repl) in picks {
            let mut all = Vec::new();
            paths(&value, &mut Vec::new(), &mut all);
            if all.is_empty() { break }
            let path = &all[pick.index(all.len())];
            match repl {
                Some(r) => *get_mut(&mut value, path) = r,
                None => {
                    let (last, parent) = path.split_last().unwrap();
                    let parent = get_mut(&mut value, parent);
                    match (last, parent) {
                        (Key::Field(f), Value::Object(m)) => { m.remove(f); }
                        (Key::Index(i), Value::Array(a)) => { a.remove(*i); }
                        _ => {}
                    }
                }
            }
        }
        let value = parse_value(&value.to_string()).unwrap();
        match parse_card_value(&value, &is_evidence_source_id) {
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    prop_assert!(!p.path().is_empty());
                    prop_assert!(!p.to_string().is_empty());
                }
            }
            Ok(card) => {
                let mut raw = RawPatientInput::default();
                raw.set_param("weight_kg", &format!("{weight:.1}"));
                raw.set_param("pain", pain);
                raw.set_param("infusion_number", &infusion.to_string());
                let input = raw.parse().unwrap();
                if let Outcome::Dose(d) = compute(&card, &input, &[]) {
                    let w = d.dosing_weight.kg.0;
                    for r in d.ladder.iter().map(|r| r.rate.0).chain([d.rate_mg_per_h.0]) {
                        prop_assert!(r.is_finite() && r > 0.0);
                        prop_assert!(r / w <= HARD_MAX_MG_PER_KG_PER_H * (1.0 + 1e-9));
                    }
                    prop_assert!(d.duration.0 > 0.0 && d.duration.0 <= 24.0);
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_card_parser(text in ".{0,300}") {
        let _ = parse_card(&text, &is_evidence_source_id);
    }
}
