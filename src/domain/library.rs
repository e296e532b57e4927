//! The protocol cards the app offers: the built-in cards, validated once
//! against the hard limits and the sources file, and looked up by id.

use std::sync::OnceLock;

use crate::domain::dosing::builtin::{builtin_cards, BuiltinProblem};
use crate::domain::dosing::ValidCard;
use crate::domain::reference;

static BUILTIN: OnceLock<Result<Vec<ValidCard>, Vec<BuiltinProblem>>> = OnceLock::new();

/// Whether `id` names a source in `assets/content/sources.json`.
pub fn is_known_source(id: &str) -> bool {
    reference::content().is_ok_and(|c| c.source(id).is_some())
}

/// The built-in cards in `BUILTIN_CARDS` order, or every problem found.
/// Native tests prove the shipped cards validate, so the error path is a
/// safety net that the UI shows as a message, never a crash.
pub fn builtin() -> Result<&'static [ValidCard], &'static [BuiltinProblem]> {
    match BUILTIN.get_or_init(|| builtin_cards(&is_known_source)) {
        Ok(cards) => Ok(cards.as_slice()),
        Err(problems) => Err(problems.as_slice()),
    }
}

/// The card with this id among `cards`.
pub fn find<'c>(cards: &'c [ValidCard], id: &str) -> Option<&'c ValidCard> {
    cards.iter().find(|c| c.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_card_loads_against_the_shipped_sources() {
        let cards = builtin().unwrap();
        let ids: Vec<&str> = cards.iter().map(|c| c.id()).collect();
        assert_eq!(
            ids,
            [
                "outpatient-consensus",
                "crps-4h",
                "crps-continuous",
                "headache-inpatient",
                "fibromyalgia-short"
            ]
        );
        assert!(find(cards, "crps-4h").is_some());
        assert!(find(cards, "nope").is_none());
    }

    #[test]
    fn known_sources_come_from_the_sources_file() {
        assert!(is_known_source("R2"));
        assert!(is_known_source("seed-dosing"));
        assert!(!is_known_source("R999"));
    }
}
