//! Reference content (issue 8, cargo mutants): lookups return exactly the
//! sources asked for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::reference::{content, SourceKind};

#[test]
fn sources_of_kind_gives_only_and_all_sources_of_that_kind() {
    let c = content().unwrap();
    let mut total = 0;
    for kind in SourceKind::ALL {
        let of_kind: Vec<_> = c.sources_of_kind(kind).collect();
        assert!(!of_kind.is_empty(), "{kind:?}");
        assert!(of_kind.iter().all(|s| s.kind == kind), "{kind:?}");
        total += of_kind.len();
    }
    assert_eq!(total, c.sources.len());
    let first = &c.sources[0];
    assert_eq!(c.source(&first.id).unwrap().id, first.id);
    assert!(c.source("no-such-source").is_none());
}

#[test]
fn each_source_kind_has_its_own_key_and_badge() {
    use ketamine_dosing_reference::domain::reference::SourceKind as K;
    let expected = [
        (K::Seed, "seed", "seed article"),
        (K::Guideline, "guideline", "guideline"),
        (K::Trial, "trial", "study"),
        (K::Review, "review", "review"),
        (K::Label, "label", "label"),
        (K::Secondary, "secondary", "secondary source"),
    ];
    assert_eq!(expected.len(), SourceKind::ALL.len());
    for (kind, key, badge) in expected {
        assert_eq!(kind.key(), key);
        assert_eq!(kind.badge(), badge);
    }
}

#[test]
fn a_source_short_label_is_authors_year_and_title() {
    let c = content().unwrap();
    let s = &c.sources[0];
    assert_eq!(
        s.short_label(),
        format!("{} ({}). {}", s.authors, s.year, s.title)
    );
    assert!(s.short_label().starts_with(&s.authors));
}

#[test]
fn a_calculator_factor_id_that_is_not_kebab_case_is_reported() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let mut broken = content().unwrap().clone();
    broken.factors.groups[0].calculator_factor_ids = vec!["Not Kebab".into()];
    broken.factors.groups[1].entries[0].calculator_factor_ids = vec!["also_wrong".into()];
    let bad: Vec<String> = validate(&broken)
        .into_iter()
        .filter_map(|p| match p {
            ContentProblem::InvalidId { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(bad, ["Not Kebab", "also_wrong"]);
    assert!(validate(content().unwrap()).is_empty());
}
