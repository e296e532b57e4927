//! Building blocks shared by every reference file: cited claims, verification
//! status, consensus grades, table cells and titled topics.

use serde::Deserialize;

/// How far a claim or a table cell has been checked against its source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Taken from the cited source (the default when the JSON says nothing).
    #[default]
    Sourced,
    /// Marked UNVERIFIED in the evidence file: shown only with a visible badge,
    /// never as established fact.
    Unverified,
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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The statement. Numbers follow the medication-safety notation.
    pub text: String,
    /// Source ids (`R2`, `seed-dosing`...) resolved against `sources.json`.
    pub sources: Vec<String>,
    #[serde(default)]
    pub status: Status,
    /// Why the claim is unverified or how to read it.
    #[serde(default)]
    pub note: Option<String>,
}

/// A grade from the 2018 consensus guideline: strength of recommendation
/// (A strongest to D weakest) and level of certainty.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// `A`, `B`, `C` or `D`.
    pub strength: String,
    /// `Low`, `Moderate`, `High` or a range such as `Low to moderate`.
    pub certainty: String,
}

impl Grade {
    /// Reader-facing text, for example "Grade B, low certainty".
    pub fn label(&self) -> String {
        format!(
            "Grade {}, {} certainty",
            self.strength,
            self.certainty.to_lowercase()
        )
    }
}

/// A position taken by a guideline or label on one condition or question.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsensusPosition {
    /// The condition or question, for example "Active psychosis".
    pub condition: String,
    /// What the source advises, for example "Do not use".
    pub position: String,
    /// The consensus grade, if the source gives one.
    #[serde(default)]
    pub grade: Option<Grade>,
    pub sources: Vec<String>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
}

/// A titled group of claims with a stable id (used as an HTML anchor).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable kebab-case id.
    pub id: String,
    pub title: String,
    pub points: Vec<Claim>,
}

/// A table cell: plain text, or text with a verification status.
/// In JSON either `"text"` or `{"text": "...", "status": "unverified"}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "CellRepr")]
pub struct Cell {
    pub text: String,
    pub status: Status,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum CellRepr {
    Plain(String),
    Detailed(DetailedCell),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DetailedCell {
    text: String,
    #[serde(default)]
    status: Status,
}

impl From<CellRepr> for Cell {
    fn from(repr: CellRepr) -> Self {
        match repr {
            CellRepr::Plain(text) => Cell {
                text,
                status: Status::Sourced,
            },
            CellRepr::Detailed(DetailedCell { text, status }) => Cell { text, status },
        }
    }
}
