//! Reference content: factors, phases, side effects, candidates, sources.
//!
//! The JSON files under `assets/content/` are embedded at compile time (as
//! minified copies that `build.rs` writes),
//! parsed into the typed structs below and validated; pages read them through
//! [`content`], which does that once. Every claim carries source ids that
//! resolve to `sources.json`; anything the evidence file marks UNVERIFIED
//! carries [`Status::Unverified`] (or a secondary source) so that the pages can
//! show it with a visible badge.

mod candidates;
mod common;
mod error;
mod evidence;
mod factors;
mod monitoring;
mod phases;
mod side_effects;
mod sources;
mod validate;

use std::sync::OnceLock;

use crate::domain::json::{self, FromJson};

pub use candidates::{Candidate, CandidatesContent};
pub use common::{Cell, Claim, ConsensusPosition, Grade, Status, Topic};
pub use error::{ContentError, ContentProblem};
pub use evidence::{ConditionEvidence, EvidenceContent};
pub use factors::{FactorEntry, FactorGroup, FactorsContent, SeedFactorRow};
pub use monitoring::{AdministrationRoute, MonitoringContent};
pub use phases::{PhasesContent, Regimen, SeedDifference, SeedStageRow, Stage};
pub use side_effects::{
    filter_effects, EffectGroup, EffectView, Frequency, FrequencyFilter, PatientView, SideEffect,
    SideEffectGroup, SideEffectsContent,
};
pub use sources::{Source, SourceKind, SourcesFile};
pub use validate::{citing_items, is_kebab_case, validate, CitingItem};

/// The text of every reference file, by name. [`RawFiles::EMBEDDED`] holds the
/// shipped files; tests can build their own to check error handling.
#[derive(Clone, Copy, Debug)]
pub struct RawFiles<'a> {
    pub sources: &'a str,
    pub factors: &'a str,
    pub phases: &'a str,
    pub side_effects: &'a str,
    pub candidates: &'a str,
    pub monitoring: &'a str,
    pub evidence: &'a str,
}

impl RawFiles<'static> {
    /// The files in `assets/content/`, embedded in the binary.
    pub const EMBEDDED: RawFiles<'static> = RawFiles {
        sources: include_str!(concat!(env!("OUT_DIR"), "/content-sources.json")),
        factors: include_str!(concat!(env!("OUT_DIR"), "/content-factors.json")),
        phases: include_str!(concat!(env!("OUT_DIR"), "/content-phases.json")),
        side_effects: include_str!(concat!(env!("OUT_DIR"), "/content-side_effects.json")),
        candidates: include_str!(concat!(env!("OUT_DIR"), "/content-candidates.json")),
        monitoring: include_str!(concat!(env!("OUT_DIR"), "/content-monitoring.json")),
        evidence: include_str!(concat!(env!("OUT_DIR"), "/content-evidence.json")),
    };
}

/// All reference content, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceContent {
    /// Every source, in file order.
    pub sources: Vec<Source>,
    pub factors: FactorsContent,
    pub phases: PhasesContent,
    pub side_effects: SideEffectsContent,
    pub candidates: CandidatesContent,
    pub monitoring: MonitoringContent,
    pub evidence: EvidenceContent,
}

impl ReferenceContent {
    /// The source with this id, if there is one.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The sources of one kind, in file order.
    pub fn sources_of_kind(&self, kind: SourceKind) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(move |s| s.kind == kind)
    }
}

fn parse_file<T: FromJson>(file: &'static str, text: &str) -> Result<T, ContentError> {
    json::parse(text).map_err(|e| ContentError::Parse {
        file,
        message: e.to_string(),
    })
}

/// Parses the given files without validating them.
pub fn parse_files(files: &RawFiles<'_>) -> Result<ReferenceContent, ContentError> {
    let sources: SourcesFile = parse_file("sources.json", files.sources)?;
    Ok(ReferenceContent {
        sources: sources.sources,
        factors: parse_file("factors.json", files.factors)?,
        phases: parse_file("phases.json", files.phases)?,
        side_effects: parse_file("side_effects.json", files.side_effects)?,
        candidates: parse_file("candidates.json", files.candidates)?,
        monitoring: parse_file("monitoring.json", files.monitoring)?,
        evidence: parse_file("evidence.json", files.evidence)?,
    })
}

/// Parses the embedded files without validating them.
pub fn parse() -> Result<ReferenceContent, ContentError> {
    parse_files(&RawFiles::EMBEDDED)
}

/// Parses and validates the given files: content with any problem is refused
/// as a whole, so a page never shows a citation that leads nowhere.
pub fn load_files(files: &RawFiles<'_>) -> Result<ReferenceContent, ContentError> {
    let content = parse_files(files)?;
    let problems = validate(&content);
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(ContentError::Invalid(problems))
    }
}

static CONTENT: OnceLock<Result<ReferenceContent, ContentError>> = OnceLock::new();

/// The embedded content, parsed and validated on first use and cached.
pub fn content() -> Result<&'static ReferenceContent, &'static ContentError> {
    CONTENT
        .get_or_init(|| load_files(&RawFiles::EMBEDDED))
        .as_ref()
}
