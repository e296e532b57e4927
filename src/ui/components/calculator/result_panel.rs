//! One scenario's result: the headline figures (or the block, or why there
//! is no figure), warnings and notices, the breakdown table and chart, and
//! the titration ladder.

use yew::prelude::*;

use crate::domain::calculator::Evaluation;
use crate::domain::dosing::engine::{Blocked, Message};
use crate::domain::dosing::input::CONFLICT_SEPARATOR;
use crate::domain::dosing::{Breakdown, Outcome};
use crate::domain::links::factor_link;
use crate::domain::reference::content;
use crate::domain::route::Route;

use crate::ui::components::keep_units;
use crate::ui::components::protocols::imported_badge::imported_badge;

use super::breakdown_chart::{breakdown_chart, BreakdownChartProps};
use super::breakdown_table::{breakdown_table, BreakdownTableProps};
use super::sources::{cites, cites_after, evidence_badge, NO_CARD_SOURCE};

#[derive(Properties, PartialEq)]
pub struct ResultPanelProps {
    pub evaluation: std::rc::Rc<Evaluation>,
    /// Scenario number, 1-based.
    pub scenario: usize,
    /// Switch a factor step off or on.
    pub on_toggle: Callback<String>,
    /// The scenario's card was imported into this browser (not reviewed).
    #[prop_or_default]
    pub imported: bool,
    /// The scenario's card was imported on this page and another tab's save
    /// left it out (the page says why above the result).
    #[prop_or_default]
    pub left_out: bool,
}

/// Above the figures of an imported card: where they come from.
fn imported_note() -> Html {
    html! {
        <p class="notice-inline imported-note" role="note" data-testid="result-imported">
            { imported_badge() }
            { " These figures come from a card imported into this browser. Nobody behind this app has reviewed it: \
               check its figures against the clinic's own protocol on the " }
            <a href={Route::Protocols.href()}>{ "Protocol cards" }</a>{ " page." }
        </p>
    }
}

#[component]
pub fn ResultPanel(props: &ResultPanelProps) -> Html {
    match &*props.evaluation {
        Evaluation::UnknownCard(id) if id.contains(CONFLICT_SEPARATOR) => html! {
            <div class="no-result" role="status" data-testid="unknown-card">
                <h3>{ "No figure: the link names more than one card" }</h3>
                <p>{ format!("This scenario's link gives the protocol card more than once, with different ids (\u{201c}{id}\u{201d}). Choose the card you mean above.") }</p>
            </div>
        },
        Evaluation::UnknownCard(id) | Evaluation::UnusableCard(id) if props.left_out => html! {
            <div class="no-result" role="status" data-testid="unknown-card">
                <h3>{ "No figure: this card is no longer on this page" }</h3>
                <p>
                    { format!("The card \u{201c}{id}\u{201d} was left out when another tab saved its cards (see above). Choose another card above, or import it again on the ") }
                    <a href={Route::Protocols.href()}>{ "Protocol cards" }</a>{ " page." }
                </p>
            </div>
        },
        Evaluation::UnusableCard(id) => html! {
            <div class="no-result" role="status" data-testid="unknown-card">
                <h3>{ "No figure: this card cannot be used" }</h3>
                <p>
                    { format!("The card \u{201c}{id}\u{201d} is saved in this browser but no longer passes this app's checks, so it gives no figure. The ") }
                    <a href={Route::Protocols.href()}>{ "Protocol cards" }</a>
                    { " page lists it under \u{201c}Saved cards that cannot be used\u{201d}, with why: fix its file and import it again, or choose a built-in card above." }
                </p>
            </div>
        },
        Evaluation::UnknownCard(id) => html! {
            <div class="no-result" role="status" data-testid="unknown-card">
                <h3>{ "No figure: this card is not in this browser" }</h3>
                <p>
                    { format!("This scenario uses the protocol card \u{201c}{id}\u{201d}, which this browser does not have. \
                               It may be a clinic's own card, imported on another computer. Import that card on the ") }
                    <a href={Route::Protocols.href()}>{ "Protocol cards" }</a>
                    { " page, or choose a built-in card above." }
                </p>
            </div>
        },
        Evaluation::InvalidInput(errors, blocked) => html! {
            <>
                // A rule that stops the calculation on the valid fields is
                // shown first: it holds whatever the refused fields become.
                if let Some(blocked) = blocked {
                    if props.imported { { imported_note() } }
                    { block_panel(blocked) }
                }
                // Not a live region: the announcer says "No figure: check the
                // fields marked with an error" once typing pauses (this list
                // changes with every keystroke of a weight typed as 1, 12, 120).
                <div class="no-result" data-testid="invalid-input">
                    if blocked.is_some() {
                        <h3>{ "Also refused: these inputs are not valid" }</h3>
                    } else {
                        <h3>{ "No figure until every input is valid" }</h3>
                    }
                    <ul>
                        { for errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
                    </ul>
                </div>
            </>
        },
        Evaluation::Computed(Outcome::Blocked(blocked)) => html! {
            <>
                if props.imported { { imported_note() } }
                { block_panel(blocked) }
            </>
        },
        Evaluation::Computed(Outcome::Dose(b)) => html! {
            <>
                if props.imported { { imported_note() } }
                { dose_panel(b, props.scenario, &props.on_toggle) }
            </>
        },
    }
}

fn block_panel(blocked: &Blocked) -> Html {
    let primary = &blocked.primary;
    html! {
        // Not an alert: the live region reads "Stopped" once typing pauses,
        // where an alert would interrupt at an age typed halfway (4 of 45).
        <div class="block-panel">
            <h3>{ "Stopped: no dose is calculated" }</h3>
            <p class="block-reason" data-testid="block-reason" data-block-id={primary.id.clone()}>{ keep_units(&primary.reason) }</p>
            <dl class="block-rule">
                <dt>{ "Rule that fired" }</dt>
                <dd data-testid="block-rule">
                    { link_or_text(&primary.label, &primary.id) }
                    { if primary.rule == crate::domain::dosing::engine::BlockRule::Compiled { " (built into the app)" } else { " (protocol card factor)" } }
                </dd>
                <dt>{ "Condition" }</dt>
                <dd>{ keep_units(&primary.condition) }</dd>
                <dt>{ "In this patient" }</dt>
                <dd>{ keep_units(&primary.fired) }</dd>
                <dt>{ "Sources" }</dt>
                <dd>{ cites(&primary.sources) }{ " " }{ evidence_badge(primary.evidence) }</dd>
            </dl>
            if !blocked.others.is_empty() {
                <p>{ "Also stopping the calculation:" }</p>
                <ul>
                    { for blocked.others.iter().map(|o| html! {
                        // The reason first, as it reads on its own (a card's
                        // reason often starts with its topic, which the
                        // label would repeat), then the rule that fired.
                        <li data-testid="other-block">{ keep_units(&o.reason) }{ " (rule: " }{ link_or_text(&o.label, &o.id) }{ ")" }{ cites_after(&o.sources, NO_CARD_SOURCE) }</li>
                    }) }
                </ul>
            }
            // No dose, but every warning for this patient all the same.
            { messages("Warnings that also apply", "warnings", "warning", &blocked.warnings) }
        </div>
    }
}

fn link_or_text(label: &str, factor_id: &str) -> Html {
    match factor_link(content(), factor_id) {
        Some(href) => html! { <a href={href}>{ label.to_string() }</a> },
        None => html! { { label.to_string() } },
    }
}

fn figure(label: &'static str, testid: &'static str, value: String) -> Html {
    html! {
        <div class="figure">
            <dt>{ label }</dt>
            <dd data-testid={testid}>{ keep_units(&value) }</dd>
        </div>
    }
}

fn messages(
    title: &'static str,
    class: &'static str,
    testid: &'static str,
    items: &[Message],
) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <section class={class}>
            <h3>{ title }</h3>
            <ul>
                { for items.iter().map(|m| html! {
                    <li data-testid={testid} data-message-id={m.id.clone()}>
                        { keep_units(&m.text) }
                        // A message of the app's own arithmetic cites nothing.
                        if !m.sources.is_empty() { { " " }{ cites(&m.sources) } }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn dose_panel(b: &Breakdown, scenario: usize, on_toggle: &Callback<String>) -> Html {
    let f = b.figures();
    let per = if b.continuous {
        "per 24 h"
    } else {
        "per session"
    };
    html! {
        <div class="dose-panel">
            if let Some(what_if) = b.what_if() {
                <p class="notice-inline what-if" role="note" data-testid="what-if">{ what_if }</p>
            }
            <p class="illustrative-label" data-testid="illustrative-label"><strong>{ "Illustrative figures" }</strong>{ format!(" — for teaching and checking, not an order. Every mg is {} (1.15 mg of the hydrochloride is 1 mg of base; vial strengths are stated as base)", b.drug.as_base()) }{ cites(&["R27".to_string(), "R31".to_string()]) }{ "." }
                if let Some(note) = b.drug.potency_note() {
                    { " " }<strong data-testid="s-ketamine-note">{ note }</strong>{ cites(&["R20".to_string()]) }
                }
            </p>
            <dl class="figures">
                { figure("Rate", "rate-mg-per-h", f.rate_mg_per_h) }
                { figure("Per kg", "rate-mg-per-kg-per-h", f.rate_mg_per_kg_per_h) }
                { figure("Per kg per minute", "rate-mcg-per-kg-per-min", f.rate_mcg_per_kg_per_min) }
                { figure(if b.continuous { "Total per 24 h" } else { "Session total" }, "session-total-mg", f.session_total_mg) }
                { figure(if b.continuous { "Period" } else { "Duration" }, "duration-h", f.duration_h) }
                { figure("Pump rate", "pump-rate-ml-per-h", f.pump_rate_ml_per_h) }
                { figure("Dosing weight", "dosing-weight-kg", f.dosing_weight_kg) }
            </dl>
            <p class="figure-basis">
                { keep_units(&format!("Pump rate for a {} bag; totals are {per}. ", b.concentration.display_as_read())) }
                { keep_units(&b.dosing_weight.derivation) }
            </p>
            <p class="figure-basis" data-testid="figure-arithmetic">
                { keep_units(&b.arithmetic_note()) }
            </p>
            if let Some(bolus) = &b.bolus {
                <p>{ "Loading bolus: " }<strong data-testid="bolus-mg">{ bolus.mg_text() }</strong>
                   { format!(" ({} of dosing weight)", bolus.per_kg_text()) }{ cites_after(&bolus.sources, NO_CARD_SOURCE) }</p>
            }
            { messages("Warnings", "warnings", "warning", &b.warnings) }
            { messages("Notices", "notices", "notice", &b.notices) }
            { breakdown_table(&BreakdownTableProps { breakdown: b, scenario, on_toggle: Some(on_toggle), print: false }) }
            { breakdown_chart(&BreakdownChartProps { breakdown: b, scenario }) }
            { ladder(b, scenario) }
        </div>
    }
}

fn ladder(b: &Breakdown, scenario: usize) -> Html {
    if b.ladder.is_empty() {
        return html! {};
    }
    let unit = if b.course_step() == "day" {
        "Day"
    } else {
        "Infusion"
    };
    let caption_id = format!("ladder-caption-{scenario}");
    html! {
        <div class="table-scroll" role="region" aria-labelledby={super::breakdown_table::region_label(scenario, false, &caption_id)} tabindex="0">
            <table class="ladder" data-testid="titration-ladder">
                <caption id={caption_id}>{ format!("{} for the induction phase (illustrative)", b.ladder_title()) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ unit }</th>
                        <th scope="col">{ "Rate" }</th>
                        <th scope="col">{ "Per kg" }</th>
                        <th scope="col">{ if b.continuous { "Total per 24 h" } else { "Session total" } }</th>
                        <th scope="col">{ "Pump rate" }</th>
                        <th scope="col">{ "Limited by" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for b.ladder.iter().map(|r| {
                        let current = r.infusion == b.infusion_used;
                        html! {
                            <tr class={classes!(current.then_some("current"))} aria-current={current.then_some("step")}>
                                <th scope="row">{ r.infusion }{ if current { " (selected)" } else { "" } }</th>
                                <td data-testid="ladder-rate">{ r.rate.display() }</td>
                                <td>{ r.per_kg_text() }</td>
                                <td>{ r.total_text() }</td>
                                <td>{ r.pump_rate.pump_text() }</td>
                                <td>{ r.limited_by.as_deref().map_or_else(|| html! { "–" }, keep_units) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if let Some(note) = b.titration_note() {
                <p class="ladder-note" data-testid="ladder-note">{ keep_units(&note) }</p>
            }
        </div>
    }
}
