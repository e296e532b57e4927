//! Dosing weight (issue 8, cargo mutants): exact Devine and Bauer figures, and
//! both sides of every threshold (actual = IBW, 130% of IBW, 60 in).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::card::WeightBasis;
use ketamine_dosing_reference::domain::dosing::input::Sex;
use ketamine_dosing_reference::domain::dosing::units::{Cm, Kg};
use ketamine_dosing_reference::domain::dosing::weight::{
    dosing_weight, ideal_body_weight, WeightUsed,
};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

#[test]
fn weight_used_ids_and_labels() {
    assert_eq!(WeightUsed::Actual.id(), "actual");
    assert_eq!(WeightUsed::Ideal.id(), "ideal");
    assert_eq!(WeightUsed::Adjusted.id(), "adjusted");
    assert_eq!(WeightUsed::Actual.label(), "actual body weight");
    assert_eq!(WeightUsed::Ideal.label(), "ideal body weight");
    assert_eq!(WeightUsed::Adjusted.label(), "adjusted body weight");
}

#[test]
fn devine_ibw_exact_figures() {
    // 190 cm = 74.8031... in; 14.8031... in over 60 in x 2.3 = 34.0472... kg.
    close(
        ideal_body_weight(Cm(190.0), Sex::Male).0,
        84.047_244_094_488_19,
    );
    close(
        ideal_body_weight(Cm(190.0), Sex::Female).0,
        79.547_244_094_488_19,
    );
    // 127 cm = 50 in: 10 in below 60 in, 23 kg less than the base.
    close(ideal_body_weight(Cm(127.0), Sex::Male).0, 27.0);
    close(ideal_body_weight(Cm(127.0), Sex::Female).0, 22.5);
}

#[test]
fn adjusted_weight_exact_figures() {
    // 152.4 cm male: IBW 50 kg; actual 100 kg: 50 + 0.4 x 50 = 70 kg.
    let dw = dosing_weight(WeightBasis::Adjusted, Kg(100.0), Cm(152.4), Sex::Male);
    assert_eq!(dw.used, WeightUsed::Adjusted);
    close(dw.kg.0, 70.0);
    close(dw.adjusted.0, 70.0);
    close(dw.ideal.0, 50.0);
    assert_eq!(dw.actual, Kg(100.0));
    assert_eq!(dw.basis, WeightBasis::Adjusted);
    assert_eq!(
        dw.derivation,
        "Card basis: adjusted body weight. IBW (Devine, male, 152.4 cm = 60 in) = 50 + 2.3 \u{d7} (60 \u{2212} 60) = 50 kg; adjusted = 50 kg + 0.4 \u{d7} (100 \u{2212} 50) = 70 kg."
    );
    assert_eq!(dw.short_height_note, None);
    // 190 cm female, IBW 79.547 kg; actual 120 kg: 79.547 + 0.4 x 40.453.
    let dw = dosing_weight(WeightBasis::Adjusted, Kg(120.0), Cm(190.0), Sex::Female);
    close(dw.kg.0, 95.728_346_456_692_9);
}

#[test]
fn actual_weight_equal_to_ibw_is_not_below_it() {
    // IBW at 152.4 cm for a male is exactly 50 kg.
    let ideal = dosing_weight(WeightBasis::Ideal, Kg(50.0), Cm(152.4), Sex::Male);
    assert_eq!(ideal.used, WeightUsed::Ideal);
    assert_eq!(ideal.kg, Kg(50.0));
    assert_eq!(
        ideal.derivation,
        "Card basis: ideal body weight. IBW (Devine, male, 152.4 cm = 60 in) = 50 + 2.3 \u{d7} (60 \u{2212} 60) = 50 kg; dosing weight = IBW 50 kg."
    );
    let adjusted = dosing_weight(WeightBasis::Adjusted, Kg(50.0), Cm(152.4), Sex::Male);
    assert_eq!(adjusted.used, WeightUsed::Adjusted);
    assert_eq!(adjusted.kg, Kg(50.0));
    // Just below IBW: the actual weight is used, and the derivation says so.
    let below = dosing_weight(WeightBasis::Ideal, Kg(49.9), Cm(152.4), Sex::Male);
    assert_eq!(below.used, WeightUsed::Actual);
    assert_eq!(below.kg, Kg(49.9));
    assert_eq!(below.adjusted, Kg(49.9));
    assert_eq!(
        below.derivation,
        "Card basis: ideal body weight. IBW (Devine, male, 152.4 cm = 60 in) = 50 + 2.3 \u{d7} (60 \u{2212} 60) = 50 kg; actual weight 49.9 kg is below IBW, so actual weight is used: 49.9 kg."
    );
    let below = dosing_weight(WeightBasis::Adjusted, Kg(49.9), Cm(152.4), Sex::Male);
    assert_eq!(below.used, WeightUsed::Actual);
    assert_eq!(
        below.derivation,
        "Card basis: adjusted body weight. IBW (Devine, male, 152.4 cm = 60 in) = 50 + 2.3 \u{d7} (60 \u{2212} 60) = 50 kg; actual weight 49.9 kg is below IBW, so actual weight is used: 49.9 kg."
    );
    // Just above IBW: ideal, and adjusted = 50 + 0.4 x 0.1.
    let above = dosing_weight(WeightBasis::Adjusted, Kg(50.1), Cm(152.4), Sex::Male);
    assert_eq!(above.used, WeightUsed::Adjusted);
    close(above.kg.0, 50.04);
}

#[test]
fn obesity_threshold_at_and_just_above_130_percent() {
    // Female at 152.4 cm: IBW 45.5 kg, 130% = 59.15 kg.
    let at = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(59.15),
        Cm(152.4),
        Sex::Female,
    );
    assert_eq!(at.used, WeightUsed::Actual);
    assert_eq!(at.kg, Kg(59.15));
    assert_eq!(
        at.derivation,
        "Card basis: actual weight, or adjusted weight above 130% of IBW. IBW (Devine, female, 152.4 cm = 60 in) = 45.5 + 2.3 \u{d7} (60 \u{2212} 60) = 45.5 kg; 130% of IBW = 59.15 kg; actual weight 59.15 kg is not more than that, so actual weight is used: 59.15 kg."
    );
    let above = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(59.16),
        Cm(152.4),
        Sex::Female,
    );
    assert_eq!(above.used, WeightUsed::Adjusted);
    // Adjusted: 45.5 + 0.4 × (59.16 − 45.5) = 45.5 + 0.4 × 13.66 = 50.964 kg.
    close(above.kg.0, 50.964);
    // Within the 1e-9 kg tolerance of 130% of IBW still counts as not more.
    // Male at 152.4 cm: IBW 50 kg, 130% = 65 kg.
    let within = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(65.0 + 1e-9),
        Cm(152.4),
        Sex::Male,
    );
    assert_eq!(within.used, WeightUsed::Actual);
    let beyond = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(65.0 + 3e-9),
        Cm(152.4),
        Sex::Male,
    );
    assert_eq!(beyond.used, WeightUsed::Adjusted);
    // Far below the threshold (but above IBW): actual weight.
    let lean = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(50.0),
        Cm(152.4),
        Sex::Female,
    );
    assert_eq!(lean.used, WeightUsed::Actual);
    // Below IBW: actual weight, and the adjusted figure is the actual weight.
    let light = dosing_weight(
        WeightBasis::AdjustedIfObese,
        Kg(40.0),
        Cm(152.4),
        Sex::Female,
    );
    assert_eq!(light.used, WeightUsed::Actual);
    assert_eq!(light.adjusted, Kg(40.0));
}

#[test]
fn actual_basis_uses_the_actual_weight_whatever_the_ibw() {
    let dw = dosing_weight(WeightBasis::Actual, Kg(150.0), Cm(175.0), Sex::Male);
    assert_eq!(dw.used, WeightUsed::Actual);
    assert_eq!(dw.kg, Kg(150.0));
    assert_eq!(
        dw.derivation,
        "Card basis: actual body weight. Dosing weight = actual weight 150 kg."
    );
}

#[test]
fn the_short_height_note_starts_below_60_inches() {
    let at = dosing_weight(WeightBasis::Ideal, Kg(60.0), Cm(152.4), Sex::Female);
    assert_eq!(at.short_height_note, None);
    let below = dosing_weight(WeightBasis::Ideal, Kg(60.0), Cm(152.3), Sex::Female);
    assert_eq!(
        below.short_height_note.as_deref(),
        Some("Height 152.3 cm is under 60 in (152.4 cm): the Devine formula is extended below 60 in by subtracting 2.3 kg per inch, which gives a lower, more conservative ideal weight. Check this against local practice.")
    );
    let tall = dosing_weight(WeightBasis::Ideal, Kg(60.0), Cm(200.0), Sex::Female);
    assert_eq!(tall.short_height_note, None);
}

/// The height in the note and in the Devine line is shown as read, so
/// that it is never rounded onto 60 in and its inches check by hand.
#[test]
fn the_height_is_shown_as_read_beside_60_inches_and_its_inches() {
    let just_below = dosing_weight(WeightBasis::Ideal, Kg(60.0), Cm(152.39), Sex::Female);
    assert!(just_below
        .short_height_note
        .as_deref()
        .unwrap()
        .starts_with("Height 152.39 cm is under 60 in (152.4 cm):"));
    assert!(just_below.derivation.contains("152.39 cm = 59.9961 in"));
    let tall = dosing_weight(WeightBasis::Ideal, Kg(90.0), Cm(200.05), Sex::Male);
    assert!(
        tall.derivation
            .contains("IBW (Devine, male, 200.05 cm = 78.7598 in)"),
        "{}",
        tall.derivation
    );
}
