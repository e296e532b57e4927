//! `#/candidates`: Who is a candidate: who is generally not offered ketamine
//! infusions, who needs extra caution, and tests before an infusion.

use yew::prelude::*;

use crate::domain::reference::{content, ReferenceContent};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::candidate_card::candidate_card;
use crate::ui::components::reference::claim_list::claim_list;
use crate::ui::components::reference::consensus_table::consensus_table;

/// The page (a plain function: it has no state of its own).
pub fn candidates_page() -> Html {
    let body = body(content());
    html! {
        <>
            { page_intro("Who is a candidate", "Who is generally not offered ketamine infusions, and who needs extra caution.") }
            { body }
        </>
    }
}

fn body(c: &'static ReferenceContent) -> Html {
    let cand = &c.candidates;
    html! {
        <>
            <p>{ cand.intro.as_str() }</p>
            <section aria-labelledby="not-candidates-heading">
                <h2 id="not-candidates-heading">{ "Generally not a candidate" }</h2>
                <div class="cards">
                    { for cand.not_candidates.iter().map(|candidate| html! {
                        { candidate_card(candidate, "not-candidate") }
                    }) }
                </div>
            </section>
            <section aria-labelledby="extra-caution-heading">
                <h2 id="extra-caution-heading">{ "Extra caution needed" }</h2>
                <div class="cards">
                    { for cand.extra_caution.iter().map(|candidate| html! {
                        { candidate_card(candidate, "caution") }
                    }) }
                </div>
            </section>
            <section id="label-contraindications" aria-labelledby="label-contraindications-heading">
                <h2 id="label-contraindications-heading">{ "Contraindications on the label" }</h2>
                { claim_list(&cand.label_contraindications) }
            </section>
            <section id="pre-infusion-testing" aria-labelledby="pre-infusion-testing-heading">
                <h2 id="pre-infusion-testing-heading">{ "Tests before an infusion" }</h2>
                { consensus_table(&cand.screening, "Suggested tests before a first infusion", "Patient group") }
            </section>
        </>
    }
}
