//! Card vocabulary and routes (issue 8, cargo mutants): comparisons at, just
//! below and just above their thresholds; false flags left out of a card's
//! JSON; the title of every page.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::card::{Compare, ProtocolCard};
use ketamine_dosing_reference::domain::route::Route;

#[test]
fn each_comparison_holds_below_at_and_above_its_threshold_as_named() {
    // (compare, holds just below, holds at, holds just above, inclusive)
    let table = [
        (Compare::AtLeast, false, true, true, true),
        (Compare::Above, false, false, true, false),
        (Compare::Below, true, false, false, false),
        (Compare::AtMost, true, true, false, true),
    ];
    for (compare, below, at, above, inclusive) in table {
        assert_eq!(compare.holds(64.9, 65.0), below, "{compare:?} below");
        assert_eq!(compare.holds(65.0, 65.0), at, "{compare:?} at");
        assert_eq!(compare.holds(65.1, 65.0), above, "{compare:?} above");
        assert_eq!(compare.inclusive(), inclusive, "{compare:?} inclusive");
    }
}

#[test]
fn false_flags_are_left_out_of_a_card_and_true_ones_kept() {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut card: ProtocolCard = serde_json::from_str(text).unwrap();
    card.research_only = false;
    card.minimum_trial_notice = false;
    let json = serde_json::to_string(&card).unwrap();
    assert!(!json.contains("research_only"), "{json}");
    assert!(!json.contains("minimum_trial_notice"), "{json}");
    card.minimum_trial_notice = true;
    let json = serde_json::to_string(&card).unwrap();
    assert!(json.contains("\"minimum_trial_notice\":true"), "{json}");
}

#[test]
fn every_page_has_its_own_title() {
    let expected = [
        (Route::Home, "Home"),
        (Route::Factors, "Dosing factors"),
        (Route::Calculator, "Calculator"),
        (Route::Protocols, "Protocol cards"),
        (Route::NotFound, "Page not found"),
    ];
    for (route, title) in expected {
        assert_eq!(route.title(), title);
    }
    let mut titles: Vec<&str> = Route::NAV.iter().map(|r| r.title()).collect();
    assert!(titles.iter().all(|t| !t.is_empty()));
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), Route::NAV.len(), "titles are distinct");
}
