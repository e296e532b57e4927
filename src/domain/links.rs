//! Where each calculator factor is explained: an entry of the factors page,
//! or, for the safety-screen rules, an entry of the candidates page.

use crate::domain::reference::ReferenceContent;
use crate::domain::route::Route;

/// Safety-screen factors and compiled rules, explained on `#/candidates`
/// (factor id → candidates entry id).
const CANDIDATE_ENTRIES: [(&str, &str); 6] = [
    ("pregnancy-breastfeeding", "pregnancy-breastfeeding"),
    ("psychosis-active", "active-psychosis"),
    ("psychosis-history", "active-psychosis"),
    ("substance-active", "substance-misuse"),
    ("substance-past", "substance-misuse"),
    ("under-18", "children-adolescents"),
];

/// The factors-page entry that explains how the dosing weight is chosen.
pub const DOSING_WEIGHT_ENTRY: &str = "dosing-weight-obesity";

/// A link to where a calculator factor (or compiled rule) is explained, as
/// `#/factors?entry=<id>` or `#/candidates?entry=<id>`; `None` if no entry
/// names it.
pub fn factor_link(content: &ReferenceContent, factor_id: &str) -> Option<String> {
    let on_factors = content
        .factors
        .groups
        .iter()
        .flat_map(|g| g.entries.iter())
        .find(|e| e.calculator_factor_ids.iter().any(|id| id == factor_id))
        .map(|e| entry_link(Route::Factors, &e.id));
    on_factors.or_else(|| {
        CANDIDATE_ENTRIES
            .iter()
            .find(|(f, _)| *f == factor_id)
            .map(|(_, entry)| entry_link(Route::Candidates, entry))
    })
}

/// `#/<page>?entry=<id>`: the page scrolls to, and focuses, that entry.
pub fn entry_link(route: Route, entry_id: &str) -> String {
    format!("{}?entry={entry_id}", route.href())
}

/// The `entry` parameter of a page query, if any.
pub fn entry_param(query: &str) -> Option<&str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("entry="))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dosing::builtin_cards;
    use crate::domain::dosing::engine::UNDER_AGE_RULE_ID;
    use crate::domain::reference::content;

    #[test]
    fn every_factor_of_every_built_in_card_has_an_explanation_that_exists() {
        let content = content().unwrap();
        let known = |id: &str| content.sources.iter().any(|s| s.id == id);
        let cards = builtin_cards(&known).unwrap();
        let factor_entries: Vec<&str> = content
            .factors
            .groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.id.as_str()))
            .collect();
        let candidate_entries: Vec<&str> = content
            .candidates
            .not_candidates
            .iter()
            .chain(content.candidates.extra_caution.iter())
            .map(|c| c.id.as_str())
            .collect();
        let mut ids: Vec<&str> = cards
            .iter()
            .flat_map(|c| c.factors().iter().map(|f| f.id()))
            .collect();
        ids.push(UNDER_AGE_RULE_ID);
        for id in ids {
            let link = factor_link(content, id).unwrap_or_else(|| panic!("{id} has no link"));
            let entry = link.split("entry=").nth(1).unwrap();
            if link.starts_with("#/factors?") {
                assert!(factor_entries.contains(&entry), "{id} → {link}");
            } else {
                assert!(link.starts_with("#/candidates?"), "{link}");
                assert!(candidate_entries.contains(&entry), "{id} → {link}");
            }
        }
        assert!(factor_entries.contains(&DOSING_WEIGHT_ENTRY));
    }

    #[test]
    fn unknown_factors_have_no_link() {
        assert_eq!(factor_link(content().unwrap(), "no-such-factor"), None);
    }

    #[test]
    fn entry_param_accepts_only_plain_ids() {
        assert_eq!(entry_param("entry=older-age"), Some("older-age"));
        assert_eq!(entry_param("x=1&entry=cyp-inducers"), Some("cyp-inducers"));
        assert_eq!(entry_param("entry="), None);
        assert_eq!(entry_param("entry=a\"b"), None);
        assert_eq!(entry_param("weight_kg=70"), None);
    }
}
