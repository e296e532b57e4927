//! Dose formatting (issue 8, cargo mutants): halves that binary floating point
//! stores just below .5, even after scaling, still round up as by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::format::{
    format_beside, format_beside_at, format_dose, format_number, DoseUnit,
};

#[test]
fn halves_stored_below_the_half_still_round_away_from_zero() {
    // 1.005 x 100 = 100.49999999999999 in f64; by hand 1.005 rounds to 1.01.
    assert_eq!(format_dose(1.005, DoseUnit::MgPerKg), "1.01 mg/kg");
    // 0.285 x 100 = 28.499999999999996 in f64; by hand 0.285 rounds to 0.29.
    assert_eq!(format_dose(0.285, DoseUnit::MgPerKgPerHour), "0.29 mg/kg/h");
    assert_eq!(format_number(1.005, 2), "1.01");
    // Just below the half still rounds down.
    assert_eq!(format_dose(1.0049, DoseUnit::MgPerKg), "1 mg/kg");
}

/// A figure beside a threshold: as usual where the two read apart or are
/// equal, with the fewest more decimals that tell them apart, and, closer
/// than six decimals, cut towards its own side of the threshold.
#[test]
fn a_figure_beside_another_reads_apart_from_it_on_its_own_side() {
    use DoseUnit::{Kg, Mg, MgPerMl, MlPerHour};
    // Equal, or apart at the unit's decimals: as format_dose writes it.
    assert_eq!(format_beside(50.0, 50.0, Kg), "50 kg");
    assert_eq!(format_beside(49.9, 50.0, Kg), "49.9 kg");
    assert_eq!(format_beside(49.94, 50.0, Kg), "49.9 kg");
    // Read alike: one more decimal at a time, up to six.
    assert_eq!(format_beside(49.96, 50.0, Kg), "49.96 kg");
    assert_eq!(format_beside(49.996, 50.0, Kg), "49.996 kg");
    assert_eq!(format_beside(50.0004, 50.0, Kg), "50.0004 kg");
    assert_eq!(format_beside(79.99996, 80.0, Mg), "79.99996 mg");
    assert_eq!(format_beside(0.999999, 1.0, MlPerHour), "0.999999 mL/h");
    assert_eq!(format_beside(50.000001, 50.0, MgPerMl), "50.000001 mg/mL");
    // Closer than six decimals: cut towards the value, never onto `other`.
    assert_eq!(format_beside(0.99999996, 1.0, MlPerHour), "0.999999 mL/h");
    assert_eq!(format_beside(0.9999999999, 1.0, MlPerHour), "0.999999 mL/h");
    assert_eq!(format_beside(80.0000004, 80.0, Mg), "80.000001 mg");
    assert_eq!(format_beside(49.9999995, 50.0, Kg), "49.999999 kg");
    // Beside a figure shown to more decimals: as many, then more.
    assert_eq!(format_beside_at(59.15, 59.15, Kg, 2), "59.15 kg");
    assert_eq!(format_beside_at(59.148, 59.15, Kg, 2), "59.148 kg");
    assert_eq!(format_beside_at(59.1500004, 59.15, Kg, 6), "59.150001 kg");
    assert_eq!(format_beside_at(59.1499996, 59.15, Kg, 6), "59.149999 kg");
}
