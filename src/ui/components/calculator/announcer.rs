//! A polite live region that reads its text once typing pauses (the
//! calculator's result, the card editor's check), not on every keystroke:
//! an age typed as 4 then 5 would otherwise announce "Stopped, no dose" in
//! between, and a weight of 72.5 three rates.
//! What is on screen (the result, the phone's rate line) follows at once.

use yew::prelude::*;

use crate::platform::timer::Debouncer;

/// How long the text must stay the same before it is read out.
pub const ANNOUNCE_DELAY_MS: i32 = 700;

#[derive(Properties, PartialEq)]
pub struct AnnouncerProps {
    /// What to read out (see `announcement` in the calculator page).
    pub text: AttrValue,
    /// The region's `data-testid`.
    #[prop_or(AttrValue::Static("live-rate"))]
    pub testid: AttrValue,
}

#[component]
pub fn Announcer(props: &AnnouncerProps) -> Html {
    // What the page opened with is not announced (only changes are), so it
    // is there from the start.
    let shown = use_state_eq(|| props.text.clone());
    let timer = use_memo((), |_| Debouncer::default());
    {
        let shown = shown.clone();
        let timer = timer.clone();
        use_effect_with(props.text.clone(), move |text| {
            let text = text.clone();
            timer.schedule(ANNOUNCE_DELAY_MS, move || shown.set(text));
        });
    }
    html! {
        <p class="sr-only" aria-live="polite" aria-atomic="true" data-testid={props.testid.clone()}>{ (*shown).clone() }</p>
    }
}
