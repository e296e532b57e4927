//! Building blocks shared by every reference file: cited claims, verification
//! status, consensus grades, table cells and titled topics.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::domain::json::Value;

use crate::domain::json::{choice, Fields, FromJson, JsonError};

/// Text in the reference content. The app's copy is built into the binary as
/// `static` data (`build.rs` reads and checks the JSON and writes it out as
/// Rust), so it borrows; text read from JSON at run time (the tests) owns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub(super) Cow<'static, str>);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(Cow::Owned(text.to_owned()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Cow::Owned(text))
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl FromJson for Text {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        String::from_json(value).map(Text::from)
    }
}

/// A list in the reference content, borrowed or owned like [`Text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List<T: Clone + 'static>(pub(super) Cow<'static, [T]>);

impl<T: Clone> List<T> {
    /// The list as an owned `Vec`, copied first if it is borrowed (tests
    /// change shipped content this way to check the validator).
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        self.0.to_mut()
    }
}

impl<T: Clone> Default for List<T> {
    fn default() -> Self {
        List(Cow::Owned(Vec::new()))
    }
}

impl<T: Clone> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// Changing an item copies a borrowed list first (tests change shipped
/// content this way to check the validator).
impl<T: Clone> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.to_mut()
    }
}

impl<'a, T: Clone> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Clone> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(Cow::Owned(items))
    }
}

impl<T: FromJson + Clone> FromJson for List<T> {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        Vec::from_json(value).map(List::from)
    }
}

/// How far a claim or a table cell has been checked against its source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Taken from the cited source (the default when the JSON says nothing).
    #[default]
    Sourced,
    /// Marked UNVERIFIED in the evidence file: shown only with a visible badge,
    /// never as established fact.
    Unverified,
}

impl FromJson for Status {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        choice(
            value,
            &[
                ("sourced", Status::Sourced),
                ("unverified", Status::Unverified),
            ],
        )
    }
}

impl Status {
    /// The badge text, or `None` when no badge is needed.
    pub fn badge(self) -> Option<&'static str> {
        match self {
            Status::Sourced => None,
            Status::Unverified => Some("Unverified"),
        }
    }
}

/// One statement, in this app's own words, with the sources it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The statement. Numbers follow the medication-safety notation.
    pub text: Text,
    /// Source ids (`R2`, `seed-dosing`...) resolved against `sources.json`.
    pub sources: List<Text>,
    pub status: Status,
    /// Why the claim is unverified or how to read it.
    pub note: Option<Text>,
}

impl FromJson for Claim {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["text", "sources", "status", "note"])?;
        Ok(Claim {
            text: f.req("text")?,
            sources: f.req("sources")?,
            status: f.opt("status")?,
            note: f.opt("note")?,
        })
    }
}

/// A grade from the 2018 consensus guideline: strength of recommendation
/// (A strongest to D weakest) and level of certainty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    /// `A`, `B`, `C` or `D`.
    pub strength: Text,
    /// `Low`, `Moderate`, `High` or a range such as `Low to moderate`.
    pub certainty: Text,
    /// Whether the grade itself could be checked (the position it grades
    /// has its own status).
    pub status: Status,
    /// Why the grade is unverified.
    pub note: Option<Text>,
}

impl FromJson for Grade {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["strength", "certainty", "status", "note"])?;
        Ok(Grade {
            strength: f.req("strength")?,
            certainty: f.req("certainty")?,
            status: f.opt("status")?,
            note: f.opt("note")?,
        })
    }
}

impl Grade {
    /// Reader-facing text, for example "Grade B, low certainty".
    pub fn label(&self) -> String {
        format!(
            "Grade {}, {} certainty",
            self.strength,
            crate::domain::case::lowercase(&self.certainty)
        )
    }
}

/// A position taken by a guideline or label on one condition or question.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsensusPosition {
    /// The condition or question, for example "Active psychosis".
    pub condition: Text,
    /// What the source advises, for example "Do not use".
    pub position: Text,
    /// The consensus grade, if the source gives one.
    pub grade: Option<Grade>,
    pub sources: List<Text>,
    pub status: Status,
    pub note: Option<Text>,
}

impl FromJson for ConsensusPosition {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "condition",
                "position",
                "grade",
                "sources",
                "status",
                "note",
            ],
        )?;
        Ok(ConsensusPosition {
            condition: f.req("condition")?,
            position: f.req("position")?,
            grade: f.opt("grade")?,
            sources: f.req("sources")?,
            status: f.opt("status")?,
            note: f.opt("note")?,
        })
    }
}

/// A titled group of claims with a stable id (used as an HTML anchor).
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// Stable kebab-case id.
    pub id: Text,
    pub title: Text,
    pub points: List<Claim>,
}

impl FromJson for Topic {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["id", "title", "points"])?;
        Ok(Topic {
            id: f.req("id")?,
            title: f.req("title")?,
            points: f.req("points")?,
        })
    }
}

/// A table cell: plain text, or text with a verification status.
/// In JSON either `"text"` or `{"text": "...", "status": "unverified"}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: Text,
    pub status: Status,
}

impl FromJson for Cell {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        if let Value::String(text) = value {
            return Ok(Cell {
                text: Text::from(text.as_str()),
                status: Status::Sourced,
            });
        }
        let f = Fields::of(value, &["text", "status"])?;
        Ok(Cell {
            text: f.req("text")?,
            status: f.opt("status")?,
        })
    }
}
