//! "Verify this calculator": runs the engine's golden examples (computed by
//! hand, the same cases the native tests run) in this browser, and shows
//! every case with each expected and actual figure and pass or fail.

use yew::prelude::*;

use crate::domain::dosing::golden::golden_suite;
use crate::domain::dosing::{format_number, GoldenReport};
use crate::domain::library::{self, is_known_source};

fn count(n: usize) -> String {
    format_number(n as f64, 0)
}

/// Runs every golden case against the built-in cards (and the golden file's
/// own test cards).
fn run() -> Result<Vec<GoldenReport>, String> {
    let builtin = library::builtin().map_err(|_| {
        "The built-in protocol cards failed their checks, so the examples cannot run.".to_string()
    })?;
    let suite = golden_suite(&is_known_source).map_err(|e| e.to_string())?;
    Ok(suite.run(builtin))
}

fn case(report: &GoldenReport) -> Html {
    let pass = report.passed();
    html! {
        <tbody class={classes!("verify-case", if pass { "pass" } else { "fail" })} data-testid="verify-case"
               data-case={report.name.clone()} data-pass={pass.to_string()}>
            <tr>
                <th scope="rowgroup" colspan="4">
                    <span class={classes!("badge", if pass { "badge-pass" } else { "badge-fail" })}>{ if pass { "pass" } else { "FAIL" } }</span>
                    { " " }{ report.name.clone() }{ " · card " }<code>{ report.card.clone() }</code>
                </th>
            </tr>
            <tr><td colspan="4" class="verify-how">{ "By hand: " }{ report.how.clone() }</td></tr>
            { for report.checks.iter().map(|c| html! {
                <tr data-testid="verify-check" data-pass={c.pass.to_string()}>
                    <th scope="row"><code>{ c.figure.clone() }</code></th>
                    <td data-testid="verify-expected">{ c.expected.clone() }</td>
                    <td data-testid="verify-actual">{ c.actual.clone() }</td>
                    <td>{ if c.pass { "pass" } else { "FAIL" } }</td>
                </tr>
            }) }
        </tbody>
    }
}

/// The summary (how many cases passed) and every case with each expected
/// and actual figure; one report per golden case, in file order.
pub fn verify_report(reports: &[GoldenReport]) -> Html {
    let passed = reports.iter().filter(|r| r.passed()).count();
    let checks: usize = reports.iter().map(|r| r.checks.len()).sum();
    let all = passed == reports.len() && !reports.is_empty();
    html! {
        <>
            <p class={classes!("verify-summary", if all { "pass" } else { "fail" })} role="status"
               data-testid="verify-summary" data-all-pass={all.to_string()}>
                <strong>{ format!("{} of {} cases passed", count(passed), count(reports.len())) }</strong>
                { format!(" ({} figures compared). ", count(checks)) }
                { if all { "The arithmetic in this browser matches the hand computations." }
                  else { "Some figures differ from the hand computations: do not rely on this copy of the app." } }
            </p>
            <div class="table-scroll" role="region" aria-labelledby="verify-caption" tabindex="0">
                <table class="verify-table" data-testid="verify-table">
                    <caption id="verify-caption">{ "Every golden example: expected (by hand) and actual (this browser)" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Figure" }</th>
                        <th scope="col">{ "Expected" }</th>
                        <th scope="col">{ "Actual" }</th>
                        <th scope="col">{ "Result" }</th>
                    </tr></thead>
                    { for reports.iter().map(case) }
                </table>
            </div>
        </>
    }
}

/// The panel: a button that runs the examples (in a callback, not while
/// rendering), then the report.
#[component]
pub fn VerifyPanel() -> Html {
    let result = use_state(|| None::<Result<Vec<GoldenReport>, String>>);
    let on_run = {
        let result = result.clone();
        Callback::from(move |_| result.set(Some(run())))
    };
    html! {
        <section class="verify-panel" aria-labelledby="verify-title" id="verify" data-testid="verify-panel">
            <h2 id="verify-title">{ "Verify this calculator" }</h2>
            <p>
                { "The engine's golden examples are worked out by hand and shipped with the app. This runs every one of them \
                   here, in this browser, and compares each figure the calculator would show with the hand computation." }
            </p>
            <p>
                <button type="button" onclick={on_run} data-testid="verify-run">
                    { if result.is_some() { "Run the examples again" } else { "Run the golden examples" } }
                </button>
            </p>
            {
                match &*result {
                    None => html! {},
                    Some(Err(e)) => html! { <p class="block-panel" role="alert" data-testid="verify-error">{ e.clone() }</p> },
                    Some(Ok(reports)) => verify_report(reports),
                }
            }
        </section>
    }
}
