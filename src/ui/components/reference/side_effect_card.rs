//! One side effect, in the clinical view (frequency, duration, staff measures,
//! literature) or the plain-language patient view (no dose numbers).

use yew::prelude::*;

use super::cite_list::cite_list;
use super::claim_list::claim_list;
use crate::domain::reference::{EffectView, SideEffect};

/// One side effect in the given view.
pub fn side_effect_card(e: &'static SideEffect, view: EffectView) -> Html {
    let heading_id = format!("{}-heading", e.id);
    let body = match view {
        EffectView::Clinical => clinical(e),
        EffectView::Patient => patient(e),
    };
    html! {
        <article class="card side-effect" id={e.id.as_str()} aria-labelledby={heading_id.clone()}
            data-testid="side-effect-row" data-frequency={e.frequency.key()} data-group={e.group.key()}>
            <h3 id={heading_id}>{ e.name_in(view) }</h3>
            <p class="side-effect-meta">
                <span class={classes!("badge", "badge-frequency", e.frequency.key())} data-testid="frequency">
                    { e.frequency.label() }
                </span>
                // Not one of the rows of the source article's table (its text
                // or other sources may still describe it): for clinicians; a
                // patient reading how it feels has no use for where a row
                // came from.
                if !e.in_seed_table && view == EffectView::Clinical {
                    { " " }<span class="badge badge-added" data-testid="not-in-table">{ "Not in the source article's table" }</span>
                }
            </p>
            { body }
        </article>
    }
}

fn clinical(e: &'static SideEffect) -> Html {
    html! {
        <>
            <dl class="side-effect-facts">
                <dt>{ "Duration" }</dt>
                <dd data-testid="duration">{ e.duration.as_str() }{ cite_list(&e.sources) }</dd>
                <dt>{ "What it is" }</dt>
                <dd>{ e.description.as_str() }</dd>
            </dl>
            <h4>{ "What staff do" }</h4>
            { claim_list(&e.staff) }
            <h4>{ "What the literature reports" }</h4>
            { claim_list(&e.literature) }
        </>
    }
}

fn patient(e: &'static SideEffect) -> Html {
    html! {
        <dl class="side-effect-facts patient-view" data-testid="patient-view">
            <dt>{ "What it may feel like" }</dt>
            <dd>{ e.patient.feels_like.as_str() }</dd>
            <dt>{ "How long it usually lasts" }</dt>
            // Its source, as for every figure, also in plain language.
            <dd data-testid="patient-how-long">{ e.patient.how_long.as_str() }{ cite_list(e.patient.how_long_cites(&e.sources)) }</dd>
            <dt>{ "When to tell staff" }</dt>
            <dd>{ e.patient.tell_staff.as_str() }</dd>
        </dl>
    }
}
