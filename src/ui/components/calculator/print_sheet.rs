//! The one-page worked calculation sheet, shown only when printing: inputs,
//! every step with its source, the final figures, the card's id, version and
//! review date, the app and content versions, the date, and the disclaimer.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::calculator::{
    input_summary, sheet_sources, switched_off_line, Evaluation, Scenario,
};
use crate::domain::card_view::FigureGroup;
use crate::domain::dosing::engine::Blocked;
use crate::domain::dosing::Outcome;
use crate::domain::reference::content;
use crate::domain::version::{APP_VERSION, BUILD_DATE, CONTENT_VERSION};

use crate::domain::imported::{IMPORTED_EXPLANATION, IMPORTED_LABEL};
use crate::ui::hooks::use_page_address::use_page_address;

use super::breakdown_table::{breakdown_table, BreakdownTableProps};
use super::sources::{cites, cites_after, evidence_badge, NO_CARD_SOURCE};

#[derive(Properties, PartialEq)]
pub struct PrintSheetProps {
    pub scenario: Scenario,
    pub evaluation: std::rc::Rc<Evaluation>,
    /// Scenario number, 1-based.
    pub number: usize,
    /// Today's date (`YYYY-MM-DD`), read from the clock in an effect.
    pub today: AttrValue,
    /// The share link, printed so the sheet can be reopened in the app.
    pub link: AttrValue,
    /// The card was imported into this browser (not reviewed).
    #[prop_or_default]
    pub imported: bool,
    /// The card's id, name, version and review date (`card_line`).
    pub card_line: AttrValue,
    /// The card's caps and titration (`limit_figures`), which a paper copy
    /// needs to check the steps and plan the course.
    #[prop_or_default]
    pub card_figures: Rc<Vec<FigureGroup>>,
}

#[component]
pub fn PrintSheet(props: &PrintSheetProps) -> Html {
    // The full address, so the printed link opens from a paper copy.
    let address = use_page_address();
    let off = switched_off_line(&props.scenario, &props.evaluation);
    html! {
        <section class="print-sheet" data-testid="print-sheet" aria-label="Worked calculation sheet">
            <h2>{ format!("Worked calculation sheet, scenario {} (illustrative)", props.number) }</h2>
            <p class="print-disclaimer">
                <strong>{ "Educational reference, not a prescription. " }</strong>
                { "Every figure is illustrative and must be checked independently by the treating team." }
            </p>
            <p class="print-meta">
                { format!("Printed {} · app {APP_VERSION} · content {CONTENT_VERSION} · built {BUILD_DATE}", props.today) }
                <br />
                { format!("Protocol card: {}", props.card_line) }
                if props.imported {
                    <strong data-testid="print-imported">{ format!(" ({IMPORTED_LABEL})") }</strong>
                }
                <br />
                { format!("Steps switched off (what if): {off}") }
            </p>
            if props.imported {
                <p class="print-imported-note">{ IMPORTED_EXPLANATION }</p>
            }
            <h3>{ "Inputs" }</h3>
            <dl class="print-inputs">
                { for input_summary(&props.scenario.input).into_iter().map(|(f, shown)| {
                    html! { <div><dt>{ f.label() }{ ":" }</dt><dd>{ shown }</dd></div> }
                }) }
            </dl>
            { result(&props.evaluation, props.number, &props.card_figures) }
            { sources_cited(&props.evaluation, &props.card_figures) }
            <p class="print-link">{ "Reopen in the app: " }{ format!("{address}{}", props.link) }</p>
        </section>
    }
}

/// Every source the sheet cites, in full: a paper copy cannot follow a
/// link to the sources page.
fn sources_cited(evaluation: &Evaluation, figures: &[FigureGroup]) -> Html {
    let mut ids = sheet_sources(evaluation);
    if matches!(evaluation, Evaluation::Computed(Outcome::Dose(_))) {
        for id in figures.iter().flat_map(|g| &g.sources) {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    if ids.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h3>{ "Sources cited on this sheet" }</h3>
            <ul class="print-sources" data-testid="print-sources">
                { for ids.iter().map(|id| {
                    let source = content().source(id);
                    // In full on paper: where to look it up, as no link can be followed there.
                    let label = source.map_or_else(|| "not in this app's list of sources".to_string(), |s| {
                        let found = s.paper_locator().map(|l| format!(" {l}")).unwrap_or_default();
                        format!("{}{found}", s.full_reference())
                    });
                    html! { <li data-source-id={id.clone()}>{ format!("[{id}] {label}") }</li> }
                }) }
            </ul>
        </>
    }
}

fn result(evaluation: &Evaluation, number: usize, figures: &[FigureGroup]) -> Html {
    match evaluation {
        Evaluation::Computed(Outcome::Dose(b)) => {
            let f = b.figures();
            html! {
                <>
                    <h3>{ format!("Illustrative figures ({})", b.drug.as_base()) }</h3>
                    if let Some(note) = b.drug.potency_note() {
                        <p data-testid="print-s-ketamine"><strong>{ note }</strong>{ cites(&["R20".to_string()]) }</p>
                    }
                    if let Some(what_if) = b.what_if() {
                        <p data-testid="print-what-if"><strong>{ what_if }</strong></p>
                    }
                    <p class="print-figures">
                        { format!("{} · {} · {} · {} over {} · pump {} at {} · dosing weight {}",
                            f.rate_mg_per_h, f.rate_mg_per_kg_per_h, f.rate_mcg_per_kg_per_min,
                            f.session_total_mg, f.duration_h, f.pump_rate_ml_per_h,
                            b.concentration.display_as_read(), f.dosing_weight_kg) }
                    </p>
                    <p class="print-derivation">
                        { b.dosing_weight.derivation.clone() }{ " " }
                        <span class="print-arithmetic" data-testid="print-arithmetic">{ b.arithmetic_note() }</span>
                    </p>
                    if let Some(bolus) = &b.bolus {
                        <p data-testid="print-bolus">
                            { "Loading bolus: " }<strong>{ bolus.mg_text() }</strong>
                            { format!(" ({} of dosing weight)", bolus.per_kg_text()) }
                            { cites_after(&bolus.sources, NO_CARD_SOURCE) }
                        </p>
                    }
                    <h3>{ "Steps" }</h3>
                    { breakdown_table(&BreakdownTableProps { breakdown: b, scenario: number + 10, on_toggle: None, print: true }) }
                    if !figures.is_empty() {
                        <p class="print-card-figures" data-testid="print-card-figures">
                            { "The card's caps and titration, with their evidence: " }
                            { for figures.iter().enumerate().map(|(i, g)| html! {
                                <>
                                    if i > 0 { { "; " } }
                                    { g.text() }
                                    if let Some(kind) = g.evidence { { " " }{ evidence_badge(kind) } }
                                    { cites_after(&g.sources, NO_CARD_SOURCE) }
                                </>
                            }) }
                            { "." }
                        </p>
                    }
                    if !b.warnings.is_empty() || !b.notices.is_empty() {
                        <h3>{ "Warnings and notices" }</h3>
                        <ul class="print-messages">
                            { for b.warnings.iter().chain(b.notices.iter()).map(|m| html! {
                                // As on screen: a message of the app's own
                                // arithmetic cites nothing.
                                <li>
                                    { m.text.clone() }
                                    if !m.sources.is_empty() { { " " }{ cites(&m.sources) } }
                                </li>
                            }) }
                        </ul>
                    }
                    // The course, so that paper alone can plan it: one
                    // paragraph, so that the sheet stays on one page, and
                    // after the warnings, which must not be pushed over.
                    if let Some(line) = b.ladder_line() {
                        <p class="print-ladder" data-testid="print-ladder">{ line }</p>
                    }
                    if let Some(note) = b.titration_note() {
                        <p class="print-ladder">{ note }</p>
                    }
                </>
            }
        }
        Evaluation::Computed(Outcome::Blocked(blocked)) => print_blocks(blocked),
        Evaluation::InvalidInput(errors, blocked) => html! {
            <>
                if let Some(blocked) = blocked {
                    { print_blocks(blocked) }
                    <h3>{ "Also refused: some inputs are not valid" }</h3>
                } else {
                    <h3>{ "No figure: some inputs are not valid" }</h3>
                }
                <ul>{ for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }</ul>
            </>
        },
        Evaluation::UnknownCard(id) => html! {
            <p>{ format!("No figure: {}.", crate::domain::calculator::missing_card(id)) }</p>
        },
        Evaluation::UnusableCard(id) => html! {
            <p>{ format!("No figure: {}.", crate::domain::calculator::unusable_card(id)) }</p>
        },
    }
}

/// Every block that fired, not only the first: each is a reason on its own,
/// and a reader of the paper copy needs all of them.
fn print_blocks(blocked: &Blocked) -> Html {
    html! {
        <>
            <h3>{ "Stopped: no dose is calculated" }</h3>
            { for blocked.all().into_iter().map(|block| html! {
                <div class="print-block" data-testid="print-block" data-block-id={block.id.clone()}>
                    <p>{ block.reason.clone() }</p>
                    <p>
                        { format!("Rule that fired: {} — {}", block.label, block.condition) }
                        // What matched, unless it only repeats the condition.
                        if block.fired != block.condition { { format!(" ({})", block.fired) } }
                        { cites_after(&block.sources, NO_CARD_SOURCE) }
                    </p>
                </div>
            }) }
            if !blocked.warnings.is_empty() {
                <h3>{ "Warnings that also apply" }</h3>
                <ul class="print-messages">
                    { for blocked.warnings.iter().map(|m| html! {
                        <li data-testid="print-block-warning">{ m.text.clone() }{ cites_after(&m.sources, NO_CARD_SOURCE) }</li>
                    }) }
                </ul>
            }
        </>
    }
}
