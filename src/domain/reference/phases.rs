//! `phases.json`: the stages of a course (the first seed's Table 2 plus the
//! second seed's detail), where the seeds differ, what changes the interval,
//! and a comparison of published regimens.

use serde::Deserialize;

use super::common::{Cell, Claim, Topic};

/// One row of the first seed's Table 2, carried over cell by cell.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedStageRow {
    pub stage: String,
    pub frequency: String,
    pub purpose: String,
}

/// A stage of a course: induction, titration or maintenance.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub seed_row: SeedStageRow,
    pub summary: String,
    pub points: Vec<Claim>,
}

/// A figure the two seeds give differently, shown side by side and attributed
/// (`seed-dosing` and `seed-frequency`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedDifference {
    pub id: String,
    pub topic: String,
    /// What the first seed (`seed-dosing`) says.
    pub seed_dosing: String,
    /// What the second seed (`seed-frequency`) says.
    pub seed_frequency: String,
}

/// One published regimen in the comparison table. Doses are as published;
/// S-ketamine doses are not racemic doses.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regimen {
    pub id: String,
    /// First author and year, for example "Schwartzman 2009".
    pub study: String,
    pub condition: String,
    pub design: String,
    pub start: Cell,
    pub titration: Cell,
    pub cap: Cell,
    /// Length of one session or of the continuous infusion.
    pub session: Cell,
    pub schedule: Cell,
    pub co_medication: Cell,
    pub outcome: Cell,
    pub sources: Vec<String>,
}

impl Regimen {
    /// The table's columns after the study name, with their headers.
    pub fn cells(&self) -> [(&'static str, &Cell); 7] {
        [
            ("Starting dose", &self.start),
            ("Titration", &self.titration),
            ("Maximum", &self.cap),
            ("Session length", &self.session),
            ("Schedule", &self.schedule),
            ("Co-medication", &self.co_medication),
            ("Outcome", &self.outcome),
        ]
    }
}

/// The shape of `phases.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhasesContent {
    pub intro: String,
    pub stages: Vec<Stage>,
    pub seed_differences: Vec<SeedDifference>,
    /// How the seeds' figures relate to the literature.
    pub seed_differences_note: Claim,
    /// What makes the interval between infusions longer or shorter.
    pub interval_factors: Vec<Topic>,
    /// Induction and booster patterns reported in the literature.
    pub scheduling: Vec<Claim>,
    /// How to read the regimen table (S-ketamine potency...).
    pub regimens_notes: Vec<Claim>,
    pub regimens: Vec<Regimen>,
}
