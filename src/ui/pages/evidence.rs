//! `#/evidence`: Evidence by condition: the 2018 consensus verdict and grade
//! for each pain condition, its dose guidance, and meta-analyses.

use yew::prelude::*;

use crate::domain::reference::{content, ReferenceContent};
use crate::domain::route::Route;
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::cite_list::cite_list;
use crate::ui::components::reference::claim_list::{claim_list, claim_text};
use crate::ui::components::reference::consensus_table::consensus_table;
use crate::ui::components::reference::grade_badge::grade_badge;

/// The page (a plain function: it has no state of its own).
pub fn evidence_page() -> Html {
    let body = body(content());
    html! {
        <>
            { page_intro("Evidence by condition", "How strong the evidence is for each pain condition, as graded by the 2018 consensus guideline.") }
            { body }
        </>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    let e = &c.evidence;
    html! {
        <>
            <p>{ e.intro.as_str() }</p>
            <section aria-labelledby="conditions-heading">
                <h2 id="conditions-heading">{ "Consensus verdict and grade for each condition" }</h2>
                <table class="stack-table" data-testid="evidence-table">
                    <caption>{ "2018 consensus verdicts on IV ketamine for chronic pain" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Condition" }</th>
                            <th scope="col">{ "Consensus verdict" }</th>
                            <th scope="col">{ "Grade" }</th>
                            <th scope="col">{ "Regimens the panel pointed to" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for e.conditions.iter().map(|cond| html! {
                            <tr id={cond.id.as_str()} data-testid="evidence-row">
                                <th scope="row" data-label="Condition">{ cond.condition.as_str() }</th>
                                <td data-label="Consensus verdict">
                                    { cond.verdict.as_str() }{ cite_list(&cond.sources) }
                                </td>
                                <td data-label="Grade">{ grade_badge(cond.grade.as_ref()) }</td>
                                <td data-label="Regimens">
                                    if let Some(regimens) = &cond.regimens {
                                        { claim_text(regimens) }
                                    } else {
                                        { "None named" }
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p>
                    { "The published regimens behind these verdicts are compared on the " }
                    <a href={Route::Phases.href()}>{ "treatment phases page" }</a>{ "." }
                </p>
            </section>
            <section id="consensus-dose-guidance" aria-labelledby="dose-guidance-heading">
                <h2 id="dose-guidance-heading">{ "Consensus dose guidance" }</h2>
                { consensus_table(&e.dose_guidance, "Dose ranges and limits, with acute-pain guidance for comparison", "Topic") }
            </section>
            <section id="follow-on-treatment" aria-labelledby="follow-on-heading">
                <h2 id="follow-on-heading">{ "After a response to infusions" }</h2>
                { consensus_table(&e.follow_on, "Oral and intranasal options instead of repeated infusions", "Option") }
            </section>
            <section id="meta-analyses" aria-labelledby="meta-analyses-heading">
                <h2 id="meta-analyses-heading">{ "Meta-analyses" }</h2>
                { claim_list(&e.meta_analyses) }
            </section>
            <section id="evidence-notes" aria-labelledby="evidence-notes-heading">
                <h2 id="evidence-notes-heading">{ "About the guideline" }</h2>
                { claim_list(&e.notes) }
            </section>
        </>
    }
}
