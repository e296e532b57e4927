//! The dose engine: a validated card and a validated patient give either a
//! block (no dose at all) or a breakdown a clinician can check by hand.
//!
//! Order of application (every step is recorded, all arithmetic in unrounded
//! `f64`; rounding happens only at display, in [`super::format`], except
//! that a rate held by a limit is kept at a figure shown at or below it):
//! 1. Blocks: the compiled-in age rule (under 18: specialist guidance only)
//!    and every card factor with a block effect whose condition holds. Any
//!    block stops the calculation; block factors cannot be switched off.
//! 2. Dosing weight (actual, ideal, adjusted or adjusted if obese).
//! 3. Base rate: mg/kg/h × dosing weight, or the card's fixed mg/h.
//! 4. Factors in card order: rate multipliers (the rate is always
//!    base × product of the multipliers so far), duration multipliers,
//!    titration-step multipliers, lower caps, warnings and notices. Factors
//!    switched off ("what if") are listed as such and change nothing.
//! 5. Floor: if the combined rate multiplier is below the card's floor
//!    (default 0.25), the rate is base × floor.
//! 6. Caps, each a separate step when it bites: card mg/kg/h cap, factor
//!    lower caps, card mg/h cap, session cap (cap mg ÷ duration after
//!    duration multipliers), then the 2 mg/kg/h hard limit. A cap bites when
//!    the rate, as shown, would be above it, and holds the rate at the
//!    highest figure shown that is not (12.2 mg/h under 12.25 mg/h). The
//!    result is the rate of infusion 1, the conservative start.
//! 7. Titration ladder for the induction phase: infusion k = start +
//!    (k − 1) × step × titration-step multipliers, never above the titration
//!    maximum, any cap or the hard limit, as shown (a start already above the
//!    maximum stays where it is). The selected infusion's rung gives the final rate.
//! 8. Final figures: mg/h, mg/kg/h, mcg/kg/min, duration, session total,
//!    pump rate (mL/h = mg/h ÷ mg/mL), warnings and notices.

use super::card::{Attribute, Drug, Effect, EvidenceKind, RateUnit, SessionCapUnit, TitrationPer};
use super::format::{
    format_beside, format_beside_at, format_card_figure, format_card_multiplier,
    format_card_number, format_change_between, format_dose, format_dose_with, format_dose_within,
    format_multiplier, format_number, shown_at_most, DoseUnit,
};
use super::input::{Field, PainCondition, PatientInput, ValidPart};
use super::limits::{
    ADULT_AGE_YEARS, HARD_MAX_MG_PER_KG_PER_H, MAX_DILUTED_MG_PER_ML, MIN_TRIAL_HOURS,
    MIN_TRIAL_MG, SMALL_PUMP_RATE_ML_PER_H,
};
use super::medication::Medication;
use super::units::{
    Hours, Kg, McgPerKgPerMin, Mg, MgPerHour, MgPerKg, MgPerKgPerHour, MgPerMl, MlPerHour,
};
use super::validate::{ValidCard, ValidCondition, ValidFactor};
use super::weight::{dosing_weight, DosingWeight};

/// Id of the compiled-in age rule (used as the block id).
pub const UNDER_AGE_RULE_ID: &str = "under-18";

/// The id of the compiled-in block for a known hypersensitivity to ketamine.
pub const HYPERSENSITIVITY_RULE_ID: &str = "ketamine-hypersensitivity";

/// The result of a calculation.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A contraindication or rule stopped the calculation: no dose at all.
    Blocked(Blocked),
    /// The dose and every step that led to it.
    Dose(Box<Breakdown>),
}

impl Outcome {
    /// The breakdown, if a dose was computed.
    pub fn dose(&self) -> Option<&Breakdown> {
        match self {
            Outcome::Dose(b) => Some(b),
            Outcome::Blocked(_) => None,
        }
    }
    /// The block, if the calculation was stopped.
    pub fn blocked(&self) -> Option<&Blocked> {
        match self {
            Outcome::Blocked(b) => Some(b),
            Outcome::Dose(_) => None,
        }
    }
}

/// Every block that fired; `primary` is the first (compiled rule first, then
/// card order).
#[derive(Clone, Debug, PartialEq)]
pub struct Blocked {
    /// The first block.
    pub primary: BlockReason,
    /// Any further blocks that also fired.
    pub others: Vec<BlockReason>,
    /// The card's warnings that also apply (factors that fired and are not
    /// switched off), in card order: no dose is shown, but a clinician
    /// still sees every warning for this patient.
    pub warnings: Vec<Message>,
}

impl Blocked {
    /// All blocks, primary first.
    pub fn all(&self) -> Vec<&BlockReason> {
        std::iter::once(&self.primary)
            .chain(self.others.iter())
            .collect()
    }
}

/// Where a block comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockRule {
    /// A rule compiled into the app (not configurable by a card).
    Compiled,
    /// A factor of the card.
    Factor,
}

/// One reason the calculation was stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockReason {
    /// Factor id, or the compiled rule's id ([`UNDER_AGE_RULE_ID`]).
    pub id: String,
    /// Compiled rule or card factor.
    pub rule: BlockRule,
    /// Short label of the rule or factor.
    pub label: String,
    /// The reason, shown instead of any figure.
    pub reason: String,
    /// The condition of the rule, in words.
    pub condition: String,
    /// What in the patient's figures made it fire.
    pub fired: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

/// The base rate before any factor.
#[derive(Clone, Debug, PartialEq)]
pub struct BaseRate {
    /// The unit the card states it in.
    pub unit: RateUnit,
    /// The rate per kg of dosing weight.
    pub mg_per_kg_per_h: MgPerKgPerHour,
    /// The hourly rate.
    pub mg_per_h: MgPerHour,
    /// The arithmetic, e.g. "0.35 mg/kg/h × 70 kg = 24.5 mg/h".
    pub derivation: String,
    /// Evidence kind of the card's number.
    pub evidence: EvidenceKind,
    /// Source ids.
    pub sources: Vec<String>,
    /// The card's note on the number.
    pub note: Option<String>,
}

/// A factor that applied.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorStep {
    /// Factor id.
    pub factor_id: String,
    /// Factor label.
    pub label: String,
    /// The condition in words, threshold and inclusion included.
    pub condition: String,
    /// What in the patient's figures made it fire.
    pub fired: String,
    /// Its effects in words ("rate × 0.5", "duration × 1.25", "warning").
    pub effects: Vec<String>,
    /// Product of its rate multipliers (1 when none).
    pub rate_multiplier: f64,
    /// Combined rate multiplier after this step.
    pub combined_multiplier: f64,
    /// Product of its duration multipliers (1 when none).
    pub duration_multiplier: f64,
    /// Product of its titration-step multipliers (1 when none).
    pub titration_step_multiplier: f64,
    /// A lower hourly cap it adds, in mg/h (applied with the caps).
    pub lower_cap: Option<MgPerHour>,
    /// Rate before this step.
    pub rate_before: MgPerHour,
    /// Rate after this step.
    pub rate_after: MgPerHour,
    /// Duration before this step.
    pub duration_before: Hours,
    /// Duration after this step.
    pub duration_after: Hours,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// The card's note on the factor.
    pub note: Option<String>,
}

/// A factor that would apply but was switched off ("what if").
#[derive(Clone, Debug, PartialEq)]
pub struct DisabledStep {
    /// Factor id.
    pub factor_id: String,
    /// Factor label.
    pub label: String,
    /// The condition in words.
    pub condition: String,
    /// What in the patient's figures would have made it fire.
    pub fired: String,
    /// Its effects in words (not applied).
    pub effects: Vec<String>,
    /// The rate multiplier it would have applied.
    pub rate_multiplier: f64,
    /// The rate, unchanged by this step.
    pub rate: MgPerHour,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

/// The multiplier floor biting.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorStep {
    /// The card's floor (fraction of base).
    pub floor: f64,
    /// The combined multiplier that fell below it.
    pub combined_multiplier: f64,
    /// Rate before.
    pub rate_before: MgPerHour,
    /// Rate after (base × floor).
    pub rate_after: MgPerHour,
    /// The arithmetic.
    pub derivation: String,
}

/// A cap (card, factor or hard limit) in mg/h for this patient.
#[derive(Clone, Debug, PartialEq)]
pub struct CapCheck {
    /// `cap-per-kg`, `lower-cap:<factor id>`, `cap-per-hour`, `cap-session`
    /// or `hard-limit`.
    pub id: String,
    /// Label.
    pub label: String,
    /// The arithmetic, e.g. "200 mg ÷ 4 h = 50 mg/h".
    pub configured: String,
    /// The cap as an hourly rate.
    pub limit: MgPerHour,
    /// Whether it lowered the starting rate.
    pub limited_start: bool,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

/// A cap that bit.
#[derive(Clone, Debug, PartialEq)]
pub struct CapStep {
    /// The cap (see [`CapCheck::id`]).
    pub cap: CapCheck,
    /// Rate before.
    pub rate_before: MgPerHour,
    /// Rate after (the cap).
    pub rate_after: MgPerHour,
}

/// Titration from infusion 1 to the selected infusion.
#[derive(Clone, Debug, PartialEq)]
pub struct TitrationStep {
    /// The selected infusion (or day).
    pub infusion: u32,
    /// Per infusion or per day.
    pub per: TitrationPer,
    /// The card's step in mg/h before multipliers.
    pub card_step: MgPerHour,
    /// Product of the titration-step multipliers applied.
    pub step_multiplier: f64,
    /// The step used, mg/h.
    pub step: MgPerHour,
    /// start + (n − 1) × step, before the ceiling.
    pub unlimited: MgPerHour,
    /// The lowest of the titration maximum, the caps and the hard limit.
    pub ceiling: MgPerHour,
    /// Label of what set the ceiling, when it bit.
    pub limited_by: Option<String>,
    /// Rate before (infusion 1).
    pub rate_before: MgPerHour,
    /// Rate after (infusion n).
    pub rate_after: MgPerHour,
    /// The arithmetic.
    pub derivation: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

/// One step of the breakdown, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A factor that applied.
    Factor(FactorStep),
    /// A factor switched off.
    Disabled(DisabledStep),
    /// The floor biting.
    Floor(FloorStep),
    /// A cap biting.
    Cap(CapStep),
    /// Titration to the selected infusion.
    Titration(TitrationStep),
}

impl Step {
    /// Stable id: the factor id, `off:<factor id>`, `floor`, the cap id, or
    /// `titration`.
    pub fn id(&self) -> String {
        match self {
            Step::Factor(s) => s.factor_id.clone(),
            Step::Disabled(s) => format!("off:{}", s.factor_id),
            Step::Floor(_) => "floor".to_string(),
            Step::Cap(s) => s.cap.id.clone(),
            Step::Titration(_) => "titration".to_string(),
        }
    }
    /// The factor id, for factor and switched-off steps.
    pub fn factor_id(&self) -> Option<&str> {
        match self {
            Step::Factor(s) => Some(&s.factor_id),
            Step::Disabled(s) => Some(&s.factor_id),
            _ => None,
        }
    }
    /// Label for the table and chart.
    pub fn label(&self) -> String {
        match self {
            Step::Factor(s) => s.label.clone(),
            Step::Disabled(s) => format!("{} (switched off)", s.label),
            Step::Floor(_) => "Multiplier floor".to_string(),
            Step::Cap(s) => s.cap.label.clone(),
            Step::Titration(s) => format!("Titration to {} {}", per_word(s.per), s.infusion),
        }
    }
    /// Rate before the step.
    pub fn rate_before(&self) -> MgPerHour {
        match self {
            Step::Factor(s) => s.rate_before,
            Step::Disabled(s) => s.rate,
            Step::Floor(s) => s.rate_before,
            Step::Cap(s) => s.rate_before,
            Step::Titration(s) => s.rate_before,
        }
    }
    /// Rate after the step.
    pub fn rate_after(&self) -> MgPerHour {
        match self {
            Step::Factor(s) => s.rate_after,
            Step::Disabled(s) => s.rate,
            Step::Floor(s) => s.rate_after,
            Step::Cap(s) => s.rate_after,
            Step::Titration(s) => s.rate_after,
        }
    }
    /// The change, formatted ("−17.5 mg/h", "+2 mg/h", "no change"), as
    /// the figures before and after read (see [`format_change_between`]).
    pub fn change_display(&self) -> String {
        format_change_between(
            self.rate_before().0,
            self.rate_after().0,
            DoseUnit::MgPerHour,
        )
    }
    /// The effect in words, for the table.
    pub fn effect_display(&self) -> String {
        match self {
            Step::Factor(s) => s.effects.join("; "),
            Step::Disabled(s) => format!("switched off (would be: {})", s.effects.join("; ")),
            Step::Floor(s) => s.derivation.clone(),
            Step::Cap(s) if s.rate_after.0 < s.cap.limit.0 => format!(
                "{}; held at {}, {ROUNDED_DOWN}",
                s.cap.configured,
                s.rate_after.display()
            ),
            Step::Cap(s) => s.cap.configured.clone(),
            Step::Titration(s) => s.derivation.clone(),
        }
    }
    /// For a factor step (applied or switched off), the threshold or values
    /// it applies to and what in this patient matched: "age at least 65
    /// years (65 included); here: age 70 years". Other steps have none.
    pub fn threshold_display(&self) -> Option<String> {
        let (condition, fired) = match self {
            Step::Factor(s) => (&s.condition, &s.fired),
            Step::Disabled(s) => (&s.condition, &s.fired),
            _ => return None,
        };
        // A condition on a choice reads the same as what matched it: once.
        if condition == fired {
            return Some(condition.clone());
        }
        Some(format!("{condition}; here: {fired}"))
    }
    /// Source ids of the step.
    pub fn sources(&self) -> Vec<String> {
        match self {
            Step::Factor(s) => s.sources.clone(),
            Step::Disabled(s) => s.sources.clone(),
            Step::Floor(_) => Vec::new(),
            Step::Cap(s) => s.cap.sources.clone(),
            Step::Titration(s) => s.sources.clone(),
        }
    }
    /// The card's note on the factor of a step that applied (for example
    /// which part of it is the app's choice), shown beside its effect.
    pub fn note(&self) -> Option<&str> {
        match self {
            Step::Factor(s) => s.note.as_deref(),
            _ => None,
        }
    }
    /// Evidence kind of the step.
    pub fn evidence(&self) -> EvidenceKind {
        match self {
            Step::Factor(s) => s.evidence,
            Step::Disabled(s) => s.evidence,
            Step::Floor(_) => EvidenceKind::Illustrative,
            Step::Cap(s) => s.cap.evidence,
            Step::Titration(s) => s.evidence,
        }
    }
}

/// `rate`, held at or below `limit` as shown (see [`shown_at_most`]).
fn at_most(rate: MgPerHour, limit: MgPerHour) -> MgPerHour {
    MgPerHour(shown_at_most(rate.0, DoseUnit::MgPerHour, limit.0))
}

/// A limit computed for this patient (a cap or ceiling in mg/h), with up to
/// 4 decimals: "35.15 mg/h", so that a rate held below it reads as below.
fn limit_text(limit: MgPerHour) -> String {
    term(limit.0, DoseUnit::MgPerHour)
}

/// A term of a limit's arithmetic (a dosing weight, an amount, a duration)
/// with up to 4 decimals, so that the arithmetic checks by hand: "0.25 mg/kg/h
/// × 49.1523 kg = 12.2881 mg/h", not "× 49.2 kg".
fn term(value: f64, unit: DoseUnit) -> String {
    format_dose_with(value, unit, 4)
}

/// Why a held rate is below its limit (12.2 mg/h under 12.25 mg/h).
const ROUNDED_DOWN: &str = "rounded down so that the rate shown is not above it";

fn per_word(per: TitrationPer) -> &'static str {
    match per {
        TitrationPer::Infusion => "infusion",
        TitrationPer::Day => "day",
    }
}

/// One rung of the titration ladder (one infusion, or one day).
#[derive(Clone, Debug, PartialEq)]
pub struct Rung {
    /// Infusion (or day) number, from 1.
    pub infusion: u32,
    /// Hourly rate.
    pub rate: MgPerHour,
    /// Rate per kg of dosing weight.
    pub rate_per_kg: MgPerKgPerHour,
    /// The highest rate per kg the limits that apply to this rung allow.
    pub per_kg_ceiling: MgPerKgPerHour,
    /// Amount over the session (or 24 h).
    pub session_total: Mg,
    /// The highest amount the limits that apply to this rung allow.
    pub total_ceiling: Mg,
    /// Pump rate for the chosen concentration.
    pub pump_rate: MlPerHour,
    /// What stopped the climb, when something did.
    pub limited_by: Option<String>,
}

impl Rung {
    /// The rate per kg as shown: never above what the limits allow (see
    /// [`format_dose_within`]).
    pub fn per_kg_text(&self) -> String {
        format_dose_within(
            self.rate_per_kg.0,
            DoseUnit::MgPerKgPerHour,
            self.per_kg_ceiling.0,
        )
    }

    /// The amount over the session as shown: never above what the limits
    /// allow (a session cap of 94.35 mg is not shown as 94.4 mg).
    pub fn total_text(&self) -> String {
        format_dose(self.total_shown().0, DoseUnit::Mg)
    }

    /// The session total [`Self::total_text`] shows: rounded down where
    /// rounding to the nearest would read above the limit on this rung.
    pub fn total_shown(&self) -> Mg {
        Mg(shown_at_most(
            self.session_total.0,
            DoseUnit::Mg,
            self.total_ceiling.0,
        ))
    }
}

/// A warning or notice shown with the result.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// The factor id, or a compiled notice id (`minimum-trial`,
    /// `research-only`, `stacked-reductions`, `beyond-induction`,
    /// `repeat-exposure`, `no-titration`, `short-height`, `small-pump-rate`,
    /// `no-factor:<medication id>`; the warnings `held-by-cap`,
    /// `held-by-hard-limit` and `undiluted-concentration`, and
    /// `beyond-induction` on a continuous card).
    pub id: String,
    /// The factor that produced it, if any.
    pub factor_id: Option<String>,
    /// The text.
    pub text: String,
    /// Source ids.
    pub sources: Vec<String>,
}

/// A loading bolus, if the card has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Bolus {
    /// mg/kg of dosing weight (at most 0.35).
    pub mg_per_kg: MgPerKg,
    /// The amount.
    pub mg: Mg,
    /// Source ids.
    pub sources: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
}

impl Bolus {
    /// The amount as shown: rounded down where rounding to the nearest
    /// would read above the card's (or the hard limit's) mg/kg for this
    /// weight (24.675 mg shows "24.6 mg", not "24.7 mg").
    pub fn mg_text(&self) -> String {
        format_dose_within(self.mg.0, DoseUnit::Mg, self.mg.0)
    }

    /// "0.125 mg/kg": the card's figure as the card gives it.
    pub fn per_kg_text(&self) -> String {
        format_card_figure(self.mg_per_kg.0, DoseUnit::MgPerKg)
    }
}

/// Every figure and step of a computed dose.
#[derive(Clone, Debug, PartialEq)]
pub struct Breakdown {
    /// The drug every mg is (as base).
    pub drug: Drug,
    /// True for continuous infusions: duration and totals are per 24 h.
    pub continuous: bool,
    /// Dosing weight and its derivation.
    pub dosing_weight: DosingWeight,
    /// Source ids for the card's dosing-weight basis.
    pub dosing_weight_sources: Vec<String>,
    /// Evidence kind of the card's dosing-weight basis.
    pub dosing_weight_evidence: EvidenceKind,
    /// Base rate.
    pub base: BaseRate,
    /// Steps in order of application.
    pub steps: Vec<Step>,
    /// Product of the applied rate multipliers.
    pub combined_multiplier: f64,
    /// Rate of infusion 1 (after factors, floor and caps).
    pub start_rate: MgPerHour,
    /// The infusion number entered.
    pub infusion_number: u32,
    /// The infusion (rung) used: the entered number, at most the induction count.
    pub infusion_used: u32,
    /// Final hourly rate (selected infusion).
    pub rate_mg_per_h: MgPerHour,
    /// Final rate per kg of dosing weight.
    pub rate_mg_per_kg_per_h: MgPerKgPerHour,
    /// Final rate in mcg/kg/min.
    pub rate_mcg_per_kg_per_min: McgPerKgPerMin,
    /// Session duration after duration multipliers (24 h when continuous).
    pub duration: Hours,
    /// Amount over the session (rate × duration).
    pub session_total: Mg,
    /// Bag concentration.
    pub concentration: MgPerMl,
    /// Pump rate (rate ÷ concentration).
    pub pump_rate: MlPerHour,
    /// Bolus, if the card has one.
    pub bolus: Option<Bolus>,
    /// Every cap evaluated, in order, with whether it lowered the start.
    pub caps: Vec<CapCheck>,
    /// Titration ladder over the induction phase.
    pub ladder: Vec<Rung>,
    /// What a ladder step counts in, when the card titrates.
    pub titration_per: Option<TitrationPer>,
    /// Warnings, in card order.
    pub warnings: Vec<Message>,
    /// Notices.
    pub notices: Vec<Message>,
}

/// The headline figures as displayed (the text the UI shows and the golden
/// examples compare).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// Dosing weight, e.g. "102.3 kg".
    pub dosing_weight_kg: String,
    /// e.g. "24.5 mg/h".
    pub rate_mg_per_h: String,
    /// e.g. "0.35 mg/kg/h".
    pub rate_mg_per_kg_per_h: String,
    /// e.g. "5.8 mcg/kg/min".
    pub rate_mcg_per_kg_per_min: String,
    /// e.g. "98 mg".
    pub session_total_mg: String,
    /// e.g. "4 h".
    pub duration_h: String,
    /// e.g. "24.5 mL/h".
    pub pump_rate_ml_per_h: String,
}

impl Breakdown {
    /// A key for each step's table row, in the order of `steps`: the same
    /// for a factor switched on or off (so that the row, and the focused
    /// button in it, stays the same element), never one of the table's
    /// other rows (`weight`, `base`, `final`), and never given twice (a
    /// repeat takes its place in the list).
    pub fn step_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::with_capacity(self.steps.len());
        for (i, step) in self.steps.iter().enumerate() {
            let key = match step {
                Step::Factor(s) => format!("factor:{}", s.factor_id),
                Step::Disabled(s) => format!("factor:{}", s.factor_id),
                Step::Floor(_) => "floor".to_string(),
                Step::Cap(s) => format!("cap:{}", s.cap.id),
                Step::Titration(_) => "titration".to_string(),
            };
            let key = if keys.contains(&key) {
                format!("{key}#{i}")
            } else {
                key
            };
            keys.push(key);
        }
        keys
    }

    /// Whether a step of the table can be switched off or on (a factor's,
    /// applied or switched off): without one, the table has no "What if"
    /// column.
    pub fn has_switches(&self) -> bool {
        self.steps.iter().any(|s| s.factor_id().is_some())
    }

    /// How the figures after the rate are worked out, in words.
    pub fn arithmetic_note(&self) -> String {
        let (total, over) = if self.continuous {
            ("total per 24 h", "24 h")
        } else {
            ("session total", "duration")
        };
        format!("This app's arithmetic, from the rate before rounding: {total} = rate \u{d7} {over}; pump rate = rate \u{f7} bag concentration; per kg = rate \u{f7} dosing weight; mcg/kg/min = mg/kg/h \u{d7} 1,000 \u{f7} 60.")
    }

    /// The headline figures in medication-safety notation.
    pub fn figures(&self) -> Figures {
        Figures {
            dosing_weight_kg: self.dosing_weight.display(),
            rate_mg_per_h: self.rate_mg_per_h.display(),
            rate_mg_per_kg_per_h: self
                .shown_rung()
                .map_or_else(|| self.rate_mg_per_kg_per_h.display(), Rung::per_kg_text),
            rate_mcg_per_kg_per_min: self.rate_mcg_per_kg_per_min.display(),
            session_total_mg: self
                .shown_rung()
                .map_or_else(|| self.session_total.display(), Rung::total_text),
            duration_h: self.duration.display(),
            pump_rate_ml_per_h: self.pump_rate.pump_text(),
        }
    }

    /// The rung whose figures the headline shows.
    fn shown_rung(&self) -> Option<&Rung> {
        self.ladder.get((self.infusion_used.max(1) - 1) as usize)
    }

    /// When factors lowered the starting rate and the ladder still climbs,
    /// a sentence under the ladder that says how high and when, and what
    /// holds it there: the factors set the start (the evidence file's
    /// reductions are "on the starting rate"); the ladder's top is the
    /// card's titration maximum or a cap.
    pub fn titration_note(&self) -> Option<String> {
        let reduced = self
            .steps
            .iter()
            .any(|s| matches!(s, Step::Factor(f) if f.rate_multiplier < 1.0));
        let (first, last) = (self.ladder.first()?, self.ladder.last()?);
        // The first rung at the top rate: when the ladder gets there.
        let top = self.ladder.iter().find(|r| r.rate.0 >= last.rate.0)?;
        if !reduced || top.rate.0 <= first.rate.0 {
            return None;
        }
        let held = top
            .limited_by
            .as_ref()
            .map_or(String::new(), |by| format!(", held there by the {by}"));
        Some(format!(
            "The factors lowered the starting rate to {}, but the ladder still climbs to {} by {} {}{held}. Whether this patient should go as high is a clinical decision.",
            first.rate.display(),
            top.rate.display(),
            per_word(self.titration_per.unwrap_or(TitrationPer::Infusion)),
            top.infusion
        ))
    }

    /// What one step of the course is called: "day" on a card that titrates
    /// by the day or infuses continuously, else "infusion".
    pub fn course_step(&self) -> &'static str {
        match self.titration_per {
            Some(per) => per_word(per),
            None if self.continuous => "day",
            None => "infusion",
        }
    }

    /// What the ladder is called: "Titration ladder" on a card that
    /// titrates; otherwise it lists one rate, "Rate by infusion" (or day).
    pub fn ladder_title(&self) -> String {
        if self.titration_per.is_some() {
            "Titration ladder".to_string()
        } else {
            format!("Rate by {}", self.course_step())
        }
    }

    /// The titration ladder in one sentence, for the print sheet: each
    /// step's rate and pump rate and what holds it, alike steps together
    /// ("infusions 3 to 6"), and which step the sheet is for.
    pub fn ladder_line(&self) -> Option<String> {
        let first = self.ladder.first()?;
        let step = self.course_step();
        // Alike: the same rate (and so the same pump rate) held by the same.
        let alike = |a: &Rung, b: &Rung| a.rate == b.rate && a.limited_by == b.limited_by;
        // Runs of alike steps: (first, last).
        let mut runs: Vec<(&Rung, &Rung)> = vec![(first, first)];
        for r in self.ladder.iter().skip(1) {
            match runs.last_mut() {
                Some(run) if alike(run.1, r) => run.1 = r,
                _ => runs.push((r, r)),
            }
        }
        let parts: Vec<String> = runs
            .iter()
            .map(|(from, to)| {
                let which = if from.infusion == to.infusion {
                    format!("{step} {}", from.infusion)
                } else {
                    format!("{step}s {} to {}", from.infusion, to.infusion)
                };
                let held = from
                    .limited_by
                    .as_ref()
                    .map_or(String::new(), |by| format!(", held by the {by}"));
                format!(
                    "{which}: {}, pump {}{held}",
                    from.rate.display(),
                    from.pump_rate.pump_text()
                )
            })
            .collect();
        Some(format!(
            "{} (illustrative): {}. This sheet is for {step} {}.",
            self.ladder_title(),
            parts.join("; "),
            self.infusion_used
        ))
    }

    /// The name of a switched-off factor step (for the print sheet's list
    /// of what was switched off), or `None` when it does not apply here.
    pub fn switched_off_label(&self, factor_id: &str) -> Option<&str> {
        self.steps.iter().find_map(|s| match s {
            Step::Disabled(d) if d.factor_id == factor_id => Some(d.label.as_str()),
            _ => None,
        })
    }

    /// The labels of the steps that apply to this patient and were
    /// switched off ("what if"), in the order of the steps.
    pub fn switched_off(&self) -> Vec<&str> {
        self.steps
            .iter()
            .filter_map(|s| match s {
                Step::Disabled(d) => Some(d.label.as_str()),
                _ => None,
            })
            .collect()
    }

    /// When steps that apply to this patient were switched off ("what
    /// if"), a sentence that says so and names them, for the top of the
    /// result and the print sheet: whoever opens a shared link did not
    /// switch them off and must not take these figures for the card's.
    pub fn what_if(&self) -> Option<String> {
        let off = self.switched_off();
        if off.is_empty() {
            return None;
        }
        Some(format!(
            "What if: {} switched off ({}). These are not the card's figures for this patient; switch {} back on in the steps table to see them.",
            if off.len() == 1 {
                "1 step that applies to this patient is".to_string()
            } else {
                format!("{} steps that apply to this patient are", off.len())
            },
            off.join("; "),
            if off.len() == 1 { "it" } else { "them" },
        ))
    }
}

fn rate_in_mg_per_h(value: f64, unit: RateUnit, weight: Kg) -> MgPerHour {
    match unit {
        RateUnit::MgPerKgPerH => MgPerKgPerHour(value).for_weight(weight),
        RateUnit::MgPerH => MgPerHour(value),
    }
}

/// A rate the card gives, as it gives it (see [`format_card_figure`]).
fn rate_text(value: f64, unit: RateUnit) -> String {
    match unit {
        RateUnit::MgPerKgPerH => format_card_figure(value, DoseUnit::MgPerKgPerHour),
        RateUnit::MgPerH => format_card_figure(value, DoseUnit::MgPerHour),
    }
}

/// Whether a condition holds; if so, what in the patient's figures matched.
pub fn condition_fired(condition: &ValidCondition, input: &PatientInput) -> Option<String> {
    match condition {
        ValidCondition::Numeric {
            attribute,
            compare,
            value,
        } => {
            let (actual, text) = match attribute {
                Attribute::AgeYears => (
                    f64::from(input.age_years()),
                    format!("age {} years", input.age_years()),
                ),
                Attribute::WeightKg => (
                    input.weight_kg().0,
                    format!("actual weight {}", input.weight_kg().display_as_read()),
                ),
                Attribute::HeightCm => (
                    input.height_cm().0,
                    format!("height {}", input.height_cm().display_as_read()),
                ),
                Attribute::InfusionNumber => (
                    f64::from(input.infusion_number()),
                    format!("infusion {}", input.infusion_number()),
                ),
                _ => return None,
            };
            compare.holds(actual, *value).then_some(text)
        }
        ValidCondition::OneOf { attribute, ids } => {
            let (id, label) = match attribute {
                Attribute::Sex => (input.sex().id(), input.sex().label()),
                Attribute::Pain => (input.pain().id(), input.pain().label()),
                Attribute::Hepatic => (input.hepatic().id(), input.hepatic().label()),
                Attribute::Cardiovascular => {
                    (input.cardiovascular().id(), input.cardiovascular().label())
                }
                Attribute::Cyp2b6 => (input.cyp2b6().id(), input.cyp2b6().label()),
                Attribute::Psychosis => (input.psychosis().id(), input.psychosis().label()),
                Attribute::SubstanceUse => {
                    (input.substance_use().id(), input.substance_use().label())
                }
                _ => return None,
            };
            ids.iter()
                .any(|i| i == id)
                .then(|| format!("{}: {label}", attribute.label()))
        }
        ValidCondition::Medications { ids } => {
            let matched: Vec<&str> = ids
                .iter()
                .filter(|m| input.medications().contains(m))
                .map(|m| m.label())
                .collect();
            (!matched.is_empty()).then(|| format!("taking {}", matched.join(" and ")))
        }
        ValidCondition::Flag { attribute, is } => {
            let actual = match attribute {
                Attribute::PregnantOrBreastfeeding => input.pregnant_or_breastfeeding(),
                Attribute::RaisedIop => input.raised_iop(),
                Attribute::RaisedIcp => input.raised_icp(),
                Attribute::RenalImpairment => input.renal_impairment(),
                _ => return None,
            };
            (actual == *is).then(|| {
                format!(
                    "{}: {}",
                    attribute.label(),
                    if actual { "yes" } else { "no" }
                )
            })
        }
    }
}

fn effect_texts(factor: &ValidFactor, weight: Kg) -> Vec<String> {
    factor
        .effects()
        .iter()
        .map(|e| match e {
            Effect::RateMultiplier { value } => format!("rate {}", format_card_multiplier(*value)),
            Effect::DurationMultiplier { value } => {
                format!("duration {}", format_card_multiplier(*value))
            }
            Effect::TitrationStepMultiplier { value } => {
                format!("titration step {}", format_card_multiplier(*value))
            }
            Effect::LowerCap { value, unit } => match unit {
                RateUnit::MgPerH => format!("hourly cap {}", rate_text(*value, *unit)),
                RateUnit::MgPerKgPerH => format!(
                    "hourly cap {} (= {})",
                    rate_text(*value, *unit),
                    limit_text(rate_in_mg_per_h(*value, *unit, weight))
                ),
            },
            Effect::Warning { .. } => "warning".to_string(),
            Effect::Notice { .. } => "notice".to_string(),
            Effect::Block { .. } => "block".to_string(),
        })
        .collect()
}

fn under_age_block(input: &PatientInput) -> BlockReason {
    BlockReason {
        id: UNDER_AGE_RULE_ID.to_string(),
        rule: BlockRule::Compiled,
        label: "Under 18 years".to_string(),
        reason: "Specialist guidance only: this reference covers adults. Children and adolescents are treated with ketamine only under strict specialist guidance, so no dose is shown.".to_string(),
        condition: format!("age below {ADULT_AGE_YEARS} years ({ADULT_AGE_YEARS} not included); a rule of the app, not of the card"),
        fired: format!("age {} years", input.age_years()),
        sources: vec!["seed-dosing".to_string()],
        // The source says children are treated only under specialist
        // guidance; the age of 18 is this app's.
        evidence: EvidenceKind::Direction,
    }
}

fn hypersensitivity_block() -> BlockReason {
    BlockReason {
        id: HYPERSENSITIVITY_RULE_ID.to_string(),
        rule: BlockRule::Compiled,
        label: "Known hypersensitivity to ketamine".to_string(),
        reason: "The ketamine label lists a known hypersensitivity (allergy) to ketamine as a contraindication, so no dose is shown.".to_string(),
        condition: "known hypersensitivity to ketamine; a rule of the app (the product label), not of the card".to_string(),
        fired: "hypersensitivity: yes".to_string(),
        sources: vec!["R30".to_string(), "R32".to_string()],
        evidence: EvidenceKind::Source,
    }
}

/// A combined multiplier beside the floor it is compared with: to 4
/// decimals as a card's own figures, more (up to 6) where the two would
/// read alike (0.24995 beside a floor of 0.25, which "0.25 is below the
/// floor 0.25" would contradict).
fn multiplier_beside(value: f64, floor: f64) -> String {
    let decimals = (super::format::CARD_FIGURE_DECIMALS..=6)
        .find(|&d| format_number(value, d) != format_number(floor, d))
        .unwrap_or(6);
    format_number(value, decimals)
}

/// The id prefix of the compiled blocks for a contraindication the card
/// has no rule for ([`unchecked_contraindications`]).
pub const UNCHECKED_RULE_PREFIX: &str = "no-card-rule-";

/// A contraindication every built-in card has a rule for, stopped by the
/// app when the card in use has none: its id (after
/// [`UNCHECKED_RULE_PREFIX`]), label, condition, why it stops, sources and
/// kind of evidence.
pub struct Contraindication {
    /// The id, after [`UNCHECKED_RULE_PREFIX`].
    pub id: &'static str,
    /// What the patient has.
    pub label: &'static str,
    /// When it fires.
    pub condition: ValidCondition,
    /// Why it stops, as a clause.
    pub why: &'static str,
    /// The sources of `why`.
    pub sources: &'static [&'static str],
    /// The kind of evidence of `why`.
    pub evidence: EvidenceKind,
    /// The sources say to stop here, with no "by default" or "lower doses
    /// with extreme caution" left to a protocol: the app stops whatever the
    /// card says, so only a card's rule that stops speaks to it.
    pub absolute: bool,
}

/// The contraindications of [`Contraindication`], in the order the built-in
/// cards list them.
pub fn contraindications() -> Vec<Contraindication> {
    let one_of = |attribute: Attribute, id: &str| ValidCondition::OneOf {
        attribute,
        ids: vec![id.to_string()],
    };
    let flag = |attribute: Attribute| ValidCondition::Flag {
        attribute,
        is: true,
    };
    vec![
        Contraindication {
            id: "psychosis-active",
            label: "Active psychosis",
            condition: one_of(Attribute::Psychosis, "active"),
            why: "the 2018 consensus advises against ketamine in active psychosis",
            sources: &["R2"],
            evidence: EvidenceKind::Source,
            absolute: true,
        },
        Contraindication {
            id: "cv-poorly-controlled",
            label: "Poorly controlled hypertension or heart disease",
            condition: one_of(Attribute::Cardiovascular, "poorly_controlled"),
            why: "the consensus advises against ketamine here, and the label warns against it wherever a rise in blood pressure would be dangerous",
            sources: &["R2", "R30"],
            evidence: EvidenceKind::Source,
            absolute: true,
        },
        Contraindication {
            id: "pregnancy-breastfeeding",
            label: "Pregnant or breastfeeding",
            condition: flag(Attribute::PregnantOrBreastfeeding),
            why: "the consensus advises against ketamine in pregnancy, the label does not recommend it, and breastfeeding patients are usually left out too",
            sources: &["R2", "R32", "seed-dosing"],
            evidence: EvidenceKind::Source,
            absolute: true,
        },
        Contraindication {
            id: "hepatic-severe",
            label: "Severe liver disease",
            condition: one_of(Attribute::Hepatic, "severe"),
            why: "the consensus advises avoiding ketamine in severe liver disease",
            sources: &["R2"],
            evidence: EvidenceKind::Source,
            absolute: true,
        },
        Contraindication {
            id: "raised-icp",
            label: "Raised intracranial pressure",
            condition: flag(Attribute::RaisedIcp),
            why: "the consensus says to avoid ketamine, or to use lower doses with extreme caution",
            sources: &["R2", "R31"],
            evidence: EvidenceKind::Source,
            absolute: false,
        },
        Contraindication {
            id: "raised-iop",
            label: "Raised intraocular pressure",
            condition: flag(Attribute::RaisedIop),
            why: "the consensus says to avoid ketamine, or to use lower doses with extreme caution",
            sources: &["R2", "R50"],
            evidence: EvidenceKind::Source,
            absolute: false,
        },
        Contraindication {
            id: "theophylline",
            label: "Theophylline or aminophylline",
            condition: ValidCondition::Medications {
                ids: vec![Medication::Theophylline, Medication::Aminophylline],
            },
            why: "given with ketamine they lower the seizure threshold",
            sources: &["R32", "R34"],
            evidence: EvidenceKind::Source,
            absolute: true,
        },
        Contraindication {
            id: "maoi",
            label: "MAO inhibitor",
            condition: ValidCondition::Medications {
                ids: vec![Medication::Maoi],
            },
            why: "anaesthesia practice stops MAO inhibitors two weeks before surgery, and the built-in cards stop here as an educational default",
            sources: &["R27"],
            evidence: EvidenceKind::Illustrative,
            absolute: false,
        },
        Contraindication {
            id: "substance-active",
            label: "Active substance misuse",
            condition: one_of(Attribute::SubstanceUse, "active"),
            why: "the consensus advises against starting a series of ketamine infusions",
            sources: &["R2"],
            evidence: EvidenceKind::Source,
            absolute: false,
        },
    ]
}

/// Whether a factor with the condition `theirs` applies to every patient
/// who has `ours` (one value, one flag, or each of its medicines).
fn covers(theirs: &ValidCondition, ours: &ValidCondition) -> bool {
    match (theirs, ours) {
        (
            ValidCondition::OneOf { attribute, ids },
            ValidCondition::OneOf {
                attribute: wanted,
                ids: values,
            },
        ) => attribute == wanted && values.iter().all(|v| ids.contains(v)),
        (
            ValidCondition::Flag { attribute, is },
            ValidCondition::Flag {
                attribute: wanted,
                is: value,
            },
        ) => attribute == wanted && is == value,
        (ValidCondition::Medications { ids }, ValidCondition::Medications { ids: wanted }) => {
            wanted.iter().all(|m| ids.contains(m))
        }
        _ => false,
    }
}

/// The contraindications of [`contraindications`] that `card` has no rule
/// for, by label: for a patient with one of them the calculator stops with
/// the app's own rule. One with several medicines, of which the card names
/// only some, is given with those it leaves out ("Theophylline or
/// aminophylline (for aminophylline)"). Every built-in card has none.
pub fn unruled_contraindications(card: &ValidCard) -> Vec<String> {
    let ruled = |c: &ValidCondition| card.factors().iter().any(|f| covers(f.condition(), c));
    labels_where(contraindications(), |c| !ruled(c))
}

/// The labels of the contraindications in `list` for which `holds` does,
/// each medicine apart: one with several medicines for only some of which
/// it holds is given with those ("Theophylline or aminophylline (for
/// aminophylline)").
fn labels_where(
    list: Vec<Contraindication>,
    holds: impl Fn(&ValidCondition) -> bool,
) -> Vec<String> {
    list.into_iter()
        .filter_map(|c| match &c.condition {
            ValidCondition::Medications { ids } => {
                let left: Vec<&str> = ids
                    .iter()
                    .filter(|m| holds(&ValidCondition::Medications { ids: vec![**m] }))
                    .map(|m| m.label())
                    .collect();
                match left.len() {
                    0 => None,
                    n if n == ids.len() => Some(c.label.to_string()),
                    _ => Some(format!("{} (for {})", c.label, left.join(" and "))),
                }
            }
            condition => holds(condition).then(|| c.label.to_string()),
        })
        .collect()
}

/// The absolute contraindications (see [`Contraindication::absolute`]) for
/// which `card` has a rule that does not stop (a warning, a notice or a
/// multiplier) and none that does, by label: the calculator stops for them
/// all the same. Every built-in card stops for each.
pub fn unstopped_contraindications(card: &ValidCard) -> Vec<String> {
    let ruled = |c: &ValidCondition, stops: bool| {
        card.factors()
            .iter()
            .any(|f| covers(f.condition(), c) && (!stops || f.block_reason().is_some()))
    };
    let mut absolute = contraindications();
    absolute.retain(|c| c.absolute);
    labels_where(absolute, |one| ruled(one, false) && !ruled(one, true))
}

/// Whether a factor that fired speaks to what `rule` fired on: it reads the
/// same field (for medications, one of the same medicines the patient
/// takes). A card that speaks to it decides what happens (it may stop, warn
/// or adjust); a card that says nothing leaves the app's rule to stop. (For
/// an absolute contraindication the caller counts only a rule that stops.)
fn speaks_to(factor: &ValidFactor, rule: &ValidCondition, input: &PatientInput) -> bool {
    match (factor.condition(), rule) {
        (
            ValidCondition::Medications { ids: theirs },
            ValidCondition::Medications { ids: ours },
        ) => ours
            .iter()
            .any(|m| theirs.contains(m) && input.medications().contains(m)),
        (theirs, ours) => condition_field(theirs) == condition_field(ours),
    }
}

/// The compiled blocks for contraindications the patient has and the card
/// has no rule for (see [`Contraindication`]): an imported card that leaves
/// one out must not turn it into a dose without a word.
fn unchecked_contraindications(
    input: &PatientInput,
    fired: &[(&ValidFactor, String)],
    reads: impl Fn(Field) -> bool,
) -> Vec<BlockReason> {
    contraindications()
        .into_iter()
        .filter(|c| reads(condition_field(&c.condition)))
        .filter_map(|c| {
            let text = condition_fired(&c.condition, input)?;
            // A card's rule that would give a dose does not speak to an
            // absolute contraindication (`notice` for pregnancy).
            let spoken = fired.iter().any(|(f, _)| {
                speaks_to(f, &c.condition, input) && (!c.absolute || f.block_reason().is_some())
            });
            let (label, reason, condition) = if c.absolute {
                (
                    c.label.to_string(),
                    format!(
                        "{}: {}, so no dose is shown. The app stops here whatever a card says, and this card has no rule that stops for it.",
                        c.label, c.why
                    ),
                    format!("{}; a rule of the app that no card can change", c.label),
                )
            } else {
                (
                    format!("{} (no rule in this card)", c.label),
                    format!(
                        "{}: this card has no rule for it, and {}, so no dose is shown. Every built-in card has a rule for it; a card with one decides what happens.",
                        c.label, c.why
                    ),
                    format!(
                        "{}, and no factor of the card applies to it; a rule of the app, not of the card",
                        c.label
                    ),
                )
            };
            (!spoken).then(|| BlockReason {
                id: format!("{UNCHECKED_RULE_PREFIX}{}", c.id),
                rule: BlockRule::Compiled,
                label,
                reason,
                condition,
                fired: text,
                sources: c.sources.iter().map(|s| s.to_string()).collect(),
                evidence: c.evidence,
            })
        })
        .collect()
}

/// The blocks that fire, compiled rules first, then the card's in its
/// order; none reading a field of `refused` (see [`blocks_on_valid_part`]).
fn blocks(
    input: &PatientInput,
    fired: &[(&ValidFactor, String)],
    refused: &[Field],
) -> Option<Blocked> {
    let reads = |field: Field| !refused.contains(&field);
    let mut blocks = Vec::new();
    if reads(Field::Age) && input.age_years() < ADULT_AGE_YEARS {
        blocks.push(under_age_block(input));
    }
    if reads(Field::Hypersensitivity) && input.hypersensitivity() {
        blocks.push(hypersensitivity_block());
    }
    blocks.extend(unchecked_contraindications(input, fired, reads));
    for (f, text) in fired {
        if let Some(reason) = f
            .block_reason()
            .filter(|_| reads(condition_field(f.condition())))
        {
            blocks.push(BlockReason {
                id: f.id().to_string(),
                rule: BlockRule::Factor,
                label: f.label().to_string(),
                reason: reason.to_string(),
                condition: f.condition().describe(),
                fired: text.clone(),
                sources: f.sources().to_vec(),
                evidence: f.evidence(),
            });
        }
    }
    let mut blocks = blocks.into_iter();
    let primary = blocks.next()?;
    Some(Blocked {
        primary,
        others: blocks.collect(),
        // Every warning, switched off or not: with no dose there is no
        // "what if" to try.
        warnings: factor_warnings(fired, &[]),
    })
}

/// The blocks that fire on the valid fields of an input with refused ones:
/// a rule that stops the calculation is shown as soon as the fields it reads
/// are valid, whatever another field holds. A rule reading a refused field
/// is not applied (the field holds a stand-in value, see
/// [`RawPatientInput::parse_valid_part`](super::input::RawPatientInput::parse_valid_part)).
pub fn blocks_on_valid_part(card: &ValidCard, part: &ValidPart) -> Option<Blocked> {
    let fired: Vec<(&ValidFactor, String)> = card
        .factors()
        .iter()
        .filter(|f| !part.refused.contains(&condition_field(f.condition())))
        .filter_map(|f| condition_fired(f.condition(), &part.input).map(|t| (f, t)))
        .collect();
    blocks(&part.input, &fired, &part.refused)
}

/// The warnings of the factors that fired and are not in `disabled`, in
/// card order.
fn factor_warnings(fired: &[(&ValidFactor, String)], disabled: &[String]) -> Vec<Message> {
    fired
        .iter()
        .filter(|(f, _)| !disabled.iter().any(|d| d == f.id()))
        .flat_map(|(f, _)| {
            f.effects().iter().filter_map(|e| match e {
                Effect::Warning { text } => Some(Message {
                    id: f.id().to_string(),
                    factor_id: Some(f.id().to_string()),
                    text: text.clone(),
                    sources: f.sources().to_vec(),
                }),
                _ => None,
            })
        })
        .collect()
}

/// The input field a condition reads.
fn condition_field(condition: &ValidCondition) -> Field {
    let attribute = match condition {
        ValidCondition::Numeric { attribute, .. }
        | ValidCondition::OneOf { attribute, .. }
        | ValidCondition::Flag { attribute, .. } => *attribute,
        ValidCondition::Medications { .. } => Attribute::Medications,
    };
    match attribute {
        Attribute::AgeYears => Field::Age,
        Attribute::WeightKg => Field::Weight,
        Attribute::HeightCm => Field::Height,
        Attribute::InfusionNumber => Field::InfusionNumber,
        Attribute::Sex => Field::Sex,
        Attribute::Pain => Field::Pain,
        Attribute::Hepatic => Field::Hepatic,
        Attribute::Cardiovascular => Field::Cardiovascular,
        Attribute::Medications => Field::Medications,
        Attribute::Cyp2b6 => Field::Cyp2b6,
        Attribute::PregnantOrBreastfeeding => Field::PregnantOrBreastfeeding,
        Attribute::Psychosis => Field::Psychosis,
        Attribute::SubstanceUse => Field::SubstanceUse,
        Attribute::RaisedIop => Field::RaisedIop,
        Attribute::RaisedIcp => Field::RaisedIcp,
        Attribute::RenalImpairment => Field::RenalImpairment,
    }
}

/// Computes the outcome for a validated card and patient. `disabled` lists
/// factor ids switched off for a "what if"; ids that do not match an applying
/// factor are ignored, and block factors cannot be switched off.
pub fn compute(card: &ValidCard, input: &PatientInput, disabled: &[String]) -> Outcome {
    let is_disabled = |id: &str| disabled.iter().any(|d| d == id);
    let fired: Vec<(&ValidFactor, String)> = card
        .factors()
        .iter()
        .filter_map(|f| condition_fired(f.condition(), input).map(|t| (f, t)))
        .collect();

    // 1. Blocks, with every warning that applies all the same: with no
    // dose there is no "what if" to try, so a step switched off still warns.
    if let Some(blocked) = blocks(input, &fired, &[]) {
        return Outcome::Blocked(blocked);
    }
    let mut warnings = factor_warnings(&fired, disabled);

    let raw = card.card();
    // 2. Dosing weight.
    let dw = dosing_weight(
        raw.dosing_weight.basis,
        input.weight_kg(),
        input.height_cm(),
        input.sex(),
    );
    let weight = dw.kg;

    // 3. Base rate.
    let b = &raw.base_rate;
    let base_mg_per_h = rate_in_mg_per_h(b.value, b.unit, weight);
    let base = BaseRate {
        unit: b.unit,
        mg_per_kg_per_h: base_mg_per_h.per_kg(weight),
        mg_per_h: base_mg_per_h,
        derivation: match b.unit {
            RateUnit::MgPerKgPerH => format!(
                "{} \u{d7} {} = {}",
                rate_text(b.value, b.unit),
                dw.term(),
                base_mg_per_h.display()
            ),
            RateUnit::MgPerH => format!(
                "fixed {} (= {} for {})",
                base_mg_per_h.display(),
                base_mg_per_h.per_kg(weight).display(),
                dw.display()
            ),
        },
        evidence: b.evidence,
        sources: b.sources.clone(),
        note: b.note.clone(),
    };

    // 4. Factors.
    let mut steps = Vec::new();
    let mut factor_notices = Vec::new();
    let mut combined = 1.0_f64;
    let mut duration = Hours(raw.session.duration_h);
    let mut step_multiplier = 1.0_f64;
    let mut lower_caps: Vec<(String, String, MgPerHour, String, Vec<String>, EvidenceKind)> =
        Vec::new();
    let mut reductions = 0usize;
    for (f, fired_text) in &fired {
        let effects = effect_texts(f, weight);
        if is_disabled(f.id()) {
            steps.push(Step::Disabled(DisabledStep {
                factor_id: f.id().to_string(),
                label: f.label().to_string(),
                condition: f.condition().describe(),
                fired: fired_text.clone(),
                effects,
                rate_multiplier: f.rate_multiplier(),
                rate: MgPerHour(base_mg_per_h.0 * combined),
                sources: f.sources().to_vec(),
                evidence: f.evidence(),
            }));
            continue;
        }
        let rate_before = MgPerHour(base_mg_per_h.0 * combined);
        let duration_before = duration;
        let mut rate_m = 1.0;
        let mut duration_m = 1.0;
        let mut titration_m = 1.0;
        let mut lower_cap = None;
        for e in f.effects() {
            match e {
                Effect::RateMultiplier { value } => rate_m *= value,
                Effect::DurationMultiplier { value } => duration_m *= value,
                Effect::TitrationStepMultiplier { value } => titration_m *= value,
                Effect::LowerCap { value, unit } => {
                    let cap = rate_in_mg_per_h(*value, *unit, weight);
                    let configured = match unit {
                        RateUnit::MgPerH => rate_text(*value, *unit),
                        RateUnit::MgPerKgPerH => format!(
                            "{} \u{d7} {} = {}",
                            rate_text(*value, *unit),
                            dw.term(),
                            limit_text(cap)
                        ),
                    };
                    lower_cap = Some(match lower_cap {
                        Some(MgPerHour(old)) if old < cap.0 => MgPerHour(old),
                        _ => cap,
                    });
                    lower_caps.push((
                        f.id().to_string(),
                        f.label().to_string(),
                        cap,
                        configured,
                        f.sources().to_vec(),
                        f.evidence(),
                    ));
                }
                // Gathered before the blocks (factor_warnings).
                Effect::Warning { .. } => {}
                Effect::Notice { text } => factor_notices.push(Message {
                    id: f.id().to_string(),
                    factor_id: Some(f.id().to_string()),
                    text: text.clone(),
                    sources: f.sources().to_vec(),
                }),
                Effect::Block { .. } => {}
            }
        }
        combined *= rate_m;
        duration = Hours(duration.0 * duration_m);
        step_multiplier *= titration_m;
        if rate_m < 1.0 {
            reductions += 1;
        }
        steps.push(Step::Factor(FactorStep {
            factor_id: f.id().to_string(),
            label: f.label().to_string(),
            condition: f.condition().describe(),
            fired: fired_text.clone(),
            effects,
            rate_multiplier: rate_m,
            combined_multiplier: combined,
            duration_multiplier: duration_m,
            titration_step_multiplier: titration_m,
            lower_cap,
            rate_before,
            rate_after: MgPerHour(base_mg_per_h.0 * combined),
            duration_before,
            duration_after: duration,
            sources: f.sources().to_vec(),
            evidence: f.evidence(),
            note: f.raw().note.clone(),
        }));
    }
    let mut rate = MgPerHour(base_mg_per_h.0 * combined);

    // 5. Floor.
    let floor = raw.multiplier_floor;
    if combined < floor {
        let after = MgPerHour(base_mg_per_h.0 * floor);
        steps.push(Step::Floor(FloorStep {
            floor,
            combined_multiplier: combined,
            rate_before: rate,
            rate_after: after,
            derivation: format!(
                // The combined multiplier as the stacked-reductions notice gives it.
                "combined multiplier \u{d7} {} is below the floor {}: rate = {} \u{d7} {} = {}",
                multiplier_beside(combined, floor),
                format_card_multiplier(floor),
                base_mg_per_h.display(),
                format_card_number(floor),
                after.display()
            ),
        }));
        rate = after;
    }

    // 6. Caps.
    let uncapped = rate;
    let mut caps = Vec::new();
    if let Some(c) = &raw.caps.mg_per_kg_per_h {
        let limit = MgPerKgPerHour(c.value).for_weight(weight);
        caps.push(CapCheck {
            id: "cap-per-kg".to_string(),
            label: "Card cap per kg".to_string(),
            configured: format!(
                "{} \u{d7} {} = {}",
                format_card_figure(c.value, DoseUnit::MgPerKgPerHour),
                dw.term(),
                limit_text(limit)
            ),
            limit,
            limited_start: false,
            sources: c.sources.clone(),
            evidence: c.evidence,
        });
    }
    for (id, label, limit, configured, sources, evidence) in lower_caps {
        caps.push(CapCheck {
            id: format!("lower-cap:{id}"),
            label: format!("Lower cap ({label})"),
            configured,
            limit,
            limited_start: false,
            sources,
            evidence,
        });
    }
    if let Some(c) = &raw.caps.mg_per_h {
        caps.push(CapCheck {
            id: "cap-per-hour".to_string(),
            label: "Card hourly cap".to_string(),
            configured: format_card_figure(c.value, DoseUnit::MgPerHour),
            limit: MgPerHour(c.value),
            limited_start: false,
            sources: c.sources.clone(),
            evidence: c.evidence,
        });
    }
    if let Some(c) = &raw.caps.per_session {
        let (amount, amount_text) = match c.unit {
            SessionCapUnit::Mg => (Mg(c.value), format_card_figure(c.value, DoseUnit::Mg)),
            SessionCapUnit::MgPerKg => {
                let mg = MgPerKg(c.value).for_weight(weight);
                (
                    mg,
                    format!(
                        "{} \u{d7} {} = {}",
                        format_card_figure(c.value, DoseUnit::MgPerKg),
                        dw.term(),
                        term(mg.0, DoseUnit::Mg)
                    ),
                )
            }
        };
        let limit = amount.per_hours(duration);
        caps.push(CapCheck {
            id: "cap-session".to_string(),
            label: if raw.session.continuous {
                "Card cap per 24 h".to_string()
            } else {
                "Card cap per session".to_string()
            },
            configured: format!(
                "{amount_text} \u{f7} {} = {}",
                term(duration.0, DoseUnit::Hours),
                limit_text(limit)
            ),
            limit,
            limited_start: false,
            sources: c.sources.clone(),
            evidence: c.evidence,
        });
    }
    let hard_per_kg = raw.drug.hard_max_mg_per_kg_per_h();
    let hard = MgPerKgPerHour(hard_per_kg).for_weight(weight);
    caps.push(CapCheck {
        id: "hard-limit".to_string(),
        label: format!(
            "Hard limit {} (compiled in{})",
            format_dose(hard_per_kg, DoseUnit::MgPerKgPerHour),
            raw.drug
                .halved(&format_dose(
                    HARD_MAX_MG_PER_KG_PER_H,
                    DoseUnit::MgPerKgPerHour
                ))
                .map(|h| format!("; {h}"))
                .unwrap_or_default()
        ),
        configured: format!(
            "{} \u{d7} {} = {}",
            format_dose(hard_per_kg, DoseUnit::MgPerKgPerHour),
            dw.term(),
            limit_text(hard)
        ),
        limit: hard,
        limited_start: false,
        sources: raw.drug.limit_sources(&["R2"]),
        evidence: raw.drug.limit_evidence(),
    });
    // A cap bites when the rate, as shown, would be above it; the rate it
    // holds is shown at or below it (12.2 mg/h under a cap of 12.25 mg/h).
    for cap in caps.iter_mut() {
        let held = at_most(rate, cap.limit);
        if held.0 < rate.0 {
            cap.limited_start = true;
            steps.push(Step::Cap(CapStep {
                cap: cap.clone(),
                rate_before: rate,
                rate_after: held,
            }));
            rate = held;
        }
    }
    let start = rate;
    let lowest_cap = MgPerHour(caps.iter().map(|c| c.limit.0).fold(f64::INFINITY, f64::min));

    // 7. Titration ladder.
    let count = raw.phases.induction_count.max(1);
    let concentration = input.concentration();
    let mut ceiling: Option<(MgPerHour, String)> = None;
    let mut card_step = MgPerHour(0.0);
    if let Some(t) = &raw.titration {
        card_step = rate_in_mg_per_h(t.step, t.unit, weight);
        let mut best = (
            rate_in_mg_per_h(t.maximum, t.unit, weight),
            format!("titration maximum {}", rate_text(t.maximum, t.unit)),
        );
        for cap in &caps {
            if cap.limit.0 < best.0 .0 {
                best = (cap.limit, crate::domain::case::lowercase(&cap.label));
            }
        }
        ceiling = Some(best);
    }
    let step_used = MgPerHour(card_step.0 * step_multiplier);
    // The cap that set the starting rate, if one did (the last to bite is
    // the lowest): every rung held at the start is held by it.
    let start_limit = caps
        .iter()
        .rev()
        .find(|c| c.limited_start)
        .map(|c| crate::domain::case::lowercase(&c.label));
    // The highest rate shown at or below the titration ceiling.
    let top = ceiling.as_ref().map(|(c, _)| at_most(*c, *c));
    let ladder: Vec<Rung> = (1..=count)
        .map(|k| {
            let (r, limited_by) = match (&ceiling, top) {
                (Some((c, label)), Some(top)) if start.0 < top.0 => {
                    let unlimited = MgPerHour(start.0 + f64::from(k - 1) * step_used.0);
                    let held = at_most(unlimited, *c);
                    if held.0 < unlimited.0 {
                        (held, Some(label.clone()))
                    } else {
                        (unlimited, None)
                    }
                }
                _ => (start, start_limit.clone()),
            };
            // The limits on this rung: the titration ceiling while the
            // ladder climbs under it, else the lowest cap.
            let bound = match (&ceiling, top) {
                (Some((c, _)), Some(top)) if r.0 <= top.0 => *c,
                _ => lowest_cap,
            };
            Rung {
                infusion: k,
                rate: r,
                rate_per_kg: r.per_kg(weight),
                per_kg_ceiling: bound.per_kg(weight),
                total_ceiling: bound.over(duration),
                session_total: r.over(duration),
                pump_rate: r.pump_rate(concentration),
                limited_by,
            }
        })
        .collect();
    let infusion_number = input.infusion_number();
    let infusion_used = infusion_number.clamp(1, count);
    let (final_rate, final_limit) = ladder
        .get((infusion_used - 1) as usize)
        .map(|r| (r.rate, r.limited_by.clone()))
        .unwrap_or((start, None));
    if let (Some(t), Some((c, _)), Some(top)) = (&raw.titration, &ceiling, top) {
        if infusion_used > 1 {
            let unlimited = MgPerHour(start.0 + f64::from(infusion_used - 1) * step_used.0);
            let mut derivation = format!(
                "{} {infusion_used}: {} + {} \u{d7} {} = {}",
                per_word(t.per),
                start.display(),
                infusion_used - 1,
                step_used.display(),
                unlimited.display()
            );
            if step_multiplier != 1.0 {
                derivation.push_str(&format!(
                    " (card step {} {})",
                    card_step.display(),
                    format_multiplier(step_multiplier)
                ));
            }
            // Terms rounded for display need not add up by hand: give them
            // unrounded (to 4 decimals) as well.
            if [start, step_used]
                .iter()
                .any(|r| r.display() != limit_text(*r))
            {
                derivation.push_str(&format!(
                    " (before rounding: {} + {} \u{d7} {} = {})",
                    limit_text(start),
                    infusion_used - 1,
                    limit_text(step_used),
                    limit_text(unlimited)
                ));
            }
            let at_ceiling = start.0 > c.0 || (start.0 >= top.0 && final_limit.is_none());
            if let Some(label) = final_limit.as_ref().filter(|_| !at_ceiling) {
                // A climb past the titration maximum held by a lower cap
                // says the maximum too: the "held at a limit" warning gives
                // the climb up to it.
                let most = rate_in_mg_per_h(t.maximum, t.unit, weight);
                if unlimited.0 > most.0 && c.0 < most.0 {
                    derivation.push_str(&format!(
                        ", above the titration maximum {}",
                        limit_text(most)
                    ));
                }
                derivation.push_str(&format!(
                    "; limited to {} by the {label}",
                    final_rate.display()
                ));
                if final_rate.0 < c.0 {
                    derivation.push_str(&format!(" ({}, {ROUNDED_DOWN})", limit_text(*c)));
                }
            } else if at_ceiling {
                derivation = format!(
                    "{} {infusion_used}: the start {} is already at or above the titration ceiling {}, so it stays",
                    per_word(t.per),
                    start.display(),
                    limit_text(*c)
                );
            }
            steps.push(Step::Titration(TitrationStep {
                infusion: infusion_used,
                per: t.per,
                card_step,
                step_multiplier,
                step: step_used,
                unlimited,
                ceiling: *c,
                limited_by: final_limit.clone(),
                rate_before: start,
                rate_after: final_rate,
                derivation,
                sources: t.sources.clone(),
                evidence: t.evidence,
            }));
        }
    }

    // 8. Figures, bolus and notices.
    let session_total = final_rate.over(duration);
    let per_kg = final_rate.per_kg(weight);
    let pump_rate = final_rate.pump_rate(concentration);
    let bolus = raw.bolus.as_ref().map(|bo| {
        let mg_per_kg = MgPerKg(bo.mg_per_kg.min(raw.drug.hard_max_bolus_mg_per_kg()));
        Bolus {
            mg_per_kg,
            mg: mg_per_kg.for_weight(weight),
            sources: bo.sources.clone(),
            evidence: bo.evidence,
        }
    });

    let mut notices = Vec::new();
    if raw.research_only {
        notices.push(Message {
            id: "research-only".to_string(),
            factor_id: None,
            text: raw.research_note.clone().unwrap_or_default(),
            sources: raw.sources.clone(),
        });
    }
    notices.extend(factor_notices);
    if let Some(note) = &dw.short_height_note {
        if raw.dosing_weight.basis != super::card::WeightBasis::Actual {
            notices.push(Message {
                id: "short-height".to_string(),
                factor_id: None,
                text: note.clone(),
                sources: vec!["R39".to_string()],
            });
        }
    }
    if reductions >= 2 {
        notices.push(Message {
            id: "stacked-reductions".to_string(),
            factor_id: None,
            text: format!(
                "{reductions} factors each lower the rate; together they multiply it by {} (the card's floor is {}). Stacked reductions are an illustrative simplification: review the patient as a whole.",
                multiplier_beside(combined, floor),
                format_card_multiplier(floor)
            ),
            sources: Vec::new(),
        });
    }
    if infusion_number > 1 && raw.titration.is_none() {
        notices.push(Message {
            id: "no-titration".to_string(),
            factor_id: None,
            text: "This card does not titrate: every infusion of the course uses the same rate."
                .to_string(),
            sources: raw.phases.sources.clone(),
        });
    }
    if infusion_number > count {
        let continuous = raw.session.continuous;
        let mut beyond = Message {
            id: "beyond-induction".to_string(),
            factor_id: None,
            text: format!(
                "{} {infusion_number} is beyond the induction phase of this card ({count}); the figures are those of {} {count}, the last of the ladder.",
                if continuous { "Day" } else { "Infusion" },
                if continuous { "day" } else { "infusion" }
            ),
            sources: raw.phases.sources.clone(),
        };
        // Another infusion after the induction can be a booster; another
        // day of a continuous infusion only makes it longer: a warning.
        if continuous {
            beyond.text.push_str(" A continuous infusion this long is outside the card's course; long and repeated continuous infusions have been linked to liver injury (after two 100-hour infusions 16 days apart).");
            beyond.sources.push("R36".to_string());
            warnings.push(beyond);
        } else {
            notices.push(beyond);
        }
    }
    if infusion_number > 1 {
        // The evidence file's prompt for repeat courses (LIT-dir): liver
        // injury after repeated infusions [R36], the label's liver tests
        // [R32], urinary symptoms with repeated exposure [R51].
        notices.push(Message {
            id: "repeat-exposure".to_string(),
            factor_id: None,
            text: format!(
                "{} {infusion_number}: repeated or prolonged ketamine has been linked to liver injury, and repeated exposure to bladder and urinary problems. Check liver function tests and ask about urinary symptoms before going on.",
                if raw.session.continuous { "Day" } else { "Infusion" }
            ),
            sources: vec!["R36".to_string(), "R32".to_string(), "R51".to_string()],
        });
    }
    // A patient whose condition the card does not list: its figures were
    // set for other conditions, and the consensus grades the evidence
    // condition by condition [R2]. "Another chronic pain condition" (the
    // example adult's) names none to compare; a card that lists none says
    // nothing.
    let pain = input.pain();
    if pain != PainCondition::Other
        && !raw.indications.is_empty()
        && raw.indications.iter().all(|i| i.condition != pain)
    {
        notices.push(Message {
            id: "not-an-indication".to_string(),
            factor_id: None,
            text: format!(
                "The pain condition, {}, is not among the conditions this card lists: its figures were set for those conditions, and the evidence for ketamine differs from one condition to another.",
                pain.label()
            ),
            sources: vec!["R2".to_string()],
        });
    }
    let min_trial_mg = raw.drug.min_trial_mg();
    // The total as the headline shows it (never above the limit that holds
    // it), told apart from the minimum where the two would read alike.
    let shown_total = ladder
        .get((infusion_used - 1) as usize)
        .map_or(session_total, Rung::total_shown);
    if raw.minimum_trial_notice && (session_total.0 < min_trial_mg || duration.0 <= MIN_TRIAL_HOURS)
    {
        notices.push(Message {
            id: "minimum-trial".to_string(),
            factor_id: None,
            text: format!(
                "Below the 2018 consensus minimum for an adequate trial (at least {} in total{}, given over more than 2 h): this session gives {} over {}.",
                format_dose(min_trial_mg, DoseUnit::Mg),
                raw.drug
                    .halved(&format_dose(MIN_TRIAL_MG, DoseUnit::Mg))
                    .map(|h| format!(", {h}"))
                    .unwrap_or_default(),
                format_beside(shown_total.0, min_trial_mg, DoseUnit::Mg),
                duration.display()
            ),
            sources: raw.drug.limit_sources(&["R2"]),
        });
    }
    // A limit below the rate the card's factors give for this infusion
    // warns: a card's caps are its soft limits, the hard limit is the app's.
    // A rate only held on the display grid under a cap it equals (0.35
    // mg/kg/h × 71 kg = 24.85 mg/h, shown as 24.8 under a cap of 0.35
    // mg/kg/h) reaches the cap without going above it: no warning.
    let titrated = raw
        .titration
        .as_ref()
        .filter(|_| infusion_used > 1)
        .and_then(|t| {
            let most = rate_in_mg_per_h(t.maximum, t.unit, weight);
            // From the start the ladder climbs from (held by a cap, if one
            // holds it), as the titration step shows it.
            let climbed = start.0 + f64::from(infusion_used - 1) * step_used.0;
            (climbed.min(most.0) > uncapped.0).then(|| (MgPerHour(climbed.min(most.0)), t.per))
        });
    let wanted = titrated.map_or(uncapped, |(r, _)| r);
    let holding = caps
        .iter()
        .filter(|c| c.limit.0 < wanted.0 * (1.0 - 1e-9))
        .min_by(|a, b| a.limit.0.total_cmp(&b.limit.0));
    if let Some(cap) = holding {
        let how = match titrated {
            Some((_, per)) => format!(" and its titration to {} {infusion_used}", per_word(per)),
            None => String::new(),
        };
        warnings.push(held_by_cap(cap, wanted, &how));
    }
    if concentration.0 > MAX_DILUTED_MG_PER_ML {
        warnings.push(Message {
            id: "undiluted-concentration".to_string(),
            factor_id: None,
            text: format!(
                "A bag or syringe at {} is stronger than {}, the most a correctly diluted 100 mg/mL vial gives: check how it was made up. The 100 mg/mL vial is never given IV undiluted; it is first diluted with an equal volume of water for injection, sodium chloride 0.9% or glucose 5%.",
                format_beside_at(
                    concentration.0,
                    MAX_DILUTED_MG_PER_ML,
                    DoseUnit::MgPerMl,
                    concentration.decimals_as_read()
                ),
                format_dose(MAX_DILUTED_MG_PER_ML, DoseUnit::MgPerMl)
            ),
            sources: vec!["R31".to_string(), "R33".to_string()],
        });
    }
    if pump_rate.0 < SMALL_PUMP_RATE_ML_PER_H {
        notices.push(Message {
            id: "small-pump-rate".to_string(),
            factor_id: None,
            text: format!(
                "The pump rate is under {}, so it is shown with up to two significant figures (a trailing zero is dropped), and with more only where two would round it up to {}: a pump's 0.1 mL/h step would be 10% of it or more. A more dilute bag gives a rate a pump can deliver accurately. (This app's rule, not a published one.)",
                format_dose(SMALL_PUMP_RATE_ML_PER_H, DoseUnit::MlPerHour),
                format_dose(SMALL_PUMP_RATE_ML_PER_H, DoseUnit::MlPerHour)
            ),
            sources: Vec::new(),
        });
    }
    for m in input.medications() {
        let covered = card.factors().iter().any(|f| match f.condition() {
            ValidCondition::Medications { ids } => ids.contains(m),
            _ => false,
        });
        if !covered {
            notices.push(no_factor_notice(*m));
        }
    }

    Outcome::Dose(Box::new(Breakdown {
        drug: raw.drug,
        continuous: raw.session.continuous,
        dosing_weight: dw,
        dosing_weight_sources: raw.dosing_weight.sources.clone(),
        dosing_weight_evidence: raw.dosing_weight.evidence,
        base,
        steps,
        combined_multiplier: combined,
        start_rate: start,
        infusion_number,
        infusion_used,
        rate_mg_per_h: final_rate,
        rate_mg_per_kg_per_h: per_kg,
        rate_mcg_per_kg_per_min: per_kg.to_mcg_per_kg_per_min(),
        duration,
        session_total,
        concentration,
        pump_rate,
        bolus,
        caps,
        ladder,
        titration_per: raw.titration.as_ref().map(|t| t.per),
        warnings,
        notices,
    }))
}

/// The id of the warning that a cap holds the rate shown ([`held_by_cap`]);
/// `held-by-hard-limit` for the hard limit.
pub const HELD_BY_CAP: &str = "held-by-cap";

/// The warning that `cap` holds the rate shown, below the rate `wanted`
/// the card's factors give (`how`: and its titration, if it climbs).
fn held_by_cap(cap: &CapCheck, wanted: MgPerHour, how: &str) -> Message {
    Message {
        id: if cap.id == "hard-limit" {
            "held-by-hard-limit".to_string()
        } else {
            HELD_BY_CAP.to_string()
        },
        factor_id: None,
        // Short: the printed sheet keeps to one page.
        text: format!(
            "Held at a limit: the card's factors{how} give {}, above the {} ({}).",
            limit_text(wanted),
            crate::domain::case::lowercase(&cap.label),
            cap.configured,
        ),
        sources: cap.sources.clone(),
    }
}

fn no_factor_notice(m: Medication) -> Message {
    let info = m.info();
    Message {
        id: format!("no-factor:{}", m.id()),
        factor_id: None,
        text: format!(
            "This card has no factor for {}; nothing was adjusted for it. Known interaction: {}.",
            m.label(),
            info.interaction
        ),
        sources: info.sources.iter().map(|s| s.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dosing::builtin::builtin_card;
    use crate::domain::dosing::format::format_beside;
    use crate::domain::dosing::input::RawPatientInput;
    use crate::domain::dosing::validate::{is_evidence_source_id, parse_card};

    fn card(id: &str) -> ValidCard {
        builtin_card(id, &is_evidence_source_id).unwrap().unwrap()
    }

    fn patient(query: &str) -> PatientInput {
        RawPatientInput::from_query(query).parse().unwrap()
    }

    /// Each attribute a condition can test is read from the form's field
    /// of the same name (the attribute's id less its unit).
    #[test]
    fn a_condition_reads_the_field_of_its_attribute() {
        for &attribute in Attribute::ALL {
            let condition = match attribute {
                Attribute::Medications => ValidCondition::Medications { ids: Vec::new() },
                _ => ValidCondition::OneOf {
                    attribute,
                    ids: Vec::new(),
                },
            };
            let field = condition_field(&condition);
            let id = attribute.id();
            let expected = id
                .strip_suffix("_years")
                .or_else(|| id.strip_suffix("_kg"))
                .or_else(|| id.strip_suffix("_cm"))
                .unwrap_or(id);
            assert_eq!(field.id(), expected, "{attribute:?}");
        }
        // The other shapes of condition read their attribute's field too.
        let numeric = ValidCondition::Numeric {
            attribute: Attribute::HeightCm,
            compare: crate::domain::dosing::card::Compare::Above,
            value: 1.0,
        };
        assert_eq!(condition_field(&numeric), Field::Height);
        let flag = ValidCondition::Flag {
            attribute: Attribute::RaisedIcp,
            is: true,
        };
        assert_eq!(condition_field(&flag), Field::RaisedIcp);
    }

    /// A refused field holds back only the rules that read it: every block
    /// of a card fires with another field refused, and none fires when its
    /// own field is refused.
    #[test]
    fn a_block_fires_on_the_valid_fields_and_never_on_a_refused_one() {
        let crps = card("crps-4h");
        // A query that fires each block factor of the card, and one that
        // refuses the field its rule reads.
        // More than the field takes (1,000 characters): refused whole.
        let too_long = format!("medications=maoi,theophylline,{}", "x".repeat(1000));
        let firing = |field: Field| -> (&str, &str) {
            match field {
                Field::Psychosis => ("psychosis=active", "psychosis=acitve"),
                Field::Cardiovascular => ("cardiovascular=poorly_controlled", "cardiovascular=x"),
                Field::PregnantOrBreastfeeding => (
                    "pregnant_or_breastfeeding=true",
                    "pregnant_or_breastfeeding=maybe",
                ),
                Field::Hepatic => ("hepatic=severe", "hepatic=x"),
                Field::RaisedIcp => ("raised_icp=true", "raised_icp=2"),
                Field::RaisedIop => ("raised_iop=true", "raised_iop=2"),
                Field::Medications => ("medications=maoi,theophylline", &too_long),
                Field::SubstanceUse => ("substance_use=active", "substance_use=x"),
                other => panic!("no query for {other:?}"),
            }
        };
        let mut seen = 0;
        for f in crps.factors().iter().filter(|f| f.block_reason().is_some()) {
            let (fires, refused) = firing(condition_field(f.condition()));
            let part =
                RawPatientInput::from_query(&format!("weight_kg=abc&{fires}")).parse_valid_part();
            assert_eq!(part.refused, vec![Field::Weight]);
            let blocked = blocks_on_valid_part(&crps, &part).unwrap();
            assert!(blocked.all().iter().any(|b| b.id == f.id()), "{}", f.id());
            let part = RawPatientInput::from_query(refused).parse_valid_part();
            assert!(!part.refused.is_empty(), "{refused}");
            assert!(
                blocks_on_valid_part(&crps, &part)
                    .is_none_or(|b| b.all().iter().all(|b| b.id != f.id())),
                "{}",
                f.id()
            );
            seen += 1;
        }
        assert_eq!(seen, 9);
    }

    /// The compiled rules: under 18 and hypersensitivity, each held back
    /// only by its own field.
    #[test]
    fn the_compiled_stops_fire_on_the_valid_fields() {
        let crps = card("crps-4h");
        let ids = |query: &str| -> Vec<String> {
            let part = RawPatientInput::from_query(query).parse_valid_part();
            blocks_on_valid_part(&crps, &part)
                .map(|b| b.all().iter().map(|b| b.id.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(ids("age_years=17&height_cm=500"), vec![UNDER_AGE_RULE_ID]);
        assert_eq!(ids("age_years=18&height_cm=500"), Vec::<String>::new());
        assert_eq!(
            ids("age_years=1x&psychosis=active"),
            vec!["psychosis-active"]
        );
        assert_eq!(
            ids("hypersensitivity=true&weight_kg="),
            vec![HYPERSENSITIVITY_RULE_ID]
        );
        assert_eq!(
            ids("hypersensitivity=perhaps&age_years=17"),
            vec![UNDER_AGE_RULE_ID]
        );
        // Unknown medicines beside a known one: the known one still fires
        // its rule, and the field's error stays.
        let part = RawPatientInput::from_query("medications=maoi,unknownmed").parse_valid_part();
        assert!(part.refused.is_empty());
        assert_eq!(ids("medications=maoi,unknownmed"), vec!["maoi"]);
        assert!(RawPatientInput::from_query("medications=maoi,unknownmed")
            .parse()
            .is_err());
        // Every field valid: the same as `compute`.
        let part = RawPatientInput::from_query("psychosis=active").parse_valid_part();
        assert!(part.refused.is_empty());
        assert_eq!(
            Outcome::Blocked(blocks_on_valid_part(&crps, &part).unwrap()),
            compute(&crps, &patient("psychosis=active"), &[])
        );
    }

    #[test]
    fn applied_and_switched_off_factors_say_which_threshold_fired() {
        let card = card("outpatient-consensus");
        let expected = Some("age at least 65 years (65 included); here: age 70 years".to_string());
        let find = |off: &[&str]| {
            dose(&card, "weight_kg=70&age_years=70", off)
                .steps
                .iter()
                .find(|s| s.factor_id() == Some("age-65-plus"))
                .map(|s| (matches!(s, Step::Disabled(_)), s.threshold_display()))
        };
        assert_eq!(find(&[]), Some((false, expected.clone())));
        assert_eq!(find(&["age-65-plus"]), Some((true, expected)));
        let d = dose(&card, "weight_kg=70&age_years=70", &[]);
        assert!(d
            .steps
            .iter()
            .filter(|s| s.factor_id().is_none())
            .all(|s| s.threshold_display().is_none()));
    }

    #[test]
    fn a_weight_rounded_onto_its_threshold_is_shown_with_three_decimals() {
        let card = card("crps-continuous");
        let threshold = |query: &str| {
            dose(&card, query, &[])
                .steps
                .iter()
                .find(|s| s.factor_id() == Some("weight-under-50"))
                .and_then(Step::threshold_display)
        };
        // 49.96 kg: below 50 kg, though shown as 50 kg elsewhere.
        let typed = threshold("weight_kg=49.96").unwrap_or_default();
        assert!(typed.ends_with("; here: actual weight 49.96 kg"), "{typed}");
        // A weight typed in lb is used at 0.1 kg: 110.2 lb (49.986 kg) is
        // 50 kg, not below 50 kg; 110.1 lb (49.940 kg) is 49.9 kg.
        assert_eq!(threshold("weight_lb=110.2"), None);
        let lb = threshold("weight_lb=110.1").unwrap_or_default();
        assert!(lb.ends_with("; here: actual weight 49.9 kg"), "{lb}");
        let kg = threshold("weight_kg=49.9").unwrap_or_default();
        assert!(kg.ends_with("; here: actual weight 49.9 kg"), "{kg}");
        assert_eq!(threshold("weight_kg=50"), None);
        let kg = |a, b| format_beside(a, b, DoseUnit::Kg);
        assert_eq!(kg(50.04, 50.0), "50.04 kg");
        assert_eq!(kg(50.06, 50.0), "50.1 kg");
        assert_eq!(kg(50.0, 50.0), "50 kg");
        // The fewest decimals that tell the two apart, up to 6.
        assert_eq!(kg(49.996, 50.0), "49.996 kg");
        assert_eq!(kg(49.99999, 50.0), "49.99999 kg");
        // Closer than that: cut towards its own side, never onto 50 kg.
        assert_eq!(kg(49.9999999, 50.0), "49.999999 kg");
        assert_eq!(kg(91.61, 91.6045), "91.61 kg");
        assert_eq!(kg(91.6045, 91.61), "91.6 kg", "91.6 reads apart from 91.61");
        assert_eq!(format_beside(119.96, 120.0, DoseUnit::Cm), "119.96 cm");
        // The search starts past the unit's own decimals: at fewer, rounding
        // can split two figures that read the same (2.46 and 2.54 both read
        // 2.5, but 2 and 3 at none), which would not tell them apart.
        assert_eq!(kg(2.46, 2.54), "2.46 kg");
        assert_eq!(kg(0.146, 0.154), "0.146 kg");
    }

    fn dose(card: &ValidCard, query: &str, off: &[&str]) -> Breakdown {
        let off: Vec<String> = off.iter().map(|s| s.to_string()).collect();
        match compute(card, &patient(query), &off) {
            Outcome::Dose(d) => *d,
            Outcome::Blocked(b) => panic!("blocked: {b:?}"),
        }
    }

    #[test]
    fn each_step_has_a_row_key_of_its_own_that_a_switch_does_not_change() {
        let q = "weight_kg=70&age_years=72&hepatic=moderate&medications=clarithromycin,opioid";
        let c = card("outpatient-consensus");
        assert_eq!(
            dose(&c, q, &[]).step_keys(),
            [
                "factor:age-65-plus",
                "factor:hepatic-moderate",
                "factor:cyp3a4-strong-inhibitor",
                "factor:opioid-cns-depressant",
                "floor",
            ]
        );
        let mut off = dose(&c, q, &["age-65-plus"]);
        assert_eq!(off.steps[0].id(), "off:age-65-plus");
        assert_eq!(off.step_keys()[0], "factor:age-65-plus");
        assert_eq!(off.step_keys().len(), 4);
        off.steps.push(off.steps[0].clone());
        assert_eq!(off.step_keys()[4], "factor:age-65-plus#4");
        assert_eq!(
            dose(&card("crps-4h"), "weight_kg=80", &[]).step_keys(),
            ["cap:cap-per-hour"]
        );
        assert_eq!(
            dose(&c, "weight_kg=70&infusion_number=3", &[]).step_keys(),
            ["titration"]
        );
        assert!(dose(&c, "weight_kg=70", &[]).step_keys().is_empty());
    }

    #[test]
    fn only_a_factors_step_applied_or_switched_off_is_a_switch() {
        let c = card("outpatient-consensus");
        let q = "weight_kg=70&age_years=72";
        assert!(dose(&c, q, &[]).has_switches());
        assert!(dose(&c, q, &["age-65-plus"]).has_switches());
        // A cap, a titration or no step at all: nothing to switch.
        assert!(!dose(&card("crps-4h"), "weight_kg=80", &[]).has_switches());
        assert!(!dose(&c, "weight_kg=70&infusion_number=3", &[]).has_switches());
        assert!(!dose(&c, "weight_kg=70", &[]).has_switches());
        // A floor comes only with factors; without them it switches nothing.
        let mut floored = dose(
            &c,
            "weight_kg=70&age_years=72&hepatic=moderate&medications=clarithromycin,opioid",
            &[],
        );
        assert!(floored.steps.iter().any(|s| s.id() == "floor"));
        floored.steps.retain(|s| s.factor_id().is_none());
        assert!(!floored.steps.is_empty());
        assert!(!floored.has_switches());
    }

    /// A card whose factor raises the start above the titration maximum.
    fn raising_card() -> ValidCard {
        parse_card(RAISING_CARD, &is_evidence_source_id).unwrap()
    }

    const RAISING_CARD: &str = r#"{
          "id": "test-raise", "name": "Test", "version": "1", "review_date": "2026-11-22",
          "setting": "outpatient", "summary": "Test card.",
          "indications": [{"condition": "other", "grade": "none"}], "sources": ["R2"],
          "dosing_weight": {"basis": "actual", "evidence": "illustrative"},
          "base_rate": {"value": 1, "unit": "mg_per_kg_per_h", "evidence": "illustrative"},
          "session": {"duration_h": 2, "evidence": "illustrative"},
          "bolus": {"mg_per_kg": 0.2, "evidence": "illustrative"},
          "titration": {"step": 0.1, "maximum": 1.2, "unit": "mg_per_kg_per_h", "per": "infusion", "evidence": "illustrative"},
          "phases": {"induction_count": 3, "induction_span_days": 3, "titration": "Test.", "evidence": "illustrative"},
          "factors": [
            {"id": "boost", "label": "Boost", "condition": {"attribute": "pain", "any_of": ["cancer"]},
             "effects": [{"kind": "rate_multiplier", "value": 1.5}], "evidence": "illustrative"},
            {"id": "tall", "label": "Tall", "condition": {"attribute": "height_cm", "compare": "above", "value": 200},
             "effects": [{"kind": "lower_cap", "value": 0.5, "unit": "mg_per_kg_per_h"}], "evidence": "illustrative"}
          ]
        }"#;

    #[test]
    fn a_height_step_shows_the_height_as_read() {
        let fired = |query: &str| {
            dose(&raising_card(), query, &[])
                .steps
                .iter()
                .find_map(|s| match s {
                    Step::Factor(f) if f.factor_id == "tall" => Some(f.fired.clone()),
                    _ => None,
                })
        };
        assert_eq!(
            fired("height_cm=200.05").as_deref(),
            Some("height 200.05 cm")
        );
        assert_eq!(
            fired("height_cm=200.000001").as_deref(),
            Some("height 200.000001 cm")
        );
        assert_eq!(fired("height_cm=210").as_deref(), Some("height 210 cm"));
        assert_eq!(fired("height_cm=200"), None);
    }

    #[test]
    fn a_start_exactly_at_the_titration_ceiling_stays_there_and_says_so() {
        // Maximum 1.5 mg/kg/h: the boost (x 1.5 on 1 mg/kg/h) starts exactly
        // at it, with no cap involved.
        let json = RAISING_CARD.replace(r#""maximum": 1.2"#, r#""maximum": 1.5"#);
        let c = parse_card(&json, &is_evidence_source_id).unwrap();
        let d = dose(&c, "pain=cancer&infusion_number=3", &[]);
        assert_eq!(d.rate_mg_per_h.display(), "105 mg/h");
        let Some(Step::Titration(t)) = d.steps.last() else {
            panic!("{:?}", d.steps)
        };
        assert_eq!(
            t.derivation,
            "infusion 3: the start 105 mg/h is already at or above the titration ceiling 105 mg/h, so it stays"
        );
    }

    #[test]
    fn steps_run_base_factors_floor_caps_in_that_order() {
        let d = dose(
            &card("outpatient-consensus"),
            "weight_kg=150&age_years=70&hepatic=moderate&cyp2b6=poor&pain=crps",
            &[],
        );
        let ids: Vec<String> = d.steps.iter().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            [
                "age-65-plus",
                "hepatic-moderate",
                "cyp2b6-poor",
                "pain-neuropathic-longer",
                "floor"
            ]
        );
        assert_eq!(d.combined_multiplier, 0.1875);
        // Adjusted weight 102.28 kg; base 51.14 mg/h; floor 0.25 gives 12.78 mg/h.
        assert_eq!(d.rate_mg_per_h.display(), "12.8 mg/h");
        assert_eq!(d.duration.display(), "5 h");
        let floor = d.steps.last().unwrap();
        assert_eq!(floor.label(), "Multiplier floor");
        assert_eq!(
            floor.effect_display(),
            "combined multiplier \u{d7} 0.1875 is below the floor \u{d7} 0.25: rate = 51.1 mg/h \u{d7} 0.25 = 12.8 mg/h"
        );
        // Before: 51.14 x 0.1875 = 9.59 mg/h; after 12.78 mg/h.
        assert_eq!(floor.change_display(), "+3.2 mg/h");
    }

    #[test]
    fn a_reduced_start_that_still_climbs_says_how_far() {
        // Moderate liver disease halves the start (17.5 mg/h), and the
        // ladder still climbs to the card's 50 mg/h.
        let card = card("outpatient-consensus");
        let d = dose(&card, "hepatic=moderate&infusion_number=3", &[]);
        assert_eq!(
            d.titration_note().as_deref(),
            Some("The factors lowered the starting rate to 17.5 mg/h, but the ladder still climbs to 50 mg/h by infusion 3, held there by the card cap per session. Whether this patient should go as high is a clinical decision.")
        );
        // Per day, and held by a factor's own lower cap (under 50 kg on the
        // continuous card: 24 mg/h), reached on the day it is reached.
        let d = dose(
            &self::card("crps-continuous"),
            "weight_kg=45&age_years=70",
            &[],
        );
        let note = d.titration_note().unwrap();
        assert!(note.starts_with("The factors lowered the starting rate to 5 mg/h, but the ladder still climbs to 24 mg/h by day "), "{note}");
        assert!(note.contains(", held there by the "), "{note}");
        // No reduction, or a card that does not titrate: no note.
        assert_eq!(dose(&card, "infusion_number=3", &[]).titration_note(), None);
        assert_eq!(
            dose(&self::card("crps-4h"), "hepatic=moderate", &[]).titration_note(),
            None
        );
        // A reduction switched off is no reduction.
        assert_eq!(
            dose(&card, "hepatic=moderate", &["hepatic-moderate"]).titration_note(),
            None
        );
    }

    #[test]
    fn a_choice_s_condition_is_not_repeated_as_what_matched_it() {
        let d = dose(&card("crps-4h"), "hepatic=moderate", &[]);
        let step = d
            .steps
            .iter()
            .find(|s| s.id() == "hepatic-moderate")
            .unwrap();
        let Step::Factor(f) = step else {
            panic!("{step:?}")
        };
        assert_eq!(f.condition, f.fired);
        assert_eq!(step.threshold_display(), Some(f.condition.clone()));
        assert!(!step.threshold_display().unwrap().contains("here:"));
    }

    #[test]
    fn factor_steps_record_rate_before_after_and_sources() {
        let d = dose(&card("crps-4h"), "age_years=70", &[]);
        let Step::Factor(s) = &d.steps[0] else {
            panic!("{:?}", d.steps)
        };
        assert_eq!(s.factor_id, "age-65-plus");
        assert_eq!(s.rate_before.display(), "24.5 mg/h");
        assert_eq!(s.rate_after.display(), "12.3 mg/h");
        assert_eq!(s.effects, ["rate \u{d7} 0.5"]);
        assert_eq!(s.condition, "age at least 65 years (65 included)");
        assert_eq!(s.fired, "age 70 years");
        assert_eq!(s.sources, ["R34", "R19"]);
        assert_eq!(s.evidence, EvidenceKind::Direction);
        // The change of the figures shown: 24.5 to 12.3 (12.25) is −12.2.
        assert_eq!(d.steps[0].change_display(), "\u{2212}12.2 mg/h");
    }

    #[test]
    fn switched_off_factors_change_nothing_and_say_so() {
        let d = dose(&card("crps-4h"), "age_years=70", &["age-65-plus"]);
        assert_eq!(d.rate_mg_per_h.display(), "24.5 mg/h");
        let step = &d.steps[0];
        assert_eq!(step.id(), "off:age-65-plus");
        assert_eq!(step.label(), "Age 65 or older (switched off)");
        assert_eq!(
            step.effect_display(),
            "switched off (would be: rate \u{d7} 0.5)"
        );
        assert_eq!(step.change_display(), "no change");
        assert_eq!(
            d.what_if().as_deref(),
            Some("What if: 1 step that applies to this patient is switched off (Age 65 or older). These are not the card's figures for this patient; switch it back on in the steps table to see them.")
        );
        // Two, named in the card's order.
        let d = dose(
            &card("crps-4h"),
            "age_years=70&hepatic=moderate",
            &["hepatic-moderate", "age-65-plus"],
        );
        let what_if = d.what_if().unwrap();
        assert!(
            what_if.starts_with(
                "What if: 2 steps that apply to this patient are switched off (Age 65 or older; "
            ),
            "{what_if}"
        );
        assert!(
            what_if.ends_with("switch them back on in the steps table to see them."),
            "{what_if}"
        );
        // Nothing switched off, or an id that does not apply: no sentence.
        assert_eq!(dose(&card("crps-4h"), "age_years=70", &[]).what_if(), None);
        assert_eq!(
            dose(&card("crps-4h"), "age_years=40", &["age-65-plus"]).what_if(),
            None
        );
    }

    #[test]
    fn repeat_infusions_prompt_for_liver_tests_and_urinary_symptoms() {
        let ids = |d: &Breakdown| d.notices.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        let first = dose(&card("outpatient-consensus"), "infusion_number=1", &[]);
        assert!(!ids(&first).contains(&"repeat-exposure".to_string()));
        let second = dose(&card("outpatient-consensus"), "infusion_number=2", &[]);
        let m = second
            .notices
            .iter()
            .find(|m| m.id == "repeat-exposure")
            .unwrap();
        assert!(
            m.text
                .starts_with("Infusion 2: repeated or prolonged ketamine"),
            "{}",
            m.text
        );
        assert!(m.text.contains("liver function tests") && m.text.contains("urinary symptoms"));
        assert_eq!(m.sources, ["R36", "R32", "R51"]);
        let day = dose(&card("crps-continuous"), "infusion_number=3", &[]);
        let m = day
            .notices
            .iter()
            .find(|m| m.id == "repeat-exposure")
            .unwrap();
        assert!(m.text.starts_with("Day 3: "), "{}", m.text);
    }

    /// The RAISING_CARD with these factors in place of its own.
    fn card_with_factors(factors: &str) -> ValidCard {
        let start = RAISING_CARD.find(r#""factors": ["#).unwrap();
        let json = format!("{}\"factors\": [{factors}]\n}}", &RAISING_CARD[..start]);
        parse_card(&json, &is_evidence_source_id).unwrap()
    }

    /// The query that fires each contraindication of the compiled list.
    const CONTRAINDICATED: [(&str, &str); 9] = [
        ("psychosis-active", "psychosis=active"),
        ("cv-poorly-controlled", "cardiovascular=poorly_controlled"),
        (
            "pregnancy-breastfeeding",
            "sex=female&pregnant_or_breastfeeding=true",
        ),
        ("hepatic-severe", "hepatic=severe"),
        ("raised-icp", "raised_icp=true"),
        ("raised-iop", "raised_iop=true"),
        ("theophylline", "medications=aminophylline"),
        ("maoi", "medications=maoi"),
        ("substance-active", "substance_use=active"),
    ];

    #[test]
    fn a_card_without_a_rule_for_a_contraindication_shows_no_dose() {
        let silent = card_with_factors("");
        let ids: Vec<&str> = contraindications().iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            CONTRAINDICATED
                .iter()
                .map(|(id, _)| *id)
                .collect::<Vec<_>>()
        );
        for (id, query) in CONTRAINDICATED {
            let Outcome::Blocked(b) = compute(&silent, &patient(query), &[]) else {
                panic!("{query}: a dose")
            };
            assert_eq!(b.primary.id, format!("no-card-rule-{id}"), "{query}");
            assert_eq!(b.primary.rule, BlockRule::Compiled);
            assert!(b.others.is_empty(), "{query}");
            // Its sources are those of the built-in cards' own rule.
            let builtin = card("crps-4h");
            let theirs = builtin.factors().iter().find(|f| f.id() == id).unwrap();
            assert_eq!(b.primary.sources, theirs.sources(), "{id}");
            assert_eq!(b.primary.evidence, theirs.evidence(), "{id}");
        }
        // Its words, whole.
        let Outcome::Blocked(b) = compute(&silent, &patient("psychosis=active"), &[]) else {
            panic!()
        };
        assert_eq!(b.primary.label, "Active psychosis");
        assert_eq!(
            b.primary.reason,
            "Active psychosis: the 2018 consensus advises against ketamine in active psychosis, so no dose is shown. The app stops here whatever a card says, and this card has no rule that stops for it."
        );
        assert_eq!(
            b.primary.condition,
            "Active psychosis; a rule of the app that no card can change"
        );
        assert_eq!(b.primary.fired, "psychosis: active psychosis");
        // One a card may decide (the consensus allows lower doses with
        // extreme caution), in its own words.
        let Outcome::Blocked(b) = compute(&silent, &patient("raised_icp=true"), &[]) else {
            panic!()
        };
        assert_eq!(
            b.primary.label,
            "Raised intracranial pressure (no rule in this card)"
        );
        assert_eq!(
            b.primary.reason,
            "Raised intracranial pressure: this card has no rule for it, and the consensus says to avoid ketamine, or to use lower doses with extreme caution, so no dose is shown. Every built-in card has a rule for it; a card with one decides what happens."
        );
        assert_eq!(
            b.primary.condition,
            "Raised intracranial pressure, and no factor of the card applies to it; a rule of the app, not of the card"
        );
        // Several at once: each named, in the list's order.
        let Outcome::Blocked(b) = compute(
            &silent,
            &patient("sex=female&pregnant_or_breastfeeding=true&psychosis=active&raised_icp=true&medications=maoi,theophylline"),
            &[],
        ) else {
            panic!()
        };
        let all: Vec<String> = std::iter::once(&b.primary)
            .chain(&b.others)
            .map(|r| r.id.clone())
            .collect();
        assert_eq!(
            all,
            [
                "no-card-rule-psychosis-active",
                "no-card-rule-pregnancy-breastfeeding",
                "no-card-rule-raised-icp",
                "no-card-rule-theophylline",
                "no-card-rule-maoi"
            ]
        );
        // Nothing entered: a dose.
        assert!(matches!(
            compute(
                &silent,
                &patient(
                    "psychosis=history&hepatic=moderate&substance_use=past&medications=opioid"
                ),
                &[]
            ),
            Outcome::Dose(_)
        ));
    }

    /// A condition that applies to every patient of each contraindication
    /// in [`CONTRAINDICATED`], for a card's own rule.
    const RULE_FOR: [(&str, &str); 9] = [
        (
            "psychosis-active",
            r#"{"attribute": "psychosis", "any_of": ["active"]}"#,
        ),
        (
            "cv-poorly-controlled",
            r#"{"attribute": "cardiovascular", "any_of": ["poorly_controlled"]}"#,
        ),
        (
            "pregnancy-breastfeeding",
            r#"{"attribute": "pregnant_or_breastfeeding", "is": true}"#,
        ),
        (
            "hepatic-severe",
            r#"{"attribute": "hepatic", "any_of": ["severe"]}"#,
        ),
        ("raised-icp", r#"{"attribute": "raised_icp", "is": true}"#),
        ("raised-iop", r#"{"attribute": "raised_iop", "is": true}"#),
        (
            "theophylline",
            r#"{"attribute": "medications", "any_of": ["theophylline", "aminophylline"]}"#,
        ),
        (
            "maoi",
            r#"{"attribute": "medications", "any_of": ["maoi"]}"#,
        ),
        (
            "substance-active",
            r#"{"attribute": "substance_use", "any_of": ["active"]}"#,
        ),
    ];

    #[test]
    fn an_absolute_contraindication_stops_whatever_the_card_says() {
        let absolute = [
            "psychosis-active",
            "cv-poorly-controlled",
            "pregnancy-breastfeeding",
            "hepatic-severe",
            "theophylline",
        ];
        assert_eq!(
            contraindications()
                .iter()
                .filter(|c| c.absolute)
                .map(|c| c.id)
                .collect::<Vec<_>>(),
            absolute
        );
        let labels: std::collections::BTreeMap<&str, &str> = contraindications()
            .iter()
            .map(|c| (c.id, c.label))
            .collect();
        // A rule that gives a dose: a warning, a notice, a lower rate.
        let effects = [
            r#"{"kind": "warning", "text": "Take care."}"#,
            r#"{"kind": "notice", "text": "ok"}"#,
            r#"{"kind": "rate_multiplier", "value": 0.5}"#,
        ];
        for ((id, query), (rule_id, condition)) in CONTRAINDICATED.iter().zip(RULE_FOR) {
            assert_eq!(id, &rule_id);
            for effect in effects {
                let c = card_with_factors(&format!(
                    r#"{{"id": "mine", "label": "Mine", "condition": {condition},
                        "effects": [{effect}], "evidence": "illustrative"}}"#
                ));
                for off in [vec![], vec!["mine".to_string()]] {
                    let outcome = compute(&c, &patient(query), &off);
                    if absolute.contains(id) {
                        let Outcome::Blocked(b) = outcome else {
                            panic!("{id} {effect} {off:?}: a dose")
                        };
                        assert_eq!(b.primary.id, format!("no-card-rule-{id}"), "{effect}");
                        assert_eq!(b.primary.rule, BlockRule::Compiled);
                        assert_eq!(b.primary.label, labels[id]);
                    } else {
                        assert!(matches!(outcome, Outcome::Dose(_)), "{id} {effect} {off:?}");
                    }
                }
                // The card's page says so before a patient meets it.
                let said = unstopped_contraindications(&c);
                if absolute.contains(id) {
                    assert_eq!(said, [labels[id].to_string()], "{effect}");
                } else {
                    assert!(said.is_empty(), "{id} {effect}");
                }
            }
            // A rule that stops is the card's own: one block, the card's.
            let stops = card_with_factors(&format!(
                r#"{{"id": "mine", "label": "Mine", "condition": {condition},
                    "effects": [{{"kind": "block", "text": "Stop."}}], "evidence": "illustrative"}}"#
            ));
            let Outcome::Blocked(b) = compute(&stops, &patient(query), &[]) else {
                panic!("{id}: a dose")
            };
            assert_eq!(
                (b.primary.id.as_str(), b.primary.rule),
                ("mine", BlockRule::Factor)
            );
            assert!(b.others.is_empty(), "{id}: {:?}", b.others);
            assert!(unstopped_contraindications(&stops).is_empty(), "{id}");
        }
        // A rule that stops for theophylline only: aminophylline is left
        // to a rule that does not stop.
        let split = card_with_factors(
            r#"{"id": "theo", "label": "Theophylline", "condition": {"attribute": "medications", "any_of": ["theophylline"]},
                "effects": [{"kind": "block", "text": "Stop."}], "evidence": "illustrative"},
               {"id": "amino", "label": "Aminophylline", "condition": {"attribute": "medications", "any_of": ["aminophylline"]},
                "effects": [{"kind": "warning", "text": "Watch."}], "evidence": "illustrative"}"#,
        );
        assert_eq!(
            unstopped_contraindications(&split),
            ["Theophylline or aminophylline (for aminophylline)"]
        );
        let Outcome::Blocked(b) = compute(&split, &patient("medications=aminophylline"), &[])
        else {
            panic!()
        };
        assert_eq!(b.primary.id, "no-card-rule-theophylline");
        // Every built-in card stops for each.
        for (card_id, _) in crate::domain::dosing::builtin::BUILTIN_CARDS {
            assert!(
                unstopped_contraindications(&card(card_id)).is_empty(),
                "{card_id}"
            );
        }
    }

    #[test]
    fn a_card_with_a_rule_for_a_contraindication_decides() {
        // A warning for raised intraocular pressure (the consensus allows
        // lower doses with extreme caution): the card's choice stands.
        let warns = card_with_factors(
            r#"{"id": "iop", "label": "Raised IOP", "condition": {"attribute": "raised_iop", "is": true},
                "effects": [{"kind": "warning", "text": "IOP: take care."}], "evidence": "illustrative"}"#,
        );
        let d = dose(&warns, "raised_iop=true", &[]);
        assert_eq!(d.warnings[0].text, "IOP: take care.");
        // Switched off for a "what if", it still speaks to it: no stop.
        assert!(matches!(
            compute(&warns, &patient("raised_iop=true"), &["iop".to_string()]),
            Outcome::Dose(_)
        ));
        // A rule for another value of the same field does not: stopped (a
        // contraindication a card may decide, so only the rule's value
        // can be why).
        let past = card_with_factors(
            r#"{"id": "sub", "label": "Past misuse", "condition": {"attribute": "substance_use", "any_of": ["past"]},
                "effects": [{"kind": "warning", "text": "Past."}], "evidence": "illustrative"}"#,
        );
        let Outcome::Blocked(b) = compute(&past, &patient("substance_use=active"), &[]) else {
            panic!()
        };
        assert_eq!(b.primary.id, "no-card-rule-substance-active");
        let active = card_with_factors(
            r#"{"id": "sub", "label": "Active misuse", "condition": {"attribute": "substance_use", "any_of": ["active"]},
                "effects": [{"kind": "warning", "text": "Active."}], "evidence": "illustrative"}"#,
        );
        assert!(matches!(
            compute(&active, &patient("substance_use=active"), &[]),
            Outcome::Dose(_)
        ));
        // Medicines: a rule must name the medicine the patient takes.
        let meds = card_with_factors(
            r#"{"id": "mao", "label": "MAO inhibitor", "condition": {"attribute": "medications", "any_of": ["maoi", "opioid"]},
                "effects": [{"kind": "warning", "text": "MAO inhibitor: watch."}], "evidence": "illustrative"}"#,
        );
        assert!(matches!(
            compute(&meds, &patient("medications=maoi"), &[]),
            Outcome::Dose(_)
        ));
        for query in [
            "medications=theophylline",
            "medications=opioid,aminophylline",
        ] {
            let Outcome::Blocked(b) = compute(&meds, &patient(query), &[]) else {
                panic!("{query}")
            };
            assert!(b.primary.id.starts_with("no-card-rule-"), "{query}");
        }
        // A rule that fires for the patient's other medicine does not speak
        // to the MAO inhibitor (one a card may decide): stopped.
        let opioid = card_with_factors(
            r#"{"id": "opi", "label": "Opioid", "condition": {"attribute": "medications", "any_of": ["opioid"]},
                "effects": [{"kind": "warning", "text": "Opioid: watch."}], "evidence": "illustrative"}"#,
        );
        let Outcome::Blocked(b) = compute(&opioid, &patient("medications=opioid,maoi"), &[]) else {
            panic!("opioid and maoi: a dose")
        };
        assert_eq!(b.primary.id, "no-card-rule-maoi");
        assert!(matches!(
            compute(&opioid, &patient("medications=opioid"), &[]),
            Outcome::Dose(_)
        ));
        // Every built-in card has a rule for each: none of them ever stops
        // for the compiled rule (the fibromyalgia card warns for active
        // substance misuse, the others stop).
        for (card_id, _) in crate::domain::dosing::builtin::BUILTIN_CARDS {
            let c = card(card_id);
            for (id, query) in CONTRAINDICATED {
                match compute(&c, &patient(query), &[]) {
                    Outcome::Blocked(b) => {
                        assert_eq!(b.primary.id, id, "{card_id} {query}");
                        assert_eq!(b.primary.rule, BlockRule::Factor);
                    }
                    Outcome::Dose(d) => assert_eq!(
                        (*card_id, id, d.warnings.iter().any(|w| w.id == id)),
                        ("fibromyalgia-short", "substance-active", true)
                    ),
                }
            }
        }
    }

    #[test]
    fn a_cap_that_holds_the_rate_shown_warns() {
        let held = |card_id: &str, query: &str| -> Vec<String> {
            dose(&card(card_id), query, &[])
                .warnings
                .iter()
                .filter(|w| w.id.starts_with("held-by-"))
                .map(|w| w.text.clone())
                .collect()
        };
        // crps-4h: 0.35 mg/kg/h × 71 kg = 24.85 mg/h, under the 25 mg/h cap;
        // × 72 kg = 25.2 mg/h, held at it.
        // Held at 24.8 mg/h on the display grid under its per-kg cap of
        // 0.35 mg/kg/h (24.85 mg/h), which it reaches: no warning.
        assert_eq!(
            dose(&card("crps-4h"), "weight_kg=71", &[])
                .figures()
                .rate_mg_per_h,
            "24.8 mg/h"
        );
        assert!(held("crps-4h", "weight_kg=71").is_empty());
        assert_eq!(
            held("crps-4h", "weight_kg=72"),
            ["Held at a limit: the card's factors give 25.2 mg/h, above the card hourly cap (25 mg/h)."]
        );
        let d = dose(&card("crps-4h"), "weight_kg=72", &[]);
        let w = d.warnings.iter().find(|w| w.id == HELD_BY_CAP).unwrap();
        assert_eq!(w.factor_id, None);
        let cap = d.caps.iter().find(|c| c.id == "cap-per-hour").unwrap();
        assert_eq!(w.sources, cap.sources);
        // outpatient-consensus at 70 kg titrates 35 mg/h by 17.5 mg/h an
        // infusion: infusion 1 is under every cap; infusion 2's 52.5 mg/h
        // is held at the session cap, 200 mg ÷ 4 h = 50 mg/h.
        assert!(held("outpatient-consensus", "weight_kg=70&infusion_number=1").is_empty());
        assert_eq!(
            held("outpatient-consensus", "weight_kg=70&infusion_number=2"),
            ["Held at a limit: the card's factors and its titration to infusion 2 give 52.5 mg/h, above the card cap per session (200 mg \u{f7} 4 h = 50 mg/h)."]
        );
        // At 40 kg the ladder stops at the titration maximum of 1 mg/kg/h
        // (40 mg/h, below the 50 mg/h session cap): the end of its climb,
        // not a cap, so nothing to warn of.
        let top = dose(
            &card("outpatient-consensus"),
            "weight_kg=40&infusion_number=4",
            &[],
        );
        assert_eq!(top.figures().rate_mg_per_h, "40 mg/h");
        assert!(top.warnings.iter().all(|w| !w.id.starts_with("held-by-")));
        // A CRPS patient's 5 h session caps outpatient-consensus at 200 mg
        // ÷ 5 h = 40 mg/h. At 80 kg infusion 1 (0.5 × 80 = 40 mg/h) only
        // reaches it; infusion 3 would climb to 40 + 2 × 20 = 80 mg/h (the
        // titration maximum, 1 mg/kg/h) and stays at 40 mg/h from the
        // start: held, and said with the titration's figure. At 81 kg the
        // start is held too; at 79 kg infusion 2 climbs to 59.25 mg/h.
        let crps = |kg: &str, k: u32| {
            held(
                "outpatient-consensus",
                &format!("weight_kg={kg}&height_cm=175&sex=male&pain=crps&infusion_number={k}"),
            )
        };
        assert!(crps("80", 1).is_empty());
        let session = "above the card cap per session (200 mg \u{f7} 5 h = 40 mg/h).";
        assert_eq!(crps("80", 3), [format!("Held at a limit: the card's factors and its titration to infusion 3 give 80 mg/h, {session}")]);
        assert_eq!(
            crps("81", 1),
            [format!(
                "Held at a limit: the card's factors give 40.5 mg/h, {session}"
            )]
        );
        // At 81 kg the start is held at 40 mg/h, and the ladder climbs from
        // it: 40 + 2 × 20.25 = 80.5 mg/h, as its titration step shows.
        assert_eq!(crps("81", 3), [format!("Held at a limit: the card's factors and its titration to infusion 3 give 80.5 mg/h, {session}")]);
        assert_eq!(crps("79", 2), [format!("Held at a limit: the card's factors and its titration to infusion 2 give 59.25 mg/h, {session}")]);
        // The climb stops at the titration maximum: 79 kg at infusion 6
        // would be 39.5 + 5 × 19.75 = 138.25 mg/h, held at 1 mg/kg/h = 79 mg/h.
        assert_eq!(crps("79", 6), [format!("Held at a limit: the card's factors and its titration to infusion 6 give 79 mg/h, {session}")]);
    }

    #[test]
    fn a_combined_multiplier_just_under_the_floor_never_reads_as_the_floor() {
        // × 0.5 and × 0.4999: 0.24995, under the floor of 0.25, which four
        // decimals would show as 0.25 ("0.25 is below the floor 0.25").
        let c = card_with_factors(
            r#"{"id": "old", "label": "Older", "condition": {"attribute": "age_years", "compare": "at_least", "value": 65},
                "effects": [{"kind": "rate_multiplier", "value": 0.5}], "evidence": "illustrative"},
               {"id": "liver", "label": "Liver", "condition": {"attribute": "hepatic", "any_of": ["moderate"]},
                "effects": [{"kind": "rate_multiplier", "value": 0.4999}], "evidence": "illustrative"}"#,
        );
        let d = dose(&c, "age_years=70&hepatic=moderate", &[]);
        let floor = d.steps.last().unwrap();
        assert_eq!(floor.label(), "Multiplier floor");
        assert!(
            floor
                .effect_display()
                .starts_with("combined multiplier \u{d7} 0.24995 is below the floor \u{d7} 0.25:"),
            "{}",
            floor.effect_display()
        );
        let stacked = d
            .notices
            .iter()
            .find(|n| n.id == "stacked-reductions")
            .unwrap();
        assert!(
            stacked
                .text
                .contains("multiply it by 0.24995 (the card's floor is \u{d7} 0.25)"),
            "{}",
            stacked.text
        );
    }

    #[test]
    fn a_held_climb_gives_the_same_figure_in_its_warning_and_its_step() {
        // A clinical review found 76.7091 mg/h in the warning beside
        // 75.5697 mg/h in the step (the warning climbed from the start
        // before its cap), and 194.1205 mg/h in the step, above the
        // titration maximum, with no word of it.
        for (query, figure, above_most) in [
            (
                "weight_kg=150&height_cm=175&sex=male&infusion_number=2",
                "75.5697 mg/h",
                false,
            ),
            (
                "weight_kg=300&height_cm=230&sex=male&infusion_number=4",
                "192.1606 mg/h",
                true,
            ),
            // A climb that ends exactly at the titration maximum is not
            // above it: 40 + 2 × 20 = 80 mg/h, 1 mg/kg/h of 80 kg.
            ("weight_kg=80&infusion_number=3", "80 mg/h", false),
        ] {
            let d = dose(&card("outpatient-consensus"), query, &[]);
            let held = d.warnings.iter().find(|w| w.id == HELD_BY_CAP).unwrap();
            assert!(
                held.text.contains(&format!("give {figure},")),
                "{}",
                held.text
            );
            let step = d
                .steps
                .iter()
                .find(|s| matches!(s, Step::Titration(_)))
                .unwrap();
            let derivation = step.effect_display();
            assert!(derivation.contains(figure), "{query}: {derivation}");
            assert_eq!(
                derivation.contains(&format!(", above the titration maximum {figure}; limited to 50 mg/h by the card cap per session")),
                above_most,
                "{derivation}"
            );
        }
    }

    #[test]
    fn a_cap_below_a_start_at_the_titration_maximum_names_no_titration() {
        // outpatient-consensus with its titration maximum at its base rate
        // (0.5 mg/kg/h) and an hourly cap of 30 mg/h: at 70 kg every
        // infusion wants 35 mg/h, held at 30 mg/h; the titration adds
        // nothing, so the warning does not name it.
        let (_, text) = crate::domain::dosing::builtin::BUILTIN_CARDS
            .iter()
            .find(|(id, _)| *id == "outpatient-consensus")
            .unwrap();
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["titration"]["maximum"] = serde_json::json!(0.5);
        v["caps"]["mg_per_h"]["value"] = serde_json::json!(30);
        let c = parse_card(&v.to_string(), &is_evidence_source_id).unwrap();
        for k in [1, 2] {
            let d = dose(&c, &format!("weight_kg=70&infusion_number={k}"), &[]);
            let held: Vec<&str> = d
                .warnings
                .iter()
                .filter(|w| w.id == HELD_BY_CAP)
                .map(|w| w.text.as_str())
                .collect();
            assert_eq!(
                held,
                ["Held at a limit: the card's factors give 35 mg/h, above the card hourly cap (30 mg/h)."],
                "infusion {k}"
            );
        }
    }

    #[test]
    fn a_stopped_calculation_keeps_every_warning_that_applies() {
        let c = card("outpatient-consensus");
        let ids = |w: &[Message]| w.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        let stopped = |query: &str, off: &[&str]| {
            let off: Vec<String> = off.iter().map(|s| s.to_string()).collect();
            match compute(&c, &patient(query), &off) {
                Outcome::Blocked(b) => b,
                Outcome::Dose(_) => panic!("{query}: a dose"),
            }
        };
        let b = stopped(
            "medications=theophylline,opioid,tricyclic&hepatic=mild",
            &[],
        );
        assert_eq!(b.primary.id, "theophylline");
        // The card's warnings, in card order, as a dose would give them.
        assert_eq!(
            ids(&b.warnings),
            ["hepatic-mild", "opioid-cns-depressant", "tricyclic"]
        );
        let Outcome::Dose(d) = compute(
            &c,
            &patient("medications=opioid,tricyclic&hepatic=mild"),
            &[],
        ) else {
            panic!()
        };
        assert_eq!(b.warnings, d.warnings);
        // With no dose there is no "what if": a step switched off warns.
        let off = stopped(
            "medications=theophylline,opioid,tricyclic&hepatic=mild",
            &["tricyclic"],
        );
        assert_eq!(
            ids(&off.warnings),
            ["hepatic-mild", "opioid-cns-depressant", "tricyclic"]
        );
        // A stop alone: none; several stops: the same warnings.
        assert!(stopped("psychosis=active", &[]).warnings.is_empty());
        assert_eq!(
            ids(&stopped("psychosis=active&raised_icp=true&medications=opioid", &[]).warnings),
            ["opioid-cns-depressant"]
        );
        // With a refused field: the stop and the warnings of the valid
        // fields, none read from the refused one's stand-in value.
        let part = RawPatientInput::from_query(
            "weight_kg=abc&medications=theophylline,opioid&hepatic=mild",
        )
        .parse_valid_part();
        let b = blocks_on_valid_part(&c, &part).unwrap();
        assert_eq!(b.primary.id, "theophylline");
        assert_eq!(ids(&b.warnings), ["hepatic-mild", "opioid-cns-depressant"]);
        let part =
            RawPatientInput::from_query("age_years=200&psychosis=active&cardiovascular=controlled")
                .parse_valid_part();
        assert!(part.refused.contains(&Field::Age));
        let b = blocks_on_valid_part(&c, &part).unwrap();
        assert_eq!(ids(&b.warnings), ["cv-controlled"]);
        // A warning on a refused field's stand-in value (70 kg for "abc")
        // is not given; on the field's valid value it is.
        let heavy =
            card_warning_when(r#"{"attribute": "weight_kg", "compare": "at_least", "value": 30}"#);
        let part = RawPatientInput::from_query("weight_kg=abc&psychosis=active").parse_valid_part();
        assert!(blocks_on_valid_part(&heavy, &part)
            .unwrap()
            .warnings
            .is_empty());
        let part = RawPatientInput::from_query("age_years=200&psychosis=active").parse_valid_part();
        assert_eq!(
            ids(&blocks_on_valid_part(&heavy, &part).unwrap().warnings),
            ["f"]
        );
    }

    /// A card whose one factor warns when `condition` holds.
    fn card_warning_when(condition: &str) -> ValidCard {
        card_with_factors(&format!(
            r#"{{"id": "f", "label": "F", "condition": {condition},
                "effects": [{{"kind": "warning", "text": "Take care."}}], "evidence": "illustrative"}}"#
        ))
    }

    #[test]
    fn the_contraindications_a_card_has_no_rule_for_are_named() {
        let all = [
            "Active psychosis",
            "Poorly controlled hypertension or heart disease",
            "Pregnant or breastfeeding",
            "Severe liver disease",
            "Raised intracranial pressure",
            "Raised intraocular pressure",
            "Theophylline or aminophylline",
            "MAO inhibitor",
            "Active substance misuse",
        ];
        assert_eq!(unruled_contraindications(&card_with_factors("")), all);
        for (card_id, _) in crate::domain::dosing::builtin::BUILTIN_CARDS {
            assert!(
                unruled_contraindications(&card(card_id)).is_empty(),
                "{card_id}"
            );
        }
        let without = |left_out: &str| -> Vec<&str> {
            all.iter().copied().filter(|l| *l != left_out).collect()
        };
        let psychosis = r#"{"attribute": "psychosis", "any_of": ["history", "active"]}"#;
        assert_eq!(
            unruled_contraindications(&card_warning_when(psychosis)),
            without("Active psychosis")
        );
        // Another value of the same field, or a flag's other value: no rule.
        for condition in [
            r#"{"attribute": "psychosis", "any_of": ["history"]}"#,
            r#"{"attribute": "raised_icp", "is": false}"#,
            r#"{"attribute": "hepatic", "any_of": ["moderate"]}"#,
        ] {
            assert_eq!(
                unruled_contraindications(&card_warning_when(condition)),
                all,
                "{condition}"
            );
        }
        assert_eq!(
            unruled_contraindications(&card_warning_when(
                r#"{"attribute": "raised_iop", "is": true}"#
            )),
            without("Raised intraocular pressure")
        );
        // Medicines: each one named, or the ones left out said.
        let meds = |ids: &str| {
            unruled_contraindications(&card_warning_when(&format!(
                r#"{{"attribute": "medications", "any_of": [{ids}]}}"#
            )))
        };
        let mut partial = without("Theophylline or aminophylline");
        partial.insert(6, "Theophylline or aminophylline (for aminophylline)");
        assert_eq!(meds(r#""theophylline", "opioid""#), partial);
        partial[6] = "Theophylline or aminophylline (for theophylline)";
        assert_eq!(meds(r#""aminophylline""#), partial);
        assert_eq!(
            meds(r#""aminophylline", "theophylline""#),
            without("Theophylline or aminophylline")
        );
        assert_eq!(meds(r#""maoi""#), without("MAO inhibitor"));
        assert_eq!(meds(r#""opioid""#), all);
    }

    #[test]
    fn the_named_contraindications_are_those_the_calculator_stops_for() {
        let mut queries: Vec<(&str, &str)> = CONTRAINDICATED.to_vec();
        queries.push(("theophylline", "medications=theophylline"));
        let conditions = [
            r#"{"attribute": "psychosis", "any_of": ["active"]}"#,
            r#"{"attribute": "psychosis", "any_of": ["history"]}"#,
            r#"{"attribute": "cardiovascular", "any_of": ["controlled", "poorly_controlled"]}"#,
            r#"{"attribute": "pregnant_or_breastfeeding", "is": true}"#,
            r#"{"attribute": "pregnant_or_breastfeeding", "is": false}"#,
            r#"{"attribute": "hepatic", "any_of": ["severe"]}"#,
            r#"{"attribute": "raised_icp", "is": true}"#,
            r#"{"attribute": "raised_iop", "is": true}"#,
            r#"{"attribute": "medications", "any_of": ["theophylline"]}"#,
            r#"{"attribute": "medications", "any_of": ["aminophylline", "maoi"]}"#,
            r#"{"attribute": "substance_use", "any_of": ["past", "active"]}"#,
            r#"{"attribute": "age_years", "compare": "at_least", "value": 65}"#,
        ];
        let mut cards: Vec<ValidCard> = conditions.iter().map(|c| card_warning_when(c)).collect();
        cards.push(card_with_factors(""));
        for (card_id, _) in crate::domain::dosing::builtin::BUILTIN_CARDS {
            cards.push(card(card_id));
        }
        let labels: std::collections::BTreeMap<&str, &str> = contraindications()
            .iter()
            .map(|c| (c.id, c.label))
            .collect();
        for c in &cards {
            let mut named = unruled_contraindications(c);
            named.extend(unstopped_contraindications(c));
            for (id, query) in &queries {
                let stops = match compute(c, &patient(query), &[]) {
                    Outcome::Blocked(b) => b.primary.id == format!("no-card-rule-{id}"),
                    Outcome::Dose(_) => false,
                };
                let label = labels[id];
                let medicine = query.strip_prefix("medications=").unwrap_or("");
                let said = named.iter().any(|n| {
                    n == label
                        || n.strip_prefix(label).is_some_and(|rest| {
                            rest.contains(&format!(" {medicine})"))
                                || rest.contains(&format!("(for {medicine}"))
                        })
                });
                assert_eq!(stops, said, "{} {query}: {named:?}", c.id());
            }
        }
    }

    #[test]
    fn a_compiled_contraindication_waits_for_its_own_field() {
        let silent = card_with_factors("");
        let part = RawPatientInput::from_query("weight_kg=abc&psychosis=active").parse_valid_part();
        let b = blocks_on_valid_part(&silent, &part).unwrap();
        assert_eq!(b.primary.id, "no-card-rule-psychosis-active");
        let part = RawPatientInput::from_query("medications=maoi,unknownmed").parse_valid_part();
        assert_eq!(
            blocks_on_valid_part(&silent, &part).unwrap().primary.id,
            "no-card-rule-maoi"
        );
        let part = RawPatientInput::from_query("psychosis=sometimes").parse_valid_part();
        assert!(blocks_on_valid_part(&silent, &part).is_none());
    }

    #[test]
    fn a_known_hypersensitivity_blocks_on_every_card() {
        for id in [
            "crps-4h",
            "outpatient-consensus",
            "crps-continuous",
            "headache-inpatient",
            "fibromyalgia-short",
        ] {
            let input = patient("hypersensitivity=yes");
            let Outcome::Blocked(b) = compute(&card(id), &input, &[]) else {
                panic!("{id}: not blocked")
            };
            assert_eq!(b.primary.id, HYPERSENSITIVITY_RULE_ID, "{id}");
            assert_eq!(b.primary.rule, BlockRule::Compiled);
            assert_eq!(b.primary.sources, ["R30", "R32"]);
            assert!(b.primary.reason.contains("contraindication"));
        }
        // Listed with the other blocks, after the age rule.
        let input = patient("age_years=16&hypersensitivity=true");
        let Outcome::Blocked(b) = compute(&card("crps-4h"), &input, &[]) else {
            panic!("not blocked")
        };
        let ids: Vec<&str> = b.all().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["under-18", HYPERSENSITIVITY_RULE_ID]);
        // The source says only "under specialist guidance": the age of 18 is
        // the app's, so the rule is a direction from a source.
        assert_eq!(b.primary.evidence, EvidenceKind::Direction);
        assert_eq!(b.primary.sources, ["seed-dosing"]);
        // Not ticked: a dose.
        assert!(matches!(
            compute(&card("crps-4h"), &patient("hypersensitivity=false"), &[]),
            Outcome::Dose(_)
        ));
    }

    #[test]
    fn every_block_is_listed_and_blocks_cannot_be_switched_off() {
        let input = patient("age_years=16&psychosis=active&raised_iop=true");
        let off = vec!["psychosis-active".to_string(), "raised-iop".to_string()];
        let Outcome::Blocked(b) = compute(&card("crps-4h"), &input, &off) else {
            panic!("not blocked")
        };
        let ids: Vec<&str> = b.all().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["under-18", "psychosis-active", "raised-iop"]);
        assert_eq!(b.primary.rule, BlockRule::Compiled);
        assert!(b.primary.reason.starts_with("Specialist guidance only"));
        assert_eq!(b.primary.sources, ["seed-dosing"]);
        assert_eq!(b.others[0].rule, BlockRule::Factor);
        assert_eq!(b.others[0].fired, "psychosis: active psychosis");
    }

    #[test]
    fn caps_are_listed_in_order_and_the_ones_that_bit_are_marked() {
        let d = dose(
            &card("outpatient-consensus"),
            "weight_kg=150&pain=low_back",
            &[],
        );
        let caps: Vec<(&str, String, bool)> = d
            .caps
            .iter()
            .map(|c| (c.id.as_str(), c.limit.display(), c.limited_start))
            .collect();
        assert_eq!(
            caps,
            [
                ("cap-per-kg", "102.3 mg/h".to_string(), false),
                ("cap-per-hour", "100 mg/h".to_string(), false),
                ("cap-session", "50 mg/h".to_string(), true),
                ("hard-limit", "204.6 mg/h".to_string(), false),
            ]
        );
        assert_eq!(d.caps[2].configured, "200 mg \u{f7} 4 h = 50 mg/h");
        assert_eq!(
            d.base.derivation,
            "0.5 mg/kg/h \u{d7} 102.2787 kg = 51.1 mg/h"
        );
    }

    #[test]
    fn a_rate_held_by_a_cap_is_never_shown_above_it() {
        // Cap 12.25 mg/h, between two figures shown at 0.1 mg/h.
        let json = RAISING_CARD
            .replace(r#""value": 1, "unit": "mg_per_kg_per_h""#, r#""value": 0.175, "unit": "mg_per_kg_per_h""#)
            .replace(
                r#""factors": ["#,
                r#""caps": {"mg_per_h": {"value": 12.25, "evidence": "illustrative"}}, "factors": ["#,
            );
        let c = parse_card(&json, &is_evidence_source_id).unwrap();
        let cap_steps = |d: &Breakdown| -> Vec<(String, String, String)> {
            d.steps
                .iter()
                .filter(|s| matches!(s, Step::Cap(_)))
                .map(|s| (s.id(), s.effect_display(), s.change_display()))
                .collect()
        };
        // 69.9 kg: 12.2325 mg/h reads 12.2, not above the cap: not held.
        let d = dose(&c, "weight_kg=69.9", &[]);
        assert_eq!(d.rate_mg_per_h.display(), "12.2 mg/h");
        assert_eq!(d.rate_mg_per_h.0, 0.175 * 69.9);
        assert!(cap_steps(&d).is_empty());
        // 70 kg: exactly 12.25 mg/h, which would read 12.3: held at 12.2.
        // 70.1 kg: 12.2675 mg/h, above the cap: held at 12.2 too.
        for (weight, change) in [("70", "\u{2212}0.1 mg/h"), ("70.1", "\u{2212}0.1 mg/h")] {
            let d = dose(
                &c,
                &format!("weight_kg={weight}&pain=low_back&infusion_number=3"),
                &[],
            );
            assert_eq!(
                cap_steps(&d),
                [(
                    "cap-per-hour".to_string(),
                    "12.25 mg/h; held at 12.2 mg/h, rounded down so that the rate shown is not above it"
                        .to_string(),
                    change.to_string()
                )],
                "{weight} kg"
            );
            assert_eq!(
                d.caps
                    .iter()
                    .find(|c| c.limited_start)
                    .map(|c| c.id.as_str()),
                Some("cap-per-hour")
            );
            let f = d.figures();
            assert_eq!(
                (
                    f.rate_mg_per_h.as_str(),
                    f.pump_rate_ml_per_h.as_str(),
                    f.session_total_mg.as_str()
                ),
                ("12.2 mg/h", "12.2 mL/h", "24.4 mg")
            );
            // Every rung is held there by the cap, and says so.
            for r in &d.ladder {
                assert_eq!(
                    (r.rate.display(), r.limited_by.as_deref()),
                    ("12.2 mg/h".to_string(), Some("card hourly cap"))
                );
            }
            let Some(Step::Titration(t)) = d.steps.last() else {
                panic!("{:?}", d.steps)
            };
            assert!(
                t.derivation.ends_with("; limited to 12.2 mg/h by the card hourly cap (12.25 mg/h, rounded down so that the rate shown is not above it)"),
                "{}",
                t.derivation
            );
        }
        // A computed cap is given to 4 decimals: 0.25 x 70.3 = 17.575 mg/h,
        // held at 17.5 (17.575 would read 17.6).
        let json = RAISING_CARD.replace(
            r#""factors": ["#,
            r#""caps": {"mg_per_kg_per_h": {"value": 0.25, "evidence": "illustrative"}}, "factors": ["#,
        );
        let c = parse_card(&json, &is_evidence_source_id).unwrap();
        let d = dose(&c, "weight_kg=70.3", &[]);
        assert_eq!(
            cap_steps(&d),
            [(
                "cap-per-kg".to_string(),
                "0.25 mg/kg/h \u{d7} 70.3 kg = 17.575 mg/h; held at 17.5 mg/h, rounded down so that the rate shown is not above it".to_string(),
                "\u{2212}52.8 mg/h".to_string()
            )]
        );
        // The weight in a limit's arithmetic is given as it is used (71.35,
        // not 71.4 kg); the change is that of the figures shown.
        let d = dose(&c, "weight_kg=71.35", &[]);
        let cap = d.steps.iter().find(|s| s.id() == "cap-per-kg").unwrap();
        assert_eq!(
            (
                cap.effect_display(),
                cap.rate_before().display(),
                cap.rate_after().display(),
                cap.change_display()
            ),
            (
                // 17.8375 reads 17.8, below the cap: held at the cap itself.
                "0.25 mg/kg/h \u{d7} 71.35 kg = 17.8375 mg/h".to_string(),
                "71.4 mg/h".to_string(),
                "17.8 mg/h".to_string(),
                "\u{2212}53.6 mg/h".to_string()
            )
        );
        assert_eq!(d.base.derivation, "1 mg/kg/h \u{d7} 71.35 kg = 71.4 mg/h");
        // A rate per kg held at a per-kg cap is not shown above it (0.18):
        // 0.175 x 70.3 = 12.3025 mg/h reads 12.3, and 0.175 mg/kg/h 0.17.
        let per_kg = RAISING_CARD.replace(
            r#""factors": ["#,
            r#""caps": {"mg_per_kg_per_h": {"value": 0.175, "evidence": "illustrative"}}, "factors": ["#,
        );
        let c175 = parse_card(&per_kg, &is_evidence_source_id).unwrap();
        let d = dose(&c175, "weight_kg=70.3&infusion_number=2", &[]);
        let f = d.figures();
        assert_eq!(
            (f.rate_mg_per_h.as_str(), f.rate_mg_per_kg_per_h.as_str()),
            ("12.3 mg/h", "0.17 mg/kg/h")
        );
        assert_eq!(
            d.ladder.iter().map(Rung::per_kg_text).collect::<Vec<_>>(),
            ["0.17 mg/kg/h"; 3]
        );
        // So is the titration ceiling it sets.
        let d = dose(&c, "weight_kg=70.3&infusion_number=2", &[]);
        let Some(Step::Titration(t)) = d.steps.last() else {
            panic!("{:?}", d.steps)
        };
        assert_eq!(
            t.derivation,
            "infusion 2: 17.5 mg/h + 1 \u{d7} 7 mg/h = 24.5 mg/h (before rounding: 17.5 mg/h + 1 \u{d7} 7.03 mg/h = 24.53 mg/h); limited to 17.5 mg/h by the card cap per kg (17.575 mg/h, rounded down so that the rate shown is not above it)"
        );
    }

    #[test]
    fn a_raising_factor_is_capped_and_titration_never_lowers_the_start() {
        let c = raising_card();
        let d = dose(&c, "pain=cancer&infusion_number=3", &[]);
        // 1 x 70 = 70 mg/h x 1.5 = 105 mg/h; hard limit 140 does not bite.
        assert_eq!(d.start_rate.display(), "105 mg/h");
        // Titration maximum 1.2 x 70 = 84 mg/h is below the start: it stays.
        assert_eq!(d.rate_mg_per_h.display(), "105 mg/h");
        let Some(Step::Titration(t)) = d.steps.last() else {
            panic!("{:?}", d.steps)
        };
        assert!(t
            .derivation
            .contains("already at or above the titration ceiling 84 mg/h"));
        assert_eq!(d.bolus.as_ref().unwrap().mg.display(), "14 mg");
        // A tall patient gets the factor's lower cap of 0.5 mg/kg/h = 35 mg/h.
        let d = dose(&c, "pain=cancer&height_cm=201", &[]);
        assert_eq!(d.rate_mg_per_h.display(), "35 mg/h");
        let ids: Vec<String> = d.steps.iter().map(|s| s.id()).collect();
        assert_eq!(ids, ["boost", "tall", "lower-cap:tall"]);
        let Step::Factor(tall) = &d.steps[1] else {
            panic!()
        };
        assert_eq!(tall.effects, ["hourly cap 0.5 mg/kg/h (= 35 mg/h)"]);
        assert_eq!(
            d.ladder
                .iter()
                .map(|r| r.rate.display())
                .collect::<Vec<_>>(),
            ["35 mg/h"; 3]
        );
        // Exactly 200 cm is not above 200: no lower cap.
        let d = dose(&c, "pain=cancer&height_cm=200", &[]);
        assert_eq!(d.rate_mg_per_h.display(), "105 mg/h");
    }

    #[test]
    fn titration_derivation_and_ladder_figures() {
        let d = dose(
            &card("outpatient-consensus"),
            "pain=low_back&infusion_number=2",
            &[],
        );
        let Some(Step::Titration(t)) = d.steps.last() else {
            panic!()
        };
        assert_eq!(
            t.derivation,
            "infusion 2: 35 mg/h + 1 \u{d7} 17.5 mg/h = 52.5 mg/h; limited to 50 mg/h by the card cap per session"
        );
        let r = &d.ladder[1];
        assert_eq!(
            (
                r.rate.display(),
                r.session_total.display(),
                r.pump_rate.display()
            ),
            ("50 mg/h".into(), "200 mg".into(), "50 mL/h".into())
        );
        assert_eq!(r.limited_by.as_deref(), Some("card cap per session"));
        assert_eq!(d.titration_per, Some(TitrationPer::Infusion));
        assert_eq!((d.infusion_number, d.infusion_used), (2, 2));
    }

    #[test]
    fn a_condition_the_card_does_not_list_is_noticed() {
        let said = |card_id: &str, pain: &str| {
            let d = dose(&card(card_id), &format!("weight_kg=70&pain={pain}"), &[]);
            d.notices
                .iter()
                .find(|n| n.id == "not-an-indication")
                .map(|n| (n.text.clone(), n.sources.clone()))
        };
        assert_eq!(
            said("crps-4h", "headache"),
            Some((
                "The pain condition, migraine or refractory headache, is not among the conditions this card lists: its figures were set for those conditions, and the evidence for ketamine differs from one condition to another.".to_string(),
                vec!["R2".to_string()]
            ))
        );
        assert!(said("headache-inpatient", "crps").is_some());
        assert!(said("fibromyalgia-short", "low_back").is_some());
        // A condition the card lists, and "another chronic pain condition"
        // (the example adult's, which names none), say nothing.
        for (card_id, pain) in [
            ("crps-4h", "crps"),
            ("headache-inpatient", "headache"),
            ("outpatient-consensus", "low_back"),
            ("outpatient-consensus", "ischemic"),
            ("crps-4h", "other"),
            ("headache-inpatient", "other"),
        ] {
            assert_eq!(said(card_id, pain), None, "{card_id}, {pain}");
        }
        // Not only a notice: the figures are the card's, unchanged.
        let listed = dose(&card("crps-4h"), "weight_kg=70&pain=crps", &[]);
        let unlisted = dose(&card("crps-4h"), "weight_kg=70&pain=headache", &[]);
        assert_eq!(listed.figures(), unlisted.figures());
    }

    #[test]
    fn notices_name_unmatched_medications_and_the_minimum_trial() {
        let d = dose(
            &card("crps-4h"),
            "weight_kg=50&medications=antihypertensive,opioid",
            &[],
        );
        let ids: Vec<&str> = d.notices.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["no-factor:antihypertensive"]);
        let d = dose(
            &card("outpatient-consensus"),
            "weight_kg=40&pain=low_back",
            &[],
        );
        // 0.5 x 40 = 20 mg/h x 4 h = 80 mg: exactly 80 mg is not below 80.
        assert_eq!(d.session_total.display(), "80 mg");
        assert!(d.notices.is_empty(), "{:?}", d.notices);
        let d = dose(
            &card("outpatient-consensus"),
            "weight_kg=39.9&pain=low_back",
            &[],
        );
        assert_eq!(d.notices[0].id, "minimum-trial");
        assert_eq!(
            d.notices[0].text,
            "Below the 2018 consensus minimum for an adequate trial (at least 80 mg in total, given over more than 2 h): this session gives 79.8 mg over 4 h."
        );
    }

    #[test]
    fn continuous_cards_report_per_24_h() {
        let d = dose(&card("crps-continuous"), "", &[]);
        assert!(d.continuous);
        assert_eq!(
            d.caps.iter().find(|c| c.id == "cap-session").unwrap().label,
            "Card cap per 24 h"
        );
        assert_eq!(
            d.base.derivation,
            "fixed 10 mg/h (= 0.14 mg/kg/h for 70 kg)"
        );
        // Past the last day of a continuous infusion: a warning, not a
        // notice, with the liver-injury source; up to it, neither.
        let d = dose(&card("crps-continuous"), "infusion_number=9", &[]);
        assert_eq!(d.infusion_used, 5);
        assert!(d.notices.iter().all(|n| n.id != "beyond-induction"));
        let w = d
            .warnings
            .iter()
            .find(|w| w.id == "beyond-induction")
            .unwrap();
        assert_eq!(
            w.text,
            "Day 9 is beyond the induction phase of this card (5); the figures are those of day 5, the last of the ladder. A continuous infusion this long is outside the card's course; long and repeated continuous infusions have been linked to liver injury (after two 100-hour infusions 16 days apart)."
        );
        assert_eq!(w.sources.last().map(String::as_str), Some("R36"));
        for day in ["5", "6"] {
            let d = dose(
                &card("crps-continuous"),
                &format!("infusion_number={day}"),
                &[],
            );
            assert_eq!(
                d.warnings.iter().any(|w| w.id == "beyond-induction"),
                day == "6",
                "day {day}"
            );
        }
        // After the induction of a card given in sessions, another
        // infusion may be a booster: a notice.
        let d = dose(&card("outpatient-consensus"), "infusion_number=7", &[]);
        assert!(d.notices.iter().any(|n| n.id == "beyond-induction"));
        assert!(d.warnings.iter().all(|w| w.id != "beyond-induction"));
    }

    #[test]
    fn a_step_carries_its_factor_note_and_only_that() {
        let d = dose(
            &card("crps-4h"),
            "weight_kg=80&medications=diazepam&renal_impairment=true&age_years=70",
            &[],
        );
        let note_of = |id: &str| {
            d.steps
                .iter()
                .find(|s| matches!(s, Step::Factor(f) if f.factor_id == id))
                .map(|s| s.note())
        };
        assert!(note_of("diazepam")
            .flatten()
            .is_some_and(|n| n.contains("That guideline lowers the infusion with diazepam")));
        // A factor without a note, and steps that are no factor's.
        assert_eq!(note_of("renal-impairment"), Some(None));
        assert!(note_of("age-65-plus").flatten().is_some());
        let switched = dose(
            &card("crps-4h"),
            "weight_kg=80&age_years=70",
            &["age-65-plus"],
        );
        assert!(switched
            .steps
            .iter()
            .any(|s| matches!(s, Step::Disabled(_)) && s.note().is_none()));
        let capped = dose(&card("crps-4h"), "weight_kg=150", &[]);
        assert!(capped
            .steps
            .iter()
            .any(|s| matches!(s, Step::Cap(_)) && s.note().is_none()));
    }
}
