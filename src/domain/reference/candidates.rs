//! `candidates.json`: who is generally not a candidate, who needs extra
//! caution, and the tests suggested before an infusion.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Claim, ConsensusPosition};

/// A group of patients: the seed's statement, the consensus position(s) and
/// further points from the literature.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    /// Whether the first seed names this group (otherwise it comes from the
    /// 2018 consensus).
    pub from_seed: bool,
    /// Why it matters, in this app's words.
    pub summary: String,
    /// Sources of the summary.
    pub sources: Vec<String>,
    /// Graded consensus positions; empty when the consensus gives none.
    pub consensus: Vec<ConsensusPosition>,
    pub points: Vec<Claim>,
}

impl FromJson for Candidate {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "id",
                "name",
                "from_seed",
                "summary",
                "sources",
                "consensus",
                "points",
            ],
        )?;
        Ok(Candidate {
            id: f.req("id")?,
            name: f.req("name")?,
            from_seed: f.req("from_seed")?,
            summary: f.req("summary")?,
            sources: f.req("sources")?,
            consensus: f.req("consensus")?,
            points: f.req("points")?,
        })
    }
}

/// The shape of `candidates.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidatesContent {
    pub intro: String,
    pub not_candidates: Vec<Candidate>,
    pub extra_caution: Vec<Candidate>,
    pub label_contraindications: Vec<Claim>,
    /// Pre-infusion testing.
    pub screening: Vec<ConsensusPosition>,
}

impl FromJson for CandidatesContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "intro",
                "not_candidates",
                "extra_caution",
                "label_contraindications",
                "screening",
            ],
        )?;
        Ok(CandidatesContent {
            intro: f.req("intro")?,
            not_candidates: f.req("not_candidates")?,
            extra_caution: f.req("extra_caution")?,
            label_contraindications: f.req("label_contraindications")?,
            screening: f.req("screening")?,
        })
    }
}
