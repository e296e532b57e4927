//! Rules for text that comes from an imported file: which characters are
//! refused, what is reported as markup (shown as text, never run), and which
//! web addresses are listed as plain references (https only, never links).
//!
//! Every text is rendered by the UI as a text node, so markup cannot run
//! whatever it says; these rules add what rendering cannot: invisible
//! characters that make text read differently from what it says are refused,
//! and the clinician is told when a file contains markup-like text.

use crate::domain::dosing::card::{Effect, ProtocolCard};
use crate::domain::dosing::CardProblem;

/// Most web addresses listed for one card.
pub const MAX_WEB_REFERENCES: usize = 20;

/// Longest web address listed, in characters (longer ones are not listed).
pub const MAX_WEB_REFERENCE_CHARS: usize = 300;

/// Longest file name kept with an imported card, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 120;

/// Every free-text field of a card with its field path, in file order.
/// Ids and names from closed lists are not included: validation already
/// restricts them to known values.
pub fn card_texts(card: &ProtocolCard) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    if let Some(s) = &card.schema {
        out.push(("$schema".to_string(), s));
    }
    out.push(("id".to_string(), &card.id));
    out.push(("name".to_string(), &card.name));
    out.push(("version".to_string(), &card.version));
    out.push(("review_date".to_string(), &card.review_date));
    if let Some(n) = &card.research_note {
        out.push(("research_note".to_string(), n));
    }
    out.push(("summary".to_string(), &card.summary));
    for (i, ind) in card.indications.iter().enumerate() {
        if let Some(n) = &ind.note {
            out.push((format!("indications[{i}].note"), n));
        }
    }
    let notes: [(&str, &Option<String>); 4] = [
        ("dosing_weight.note", &card.dosing_weight.note),
        ("base_rate.note", &card.base_rate.note),
        ("session.note", &card.session.note),
        ("phases.note", &card.phases.note),
    ];
    for (path, note) in notes {
        if let Some(n) = note {
            out.push((path.to_string(), n));
        }
    }
    if let Some(n) = card
        .caps
        .mg_per_kg_per_h
        .as_ref()
        .and_then(|c| c.note.as_ref())
    {
        out.push(("caps.mg_per_kg_per_h.note".to_string(), n));
    }
    if let Some(n) = card.caps.mg_per_h.as_ref().and_then(|c| c.note.as_ref()) {
        out.push(("caps.mg_per_h.note".to_string(), n));
    }
    if let Some(n) = card.caps.per_session.as_ref().and_then(|c| c.note.as_ref()) {
        out.push(("caps.per_session.note".to_string(), n));
    }
    if let Some(n) = card.bolus.as_ref().and_then(|b| b.note.as_ref()) {
        out.push(("bolus.note".to_string(), n));
    }
    if let Some(n) = card.titration.as_ref().and_then(|t| t.note.as_ref()) {
        out.push(("titration.note".to_string(), n));
    }
    out.push(("phases.titration".to_string(), &card.phases.titration));
    if let Some(b) = &card.phases.booster {
        out.push(("phases.booster.form".to_string(), &b.form));
    }
    for (i, f) in card.factors.iter().enumerate() {
        out.push((format!("factors[{i}].id"), &f.id));
        out.push((format!("factors[{i}].label"), &f.label));
        if let Some(n) = &f.note {
            out.push((format!("factors[{i}].note"), n));
        }
        for (j, e) in f.effects.iter().enumerate() {
            if let Effect::Warning { text } | Effect::Notice { text } | Effect::Block { text } = e {
                out.push((format!("factors[{i}].effects[{j}].text"), text));
            }
        }
    }
    out
}

/// Why a character is refused in imported text, or `None` if it is fine.
/// Tab, line feed and carriage return are allowed. A patient's diary note
/// is checked with this too, so it holds only what no pasted text needs and
/// what makes text read differently from what it says or hides part of it:
/// control characters, direction overrides, the byte-order mark, the
/// replacement character, the deprecated formatting characters (U+206A to
/// U+206F, which can swap brackets or change how digits are drawn) and the
/// interlinear annotation characters (U+FFF9 to U+FFFB, which can hide the
/// text between them). None of these comes with ordinary pasted text.
pub fn refused_char(c: char) -> Option<&'static str> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
            Some("an invisible control character, which cannot be shown")
        }
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(
            "an invisible right-to-left or left-to-right override, which can make text read differently from what it says",
        ),
        '\u{206a}'..='\u{206f}' => Some(
            "an invisible formatting character that is no longer used, which can change how brackets and digits around it are drawn",
        ),
        '\u{fff9}'..='\u{fffb}' => Some(
            "an invisible interlinear annotation character, which can hide part of the text",
        ),
        '\u{feff}' => Some("an invisible zero-width no-break space (byte-order mark)"),
        '\u{fffd}' => Some(
            "the replacement character \u{fffd}, which means the file was not saved as UTF-8 text; save it again as UTF-8",
        ),
        _ => None,
    }
}

/// A character refused in a card's text: those of [`refused_char`], and
/// the other characters that are not drawn at all or are drawn as blank
/// space, which could make a card's name pass for another's, hide text in
/// it or split a line unseen (Unicode's default-ignorable characters, the
/// zero-width joiner and non-joiner apart, which emoji and some scripts
/// need to be drawn right). A patient's diary note keeps these: they come
/// with pasted text (a soft hyphen from a web page, a variation selector
/// or tag characters in an emoji, a right-to-left mark with Arabic or
/// Hebrew), hide nothing a patient did not write, and could not be found
/// to remove.
pub fn refused_in_card(c: char) -> Option<&'static str> {
    refused_char(c).or(match c {
        '\u{200b}' | '\u{2060}' => {
            Some("an invisible zero-width space, which can make a name look like another")
        }
        '\u{2028}' | '\u{2029}' => Some(
            "an invisible line or paragraph separator, which is not a line break this app shows",
        ),
        '\u{ad}' => Some(
            "an invisible soft hyphen, which is shown only where a line happens to break and can make a name look like another",
        ),
        '\u{34f}' => Some(
            "an invisible combining grapheme joiner, which can make a name look like another",
        ),
        '\u{61c}' | '\u{200e}' | '\u{200f}' => Some(
            "an invisible left-to-right or right-to-left mark, which can move the characters around it",
        ),
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => Some(
            "a Hangul filler, which is drawn as blank space and can make a name look like another or look empty",
        ),
        '\u{17b4}' | '\u{17b5}' => Some(
            "an invisible Khmer vowel sign that is no longer used, which can make a name look like another",
        ),
        '\u{180b}'..='\u{180f}' => Some(
            "an invisible Mongolian variation selector or vowel separator, which can make a name look like another",
        ),
        '\u{2061}'..='\u{2064}' => Some(
            "an invisible mathematical operator (function application, invisible times, separator or plus), which can make a name look like another",
        ),
        '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' => Some(
            "an invisible variation selector, which changes how the character before it is drawn and can make a name look like another",
        ),
        '\u{e0000}'..='\u{e007f}' => Some(
            "an invisible tag character, which can hide text in a name or note",
        ),
        '\u{1bca0}'..='\u{1bca3}' => Some(
            "an invisible shorthand format control, which can make a name look like another",
        ),
        '\u{1d173}'..='\u{1d17a}' => Some(
            "an invisible musical formatting character, which can make a name look like another",
        ),
        '\u{2065}' | '\u{fff0}'..='\u{fff8}' | '\u{e0080}'..='\u{e00ff}' | '\u{e01f0}'..='\u{e0fff}' => Some(
            "an unassigned character reserved to be invisible, which can hide text in a name or note",
        ),
        _ => None,
    })
}

/// The most combining marks (accents and the like) one character may carry
/// in a row. A real word needs two or three at most; a name of 193 stacked
/// marks is drawn far above its line, over the buttons around it.
pub const MAX_STACKED_MARKS: usize = 4;

/// Whether `c` is in one of the blocks of combining marks made for any
/// script, which stacked-mark text is built from: Combining Diacritical
/// Marks (U+0300 to U+036F) with their Extended (U+1AB0 to U+1AFF) and
/// Supplement (U+1DC0 to U+1DFF) blocks, Combining Diacritical Marks for
/// Symbols (U+20D0 to U+20FF) and Combining Half Marks (U+FE20 to U+FE2F).
/// The marks of particular scripts are not counted.
pub fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36f}'
            | '\u{1ab0}'..='\u{1aff}'
            | '\u{1dc0}'..='\u{1dff}'
            | '\u{20d0}'..='\u{20ff}'
            | '\u{fe20}'..='\u{fe2f}'
    )
}

/// The first run of more than [`MAX_STACKED_MARKS`] combining marks in a
/// row in `text` (see [`is_combining_mark`]): the place of its first mark,
/// in characters from 0, and how many marks the run has.
pub fn stacked_marks(text: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    let mut run = 0;
    for (i, c) in text.chars().enumerate() {
        if is_combining_mark(c) {
            if run == 0 {
                start = i;
            }
            run += 1;
        } else if run > MAX_STACKED_MARKS {
            return Some((start, run));
        } else {
            run = 0;
        }
    }
    (run > MAX_STACKED_MARKS).then_some((start, run))
}

/// What [`stacked_marks`] found, in words: "5 combining marks (accents and
/// the like) stacked on one character, more than the 4 one character may
/// carry".
pub fn stacked_marks_words(count: usize) -> String {
    format!(
        "{count} combining marks (accents and the like) stacked on one character, more than the {MAX_STACKED_MARKS} one character may carry"
    )
}

/// One problem for each text field: its first refused character, or else
/// its first stack of too many combining marks.
pub fn check_texts(card: &ProtocolCard) -> Vec<CardProblem> {
    card_texts(card)
        .into_iter()
        .filter_map(|(path, text)| {
            let refused = text
                .chars()
                .enumerate()
                .find_map(|(i, c)| refused_in_card(c).map(|why| (i, c, why)));
            let message = match refused {
                Some((at, c, why)) => format!(
                    "character {} of this text is {why} (U+{:04X}); remove it.",
                    at + 1,
                    u32::from(c)
                ),
                None => {
                    let (at, count) = stacked_marks(text)?;
                    format!(
                        "characters {} to {} of this text are {}: they are drawn far above or below the line, over the text and buttons around it; remove some.",
                        at + 1,
                        at + count,
                        stacked_marks_words(count)
                    )
                }
            };
            Some(CardProblem::Invalid { path, message })
        })
        .collect()
}

/// What markup-like content a text holds, if any: HTML tags, script
/// addresses (`javascript:`, `vbscript:`) or event-handler attributes
/// (`onerror=`). Such text is still shown, as text.
pub fn markup_kind(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let tag = bytes.windows(2).any(|w| {
        matches!(w, [b'<', next] if next.is_ascii_alphabetic() || *next == b'/' || *next == b'!' || *next == b'?')
    });
    if tag {
        return Some("HTML-like markup");
    }
    if lower.contains("javascript:") || lower.contains("vbscript:") {
        return Some("a script address");
    }
    if has_event_handler(bytes) {
        return Some("an event-handler attribute");
    }
    None
}

/// `on` + at least three letters + `=`, starting a word (`onerror=`).
fn has_event_handler(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(pos) = bytes.get(i..).and_then(|rest| find(rest, b"on")) {
        let start = i + pos;
        let word_start = start == 0
            || !bytes
                .get(start - 1)
                .is_some_and(|b| b.is_ascii_alphanumeric());
        let mut j = start + 2;
        while bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        let letters = j - start - 2;
        if word_start && letters >= 3 && bytes.get(j) == Some(&b'=') {
            return true;
        }
        i = start + 1;
    }
    false
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Notes for the clinician about markup-like text in a card, one per field:
/// `factors[0].label: contains HTML-like markup; it is shown as plain text
/// and never run.`
pub fn markup_notes(card: &ProtocolCard) -> Vec<String> {
    card_texts(card)
        .into_iter()
        .filter_map(|(path, text)| {
            markup_kind(text).map(|kind| {
                format!("{path}: contains {kind}; it is shown as plain text and never run.")
            })
        })
        .collect()
}

/// The Latin letter a letter of another alphabet is drawn like, in lower
/// case (Cyrillic and Greek letters that look like Latin ones, and the
/// full-width forms), or `None`.
fn latin_look(c: char) -> Option<char> {
    Some(match c {
        'а' | 'А' | 'α' | 'Α' => 'a',
        'В' | 'β' | 'Β' | 'ь' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ё' | 'Ё' | 'ε' | 'Ε' => 'e',
        'Н' | 'н' | 'Η' | 'һ' => 'h',
        'і' | 'І' | 'ї' | 'ι' | 'Ι' | 'ı' | 'ӏ' | 'Ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'м' | 'М' | 'Μ' => 'm',
        'п' | 'η' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' | 'σ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ѡ' | 'ω' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' | 'Υ' => 'y',
        'Ζ' => 'z',
        '\u{ff21}'..='\u{ff3a}' => char::from_u32(u32::from(c) - 0xff21 + u32::from('a'))?,
        '\u{ff41}'..='\u{ff5a}' => char::from_u32(u32::from(c) - 0xff41 + u32::from('a'))?,
        '\u{ff10}'..='\u{ff19}' => char::from_u32(u32::from(c) - 0xff10 + u32::from('0'))?,
        _ => return None,
    })
}

/// A card name as it reads: letter case, the letters of other alphabets
/// drawn like Latin ones, dashes and runs of spaces of any kind set aside
/// ("Outpatient\u{a0}low-dose" and "оutpatient LOW–dose" read alike).
pub fn name_as_read(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c if c.is_whitespace() => ' ',
            c => latin_look(c).unwrap_or(c.to_ascii_lowercase()),
        };
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    out.trim_end().to_string()
}

/// A note for an imported card whose name reads as a built-in card's
/// (see [`name_as_read`]): the same text, or one that only looks the same.
/// `builtin` is `(id, name)` of each built-in card.
pub fn builtin_name_note<'a>(
    name: &str,
    builtin: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let read = name_as_read(name);
    let (id, theirs) = builtin
        .into_iter()
        .find(|(_, theirs)| name_as_read(theirs) == read)?;
    let how = if theirs == name {
        "is that of"
    } else {
        "reads like that of"
    };
    Some(format!(
        "Its name {how} the built-in card \u{201c}{theirs}\u{201d} ({id}), but it is another card, imported and not reviewed: tell them apart by the id and the \u{201c}imported, not reviewed\u{201d} label."
    ))
}

/// The `https://` addresses in a text, as plain references: an address
/// ends at white space, a quote or an angle bracket, and trailing
/// punctuation is not part of it. Other schemes (`http:`, `javascript:`,
/// `data:`) are never listed.
pub fn web_references(text: &str) -> Vec<String> {
    const SCHEME: &str = "https://";
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|rest| rest.find(SCHEME)) {
        let start = from + pos;
        let tail = text.get(start..).unwrap_or_default();
        let end = tail
            .char_indices()
            .find(|(_, c)| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
                    || refused_char(*c).is_some()
            })
            .map_or(tail.len(), |(i, _)| i);
        let address = tail
            .get(..end)
            .unwrap_or_default()
            .trim_end_matches(['.', ',', ';', ':', ')', ']', '}', '!', '?']);
        let host = address.get(SCHEME.len()..).unwrap_or_default();
        if !host.is_empty()
            && !host.starts_with('/')
            && address.chars().count() <= MAX_WEB_REFERENCE_CHARS
        {
            out.push(format!("https://{host}"));
        }
        from = start + SCHEME.len();
    }
    out
}

/// Every https address in a card's texts with its field path, without
/// repeats, at most [`MAX_WEB_REFERENCES`].
pub fn card_web_references(card: &ProtocolCard) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (path, text) in card_texts(card) {
        for address in web_references(text) {
            if out.len() < MAX_WEB_REFERENCES && !out.iter().any(|(_, a)| *a == address) {
                out.push((path.clone(), address));
            }
        }
    }
    out
}

/// A file name as kept and shown: the last path component, refused
/// characters removed, at most [`MAX_FILE_NAME_CHARS`] characters.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let kept: String = last
        .chars()
        .filter(|c| refused_char(*c).is_none() && !c.is_control())
        .collect();
    let kept = kept.trim();
    if kept.is_empty() {
        return "(no file name)".to_string();
    }
    if kept.chars().count() > MAX_FILE_NAME_CHARS {
        let head: String = kept.chars().take(MAX_FILE_NAME_CHARS - 1).collect();
        format!("{head}\u{2026}")
    } else {
        kept.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_as_they_read() {
        let builtin = [
            ("crps-4h", "CRPS 4-hour infusion"),
            (
                "outpatient-consensus",
                "Outpatient low-dose infusion (2018 consensus)",
            ),
        ];
        let note = |name: &str| builtin_name_note(name, builtin.iter().copied());
        assert_eq!(
            note("CRPS 4-hour infusion").unwrap(),
            "Its name is that of the built-in card \u{201c}CRPS 4-hour infusion\u{201d} (crps-4h), but it is another card, imported and not reviewed: tell them apart by the id and the \u{201c}imported, not reviewed\u{201d} label."
        );
        // Cyrillic С, Р and Ѕ, a Greek omicron, a non-breaking space, an en
        // dash, other letter case, a full-width letter, doubled and
        // trailing spaces.
        for name in [
            "\u{421}R\u{420}\u{405} 4-hour infusion",
            "CRPS 4-h\u{3bf}ur infusion",
            "CRPS\u{a0}4\u{2013}hour infusion",
            "crps 4-HOUR  infusion ",
            "CRPS 4-hour infusio\u{ff4e}",
            "  Outpatient low-dose infusion (2018 consensus)",
        ] {
            let n = note(name).unwrap_or_else(|| panic!("{name:?}"));
            assert!(
                n.starts_with("Its name reads like that of the built-in card"),
                "{n}"
            );
        }
        assert!(note("Outpatient low-dose infusion (2018 consensus)")
            .unwrap()
            .contains("(outpatient-consensus)"));
        // Other names, however close in meaning or spelling.
        for name in [
            "CRPS 4-hour infusion (clinic copy)",
            "CRPS 4 hour infusion",
            "CRPS 4-hour infusions",
            "CRPS 5-hour infusion",
            "",
        ] {
            assert_eq!(note(name), None, "{name:?}");
        }
        // One letter of each look-alike group, in the order a to z.
        assert_eq!(
            name_as_read("\u{430}\u{412}\u{441}\u{501}\u{435}\u{41d}\u{456}\u{458}\u{43a}\u{43c}\u{43f}\u{43e}\u{440}\u{51b}\u{455}\u{442}\u{3c5}\u{3bd}\u{51d}\u{445}\u{443}\u{396}"),
            "abcdehijkmnopqstuvwxyz"
        );
        assert_eq!(name_as_read(" A\u{2003}\u{2003}b\u{2212}\u{3a7} "), "a b-x");
        assert_eq!(
            name_as_read("\u{ff21}\u{ff3a}\u{ff41}\u{ff5a}\u{ff10}\u{ff19}"),
            "azaz09"
        );
        assert_eq!(
            name_as_read("\u{ff20}\u{ff3b}\u{ff40}\u{ff5b}\u{ff0f}\u{ff1a}"),
            "\u{ff20}\u{ff3b}\u{ff40}\u{ff5b}\u{ff0f}\u{ff1a}"
        );
    }

    #[test]
    fn refused_characters_are_invisible_controls_and_overrides() {
        assert!(refused_char('\u{202e}').is_some());
        assert!(refused_char('\u{7}').is_some());
        assert!(refused_char('\u{fffd}').is_some());
        assert!(refused_char('\n').is_none());
        assert!(refused_char('é').is_none());
        assert!(refused_char('<').is_none());
        // In a card, not in a diary note.
        for c in ['\u{200b}', '\u{2060}', '\u{2028}', '\u{2029}'] {
            assert!(refused_char(c).is_none(), "{c:?}");
            assert!(refused_in_card(c).is_some(), "{c:?}");
        }
        assert!(refused_in_card('\u{202e}').is_some());
        assert!(refused_in_card('\u{200d}').is_none());
        assert!(refused_in_card('é').is_none());
    }

    #[test]
    fn markup_is_recognised_but_ordinary_comparisons_are_not() {
        assert_eq!(markup_kind("<script>x</script>"), Some("HTML-like markup"));
        assert_eq!(markup_kind("<IMG SRC=x>"), Some("HTML-like markup"));
        assert_eq!(markup_kind("JavaScript:alert(1)"), Some("a script address"));
        assert_eq!(
            markup_kind("x ONERROR=alert(1)"),
            Some("an event-handler attribute")
        );
        assert_eq!(markup_kind("rate < 2 mg/kg/h"), None);
        assert_eq!(markup_kind("based on data from one trial"), None);
        assert_eq!(markup_kind("once = daily"), None, "on + 2 letters");
        assert_eq!(markup_kind("one dose; ongoing = yes"), None);
    }

    #[test]
    fn only_https_addresses_are_listed() {
        let text = "See https://example.org/a?b=1. Not http://x.org, not javascript:alert(1), \
                    nor HTTPS://Upper.example/x) or https:// alone.";
        assert_eq!(
            web_references(text),
            ["https://example.org/a?b=1", "https://Upper.example/x"]
        );
        assert!(web_references("https://<script>").is_empty());
        assert!(web_references("https:///path").is_empty());
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name("C:\\cards\\clinic.json"), "clinic.json");
        assert_eq!(clean_file_name("/tmp/a\u{202e}b.json"), "ab.json");
        assert_eq!(clean_file_name("  "), "(no file name)");
        assert_eq!(
            clean_file_name(&"x".repeat(500)).chars().count(),
            MAX_FILE_NAME_CHARS
        );
    }
}
