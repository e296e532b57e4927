//! One patient group on the candidates page: why it matters, the consensus
//! position with its grade, and further points.

use yew::prelude::*;

use super::cite_list::CiteList;
use super::claim_list::ClaimList;
use super::grade_badge::grade_badge;
use super::status_badge::status_badge;
use crate::domain::reference::Candidate;

#[derive(Properties, PartialEq)]
pub struct CandidateCardProps {
    pub candidate: &'static Candidate,
    /// `data-testid`, for example `not-candidate` or `caution`.
    pub testid: AttrValue,
}

#[component]
pub fn CandidateCard(props: &CandidateCardProps) -> Html {
    let c = props.candidate;
    let heading_id = format!("{}-heading", c.id);
    html! {
        <article class="card candidate" id={c.id.as_str()} data-testid={props.testid.clone()}
            aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{ c.name.as_str() }</h3>
            if !c.from_seed {
                <p><span class="badge badge-added">{ "Added from the 2018 consensus" }</span></p>
            }
            <p>{ c.summary.as_str() }<CiteList ids={c.sources.as_slice()} /></p>
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
                            <CiteList ids={p.sources.as_slice()} />
                        </li>
                    }) }
                </ul>
            }
            <ClaimList claims={c.points.as_slice()} />
        </article>
    }
}
