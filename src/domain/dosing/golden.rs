//! Golden examples: hand-computed cases stored as data in
//! `assets/golden/engine-golden.json`, and a pure runner that compares the
//! engine's displayed figures with them, figure by figure.
//!
//! The native test suite runs every case; the "verify this calculator" panel
//! runs the same cases in the browser and shows expected against actual.
//! Each case names a card (built-in, or one of the file's own `test_cards`,
//! which exercise limits no built-in card reaches), the share-link
//! parameters that differ from the example adult, optional switched-off
//! factors, the expected display strings, and `how`: the hand computation.

use crate::domain::json::Value;

use crate::domain::json::{self, Fields, FromJson, JsonError};

use super::engine::{compute, Outcome};
use super::input::RawPatientInput;
use super::problem::CardProblem;
use super::validate::{parse_card_value, KnownSources, ValidCard};

/// The embedded golden file.
pub const GOLDEN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/golden-engine-golden.json"));

/// Expected results of one case. Every present entry is checked exactly;
/// absent entries are not checked. Figure keys match the calculator's
/// `data-testid` names (`dosing-weight-kg`, `rate-mg-per-h`...; the other
/// keys are the field names: `weight_used`, `steps`...).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldenExpect {
    /// Dosing weight, e.g. "102.3 kg".
    pub dosing_weight_kg: Option<String>,
    /// Final rate, e.g. "24.5 mg/h".
    pub rate_mg_per_h: Option<String>,
    /// Final rate per kg, e.g. "0.35 mg/kg/h".
    pub rate_mg_per_kg_per_h: Option<String>,
    /// Final rate in mcg/kg/min.
    pub rate_mcg_per_kg_per_min: Option<String>,
    /// Session total, e.g. "98 mg".
    pub session_total_mg: Option<String>,
    /// Duration, e.g. "4 h".
    pub duration_h: Option<String>,
    /// Pump rate, e.g. "24.5 mL/h".
    pub pump_rate_ml_per_h: Option<String>,
    /// Bolus amount, e.g. "24.7 mg" (cards with a bolus).
    pub bolus_mg: Option<String>,
    /// Which weight was used: `actual`, `ideal` or `adjusted`.
    pub weight_used: Option<String>,
    /// Id of the first block (factor id or `under-18`); absent means a dose.
    pub block: Option<String>,
    /// Ids of the warnings, in order.
    pub warnings: Option<Vec<String>>,
    /// Ids of the notices, in order.
    pub notices: Option<Vec<String>>,
    /// Ids of the breakdown steps, in order.
    pub steps: Option<Vec<String>>,
    /// Rates of the titration ladder, e.g. ["35 mg/h", "50 mg/h"].
    pub ladder: Option<Vec<String>>,
    /// Fields refused by input validation (field ids), in field order.
    pub input_errors: Option<Vec<String>>,
}

/// A case's share-link parameters by name, in the order of their names,
/// each name once (a map kept as a sorted list: no B-tree of `String` pairs
/// is compiled into the wasm).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Sets `name` to `value` (in place of the value it had).
    pub fn insert(&mut self, name: String, value: String) {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(&name)) {
            Ok(at) => {
                if let Some(entry) = self.0.get_mut(at) {
                    entry.1 = value;
                }
            }
            Err(at) => self.0.insert(at, (name, value)),
        }
    }

    /// The parameters, in the order of their names.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(name, value)| (name, value))
    }
}

impl FromJson for Params {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::Object(map) => {
                let mut out = Params::default();
                for (k, v) in map {
                    out.insert(k.clone(), String::from_json(v).map_err(|e| e.at(k))?);
                }
                Ok(out)
            }
            other => Err(json::expected("an object", other)),
        }
    }
}

/// One golden case.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldenCase {
    /// Short unique name.
    pub name: String,
    /// Card id (built-in or a test card of the golden file).
    pub card: String,
    /// Share-link parameters that differ from the example adult.
    pub params: Params,
    /// Factor ids switched off.
    pub disabled: Vec<String>,
    /// Expected results.
    pub expect: GoldenExpect,
    /// The hand computation.
    pub how: String,
}

struct GoldenFile {
    test_cards: Vec<Value>,
    cases: Vec<GoldenCase>,
}

impl FromJson for GoldenExpect {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "dosing-weight-kg",
                "rate-mg-per-h",
                "rate-mg-per-kg-per-h",
                "rate-mcg-per-kg-per-min",
                "session-total-mg",
                "duration-h",
                "pump-rate-ml-per-h",
                "bolus-mg",
                "weight_used",
                "block",
                "warnings",
                "notices",
                "steps",
                "ladder",
                "input_errors",
            ],
        )?;
        Ok(GoldenExpect {
            dosing_weight_kg: f.opt("dosing-weight-kg")?,
            rate_mg_per_h: f.opt("rate-mg-per-h")?,
            rate_mg_per_kg_per_h: f.opt("rate-mg-per-kg-per-h")?,
            rate_mcg_per_kg_per_min: f.opt("rate-mcg-per-kg-per-min")?,
            session_total_mg: f.opt("session-total-mg")?,
            duration_h: f.opt("duration-h")?,
            pump_rate_ml_per_h: f.opt("pump-rate-ml-per-h")?,
            bolus_mg: f.opt("bolus-mg")?,
            weight_used: f.opt("weight_used")?,
            block: f.opt("block")?,
            warnings: f.opt("warnings")?,
            notices: f.opt("notices")?,
            steps: f.opt("steps")?,
            ladder: f.opt("ladder")?,
            input_errors: f.opt("input_errors")?,
        })
    }
}

impl FromJson for GoldenCase {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &["name", "card", "params", "disabled", "expect", "how"],
        )?;
        Ok(GoldenCase {
            name: f.req("name")?,
            card: f.req("card")?,
            params: f.opt("params")?,
            disabled: f.opt("disabled")?,
            expect: f.req("expect")?,
            how: f.req("how")?,
        })
    }
}

impl FromJson for GoldenFile {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["version", "note", "test_cards", "cases"])?;
        // The version and the note are for people editing the file; they
        // must be there, with the right type, but nothing reads them.
        f.req::<u32>("version")?;
        f.req::<String>("note")?;
        Ok(GoldenFile {
            test_cards: f.req("test_cards")?,
            cases: f.req("cases")?,
        })
    }
}

/// Why the golden file could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GoldenError {
    /// The file is not in the expected format.
    #[error("The golden examples file could not be read: {0}")]
    Format(String),
    /// One of its test cards is invalid.
    #[error("Test card {index} of the golden examples is invalid: {}", sentences(.problems))]
    TestCard {
        /// Position in `test_cards`.
        index: usize,
        /// Its problems.
        problems: Vec<CardProblem>,
    },
}

/// The problems' messages, one after the other (each is a sentence).
fn sentences(problems: &[CardProblem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The loaded golden suite: cases plus the file's own test cards.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldenSuite {
    /// Every case, in file order.
    pub cases: Vec<GoldenCase>,
    /// Test cards (validated like any imported card).
    pub test_cards: Vec<ValidCard>,
}

/// One compared figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldenCheck {
    /// What is compared (`rate-mg-per-h`, `warnings`...).
    pub figure: String,
    /// Expected text.
    pub expected: String,
    /// Actual text.
    pub actual: String,
    /// Whether they are equal.
    pub pass: bool,
}

/// The result of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldenReport {
    /// Case name.
    pub name: String,
    /// Card id.
    pub card: String,
    /// The hand computation.
    pub how: String,
    /// Every compared figure.
    pub checks: Vec<GoldenCheck>,
}

impl GoldenReport {
    /// True when every check passed (and there was at least one).
    pub fn passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.pass)
    }
    /// The failing checks.
    pub fn failures(&self) -> Vec<&GoldenCheck> {
        self.checks.iter().filter(|c| !c.pass).collect()
    }
}

/// Parses a golden file (JSON text) and validates its test cards.
pub fn parse_golden(
    text: &str,
    known_sources: KnownSources<'_>,
) -> Result<GoldenSuite, GoldenError> {
    let file: GoldenFile = json::parse(text).map_err(|e| GoldenError::Format(e.to_string()))?;
    let mut test_cards = Vec::new();
    for (index, v) in file.test_cards.iter().enumerate() {
        let card = parse_card_value(v, known_sources)
            .map_err(|problems| GoldenError::TestCard { index, problems })?;
        test_cards.push(card);
    }
    Ok(GoldenSuite {
        cases: file.cases,
        test_cards,
    })
}

/// The embedded golden suite ([`GOLDEN_JSON`]).
pub fn golden_suite(known_sources: KnownSources<'_>) -> Result<GoldenSuite, GoldenError> {
    parse_golden(GOLDEN_JSON, known_sources)
}

impl GoldenSuite {
    /// Runs every case against the built-in cards plus the test cards.
    pub fn run(&self, builtin: &[ValidCard]) -> Vec<GoldenReport> {
        let cards: Vec<&ValidCard> = builtin.iter().chain(self.test_cards.iter()).collect();
        self.cases
            .iter()
            .map(|c| run_golden_case(c, &cards))
            .collect()
    }
}

fn check(checks: &mut Vec<GoldenCheck>, figure: &str, expected: &Option<String>, actual: &str) {
    if let Some(e) = expected {
        checks.push(GoldenCheck {
            figure: figure.to_string(),
            expected: e.clone(),
            actual: actual.to_string(),
            pass: e == actual,
        });
    }
}

fn check_list(
    checks: &mut Vec<GoldenCheck>,
    figure: &str,
    expected: &Option<Vec<String>>,
    actual: &[String],
) {
    if let Some(e) = expected {
        let e = e.join(", ");
        let a = actual.join(", ");
        checks.push(GoldenCheck {
            figure: figure.to_string(),
            pass: e == a,
            expected: e,
            actual: a,
        });
    }
}

/// Runs one case: builds the input from the example adult plus the case's
/// parameters, validates it, computes with the named card and compares
/// every expected entry. Never panics; a missing card is a failed check.
pub fn run_golden_case(case: &GoldenCase, cards: &[&ValidCard]) -> GoldenReport {
    let mut checks = Vec::new();
    let report = |checks: Vec<GoldenCheck>| GoldenReport {
        name: case.name.clone(),
        card: case.card.clone(),
        how: case.how.clone(),
        checks,
    };
    let mut raw = RawPatientInput::default();
    for (name, value) in case.params.iter() {
        if !raw.set_param(name, value) {
            checks.push(GoldenCheck {
                figure: "params".to_string(),
                expected: "known parameter names".to_string(),
                actual: format!("unknown parameter {name}"),
                pass: false,
            });
        }
    }
    let ex = &case.expect;
    let input = match raw.parse() {
        Ok(input) => {
            check_list(&mut checks, "input_errors", &ex.input_errors, &[]);
            input
        }
        Err(errors) => {
            let fields: Vec<String> = errors.iter().map(|e| e.field().id().to_string()).collect();
            if ex.input_errors.is_some() {
                check_list(&mut checks, "input_errors", &ex.input_errors, &fields);
            } else {
                checks.push(GoldenCheck {
                    figure: "input".to_string(),
                    expected: "accepted".to_string(),
                    actual: errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    pass: false,
                });
            }
            return report(checks);
        }
    };
    let Some(card) = cards.iter().find(|c| c.id() == case.card) else {
        checks.push(GoldenCheck {
            figure: "card".to_string(),
            expected: case.card.clone(),
            actual: "no such card".to_string(),
            pass: false,
        });
        return report(checks);
    };
    match compute(card, &input, &case.disabled) {
        Outcome::Blocked(b) => {
            checks.push(GoldenCheck {
                figure: "block".to_string(),
                expected: ex.block.clone().unwrap_or_else(|| "(a dose)".to_string()),
                actual: b.primary.id.clone(),
                pass: ex.block.as_deref() == Some(b.primary.id.as_str()),
            });
            let blocked = "(blocked)";
            for (name, e) in [
                ("dosing-weight-kg", &ex.dosing_weight_kg),
                ("rate-mg-per-h", &ex.rate_mg_per_h),
                ("session-total-mg", &ex.session_total_mg),
            ] {
                check(&mut checks, name, e, blocked);
            }
            // The warnings that apply all the same.
            let warnings: Vec<String> = b.warnings.iter().map(|w| w.id.clone()).collect();
            check_list(&mut checks, "warnings", &ex.warnings, &warnings);
        }
        Outcome::Dose(d) => {
            let f = d.figures();
            checks.push(GoldenCheck {
                figure: "block".to_string(),
                expected: ex.block.clone().unwrap_or_else(|| "(a dose)".to_string()),
                actual: "(a dose)".to_string(),
                pass: ex.block.is_none(),
            });
            check(
                &mut checks,
                "dosing-weight-kg",
                &ex.dosing_weight_kg,
                &f.dosing_weight_kg,
            );
            check(
                &mut checks,
                "rate-mg-per-h",
                &ex.rate_mg_per_h,
                &f.rate_mg_per_h,
            );
            check(
                &mut checks,
                "rate-mg-per-kg-per-h",
                &ex.rate_mg_per_kg_per_h,
                &f.rate_mg_per_kg_per_h,
            );
            check(
                &mut checks,
                "rate-mcg-per-kg-per-min",
                &ex.rate_mcg_per_kg_per_min,
                &f.rate_mcg_per_kg_per_min,
            );
            check(
                &mut checks,
                "session-total-mg",
                &ex.session_total_mg,
                &f.session_total_mg,
            );
            check(&mut checks, "duration-h", &ex.duration_h, &f.duration_h);
            check(
                &mut checks,
                "pump-rate-ml-per-h",
                &ex.pump_rate_ml_per_h,
                &f.pump_rate_ml_per_h,
            );
            let bolus = d
                .bolus
                .as_ref()
                .map(|b| b.mg_text())
                .unwrap_or_else(|| "(no bolus)".to_string());
            check(&mut checks, "bolus-mg", &ex.bolus_mg, &bolus);
            check(
                &mut checks,
                "weight_used",
                &ex.weight_used,
                d.dosing_weight.used.id(),
            );
            let warnings: Vec<String> = d.warnings.iter().map(|w| w.id.clone()).collect();
            check_list(&mut checks, "warnings", &ex.warnings, &warnings);
            let notices: Vec<String> = d.notices.iter().map(|n| n.id.clone()).collect();
            check_list(&mut checks, "notices", &ex.notices, &notices);
            let steps: Vec<String> = d.steps.iter().map(|s| s.id()).collect();
            check_list(&mut checks, "steps", &ex.steps, &steps);
            let ladder: Vec<String> = d.ladder.iter().map(|r| r.rate.display()).collect();
            check_list(&mut checks, "ladder", &ex.ladder, &ladder);
        }
    }
    report(checks)
}
