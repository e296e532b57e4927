//! The documented card format: the JSON Schema in `assets/` agrees with the
//! app (every shipped card and the README's worked example pass it, cards
//! the app refuses for a reason the schema can express fail it, and its
//! lists of names are exactly the app's), and the README's worked example
//! imports and computes the figures its text describes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::calculator::{evaluate, CalculatorState, Evaluation};
use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::card::{
    Attribute, AttributeKind, Certainty, Compare, EvidenceKind, Grade, RateUnit, Setting,
    WeightBasis,
};
use ketamine_dosing_reference::domain::dosing::golden::GOLDEN_JSON;
use ketamine_dosing_reference::domain::dosing::input::PainCondition;
use ketamine_dosing_reference::domain::dosing::validate::parse_card;
use ketamine_dosing_reference::domain::dosing::{Medication, Outcome};
use ketamine_dosing_reference::domain::imported::import::import_card;
use ketamine_dosing_reference::domain::library::{builtin, is_known_source, CardLibrary};
use serde_json::{json, Value};

/// A change to a card, for tables of refused cards.
type Edit = Box<dyn Fn(&mut Value)>;

const SCHEMA: &str = include_str!("../assets/protocol-card.schema.json");
const README: &str = include_str!("../README.md");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).unwrap()
}

/// The worked example: the JSON block between the README's markers.
fn readme_example() -> String {
    let start = README
        .find("<!-- card-example:start -->")
        .expect("start marker");
    let end = README
        .find("<!-- card-example:end -->")
        .expect("end marker");
    let block = &README[start..end];
    let open = block.find("```json\n").unwrap() + "```json\n".len();
    let close = block.rfind("```").unwrap();
    block[open..close].to_string()
}

// ---- A small JSON Schema checker for the keywords the card schema uses ------
// Any other keyword fails the test, so the schema cannot silently use one
// this checker ignores.

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let name = reference
        .strip_prefix("#/$defs/")
        .expect("local $defs reference");
    &root["$defs"][name]
}

fn id_like(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_u64() || v.is_i64(),
        "boolean" => v.is_boolean(),
        other => panic!("type {other}"),
    }
}

fn errors(root: &Value, s: &Value, v: &Value, path: &str, out: &mut Vec<String>) {
    let Some(obj) = s.as_object() else {
        panic!("schema at {path} is not an object")
    };
    for (key, rule) in obj {
        let mut fail = |what: String| out.push(format!("{path}: {what}"));
        match key.as_str() {
            "$schema" | "$id" | "title" | "description" | "default" | "$defs" => {}
            "$ref" => errors(root, resolve(root, rule.as_str().unwrap()), v, path, out),
            "type" => {
                if !type_ok(rule.as_str().unwrap(), v) {
                    fail(format!("not {rule}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(v) {
                    fail(format!("{v} not in enum"));
                }
            }
            "const" => {
                if rule != v {
                    fail(format!("{v} is not {rule}"));
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (name, sub) in rule.as_object().unwrap() {
                        if let Some(child) = o.get(name) {
                            errors(root, sub, child, &format!("{path}.{name}"), out);
                        }
                    }
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for name in rule.as_array().unwrap() {
                        if !o.contains_key(name.as_str().unwrap()) {
                            fail(format!("missing {name}"));
                        }
                    }
                }
            }
            "additionalProperties" => {
                assert_eq!(rule, &json!(false));
                if let Some(o) = v.as_object() {
                    let allowed = obj["properties"].as_object().unwrap();
                    for name in o.keys() {
                        if !allowed.contains_key(name) {
                            fail(format!("unknown field {name}"));
                        }
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        errors(root, rule, item, &format!("{path}[{i}]"), out);
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = rule.as_u64().unwrap() as usize;
                    if (key == "minItems" && a.len() < n) || (key == "maxItems" && a.len() > n) {
                        fail(format!("{key} {n}"));
                    }
                }
            }
            "uniqueItems" => {
                if let Some(a) = v.as_array() {
                    for (i, x) in a.iter().enumerate() {
                        if a[..i].contains(x) {
                            fail(format!("{x} repeated"));
                        }
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let Some(t) = v.as_str() {
                    let n = rule.as_u64().unwrap() as usize;
                    let c = t.chars().count();
                    if (key == "minLength" && c < n) || (key == "maxLength" && c > n) {
                        fail(format!("{key} {n}"));
                    }
                }
            }
            "minimum" | "maximum" | "exclusiveMinimum" => {
                if let Some(x) = v.as_f64() {
                    let n = rule.as_f64().unwrap();
                    let bad = match key.as_str() {
                        "minimum" => x < n,
                        "maximum" => x > n,
                        _ => x <= n,
                    };
                    if bad {
                        fail(format!("{x} breaks {key} {n}"));
                    }
                }
            }
            "pattern" => {
                if let Some(t) = v.as_str() {
                    let ok = match rule.as_str().unwrap() {
                        "^[a-z0-9]+(-[a-z0-9]+)*$" => id_like(t),
                        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
                            t.len() == 10
                                && t.bytes().enumerate().all(|(i, b)| {
                                    if i == 4 || i == 7 {
                                        b == b'-'
                                    } else {
                                        b.is_ascii_digit()
                                    }
                                })
                        }
                        other => panic!("pattern {other}"),
                    };
                    if !ok {
                        fail(format!("{t:?} does not match {rule}"));
                    }
                }
            }
            "allOf" => {
                for sub in rule.as_array().unwrap() {
                    errors(root, sub, v, path, out);
                }
            }
            "oneOf" => {
                let passing = rule
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        errors(root, sub, v, path, &mut e);
                        e.is_empty()
                    })
                    .count();
                if passing != 1 {
                    fail(format!("{passing} of oneOf match"));
                }
            }
            "if" => {
                let mut e = Vec::new();
                errors(root, rule, v, path, &mut e);
                if e.is_empty() {
                    errors(root, &obj["then"], v, path, out);
                }
            }
            "then" => {}
            other => panic!("the checker does not know the keyword {other} (at {path})"),
        }
    }
}

fn schema_errors(card: &Value) -> Vec<String> {
    let root = schema();
    let mut out = Vec::new();
    errors(&root, &root, card, "(card)", &mut out);
    out
}

fn every_card() -> Vec<(String, Value)> {
    let mut cards: Vec<(String, Value)> = BUILTIN_CARDS
        .iter()
        .map(|(id, text)| (id.to_string(), serde_json::from_str(text).unwrap()))
        .collect();
    let golden: Value = serde_json::from_str(GOLDEN_JSON).unwrap();
    for c in golden["test_cards"].as_array().unwrap() {
        cards.push((c["id"].as_str().unwrap().to_string(), c.clone()));
    }
    cards.push((
        "README example".into(),
        serde_json::from_str(&readme_example()).unwrap(),
    ));
    cards
}

#[test]
fn every_shipped_card_and_the_readme_example_pass_the_schema() {
    assert_eq!(
        schema()["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for (name, card) in every_card() {
        let e = schema_errors(&card);
        assert!(e.is_empty(), "{name}: {e:?}");
    }
}

#[test]
fn cards_the_app_refuses_for_a_schema_reason_fail_the_schema_too() {
    let base: Value = serde_json::from_str(&readme_example()).unwrap();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "rate above 2 mg/kg/h",
            Box::new(|c| c["base_rate"]["value"] = json!(2.5)),
        ),
        (
            "fixed rate above 600 mg/h",
            Box::new(|c| {
                c["base_rate"]["unit"] = json!("mg_per_h");
                c["base_rate"]["value"] = json!(601)
            }),
        ),
        (
            "bolus above 0.35 mg/kg",
            Box::new(|c| c["bolus"] = json!({"mg_per_kg": 0.4, "evidence": "illustrative"})),
        ),
        (
            "multiplier above 1.5",
            Box::new(|c| c["factors"][1]["effects"][0]["value"] = json!(1.6)),
        ),
        (
            "multiplier of 0",
            Box::new(|c| c["factors"][1]["effects"][0]["value"] = json!(0)),
        ),
        (
            "lower cap above 2 mg/kg/h",
            Box::new(|c| {
                c["factors"][2]["effects"][0] =
                    json!({"kind": "lower_cap", "value": 3, "unit": "mg_per_kg_per_h"})
            }),
        ),
        (
            "session of 25 h",
            Box::new(|c| c["session"]["duration_h"] = json!(25)),
        ),
        (
            "missing name",
            Box::new(|c| {
                c.as_object_mut().unwrap().remove("name");
            }),
        ),
        ("unknown field", Box::new(|c| c["colour"] = json!("blue"))),
        ("bad id", Box::new(|c| c["id"] = json!("Clinic Card"))),
        (
            "unknown effect",
            Box::new(|c| c["factors"][0]["effects"][0]["kind"] = json!("explode")),
        ),
        (
            "numeric condition without compare",
            Box::new(|c| {
                c["factors"][1]["condition"]
                    .as_object_mut()
                    .unwrap()
                    .remove("compare");
            }),
        ),
        (
            "unknown medication",
            Box::new(|c| c["factors"][2]["condition"]["any_of"] = json!(["aspirin"])),
        ),
        (
            "source evidence without sources",
            Box::new(|c| {
                c["session"].as_object_mut().unwrap().remove("sources");
            }),
        ),
        (
            "text too long",
            Box::new(|c| c["summary"] = json!("x".repeat(4097))),
        ),
        (
            "201 factors",
            Box::new(|c| {
                let f = c["factors"][1].clone();
                c["factors"] = Value::Array(vec![f; 201]);
            }),
        ),
    ];
    for (what, edit) in edits {
        let mut card = base.clone();
        edit(&mut card);
        assert!(
            !schema_errors(&card).is_empty(),
            "{what}: the schema accepts it"
        );
        assert!(
            parse_card(&card.to_string(), &is_known_source).is_err(),
            "{what}: the app accepts it"
        );
    }
}

fn enum_at(pointer: &str) -> Vec<String> {
    let s = schema();
    let v = s.pointer(pointer).unwrap_or_else(|| panic!("{pointer}"));
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn ids<T: Copy>(all: &[T], id: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| id(*v).to_string()).collect()
}

#[test]
fn the_schema_names_exactly_the_values_the_app_accepts() {
    assert_eq!(
        enum_at("/properties/setting/enum"),
        ids(Setting::ALL, Setting::id)
    );
    assert_eq!(
        enum_at("/properties/dosing_weight/properties/basis/enum"),
        ids(WeightBasis::ALL, WeightBasis::id)
    );
    assert_eq!(
        enum_at("/$defs/rate_unit/enum"),
        ids(RateUnit::ALL, RateUnit::id)
    );
    assert_eq!(
        enum_at("/$defs/evidence/enum"),
        ids(EvidenceKind::ALL, EvidenceKind::id)
    );
    assert_eq!(
        enum_at("/$defs/indication/properties/grade/enum"),
        ids(Grade::ALL, Grade::id)
    );
    assert_eq!(
        enum_at("/$defs/indication/properties/certainty/enum"),
        ids(Certainty::ALL, Certainty::id)
    );
    assert_eq!(
        enum_at("/$defs/indication/properties/condition/enum"),
        ids(PainCondition::ALL, PainCondition::id)
    );
    assert_eq!(
        enum_at("/$defs/condition/oneOf/0/properties/compare/enum"),
        ids(Compare::ALL, Compare::id)
    );
    assert_eq!(
        enum_at("/$defs/condition/oneOf/2/properties/any_of/items/enum"),
        ids(Medication::ALL, Medication::id)
    );
    let by_kind = |k: fn(AttributeKind) -> bool| -> Vec<String> {
        Attribute::ALL
            .iter()
            .filter(|a| k(a.kind()))
            .map(|a| a.id().to_string())
            .collect()
    };
    assert_eq!(
        enum_at("/$defs/condition/oneOf/0/properties/attribute/enum"),
        by_kind(|k| matches!(k, AttributeKind::Numeric { .. }))
    );
    assert_eq!(
        enum_at("/$defs/condition/oneOf/1/properties/attribute/enum"),
        by_kind(|k| k == AttributeKind::Categorical)
    );
    assert_eq!(
        enum_at("/$defs/condition/oneOf/3/properties/attribute/enum"),
        by_kind(|k| k == AttributeKind::Flag)
    );
}

#[test]
fn the_readme_worked_example_imports_and_computes_what_it_describes() {
    let text = readme_example();
    let library = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    let done = import_card(
        &library,
        &text,
        "clinic-crps-5day.json",
        "2026-11-22",
        &is_known_source,
    )
    .unwrap();
    assert_eq!(done.id, "clinic-crps-5day");
    assert!(done.messages.is_empty() && done.notes.is_empty());
    // Its one rule is for pregnancy: the report names the eight the app
    // stops for in its place.
    assert_eq!(
        done.cautions,
        ["This card has no rule for some contraindications, which every built-in card has a rule for. For a patient with any of them, the calculator stops and shows no dose: Active psychosis; Poorly controlled hypertension or heart disease; Severe liver disease; Raised intracranial pressure; Raised intraocular pressure; Theophylline or aminophylline; MAO inhibitor; Active substance misuse."]
    );
    let figure = |query: &str| -> String {
        let state = CalculatorState::from_query(query);
        match evaluate(&state.scenarios[0], done.library.cards()) {
            Evaluation::Computed(Outcome::Dose(b)) => b.figures().rate_mg_per_h,
            other => panic!("{query}: {other:?}"),
        }
    };
    // 0.25 mg/kg/h × 70 kg = 17.5 mg/h on infusion 1.
    assert_eq!(
        figure("protocol=clinic-crps-5day&weight_kg=70&age_years=40"),
        "17.5 mg/h"
    );
    // Infusion 3: 0.25 + 2 × 0.05 = 0.35 mg/kg/h × 70 kg = 24.5 mg/h.
    assert_eq!(
        figure("protocol=clinic-crps-5day&weight_kg=70&age_years=40&infusion_number=3"),
        "24.5 mg/h"
    );
    // 100 kg: 0.35 × 100 = 35 mg/h, capped at 30 mg/h.
    assert_eq!(figure("protocol=clinic-crps-5day&weight_kg=100&height_cm=190&sex=male&age_years=40&infusion_number=3"), "30 mg/h");
    // Age 70: 17.5 × 0.75 = 13.125 → 13.1 mg/h.
    assert_eq!(
        figure("protocol=clinic-crps-5day&weight_kg=70&age_years=70"),
        "13.1 mg/h"
    );
    // Clarithromycin: infusion 3 at 24.5 mg/h is capped at 20 mg/h.
    assert_eq!(figure("protocol=clinic-crps-5day&weight_kg=70&age_years=40&infusion_number=3&medications=clarithromycin"), "20 mg/h");
    let state =
        CalculatorState::from_query("protocol=clinic-crps-5day&pregnant_or_breastfeeding=true");
    assert!(matches!(
        evaluate(&state.scenarios[0], done.library.cards()),
        Evaluation::Computed(Outcome::Blocked(_))
    ));
}

#[test]
fn the_readme_documents_the_saved_format_and_the_limits_the_code_uses() {
    use ketamine_dosing_reference::domain::imported::store::{
        MAX_IMPORTED_CARDS, STORAGE_KEY, STORE_FORMAT,
    };
    assert!(README.contains(&format!("`{STORAGE_KEY}`")));
    assert!(README.contains(STORE_FORMAT));
    assert!(README.contains(&format!("At most {MAX_IMPORTED_CARDS} imported cards")));
}
