//! Lower case for the app's texts without the standard library's Unicode
//! case tables.
//!
//! `str::to_lowercase` carries a 12 KB table covering every script (about
//! 5 KB of the gzipped app). The texts lowered here are English: the
//! reference content, card labels and what someone types into the side-effect
//! search. Latin-1 covers them, accented letters included ("É" → "é"); a
//! letter outside it (Greek, Cyrillic, "Œ") keeps its case.

/// One character in lower case: ASCII and Latin-1 letters exactly as
/// `char::to_lowercase` gives them, every other character unchanged.
pub fn lowercase_char(c: char) -> char {
    match c {
        // 'À' to 'Þ' less '×': the Latin-1 capitals, 32 below their small letters.
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(u32::from(c) + 32).unwrap_or(c),
        _ => c,
    }
}

/// The whole text in lower case (see [`lowercase_char`]).
pub fn lowercase(text: &str) -> String {
    text.chars().map(lowercase_char).collect()
}

/// "Establish response" → "establish response", for use inside a sentence.
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(lowercase_char(first))
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // The standard library's lower case is what this module stands in for.
    #[allow(clippy::disallowed_methods)]
    fn latin_1_matches_the_standard_library_and_the_rest_is_kept() {
        for code in 0u32..=0x2FF {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let std: String = c.to_lowercase().collect();
            if code <= 0xFF {
                assert_eq!(lowercase_char(c).to_string(), std, "U+{code:04X}");
            } else {
                assert_eq!(lowercase_char(c), c, "U+{code:04X}");
            }
        }
    }

    #[test]
    fn texts_and_first_letters() {
        assert_eq!(
            lowercase("Grade B, LOW Certainty"),
            "grade b, low certainty"
        );
        assert_eq!(lowercase("ÉTAT × Ωmega"), "état × Ωmega");
        assert_eq!(lowercase_first("Establish Response"), "establish Response");
        assert_eq!(lowercase_first("Élan"), "élan");
        assert_eq!(lowercase_first(""), "");
        assert_eq!(lowercase_first("x"), "x");
    }
}
