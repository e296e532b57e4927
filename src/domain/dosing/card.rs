//! Protocol card types: the JSON data that configures a protocol (base rate,
//! dosing-weight basis, caps, titration, phases and adjustment factors).
//!
//! These structs mirror the file format one to one (serde, unknown fields
//! refused). A `ProtocolCard` is only data: the engine accepts a
//! [`super::validate::ValidCard`], which only [`super::validate::validate`]
//! produces, after the hard limits of [`super::limits`] have been checked.
//! Every figure carries its evidence kind (LIT, LIT-dir, ILL) and source ids
//! (keys of the evidence file's reference list, e.g. `R2`, plus `seed-dosing`
//! and `seed-frequency` for the two seed articles).

use serde::{Deserialize, Serialize};

use super::input::PainCondition;
use super::limits::{
    DEFAULT_MULTIPLIER_FLOOR, HARD_MAX_BOLUS_MG_PER_KG, HARD_MAX_MG_PER_KG_PER_H, MIN_TRIAL_MG,
};

choice_enum! {
    /// Where the protocol is meant to run.
    pub enum Setting {
        Outpatient = "outpatient" => "outpatient",
        InpatientMonitored = "inpatient_monitored" => "inpatient, monitored setting",
    }
}

choice_enum! {
    /// The drug a card's figures are for. Every mg is the drug as base.
    pub enum Drug {
        /// Racemic ketamine, as in most bags and vials (the default).
        Ketamine = "ketamine" => "ketamine",
        /// S-ketamine (esketamine), about twice as potent as racemic ketamine.
        SKetamine = "s_ketamine" => "S-ketamine",
    }
}

impl Drug {
    /// What every mg of a figure is: "ketamine as base".
    pub fn as_base(self) -> &'static str {
        match self {
            Drug::Ketamine => "ketamine as base",
            Drug::SKetamine => "S-ketamine as base",
        }
    }

    /// Said with every figure of a drug that is not the racemic ketamine in
    /// most bags.
    pub fn potency_note(self) -> Option<&'static str> {
        match self {
            Drug::Ketamine => None,
            Drug::SKetamine => Some("S-ketamine is roughly twice as potent as the racemic ketamine in most bags: these figures are not for a racemic bag."),
        }
    }

    /// After a result's name where figures of several cards meet (the
    /// comparison, the spoken line): " (S-ketamine as base)", or "" for
    /// racemic ketamine, the usual drug.
    pub fn unless_racemic(self) -> &'static str {
        match self {
            Drug::Ketamine => "",
            Drug::SKetamine => " (S-ketamine as base)",
        }
    }

    /// How many mg of racemic ketamine one mg of this drug counts as
    /// against the app's hard limits and the consensus minimum trial, which
    /// are racemic figures: 2 for S-ketamine, about twice as potent [R20].
    /// The factor is an approximation, so S-ketamine's limits are half the
    /// racemic ones: the cautious side for a ceiling.
    pub fn racemic_factor(self) -> f64 {
        match self {
            Drug::Ketamine => 1.0,
            Drug::SKetamine => 2.0,
        }
    }

    /// The hard limit on any rate, in mg/kg/h of dosing weight.
    pub fn hard_max_mg_per_kg_per_h(self) -> f64 {
        HARD_MAX_MG_PER_KG_PER_H / self.racemic_factor()
    }

    /// The hard limit on a bolus, in mg/kg.
    pub fn hard_max_bolus_mg_per_kg(self) -> f64 {
        HARD_MAX_BOLUS_MG_PER_KG / self.racemic_factor()
    }

    /// The consensus minimum total of an adequate trial, in mg.
    pub fn min_trial_mg(self) -> f64 {
        MIN_TRIAL_MG / self.racemic_factor()
    }

    /// Where a limit in this drug comes from when it is not the racemic
    /// figure `racemic` itself: "half the racemic 2 mg/kg/h by this app's
    /// reckoning, as S-ketamine is about twice as potent" (`None` for
    /// racemic ketamine).
    pub fn halved(self, racemic: &str) -> Option<String> {
        match self {
            Drug::Ketamine => None,
            Drug::SKetamine => Some(format!(
                "half the racemic {racemic} by this app's reckoning, as S-ketamine is about twice as potent"
            )),
        }
    }

    /// The kind of evidence behind a limit in this drug: the racemic
    /// figures are taken from their source; S-ketamine's halves of them
    /// follow the source's direction (more potent, so lower) by an
    /// approximate factor, so their numbers are the app's.
    pub fn limit_evidence(self) -> EvidenceKind {
        match self {
            Drug::Ketamine => EvidenceKind::Source,
            Drug::SKetamine => EvidenceKind::Direction,
        }
    }

    /// The sources of a limit in this drug: `racemic`'s, and the potency
    /// source for S-ketamine.
    pub fn limit_sources(self, racemic: &[&str]) -> Vec<String> {
        let mut ids: Vec<String> = racemic.iter().map(|s| (*s).to_string()).collect();
        if self == Drug::SKetamine {
            ids.push("R20".to_string());
        }
        ids
    }
}

choice_enum! {
    /// Which weight the mg/kg figures apply to (evidence file 3.3 and 7.2).
    pub enum WeightBasis {
        /// Actual (total) body weight.
        Actual = "actual" => "actual body weight",
        /// Devine ideal body weight (actual weight if lower).
        Ideal = "ideal" => "ideal body weight (Devine)",
        /// IBW + 0.4 × (actual − IBW) (actual weight if below IBW).
        Adjusted = "adjusted" => "adjusted body weight",
        /// Actual weight unless it is more than 130% of IBW, then adjusted weight.
        AdjustedIfObese = "adjusted_if_obese" => "actual weight, or adjusted weight above 130% of ideal",
    }
}

choice_enum! {
    /// Unit of an hourly rate in a card.
    pub enum RateUnit {
        MgPerKgPerH = "mg_per_kg_per_h" => "mg/kg/h",
        MgPerH = "mg_per_h" => "mg/h",
    }
}

choice_enum! {
    /// Unit of a per-session cap.
    pub enum SessionCapUnit {
        Mg = "mg" => "mg",
        MgPerKg = "mg_per_kg" => "mg/kg",
    }
}

choice_enum! {
    /// What kind of evidence stands behind a number (evidence file section 7).
    pub enum EvidenceKind {
        /// The number is taken from the cited source (LIT).
        Source = "source" => "taken from a source",
        /// The source supports the direction; the number is illustrative (LIT-dir).
        Direction = "direction" => "direction from a source, number illustrative",
        /// An illustrative choice of this app, no source for the number (ILL).
        Illustrative = "illustrative" => "illustrative choice of this app",
    }
}

impl EvidenceKind {
    /// The short badge used in the evidence file: `LIT`, `LIT-dir` or `ILL`.
    pub fn badge(self) -> &'static str {
        match self {
            EvidenceKind::Source => "LIT",
            EvidenceKind::Direction => "LIT-dir",
            EvidenceKind::Illustrative => "ILL",
        }
    }
}

choice_enum! {
    /// What one titration step is counted in.
    pub enum TitrationPer {
        /// One step per separate infusion of the course.
        Infusion = "infusion" => "per infusion",
        /// One step per day of a continuous infusion.
        Day = "day" => "per day of the continuous infusion",
    }
}

choice_enum! {
    /// A numeric comparison; whether the threshold itself counts is explicit.
    pub enum Compare {
        /// value ≥ threshold (threshold included).
        AtLeast = "at_least" => "at least",
        /// value > threshold (threshold not included).
        Above = "above" => "above",
        /// value < threshold (threshold not included).
        Below = "below" => "below",
        /// value ≤ threshold (threshold included).
        AtMost = "at_most" => "at most",
    }
}

impl Compare {
    /// Whether `value` satisfies the comparison with `threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Compare::AtLeast => value >= threshold,
            Compare::Above => value > threshold,
            Compare::Below => value < threshold,
            Compare::AtMost => value <= threshold,
        }
    }

    /// Whether the threshold itself satisfies the comparison.
    pub fn inclusive(self) -> bool {
        matches!(self, Compare::AtLeast | Compare::AtMost)
    }
}

choice_enum! {
    /// A patient attribute a factor's condition can test.
    pub enum Attribute {
        AgeYears = "age_years" => "age",
        WeightKg = "weight_kg" => "actual body weight",
        HeightCm = "height_cm" => "height",
        InfusionNumber = "infusion_number" => "infusion number",
        Sex = "sex" => "sex",
        Pain = "pain" => "pain condition",
        Hepatic = "hepatic" => "liver function",
        Cardiovascular = "cardiovascular" => "cardiovascular status",
        Medications = "medications" => "medications",
        Cyp2b6 = "cyp2b6" => "CYP2B6 status",
        PregnantOrBreastfeeding = "pregnant_or_breastfeeding" => "pregnant or breastfeeding",
        Psychosis = "psychosis" => "psychosis",
        SubstanceUse = "substance_use" => "substance use",
        RaisedIop = "raised_iop" => "raised intraocular pressure",
        RaisedIcp = "raised_icp" => "raised intracranial pressure",
        RenalImpairment = "renal_impairment" => "renal impairment",
    }
}

/// How an attribute is tested, which decides the shape of its condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AttributeKind {
    /// Compared with a number (`compare` + `value`); unit and accepted range.
    Numeric {
        /// Unit word for messages (`years`, `kg`, `cm`, or empty).
        unit: &'static str,
        /// Lowest meaningful threshold.
        min: f64,
        /// Highest meaningful threshold.
        max: f64,
    },
    /// Matched against a list of ids (`any_of`).
    Categorical,
    /// Matched against medication ids (`any_of`).
    Medications,
    /// A yes/no attribute (`is`).
    Flag,
}

impl Attribute {
    /// How this attribute is tested. Numeric ranges match the input limits.
    pub fn kind(self) -> AttributeKind {
        use super::limits as l;
        match self {
            Attribute::AgeYears => AttributeKind::Numeric {
                unit: "years",
                min: 0.0,
                max: f64::from(l::AGE_MAX_YEARS),
            },
            Attribute::WeightKg => AttributeKind::Numeric {
                unit: "kg",
                min: l::WEIGHT_MIN_KG,
                max: l::WEIGHT_MAX_KG,
            },
            Attribute::HeightCm => AttributeKind::Numeric {
                unit: "cm",
                min: l::HEIGHT_MIN_CM,
                max: l::HEIGHT_MAX_CM,
            },
            Attribute::InfusionNumber => AttributeKind::Numeric {
                unit: "",
                min: 1.0,
                max: f64::from(l::INFUSION_NUMBER_MAX),
            },
            Attribute::Medications => AttributeKind::Medications,
            Attribute::PregnantOrBreastfeeding
            | Attribute::RaisedIop
            | Attribute::RaisedIcp
            | Attribute::RenalImpairment => AttributeKind::Flag,
            Attribute::Sex
            | Attribute::Pain
            | Attribute::Hepatic
            | Attribute::Cardiovascular
            | Attribute::Cyp2b6
            | Attribute::Psychosis
            | Attribute::SubstanceUse => AttributeKind::Categorical,
        }
    }

    /// The choices a categorical attribute accepts in `any_of`: its ids and
    /// their reader-facing labels, two tables of one length (both empty
    /// otherwise; medication ids come from [`super::medication::Medication`]).
    fn choices(self) -> (&'static [&'static str], &'static [&'static str]) {
        use super::input::{Cardiovascular, Cyp2b6, Hepatic, Psychosis, Sex, SubstanceUse};
        match self {
            Attribute::Sex => (Sex::IDS, Sex::LABELS),
            Attribute::Pain => (PainCondition::IDS, PainCondition::LABELS),
            Attribute::Hepatic => (Hepatic::IDS, Hepatic::LABELS),
            Attribute::Cardiovascular => (Cardiovascular::IDS, Cardiovascular::LABELS),
            Attribute::Cyp2b6 => (Cyp2b6::IDS, Cyp2b6::LABELS),
            Attribute::Psychosis => (Psychosis::IDS, Psychosis::LABELS),
            Attribute::SubstanceUse => (SubstanceUse::IDS, SubstanceUse::LABELS),
            _ => (&[], &[]),
        }
    }

    /// The ids a categorical attribute accepts in `any_of` (empty otherwise).
    pub fn allowed_ids(self) -> Vec<&'static str> {
        self.choices().0.to_vec()
    }

    /// The reader-facing label of one of [`Attribute::allowed_ids`]
    /// (`poorly_controlled` is "poorly controlled (...)"), or `None`.
    pub fn id_label(self, id: &str) -> Option<&'static str> {
        let (ids, labels) = self.choices();
        super::macros::index_of(ids, id).and_then(|i| labels.get(i).copied())
    }
}

choice_enum! {
    /// 2018 consensus strength of recommendation for a condition [R2].
    pub enum Grade {
        A = "A" => "A",
        B = "B" => "B",
        C = "C" => "C",
        D = "D" => "D",
        I = "I" => "I (insufficient)",
        None = "none" => "no grade (no supporting evidence)",
    }
}

choice_enum! {
    /// 2018 consensus level of certainty for a condition [R2].
    pub enum Certainty {
        Low = "low" => "low",
        LowToModerate = "low_to_moderate" => "low to moderate",
        Moderate = "moderate" => "moderate",
        High = "high" => "high",
    }
}

/// A condition the card is meant for, with its consensus grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indication {
    /// The pain condition.
    pub condition: PainCondition,
    /// Consensus strength of recommendation [R2].
    pub grade: Grade,
    /// Consensus level of certainty, when graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certainty: Option<Certainty>,
    /// Source ids for the grade.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Optional note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The weight basis with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DosingWeightSpec {
    /// Which weight the mg/kg figures apply to.
    pub basis: WeightBasis,
    /// Evidence kind of this choice.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Why this basis (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The starting rate before any factor: mg/kg/h of dosing weight, or fixed mg/h.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseRateSpec {
    /// The rate, in `unit`.
    pub value: f64,
    /// mg/kg/h or mg/h.
    pub unit: RateUnit,
    /// Evidence kind of the number.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One session (or, for a continuous infusion, one 24-h period).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSpec {
    /// Duration of one session in hours (24 for a continuous infusion's day).
    pub duration_h: f64,
    /// True for a continuous infusion: a "session" is one 24-h period.
    #[serde(default)]
    pub continuous: bool,
    /// Evidence kind of the duration.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An hourly cap (mg/kg/h or mg/h, given by the field it sits in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapSpec {
    /// The cap value.
    pub value: f64,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A cap on the amount per session (per 24 h on continuous cards).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionCapSpec {
    /// The cap value, in `unit`.
    pub value: f64,
    /// mg, or mg/kg of dosing weight.
    pub unit: SessionCapUnit,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The card's caps; each is optional. The 2 mg/kg/h hard limit always applies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caps {
    /// Hourly cap in mg/kg/h of dosing weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mg_per_kg_per_h: Option<CapSpec>,
    /// Hourly cap in mg/h.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mg_per_h: Option<CapSpec>,
    /// Cap per session (per 24 h when continuous), checked as cap ÷ duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_session: Option<SessionCapSpec>,
}

/// An optional loading bolus, mg/kg of dosing weight (at most 0.35 mg/kg).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BolusSpec {
    /// Bolus in mg/kg.
    pub mg_per_kg: f64,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Titration over the induction phase: infusion 1 runs at the start rate,
/// each later infusion (or day) adds one step, up to `maximum`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitrationSpec {
    /// Increase per infusion (or per day), in `unit`.
    pub step: f64,
    /// Highest rate titration may reach, in `unit` (caps still apply).
    pub maximum: f64,
    /// mg/kg/h or mg/h, for both `step` and `maximum`.
    pub unit: RateUnit,
    /// What one step is counted in.
    pub per: TitrationPer,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Booster (maintenance) infusions after the induction phase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Booster {
    /// Shortest interval between boosters, in weeks.
    pub interval_weeks_min: u32,
    /// Longest interval between boosters, in weeks.
    pub interval_weeks_max: u32,
    /// What a booster is (plain text).
    pub form: String,
}

/// The phases of a course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phases {
    /// Infusions (or days, on continuous cards) in the induction phase.
    pub induction_count: u32,
    /// Days the induction phase spans.
    pub induction_span_days: u32,
    /// How titration works in practice (plain text).
    pub titration: String,
    /// Boosters, if the protocol has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booster: Option<Booster>,
    /// Evidence kind of the schedule.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// When a factor applies: one patient attribute and a threshold or values.
///
/// Numeric attributes use `compare` + `value`; categorical ones and
/// `medications` use `any_of`; yes/no attributes use `is`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The attribute tested.
    pub attribute: Attribute,
    /// Numeric comparison (numeric attributes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<Compare>,
    /// Numeric threshold (numeric attributes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Matching ids (categorical attributes and medications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<String>>,
    /// Matching yes/no value (flag attributes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<bool>,
}

/// What a factor does when its condition holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// Multiplies the hourly rate (above 0, at most 1.5).
    RateMultiplier {
        /// The multiplier.
        value: f64,
    },
    /// Multiplies the session duration (above 0, at most 1.5).
    DurationMultiplier {
        /// The multiplier.
        value: f64,
    },
    /// Multiplies the titration step (above 0, at most 1.5).
    TitrationStepMultiplier {
        /// The multiplier.
        value: f64,
    },
    /// Adds an hourly cap lower than the card's own.
    LowerCap {
        /// The cap, in `unit`.
        value: f64,
        /// mg/kg/h or mg/h.
        unit: RateUnit,
    },
    /// A warning shown with the result (plain text).
    Warning {
        /// The warning.
        text: String,
    },
    /// An informative notice shown with the result (plain text).
    Notice {
        /// The notice.
        text: String,
    },
    /// Stops the calculation: no dose is shown, only this reason.
    Block {
        /// The reason (plain text).
        text: String,
    },
}

/// An adjustment factor: condition, effects, provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// Stable id, unique on the card (share links switch steps off by id).
    pub id: String,
    /// Short label.
    pub label: String,
    /// When it applies.
    pub condition: Condition,
    /// What it does, in order.
    pub effects: Vec<Effect>,
    /// Evidence kind of its numbers.
    pub evidence: EvidenceKind,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Note (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn default_floor() -> f64 {
    DEFAULT_MULTIPLIER_FLOOR
}

fn is_default_floor(v: &f64) -> bool {
    *v == DEFAULT_MULTIPLIER_FLOOR
}

fn is_false(v: &bool) -> bool {
    !*v
}

fn racemic() -> Drug {
    Drug::Ketamine
}

fn is_racemic(d: &Drug) -> bool {
    *d == Drug::Ketamine
}

/// A protocol card as stored in JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolCard {
    /// Optional JSON Schema reference for editors; ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable public id (lower-case letters, digits, hyphens), used in links.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Version of the card.
    pub version: String,
    /// Date of the last review, `YYYY-MM-DD`.
    pub review_date: String,
    /// Outpatient or inpatient monitored.
    pub setting: Setting,
    /// The drug its figures are for: racemic ketamine unless it says
    /// `s_ketamine`.
    #[serde(default = "racemic", skip_serializing_if = "is_racemic")]
    pub drug: Drug,
    /// Research-only reference, not a treatment protocol.
    #[serde(default, skip_serializing_if = "is_false")]
    pub research_only: bool,
    /// Why it is research only (required when `research_only`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub research_note: Option<String>,
    /// One paragraph on what the card models.
    pub summary: String,
    /// Conditions with their consensus grades.
    pub indications: Vec<Indication>,
    /// Source ids for the card as a whole.
    pub sources: Vec<String>,
    /// Dosing-weight basis.
    pub dosing_weight: DosingWeightSpec,
    /// Base rate.
    pub base_rate: BaseRateSpec,
    /// Session duration.
    pub session: SessionSpec,
    /// Caps (each optional).
    #[serde(default)]
    pub caps: Caps,
    /// Floor on the combined rate multiplier, fraction of base (default 0.25).
    #[serde(default = "default_floor", skip_serializing_if = "is_default_floor")]
    pub multiplier_floor: f64,
    /// Show the consensus minimum-trial notice (at least 80 mg over more than 2 h).
    #[serde(default, skip_serializing_if = "is_false")]
    pub minimum_trial_notice: bool,
    /// Optional bolus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bolus: Option<BolusSpec>,
    /// Titration, if the card titrates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titration: Option<TitrationSpec>,
    /// Phases of the course.
    pub phases: Phases,
    /// Adjustment factors, applied in this order.
    pub factors: Vec<Factor>,
}
