//! `#/side-effects`: Side effects, with a frequency filter, a text search and
//! a switch between the clinical view and the plain-language patient view.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::links::SideEffectsQuery;
use crate::domain::reference::{content, EffectView, FrequencyFilter};
use crate::domain::route::{query_fragment, Route};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::cite_list::patient_reading_note;
use crate::ui::components::reference::claim_list::claim_list;
use crate::ui::components::reference::side_effect_list::{side_effect_list, SideEffectListProps};

/// The page for its query (`view=patient` opens the patient view,
/// `frequency=` and `search=` set the filter and the search) and the count of
/// followed links: the page rewrites its address as they change, so the same
/// link followed again must still reset them. A plain function: the state is
/// in the body below.
///
/// `on_view` hears each change of the reader view made with the page's
/// switch (the app's menu then opens the phases page in it too).
pub fn side_effects_page(query: &str, navigation: u32, on_view: Callback<EffectView>) -> Html {
    let body = html! {
        // A new body for each link followed (or Back to an address this page
        // wrote): its list is the address's in the same render, so that an
        // `?entry=` it names is found at once.
        <SideEffectsBody key={format!("{navigation}?{query}")} query={AttrValue::from(query.to_string())} navigation={navigation} on_view={on_view} />
    };
    html! {
        <>
            { page_intro("Side effects", "Common, less common and rare side effects, how long they last, and what staff do about them.") }
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SideEffectsBodyProps {
    query: AttrValue,
    /// The navigation count of the link the body was drawn for (it is drawn
    /// afresh for each link).
    navigation: u32,
    on_view: Callback<EffectView>,
}

#[component]
fn SideEffectsBody(props: &SideEffectsBodyProps) -> Html {
    let side_effects = &content().side_effects;
    let shown = use_state_eq(|| SideEffectsQuery::from_query(&props.query));
    let drawn_for = props.navigation;
    let on_filter = |next: FrequencyFilter| {
        let shown = shown.clone();
        Callback::from(move |_: Event| change(&shown, drawn_for, |q| q.filter = next))
    };
    let on_query = {
        let shown = shown.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                change(&shown, drawn_for, |q| q.search = input.value());
            }
        })
    };
    let on_view = |next: EffectView| {
        let shown = shown.clone();
        let told = props.on_view.clone();
        Callback::from(move |_: Event| {
            change(&shown, drawn_for, |q| q.view = next);
            told.emit(next);
        })
    };
    // Enter in the search box must not submit (and reload) the page.
    let on_submit = Callback::from(|e: SubmitEvent| e.prevent_default());

    let current = shown.filter;
    let current_view = shown.view;
    html! {
        <>
            // Each view opens with its own words: the patient's, without the
            // clinical introduction's references to the source tables.
            if current_view == EffectView::Patient {
                <p class="patient-note" data-testid="patient-note">
                    { "This view describes each effect in everyday words: what it may feel like, how long it usually lasts and when to tell the staff looking after you. It gives no doses; your care team decides those. After you have gone home, tell your clinic about anything new or worrying; for chest pain, fainting or trouble breathing, call your local emergency number." }
                </p>
                { patient_reading_note() }
            } else {
                <p data-testid="side-effects-intro">{ side_effects.intro.as_str() }</p>
            }
            <form class="filters no-print" role="search" aria-label="Filter side effects" onsubmit={on_submit}>
                <fieldset class="field view-toggle">
                    <legend>{ "View" }</legend>
                    <label>
                        <input type="radio" name="se-view" value="clinical" data-testid="view-clinical"
                            checked={current_view == EffectView::Clinical} onchange={on_view(EffectView::Clinical)} />
                        { " Clinical" }
                    </label>
                    <label>
                        <input type="radio" name="se-view" value="patient" data-testid="view-patient"
                            checked={current_view == EffectView::Patient} onchange={on_view(EffectView::Patient)} />
                        { " Patient (plain language)" }
                    </label>
                </fieldset>
                <div class="field">
                    <label for="se-search">{ "Search" }</label>
                    <input id="se-search" type="search" data-testid="side-effect-search"
                        value={shown.search.clone()} oninput={on_query} autocomplete="off" autocapitalize="none" />
                </div>
                // Radio buttons, not a list: every choice is in view, and a
                // long one wraps at 200 % text on a phone (a list's was cut).
                // Last, just above the count of effects shown, so that on a
                // phone the count a choice changes is in view with it.
                <fieldset id="se-frequency" class="field view-toggle" data-testid="frequency-filter">
                    <legend>{ "Frequency" }</legend>
                    { for FrequencyFilter::CHOICES.into_iter().map(|f| html! {
                        <label>
                            <input type="radio" name="se-frequency" value={f.key()} checked={current == f} onchange={on_filter(f)} />
                            { " " }{ f.label() }
                        </label>
                    }) }
                </fieldset>
            </form>
            { side_effect_list(&SideEffectListProps {
                content: side_effects,
                view: current_view,
                filter: current,
                query: shown.search.as_str(),
            }) }
            if current_view == EffectView::Clinical {
                <section id="staff-overview" aria-labelledby="staff-overview-heading">
                    <h2 id="staff-overview-heading">{ "What staff do" }</h2>
                    { claim_list(&side_effects.staff_overview) }
                </section>
            }
        </>
    }
}

/// One change: on screen, and in the address, so that Back returns to the
/// same list and it can be bookmarked or shared. `drawn_for`: the navigation
/// count the body was drawn for (`location::replace_fragment`).
fn change(
    shown: &UseStateHandle<SideEffectsQuery>,
    drawn_for: u32,
    edit: impl FnOnce(&mut SideEffectsQuery),
) {
    let mut next = (**shown).clone();
    edit(&mut next);
    crate::platform::location::replace_fragment(
        &query_fragment(Route::SideEffects, &next.query()),
        drawn_for,
    );
    shown.set(next);
}
