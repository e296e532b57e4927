//! `#/factors`: Dosing factors: the five groups of the first seed's Table 1,
//! each with its explanation and the literature's entries. Every group and
//! entry has an element id equal to its content id, for the calculator to
//! refer to.

use yew::prelude::*;

use crate::domain::links::factor_example;
use crate::domain::reference::{content, FactorEntry, FactorGroup, ReferenceContent, Text};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::claim_list::claim_list;
use crate::ui::components::reference::seed_table::{seed_table, SeedTable};

/// The page (a plain function: it has no state of its own).
pub fn factors_page() -> Html {
    let body = body(content());
    html! {
        <>
            { page_intro("Dosing factors", "The five groups of patient factors that shape a ketamine dose, how each one changes it, and the literature behind each adjustment.") }
            { body }
        </>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    let factors = &c.factors;
    let rows: Vec<Vec<&'static str>> = factors
        .groups
        .iter()
        .map(|g| {
            vec![
                g.seed_row.factor.as_str(),
                g.seed_row.why_it_matters.as_str(),
                g.seed_row.example_adjustment.as_str(),
            ]
        })
        .collect();
    html! {
        <>
            <p>{ factors.intro.as_str() }</p>
            <section aria-labelledby="factors-at-a-glance">
                <h2 id="factors-at-a-glance">{ "The five factor groups at a glance" }</h2>
                { seed_table(SeedTable {
                caption: "Table 1 of the first source article, as published",
                headers: vec!["Factor", "Why it matters", "Example adjustment"],
                rows,
                source_id: "seed-dosing",
                testid: "seed-table-1",
            }) }
            </section>
            { for factors.groups.iter().map(group) }
        </>
    }
}

fn group(g: &'static FactorGroup) -> Html {
    let heading_id = format!("{}-heading", g.id);
    html! {
        <section class="factor-group" id={g.id.as_str()} aria-labelledby={heading_id.clone()}
            data-testid="factor-group">
            <h2 id={heading_id}>{ g.title.as_str() }</h2>
            <dl class="factor-summary">
                <dt>{ "Why it matters" }</dt>
                <dd>{ g.why_it_matters.as_str() }</dd>
                <dt>{ "Example adjustment" }</dt>
                <dd>{ g.example_adjustment.as_str() }</dd>
            </dl>
            { calculator_links(&g.calculator_factor_ids) }
            <h3>{ "What the source articles add" }</h3>
            { claim_list(&g.seed_detail) }
            <h3>{ "From the literature" }</h3>
            <div class="factor-entries">
                { for g.entries.iter().map(entry) }
            </div>
        </section>
    }
}

fn entry(e: &'static FactorEntry) -> Html {
    let heading_id = format!("{}-heading", e.id);
    html! {
        <article class="card factor-entry" id={e.id.as_str()} aria-labelledby={heading_id.clone()}
            data-testid="factor-entry">
            <h4 id={heading_id}>{ e.name.as_str() }</h4>
            <p class="direction"><strong>{ "Direction: " }</strong>{ e.direction.as_str() }</p>
            { claim_list(&e.points) }
            { calculator_links(&e.calculator_factor_ids) }
        </article>
    }
}

/// A note naming the calculator factors that implement an entry, each linked
/// to a calculator scenario in which it fires.
fn calculator_links(ids: &'static [Text]) -> Html {
    if ids.is_empty() {
        return html! {};
    }
    let cards = crate::domain::library::builtin().unwrap_or(&[]);
    let items = ids.iter().map(|id| match factor_example(cards, id) {
        Some(example) => html! {
            <li>
                <a href={example.href} data-factor-id={id.as_str()}>{ example.label }</a>
                { format!(" (example on the {} card)", example.card_name) }
            </li>
        },
        None => html! { <li>{ id.as_str() }</li> },
    });
    html! {
        <div class="calculator-link" data-testid="calculator-factors">
            <p>{ "In the calculator, try:" }</p>
            <ul>{ for items }</ul>
        </div>
    }
}
