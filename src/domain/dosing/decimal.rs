//! Decimal numbers to `f64` and back without the standard library's float
//! code: a typed number ("70", "70.5", "70,5", ".5", "-0") by
//! [`parse_decimal`], a JSON number (with its exponent) through [`Digits`],
//! and the shortest digits of an `f64` for the JSON writer ([`shortest`]).
//!
//! `str::parse::<f64>` takes a 10 KB table of powers of five and its
//! algorithms into the wasm (about 16 KB gzipped, 4% of the app). Here the
//! value is found in two steps, with the same result for every input (the
//! `f64` nearest the decimal, ties to even):
//! 1. An estimate within a few units in the last place (ulps): the first 19
//!    significant digits as an integer, times or divided by a power of ten.
//! 2. A correction that compares the exact decimal with the points halfway to
//!    the estimate's neighbours, in integer arithmetic on all its digits
//!    (`Big`), and steps to the neighbour while the decimal lies beyond.
//!
//! The tests compare the result with `str::parse` bit for bit, over the whole
//! grammar and numbers of up to 200 characters (and, in `tests/json.rs`,
//! with exponents, subnormals and the largest `f64`).

use std::cmp::Ordering;

/// Exact powers of ten: 10^0 to 10^22 are the ones an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits gathered into the estimate's integer (19 always fit a
/// u64); later digits only move its exponent.
const MANTISSA_DIGITS: u32 = 19;

/// The estimate is within a few ulps; this many correction steps is far more
/// than it ever needs.
const MAX_CORRECTIONS: u32 = 64;

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
    let mut value = Digits::default();
    let mut after_point = false;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => value.push(byte - b'0', after_point),
            b'.' | b',' if !after_point => after_point = true,
            _ => return None,
        }
    }
    if value.count() == 0 {
        return None;
    }
    Some(value.value(negative, 0))
}

/// Decimal digits taken one at a time (as a number is read), then turned
/// into the nearest `f64` by [`Digits::value`].
#[derive(Clone, Debug, Default)]
pub struct Digits {
    /// Every digit: the value is `exact × 10^exponent`.
    exact: Big,
    exponent: i32,
    /// The estimate's integer: the first 19 significant digits, and how
    /// many digits came after them.
    mantissa: u64,
    kept: u32,
    dropped: i32,
    count: usize,
}

impl Digits {
    /// Adds a digit (0 to 9), before or after the decimal point.
    pub fn push(&mut self, digit: u8, after_point: bool) {
        self.count += 1;
        self.exact.mul_add(10, u32::from(digit));
        if after_point {
            self.exponent = self.exponent.saturating_sub(1);
        }
        if self.kept < MANTISSA_DIGITS {
            self.mantissa = self.mantissa * 10 + u64::from(digit);
            // Leading zeros are not significant digits.
            if self.mantissa != 0 {
                self.kept += 1;
            }
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }

    /// How many digits were added.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The `f64` nearest `±digits × 10^exp10` (with the point where the
    /// digits put it): ties to even; infinite above the largest `f64`. The
    /// sign is kept: `-0` is `-0.0`.
    pub fn value(&self, negative: bool, exp10: i32) -> f64 {
        let exponent = self.exponent.saturating_add(exp10);
        // The value lies in [10^(top - 1), 10^top).
        let significant = i32::try_from(self.kept)
            .unwrap_or(0)
            .saturating_add(self.dropped);
        let top = exponent.saturating_add(significant);
        let magnitude = if self.mantissa == 0 || top < -323 {
            // Below 10^-324, less than half the smallest f64 (4.9e-324).
            0.0
        } else if top > 309 {
            // At least 10^309, above the largest f64 (1.8e308).
            f64::INFINITY
        } else {
            let estimate = scale(self.mantissa, exponent.saturating_add(self.dropped));
            correct(estimate, &self.exact, exponent)
        };
        if negative {
            -magnitude
        } else {
            magnitude
        }
    }
}

/// The shortest decimal that reads back as `value` (finite, above 0): its
/// digits, without leading or trailing zeros, and the power of ten of the
/// last one (`0.35` is `([3, 5], -2)`). Of two candidates of that length,
/// the one nearer `value`.
///
/// Found from the exact decimal expansion of `value` (an `f64` is
/// `m × 2^k`, which is `m × 5^-k × 10^k` when `k < 0`), cut to 1, 2, ... 17
/// significant digits until a cut, rounded down or up, reads back (17
/// always do). Both directions are tried: at a power of two the gap to the
/// `f64` below is half the gap above, so the nearer cut may fall outside
/// while the other reads back (2^-24 is `5.960464477539063e-8`, 16 digits).
pub fn shortest(value: f64) -> (Vec<u8>, i32) {
    let bits = value.to_bits();
    let (m, k) = parts(value).unwrap_or((0, 0));
    let mut exact = Big::from_u64(m);
    let exp10 = if k >= 0 {
        exact.shl(k.unsigned_abs());
        0
    } else {
        exact.mul_pow5(k.unsigned_abs());
        k
    };
    let all = exact.decimal_digits();
    for precision in 1..=17 {
        for candidate in cuts(&all, precision, exp10) {
            let mut back = Digits::default();
            for &d in &candidate.0 {
                back.push(d, false);
            }
            // It ends in a non-zero digit: cut one digit shorter, the same
            // number would have read back already.
            if back.value(false, candidate.1).to_bits() == bits {
                return candidate;
            }
        }
    }
    (all, exp10)
}

/// `digits × 10^exp10` cut to `precision` significant digits: rounded down
/// and rounded up, the nearer first (half to even), each as digits and the
/// power of ten of the last one. Only the number itself when it has no
/// more digits than that.
fn cuts(digits: &[u8], precision: usize, exp10: i32) -> Vec<(Vec<u8>, i32)> {
    let Some((head, rest)) = digits.split_at_checked(precision) else {
        return vec![(digits.to_vec(), exp10)];
    };
    let shift = i32::try_from(rest.len()).unwrap_or(i32::MAX);
    let exp = exp10.saturating_add(shift);
    let down = (head.to_vec(), exp);
    let mut up = head.to_vec();
    let mut carry = true;
    for d in up.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            carry = false;
            break;
        }
    }
    let up = if carry {
        // 99.9 rounded up: 100, one digit fewer kept.
        up.insert(0, 1);
        up.pop();
        (up, exp.saturating_add(1))
    } else {
        (up, exp)
    };
    let first = rest.first().copied().unwrap_or(0);
    let beyond = rest.iter().skip(1).any(|&d| d != 0);
    let odd = head.last().is_some_and(|d| d % 2 == 1);
    if first > 5 || (first == 5 && (beyond || odd)) {
        vec![up, down]
    } else {
        vec![down, up]
    }
}

/// `mantissa × 10^exponent` to within a few ulps: the integer is rounded once
/// above 2^53, then once per step of 10^22.
fn scale(mantissa: u64, exponent: i32) -> f64 {
    let mut value = mantissa as f64;
    let mut places = exponent.unsigned_abs();
    // In steps of at most 10^22, each exact: one rounding per step, and
    // no step overflows or underflows unless the result does.
    while places > 0 && value != 0.0 && value.is_finite() {
        let step = places.min(22);
        let power = EXACT_POWERS_OF_TEN
            .get(step as usize)
            .copied()
            .unwrap_or(1e22);
        value = if exponent < 0 {
            value / power
        } else {
            value * power
        };
        places -= step;
    }
    value
}

/// The `f64` nearest `digits × 10^exp10` (ties to the even neighbour),
/// starting from `estimate`, a few ulps away at most (zero and infinity
/// included: the decimal may round up from zero or down to the largest
/// `f64`).
fn correct(estimate: f64, digits: &Big, exp10: i32) -> f64 {
    let mut estimate = if estimate.is_infinite() {
        f64::MAX
    } else {
        estimate
    };
    // Up while the decimal lies above the point halfway to the next f64 up.
    for _ in 0..MAX_CORRECTIONS {
        let Some((m, k)) = parts(estimate) else {
            return estimate;
        };
        // From the largest f64, the next one up is infinity.
        let up = f64::from_bits(estimate.to_bits() + 1);
        match compare(digits, exp10, 2 * m + 1, k - 1) {
            Ordering::Greater => estimate = up,
            Ordering::Equal => return if m.is_multiple_of(2) { estimate } else { up },
            Ordering::Less => break,
        }
    }
    // Down while it lies below the point halfway to the next f64 down; below
    // a power of two (a normal one above the smallest) that gap is half as
    // wide.
    for _ in 0..MAX_CORRECTIONS {
        let Some((m, k)) = parts(estimate) else {
            return estimate;
        };
        if m == 0 {
            break;
        }
        let down = f64::from_bits(estimate.to_bits() - 1);
        let (low, low_exp) = if m == HIDDEN && k > MIN_EXP2 {
            (4 * m - 1, k - 2)
        } else {
            (2 * m - 1, k - 1)
        };
        match compare(digits, exp10, low, low_exp) {
            Ordering::Less => estimate = down,
            Ordering::Equal => return if m.is_multiple_of(2) { estimate } else { down },
            Ordering::Greater => break,
        }
    }
    estimate
}

/// The implicit leading bit of a normal `f64`'s 53-bit mantissa.
const HIDDEN: u64 = 1 << 52;

/// The power of two of a subnormal `f64`'s last bit (and of the smallest
/// normal one's).
const MIN_EXP2: i32 = -1074;

/// A finite `f64` of zero or more as `m × 2^k`: `m` of 53 bits for a normal
/// one, fewer for a subnormal one or zero; `None` for infinities, NaN and
/// negative numbers.
fn parts(value: f64) -> Option<(u64, i32)> {
    if !value.is_finite() || value.is_sign_negative() {
        return None;
    }
    let bits = value.to_bits();
    let biased = i32::try_from(bits >> 52).ok()?;
    let fraction = bits & (HIDDEN - 1);
    Some(if biased == 0 {
        (fraction, MIN_EXP2)
    } else {
        (fraction | HIDDEN, biased - 1075)
    })
}

/// `digits × 10^exp10` against `b × 2^exp2`, exactly.
fn compare(digits: &Big, exp10: i32, b: u64, exp2: i32) -> Ordering {
    let mut left = digits.clone();
    let mut right = Big::from_u64(b);
    if exp10 >= 0 {
        left.mul_pow10(exp10.unsigned_abs());
    } else {
        right.mul_pow10(exp10.unsigned_abs());
    }
    if exp2 >= 0 {
        right.shl(exp2.unsigned_abs());
    } else {
        left.shl(exp2.unsigned_abs());
    }
    left.cmp(&right)
}

/// A non-negative integer of any size: 32-bit limbs, least significant
/// first, no zero limbs at the top (zero is no limbs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(value: u64) -> Big {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    fn trim(&mut self) {
        while let Some(&0) = self.0.last() {
            self.0.pop();
        }
    }

    /// self × factor + add.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        // A zero carry is trimmed again.
        self.0.push(carry as u32);
        self.trim();
    }

    /// self × 5^n.
    fn mul_pow5(&mut self, n: u32) {
        // 5^13 is the largest power of five below 2^32.
        for _ in 0..n / 13 {
            self.mul_add(1_220_703_125, 0);
        }
        for _ in 0..n % 13 {
            self.mul_add(5, 0);
        }
    }

    /// The decimal digits, most significant first (`[0]` for zero).
    fn decimal_digits(&self) -> Vec<u8> {
        let mut limbs = self.0.clone();
        // Groups of nine digits, least significant first.
        let mut groups = Vec::new();
        while !limbs.is_empty() {
            let mut rest = 0u64;
            for limb in limbs.iter_mut().rev() {
                let v = (rest << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rest = v % 1_000_000_000;
            }
            groups.push(rest as u32);
            while let Some(&0) = limbs.last() {
                limbs.pop();
            }
        }
        let mut digits = Vec::new();
        for group in groups.iter().rev() {
            let mut nine = [0u8; 9];
            let mut g = *group;
            for d in nine.iter_mut().rev() {
                *d = (g % 10) as u8;
                g /= 10;
            }
            digits.extend_from_slice(&nine);
        }
        let first = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
        digits.drain(..first);
        if digits.is_empty() {
            digits.push(0);
        }
        digits
    }

    /// self × 10^n.
    fn mul_pow10(&mut self, n: u32) {
        for _ in 0..n / 9 {
            self.mul_add(1_000_000_000, 0);
        }
        for _ in 0..n % 9 {
            self.mul_add(10, 0);
        }
    }

    /// self × 2^bits.
    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let limbs = (bits / 32) as usize;
        let rest = bits % 32;
        let mut carry = 0u32;
        for limb in &mut self.0 {
            let v = (u64::from(*limb) << rest) | u64::from(carry);
            *limb = v as u32;
            carry = (v >> 32) as u32;
        }
        // A zero carry is trimmed again.
        self.0.push(carry);
        self.trim();
        let mut shifted = vec![0u32; limbs];
        shifted.append(&mut self.0);
        self.0 = shifted;
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
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

    fn same_as_std(text: &str) {
        assert_eq!(
            parse_decimal(text).map(f64::to_bits),
            std_parse(text).map(f64::to_bits),
            "{text}"
        );
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
    fn values_at_thresholds_with_many_digits_match_the_standard_parser() {
        // Each sits next to a limit or a card threshold (50 kg, 0.1 and
        // 100 mg/mL, 30 and 300 kg): one ulp decides which side it is on.
        for text in [
            "49.999999999999996",
            "49.99999999999999",
            "50.000000000000007",
            "0.09999999999999999",
            "29.99999999999999749",
            "300.00000000000002630",
            "100.000000000000006900",
            "0.0000000000000000000000004",
            "300000000000000000000000",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            // Exactly an f64 with an odd mantissa.
            "9007199254740991",
            "4503599627370497",
            "0.50000000000000011102230246251565404236316680908203125",
            "900719925474099.3",
            "1.0000000000000000000001",
            "0.0000000000000000000001",
            "0.00000000000000000000001",
            "10000000000000000000000",
            "99999999999999999999999",
            "0.1234567890123456789",
            "123456789012345678901234567890",
            "70.50000000000000000000000000",
            "2.2250738585072011",
            // Just below a power of two, where the gap to the f64 below
            // is half the gap above: the estimate lands on the power.
            "9007199254740991.3",
            "9007199254740991.5",
            "9007199254740991.7",
            "0.99999999999999994",
            "0.99999999999999997",
            "1.9999999999999999",
            "63.999999999999996",
            "0.12499999999999999",
            // Exactly halfway between two f64s: ties go to the even one.
            "9007199254740993",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000033306690738754696212708950042724609375",
        ] {
            same_as_std(text);
        }
    }

    #[test]
    fn two_hundred_characters_match_the_standard_parser() {
        same_as_std(&"9".repeat(200));
        same_as_std(&format!("0.{}1", "0".repeat(197)));
        same_as_std(&format!("{}.5", "1".repeat(198)));
        same_as_std(&format!("0.{}", "3".repeat(198)));
    }

    #[test]
    fn big_integers_multiply_shift_and_compare() {
        let mut a = Big::from_u64(u64::MAX);
        a.mul_add(10, 5);
        // (2^64 - 1) × 10 + 5 = 184467440737095516155
        let mut b = Big::default();
        for d in "184467440737095516155".bytes() {
            b.mul_add(10, u32::from(d - b'0'));
        }
        assert_eq!(a, b);
        let mut c = Big::from_u64(3);
        c.shl(70);
        let mut d = Big::from_u64(3 << 6);
        d.shl(64);
        assert_eq!(c, d);
        assert_eq!(c.cmp(&Big::from_u64(u64::MAX)), Ordering::Greater);
        let mut e = Big::from_u64(1);
        e.mul_pow10(20);
        let mut f = Big::from_u64(100_000_000_000);
        f.mul_pow10(9);
        assert_eq!(e, f);
        assert_eq!(Big::from_u64(0), Big::default());
        let mut zero = Big::default();
        zero.shl(40);
        zero.mul_add(10, 0);
        assert_eq!(zero, Big::default());
        assert_eq!(Big::from_u64(5).cmp(&Big::from_u64(7)), Ordering::Less);
        assert!(Big::from_u64(5) < Big::from_u64(7));
        assert_eq!(
            Big::from_u64(1 << 40).cmp(&Big::from_u64(7)),
            Ordering::Greater
        );
    }

    proptest! {
        /// Every string over the characters a number field accepts: the same
        /// yes/no and the same bits as the standard parser.
        #[test]
        fn agrees_with_the_standard_parser(text in "[0-9.,+-]{0,12}") {
            prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits), "{:?}", text);
        }

        /// Figures as people type them: whole part, point, decimals.
        #[test]
        fn typed_figures_are_bit_exact(whole in 0u64..1_000_000_000, decimals in "[0-9]{0,6}") {
            let text = if decimals.is_empty() { whole.to_string() } else { format!("{whole}.{decimals}") };
            prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits));
        }

        /// Long numbers, the point anywhere, trailing zeros or not: the same
        /// bits as the standard parser.
        #[test]
        fn long_numbers_are_bit_exact(digits in "[0-9]{1,60}", point in 0usize..61, zeros in 0usize..30) {
            let at = point.min(digits.len());
            let text = format!("{}.{}{}", &digits[..at], &digits[at..], "0".repeat(zeros));
            prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), std_parse(&text).map(f64::to_bits), "{}", text);
        }

        /// Every f64 written out in full (17 significant digits at most)
        /// reads back as itself.
        #[test]
        fn every_printed_value_reads_back(v in 0.0f64..1e7, tiny in 1e-30f64..1e-5) {
            for x in [v, tiny] {
                let text = format!("{x}");
                prop_assert_eq!(parse_decimal(&text).map(f64::to_bits), Some(x.to_bits()), "{}", text);
            }
        }
    }
}
