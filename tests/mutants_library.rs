//! Card library (issue 8, cargo mutants): counts and id lookups with both
//! usable and unusable saved cards.
// Tests do not ship in the wasm: the standard library's lower case is fine here.
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::imported::store::{encode, ImportMeta, StoredCard};
use ketamine_dosing_reference::domain::json;
use ketamine_dosing_reference::domain::library::{
    builtin, is_known_source, CardLibrary, LibraryEntry, SavedState,
};
use serde_json::{json, Value};

#[path = "common/clinic_card.rs"]
mod clinic_card;
use clinic_card::clinic_card;

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
    assert!(!card.research_only);
    assert_eq!(builtin.list_label(), format!("{} ({})", card.name, card.id));
    let imported = entries.iter().find(|e| e.imported.is_some()).unwrap();
    let card = imported.card.card();
    assert_eq!(
        imported.list_label(),
        format!("{IMPORTED_LABEL}: {} ({})", card.name, card.id)
    );
    // A research card says so once: the built-in one in its name, so the
    // flag is not added again.
    let research = entries
        .iter()
        .find(|e| e.card.id() == "fibromyalgia-short")
        .unwrap();
    assert!(research.card.card().research_only);
    assert_eq!(
        research.list_label(),
        "Fibromyalgia short infusion (Noppers 2011, research only) (fibromyalgia-short)"
    );
    // Named otherwise, the flag follows the name and id.
    let mut renamed = research.card.card().clone();
    renamed.name = "Fibromyalgia short infusion".to_string();
    let renamed =
        ketamine_dosing_reference::domain::dosing::validate::validate(&renamed, &is_known_source)
            .unwrap();
    let entry = LibraryEntry {
        card: &renamed,
        imported: None,
    };
    assert_eq!(
        entry.list_label(),
        "Fibromyalgia short infusion (fibromyalgia-short) — research only"
    );
    for e in &entries {
        let label = e.list_label().to_lowercase();
        assert_eq!(
            label.matches("research only").count(),
            usize::from(e.card.card().research_only),
            "{label}"
        );
    }
}

/// `library()` saved, then one more card that only this page holds.
fn with_held_card(lib: &CardLibrary, id: &str) -> CardLibrary {
    let extra = encode(&[stored("x.json", clinic_card(id))]);
    let one = CardLibrary::load(builtin().unwrap(), Ok(Some(extra)), &is_known_source);
    let entry = one.get(id).unwrap();
    lib.with_card(entry.card.clone(), entry.imported.unwrap().clone())
}

fn imported_ids(lib: &CardLibrary) -> Vec<String> {
    let mut ids: Vec<String> = lib
        .entries()
        .iter()
        .filter(|e| e.imported.is_some())
        .map(|e| e.card.id().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_refused_write_holds_the_cards_in_the_page_until_a_write_works() {
    let read = library();
    assert_eq!(*read.saved_state(), SavedState::Read);
    assert!(!read.saved_state().held_in_page());
    // A write that works changes nothing.
    assert_eq!(
        *read.clone().after_write(&Ok(())).saved_state(),
        SavedState::Read
    );
    let refused = read.clone().after_write(&Err("full".into()));
    assert_eq!(*refused.saved_state(), SavedState::Refused("full".into()));
    assert!(refused.saved_state().held_in_page());
    assert!(refused.saved_state().writable());
    assert_eq!(
        refused.saved_state().message().unwrap(),
        "This browser did not save the last change to the imported cards (full). The cards listed here stay on this page; closing or reloading it loses what was not saved, unless a later import or removal here is saved, which saves them all."
    );
    // Refused again: the latest reason.
    let again = refused.clone().after_write(&Err("still full".into()));
    assert_eq!(
        *again.saved_state(),
        SavedState::Refused("still full".into())
    );
    // A write that works saves every card held: read again.
    assert_eq!(
        *refused.after_write(&Ok(())).saved_state(),
        SavedState::Read
    );
    // No storage at all, and unreadable saved text, stay as they are.
    let none = CardLibrary::load(
        builtin().unwrap(),
        Err("no storage".into()),
        &is_known_source,
    );
    assert!(none.saved_state().held_in_page());
    let after = none.clone().after_write(&Err("no storage".into()));
    assert_eq!(
        *after.saved_state(),
        SavedState::Unavailable("no storage".into())
    );
    assert_eq!(
        *none.after_write(&Ok(())).saved_state(),
        SavedState::Unavailable("no storage".into())
    );
    let locked = CardLibrary::load(builtin().unwrap(), Ok(Some("{".into())), &is_known_source);
    assert!(!locked.saved_state().held_in_page());
    let after = locked.after_write(&Err("x".into()));
    assert!(matches!(after.saved_state(), SavedState::Locked(_)));
    let not_read = CardLibrary::builtin_only(builtin().unwrap());
    assert!(!not_read.saved_state().held_in_page());
    assert_eq!(
        *not_read.after_write(&Err("x".into())).saved_state(),
        SavedState::NotRead
    );
}

#[test]
fn another_tabs_save_keeps_the_cards_this_page_could_not_save() {
    let saved_elsewhere = library();
    // A page whose write worked takes the other tab's cards as they are.
    let page = with_held_card(&library(), "clinic-held");
    let taken = page.keeping_unsaved(saved_elsewhere.clone());
    assert_eq!(imported_ids(&taken), ["clinic-a", "clinic-b"]);
    assert_eq!(*taken.saved_state(), SavedState::Read);
    // A page whose write was refused keeps its card the other tab lacks.
    let refused = page.after_write(&Err("full".into()));
    let merged = refused.keeping_unsaved(saved_elsewhere.clone());
    assert_eq!(
        imported_ids(&merged),
        ["clinic-a", "clinic-b", "clinic-held"]
    );
    assert_eq!(*merged.saved_state(), SavedState::Refused("full".into()));
    // A card this page replaced and could not save takes the place of the
    // saved one, where the other tab saved that one as it was.
    let mut newer = clinic_card("clinic-a");
    newer["name"] = json!("Replaced here");
    let replaced_here = library()
        .with_card(
            CardLibrary::load(
                builtin().unwrap(),
                Ok(Some(encode(&[stored("a2.json", newer)]))),
                &is_known_source,
            )
            .get("clinic-a")
            .unwrap()
            .card
            .clone(),
            library().imported_meta("clinic-a").unwrap().clone(),
        )
        .after_write(&Err("full".into()));
    let merged = replaced_here.keeping_unsaved(saved_elsewhere.clone());
    assert_eq!(imported_ids(&merged), ["clinic-a", "clinic-b"]);
    assert_eq!(
        merged.get("clinic-a").unwrap().card.card().name,
        "Replaced here"
    );
    assert_eq!(*merged.saved_state(), SavedState::Refused("full".into()));
    assert_eq!(merged.left_out_message(), None);
    // Taken up twice: still this page's card (it replaced the same one).
    let again = merged.keeping_unsaved(saved_elsewhere.clone());
    assert_eq!(
        again.get("clinic-a").unwrap().card.card().name,
        "Replaced here"
    );
    // The other tab saved another card under that id meanwhile: its card
    // stays, and this page's is named.
    let mut theirs = clinic_card("clinic-a");
    theirs["name"] = json!("Saved elsewhere");
    let their_lib = CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&[stored("t.json", theirs)]))),
        &is_known_source,
    );
    let merged = replaced_here.keeping_unsaved(their_lib.clone());
    assert_eq!(
        merged.get("clinic-a").unwrap().card.card().name,
        "Saved elsewhere"
    );
    assert!(merged.is_left_out("clinic-a"));
    assert_eq!(
        merged.left_out_note("clinic-a").unwrap(),
        "Another tab saved a different card under the id \u{201c}clinic-a\u{201d} meanwhile. The figures here come from that card, not from the one imported on this page: check which is meant, and import yours again on the Protocol cards page if needed."
    );
    assert_eq!(merged.left_out_note("clinic-b"), None);
    assert_eq!(merged.left_out_note("crps-4h"), None);
    assert_eq!(
        merged.left_out_message().unwrap(),
        "Another tab saved a different card under the id \u{201c}clinic-a\u{201d} meanwhile: that card is the one shown and saved, and the one imported here is no longer on this page. Check which is meant, and import it again if needed."
    );
    // Nothing is held now, and the notice stays through the next take-up.
    assert_eq!(*merged.saved_state(), SavedState::Read);
    let later = merged.keeping_unsaved(their_lib.clone());
    assert!(later.is_left_out("clinic-a"));
    let refused_again = later.clone().after_write(&Err("full".into()));
    assert!(refused_again.is_left_out("clinic-a"));
    assert!(!refused_again.after_write(&Ok(())).is_left_out("clinic-a"));
    // A new card here and one with its id saved elsewhere: theirs stays.
    let held_new = with_held_card(&library(), "clinic-c").after_write(&Err("full".into()));
    let clash = CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&[stored("c.json", clinic_card("clinic-c"))]))),
        &is_known_source,
    );
    let clashed = held_new.keeping_unsaved(clash);
    assert!(clashed.is_left_out("clinic-c"));
    assert!(clashed
        .left_out_note("clinic-c")
        .unwrap()
        .starts_with("Another tab saved a different card under the id \u{201c}clinic-c\u{201d} meanwhile. The figures here come from that card"));
    // Then that tab removes it: no card is under the id, and the note says
    // only that this page's card went (it names no figures).
    let gone = clashed.keeping_unsaved(library().without("clinic-a").unwrap());
    assert!(gone.get("clinic-c").is_none());
    assert_eq!(
        gone.left_out_note("clinic-c").unwrap(),
        "The card \u{201c}clinic-c\u{201d} imported on this page is no longer on it: another tab saved the imported cards meanwhile without it. Import it again on the Protocol cards page, or choose another card."
    );
    // Every card imported since: two held, both kept.
    let two = with_held_card(&with_held_card(&library(), "clinic-h1"), "clinic-h2")
        .after_write(&Err("full".into()));
    let merged = two.keeping_unsaved(saved_elsewhere.clone());
    assert_eq!(
        imported_ids(&merged),
        ["clinic-a", "clinic-b", "clinic-h1", "clinic-h2"]
    );
    // A card this page had saved and the other tab removed stays removed.
    let removed = saved_elsewhere.without("clinic-a").unwrap();
    let merged = refused.keeping_unsaved(removed);
    assert_eq!(imported_ids(&merged), ["clinic-b", "clinic-held"]);
    // Once a write has worked, nothing is held back: a later refusal has
    // no card of its own to keep, and the other tab's cards are taken.
    let saved_then_refused = refused
        .clone()
        .after_write(&Ok(()))
        .after_write(&Err("full".into()));
    let merged = saved_then_refused.keeping_unsaved(library());
    assert_eq!(imported_ids(&merged), ["clinic-a", "clinic-b"]);
    assert_eq!(*merged.saved_state(), SavedState::Read);
    // The limits of what is kept: with 20 cards saved elsewhere, the card
    // held here is left out, so a later write stays readable.
    let many: Vec<_> = (0..20)
        .map(|i| stored("m.json", clinic_card(&format!("clinic-m{i}"))))
        .collect();
    let full = CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&many))),
        &is_known_source,
    );
    let merged = refused.keeping_unsaved(full.clone());
    assert_eq!(merged.imported_count(), 20);
    assert!(!merged.is_taken("clinic-held"));
    assert_eq!(*merged.saved_state(), SavedState::Read);
    assert_eq!(
        merged.left_out_message().unwrap(),
        "Another tab saved imported cards meanwhile, and with them \u{201c}clinic-held\u{201d} imported here could not be kept within the limits of 20 cards and 2 MB, so it is no longer on this page: import it again after removing a card."
    );
    assert_eq!(
        merged.left_out_note("clinic-held").unwrap(),
        "The card \u{201c}clinic-held\u{201d} imported on this page is no longer on it: another tab saved imported cards meanwhile, and with them it could not be kept within the limits of 20 cards and 2 MB. Import it again on the Protocol cards page after removing a card, or choose another card."
    );
    assert_eq!(merged.left_out_note("clinic-m0"), None);
    // A card saved elsewhere later under that id: its figures are shown, and
    // the note says so instead of "no longer on it".
    let mut later: Vec<_> = many.clone();
    later[0] = stored("h.json", clinic_card("clinic-held"));
    let arrived = merged.keeping_unsaved(CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&later))),
        &is_known_source,
    ));
    assert!(arrived.get("clinic-held").is_some());
    assert!(arrived
        .left_out_note("clinic-held")
        .unwrap()
        .contains("The figures here come from that card, not from the one imported on this page"));
    // Said until the next write.
    assert_eq!(merged.clone().after_write(&Ok(())).left_out_message(), None);
    assert_eq!(
        merged.after_write(&Ok(())).left_out_note("clinic-held"),
        None
    );
    let two_left = two.keeping_unsaved(full);
    assert!(two_left
        .left_out_message()
        .unwrap()
        .contains("\u{201c}clinic-h1\u{201d}, \u{201c}clinic-h2\u{201d} imported here could not be kept within the limits of 20 cards and 2 MB, so they are no longer on this page: import them again"));
    // A held card that replaces one of the 20 saved fits.
    let twenty = || {
        CardLibrary::load(
            builtin().unwrap(),
            Ok(Some(encode(&many))),
            &is_known_source,
        )
    };
    let mut m3 = clinic_card("clinic-m3");
    m3["name"] = json!("Replaced here");
    let m3 = CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&[stored("m3.json", m3)]))),
        &is_known_source,
    );
    let m3 = m3.get("clinic-m3").unwrap();
    let replacing = twenty()
        .with_card(m3.card.clone(), m3.imported.unwrap().clone())
        .after_write(&Err("full".into()));
    let merged = replacing.keeping_unsaved(twenty());
    assert_eq!(merged.imported_count(), 20);
    assert_eq!(merged.left_out_message(), None);
    assert_eq!(*merged.saved_state(), SavedState::Refused("full".into()));
    let nineteen = CardLibrary::load(
        builtin().unwrap(),
        Ok(Some(encode(&many[..19]))),
        &is_known_source,
    );
    let merged = refused.keeping_unsaved(nineteen);
    assert_eq!(merged.imported_count(), 20);
    assert!(merged.is_taken("clinic-held"));
    // Saved text this page cannot read, or no storage: taken as it is.
    let locked = CardLibrary::load(builtin().unwrap(), Ok(Some("{".into())), &is_known_source);
    let kept = refused.keeping_unsaved(locked);
    assert!(matches!(kept.saved_state(), SavedState::Locked(_)));
    assert!(imported_ids(&kept).is_empty());
}

#[test]
fn removal_and_not_saved_messages_say_what_a_reload_does() {
    let full = Err("the browser's storage for this page is full".to_string());
    let refused = SavedState::Refused("full".into());
    let unavailable = SavedState::Unavailable("no storage".into());
    assert_eq!(
        SavedState::Read.removal_message("clinic-a", &Ok(())),
        "The card \u{201c}clinic-a\u{201d} was removed from this browser."
    );
    assert_eq!(
        refused.removal_message("clinic-a", &full),
        "The card \u{201c}clinic-a\u{201d} was removed from this page, but this browser did not save the change (the browser's storage for this page is full): reloading or closing the page brings the card back, unless a later change to the cards here is saved."
    );
    assert_eq!(
        unavailable.removal_message("clinic-a", &Err("no storage".into())),
        "The card \u{201c}clinic-a\u{201d} was removed from this page. This browser keeps no imported cards (no storage), so nothing else was needed."
    );
    assert_eq!(
        SavedState::NotRead.removal_message("clinic-a", &Err("not read".into())),
        "The card \u{201c}clinic-a\u{201d} was removed for this page, but the change could not be saved (not read)."
    );
    assert_eq!(
        refused.not_saved_message("full"),
        "It could not be saved in this browser (full). It stays on this page; closing or reloading the page loses it, unless a later change to the cards here is saved."
    );
    assert_eq!(
        unavailable.not_saved_message("no storage"),
        "It could not be saved in this browser (no storage): it will be gone when this page is closed."
    );
}

#[test]
fn a_refused_removal_says_what_a_reload_brings_back() {
    let full: Result<(), String> = Err("full".into());
    let refused = SavedState::Refused("full".into());
    // A card saved before: a reload brings it back.
    assert_eq!(
        library().removal_message("clinic-a", &full, &refused),
        "The card \u{201c}clinic-a\u{201d} was removed from this page, but this browser did not save the change (full): reloading or closing the page brings the card back, unless a later change to the cards here is saved."
    );
    // One imported here while writes were refused: never saved, not back.
    let held = with_held_card(&library(), "clinic-c").after_write(&full);
    assert_eq!(
        held.removal_message("clinic-c", &full, &refused),
        "The card \u{201c}clinic-c\u{201d} was removed from this page. It had never been saved in this browser (full), so a reload does not bring it back."
    );
    // A new version of a saved card imported then: the saved version is back.
    let replaced = with_held_card(&library(), "clinic-a").after_write(&full);
    assert_eq!(
        replaced.removal_message("clinic-a", &full, &refused),
        "The card \u{201c}clinic-a\u{201d} was removed from this page, but this browser did not save the change (full): reloading or closing the page brings back the version of it saved before, unless a later change to the cards here is saved."
    );
    // Saved after all: said plainly, whatever was held.
    assert_eq!(
        held.removal_message("clinic-c", &Ok(()), &SavedState::Read),
        "The card \u{201c}clinic-c\u{201d} was removed from this browser."
    );
    // No storage at all: nothing was ever kept.
    let none = SavedState::Unavailable("no storage".into());
    assert!(held
        .removal_message("clinic-c", &Err("no storage".into()), &none)
        .contains("This browser keeps no imported cards (no storage)"));
}
