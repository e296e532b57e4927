//! The app's own JSON reader and writer (`domain::json`) against serde_json,
//! which the app used before: the same values from the same text, the same
//! text from the same values, bit-exact numbers, and the errors that keep a
//! hostile file harmless.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::builtin_cards;
use ketamine_dosing_reference::domain::dosing::decimal::shortest;
use ketamine_dosing_reference::domain::json::{
    parse_value, write, SyntaxKind, Value, MAX_DEPTH, MAX_NUMBER_DIGITS,
};
use proptest::prelude::*;

/// serde_json's text with whole floats as the app writes them: without a
/// trailing ".0" (`2`, `-0`, `1000000000000000`; a number with an exponent
/// is left as it is). Strings are left alone.
fn plain(text: String) -> String {
    let mut out = String::new();
    let mut number = String::new();
    let (mut in_string, mut escaped) = (false, false);
    let flush = |number: &mut String, out: &mut String| {
        let whole = number
            .strip_suffix(".0")
            .filter(|n| !n.contains(['e', 'E']));
        out.push_str(whole.unwrap_or(number));
        number.clear();
    };
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c.is_ascii_digit() || "-+.eE".contains(c) {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
            in_string = c == '"';
        }
    }
    flush(&mut number, &mut out);
    out
}

/// A serde_json value with each whole float (but -0) as an integer: the
/// app writes `2.0` as `2`, which reads back as an integer.
fn kinds_free(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as V;
    match value {
        V::Number(n) => match n.as_f64() {
            Some(f)
                if n.is_f64()
                    && f.fract() == 0.0
                    && f.abs() < 1e16
                    && f.to_bits() != (-0.0f64).to_bits() =>
            {
                if f < 0.0 {
                    V::from(f as i64)
                } else {
                    V::from(f as u64)
                }
            }
            _ => V::Number(n),
        },
        V::Array(a) => V::Array(a.into_iter().map(kinds_free).collect()),
        V::Object(o) => V::Object(o.into_iter().map(|(k, v)| (k, kinds_free(v))).collect()),
        other => other,
    }
}

#[test]
fn whole_floats_are_written_without_a_trailing_zero() {
    for (value, text) in [
        (2.0, "2"),
        (0.0, "0"),
        (-0.0, "-0"),
        (100.0, "100"),
        (1e15, "1000000000000000"),
        (25.5, "25.5"),
        (1e16, "1e+16"),
    ] {
        assert_eq!(write::compact(&Value::from(value)), text);
        assert_eq!(plain(serde_json::Value::from(value).to_string()), text);
    }
    assert_eq!(
        plain(r#"{"a":"2.0","b":[2.0,-3.0,"x\"1.0"]}"#.to_string()),
        r#"{"a":"2.0","b":[2,-3,"x\"1.0"]}"#
    );
}

/// serde_json's reading of `text`, written compactly, or its error.
fn serde_compact(text: &str) -> Result<String, String> {
    serde_json::from_str::<serde_json::Value>(text)
        .map(|v| v.to_string())
        .map_err(|e| e.to_string())
}

/// Ours, the same way. Object keys are sorted (serde_json's `Map` sorts)
/// by going through serde_json's value for the comparison.
fn our_compact(text: &str) -> Result<String, String> {
    parse_value(text)
        .map(|v| write::compact(&v))
        .map_err(|e| e.to_string())
}

const REPEATED_KEY: &str = "a field name written twice in the same object";

/// Both read `text` the same way: both refuse it, or both accept it with
/// the same value (compared as serde_json values, so numbers bit for bit
/// and objects in any order).
fn agree(text: &str) {
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    let ours = parse_value(text);
    match (&theirs, &ours) {
        (Ok(t), Ok(o)) => {
            let back: serde_json::Value = serde_json::from_str(&write::compact(o))
                .unwrap_or_else(|e| panic!("our text for {text:?} is not JSON: {e}"));
            assert_eq!(kinds_free(back), kinds_free(t.clone()), "{text:?}");
            same_number_kinds(t, o, text);
        }
        (Err(_), Err(_)) => {}
        // The one difference, by design: a field name written twice in an
        // object is refused (serde_json keeps its last value).
        (Ok(_), Err(e)) if e.message == REPEATED_KEY => {
            // The name refused is one written before it in the text.
            let rest = text.get(e.offset..).unwrap_or_default();
            let end = rest
                .char_indices()
                .skip(1)
                .find(|&(i, c)| c == '"' && !rest[..i].ends_with('\\'))
                .map(|(i, _)| i + 1);
            let name = end.map_or(rest, |end| &rest[..end]);
            assert!(
                name.starts_with('"') && text[..e.offset].contains(name),
                "{text:?}: {name:?} was not written before"
            );
        }
        _ => panic!(
            "{text:?}: serde_json {:?}, ours {:?}",
            theirs.map(|v| v.to_string()),
            ours.map(|v| write::compact(&v))
        ),
    }
}

/// An integer stays an integer and a float a float, bit for bit.
fn same_number_kinds(theirs: &serde_json::Value, ours: &Value, text: &str) {
    match (theirs, ours) {
        (serde_json::Value::Number(t), Value::Number(o)) => {
            assert_eq!(t.as_u64(), o.as_u64(), "{text:?}");
            assert_eq!(t.as_i64(), o.as_i64(), "{text:?}");
            assert_eq!(
                t.as_f64().map(f64::to_bits),
                o.as_f64().map(f64::to_bits),
                "{text:?}"
            );
        }
        (serde_json::Value::Array(t), Value::Array(o)) => {
            for (t, o) in t.iter().zip(o) {
                same_number_kinds(t, o, text);
            }
        }
        (serde_json::Value::Object(t), Value::Object(o)) => {
            for (k, t) in t {
                if let Some(o) = o.get(k) {
                    same_number_kinds(t, o, text);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "-0.0",
        "7",
        "-7",
        "7.0",
        "7e0",
        "7E+2",
        "7e-2",
        "0.35",
        "1.5e308",
        "2.2250738585072014e-308",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "123456789012345678901234567890",
        "0.1000000000000000055511151231257827",
        r#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00""#,
        r#""é漢😀""#,
        r#""\u00C9\uABCD\u00e9\uFfFf""#,
        "[]",
        "[1, [2, [3]], {}]",
        r#"{"b": 1, "a": [true, null], "c": {"d": "e"}}"#,
        r#"{"a": 1, "a": 2}"#,
        "\n\t\r [ 1 ,\n 2 ] \n",
        // Refused by both.
        "",
        " ",
        "nul",
        "nulx",
        "True",
        "01",
        "-01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "0x10",
        "NaN",
        "Infinity",
        "1e400",
        "-1e400",
        "[1,]",
        "[1 2]",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\" 1}",
        "{\"a\":}",
        "[",
        "{",
        "\"abc",
        "\"a\u{1}b\"",
        "\"a\nb\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\ud800""#,
        r#""\ud800\u0041""#,
        r#""\udc00""#,
        "\"\\ud800",
        "\"\\ud800\\",
        "\"\\ud800\\u",
        "\"\\ud800\\udc",
        "\"\\ud800\"",
        "[1] 2",
        "{} x",
        "// comment\n1",
        "'a'",
    ] {
        agree(text);
    }
}

#[test]
fn numbers_read_bit_exact_across_the_range() {
    for text in [
        "4.9406564584124654e-324",
        "2.2250738585072011e-308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "9007199254740993",
        "9007199254740993.0",
        "0.30000000000000004",
        "123.456e-300",
        "1234567890123456789e-320",
        "0.000000000000000000000000000000000000001",
        "1e-7",
        "1e21",
        "5e-324",
        // Around the smallest normal f64, whose gap below is as wide as the
        // one above: 3/8 of a gap below rounds up to it, 5/8 rounds down.
        "2.225073858507201197815615526865e-308",
        "2.225073858507201074299204066553e-308",
    ] {
        agree(text);
    }
    assert_eq!(
        parse_value("2.225073858507201197815615526865e-308")
            .unwrap()
            .as_f64(),
        Some(f64::MIN_POSITIVE)
    );
}

#[test]
fn syntax_errors_say_where_and_what_kind() {
    let e = parse_value("{\n  \"a\": [1,\n    2,]\n}").unwrap_err();
    // Said at the comma to take out.
    assert_eq!((e.line, e.column, e.kind), (3, 6, SyntaxKind::Other));
    assert_eq!(e.offset, "{\n  \"a\": [1,\n    2".len());
    assert_eq!(
        e.to_string(),
        "a comma before the ] of a list at line 3 column 6"
    );
    // A decimal comma in a field's number is said at the comma, with the
    // way to write it; a list of two numbers is a list, and a field name
    // after "1, " is still asked for as one.
    let e = parse_value("{\"a\": {\"value\": 0,5}}").unwrap_err();
    assert_eq!((e.line, e.column, e.offset), (1, 18, 17));
    assert_eq!(
        e.message,
        "a comma inside a number; write a decimal with a point (0.5, not 0,5)"
    );
    assert!(parse_value("{\"a\": [0,5]}").is_ok());
    assert_eq!(
        parse_value("{\"a\": 1, 5}").unwrap_err().message,
        "expected a field name in double quotes"
    );
    assert_eq!(
        parse_value("{\"a\": \"1,5}").unwrap_err().message,
        "the text ends inside a string"
    );
    let e = parse_value("{\"a\": 1 ,\n}").unwrap_err();
    assert_eq!((e.line, e.column, e.offset), (1, 9, 8));
    assert_eq!(e.message, "a comma before the } of an object");

    let e = parse_value("[1, 2").unwrap_err();
    assert_eq!(
        (e.kind, e.offset, e.line, e.column),
        (SyntaxKind::Eof, 5, 1, 6)
    );

    let e = parse_value("{\"v\": 1e400}").unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::OutOfRange, 6));

    // An unknown escape: at the character after the backslash.
    let e = parse_value(r#"["ab\x"]"#).unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::Other, 5));
    // Hexadecimal digits in either case.
    assert_eq!(
        parse_value(r#""\u00C9\u00e9""#).unwrap().as_str(),
        Some("\u{c9}\u{e9}")
    );

    let e = parse_value("").unwrap_err();
    assert_eq!((e.kind, e.line, e.column), (SyntaxKind::Eof, 1, 1));

    let e = parse_value("\"é\u{1}\"").unwrap_err();
    // Columns count characters, as an editor does: é is one (two bytes).
    assert_eq!((e.kind, e.offset, e.column), (SyntaxKind::Other, 3, 3));
}

#[test]
fn a_control_character_in_a_string_is_named_and_lines_end_at_lf_crlf_or_cr() {
    let said = |text: &str| parse_value(text).unwrap_err().message;
    assert_eq!(
        said("[\"a\tb\"]"),
        "a tab inside a string; write it as \\t, or a space"
    );
    for line_break in ["\n", "\r"] {
        assert_eq!(
            said(&format!("[\"a{line_break}b\"]")),
            "a line break inside a string; write it as \\n, or end the string before it"
        );
    }
    assert_eq!(
        said("[\"a\u{7}b\"]"),
        "an invisible control character inside a string; remove it"
    );
    assert_eq!(
        said("[\"a\u{1f}b\"]"),
        "an invisible control character inside a string; remove it"
    );
    // The same error, at line 3 column 6 (its comma), whatever ends the lines.
    for end in ["\n", "\r\n", "\r"] {
        let text = format!("{{{end}  \"a\": [1,{end}    2,]{end}}}");
        let e = parse_value(&text).unwrap_err();
        assert_eq!((e.line, e.column), (3, 6), "{end:?}");
    }
    // Mixed: a lone CR, then CRLF, then LF (the comma after 3 is the one
    // to take out).
    let e = parse_value("[1,\r2,\r\n3,\n]").unwrap_err();
    assert_eq!((e.line, e.column), (3, 2));
    let e = parse_value("[1,\r2,\r\n3\n").unwrap_err();
    assert_eq!((e.line, e.column), (4, 1));
}

#[test]
fn a_text_cut_inside_a_string_ends_too_early_even_after_a_surrogate() {
    for text in [
        "\"ab",
        "\"a\\",
        "\"\\u12",
        "\"\\ud800",
        "\"\\ud800\\",
        "\"\\ud800\\u",
    ] {
        assert_eq!(
            parse_value(text).unwrap_err().kind,
            SyntaxKind::Eof,
            "{text}"
        );
        let theirs = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        assert!(theirs.is_eof(), "{text}: {theirs}");
    }
    for text in ["\"\\ud800\"", "\"\\ud800x\"", "\"\\ud800\\n\""] {
        assert_eq!(
            parse_value(text).unwrap_err().kind,
            SyntaxKind::Other,
            "{text}"
        );
    }
}

#[test]
fn nesting_is_limited_just_below_at_and_above_the_limit() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse_value(&nested(MAX_DEPTH)).is_ok());
    let e = parse_value(&nested(MAX_DEPTH + 1)).unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::TooDeep, MAX_DEPTH));
    assert_eq!(
        parse_value(&"[".repeat(100_000)).unwrap_err().kind,
        SyntaxKind::TooDeep
    );
    let objects = |depth: usize| format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    assert!(parse_value(&objects(MAX_DEPTH)).is_ok());
    assert_eq!(
        parse_value(&objects(MAX_DEPTH + 1)).unwrap_err().kind,
        SyntaxKind::TooDeep
    );
    // serde_json's limit is the same.
    agree(&nested(MAX_DEPTH));
    agree(&nested(MAX_DEPTH + 1));
}

#[test]
fn number_length_is_limited_just_below_at_and_above_the_limit() {
    let digits = |n: usize| format!("0.{}", "3".repeat(n - 1));
    agree(&digits(MAX_NUMBER_DIGITS - 1));
    agree(&digits(MAX_NUMBER_DIGITS));
    let e = parse_value(&format!("[{}]", digits(MAX_NUMBER_DIGITS + 1))).unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::Other, 1));
    assert!(e.message.contains("800 digits"), "{}", e.message);
    // A million digits are refused as fast (read exactly, they take minutes).
    let e = parse_value(&format!("[{}.5, 1]", "7".repeat(1_000_000))).unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::Other, 1));
    let e = parse_value(&format!("0.{}", "7".repeat(1_000_000))).unwrap_err();
    assert_eq!((e.kind, e.offset), (SyntaxKind::Other, 0));
    // An exponent's digits do not count; a long one saturates.
    assert_eq!(
        parse_value(&format!("1e-{}", "9".repeat(2000))).map(|v| v.as_f64()),
        Ok(Some(0.0))
    );
    assert_eq!(
        parse_value(&format!("1e{}", "9".repeat(2000)))
            .unwrap_err()
            .kind,
        SyntaxKind::OutOfRange
    );
}

#[test]
fn writes_the_text_serde_json_writes() {
    for text in [
        r#"{"a": [1, -2, 3.5, 1e-7, 1e21, 2.0, -0.0, 0.1], "b": {}, "c": [], "d": [[]], "e": null}"#,
        r#"["\"\\\/\b\f\n\r\t\u0001\u001f\u007f é 😀"]"#,
        r#"{"nested": {"list": [{"x": true}, {"y": false}]}}"#,
        "123456789012345678",
        "-9223372036854775808",
        "1.7976931348623157e308",
        "5e-324",
        "0.00001",
        "0.0001",
        "1e15",
        "1e16",
        "1e17",
        "123456789012345680000.0",
    ] {
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        let ours = parse_value(text).unwrap();
        assert_eq!(write::compact(&ours), plain(theirs.to_string()), "{text}");
        assert_eq!(
            write::compact_with_points(&ours),
            theirs.to_string(),
            "{text}"
        );
        assert_eq!(
            write::pretty(&ours),
            plain(serde_json::to_string_pretty(&theirs).unwrap()),
            "{text}"
        );
    }
}

#[test]
fn objects_keep_the_order_written_and_refuse_a_repeated_key() {
    let e = parse_value("{\"b\": 1, \"a\": 2,\n \"b\": 3}").unwrap_err();
    assert_eq!(
        e.to_string(),
        "a field name written twice in the same object at line 2 column 2"
    );
    assert_eq!(e.kind, SyntaxKind::Other);
    // Nested objects are separate: the same name in each is fine.
    let nested = parse_value(r#"{"a": {"a": 1}, "b": {"a": 2}}"#).unwrap();
    assert_eq!(write::compact(&nested), r#"{"a":{"a":1},"b":{"a":2}}"#);
    let v = parse_value(r#"{"b": 3, "a": 2}"#).unwrap();
    assert_eq!(write::compact(&v), r#"{"b":3,"a":2}"#);
    // Equal in any order.
    assert_eq!(v, parse_value(r#"{"a": 2, "b": 3}"#).unwrap());
    assert_ne!(v, parse_value(r#"{"a": 2, "b": 1}"#).unwrap());
    assert_ne!(v, parse_value(r#"{"a": 2}"#).unwrap());
    // Numbers of different kinds are different values, as in serde_json.
    assert_ne!(parse_value("1").unwrap(), parse_value("1.0").unwrap());
}

#[test]
fn an_object_of_many_keys_reads_in_n_log_n() {
    // With a scan for repeated keys this takes minutes (n² = 10^10).
    let n = 100_000;
    let fields: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
    let text = format!("{{{},\"k7\":\"again\"}}", fields.join(","));
    let e = parse_value(&text).unwrap_err();
    assert_eq!(e.message, "a field name written twice in the same object");
    assert_eq!(e.offset, text.len() - "\"k7\":\"again\"}".len());
    let text = format!("{{{},\"k7b\":\"last\"}}", fields.join(","));
    let v = parse_value(&text).unwrap();
    let Value::Object(map) = &v else {
        panic!("not an object")
    };
    assert_eq!(map.iter().len(), n + 1);
    assert_eq!(map.get("k7b"), Some(&Value::from("last")));
    assert_eq!(map.keys().nth(7).map(String::as_str), Some("k7"));
    assert_eq!(map.get("k99999").and_then(Value::as_u64), Some(99_999));
}

/// Every power of two and its neighbours (where the gap below is half the
/// gap above, so the shortest digits may lie above the value).
#[test]
fn powers_of_two_are_written_as_serde_json_writes_them() {
    for e in 1u64..2047 {
        for step in [-1i64, 0, 1] {
            let bits = (e << 52).wrapping_add_signed(step);
            let f = f64::from_bits(bits);
            let ours = write::compact(&Value::from(f));
            assert_eq!(
                ours,
                plain(serde_json::Value::from(f).to_string()),
                "{bits:#x}"
            );
            assert_eq!(
                parse_value(&ours).unwrap().as_f64().map(f64::to_bits),
                Some(bits)
            );
        }
    }
}

#[test]
fn shortest_digits_of_known_values() {
    assert_eq!(shortest(0.35), (vec![3, 5], -2));
    assert_eq!(shortest(2.0), (vec![2], 0));
    assert_eq!(shortest(1500.0), (vec![1, 5], 2));
    assert_eq!(
        shortest(0.1 + 0.2),
        (vec![3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], -17)
    );
    assert_eq!(shortest(5e-324), (vec![5], -324));
    assert_eq!(shortest(f64::MAX).1, 308 - 16);
    // 9.5 and 0.95 round to even at one digit but need two to read back.
    assert_eq!(shortest(9.5), (vec![9, 5], -1));
    // A power of two: the nearer 16-digit cut (…062) lies below, outside
    // the half-width gap; the other (…063) reads back.
    assert_eq!(
        shortest(2f64.powi(-24)),
        (vec![5, 9, 6, 0, 4, 6, 4, 4, 7, 7, 5, 3, 9, 0, 6, 3], -23)
    );
    let f = f64::from_bits(0x0060_0000_0000_0000);
    assert_eq!(write::compact(&Value::from(f)), "7.120236347223045e-307");
}

#[test]
fn every_built_in_card_is_written_as_serde_writes_it() {
    for card in builtin_cards(&|_: &str| true).unwrap() {
        let card = card.card();
        assert_eq!(
            card.to_json_pretty(),
            plain(serde_json::to_string_pretty(card).unwrap()),
            "{}",
            card.id
        );
    }
}

/// A card with every optional part present (and one with none), written as
/// serde's derive writes it: each part of `card_json.rs` is checked, not only
/// the parts the built-in cards use.
#[test]
fn a_card_with_every_optional_part_is_written_as_serde_writes_it() {
    use ketamine_dosing_reference::domain::dosing::card::*;
    let base = builtin_cards(&|_: &str| true).unwrap()[0].card().clone();
    let note = Some("A note with \"quotes\" and a line\nbreak.".to_string());
    let sources = vec!["R2".to_string(), "seed-dosing".to_string()];
    let mut full = base.clone();
    full.schema = Some("./protocol-card.schema.json".into());
    full.research_only = true;
    full.research_note = note.clone();
    full.minimum_trial_notice = true;
    full.multiplier_floor = 0.3;
    full.indications[0].certainty = Some(Certainty::LowToModerate);
    full.indications[0].note = note.clone();
    full.dosing_weight.note = note.clone();
    full.base_rate.note = note.clone();
    full.session.note = note.clone();
    full.session.continuous = true;
    let cap = CapSpec {
        value: 1.25,
        evidence: EvidenceKind::Direction,
        sources: sources.clone(),
        note: note.clone(),
    };
    full.caps = Caps {
        mg_per_kg_per_h: Some(cap.clone()),
        mg_per_h: Some(CapSpec { value: 90.0, ..cap }),
        per_session: Some(SessionCapSpec {
            value: 0.5,
            unit: SessionCapUnit::MgPerKg,
            evidence: EvidenceKind::Source,
            sources: sources.clone(),
            note: note.clone(),
        }),
    };
    full.bolus = Some(BolusSpec {
        mg_per_kg: 0.35,
        evidence: EvidenceKind::Source,
        sources: sources.clone(),
        note: note.clone(),
    });
    full.titration = Some(TitrationSpec {
        step: 0.1,
        maximum: 1.5e-1,
        unit: RateUnit::MgPerKgPerH,
        per: TitrationPer::Day,
        evidence: EvidenceKind::Illustrative,
        sources: sources.clone(),
        note: note.clone(),
    });
    full.phases.booster = Some(Booster {
        interval_weeks_min: 2,
        interval_weeks_max: 12,
        form: "A single infusion.".into(),
    });
    full.phases.note = note.clone();
    let effects = vec![
        Effect::RateMultiplier { value: 0.75 },
        Effect::DurationMultiplier { value: 1.5 },
        Effect::TitrationStepMultiplier { value: 0.5 },
        Effect::LowerCap {
            value: 30.0,
            unit: RateUnit::MgPerH,
        },
        Effect::Warning { text: "W".into() },
        Effect::Notice { text: "N".into() },
        Effect::Block { text: "B".into() },
    ];
    let factor = |id: &str, condition: Condition| Factor {
        id: id.into(),
        label: "Label".into(),
        condition,
        effects: effects.clone(),
        evidence: EvidenceKind::Direction,
        sources: sources.clone(),
        note: note.clone(),
    };
    let empty = Condition {
        attribute: Attribute::Sex,
        compare: None,
        value: None,
        any_of: None,
        is: None,
    };
    full.factors = vec![
        factor(
            "numeric",
            Condition {
                attribute: Attribute::AgeYears,
                compare: Some(Compare::AtLeast),
                value: Some(65.0),
                ..empty.clone()
            },
        ),
        factor(
            "listed",
            Condition {
                attribute: Attribute::Sex,
                any_of: Some(vec!["female".into()]),
                ..empty.clone()
            },
        ),
        factor(
            "flag",
            Condition {
                attribute: Attribute::RaisedIcp,
                is: Some(false),
                ..empty.clone()
            },
        ),
    ];
    let mut bare = base;
    bare.schema = None;
    bare.research_only = false;
    bare.research_note = None;
    bare.minimum_trial_notice = false;
    bare.caps = Caps::default();
    bare.bolus = None;
    bare.titration = None;
    bare.phases.booster = None;
    bare.factors.clear();
    for card in [&full, &bare] {
        assert_eq!(
            card.to_json_pretty(),
            plain(serde_json::to_string_pretty(card).unwrap())
        );
    }
    // Each optional part is there in the full card.
    let text = full.to_json_pretty();
    for key in [
        "$schema",
        "research_only",
        "research_note",
        "certainty",
        "per_session",
        "mg_per_h",
        "bolus",
        "titration",
        "booster",
        "multiplier_floor",
        "minimum_trial_notice",
        "any_of",
        "\"is\"",
        "lower_cap",
        "block",
    ] {
        assert!(text.contains(key), "{key}");
    }
}

/// Any JSON value, as text: nested lists and objects of strings (with
/// escapes and non-ASCII), integers, floats and literals.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| format!("{f:e}")),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?",
        "\"([a-z é😀]|\\\\[\"\\\\/bfnrt]|\\\\u00[0-9a-f]{2}){0,12}\"",
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(("[a-e]{1,3}", inner), 0..6).prop_map(|v| {
                // Each name once (a repeated one is refused, see `agree`),
                // in the order drawn.
                let mut seen = std::collections::BTreeSet::new();
                let fields: Vec<String> = v
                    .iter()
                    .filter(|(k, _)| seen.insert(k.clone()))
                    .map(|(k, x)| format!("\"{k}\": {x}"))
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Valid JSON: the same value, and the same text written back.
    #[test]
    fn any_json_reads_and_writes_as_serde_json_does(text in json_text()) {
        agree(&text);
        // The text may hold a number out of range: both refused it.
        let Ok(theirs) = serde_json::from_str::<serde_json::Value>(&text) else {
            return Ok(());
        };
        let ours = parse_value(&text).unwrap();
        // serde_json's map sorts its keys; ours keeps the file's order, so
        // compare after reading our text back through serde_json.
        let back: serde_json::Value = serde_json::from_str(&write::pretty(&ours)).unwrap();
        prop_assert_eq!(kinds_free(back), kinds_free(theirs.clone()));
        prop_assert_eq!(write::compact(&parse_value(&theirs.to_string()).unwrap()), plain(theirs.to_string()));
        prop_assert_eq!(write::compact_with_points(&parse_value(&theirs.to_string()).unwrap()), theirs.to_string());
    }

    /// Damaged JSON (a byte cut out or a character put in): both refuse it
    /// or both read the same value.
    #[test]
    fn damaged_json_is_refused_as_serde_json_refuses_it(
        text in json_text(),
        at in any::<prop::sample::Index>(),
        insert in prop::option::of(prop::sample::select(vec!['"', ',', ':', '[', ']', '{', '}', '\\', '-', '.', 'e', '0', ' ', '\n', '\u{1}'])),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        match insert {
            Some(c) => chars.insert(i, c),
            None if i < chars.len() => { chars.remove(i); }
            None => {}
        }
        let damaged: String = chars.into_iter().collect();
        agree(&damaged);
        let ours = our_compact(&damaged);
        let repeated = ours.as_ref().is_err_and(|e| e.starts_with(REPEATED_KEY));
        prop_assert!(repeated || ours.is_ok() == serde_compact(&damaged).is_ok());
    }

    /// Every finite f64: written as serde_json writes it, and read back as
    /// the same bits.
    #[test]
    fn every_float_is_written_as_serde_json_writes_it(bits in any::<u64>()) {
        let f = f64::from_bits(bits);
        prop_assume!(f.is_finite());
        let ours = write::compact(&Value::from(f));
        prop_assert_eq!(&ours, &plain(serde_json::Value::from(f).to_string()));
        prop_assert_eq!(write::compact_with_points(&Value::from(f)), serde_json::Value::from(f).to_string());
        prop_assert_eq!(parse_value(&ours).unwrap().as_f64().map(f64::to_bits), Some(bits));
    }

    /// Any number with a point or an exponent: the nearest f64, as the
    /// standard library's exact parser finds it (subnormals, the largest
    /// f64 and numbers that round to zero included).
    #[test]
    fn floats_read_as_the_standard_parser_reads_them(text in "-?(0|[1-9][0-9]{0,40})\\.[0-9]{1,40}[eE][+-]?[0-9]{1,3}") {
        let std: f64 = text.parse().unwrap();
        match parse_value(&text) {
            Ok(v) => prop_assert_eq!(v.as_f64().map(f64::to_bits), Some(std.to_bits()), "{}", text),
            Err(e) => prop_assert!(std.is_infinite() && e.kind == SyntaxKind::OutOfRange, "{}: {}", text, e),
        }
    }

    /// Figures as cards write them: a few decimals, any magnitude a card
    /// can hold.
    #[test]
    fn card_like_figures_are_written_as_serde_json_writes_them(whole in 0u64..100_000, decimals in "[0-9]{0,6}", exp in -8i32..8) {
        let text = format!("{whole}.{decimals}0e{exp}");
        let f: f64 = text.parse().unwrap();
        prop_assert_eq!(write::compact(&Value::from(f)), plain(serde_json::Value::from(f).to_string()));
    }
}
