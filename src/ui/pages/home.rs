//! `#/`: what this is, the disclaimer and the three audiences' entry points.

use yew::prelude::*;

use crate::domain::reference::EffectView;
use crate::domain::route::{view_fragment, Route};

/// The page (a plain function: it has no state of its own).
pub fn home_page() -> Html {
    html! {
        <>
            <h1>{ "IV ketamine for chronic pain: a dosing reference" }</h1>
            <p class="lead">
                { "This reference explains how an intravenous ketamine dose for chronic pain is worked out: \
                   which patient factors shape it, how a course of infusions is organised, which side effects \
                   to expect and who should not receive it. It runs entirely in your browser, also without a network." }
            </p>
            <section class="disclaimer" aria-labelledby="disclaimer-heading">
                <h2 id="disclaimer-heading">{ "Before you use it" }</h2>
                <ul>
                    <li>{ "It is for education. It does not prescribe, and no figure it shows is an order." }</li>
                    <li>{ "Every dose figure is illustrative and comes with its basis: the formula, the factor, the source and how strong that source is." }</li>
                    <li>{ "Ketamine for chronic pain is used off-label (for a use its licence does not cover); published regimens come from small trials, case series and expert consensus." }</li>
                    <li>{ "Treatment decisions belong to the clinical team caring for the patient." }</li>
                </ul>
            </section>
            <section aria-labelledby="audiences-heading">
                <h2 id="audiences-heading">{ "Where to start" }</h2>
                <div class="cards">
                    <article class="card">
                        <h3>{ "Clinicians" }</h3>
                        <p>{ "Enter a patient's figures, choose a protocol card and see every step from base rate to pump rate, with each warning and contraindication that applies." }</p>
                        <ul class="link-row start-links"><li><a href={Route::Calculator.href()}>{ "Open the calculator" }</a></li><li><a href={Route::Candidates.href()}>{ "Check candidacy" }</a></li></ul>
                    </article>
                    <article class="card">
                        <h3>{ "Educators" }</h3>
                        <p>{ "Show how each factor moves the dose, compare scenarios and share a link that reopens the same scenario." }</p>
                        <ul class="link-row start-links"><li><a href={Route::Factors.href()}>{ "Dosing factors" }</a></li><li><a href={Route::Protocols.href()}>{ "Protocol cards" }</a></li><li><a href={format!("{}?protocol=crps-4h&s2_protocol=crps-4h&s2_weight_kg=100", Route::Calculator.href())}>{ "Compare two patients" }</a></li></ul>
                    </article>
                    <article class="card">
                        <h3>{ "Patients" }</h3>
                        <p>{ "Read in plain language what a course of infusions looks like, which side effects are common, how long they last and when to tell staff; and keep a private diary of how you are between infusions." }</p>
                        <ul class="link-row start-links"><li><a href={view_fragment(Route::Phases, EffectView::Patient)}>{ "What a course looks like" }</a></li><li><a href={view_fragment(Route::SideEffects, EffectView::Patient)}>{ "Side effects" }</a></li><li><a href={Route::Diary.href()}>{ "Your diary" }</a></li></ul>
                    </article>
                </div>
            </section>
        </>
    }
}
