//! The protocol card picker and what the chosen card says about itself.

use yew::prelude::*;

use crate::domain::dosing::ValidCard;

use super::sources::cites;

#[derive(Properties, PartialEq)]
pub struct CardPickerProps {
    /// Every card on offer.
    pub cards: &'static [ValidCard],
    /// The selected card id (may name a card this browser lacks).
    pub selected: AttrValue,
    pub on_change: Callback<String>,
}

#[component]
pub fn CardPicker(props: &CardPickerProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let known = props
        .cards
        .iter()
        .any(|c| c.id() == props.selected.as_str());
    let selected = props
        .cards
        .iter()
        .find(|c| c.id() == props.selected.as_str());
    html! {
        <div class="card-picker">
            <div class="field">
                <label for="protocol">{ "Protocol card" }</label>
                <span class="field-control">
                    <select id="protocol" name="protocol" onchange={on_change}>
                        if !known {
                            <option value={props.selected.clone()} selected=true>
                                { format!("{} (not available in this browser)", props.selected) }
                            </option>
                        }
                        { for props.cards.iter().map(|c| {
                            let card = c.card();
                            let mut label = format!("{} ({})", card.name, card.id);
                            if card.research_only {
                                label.push_str(" — research only");
                            }
                            html! { <option value={card.id.clone()} selected={c.id() == props.selected.as_str()}>{ label }</option> }
                        }) }
                    </select>
                </span>
            </div>
            if let Some(card) = selected {
                <CardSummary card={card.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardSummaryProps {
    pub card: ValidCard,
}

/// Setting, indications with consensus grades, version, review date, sources.
#[component]
pub fn CardSummary(props: &CardSummaryProps) -> Html {
    let card = props.card.card();
    html! {
        <div class="card-summary" data-testid="card-summary">
            <p class="card-meta">
                <span>{ "Setting: " }<strong>{ card.setting.label() }</strong></span>
                <span>{ "Version " }<strong data-testid="card-version">{ card.version.clone() }</strong></span>
                <span>{ "Reviewed " }<strong data-testid="card-review-date">{ card.review_date.clone() }</strong></span>
            </p>
            if card.research_only {
                <p class="notice-inline research" role="note">
                    <strong>{ "Research only. " }</strong>
                    { card.research_note.clone().unwrap_or_default() }
                </p>
            }
            <p>{ card.summary.clone() }</p>
            <p class="card-indications-title">{ "Indications, with the 2018 consensus grade:" }</p>
            <ul class="card-indications" data-testid="card-indications">
                { for card.indications.iter().map(|ind| {
                    let grade = match ind.certainty {
                        Some(c) => format!("grade {}, {} certainty", ind.grade.label(), c.label()),
                        None => format!("grade {}", ind.grade.label()),
                    };
                    html! {
                        <li>{ ind.condition.label() }{ ": " }{ grade }{ cites(&ind.sources) }</li>
                    }
                }) }
            </ul>
            <p class="card-sources">{ "Card sources:" }{ cites(&card.sources) }</p>
        </div>
    }
}
