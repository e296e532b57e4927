//! `candidates.json`: who is generally not a candidate, who needs extra
//! caution, and the tests suggested before an infusion.

use serde::Deserialize;

use super::common::{Claim, ConsensusPosition};

/// A group of patients: the seed's statement, the consensus position(s) and
/// further points from the literature.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// The shape of `candidates.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidatesContent {
    pub intro: String,
    pub not_candidates: Vec<Candidate>,
    pub extra_caution: Vec<Candidate>,
    pub label_contraindications: Vec<Claim>,
    /// Pre-infusion testing.
    pub screening: Vec<ConsensusPosition>,
}
