//! Card library (issue 8, cargo mutants): counts and id lookups with both
//! usable and unusable saved cards.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::imported::store::{encode, ImportMeta, StoredCard};
use ketamine_dosing_reference::domain::json;
use ketamine_dosing_reference::domain::library::{builtin, is_known_source, CardLibrary};
use serde_json::{json, Value};

fn clinic_card(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut card: Value = serde_json::from_str(text).unwrap();
    card["id"] = json!(id);
    card["name"] = json!(format!("Clinic card {id}"));
    card
}

fn stored(file: &str, card: Value) -> StoredCard {
    StoredCard {
        meta: ImportMeta {
            file_name: file.into(),
            imported_on: "2026-11-22".into(),
            renamed_from: None,
        },
        card: json::parse_value(&card.to_string()).unwrap(),
    }
}

/// Two usable saved cards and one that no longer validates.
fn library() -> CardLibrary {
    let mut bad = clinic_card("clinic-bad");
    bad["base_rate"]["value"] = json!(9);
    let text = encode(&[
        stored("a.json", clinic_card("clinic-a")),
        stored("b.json", clinic_card("clinic-b")),
        stored("bad.json", bad),
    ]);
    CardLibrary::load(builtin().unwrap(), Ok(Some(text)), &is_known_source)
}

#[test]
fn imported_count_adds_usable_and_unusable_cards() {
    let lib = library();
    assert_eq!(lib.unusable().len(), 1);
    assert_eq!(lib.imported_count(), 3);
    let empty = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    assert_eq!(empty.imported_count(), 0);
}

#[test]
fn is_taken_looks_at_every_kind_of_card() {
    let lib = library();
    assert!(lib.is_taken("crps-4h"));
    assert!(lib.is_taken("clinic-a"));
    assert!(lib.is_taken("clinic-bad"));
    assert!(!lib.is_taken("clinic-c"));
    assert!(!lib.is_imported("clinic-bad"));
    assert!(lib.is_imported("clinic-b"));
    assert!(!lib.is_builtin("clinic-b"));
    assert!(lib.is_builtin("crps-4h"));
}

#[test]
fn without_removes_only_imported_cards_that_exist() {
    let lib = library();
    // No card has this id: nothing to remove, even with an unusable card kept.
    assert!(lib.without("clinic-c").is_none());
    // Built-in cards are not removed this way.
    assert!(lib.without("crps-4h").is_none());
    let fewer = lib.without("clinic-bad").unwrap();
    assert!(fewer.unusable().is_empty());
    assert_eq!(fewer.imported_count(), 2);
    let fewer = lib.without("clinic-a").unwrap();
    assert!(!fewer.is_taken("clinic-a"));
    assert_eq!(fewer.imported_count(), 2);
}

#[test]
fn list_labels_name_the_card_and_flag_imported_and_research_cards() {
    use ketamine_dosing_reference::domain::imported::IMPORTED_LABEL;
    let lib = library();
    let entries = lib.entries();
    let builtin = entries.iter().find(|e| e.imported.is_none()).unwrap();
    let card = builtin.card.card();
    let expected = if card.research_only {
        format!("{} ({}) — research only", card.name, card.id)
    } else {
        format!("{} ({})", card.name, card.id)
    };
    assert_eq!(builtin.list_label(), expected);
    let imported = entries.iter().find(|e| e.imported.is_some()).unwrap();
    let card = imported.card.card();
    assert_eq!(
        imported.list_label(),
        format!("{IMPORTED_LABEL}: {} ({})", card.name, card.id)
    );
    assert!(entries
        .iter()
        .filter(|e| e.card.card().research_only)
        .all(|e| e.list_label().ends_with(" — research only")));
}
