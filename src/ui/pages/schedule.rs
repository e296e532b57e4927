//! `#/schedule`: Treatment schedule: a protocol card's phases laid out on the
//! calendar from a first day, with an iCalendar download. The address keeps
//! the card and the date (`#/schedule?protocol=crps-4h&start=2026-12-07`).

use yew::prelude::*;

use crate::ui::components::calculator::announcer::Announcer;

use crate::domain::calculator::missing_card;
use crate::domain::dosing::input::CONFLICT_SEPARATOR;
use crate::domain::route::Route;
use crate::domain::schedule::{
    announcement, booster_line, card_not_shown, ics_file_name, schedule, start_field_value,
    start_taken_at_once, to_ics, Schedule, ScheduleError, ScheduleQuery, SessionKind, START_MAX,
    START_MIN,
};
use crate::platform::timer::Debouncer;
use crate::ui::components::calculator::sources::{
    cites_after, evidence_badge, evidence_legend, NO_CARD_SOURCE,
};
use crate::ui::components::page_intro::page_intro;
use crate::ui::hooks::use_card_library::use_card_library;

#[derive(Properties, PartialEq, Default)]
pub struct SchedulePageProps {
    /// The page's query: `protocol` and `start`.
    #[prop_or_default]
    pub query: AttrValue,
    /// Count of followed links: edits rewrite the address, so the same link
    /// followed again must still reopen what it names.
    #[prop_or_default]
    pub navigation: u32,
}

#[component]
pub fn SchedulePage(props: &SchedulePageProps) -> Html {
    let library = use_card_library().library;
    let state = use_state_eq(|| ScheduleQuery::from_query(&props.query));
    let today = use_state(String::new);
    let download_error = use_state(|| None::<String>);
    // The field was left holding what the browser cannot read as a date
    // (half typed, or 02/29/2027): said at the field, and no schedule, until
    // a date is taken, the field is cleared or a link is followed.
    let field_bad = use_state_eq(|| false);
    {
        // A link followed while on this page.
        let state = state.clone();
        let field_bad = field_bad.clone();
        use_effect_with((props.query.clone(), props.navigation), move |(q, _)| {
            field_bad.set(false);
            state.set(ScheduleQuery::from_query(q))
        });
    }
    {
        // Today, from the clock (never during render): the default start.
        let today = today.clone();
        use_effect_with((), move |_| today.set(crate::platform::clock::today_iso()));
    }
    // Without a date (none in the link, or the field cleared), today.
    let start = if state.start.is_empty() {
        (*today).clone()
    } else {
        state.start.clone()
    };
    let update = {
        let state = state.clone();
        let download_error = download_error.clone();
        // The link this render was drawn for: an edit made after another
        // link was heard, before it was drawn, leaves that link's address.
        let drawn_for = props.navigation;
        Callback::from(move |next: ScheduleQuery| {
            download_error.set(None);
            crate::platform::location::replace_fragment(
                &format!("{}?{}", Route::Schedule.href(), next.to_query()),
                drawn_for,
            );
            state.set(next);
        })
    };
    let entries = library.entries();
    // A link naming two cards draws neither, as the calculator does.
    let two_cards = state.protocol.contains(CONFLICT_SEPARATOR);
    let chosen = entries
        .iter()
        .find(|e| e.card.id() == state.protocol)
        .or_else(|| entries.first())
        .filter(|_| !two_cards);
    let unknown =
        !state.protocol.is_empty() && chosen.is_some_and(|e| e.card.id() != state.protocol);

    let on_card = {
        let update = update.clone();
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            update.emit(ScheduleQuery {
                protocol: select.value(),
                ..(*state).clone()
            });
        })
    };
    // A date in range is taken as it is typed or picked; anything else (a
    // year part-typed reads 0002-03-15) only once the field is left.
    let on_start = {
        let update = update.clone();
        let state = state.clone();
        let field_bad = field_bad.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            if start_taken_at_once(&value) {
                field_bad.set(false);
                update.emit(ScheduleQuery {
                    start: value,
                    ..(*state).clone()
                });
            }
        })
    };
    // Leaving the field with a date out of range removes the schedule, and
    // with it the table that Tab was taking focus to: focus comes back to
    // the field, whose error it then reads.
    let refocus = use_memo((), |_| Debouncer::default());
    let on_leave = {
        let update = update.clone();
        let state = state.clone();
        let shown = start.clone();
        let refocus = refocus.clone();
        let field_bad = field_bad.clone();
        Callback::from(move |e: FocusEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            // Half typed, or a day its month does not have: the browser
            // reports no value, as for a cleared field. Said at the field;
            // the schedule (and the table Tab was going to) goes.
            let bad = value.is_empty() && crate::platform::dom::bad_input(&input);
            field_bad.set(bad);
            let start = if bad {
                None
            } else if value.is_empty() {
                // Cleared where a date was shown: the schedule starts today,
                // and the field says so. A field that showed nothing (a
                // link's start that is no date) stays as it is, explained,
                // until a date is chosen.
                let today = start_field_value(&shown);
                if !today.is_empty() {
                    input.set_value(today);
                }
                (!today.is_empty() && !state.start.is_empty()).then(String::new)
            } else {
                (value != shown).then_some(value)
            };
            let redrawn = bad || start.is_some();
            if let Some(start) = start {
                update.emit(ScheduleQuery {
                    start,
                    ..(*state).clone()
                });
            }
            if redrawn {
                refocus.schedule(0, || {
                    crate::platform::dom::focus_if_lost("schedule-start");
                });
            }
        })
    };
    let result = match *field_bad {
        true => Some(Err(ScheduleError::FieldNotADate)),
        false => chosen.map(|e| schedule(e.card.card(), &start)),
    };
    let error = match &result {
        // Before the clock has given today's date there is no date to judge.
        // Today's date out of range is the device's clock: said so.
        Some(Err(e @ ScheduleError::OutOfRange)) if start == *today => Some(format!(
            "{e} This device's date is {start}: set its clock to today, or choose the first day."
        )),
        Some(Err(e)) if !start.is_empty() => Some(e.to_string()),
        _ => None,
    };
    let on_download = {
        let download_error = download_error.clone();
        let ready = match &result {
            Some(Ok(s)) => Some(s.clone()),
            _ => None,
        };
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = &ready {
                // The file's DTSTAMP: this moment, in UTC, from the clock.
                let outcome = crate::platform::files::download_text(
                    &ics_file_name(s),
                    "text/calendar",
                    &to_ics(s, crate::platform::clock::now_ms()),
                );
                download_error.set(outcome.err());
            }
        })
    };
    html! {
        <>
            { page_intro("Treatment schedule", "A protocol card's course laid out on the calendar from a first day: the induction infusions spread over the card's induction span, then a window for each booster. Download it as a calendar file (iCalendar) to plan or to teach with; the dates are illustrative and the treating team books the real course.") }
            <form class="schedule-form no-print" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <div class="field">
                    <label for="schedule-protocol">{ "Protocol card" }</label>
                    <span class="field-control">
                        // A link naming two cards shows both in an option of
                        // their own, so that every card can be picked (as in
                        // the calculator's picker).
                        <select id="schedule-protocol" ~value={crate::platform::dom::live_value(if two_cards { &state.protocol } else { chosen.map_or("", |c| c.card.id()) })} onchange={on_card}>
                            if two_cards {
                                <option value={state.protocol.clone()} selected=true data-testid="schedule-two-cards">
                                    { format!("{} (two cards in the link: choose one)", state.protocol) }
                                </option>
                            }
                            { for entries.iter().map(|e| {
                                let selected = chosen.is_some_and(|c| c.card.id() == e.card.id());
                                html! { <option value={e.card.id().to_string()} selected={selected}>{ e.list_label() }</option> }
                            }) }
                        </select>
                    </span>
                </div>
                <div class="field">
                    <label for="schedule-start">{ "First day of the course" }</label>
                    <span class="field-hint" id="schedule-start-hint">{ "Clear the field to start the course today." }</span>
                    <span class="field-control">
                        <input id="schedule-start" type="date" min={START_MIN} max={START_MAX}
                            // A date input holds only a real date (other text from a
                            // link is named in the error below instead).
                            value={start_field_value(&start).to_string()}
                            onchange={on_start} onblur={on_leave}
                            aria-invalid={error.is_some().then_some("true")}
                            aria-describedby={if error.is_some() { "schedule-start-hint schedule-start-error" } else { "schedule-start-hint" }} />
                    </span>
                    if let Some(error) = &error {
                        <p class="field-error" id="schedule-start-error" data-testid="schedule-error">{ error.clone() }</p>
                    }
                </div>
            </form>
            if two_cards {
                <p class="notice" data-testid="schedule-unknown-card">
                    { format!("No schedule: {}.", missing_card(&state.protocol)) }
                </p>
            }
            if unknown {
                <p class="notice" data-testid="schedule-unknown-card">
                    { card_not_shown(&state.protocol, library.is_unusable(&state.protocol)) }
                </p>
            }
            // One short sentence is announced, not the whole table; an error
            // also at its field. It is read once the choices pause: a date
            // typed key by key passes through other dates, and arrows in the
            // card list through other cards.
            <Announcer testid="schedule-status" text={match (&result, &error) {
                (Some(Ok(s)), _) => announcement(s),
                (_, Some(error)) => format!("No schedule: {error}"),
                _ => String::new(),
            }} />
            <section aria-label="Schedule">
                if let Some(Ok(s)) = &result {
                    { schedule_view(s) }
                    <p class="no-print">
                        <button type="button" data-testid="schedule-download" onclick={on_download}>
                            { "Download the calendar (.ics)" }
                        </button>
                    </p>
                    if let Some(message) = &*download_error {
                        <p class="field-error" role="alert">{ format!("The file could not be offered: {message}") }</p>
                    }
                }
            </section>
        </>
    }
}

fn schedule_view(s: &Schedule) -> Html {
    html! {
        <>
            <div class="table-scroll" role="region" aria-labelledby="schedule-caption" tabindex="0">
                <table class="schedule" data-testid="schedule-table">
                    <caption id="schedule-caption">
                        // The name in quotes: it can have brackets of its own.
                        { format!("\u{201c}{}\u{201d} ({}), version {}: illustrative dates", s.card_name, s.card_id, s.card_version) }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "What" }</th>
                            <th scope="col">{ "When" }</th>
                            <th scope="col">{ "Day" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for s.sessions.iter().map(|x| {
                            let kind = match x.kind { SessionKind::Induction { .. } => "induction", SessionKind::Booster { .. } => "booster" };
                            html! {
                                <tr data-testid="schedule-row" data-kind={kind} data-date={x.date.clone()}>
                                    <th scope="row">{ x.title(s.unit) }</th>
                                    <td>{ x.when() }</td>
                                    <td>{ format!("day {}", x.day + 1) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some(line) = booster_line(s) {
                // The card's sentence as it is, after a heading word (not a
                // colon before its capital).
                <p data-testid="schedule-booster"><strong>{ "Boosters. " }</strong>{ line }</p>
            }
            { schedule_basis(s) }
            // What the badge means, in words (a touch screen shows no tooltip).
            { evidence_legend() }
        </>
    }
}

/// Where the schedule's intervals come from: the card, with its evidence
/// badge and sources, or, when it cites none, "the card gives no source"
/// (the intervals are the card's, not this app's arithmetic), a space
/// between the badge and what follows it.
pub fn schedule_basis(s: &Schedule) -> Html {
    html! {
        <p class="schedule-basis" data-testid="schedule-basis">
            { "Where these intervals come from: the card; evidence: " }{ evidence_badge(s.evidence) }
            { cites_after(&s.sources, NO_CARD_SOURCE) }
            if let Some(note) = &s.note {
                <br />{ note.clone() }
            }
        </p>
    }
}
