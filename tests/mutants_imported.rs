//! Imported cards (issue 8, cargo mutants): the edges that the import tests
//! did not pin: exactly 200 problems listed in full, a saved text of exactly
//! the size limit, the byte-order-mark message and the problems of an error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::imported::import::{import_card, ImportError};
use ketamine_dosing_reference::domain::imported::store::{decode, StoreError, STORE_MAX_BYTES};
use ketamine_dosing_reference::domain::imported::text::refused_char;
use ketamine_dosing_reference::domain::library::{builtin, is_known_source, CardLibrary};
use serde_json::{json, Value};

#[path = "common/padded_card.rs"]
mod padded_card;
use padded_card::{padded_card, FULL};

fn clinic_card(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut card: Value = serde_json::from_str(text).unwrap();
    card["id"] = json!(id);
    card
}

fn import(card: &Value) -> Result<String, ImportError> {
    let lib = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    import_card(
        &lib,
        &card.to_string(),
        "clinic.json",
        "2026-11-22",
        &is_known_source,
    )
    .map(|done| done.id)
}

/// A card with `factors` copies of its first factor, each with two
/// refused characters (one in the label, one in the note).
fn card_with_refused_texts(factors: usize) -> Value {
    let mut card = clinic_card("clinic-overrides");
    let f = card["factors"][0].clone();
    card["factors"] = Value::Array(
        (0..factors)
            .map(|i| {
                let mut f = f.clone();
                f["id"] = json!(format!("f{i}"));
                f["label"] = json!("a\u{202e}b");
                f["note"] = json!("c\u{202e}d");
                f
            })
            .collect(),
    );
    card
}

#[test]
fn exactly_two_hundred_problems_are_all_listed_without_a_summary() {
    let err = import(&card_with_refused_texts(100)).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 200);
    assert!(problems
        .iter()
        .all(|p| !p.to_string().contains("more problems are not listed")));
    // One more is summarised.
    let err = import(&card_with_refused_texts(101)).unwrap_err();
    assert_eq!(err.problems().len(), 201);
    assert!(err.problems()[200]
        .to_string()
        .contains("2 more problems are not listed"));
}

#[test]
fn an_import_error_gives_its_problems_and_other_errors_give_none() {
    let mut bad = clinic_card("clinic-bad");
    bad["base_rate"]["value"] = json!(9);
    let err = import(&bad).unwrap_err();
    assert!(matches!(err, ImportError::Problems(_)));
    assert!(!err.problems().is_empty());
    assert!(err.problems()[0].to_string().contains("base_rate"));
    assert!(ImportError::TooManyCards { max: 20 }.problems().is_empty());
}

#[test]
fn saved_text_of_exactly_the_size_limit_is_read_not_refused_for_size() {
    let too_large = |text: &str| match decode(text) {
        Err(StoreError::Unreadable(why)) => why.contains("this app ever saves"),
        _ => false,
    };
    let at_limit = " ".repeat(STORE_MAX_BYTES);
    assert!(
        !too_large(&at_limit),
        "exactly the limit is read (and found not to be JSON)"
    );
    assert!(decode(&at_limit).is_err());
    assert!(too_large(&" ".repeat(STORE_MAX_BYTES + 1)));
    // Its size as the limit is written (2 MB), in bytes where it would
    // read as the limit.
    let why = |text: &str| match decode(text) {
        Err(StoreError::Unreadable(why)) => why,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        why(&" ".repeat(STORE_MAX_BYTES + 1)),
        "2,097,153 bytes, more than the 2 MB (2,097,152 bytes) this app ever saves"
    );
    assert_eq!(
        why(&" ".repeat(2_603_665)),
        "2.5 MB, more than the 2 MB this app ever saves"
    );
}

#[test]
fn a_byte_order_mark_inside_a_text_is_named_as_such() {
    let why = refused_char('\u{feff}').unwrap();
    assert!(why.contains("byte-order mark"), "{why}");
    assert_eq!(refused_char('a'), None);
    assert_eq!(refused_char('\n'), None);
}

fn import_into(lib: &CardLibrary, card: &Value) -> Result<CardLibrary, ImportError> {
    import_card(
        lib,
        &card.to_string(),
        "clinic.json",
        "2026-11-22",
        &is_known_source,
    )
    .map(|done| done.library)
}

#[test]
fn saved_cards_may_fill_the_storage_limit_exactly() {
    // Fill the store with large cards until the next one does not fit.
    let mut lib = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    for i in 0..8 {
        match import_into(&lib, &padded_card(clinic_card(&format!("big-{i}")), FULL)) {
            Ok(next) => lib = next,
            Err(ImportError::StoreFull { .. }) => break,
            Err(other) => panic!("{other}"),
        }
    }
    let saved = |lib: &CardLibrary| lib.store_text().unwrap().len();
    let before = saved(&lib);
    // The size with the smallest padding, whether or not it fits.
    let smallest = match import_into(&lib, &padded_card(clinic_card("exact"), 0)) {
        Ok(next) => saved(&next),
        Err(ImportError::StoreFull { bytes, .. }) => bytes,
        Err(other) => panic!("{other}"),
    };
    assert!(before < smallest && smallest <= STORE_MAX_BYTES);
    let extra = STORE_MAX_BYTES - smallest;
    let exact = import_into(&lib, &padded_card(clinic_card("exact"), extra)).unwrap();
    assert_eq!(saved(&exact), STORE_MAX_BYTES);
    match import_into(&lib, &padded_card(clinic_card("exact"), extra + 1)) {
        Err(err @ ImportError::StoreFull { bytes, max }) => {
            assert_eq!((bytes, max), (STORE_MAX_BYTES + 1, STORE_MAX_BYTES));
            // One byte over 2 MB is not called "2 MB, more than the 2 MB".
            assert_eq!(
                err.to_string(),
                "The card was not imported: with it the saved cards would take 2,097,153 bytes, more than the 2 MB (2,097,152 bytes) the app allows itself in this browser's storage. Remove a card first."
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_refusal_counts_its_problems_in_words() {
    let count = |e: &ImportError| e.problems().len();
    let many = import(&card_with_refused_texts(2)).unwrap_err();
    assert_eq!(count(&many), 4);
    assert!(
        many.to_string()
            .starts_with("The card was not imported: 4 problems found."),
        "{many}"
    );
    let single = import(&card_with_refused_texts(1)).unwrap_err();
    let mut lone = clinic_card("clinic-one");
    lone["name"] = json!("a\u{202e}b");
    let lone = import(&lone).unwrap_err();
    assert_eq!(count(&single), 2);
    assert_eq!(count(&lone), 1);
    assert!(
        lone.to_string()
            .starts_with("The card was not imported: 1 problem found."),
        "{lone}"
    );
}

#[test]
fn a_file_name_of_exactly_the_longest_length_is_kept_whole() {
    use ketamine_dosing_reference::domain::imported::text::{clean_file_name, MAX_FILE_NAME_CHARS};
    let longest = "f".repeat(MAX_FILE_NAME_CHARS);
    assert_eq!(clean_file_name(&longest), longest);
    let shortened = clean_file_name(&format!("{longest}g"));
    assert_eq!(shortened.chars().count(), MAX_FILE_NAME_CHARS);
    assert!(shortened.ends_with("f\u{2026}"), "{shortened}");
}

#[test]
fn a_file_name_of_120_characters_is_kept_and_one_of_121_is_cut_to_120() {
    use ketamine_dosing_reference::domain::imported::text::clean_file_name;
    let name = |chars: usize| format!("{}.json", "f".repeat(chars - 5));
    let longest = name(120);
    assert_eq!(longest.chars().count(), 120);
    assert_eq!(clean_file_name(&longest), longest);
    let cut = clean_file_name(&name(121));
    assert_eq!(cut.chars().count(), 120, "{cut}");
    // The first 119 characters, then an ellipsis.
    assert_eq!(cut, format!("{}.js\u{2026}", "f".repeat(116)));
}

#[test]
fn with_the_most_cards_kept_a_built_in_card_imported_again_replaces_its_copy() {
    let builtin_file = clinic_card("crps-4h");
    let mut lib = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    lib = import_into(&lib, &builtin_file).unwrap();
    for i in 1..20 {
        lib = import_into(&lib, &clinic_card(&format!("clinic-{i}"))).unwrap();
    }
    assert_eq!(lib.imported_count(), 20);
    // The same built-in file again is imported under the same new id,
    // replacing its earlier copy, so it does not count as a 21st card:
    // unchanged (kept as it is), and changed (a new version replaces it).
    let again = import_into(&lib, &builtin_file).unwrap();
    assert_eq!(again.imported_count(), 20);
    let mut newer = builtin_file.clone();
    newer["version"] = json!("9.0.0");
    let replaced = import_into(&lib, &newer).unwrap();
    assert_eq!(replaced.imported_count(), 20);
    assert_eq!(
        replaced
            .get("crps-4h-imported")
            .map(|c| c.card.card().version.clone()),
        Some("9.0.0".to_string())
    );
    assert!(matches!(
        import_into(&lib, &clinic_card("clinic-20")),
        Err(ImportError::TooManyCards { max: 20 })
    ));
}
