//! Dosing weight: actual, ideal (Devine), adjusted, or adjusted if obese, with
//! the derivation written out so a clinician can check it by hand.
//!
//! Formulas (evidence file 3.3 and 7.2, via GlobalRPh [R39] and mdtools [R39b]):
//! - IBW (Devine 1974): male 50 kg, female 45.5 kg, plus 2.3 kg per inch of
//!   height over 60 in. Below 60 in (152.4 cm) this app extends the line
//!   downwards (2.3 kg less per inch), one of the methods GlobalRPh lists; it
//!   gives a lower, more conservative weight, and the derivation says so.
//! - Adjusted (Bauer): IBW + 0.4 × (actual − IBW); actual weight if below IBW.
//! - Ideal basis: IBW, or actual weight if that is lower (never dose on more
//!   than the patient weighs).
//! - Adjusted if obese: actual weight unless it is more than 130% of IBW,
//!   then adjusted weight. Exactly 130% counts as not more (actual weight).

use super::card::WeightBasis;
use super::format::{format_beside_at, format_dose_with, DoseUnit};
use super::input::Sex;
use super::units::{Cm, Kg};

/// Devine base weight for a male at 60 in, kg.
pub const DEVINE_MALE_BASE_KG: f64 = 50.0;
/// Devine base weight for a female at 60 in, kg.
pub const DEVINE_FEMALE_BASE_KG: f64 = 45.5;
/// Devine increment per inch over 60 in, kg.
pub const DEVINE_KG_PER_INCH: f64 = 2.3;
/// Devine reference height, inches.
pub const DEVINE_BASE_HEIGHT_IN: f64 = 60.0;
/// Bauer's adjustment factor for adjusted body weight.
pub const ADJUSTED_FACTOR: f64 = 0.4;
/// Actual weight above this multiple of IBW counts as obese [R39b].
pub const OBESITY_THRESHOLD: f64 = 1.3;
/// Tolerance (kg) so that binary rounding never moves a weight exactly at
/// 130% of IBW to the other side of the threshold.
const THRESHOLD_TOLERANCE_KG: f64 = 1e-9;

/// Which weight was finally used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightUsed {
    /// Actual body weight.
    Actual,
    /// Ideal body weight.
    Ideal,
    /// Adjusted body weight.
    Adjusted,
}

impl WeightUsed {
    /// Stable id (`actual`, `ideal`, `adjusted`).
    pub fn id(self) -> &'static str {
        match self {
            WeightUsed::Actual => "actual",
            WeightUsed::Ideal => "ideal",
            WeightUsed::Adjusted => "adjusted",
        }
    }
    /// Label for display.
    pub fn label(self) -> &'static str {
        match self {
            WeightUsed::Actual => "actual body weight",
            WeightUsed::Ideal => "ideal body weight",
            WeightUsed::Adjusted => "adjusted body weight",
        }
    }
}

/// The dosing weight and how it was reached.
#[derive(Clone, Debug, PartialEq)]
pub struct DosingWeight {
    /// The card's basis.
    pub basis: WeightBasis,
    /// The weight finally used.
    pub used: WeightUsed,
    /// The dosing weight in kg (unrounded).
    pub kg: Kg,
    /// Actual body weight, kg.
    pub actual: Kg,
    /// Devine ideal body weight, kg (computed for every basis, for display).
    pub ideal: Kg,
    /// Adjusted body weight IBW + 0.4 × (actual − IBW), kg (may equal actual).
    pub adjusted: Kg,
    /// The derivation in words with the numbers (display-rounded).
    pub derivation: String,
    /// Set when the height is under 60 in and the Devine line was extended.
    pub short_height_note: Option<String>,
}

/// Devine ideal body weight for a height and sex (see module docs for < 60 in).
pub fn ideal_body_weight(height: Cm, sex: Sex) -> Kg {
    let inches = height.to_inches().0;
    let base = match sex {
        Sex::Male => DEVINE_MALE_BASE_KG,
        Sex::Female => DEVINE_FEMALE_BASE_KG,
    };
    Kg(base + DEVINE_KG_PER_INCH * (inches - DEVINE_BASE_HEIGHT_IN))
}

/// Computes the dosing weight for a card basis and a patient.
pub fn dosing_weight(basis: WeightBasis, actual: Kg, height: Cm, sex: Sex) -> DosingWeight {
    let ideal = ideal_body_weight(height, sex);
    let inches = height.to_inches();
    let base = match sex {
        Sex::Male => DEVINE_MALE_BASE_KG,
        Sex::Female => DEVINE_FEMALE_BASE_KG,
    };
    let below_ibw = actual.0 < ideal.0;
    let adjusted = if below_ibw {
        actual
    } else {
        Kg(ideal.0 + ADJUSTED_FACTOR * (actual.0 - ideal.0))
    };
    let short = inches.0 < DEVINE_BASE_HEIGHT_IN;
    let short_height_note = short.then(|| {
        format!(
            "Height {} is under 60 in (152.4 cm): the Devine formula is extended below 60 in by subtracting 2.3 kg per inch, which gives a lower, more conservative ideal weight. Check this against local practice.",
            height.display_as_read()
        )
    });
    // The arithmetic's terms and results to 4 decimals, as they are used,
    // so that each line checks by hand ("2.3 × (47.2441 − 60)", not 47.2).
    let term = |kg: Kg| format_dose_with(kg.0, DoseUnit::Kg, 4);
    let ibw_text = || {
        format!(
            "IBW (Devine, {}, {} = {}) = {} + 2.3 \u{d7} ({} \u{2212} 60) = {}",
            sex.id(),
            height.display_as_read(),
            format_dose_with(inches.0, DoseUnit::Inches, 4),
            super::format::format_number(base, 1),
            super::format::format_number(inches.0, 4),
            term(ideal)
        )
    };
    let adjusted_text = || {
        format!(
            "adjusted = {} + 0.4 \u{d7} ({} \u{2212} {}) = {}",
            term(ideal),
            super::format::format_number(actual.0, 4),
            super::format::format_number(ideal.0, 4),
            term(adjusted)
        )
    };
    let (used, kg, derivation) = match basis {
        WeightBasis::Actual => (
            WeightUsed::Actual,
            actual,
            format!(
                "Card basis: actual body weight. Dosing weight = actual weight {}.",
                actual.display_as_read()
            ),
        ),
        WeightBasis::Ideal => {
            if below_ibw {
                (
                    WeightUsed::Actual,
                    actual,
                    format!(
                        "Card basis: ideal body weight. {}; actual weight {} is below IBW, so actual weight is used: {}.",
                        ibw_text(),
                        actual.display_as_read(),
                        actual.display_as_read()
                    ),
                )
            } else {
                (
                    WeightUsed::Ideal,
                    ideal,
                    format!(
                        "Card basis: ideal body weight. {}; dosing weight = IBW {}.",
                        ibw_text(),
                        ideal.display()
                    ),
                )
            }
        }
        WeightBasis::Adjusted => {
            if below_ibw {
                (
                    WeightUsed::Actual,
                    actual,
                    format!(
                        "Card basis: adjusted body weight. {}; actual weight {} is below IBW, so actual weight is used: {}.",
                        ibw_text(),
                        actual.display_as_read(),
                        actual.display_as_read()
                    ),
                )
            } else {
                (
                    WeightUsed::Adjusted,
                    adjusted,
                    format!(
                        "Card basis: adjusted body weight. {}; {}.",
                        ibw_text(),
                        adjusted_text()
                    ),
                )
            }
        }
        WeightBasis::AdjustedIfObese => {
            let threshold = Kg(OBESITY_THRESHOLD * ideal.0);
            // The threshold beside the actual weight as read (59.15 kg
            // beside 59.15 kg; 91.604 kg beside 91.6 kg).
            let threshold_text = format_beside_at(
                threshold.0,
                actual.0,
                DoseUnit::Kg,
                actual.decimals_as_read(),
            );
            if actual.0 > threshold.0 + THRESHOLD_TOLERANCE_KG {
                (
                    WeightUsed::Adjusted,
                    adjusted,
                    format!(
                        "Card basis: actual weight, or adjusted weight above 130% of IBW. {}; 130% of IBW = {}; actual weight {} is more than that, so {}.",
                        ibw_text(),
                        threshold_text,
                        actual.display_as_read(),
                        adjusted_text()
                    ),
                )
            } else {
                (
                    WeightUsed::Actual,
                    actual,
                    format!(
                        "Card basis: actual weight, or adjusted weight above 130% of IBW. {}; 130% of IBW = {}; actual weight {} is not more than that, so actual weight is used: {}.",
                        ibw_text(),
                        threshold_text,
                        actual.display_as_read(),
                        actual.display_as_read()
                    ),
                )
            }
        }
    };
    DosingWeight {
        basis,
        used,
        kg,
        actual,
        ideal,
        adjusted,
        derivation,
        short_height_note,
    }
}

impl DosingWeight {
    /// The dosing weight as shown: the actual weight as it was read (49.99 kg,
    /// not 50 kg beside a 50 kg threshold), an ideal or adjusted weight to
    /// 0.1 kg, as weights are shown.
    pub fn display(&self) -> String {
        match self.used {
            WeightUsed::Actual => self.kg.display_as_read(),
            WeightUsed::Ideal | WeightUsed::Adjusted => self.kg.display(),
        }
    }

    /// The dosing weight as a term of the arithmetic, to 4 decimals so the
    /// arithmetic checks by hand ("0.25 mg/kg/h × 49.1523 kg"), or to every
    /// decimal of an actual weight typed to more (49.99999 kg, not 50 kg).
    pub fn term(&self) -> String {
        let decimals = match self.used {
            WeightUsed::Actual => self.kg.decimals_as_read().max(4),
            WeightUsed::Ideal | WeightUsed::Adjusted => 4,
        };
        format_dose_with(self.kg.0, DoseUnit::Kg, decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devine_ibw_for_the_example_heights() {
        // 175 cm = 68.9 in; 50 + 2.3 × 8.898 = 70.465 kg.
        assert_eq!(ideal_body_weight(Cm(175.0), Sex::Male).display(), "70.5 kg");
        assert_eq!(ideal_body_weight(Cm(175.0), Sex::Female).display(), "66 kg");
        assert_eq!(ideal_body_weight(Cm(152.4), Sex::Male), Kg(50.0));
        assert_eq!(ideal_body_weight(Cm(152.4), Sex::Female), Kg(45.5));
        // 120 cm = 47.24 in, extended below 60 in: 50 − 2.3 × 12.76 = 20.65 kg.
        assert_eq!(ideal_body_weight(Cm(120.0), Sex::Male).display(), "20.7 kg");
    }

    #[test]
    fn an_actual_weight_is_shown_as_read_a_computed_one_to_0_1_kg() {
        // 49.99 kg typed is below a card's 50 kg threshold: shown as "50 kg"
        // the figure would contradict the step that fires on it.
        for basis in [
            WeightBasis::Actual,
            WeightBasis::Ideal,
            WeightBasis::Adjusted,
            WeightBasis::AdjustedIfObese,
        ] {
            let dw = dosing_weight(basis, Kg(49.99), Cm(175.0), Sex::Male);
            assert_eq!(dw.used, WeightUsed::Actual, "{basis:?}");
            assert_eq!(dw.display(), "49.99 kg", "{basis:?}");
            assert!(
                dw.derivation.contains("actual weight 49.99 kg")
                    && !dw.derivation.contains(" 50 kg"),
                "{}",
                dw.derivation
            );
        }
        let plain = dosing_weight(WeightBasis::Actual, Kg(70.0), Cm(175.0), Sex::Male);
        assert_eq!(plain.display(), "70 kg");
        assert_eq!(
            plain.derivation,
            "Card basis: actual body weight. Dosing weight = actual weight 70 kg."
        );
        // Ideal and adjusted weights are worked out, to 0.1 kg.
        let ideal = dosing_weight(WeightBasis::Ideal, Kg(80.0), Cm(175.0), Sex::Male);
        assert_eq!(
            (ideal.used, ideal.display()),
            (WeightUsed::Ideal, "70.5 kg".to_string())
        );
        let adjusted = dosing_weight(WeightBasis::Adjusted, Kg(80.0), Cm(175.0), Sex::Male);
        assert_eq!(
            (adjusted.used, adjusted.display()),
            (WeightUsed::Adjusted, "74.3 kg".to_string())
        );
    }

    #[test]
    fn a_weight_a_hair_over_130_percent_of_ibw_reads_over_it() {
        // 175 cm male: IBW 70.465 kg, 130% = 91.604 kg. Typed 91.61 kg is
        // over it; at 0.1 kg both read 91.6 kg, which would contradict the
        // "more than that" the text says. Just below and at it: not over.
        let text = |kg: f64| {
            dosing_weight(WeightBasis::AdjustedIfObese, Kg(kg), Cm(175.0), Sex::Male).derivation
        };
        let over = text(91.61);
        assert!(
            over.contains("130% of IBW = 91.6 kg; actual weight 91.61 kg is more than that"),
            "{over}"
        );
        let under = text(91.6);
        assert!(
            under.contains("130% of IBW = 91.604 kg; actual weight 91.6 kg is not more than that"),
            "{under}"
        );
        let far = text(120.0);
        assert!(
            far.contains("130% of IBW = 91.6 kg; actual weight 120 kg is more than that"),
            "{far}"
        );
    }

    #[test]
    fn the_derivation_s_terms_give_its_results_by_hand() {
        // 120 cm = 47.2441 in: with the inches at 1 decimal (47.2) the line
        // would give 16.06, not the 16.16 kg used.
        let dw = dosing_weight(WeightBasis::Adjusted, Kg(300.0), Cm(120.0), Sex::Female);
        assert!(
            dw.derivation.contains(
                "= 45.5 + 2.3 \u{d7} (47.2441 \u{2212} 60) = 16.1614 kg; adjusted = 16.1614 kg + 0.4 \u{d7} (300 \u{2212} 16.1614) = 129.6969 kg."
            ),
            "{}",
            dw.derivation
        );
        assert_eq!(dw.kg.display(), "129.7 kg");
    }

    #[test]
    fn obese_patient_on_adjusted_if_obese() {
        let dw = dosing_weight(
            WeightBasis::AdjustedIfObese,
            Kg(150.0),
            Cm(175.0),
            Sex::Male,
        );
        assert_eq!(dw.used, WeightUsed::Adjusted);
        assert_eq!(dw.kg.display(), "102.3 kg");
        assert_eq!(
            dw.derivation,
            "Card basis: actual weight, or adjusted weight above 130% of IBW. IBW (Devine, male, 175 cm = 68.8976 in) = 50 + 2.3 \u{d7} (68.8976 \u{2212} 60) = 70.4646 kg; 130% of IBW = 91.6 kg; actual weight 150 kg is more than that, so adjusted = 70.4646 kg + 0.4 \u{d7} (150 \u{2212} 70.4646) = 102.2787 kg."
        );
    }

    #[test]
    fn the_130_percent_threshold_is_exclusive() {
        let at = dosing_weight(WeightBasis::AdjustedIfObese, Kg(65.0), Cm(152.4), Sex::Male);
        assert_eq!(at.used, WeightUsed::Actual);
        assert_eq!(at.kg, Kg(65.0));
        let above = dosing_weight(WeightBasis::AdjustedIfObese, Kg(65.1), Cm(152.4), Sex::Male);
        assert_eq!(above.used, WeightUsed::Adjusted);
        assert!((above.kg.0 - 56.04).abs() < 1e-9);
    }

    #[test]
    fn ideal_and_adjusted_never_exceed_actual_weight() {
        for basis in [WeightBasis::Ideal, WeightBasis::Adjusted] {
            let dw = dosing_weight(basis, Kg(50.0), Cm(190.0), Sex::Male);
            assert_eq!(dw.used, WeightUsed::Actual);
            assert_eq!(dw.kg, Kg(50.0));
        }
        let dw = dosing_weight(WeightBasis::Ideal, Kg(100.0), Cm(175.0), Sex::Male);
        assert_eq!(dw.used, WeightUsed::Ideal);
        let short = dosing_weight(WeightBasis::Actual, Kg(60.0), Cm(140.0), Sex::Female);
        assert!(short.short_height_note.is_some());
    }
}
