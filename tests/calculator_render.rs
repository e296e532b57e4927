//! The calculator's components rendered to HTML natively (Yew SSR): the
//! breakdown table and chart, the result panel for a dose, a block and bad
//! input, the print sheet, and the whole page from a share link.
#![cfg(feature = "ui")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::calculator::{
    card_line, evaluate, CalculatorState, Evaluation,
};
use ketamine_dosing_reference::domain::card_view::limit_figures;
use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use ketamine_dosing_reference::domain::dosing::validate::{
    is_evidence_source_id, parse_card, ValidCard,
};
use ketamine_dosing_reference::domain::dosing::{Breakdown, Outcome};
use ketamine_dosing_reference::domain::library;
use ketamine_dosing_reference::ui::components::calculator::breakdown_chart::{
    breakdown_chart, BreakdownChartProps,
};
use ketamine_dosing_reference::ui::components::calculator::breakdown_table::{
    breakdown_table, BreakdownTableProps,
};
use ketamine_dosing_reference::ui::components::calculator::print_sheet::{
    PrintSheet, PrintSheetProps,
};
use ketamine_dosing_reference::ui::components::calculator::result_panel::{
    ResultPanel, ResultPanelProps,
};
use ketamine_dosing_reference::ui::pages::calculator::{CalculatorPage, CalculatorPageProps};
use yew::{Callback, LocalServerRenderer};

fn eval(query: &str) -> Evaluation {
    let state = CalculatorState::from_query(query);
    evaluate(&state.scenarios[0], library::builtin().unwrap())
}

fn breakdown(query: &str) -> Breakdown {
    match eval(query) {
        Evaluation::Computed(Outcome::Dose(b)) => *b,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_step_row_keeps_its_key_switched_on_or_off_and_no_key_repeats() {
    let q = "protocol=outpatient-consensus&weight_kg=70&age_years=72&hepatic=moderate&medications=clarithromycin,opioid";
    let on = breakdown(q);
    assert_eq!(
        on.step_keys(),
        [
            "factor:age-65-plus",
            "factor:hepatic-moderate",
            "factor:cyp3a4-strong-inhibitor",
            "factor:opioid-cns-depressant",
            "floor",
        ]
    );
    let mut off = breakdown(&format!("{q}&off=age-65-plus"));
    assert_eq!(off.steps[0].id(), "off:age-65-plus");
    assert_eq!(
        off.step_keys(),
        [
            "factor:age-65-plus",
            "factor:hepatic-moderate",
            "factor:cyp3a4-strong-inhibitor",
            "factor:opioid-cns-depressant",
        ]
    );
    // A step given twice keeps a key of its own.
    off.steps.push(off.steps[0].clone());
    off.steps.push(off.steps[0].clone());
    assert_eq!(
        off.step_keys()[4..],
        ["factor:age-65-plus#4", "factor:age-65-plus#5"]
    );
    // A cap and the titration, keyed apart from factors.
    let capped = breakdown("protocol=crps-4h&weight_kg=80");
    assert_eq!(capped.step_keys(), ["cap:cap-per-hour"]);
    let titrated = breakdown("protocol=outpatient-consensus&weight_kg=70&infusion_number=3");
    assert_eq!(titrated.step_keys(), ["titration"]);
}

/// The words with a "/" in `html`'s text that are not in a `.unit` span
/// (which keeps them on one line: Firefox breaks a line after "/").
fn unkept_units(html: &str) -> Vec<String> {
    let mut rest = String::new();
    for (i, part) in html.split("<span class=\"unit\">").enumerate() {
        rest.push_str(if i == 0 {
            part
        } else {
            part.split_once("</span>").unwrap().1
        });
    }
    let text: String = rest
        .split('<')
        .map(|s| s.split_once('>').map_or(s, |(_, t)| t))
        .collect::<Vec<_>>()
        .join(" ");
    text.split_whitespace()
        .filter(|w| w.contains('/') && !w.contains("://"))
        .map(str::to_string)
        .collect()
}

#[path = "common/show.rs"]
mod show;

/// The breakdown table's HTML: on screen (with the switches) or the print copy.
async fn table_html(b: &Breakdown, scenario: usize, print: bool) -> String {
    let b = b.clone();
    show::render_view(move || {
        let on_toggle = Callback::noop();
        breakdown_table(&BreakdownTableProps {
            breakdown: &b,
            scenario,
            on_toggle: (!print).then_some(&on_toggle),
            print,
        })
    })
    .await
}

/// The text of the Sources cell of the table row whose opening tag holds `row`.
fn sources_cell(html: &str, row: &str) -> String {
    let at = html.find(row).unwrap_or_else(|| panic!("no {row}"));
    let cells: Vec<&str> = html[at..].split("<td>").skip(1).take(5).collect();
    show::text_of(cells[4].split("</td>").next().unwrap())
}

#[tokio::test(flavor = "current_thread")]
async fn a_card_rule_or_weight_without_a_source_says_the_card_gives_none() {
    // The card's history-of-psychosis rule cites nothing.
    let b = breakdown("protocol=crps-4h&weight_kg=70&psychosis=history");
    let html = table_html(&b, 1, false).await;
    assert_eq!(
        sources_cell(&html, "data-factor-id=\"psychosis-history\""),
        "the card gives no source"
    );
    // Nor does the dosing weight basis of these two cards.
    for card in ["crps-continuous", "fibromyalgia-short"] {
        let b = breakdown(&format!("protocol={card}&weight_kg=70"));
        let html = table_html(&b, 1, true).await;
        assert_eq!(
            sources_cell(
                &html,
                "<th scope=\"row\"><a href=\"#/factors?entry=dosing-weight"
            ),
            "the card gives no source",
            "{card}"
        );
        assert!(!html.contains("arithmetic of this app"), "{card}");
    }
    // The floor on stacked reductions is the app's guard.
    let b = breakdown("protocol=outpatient-consensus&weight_kg=70&age_years=72&hepatic=moderate&medications=clarithromycin");
    let html = table_html(&b, 1, false).await;
    assert_eq!(
        sources_cell(&html, "data-step-id=\"floor\""),
        "none (a guard of this app on stacked reductions)"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_what_if_column_is_there_only_when_a_step_can_be_switched() {
    // Held at the cap, no factor: no empty sticky column on screen.
    let capped = table_html(&breakdown("protocol=crps-4h&weight_kg=80"), 1, false).await;
    assert!(!capped.contains("What if"), "{capped}");
    assert!(!capped.contains("with-toggles"));
    assert_eq!(capped.matches("<th scope=\"col\">").count(), 7);
    // A factor applied: the column, with an empty cell in every other row.
    let b = breakdown("protocol=outpatient-consensus&weight_kg=70&age_years=70");
    let with = table_html(&b, 1, false).await;
    assert!(with.contains("<th scope=\"col\">What if</th>"));
    assert!(with.contains("class=\"breakdown with-toggles\""));
    assert_eq!(with.matches("<th scope=\"col\">").count(), 8);
    assert_eq!(with.matches("data-testid=\"step-toggle\"").count(), 1);
    // On paper, never.
    assert!(!table_html(&b, 11, true).await.contains("What if"));
}

#[tokio::test(flavor = "current_thread")]
async fn breakdown_table_lists_every_step_with_rates_sources_and_a_switch() {
    let b = breakdown(
        "protocol=outpatient-consensus&weight_kg=70&age_years=70&medications=clarithromycin",
    );
    let html = table_html(&b, 1, false).await;
    assert_eq!(
        html.matches("data-testid=\"factor-step\"").count(),
        b.steps.len()
    );
    assert!(html.contains("data-factor-id=\"age-65-plus\""));
    assert!(html.contains("data-factor-id=\"cyp3a4-strong-inhibitor\""));
    // 0.5 mg/kg/h × 70 kg = 35 mg/h; × 0.5 = 17.5; × 0.75 = 13.125 → 13.1 mg/h.
    assert!(html.contains("35 mg/h"));
    assert!(html.contains("17.5 mg/h"));
    assert!(html.contains("13.1 mg/h"));
    // The total row's change keeps its unit on one line (the rate columns
    // do not wrap at all, by CSS).
    assert!(
        html.contains("<td>−21.9 <span class=\"unit\">mg/h</span> from base</td>"),
        "{html}"
    );
    assert!(html.contains("href=\"#/factors?entry=older-age\""));
    assert!(html.contains("Switch off: Age"));
    // Each factor step says which threshold fired, and on what.
    assert_eq!(
        html.matches("class=\"step-threshold\"").count(),
        b.steps.iter().filter(|s| s.factor_id().is_some()).count()
    );
    assert!(
        html.contains("age at least 65 years (65 included); here: age 70 years"),
        "{html}"
    );
    assert!(html.contains("here: taking clarithromycin"), "{html}");
    assert!(html.contains("href=\"#/sources?entry=source-"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_switched_off_step_is_marked_and_the_print_copy_has_no_test_hooks() {
    let b = breakdown("protocol=outpatient-consensus&weight_kg=70&age_years=70&off=age-65-plus");
    let screen = table_html(&b, 1, false).await;
    assert!(screen.contains("data-state=\"off\""));
    assert!(screen.contains("switched off"));
    assert!(screen.contains("Switch on: "));
    let print = table_html(&b, 11, true).await;
    // The card's note on its base rate shows beside it, on screen and on paper.
    assert!(
        screen.contains(
            "data-testid=\"base-note\" class=\"base-note\">The bottom of the consensus infusion range"
        ),
        "{screen}"
    );
    assert!(print.contains("<span class=\"base-note\">The bottom of the consensus infusion range"));
    for hook in ["factor-step", "weight-step", "base-step", "step-toggle"] {
        assert!(
            !print.contains(hook),
            "no duplicate {hook} hook on the print copy"
        );
    }
    assert!(!print.contains("data-testid=\"base-note\""));
    assert!(!print.contains("Switch on"), "no switches on paper");
    assert!(print.contains("switched off"));
}

#[tokio::test(flavor = "current_thread")]
async fn chart_draws_one_bar_per_step_plus_base_and_final() {
    let b = breakdown("protocol=crps-4h&weight_kg=80");
    let html = show::render_view({
        let b = b.clone();
        move || {
            breakdown_chart(&BreakdownChartProps {
                breakdown: &b,
                scenario: 1,
            })
        }
    })
    .await;
    assert_eq!(html.matches("<rect").count(), b.steps.len() + 2);
    assert!(
        html.contains("bar-limit"),
        "the 25 mg/h cap is drawn as a limit"
    );
    assert!(html.contains("28 mg/h"), "base 0.35 × 80 = 28 mg/h");
    assert!(html.contains("25 mg/h"));
    assert!(html.contains("role=\"img\""));
}

/// The result panel of scenario 1 as the server renders it.
async fn render_panel(evaluation: Evaluation, left_out: bool) -> String {
    LocalServerRenderer::<ResultPanel>::with_props(ResultPanelProps {
        evaluation: std::rc::Rc::new(evaluation),
        scenario: 1,
        on_toggle: Callback::noop(),
        imported: false,
        left_out,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn every_unit_in_the_result_panel_is_kept_on_one_line() {
    // Warnings, notices, the ladder's "Limited by" and note, one block and
    // several: every word with a "/" is in a span that does not wrap
    // (Firefox breaks a line after "/").
    for query in [
        "protocol=crps-4h&weight_kg=80",
        "protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male&age_years=80",
        "protocol=headache-inpatient&weight_kg=45",
        "protocol=crps-continuous&weight_kg=30&concentration_mg_per_ml=60",
        "protocol=crps-4h&weight_kg=30&concentration_mg_per_ml=100",
        "protocol=crps-4h&weight_kg=70&pregnant_or_breastfeeding=true&raised_icp=true",
    ] {
        let html = render_panel(eval(query), false).await;
        // The rate columns of the tables never wrap (CSS); every other text
        // with a unit in it is checked: messages, the block's reason, rule,
        // condition and figures, the ladder's note and "Limited by" column,
        // and the chart's caption.
        let mut checked = 0;
        for (start, end) in [
            ("data-testid=\"warning\"", "</li>"),
            ("data-testid=\"notice\"", "</li>"),
            ("class=\"block-panel\"", "</dl>"),
            ("data-testid=\"other-block\"", "</li>"),
            ("data-testid=\"ladder-note\"", "</p>"),
            ("<figcaption>", "</figcaption>"),
        ] {
            for part in html.split(start).skip(1) {
                let text = part.split_once(end).map_or(part, |(text, _)| text);
                checked += 1;
                assert_eq!(unkept_units(text), Vec::<String>::new(), "{query}: {text}");
            }
        }
        if let Some((_, ladder)) = html.split_once("data-testid=\"titration-ladder\"") {
            for row in ladder.split("</tr>").skip(1) {
                if let Some((_, limited_by)) = row.rsplit_once("<td>") {
                    checked += 1;
                    assert_eq!(
                        unkept_units(limited_by),
                        Vec::<String>::new(),
                        "{query}: {limited_by}"
                    );
                }
            }
        }
        assert!(checked >= 2, "{query}: {checked} parts checked");
        if query.contains("concentration_mg_per_ml") {
            assert!(
                html.contains("data-message-id=\"undiluted-concentration\""),
                "{query}"
            );
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn result_panel_shows_figures_a_block_or_why_there_is_none() {
    let render = |evaluation: Evaluation| render_panel(evaluation, false);
    let dose = render(eval("protocol=crps-4h&weight_kg=70")).await;
    // Doses are ketamine as base, with the sources of the base/salt rule.
    assert!(dose.contains("Every mg is ketamine as base"));
    assert!(dose.contains("data-source-id=\"R27\""));
    // Each compound unit is in a span that never wraps (Firefox breaks a
    // line after "/").
    for (id, shown) in [
        ("rate-mg-per-h", "24.5 <span class=\"unit\">mg/h</span>"),
        (
            "rate-mcg-per-kg-per-min",
            "5.8 <span class=\"unit\">mcg/kg/min</span>",
        ),
        ("session-total-mg", "98 mg"),
        (
            "pump-rate-ml-per-h",
            "24.5 <span class=\"unit\">mL/h</span>",
        ),
        ("dosing-weight-kg", "70 kg"),
    ] {
        assert!(
            dose.contains(&format!("data-testid=\"{id}\">{shown}</dd>")),
            "{id}"
        );
    }
    // The figures' basis and arithmetic keep their units too.
    let basis = dose
        .split("class=\"figure-basis\"")
        .skip(1)
        .map(|p| p.split_once("</p>").map_or(p, |(text, _)| text))
        .collect::<Vec<_>>();
    assert_eq!(basis.len(), 2);
    assert!(basis[1].contains("<span class=\"unit\">mcg/kg/min</span>"));
    for paragraph in basis {
        assert_eq!(unkept_units(paragraph), Vec::<String>::new());
    }
    assert!(!dose.contains("block-reason"));
    // A weight just below a threshold is shown as read, in the figures and
    // in the breakdown's dosing-weight row, as in the step it fires.
    let below = render(eval(
        "protocol=crps-continuous&infusion_number=4&weight_kg=49.99",
    ))
    .await;
    assert!(below.contains("data-testid=\"dosing-weight-kg\">49.99 kg</dd>"));
    assert!(below.contains("<td>49.99 kg</td>"));
    assert!(below.contains("(= 0.2 <span class=\"unit\">mg/kg/h</span> for 49.99 kg)"));
    // (The card's note on the factor names its threshold, "under 50 kg";
    // it ends its cell.)
    let note = "data-testid=\"factor-note\" class=\"base-note\">";
    assert!(below.contains(&format!(
        "{note}A UK ward protocol lowers its hourly ceiling from 25 "
    )));
    let figures: String = below
        .split(note)
        .map(|part| part.split_once("</td>").map_or(part, |(_, rest)| rest))
        .collect();
    assert!(figures.contains("<td>49.99 kg</td>"));
    assert!(
        !figures.contains(">50 kg<")
            && !figures.contains(" 50 kg)")
            && !figures.contains(" 50 kg.")
    );
    // The ladder is called a titration ladder only on a card that titrates.
    assert!(dose.contains(">Rate by infusion for the induction phase (illustrative)</caption>"));
    let titrates = render(eval("protocol=outpatient-consensus&weight_kg=70")).await;
    assert!(titrates.contains(">Titration ladder for the induction phase (illustrative)</caption>"));
    // The derived figures say how they were worked out.
    assert!(dose.contains("This app's arithmetic, from the rate before rounding: session total = rate × duration; pump rate = rate ÷ bag concentration; per kg = rate ÷ dosing weight; <span class=\"unit\">mcg/kg/min</span> = <span class=\"unit\">mg/kg/h</span> × 1,000 ÷ 60."));
    let continuous = render(eval("protocol=crps-continuous&weight_kg=70")).await;
    assert!(continuous.contains("from the rate before rounding: total per 24 h = rate × 24 h;"));

    let blocked = render(eval("protocol=crps-4h&raised_icp=true")).await;
    assert!(blocked.contains("data-testid=\"block-reason\""));
    assert!(blocked.contains("data-block-id=\"raised-icp\""));
    assert!(!blocked.contains("rate-mg-per-h"));
    // A second block reads as its reason, then its rule: the label does not
    // stand before a reason that starts with the same topic.
    let two = render(eval(
        "protocol=crps-4h&raised_icp=true&pregnant_or_breastfeeding=true",
    ))
    .await;
    let other = two.split("data-testid=\"other-block\">").nth(1).unwrap();
    let other = &other[..other.find("</li>").unwrap()];
    assert!(
        other.starts_with("Raised intracranial pressure: "),
        "{other}"
    );
    assert!(other.contains(" (rule: <a href="), "{other}");
    assert!(!two.contains("pressure</a>: Raised"), "{two}");

    let invalid = render(eval("weight_kg=abc")).await;
    assert!(invalid.contains("No figure until every input is valid"));
    assert!(!invalid.contains("rate-mg-per-h"));

    let unknown = render(eval("protocol=clinic-card")).await;
    assert!(unknown.contains("clinic-card"));
    assert!(unknown.contains("data-testid=\"unknown-card\""));
    assert!(unknown.contains("No figure: this card is not in this browser"));
    // Left out by another tab's save: said so, not "imported on another computer".
    let gone = render_panel(eval("protocol=clinic-card"), true).await;
    assert!(gone.contains("No figure: this card is no longer on this page"));
    assert!(gone.contains(
        "The card \u{201c}clinic-card\u{201d} was left out when another tab saved its cards"
    ));
    assert!(!gone.contains("another computer"));
    // Saved here but failing the checks: said so, with where to see why.
    let unusable = render_panel(Evaluation::UnusableCard("clinic-card".into()), false).await;
    assert!(unusable.contains("No figure: this card cannot be used"));
    assert!(unusable.contains(
        "The card \u{201c}clinic-card\u{201d} is saved in this browser but no longer passes this app's checks"
    ));
    assert!(unusable.contains("Saved cards that cannot be used"));
    assert!(!unusable.contains("another computer"));
}

#[tokio::test(flavor = "current_thread")]
async fn print_sheet_holds_inputs_card_versions_and_the_disclaimer() {
    let state = CalculatorState::from_query(
        "protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male",
    );
    let html = print_sheet(&state).await;
    for text in [
        "not a prescription",
        "Printed 2026-11-22",
        "outpatient-consensus",
        "version 1.1.3",
        "102.3 kg",
        "50 mg/h",
        "150 kg",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // Every source the sheet cites is listed in full: paper cannot follow
    // a link to the sources page.
    assert!(html.contains("Sources cited on this sheet"), "{html}");
    assert!(
        html.contains("<li data-source-id=\"R2\">[R2] "),
        "the consensus behind the base rate: {html}"
    );
    assert!(!html.contains("listed in full on the app's sources page"));
}

/// The whole calculator page for a share link's query.
async fn calculator_page(query: &str) -> String {
    LocalServerRenderer::<CalculatorPage>::with_props(CalculatorPageProps {
        query: query.to_string().into(),
        navigation: 0,
        on_change: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

async fn print_sheet(state: &CalculatorState) -> String {
    print_sheet_with(state, None).await
}

#[test]
fn the_ladder_in_one_sentence_groups_alike_steps_and_says_which_the_sheet_is_for() {
    let line = |q: &str| breakdown(q).ladder_line().unwrap();
    assert_eq!(
        line("protocol=crps-4h&weight_kg=70"),
        "Rate by infusion (illustrative): infusions 1 to 10: 24.5 mg/h, pump 24.5 mL/h. This sheet is for infusion 1."
    );
    assert_eq!(
        line("protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male&age_years=70&infusion_number=4"),
        "Titration ladder (illustrative): infusion 1: 25.6 mg/h, pump 25.6 mL/h; infusion 2: 38.4 mg/h, pump 38.4 mL/h; infusions 3 to 6: 50 mg/h, pump 50 mL/h, held by the card cap per session. This sheet is for infusion 4."
    );
    assert_eq!(
        line("protocol=crps-continuous&weight_kg=70&infusion_number=2"),
        "Titration ladder (illustrative): day 1: 10 mg/h, pump 10 mL/h; day 2: 20 mg/h, pump 20 mL/h; day 3: 30 mg/h, pump 30 mL/h; day 4: 40 mg/h, pump 40 mL/h; day 5: 40 mg/h, pump 40 mL/h, held by the titration maximum 40 mg/h. This sheet is for day 2."
    );
    // The breakdown's last row counts in the same steps.
    assert_eq!(
        breakdown("protocol=crps-continuous&weight_kg=70").course_step(),
        "day"
    );
    assert_eq!(
        breakdown("protocol=crps-4h&weight_kg=70").course_step(),
        "infusion"
    );
}

/// crps-4h as "bolus-card", with a loading bolus of 0.35 mg/kg and no
/// source for it.
fn bolus_card() -> ValidCard {
    let (_, text) = BUILTIN_CARDS
        .iter()
        .find(|(id, _)| *id == "crps-4h")
        .unwrap();
    let mut json: serde_json::Value = serde_json::from_str(text).unwrap();
    json["id"] = "bolus-card".into();
    json["bolus"] = serde_json::json!({"mg_per_kg": 0.35, "evidence": "illustrative"});
    parse_card(&json.to_string(), &is_evidence_source_id).unwrap()
}

/// The bolus at its 0.35 mg/kg limit is never shown above it, and the bag
/// is shown as typed (0.125 mg/mL, not 0.13, which the pump rate does not
/// come from), on the sheet and in the result panel.
#[tokio::test(flavor = "current_thread")]
async fn the_bolus_and_the_bag_are_shown_as_the_figures_they_come_from() {
    let card = bolus_card();
    let query = "protocol=bolus-card&weight_kg=70.5&concentration_mg_per_ml=0.125";
    let html = print_sheet_with(&CalculatorState::from_query(query), Some(card.clone())).await;
    assert!(
        html.contains("Loading bolus: <strong>24.6 mg</strong>"),
        "{html}"
    );
    assert!(html.contains("pump 196.8 mL/h at 0.125 mg/mL"), "{html}");
    let state = CalculatorState::from_query(query);
    let mut cards = library::builtin().unwrap().to_vec();
    cards.push(card);
    let panel = render_panel(evaluate(&state.scenarios[0], &cards), false).await;
    assert!(
        panel.contains("data-testid=\"bolus-mg\">24.6 mg</strong>"),
        "{panel}"
    );
    assert!(panel.contains("Pump rate for a 0.125 "), "{panel}");
    assert!(!panel.contains("0.13"), "{panel}");
}

/// The print sheet of a scenario on the built-in cards and `extra`.
async fn print_sheet_with(state: &CalculatorState, extra: Option<ValidCard>) -> String {
    let mut cards = library::builtin().unwrap().to_vec();
    cards.extend(extra);
    let evaluation = evaluate(&state.scenarios[0], &cards);
    let figures = library::find(&cards, &state.scenarios[0].protocol)
        .map(|c| limit_figures(c.card()))
        .unwrap_or_default();
    LocalServerRenderer::<PrintSheet>::with_props(PrintSheetProps {
        card_figures: std::rc::Rc::new(figures),
        scenario: state.scenarios[0].clone(),
        evaluation: std::rc::Rc::new(evaluation),
        number: 1,
        today: "2026-11-22".into(),
        link: "#/calculator?x".into(),
        imported: false,
        card_line: card_line(
            &library::CardLibrary::builtin_only(&cards),
            &state.scenarios[0].protocol,
        )
        .into(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn the_print_sheet_names_the_caps_titration_and_arithmetic_it_cites() {
    let html = print_sheet_with(
        &CalculatorState::from_query(
            "protocol=outpatient-consensus&weight_kg=75&sex=female&age_years=72&infusion_number=3&off=age-65-plus",
        ),
        None,
    )
    .await;
    let paragraph = |hook: &str| {
        let from = &html[html.find(hook).unwrap()..];
        let from = &from[from.find('>').unwrap() + 1..];
        show::text_of(
            from.split("</p>")
                .next()
                .unwrap()
                .split("</span></p>")
                .next()
                .unwrap(),
        )
    };
    let figures = paragraph("data-testid=\"print-card-figures\"");
    assert!(
        figures.starts_with("The card's caps and titration, with their evidence: Hourly cap per kg 1 mg/kg/h illustrative [R3]; "),
        "{figures}"
    );
    for part in [
        "Cap per session 200 mg direction [R10]",
        "Hourly cap 100 mg/h illustrative (the card gives no source)",
        "Titration +0.25 mg/kg/h per infusion, up to 1 mg/kg/h",
    ] {
        assert!(figures.contains(part), "{part}: {figures}");
    }
    let arithmetic = paragraph("data-testid=\"print-arithmetic\"");
    assert!(arithmetic.contains("pump rate = rate"), "{arithmetic}");
    // Their sources are listed in full at the end.
    let card = library::find(library::builtin().unwrap(), "outpatient-consensus").unwrap();
    let listed = &html[html.find("data-testid=\"print-sources\"").unwrap()..];
    for id in limit_figures(card.card())
        .iter()
        .flat_map(|g| g.sources.clone())
    {
        assert!(listed.contains(&format!("data-source-id=\"{id}\"")), "{id}");
    }
    // A block prints no figures of the card.
    let blocked = print_sheet_with(
        &CalculatorState::from_query("protocol=crps-4h&weight_kg=70&psychosis=active"),
        None,
    )
    .await;
    assert!(!blocked.contains("print-card-figures") && !blocked.contains("print-arithmetic"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_print_sheet_has_the_bolus_the_ladder_and_names_what_was_switched_off() {
    // A card with a loading bolus and no source for it.
    let card = bolus_card();
    let html = print_sheet_with(
        &CalculatorState::from_query("protocol=bolus-card&weight_kg=120&age=70&off=age-65-plus"),
        Some(card),
    )
    .await;
    assert!(
        html.contains("Loading bolus: <strong>42 mg</strong> (0.35 mg/kg of dosing weight)<span class=\"muted\"> (the card gives no source)</span>"),
        "{html}"
    );
    // The ladder, in one paragraph (the sheet stays on one page).
    assert!(html.contains("class=\"print-ladder\">Rate by infusion (illustrative): infusions 1 to 10: 25 mg/h, pump 25 mL/h, held by the card hourly cap. This sheet is for infusion 1.</p>"), "{html}");
    assert!(!html.contains("data-testid=\"titration-ladder\""));
    // Switched off, by name.
    assert!(
        html.contains("Steps switched off (what if): Age 65 or older"),
        "{html}"
    );
    assert!(!html.contains("Steps switched off (what if): age-65-plus"));
    // A message of the app's own arithmetic cites nothing, and none runs
    // into the sentence before it.
    assert!(!html.contains(".none (arithmetic"));
    assert!(!html.contains(")none (arithmetic"));
    // A step that does not apply here is said apart, by its id.
    let html = print_sheet_with(
        &CalculatorState::from_query("protocol=crps-4h&weight_kg=70&off=age-65-plus"),
        None,
    )
    .await;
    assert!(html.contains("Steps switched off (what if): none that applies here (the link names \u{201c}age-65-plus\u{201d}, which does not apply here)"), "{html}");
    let html = print_sheet_with(
        &CalculatorState::from_query(
            "protocol=crps-4h&weight_kg=70&age=70&off=age-65-plus,hepatic-moderate,nonexistent",
        ),
        None,
    )
    .await;
    assert!(html.contains("Steps switched off (what if): Age 65 or older (the link also names \u{201c}hepatic-moderate\u{201d}, \u{201c}nonexistent\u{201d}, which do not apply here)"), "{html}");
    // Warnings come before the ladder's line: they are not pushed over a page.
    let html = print_sheet_with(
        &CalculatorState::from_query("protocol=crps-4h&weight_kg=70&age=70&medications=opioid"),
        None,
    )
    .await;
    let warnings = html.find("Warnings and notices").unwrap();
    let ladder = html.find("Rate by infusion (illustrative)").unwrap();
    assert!(warnings < ladder);
}

#[tokio::test(flavor = "current_thread")]
async fn a_blocked_print_sheet_lists_every_block_and_the_card_version() {
    let state = CalculatorState::from_query(
        "protocol=crps-4h&pregnant_or_breastfeeding=yes&medications=maoi",
    );
    let html = print_sheet(&state).await;
    assert!(html.contains("Stopped: no dose is calculated"));
    assert_eq!(
        html.matches("data-testid=\"print-block\"").count(),
        2,
        "{html}"
    );
    assert!(html.contains("data-block-id=\"pregnancy-breastfeeding\""));
    assert!(html.contains("data-block-id=\"maoi\""));
    // What matched is not printed again when it only repeats the condition.
    let psychosis = print_sheet(&CalculatorState::from_query(
        "protocol=crps-4h&psychosis=active",
    ))
    .await;
    assert!(psychosis.contains("Rule that fired: "), "{psychosis}");
    assert!(
        !psychosis.contains("active psychosis (psychosis: active psychosis)"),
        "{psychosis}"
    );
    assert!(
        psychosis.contains("data-testid=\"print-sources\""),
        "{psychosis}"
    );
    // What matched is printed when it says more than the condition.
    let young = print_sheet(&CalculatorState::from_query("protocol=crps-4h&age=16")).await;
    assert!(young.contains("(age 16 years)"), "{young}");
    assert!(
        html.contains("Protocol card: crps-4h, \u{201c}CRPS outpatient 4-hour infusions (Schwartzman 2009 style)\u{201d}, version 1.1.3, reviewed "),
        "{html}"
    );
    // Refused input: no figure, but still which card.
    let invalid = print_sheet(&CalculatorState::from_query(
        "protocol=crps-4h&weight_kg=abc",
    ))
    .await;
    assert!(invalid.contains("Protocol card: crps-4h, \u{201c}CRPS outpatient"));
    let unknown = print_sheet(&CalculatorState::from_query("protocol=clinic-card")).await;
    assert!(unknown.contains("Protocol card: clinic-card (not available in this browser)"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_page_renders_a_share_link_scenario_with_every_input_labelled() {
    let html =
        calculator_page("protocol=crps-4h&weight_kg=80&s2_protocol=outpatient-consensus").await;
    assert_eq!(html.matches("data-scenario=").count(), 2);
    assert!(html.contains("25 mg/h"));
    // The comparison keeps each compound unit on one line (Firefox would
    // break "mg/h" after its "/"): every one is in a `.unit` span.
    let table = html
        .split("data-testid=\"comparison\"")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .unwrap();
    assert!(
        table.contains("<td>25 <span class=\"unit\">mg/h</span>"),
        "{table}"
    );
    assert_eq!(table.matches("<span class=\"unit\">").count(), 8);
    assert_eq!(unkept_units(table), Vec::<String>::new());
    assert!(html.contains("aria-live=\"polite\""));
    // Every input and select has a label pointing at it.
    let ids: Vec<&str> = ["<input id=\"", "<select id=\""]
        .iter()
        .flat_map(|tag| html.split(tag).skip(1))
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(ids.len() > 20, "{ids:?}");
    for id in ids {
        if id == "weight-unit" || id == "height-unit" || id == "share-link" {
            continue;
        }
        assert!(html.contains(&format!("for=\"{id}\"")), "label for {id}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_that_switches_off_no_step_of_its_card_says_so_at_that_scenario() {
    let render = calculator_page;
    let html = render("protocol=crps-4h&off=age-65&s2_protocol=crps-4h&s2_off=age-65-plus").await;
    assert_eq!(html.matches("data-testid=\"off-not-in-card\"").count(), 1);
    let (first, second) = html.split_once("data-scenario=\"2\"").unwrap();
    assert!(first.contains("This link switches off \u{201c}age-65\u{201d}, but it is not a step of this card, so it changes nothing."));
    assert!(!second.contains("off-not-in-card"));
    // The figures are the card's: nothing was switched off.
    assert!(first.contains("24.5 mg/h"));
    assert!(!first.contains("data-testid=\"what-if\""));
}

#[tokio::test(flavor = "current_thread")]
async fn an_s_ketamine_card_says_so_above_its_figures_on_the_sheet_and_at_the_bag() {
    let render = |evaluation: Evaluation| render_panel(evaluation, false);
    let s = render(eval("protocol=fibromyalgia-short&weight_kg=70")).await;
    assert!(s.contains("Every mg is S-ketamine as base (1.15 mg"), "{s}");
    assert!(s.contains("S-ketamine is roughly twice as potent as the racemic ketamine in most bags: these figures are not for a racemic bag."));
    assert!(s.contains("data-source-id=\"R20\""));
    let racemic = render(eval("protocol=crps-4h&weight_kg=70")).await;
    assert!(racemic.contains("Every mg is ketamine as base (1.15 mg"));
    assert!(!racemic.contains("S-ketamine is roughly"));
    assert!(!racemic.contains("data-source-id=\"R20\""));
    // Where the figures of several cards meet, and in the spoken line.
    let state = CalculatorState::from_query(
        "protocol=fibromyalgia-short&weight_kg=70&s2_protocol=crps-4h&s2_weight_kg=70",
    );
    let cards = library::builtin().unwrap();
    let evaluations: Vec<Evaluation> = state
        .scenarios
        .iter()
        .map(|sc| evaluate(sc, cards))
        .collect();
    let rows = ketamine_dosing_reference::domain::calculator::comparison(
        &state.scenarios,
        &evaluations,
        true,
    );
    let result = rows.iter().find(|r| r.label == "Result").unwrap();
    assert_eq!(
        result.cells,
        [
            "Illustrative figures (S-ketamine as base)".to_string(),
            "Illustrative figures".to_string()
        ]
    );
    // The hard limit in the steps is S-ketamine's, said to be halved.
    let Evaluation::Computed(Outcome::Dose(b)) = &evaluations[0] else {
        panic!("a dose")
    };
    let hard = &b.caps.iter().find(|c| c.id == "hard-limit").unwrap().label;
    assert_eq!(
        hard,
        "Hard limit 1 mg/kg/h (compiled in; half the racemic 2 mg/kg/h by this app's reckoning, as S-ketamine is about twice as potent)"
    );
    let minimum = b.notices.iter().find(|n| n.id == "minimum-trial").unwrap();
    assert!(minimum.text.starts_with("Below the 2018 consensus minimum for an adequate trial (at least 40 mg in total, half the racemic 80 mg by this app's reckoning, as S-ketamine is about twice as potent, given over more than 2 h): this session gives 35 mg over 0.5 h."), "{}", minimum.text);
    assert_eq!(minimum.sources, ["R2", "R20"]);
    // The print sheet's headline, and its line under it.
    let sheet = print_sheet(&CalculatorState::from_query(
        "protocol=fibromyalgia-short&weight_kg=70",
    ))
    .await;
    assert!(sheet.contains("Illustrative figures (S-ketamine as base)"));
    assert!(sheet.contains(
        "S-ketamine is roughly twice as potent as the racemic ketamine in most bags: these figures are not for a racemic bag."
    ));
    let sheet = print_sheet(&CalculatorState::from_query(
        "protocol=crps-4h&weight_kg=70",
    ))
    .await;
    assert!(sheet.contains("Illustrative figures (ketamine as base)"));
    assert!(!sheet.contains("S-ketamine is roughly"));
    // The calculator page: the bag and the card summary name the drug.
    let html = calculator_page("protocol=fibromyalgia-short&weight_kg=70").await;
    assert!(
        html.contains("Bag concentration (S-ketamine as base)"),
        "{html}"
    );
    assert!(html.contains("data-testid=\"card-drug\">S-ketamine as base<"));
    let html = calculator_page("protocol=crps-4h&weight_kg=70").await;
    assert!(html.contains("Bag concentration (ketamine as base)"));
    assert!(html.contains("data-testid=\"card-drug\">ketamine as base<"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_card_summary_gives_each_figure_that_sets_the_rate_its_kind_of_evidence() {
    let html = calculator_page("protocol=outpatient-consensus&weight_kg=70").await;
    let start = html
        .find("data-testid=\"card-key-figures\"")
        .expect("the line");
    let line = &html[start..start + html[start..].find("</p>").unwrap()];
    // Illustrative caps say so next to their figure. Each compound unit is
    // kept on one line (Firefox breaks a line after "/").
    for (figure, kind) in [
        (
            "Base rate 0.5 <span class=\"unit\">mg/kg/h</span>",
            "source",
        ),
        (
            "Hourly cap per kg 1 <span class=\"unit\">mg/kg/h</span>",
            "illustrative",
        ),
        (
            "Hourly cap 100 <span class=\"unit\">mg/h</span>",
            "illustrative",
        ),
        ("Cap per session 200 mg", "direction"),
    ] {
        let at = line
            .find(figure)
            .unwrap_or_else(|| panic!("{figure}: {line}"));
        let after = &line[at..];
        let badge = after.find("data-evidence=\"").unwrap() + 15;
        assert!(after[badge..].starts_with(kind), "{figure}: {after}");
    }
    assert!(
        line.contains("Titration +0.25 <span class=\"unit\">mg/kg/h</span>"),
        "{line}"
    );
    // Neighbours with the same evidence and sources are said once: each
    // citation is one link (one Tab stop), not one per figure.
    let groups = ketamine_dosing_reference::domain::card_view::key_figures(
        library::builtin()
            .unwrap()
            .iter()
            .find(|c| c.id() == "crps-4h")
            .unwrap()
            .card(),
    );
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(
        groups[0].figures,
        [
            "Base rate 0.35 mg/kg/h",
            "Hourly cap per kg 0.35 mg/kg/h",
            "Hourly cap 25 mg/h",
            "Cap per session 100 mg"
        ]
    );
    assert_eq!(groups[0].sources, ["R5", "R6"]);
    assert_eq!(
        groups[0].text(),
        "Base rate 0.35 mg/kg/h, Hourly cap per kg 0.35 mg/kg/h, Hourly cap 25 mg/h and Cap per session 100 mg, all"
    );
    let mut two = groups[0].clone();
    two.figures.truncate(2);
    assert_eq!(
        two.text(),
        "Base rate 0.35 mg/kg/h and Hourly cap per kg 0.35 mg/kg/h, both"
    );
    two.figures.truncate(1);
    assert_eq!(two.text(), "Base rate 0.35 mg/kg/h");
    // A figure with no source says the card gives none, not "this app's arithmetic".
    assert!(line.contains("(the card gives no source)"), "{line}");
    assert!(!line.contains("arithmetic of this app"), "{line}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_card_summary_gives_the_hard_limits_no_card_can_change() {
    // The line's words (tags dropped) and its citations.
    let line = |html: String| -> (String, Vec<String>) {
        let start = html
            .find("data-testid=\"card-hard-limits\">")
            .expect("the line");
        let p = &html[start..start + html[start..].find("</p>").unwrap()];
        let text = show::text_of(p.split_once('>').unwrap().1);
        let cites = p
            .split("data-source-id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect();
        (text, cites)
    };
    assert_eq!(
        line(calculator_page("protocol=crps-4h&weight_kg=70").await),
        (
            "Hard limits built into the app: never above 2 mg/kg/h of dosing weight; a bolus at most 0.35 mg/kg. No card can change these. source [R2]".to_string(),
            vec!["R2".to_string()]
        )
    );
    // An S-ketamine card: half of each, and why.
    assert_eq!(
        line(calculator_page("protocol=fibromyalgia-short&weight_kg=70").await),
        (
            "Hard limits built into the app: never above 1 mg/kg/h of dosing weight; a bolus at most 0.175 mg/kg (half the racemic 2 mg/kg/h and 0.35 mg/kg by this app's reckoning, as S-ketamine is about twice as potent). No card can change these. direction [R2] [R20]".to_string(),
            vec!["R2".to_string(), "R20".to_string()]
        )
    );
}
