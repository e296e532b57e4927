//! Reading the reference files: JSON text to the typed content, then the
//! validator. `build.rs` runs this on the shipped files and writes the result
//! out as the binary's `static` copy; the tests run it on broken files.

use crate::domain::json::{self, FromJson};

use super::common::List;
use super::error::ContentError;
use super::sources::{Source, SourceKind, SourcesFile};
use super::{
    validate, CandidatesContent, EvidenceContent, FactorsContent, MonitoringContent, PhasesContent,
    SideEffectsContent,
};

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

/// All reference content, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceContent {
    /// Every source, in file order.
    pub sources: List<Source>,
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
