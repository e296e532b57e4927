//! `#/monitoring`: Monitoring and routes: how ketamine acts on pain, what is
//! watched during a session, what a session is like, and IV compared with
//! nasal, oral and other routes.

use yew::prelude::*;

use crate::domain::reference::{content, ReferenceContent};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::claim_list::{claim_list, claim_text};

/// The page (a plain function: it has no state of its own).
pub fn monitoring_page() -> Html {
    let body = body(content());
    html! {
        <>
            { page_intro("Monitoring and routes", "What is watched during a session, what a session is like, and how IV ketamine compares with nasal and oral forms.") }
            { body }
        </>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    let m = &c.monitoring;
    html! {
        <>
            <p>{ m.intro.as_str() }</p>
            <section id="mechanism" aria-labelledby="mechanism-heading">
                <h2 id="mechanism-heading">{ "How ketamine acts on pain" }</h2>
                <p data-testid="mechanism">
                    { for m.mechanism.iter().map(|claim| html! {
                        <>{ claim_text(claim) }{ " " }</>
                    }) }
                </p>
            </section>
            <section aria-labelledby="monitoring-heading">
                <h2 id="monitoring-heading">{ "Monitoring and the patient experience" }</h2>
                { for m.monitoring.iter().map(|topic| html! {
                    <div id={topic.id.as_str()} data-testid="monitoring-topic">
                        <h3>{ topic.title.as_str() }</h3>
                        { claim_list(&topic.points) }
                    </div>
                }) }
            </section>
            <section aria-labelledby="routes-heading">
                <h2 id="routes-heading">{ "Routes of administration" }</h2>
                <div class="cards">
                    { for m.routes.iter().map(|route| html! {
                        <article class="card route" id={route.id.as_str()} data-testid="route">
                            <h3>{ route.name.as_str() }</h3>
                            <p>{ route.summary.as_str() }</p>
                            { claim_list(&route.points) }
                        </article>
                    }) }
                </div>
            </section>
        </>
    }
}
