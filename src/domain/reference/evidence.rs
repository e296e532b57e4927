//! `evidence.json`: evidence strength by condition and the dose guidance of
//! the 2018 consensus, with meta-analyses for context.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Claim, ConsensusPosition, Grade, List, Text};

/// The consensus verdict for one pain condition.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionEvidence {
    pub id: Text,
    pub condition: Text,
    pub verdict: Text,
    /// `None` where the consensus gives no grade.
    pub grade: Option<Grade>,
    pub sources: List<Text>,
    /// Regimens the panel pointed to, if any.
    pub regimens: Option<Claim>,
}

impl FromJson for ConditionEvidence {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &["id", "condition", "verdict", "grade", "sources", "regimens"],
        )?;
        Ok(ConditionEvidence {
            id: f.req("id")?,
            condition: f.req("condition")?,
            verdict: f.req("verdict")?,
            grade: f.opt("grade")?,
            sources: f.req("sources")?,
            regimens: f.opt("regimens")?,
        })
    }
}

/// The shape of `evidence.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceContent {
    pub intro: Text,
    pub conditions: List<ConditionEvidence>,
    pub dose_guidance: List<ConsensusPosition>,
    /// Oral and intranasal options after a response to infusions.
    pub follow_on: List<ConsensusPosition>,
    pub meta_analyses: List<Claim>,
    pub notes: List<Claim>,
}

impl FromJson for EvidenceContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "intro",
                "conditions",
                "dose_guidance",
                "follow_on",
                "meta_analyses",
                "notes",
            ],
        )?;
        Ok(EvidenceContent {
            intro: f.req("intro")?,
            conditions: f.req("conditions")?,
            dose_guidance: f.req("dose_guidance")?,
            follow_on: f.req("follow_on")?,
            meta_analyses: f.req("meta_analyses")?,
            notes: f.req("notes")?,
        })
    }
}
