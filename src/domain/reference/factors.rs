//! `factors.json`: the five factor groups of the first seed's Table 1, each
//! extended with entries from the literature.

use serde::Deserialize;

use super::common::Claim;

/// One row of the first seed's Table 1, carried over cell by cell.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFactorRow {
    pub factor: String,
    pub why_it_matters: String,
    pub example_adjustment: String,
}

/// A factor group (one row of Table 1) with its explanation and entries.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorGroup {
    /// Stable kebab-case id, also the HTML anchor on `#/factors`.
    pub id: String,
    pub title: String,
    pub seed_row: SeedFactorRow,
    /// Why the factor matters, in this app's words.
    pub why_it_matters: String,
    /// An example of how it changes the dose, in this app's words.
    pub example_adjustment: String,
    /// What the first seed says in its text about this factor.
    pub seed_detail: Vec<Claim>,
    /// Ids of calculator factors that implement this group (filled in once the
    /// dose engine exists).
    #[serde(default)]
    pub calculator_factor_ids: Vec<String>,
    pub entries: Vec<FactorEntry>,
}

/// A specific factor from the literature (a drug class, a formula, a
/// condition) with its direction of effect and the measured figures.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorEntry {
    /// Stable kebab-case id, also the HTML anchor on `#/factors`.
    pub id: String,
    pub name: String,
    /// Which way the dose or exposure moves, in one sentence.
    pub direction: String,
    pub points: Vec<Claim>,
    /// Ids of calculator factors that implement this entry.
    #[serde(default)]
    pub calculator_factor_ids: Vec<String>,
}

/// The shape of `factors.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorsContent {
    pub intro: String,
    pub groups: Vec<FactorGroup>,
}
