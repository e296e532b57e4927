//! `#/side-effects`: Side effects, with a frequency filter, a text search and
//! a switch between the clinical view and the plain-language patient view.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::reference::{content, EffectView, Frequency, FrequencyFilter};
use crate::domain::route::{view_fragment, Route};
use crate::ui::components::page_intro::page_intro;
use crate::ui::components::reference::claim_list::claim_list;
use crate::ui::components::reference::side_effect_list::{side_effect_list, SideEffectListProps};

/// The page for its query (`view=patient` opens the patient view) and the
/// count of followed links: the view switch rewrites the address, so the same
/// link followed again must still reset the view. A plain function: the state
/// (filter, search, view) is in the body below.
pub fn side_effects_page(query: &str, navigation: u32) -> Html {
    let body = html! {
        <SideEffectsBody query={AttrValue::from(query.to_string())} navigation={navigation} />
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
    navigation: u32,
}

#[component]
fn SideEffectsBody(props: &SideEffectsBodyProps) -> Html {
    let side_effects = &content().side_effects;
    let filter = use_state(FrequencyFilter::default);
    let query = use_state(String::new);
    let view = use_state_eq(|| EffectView::from_query(&props.query));
    {
        // A link followed while on this page (`?view=patient` from home).
        let view = view.clone();
        use_effect_with((props.query.clone(), props.navigation), move |(q, _)| {
            view.set(EffectView::from_query(q))
        });
    }

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                filter.set(FrequencyFilter::from_key(&select.value()));
            }
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let on_view = |next: EffectView| {
        let view = view.clone();
        Callback::from(move |_: Event| {
            view.set(next);
            // The address follows, so the view can be bookmarked or shared.
            crate::platform::location::replace_fragment(&view_fragment(Route::SideEffects, next));
        })
    };
    // Enter in the search box must not submit (and reload) the page.
    let on_submit = Callback::from(|e: SubmitEvent| e.prevent_default());

    let current = *filter;
    let current_view = *view;
    html! {
        <>
            <p>{ side_effects.intro.as_str() }</p>
            <form class="filters no-print" role="search" aria-label="Filter side effects" onsubmit={on_submit}>
                <div class="field">
                    <label for="se-frequency">{ "Frequency" }</label>
                    <select id="se-frequency" data-testid="frequency-filter" ~value={crate::platform::dom::live_value(current.key())} onchange={on_filter}>
                        <option value="all" selected={current == FrequencyFilter::All}>{ "All frequencies" }</option>
                        { for Frequency::FILTERABLE.into_iter().map(|f| html! {
                            <option value={f.key()} selected={current == FrequencyFilter::Only(f)}>{ f.label() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="se-search">{ "Search" }</label>
                    <input id="se-search" type="search" data-testid="side-effect-search"
                        value={(*query).clone()} oninput={on_query} autocomplete="off" />
                </div>
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
            </form>
            if current_view == EffectView::Patient {
                <p class="patient-note" data-testid="patient-note">
                    { "This view describes each effect in everyday words: what it may feel like, how long it usually lasts and when to tell the staff looking after you. It gives no doses; your care team decides those." }
                </p>
            }
            { side_effect_list(&SideEffectListProps {
                content: side_effects,
                view: current_view,
                filter: current,
                query: query.as_str(),
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
