//! Reference content: factors, phases, side effects, candidates, sources.
//!
//! The JSON files under `assets/content/` are the source. `build.rs` reads
//! them into the typed structs below ([`load_files`]) and validates them,
//! failing the build on any problem, then writes the result out as Rust
//! (`literal.rs`); the binary holds that as `static` data and pages read it
//! through [`content`]. So the app carries no JSON reader for its own
//! content and none of the validator's checks (only its walk that lists
//! which item cites which source, for the sources page, compiled without
//! them), and cannot start with content that does not check. The tests read
//! the JSON again ([`RawFiles::EMBEDDED`]) and compare.
//!
//! Every claim carries source ids that
//! resolve to `sources.json`; anything the evidence file marks UNVERIFIED
//! carries [`Status::Unverified`] (or a secondary source) so that the pages can
//! show it with a visible badge.

mod candidates;
mod common;
mod error;
mod evidence;
mod factors;
mod load;
mod monitoring;
mod phases;
mod side_effects;
mod sources;
mod validate;

use std::borrow::Cow;

pub use candidates::{Candidate, CandidatesContent};
pub use common::{Cell, Claim, ConsensusPosition, Grade, List, Status, Text, Topic};
pub use error::{ContentError, ContentProblem};
pub use evidence::{ConditionEvidence, EvidenceContent};
pub use factors::{FactorEntry, FactorGroup, FactorsContent, SeedFactorRow};
pub use load::{load_files, parse_files, RawFiles, ReferenceContent};
pub use monitoring::{AdministrationRoute, MonitoringContent};
pub use phases::{PhasesContent, Regimen, SeedDifference, SeedStageRow, Stage};
pub use side_effects::{
    filter_effects, word_matches, EffectGroup, EffectView, Frequency, FrequencyFilter, PatientView,
    SideEffect, SideEffectGroup, SideEffectsContent, ENDING_CHARS, STEM_CHARS,
};
pub use sources::{Source, SourceKind, SourcesFile};
pub use validate::{citing_items, is_kebab_case, validate, CitingItem};

impl RawFiles<'static> {
    /// The files in `assets/content/` (minified), for the tests: the app
    /// itself uses the `static` copy, so the wasm leaves these out.
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

/// Parses the embedded files without validating them.
pub fn parse() -> Result<ReferenceContent, ContentError> {
    parse_files(&RawFiles::EMBEDDED)
}

/// The shipped content, read and validated by `build.rs`.
static CONTENT: ReferenceContent = include!(concat!(env!("OUT_DIR"), "/reference-content.rs"));

/// The shipped content.
pub fn content() -> &'static ReferenceContent {
    &CONTENT
}
