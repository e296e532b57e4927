//! `factors.json`: the five factor groups of the first seed's Table 1, each
//! extended with entries from the literature.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Claim, List, Text};

/// One row of the first seed's Table 1, carried over cell by cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedFactorRow {
    pub factor: Text,
    pub why_it_matters: Text,
    pub example_adjustment: Text,
}

impl FromJson for SeedFactorRow {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["factor", "why_it_matters", "example_adjustment"])?;
        Ok(SeedFactorRow {
            factor: f.req("factor")?,
            why_it_matters: f.req("why_it_matters")?,
            example_adjustment: f.req("example_adjustment")?,
        })
    }
}

/// A factor group (one row of Table 1) with its explanation and entries.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorGroup {
    /// Stable kebab-case id, also the HTML anchor on `#/factors`.
    pub id: Text,
    pub title: Text,
    pub seed_row: SeedFactorRow,
    /// Why the factor matters, in this app's words.
    pub why_it_matters: Text,
    /// An example of how it changes the dose, in this app's words.
    pub example_adjustment: Text,
    /// What the first seed says in its text about this factor.
    pub seed_detail: List<Claim>,
    /// Ids of calculator factors that implement this group (filled in once the
    /// dose engine exists).
    pub calculator_factor_ids: List<Text>,
    pub entries: List<FactorEntry>,
}

impl FromJson for FactorGroup {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "id",
                "title",
                "seed_row",
                "why_it_matters",
                "example_adjustment",
                "seed_detail",
                "calculator_factor_ids",
                "entries",
            ],
        )?;
        Ok(FactorGroup {
            id: f.req("id")?,
            title: f.req("title")?,
            seed_row: f.req("seed_row")?,
            why_it_matters: f.req("why_it_matters")?,
            example_adjustment: f.req("example_adjustment")?,
            seed_detail: f.req("seed_detail")?,
            calculator_factor_ids: f.opt("calculator_factor_ids")?,
            entries: f.req("entries")?,
        })
    }
}

/// A specific factor from the literature (a drug class, a formula, a
/// condition) with its direction of effect and the measured figures.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorEntry {
    /// Stable kebab-case id, also the HTML anchor on `#/factors`.
    pub id: Text,
    pub name: Text,
    /// Which way the dose or exposure moves, in one sentence.
    pub direction: Text,
    pub points: List<Claim>,
    /// Ids of calculator factors that implement this entry.
    pub calculator_factor_ids: List<Text>,
}

impl FromJson for FactorEntry {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &["id", "name", "direction", "points", "calculator_factor_ids"],
        )?;
        Ok(FactorEntry {
            id: f.req("id")?,
            name: f.req("name")?,
            direction: f.req("direction")?,
            points: f.req("points")?,
            calculator_factor_ids: f.opt("calculator_factor_ids")?,
        })
    }
}

/// The shape of `factors.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorsContent {
    pub intro: Text,
    pub groups: List<FactorGroup>,
}

impl FromJson for FactorsContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["intro", "groups"])?;
        Ok(FactorsContent {
            intro: f.req("intro")?,
            groups: f.req("groups")?,
        })
    }
}
