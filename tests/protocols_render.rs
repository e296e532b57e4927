//! The protocol cards page and the imported-card labels rendered to HTML
//! natively (Yew SSR): every built-in card laid out in full, an imported
//! card with hostile text (escaped, never markup, never a link), problems by
//! field path, the import report, the live-checked editor, the verify
//! report with passing and failing cases, and the "imported, not reviewed"
//! label in the picker, the result, the share link and the print sheet.
#![cfg(feature = "ui")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::rc::Rc;

use ketamine_dosing_reference::domain::calculator::{card_line, evaluate, CalculatorState};
use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::golden::golden_suite;
use ketamine_dosing_reference::domain::dosing::problem::CardProblem;
use ketamine_dosing_reference::domain::imported::import::{import_card, ImportError};
use ketamine_dosing_reference::domain::library::{builtin, is_known_source, CardLibrary};
use ketamine_dosing_reference::ui::components::calculator::card_summary::{
    CardPicker, CardPickerProps,
};
use ketamine_dosing_reference::ui::components::calculator::print_sheet::{
    PrintSheet, PrintSheetProps,
};
use ketamine_dosing_reference::ui::components::calculator::result_panel::{
    ResultPanel, ResultPanelProps,
};
use ketamine_dosing_reference::ui::components::calculator::share_link::{
    ShareLink, ShareLinkProps,
};
use ketamine_dosing_reference::ui::components::protocols::card_editor::{
    CardEditor, CardEditorProps,
};
use ketamine_dosing_reference::ui::components::protocols::card_list::card_list;
use ketamine_dosing_reference::ui::components::protocols::card_view::{CardView, CardViewProps};
use ketamine_dosing_reference::ui::components::protocols::import_panel::{
    ImportPanel, ImportPanelProps, ImportReport, ImportedSummary,
};
use ketamine_dosing_reference::ui::components::protocols::verify_panel::verify_report;
use ketamine_dosing_reference::ui::hooks::use_card_library::CardLibraryContext;
use ketamine_dosing_reference::ui::pages::protocols::{ProtocolsPage, ProtocolsPageProps};
use serde_json::{json, Value};
use yew::prelude::*;
use yew::{BaseComponent, LocalServerRenderer};

#[path = "common/show.rs"]
mod show;

async fn render<C: BaseComponent>(props: C::Properties) -> String {
    LocalServerRenderer::<C>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

const HOSTILE: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> <a href=\"javascript:alert(1)\">x</a> javascript:alert(2) https://example.org/ref";

fn library_with(cards: &[Value]) -> CardLibrary {
    let mut lib = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
    for c in cards {
        lib = import_card(
            &lib,
            &c.to_string(),
            "clinic.json",
            "2026-11-22",
            &is_known_source,
        )
        .unwrap()
        .library;
    }
    lib
}

fn hostile_card() -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut c: Value = serde_json::from_str(text).unwrap();
    c["id"] = json!("hostile");
    c["name"] = json!(format!("Hostile {}", &HOSTILE[..80]));
    c["summary"] = json!(HOSTILE);
    c["base_rate"]["note"] = json!(HOSTILE);
    c["factors"][0]["label"] = json!(&HOSTILE[..80]);
    c["factors"][0]["note"] = json!(HOSTILE);
    c
}

/// The tags of rendered HTML: card text is escaped, so every `<` left
/// starts a tag the app itself wrote.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or_default())
        .collect()
}

/// No markup from card text reached the HTML: it is shown as escaped text.
fn assert_escaped(html: &str) {
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        assert!(
            !lower.starts_with("script") && !lower.starts_with("img"),
            "tag <{tag}>"
        );
        // Outside the quotes are the attribute names, inside their values
        // (where card text, escaped, may be: an `aria-label` naming a card):
        // no event handler attribute, and no script address to follow.
        let parts: Vec<&str> = lower.split('"').collect();
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 0 {
                assert!(
                    !part.split_whitespace().any(|w| w.starts_with("on")),
                    "tag <{tag}>"
                );
            } else if i > 0 && (parts[i - 1].ends_with("href=") || parts[i - 1].ends_with("src=")) {
                assert!(!part.trim_start().starts_with("javascript:"), "tag <{tag}>");
            }
        }
    }
    assert!(
        html.contains("&lt;script&gt;"),
        "the text is shown, escaped"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn every_built_in_card_is_laid_out_in_full() {
    for card in builtin().unwrap() {
        let html = render::<CardView>(CardViewProps {
            card: card.clone(),
            imported: None,
            on_download: Callback::noop(),
            on_edit: Callback::noop(),
            on_remove: None,
        })
        .await;
        let raw = card.card();
        assert!(html.contains(&format!("data-card-id=\"{}\"", raw.id)));
        assert_eq!(
            html.matches("data-testid=\"card-factor\"").count(),
            raw.factors.len(),
            "{}",
            raw.id
        );
        let text = show::text_of(&html);
        for said in [
            "Dosing weight",
            "Base rate",
            "Induction phase",
            "Hard limits",
            "2 mg/kg/h",
            "Duplicate and edit",
            "Show as JSON",
        ] {
            assert!(text.contains(said), "{}: {said}", raw.id);
        }
        // The tables' units are kept on one line (Firefox breaks after "/"):
        // a figure's value cell holds its unit in a span that does not wrap.
        assert!(
            html.split("<td data-label=\"Value\">")
                .skip(1)
                .any(|cell| cell
                    .split("</td>")
                    .next()
                    .unwrap()
                    .contains("<span class=\"unit\">mg/kg/h</span>")),
            "{}",
            raw.id
        );
        assert!(
            !html.contains("imported-badge"),
            "a built-in card is not labelled imported"
        );
        assert!(!html.contains("Remove from this browser"));
    }
}

#[tokio::test(flavor = "current_thread")]
async fn an_imported_card_is_labelled_and_its_hostile_text_is_escaped() {
    let lib = library_with(&[hostile_card()]);
    let entry = lib.get("hostile").unwrap();
    let html = render::<CardView>(CardViewProps {
        card: entry.card.clone(),
        imported: entry.imported.cloned(),
        on_download: Callback::noop(),
        on_edit: Callback::noop(),
        on_remove: Some(Callback::noop()),
    })
    .await;
    assert_escaped(&html);
    assert!(html.contains("data-testid=\"imported-badge\""));
    assert!(html.contains("badge-imported\">imported, not reviewed</span>"));
    assert!(html.contains("Imported on 2026-11-22 from \u{201c}clinic.json\u{201d}"));
    // One imported from the card editor says so, not that it came from a file.
    let edited = ketamine_dosing_reference::ui::components::protocols::card_view::provenance(
        &ketamine_dosing_reference::domain::imported::store::ImportMeta {
            file_name: ketamine_dosing_reference::domain::imported::EDITED_SOURCE.to_string(),
            imported_on: "2026-12-05".to_string(),
            renamed_from: None,
        },
    );
    assert_eq!(edited, "Imported on 2026-12-05 from the card editor.");
    assert!(
        !ketamine_dosing_reference::domain::imported::IMPORTED_EXPLANATION.contains("from a file.")
    );
    assert!(html.contains("Edit this card"));
    assert!(html.contains("Remove from this browser"));
    // The https address is listed as text only.
    assert!(html.contains("<code class=\"web-reference\">https://example.org/ref</code>"));
    assert!(!html.contains("href=\"https://example.org"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_card_list_marks_imported_and_unusable_cards() {
    let lib = library_with(&[hostile_card()]);
    let html = show::render_view(move || card_list(&lib, "crps-4h", &Callback::noop())).await;
    assert_eq!(
        html.matches("data-testid=\"card-row\"").count(),
        BUILTIN_CARDS.len() + 1
    );
    assert_eq!(html.matches("data-imported=\"true\"").count(), 1);
    assert!(html.contains(
        "href=\"#/protocols?card=crps-4h&amp;entry=card-crps-4h\" aria-current=\"true\""
    ));
    assert!(html.contains("href=\"#/calculator?protocol=hostile\""));
    assert_escaped(&html);
}

#[tokio::test(flavor = "current_thread")]
async fn refused_imports_list_every_problem_by_field_path() {
    let problems = vec![
        CardProblem::Missing {
            path: "name".into(),
        },
        CardProblem::Invalid {
            path: "factors[3].effects[0].value".into(),
            message: "<b>bold</b> is not allowed".into(),
        },
    ];
    let reports = vec![
        ImportReport {
            source: "<img src=x onerror=alert(1)>.json".into(),
            outcome: Err(ImportError::Problems(problems)),
        },
        ImportReport {
            source: "clinic.json".into(),
            outcome: Ok(ImportedSummary {
                id: "crps-4h-imported".into(),
                name: "Clinic".into(),
                messages: vec!["The id \u{201c}crps-4h\u{201d} belongs to a built-in card".into()],
                notes: vec![
                    "summary: contains HTML-like markup; it is shown as plain text and never run."
                        .into(),
                ],
                cautions: vec!["This card has no rule for one contraindication <i>".into()],
                not_saved: None,
            }),
        },
    ];
    let html = render::<ImportPanel>(ImportPanelProps {
        on_files: Callback::noop(),
        reports,
        blocked: None,
    })
    .await;
    assert!(html.contains("The card was not imported: 2 problems found. Nothing was changed."));
    assert!(html.contains("data-path=\"name\""));
    assert!(html.contains("<code class=\"problem-path\">factors[3].effects[0].value</code>"));
    assert!(html.contains("this required field is missing."));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(!html.contains("<img"));
    assert!(html.contains("data-testid=\"import-ok\" data-card-id=\"crps-4h-imported\""));
    assert!(html.contains("belongs to a built-in card"));
    assert!(html.contains("shown as plain text and never run"));
    // What to know before use, under its own heading, before the notes.
    let cautions = html.find("Before you use it:").unwrap();
    assert!(cautions < html.find("Shown as plain text, never run:").unwrap());
    assert!(html.contains("data-testid=\"import-cautions\""));
    assert!(html.contains("one contraindication &lt;i&gt;"));
    assert!(html.contains("type=\"file\""));
    assert!(html.contains("accept=\".json,application/json\""));
    let blocked = render::<ImportPanel>(ImportPanelProps {
        on_files: Callback::noop(),
        reports: Vec::new(),
        blocked: Some("paused".into()),
    })
    .await;
    assert!(blocked.contains("disabled"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_editor_checks_its_text_and_offers_import_only_when_valid() {
    let lib = Rc::new(library_with(&[]));
    let editor = |text: &str| {
        render::<CardEditor>(CardEditorProps {
            library: lib.clone(),
            initial: AttrValue::from(text.to_string()),
            start: AttrValue::from(text.to_string()),
            title: "a copy of crps-4h".into(),
            on_import: Callback::noop(),
            on_download: Callback::noop(),
            on_close: Callback::noop(),
            on_changed: Callback::noop(),
        })
    };
    let (_, crps) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let valid = editor(crps).await;
    assert!(valid.contains("data-valid=\"true\""));
    assert!(valid.contains("It would be imported as <code>crps-4h-imported</code>"));
    assert!(valid.contains("belongs to a built-in card"));
    // Before anything is imported, the rename is said as what would happen.
    assert!(valid.contains("so this card would be imported as \u{201c}crps-4h-imported\u{201d}"));
    assert!(!valid.contains("was imported"), "{valid}");
    assert!(!valid.contains("disabled"));
    let mut over: Value = serde_json::from_str(crps).unwrap();
    over["base_rate"]["value"] = json!(3);
    let invalid = editor(&over.to_string()).await;
    assert!(invalid.contains("data-valid=\"false\""));
    assert!(invalid.contains("data-path=\"base_rate.value\""));
    assert!(invalid.contains("hard limit of 2 mg/kg/h"));
    assert!(invalid.contains("disabled"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_verify_report_shows_expected_and_actual_and_any_failure() {
    let suite = golden_suite(&is_known_source).unwrap();
    let mut reports = suite.run(builtin().unwrap());
    let shown = reports.clone();
    let html = show::render_view(move || verify_report(&shown)).await;
    let n = reports.len();
    assert!(n >= 100);
    assert!(html.contains(&format!("{n} of {n} cases passed")));
    assert!(html.contains("data-all-pass=\"true\""));
    assert_eq!(html.matches("data-testid=\"verify-case\"").count(), n);
    assert!(!html.contains("FAIL"));
    // A wrong expectation shows as a failure, with both figures.
    let check = reports[0]
        .checks
        .iter_mut()
        .find(|c| c.figure == "rate-mg-per-h")
        .unwrap();
    check.expected = "99 mg/h".into();
    check.pass = false;
    let actual = check.actual.clone();
    let html = show::render_view(move || verify_report(&reports)).await;
    assert!(html.contains(&format!("{} of {n} cases passed", n - 1)));
    assert!(html.contains("data-all-pass=\"false\""));
    assert!(html.contains("99 mg/h"));
    assert!(html.contains(&actual));
    assert!(html.contains("FAIL"));
}

#[derive(Properties, PartialEq)]
struct PageWithCardsProps {
    query: AttrValue,
}

/// The page under the app's context, with one imported card read from storage.
#[component]
fn PageWithCards(props: &PageWithCardsProps) -> Html {
    let library = Rc::new(library_with(&[hostile_card()]));
    let cards = CardLibraryContext {
        latest: Rc::new(std::cell::RefCell::new(Rc::clone(&library))),
        library,
        set: Callback::noop(),
    };
    html! {
        <ContextProvider<CardLibraryContext> context={cards}>
            <ProtocolsPage query={props.query.clone()} />
        </ContextProvider<CardLibraryContext>>
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_page_lists_every_card_and_shows_the_one_asked_for() {
    let page = |query: &str| {
        render::<PageWithCards>(PageWithCardsProps {
            query: AttrValue::from(query.to_string()),
        })
    };
    let html = page("").await;
    assert_eq!(
        html.matches("data-testid=\"card-row\"").count(),
        BUILTIN_CARDS.len() + 1
    );
    assert!(html.contains("data-testid=\"card-view\" data-card-id=\"outpatient-consensus\""));
    assert!(html.contains("Verify this calculator"));
    assert!(html.contains("Download the JSON Schema"));
    assert!(html.contains("id=\"card-file\""));
    assert!(
        !html.contains("import-blocked"),
        "imports are open once the saved cards are read"
    );
    let html = page("card=headache-inpatient").await;
    assert!(html.contains("data-testid=\"card-view\" data-card-id=\"headache-inpatient\""));
    let html = page("card=hostile").await;
    assert!(
        html.contains("data-testid=\"card-view\" data-card-id=\"hostile\" data-imported=\"true\"")
    );
    assert_escaped(&html);
    let html = page("card=clinic-own").await;
    assert!(html.contains("There is no card \u{201c}clinic-own\u{201d} in this browser"));
    // Before the saved cards are read (no context here), nothing is claimed
    // missing yet and imports wait.
    let early = render::<ProtocolsPage>(ProtocolsPageProps {
        query: "card=clinic-own".into(),
    })
    .await;
    assert!(!early.contains("There is no card"));
    assert!(early.contains("data-testid=\"import-blocked\""));
}

#[tokio::test(flavor = "current_thread")]
async fn an_indication_without_sources_is_said_apart_from_its_grade() {
    // A card-authoring review saw "grade Dthe card gives no source".
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut c: Value = serde_json::from_str(text).unwrap();
    c["id"] = json!("unsourced");
    c["indications"] = json!([{ "condition": "neuropathic", "grade": "D" }]);
    let lib = library_with(&[c]);
    let picker = render::<CardPicker>(CardPickerProps {
        library: std::rc::Rc::new(lib),
        selected: "unsourced".into(),
        on_change: Callback::noop(),
    })
    .await;
    let start = picker.find("data-testid=\"card-indications\"").unwrap();
    let list = &picker[start..start + picker[start..].find("</ul>").unwrap()];
    let text = show::text_of(list.split_once('>').unwrap().1);
    assert!(
        text.ends_with(": grade D (the card gives no source)"),
        "{text}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_calculator_labels_an_imported_card_in_the_picker_result_link_and_print_sheet() {
    let lib = library_with(&[hostile_card()]);
    let picker = render::<CardPicker>(CardPickerProps {
        library: std::rc::Rc::new(lib.clone()),
        selected: "hostile".into(),
        on_change: Callback::noop(),
    })
    .await;
    assert!(picker.contains("data-imported=\"true\""));
    assert!(picker.contains(">imported, not reviewed: Hostile "));
    assert_eq!(picker.matches(">imported, not reviewed: ").count(), 1);
    assert!(picker.contains("data-testid=\"imported-note\""));
    assert_escaped(&picker);

    let state = CalculatorState::from_query("protocol=hostile&weight_kg=70");
    let evaluation = std::rc::Rc::new(evaluate(&state.scenarios[0], lib.cards()));
    let result = render::<ResultPanel>(ResultPanelProps {
        evaluation: evaluation.clone(),
        scenario: 1,
        on_toggle: Callback::noop(),
        imported: true,
        left_out: false,
    })
    .await;
    assert!(result.contains("data-testid=\"result-imported\""));
    assert!(result.contains("24.5 mg/h"));
    let sheet = render::<PrintSheet>(PrintSheetProps {
        scenario: state.scenarios[0].clone(),
        evaluation,
        number: 1,
        today: "2026-11-22".into(),
        link: "#/calculator?protocol=hostile".into(),
        imported: true,
        card_line: card_line(&lib, "hostile").into(),
        card_figures: Default::default(),
    })
    .await;
    assert!(sheet.contains("(imported, not reviewed)"));
    let link = render::<ShareLink>(ShareLinkProps {
        query: "protocol=hostile".into(),
        imported: vec!["hostile".into()],
    })
    .await;
    assert!(link.contains("This link uses an imported card (hostile; imported, not reviewed): a browser without it will show no figure."));
    let plain = render::<ShareLink>(ShareLinkProps {
        query: "protocol=crps-4h".into(),
        imported: Vec::new(),
    })
    .await;
    assert!(!plain.contains("imported"));
}

/// The card picker is drawn again only when what it shows can change: a
/// keystroke in the patient form hands it the same library, choice and
/// callback, so Yew skips it (its summary is a large part of the page).
#[test]
fn the_card_picker_is_skipped_while_its_library_choice_and_callback_stay() {
    let library = std::rc::Rc::new(library_with(&[]));
    let on_change = Callback::from(|_: String| ());
    let props =
        |library: &std::rc::Rc<CardLibrary>, selected: &str, on_change: &Callback<String>| {
            CardPickerProps {
                library: library.clone(),
                selected: AttrValue::from(selected.to_string()),
                on_change: on_change.clone(),
            }
        };
    let shown = props(&library, "crps-4h", &on_change);
    // A keystroke: the same of each (the choice as a new string).
    assert!(shown == props(&library, "crps-4h", &on_change));
    // Another card chosen.
    assert!(shown != props(&library, "outpatient-consensus", &on_change));
    // The cards changed (an import or a removal makes a new library), even
    // when the new one holds the same cards.
    let reloaded = std::rc::Rc::new(library_with(&[]));
    assert!(shown != props(&reloaded, "crps-4h", &on_change));
    // Another callback.
    assert!(shown != props(&library, "crps-4h", &Callback::from(|_: String| ())));
}
