//! Dose formatting (issue 8, cargo mutants): halves that binary floating point
//! stores just below .5, even after scaling, still round up as by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::format::{format_dose, format_number, DoseUnit};

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
