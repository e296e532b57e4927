//! `#/calculator`: patient inputs and a protocol card in, an illustrative
//! rate out, with every step, cap, warning and block, up to three scenarios
//! side by side, a share link and a printable worked sheet. The state lives
//! in the URL fragment; the logic lives in `domain::calculator`.

use std::rc::Rc;

use crate::domain::dosing::card::Drug;
use yew::prelude::*;

use crate::domain::calculator::{
    active_param_notice, card_differs_notice, card_line, comparison, evaluate_in,
    ignored_params_notice, missing_card, off_not_in_card_notice, renumbered_notice, stops_said,
    unusable_card, warnings_said, Action, CalculatorState, Evaluation, CARD_ROW, MAX_SCENARIOS,
    READING_CARDS,
};
use crate::domain::dosing::Outcome;
use crate::domain::library::{self, SavedState};
use crate::domain::route::{delayed_fragment, Route};
use crate::platform::timer::Debouncer;
use crate::ui::components::calculator::card_summary::CardPicker;
use crate::ui::components::calculator::patient_form::PatientForm;
use crate::ui::components::calculator::print_sheet::PrintSheet;
use crate::ui::components::calculator::result_panel::ResultPanel;
use crate::ui::components::calculator::share_link::ShareLink;
use crate::ui::components::keep_units;
use crate::ui::components::protocols::imported_badge::imported_badge;
use crate::ui::hooks::use_card_library::use_card_library;

#[derive(Properties, PartialEq)]
pub struct CalculatorPageProps {
    /// The fragment's query part (`protocol=crps-4h&weight_kg=70`): the scenario.
    pub query: AttrValue,
    /// Count of link openings (see `use_location`): a new count with the same
    /// query still reloads the scenario from the link.
    #[prop_or_default]
    pub navigation: u32,
    /// Called with the share-link query after every change.
    #[prop_or_default]
    pub on_change: Callback<String>,
}

/// How long typing must pause before the address is rewritten.
const ADDRESS_DELAY_MS: i32 = 150;

/// Yew's reducer wrapper; the logic is [`CalculatorState::apply`].
#[derive(PartialEq)]
struct Calculator(CalculatorState);

impl Reducible for Calculator {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Calculator(self.0.apply(action)))
    }
}

/// What the live region reads out after each change.
fn announcement(evaluation: &Evaluation) -> String {
    match evaluation {
        Evaluation::Computed(Outcome::Dose(b)) => {
            let f = b.figures();
            format!(
                "{}Illustrative rate{} {}, {}, pump rate {}.",
                if b.what_if().is_some() {
                    "What if, with steps switched off: "
                } else {
                    ""
                },
                b.drug.unless_racemic(),
                f.rate_mg_per_h,
                f.rate_mg_per_kg_per_h,
                f.pump_rate_ml_per_h
            )
        }
        Evaluation::Computed(Outcome::Blocked(b)) => {
            format!("Stopped, no dose: {}", b.primary.reason)
        }
        Evaluation::InvalidInput(_, Some(b)) => format!(
            "Stopped, no dose: {} Check also the fields marked with an error.",
            b.primary.reason
        ),
        Evaluation::InvalidInput(_, None) => {
            "No figure: check the fields marked with an error.".to_string()
        }
        Evaluation::UnknownCard(id) => format!("No figure: {}.", missing_card(id)),
        Evaluation::UnusableCard(id) => format!("No figure: {}.", unusable_card(id)),
    }
}

/// The line kept in view at the bottom of a phone's screen (`live` is what
/// the live region reads): for a dose, a shorter line than the live one
/// ("pump", not "pump rate"), "What if" first and the drug after its
/// figures; it is never cut short (only a stopped line is kept to three
/// lines, see `.phone-rate-dose`).
fn phone_line(evaluation: &Evaluation, live: &str) -> String {
    match evaluation {
        Evaluation::Computed(Outcome::Dose(b)) if !live.is_empty() => {
            let f = b.figures();
            format!(
                "{} {}, {}, pump {}{}",
                if b.what_if().is_some() {
                    "What if, illustrative"
                } else {
                    "Illustrative"
                },
                f.rate_mg_per_h,
                f.rate_mg_per_kg_per_h,
                f.pump_rate_ml_per_h,
                b.drug.unless_racemic(),
            )
        }
        _ => live.to_string(),
    }
}

/// The calculator's address for `query`, when the address is still on the
/// calculator and shows something else; `None` when it already shows `query`
/// or a link has meanwhile moved it to another page (its `hashchange` may not
/// have run yet), which a late write must not undo. A move to another
/// calculator link that the app has not yet seen is guarded where every
/// address write goes through: `replace_fragment` writes nothing then.
fn address_update(query: &str) -> Option<String> {
    let current = crate::platform::location::current_fragment();
    delayed_fragment(&current, Route::Calculator, query).filter(|fragment| *fragment != *current)
}

/// Writes `query` to the address (see [`address_update`]) and passes it on to
/// the navigation. `shown_for` is the navigation count of the link the page
/// shows (see `latest_query` below), `None` while a link just opened is not
/// loaded yet: nothing is written then, nor while a later link has been heard
/// (`replace_fragment`), as the link's history entry must keep the link.
fn write_address(query: &str, on_change: &Callback<String>, shown_for: Option<u32>) {
    if let (Some(fragment), Some(shown_for)) = (address_update(query), shown_for) {
        crate::platform::location::replace_fragment(&fragment, shown_for);
    }
    on_change.emit(query.to_string());
}

#[component]
pub fn CalculatorPage(props: &CalculatorPageProps) -> Html {
    let state = use_reducer(|| Calculator(CalculatorState::from_query(&props.query)));
    let address = use_memo((), |_| Debouncer::default());
    // The scenario on screen and the navigation count of the link it shows,
    // or `None` while a link just opened has not been loaded yet (see below).
    let latest_query = use_mut_ref(|| None::<(String, u32)>);
    // The link (query and opening count) the page last loaded.
    let loaded_link = use_mut_ref(|| None::<(AttrValue, u32)>);
    // Built-in cards plus the cards imported into this browser.
    let library = use_card_library().library;
    // Each card's content check (`library::card_check`), worked out when
    // first asked for and kept while the library stands: the link carries
    // those of the cards it uses, and those of a link opened are compared
    // with this browser's cards.
    let checks = use_mut_ref(|| None::<(Rc<library::CardLibrary>, Vec<(String, String)>)>);
    let check_of = |id: &str| -> Option<String> {
        let mut cache = checks.borrow_mut();
        if !matches!(&*cache, Some((of, _)) if Rc::ptr_eq(of, &library)) {
            *cache = Some((library.clone(), Vec::new()));
        }
        let (_, known) = cache.as_mut()?;
        if let Some((_, check)) = known.iter().find(|(card, _)| card == id) {
            return Some(check.clone());
        }
        let check = library::card_check(library::find(library.cards(), id)?);
        known.push((id.to_string(), check.clone()));
        Some(check)
    };
    let today = use_state(String::new);
    // An element to focus once the next render is done (the scenario bar's
    // buttons can be moved in the page as it is drawn, which drops focus).
    let focus_after = use_mut_ref(|| None::<String>);
    {
        let focus_after = focus_after.clone();
        use_effect(move || {
            if let Some(id) = focus_after.borrow_mut().take() {
                crate::platform::dom::focus_element(&id);
            }
        });
    }
    // What "Start again" replaced, as a share-link query, for its Undo:
    // offered until the state changes again.
    let before_reset = use_state_eq(|| None::<String>);
    {
        let before_reset = before_reset.clone();
        let is_default = state.0 == CalculatorState::default();
        use_effect_with(is_default, move |&is_default| {
            if !is_default {
                before_reset.set(None);
            }
        });
    }
    // The scenario as it is written to the address and the share link, with
    // the checks of the cards it uses (built-in ones too: another version of
    // the app can hold another version of a built-in card).
    let shown_query = state.0.to_query_with(&check_of);
    {
        // A link opened while on this page (typed, pasted, back/forward).
        let state = state.clone();
        let loaded_link = loaded_link.clone();
        let latest = latest_query.clone();
        let shown = shown_query.clone();
        use_effect_with(
            (props.query.clone(), props.navigation),
            move |(query, navigation)| {
                *loaded_link.borrow_mut() = Some((query.clone(), *navigation));
                if CalculatorState::from_query(query) != state.0 {
                    state.dispatch(Action::Load(query.to_string()));
                } else {
                    // Nothing to load, so no new render: what is shown stands.
                    *latest.borrow_mut() = Some((shown.clone(), *navigation));
                }
            },
        );
    }
    // The scenario as last rendered. It is set here, not in an effect: Yew
    // may hand the browser a turn between a render and its effects (when the
    // render took more than a frame), and a click in that turn must find what
    // the page shows. In the same turn after a link was opened (Back, a
    // pasted or followed calculator link), the page still shows the old
    // scenario and the address already holds the new one: nothing is
    // written from it then.
    let link_loaded = *loaded_link.borrow() == Some((props.query.clone(), props.navigation));
    *latest_query.borrow_mut() = link_loaded.then(|| (shown_query.clone(), props.navigation));
    {
        // Every change is written to the address (no history entry per
        // keystroke), so reload, bookmarks and copy-from-address-bar keep it.
        // The write waits until typing pauses for ADDRESS_DELAY_MS: a history
        // write costs the browser about 1 ms of main thread and delays the
        // next frame, so it stays off the keystroke-to-paint path.
        let on_change = props.on_change.clone();
        let address = address.clone();
        let latest = latest_query.clone();
        use_effect_with(shown_query.clone(), move |query| {
            let query = query.clone();
            address.schedule(ADDRESS_DELAY_MS, move || {
                // Read when the write comes due: a link opened meanwhile and
                // drawn, but not yet loaded, leaves its address alone.
                let shown_for = latest.borrow().as_ref().map(|(_, n)| *n);
                write_address(&query, &on_change, shown_for);
            });
        });
    }
    {
        // Once, when the page is shown (one effect for the three: each
        // `use_effect_with` is its own copy of Yew's effect code):
        // today's date for the card summary; a click writes the scenario to
        // the address at once, before a clicked link is followed: the
        // calculator's history entry then holds what was typed, so Back
        // after following a link within the pause returns to it. This holds
        // even when the click comes before the render's effects have
        // scheduled the write. Leaving the page: a pending address write is
        // dropped (the address already shows the next page), but the
        // navigation link still gets the scenario last shown, written or not.
        let today = today.clone();
        let on_change = props.on_change.clone();
        let address = address.clone();
        let latest = latest_query.clone();
        use_effect_with((), move |_| {
            today.set(crate::platform::clock::today_iso());
            let listener = {
                let on_change = on_change.clone();
                let address = address.clone();
                let latest = latest.clone();
                crate::platform::location::before_click(move || {
                    let waiting = address.cancel();
                    let Some((query, shown_for)) = latest.borrow().clone() else {
                        return;
                    };
                    if waiting || address_update(&query).is_some() {
                        write_address(&query, &on_change, Some(shown_for));
                    }
                })
            };
            move || {
                drop(listener);
                address.cancel();
                if let Some((query, _)) = latest.borrow().clone() {
                    on_change.emit(query);
                }
            }
        });
    }

    // Stable across renders, so the form's per-field callbacks are too.
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_callback((), move |a: Action, _| dispatcher.dispatch(a))
    };
    // Stable too, so the card picker is not re-rendered on each keystroke.
    let on_protocol = use_callback(dispatch.clone(), |id: String, dispatch| {
        dispatch.emit(Action::SetProtocol(id));
    });
    let on_toggle = use_callback(dispatch.clone(), |id: String, dispatch| {
        dispatch.emit(Action::ToggleStep(id));
    });

    // Parameters of the link that are not in the share-link format, and an
    // `active=` naming no scenario it holds (read once per link, not per
    // keystroke).
    let ignored = use_memo(props.query.clone(), |query| {
        (
            ignored_params_notice(query),
            active_param_notice(query),
            renumbered_notice(query),
        )
    });

    if let Err(problems) = library::builtin() {
        return html! {
            <>
                <h1>{ "Calculator" }</h1>
                <div class="block-panel" role="alert">
                    <p>{ "The built-in protocol cards failed their checks, so no figure can be shown:" }</p>
                    <ul>{ for problems.iter().flat_map(|p| p.problems.iter().map(move |q| html! { <li>{ format!("{}: {q}", p.id) }</li> })) }</ul>
                </div>
            </>
        };
    }
    let cards = library.cards();
    let s = &state.0;
    // Shared with the panels that show them (no copy per render).
    let evaluations: Vec<Rc<Evaluation>> = s
        .scenarios
        .iter()
        .map(|sc| Rc::new(evaluate_in(sc, &library)))
        .collect();
    let active = s.active_scenario().clone();
    let active_eval = evaluations
        .get(s.active)
        .cloned()
        .unwrap_or_else(|| Rc::new(Evaluation::UnknownCard(active.protocol.clone())));
    let compare = s.scenarios.len() > 1;
    let query = AttrValue::from(shown_query);
    let link = AttrValue::from(format!("{}?{}", Route::Calculator.href(), query));
    // Imported cards the link uses, once each, in scenario order.
    let mut imported_in_link: Vec<String> = Vec::new();
    for sc in &s.scenarios {
        if library.is_imported(&sc.protocol) && !imported_in_link.contains(&sc.protocol) {
            imported_in_link.push(sc.protocol.clone());
        }
    }
    let active_imported = library.is_imported(&active.protocol);
    let active_card_line = AttrValue::from(card_line(&library, &active.protocol));
    // The card's caps and titration for the printed sheet (about 4 µs in a
    // native build: less than a memo's copy of the card to compare).
    let active_figures = std::rc::Rc::new(
        library::find(cards, &active.protocol)
            .map(|c| crate::domain::card_view::limit_figures(c.card()))
            .unwrap_or_default(),
    );
    // Until the cards saved in this browser are read (right after start-up),
    // a card that is not built in may still turn out to be there.
    let reading = *library.saved_state() == SavedState::NotRead;
    let waiting = |ev: &Evaluation| reading && matches!(ev, Evaluation::UnknownCard(_));

    // The phone's line, and what the live region reads after each change:
    // the same, and whether there are warnings (on screen they are under
    // their heading; the phone's line keeps to the figures).
    let live = if waiting(&active_eval) {
        String::new()
    } else {
        announcement(&active_eval)
    };
    let spoken = match &*active_eval {
        Evaluation::Computed(Outcome::Dose(b)) => {
            format!("{live}{}", warnings_said(b.warnings.len()))
        }
        Evaluation::Computed(Outcome::Blocked(b)) | Evaluation::InvalidInput(_, Some(b)) => {
            format!(
                "{live}{}{}",
                stops_said(b.others.len()),
                warnings_said(b.warnings.len())
            )
        }
        _ => live.clone(),
    };
    html! {
        <>
            <h1>{ "Calculator" }</h1>
            <p class="lead">
                { "Enter a patient's figures and choose a protocol card. The illustrative rate updates as you type, \
                   with every step from the base rate to the pump rate, the source of each number and every warning \
                   or contraindication that applies." }
            </p>
            if let Some(notice) = &ignored.0 {
                <p class="notice" data-testid="ignored-params">{ notice.clone() }</p>
            }
            if let Some(notice) = props.query.contains("card_check").then(|| card_differs_notice(&props.query, check_of, |id| library.builtin_version(id).map(str::to_string))).flatten() {
                <p class="notice" data-testid="card-differs">{ notice }</p>
            }
            if let Some(notice) = &ignored.2 {
                <p class="notice" data-testid="renumbered">{ notice.clone() }</p>
            }
            // Until another scenario is chosen (then it no longer holds).
            if let Some(notice) = ignored.1.as_ref().filter(|_| s.active == 0) {
                <p class="notice" data-testid="active-param">{ notice.clone() }</p>
            }
            { scenario_bar(s, cards, &dispatch, &focus_after) }
            <div class={classes!("calc-layout", compare.then_some("compare"))}>
                <form class="calc-inputs no-print" aria-label={format!("Inputs for scenario {}", s.active + 1)}
                      onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <CardPicker library={library.clone()} selected={AttrValue::from(active.protocol.clone())} on_change={on_protocol.clone()} />
                    <PatientForm input={active.input.clone()} evaluation={active_eval.clone()} on_action={dispatch.clone()}
                        drug={library::find(cards, &active.protocol).map_or(Drug::Ketamine, |c| c.card().drug)} />
                    <p>
                        <button type="button" id="reset" data-testid="reset" onclick={{
                            let dispatch = dispatch.clone();
                            let before_reset = before_reset.clone();
                            let query = query.clone();
                            Callback::from(move |_| {
                                before_reset.set(Some(query.to_string()));
                                dispatch.emit(Action::Reset);
                            })
                        }}>
                            { "Start again from the example adult" }
                            // It ends compare mode: every scenario goes (Undo brings them back).
                            if compare { { ", one scenario" } }
                        </button>
                    </p>
                    // On a phone the result is far below the form: the same
                    // line the live region reads, kept in view at the bottom
                    // of the screen while the inputs are edited (screen
                    // readers hear the live region, so this copy is hidden).
                    <p class={classes!("phone-rate", "no-print", matches!(*active_eval, Evaluation::Computed(Outcome::Dose(_))).then_some("phone-rate-dose"))}
                        aria-hidden="true" data-testid="phone-rate">
                        // With scenarios side by side: which one it is.
                        if compare && !live.is_empty() { { format!("Scenario {}: ", s.active + 1) } }
                        { keep_units(&phone_line(&active_eval, &live)) }
                    </p>
                    // Offered while nothing has changed since, in a status
                    // region that is always there (one added with its text
                    // already in it is often not read out).
                    <div role="status" data-testid="reset-status">
                    if let Some(query) = (*before_reset).clone() {
                        <p class="notice-inline" data-testid="reset-notice">
                            { "Started again: every scenario is now the example adult on the default card. " }
                            <button type="button" id="reset-undo" data-testid="reset-undo" onclick={{
                                let dispatch = dispatch.clone();
                                let before_reset = before_reset.clone();
                                let focus_after = focus_after.clone();
                                Callback::from(move |_| {
                                    // The pressed button goes: back to the one it undid.
                                    *focus_after.borrow_mut() = Some("reset".to_string());
                                    before_reset.set(None);
                                    dispatch.emit(Action::Load(query.clone()));
                                })
                            }}>{ "Undo" }</button>
                        </p>
                    }
                    </div>
                </form>
                <div class="calc-results">
                    <crate::ui::components::calculator::announcer::Announcer text={AttrValue::from(spoken)} />
                    if compare {
                        { comparison_table(s, &evaluations, !reading, &|id: &str| library.is_imported(id)) }
                    }
                    <div class="scenario-results">
                        { for s.scenarios.iter().zip(evaluations.iter()).enumerate().map(|(i, (sc, ev))| {
                            let name = library::find(cards, &sc.protocol).map_or_else(|| sc.protocol.clone(), |c| c.card().name.clone());
                            let imported = library.is_imported(&sc.protocol);
                            html! {
                                <section class={classes!("scenario-result", (i == s.active && compare).then_some("active"))}
                                         data-scenario={(i + 1).to_string()} aria-label={format!("Scenario {} result", i + 1)}>
                                    // Its id names the scenario's table regions too.
                                    <h2 id={format!("scenario-title-{}", i + 1)}>
                                        { if compare { format!("Scenario {}: {name}", i + 1) } else { format!("Result: {name}") } }
                                        if imported { { " " }{ imported_badge() } }
                                    </h2>
                                    if waiting(ev) {
                                        <p class="no-result" role="status">{ READING_CARDS }</p>
                                    } else {
                                        if let Some(notice) = off_not_in_card_notice(sc, cards) {
                                            <p class="notice-inline" role="note" data-testid="off-not-in-card">{ notice }</p>
                                        }
                                        if let Some(note) = library.left_out_note(&sc.protocol) {
                                            <p class="notice-inline" role="note" data-testid="card-left-out">{ note }</p>
                                        }
                                        <ResultPanel evaluation={ev.clone()} scenario={i + 1} imported={imported}
                                            left_out={library.is_left_out(&sc.protocol)}
                                            on_toggle={if i == s.active { on_toggle.clone() } else { toggle_in(i, &dispatch) }} />
                                    }
                                </section>
                            }
                        }) }
                    </div>
                    <ShareLink query={query.clone()} imported={imported_in_link} />
                    if let Some(card) = library::find(cards, &active.protocol) {
                        <p class="no-print">
                            <a data-testid="calculator-schedule" href={format!("{}?protocol={}", Route::Schedule.href(), card.id())}>
                                { "Lay out this card\u{2019}s course on a calendar" }
                            </a>
                        </p>
                    }
                    <p class="no-print">
                        <button type="button" data-testid="print-sheet-button"
                            onclick={Callback::from(|_| crate::platform::dom::print())}>
                            { if compare {
                                format!("Print the worked calculation sheet of scenario {} (the one being edited)", s.active + 1)
                            } else {
                                "Print the worked calculation sheet".to_string()
                            } }
                        </button>
                    </p>
                </div>
            </div>
            <PrintSheet scenario={active} evaluation={active_eval} number={s.active + 1}
                today={AttrValue::from((*today).clone())} link={link} imported={active_imported}
                card_line={active_card_line} card_figures={active_figures} />
        </>
    }
}

/// The scenarios side by side in a narrow table, above their full results
/// (which stack where the screen is too narrow for them side by side).
fn comparison_table(
    s: &CalculatorState,
    evaluations: &[Rc<Evaluation>],
    cards_read: bool,
    imported: &dyn Fn(&str) -> bool,
) -> Html {
    let rows = comparison(&s.scenarios, evaluations, cards_read);
    html! {
        <div class="table-scroll compare-glance" role="region" aria-labelledby="comparison-caption" tabindex="0">
            <table data-testid="comparison">
                <caption id="comparison-caption">
                    { "The scenarios at a glance (illustrative figures; each figure's steps and sources are in the scenario's result below)" }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Figure" }</th>
                        { for (0..s.scenarios.len()).map(|i| html! {
                            <th scope="col" class={classes!((i == s.active).then_some("active"))}>
                                { format!("Scenario {}", i + 1) }
                                if i == s.active { { " (being edited)" } }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            <th scope="row">{ row.label }</th>
                            { for row.cells.iter().zip(&s.scenarios).map(|(cell, sc)| html! {
                                <td>
                                    { keep_units(cell) }
                                    // The card's row marks one that no one has reviewed.
                                    if row.label == CARD_ROW && imported(&sc.protocol) { { " " }{ imported_badge() } }
                                </td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A step switch for a scenario that is not the one being edited: select it,
/// then toggle, so the change is visible in the inputs too.
fn toggle_in(index: usize, dispatch: &Callback<Action>) -> Callback<String> {
    let dispatch = dispatch.clone();
    Callback::from(move |id: String| {
        dispatch.emit(Action::SelectScenario(index));
        dispatch.emit(Action::ToggleStep(id));
    })
}

fn scenario_bar(
    s: &CalculatorState,
    cards: &[crate::domain::dosing::ValidCard],
    dispatch: &Callback<Action>,
    focus_after: &Rc<std::cell::RefCell<Option<String>>>,
) -> Html {
    let can_add = s.scenarios.len() < MAX_SCENARIOS;
    html! {
        <div class="scenario-bar no-print" role="group" aria-label="Scenarios">
            { for s.scenarios.iter().enumerate().map(|(i, sc)| {
                let name = library::find(cards, &sc.protocol).map_or_else(|| sc.protocol.clone(), |c| c.id().to_string());
                let selected = i == s.active;
                html! {
                    <span class="scenario-tab">
                        // The name is given whole: the hidden span alone
                        // would be read with a space before its comma.
                        <button type="button" id={format!("scenario-tab-{}", i + 1)} aria-pressed={if selected { "true" } else { "false" }}
                            aria-label={format!("Scenario {} ({name}){}", i + 1, if selected { ", being edited" } else { "" })}
                            data-testid="scenario-tab" onclick={dispatch.reform(move |_| Action::SelectScenario(i))}>
                            { format!("Scenario {} ({name})", i + 1) }
                            if selected { <span class="sr-only">{ ", being edited" }</span> }
                        </button>
                        if s.scenarios.len() > 1 {
                            <button type="button" class="remove" aria-label={format!("Remove scenario {}", i + 1)}
                                data-testid="remove-scenario" onclick={{
                                    let dispatch = dispatch.clone();
                                    let focus_after = focus_after.clone();
                                    Callback::from(move |_| {
                                        // The pressed button goes: focus on the tab
                                        // before it (or the first).
                                        *focus_after.borrow_mut() = Some(format!("scenario-tab-{}", i.max(1)));
                                        dispatch.emit(Action::RemoveScenario(i));
                                    })
                                }}>{ "Remove" }</button>
                        }
                    </span>
                }
            }) }
            if can_add {
                <button type="button" data-testid="add-scenario" onclick={{
                    let dispatch = dispatch.clone();
                    let focus_after = focus_after.clone();
                    // The copy is the one being edited: focus moves to its
                    // button, which says so (and the add button may go).
                    let added = format!("scenario-tab-{}", s.scenarios.len() + 1);
                    Callback::from(move |_| {
                        *focus_after.borrow_mut() = Some(added.clone());
                        dispatch.emit(Action::AddScenario);
                    })
                }}>
                    { format!("Compare: add scenario {} (a copy of this one)", s.scenarios.len() + 1) }
                </button>
            } else {
                <span class="muted">{ format!("At most {MAX_SCENARIOS} scenarios to compare.") }</span>
            }
        </div>
    }
}
