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
