//! [`Value`] to JSON text, compact or indented, in the layout serde_json
//! writes: two spaces per level, `"key": value`, `[]` and `{}` when empty;
//! strings escape `"`, `\` and control characters only; a float is the
//! shortest decimal that reads back as the same `f64` (`0.35`, `1e-7`),
//! and a whole one has no trailing zero (`2`, where serde_json writes
//! `2.0`): a card file is read by people, for whom `100.0` mg can pass for
//! 1000 mg.

use crate::domain::dosing::decimal::shortest;

use super::value::Value;

/// Compact text: no white space at all.
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write(value, None, false, &mut out);
    out
}

/// Compact text exactly as serde_json writes it, whole floats with a point
/// (`2.0`): the text a card's check is worked out from, which links carry
/// and so must not change from version to version.
pub fn compact_with_points(value: &Value) -> String {
    let mut out = String::new();
    write(value, None, true, &mut out);
    out
}

/// Indented text, two spaces per level.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, Some(0), false, &mut out);
    out
}

/// `indent` is the current level when indenting, `None` for compact text;
/// `point`: whole floats with a point (`2.0`).
fn write(value: &Value, indent: Option<usize>, point: bool, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => n.write(point, out),
        Value::String(s) => push_string(s, out),
        Value::Array(items) => {
            write_container(
                ('[', ']'),
                items.iter().map(|v| (None, v)),
                (indent, point),
                out,
            );
        }
        Value::Object(map) => write_container(
            ('{', '}'),
            map.iter().map(|(k, v)| (Some(k.as_str()), v)),
            (indent, point),
            out,
        ),
    }
}

fn write_container<'a>(
    (open, close): (char, char),
    items: impl ExactSizeIterator<Item = (Option<&'a str>, &'a Value)>,
    (indent, point): (Option<usize>, bool),
    out: &mut String,
) {
    out.push(open);
    let empty = items.len() == 0;
    let inner = indent.map(|level| level + 1);
    for (i, (key, value)) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        new_line(inner, out);
        if let Some(key) = key {
            push_string(key, out);
            out.push(':');
            if inner.is_some() {
                out.push(' ');
            }
        }
        write(value, inner, point, out);
    }
    if !empty {
        new_line(indent, out);
    }
    out.push(close);
}

fn new_line(indent: Option<usize>, out: &mut String) {
    if let Some(level) = indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    }
}

/// A JSON string: quotes, and escapes for `"`, `\` and control characters.
fn push_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c) as usize;
                out.push_str("\\u00");
                for nibble in [b >> 4, b & 0xF] {
                    out.push(char::from(HEX.get(nibble).copied().unwrap_or(b'0')));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A finite float as serde_json writes it, but for whole numbers: the
/// shortest digits that read back as `value`, as a plain decimal when its
/// magnitude is from 1e-5 to below 1e16 (a whole one without a point: `2`,
/// `0`), else with an exponent (`1e-7`, `1.5e+20`).
pub(super) fn push_f64(value: f64, point: bool, out: &mut String) {
    if value.is_sign_negative() {
        out.push('-');
    }
    let whole = if point { ".0" } else { "" };
    if value == 0.0 {
        out.push('0');
        out.push_str(whole);
        return;
    }
    let (digits, exp) = shortest(value.abs());
    let digits: String = digits.iter().map(|&d| char::from(b'0' + d)).collect();
    let length = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    // The value is 0.digits × 10^point.
    let point = length.saturating_add(exp);
    if (0..=16).contains(&point) && exp >= 0 {
        out.push_str(&digits);
        for _ in 0..exp {
            out.push('0');
        }
        out.push_str(whole);
    } else if (1..=16).contains(&point) {
        let (whole, fraction) = digits
            .split_at_checked(point.unsigned_abs() as usize)
            .unwrap_or((&digits, ""));
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else if (-4..=0).contains(&point) {
        out.push_str("0.");
        for _ in 0..point.unsigned_abs() {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((&digits, ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        if point > 0 {
            out.push('+');
        }
        out.push_str(&(point - 1).to_string());
    }
}
