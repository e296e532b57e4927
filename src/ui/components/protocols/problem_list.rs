//! Every problem with a protocol card, each with its field path and a plain
//! explanation (`factors[3].effects[0].value`: … is above the hard limit …).

use yew::prelude::*;

use crate::domain::dosing::CardProblem;

/// The problem's text without its leading path (shown separately).
fn explanation(problem: &CardProblem) -> String {
    let text = problem.to_string();
    let prefix = format!("{}: ", problem.path());
    match text.strip_prefix(&prefix) {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Every problem with its field path. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn problem_list(problems: &[CardProblem]) -> Html {
    html! {
        <ul class="problem-list" data-testid="problem-list">
            { for problems.iter().map(|p| html! {
                <li data-testid="problem" data-path={p.path().to_string()}>
                    <code class="problem-path">{ p.path().to_string() }</code>
                    { " " }
                    <span>{ explanation(p) }</span>
                </li>
            }) }
        </ul>
    }
}
