//! `#/phases`: Treatment phases: the three stages of the first seed's Table 2
//! with the second seed's detail, where the seeds differ, what changes the
//! interval, and published regimens compared. `#/phases?view=patient` is the
//! patients' view: the three stages only, with no dose figures.

use yew::prelude::*;

use crate::domain::reference::{content, EffectView, ReferenceContent, Stage, Status};
use crate::domain::route::{view_fragment, Route};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::cite_list::{cite, patient_reading_note};
use crate::ui::components::reference::claim_list::{claim_list, claim_text};
use crate::ui::components::reference::regimen_table::regimen_table;
use crate::ui::components::reference::seed_table::{seed_table, SeedTable};
use crate::ui::components::reference::status_badge::status_badge;

/// The page for its query (`view=patient` opens the patients' view); a plain
/// function: it has no state of its own.
pub fn phases_page(query: &str) -> Html {
    let view = EffectView::from_query(query);
    let body = match view {
        EffectView::Clinical => body(content()),
        EffectView::Patient => patient_body(content()),
    };
    let lead = match view {
        EffectView::Clinical => "How a course of infusions is organised: induction, titration and maintenance boosters, and what makes the intervals longer or shorter.",
        EffectView::Patient => "What a course of ketamine infusions usually looks like, in everyday words. It gives no doses: your care team decides those, and your own course may differ.",
    };
    let switch = match view {
        EffectView::Clinical => html! {
            <a href={view_fragment(Route::Phases, EffectView::Patient)} data-testid="phases-view-switch">
                { "For patients: what a course looks like, without doses" }
            </a>
        },
        EffectView::Patient => html! {
            <a href={view_fragment(Route::Phases, EffectView::Clinical)} data-testid="phases-view-switch">
                { "Clinical detail: the source articles' tables, published regimens and their doses" }
            </a>
        },
    };
    html! {
        <>
            { page_intro("Treatment phases", lead) }
            <p class="view-switch no-print">{ switch }</p>
            { body }
        </>
    }
}

/// The patients' view: the three stages, whose texts the content check
/// keeps free of dose units.
fn patient_body(c: &'static ReferenceContent) -> Html {
    html! {
        <>
        <section aria-labelledby="stages-heading" data-view="patient">
            <h2 id="stages-heading">{ "The three stages" }</h2>
            { patient_reading_note() }
            { for c.phases.stages.iter().map(|s| stage(s, true)) }
        </section>
        { on_the_day(c, true) }
        </>
    }
}

/// The day of an infusion as patients are told it; in both views, so that a
/// link to it (`?entry=on-the-day`, from the sources page) finds it.
fn on_the_day(c: &'static ReferenceContent, patient: bool) -> Html {
    html! {
        <section id="on-the-day" aria-labelledby="on-the-day-heading" data-testid="patient-day">
            if patient {
                <h2 id="on-the-day-heading">{ "On the day of an infusion" }</h2>
            } else {
                <h2 id="on-the-day-heading">{ "On the day of an infusion, as patients are told it" }</h2>
            }
            { claim_list(&c.phases.patient_day) }
            if patient {
                <p><a href={Route::Diary.href()}>{ "Your diary" }</a>{ " keeps your notes on this device only." }</p>
            }
        </section>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    let phases = &c.phases;
    let rows: Vec<Vec<&'static str>> = phases
        .stages
        .iter()
        .map(|s| {
            vec![
                s.seed_row.stage.as_str(),
                s.seed_row.frequency.as_str(),
                s.seed_row.purpose.as_str(),
            ]
        })
        .collect();
    html! {
        <>
            <p>{ phases.intro.as_str() }</p>
            { seed_table(SeedTable {
                caption: "Table 2 of the first source article, as published",
                headers: vec!["Stage", "Typical frequency", "Purpose"],
                rows,
                source_id: "seed-dosing",
                testid: "seed-table-2",
            }) }
            <p class="seed-table-status" data-testid="seed-table-2-status">
                { status_badge(Status::Unverified) }
                { " The frequencies in this table are the source article's: they fit the published ranges further down, but no single primary study states them as a rule." }
            </p>

            <section aria-labelledby="stages-heading">
                <h2 id="stages-heading">{ "The three stages" }</h2>
                { for phases.stages.iter().map(|s| stage(s, false)) }
            </section>
            { on_the_day(c, false) }

            <section id="seed-differences" aria-labelledby="seed-differences-heading">
                <h2 id="seed-differences-heading">{ "Where the two source articles differ" }</h2>
                // The citations are in the caption, not the column headers:
                // on a phone the stacked table hides its header row, and a
                // link there would take Tab focus unseen.
                <table class="stack-table" data-testid="seed-differences">
                    <caption>
                        { "Figures as each source article gives them: the first (dosing process)" }{ cite("seed-dosing") }
                        { " and the second (infusion frequency)" }{ cite("seed-frequency") }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Topic" }</th>
                            <th scope="col">{ "First source article (dosing process)" }</th>
                            <th scope="col">{ "Second source article (infusion frequency)" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for phases.seed_differences.iter().map(|d| html! {
                            <tr id={d.id.as_str()} data-testid="seed-difference">
                                <th scope="row" data-label="Topic">{ d.topic.as_str() }</th>
                                <td data-label="First source article">{ d.seed_dosing.as_str() }</td>
                                <td data-label="Second source article">{ d.seed_frequency.as_str() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p>{ claim_text(&phases.seed_differences_note) }</p>
            </section>

            <section id="interval-factors" aria-labelledby="interval-factors-heading">
                <h2 id="interval-factors-heading">{ "What makes the intervals longer or shorter" }</h2>
                { for phases.interval_factors.iter().map(|t| html! {
                    <div id={t.id.as_str()} data-testid="interval-factor">
                        <h3>{ t.title.as_str() }</h3>
                        { claim_list(&t.points) }
                    </div>
                }) }
            </section>

            <section id="published-scheduling" aria-labelledby="published-scheduling-heading">
                <h2 id="published-scheduling-heading">{ "Published induction and booster patterns" }</h2>
                { claim_list(&phases.scheduling) }
            </section>

            <section id="regimen-notes" aria-labelledby="regimens-heading">
                <h2 id="regimens-heading">{ "Published regimens compared" }</h2>
                { claim_list(&phases.regimens_notes) }
                <p class="legend">
                    { "Cells marked " }<span class="badge badge-unverified">{ "Unverified" }</span>
                    { " could not be checked against the primary paper: treat them as illustrative, not as established figures." }
                </p>
                { regimen_table(&phases.regimens) }
            </section>
        </>
    }
}

/// One stage; the patients' view also says how often and why in the app's
/// words (the clinical view has the seed's table above).
fn stage(s: &'static Stage, how_often: bool) -> Html {
    let heading_id = format!("{}-heading", s.id);
    html! {
        <article class="card stage" id={s.id.as_str()} aria-labelledby={heading_id.clone()} data-testid="stage">
            <h3 id={heading_id}>{ s.name.as_str() }</h3>
            if how_often {
                <p class="stage-when">{ claim_text(&s.when) }</p>
            }
            <p class="stage-summary">{ s.summary.as_str() }</p>
            { claim_list(&s.points) }
        </article>
    }
}
