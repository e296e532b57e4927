//! Pure helpers that the build script (`build.rs`) also compiles, through a
//! `#[path]` module: the civil-date algorithm and the JSON minifier that
//! shrinks the embedded data files. Nothing here may use the rest of the crate.

/// The civil date `(year, month, day)` of a day number (days since
/// 1970-01-01; Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The JSON text without the whitespace between tokens (spaces, tabs and
/// line breaks outside strings); strings, escapes included, are kept as they
/// are. The embedded data files are stored this way: the same values in
/// about two thirds of the bytes.
pub fn minify_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_goes_only_outside_strings() {
        assert_eq!(
            minify_json("{\n  \"a b\": [1, 2],\r\n\t\"c\" : \"x\\\" y \\\\\" }"),
            "{\"a b\":[1,2],\"c\":\"x\\\" y \\\\\"}"
        );
        assert_eq!(minify_json("\"  \""), "\"  \"");
        assert_eq!(minify_json(" [ ] "), "[]");
        assert_eq!(minify_json("\"é – ü\" , 2"), "\"é – ü\",2");
    }

    #[test]
    fn civil_dates_of_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_779), (2026, 11, 22));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // The last day of a 400-year era, where every term of the formula counts.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(157_113), (2400, 2, 29));
    }
}
