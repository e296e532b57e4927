//! `CardProblem`: one reason a protocol card was refused, with its field path.
//!
//! Paths name the field the way a reader finds it in the file:
//! `factors[3].effects[0].value` (zero-based list positions). Messages are
//! written for the clinician or educator who wrote the card.

use super::format::format_size_beside;

/// "The file is 588.2 KB; a protocol card may be at most 512 KB.", in the
/// import field's unit (see [`format_size_beside`]).
fn too_large(bytes: usize, max: usize) -> String {
    let (size, max) = format_size_beside(bytes as u64, max as u64);
    format!("The file is {size}; a protocol card may be at most {max}.")
}

/// One problem found in a protocol card. [`CardProblem::path`] gives the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CardProblem {
    /// The file is too large to be a card.
    #[error("{}", too_large(*.bytes, *.max))]
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// Largest accepted size.
        max: usize,
    },
    /// The text is not valid JSON (or a number in it is out of range).
    #[error("{path}: not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// Best-effort path of the field being read when the error occurred.
        path: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What went wrong, in words.
        message: String,
    },
    /// A required field is missing.
    #[error("{path}: this required field is missing.")]
    Missing {
        /// The field.
        path: String,
    },
    /// A field has the wrong JSON type.
    #[error("{path}: expected {expected}, found {found}.")]
    WrongType {
        /// The field.
        path: String,
        /// What the format wants here.
        expected: String,
        /// What the file has.
        found: String,
    },
    /// A field the format does not have (typo or unsupported feature).
    #[error("{path}: unknown field; the fields allowed here are: {allowed}.")]
    UnknownField {
        /// The unknown field.
        path: String,
        /// The fields allowed in this object.
        allowed: String,
    },
    /// A value that is not one of the allowed names.
    #[error("{path}: \"{value}\" is not allowed here; use one of: {allowed}.")]
    UnknownValue {
        /// The field.
        path: String,
        /// The value found (shortened).
        value: String,
        /// The allowed values.
        allowed: String,
    },
    /// A medication id that is not in the app's catalogue.
    #[error("{path}: \"{id}\" is not a medication id known to this app; use one of: {allowed}.")]
    UnknownMedication {
        /// The field.
        path: String,
        /// The id found (shortened).
        id: String,
        /// The known ids.
        allowed: String,
    },
    /// A source id that is not in the app's list of sources.
    #[error(
        "{path}: source \"{id}\" is not in this app's list of sources. The Sources page (#/sources) gives each source's id in square brackets, such as [R2]."
    )]
    UnknownSource {
        /// The field.
        path: String,
        /// The id found (shortened).
        id: String,
    },
    /// A number outside the range the app accepts for this field.
    #[error("{path}: {value} is outside the accepted range ({range}). {why}")]
    OutOfRange {
        /// The field.
        path: String,
        /// The value found, as displayed.
        value: String,
        /// The accepted range in words.
        range: String,
        /// Why the range is what it is.
        why: String,
    },
    /// A number above a hard limit compiled into the app.
    #[error("{path}: {value} is above the hard limit of {limit} ({rule}); no card may exceed it.")]
    HardLimit {
        /// The field.
        path: String,
        /// The value found, as displayed.
        value: String,
        /// The limit, as displayed.
        limit: String,
        /// Where the limit comes from.
        rule: String,
    },
    /// The same id twice.
    #[error("{path}: the id \"{id}\" is already used by {first}; ids must be unique.")]
    DuplicateId {
        /// The field.
        path: String,
        /// The repeated id.
        id: String,
        /// Path of the first use.
        first: String,
    },
    /// A list with more entries than accepted.
    #[error("{path}: {count} entries; at most {max} are accepted.")]
    TooMany {
        /// The list.
        path: String,
        /// Entries found.
        count: usize,
        /// Entries accepted.
        max: usize,
    },
    /// A text longer than accepted.
    #[error("{path}: the text is {chars} characters long; at most {max} are accepted.")]
    TooLong {
        /// The field.
        path: String,
        /// Characters found.
        chars: usize,
        /// Characters accepted.
        max: usize,
    },
    /// Any other rule; the message explains it.
    #[error("{path}: {message}")]
    Invalid {
        /// The field.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// The path used for problems with the card as a whole.
pub const ROOT_PATH: &str = "(card)";

impl CardProblem {
    /// The field path (`factors[3].effects[0].value`), or `(card)` / `(file)`.
    pub fn path(&self) -> &str {
        match self {
            CardProblem::TooLarge { .. } => "(file)",
            CardProblem::Syntax { path, .. }
            | CardProblem::Missing { path }
            | CardProblem::WrongType { path, .. }
            | CardProblem::UnknownField { path, .. }
            | CardProblem::UnknownValue { path, .. }
            | CardProblem::UnknownMedication { path, .. }
            | CardProblem::UnknownSource { path, .. }
            | CardProblem::OutOfRange { path, .. }
            | CardProblem::HardLimit { path, .. }
            | CardProblem::DuplicateId { path, .. }
            | CardProblem::TooMany { path, .. }
            | CardProblem::TooLong { path, .. }
            | CardProblem::Invalid { path, .. } => path,
        }
    }
}

/// Joins a path and a field name: `caps` + `mg_per_h` = `caps.mg_per_h`.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() || path == ROOT_PATH {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Appends a list position: `factors` + 3 = `factors[3]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Text quoted in a message: at most 60 characters, and each character
/// that cannot be seen or that makes text read differently from what it
/// says (a control character, or one a card's text refuses) written as its
/// code point, "[U+202E]": a message about an id must not read reversed,
/// or show "R5" for an id that is not R5.
pub(crate) fn shorten(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() || crate::domain::imported::text::refused_in_card(c).is_some() {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}
