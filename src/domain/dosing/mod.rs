//! Dosing engine, protocol cards, patient input and dose formatting.
//!
//! Pure Rust, no browser APIs. The flow the calculator follows:
//! 1. [`input::RawPatientInput`] (text as typed or from a share link) →
//!    [`input::RawPatientInput::parse`] → [`input::PatientInput`], or one
//!    [`input::InputError`] per failing [`input::Field`].
//! 2. A card: [`builtin::builtin_cards`] or an imported file through
//!    [`validate::parse_card`] → [`validate::ValidCard`], or every
//!    [`problem::CardProblem`] with its field path.
//! 3. [`engine::compute`] → [`engine::Outcome`]: a block with its reason, or a
//!    [`engine::Breakdown`] with every step, cap, warning and the titration ladder.
//! 4. Every figure is displayed through [`format::format_dose`] (or a unit
//!    newtype's `.display()`, which calls it): medication-safety notation.
//!
//! Hard limits are compiled in ([`limits`]); cards cannot change them.

// Every public item of the dose engine states its units and origin.
#![warn(missing_docs)]

#[macro_use]
mod macros;

pub mod builtin;
pub mod card;
mod card_json;
pub mod decimal;
pub mod engine;
pub mod format;
pub mod golden;
pub mod input;
pub mod limits;
pub mod medication;
pub mod problem;
pub mod reader;
pub mod schema;
pub mod units;
pub mod validate;
pub mod weight;

pub use builtin::{builtin_card, builtin_cards, BUILTIN_CARDS};
pub use card::{EvidenceKind, ProtocolCard};
pub use engine::{compute, Breakdown, Figures, Outcome, Step};
pub use format::{
    count, format_card_figure, format_card_multiplier, format_card_number, format_change,
    format_dose, format_multiplier, format_number, DoseUnit,
};
pub use golden::{golden_suite, run_golden_case, GoldenReport};
pub use input::{Field, InputError, PatientInput, RawPatientInput};
pub use medication::Medication;
pub use problem::CardProblem;
pub use validate::{
    is_evidence_source_id, parse_card, validate, KnownSources, ValidCard, EVIDENCE_SOURCE_IDS,
};
