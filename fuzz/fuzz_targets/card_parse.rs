//! Fuzz target: any bytes as a protocol-card file must give a card or a
//! list of problems, never a panic, through every step an import takes:
//! the size check, parsing and validation by the engine's rules, the rules
//! for imported text, the id-clash rule against the built-in cards, the
//! saved-cards format (encode, decode, reload) and the card's readable view.
#![no_main]

use ketamine_dosing_reference::domain::card_view::{card_figures, factor_rows};
use ketamine_dosing_reference::domain::dosing::limits::CARD_MAX_FILE_BYTES;
use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, parse_card};
use ketamine_dosing_reference::domain::imported::import::{duplicate_text, import_card};
use ketamine_dosing_reference::domain::imported::store::decode;
use ketamine_dosing_reference::domain::imported::text::{card_web_references, clean_file_name};
use ketamine_dosing_reference::domain::library::{builtin, CardLibrary};
use libfuzzer_sys::fuzz_target;

static LIBRARY: std::sync::OnceLock<CardLibrary> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let known = &is_evidence_source_id;
    // The engine's own parser and validator.
    if let Ok(card) = parse_card(&text, known) {
        let _ = card_figures(card.card());
        let _ = factor_rows(&card);
        let _ = card_web_references(card.card());
        // What the app writes (show as JSON, download, duplicate) reads back.
        let pretty = card.card().to_json_pretty();
        if pretty.len() <= CARD_MAX_FILE_BYTES {
            assert!(parse_card(&pretty, known).is_ok(), "export reads back");
        }
        let copy = duplicate_text(card.card(), &|id| id == card.id());
        if copy.len() <= CARD_MAX_FILE_BYTES {
            let dup = parse_card(&copy, known);
            assert!(
                dup.is_ok_and(|d| d.id() != card.id()),
                "a duplicate is valid under a new id"
            );
        }
    }
    // The whole import wrapper (against the built-in cards, for the id-clash
    // rule), then the saved text read back.
    let Ok(builtin) = builtin() else { return };
    let library = LIBRARY.get_or_init(|| CardLibrary::load(builtin, Ok(None), known));
    if let Ok(imported) = import_card(library, &text, &text, "2026-11-22", known) {
        let saved = imported.library.store_text();
        let reloaded = CardLibrary::load(builtin, Ok(saved), known);
        assert!(
            reloaded.is_imported(&imported.id),
            "an imported card survives a reload"
        );
    }
    // The same bytes as saved text (damaged or hostile local storage).
    if decode(&text).is_ok() {
        let _ = CardLibrary::load(&[], Ok(Some(text.to_string())), known);
    }
    let _ = clean_file_name(&text);
});
