//! `monitoring.json`: monitoring and the patient experience, routes of
//! administration with bioavailability, and the mechanism in brief.

use serde::Deserialize;

use super::common::{Claim, Topic};

/// A route of administration (IV, intranasal, oral...).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdministrationRoute {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Bioavailability figures and other cited points.
    pub points: Vec<Claim>,
}

/// The shape of `monitoring.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonitoringContent {
    pub intro: String,
    /// How ketamine acts on chronic pain, in two or three sentences.
    pub mechanism: Vec<Claim>,
    pub monitoring: Vec<Topic>,
    pub routes: Vec<AdministrationRoute>,
}
