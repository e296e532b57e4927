//! The card editor's draft ("Duplicate and edit"), kept in the browser's
//! storage as it is typed: leaving the page, a reload or a closed tab does
//! not lose it, and the page brings it back. Closing the editor, or opening
//! another card in it, asks first when the draft has changes.

use crate::domain::json::{parse_value, write, Map, Value};

/// The storage key of the draft.
pub const DRAFT_KEY: &str = "kdr.card-draft";

/// The format name written with the draft.
const FORMAT: &str = "ketamine-dosing-reference/card-draft";

/// The editor's text and what it started from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// What is being edited ("a copy of crps-4h").
    pub title: String,
    /// The text the editor opened with.
    pub original: String,
    /// The text as typed.
    pub text: String,
}

impl Draft {
    /// The text differs from what the editor opened with: closing it, or
    /// opening another card in it, would lose work.
    pub fn changed(&self) -> bool {
        self.text != self.original
    }

    /// The saved form (compact JSON).
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("format".to_string(), Value::from(FORMAT));
        m.insert("title".to_string(), Value::from(self.title.as_str()));
        m.insert("original".to_string(), Value::from(self.original.as_str()));
        m.insert("text".to_string(), Value::from(self.text.as_str()));
        write::compact(&Value::Object(m))
    }

    /// A saved draft, or `None` for anything else (no draft, or text this
    /// app did not write: it is then ignored and replaced by the next one).
    pub fn from_json(text: &str) -> Option<Draft> {
        let value = parse_value(text).ok()?;
        let field = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_string);
        if field("format").as_deref() != Some(FORMAT) {
            return None;
        }
        Some(Draft {
            title: field("title")?,
            original: field("original")?,
            text: field("text")?,
        })
    }
}
