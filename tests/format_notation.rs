//! The one dose-formatting family never violates the medication-safety
//! notation (leading zero, no trailing zero, one space before the unit, mcg,
//! mL, thousands separators, never -0, NaN or inf), and the text it shows is
//! the value rounded to the unit's precision. 10,000 cases per property by
//! default (PROPTEST_CASES overrides).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::format::{
    format_card_figure, format_card_multiplier, format_card_number, format_change, format_dose,
    format_multiplier, format_number, DoseUnit, CARD_FIGURE_DECIMALS, NOT_AVAILABLE,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Checks the number part of a displayed figure; returns its numeric value.
fn check_number(number: &str) -> Result<f64, String> {
    let body = number.strip_prefix('-').unwrap_or(number);
    if body.is_empty() {
        return Err(format!("empty number in {number:?}"));
    }
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    // Integer part: 1-3 digits, then groups of exactly 3 after each comma;
    // no leading zero unless the integer part is 0.
    let groups: Vec<&str> = int.split(',').collect();
    let first = groups[0];
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("bad first group in {number:?}"));
    }
    if first.len() > 1 && first.starts_with('0') {
        return Err(format!("leading zeros in {number:?}"));
    }
    for g in &groups[1..] {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad thousands group in {number:?}"));
        }
    }
    let digits: String = groups.concat();
    if digits.len() > 3 && groups.len() != digits.len().div_ceil(3) {
        return Err(format!("missing thousands separator in {number:?}"));
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad decimals in {number:?}"));
        }
        if f.ends_with('0') {
            return Err(format!("trailing zero in {number:?}"));
        }
    }
    if number.starts_with('-') && !body.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        return Err(format!("negative zero in {number:?}"));
    }
    let plain = number.replace(',', "");
    plain.parse::<f64>().map_err(|e| format!("{number:?}: {e}"))
}

fn check_dose(text: &str, unit: DoseUnit) -> Result<f64, String> {
    for bad in [
        "\u{b5}", "\u{3bc}", "cc", "NaN", "nan", "inf", "  ", "..", ". ",
    ] {
        if text.contains(bad) {
            return Err(format!("{text:?} contains {bad:?}"));
        }
    }
    let suffix = format!(" {}", unit.symbol());
    let number = text
        .strip_suffix(&suffix)
        .ok_or_else(|| format!("{text:?} does not end with {suffix:?}"))?;
    if number.contains(' ') {
        return Err(format!("more than one space in {text:?}"));
    }
    if number.starts_with('.') || number.starts_with("-.") {
        return Err(format!("no leading zero in {text:?}"));
    }
    check_number(number)
}

fn unit() -> impl Strategy<Value = DoseUnit> {
    proptest::sample::select(DoseUnit::ALL.to_vec())
}

fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0f64..1.0,
        0.0f64..1_000.0,
        0.0f64..1e7,
        (-30i32..15).prop_flat_map(|e| (1.0f64..10.0).prop_map(move |m| m * 10f64.powi(e))),
        any::<f64>(),
        Just(0.0),
        Just(-0.0),
        Just(0.05),
        Just(0.005),
        Just(999.95),
        Just(f64::MIN_POSITIVE),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_displayed_dose_follows_the_notation(v in value(), unit in unit()) {
        let text = format_dose(v, unit);
        if !v.is_finite() {
            prop_assert_eq!(text, NOT_AVAILABLE);
            return Ok(());
        }
        let shown = check_dose(&text, unit).map_err(TestCaseError::fail)?;
        let d = unit.decimals() as i32;
        let magnitude = v.abs();
        // Beyond 15 digits in all (1e11 h at 4 decimals), whole digits only.
        let step = if magnitude * 10f64.powi(d) >= 1e15 { 1.0 } else { 10f64.powi(-d) };
        if magnitude >= 1e15 {
            prop_assert!(((shown - v) / v).abs() < 1e-9, "{text} for {v}");
        } else if magnitude >= 1.0 || magnitude == 0.0 {
            // Rounded to the unit's decimals (half away from zero).
            prop_assert!((shown - v).abs() <= step / 2.0 * (1.0 + 1e-9) + magnitude * 1e-12, "{text} for {v}");
        } else {
            // Below 1: at least two significant digits (never "0"), and never
            // coarser than the unit's decimals.
            prop_assert!(shown != 0.0, "{text} for {v}");
            prop_assert!(((shown - v) / v).abs() <= 0.05 + 1e-9, "{text} for {v}");
            prop_assert!((shown - v).abs() <= step / 2.0 * (1.0 + 1e-9) + magnitude * 1e-12, "{text} for {v}");
            prop_assert_eq!(shown.signum(), v.signum());
        }
    }

    #[test]
    fn positive_values_never_read_as_zero_or_negative(v in 1e-300f64..1e12, unit in unit()) {
        let text = format_dose(v, unit);
        let shown = check_dose(&text, unit).map_err(TestCaseError::fail)?;
        prop_assert!(shown > 0.0, "{text}");
        prop_assert!(!text.starts_with('-'));
    }

    #[test]
    fn changes_and_multipliers_use_the_same_notation(v in value(), unit in unit()) {
        let change = format_change(v, unit);
        if v.is_finite() && change != "no change" {
            let body = change.strip_prefix('+').or_else(|| change.strip_prefix('\u{2212}')).unwrap();
            check_dose(body, unit).map_err(TestCaseError::fail)?;
        }
        let m = format_multiplier(v);
        if v.is_finite() {
            let number = m.strip_prefix("\u{d7} ").unwrap();
            check_number(number).map_err(TestCaseError::fail)?;
        }
        let n = format_number(v, 3);
        if v.is_finite() {
            check_number(&n).map_err(TestCaseError::fail)?;
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// A card's figure with up to 4 decimals reads back exactly as the card
    /// gives it, in the same notation; one with more is rounded to 4.
    #[test]
    fn a_card_figure_is_shown_as_the_card_gives_it(
        units in 1u64..100_000_000,
        decimals in 0u32..=6,
        unit in unit(),
    ) {
        let v = units as f64 / 10f64.powi(decimals as i32);
        let text = format_card_figure(v, unit);
        let shown = check_dose(&text, unit).map_err(TestCaseError::fail)?;
        let kept = decimals.min(CARD_FIGURE_DECIMALS).max(unit.decimals());
        let step = 10f64.powi(-(kept as i32));
        if decimals <= kept {
            prop_assert!((shown - v).abs() <= v * 1e-12, "{text} for {v}");
        } else {
            prop_assert!((shown - v).abs() <= step / 2.0 * (1.0 + 1e-9) + v * 1e-12, "{text} for {v}");
        }
        // Never coarser than the usual display.
        let usual = check_dose(&format_dose(v, unit), unit).map_err(TestCaseError::fail)?;
        prop_assert!((shown - v).abs() <= (usual - v).abs() + v * 1e-12, "{text} vs {usual} for {v}");
        let m = format_card_multiplier(v);
        let number = m.strip_prefix("\u{d7} ").unwrap();
        let shown = check_number(number).map_err(TestCaseError::fail)?;
        if decimals <= CARD_FIGURE_DECIMALS {
            prop_assert!((shown - v).abs() <= v * 1e-12, "{m} for {v}");
        }
    }
}

#[test]
fn card_figures_keep_their_decimals_up_to_four() {
    // 0.125 mg/kg/h is not shown as 0.13, nor 12.25 mg/h as 12.3.
    let cases = [
        (
            0.125,
            DoseUnit::MgPerKgPerHour,
            "0.125 mg/kg/h",
            "0.13 mg/kg/h",
        ),
        (12.25, DoseUnit::MgPerHour, "12.25 mg/h", "12.3 mg/h"),
        (48.75, DoseUnit::Mg, "48.75 mg", "48.8 mg"),
        (0.1234, DoseUnit::MgPerKg, "0.1234 mg/kg", "0.12 mg/kg"),
        // Four decimals at most: the fifth is rounded (half away from zero).
        (0.12345, DoseUnit::MgPerKg, "0.1235 mg/kg", "0.12 mg/kg"),
        (1.00004, DoseUnit::MgPerHour, "1 mg/h", "1 mg/h"),
        (1.00005, DoseUnit::MgPerHour, "1.0001 mg/h", "1 mg/h"),
        // Figures the usual display already shows in full are unchanged.
        (
            0.35,
            DoseUnit::MgPerKgPerHour,
            "0.35 mg/kg/h",
            "0.35 mg/kg/h",
        ),
        (0.1, DoseUnit::MgPerKgPerHour, "0.1 mg/kg/h", "0.1 mg/kg/h"),
        (100.0, DoseUnit::MgPerHour, "100 mg/h", "100 mg/h"),
        (1_000.0, DoseUnit::Mg, "1,000 mg", "1,000 mg"),
        (4.0, DoseUnit::Hours, "4 h", "4 h"),
        (
            2.25,
            DoseUnit::Hours,
            "2.25 h",
            format_dose(2.25, DoseUnit::Hours).leak(),
        ),
    ];
    for (v, unit, card, usual) in cases {
        assert_eq!(format_card_figure(v, unit), card, "{v}");
        assert_eq!(format_dose(v, unit), usual, "{v}");
    }
    assert_eq!(format_card_multiplier(0.875), "\u{d7} 0.875");
    assert_eq!(format_multiplier(0.875), "\u{d7} 0.88");
    assert_eq!(format_card_multiplier(0.75), "\u{d7} 0.75");
    assert_eq!(format_card_multiplier(1.5), "\u{d7} 1.5");
    assert_eq!(format_card_multiplier(0.33333), "\u{d7} 0.3333");
    assert_eq!(format_card_number(0.125), "0.125");
    assert_eq!(format_card_number(0.25), "0.25");
    assert_eq!(format_card_multiplier(f64::NAN), NOT_AVAILABLE);
    assert_eq!(
        format_card_figure(f64::INFINITY, DoseUnit::Mg),
        NOT_AVAILABLE
    );
}

#[test]
fn the_checker_itself_rejects_every_bad_notation() {
    for bad in [
        "1.0 mg",
        ".5 mg",
        "1000 mg",
        "1,00 mg",
        "10,000,0 mg",
        "-0 mg",
        "5mg",
        "5  mg",
        "5 \u{b5}g",
        "5 cc",
        "NaN mg",
        "01 mg",
        "1. mg",
    ] {
        assert!(check_dose(bad, DoseUnit::Mg).is_err(), "{bad}");
    }
    for good in [
        "1 mg",
        "0.5 mg",
        "1,000 mg",
        "12,345.6 mg",
        "-1.5 mg",
        "0 mg",
    ] {
        assert!(check_dose(good, DoseUnit::Mg).is_ok(), "{good}");
    }
}

#[test]
fn exact_examples_from_the_safety_rules() {
    assert_eq!(format_dose(0.5, DoseUnit::Mg), "0.5 mg");
    assert_eq!(format_dose(1.0, DoseUnit::Mg), "1 mg");
    assert_eq!(format_dose(10_000.0, DoseUnit::Mg), "10,000 mg");
    assert_eq!(
        format_dose(1.25, DoseUnit::McgPerKgPerMin),
        "1.3 mcg/kg/min"
    );
    // Below 1, two significant digits: a 0.1 step would be 20% of 0.25.
    assert_eq!(
        format_dose(0.25, DoseUnit::McgPerKgPerMin),
        "0.25 mcg/kg/min"
    );
    assert_eq!(format_dose(0.245, DoseUnit::MlPerHour), "0.25 mL/h");
    assert_eq!(format_dose(20.0, DoseUnit::MlPerHour), "20 mL/h");
    assert_eq!(format_dose(-0.04, DoseUnit::Mg), "-0.04 mg");
    assert_eq!(format_dose(-0.0001, DoseUnit::Mg), "-0.0001 mg");
}
