//! Card validation: hard limits, sane ranges, known ids; every problem with
//! its field path. Only this module builds a [`ValidCard`], and the engine
//! accepts nothing else, so no dose is ever computed from an invalid card.
//!
//! Hard limits (compiled in, see [`super::limits`]): no rate, cap, step or
//! lower cap above 2 mg/kg/h; no bolus above 0.35 mg/kg (2018 consensus
//! [R2]); every multiplier from 0.1 to 1.5; every number finite.
//! Sanity bounds: fixed hourly figures from 0.1 to 600 mg/h (2 mg/kg/h ×
//! 300 kg), rates per kg from 0.01 mg/kg/h, per-session caps from 1 mg or
//! 0.01 mg/kg, sessions from 15 minutes (also after every duration multiplier
//! that could apply) to 24 h, at most one infusion (or day) a day in the
//! induction phase, at most 200 factors, texts at most 4,096 characters.

use crate::domain::json::{parse_value, SyntaxError, SyntaxKind, Value};

use super::card::{
    Attribute, AttributeKind, Compare, Drug, Effect, EvidenceKind, Factor, ProtocolCard, RateUnit,
    SessionCapUnit,
};
use super::format::{count, format_card_number, format_number, CARD_FIGURE_DECIMALS};
use super::limits::{
    CARD_MAX_BOOSTER_WEEKS, CARD_MAX_DURATION_H, CARD_MAX_EFFECTS, CARD_MAX_FACTORS,
    CARD_MAX_FILE_BYTES, CARD_MAX_ID_CHARS, CARD_MAX_INDUCTION_COUNT, CARD_MAX_INDUCTION_SPAN_DAYS,
    CARD_MAX_LIST, CARD_MAX_MG_PER_H, CARD_MAX_SESSION_MG, CARD_MAX_SESSION_MG_PER_KG,
    CARD_MAX_TEXT_CHARS, CARD_MIN_DURATION_H, CARD_MIN_MG_PER_H, CARD_MIN_MG_PER_KG,
    CARD_MIN_MG_PER_KG_PER_H, CARD_MIN_SESSION_MG, MAX_MULTIPLIER, MIN_MULTIPLIER,
};
use super::medication::Medication;
use super::problem::{index, join, shorten, CardProblem, ROOT_PATH};
use super::reader;

/// Tells whether a source id is known (e.g. present in the app's sources
/// list). Passed in, so the engine does not depend on any content file.
pub type KnownSources<'a> = &'a dyn Fn(&str) -> bool;

/// The keys of the evidence file's reference list (section 8) plus the two
/// seed articles. A built-in fallback for [`KnownSources`] when the app's
/// sources list is not at hand (tests, tools).
pub const EVIDENCE_SOURCE_IDS: &[&str] = &[
    "R1",
    "R1b",
    "R2",
    "R2b",
    "R3",
    "R4",
    "R5",
    "R6",
    "R7",
    "R8",
    "R9",
    "R10",
    "R10b",
    "R11",
    "R12",
    "R12b",
    "R12c",
    "R13",
    "R13b",
    "R14",
    "R15",
    "R16",
    "R17",
    "R18",
    "R18b",
    "R19",
    "R20",
    "R21",
    "R22",
    "R23",
    "R24",
    "R24b",
    "R24c",
    "R25",
    "R25b",
    "R26",
    "R27",
    "R28",
    "R29",
    "R29b",
    "R30",
    "R31",
    "R32",
    "R33",
    "R33b",
    "R34",
    "R35",
    "R36",
    "R37",
    "R37b",
    "R38",
    "R39",
    "R39b",
    "R40",
    "R41",
    "R42",
    "R44",
    "R45",
    "R46",
    "R47",
    "R48",
    "R49",
    "R50",
    "R51",
    "R52",
    "R52b",
    "R53",
    "R54",
    "R55",
    "R56",
    "R57",
    "R58",
    "R59",
    "R60",
    "R61",
    "R62",
    "R63",
    "R64",
    "R65",
    "R66",
    "R67",
    "R68",
    "R69",
    "R70",
    "R71",
    "R72",
    "R73",
    "R74",
    "R75",
    "R76",
    "seed-dosing",
    "seed-frequency",
];

/// Whether `id` is one of [`EVIDENCE_SOURCE_IDS`].
pub fn is_evidence_source_id(id: &str) -> bool {
    EVIDENCE_SOURCE_IDS.contains(&id)
}

/// A factor condition after validation, with typed values.
#[derive(Clone, Debug, PartialEq)]
pub enum ValidCondition {
    /// A numeric attribute compared with a threshold.
    Numeric {
        /// The attribute (age, weight, height, infusion number).
        attribute: Attribute,
        /// The comparison; inclusive or not is part of it.
        compare: Compare,
        /// The threshold, in the attribute's unit.
        value: f64,
    },
    /// A categorical attribute matching any of these ids.
    OneOf {
        /// The attribute.
        attribute: Attribute,
        /// The matching ids.
        ids: Vec<String>,
    },
    /// Any of these medications is taken.
    Medications {
        /// The matching medications.
        ids: Vec<Medication>,
    },
    /// A yes/no attribute with this value.
    Flag {
        /// The attribute.
        attribute: Attribute,
        /// The matching value.
        is: bool,
    },
}

impl ValidCondition {
    /// The condition in words, with the threshold and whether it is included:
    /// "age at least 65 years (65 included)".
    pub fn describe(&self) -> String {
        match self {
            ValidCondition::Numeric {
                attribute,
                compare,
                value,
            } => {
                let unit = match attribute.kind() {
                    AttributeKind::Numeric { unit, .. } => unit,
                    _ => "",
                };
                // As the card gives it (validated to at most 4 decimals).
                let v = format_card_number(*value);
                let with_unit = if unit.is_empty() {
                    v.clone()
                } else {
                    format!("{v} {unit}")
                };
                let inclusion = if compare.inclusive() {
                    "included"
                } else {
                    "not included"
                };
                format!(
                    "{} {} {with_unit} ({v} {inclusion})",
                    attribute.label(),
                    compare.label()
                )
            }
            ValidCondition::OneOf { attribute, ids } => {
                let names: Vec<&str> = ids
                    .iter()
                    .map(|id| attribute.id_label(id).unwrap_or(id))
                    .collect();
                format!("{}: {}", attribute.label(), names.join(" or "))
            }
            ValidCondition::Medications { ids } => {
                let names: Vec<&str> = ids.iter().map(|m| m.label()).collect();
                format!("taking {}", names.join(" or "))
            }
            ValidCondition::Flag { attribute, is } => {
                if *is {
                    format!("{}: yes", attribute.label())
                } else {
                    format!("{}: no", attribute.label())
                }
            }
        }
    }
}

/// Which way a factor can move the hourly rate, from its effects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Can only lower the rate (multiplier below 1, or a lower cap).
    Down,
    /// Can only raise the rate (multiplier above 1, no lower cap).
    Up,
    /// Leaves the rate unchanged (warnings, notices, × 1, duration).
    None,
    /// Both a raise and a cap (never in built-in cards).
    Mixed,
}

/// A validated factor: the card's data plus its typed condition.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidFactor {
    factor: Factor,
    condition: ValidCondition,
}

impl ValidFactor {
    /// The factor as written in the card.
    pub fn raw(&self) -> &Factor {
        &self.factor
    }
    /// Its id.
    pub fn id(&self) -> &str {
        &self.factor.id
    }
    /// Its label.
    pub fn label(&self) -> &str {
        &self.factor.label
    }
    /// Its typed condition.
    pub fn condition(&self) -> &ValidCondition {
        &self.condition
    }
    /// Its effects, in order.
    pub fn effects(&self) -> &[Effect] {
        &self.factor.effects
    }
    /// Its evidence kind.
    pub fn evidence(&self) -> EvidenceKind {
        self.factor.evidence
    }
    /// Its source ids.
    pub fn sources(&self) -> &[String] {
        &self.factor.sources
    }
    /// The block reason, if this factor blocks.
    pub fn block_reason(&self) -> Option<&str> {
        self.factor.effects.iter().find_map(|e| match e {
            Effect::Block { text } => Some(text.as_str()),
            _ => None,
        })
    }
    /// Product of its rate multipliers (1 when it has none).
    pub fn rate_multiplier(&self) -> f64 {
        self.factor
            .effects
            .iter()
            .map(|e| match e {
                Effect::RateMultiplier { value } => *value,
                _ => 1.0,
            })
            .product()
    }
    /// Which way it can move the hourly rate.
    pub fn direction(&self) -> Direction {
        let m = self.rate_multiplier();
        let caps = self
            .factor
            .effects
            .iter()
            .any(|e| matches!(e, Effect::LowerCap { .. }));
        match (m < 1.0, m > 1.0, caps) {
            (_, true, true) => Direction::Mixed,
            (_, true, false) => Direction::Up,
            (true, _, _) | (_, _, true) => Direction::Down,
            _ => Direction::None,
        }
    }
}

/// A card that passed every check. Built only by [`validate`]; the engine
/// takes nothing else.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidCard {
    card: ProtocolCard,
    factors: Vec<ValidFactor>,
}

impl ValidCard {
    /// The card data (for display and export).
    pub fn card(&self) -> &ProtocolCard {
        &self.card
    }
    /// The card id.
    pub fn id(&self) -> &str {
        &self.card.id
    }
    /// The factors, in card order.
    pub fn factors(&self) -> &[ValidFactor] {
        &self.factors
    }
    /// The factor with this id.
    pub fn factor(&self, id: &str) -> Option<&ValidFactor> {
        self.factors.iter().find(|f| f.id() == id)
    }
}

/// Whether `value` is a number written with at most
/// [`CARD_FIGURE_DECIMALS`] decimals (as read from its text, the double
/// nearest to it): its multiple of 10^-4, read back, is the same double.
fn at_most_card_decimals(value: f64) -> bool {
    rounded_card_number(value) == value
}

/// `value` rounded to [`CARD_FIGURE_DECIMALS`] decimals.
fn rounded_card_number(value: f64) -> f64 {
    let scale = f64::from(10u32.pow(CARD_FIGURE_DECIMALS));
    (value * scale).round() / scale
}

/// A card's number in a message: up to 6 decimals; a number too large or too
/// small for that is named by its order, not written out in 300 digits.
fn show(v: f64) -> String {
    let magnitude = v.abs();
    let negative = v < 0.0;
    if magnitude >= 1e12 {
        if negative {
            "under -1,000,000,000,000"
        } else {
            "over 1,000,000,000,000"
        }
        .to_string()
    } else if magnitude > 0.0 && magnitude < 1e-6 {
        if negative {
            "over -0.000001"
        } else {
            "under 0.000001"
        }
        .to_string()
    } else {
        format_number(v, 6)
    }
}

/// A card's number beside the bound it broke: "just over 0.35" when the two
/// read the same at 6 decimals (0.3500000000000001 against 0.35).
fn show_against(v: f64, bound: f64) -> String {
    let shown = show(v);
    if v == bound || shown != show(bound) {
        shown
    } else if v > bound {
        format!("just over {shown}")
    } else {
        format!("just under {shown}")
    }
}

struct Checker<'k> {
    problems: Vec<CardProblem>,
    known: KnownSources<'k>,
    /// The card's drug: its hard limits are the racemic ones over
    /// [`Drug::racemic_factor`].
    drug: Drug,
}

impl Checker<'_> {
    fn push(&mut self, p: CardProblem) {
        self.problems.push(p);
    }

    fn invalid(&mut self, path: &str, message: impl Into<String>) {
        self.push(CardProblem::Invalid {
            path: path.to_string(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, text: &str, required: bool, max: usize) {
        let chars = text.chars().count();
        if chars > max {
            self.push(CardProblem::TooLong {
                path: path.to_string(),
                chars,
                max,
            });
        } else if required && text.trim().is_empty() {
            self.invalid(path, "this text may not be empty.");
        }
    }

    fn opt_text(&mut self, path: &str, text: &Option<String>) {
        if let Some(t) = text {
            self.text(path, t, false, CARD_MAX_TEXT_CHARS);
        }
    }

    fn id(&mut self, path: &str, id: &str) {
        let chars = id.chars().count();
        if chars > CARD_MAX_ID_CHARS {
            self.push(CardProblem::TooLong {
                path: path.to_string(),
                chars,
                max: CARD_MAX_ID_CHARS,
            });
            return;
        }
        let well_formed = !id.is_empty()
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !well_formed {
            self.invalid(
                path,
                format!(
                    "\"{}\" is not a valid id; use lower-case letters and digits, joined by single hyphens (for example crps-4h).",
                    shorten(id)
                ),
            );
        }
    }

    fn list_len(&mut self, path: &str, len: usize, min: usize, max: usize) -> bool {
        if len > max {
            self.push(CardProblem::TooMany {
                path: path.to_string(),
                count: len,
                max,
            });
            return false;
        }
        if len < min {
            self.invalid(path, format!("at least {min} entry is needed here."));
            return false;
        }
        true
    }

    fn sources(&mut self, path: &str, sources: &[String], evidence: Option<EvidenceKind>) {
        if !self.list_len(path, sources.len(), 0, CARD_MAX_LIST) {
            return;
        }
        // A list, not a set: at most CARD_MAX_LIST entries, and no B-tree
        // of `&str` is compiled into the wasm for it.
        let mut seen: Vec<&str> = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let p = index(path, i);
            if !(self.known)(s) {
                self.push(CardProblem::UnknownSource {
                    path: p,
                    id: shorten(s),
                });
            } else if !first_time(&mut seen, s) {
                self.invalid(&p, format!("source \"{}\" is listed twice.", shorten(s)));
            }
        }
        if let Some(kind) = evidence {
            if kind != EvidenceKind::Illustrative && sources.is_empty() {
                self.invalid(
                    path,
                    format!(
                        "evidence kind \"{}\" needs at least one source id; use \"illustrative\" for a choice with no source.",
                        kind.id()
                    ),
                );
            }
        }
    }

    /// `value` must be from `min` (above 0) to `max` (unit for messages).
    fn positive_at_most(
        &mut self,
        path: &str,
        value: f64,
        (min, max): (f64, f64),
        unit: &str,
        why: &str,
    ) {
        if !value.is_finite() {
            self.invalid(path, "the number is not finite.");
        } else if value <= 0.0 || value < min || value > max {
            let bound = if value < min { min } else { max };
            self.push(CardProblem::OutOfRange {
                path: path.to_string(),
                value: format!("{} {unit}", show_against(value, bound))
                    .trim_end()
                    .to_string(),
                range: [min, max]
                    .map(|v| format!("{} {unit}", show(v)).trim_end().to_string())
                    .join(" to "),
                why: why.to_string(),
            });
        }
    }

    /// A rate in `unit`: above 0, and at most the 2 mg/kg/h hard limit (per
    /// kg; 1 mg/kg/h for S-ketamine) or 600 mg/h (fixed).
    fn rate(&mut self, path: &str, value: f64, unit: RateUnit) {
        if !value.is_finite() {
            self.invalid(path, "the number is not finite.");
            return;
        }
        let hard = self.drug.hard_max_mg_per_kg_per_h();
        match unit {
            RateUnit::MgPerKgPerH if value > hard => {
                self.push(CardProblem::HardLimit {
                    path: path.to_string(),
                    value: format!("{} mg/kg/h", show_against(value, hard)),
                    limit: format!("{} mg/kg/h", show(hard)),
                    rule: match self.drug {
                        Drug::Ketamine => "top of the 2018 consensus infusion range outside intensive care [R2]".to_string(),
                        Drug::SKetamine => "half the top of the 2018 consensus infusion range outside intensive care [R2], as S-ketamine is about twice as potent as racemic ketamine [R20]".to_string(),
                    },
                });
            }
            RateUnit::MgPerKgPerH => self.positive_at_most(
                path,
                value,
                (CARD_MIN_MG_PER_KG_PER_H, hard),
                "mg/kg/h",
                &format!("A rate per kg runs from 0.01 mg/kg/h (anything less is no dose this app can show) to the {} mg/kg/h hard limit.", show(hard)),
            ),
            RateUnit::MgPerH => self.positive_at_most(
                path,
                value,
                (CARD_MIN_MG_PER_H, CARD_MAX_MG_PER_H),
                "mg/h",
                &format!("Fixed hourly figures run from 0.1 mg/h (anything less is no dose this app can show) to 600 mg/h (2 mg/kg/h for a 300 kg patient); the {} mg/kg/h hard limit{} still applies to every patient.", show(hard), match self.drug {
                    Drug::Ketamine => "",
                    Drug::SKetamine => " for S-ketamine",
                }),
            ),
        }
    }

    fn multiplier(&mut self, path: &str, value: f64) {
        if !value.is_finite() {
            self.invalid(path, "the number is not finite.");
        } else if value > MAX_MULTIPLIER {
            self.push(CardProblem::HardLimit {
                path: path.to_string(),
                value: format!("multiplier {}", show_against(value, MAX_MULTIPLIER)),
                limit: show(MAX_MULTIPLIER),
                rule: "largest multiplier this app allows".to_string(),
            });
        } else if value < MIN_MULTIPLIER {
            self.push(CardProblem::OutOfRange {
                path: path.to_string(),
                value: format!("multiplier {}", show_against(value, MIN_MULTIPLIER)),
                range: format!("{} to {}", show(MIN_MULTIPLIER), show(MAX_MULTIPLIER)),
                why: "A multiplier under 0.1 would all but stop (or at zero or below, reverse) the dose; use a block effect to stop the calculation.".to_string(),
            });
        }
    }

    fn whole_in(&mut self, path: &str, value: u32, min: u32, max: u32, what: &str) {
        if value < min || value > max {
            self.push(CardProblem::OutOfRange {
                path: path.to_string(),
                value: value.to_string(),
                range: format!("{min} to {max}"),
                why: what.to_string(),
            });
        }
    }
}

/// True for a real calendar date written `YYYY-MM-DD` (years 1900–2999).
pub fn is_valid_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |s: &str| -> Option<u32> {
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (
        text.get(0..4).and_then(num),
        text.get(5..7).and_then(num),
        text.get(8..10).and_then(num),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&y) && d >= 1 && d <= days
}

fn check_condition(
    c: &mut Checker<'_>,
    path: &str,
    cond: &super::card::Condition,
) -> Option<ValidCondition> {
    let attr = cond.attribute;
    let forbid = |c: &mut Checker<'_>, key: &str, present: bool, kind: &str| {
        if present {
            c.invalid(
                &join(path, key),
                format!(
                    "\"{key}\" is not used with {kind} attribute \"{}\".",
                    attr.id()
                ),
            );
        }
    };
    match attr.kind() {
        AttributeKind::Numeric { unit, min, max } => {
            forbid(c, "any_of", cond.any_of.is_some(), "the numeric");
            forbid(c, "is", cond.is.is_some(), "the numeric");
            if cond.compare.is_none() {
                c.invalid(
                    &join(path, "compare"),
                    "a numeric condition needs \"compare\": at_least, above, below or at_most (say whether the threshold counts).",
                );
            }
            if cond.value.is_none() {
                c.push(CardProblem::Missing {
                    path: join(path, "value"),
                });
            }
            let (compare, value) = (cond.compare?, cond.value?);
            if !value.is_finite() || value < min || value > max {
                c.push(CardProblem::OutOfRange {
                    path: join(path, "value"),
                    value: format!(
                        "{} {unit}",
                        show_against(value, if value < min { min } else { max })
                    )
                    .trim_end()
                    .to_string(),
                    range: format!("{} to {} {unit}", show(min), show(max))
                        .trim_end()
                        .to_string(),
                    why: format!("Thresholds must lie within the accepted {}.", attr.label()),
                });
                return None;
            }
            // Shown as given (`describe`), beside a patient's figure as read:
            // 49.99995 shown as 50 would read "weight at least 50 kg" beside
            // a weight of 49.99996 kg that it holds for.
            if !at_most_card_decimals(value) {
                c.invalid(
                    &join(path, "value"),
                    format!(
                        "a threshold has at most {CARD_FIGURE_DECIMALS} decimals, as the app shows it beside a patient's figure; this one has more ({}): for example {} would do.",
                        show_against(value, rounded_card_number(value)),
                        format_card_number(value)
                    ),
                );
                return None;
            }
            Some(ValidCondition::Numeric {
                attribute: attr,
                compare,
                value,
            })
        }
        AttributeKind::Flag => {
            forbid(c, "any_of", cond.any_of.is_some(), "the yes/no");
            forbid(c, "compare", cond.compare.is_some(), "the yes/no");
            forbid(c, "value", cond.value.is_some(), "the yes/no");
            match cond.is {
                Some(is) => Some(ValidCondition::Flag {
                    attribute: attr,
                    is,
                }),
                None => {
                    c.push(CardProblem::Missing {
                        path: join(path, "is"),
                    });
                    None
                }
            }
        }
        kind @ (AttributeKind::Categorical | AttributeKind::Medications) => {
            forbid(c, "compare", cond.compare.is_some(), "the list");
            forbid(c, "value", cond.value.is_some(), "the list");
            forbid(c, "is", cond.is.is_some(), "the list");
            let Some(any_of) = &cond.any_of else {
                c.push(CardProblem::Missing {
                    path: join(path, "any_of"),
                });
                return None;
            };
            let list_path = join(path, "any_of");
            if !c.list_len(&list_path, any_of.len(), 1, CARD_MAX_LIST) {
                return None;
            }
            let allowed = attr.allowed_ids();
            let mut ok = true;
            let mut seen: Vec<&str> = Vec::new();
            let mut meds = Vec::new();
            for (i, v) in any_of.iter().enumerate() {
                let p = index(&list_path, i);
                if !first_time(&mut seen, v) {
                    c.invalid(&p, format!("\"{}\" is listed twice.", shorten(v)));
                    ok = false;
                    continue;
                }
                if kind == AttributeKind::Medications {
                    match Medication::from_id(v) {
                        Some(m) => meds.push(m),
                        None => {
                            c.push(CardProblem::UnknownMedication {
                                path: p,
                                id: shorten(v),
                                allowed: Medication::ids_text(),
                            });
                            ok = false;
                        }
                    }
                } else if !allowed.contains(&v.as_str()) {
                    c.push(CardProblem::UnknownValue {
                        path: p,
                        value: shorten(v),
                        allowed: allowed.join(", "),
                    });
                    ok = false;
                }
            }
            if !ok {
                return None;
            }
            if kind == AttributeKind::Medications {
                Some(ValidCondition::Medications { ids: meds })
            } else {
                Some(ValidCondition::OneOf {
                    attribute: attr,
                    ids: any_of.clone(),
                })
            }
        }
    }
}

fn check_factor(
    c: &mut Checker<'_>,
    card: &ProtocolCard,
    path: &str,
    f: &Factor,
) -> Option<ValidCondition> {
    c.id(&join(path, "id"), &f.id);
    c.text(&join(path, "label"), &f.label, true, 200);
    c.sources(&join(path, "sources"), &f.sources, Some(f.evidence));
    c.opt_text(&join(path, "note"), &f.note);
    let effects_path = join(path, "effects");
    if c.list_len(&effects_path, f.effects.len(), 1, CARD_MAX_EFFECTS) {
        for (i, e) in f.effects.iter().enumerate() {
            let ep = index(&effects_path, i);
            let vp = join(&ep, "value");
            // The engine applies the factors that hold for the infusion shown
            // to the whole titration ladder, so a dose change tied to the
            // infusion number would give each infusion's sheet other figures
            // for the same course.
            let changes_dose = !matches!(
                e,
                Effect::Warning { .. } | Effect::Notice { .. } | Effect::Block { .. }
            );
            if changes_dose && f.condition.attribute == Attribute::InfusionNumber {
                c.invalid(
                    &ep,
                    "a factor on the infusion number may only warn, inform or stop: a rate, duration, step or cap change would apply to the whole titration ladder of the infusion shown, so each infusion's sheet would give other figures for the same course. Change the rate from one infusion to the next with the card's titration instead.",
                );
            }
            match e {
                Effect::RateMultiplier { value } => c.multiplier(&vp, *value),
                Effect::DurationMultiplier { value } => {
                    c.multiplier(&vp, *value);
                    if card.session.continuous {
                        c.invalid(
                            &ep,
                            "a continuous card describes fixed 24-h periods, so a duration multiplier cannot apply.",
                        );
                    }
                }
                Effect::TitrationStepMultiplier { value } => {
                    c.multiplier(&vp, *value);
                    if card.titration.is_none() {
                        c.invalid(
                            &ep,
                            "this card has no titration, so a titration-step multiplier would do nothing; remove it or add titration.",
                        );
                    }
                }
                Effect::LowerCap { value, unit } => c.rate(&vp, *value, *unit),
                Effect::Warning { text } | Effect::Notice { text } | Effect::Block { text } => {
                    c.text(&join(&ep, "text"), text, true, CARD_MAX_TEXT_CHARS)
                }
            }
        }
    }
    check_condition(c, &join(path, "condition"), &f.condition)
}

/// Checks a card against the hard limits, the sane ranges and the known ids
/// and returns every problem with its path, or the [`ValidCard`].
pub fn validate(
    card: &ProtocolCard,
    known_sources: KnownSources<'_>,
) -> Result<ValidCard, Vec<CardProblem>> {
    let mut c = Checker {
        problems: Vec::new(),
        known: known_sources,
        drug: card.drug,
    };
    if let Some(s) = &card.schema {
        c.text("$schema", s, false, 500);
    }
    c.id("id", &card.id);
    c.text("name", &card.name, true, 200);
    c.text("version", &card.version, true, 32);
    if !is_valid_date(&card.review_date) {
        c.invalid(
            "review_date",
            format!(
                "\"{}\" is not a date that exists, written YYYY-MM-DD (for example 2026-11-22).",
                shorten(&card.review_date)
            ),
        );
    }
    c.text("summary", &card.summary, true, CARD_MAX_TEXT_CHARS);
    c.opt_text("research_note", &card.research_note);
    if card.research_only
        && card
            .research_note
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    {
        c.invalid(
            "research_note",
            "a research-only card must say why in research_note.",
        );
    }
    if c.list_len("indications", card.indications.len(), 1, CARD_MAX_LIST) {
        // Each condition once: two grades for one would both be shown.
        for (i, ind) in card.indications.iter().enumerate() {
            let p = index("indications", i);
            let before = card.indications.get(..i).unwrap_or_default();
            if before.iter().any(|b| b.condition == ind.condition) {
                c.invalid(
                    &join(&p, "condition"),
                    format!("\"{}\" is listed twice.", ind.condition.id()),
                );
            }
            c.sources(&join(&p, "sources"), &ind.sources, None);
            c.opt_text(&join(&p, "note"), &ind.note);
        }
    }
    if c.list_len("sources", card.sources.len(), 1, CARD_MAX_LIST) {
        c.sources("sources", &card.sources, None);
    }

    let dw = &card.dosing_weight;
    c.sources("dosing_weight.sources", &dw.sources, Some(dw.evidence));
    c.opt_text("dosing_weight.note", &dw.note);

    let base = &card.base_rate;
    c.rate("base_rate.value", base.value, base.unit);
    c.sources("base_rate.sources", &base.sources, Some(base.evidence));
    c.opt_text("base_rate.note", &base.note);

    let session = &card.session;
    c.positive_at_most(
        "session.duration_h",
        session.duration_h,
        (CARD_MIN_DURATION_H, CARD_MAX_DURATION_H),
        "h",
        "A session (or a continuous infusion's period) lasts from 15 minutes to 24 h.",
    );
    if session.continuous && session.duration_h != CARD_MAX_DURATION_H {
        c.invalid(
            "session.duration_h",
            "a continuous card counts in 24-h periods: set duration_h to 24.",
        );
    }
    c.sources("session.sources", &session.sources, Some(session.evidence));
    c.opt_text("session.note", &session.note);

    if let Some(cap) = &card.caps.mg_per_kg_per_h {
        c.rate(
            "caps.mg_per_kg_per_h.value",
            cap.value,
            RateUnit::MgPerKgPerH,
        );
        c.sources(
            "caps.mg_per_kg_per_h.sources",
            &cap.sources,
            Some(cap.evidence),
        );
        c.opt_text("caps.mg_per_kg_per_h.note", &cap.note);
    }
    if let Some(cap) = &card.caps.mg_per_h {
        c.rate("caps.mg_per_h.value", cap.value, RateUnit::MgPerH);
        c.sources("caps.mg_per_h.sources", &cap.sources, Some(cap.evidence));
        c.opt_text("caps.mg_per_h.note", &cap.note);
    }
    if let Some(cap) = &card.caps.per_session {
        match cap.unit {
            SessionCapUnit::Mg => c.positive_at_most(
                "caps.per_session.value",
                cap.value,
                (CARD_MIN_SESSION_MG, CARD_MAX_SESSION_MG),
                "mg",
                "A per-session cap runs from 1 mg (anything less is no dose this app can show) to 14,400 mg (600 mg/h over 24 h, more than any session could reach).",
            ),
            SessionCapUnit::MgPerKg => c.positive_at_most(
                "caps.per_session.value",
                cap.value,
                (CARD_MIN_MG_PER_KG, CARD_MAX_SESSION_MG_PER_KG),
                "mg/kg",
                "A per-session cap per kg runs from 0.01 mg/kg (anything less is no dose this app can show) to 48 mg/kg (the 2 mg/kg/h hard limit over 24 h).",
            ),
        }
        c.sources("caps.per_session.sources", &cap.sources, Some(cap.evidence));
        c.opt_text("caps.per_session.note", &cap.note);
    }

    c.positive_at_most(
        "multiplier_floor",
        card.multiplier_floor,
        (MIN_MULTIPLIER, 1.0),
        "",
        "The floor is a fraction of the base rate (default 0.25), from 0.1 (the smallest multiplier) to 1.",
    );

    if let Some(b) = &card.bolus {
        let hard = card.drug.hard_max_bolus_mg_per_kg();
        if b.mg_per_kg.is_finite() && b.mg_per_kg > hard {
            c.push(CardProblem::HardLimit {
                path: "bolus.mg_per_kg".to_string(),
                value: format!("{} mg/kg", show_against(b.mg_per_kg, hard)),
                limit: format!("{} mg/kg", show(hard)),
                rule: match card.drug {
                    Drug::Ketamine => "2018 consensus bolus ceiling [R2]".to_string(),
                    Drug::SKetamine => "half the 2018 consensus bolus ceiling [R2], as S-ketamine is about twice as potent as racemic ketamine [R20]".to_string(),
                },
            });
        } else {
            c.positive_at_most(
                "bolus.mg_per_kg",
                b.mg_per_kg,
                (CARD_MIN_MG_PER_KG, hard),
                "mg/kg",
                &format!("A bolus runs from 0.01 mg/kg to the {} mg/kg ceiling; remove the bolus rather than setting it near zero.", show(hard)),
            );
        }
        c.sources("bolus.sources", &b.sources, Some(b.evidence));
        c.opt_text("bolus.note", &b.note);
    }

    if let Some(t) = &card.titration {
        c.rate("titration.step", t.step, t.unit);
        c.rate("titration.maximum", t.maximum, t.unit);
        if t.unit == base.unit && t.maximum.is_finite() && t.maximum < base.value {
            c.invalid(
                "titration.maximum",
                format!(
                    "the titration maximum ({}) is below the base rate ({}); titration could never start.",
                    show(t.maximum),
                    show(base.value)
                ),
            );
        }
        c.sources("titration.sources", &t.sources, Some(t.evidence));
        c.opt_text("titration.note", &t.note);
    }

    let ph = &card.phases;
    c.whole_in(
        "phases.induction_count",
        ph.induction_count,
        1,
        CARD_MAX_INDUCTION_COUNT,
        "Infusions (or days) in the induction phase.",
    );
    c.whole_in(
        "phases.induction_span_days",
        ph.induction_span_days,
        1,
        CARD_MAX_INDUCTION_SPAN_DAYS,
        "Days the induction phase spans.",
    );
    if ph.induction_count > ph.induction_span_days && ph.induction_span_days >= 1 {
        c.invalid(
            "phases.induction_count",
            format!(
                "{} infusions (or days) cannot fit in {}: at most one a day.",
                ph.induction_count,
                count(ph.induction_span_days as usize, "day", "days")
            ),
        );
    }
    c.text("phases.titration", &ph.titration, true, CARD_MAX_TEXT_CHARS);
    if let Some(b) = &ph.booster {
        c.whole_in(
            "phases.booster.interval_weeks_min",
            b.interval_weeks_min,
            1,
            CARD_MAX_BOOSTER_WEEKS,
            "Weeks between boosters.",
        );
        c.whole_in(
            "phases.booster.interval_weeks_max",
            b.interval_weeks_max,
            b.interval_weeks_min.max(1),
            CARD_MAX_BOOSTER_WEEKS,
            "Weeks between boosters, not less than the minimum.",
        );
        c.text("phases.booster.form", &b.form, true, CARD_MAX_TEXT_CHARS);
    }
    c.sources("phases.sources", &ph.sources, Some(ph.evidence));
    c.opt_text("phases.note", &ph.note);

    let mut factors = Vec::new();
    if c.list_len("factors", card.factors.len(), 0, CARD_MAX_FACTORS) {
        // A list, not a map: at most CARD_MAX_FACTORS factors, and no
        // B-tree of this type in the wasm.
        let mut first_use: Vec<(&str, String)> = Vec::new();
        let mut longest = session.duration_h;
        let mut shortest = session.duration_h;
        for (i, f) in card.factors.iter().enumerate() {
            let path = index("factors", i);
            if let Some((_, first)) = first_use.iter().find(|(id, _)| *id == f.id.as_str()) {
                c.push(CardProblem::DuplicateId {
                    path: join(&path, "id"),
                    id: shorten(&f.id),
                    first: first.clone(),
                });
            } else {
                first_use.push((&f.id, join(&path, "id")));
            }
            for e in &f.effects {
                if let Effect::DurationMultiplier { value } = e {
                    if value.is_finite() && *value > 1.0 {
                        longest *= value;
                    }
                    if value.is_finite() && *value > 0.0 && *value < 1.0 {
                        shortest *= value;
                    }
                }
            }
            if let Some(condition) = check_factor(&mut c, card, &path, f) {
                factors.push(ValidFactor {
                    factor: f.clone(),
                    condition,
                });
            }
        }
        if shortest < CARD_MIN_DURATION_H && session.duration_h >= CARD_MIN_DURATION_H {
            c.invalid(
                "factors",
                format!(
                    "together the duration multipliers could shorten a session to {} h; at least 0.25 h (15 minutes) is allowed.",
                    show(shortest)
                ),
            );
        }
        if longest.is_finite()
            && longest > CARD_MAX_DURATION_H
            && session.duration_h <= CARD_MAX_DURATION_H
        {
            c.invalid(
                "factors",
                format!(
                    "together the duration multipliers could lengthen a session to {} h; at most 24 h is allowed.",
                    show(longest)
                ),
            );
        }
    }

    if c.problems.is_empty() {
        Ok(ValidCard {
            card: card.clone(),
            factors,
        })
    } else {
        Err(c.problems)
    }
}

/// Most problems reported for one file; the rest are summarised in one line.
pub const MAX_PROBLEMS_REPORTED: usize = 200;

fn cap_problems(mut problems: Vec<CardProblem>) -> Vec<CardProblem> {
    if problems.len() > MAX_PROBLEMS_REPORTED {
        let more = problems.len() - MAX_PROBLEMS_REPORTED;
        problems.truncate(MAX_PROBLEMS_REPORTED);
        problems.push(CardProblem::Invalid {
            path: ROOT_PATH.to_string(),
            message: format!("{more} more problems are not listed; fix the ones above first."),
        });
    }
    problems
}

/// Parses and validates a card from JSON text (an imported file, or a
/// built-in card), in three stages, each reporting every problem it finds:
/// size limit and JSON syntax (line, column and best-effort path); structure
/// (missing fields, wrong types, unknown fields and names, each with its
/// path); then the rules of [`validate`]. A later stage runs only when the
/// earlier ones found nothing, since rules cannot be checked on a card whose
/// structure is broken. At most [`MAX_PROBLEMS_REPORTED`] problems are listed.
pub fn parse_card(
    text: &str,
    known_sources: KnownSources<'_>,
) -> Result<ValidCard, Vec<CardProblem>> {
    if text.len() > CARD_MAX_FILE_BYTES {
        return Err(vec![CardProblem::TooLarge {
            bytes: text.len(),
            max: CARD_MAX_FILE_BYTES,
        }]);
    }
    let value = parse_value(text).map_err(|e| vec![syntax_problem(text, &e)])?;
    parse_card_value(&value, known_sources)
}

/// Like [`parse_card`], from an already parsed JSON value.
pub fn parse_card_value(
    value: &Value,
    known_sources: KnownSources<'_>,
) -> Result<ValidCard, Vec<CardProblem>> {
    let card = reader::card_from_value(value).map_err(cap_problems)?;
    validate(&card, known_sources).map_err(cap_problems)
}

/// Notes `item` in `seen`; false when it was there already (a short list's
/// duplicate check).
fn first_time<'a>(seen: &mut Vec<&'a str>, item: &'a str) -> bool {
    if seen.contains(&item) {
        return false;
    }
    seen.push(item);
    true
}

fn syntax_problem(text: &str, e: &SyntaxError) -> CardProblem {
    let message = match e.kind {
        SyntaxKind::OutOfRange => {
            "a number is too large to be finite (for example 1e400).".to_string()
        }
        SyntaxKind::TooDeep => "the file is nested too deeply to be a protocol card.".to_string(),
        SyntaxKind::Eof => format!("the file ends too early ({}).", e.message),
        SyntaxKind::Other => format!("{}.", e.message),
    };
    CardProblem::Syntax {
        path: reader::path_at_offset(text, e.offset),
        line: e.line,
        column: e.column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_categorical_condition_is_described_with_the_choices_labels() {
        let one_of = |attribute, ids: &[&str]| ValidCondition::OneOf {
            attribute,
            ids: ids.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(
            one_of(Attribute::Cardiovascular, &["poorly_controlled"]).describe(),
            "cardiovascular status: poorly controlled hypertension or heart disease"
        );
        assert_eq!(
            one_of(Attribute::Pain, &["crps", "neuropathic"]).describe(),
            "pain condition: complex regional pain syndrome (CRPS) or mixed neuropathic pain"
        );
        // Every id every categorical attribute allows has a label.
        for attribute in Attribute::ALL {
            for id in attribute.allowed_ids() {
                let label = attribute.id_label(id);
                assert!(label.is_some_and(|l| !l.is_empty()), "{id}: {label:?}");
            }
            assert_eq!(attribute.id_label("no-such-id"), None);
        }
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(is_valid_date("2026-11-22"));
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2023-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("2026-1-01"));
        assert!(!is_valid_date("26-11-2022"));
        assert!(!is_valid_date("2026-11-2x"));
        assert!(!is_valid_date("2026-04-31"));
    }

    #[test]
    fn evidence_ids_cover_the_reference_list() {
        assert!(is_evidence_source_id("R2b"));
        assert!(is_evidence_source_id("seed-frequency"));
        assert!(!is_evidence_source_id("R43"));
        assert!(!is_evidence_source_id("r2"));
        assert_eq!(EVIDENCE_SOURCE_IDS.len(), 92);
    }

    #[test]
    fn syntax_errors_carry_line_column_and_path() {
        let text = "{\n  \"base_rate\": {\"value\": 1e400}\n}";
        let p = parse_card(text, &is_evidence_source_id).unwrap_err();
        assert_eq!(p.len(), 1);
        match &p[0] {
            CardProblem::Syntax {
                path,
                line,
                message,
                ..
            } => {
                assert_eq!(path, "base_rate.value");
                assert_eq!(*line, 2);
                assert!(message.contains("too large to be finite"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // A field written twice is named, at its column in characters
        // ("é" and "—" before it count once each).
        let text = "{\"name\": \"Caf\u{e9} \u{2014} x\", \"id\": \"a\", \"id\": \"b\"}";
        let p = parse_card(text, &is_evidence_source_id).unwrap_err();
        match p.first() {
            Some(CardProblem::Syntax {
                path,
                line,
                column,
                message,
            }) => {
                assert_eq!(path, "id");
                assert_eq!((*line, *column), (1, 33));
                assert!(message.contains("written twice"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // A comma after the last of two factors is said at that comma, in
        // the second factor, not in a third that does not exist.
        let text = "{\"factors\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\"},\n]}";
        let p = parse_card(text, &is_evidence_source_id).unwrap_err();
        match p.first() {
            Some(CardProblem::Syntax {
                path, line, column, ..
            }) => {
                assert_eq!(path, "factors[1]");
                assert_eq!((*line, *column), (3, 14));
            }
            other => panic!("{other:?}"),
        }
        // A decimal comma names its field.
        let text = "{\"base_rate\": {\"value\": 0,5, \"unit\": \"mg/kg/h\"}}";
        let p = parse_card(text, &is_evidence_source_id).unwrap_err();
        match p.first() {
            Some(CardProblem::Syntax { path, message, .. }) => {
                assert_eq!(path, "base_rate.value");
                assert!(message.contains("0.5, not 0,5"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let deep = "[".repeat(5000);
        let p = parse_card(&deep, &is_evidence_source_id).unwrap_err();
        assert!(p[0].to_string().contains("nested too deeply"), "{}", p[0]);
    }
}
