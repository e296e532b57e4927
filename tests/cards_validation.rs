//! Card validation: every shipped card validates; crafted invalid cards are
//! refused with the expected messages and field paths; the hand-written card
//! reader and the serde derive accept exactly the same files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use ketamine_dosing_reference::domain::dosing::builtin::{
    builtin_card, builtin_cards, BUILTIN_CARDS,
};
use ketamine_dosing_reference::domain::dosing::card::ProtocolCard;
use ketamine_dosing_reference::domain::dosing::problem::CardProblem;
use ketamine_dosing_reference::domain::dosing::reader::card_from_value;
use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, validate, ValidCard,
};
use ketamine_dosing_reference::domain::json;
use serde_json::{json, Value};

/// The app's own JSON value for a serde_json one (through its text).
fn ours(v: &Value) -> json::Value {
    json::parse_value(&v.to_string()).unwrap()
}

fn known(id: &str) -> bool {
    is_evidence_source_id(id)
}

fn builtin_json(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == id).unwrap();
    serde_json::from_str(text).unwrap()
}

fn factor_index(card: &Value, id: &str) -> usize {
    card["factors"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no factor {id}"))
}

fn problems_of(card: &Value) -> Vec<CardProblem> {
    let text = serde_json::to_string(card).unwrap();
    match parse_card(&text, &known) {
        Ok(_) => panic!("card was accepted"),
        Err(p) => p,
    }
}

/// Asserts that some problem has exactly this path and a message containing
/// every fragment; returns it.
fn expect_problem(problems: &[CardProblem], path: &str, fragments: &[&str]) -> CardProblem {
    let found = problems
        .iter()
        .find(|p| p.path() == path && fragments.iter().all(|f| p.to_string().contains(f)));
    match found {
        Some(p) => p.clone(),
        None => panic!(
            "no problem at {path} containing {fragments:?}; got:\n{}",
            problems
                .iter()
                .map(|p| format!("  [{}] {p}", p.path()))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn accepted(card: &Value) -> ValidCard {
    let text = serde_json::to_string(card).unwrap();
    match parse_card(&text, &known) {
        Ok(c) => c,
        Err(p) => panic!("refused: {p:?}"),
    }
}

#[test]
fn a_value_quoted_in_a_problem_shows_its_invisible_characters_as_code_points() {
    let mut card = builtin_json("crps-4h");
    card["factors"][0]["id"] = json!("preg\u{202e}nancy");
    card["sources"] = json!(["R2", "R5\u{200b}"]);
    let problems = problems_of(&card);
    expect_problem(
        &problems,
        "factors[0].id",
        &["\"preg[U+202E]nancy\" is not a valid id"],
    );
    expect_problem(
        &problems,
        "sources[1]",
        &["source \"R5[U+200B]\" is not in this app's list of sources"],
    );
    for p in &problems {
        let text = p.to_string();
        assert!(
            !text.contains('\u{202e}') && !text.contains('\u{200b}'),
            "{text}"
        );
    }
    // Still at most 60 characters of the value, then an ellipsis.
    let mut card = builtin_json("crps-4h");
    card["sources"] = json!(["R2", format!("{}\u{200b}{}", "a".repeat(59), "b".repeat(3))]);
    let problems = problems_of(&card);
    expect_problem(
        &problems,
        "sources[1]",
        &[&format!("source \"{}[U+200B]…\" is not", "a".repeat(59))],
    );
}

#[test]
fn every_shipped_card_validates() {
    match builtin_cards(&known) {
        Ok(cards) => {
            assert_eq!(cards.len(), BUILTIN_CARDS.len());
            let ids: Vec<&str> = cards.iter().map(|c| c.id()).collect();
            assert_eq!(
                ids,
                [
                    "outpatient-consensus",
                    "crps-4h",
                    "crps-continuous",
                    "headache-inpatient",
                    "fibromyalgia-short"
                ]
            );
        }
        Err(problems) => {
            for p in &problems {
                for q in &p.problems {
                    eprintln!("{}: [{}] {q}", p.id, q.path());
                }
            }
            panic!("{} cards failed", problems.len());
        }
    }
    assert!(builtin_card("crps-4h", &known).unwrap().is_ok());
    assert!(builtin_card("no-such-card", &known).is_none());
}

#[test]
fn shipped_cards_refuse_unknown_source_ids() {
    // With an empty source list, every source id of every card is a problem.
    let none = |_: &str| false;
    let failures = builtin_cards(&none).unwrap_err();
    assert_eq!(failures.len(), BUILTIN_CARDS.len());
    for f in failures {
        assert!(f
            .problems
            .iter()
            .all(|p| matches!(p, CardProblem::UnknownSource { .. })));
    }
}

#[test]
fn shipped_card_source_ids_exist_in_the_apps_sources_list() {
    // The reference content lists its sources in assets/content/sources.json.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/content/sources.json"
    ))
    .expect("assets/content/sources.json");
    let v: Value = serde_json::from_str(&text).unwrap();
    let ids: BTreeSet<String> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let in_list = |id: &str| ids.contains(id);
    for info in ketamine_dosing_reference::domain::dosing::medication::catalogue() {
        for s in info.sources {
            assert!(
                in_list(s),
                "catalogue source {s} of {} is missing",
                info.medication.id()
            );
        }
    }
    assert!(
        in_list("seed-dosing"),
        "the under-18 rule cites seed-dosing"
    );
    assert!(in_list("R2"), "the hard limit cites R2");
    if let Err(failures) = builtin_cards(&in_list) {
        let missing: BTreeSet<String> = failures
            .iter()
            .flat_map(|f| f.problems.iter())
            .map(|p| p.to_string())
            .collect();
        panic!("source ids missing from sources.json: {missing:#?}");
    }
}

#[test]
fn the_cards_have_the_figures_of_the_evidence_file() {
    let cards = builtin_cards(&known).unwrap();
    let get = |id: &str| cards.iter().find(|c| c.id() == id).unwrap().card();
    let c = get("crps-4h");
    assert_eq!(c.base_rate.value, 0.35);
    assert_eq!(c.session.duration_h, 4.0);
    assert_eq!(c.caps.mg_per_h.as_ref().unwrap().value, 25.0);
    assert_eq!(c.caps.per_session.as_ref().unwrap().value, 100.0);
    assert_eq!(c.phases.induction_count, 10);
    assert!(c.titration.is_none());
    assert!(c.factors.iter().all(|f| f.id != "pain-neuropathic-longer"));
    let c = get("outpatient-consensus");
    assert_eq!(c.base_rate.value, 0.5);
    assert_eq!(c.caps.mg_per_kg_per_h.as_ref().unwrap().value, 1.0);
    assert_eq!(c.caps.mg_per_h.as_ref().unwrap().value, 100.0);
    assert_eq!(c.caps.per_session.as_ref().unwrap().value, 200.0);
    assert!(c.minimum_trial_notice);
    assert_eq!(c.multiplier_floor, 0.25);
    let c = get("crps-continuous");
    assert_eq!(
        (c.base_rate.value, c.caps.mg_per_h.as_ref().unwrap().value),
        (10.0, 40.0)
    );
    assert_eq!(c.caps.per_session.as_ref().unwrap().value, 960.0);
    assert!(c.session.continuous);
    let c = get("headache-inpatient");
    assert_eq!(c.base_rate.value, 0.1);
    assert_eq!(c.caps.mg_per_kg_per_h.as_ref().unwrap().value, 1.0);
    assert_eq!(c.phases.induction_count, 5);
    let c = get("fibromyalgia-short");
    assert!(c.research_only);
    assert!(c
        .research_note
        .as_ref()
        .unwrap()
        .contains("no lasting benefit"));
    assert_eq!((c.base_rate.value, c.session.duration_h), (1.0, 0.5));
}

/// A factor that leaves the rate at × 1 and only warns is badged "source"
/// only where a source says the rate needs no change (the evidence file's
/// table of factors: renal impairment, itraconazole; an active misuse
/// blocks serial infusions only, so the single-infusion card warns). Where
/// the sources give the warning alone, the × 1 is this app's choice: the
/// factor is illustrative, and its note (shown in the calculator's steps)
/// says which part is sourced.
#[test]
fn a_rate_left_unchanged_is_badged_source_only_where_a_source_says_so() {
    use ketamine_dosing_reference::domain::dosing::card::{Effect, EvidenceKind};
    let cards = builtin_cards(&known).unwrap();
    let sourced_no_change = ["renal-impairment", "itraconazole", "substance-active"];
    let mut app_choices = 0;
    for card in &cards {
        for f in &card.card().factors {
            let unchanged = f
                .effects
                .iter()
                .any(|e| matches!(e, Effect::RateMultiplier { value } if *value == 1.0));
            let warns = f
                .effects
                .iter()
                .any(|e| matches!(e, Effect::Warning { .. }));
            if !unchanged {
                continue;
            }
            if f.evidence == EvidenceKind::Source {
                assert!(
                    sourced_no_change.contains(&f.id.as_str()),
                    "{}: {} leaves the rate unchanged, badged source",
                    card.id(),
                    f.id
                );
            }
            if warns && f.evidence == EvidenceKind::Illustrative {
                let note = f.note.as_deref().unwrap_or("");
                assert!(
                    note.contains("this app's choice"),
                    "{}: {} says nothing of whose choice the unchanged rate is",
                    card.id(),
                    f.id
                );
                app_choices += 1;
            }
        }
    }
    // Per card: mild liver impairment, controlled heart disease,
    // benzodiazepines, diazepam, opioids, tricyclics, levothyroxine,
    // memantine, sympathomimetics and a past psychosis.
    assert_eq!(app_choices, 10 * cards.len());
    // Diazepam's note says its source lowers the infusion.
    let diazepam = cards[0]
        .card()
        .factors
        .iter()
        .find(|f| f.id == "diazepam")
        .unwrap();
    assert!(diazepam
        .note
        .as_deref()
        .unwrap()
        .contains("That guideline lowers the infusion with diazepam"));
}

#[test]
fn reader_and_serde_agree_on_every_shipped_card_and_round_trip() {
    for (id, text) in BUILTIN_CARDS {
        let value: Value = serde_json::from_str(text).unwrap();
        let by_reader = card_from_value(&ours(&value)).unwrap();
        let by_serde: ProtocolCard = serde_json::from_str(text).unwrap();
        assert_eq!(by_reader, by_serde, "{id}");
        let again: ProtocolCard = serde_json::from_str(&by_serde.to_json_pretty()).unwrap();
        assert_eq!(again, by_serde, "{id}");
    }
}

#[test]
fn rate_over_2_mg_per_kg_per_h_is_refused() {
    let mut card = builtin_json("outpatient-consensus");
    card["base_rate"]["value"] = json!(2);
    card["titration"]["maximum"] = json!(2);
    card["caps"]["mg_per_kg_per_h"]["value"] = json!(2);
    accepted(&card);
    card["base_rate"]["value"] = json!(2.5);
    let p = problems_of(&card);
    let problem = expect_problem(
        &p,
        "base_rate.value",
        &["2.5 mg/kg/h", "hard limit of 2 mg/kg/h"],
    );
    assert_eq!(
        problem.to_string(),
        "base_rate.value: 2.5 mg/kg/h is above the hard limit of 2 mg/kg/h (top of the 2018 consensus infusion range outside intensive care [R2]); no card may exceed it."
    );
    let mut card = builtin_json("outpatient-consensus");
    card["caps"]["mg_per_kg_per_h"]["value"] = json!(3);
    card["titration"]["step"] = json!(2.01);
    card["titration"]["maximum"] = json!(4);
    let p = problems_of(&card);
    expect_problem(
        &p,
        "caps.mg_per_kg_per_h.value",
        &["hard limit of 2 mg/kg/h"],
    );
    expect_problem(&p, "titration.step", &["2.01 mg/kg/h", "hard limit"]);
    expect_problem(&p, "titration.maximum", &["4 mg/kg/h", "hard limit"]);
}

#[test]
fn fixed_hourly_figures_over_600_mg_per_h_and_lower_caps_over_the_limit_are_refused() {
    let mut card = builtin_json("crps-continuous");
    card["base_rate"]["value"] = json!(601);
    let i = factor_index(&card, "weight-under-50");
    card["factors"][i]["effects"][0] =
        json!({"kind": "lower_cap", "value": 2.1, "unit": "mg_per_kg_per_h"});
    let p = problems_of(&card);
    expect_problem(
        &p,
        "base_rate.value",
        &[
            "601 mg/h",
            "0.1 mg/h to 600 mg/h",
            "the 2 mg/kg/h hard limit still applies",
        ],
    );
    expect_problem(
        &p,
        &format!("factors[{i}].effects[0].value"),
        &["2.1 mg/kg/h", "hard limit"],
    );
    // An S-ketamine card's message names its own hard limit.
    card["drug"] = json!("s_ketamine");
    let p = problems_of(&card);
    let problem = expect_problem(
        &p,
        "base_rate.value",
        &["the 1 mg/kg/h hard limit for S-ketamine still applies"],
    );
    assert!(!problem.to_string().contains("the 2 mg/kg/h hard limit"));
}

#[test]
fn bolus_over_0_35_mg_per_kg_is_refused() {
    let mut card = builtin_json("outpatient-consensus");
    card["bolus"] = json!({"mg_per_kg": 0.35, "evidence": "source", "sources": ["R2"]});
    accepted(&card);
    card["bolus"]["mg_per_kg"] = json!(0.36);
    let p = problems_of(&card);
    let problem = expect_problem(
        &p,
        "bolus.mg_per_kg",
        &["0.36 mg/kg", "hard limit of 0.35 mg/kg"],
    );
    assert!(problem.to_string().contains("consensus bolus ceiling"));
    card["bolus"]["mg_per_kg"] = json!(0);
    expect_problem(
        &problems_of(&card),
        "bolus.mg_per_kg",
        &["0.01 mg/kg to 0.35 mg/kg"],
    );
    // A number that reads as the limit is named as just over it.
    card["bolus"]["mg_per_kg"] = json!(0.3500000000000001);
    expect_problem(
        &problems_of(&card),
        "bolus.mg_per_kg",
        &["just over 0.35 mg/kg", "hard limit of 0.35 mg/kg"],
    );
}

#[test]
fn multipliers_above_1_5_or_at_or_below_zero_are_refused() {
    let mut card = builtin_json("outpatient-consensus");
    let i = factor_index(&card, "age-65-plus");
    let path = format!("factors[{i}].effects[0].value");
    card["factors"][i]["effects"][0]["value"] = json!(1.5);
    accepted(&card);
    card["factors"][i]["effects"][0]["value"] = json!(1.6);
    let p = problems_of(&card);
    expect_problem(&p, &path, &["multiplier 1.6", "hard limit of 1.5"]);
    for bad in [0.0, -1.0] {
        card["factors"][i]["effects"][0]["value"] = json!(bad);
        let p = problems_of(&card);
        expect_problem(&p, &path, &["0.1 to 1.5"]);
    }
    card["factors"][i]["effects"][0]["value"] = json!(0.5);
    card["factors"][i]["effects"][1]["value"] = json!(-1);
    let p = problems_of(&card);
    expect_problem(
        &p,
        &format!("factors[{i}].effects[1].value"),
        &["multiplier -1"],
    );
}

#[test]
fn missing_fields_are_reported_with_their_paths() {
    let mut card = builtin_json("crps-4h");
    card.as_object_mut().unwrap().remove("base_rate");
    card["factors"][0].as_object_mut().unwrap().remove("label");
    card["caps"]["mg_per_h"]
        .as_object_mut()
        .unwrap()
        .remove("value");
    let p = problems_of(&card);
    assert_eq!(
        expect_problem(&p, "base_rate", &[]).to_string(),
        "base_rate: this required field is missing."
    );
    expect_problem(&p, "factors[0].label", &["required field is missing"]);
    expect_problem(&p, "caps.mg_per_h.value", &["required field is missing"]);
    assert_eq!(p.len(), 3, "{p:?}");
}

#[test]
fn wrong_types_are_reported_with_their_paths() {
    let mut card = builtin_json("crps-4h");
    card["base_rate"]["value"] = json!("0.35");
    card["research_only"] = json!("yes");
    card["phases"]["induction_count"] = json!(10.5);
    card["sources"] = json!("R5");
    card["factors"][1]["effects"] = json!({"kind": "block"});
    let p = problems_of(&card);
    assert_eq!(
        expect_problem(&p, "base_rate.value", &[]).to_string(),
        "base_rate.value: expected a number, found text."
    );
    expect_problem(&p, "research_only", &["expected true or false, found text"]);
    // A number that is not whole is shown as written; anything else by type.
    expect_problem(
        &p,
        "phases.induction_count",
        &["expected a whole number (no fraction, not negative), found 10.5"],
    );
    card["phases"]["induction_count"] = json!("ten");
    let p2 = problems_of(&card);
    assert_eq!(
        expect_problem(&p2, "phases.induction_count", &[]).to_string(),
        "phases.induction_count: expected a whole number, found text."
    );
    expect_problem(&p, "sources", &["expected a list, found text"]);
    expect_problem(
        &p,
        "factors[1].effects",
        &["expected a list, found an object"],
    );
    let top = problems_of(&json!([1, 2]));
    expect_problem(&top, "(card)", &["expected an object, found a list"]);
}

#[test]
fn whole_numbers_written_with_a_decimal_point_or_exponent_are_read() {
    // Tools that write every JSON number as a decimal give "6.0"; the
    // schema's "integer" allows it, and so does the app.
    let mut card = builtin_json("crps-4h");
    let count = card["phases"]["induction_count"].as_u64().unwrap();
    card["phases"]["induction_count"] = json!(count as f64);
    let text = serde_json::to_string(&card).unwrap();
    let written = format!("\"induction_count\":{count}.0");
    assert!(text.contains(&written), "{text}");
    for form in [
        format!("{count}.0"),
        format!("{count}e0"),
        format!("{count}.000"),
        format!("{}e-1", count * 10),
    ] {
        let text = text.replace(&written, &format!("\"induction_count\":{form}"));
        let c = parse_card(&text, &known).unwrap_or_else(|p| panic!("{form}: {p:?}"));
        assert_eq!(u64::from(c.card().phases.induction_count), count, "{form}");
    }
    // -0 is 0, which the validator then refuses by range, not by type.
    let p = match parse_card(&text.replace(&written, "\"induction_count\":-0"), &known) {
        Ok(_) => panic!("accepted"),
        Err(p) => p,
    };
    expect_problem(&p, "phases.induction_count", &["0"]);
    assert!(
        !p.iter().any(|q| q.to_string().contains("expected")),
        "{p:?}"
    );
    // Not whole, negative or beyond any count: refused by type, in words.
    // The number is echoed as a person writes it ("10,000,000,000", not the
    // JSON writer's "10000000000.0").
    for (form, why) in [
        ("6.5", "no fraction, not negative), found 6.5."),
        ("-1", "no fraction, not negative), found -1."),
        ("-6.0", "no fraction, not negative), found -6."),
        ("1e10", "of a sensible size, found 10,000,000,000."),
        ("4294967296", "of a sensible size, found 4,294,967,296."),
        ("1e300", "of a sensible size, found 1e+300."),
        (
            "999999999999999",
            "of a sensible size, found 999,999,999,999,999.",
        ),
        ("1e15", "of a sensible size, found 1000000000000000."),
    ] {
        let p = match parse_card(
            &text.replace(&written, &format!("\"induction_count\":{form}")),
            &known,
        ) {
            Ok(_) => panic!("{form} accepted"),
            Err(p) => p,
        };
        expect_problem(&p, "phases.induction_count", &[why]);
    }
}

#[test]
fn an_indication_listed_twice_is_refused() {
    // A card-authoring review imported two grades for one condition, and
    // both were shown.
    let mut card = builtin_json("crps-4h");
    card["indications"] = json!([
        { "condition": "neuropathic", "grade": "D" },
        { "condition": "crps", "grade": "B" },
        { "condition": "neuropathic", "grade": "A" }
    ]);
    let p = problems_of(&card);
    expect_problem(
        &p,
        "indications[2].condition",
        &["\"neuropathic\" is listed twice."],
    );
    assert_eq!(p.len(), 1, "{p:?}");
    card["indications"][2]["condition"] = json!("fibromyalgia");
    accepted(&card);
    // A source listed twice, and a value of a condition's list listed twice,
    // are refused at the repeat (the first is not).
    let mut card = builtin_json("outpatient-consensus");
    card["sources"] = json!(["R1", "R2", "R1"]);
    card["factors"][0]["condition"]["any_of"] = json!(["active", "history", "active"]);
    let p = problems_of(&card);
    expect_problem(&p, "sources[2]", &["source \"R1\" is listed twice."]);
    expect_problem(
        &p,
        "factors[0].condition.any_of[2]",
        &["\"active\" is listed twice."],
    );
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn unknown_fields_attributes_values_and_medications_are_refused() {
    // Structure first: unknown fields, attributes and names (all listed together).
    let mut card = builtin_json("outpatient-consensus");
    card["dose_boost"] = json!(2);
    card["factors"][0]["extra"] = json!(true);
    let k = factor_index(&card, "age-65-plus");
    card["factors"][k]["condition"]["attribute"] = json!("shoe_size");
    card["setting"] = json!("spaceship");
    let p = problems_of(&card);
    assert_eq!(p.len(), 4, "{p:?}");
    expect_problem(&p, "dose_boost", &["unknown field", "base_rate"]);
    expect_problem(&p, "factors[0].extra", &["unknown field"]);
    expect_problem(
        &p,
        &format!("factors[{k}].condition.attribute"),
        &["\"shoe_size\" is not allowed here", "age_years"],
    );
    expect_problem(&p, "setting", &["outpatient, inpatient_monitored"]);
    // Then the rules: unknown medication ids and condition values.
    let mut card = builtin_json("outpatient-consensus");
    let i = factor_index(&card, "cyp3a4-strong-inhibitor");
    card["factors"][i]["condition"]["any_of"] = json!(["clarithromycin", "aspirin"]);
    let j = factor_index(&card, "hepatic-mild");
    card["factors"][j]["condition"]["any_of"] = json!(["very_bad"]);
    let p = problems_of(&card);
    assert_eq!(p.len(), 2, "{p:?}");
    expect_problem(
        &p,
        &format!("factors[{i}].condition.any_of[1]"),
        &["\"aspirin\" is not a medication id known to this app"],
    );
    expect_problem(
        &p,
        &format!("factors[{j}].condition.any_of[0]"),
        &["\"very_bad\"", "none, mild, moderate, severe"],
    );
}

#[test]
fn duplicate_factor_ids_are_refused() {
    let mut card = builtin_json("crps-4h");
    card["factors"][3]["id"] = card["factors"][1]["id"].clone();
    let p = problems_of(&card);
    let problem = expect_problem(&p, "factors[3].id", &["already used by factors[1].id"]);
    assert!(matches!(problem, CardProblem::DuplicateId { .. }));
}

#[test]
fn non_finite_numbers_are_refused_with_line_and_path() {
    let card = builtin_json("crps-4h");
    let text = serde_json::to_string_pretty(&card).unwrap();
    let text = text.replacen("\"value\": 0.35", "\"value\": 1e400", 1);
    let p = parse_card(&text, &known).unwrap_err();
    assert_eq!(p.len(), 1);
    match &p[0] {
        CardProblem::Syntax {
            path,
            line,
            message,
            ..
        } => {
            assert_eq!(path, "base_rate.value");
            assert!(*line > 1);
            assert_eq!(
                message,
                "a number is too large to be finite (for example 1e400)."
            );
        }
        other => panic!("{other:?}"),
    }
    for bad in ["-1e400", "NaN", "Infinity"] {
        let text = serde_json::to_string(&card)
            .unwrap()
            .replacen("0.35", bad, 1);
        let p = parse_card(&text, &known).unwrap_err();
        assert!(matches!(p[0], CardProblem::Syntax { .. }), "{bad}: {p:?}");
    }
}

#[test]
fn unknown_sources_and_missing_evidence_sources_are_refused() {
    let mut card = builtin_json("crps-4h");
    card["base_rate"]["sources"] = json!(["R5", "R999"]);
    card["session"]["sources"] = json!([]);
    let p = problems_of(&card);
    assert_eq!(
        expect_problem(&p, "base_rate.sources[1]", &[]).to_string(),
        "base_rate.sources[1]: source \"R999\" is not in this app's list of sources. The Sources page (#/sources) gives each source's id in square brackets, such as [R2]."
    );
    expect_problem(&p, "session.sources", &["needs at least one source id"]);
}

#[test]
fn condition_shapes_and_card_rules_are_checked() {
    let mut card = builtin_json("crps-4h");
    let a = factor_index(&card, "age-65-plus");
    card["factors"][a]["condition"]
        .as_object_mut()
        .unwrap()
        .remove("compare");
    card["factors"][a]["condition"]["any_of"] = json!(["65"]);
    let r = factor_index(&card, "renal-impairment");
    card["factors"][r]["condition"] = json!({"attribute": "renal_impairment"});
    let o = factor_index(&card, "other-antidepressant");
    card["factors"][o]["effects"] = json!([{"kind": "titration_step_multiplier", "value": 0.5}]);
    card["review_date"] = json!("2026-02-30");
    card["id"] = json!("CRPS 4h");
    card["research_only"] = json!(true);
    let p = problems_of(&card);
    expect_problem(
        &p,
        &format!("factors[{a}].condition.compare"),
        &["at_least, above, below or at_most"],
    );
    expect_problem(
        &p,
        &format!("factors[{a}].condition.any_of"),
        &["not used with the numeric attribute"],
    );
    expect_problem(
        &p,
        &format!("factors[{r}].condition.is"),
        &["required field is missing"],
    );
    expect_problem(&p, &format!("factors[{o}].effects[0]"), &["no titration"]);
    // Written YYYY-MM-DD, but a day February does not have: the message
    // does not claim the form is wrong.
    expect_problem(
        &p,
        "review_date",
        &["\"2026-02-30\" is not a date that exists, written YYYY-MM-DD"],
    );
    expect_problem(&p, "id", &["lower-case letters and digits"]);
    expect_problem(&p, "research_note", &["research-only card must say why"]);
    let mut card = builtin_json("crps-4h");
    card["factors"][0]["effects"] = json!([{"kind": "explode"}]);
    let p = problems_of(&card);
    expect_problem(
        &p,
        "factors[0].effects[0].kind",
        &["\"explode\"", "rate_multiplier"],
    );
}

#[test]
fn a_factor_on_the_infusion_number_may_warn_inform_or_stop_but_not_change_the_dose() {
    // The ladder of the infusion shown is built from the factors that hold
    // for it, so a rate change "from infusion 3" would give the sheets of
    // infusions 1 and 3 different figures for the same course.
    let on_infusion = json!({"attribute": "infusion_number", "compare": "at_least", "value": 3});
    for effect in [
        json!({"kind": "rate_multiplier", "value": 0.5}),
        json!({"kind": "duration_multiplier", "value": 0.5}),
        json!({"kind": "titration_step_multiplier", "value": 0.5}),
        json!({"kind": "lower_cap", "value": 20, "unit": "mg_per_h"}),
    ] {
        let mut card = builtin_json("outpatient-consensus");
        card["factors"][0]["condition"] = on_infusion.clone();
        card["factors"][0]["effects"] =
            json!([{"kind": "notice", "text": "Third infusion."}, effect.clone()]);
        let p = problems_of(&card);
        expect_problem(
            &p,
            "factors[0].effects[1]",
            &["may only warn, inform or stop", "titration"],
        );
        assert!(
            !p.iter().any(|q| q.path() == "factors[0].effects[0]"),
            "{effect}: {p:?}"
        );
        // The same effect on another numeric attribute is accepted.
        card["factors"][0]["condition"] =
            json!({"attribute": "age_years", "compare": "at_least", "value": 65});
        accepted(&card);
    }
    for effect in [
        json!({"kind": "warning", "text": "Check liver tests first."}),
        json!({"kind": "notice", "text": "Third infusion."}),
        json!({"kind": "block", "text": "No more than two infusions on this card."}),
    ] {
        let mut card = builtin_json("outpatient-consensus");
        card["factors"][0]["condition"] = on_infusion.clone();
        card["factors"][0]["effects"] = json!([effect]);
        accepted(&card);
    }
}

#[test]
fn thresholds_outside_the_attribute_range_and_long_durations_are_refused() {
    let mut card = builtin_json("outpatient-consensus");
    let a = factor_index(&card, "age-65-plus");
    card["factors"][a]["condition"]["value"] = json!(500);
    let p = factor_index(&card, "pain-neuropathic-longer");
    let mut factors = card["factors"].as_array().unwrap().clone();
    for n in 0..4 {
        let mut f = factors[p].clone();
        f["id"] = json!(format!("longer-{n}"));
        f["effects"] = json!([{"kind": "duration_multiplier", "value": 1.5}]);
        factors.push(f);
    }
    card["factors"] = Value::Array(factors);
    let problems = problems_of(&card);
    expect_problem(
        &problems,
        &format!("factors[{a}].condition.value"),
        &["500 years", "0 to 120 years"],
    );
    expect_problem(
        &problems,
        "factors",
        &["lengthen a session to 25.31", "at most 24 h"],
    );
}

#[test]
fn absurdly_large_inputs_are_refused_clearly() {
    let mut card = builtin_json("crps-4h");
    let f = card["factors"][0].clone();
    let many: Vec<Value> = (0..201)
        .map(|i| {
            let mut g = f.clone();
            g["id"] = json!(format!("f-{i}"));
            g
        })
        .collect();
    card["factors"] = Value::Array(many);
    card["summary"] = json!("x".repeat(5000));
    let p = problems_of(&card);
    assert_eq!(
        expect_problem(&p, "factors", &[]).to_string(),
        "factors: 201 entries; at most 200 are accepted."
    );
    expect_problem(&p, "summary", &["5000 characters", "at most 4096"]);

    let huge = format!("{{\"id\": \"{}\"}}", "a".repeat(6 * 1024 * 1024));
    let p = parse_card(&huge, &known).unwrap_err();
    assert_eq!(p.len(), 1);
    assert!(matches!(p[0], CardProblem::TooLarge { .. }));
    assert!(
        p[0].to_string() == "The file is 6,144 KB; a protocol card may be at most 512 KB.",
        "{}",
        p[0]
    );

    let deep = format!("{}{}", "{\"a\":".repeat(300), "}".repeat(300));
    let p = parse_card(&deep, &known).unwrap_err();
    assert!(p[0].to_string().contains("nested too deeply"), "{}", p[0]);

    let p = parse_card("this is not JSON", &known).unwrap_err();
    assert!(
        matches!(&p[0], CardProblem::Syntax { line: 1, .. }),
        "{p:?}"
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut card = builtin_json("outpatient-consensus");
    card["base_rate"]["value"] = json!(3);
    card["bolus"] = json!({"mg_per_kg": 1, "evidence": "source", "sources": ["R2"]});
    card["multiplier_floor"] = json!(0);
    card["session"]["duration_h"] = json!(25);
    card["phases"]["induction_count"] = json!(0);
    let p = problems_of(&card);
    let paths: BTreeSet<&str> = p.iter().map(|p| p.path()).collect();
    for path in [
        "base_rate.value",
        "bolus.mg_per_kg",
        "multiplier_floor",
        "session.duration_h",
        "phases.induction_count",
    ] {
        assert!(paths.contains(path), "{path} missing from {paths:?}");
    }
}

#[test]
fn validate_on_a_serde_card_applies_the_same_rules() {
    let text = BUILTIN_CARDS
        .iter()
        .find(|(i, _)| *i == "crps-4h")
        .unwrap()
        .1;
    let mut card: ProtocolCard = serde_json::from_str(text).unwrap();
    assert!(validate(&card, &known).is_ok());
    card.base_rate.value = f64::NAN;
    card.multiplier_floor = f64::INFINITY;
    let p = validate(&card, &known).unwrap_err();
    expect_problem(&p, "base_rate.value", &["not finite"]);
    expect_problem(&p, "multiplier_floor", &["not finite"]);
}

#[test]
fn structural_problems_are_refused_by_serde_too() {
    // The reader and serde must agree on what is structurally valid.
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<Mutation> = vec![
        Box::new(|c| {
            c.as_object_mut().unwrap().remove("phases");
        }),
        Box::new(|c| c["base_rate"]["value"] = json!("x")),
        Box::new(|c| c["extra"] = json!(1)),
        Box::new(|c| c["factors"][0]["effects"][0]["kind"] = json!("explode")),
        Box::new(|c| c["factors"][0]["effects"][0]["colour"] = json!("red")),
        Box::new(|c| c["factors"][0]["condition"]["attribute"] = json!("shoe_size")),
        Box::new(|c| c["phases"]["induction_count"] = json!(-1)),
        Box::new(|c| c["caps"] = json!(null)),
        Box::new(|c| c["setting"] = json!("home")),
    ];
    for (i, m) in mutations.iter().enumerate() {
        let mut card = builtin_json("crps-4h");
        m(&mut card);
        assert!(
            card_from_value(&ours(&card)).is_err(),
            "reader accepted mutation {i}"
        );
        assert!(
            serde_json::from_value::<ProtocolCard>(card).is_err(),
            "serde accepted mutation {i}"
        );
    }
    // Optional fields may be absent or null in both.
    let mut card = builtin_json("crps-4h");
    card["titration"] = json!(null);
    card["caps"]["mg_per_h"]["note"] = json!(null);
    card.as_object_mut().unwrap().remove("multiplier_floor");
    card["$schema"] = json!("../card.schema.json");
    let by_reader = card_from_value(&ours(&card)).unwrap();
    let by_serde: ProtocolCard = serde_json::from_value(card).unwrap();
    assert_eq!(by_reader, by_serde);
    assert_eq!(by_reader.multiplier_floor, 0.25);
}

/// The smallest figures, durations and courses a card may give, each just
/// below, at and above its bound: below is refused with the range, at and
/// above are accepted.
#[test]
fn figures_too_small_to_be_a_dose_and_courses_that_cannot_happen_are_refused() {
    type Set = fn(&mut Value, f64);
    let cases: [(&str, &str, f64, Set, &str); 7] = [
        (
            "crps-4h",
            "base_rate.value",
            0.01,
            |c, v| c["base_rate"]["value"] = json!(v),
            "0.01 mg/kg/h to 2 mg/kg/h",
        ),
        (
            "crps-continuous",
            "base_rate.value",
            0.1,
            |c, v| c["base_rate"]["value"] = json!(v),
            "0.1 mg/h to 600 mg/h",
        ),
        (
            "crps-4h",
            "caps.per_session.value",
            1.0,
            |c, v| c["caps"]["per_session"]["value"] = json!(v),
            "1 mg to 14,400 mg",
        ),
        (
            "fibromyalgia-short",
            "caps.per_session.value",
            0.01,
            |c, v| c["caps"]["per_session"]["value"] = json!(v),
            "0.01 mg/kg to 48 mg/kg",
        ),
        (
            "crps-4h",
            "session.duration_h",
            0.25,
            |c, v| c["session"]["duration_h"] = json!(v),
            "0.25 h to 24 h",
        ),
        (
            "crps-4h",
            "multiplier_floor",
            0.1,
            |c, v| c["multiplier_floor"] = json!(v),
            "0.1 to 1",
        ),
        (
            "outpatient-consensus",
            "bolus.mg_per_kg",
            0.01,
            |c, v| c["bolus"] = json!({"mg_per_kg": v, "evidence": "source", "sources": ["R2"]}),
            "0.01 mg/kg to 0.35 mg/kg",
        ),
    ];
    for (id, path, bound, set, range) in cases {
        let mut card = builtin_json(id);
        if path == "caps.per_session.value" && id == "crps-4h" {
            // The cap may not end up below one session at the base rate's
            // floor: drop the rate caps so the per-session cap alone binds.
            card["caps"]["mg_per_h"] = Value::Null;
        }
        for ok in [bound, bound * 1.01] {
            set(&mut card, ok);
            let text = serde_json::to_string(&card).unwrap();
            assert!(
                parse_card(&text, &known).is_ok(),
                "{id} {path} = {ok}: {:?}",
                parse_card(&text, &known).err()
            );
        }
        set(&mut card, bound * 0.99);
        expect_problem(&problems_of(&card), path, &[range]);
        // Far too small: named by its order, not in hundreds of zeros.
        set(&mut card, 5e-324);
        let p = expect_problem(&problems_of(&card), path, &["under 0.000001", range]);
        assert!(p.to_string().len() < 400, "{p}");
    }
    // A multiplier: from 0.1.
    let mut card = builtin_json("outpatient-consensus");
    let i = factor_index(&card, "age-65-plus");
    let path = format!("factors[{i}].effects[0].value");
    for ok in [0.1, 0.11] {
        card["factors"][i]["effects"][0]["value"] = json!(ok);
        accepted(&card);
    }
    card["factors"][i]["effects"][0]["value"] = json!(0.099);
    expect_problem(
        &problems_of(&card),
        &path,
        &["multiplier 0.099", "0.1 to 1.5"],
    );
    // Duration multipliers that together could shorten a 4-h session under
    // 15 minutes: 4 h × 0.25 × 0.25 = 0.25 h is allowed, × 0.249 is not.
    let mut card = builtin_json("crps-4h");
    let factor = |id: &str, m: f64| {
        json!({"id": id, "label": id, "condition": {"attribute": "age_years", "compare": "at_least", "value": 90},
               "effects": [{"kind": "duration_multiplier", "value": m}], "evidence": "illustrative"})
    };
    card["factors"]
        .as_array_mut()
        .unwrap()
        .push(factor("short-a", 0.25));
    card["factors"]
        .as_array_mut()
        .unwrap()
        .push(factor("short-b", 0.25));
    accepted(&card);
    let last = card["factors"].as_array().unwrap().len() - 1;
    card["factors"][last]["effects"][0]["value"] = json!(0.249);
    expect_problem(
        &problems_of(&card),
        "factors",
        &[
            "could shorten a session to 0.249 h",
            "at least 0.25 h (15 minutes)",
        ],
    );
    // A duration multiplier of 0 or below is one fault, named once: the
    // multiplier's range, not also a session shortened to nothing.
    for bad in [0.0, -0.5] {
        let mut card = builtin_json("crps-4h");
        card["factors"]
            .as_array_mut()
            .unwrap()
            .push(factor("short-a", bad));
        let p = problems_of(&card);
        assert_eq!(p.len(), 1, "{bad}: {p:?}");
        assert!(p[0].path().ends_with(".effects[0].value"), "{bad}: {p:?}");
    }
    // At most one infusion (or day) a day: 10 in 10 days, not 11.
    let mut card = builtin_json("crps-4h");
    card["phases"]["induction_count"] = json!(10);
    card["phases"]["induction_span_days"] = json!(10);
    accepted(&card);
    card["phases"]["induction_count"] = json!(11);
    expect_problem(
        &problems_of(&card),
        "phases.induction_count",
        &["11 infusions (or days) cannot fit in 10 days"],
    );
    card["phases"]["induction_count"] = json!(30);
    card["phases"]["induction_span_days"] = json!(1);
    expect_problem(
        &problems_of(&card),
        "phases.induction_count",
        &["30 infusions (or days) cannot fit in 1 day:"],
    );
    // Zero and negative numbers are written as they are, or by their order.
    let mut card = builtin_json("crps-4h");
    for (value, shown) in [
        (0.0, "base_rate.value: 0 mg/kg/h is outside"),
        (
            -1e308,
            "base_rate.value: under -1,000,000,000,000 mg/kg/h is outside",
        ),
        (
            -5e-324,
            "base_rate.value: over -0.000001 mg/kg/h is outside",
        ),
        (-0.5, "base_rate.value: -0.5 mg/kg/h is outside"),
        // 0.000001 itself is written out; only smaller is named by its order.
        (0.000001, "base_rate.value: 0.000001 mg/kg/h is outside"),
        // Just under the lower bound, read as it: named against that bound.
        (
            0.009999999999,
            "base_rate.value: just under 0.01 mg/kg/h is outside",
        ),
    ] {
        card["base_rate"]["value"] = json!(value);
        expect_problem(&problems_of(&card), "base_rate.value", &[shown]);
    }
    // A number too large to write out is named by its order.
    let mut card = builtin_json("crps-4h");
    card["session"]["duration_h"] = json!(1e308);
    let p = expect_problem(
        &problems_of(&card),
        "session.duration_h",
        &["over 1,000,000,000,000 h"],
    );
    assert!(p.to_string().len() < 400, "{p}");
}

#[test]
fn a_card_says_which_drug_its_figures_are_and_racemic_ketamine_is_the_default() {
    use ketamine_dosing_reference::domain::dosing::card::Drug;
    // Only the S-ketamine trial's card says so; the others are racemic.
    for (id, _) in BUILTIN_CARDS {
        let drug = accepted(&builtin_json(id)).card().drug;
        let expected = if *id == "fibromyalgia-short" {
            Drug::SKetamine
        } else {
            Drug::Ketamine
        };
        assert_eq!(drug, expected, "{id}");
    }
    assert_eq!(Drug::Ketamine.as_base(), "ketamine as base");
    assert_eq!(Drug::SKetamine.as_base(), "S-ketamine as base");
    assert_eq!(Drug::Ketamine.potency_note(), None);
    assert_eq!(
        Drug::SKetamine.potency_note(),
        Some("S-ketamine is roughly twice as potent as the racemic ketamine in most bags: these figures are not for a racemic bag.")
    );
    assert_eq!(Drug::Ketamine.unless_racemic(), "");
    assert_eq!(Drug::SKetamine.unless_racemic(), " (S-ketamine as base)");
    assert_eq!(Drug::Ketamine.halved("80 mg"), None);
    assert_eq!(
        Drug::SKetamine.halved("80 mg").as_deref(),
        Some("half the racemic 80 mg by this app's reckoning, as S-ketamine is about twice as potent")
    );
    // Written only when it is not the default, and read back.
    let s = accepted(&builtin_json("fibromyalgia-short"));
    let written: Value = serde_json::from_str(&s.card().to_json_pretty()).unwrap();
    assert_eq!(written["drug"], json!("s_ketamine"));
    assert_eq!(accepted(&written).card().drug, Drug::SKetamine, "read back");
    let racemic = accepted(&builtin_json("crps-4h"));
    let written: Value = serde_json::from_str(&racemic.card().to_json_pretty()).unwrap();
    assert!(written.get("drug").is_none(), "the default is not written");
    let mut card = builtin_json("crps-4h");
    card["drug"] = json!("ketamine");
    assert_eq!(accepted(&card).card().drug, Drug::Ketamine);
    card["drug"] = json!("s_ketamine");
    assert_eq!(accepted(&card).card().drug, Drug::SKetamine);
    // Anything else is refused with the allowed values.
    for bad in [
        json!("racemic"),
        json!("S-ketamine"),
        json!(true),
        json!(null),
    ] {
        card["drug"] = bad.clone();
        let p = problems_of(&card);
        assert!(
            p.iter().any(|p| p.path() == "drug"),
            "{bad}: {:?}",
            p.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        );
    }
    card["drug"] = json!("racemic");
    expect_problem(
        &problems_of(&card),
        "drug",
        &["racemic", "ketamine, s_ketamine"],
    );
}

#[test]
fn an_s_ketamine_card_is_held_to_half_the_racemic_hard_limits() {
    // At the limit: 1 mg/kg/h of S-ketamine (the built-in card's rate).
    let mut card = builtin_json("fibromyalgia-short");
    assert_eq!(card["drug"], json!("s_ketamine"));
    assert_eq!(card["base_rate"]["value"], json!(1));
    accepted(&card);
    // Just above it: refused, with the rule and its sources.
    card["base_rate"]["value"] = json!(1.01);
    let problem = expect_problem(
        &problems_of(&card),
        "base_rate.value",
        &["1.01 mg/kg/h", "hard limit of 1 mg/kg/h"],
    );
    assert_eq!(
        problem.to_string(),
        "base_rate.value: 1.01 mg/kg/h is above the hard limit of 1 mg/kg/h (half the top of the 2018 consensus infusion range outside intensive care [R2], as S-ketamine is about twice as potent as racemic ketamine [R20]); no card may exceed it."
    );
    // The same figure on a racemic card is well within its 2 mg/kg/h.
    card["drug"] = json!("ketamine");
    accepted(&card);
    // A bolus: 0.175 mg/kg of S-ketamine at most (0.35 racemic).
    let mut card = builtin_json("fibromyalgia-short");
    card["bolus"] = json!({"mg_per_kg": 0.175, "evidence": "source", "sources": ["R2"]});
    accepted(&card);
    card["bolus"]["mg_per_kg"] = json!(0.18);
    expect_problem(
        &problems_of(&card),
        "bolus.mg_per_kg",
        &[
            "0.18 mg/kg",
            "0.175 mg/kg",
            "half the 2018 consensus bolus ceiling [R2]",
            "[R20]",
        ],
    );
    card["drug"] = json!("ketamine");
    accepted(&card);
}

#[test]
fn a_threshold_has_at_most_four_decimals_and_reads_as_given() {
    let with_threshold = |value: Value| {
        let mut card = builtin_json("crps-continuous");
        let i = factor_index(&card, "weight-under-50");
        card["factors"][i]["condition"]["value"] = value;
        (card, i)
    };
    // Up to 4 decimals: accepted, and described with every decimal given.
    for (given, shown) in [
        (json!(50), "50"),
        (json!(49.995), "49.995"),
        (json!(49.9999), "49.9999"),
        (json!(30.0001), "30.0001"),
    ] {
        let (card, i) = with_threshold(given);
        let valid = accepted(&card);
        let factor = &valid.factors()[i];
        assert_eq!(factor.id(), "weight-under-50");
        assert!(
            factor
                .condition()
                .describe()
                .contains(&format!(" {shown} kg ({shown} not included)")),
            "{}",
            factor.condition().describe()
        );
    }
    // 5 decimals and more: refused, with a threshold that would do.
    for (given, shown, would_do) in [
        (json!(49.99995), "49.99995", "50"),
        (json!(49.99994), "49.99994", "49.9999"),
        (json!(30.00001), "30.00001", "30"),
        // Closer than 6 decimals: said to be on its side of the number that would do.
        (json!(49.9999999), "just under 50", "50"),
        (json!(50.0000001), "just over 50", "50"),
    ] {
        let (card, i) = with_threshold(given);
        let p = problems_of(&card);
        let problem = expect_problem(
            &p,
            &format!("factors[{i}].condition.value"),
            &[
                "at most 4 decimals",
                &format!("this one has more ({shown}): for example {would_do} would do."),
            ],
        );
        assert!(matches!(problem, CardProblem::Invalid { .. }));
    }
}
