//! `candidates.json`: who is generally not a candidate, who needs extra
//! caution, and the tests suggested before an infusion.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Claim, ConsensusPosition, List, Text};

/// A group of patients: the seed's statement, the consensus position(s) and
/// further points from the literature.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub id: Text,
    pub name: Text,
    /// Whether the first seed names this group (otherwise it comes from the
    /// 2018 consensus).
    pub from_seed: bool,
    /// Why it matters, in this app's words.
    pub summary: Text,
    /// Sources of the summary.
    pub sources: List<Text>,
    /// Graded consensus positions; empty when the consensus gives none.
    pub consensus: List<ConsensusPosition>,
    pub points: List<Claim>,
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
    pub intro: Text,
    pub not_candidates: List<Candidate>,
    pub extra_caution: List<Candidate>,
    pub label_contraindications: List<Claim>,
    /// Pre-infusion testing.
    pub screening: List<ConsensusPosition>,
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
