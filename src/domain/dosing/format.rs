//! The one formatting family for every displayed dose, rate, weight and volume.
//!
//! Medication-safety notation (ISMP error-prone list [R58][R59], Joint
//! Commission "Do Not Use" list [R60], CLPNA [R62]): a leading zero (`0.5 mg`),
//! no trailing zero (`1 mg`, never `1.0 mg`), one space between number and unit,
//! `mcg` never `µg`, `mL` never `cc`, thousands separators (`1,000 mg`), never
//! `-0`, never `NaN` or `inf`. Rounding happens here and only here: the engine
//! keeps full `f64` precision and hands raw values to these functions. One
//! exception to "no trailing zero", not a dose: a weight or height typed in lb
//! or inches is echoed with its typed decimals ([`format_as_typed`]), as they
//! set the precision it is read at.
//!
//! Precision per unit (see [`DoseUnit::decimals`]): kg, mg, mg/h, mL/h and
//! mcg/kg/min to 1 decimal; mg/kg/h, mg/kg and mg/mL to 2 decimals; hours to 4,
//! as a limit's terms are given (a session a card's multipliers shorten). A
//! value above zero that would round to `0` is shown with 2 significant digits
//! instead (`0.0012 mg`), so a positive dose never reads as zero.

/// The unit a displayed figure is in. Every displayed dose names one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DoseUnit {
    /// Body weight in kilograms.
    Kg,
    /// Body weight in pounds (input only; kg is what is used and shown first).
    Lb,
    /// Height in centimetres.
    Cm,
    /// Height in inches (input only, and the Devine formula's unit).
    Inches,
    /// An amount of ketamine (as base) in milligrams.
    Mg,
    /// A weight-based amount, mg per kg of dosing weight (bolus).
    MgPerKg,
    /// An infusion rate in mg per hour.
    MgPerHour,
    /// A weight-based infusion rate in mg per kg of dosing weight per hour.
    MgPerKgPerHour,
    /// A weight-based infusion rate in micrograms per kg per minute.
    McgPerKgPerMin,
    /// A pump rate in millilitres per hour.
    MlPerHour,
    /// A bag or syringe concentration in mg per millilitre.
    MgPerMl,
    /// A duration in hours.
    Hours,
}

impl DoseUnit {
    /// The unit symbol as displayed (ISMP: `mcg`, `mL`, no full stop, no plural).
    pub fn symbol(self) -> &'static str {
        match self {
            DoseUnit::Kg => "kg",
            DoseUnit::Lb => "lb",
            DoseUnit::Cm => "cm",
            DoseUnit::Inches => "in",
            DoseUnit::Mg => "mg",
            DoseUnit::MgPerKg => "mg/kg",
            DoseUnit::MgPerHour => "mg/h",
            DoseUnit::MgPerKgPerHour => "mg/kg/h",
            DoseUnit::McgPerKgPerMin => "mcg/kg/min",
            DoseUnit::MlPerHour => "mL/h",
            DoseUnit::MgPerMl => "mg/mL",
            DoseUnit::Hours => "h",
        }
    }

    /// Decimals kept at display (an illustrative choice of this app, in line
    /// with the evidence file's suggestion of 0.1 mg and 0.1 mL/h, section 7.1).
    pub fn decimals(self) -> u32 {
        match self {
            DoseUnit::Kg
            | DoseUnit::Lb
            | DoseUnit::Cm
            | DoseUnit::Inches
            | DoseUnit::Mg
            | DoseUnit::MgPerHour
            | DoseUnit::McgPerKgPerMin
            | DoseUnit::MlPerHour => 1,
            DoseUnit::MgPerKg | DoseUnit::MgPerKgPerHour | DoseUnit::MgPerMl => 2,
            DoseUnit::Hours => 4,
        }
    }

    /// Every unit, for tests and documentation.
    pub const ALL: [DoseUnit; 12] = [
        DoseUnit::Kg,
        DoseUnit::Lb,
        DoseUnit::Cm,
        DoseUnit::Inches,
        DoseUnit::Mg,
        DoseUnit::MgPerKg,
        DoseUnit::MgPerHour,
        DoseUnit::MgPerKgPerHour,
        DoseUnit::McgPerKgPerMin,
        DoseUnit::MlPerHour,
        DoseUnit::MgPerMl,
        DoseUnit::Hours,
    ];
}

/// Shown instead of a number that is not finite. Never happens for a computed
/// dose (the engine never produces one); the text contains no "NaN" or "inf".
pub const NOT_AVAILABLE: &str = "not available";

/// Formats a value with its unit in medication-safety notation: `24.5 mg/h`,
/// `0.35 mg/kg/h`, `1,000 mg`, `4 h`. The only function that turns a dose into text.
/// A value below 1 keeps at least two significant digits (`0.025 mg/kg/h`,
/// `0.25 mL/h`, not `0.03` and `0.2`): at the unit's usual decimals such a
/// value could be off by 20% or more.
pub fn format_dose(value: f64, unit: DoseUnit) -> String {
    format_dose_with(value, unit, unit.decimals())
}

/// A weight or height typed in lb or inches, echoed with the decimals it
/// was typed with ("110.20 lb"). In those units the decimals typed set the
/// precision the value is read at (110.20 lb is 49.99 kg where 110.2 lb is
/// 50 kg), so there a trailing zero is part of the value: the echo, typed
/// again, gives the same figure. Not for doses, which [`format_dose`] writes.
pub fn format_as_typed(value: f64, unit: DoseUnit, decimals: u32) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    let short = format_number(value, decimals);
    let number = match short.split_once('.') {
        _ if decimals == 0 || !value.is_finite() => short.clone(),
        Some((whole, fraction)) => format!("{whole}.{fraction:0<0$}", decimals as usize),
        None => format!("{short}.{:0<1$}", "", decimals as usize),
    };
    format!("{number} {}", unit.symbol())
}

/// As [`format_dose`], keeping up to `decimals` decimals (at least the
/// unit's): for the few figures shown unrounded beside their rounded form
/// (a titration's terms), with the same notation.
pub fn format_dose_with(value: f64, unit: DoseUnit, decimals: u32) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let decimals = decimals.max(unit.decimals()).max(two_digit_decimals(value));
    let number = if decimals > MAX_DECIMALS {
        // Far below any dose (under 1e-8): two significant digits directly.
        let digits = two_significant_digits(value.abs());
        let sign = if value.is_sign_negative() { "-" } else { "" };
        format!("{sign}{digits}")
    } else {
        format_number(value, decimals)
    };
    format!("{number} {}", unit.symbol())
}

/// `value` as [`format_dose`] writes it, unless that reads the same as
/// `other` while the two differ (49.96 kg typed reads "50 kg", beside a
/// threshold of 50 kg that it is below): then with the fewest decimals, up to
/// 6, that tell the two apart ("49.96 kg"), so a comparison in the text can
/// be checked by hand.
pub fn format_beside(value: f64, other: f64, unit: DoseUnit) -> String {
    format_beside_at(value, other, unit, unit.decimals())
}

/// As [`format_beside`], beside `other` shown with up to `decimals`
/// decimals (a weight shown as read, "59.15 kg"): `value` with as many
/// ("130% of IBW = 59.15 kg"), more where the two read alike while they
/// differ ("91.604 kg" beside "91.6 kg").
pub fn format_beside_at(value: f64, other: f64, unit: DoseUnit, decimals: u32) -> String {
    let usual = format_dose_with(value, unit, decimals);
    if value == other || usual != format_dose_with(other, unit, decimals) {
        return usual;
    }
    match (decimals + 1..=BESIDE_MAX_DECIMALS)
        .find(|&d| format_number(value, d) != format_number(other, d))
    {
        Some(more) => format_dose_with(value, unit, more),
        // Closer than that: cut towards the value, so the figure is on the
        // value's side ("0.999999 mL/h" for 0.99999996 beside 1 mL/h).
        None => {
            let scale = 10f64.powi(BESIDE_MAX_DECIMALS as i32);
            let cut = if value < other {
                (value * scale).floor() / scale
            } else {
                (value * scale).ceil() / scale
            };
            format_dose_with(cut, unit, BESIDE_MAX_DECIMALS)
        }
    }
}

/// The most decimals [`format_beside`] shows to tell a value from the one
/// beside it.
const BESIDE_MAX_DECIMALS: u32 = 6;

/// The most decimals [`format_number`] writes.
const MAX_DECIMALS: u32 = 9;

/// The decimals that show two significant digits of a value below 1 (0 for
/// 1 and above, and for 0): 0.245 needs 2, 0.025 needs 3.
fn two_digit_decimals(value: f64) -> u32 {
    let magnitude = value.abs();
    if magnitude == 0.0 || magnitude >= 1.0 {
        return 0;
    }
    // Bounded: the smallest positive f64 (5e-324) reaches 10 at 325
    // decimals, and 10^d is infinite from d = 309 anyway.
    (1..=325_i32)
        .find(|&d| magnitude * 10f64.powi(d) >= 10.0)
        .map_or(325, i32::unsigned_abs)
}

/// The figure to keep for `value` (a rate, dose or pump rate) so that what
/// [`format_dose`] shows of it is not above `ceiling` (a cap in the same
/// unit): `value`, lowered to the ceiling if above it, when its shown figure
/// is at most the ceiling; else the largest figure on the unit's display grid
/// that is not above it (rounded down). A rate held at a cap of 12.25 mg/h is
/// kept as 12.2 mg/h, which shows as it is, where rounding to the nearest
/// would show 12.3 mg/h; a rate of 12.22 mg/h under that cap stays 12.22
/// (shown 12.2 mg/h).
pub fn shown_at_most(value: f64, unit: DoseUnit, ceiling: f64) -> f64 {
    let v = value.min(ceiling);
    if shown_value(v, unit) <= ceiling * (1.0 + 1e-12) {
        return v;
    }
    // Down to the grid.
    let factor = grid(v, unit);
    (v * factor).floor() / factor
}

/// `value` as [`format_dose`] writes it, rounded down where rounding to
/// the nearest would read above `ceiling` (0.17 mg/kg/h under a cap of
/// 0.175 mg/kg/h, not 0.18): for a figure worked out from a rate held by a
/// limit, shown in the limit's own unit.
pub fn format_dose_within(value: f64, unit: DoseUnit, ceiling: f64) -> String {
    format_dose(shown_at_most(value, unit, ceiling), unit)
}

/// 10 to the power of the decimals [`format_dose`] shows `value` with.
fn grid(value: f64, unit: DoseUnit) -> f64 {
    let decimals = unit.decimals().max(two_digit_decimals(value));
    10f64.powi(decimals.min(MAX_DECIMALS) as i32)
}

/// The number [`format_dose`] shows for `value` (12.25 mg/h → 12.3), as
/// `fixed_decimals` rounds: half away from zero, after a nudge of 1e-13 for
/// values stored just below a half (24.45 → 24.5).
fn shown_value(value: f64, unit: DoseUnit) -> f64 {
    let factor = grid(value, unit);
    let scaled = value.abs() * factor;
    if !scaled.is_finite() {
        return value;
    }
    ((scaled * (1.0 + 1e-13)).round() / factor).copysign(value)
}

/// The change from `before` to `after` as a table with both figures shows
/// it: the difference of the figures shown (25 → 24.9 mg/h is −0.1 mg/h,
/// though 24.99 was held at 24.9), or, when both read the same but differ,
/// the change itself with where it started ("−0.025 mg/h (from 25.025
/// mg/h)"), so that the cells and the change always check by hand.
pub fn format_change_between(before: f64, after: f64, unit: DoseUnit) -> String {
    let (b, a) = (shown_value(before, unit), shown_value(after, unit));
    if a != b {
        return format_change(a - b, unit);
    }
    if after == before {
        return "no change".to_string();
    }
    // The change to as many decimals as the figure it starts from, so that
    // a change of 0.0005 from 25.0005 reads −0.0005, not −0.001.
    format!(
        "{} (from {})",
        format_change_to(after - before, unit, CARD_FIGURE_DECIMALS),
        format_dose_with(before, unit, CARD_FIGURE_DECIMALS)
    )
}

/// Formats the change between two figures: `+12.3 mg/h`, `−12.3 mg/h` (a true
/// minus sign), or `no change` when it rounds to nothing at display precision.
pub fn format_change(delta: f64, unit: DoseUnit) -> String {
    format_change_to(delta, unit, 3)
}

/// [`format_change`], where a change below 1 keeps two significant digits
/// down to `most` decimals.
fn format_change_to(delta: f64, unit: DoseUnit, most: u32) -> String {
    if !delta.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    // As for a figure: a change below 1 keeps two significant digits
    // (−0.75 mg/h, not −0.8), down to `most` decimals.
    let decimals = unit.decimals().max(two_digit_decimals(delta).min(most));
    let magnitude = format_number(delta.abs(), decimals);
    if !has_nonzero_digit(&magnitude) || delta == 0.0 {
        return "no change".to_string();
    }
    let sign = if delta < 0.0 { '\u{2212}' } else { '+' };
    format!("{sign}{magnitude} {}", unit.symbol())
}

/// Formats a multiplier as `× 0.75` (2 decimals, same notation rules).
pub fn format_multiplier(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    format!("\u{d7} {}", format_number(value, 2))
}

/// The most decimals a protocol card's own figure is shown with.
pub const CARD_FIGURE_DECIMALS: u32 = 4;

/// A figure a protocol card gives (a rate, cap, bolus or step), as the card
/// gives it: with the unit's usual decimals or as many more as the figure
/// has, up to [`CARD_FIGURE_DECIMALS`] (`0.125 mg/kg/h`, `12.25 mg/h`, where
/// [`format_dose`] writes `0.13` and `12.3`; trailing zeros are dropped as
/// everywhere), so that the card's numbers and the derivations built on
/// them check against the file by hand.
pub fn format_card_figure(value: f64, unit: DoseUnit) -> String {
    format_dose_with(value, unit, CARD_FIGURE_DECIMALS)
}

/// A multiplier a protocol card gives, as it gives it (`× 0.875`, where
/// [`format_multiplier`] writes `× 0.88`); see [`format_card_figure`].
pub fn format_card_multiplier(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    format!("\u{d7} {}", format_card_number(value))
}

/// A plain number a protocol card gives (a multiplier or floor), as it
/// gives it, up to [`CARD_FIGURE_DECIMALS`].
pub fn format_card_number(value: f64) -> String {
    format_number(value, CARD_FIGURE_DECIMALS)
}

/// Formats a plain number with `decimals` decimals and the notation rules
/// above (leading zero, no trailing zero, thousands separators, no `-0`,
/// 2 significant digits for a positive value that would round to zero).
pub fn format_number(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    let magnitude = value.abs();
    let mut body = fixed_decimals(magnitude, decimals);
    if magnitude > 0.0 && !has_nonzero_digit(&body) {
        body = two_significant_digits(magnitude);
    }
    if value < 0.0 && has_nonzero_digit(&body) {
        format!("-{body}")
    } else {
        body
    }
}

/// A count with its noun: "1 day", "3 days", "1,200 entries" (the number
/// written by [`format_number`]).
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", format_number(n as f64, 0))
    }
}

/// A number as plain digits, for an address or an SVG attribute (`65`,
/// `130.5`): [`format_number`]'s rounding and trimming without its thousands
/// separator, which a number field would read as a decimal comma.
pub fn plain_number(value: f64, decimals: u32) -> String {
    format_number(value, decimals).replace(',', "")
}

/// `text` cut into runs for display: each word that is a compound unit
/// ("mg/kg/h", "mcg/kg/min," with what sticks to it) is a run of its own,
/// marked `true`, which the page keeps on one line; the rest, spaces
/// included, is left to wrap as usual. Firefox breaks a line after any "/",
/// which would show "mg/" at the end of one line and "kg/h" on the next;
/// Chromium and WebKit never break there. A word counts as a unit when a "/"
/// in it has a letter or digit on both sides; an address ("://") does not,
/// as it may need to wrap. The runs, joined, are `text` again.
pub fn unit_runs(text: &str) -> Vec<(&str, bool)> {
    let mut runs = Vec::new();
    let mut plain_from = 0;
    let mut word_from = None;
    // One space past the end closes the last word.
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), word_from) {
            (false, None) => word_from = Some(at),
            (true, Some(from)) => {
                word_from = None;
                let word = text.get(from..at).unwrap_or_default();
                if is_compound_unit(word) {
                    if from > plain_from {
                        runs.push((text.get(plain_from..from).unwrap_or_default(), false));
                    }
                    runs.push((word, true));
                    plain_from = at;
                }
            }
            _ => {}
        }
    }
    if plain_from < text.len() {
        runs.push((text.get(plain_from..).unwrap_or_default(), false));
    }
    runs
}

fn is_compound_unit(word: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !word.contains("://")
        && word.char_indices().any(|(at, c)| {
            c == '/'
                && alnum(word.get(..at).and_then(|w| w.chars().next_back()))
                && alnum(word.get(at + 1..).and_then(|w| w.chars().next()))
        })
}

fn has_nonzero_digit(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'1'..=b'9'))
}

/// Rounds a non-negative finite value half away from zero to `decimals` and
/// returns it grouped, without trailing zeros. A relative nudge of 1e-13
/// (far below display precision) makes values such as 24.45, stored in binary
/// as 24.4499999..., round the way a hand calculation does.
fn fixed_decimals(magnitude: f64, decimals: u32) -> String {
    let factor = 10u64.pow(decimals);
    let scaled = magnitude * factor as f64;
    if scaled >= 1e15 {
        // Far beyond any dose: whole digits only.
        return group_thousands(&whole_digits(magnitude));
    }
    let nudged = if scaled < 1e9 {
        scaled * (1.0 + 1e-13)
    } else {
        scaled
    };
    let units = nudged.round() as u64;
    let int_part = units / factor;
    let frac_part = units % factor;
    let int_text = group_thousands(&int_part.to_string());
    if decimals == 0 || frac_part == 0 {
        return int_text;
    }
    let width = decimals as usize;
    let frac_text = format!("{frac_part:0width$}");
    let trimmed = frac_text.trim_end_matches('0');
    format!("{int_text}.{trimmed}")
}

/// Two significant digits in plain decimal notation (`0.0012`), for positive
/// values that would otherwise display as zero (half away from zero, like
/// every other rounding here).
fn two_significant_digits(magnitude: f64) -> String {
    if magnitude >= 1.0 || magnitude.is_nan() {
        // Not expected (such values do not round to zero); plain fallback.
        return group_thousands(&whole_digits(magnitude));
    }
    // Scale into [10, 100): `places` is then the count of decimals that
    // show two digits. Each step rounds, but 324 steps move the value by
    // under 1e-13 of itself, far below the second digit. A subnormal is
    // multiplied exactly until it is normal.
    let mut scaled = magnitude;
    let mut places: usize = 0;
    while scaled < 10.0 && places < MAX_PLACES {
        scaled *= 10.0;
        places += 1;
    }
    let mut digits = scaled.round() as u64;
    if digits >= 100 {
        // Rounded up to 100 (from 99.5 up: 0.0999 → "0.1"): 10, one place
        // up. (The scaled value is under 100, so 100 is the only such case.)
        digits = 10;
        places = places.saturating_sub(1);
    }
    if places < 2 {
        // 0.995 up to 1 rounds to "1".
        return whole_digits(magnitude);
    }
    let text = format!("0.{}{digits}", "0".repeat(places.saturating_sub(2)));
    let trimmed = text.trim_end_matches('0');
    trimmed.trim_end_matches('.').to_string()
}

/// Decimals past which no positive `f64` is left: the smallest, 4.9e-324,
/// reaches 10 after 325 steps.
const MAX_PLACES: usize = 326;

/// The digits of a non-negative finite value rounded to a whole number, half
/// away from zero, exactly (without the standard library's float printing).
fn whole_digits(magnitude: f64) -> String {
    let rounded = magnitude.round();
    if rounded < TWO_POW_64 {
        // `as` saturates: NaN would be 0, never a panic.
        return (rounded as u64).to_string();
    }
    // An f64 from 2^64 up is an integer, m × 2^e with e ≥ 12: multiply it out
    // in base 10^9.
    const BASE: u64 = 1_000_000_000;
    let bits = rounded.to_bits();
    // The stored 52 bits plus the implicit leading 1 (bit 52, clear in
    // the stored bits, so adding it sets it).
    let mantissa = (bits & 0x000F_FFFF_FFFF_FFFF) + 0x0010_0000_0000_0000;
    let exponent = ((bits >> 52) & 0x7FF).saturating_sub(1075);
    let mut limbs: Vec<u64> = vec![mantissa % BASE, mantissa / BASE];
    for _ in 0..exponent {
        let mut carry = 0;
        for limb in &mut limbs {
            let doubled = *limb * 2 + carry;
            *limb = doubled % BASE;
            carry = doubled / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    // The top limb is never 0 (the mantissa is at least 2^52, and a limb
    // is added only for a carry), so it is written without padding.
    let mut from_top = limbs.iter().rev();
    let mut text = from_top.next().map(u64::to_string).unwrap_or_default();
    for limb in from_top {
        text.push_str(&format!("{limb:09}"));
    }
    text
}

/// 2^64: from here `as u64` would saturate.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// Inserts `,` every three digits from the right of a string of digits.
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Bytes in a KB, as the app writes its size limits (512 KB is 524,288
/// bytes).
const BYTES_PER_KB: u64 = 1024;
/// Bytes in a MB (2 MB is 2,097,152 bytes).
const BYTES_PER_MB: u64 = 1024 * 1024;

/// A size and the limit it is told against, `(size, limit)`, written as
/// the limit's label writes it: in MB for a limit of 1 MB or more, in KB
/// (of 1,024 bytes) for a smaller one, by [`format_number`] to one decimal
/// at most ("588.2 KB" beside "512 KB", "2.5 MB" beside "2 MB",
/// "5,120 KB" beside "512 KB"). A size that differs from its limit but
/// would read as it (524,289 bytes is "512 KB" to one decimal) is written
/// in bytes, and the limit with its bytes beside it ("524,289 bytes",
/// "512 KB (524,288 bytes)"), so a size just over a limit never reads as
/// the limit itself.
pub fn format_size_beside(bytes: u64, limit: u64) -> (String, String) {
    let (per, unit) = if limit >= BYTES_PER_MB {
        (BYTES_PER_MB, "MB")
    } else {
        (BYTES_PER_KB, "KB")
    };
    let in_unit = |n: u64| format!("{} {unit}", format_number(n as f64 / per as f64, 1));
    let (size, max) = (in_unit(bytes), in_unit(limit));
    if size == max && bytes != limit {
        (
            format!("{} bytes", format_number(bytes as f64, 0)),
            format!("{max} ({} bytes)", format_number(limit as f64, 0)),
        )
    } else {
        (size, max)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_size_is_written_as_its_limit_is_and_never_reads_as_the_limit_unless_it_is() {
        use super::format_size_beside as beside;
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        // A card file against 512 KB: in KB to one decimal, thousands
        // separated ("The file is 602284 bytes" was the defect).
        assert_eq!(beside(602_284, 524_288), pair("588.2 KB", "512 KB"));
        assert_eq!(beside(5 * 1024 * 1024, 524_288), pair("5,120 KB", "512 KB"));
        // Just below, at and just above the limit: only the limit itself
        // reads as the limit.
        assert_eq!(
            beside(524_287, 524_288),
            pair("524,287 bytes", "512 KB (524,288 bytes)")
        );
        assert_eq!(beside(524_288, 524_288), pair("512 KB", "512 KB"));
        assert_eq!(
            beside(524_289, 524_288),
            pair("524,289 bytes", "512 KB (524,288 bytes)")
        );
        // The last size that reads as the limit, and the first that does not
        // (512.0498 and 512.0508 KB).
        assert_eq!(beside(524_339, 524_288).0, "524,339 bytes");
        assert_eq!(beside(524_340, 524_288), pair("512.1 KB", "512 KB"));
        assert_eq!(beside(524_236, 524_288), pair("511.9 KB", "512 KB"));
        // The saved cards against 2 MB: in MB.
        assert_eq!(beside(2_603_665, 2_097_152), pair("2.5 MB", "2 MB"));
        assert_eq!(
            beside(2_097_151, 2_097_152),
            pair("2,097,151 bytes", "2 MB (2,097,152 bytes)")
        );
        assert_eq!(beside(2_097_152, 2_097_152), pair("2 MB", "2 MB"));
        assert_eq!(
            beside(2_097_153, 2_097_152),
            pair("2,097,153 bytes", "2 MB (2,097,152 bytes)")
        );
        assert_eq!(beside(2_149_000, 2_097_152).0, "2,149,000 bytes");
        assert_eq!(beside(2_150_000, 2_097_152), pair("2.1 MB", "2 MB"));
        // The unit follows the limit: MB from a limit of exactly 1 MB, KB
        // below it.
        assert_eq!(beside(1_572_864, 1_048_576), pair("1.5 MB", "1 MB"));
        assert_eq!(beside(1_572_864, 1_048_575), pair("1,536 KB", "1,024 KB"));
        // No size is too large to write.
        assert!(beside(u64::MAX, 524_288).0.ends_with(" KB"));
    }

    #[test]
    fn unit_runs_keep_each_compound_unit_whole_and_nothing_else() {
        assert_eq!(
            unit_runs("up to 0.35 mg/kg/h for 4 hours, never more than 25 mg/h."),
            vec![
                ("up to 0.35 ", false),
                ("mg/kg/h", true),
                (" for 4 hours, never more than 25 ", false),
                ("mg/h.", true),
            ]
        );
        // At either end, and with punctuation stuck to it.
        assert_eq!(
            unit_runs("mcg/kg/min, then 24.5 mL/h"),
            vec![
                ("mcg/kg/min,", true),
                (" then 24.5 ", false),
                ("mL/h", true)
            ]
        );
        assert_eq!(
            unit_runs("5.8 mcg/kg/min"),
            vec![("5.8 ", false), ("mcg/kg/min", true)]
        );
        // No unit: one plain run; nothing: no run.
        assert_eq!(unit_runs("98 mg"), vec![("98 mg", false)]);
        assert_eq!(unit_runs(""), Vec::<(&str, bool)>::new());
        // A slash without a letter or digit on both sides, or an address, is not a unit.
        for plain in [
            "and/ or",
            "a / b",
            "/h",
            "mg/",
            "see https://example.org/a/b",
        ] {
            assert_eq!(unit_runs(plain), vec![(plain, false)], "{plain}");
        }
        // Digits count ("1/2"); any whitespace separates words.
        assert_eq!(
            unit_runs("1/2\tdose\nmg/day"),
            vec![("1/2", true), ("\tdose\n", false), ("mg/day", true)]
        );
        // Letters beyond ASCII count as letters.
        assert_eq!(unit_runs("µg/kg x"), vec![("µg/kg", true), (" x", false)]);
    }

    proptest::proptest! {
        #[test]
        fn unit_runs_join_to_the_text_and_a_kept_run_is_one_word(text in "[a-z0-9/ ,.:\\t]{0,40}") {
            let runs = unit_runs(&text);
            proptest::prop_assert_eq!(runs.iter().map(|(r, _)| *r).collect::<String>(), text.clone());
            for (run, kept) in &runs {
                proptest::prop_assert!(!run.is_empty());
                if *kept {
                    proptest::prop_assert!(!run.contains(char::is_whitespace));
                    proptest::prop_assert!(run.contains('/'));
                }
            }
            // Two plain runs never follow each other.
            for pair in runs.windows(2) {
                proptest::prop_assert!(pair.iter().any(|(_, kept)| *kept));
            }
        }
    }

    use super::*;

    #[test]
    fn a_figure_held_under_a_ceiling_is_shown_at_or_below_it() {
        let h = DoseUnit::MgPerHour;
        // Below, at and above a ceiling of 12.25 mg/h, which reads as 12.3
        // to the nearest 0.1: kept when it reads at or below, else 12.2.
        assert_eq!(shown_at_most(12.24, h, 12.25), 12.24);
        assert_eq!(shown_at_most(12.249, h, 12.25), 12.249);
        assert_eq!(shown_at_most(12.25, h, 12.25), 12.2);
        assert_eq!(shown_at_most(12.26, h, 12.25), 12.2);
        assert_eq!(shown_at_most(500.0, h, 12.25), 12.2);
        // Above a ceiling that reads as itself: the ceiling.
        assert_eq!(shown_at_most(13.0, h, 12.3), 12.3);
        assert_eq!(shown_at_most(12.24, h, 12.23), 12.23);
        // A ceiling stored just below its figure (0.09 x 10) is that figure.
        let stored = 0.09 * 10.0;
        assert!(stored < 0.9);
        assert_eq!(shown_at_most(1.0, h, stored), stored);
        assert_eq!(format_dose(stored, h), "0.9 mg/h");
        // Two significant digits under 1: 0.245 reads 0.25, so 0.24.
        assert_eq!(shown_at_most(0.245, DoseUnit::MlPerHour, 0.245), 0.24);
        assert_eq!(shown_at_most(0.9996, DoseUnit::MlPerHour, 0.9996), 0.99);
        // The unit's own decimals: 0.3549 mg/kg/h reads 0.35.
        assert_eq!(
            shown_at_most(0.3549, DoseUnit::MgPerKgPerHour, 0.3549),
            0.3549
        );
        assert_eq!(shown_at_most(0.355, DoseUnit::MgPerKgPerHour, 0.355), 0.35);
        // Thousands: 1,234.56 reads 1,234.6, above it.
        assert_eq!(shown_at_most(1234.56, h, 1234.56), 1234.5);
        // Written within a ceiling: as usual when that is not above it,
        // else rounded down.
        let k = DoseUnit::MgPerKgPerHour;
        assert_eq!(format_dose_within(0.1749, k, 0.175), "0.17 mg/kg/h");
        assert_eq!(format_dose_within(0.175, k, 0.175), "0.17 mg/kg/h");
        assert_eq!(format_dose_within(0.2, k, 0.175), "0.17 mg/kg/h");
        assert_eq!(format_dose_within(0.488_86, k, 0.488_86), "0.48 mg/kg/h");
        assert_eq!(format_dose_within(0.49, k, 0.495), "0.49 mg/kg/h");
        assert_eq!(format_dose_within(0.35, k, 0.35), "0.35 mg/kg/h");
        assert_eq!(format_dose_within(0.35, k, 0.5), "0.35 mg/kg/h");
        // The change between two figures, as they read.
        assert_eq!(format_change_between(25.0, 24.9, h), "\u{2212}0.1 mg/h");
        assert_eq!(format_change_between(24.99, 24.9, h), "\u{2212}0.1 mg/h");
        assert_eq!(format_change_between(24.5, 12.25, h), "\u{2212}12.2 mg/h");
        assert_eq!(
            format_change_between(25.025, 25.0, h),
            "\u{2212}0.025 mg/h (from 25.025 mg/h)"
        );
        assert_eq!(format_change_between(25.0, 25.0, h), "no change");
        assert_eq!(format_change_between(17.5, 35.0, h), "+17.5 mg/h");
        // A change below 0.001 from a figure with four decimals is written
        // to four too, so that it checks against that figure (25.0005 is
        // where 71.43 kg meets a 25 mg/h cap): never rounded up to 0.001.
        assert_eq!(
            format_change_between(25.0005, 25.0, h),
            "\u{2212}0.0005 mg/h (from 25.0005 mg/h)"
        );
        assert_eq!(
            format_change_between(25.0, 25.0004, h),
            "+0.0004 mg/h (from 25 mg/h)"
        );
        assert_eq!(
            format_change_between(25.0015, 25.0, h),
            "\u{2212}0.0015 mg/h (from 25.0015 mg/h)"
        );
        // A change on its own is rounded to three decimals while that
        // leaves a digit (below that, format_number keeps two).
        assert_eq!(format_change(-0.0005, h), "\u{2212}0.001 mg/h");
        assert_eq!(format_change(-0.0004, h), "\u{2212}0.0004 mg/h");
        // A value stored just below a half reads rounded up (24.45 reads
        // 24.5), so under a ceiling of 24.45 it is held at 24.4.
        assert_eq!(shown_at_most(24.45, h, 24.45), 24.4);
        assert_eq!(
            format_change_between(24.5, 24.45, h),
            "\u{2212}0.05 mg/h (from 24.5 mg/h)"
        );
        // Nothing to hold: zero stays zero.
        assert_eq!(shown_at_most(0.0, h, 12.25), 0.0);
        // Whatever is kept never reads above the ceiling.
        for tenths in 1..=20_000u32 {
            let ceiling = f64::from(tenths) * 0.1 + 0.05;
            let kept = shown_at_most(ceiling, h, ceiling);
            let shown = format_dose(kept, h).replace(',', "");
            let number: f64 = shown.trim_end_matches(" mg/h").parse().unwrap();
            assert!(
                number <= ceiling && ceiling - number < 0.1 + 1e-9,
                "{ceiling}: {shown}"
            );
        }
    }

    #[test]
    fn counts_take_the_singular_only_for_one() {
        assert_eq!(count(0, "day", "days"), "0 days");
        assert_eq!(count(1, "day", "days"), "1 day");
        assert_eq!(count(2, "entry", "entries"), "2 entries");
        assert_eq!(count(3660, "entry", "entries"), "3,660 entries");
    }

    /// The standard library's exact printing, as the oracle for the
    /// integer-only printing above (tests only).
    fn std_two_digits(magnitude: f64) -> String {
        let sci = format!("{magnitude:.1e}");
        let (mantissa, exponent) = sci.split_once('e').unwrap();
        let exponent: i32 = exponent.parse().unwrap();
        if exponent >= 0 {
            return format!("{magnitude:.0}");
        }
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        let text = format!("0.{}{}", "0".repeat((-exponent - 1) as usize), digits);
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    #[test]
    fn plain_numbers_have_no_separator() {
        assert_eq!(plain_number(1500.25, 9), "1500.25");
        assert_eq!(plain_number(1_234_567.0, 1), "1234567");
        assert_eq!(plain_number(21.04, 1), "21");
        assert_eq!(plain_number(21.45, 1), "21.5");
        assert_eq!(plain_number(-0.5, 9), "-0.5");
    }

    #[test]
    fn whole_digits_are_exact_up_to_the_largest_f64() {
        for v in [
            0.0,
            0.4,
            0.5,
            1.5,
            2.5,
            1e15,
            9_007_199_254_740_993.0,
            TWO_POW_64 - 2048.0,
            TWO_POW_64,
            TWO_POW_64 * 3.0,
            1e19,
            1e20,
            1e100,
            1e300,
            f64::MAX,
        ] {
            assert_eq!(whole_digits(v), format!("{:.0}", v.round()), "{v}");
        }
        // Half away from zero, as the rest of the notation rounds.
        assert_eq!(whole_digits(2.5), "3");
        assert_eq!(whole_digits(0.5), "1");
    }

    #[test]
    fn two_significant_digits_match_exact_printing_away_from_ties() {
        for v in [
            0.5, 0.25, 0.0012, 0.00999, 0.0999, 0.123, 1e-9, 3.3e-12, 1e-300, 5e-324, 2.2e-308,
        ] {
            assert_eq!(two_significant_digits(v), std_two_digits(v), "{v}");
        }
        assert_eq!(two_significant_digits(0.0999), "0.1");
        assert_eq!(two_significant_digits(0.996), "1");
        assert_eq!(two_significant_digits(0.994), "0.99");
        assert_eq!(two_significant_digits(0.0012), "0.0012");
        assert_eq!(
            two_significant_digits(5e-324),
            format!("0.{}49", "0".repeat(323))
        );
        // Not expected (1 and above do not round to zero): whole digits.
        assert_eq!(two_significant_digits(1234.6), "1,235");
        assert_eq!(two_significant_digits(0.0), "0");
    }

    proptest::proptest! {
        #[test]
        fn whole_digits_match_exact_printing(v in 0.0f64..1e308) {
            proptest::prop_assert_eq!(whole_digits(v), format!("{:.0}", v.round()));
        }

        /// Away from exact ties (the second digit's half), the same two
        /// digits as the exact printing.
        #[test]
        fn two_digits_match_exact_printing(v in 1e-320f64..1.0) {
            let exact = format!("{v:.3e}");
            let tie = exact.split_once('e').is_some_and(|(m, _)| m.ends_with("50") || m.ends_with("49"));
            if !tie {
                proptest::prop_assert_eq!(two_significant_digits(v), std_two_digits(v));
            }
        }
    }

    #[test]
    fn doses_follow_the_notation_rules() {
        assert_eq!(format_dose(24.5, DoseUnit::MgPerHour), "24.5 mg/h");
        assert_eq!(format_dose(98.0, DoseUnit::Mg), "98 mg");
        assert_eq!(format_dose(1.0, DoseUnit::Mg), "1 mg");
        assert_eq!(format_dose(0.5, DoseUnit::Mg), "0.5 mg");
        assert_eq!(format_dose(1000.0, DoseUnit::Mg), "1,000 mg");
        assert_eq!(format_dose(1234567.891, DoseUnit::Mg), "1,234,567.9 mg");
        assert_eq!(format_dose(0.35, DoseUnit::MgPerKgPerHour), "0.35 mg/kg/h");
        assert_eq!(
            format_dose(5.833333, DoseUnit::McgPerKgPerMin),
            "5.8 mcg/kg/min"
        );
        assert_eq!(format_dose(24.5, DoseUnit::MlPerHour), "24.5 mL/h");
        // Below 1: at least two significant digits.
        assert_eq!(format_dose(0.245, DoseUnit::MlPerHour), "0.25 mL/h");
        assert_eq!(
            format_dose(0.025, DoseUnit::MgPerKgPerHour),
            "0.025 mg/kg/h"
        );
        assert_eq!(
            format_dose(0.0371, DoseUnit::MgPerKgPerHour),
            "0.037 mg/kg/h"
        );
        assert_eq!(
            format_dose(0.4167, DoseUnit::McgPerKgPerMin),
            "0.42 mcg/kg/min"
        );
        assert_eq!(format_dose(0.5, DoseUnit::MgPerHour), "0.5 mg/h");
        assert_eq!(format_dose(0.0999, DoseUnit::MgPerKgPerHour), "0.1 mg/kg/h");
        assert_eq!(format_dose(0.99, DoseUnit::MgPerHour), "0.99 mg/h");
        assert_eq!(format_dose(1.04, DoseUnit::MgPerHour), "1 mg/h");
        assert_eq!(format_dose(0.0, DoseUnit::MgPerHour), "0 mg/h");
        assert_eq!(two_digit_decimals(0.1), 2);
        assert_eq!(two_digit_decimals(0.09999), 3);
        assert_eq!(two_digit_decimals(1.0), 0);
        assert_eq!(two_digit_decimals(-0.25), 2);
        assert_eq!(two_digit_decimals(1e-12), 13);
        // 10^309 is infinite: a subnormal value stops there (and is written by
        // the two-significant-digit path).
        assert_eq!(two_digit_decimals(f64::MIN_POSITIVE / 1e10), 309);
        assert_eq!(
            format_dose(5e-324, DoseUnit::Mg),
            "0.".to_string() + &"0".repeat(323) + "49 mg"
        );
        assert_eq!(format_dose(3.27e-9, DoseUnit::Kg), "0.0000000033 kg");
        assert_eq!(format_dose(-3.27e-9, DoseUnit::Mg), "-0.0000000033 mg");
        assert_eq!(format_dose(4.0, DoseUnit::Hours), "4 h");
        assert_eq!(format_dose(0.5, DoseUnit::Hours), "0.5 h");
        // A session a card's multipliers shorten reads as the cap row's
        // terms give it, to 4 decimals (2.175 h, not 2.18 h); beyond, rounded.
        assert_eq!(format_dose(2.175, DoseUnit::Hours), "2.175 h");
        assert_eq!(format_dose(4.0 / 3.0, DoseUnit::Hours), "1.3333 h");
        assert_eq!(format_dose(1.96875, DoseUnit::Hours), "1.9688 h");
        // 15 digits in all at most: far beyond any session, whole hours.
        assert_eq!(
            format_dose(242_720_793_449.410_4, DoseUnit::Hours),
            "242,720,793,449 h"
        );
    }

    #[test]
    fn halves_round_away_from_zero_as_by_hand() {
        // 24.45 is stored as 24.4499999...; a hand calculation rounds it up.
        assert_eq!(format_dose(24.45, DoseUnit::MgPerHour), "24.5 mg/h");
        assert_eq!(
            format_dose(0.3125, DoseUnit::MgPerKgPerHour),
            "0.31 mg/kg/h"
        );
        assert_eq!(format_dose(0.315, DoseUnit::MgPerKgPerHour), "0.32 mg/kg/h");
        assert_eq!(format_dose(102.27874, DoseUnit::Kg), "102.3 kg");
        assert_eq!(format_dose(99.96, DoseUnit::Mg), "100 mg");
        assert_eq!(format_dose(999.96, DoseUnit::Mg), "1,000 mg");
    }

    #[test]
    fn tiny_positive_values_never_show_as_zero() {
        assert_eq!(format_dose(0.04, DoseUnit::Mg), "0.04 mg");
        assert_eq!(format_dose(0.00123, DoseUnit::Mg), "0.0012 mg");
        assert_eq!(
            format_dose(0.001, DoseUnit::MgPerKgPerHour),
            "0.001 mg/kg/h"
        );
        assert_eq!(format_dose(0.0, DoseUnit::Mg), "0 mg");
    }

    #[test]
    fn negative_zero_and_non_finite_values_are_safe() {
        assert_eq!(format_dose(-0.0, DoseUnit::Mg), "0 mg");
        assert_eq!(format_number(-0.0, 1), "0");
        assert_eq!(format_dose(-1.25, DoseUnit::MgPerHour), "-1.3 mg/h");
        assert_eq!(format_dose(f64::NAN, DoseUnit::Mg), NOT_AVAILABLE);
        assert_eq!(format_dose(f64::INFINITY, DoseUnit::Mg), NOT_AVAILABLE);
        assert_eq!(format_dose(f64::NEG_INFINITY, DoseUnit::Mg), NOT_AVAILABLE);
        assert!(format_dose(1e300, DoseUnit::Mg).len() > 300);
    }

    #[test]
    fn changes_and_multipliers() {
        assert_eq!(
            format_change(-17.5, DoseUnit::MgPerHour),
            "\u{2212}17.5 mg/h"
        );
        assert_eq!(format_change(2.0, DoseUnit::MgPerHour), "+2 mg/h");
        // Below 1: two significant digits, down to 0.001.
        assert_eq!(
            format_change(-0.75, DoseUnit::MgPerHour),
            "\u{2212}0.75 mg/h"
        );
        assert_eq!(
            format_change(-0.1875, DoseUnit::MgPerHour),
            "\u{2212}0.19 mg/h"
        );
        assert_eq!(format_change(0.4275, DoseUnit::MgPerHour), "+0.43 mg/h");
        assert_eq!(format_change(0.0437, DoseUnit::MgPerHour), "+0.044 mg/h");
        assert_eq!(format_change(0.00437, DoseUnit::MgPerHour), "+0.004 mg/h");
        assert_eq!(format_change(1.04, DoseUnit::MgPerHour), "+1 mg/h");
        assert_eq!(format_change(0.0, DoseUnit::MgPerHour), "no change");
        assert_eq!(
            format_dose_with(13.125, DoseUnit::MgPerHour, 4),
            "13.125 mg/h"
        );
        assert_eq!(
            format_dose_with(1312.5, DoseUnit::MgPerHour, 4),
            "1,312.5 mg/h"
        );
        assert_eq!(format_dose_with(8.0, DoseUnit::MgPerHour, 4), "8 mg/h");
        assert_eq!(
            format_dose_with(0.12345, DoseUnit::MgPerHour, 0),
            "0.12 mg/h"
        );
        assert_eq!(
            format_dose_with(f64::NAN, DoseUnit::MgPerHour, 4),
            NOT_AVAILABLE
        );
        assert_eq!(format_change(-0.0, DoseUnit::MgPerHour), "no change");
        assert_eq!(
            format_change(1e-20, DoseUnit::MgPerHour),
            "+0.00000000000000000001 mg/h"
        );
        assert_eq!(format_multiplier(0.75), "\u{d7} 0.75");
        assert_eq!(format_multiplier(1.0), "\u{d7} 1");
    }

    #[test]
    fn no_unit_uses_error_prone_symbols() {
        for unit in DoseUnit::ALL {
            let s = unit.symbol();
            assert!(!s.contains('\u{b5}') && !s.contains('\u{3bc}'), "{s}");
            assert!(
                !s.contains("cc") && !s.ends_with('.') && !s.ends_with('s'),
                "{s}"
            );
        }
    }
}
