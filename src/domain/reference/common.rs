//! Building blocks shared by every reference file: cited claims, verification
//! status, consensus grades, table cells and titled topics.

use crate::domain::json::Value;

use crate::domain::json::{choice, Fields, FromJson, JsonError};

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
    pub text: String,
    /// Source ids (`R2`, `seed-dosing`...) resolved against `sources.json`.
    pub sources: Vec<String>,
    pub status: Status,
    /// Why the claim is unverified or how to read it.
    pub note: Option<String>,
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
    pub strength: String,
    /// `Low`, `Moderate`, `High` or a range such as `Low to moderate`.
    pub certainty: String,
}

impl FromJson for Grade {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["strength", "certainty"])?;
        Ok(Grade {
            strength: f.req("strength")?,
            certainty: f.req("certainty")?,
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
    pub condition: String,
    /// What the source advises, for example "Do not use".
    pub position: String,
    /// The consensus grade, if the source gives one.
    pub grade: Option<Grade>,
    pub sources: Vec<String>,
    pub status: Status,
    pub note: Option<String>,
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
    pub id: String,
    pub title: String,
    pub points: Vec<Claim>,
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
    pub text: String,
    pub status: Status,
}

impl FromJson for Cell {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        if let Value::String(text) = value {
            return Ok(Cell {
                text: text.clone(),
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
