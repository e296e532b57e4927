//! Patient input edges (issue 8, cargo mutants): the longest text a number
//! field takes, the largest whole number, and an empty yes/no field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::input::{
    parse_bool, parse_number, Field, InputError, RawPatientInput,
};
use ketamine_dosing_reference::domain::dosing::limits::INPUT_TEXT_MAX_CHARS;
use ketamine_dosing_reference::domain::dosing::units::MgPerMl;

#[test]
fn a_number_may_be_exactly_as_long_as_the_limit() {
    // "000…01": leading zeros up to the limit, still the number 1.
    let at_limit = format!("{}1", "0".repeat(INPUT_TEXT_MAX_CHARS - 1));
    assert_eq!(at_limit.chars().count(), INPUT_TEXT_MAX_CHARS);
    assert_eq!(parse_number(Field::Weight, &at_limit), Ok(1.0));
    let over = format!("0{at_limit}");
    assert!(matches!(
        parse_number(Field::Weight, &over),
        Err(InputError::TooLong { chars, max, .. }) if chars == INPUT_TEXT_MAX_CHARS + 1 && max == INPUT_TEXT_MAX_CHARS
    ));
}

fn age_error(age: &str) -> String {
    let errors = RawPatientInput::from_query(&format!("weight_kg=70&age_years={age}"))
        .parse()
        .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors[0].to_string()
}

#[test]
fn whole_numbers_beyond_the_largest_are_far_too_large() {
    // 4294967295 is the largest whole number read; it is then out of the
    // age range. One more is refused before that, as far too large.
    let largest = age_error("4294967295");
    assert!(!largest.contains("far too large"), "{largest}");
    let beyond = age_error("4294967296");
    assert!(beyond.contains("far too large"), "{beyond}");
}

#[test]
fn an_empty_yes_no_field_says_it_is_empty() {
    assert_eq!(
        parse_bool(Field::RaisedIop, "  "),
        Err(InputError::Empty {
            field: Field::RaisedIop
        })
    );
    assert_eq!(parse_bool(Field::RaisedIop, " Yes "), Ok(true));
    assert_eq!(parse_bool(Field::RaisedIop, "off"), Ok(false));
}

#[test]
fn an_age_of_120_is_accepted_and_121_is_not() {
    let at = RawPatientInput::from_query("weight_kg=70&age_years=120")
        .parse()
        .unwrap();
    assert_eq!(at.age_years(), 120);
    assert_eq!(
        age_error("121"),
        "Age: 121 years is above the oldest age accepted (120 years)."
    );
}

fn concentration(text: &str) -> Result<MgPerMl, Vec<InputError>> {
    RawPatientInput::from_query(&format!("weight_kg=70&concentration_mg_per_ml={text}"))
        .parse()
        .map(|p| p.concentration())
}

#[test]
fn bag_concentrations_from_0_1_to_100_mg_per_ml_and_no_further() {
    assert_eq!(concentration("0.1"), Ok(MgPerMl(0.1)));
    assert_eq!(concentration("100"), Ok(MgPerMl(100.0)));
    for (text, shown) in [("0.09", "0.09"), ("100.01", "100.01")] {
        let errors = concentration(text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            format!("Bag concentration: {shown} mg/mL is outside the accepted range (0.1 mg/mL to 100 mg/mL).")
        );
    }
}
