//! Imported card texts and reference lookups (issue 8, cargo mutants): the
//! edges the full domain run found unpinned: event-handler words far into a
//! text and with too few letters, the web-reference list's cap and repeats,
//! side-effect group lookup and the sources page headings.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use ketamine_dosing_reference::domain::dosing::validate::{is_evidence_source_id, parse_card};
use ketamine_dosing_reference::domain::imported::text::{
    card_web_references, markup_kind, web_references, MAX_WEB_REFERENCES,
};
use ketamine_dosing_reference::domain::reference::{content, EffectGroup, SourceKind};
use serde_json::json;

const HANDLER: Option<&str> = Some("an event-handler attribute");

#[test]
fn an_event_handler_is_found_anywhere_in_a_text() {
    assert_eq!(markup_kind("onload=x"), HANDLER);
    assert_eq!(markup_kind("a long note, then onclick=alert(1)"), HANDLER);
    assert_eq!(markup_kind("x one=1 and then onerror=y"), HANDLER);
}

#[test]
fn fewer_than_three_letters_after_on_is_not_an_event_handler() {
    for plain in [
        "x onab=1",
        "a longer note with onab=2",
        "x on=1",
        "conload=1",
    ] {
        assert_eq!(markup_kind(plain), None, "{plain}");
    }
    assert_eq!(markup_kind("x onabc=1"), HANDLER);
}

fn card_with_notes(notes: &[String]) -> Vec<(String, String)> {
    let text = notes.join(" ");
    let card = common::minimal_card("test-web", json!({ "summary": text }));
    let valid = parse_card(&card.to_string(), &is_evidence_source_id).unwrap();
    card_web_references(valid.card())
}

#[test]
fn web_references_are_listed_once_each_up_to_the_cap() {
    let a = "https://example.org/a".to_string();
    let b = "https://example.org/b".to_string();
    let listed = card_with_notes(&[a.clone(), a.clone(), b.clone()]);
    let addresses: Vec<&str> = listed.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(addresses, [a.as_str(), b.as_str()]);
    assert!(
        listed.iter().all(|(path, _)| path == "summary"),
        "{listed:?}"
    );

    let many: Vec<String> = (0..MAX_WEB_REFERENCES + 5)
        .map(|i| format!("https://example.org/{i}"))
        .collect();
    let listed = card_with_notes(&many);
    assert_eq!(listed.len(), MAX_WEB_REFERENCES);
    assert_eq!(listed.last().unwrap().1, many[MAX_WEB_REFERENCES - 1]);
}

#[test]
fn a_side_effect_group_is_found_by_its_own_id() {
    let c = content();
    for id in EffectGroup::ALL {
        assert_eq!(c.side_effects.group(id).unwrap().id, id);
    }
}

#[test]
fn each_source_kind_has_its_own_heading() {
    let headings: Vec<&str> = SourceKind::ALL.iter().map(|k| k.heading()).collect();
    assert_eq!(headings[0], "Source articles this app is built on");
    for (i, h) in headings.iter().enumerate() {
        assert!(h.len() > 5, "{h}");
        assert!(!headings[..i].contains(h), "{h} twice");
    }
}

#[test]
fn a_source_with_a_pubmed_id_and_no_doi_links_to_pubmed() {
    let c = content();
    let pubmed_only: Vec<_> = c
        .sources
        .iter()
        .filter(|s| s.doi.is_none() && s.pmid.is_some())
        .collect();
    assert!(!pubmed_only.is_empty());
    for s in pubmed_only {
        let pmid = s.pmid.as_deref().unwrap().trim();
        assert_eq!(
            s.link().unwrap(),
            format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
        );
    }
}

#[test]
fn twenty_of_twenty_five_web_references_are_listed_in_order() {
    let many: Vec<String> = (0..25)
        .map(|i| format!("https://example.org/{i}"))
        .collect();
    let listed: Vec<String> = card_with_notes(&many).into_iter().map(|(_, a)| a).collect();
    assert_eq!(listed.len(), 20);
    assert_eq!(listed[..], many[..20]);
}

#[test]
fn a_web_address_of_300_characters_is_listed_and_one_of_301_is_not() {
    // "https://example.org/" is 20 characters; the path fills the rest.
    let address = |chars: usize| format!("https://example.org/{}", "p".repeat(chars - 20));
    let longest = address(300);
    assert_eq!(longest.chars().count(), 300);
    assert_eq!(
        web_references(&format!("see {longest}.")),
        [longest.as_str()]
    );
    let listed = card_with_notes(std::slice::from_ref(&longest));
    assert_eq!(listed, [("summary".to_string(), longest)]);
    let over = address(301);
    assert_eq!(over.chars().count(), 301);
    assert!(web_references(&format!("see {over}.")).is_empty());
    assert!(card_with_notes(&[over]).is_empty());
}
