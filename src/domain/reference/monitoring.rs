//! `monitoring.json`: monitoring and the patient experience, routes of
//! administration with bioavailability, and the mechanism in brief.

use crate::domain::json::Value;

use crate::domain::json::{Fields, FromJson, JsonError};

use super::common::{Claim, List, Text, Topic};

/// A route of administration (IV, intranasal, oral...).
#[derive(Clone, Debug, PartialEq)]
pub struct AdministrationRoute {
    pub id: Text,
    pub name: Text,
    pub summary: Text,
    /// Bioavailability figures and other cited points.
    pub points: List<Claim>,
}

impl FromJson for AdministrationRoute {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["id", "name", "summary", "points"])?;
        Ok(AdministrationRoute {
            id: f.req("id")?,
            name: f.req("name")?,
            summary: f.req("summary")?,
            points: f.req("points")?,
        })
    }
}

/// The shape of `monitoring.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct MonitoringContent {
    pub intro: Text,
    /// How ketamine acts on chronic pain, in two or three sentences.
    pub mechanism: List<Claim>,
    pub monitoring: List<Topic>,
    pub routes: List<AdministrationRoute>,
}

impl FromJson for MonitoringContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["intro", "mechanism", "monitoring", "routes"])?;
        Ok(MonitoringContent {
            intro: f.req("intro")?,
            mechanism: f.req("mechanism")?,
            monitoring: f.req("monitoring")?,
            routes: f.req("routes")?,
        })
    }
}
