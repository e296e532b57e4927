//! `phases.json`: the stages of a course (the first seed's Table 2 plus the
//! second seed's detail), where the seeds differ, what changes the interval,
//! and a comparison of published regimens.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Cell, Claim, List, Text, Topic};

/// One row of the first seed's Table 2, carried over cell by cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedStageRow {
    pub stage: Text,
    pub frequency: Text,
    pub purpose: Text,
}

impl FromJson for SeedStageRow {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["stage", "frequency", "purpose"])?;
        Ok(SeedStageRow {
            stage: f.req("stage")?,
            frequency: f.req("frequency")?,
            purpose: f.req("purpose")?,
        })
    }
}

/// A stage of a course: induction, titration or maintenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    pub id: Text,
    pub name: Text,
    pub seed_row: SeedStageRow,
    pub summary: Text,
    /// How often and why, in the app's own words for the patients' view
    /// (the clinical view shows the seed's row as published), cited and
    /// with its status.
    pub when: Claim,
    pub points: List<Claim>,
}

impl FromJson for Stage {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &["id", "name", "seed_row", "summary", "when", "points"],
        )?;
        Ok(Stage {
            id: f.req("id")?,
            name: f.req("name")?,
            seed_row: f.req("seed_row")?,
            summary: f.req("summary")?,
            when: f.req("when")?,
            points: f.req("points")?,
        })
    }
}

/// A figure the two seeds give differently, shown side by side and attributed
/// (`seed-dosing` and `seed-frequency`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedDifference {
    pub id: Text,
    pub topic: Text,
    /// What the first seed (`seed-dosing`) says.
    pub seed_dosing: Text,
    /// What the second seed (`seed-frequency`) says.
    pub seed_frequency: Text,
}

impl FromJson for SeedDifference {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["id", "topic", "seed_dosing", "seed_frequency"])?;
        Ok(SeedDifference {
            id: f.req("id")?,
            topic: f.req("topic")?,
            seed_dosing: f.req("seed_dosing")?,
            seed_frequency: f.req("seed_frequency")?,
        })
    }
}

/// One published regimen in the comparison table. Doses are as published;
/// S-ketamine doses are not racemic doses.
#[derive(Clone, Debug, PartialEq)]
pub struct Regimen {
    pub id: Text,
    /// First author and year, for example "Schwartzman 2009".
    pub study: Text,
    pub condition: Text,
    pub design: Text,
    pub start: Cell,
    pub titration: Cell,
    pub cap: Cell,
    /// Length of one session or of the continuous infusion.
    pub session: Cell,
    pub schedule: Cell,
    pub co_medication: Cell,
    pub outcome: Cell,
    pub sources: List<Text>,
}

impl FromJson for Regimen {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "id",
                "study",
                "condition",
                "design",
                "start",
                "titration",
                "cap",
                "session",
                "schedule",
                "co_medication",
                "outcome",
                "sources",
            ],
        )?;
        Ok(Regimen {
            id: f.req("id")?,
            study: f.req("study")?,
            condition: f.req("condition")?,
            design: f.req("design")?,
            start: f.req("start")?,
            titration: f.req("titration")?,
            cap: f.req("cap")?,
            session: f.req("session")?,
            schedule: f.req("schedule")?,
            co_medication: f.req("co_medication")?,
            outcome: f.req("outcome")?,
            sources: f.req("sources")?,
        })
    }
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
#[derive(Clone, Debug, PartialEq)]
pub struct PhasesContent {
    pub intro: Text,
    pub stages: List<Stage>,
    /// The day of an infusion in a patient's words: the room, the staff,
    /// going home (never driving) and the diary between sessions.
    pub patient_day: List<Claim>,
    pub seed_differences: List<SeedDifference>,
    /// How the seeds' figures relate to the literature.
    pub seed_differences_note: Claim,
    /// What makes the interval between infusions longer or shorter.
    pub interval_factors: List<Topic>,
    /// Induction and booster patterns reported in the literature.
    pub scheduling: List<Claim>,
    /// How to read the regimen table (S-ketamine potency...).
    pub regimens_notes: List<Claim>,
    pub regimens: List<Regimen>,
}

impl FromJson for PhasesContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "intro",
                "stages",
                "patient_day",
                "seed_differences",
                "seed_differences_note",
                "interval_factors",
                "scheduling",
                "regimens_notes",
                "regimens",
            ],
        )?;
        Ok(PhasesContent {
            intro: f.req("intro")?,
            stages: f.req("stages")?,
            patient_day: f.req("patient_day")?,
            seed_differences: f.req("seed_differences")?,
            seed_differences_note: f.req("seed_differences_note")?,
            interval_factors: f.req("interval_factors")?,
            scheduling: f.req("scheduling")?,
            regimens_notes: f.req("regimens_notes")?,
            regimens: f.req("regimens")?,
        })
    }
}
