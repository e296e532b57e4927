//! Unit conversions (issue 8, cargo mutants): every conversion with its exact
//! factor, both directions, and the guards against division by zero.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::format::DoseUnit;
use ketamine_dosing_reference::domain::dosing::units::{
    Cm, Hours, Inches, Kg, Lb, McgPerKgPerMin, Mg, MgPerHour, MgPerKg, MgPerKgPerHour, MgPerMl,
    MlPerHour, CM_PER_IN, KG_PER_LB, MCG_PER_MIN_PER_MG_PER_H,
};

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

#[test]
fn conversion_factors_are_exact() {
    assert_eq!(KG_PER_LB, 0.453_592_37);
    assert_eq!(CM_PER_IN, 2.54);
    close(MCG_PER_MIN_PER_MG_PER_H, 16.666_666_666_666_668);
}

#[test]
fn kilograms_to_pounds_and_back() {
    close(Kg(45.359_237).to_lb().0, 100.0);
    close(Kg(70.0).to_lb().0, 154.323_583_529_414_4);
    assert_eq!(Kg(70.0).to_lb().display(), "154.3 lb");
    assert_eq!(Kg(0.0).to_lb(), Lb(0.0));
    close(Lb(154.323_583_529_414_4).to_kg().0, 70.0);
    close(Lb(1.0).to_kg().0, 0.453_592_37);
}

#[test]
fn inches_to_centimetres_and_back() {
    close(Inches(1.0).to_cm().0, 2.54);
    close(Inches(72.0).to_cm().0, 182.88);
    close(Cm(254.0).to_inches().0, 100.0);
    close(Cm(1.0).to_inches().0, 0.393_700_787_401_574_8);
}

#[test]
fn rate_conversions() {
    close(
        MgPerKgPerHour(0.5).to_mcg_per_kg_per_min().0,
        8.333_333_333_333_334,
    );
    assert_eq!(
        MgPerKgPerHour(0.35).to_mcg_per_kg_per_min().display(),
        "5.8 mcg/kg/min"
    );
    assert_eq!(MgPerKgPerHour(2.0).for_weight(Kg(3.0)), MgPerHour(6.0));
    assert_eq!(MgPerKg(0.5).for_weight(Kg(3.0)), Mg(1.5));
    assert_eq!(MgPerHour(6.0).per_kg(Kg(3.0)), MgPerKgPerHour(2.0));
    assert_eq!(MgPerHour(6.0).over(Hours(0.5)), Mg(3.0));
    assert_eq!(MgPerHour(6.0).pump_rate(MgPerMl(4.0)), MlPerHour(1.5));
    assert_eq!(Mg(6.0).per_hours(Hours(4.0)), MgPerHour(1.5));
}

#[test]
fn guards_only_apply_at_or_below_zero() {
    // A tiny positive divisor still divides.
    assert_eq!(MgPerHour(1.0).per_kg(Kg(0.5)), MgPerKgPerHour(2.0));
    assert_eq!(MgPerHour(1.0).pump_rate(MgPerMl(0.5)), MlPerHour(2.0));
    assert_eq!(Mg(1.0).per_hours(Hours(0.5)), MgPerHour(2.0));
    // Zero or negative divisors give 0, never infinity or a negative figure.
    for d in [0.0, -1.0] {
        assert_eq!(MgPerHour(10.0).per_kg(Kg(d)), MgPerKgPerHour(0.0));
        assert_eq!(MgPerHour(10.0).pump_rate(MgPerMl(d)), MlPerHour(0.0));
        assert_eq!(Mg(10.0).per_hours(Hours(d)), MgPerHour(0.0));
    }
}

#[test]
fn every_newtype_keeps_its_raw_value_and_unit() {
    assert_eq!(Kg(1.25).value(), 1.25);
    assert_eq!(MlPerHour(2.5).value(), 2.5);
    assert_eq!(Kg::UNIT, DoseUnit::Kg);
    assert_eq!(Lb::UNIT, DoseUnit::Lb);
    assert_eq!(Cm::UNIT, DoseUnit::Cm);
    assert_eq!(Inches::UNIT, DoseUnit::Inches);
    assert_eq!(Hours::UNIT, DoseUnit::Hours);
    assert_eq!(Mg::UNIT, DoseUnit::Mg);
    assert_eq!(MgPerKg::UNIT, DoseUnit::MgPerKg);
    assert_eq!(MgPerHour::UNIT, DoseUnit::MgPerHour);
    assert_eq!(MgPerKgPerHour::UNIT, DoseUnit::MgPerKgPerHour);
    assert_eq!(McgPerKgPerMin::UNIT, DoseUnit::McgPerKgPerMin);
    assert_eq!(MgPerMl::UNIT, DoseUnit::MgPerMl);
    assert_eq!(MlPerHour::UNIT, DoseUnit::MlPerHour);
    assert_eq!(Inches(68.9).display(), "68.9 in");
    assert_eq!(Hours(0.25).display(), "0.25 h");
    assert_eq!(MgPerMl(1.0).display(), "1 mg/mL");
    assert_eq!(MgPerKg(0.35).display(), "0.35 mg/kg");
}
