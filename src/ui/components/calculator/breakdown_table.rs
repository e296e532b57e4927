//! The breakdown as a table: dosing weight, base rate, every step (factor,
//! switched-off factor, floor, cap, titration) and the final rate, each with
//! its effect, rates before and after, change, sources and evidence kind; a
//! factor step also says which threshold fired and on what.

use yew::prelude::*;

use crate::domain::dosing::{Breakdown, Step};
use crate::domain::links::{entry_link, factor_link, DOSING_WEIGHT_ENTRY};
use crate::domain::reference::content;
use crate::domain::route::Route;

use super::sources::{cites, evidence_badge, evidence_legend};

pub struct BreakdownTableProps<'a> {
    pub breakdown: &'a Breakdown,
    /// Scenario number (1-based), to keep element ids unique in compare mode.
    pub scenario: usize,
    /// Switch a factor step off or on (absent on the print sheet).
    pub on_toggle: Option<&'a Callback<String>>,
    /// The print sheet's copy: no test hooks, so each hook stays unique on screen.
    pub print: bool,
}

/// A link to where a factor is explained, or plain text if nothing explains it.
fn factor_label(label: String, factor_id: Option<&str>) -> Html {
    let href = factor_id.and_then(|id| factor_link(content(), id));
    match href {
        Some(href) => html! { <a href={href}>{ label }</a> },
        None => html! { { label } },
    }
}

/// The table for one breakdown.
pub fn breakdown_table(props: &BreakdownTableProps) -> Html {
    let b = props.breakdown;
    let caption_id = format!("breakdown-caption-{}", props.scenario);
    // The "What if" column, only when a step has a switch: an empty sticky
    // column would hide the others on a phone.
    let on_toggle = props.on_toggle.filter(|_| b.has_switches());
    html! {
        <div class="table-scroll" role="region" aria-labelledby={region_label(props.scenario, props.print, &caption_id)} tabindex="0"
             onfocusin={on_toggle.is_some().then(|| Callback::from(|e: FocusEvent| crate::platform::dom::clear_of_sticky_column(&e)))}>
            <table class={classes!("breakdown", on_toggle.is_some().then_some("with-toggles"))}>
                <caption id={caption_id}>{ "Step by step: how each factor and cap moved the rate (illustrative)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Step" }</th>
                        <th scope="col">{ "Effect" }</th>
                        <th scope="col">{ "Rate before" }</th>
                        <th scope="col">{ "Rate after" }</th>
                        <th scope="col">{ "Change" }</th>
                        <th scope="col">{ "Sources" }</th>
                        <th scope="col">{ "Evidence" }</th>
                        if on_toggle.is_some() {
                            <th scope="col">{ "What if" }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    // Every row keyed: a step that comes or goes (a floor
                    // that stops biting) must not shift the others' content
                    // through their elements, which moved the focus of a
                    // "Switch off" button to another factor's.
                    <tr key="weight" data-testid={(!props.print).then_some("weight-step")}>
                        <th scope="row"><a href={entry_link(Route::Factors, DOSING_WEIGHT_ENTRY)}>{ "Dosing weight" }</a></th>
                        <td>{ b.dosing_weight.basis.label() }{ " (derivation above the table)" }</td>
                        <td>{ "–" }</td>
                        <td>{ b.dosing_weight.display() }</td>
                        <td>{ "–" }</td>
                        <td>{ cites(&b.dosing_weight_sources) }</td>
                        <td>{ evidence_badge(b.dosing_weight_evidence) }</td>
                        if on_toggle.is_some() { <td></td> }
                    </tr>
                    <tr key="base" data-testid={(!props.print).then_some("base-step")}>
                        <th scope="row">{ "Base rate" }</th>
                        <td>
                            { crate::ui::components::keep_units(&b.base.derivation) }
                            // The card's own note on its number (for example that
                            // a trial's day-1 rate is not confirmed), not only on
                            // the protocols page.
                            if let Some(note) = &b.base.note {
                                <span class="base-note" data-testid={(!props.print).then_some("base-note")}>{ crate::ui::components::keep_units(note) }</span>
                            }
                        </td>
                        <td>{ "–" }</td>
                        <td>{ b.base.mg_per_h.display() }</td>
                        <td>{ "–" }</td>
                        <td>{ cites(&b.base.sources) }</td>
                        <td>{ evidence_badge(b.base.evidence) }</td>
                        if on_toggle.is_some() { <td></td> }
                    </tr>
                    { for b.steps.iter().zip(b.step_keys()).map(|(step, key)| step_row(step, key, on_toggle, props.print)) }
                    <tr key="final" class="final-row">
                        <th scope="row">{ "Illustrative rate" }</th>
                        <td>{ format!("{} {} of the course", b.course_step(), b.infusion_used) }</td>
                        <td>{ "–" }</td>
                        <td><strong>{ b.rate_mg_per_h.display() }</strong></td>
                        <td>{ crate::ui::components::keep_units(&crate::domain::dosing::format::format_change_between(b.base.mg_per_h.0, b.rate_mg_per_h.0, crate::domain::dosing::DoseUnit::MgPerHour)) }{ " from base" }</td>
                        <td></td>
                        <td></td>
                        if on_toggle.is_some() { <td></td> }
                    </tr>
                </tbody>
            </table>
            { evidence_legend() }
        </div>
    }
}

fn step_row(step: &Step, key: String, on_toggle: Option<&Callback<String>>, print: bool) -> Html {
    let off = matches!(step, Step::Disabled(_));
    let factor_id = step.factor_id().map(str::to_string);
    let data_id = factor_id.clone().unwrap_or_else(|| step.id());
    let toggle = match (on_toggle, &factor_id) {
        (Some(cb), Some(id)) => {
            let cb = cb.clone();
            let id_for_click = id.clone();
            let onclick = Callback::from(move |_| cb.emit(id_for_click.clone()));
            let (text, aria) = if off {
                ("Switch on", format!("Switch on: {}", step.label()))
            } else {
                ("Switch off", format!("Switch off: {}", step.label()))
            };
            html! {
                <td>
                    <button type="button" class="step-toggle" data-testid="step-toggle"
                        aria-label={aria} onclick={onclick}>{ text }</button>
                </td>
            }
        }
        (Some(_), None) => html! { <td></td> },
        (None, _) => html! {},
    };
    html! {
        <tr key={key} data-testid={(!print).then_some("factor-step")} data-factor-id={data_id} data-step-id={step.id()} data-state={if off { "off" } else { "on" }}
            class={classes!(off.then_some("step-off"))}>
            <th scope="row">
                // A step switched off says so in its label.
                { factor_label(step.label(), factor_id.as_deref()) }
                if let Some(threshold) = step.threshold_display() {
                    <span class="step-threshold">{ crate::ui::components::keep_units(&threshold) }</span>
                }
            </th>
            <td>
                { crate::ui::components::keep_units(&step.effect_display()) }
                // The card's note on the factor: which part is sourced and
                // which is the app's choice, as on the protocols page.
                if let Some(note) = step.note() {
                    <span class="base-note" data-testid={(!print).then_some("factor-note")}>{ crate::ui::components::keep_units(note) }</span>
                }
            </td>
            <td>{ step.rate_before().display() }</td>
            <td>{ step.rate_after().display() }</td>
            <td>{ crate::ui::components::keep_units(&step.change_display()) }</td>
            <td>
                if matches!(step, Step::Floor(_)) {
                    // The card's floor, or the app's 0.25 where the card
                    // sets none: a guard of this app on stacked reductions.
                    <span class="muted">{ "none (a guard of this app on stacked reductions)" }</span>
                } else {
                    { cites(&step.sources()) }
                }
            </td>
            <td>{ evidence_badge(step.evidence()) }</td>
            { toggle }
        </tr>
    }
}

/// The name of a scenario's table region: its scenario's heading, then the
/// table's caption, so that the scenarios' tables side by side are told
/// apart by name (axe: landmark-unique). The printed sheet's table has no
/// scenario heading of that id: its caption alone.
pub fn region_label(scenario: usize, print: bool, caption_id: &str) -> String {
    if print {
        caption_id.to_string()
    } else {
        format!("scenario-title-{scenario} {caption_id}")
    }
}
