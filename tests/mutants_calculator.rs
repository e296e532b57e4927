//! Calculator state (issue 8, cargo mutants): scenario bounds, share-link
//! edge cases and unit switches on text that is not a usable number.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::calculator::{
    field_text, ignored_params_notice, Action, CalculatorState,
};
use ketamine_dosing_reference::domain::dosing::input::{
    Field, HeightUnit, RawPatientInput, WeightUnit,
};

fn three_scenarios(active: usize) -> CalculatorState {
    let s = CalculatorState::default()
        .apply(Action::SetField(Field::Weight, "61".into()))
        .apply(Action::AddScenario)
        .apply(Action::SetField(Field::Weight, "62".into()))
        .apply(Action::AddScenario)
        .apply(Action::SetField(Field::Weight, "63".into()))
        .apply(Action::SelectScenario(active));
    assert_eq!(s.active, active);
    s
}

fn weights(s: &CalculatorState) -> Vec<&str> {
    s.scenarios
        .iter()
        .map(|sc| sc.input.weight.as_str())
        .collect()
}

#[test]
fn removing_a_scenario_keeps_the_edited_one_when_it_can() {
    // Removing one before the edited scenario moves the index down with it.
    let s = three_scenarios(2).apply(Action::RemoveScenario(0));
    assert_eq!((weights(&s), s.active), (vec!["62", "63"], 1));
    // Removing one after it leaves the index alone.
    let s = three_scenarios(1).apply(Action::RemoveScenario(2));
    assert_eq!((weights(&s), s.active), (vec!["61", "62"], 1));
    // Removing the first while editing it: the next one is edited.
    let s = three_scenarios(0).apply(Action::RemoveScenario(0));
    assert_eq!((weights(&s), s.active), (vec!["62", "63"], 0));
    // An index past the end changes nothing.
    let s = three_scenarios(1);
    assert_eq!(s.apply(Action::RemoveScenario(3)), s);
}

#[test]
fn selecting_a_scenario_past_the_end_changes_nothing() {
    let s = three_scenarios(1);
    assert_eq!(s.apply(Action::SelectScenario(3)), s);
    assert_eq!(s.apply(Action::SelectScenario(2)).active, 2);
}

#[test]
fn share_links_ignore_empty_prefixed_names_and_name_only_later_scenarios() {
    let s = CalculatorState::from_query("s2_=x&s3_=y");
    assert_eq!(s, CalculatorState::default());
    assert!(!CalculatorState::default().to_query().contains("active"));
    let q = three_scenarios(0).to_query();
    assert!(!q.contains("active"), "{q}");
    let q = three_scenarios(1).to_query();
    assert!(q.ends_with("&active=2"), "{q}");
}

#[test]
fn field_text_reads_every_field() {
    let mut input = RawPatientInput::default();
    let fields = Field::ALL;
    let mut s = CalculatorState::default();
    for (i, field) in fields.iter().enumerate() {
        s = s.apply(Action::SetField(*field, format!("text {i}")));
    }
    input.clone_from(&s.scenarios[0].input);
    for (i, field) in fields.iter().enumerate() {
        assert_eq!(field_text(&input, *field), format!("text {i}"), "{field:?}");
    }
    let d = RawPatientInput::default();
    assert_eq!(field_text(&d, Field::Weight), "70");
    assert_eq!(field_text(&d, Field::Sex), "male");
}

#[test]
fn unit_switches_keep_text_that_is_not_a_positive_finite_number() {
    for text in ["inf", "-5", "0", "0.0", "NaN"] {
        let s = CalculatorState::default()
            .apply(Action::SetField(Field::Weight, text.into()))
            .apply(Action::SetField(Field::Height, text.into()))
            .apply(Action::SetWeightUnit(WeightUnit::Lb))
            .apply(Action::SetHeightUnit(HeightUnit::In));
        let input = &s.scenarios[0].input;
        assert_eq!(input.weight, text);
        assert_eq!(input.height, text);
        assert_eq!(input.weight_unit, WeightUnit::Lb);
        assert_eq!(input.height_unit, HeightUnit::In);
    }
    // A small positive value is converted.
    let s = CalculatorState::default()
        .apply(Action::SetField(Field::Weight, "0.5".into()))
        .apply(Action::SetWeightUnit(WeightUnit::Lb));
    assert_eq!(s.scenarios[0].input.weight, "1.1");
}

/// The scenario of a link, and its first field error (if any).
fn linked(query: &str) -> (CalculatorState, Option<String>) {
    let s = CalculatorState::from_query(query);
    let error = s.scenarios[0]
        .input
        .parse()
        .err()
        .and_then(|e| e.first().map(ToString::to_string));
    (s, error)
}

#[test]
fn a_field_id_that_is_not_a_parameter_name_sets_nothing_and_gives_no_conflict() {
    // `weight`, `height` and `concentration` are the fields' ids but not
    // parameter names: a link that misspells one sets nothing, and the
    // right name after it is the only value given (no "70 | 90" conflict
    // with the example adult's value).
    for (query, field, text) in [
        ("weight=80&weight_kg=90", Field::Weight, "90"),
        ("weight_kg=90&weight=80", Field::Weight, "90"),
        ("height=150&height_cm=160", Field::Height, "160"),
        (
            "concentration=5&concentration_mg_per_ml=2",
            Field::Concentration,
            "2",
        ),
    ] {
        let (s, error) = linked(query);
        assert_eq!(field_text(&s.scenarios[0].input, field), text, "{query}");
        assert_eq!(error, None, "{query}");
    }
    // Alone, the misspelt name leaves the example adult's value.
    let (s, _) = linked("weight=80");
    assert_eq!(
        s.scenarios[0].input,
        CalculatorState::default().scenarios[0].input
    );
    // And it is named as a parameter that is not used.
    let notice = ignored_params_notice("weight=80&concentration=5").unwrap_or_default();
    assert!(
        notice.contains("weight") && notice.contains("concentration"),
        "{notice}"
    );
}

#[test]
fn a_field_a_link_gives_twice_with_different_values_is_refused_until_one_is_kept() {
    use ketamine_dosing_reference::domain::dosing::input::InputError;
    for (query, field, text) in [
        (
            "psychosis=active&psychosis=none",
            Field::Psychosis,
            "active | none",
        ),
        ("age=17&age_years=40", Field::Age, "17 | 40"),
        ("age_years=40&age=17", Field::Age, "40 | 17"),
        ("weight_kg=70&weight_kg=150", Field::Weight, "70 | 150"),
        // Another unit: the field keeps the first, the other value is
        // given in it (200 lb = 90.7 kg, 50 in = 127 cm, 175 cm = 68.9 in).
        ("weight_kg=70&weight_lb=200", Field::Weight, "70 | 90.7"),
        ("height_cm=175&height_in=50", Field::Height, "175 | 127"),
        ("height_in=60&height_cm=175", Field::Height, "60 | 68.9"),
        ("weight_lb=154&weight_kg=80", Field::Weight, "154 | 176.4"),
        // 110.2 lb is 50 kg, not the 49.99 kg given first.
        (
            "weight_kg=49.99&weight_lb=110.2",
            Field::Weight,
            "49.99 | 50",
        ),
        ("weight_kg=70&weight_kg=70.01", Field::Weight, "70 | 70.01"),
        ("sex=male&sex=female", Field::Sex, "male | female"),
        (
            "weight_kg=70&weight_lb=heavy",
            Field::Weight,
            "70 | heavy lb",
        ),
        (
            "raised_iop=true&raised_iop=false",
            Field::RaisedIop,
            "true | false",
        ),
        (
            "concentration_mg_per_ml=1&concentration_mg_per_ml=5",
            Field::Concentration,
            "1 | 5",
        ),
        (
            "infusion_number=1&infusion_number=3&infusion_number=5",
            Field::InfusionNumber,
            "1 | 3 | 5",
        ),
    ] {
        let (s, _) = linked(query);
        assert_eq!(field_text(&s.scenarios[0].input, field), text, "{query}");
        let errors = s.scenarios[0].input.parse().unwrap_err();
        assert_eq!(errors.len(), 1, "{query}: {errors:?}");
        assert!(
            matches!(&errors[0], InputError::Conflicting { field: f, .. } if *f == field),
            "{query}: {errors:?}"
        );
        // The address written back keeps the conflict, so a reload shows it.
        let again = CalculatorState::from_query(&s.to_query());
        assert_eq!(again, s, "{query}");
        // Keeping the first value gives what the link's first value meant
        // (the unit is the first one the link gave).
        let first = text.split(" | ").next().unwrap().to_string();
        let kept = s.apply(Action::SetField(field, first));
        let input = &kept.scenarios[0].input;
        assert!(input.parse().is_ok(), "{query}");
        let alone = CalculatorState::from_query(query.split('&').next().unwrap());
        assert_eq!(input, &alone.scenarios[0].input, "{query}");
    }
    let (_, error) = linked("weight_kg=70&weight_kg=150");
    assert_eq!(
        error.as_deref(),
        Some("Weight: the link gives more than one value (\"70 | 150\"); keep the one you mean.")
    );
    // The same value twice is no conflict: the same text (spaces aside) or
    // texts the engine reads alike, kept as first given; other fields are
    // unaffected; a later scenario's fields are its own.
    for query in [
        "weight_kg=70&weight_kg=70",
        "weight_kg=70&weight_kg=%2070%20",
        "weight_kg=70&weight_kg=70.0",
        "weight_kg=70&weight_kg=70,0",
        "weight_kg=49.99&weight_lb=110.21",
        "age=40&age_years=40",
        "age=40&age=040",
        "sex=male&sex=Male",
        "hepatic=none&hepatic=NONE",
        "pain=low_back&pain=low-back",
        "renal_impairment=true&renal_impairment=1",
        "concentration_mg_per_ml=2&concentration_mg_per_ml=2.00",
        "infusion_number=3&infusion_number=03",
        "weight_kg=70&s2_weight_kg=80",
        "sex=female&weight_kg=70",
    ] {
        let (s, error) = linked(query);
        assert_eq!(error, None, "{query}");
        assert!(
            s.scenarios.iter().all(|sc| sc.input.parse().is_ok()),
            "{query}"
        );
        let (alone, _) = linked(query.split('&').next().unwrap_or_default());
        assert_eq!(
            s.scenarios[0].input, alone.scenarios[0].input,
            "{query}: the first value kept"
        );
    }
    // The same weight or height in both units is one value, kept in the
    // first unit the link gave: never the second number in the first unit
    // (70 kg and 154.3 lb had become 154.3 kg).
    for (query, field, text, unit) in [
        ("weight_kg=70&weight_lb=154.3", Field::Weight, "70", "kg"),
        ("weight_lb=154.3&weight_kg=70", Field::Weight, "154.3", "lb"),
        ("height_cm=175&height_in=68.9", Field::Height, "175", "cm"),
        ("height_in=68.9&height_cm=175", Field::Height, "68.9", "in"),
    ] {
        let (s, error) = linked(query);
        assert_eq!(error, None, "{query}");
        let input = &s.scenarios[0].input;
        let kept_unit = match field {
            Field::Weight => input.weight_unit.id(),
            _ => input.height_unit.id(),
        };
        assert_eq!(
            (field_text(input, field), kept_unit),
            (text, unit),
            "{query}"
        );
        let (alone, _) = linked(query.split('&').next().unwrap_or_default());
        assert_eq!(input, &alone.scenarios[0].input, "{query}");
    }
    // Two different cards: named, and no card is chosen.
    let (s, _) = linked("protocol=crps-4h&protocol=outpatient-consensus");
    assert_eq!(s.scenarios[0].protocol, "crps-4h | outpatient-consensus");
    let (s, _) = linked("protocol=crps-4h&protocol=crps-4h");
    assert_eq!(s.scenarios[0].protocol, "crps-4h");
    // Medication lists are joined, not refused: every one named counts.
    let (s, error) = linked("medications=tricyclic,maoi&medications=tricyclic&medications=opioid");
    assert_eq!(error, None);
    assert_eq!(s.scenarios[0].input.medications, "tricyclic,maoi,opioid");
    // A unit switch converts each of the values side by side.
    let (s, _) = linked("weight_kg=70&weight_kg=150");
    let s = s.apply(Action::SetWeightUnit(WeightUnit::Lb));
    assert_eq!(s.scenarios[0].input.weight, "154.3 | 330.7");
    let s = s.apply(Action::SetWeightUnit(WeightUnit::Kg));
    assert_eq!(s.scenarios[0].input.weight, "70 | 150");
    // Steps switched off: every one named.
    let (s, _) = linked("off=b,a&off=c&off=a");
    assert_eq!(s.scenarios[0].off, ["a", "b", "c"]);
}

#[test]
fn a_missing_card_is_named_for_what_it_is() {
    use ketamine_dosing_reference::domain::calculator::missing_card;
    assert_eq!(
        missing_card("crps-4h | outpatient-consensus"),
        "the link names more than one card (\u{201c}crps-4h | outpatient-consensus\u{201d}): choose one"
    );
    assert_eq!(
        missing_card("clinic-x"),
        "the card \u{201c}clinic-x\u{201d} is not available in this browser"
    );
}

#[test]
fn the_comparison_names_s_ketamine_where_it_meets_racemic_figures() {
    use ketamine_dosing_reference::domain::calculator::{comparison, evaluate};
    use ketamine_dosing_reference::domain::library::builtin;
    let state = CalculatorState::from_query(
        "protocol=fibromyalgia-short&weight_kg=70&s2_protocol=crps-4h&s2_weight_kg=70&s3_protocol=fibromyalgia-short&s3_weight_kg=70&s3_age_years=70&s3_off=age-65-plus",
    );
    let cards = builtin().unwrap();
    let evaluations: Vec<_> = state
        .scenarios
        .iter()
        .map(|sc| evaluate(sc, cards))
        .collect();
    let rows = comparison(&state.scenarios, &evaluations, true);
    let result = rows.iter().find(|r| r.label == "Result").unwrap();
    assert_eq!(result.cells[0], "Illustrative figures (S-ketamine as base)");
    assert_eq!(result.cells[1], "Illustrative figures");
    assert_eq!(
        result.cells[2],
        "What if (S-ketamine as base), switched off: Age 65 or older"
    );
}
