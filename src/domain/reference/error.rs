//! Errors and problems found when reading the reference content: by
//! `build.rs`, which stops the build on any of them, and by the tests.

use thiserror::Error;

/// One problem found by [`super::validate`]. Messages are written for the
/// person editing the JSON files.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContentProblem {
    #[error("{location}: the id is empty")]
    MissingId { location: String },
    #[error("{location}: the id “{id}” is not kebab-case (a-z, 0-9, single hyphens)")]
    InvalidId { location: String, id: String },
    #[error("the id “{id}” is used more than once")]
    DuplicateId { id: String },
    #[error("{location}: the text is empty")]
    EmptyText { location: String },
    #[error("{location}: no source is cited")]
    MissingSources { location: String },
    #[error("{location}: cites “{source_id}”, which is not in sources.json")]
    DanglingSource { location: String, source_id: String },
    #[error("{location}: cites “{source_id}” twice")]
    RepeatedCitation { location: String, source_id: String },
    #[error("the source id “{id}” is used more than once in sources.json")]
    DuplicateSource { id: String },
    #[error("source “{id}”: the {field} is empty")]
    IncompleteSource { id: String, field: &'static str },
    #[error("source “{id}”: the year “{year}” is neither four digits nor “n.d.”")]
    InvalidYear { id: String, year: String },
    #[error("source “{id}”: it needs a DOI, a PMID or a URL")]
    MissingLink { id: String },
    #[error("side effects: the group “{group}” is defined {count} times (expected once)")]
    GroupCount { group: &'static str, count: usize },
    #[error("{location}: the patient view mentions a dose unit (“{unit}”)")]
    DoseInPatientView { location: String, unit: String },
    #[error("monitoring: the mechanism has {count} sentences (expected 2 or 3)")]
    MechanismLength { count: usize },
}

/// Why the reference content could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContentError {
    /// A JSON file did not match the expected shape.
    #[error("{file} could not be read: {message}")]
    Parse { file: &'static str, message: String },
    /// The files parsed but failed validation.
    #[error("{}", describe(.0))]
    Invalid(Vec<ContentProblem>),
}

fn describe(problems: &[ContentProblem]) -> String {
    match problems {
        [] => "the reference content failed validation".to_string(),
        [only] => format!("the reference content has a problem: {only}"),
        [first, rest @ ..] => format!(
            "the reference content has {} problems; the first: {first}",
            rest.len() + 1
        ),
    }
}
