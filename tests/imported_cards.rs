//! Importing protocol cards (pure domain, no browser): valid files import;
//! every hard limit, missing field, wrong type, non-finite number, a 5 MB
//! file, deeply nested JSON and non-JSON are refused with their field paths;
//! hostile text is kept as text with a note, invisible overrides are
//! refused; id clashes are renamed or replace; the limits on the number and
//! size of saved cards; the saved format survives a reload, removal, damage
//! and a newer version; "duplicate and edit" gives a valid card.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::calculator::{
    card_line, comparison, evaluate_in, CalculatorState, Evaluation,
};
use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::problem::CardProblem;
use ketamine_dosing_reference::domain::dosing::validate::parse_card;
use ketamine_dosing_reference::domain::imported::import::{
    check_card_text, duplicate_text, file_too_large, import_card, prepare, ImportError, Placement,
    Tense,
};
use ketamine_dosing_reference::domain::imported::store::{
    decode, encode, StoreError, StoredCard, MAX_IMPORTED_CARDS, STORE_FORMAT, STORE_MAX_BYTES,
};
use ketamine_dosing_reference::domain::imported::text::card_web_references;
use ketamine_dosing_reference::domain::json;
use ketamine_dosing_reference::domain::library::{
    builtin, is_known_source, CardLibrary, SavedState,
};
use serde_json::{json, Value};

#[path = "common/padded_card.rs"]
mod padded_card;
use padded_card::{factor_copies, padded_card, FULL};

/// A change to a card, for tables of refused cards.
type Edit = Box<dyn Fn(&mut Value)>;

const TODAY: &str = "2026-11-22";

/// The app's own JSON value for a serde_json one (through its text).
fn ours(v: &Value) -> json::Value {
    json::parse_value(&v.to_string()).unwrap()
}

fn builtin_json(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == id).unwrap();
    serde_json::from_str(text).unwrap()
}

/// A valid clinic card: crps-4h under a new id.
fn clinic_card(id: &str) -> Value {
    let mut card = builtin_json("crps-4h");
    card["id"] = json!(id);
    card["name"] = json!(format!("Clinic card {id}"));
    card
}

fn empty_library() -> CardLibrary {
    CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source)
}

fn import(
    lib: &CardLibrary,
    card: &Value,
) -> Result<ketamine_dosing_reference::domain::imported::import::Imported, ImportError> {
    import_card(
        lib,
        &card.to_string(),
        "clinic.json",
        TODAY,
        &is_known_source,
    )
}

/// The version of the card `id` in `library`.
fn version_of(library: &CardLibrary, id: &str) -> String {
    library.get(id).unwrap().card.card().version.clone()
}

fn refused(card_text: &str) -> Vec<CardProblem> {
    match import_card(
        &empty_library(),
        card_text,
        "bad.json",
        TODAY,
        &is_known_source,
    ) {
        Ok(i) => panic!("imported {}", i.id),
        Err(ImportError::Problems(p)) => p,
        Err(other) => panic!("{other}"),
    }
}

fn has(problems: &[CardProblem], path: &str, fragment: &str) -> bool {
    problems
        .iter()
        .any(|p| p.path() == path && p.to_string().contains(fragment))
}

#[track_caller]
fn expect(problems: &[CardProblem], path: &str, fragment: &str) {
    assert!(
        has(problems, path, fragment),
        "no problem at {path} containing {fragment:?}; got:\n{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_valid_card_imports_and_is_flagged_as_imported() {
    let lib = empty_library();
    let done = import(&lib, &clinic_card("clinic-a")).unwrap();
    assert_eq!(done.id, "clinic-a");
    assert!(done.messages.is_empty());
    let lib = done.library;
    assert!(lib.is_imported("clinic-a"));
    assert!(!lib.is_imported("crps-4h"));
    assert_eq!(lib.cards().len(), BUILTIN_CARDS.len() + 1);
    let meta = lib.imported_meta("clinic-a").unwrap();
    assert_eq!(meta.file_name, "clinic.json");
    assert_eq!(meta.imported_on, TODAY);
    // Built-in cards come first, then imported ones.
    let entries = lib.entries();
    assert!(entries[..BUILTIN_CARDS.len()]
        .iter()
        .all(|e| e.imported.is_none()));
    assert!(entries.last().unwrap().imported.is_some());
    // Only a built-in card has a built-in version (a share link checks it).
    assert!(lib.is_builtin("crps-4h"));
    assert!(!lib.is_builtin("clinic-a"));
    assert_eq!(
        lib.builtin_version("crps-4h"),
        Some(version_of(&lib, "crps-4h").as_str())
    );
    assert_eq!(lib.builtin_version("clinic-a"), None);
    assert_eq!(lib.builtin_version("no-such-card"), None);
}

#[test]
fn a_card_named_like_a_built_in_card_is_told_apart_in_its_report() {
    let lib = empty_library();
    let builtin_name = lib.get("crps-4h").unwrap().card.card().name.clone();
    // The clinic card's own name: no note (crps-4h's rules are all there).
    assert!(import(&lib, &clinic_card("clinic-a"))
        .unwrap()
        .cautions
        .is_empty());
    // The same name, and one with a Cyrillic letter in it.
    let lookalike = builtin_name.replacen('C', "\u{421}", 1);
    assert_ne!(lookalike, builtin_name);
    for (name, how) in [
        (builtin_name.as_str(), "is that of"),
        (lookalike.as_str(), "reads like that of"),
    ] {
        let mut card = clinic_card("clinic-a");
        card["name"] = json!(name);
        let done = import(&lib, &card).unwrap();
        // Not among the notes on markup, which are about the text alone.
        assert!(done.notes.is_empty());
        assert_eq!(
            done.cautions,
            [format!("Its name {how} the built-in card \u{201c}{builtin_name}\u{201d} (crps-4h), but it is another card, imported and not reviewed: tell them apart by the id and the \u{201c}imported, not reviewed\u{201d} label.")],
            "{name}"
        );
    }
    // Another imported card's name is not a built-in card's.
    let mut card = clinic_card("clinic-b");
    card["name"] = json!("Clinic card clinic-a");
    let done = import(
        &import(&lib, &clinic_card("clinic-a")).unwrap().library,
        &card,
    )
    .unwrap();
    assert!(done.cautions.is_empty());
}

#[test]
fn every_hard_limit_is_refused_with_its_field_path() {
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "base_rate.value",
            Box::new(|c| c["base_rate"]["value"] = json!(2.5)),
            "hard limit of 2 mg/kg/h",
        ),
        (
            "base_rate.value",
            Box::new(|c| {
                c["base_rate"]["unit"] = json!("mg_per_h");
                c["base_rate"]["value"] = json!(700)
            }),
            "600 mg/h",
        ),
        (
            "caps.mg_per_h.value",
            Box::new(|c| c["caps"]["mg_per_h"]["value"] = json!(601)),
            "outside the accepted range",
        ),
        (
            "bolus.mg_per_kg",
            Box::new(|c| c["bolus"] = json!({"mg_per_kg": 0.5, "evidence": "illustrative"})),
            "hard limit of 0.35 mg/kg",
        ),
        (
            "session.duration_h",
            Box::new(|c| c["session"]["duration_h"] = json!(30)),
            "0.25 h to 24 h",
        ),
        (
            "factors[0].effects[0].value",
            Box::new(|c| {
                c["factors"][0]["effects"] = json!([{"kind": "rate_multiplier", "value": 2}])
            }),
            "hard limit of 1.5",
        ),
        (
            "factors[0].effects[0].value",
            Box::new(|c| {
                c["factors"][0]["effects"] = json!([{"kind": "rate_multiplier", "value": 0}])
            }),
            "0.1 to 1.5",
        ),
        (
            "factors[0].effects[0].value",
            Box::new(|c| {
                c["factors"][0]["effects"] =
                    json!([{"kind": "lower_cap", "value": 3, "unit": "mg_per_kg_per_h"}])
            }),
            "hard limit of 2 mg/kg/h",
        ),
        (
            "multiplier_floor",
            Box::new(|c| c["multiplier_floor"] = json!(1.5)),
            "outside the accepted range",
        ),
        (
            "summary",
            Box::new(|c| c["summary"] = json!("x".repeat(5000))),
            "at most 4096",
        ),
        (
            "id",
            Box::new(|c| c["id"] = json!("a".repeat(65))),
            "at most 64",
        ),
        (
            "id",
            Box::new(|c| c["id"] = json!("Clinic Card!")),
            "not a valid id",
        ),
        (
            "factors",
            Box::new(|c| {
                let f = c["factors"][0].clone();
                c["factors"] = Value::Array(
                    (0..201)
                        .map(|i| {
                            let mut f = f.clone();
                            f["id"] = json!(format!("f{i}"));
                            f
                        })
                        .collect(),
                );
            }),
            "at most 200",
        ),
        (
            "sources",
            Box::new(|c| c["sources"] = Value::Array((0..101).map(|_| json!("R2")).collect())),
            "at most 100",
        ),
        (
            "sources[0]",
            Box::new(|c| c["sources"] = json!(["R999"])),
            "not in this app's list of sources",
        ),
        (
            "phases.induction_count",
            Box::new(|c| c["phases"]["induction_count"] = json!(31)),
            "outside the accepted range",
        ),
    ];
    for (path, edit, fragment) in cases {
        let mut card = clinic_card("clinic-limits");
        edit(&mut card);
        let problems = refused(&card.to_string());
        expect(&problems, path, fragment);
    }
}

#[test]
fn a_list_may_hold_exactly_100_entries_and_not_101() {
    // No list of unique entries can reach 100 (there are fewer conditions,
    // medicines and sources), so one condition repeated builds the count.
    let with_indications = |n: usize| {
        let mut card = clinic_card("clinic-list");
        let first = card["indications"][0].clone();
        card["indications"] = Value::Array(vec![first; n]);
        card.to_string()
    };
    // At the limit the count is fine and each entry is read: the repeats are
    // refused one by one.
    let at_limit = refused(&with_indications(100));
    assert_eq!(at_limit.len(), 99, "{at_limit:?}");
    assert!(at_limit
        .iter()
        .all(|p| p.to_string().ends_with("is listed twice.")));
    // Past it, only the count is said.
    let problems = refused(&with_indications(101));
    assert_eq!(
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        ["indications: 101 entries; at most 100 are accepted."]
    );
}

#[test]
fn a_factor_may_have_exactly_10_effects_and_not_11() {
    let with_effects = |n: usize| {
        let mut card = clinic_card("clinic-effects");
        card["factors"][0]["effects"] = Value::Array(
            (0..n)
                .map(|i| json!({"kind": "notice", "text": format!("Notice {i}.")}))
                .collect(),
        );
        card.to_string()
    };
    let at_limit = parse_card(&with_effects(10), &is_known_source).unwrap();
    assert_eq!(at_limit.card().factors[0].effects.len(), 10);
    let problems = refused(&with_effects(11));
    assert_eq!(
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        ["factors[0].effects: 11 entries; at most 10 are accepted."]
    );
}

#[test]
fn missing_fields_wrong_types_and_unknown_fields_are_all_listed_at_once() {
    let mut card = clinic_card("clinic-structure");
    let obj = card.as_object_mut().unwrap();
    obj.remove("name");
    obj.remove("base_rate");
    obj.insert("summary".into(), json!(42));
    obj.insert("colour".into(), json!("blue"));
    card["session"]["duration_h"] = json!("four");
    card["factors"][1]["effects"][0]["kind"] = json!("explode");
    let problems = refused(&card.to_string());
    expect(&problems, "name", "required field is missing");
    expect(&problems, "base_rate", "required field is missing");
    expect(&problems, "summary", "expected text, found a number");
    expect(&problems, "colour", "unknown field");
    expect(
        &problems,
        "session.duration_h",
        "expected a number, found text",
    );
    expect(
        &problems,
        "factors[1].effects[0].kind",
        "\"explode\" is not allowed",
    );
    assert!(problems.len() >= 6);
}

#[test]
fn non_finite_numbers_are_refused() {
    let text =
        clinic_card("clinic-inf")
            .to_string()
            .replacen("\"value\":0.35", "\"value\":1e400", 1);
    assert!(text.contains("1e400"));
    let problems = refused(&text);
    assert!(
        problems[0].to_string().contains("too large to be finite"),
        "{}",
        problems[0]
    );
    for literal in ["NaN", "Infinity", "-Infinity"] {
        let text = clinic_card("clinic-nan").to_string().replacen(
            "\"value\":0.35",
            &format!("\"value\":{literal}"),
            1,
        );
        let problems = refused(&text);
        assert!(
            matches!(problems[0], CardProblem::Syntax { .. }),
            "{literal}: {}",
            problems[0]
        );
    }
}

#[test]
fn a_five_megabyte_file_deep_nesting_and_non_json_are_refused_without_crashing() {
    // Checked from the size alone, before reading.
    let big = file_too_large(5 * 1024 * 1024).unwrap();
    assert_eq!(
        big.to_string(),
        "The file is 5,120 KB; a protocol card may be at most 512 KB."
    );
    // And from the text, if it was read anyway.
    let text = format!("{{\"summary\":\"{}\"}}", "x".repeat(5 * 1024 * 1024));
    let problems = refused(&text);
    assert!(matches!(problems[0], CardProblem::TooLarge { .. }));
    // Nesting beyond serde_json's limit of 128 is an error, not a stack overflow.
    for deep in [
        "[".repeat(100_000),
        "{\"a\":".repeat(50_000),
        format!("{}1{}", "[".repeat(200), "]".repeat(200)),
    ] {
        let problems = refused(&deep);
        assert!(
            problems[0].to_string().contains("nested too deeply"),
            "{}",
            problems[0]
        );
    }
    for junk in [
        "",
        "not json",
        "\u{89}PNG\r\n",
        "<html><script>alert(1)</script></html>",
        "[]",
        "null",
        "42",
    ] {
        let problems = refused(junk);
        assert!(!problems.is_empty(), "{junk:?}");
    }
}

#[test]
fn a_card_near_the_size_limit_downloads_as_a_file_that_imports_again() {
    let limit = 512 * 1024;
    // A normal card downloads pretty-printed.
    let small = parse_card(&builtin_json("crps-4h").to_string(), &is_known_source).unwrap();
    assert_eq!(
        small.card().to_file_text(),
        format!("{}\n", small.card().to_json_pretty())
    );
    // Near the limit, pretty-printing would pass it (a few hundred bytes of
    // indentation per factor): the download is compact, one line.
    let with_factors =
        |n: usize, note: usize| factor_copies(builtin_json("crps-4h"), n, |_| note).to_string();
    let near = (100..=200)
        .map(|n| with_factors(n, 4_000))
        .take_while(|text| text.len() < limit)
        .last()
        .unwrap();
    let card = parse_card(&near, &is_known_source).unwrap();
    assert!(
        card.card().to_json_pretty().len() >= limit,
        "the case needs a pretty form over the limit"
    );
    let file = card.card().to_file_text();
    assert!(file.len() <= limit, "{}", file.len());
    assert_eq!(file.lines().count(), 1);
    let again = parse_card(&file, &is_known_source).unwrap();
    assert_eq!(again.card(), card.card());
    // Just under the limit pretty-printed, it stays pretty.
    let pretty_fits = (0..4_000)
        .rev()
        .step_by(50)
        .map(|note| {
            parse_card(&with_factors(120, note), &is_known_source)
                .unwrap()
                .card()
                .clone()
        })
        .find(|c| c.to_json_pretty().len() < limit)
        .unwrap();
    let file = pretty_fits.to_file_text();
    assert!(
        file.len() <= limit && file.lines().count() > 1,
        "{}",
        file.len()
    );
}

#[test]
fn a_card_whose_pretty_text_reaches_the_size_limit_exactly_downloads_compact() {
    let limit = 524_288;
    // 120 factors whose notes hold `1 + extra` characters between them
    // (each 1 to 4,096): the pretty text grows by exactly one byte a character.
    let pretty_len = |extra: usize| {
        let text = factor_copies(builtin_json("crps-4h"), 120, |i| {
            1 + extra.saturating_sub(4_095 * i).min(4_095)
        })
        .to_string();
        let card = parse_card(&text, &is_known_source).unwrap().card().clone();
        (card.to_json_pretty().len(), card)
    };
    let (shortest, _) = pretty_len(0);
    assert!(
        shortest + 120 * 4_095 > limit,
        "the case needs a pretty form that can reach the limit: {shortest}"
    );
    // One byte under the limit: pretty, and with its final newline exactly
    // at the limit, which still imports.
    let (below, card) = pretty_len(limit - 1 - shortest);
    assert_eq!(below, limit - 1);
    let file = card.to_file_text();
    assert_eq!(file, format!("{}\n", card.to_json_pretty()));
    assert_eq!(file.len(), limit);
    assert_eq!(parse_card(&file, &is_known_source).unwrap().card(), &card);
    // Exactly at the limit: the newline would pass it, so the file is
    // compact, one line, and imports.
    let (at, card) = pretty_len(limit - shortest);
    assert_eq!(at, limit);
    let file = card.to_file_text();
    assert_eq!(file.lines().count(), 1);
    assert!(file.len() < limit, "{}", file.len());
    assert_eq!(parse_card(&file, &is_known_source).unwrap().card(), &card);
}

#[test]
fn a_duplicate_of_a_card_with_the_longest_name_has_a_name_of_the_longest_length() {
    let lib = empty_library();
    let mut card = clinic_card("clinic-long-name");
    card["name"] = json!("n".repeat(200));
    let card = parse_card(&card.to_string(), &is_known_source).unwrap();
    let text = duplicate_text(card.card(), &|id| lib.is_taken(id));
    let copy = parse_card(&text, &is_known_source).unwrap();
    let name = &copy.card().name;
    assert_eq!(name.chars().count(), 200, "{name}");
    assert_eq!(*name, format!("{} (copy)", "n".repeat(193)));
    assert_eq!(copy.id(), "clinic-long-name-copy");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = format!("\u{feff}{}", clinic_card("clinic-bom"));
    assert!(check_card_text(&text, &is_known_source).is_ok());
}

#[test]
fn hostile_text_is_kept_as_text_with_a_note_and_overrides_are_refused() {
    let bad = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=1\"> javascript:alert(1)";
    let mut card = clinic_card("clinic-hostile");
    card["name"] = json!(format!("Hostile {}", &bad[..60]));
    card["summary"] = json!(bad);
    card["factors"][0]["label"] = json!(&bad[..80]);
    card["factors"][0]["note"] = json!(bad);
    let done = import(&empty_library(), &card).unwrap();
    assert!(done
        .notes
        .iter()
        .any(|n| n.starts_with("summary: contains HTML-like markup")));
    assert!(done
        .notes
        .iter()
        .any(|n| n.starts_with("factors[0].label:")));
    assert!(done
        .notes
        .iter()
        .all(|n| n.ends_with("shown as plain text and never run.")));
    let kept = done.library.get("clinic-hostile").unwrap();
    assert_eq!(
        kept.card.card().summary,
        bad,
        "the text is kept exactly, not altered"
    );

    for (ch, what) in [
        ('\u{202e}', "override"),
        ('\u{7}', "control character"),
        ('\u{fffd}', "UTF-8"),
    ] {
        let mut card = clinic_card("clinic-hidden");
        card["factors"][2]["note"] = json!(format!("0.5{ch} mg"));
        let problems = refused(&card.to_string());
        expect(&problems, "factors[2].note", what);
    }
    // A name that could pass for another's, or split unseen.
    for (ch, what) in [
        ('\u{200b}', "zero-width space"),
        ('\u{2060}', "zero-width space"),
        ('\u{2028}', "line or paragraph separator"),
    ] {
        let mut card = clinic_card("clinic-hidden");
        card["name"] = json!(format!("CRPS 4-hour{ch} infusion"));
        let problems = refused(&card.to_string());
        expect(&problems, "name", what);
    }
}

#[test]
fn only_https_addresses_are_listed_as_references() {
    let mut card = clinic_card("clinic-links");
    card["summary"] = json!(
        "See https://example.org/protocol.pdf, not javascript:alert(1) or http://plain.example."
    );
    let valid = parse_card(&card.to_string(), &is_known_source).unwrap();
    let refs = card_web_references(valid.card());
    assert_eq!(
        refs,
        [(
            "summary".to_string(),
            "https://example.org/protocol.pdf".to_string()
        )]
    );
}

#[test]
fn the_editors_preview_says_what_would_happen_and_the_import_what_did() {
    // Defect: the editor's check, before anything was imported, said "so
    // this card was imported as ...". Each placement's message has a tense.
    let lib = empty_library();
    let mut card = builtin_json("crps-4h");
    card["version"] = json!("2.0.0");
    let renamed = prepare(&lib, &card.to_string(), &is_known_source).unwrap();
    assert_eq!(
        renamed.placement.message(Tense::Preview).unwrap(),
        "The id \u{201c}crps-4h\u{201d} belongs to a built-in card, so this card would be imported as \u{201c}crps-4h-imported\u{201d}. Links and scenarios would have to use the new id."
    );
    let done = import(&lib, &card).unwrap();
    assert_eq!(
        done.messages,
        [renamed.placement.message(Tense::Done).unwrap()]
    );
    assert_eq!(
        done.messages,
        ["The id \u{201c}crps-4h\u{201d} belongs to a built-in card, so this card was imported as \u{201c}crps-4h-imported\u{201d}. Links and scenarios must use the new id."]
    );
    // Importing it again would replace that copy.
    card["version"] = json!("2.1.0");
    let again = prepare(&done.library, &card.to_string(), &is_known_source).unwrap();
    assert_eq!(
        again.placement.message(Tense::Preview).unwrap(),
        format!("The id \u{201c}crps-4h\u{201d} belongs to a built-in card, so this card would be imported as \u{201c}crps-4h-imported\u{201d}, replacing the copy of the same card imported under that id before (version 2.0.0, imported {TODAY}). Links and scenarios would have to use the new id.")
    );
    // An imported card's id: it would replace that card, and then it does.
    let lib = import(&empty_library(), &clinic_card("clinic-a"))
        .unwrap()
        .library;
    let mut newer = clinic_card("clinic-a");
    newer["version"] = json!("1.2.0");
    let replacing = prepare(&lib, &newer.to_string(), &is_known_source).unwrap();
    let preview = format!(
        "It would replace the imported card with the same id (version 1.1.3, imported {TODAY})."
    );
    let past = format!(
        "It replaces the imported card with the same id (version 1.1.3, imported {TODAY})."
    );
    assert_eq!(replacing.placement.message(Tense::Preview), Some(preview));
    assert_eq!(replacing.placement.message(Tense::Done), Some(past.clone()));
    assert_eq!(import(&lib, &newer).unwrap().messages, [past]);
    // A new card: nothing to say either way.
    let new = prepare(&lib, &clinic_card("clinic-b").to_string(), &is_known_source).unwrap();
    assert_eq!(new.placement.message(Tense::Preview), None);
    assert_eq!(new.placement.message(Tense::Done), None);
}

#[test]
fn a_built_in_id_is_renamed_with_a_message_and_reimporting_replaces_that_copy() {
    let lib = empty_library();
    let mut card = builtin_json("crps-4h");
    card["version"] = json!("2.0.0");
    let done = import(&lib, &card).unwrap();
    assert_eq!(done.id, "crps-4h-imported");
    assert!(
        done.messages[0].contains("belongs to a built-in card"),
        "{:?}",
        done.messages
    );
    assert!(done.messages[0].contains("crps-4h-imported"));
    let lib = done.library;
    assert_eq!(
        lib.get("crps-4h").unwrap().card.card().version,
        "1.1.3",
        "the built-in card is untouched"
    );
    assert_eq!(
        lib.imported_meta("crps-4h-imported")
            .unwrap()
            .renamed_from
            .as_deref(),
        Some("crps-4h")
    );
    assert!(
        !done.messages[0].contains("replacing"),
        "{:?}",
        done.messages
    );
    // The same card again (same id in the file, same name) replaces the
    // renamed copy, and says so.
    card["version"] = json!("2.1.0");
    let again = import(&lib, &card).unwrap();
    assert_eq!(again.id, "crps-4h-imported");
    assert_eq!(
        again.messages,
        [format!("The id \u{201c}crps-4h\u{201d} belongs to a built-in card, so this card was imported as \u{201c}crps-4h-imported\u{201d}, replacing the copy of the same card imported under that id before (version 2.0.0, imported {TODAY}). Links and scenarios must use the new id.")]
    );
    assert_eq!(again.library.imported_count(), 1);
    // Another clinic's card with the built-in id (another name) is kept
    // beside it, under an id of its own: nothing is replaced unseen.
    let mut other_clinic = builtin_json("crps-4h");
    other_clinic["name"] = json!("Clinic B CRPS (ward 9)");
    let both = import(&again.library, &other_clinic).unwrap();
    assert_eq!(both.id, "crps-4h-imported-2");
    assert!(
        !both.messages[0].contains("replacing"),
        "{:?}",
        both.messages
    );
    assert_eq!(both.library.imported_count(), 2);
    assert_eq!(version_of(&both.library, "crps-4h-imported"), "2.1.0");
    // And each replaces only its own copy.
    other_clinic["version"] = json!("3.0.0");
    let b_again = import(&both.library, &other_clinic).unwrap();
    assert_eq!(b_again.id, "crps-4h-imported-2");
    assert!(
        b_again.messages[0].contains("replacing"),
        "{:?}",
        b_again.messages
    );
    assert_eq!(b_again.library.imported_count(), 2);
    assert_eq!(version_of(&again.library, "crps-4h-imported"), "2.1.0");
    // A different card that happens to use the renamed id is not overwritten by a rename.
    let mut other = clinic_card("outpatient-consensus-imported");
    other["name"] = json!("Another clinic");
    let lib = import(&again.library, &other).unwrap().library;
    let renamed = import(&lib, &builtin_json("outpatient-consensus")).unwrap();
    assert_eq!(renamed.id, "outpatient-consensus-imported-2");
}

#[test]
fn an_imported_id_is_replaced_with_a_message() {
    let lib = import(&empty_library(), &clinic_card("clinic-a"))
        .unwrap()
        .library;
    let mut newer = clinic_card("clinic-a");
    newer["version"] = json!("1.2.0");
    let p = prepare(&lib, &newer.to_string(), &is_known_source).unwrap();
    assert_eq!(
        p.placement,
        Placement::Replaces {
            version: "1.1.3".into(),
            imported_on: TODAY.into()
        }
    );
    let done = import(&lib, &newer).unwrap();
    assert!(
        done.messages[0].contains("replaces the imported card with the same id (version 1.1.3"),
        "{:?}",
        done.messages
    );
    assert_eq!(done.library.imported_count(), 1);
    assert_eq!(
        done.library.get("clinic-a").unwrap().card.card().version,
        "1.2.0"
    );
}

#[test]
fn an_import_that_changes_nothing_keeps_the_card_and_where_it_came_from() {
    let lib = import(&empty_library(), &clinic_card("clinic-a"))
        .unwrap()
        .library;
    let later = "2027-01-15";
    // The editor's "Import this card" with the text untouched, or the same
    // file again: nothing is replaced, and the status line says so.
    let same = clinic_card("clinic-a").to_string();
    let expected = format!("Nothing in it differs from the imported card \u{201c}clinic-a\u{201d} (from clinic.json, imported {TODAY}): that card is kept as it is.");
    let p = prepare(&lib, &same, &is_known_source).unwrap();
    assert!(!p.placement.changes_library());
    assert_eq!(
        p.placement.message(Tense::Done).as_deref(),
        Some(expected.as_str())
    );
    // The editor says it before the import, as what would happen.
    assert_eq!(
        p.placement.message(Tense::Preview),
        Some(expected.replace("that card is kept", "that card would be kept"))
    );
    let done = import_card(
        &lib,
        &same,
        "edited in this browser",
        later,
        &is_known_source,
    )
    .unwrap();
    assert_eq!(done.messages, [expected]);
    assert_eq!(done.id, "clinic-a");
    assert_eq!(done.library, lib);
    let meta = done.library.imported_meta("clinic-a").unwrap();
    assert_eq!(
        (meta.file_name.as_str(), meta.imported_on.as_str()),
        ("clinic.json", TODAY)
    );
    // One field changed (a note): it replaces the card, with the new
    // provenance.
    let mut edited = clinic_card("clinic-a");
    edited["base_rate"]["note"] = json!("Checked by pharmacy.");
    let done = import_card(
        &lib,
        &edited.to_string(),
        "edited in this browser",
        later,
        &is_known_source,
    )
    .unwrap();
    assert!(
        done.messages[0].starts_with("It replaces the imported card"),
        "{:?}",
        done.messages
    );
    assert!(done.changed);
    let meta = done.library.imported_meta("clinic-a").unwrap();
    assert_eq!(
        (meta.file_name.as_str(), meta.imported_on.as_str()),
        ("edited in this browser", later)
    );
    // A renamed copy of a built-in card, imported again unchanged, is kept
    // under its new id.
    let renamed = import(&empty_library(), &builtin_json("crps-4h"))
        .unwrap()
        .library;
    let again = import_card(
        &renamed,
        &builtin_json("crps-4h").to_string(),
        "other.json",
        later,
        &is_known_source,
    )
    .unwrap();
    assert_eq!(again.id, "crps-4h-imported");
    assert_eq!(again.library, renamed);
    // Nothing to save.
    assert!(!again.changed);
    assert_eq!(again.messages, [format!("Nothing in it differs from the imported card \u{201c}crps-4h-imported\u{201d} (from clinic.json, imported {TODAY}): that card is kept as it is.")]);
}

#[test]
fn at_most_twenty_cards_are_kept() {
    let mut lib = empty_library();
    for i in 0..MAX_IMPORTED_CARDS {
        lib = import(&lib, &clinic_card(&format!("clinic-{i}")))
            .unwrap()
            .library;
    }
    let err = import(&lib, &clinic_card("clinic-one-more")).unwrap_err();
    assert_eq!(err, ImportError::TooManyCards { max: 20 });
    assert!(err.to_string().contains("Remove one first"));
    // Replacing an existing one is still allowed.
    assert!(import(&lib, &clinic_card("clinic-3")).is_ok());
}

#[test]
fn the_saved_cards_never_grow_beyond_the_storage_limit() {
    // Cards near the 512 KB file limit: 110 factors with 4,096-character notes.
    let big = |id: &str| padded_card(clinic_card(id), FULL);
    let mut lib = empty_library();
    let mut refused = None;
    for i in 0..8 {
        match import(&lib, &big(&format!("big-{i}"))) {
            Ok(done) => lib = done.library,
            Err(e) => {
                refused = Some((i, e));
                break;
            }
        }
    }
    let (i, err) = refused.expect("the store limit is reached");
    assert!(i >= 3, "a few large cards fit");
    assert!(
        matches!(err, ImportError::StoreFull { max, .. } if max == STORE_MAX_BYTES),
        "{err}"
    );
    assert!(lib.store_text().unwrap().len() <= STORE_MAX_BYTES);
}

#[test]
fn saved_cards_survive_a_reload_and_can_be_removed() {
    let lib = import(&empty_library(), &clinic_card("clinic-a"))
        .unwrap()
        .library;
    let lib = import(&lib, &builtin_json("crps-4h")).unwrap().library;
    let text = lib.store_text().unwrap();
    let stored = decode(&text).unwrap();
    assert_eq!(stored.len(), 2);
    assert!(text.contains(STORE_FORMAT) && text.contains("\"version\":1"));

    let reloaded = CardLibrary::load(builtin().unwrap(), Ok(Some(text)), &is_known_source);
    assert_eq!(
        reloaded.cards(),
        lib.cards(),
        "the same cards, figure for figure"
    );
    assert_eq!(
        reloaded.imported_meta("crps-4h-imported"),
        lib.imported_meta("crps-4h-imported")
    );
    assert!(reloaded.unusable().is_empty());

    let removed = reloaded.without("clinic-a").unwrap();
    assert!(!removed.is_imported("clinic-a"));
    assert!(removed.is_imported("crps-4h-imported"));
    assert!(
        removed.without("crps-4h").is_none(),
        "built-in cards cannot be removed"
    );
    let empty = removed.without("crps-4h-imported").unwrap();
    assert_eq!(
        empty.store_text(),
        None,
        "nothing left: the saved entry is removed"
    );
}

#[test]
fn a_saved_card_that_no_longer_validates_is_kept_listed_and_removable() {
    let good = clinic_card("clinic-good");
    let mut bad = clinic_card("clinic-bad");
    bad["base_rate"]["value"] = json!(9);
    let clash = builtin_json("crps-4h");
    let meta = |f: &str| ketamine_dosing_reference::domain::imported::store::ImportMeta {
        file_name: f.into(),
        imported_on: TODAY.into(),
        renamed_from: None,
    };
    let text = encode(&[
        StoredCard {
            meta: meta("good.json"),
            card: ours(&good),
        },
        StoredCard {
            meta: meta("bad.json"),
            card: ours(&bad),
        },
        StoredCard {
            meta: meta("clash.json"),
            card: ours(&clash),
        },
        StoredCard {
            meta: meta("empty.json"),
            card: json::Value::Null,
        },
    ]);
    let lib = CardLibrary::load(builtin().unwrap(), Ok(Some(text)), &is_known_source);
    assert!(lib.is_imported("clinic-good"));
    let ids: Vec<&str> = lib.unusable().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["clinic-bad", "crps-4h", "(no id)"]);
    assert!(lib.is_unusable("clinic-bad"));
    assert!(!lib.is_unusable("clinic-good"));
    assert!(lib.unusable()[0]
        .problems
        .iter()
        .any(|p| p.path() == "base_rate.value"));
    assert!(lib.unusable()[1].problems[0]
        .to_string()
        .contains("a built-in card now has the id"));
    // Unusable cards are saved back exactly as they were.
    let again = decode(&lib.store_text().unwrap()).unwrap();
    assert_eq!(again[1].card, ours(&bad));
    // A scenario with it is said to have an unusable card, not a missing one:
    // on the result, the comparison, the live line and the printed card line.
    let state = CalculatorState::from_query(
        "protocol=clinic-bad&weight_kg=70&s2_protocol=clinic-good&s2_weight_kg=70&s3_protocol=gone&s3_weight_kg=70",
    );
    let evaluations: Vec<Evaluation> = state
        .scenarios
        .iter()
        .map(|sc| evaluate_in(sc, &lib))
        .collect();
    assert_eq!(
        evaluations[0],
        Evaluation::UnusableCard("clinic-bad".into())
    );
    assert!(matches!(evaluations[1], Evaluation::Computed(_)));
    assert_eq!(evaluations[2], Evaluation::UnknownCard("gone".into()));
    let rows = comparison(&state.scenarios, &evaluations, true);
    let result = rows.iter().find(|r| r.label == "Result").unwrap();
    assert_eq!(
        result.cells[0],
        "No figure: the card \u{201c}clinic-bad\u{201d} saved in this browser fails this app's checks"
    );
    assert_eq!(
        result.cells[2],
        "No figure: the card \u{201c}gone\u{201d} is not available in this browser"
    );
    assert_eq!(
        card_line(&lib, "clinic-bad"),
        "clinic-bad (saved in this browser, but it fails this app's checks)"
    );
    assert_eq!(
        card_line(&lib, "gone"),
        "gone (not available in this browser)"
    );
    assert!(card_line(&lib, "clinic-good").starts_with("clinic-good, \u{201c}"));
    // A built-in card whose saved clash is unusable still computes.
    let builtin_scenario = CalculatorState::from_query("protocol=crps-4h&weight_kg=70");
    assert!(matches!(
        evaluate_in(&builtin_scenario.scenarios[0], &lib),
        Evaluation::Computed(_)
    ));
    let lib = lib.without("clinic-bad").unwrap();
    assert_eq!(lib.unusable().len(), 2);
    assert!(!lib.is_unusable("clinic-bad"));
    // Removed, it is missing.
    assert_eq!(
        evaluate_in(&state.scenarios[0], &lib),
        Evaluation::UnknownCard("clinic-bad".into())
    );
}

#[test]
fn damaged_or_newer_saved_data_is_reported_and_never_overwritten() {
    let newer = format!("{{\"format\":\"{STORE_FORMAT}\",\"version\":7,\"cards\":[]}}");
    for (text, newer_version) in [
        (newer.as_str(), true),
        ("{broken", false),
        ("{\"cards\":[]}", false),
    ] {
        let lib = CardLibrary::load(
            builtin().unwrap(),
            Ok(Some(text.to_string())),
            &is_known_source,
        );
        match lib.saved_state() {
            SavedState::Locked(StoreError::Newer { version }) => {
                assert!(newer_version && *version == 7)
            }
            SavedState::Locked(StoreError::Unreadable(_)) => assert!(!newer_version),
            other => panic!("{other:?}"),
        }
        assert!(!lib.saved_state().writable());
        assert!(
            lib.saved_state()
                .message()
                .unwrap()
                .contains("could not be read")
                || newer_version
        );
        let err = import(&lib, &clinic_card("clinic-a")).unwrap_err();
        assert!(matches!(err, ImportError::Locked(_)), "{err}");
        // Discarding is the user's choice; then imports work again.
        let fresh = lib.discard_saved();
        assert!(import(&fresh, &clinic_card("clinic-a")).is_ok());
    }
    // Storage that the browser refuses: imports work for this page only.
    let lib = CardLibrary::load(
        builtin().unwrap(),
        Err("SecurityError".into()),
        &is_known_source,
    );
    assert!(lib
        .saved_state()
        .message()
        .unwrap()
        .contains("until this page is closed"));
    assert!(import(&lib, &clinic_card("clinic-a")).is_ok());
    // Before the saved cards are read nothing may be saved.
    let early = CardLibrary::builtin_only(builtin().unwrap());
    assert!(matches!(
        import(&early, &clinic_card("clinic-a")),
        Err(ImportError::Locked(_))
    ));
}

#[test]
fn duplicate_and_edit_starts_from_a_valid_card_under_a_new_id() {
    let lib = empty_library();
    for card in builtin().unwrap() {
        let text = duplicate_text(card.card(), &|id| lib.is_taken(id));
        let copy = parse_card(&text, &is_known_source).unwrap();
        assert_eq!(copy.id(), format!("{}-copy", card.id()));
        assert!(copy.card().name.ends_with(" (copy)"));
        assert_eq!(copy.factors(), card.factors(), "the same factors");
        let done = import_card(&lib, &text, "edited", TODAY, &is_known_source).unwrap();
        assert!(
            done.messages.is_empty(),
            "a duplicate is a new card, not a rename"
        );
    }
    // A second duplicate gets the next free id.
    let lib = import(&lib, &{
        let mut c = builtin_json("crps-4h");
        c["id"] = json!("crps-4h-copy");
        c
    })
    .unwrap()
    .library;
    let crps = lib.get("crps-4h").unwrap().card;
    let text = duplicate_text(crps.card(), &|id| lib.is_taken(id));
    assert!(text.contains("\"id\": \"crps-4h-copy-2\""));
}

#[test]
fn refused_characters_are_listed_at_most_two_hundred_times() {
    let mut card = clinic_card("clinic-many-overrides");
    let f = card["factors"][0].clone();
    card["factors"] = Value::Array(
        (0..200)
            .map(|i| {
                let mut f = f.clone();
                f["id"] = json!(format!("f{i}"));
                f["label"] = json!("a\u{202e}b");
                f["note"] = json!("c\u{202e}d");
                f
            })
            .collect(),
    );
    let problems = refused(&card.to_string());
    assert_eq!(problems.len(), 201);
    assert!(problems[200]
        .to_string()
        .contains("200 more problems are not listed"));
}

#[test]
fn the_editor_s_draft_is_kept_and_read_back_and_nothing_else_passes_for_one() {
    use ketamine_dosing_reference::domain::imported::draft::Draft;
    let original = builtin_json("crps-4h").to_string();
    let draft = Draft {
        title: "a copy of crps-4h".into(),
        original: original.clone(),
        text: original.replace("crps-4h", "clinic-\"crps\"\n\u{1F600}"),
    };
    assert!(draft.changed());
    assert_eq!(Draft::from_json(&draft.to_json()), Some(draft.clone()));
    let same = Draft {
        text: original.clone(),
        ..draft.clone()
    };
    assert!(!same.changed());
    // Not a draft of this app: ignored.
    for text in [
        "",
        "{",
        "[]",
        r#"{"title":"t","original":"o","text":"x"}"#,
        r#"{"format":"other","title":"t","original":"o","text":"x"}"#,
        r#"{"format":"ketamine-dosing-reference/card-draft","title":"t","original":"o"}"#,
        r#"{"format":"ketamine-dosing-reference/card-draft","title":"t","original":"o","text":7}"#,
    ] {
        assert_eq!(Draft::from_json(text), None, "{text}");
    }
}
