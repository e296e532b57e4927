//! One patient group on the candidates page: why it matters, the consensus
//! position with its grade, and further points.

use yew::prelude::*;

use super::cite_list::cite_list;
use super::claim_list::claim_list;
use super::grade_badge::grade_badge;
use super::status_badge::status_badge;
use crate::domain::reference::Candidate;

/// One patient group; `testid` is its `data-testid`, for example
/// `not-candidate` or `caution`. A plain function, not a component: it has no state, and each component type
/// costs the wasm its own copy of Yew's lifecycle code.
pub fn candidate_card(c: &'static Candidate, testid: &'static str) -> Html {
    let heading_id = format!("{}-heading", c.id);
    html! {
        <article class="card candidate" id={c.id.as_str()} data-testid={testid}
            aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ c.name.as_str() }</h3>
            if !c.from_seed {
                <p><span class="badge badge-added">{ "Added from the 2018 consensus" }</span></p>
            }
            <p>{ c.summary.as_str() }{ cite_list(&c.sources) }</p>
            if c.consensus.is_empty() {
                <p class="consensus">
                    { grade_badge(None) }
                    { " The consensus summaries reviewed give no graded position for this group." }
                </p>
            } else {
                <ul class="consensus">
                    { for c.consensus.iter().map(|p| html! {
                        <li>
                            <strong>{ format!("{}: ", p.condition) }</strong>
                            { p.position.as_str() }
                            { " " }
                            { grade_badge(p.grade.as_ref()) }
                            { status_badge(p.status) }
                            { cite_list(&p.sources) }
                        </li>
                    }) }
                </ul>
            }
            { claim_list(&c.points) }
        </article>
    }
}
