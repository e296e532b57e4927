//! The built-in protocol cards, embedded from `assets/protocols/<id>.json`
//! (minified by `build.rs`).
//!
//! Card ids are public (share links use them). Each file is parsed and
//! validated by the same rules as an imported card.

use super::problem::CardProblem;
use super::validate::{parse_card, KnownSources, ValidCard};

/// Every built-in card: `(id, JSON text)`, in the order the picker shows them.
pub const BUILTIN_CARDS: &[(&str, &str)] = &[
    (
        "outpatient-consensus",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/protocols-outpatient-consensus.json"
        )),
    ),
    (
        "crps-4h",
        include_str!(concat!(env!("OUT_DIR"), "/protocols-crps-4h.json")),
    ),
    (
        "crps-continuous",
        include_str!(concat!(env!("OUT_DIR"), "/protocols-crps-continuous.json")),
    ),
    (
        "headache-inpatient",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/protocols-headache-inpatient.json"
        )),
    ),
    (
        "fibromyalgia-short",
        include_str!(concat!(
            env!("OUT_DIR"),
            "/protocols-fibromyalgia-short.json"
        )),
    ),
];

/// Problems with one built-in card (never expected: a test checks them all).
#[derive(Clone, Debug, PartialEq)]
pub struct BuiltinProblem {
    /// The card id as listed in [`BUILTIN_CARDS`].
    pub id: String,
    /// Every problem found.
    pub problems: Vec<CardProblem>,
}

/// Parses and validates one built-in card; the JSON `id` must match the
/// listed id.
pub fn builtin_card(
    id: &str,
    known_sources: KnownSources<'_>,
) -> Option<Result<ValidCard, BuiltinProblem>> {
    let (listed, json) = BUILTIN_CARDS.iter().find(|(i, _)| *i == id)?;
    Some(load(listed, json, known_sources))
}

fn load(
    listed: &str,
    json: &str,
    known_sources: KnownSources<'_>,
) -> Result<ValidCard, BuiltinProblem> {
    let card = parse_card(json, known_sources).map_err(|problems| BuiltinProblem {
        id: listed.to_string(),
        problems,
    })?;
    if card.id() != listed {
        return Err(BuiltinProblem {
            id: listed.to_string(),
            problems: vec![CardProblem::Invalid {
                path: "id".to_string(),
                message: format!(
                    "the file says \"{}\" but is listed as \"{listed}\".",
                    card.id()
                ),
            }],
        });
    }
    Ok(card)
}

/// Every built-in card, parsed and validated, in [`BUILTIN_CARDS`] order;
/// or every card that failed, with its problems.
pub fn builtin_cards(
    known_sources: KnownSources<'_>,
) -> Result<Vec<ValidCard>, Vec<BuiltinProblem>> {
    let mut cards = Vec::new();
    let mut failures = Vec::new();
    for (id, json) in BUILTIN_CARDS {
        match load(id, json, known_sources) {
            Ok(c) => cards.push(c),
            Err(p) => failures.push(p),
        }
    }
    if failures.is_empty() {
        Ok(cards)
    } else {
        Err(failures)
    }
}
