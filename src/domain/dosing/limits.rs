//! Hard limits and input ranges compiled into the app; no card can change them.
//!
//! The clinical ceilings come from the 2018 chronic-pain consensus (Cohen 2018,
//! summarised in [R2]): infusions of 0.5–2 mg/kg/h outside intensive care, a
//! bolus of at most 0.35 mg/kg. The other bounds are sanity ranges chosen by
//! this app (illustrative) so that no file can feed absurd numbers to the engine.

/// Highest rate any card may configure or produce, in mg/kg/h of dosing
/// weight: the top of the consensus infusion range outside intensive care [R2].
pub const HARD_MAX_MG_PER_KG_PER_H: f64 = 2.0;

/// Largest bolus any card may configure, in mg/kg: consensus ceiling [R2][R3].
pub const HARD_MAX_BOLUS_MG_PER_KG: f64 = 0.35;

/// Largest multiplier any factor may apply (rate, duration or titration step).
/// Multipliers must also be above 0. Illustrative bound of this app.
pub const MAX_MULTIPLIER: f64 = 1.5;

/// Smallest multiplier any factor may apply, and the lowest multiplier floor
/// a card may set: a factor that cuts a figure to under a tenth is a stop,
/// not an adjustment (a card stops the calculation with a block effect).
/// Illustrative bound of this app.
pub const MIN_MULTIPLIER: f64 = 0.1;

/// Default floor on the combined rate multiplier, as a fraction of the base
/// rate: stacked reductions stop at × 0.25 (evidence file section 7.2, ILL).
pub const DEFAULT_MULTIPLIER_FLOOR: f64 = 0.25;

/// Consensus minimum adequate trial: total at least 80 mg [R2].
pub const MIN_TRIAL_MG: f64 = 80.0;
/// Consensus minimum adequate trial: given over more than 2 h [R2].
pub const MIN_TRIAL_HOURS: f64 = 2.0;

/// Age in whole years below which the engine refuses to compute ("specialist
/// guidance only": the dosing seed article; not configurable by a card).
pub const ADULT_AGE_YEARS: u32 = 18;

/// Accepted actual body weight, kg (inclusive). Adult range of this reference.
pub const WEIGHT_MIN_KG: f64 = 30.0;
/// See [`WEIGHT_MIN_KG`].
pub const WEIGHT_MAX_KG: f64 = 300.0;
/// Accepted height, cm (inclusive). Adult range of this reference.
pub const HEIGHT_MIN_CM: f64 = 120.0;
/// See [`HEIGHT_MIN_CM`].
pub const HEIGHT_MAX_CM: f64 = 230.0;
/// The accepted weights as they can be typed in lb to 0.1 lb: the lowest
/// and highest the engine reads within 30–300 kg (66.1 lb is 29.98 kg, read
/// as 30 kg; 661.4 lb is 300.003 kg, read as 300 kg). Tested with the next
/// 0.1 lb either side, which are refused.
pub const WEIGHT_LB_TYPED: (f64, f64) = (66.1, 661.4);
/// As [`WEIGHT_LB_TYPED`], for heights in inches within 120–230 cm (47.2 in
/// is 119.888 cm, read as 119.9 cm and refused; 90.6 in is 230.124 cm).
pub const HEIGHT_IN_TYPED: (f64, f64) = (47.3, 90.5);
/// Oldest accepted age in whole years (anything above is taken as a typo).
pub const AGE_MAX_YEARS: u32 = 120;
/// Highest infusion number in a course accepted as input.
pub const INFUSION_NUMBER_MAX: u32 = 30;
/// Custom bag concentration range, mg/mL (inclusive). Vials are 10, 50 and
/// 100 mg/mL and bags usually 1 or 2 mg/mL ([R31][R33]); 100 mg/mL is the
/// strongest product, so nothing stronger can be in a bag or syringe.
pub const CONCENTRATION_MIN_MG_PER_ML: f64 = 0.1;
/// See [`CONCENTRATION_MIN_MG_PER_ML`].
pub const CONCENTRATION_MAX_MG_PER_ML: f64 = 100.0;
/// Above this bag concentration the engine warns that the 100 mg/mL vial must
/// be diluted before IV use (label [R31], ASHP handbook [R33]: with an equal
/// volume, which gives 50 mg/mL).
pub const MAX_DILUTED_MG_PER_ML: f64 = 50.0;
/// Under this pump rate the engine adds a notice: a 0.1 mL/h step is 10% of
/// the rate or more (this app's rule).
pub const SMALL_PUMP_RATE_ML_PER_H: f64 = 1.0;
/// Longest text accepted in a single input field, in characters.
pub const INPUT_TEXT_MAX_CHARS: usize = 200;

/// Fixed hourly figures in a card (base rate, caps, steps) at most this many
/// mg/h: 2 mg/kg/h for the heaviest accepted patient (300 kg). The engine
/// still applies the 2 mg/kg/h hard limit to every patient.
pub const CARD_MAX_MG_PER_H: f64 = HARD_MAX_MG_PER_KG_PER_H * WEIGHT_MAX_KG;
/// Smallest hourly figure per kg a card may configure (base rate, caps,
/// titration steps and maxima): 0.01 mg/kg/h. Illustrative bound of this
/// app, far below any rate the sources give, so that no card shows a figure
/// of thousands of zeros.
pub const CARD_MIN_MG_PER_KG_PER_H: f64 = 0.01;
/// Smallest fixed hourly figure a card may configure: 0.1 mg/h (as
/// [`CARD_MIN_MG_PER_KG_PER_H`]).
pub const CARD_MIN_MG_PER_H: f64 = 0.1;
/// Smallest per-session cap or bolus per kg: 0.01 mg/kg (as
/// [`CARD_MIN_MG_PER_KG_PER_H`]).
pub const CARD_MIN_MG_PER_KG: f64 = 0.01;
/// Smallest per-session cap in mg: 1 mg (as [`CARD_MIN_MG_PER_KG_PER_H`]).
pub const CARD_MIN_SESSION_MG: f64 = 1.0;
/// Shortest session a card may describe, also after every duration
/// multiplier that could apply: 15 minutes. Illustrative bound of this app;
/// the shortest built-in session is 30 minutes [R16].
pub const CARD_MIN_DURATION_H: f64 = 0.25;
/// Longest session (or continuous period) a card may describe, in hours.
pub const CARD_MAX_DURATION_H: f64 = 24.0;
/// Largest per-session cap in mg: the hourly maximum over 24 h.
pub const CARD_MAX_SESSION_MG: f64 = CARD_MAX_MG_PER_H * CARD_MAX_DURATION_H;
/// Largest per-session cap in mg/kg: 2 mg/kg/h over 24 h.
pub const CARD_MAX_SESSION_MG_PER_KG: f64 = HARD_MAX_MG_PER_KG_PER_H * CARD_MAX_DURATION_H;
/// Most infusions (or days) in an induction phase.
pub const CARD_MAX_INDUCTION_COUNT: u32 = INFUSION_NUMBER_MAX;
/// Longest induction span in days.
pub const CARD_MAX_INDUCTION_SPAN_DAYS: u32 = 365;
/// Longest booster interval in weeks.
pub const CARD_MAX_BOOSTER_WEEKS: u32 = 52;
/// Most adjustment factors on one card.
pub const CARD_MAX_FACTORS: usize = 200;
/// Most effects on one factor.
pub const CARD_MAX_EFFECTS: usize = 10;
/// Most entries in a list of sources, indications or condition values.
pub const CARD_MAX_LIST: usize = 100;
/// Longest free text (labels, notes, warnings) in characters.
pub const CARD_MAX_TEXT_CHARS: usize = 4096;
/// Longest id (card, factor) in characters.
pub const CARD_MAX_ID_CHARS: usize = 64;
/// Largest card file accepted, in bytes.
pub const CARD_MAX_FILE_BYTES: usize = 512 * 1024;
