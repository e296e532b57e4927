//! Reading a typed decimal number ("70", "70.5", "70,5", ".5", "-0") without
//! the standard library's float parser.
//!
//! `str::parse::<f64>` is exact for every input, which takes a 10 KB table of
//! powers of five and its algorithms into the wasm (about 12 KB gzipped, 3% of
//! the app). Typed clinical figures never need that: a number with at most 15
//! significant digits and at most 22 decimals, which covers every figure
//! anyone types, is read here with one exact integer and one correctly rounded
//! IEEE division or multiplication (Clinger's fast path), so it is
//! bit-for-bit the value `str::parse` gives. Longer numbers (more significant
//! digits than an `f64` holds, or padded with zeros past 22 places) are read
//! to within a few units in the last place, far below any figure the app
//! displays. The tests compare both cases with `str::parse` over the whole
//! grammar.

/// Exact powers of ten: 10^0 to 10^22 are the ones an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits gathered into the integer mantissa (19 always fit a
/// u64); later digits only move the decimal exponent. Dropping them changes
/// the value by less than 10^-18 of itself, far below an `f64`'s precision.
const MANTISSA_DIGITS: u32 = 19;

/// Reads `[+|-] digits [(.|,) digits]` with at least one digit: the grammar
/// `str::parse::<f64>` accepts from these characters, with a comma allowed as
/// the decimal separator. Anything else (letters, exponents, spaces, a second
/// separator or sign) is `None`. The sign is kept: "-0" is `-0.0`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, digits) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text.as_bytes()),
    };
    let mut mantissa: u64 = 0;
    let mut kept: u32 = 0;
    // Decimal exponent of the mantissa's last digit.
    let mut exponent: i32 = 0;
    let mut any_digit = false;
    let mut after_point = false;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                any_digit = true;
                let digit = u64::from(byte - b'0');
                if kept < MANTISSA_DIGITS {
                    mantissa = mantissa * 10 + digit;
                    // Leading zeros are not significant digits.
                    if mantissa != 0 {
                        kept += 1;
                    }
                    if after_point {
                        exponent = exponent.saturating_sub(1);
                    }
                } else if !after_point {
                    // Past the mantissa's digits: a place before the point
                    // still counts, one after it does not.
                    exponent = exponent.saturating_add(1);
                }
            }
            b'.' | b',' if !after_point => after_point = true,
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let magnitude = scale(mantissa, exponent);
    Some(if negative { -magnitude } else { magnitude })
}

/// `mantissa × 10^exponent`. When the mantissa is at most 2^53 and the power
/// of ten at most 10^22, both are exact `f64`s and the one IEEE operation is
/// correctly rounded (Clinger's fast path): the standard parser's value.
/// Otherwise the mantissa or the power is rounded first: within a few ulps.
fn scale(mut mantissa: u64, mut exponent: i32) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    // "70.500000" is 705 × 10^-1: trailing zeros would only push the
    // mantissa out of the exact range.
    // (At most 19 of them: the mantissa has at most 19 digits.)
    for _ in 0..MANTISSA_DIGITS {
        if !mantissa.is_multiple_of(10) {
            break;
        }
        mantissa /= 10;
        exponent = exponent.saturating_add(1);
    }
    let places = exponent.unsigned_abs();
    let power = match EXACT_POWERS_OF_TEN.get(places as usize) {
        Some(p) => *p,
        // Rounded: only reached by numbers of more than 22 places.
        None => 10f64.powi(i32::try_from(places).unwrap_or(i32::MAX)),
    };
    // Exact up to 2^53; rounded once above it.
    let m = mantissa as f64;
    if exponent < 0 {
        m / power
    } else {
        m * power
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use proptest::prelude::*;

    fn std_parse(text: &str) -> Option<f64> {
        text.replace(',', ".").parse::<f64>().ok()
    }

    #[test]
    fn typed_figures_read_exactly() {
        for (text, value) in [
            ("70", 70.0),
            ("70.5", 70.5),
            ("70,5", 70.5),
            ("0.1", 0.1),
            (".5", 0.5),
            ("5.", 5.0),
            ("+3", 3.0),
            ("007", 7.0),
            ("0.000", 0.0),
            ("1.543", 1.543),
            ("4294967295", 4_294_967_295.0),
            ("0.3", 0.3),
            ("12345678901234567890", 12_345_678_901_234_567_890.0),
        ] {
            assert_eq!(parse_decimal(text), Some(value), "{text}");
        }
        assert_eq!(
            parse_decimal("-0").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(parse_decimal("-2.5"), Some(-2.5));
    }

    #[test]
    fn text_outside_the_grammar_is_refused() {
        for text in [
            "", "+", "-", ".", ",", "+.", "1.2.3", "1,2.3", "--1", "+-1", "1-", "1+", "1e2", "1 2",
            " 1", "inf", "nan", "0x10", "½",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn fast_path_edges_match_the_standard_parser() {
        // The last exact power of ten, one past it, and 2^53 either side.
        for text in [
            "1.0000000000000000000001",
            "0.0000000000000000000001",
            "0.00000000000000000000001",
            "9007199254740992",
            "9007199254740993",
            "9007199254740991",
            "900719925474099.3",
            "1000000000000000000000",
            "10000000000000000000000",
            "99999999999999999999999",
            "0.1234567890123456789",
            "123456789012345678901234567890",
        ] {
            let ours = parse_decimal(text).unwrap();
            let std = std_parse(text).unwrap();
            assert!(
                (ours - std).abs() <= std.abs() * 4.0 * f64::EPSILON,
                "{text}: {ours} vs {std}"
            );
        }
        // Inside the fast path: exactly the standard value.
        for text in [
            "9007199254740992",
            "0.0000000000000000000001",
            "10000000000000000000000",
            "70.50000000000000000000000000",
            "123456789012345.6",
        ] {
            let std = std_parse(text).unwrap();
            assert_eq!(
                parse_decimal(text).map(f64::to_bits),
                Some(std.to_bits()),
                "{text}"
            );
        }
    }

    #[test]
    fn two_hundred_characters_stay_finite() {
        let big = "9".repeat(200);
        let small = format!("0.{}1", "0".repeat(197));
        let b = parse_decimal(&big).unwrap();
        let s = parse_decimal(&small).unwrap();
        assert!(b.is_finite() && (b / 1e200 - 1.0).abs() < 1e-12, "{b}");
        assert!(s > 0.0 && (s / 1e-198 - 1.0).abs() < 1e-12, "{s}");
    }

    proptest! {
        /// Every string over the characters a number field accepts: the same
        /// yes/no as the standard parser, and (up to 15 significant digits)
        /// the same bits.
        #[test]
        fn agrees_with_the_standard_parser(text in "[0-9.,+-]{0,12}") {
            let ours = parse_decimal(&text);
            let std = std_parse(&text);
            prop_assert_eq!(ours.is_some(), std.is_some(), "{:?}", text);
            if let (Some(o), Some(s)) = (ours, std) {
                prop_assert_eq!(o.to_bits(), s.to_bits(), "{:?}", text);
            }
        }

        /// Figures as people type them: whole part, point, decimals.
        #[test]
        fn typed_figures_are_bit_exact(whole in 0u64..1_000_000_000, decimals in "[0-9]{0,6}") {
            let text = if decimals.is_empty() { whole.to_string() } else { format!("{whole}.{decimals}") };
            prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits));
        }

        /// Up to 15 significant digits then trailing zeros, which do not
        /// leave the fast path: bit-exact too.
        #[test]
        fn trailing_zeros_stay_exact(digits in "[1-9][0-9]{0,14}", point in 0usize..16, zeros in 0usize..12) {
            let at = point.min(digits.len());
            let text = format!("{}.{}{}", &digits[..at], &digits[at..], "0".repeat(zeros));
            prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits), "{}", text);
        }

        /// Long inputs (up to 40 digits, anywhere the point falls): within
        /// four ulps of the exact value.
        #[test]
        fn long_numbers_are_close(digits in "[0-9]{1,40}", point in 0usize..41) {
            let at = point.min(digits.len());
            let text = format!("{}.{}", &digits[..at], &digits[at..]);
            let ours = parse_decimal(&text).unwrap();
            let std = std_parse(&text).unwrap();
            prop_assert!((ours - std).abs() <= std.abs() * 4.0 * f64::EPSILON, "{} {} {}", text, ours, std);
        }
    }
}
