//! `evidence.json`: evidence strength by condition and the dose guidance of
//! the 2018 consensus, with meta-analyses for context.

use serde::Deserialize;

use super::common::{Claim, ConsensusPosition, Grade};

/// The consensus verdict for one pain condition.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionEvidence {
    pub id: String,
    pub condition: String,
    pub verdict: String,
    /// `None` where the consensus gives no grade.
    #[serde(default)]
    pub grade: Option<Grade>,
    pub sources: Vec<String>,
    /// Regimens the panel pointed to, if any.
    #[serde(default)]
    pub regimens: Option<Claim>,
}

/// The shape of `evidence.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceContent {
    pub intro: String,
    pub conditions: Vec<ConditionEvidence>,
    pub dose_guidance: Vec<ConsensusPosition>,
    /// Oral and intranasal options after a response to infusions.
    pub follow_on: Vec<ConsensusPosition>,
    pub meta_analyses: Vec<Claim>,
    pub notes: Vec<Claim>,
}
