//! Writes the reference content out as Rust: the initializer of the binary's
//! `static` copy. Compiled only into `build.rs`, which reads and validates the
//! JSON files and writes this to `OUT_DIR/reference-content.rs`; the crate
//! includes it in [`super::content`].
//!
//! Each struct lists its fields here once. A field missing from a list makes
//! the struct literal incomplete, and a variant missing from an enum's list
//! makes the match incomplete: either stops the build.

use std::fmt::Write;

use super::common::{Cell, Claim, ConsensusPosition, Grade, List, Status, Text, Topic};
use super::{
    AdministrationRoute, Candidate, CandidatesContent, ConditionEvidence, EffectGroup,
    EvidenceContent, FactorEntry, FactorGroup, FactorsContent, Frequency, MonitoringContent,
    PatientView, PhasesContent, ReferenceContent, Regimen, SeedDifference, SeedFactorRow,
    SeedStageRow, SideEffect, SideEffectGroup, SideEffectsContent, Source, SourceKind, Stage,
};

/// A value that can write itself as a Rust expression usable in a `static`.
pub trait Literal {
    fn write(&self, out: &mut String);
}

/// The content as the initializer of a `static ReferenceContent`. The names
/// it uses (`Cow`, `Text`, `List` and the content types) must be in scope
/// where it is included.
pub fn content_literal(content: &ReferenceContent) -> String {
    let mut out = String::with_capacity(256 * 1024);
    content.write(&mut out);
    out.push('\n');
    out
}

impl Literal for Text {
    fn write(&self, out: &mut String) {
        // `{:?}` of a str is a valid Rust string literal: quotes, backslashes
        // and control characters are escaped.
        let _ = write!(out, "Text(Cow::Borrowed({:?}))", self.as_str());
    }
}

impl<T: Literal + Clone> Literal for List<T> {
    fn write(&self, out: &mut String) {
        out.push_str("List(Cow::Borrowed(&[");
        for item in self {
            item.write(out);
            out.push(',');
        }
        out.push_str("]))");
    }
}

impl<T: Literal> Literal for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(value) => {
                out.push_str("Some(");
                value.write(out);
                out.push(')');
            }
        }
    }
}

impl Literal for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! literal_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Literal for $ty {
            fn write(&self, out: &mut String) {
                out.push_str(concat!(stringify!($ty), "{"));
                $(
                    out.push_str(concat!(stringify!($field), ":"));
                    self.$field.write(out);
                    out.push(',');
                )*
                out.push('}');
            }
        }
    };
}

macro_rules! literal_enum {
    ($ty:ident { $($variant:ident),* $(,)? }) => {
        impl Literal for $ty {
            fn write(&self, out: &mut String) {
                out.push_str(match self {
                    $($ty::$variant => concat!(stringify!($ty), "::", stringify!($variant)),)*
                });
            }
        }
    };
}

literal_struct!(ReferenceContent {
    sources,
    factors,
    phases,
    side_effects,
    candidates,
    monitoring,
    evidence
});
literal_struct!(Claim {
    text,
    sources,
    status,
    note
});
literal_struct!(Grade {
    strength,
    certainty,
    status,
    note
});
literal_struct!(ConsensusPosition {
    condition,
    position,
    grade,
    sources,
    status,
    note
});
literal_struct!(Topic { id, title, points });
literal_struct!(Cell { text, status });
literal_enum!(Status {
    Sourced,
    Unverified
});
literal_struct!(Source {
    id,
    kind,
    authors,
    year,
    title,
    publisher,
    doi,
    pmid,
    url,
    unverified,
    note
});
literal_enum!(SourceKind {
    Seed,
    Guideline,
    Trial,
    Review,
    Label,
    Secondary
});
literal_struct!(SeedFactorRow {
    factor,
    why_it_matters,
    example_adjustment
});
literal_struct!(FactorGroup {
    id,
    title,
    seed_row,
    why_it_matters,
    example_adjustment,
    seed_detail,
    calculator_factor_ids,
    entries
});
literal_struct!(FactorEntry {
    id,
    name,
    direction,
    points,
    calculator_factor_ids
});
literal_struct!(FactorsContent { intro, groups });
literal_struct!(SeedStageRow {
    stage,
    frequency,
    purpose
});
literal_struct!(Stage {
    id,
    name,
    seed_row,
    summary,
    when,
    points
});
literal_struct!(SeedDifference {
    id,
    topic,
    seed_dosing,
    seed_frequency
});
literal_struct!(Regimen {
    id,
    study,
    condition,
    design,
    start,
    titration,
    cap,
    session,
    schedule,
    co_medication,
    outcome,
    sources
});
literal_struct!(PhasesContent {
    intro,
    stages,
    patient_day,
    seed_differences,
    seed_differences_note,
    interval_factors,
    scheduling,
    regimens_notes,
    regimens
});
literal_struct!(SideEffectGroup { id, title, points });
literal_struct!(PatientView {
    name,
    feels_like,
    how_long,
    how_long_sources,
    tell_staff,
    diary,
    search_words
});
literal_struct!(SideEffect {
    id,
    name,
    frequency,
    duration,
    group,
    in_seed_table,
    description,
    sources,
    staff,
    literature,
    patient
});
literal_struct!(SideEffectsContent {
    intro,
    groups,
    effects,
    staff_overview
});
literal_enum!(Frequency {
    Common,
    LessCommon,
    Rare,
    NotGraded
});
literal_enum!(EffectGroup {
    DuringAfter,
    Serious,
    LongTerm
});
literal_struct!(Candidate {
    id,
    name,
    from_seed,
    summary,
    sources,
    consensus,
    points
});
literal_struct!(CandidatesContent {
    intro,
    not_candidates,
    extra_caution,
    label_contraindications,
    screening
});
literal_struct!(AdministrationRoute {
    id,
    name,
    summary,
    points
});
literal_struct!(MonitoringContent {
    intro,
    mechanism,
    monitoring,
    routes
});
literal_struct!(ConditionEvidence {
    id,
    condition,
    verdict,
    grade,
    sources,
    regimens
});
literal_struct!(EvidenceContent {
    intro,
    conditions,
    dose_guidance,
    follow_on,
    meta_analyses,
    notes
});
