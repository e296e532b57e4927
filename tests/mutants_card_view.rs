//! Readable card view (issue 8, cargo mutants): effect texts, indication rows,
//! factor rows, phase counts and booster intervals, with the exact text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::card_view::{
    card_figures, effect_text, factor_rows, indication_rows, CardFigure,
};
use ketamine_dosing_reference::domain::dosing::builtin::{builtin_card, BUILTIN_CARDS};
use ketamine_dosing_reference::domain::dosing::card::{Effect, RateUnit};
use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, ValidCard,
};
use serde_json::{json, Value};

fn builtin(id: &str) -> ValidCard {
    builtin_card(id, &is_evidence_source_id).unwrap().unwrap()
}

fn builtin_json(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == id).unwrap();
    serde_json::from_str(text).unwrap()
}

fn figure<'a>(figures: &'a [CardFigure], path: &str) -> &'a CardFigure {
    figures
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no figure {path}"))
}

#[test]
fn every_effect_kind_in_words() {
    let cases = [
        (Effect::RateMultiplier { value: 0.75 }, "rate \u{d7} 0.75"),
        (
            Effect::DurationMultiplier { value: 1.25 },
            "duration \u{d7} 1.25",
        ),
        (
            Effect::TitrationStepMultiplier { value: 0.5 },
            "titration step \u{d7} 0.5",
        ),
        (
            Effect::LowerCap {
                value: 1.0,
                unit: RateUnit::MgPerKgPerH,
            },
            "hourly cap 1 mg/kg/h",
        ),
        (
            Effect::LowerCap {
                value: 24.0,
                unit: RateUnit::MgPerH,
            },
            "hourly cap 24 mg/h",
        ),
        (Effect::Warning { text: "W.".into() }, "warning: W."),
        (Effect::Notice { text: "N.".into() }, "notice: N."),
        (
            Effect::Block { text: "B.".into() },
            "stops the calculation, no dose: B.",
        ),
    ];
    for (effect, text) in cases {
        assert_eq!(effect_text(&effect), text);
    }
}

#[test]
fn indication_rows_give_grade_and_certainty() {
    let card = builtin("outpatient-consensus");
    let rows = indication_rows(card.card());
    assert_eq!(rows.len(), card.card().indications.len());
    assert_eq!(rows[0].condition, "complex regional pain syndrome (CRPS)");
    assert_eq!(rows[0].grade, "grade B, low to moderate certainty");
    assert_eq!(rows[0].sources, ["R2", "R4"]);
    assert_eq!(
        rows[0].note.as_deref(),
        Some("Moderate evidence of relief lasting up to 12 weeks.")
    );
}

#[test]
fn factor_rows_follow_the_card() {
    let card = builtin("outpatient-consensus");
    let rows = factor_rows(&card);
    assert_eq!(rows.len(), card.factors().len());
    let age = rows.iter().find(|r| r.id == "age-65-plus").unwrap();
    assert_eq!(age.condition, "age at least 65 years (65 included)");
    assert_eq!(
        age.effects,
        ["rate \u{d7} 0.5", "titration step \u{d7} 0.5"]
    );
}

#[test]
fn phases_and_boosters_in_words() {
    let card = builtin("outpatient-consensus");
    let figures = card_figures(card.card());
    let phases = figure(&figures, "phases");
    assert!(
        phases.value.starts_with(&format!(
            "6 infusions over {} days. ",
            card.card().phases.induction_span_days
        )),
        "{}",
        phases.value
    );
    let booster = figure(&figures, "phases.booster");
    assert_eq!(
        booster.value,
        "every 4 to 8 weeks: One 4-hour infusion at the last well-tolerated rate."
    );
    // The booster interval carries the phases' evidence, sources and note
    // (which says the interval is not a published rule).
    assert_eq!(booster.evidence, phases.evidence);
    assert!(booster.evidence.is_some());
    assert_eq!(booster.sources, phases.sources);
    assert!(!booster.sources.is_empty());
    assert_eq!(booster.note, phases.note);
    let mut json = builtin_json("outpatient-consensus");
    json["phases"]["booster"]["interval_weeks_max"] = json!(4);
    let same = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    let figures = card_figures(same.card());
    assert_eq!(
        figure(&figures, "phases.booster").value,
        "every 4 weeks: One 4-hour infusion at the last well-tolerated rate."
    );
    let days = card_figures(builtin("crps-continuous").card());
    assert!(
        figure(&days, "phases")
            .value
            .starts_with("5 days of continuous infusion. "),
        "{}",
        figure(&days, "phases").value
    );
    // One of each is said in the singular; a continuous course shorter
    // than its span names both.
    let mut json = builtin_json("outpatient-consensus");
    json["phases"]["induction_count"] = json!(1);
    json["phases"]["induction_span_days"] = json!(1);
    json["phases"]["booster"]["interval_weeks_min"] = json!(1);
    json["phases"]["booster"]["interval_weeks_max"] = json!(1);
    let one = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    let figures = card_figures(one.card());
    assert!(figure(&figures, "phases")
        .value
        .starts_with("1 infusion over 1 day. "));
    assert!(figure(&figures, "phases.booster")
        .value
        .starts_with("every week: "));
    let mut json = builtin_json("crps-continuous");
    json["phases"]["induction_span_days"] = json!(7);
    let longer = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    assert!(card_figures(longer.card()).iter().any(|f| f
        .value
        .starts_with("5 days of continuous infusion over 7 days. ")));
}

#[test]
fn the_floor_says_when_it_is_the_default() {
    let figures = card_figures(builtin("crps-4h").card());
    assert_eq!(
        figure(&figures, "multiplier_floor").value,
        "the factors together never take the rate below 0.25 \u{d7} the base rate (the default)"
    );
    let mut json = builtin_json("crps-4h");
    json["multiplier_floor"] = json!(0.5);
    let card = parse_card(&json.to_string(), &is_evidence_source_id).unwrap();
    let figures = card_figures(card.card());
    assert_eq!(
        figure(&figures, "multiplier_floor").value,
        "the factors together never take the rate below 0.5 \u{d7} the base rate"
    );
}

#[test]
fn the_printed_sheets_limits_are_the_caps_and_titration_alone() {
    use ketamine_dosing_reference::domain::card_view::{key_figures, limit_figures};
    let texts = |groups: Vec<ketamine_dosing_reference::domain::card_view::FigureGroup>| {
        groups.iter().map(|g| g.text()).collect::<Vec<_>>()
    };
    // crps-4h: the caps, grouped as they share the base rate's evidence
    // and sources, without the base rate.
    assert_eq!(
        texts(limit_figures(builtin("crps-4h").card())),
        ["Hourly cap per kg 0.35 mg/kg/h, Hourly cap 25 mg/h and Cap per session 100 mg, all"]
    );
    // outpatient-consensus: every group of key_figures but the base rate.
    let all = texts(key_figures(builtin("outpatient-consensus").card()));
    let limits = texts(limit_figures(builtin("outpatient-consensus").card()));
    assert_eq!(limits.len(), all.len() - 1, "{limits:?}");
    assert_eq!(limits[..], all[1..]);
    assert!(
        limits
            .last()
            .unwrap()
            .starts_with("Titration +0.25 mg/kg/h"),
        "{limits:?}"
    );
    // A bolus is not among them.
    for (id, _) in BUILTIN_CARDS {
        for g in limit_figures(builtin(id).card()) {
            assert!(
                g.figures.iter().all(|f| f.starts_with("Hourly cap")
                    || f.starts_with("Cap per")
                    || f.starts_with("Titration")),
                "{id}: {:?}",
                g.figures
            );
        }
    }
}

#[test]
fn the_figures_that_set_the_rate_are_grouped_by_evidence_and_sources() {
    use ketamine_dosing_reference::domain::card_view::key_figures;
    use ketamine_dosing_reference::domain::dosing::card::EvidenceKind::{
        Direction, Illustrative, Source,
    };
    let shown = |id: &str| {
        key_figures(builtin(id).card())
            .into_iter()
            .map(|g| (g.text(), g.evidence, g.sources))
            .collect::<Vec<_>>()
    };
    // One group: the same evidence and sources throughout.
    assert_eq!(
        shown("crps-4h"),
        [(
            "Base rate 0.35 mg/kg/h, Hourly cap per kg 0.35 mg/kg/h, Hourly cap 25 mg/h and Cap per session 100 mg, all".to_string(),
            Some(Source),
            vec!["R5".to_string(), "R6".to_string()]
        )]
    );
    // Each change of evidence or sources starts a group; no other figure
    // (session, hard limits, floor, phases) is among them.
    let strings = |ids: &[&str]| ids.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
    let outpatient = shown("outpatient-consensus");
    assert_eq!(outpatient.len(), 5, "{outpatient:?}");
    assert_eq!(
        outpatient[0],
        (
            "Base rate 0.5 mg/kg/h".to_string(),
            Some(Source),
            strings(&["R2"])
        )
    );
    assert_eq!(
        outpatient[1],
        (
            "Hourly cap per kg 1 mg/kg/h".to_string(),
            Some(Illustrative),
            strings(&["R3"])
        )
    );
    assert_eq!(
        outpatient[2],
        (
            "Hourly cap 100 mg/h".to_string(),
            Some(Illustrative),
            Vec::new()
        )
    );
    assert_eq!(
        outpatient[3],
        (
            "Cap per session 200 mg".to_string(),
            Some(Direction),
            strings(&["R10"])
        )
    );
    assert!(
        outpatient[4].0.starts_with("Titration +0.25 mg/kg/h"),
        "{outpatient:?}"
    );
}
