//! The reference pages rendered to HTML natively (Yew SSR): each shows its key
//! content, the seed tables' cells, citations linking to `#/sources`, and the
//! patient view of the side effects holds no dose numbers.
// Tests do not ship in the wasm: the standard library's lower case is fine here.
#![allow(clippy::disallowed_methods)]
#![cfg(feature = "ui")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::reference::{
    content, EffectView, Frequency, FrequencyFilter, ReferenceContent, Status,
};
use ketamine_dosing_reference::ui::components::reference::side_effect_list::{
    side_effect_list, SideEffectListProps,
};
use ketamine_dosing_reference::ui::pages::candidates::candidates_page;
use ketamine_dosing_reference::ui::pages::evidence::evidence_page;
use ketamine_dosing_reference::ui::pages::factors::factors_page;
use ketamine_dosing_reference::ui::pages::monitoring::monitoring_page;
use ketamine_dosing_reference::ui::pages::phases::phases_page;
use ketamine_dosing_reference::ui::pages::side_effects::side_effects_page;
use ketamine_dosing_reference::ui::pages::sources::sources_page;
use yew::prelude::Html;
use yew::Callback;

#[path = "common/show.rs"]
mod show;

fn loaded() -> &'static ReferenceContent {
    content()
}

/// Undoes the HTML escaping of text (`&amp;` and friends).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// A page's HTML, unescaped, checked to write mcg, never µg.
async fn render(page: impl Fn() -> Html + 'static) -> String {
    let html = show::render_view(page).await;
    assert!(!html.contains("µg"), "µg must be written mcg");
    unescape(&html)
}

async fn render_list(view: EffectView, filter: FrequencyFilter, query: &str) -> String {
    let query = query.to_string();
    let html = show::render_view(move || {
        side_effect_list(&SideEffectListProps {
            content: &loaded().side_effects,
            view,
            filter,
            query: &query,
        })
    })
    .await;
    unescape(&html)
}

/// Seed 000 tables: every cell must be on the rendered pages.
#[path = "common/seed_tables.rs"]
mod seed_tables;
use seed_tables::{SEED_TABLE_1, SEED_TABLE_2, SEED_TABLE_3};

/// Each factor entry names the calculator factors that implement it, each a
/// link to a calculator scenario in which that factor fires.
#[tokio::test(flavor = "current_thread")]
async fn factors_page_links_each_entry_to_calculator_examples() {
    let html = unescape(&render(factors_page).await);
    let c = loaded();
    let ids: Vec<&str> = c
        .factors
        .groups
        .iter()
        .flat_map(|g| g.entries.iter())
        .flat_map(|e| e.calculator_factor_ids.iter().map(|s| s.as_str()))
        .collect();
    assert!(
        ids.len() >= 15,
        "only {} calculator factors named",
        ids.len()
    );
    for id in &ids {
        assert!(
            html.contains(&format!("data-factor-id=\"{id}\"")),
            "no calculator link for {id}"
        );
    }
    assert!(html.contains(
        "<a href=\"#/calculator?protocol=outpatient-consensus&weight_kg=70&height_cm=175&sex=male&age_years=65"
    ), "the older-age example sets age to the threshold (65 is included)");
    assert!(
        html.contains("<a href=\"#/calculator?protocol=crps-continuous&weight_kg=49&"),
        "the under-50 kg example is on the one card that has it, just below 50"
    );
    assert!(html.contains("(example on the "));
}

#[tokio::test(flavor = "current_thread")]
async fn factors_page_shows_the_five_groups_every_seed_cell_and_anchors() {
    let html = render(factors_page).await;
    assert!(html.contains("<h1>Dosing factors</h1>"));
    for cell in SEED_TABLE_1.iter().flatten() {
        assert!(html.contains(cell), "missing seed cell {cell:?}");
    }
    assert_eq!(html.matches("data-testid=\"factor-group\"").count(), 5);
    let c = loaded();
    for group in &c.factors.groups {
        assert!(
            html.contains(&format!("id=\"{}\"", group.id)),
            "{}",
            group.id
        );
        assert!(html.contains(&*group.title));
        for entry in &group.entries {
            assert!(
                html.contains(&format!("id=\"{}\"", entry.id)),
                "{}",
                entry.id
            );
        }
    }
    for needle in [
        "Dosing weight: obesity and low body weight",
        "CYP3A4 inhibitors",
        "3.6-fold",
        "Itraconazole",
        "Theophylline and aminophylline",
        "Kidney function",
        "Benzodiazepines",
        "130%",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(html.contains("<a href=\"#/sources?entry=source-R44\""));
    assert!(html.contains("data-source-id=\"R44\" class=\"cite\">[R44]</a>"));
    assert!(
        html.contains("secondary source"),
        "secondary sources are flagged"
    );
    assert!(
        html.contains(">Unverified</span>"),
        "unverified claims are flagged"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn phases_page_shows_stages_both_seeds_and_the_regimen_table() {
    let html = render(|| phases_page("")).await;
    for cell in SEED_TABLE_2.iter().flatten() {
        assert!(html.contains(cell), "missing seed cell {cell:?}");
    }
    assert_eq!(html.matches("data-testid=\"stage\"").count(), 3);
    // Table 2's frequencies carry their status right under the table.
    let table_end = html.find("data-testid=\"seed-table-2\"").unwrap()
        + html[html.find("data-testid=\"seed-table-2\"").unwrap()..]
            .find("</table>")
            .unwrap();
    let after = &html[table_end..];
    assert!(
        after.find("data-testid=\"seed-table-2-status\"").unwrap()
            < after.find("data-testid=\"stage\"").unwrap(),
        "under the table, before the stages"
    );
    let status = &after[after.find("seed-table-2-status").unwrap()..];
    let status = &status[..status.find("</p>").unwrap()];
    // The badge leads, and the sentence is whole after it.
    assert!(
        status.contains(
            "Unverified</span> The frequencies in this table are the source article's: they fit"
        ),
        "{status}"
    );
    assert!(
        status.contains("data-testid=\"unverified-badge\"")
            && status.contains(">Unverified</span>"),
        "{status}"
    );
    for needle in [
        "4–6 infusions over 4–7 days",
        "6–8 infusions over 2–3 weeks",
        "40 minutes to several hours",
        "1–2 hours",
        "trial run",
        "diary",
        "run of 2 or 3 infusions",
        "CRPS",
        "Physical and psychological therapy alongside",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    let c = loaded();
    assert_eq!(
        html.matches("data-testid=\"regimen-row\"").count(),
        c.phases.regimens.len()
    );
    for regimen in &c.phases.regimens {
        assert!(html.contains(&*regimen.study), "{}", regimen.study);
    }
    let unverified_cells = c
        .phases
        .regimens
        .iter()
        .flat_map(|r| r.cells())
        .filter(|(_, cell)| cell.status == Status::Unverified)
        .count();
    assert!(html.matches("data-testid=\"unverified-badge\"").count() >= unverified_cells);
    assert!(
        html.contains("tabindex=\"0\" role=\"region\""),
        "wide table scrolls on its own"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn side_effects_page_shows_every_row_with_frequency_duration_and_controls() {
    let html = render(|| side_effects_page("", 0, Callback::noop())).await;
    for [name, frequency, duration] in SEED_TABLE_3 {
        assert!(html.contains(name), "{name}");
        assert!(html.contains(duration), "{duration}");
        assert!(html.contains(&format!(">{frequency}</span>")) || html.contains(frequency));
    }
    let c = loaded();
    assert_eq!(
        html.matches("data-testid=\"side-effect-row\"").count(),
        c.side_effects.effects.len()
    );
    assert_eq!(html.matches("data-frequency=\"common\"").count(), 3);
    assert_eq!(html.matches("data-frequency=\"less-common\"").count(), 2);
    assert_eq!(html.matches("data-frequency=\"rare\"").count(), 2);
    for title in [
        "During and shortly after an infusion",
        "Serious reactions",
        "Long-term concerns",
    ] {
        assert!(html.contains(title), "{title}");
    }
    assert!(html.contains("<legend>Frequency</legend>"));
    // Every choice of the filter is a radio button with its label.
    for (value, label) in [
        ("all", "All"),
        ("common", "Common"),
        ("less-common", "Less common"),
        ("rare", "Rare"),
        ("not-graded", "Not given in the source article"),
    ] {
        let checked = if value == "all" { " checked" } else { "" };
        let radio = format!(
            "<label><input value=\"{value}\"{checked} type=\"radio\" name=\"se-frequency\"> {label}</label>"
        );
        assert!(html.contains(&radio), "{radio}");
    }
    assert!(html.contains("<label for=\"se-search\">Search</label>"));
    assert!(html.contains("Patient (plain language)"));
    assert!(html.contains("What staff do"));
    assert!(html.contains("76%"), "literature frequencies are shown");
    assert!(html.contains("Showing 10 of 10 side effects."));
}

#[tokio::test(flavor = "current_thread")]
async fn side_effect_list_filters_and_searches() {
    let common = render_list(
        EffectView::Clinical,
        FrequencyFilter::Only(Frequency::Common),
        "",
    )
    .await;
    assert_eq!(common.matches("data-testid=\"side-effect-row\"").count(), 3);
    assert!(common.contains("Showing 3 of 10 side effects."));
    assert!(!common.contains("Heart rhythm changes"));
    let searched = render_list(EffectView::Clinical, FrequencyFilter::All, "vision").await;
    assert_eq!(
        searched.matches("data-testid=\"side-effect-row\"").count(),
        1
    );
    assert!(searched.contains("Blurred or double vision"));
    let none = render_list(EffectView::Clinical, FrequencyFilter::All, "zzz").await;
    assert_eq!(none.matches("data-testid=\"side-effect-row\"").count(), 0);
    assert!(none.contains("No side effect matches this search. Try another word, or clear the search to see all 10. If you notice anything that worries you, tell staff, whether or not it is listed here."));
    let rare = render_list(
        EffectView::Clinical,
        FrequencyFilter::Only(Frequency::Rare),
        "zzz",
    )
    .await;
    assert!(rare.contains("No side effect matches this frequency and search. Try another word, or choose \u{201c}All\u{201d} under Frequency and clear the search to see all 10. If you notice anything that worries you, tell staff, whether or not it is listed here."));
    assert!(!none.contains("data-testid=\"side-effect-group\""));
}

#[tokio::test(flavor = "current_thread")]
async fn the_patient_view_has_plain_language_and_no_dose_numbers() {
    let html = render_list(EffectView::Patient, FrequencyFilter::All, "").await;
    assert_eq!(html.matches("data-testid=\"side-effect-row\"").count(), 10);
    assert_eq!(html.matches("data-testid=\"patient-view\"").count(), 10);
    // A name that breaks inside one long word on a phone has a patient
    // form; the clinical view keeps the source table's.
    assert!(html.contains("id=\"dizziness-heading\">Dizziness or light-headedness</h3>"));
    assert!(!html.contains("Dizziness/lightheadedness"));
    let clinical = render_list(EffectView::Clinical, FrequencyFilter::All, "").await;
    assert!(clinical.contains("id=\"dizziness-heading\">Dizziness/lightheadedness</h3>"));
    for label in [
        "What it may feel like",
        "How long it usually lasts",
        "When to tell staff",
    ] {
        assert_eq!(html.matches(label).count(), 10, "{label}");
    }
    let text = strip_tags(&html).to_lowercase();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        assert!(
            !["mg", "mcg", "ml", "kg", "µg"].contains(&word),
            "dose unit {word:?} in patient view"
        );
    }
    // How long it lasts is a fact from a source: each card cites its own,
    // there and nowhere else (the view has no figures to cite).
    let c = loaded();
    // A duration with a clause from another source cites its own list
    // (bladder irritation: the label's reports after medical use).
    macro_rules! cites {
        ($e:expr) => {
            $e.patient.how_long_cites(&$e.sources)
        };
    }
    let cited: usize = c.side_effects.effects.iter().map(|e| cites!(e).len()).sum();
    assert_eq!(html.matches("class=\"cite\"").count(), cited);
    let bladder = c
        .side_effects
        .effects
        .iter()
        .find(|e| e.id.as_str() == "bladder-irritation")
        .unwrap();
    let ids: Vec<&str> = cites!(bladder).iter().map(|t| t.as_str()).collect();
    assert_eq!(ids, ["seed-dosing", "R32"]);
    for e in &c.side_effects.effects {
        let card = &html[html.find(&format!("id=\"{}\"", e.id)).unwrap()..];
        let how_long = &card[card.find("data-testid=\"patient-how-long\"").unwrap()..];
        let how_long = &how_long[..how_long.find("</dd>").unwrap()];
        for id in cites!(e) {
            assert!(
                how_long.contains(&format!("data-source-id=\"{id}\"")),
                "{}: {id}",
                e.id
            );
        }
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

#[tokio::test(flavor = "current_thread")]
async fn candidates_page_lists_the_groups_with_grades() {
    let html = render(candidates_page).await;
    assert_eq!(html.matches("data-testid=\"not-candidate\"").count(), 5);
    assert_eq!(html.matches("data-testid=\"caution\"").count(), 4);
    for name in [
        "Uncontrolled high blood pressure",
        "Severe heart disease",
        "Active psychosis",
        "Significant substance misuse",
        "Pregnancy or breastfeeding",
        "Liver disease",
        "Glaucoma",
        "Children and adolescents",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert!(html.contains("Grade B, low certainty"));
    assert!(html.contains("Grade C, low certainty"));
    assert!(html.contains("No consensus grade"));
    assert!(html.contains("Tests before an infusion"));
    // The liver tests' grade could not be checked: the Grade cell says so,
    // not the position's.
    let liver = html
        .split("data-testid=\"consensus-row\"")
        .find(|row| row.contains("Consider liver function tests"))
        .unwrap();
    let (position, grade) = liver.split_once("data-label=\"Grade\"").unwrap();
    assert!(!position.contains("unverified-badge"));
    let grade = grade.split("data-label=\"Sources\"").next().unwrap();
    assert!(grade.contains("Grade C, low certainty"));
    assert!(grade.contains("data-testid=\"unverified-badge\""));
    assert!(grade.contains("The grade was cut off in the summary the app drew on."));
}

#[tokio::test(flavor = "current_thread")]
async fn monitoring_page_covers_vitals_experience_routes_and_mechanism() {
    let html = render(monitoring_page).await;
    for needle in [
        "NMDA receptors",
        "central sensitisation",
        "Blood pressure, heart rate and oxygen",
        "from start to finish",
        "must not drive home",
        "calm room with the lights turned down",
        "Intravenous (IV)",
        "Intranasal spray",
        "Oral (tablets, lozenges)",
        "about 45%",
        "about 20%",
        "less predictable",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert_eq!(html.matches("data-testid=\"route\"").count(), 5);
}

#[tokio::test(flavor = "current_thread")]
async fn evidence_page_shows_each_condition_with_its_grade() {
    let html = render(evidence_page).await;
    let c = loaded();
    assert_eq!(
        html.matches("data-testid=\"evidence-row\"").count(),
        c.evidence.conditions.len()
    );
    for condition in &c.evidence.conditions {
        assert!(
            html.contains(&*condition.condition),
            "{}",
            condition.condition
        );
    }
    assert!(html.contains("Grade B, low to moderate certainty"));
    assert_eq!(html.matches("data-grade=\"D\"").count(), 5);
    // The unit kept on one line (Firefox breaks a line after "/").
    assert!(html.contains("0.5–2 <span class=\"unit\">mg/kg/h;</span>"));
    assert!(html.contains("At least 80 mg in total"));
}

#[tokio::test(flavor = "current_thread")]
async fn sources_page_lists_every_source_by_kind_with_what_cites_it() {
    let html = render(sources_page).await;
    let c = loaded();
    for source in &c.sources {
        assert!(
            html.contains(&format!("id=\"source-{}\"", source.id)),
            "no anchor for {}",
            source.id
        );
        assert!(html.contains(&*source.title), "{}", source.title);
    }
    // A title's own stop is not doubled ("…for pain?." was shown).
    assert!(
        html.contains("How often do you get ketamine infusions for pain?</cite> BiologyInsights."),
        "{html}"
    );
    for doubled in ["?</cite>.", "!</cite>.", ".</cite>."] {
        assert!(!html.contains(doubled), "{doubled}");
    }
    assert!(html.contains("</cite>. "));
    assert_eq!(
        html.matches("data-testid=\"source\"").count(),
        c.sources.len()
    );
    assert_eq!(html.matches("data-testid=\"source-kind\"").count(), 6);
    for heading in [
        "Source articles this app is built on",
        "Guidelines and consensus statements",
        "Secondary sources",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    // Items that cite a source link to their own entry on their page.
    assert!(html
        .contains("href=\"#/factors?entry=cyp3a4-inhibitors\" data-item-id=\"cyp3a4-inhibitors\""));
    assert!(html.contains(
        "href=\"#/side-effects?entry=bladder-irritation\" data-item-id=\"bladder-irritation\""
    ));
    assert!(html.contains("https://doi.org/10.1097/AAP.0000000000000808"));
    assert!(html.contains("Unverified details"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_patient_view_of_the_phases_has_the_stages_and_no_dose() {
    let html = show::render_view(|| phases_page("view=patient")).await;
    let c = loaded();
    assert_eq!(html.matches("data-testid=\"stage\"").count(), 3);
    for stage in &c.phases.stages {
        assert!(html.contains(&*stage.name), "{}", stage.name);
        assert!(html.contains(&*stage.summary), "{}", stage.summary);
    }
    // How often and why, in the app's words with their sources and status
    // (the seed's Table 2 wording is for the clinical view, as published).
    let lower = html.to_lowercase();
    for stage in &c.phases.stages {
        assert!(html.contains(&*stage.when.text), "{}", stage.when.text);
        assert!(!lower.contains(&stage.seed_row.purpose.to_lowercase()));
    }
    assert!(html.contains("How often: several infusions close together at the start"));
    assert_eq!(
        html.matches("data-testid=\"unverified-badge\"").count(),
        c.phases
            .stages
            .iter()
            .flat_map(|s| std::iter::once(&s.when).chain(s.points.iter()))
            .filter(|claim| claim.status == Status::Unverified)
            .count()
    );
    assert_eq!(
        c.phases
            .stages
            .iter()
            .filter(|s| s.when.status == Status::Unverified)
            .count(),
        2
    );
    assert!(!html.contains("regimen-row") && !html.contains("seed-table-2"));
    let words: Vec<String> = html
        .to_lowercase()
        .split(|ch: char| !ch.is_alphanumeric())
        .map(str::to_string)
        .collect();
    for unit in ["mg", "mcg", "ml", "kg"] {
        assert!(
            !words.iter().any(|w| w == unit),
            "the patient view shows {unit}"
        );
    }
    // The day itself: the room, the staff, going home (never driving)
    // and the diary, each with its source.
    let day = &html[html.find("data-testid=\"patient-day\"").unwrap()..];
    assert!(day.contains("On the day of an infusion"));
    assert!(day.contains(
        "You must not drive home after an infusion: arrange for someone to take you home."
    ));
    assert!(day.contains("with a responsible adult."));
    assert_eq!(
        day.matches("<li").count(),
        c.phases.patient_day.len(),
        "every point shown"
    );
    assert!(c.phases.patient_day.len() >= 5);
    for point in &c.phases.patient_day {
        assert!(day.contains(&*point.text), "{}", point.text);
        assert!(!point.sources.is_empty(), "{}", point.text);
    }
    assert!(day.contains("href=\"#/diary\""));
    assert!(html.contains("href=\"#/phases\" data-testid=\"phases-view-switch\""));
    assert!(html.contains(
        "data-testid=\"reading-note\" class=\"patient-note\">Each statement ends with a link in square brackets"
    ));
    // The clinical view links to it.
    let clinical = render(|| phases_page("")).await;
    assert!(!clinical.contains("data-testid=\"reading-note\""));
    assert!(clinical.contains("href=\"#/phases?view=patient\""));
    assert!(clinical.contains("regimen-row"));
    // The day of an infusion is in both views (a source's "cited by" link
    // to it opens the clinical one).
    assert!(clinical.contains("<section id=\"on-the-day\""));
    assert!(clinical.contains("On the day of an infusion, as patients are told it"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_can_open_the_patient_view_of_the_side_effects() {
    let html = show::render_view(|| side_effects_page("view=patient", 0, Callback::noop())).await;
    assert!(html.contains("data-testid=\"patient-note\""));
    assert!(html.contains(
        "data-testid=\"reading-note\" class=\"patient-note\">Each statement ends with a link in square brackets"
    ));
    assert!(!html.contains("staff-overview-heading"));
    // The patient view opens with its own note, not the clinical
    // introduction (which speaks of the source article's table).
    let intro = &*loaded().side_effects.intro;
    assert!(!html.contains(intro));
    assert!(!html.contains("Table 3"));
    let clinical = render(|| side_effects_page("", 0, Callback::noop())).await;
    assert!(clinical.contains(intro));
    assert!(!clinical.contains("data-testid=\"patient-note\""));
    assert!(!clinical.contains("data-testid=\"reading-note\""));
    assert!(clinical.contains("staff-overview-heading"));
}
