//! The protocol card picker and what the chosen card says about itself.
//! Imported cards are labelled "imported, not reviewed" in both.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::dosing::ValidCard;
use crate::domain::imported::store::ImportMeta;
use crate::domain::imported::IMPORTED_EXPLANATION;
use crate::domain::library::CardLibrary;
use crate::ui::components::protocols::card_view::provenance;
use crate::ui::components::protocols::imported_badge::imported_badge;

use crate::domain::card_view::{hard_limits, key_figures};

use super::sources::{cites_after, evidence_badge, NO_CARD_SOURCE};

#[derive(Properties)]
pub struct CardPickerProps {
    /// The cards on offer.
    pub library: Rc<CardLibrary>,
    /// The chosen card id, which may name a card this browser lacks.
    pub selected: AttrValue,
    /// Called with the id of the card picked.
    pub on_change: Callback<String>,
}

impl PartialEq for CardPickerProps {
    /// The same library (the same `Rc`, replaced whenever the cards change),
    /// the same choice and the same callback.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.library, &other.library)
            && self.selected == other.selected
            && self.on_change == other.on_change
    }
}

/// The card picker and the chosen card's summary, as a component rather
/// than a plain function: a keystroke in the patient form leaves its props
/// as they were, so Yew neither builds nor compares its nodes again (the
/// summary's indications and sources are about a fifth of the calculator's
/// nodes; see docs/measurements.md, twenty-seventh session).
#[component]
pub fn CardPicker(props: &CardPickerProps) -> Html {
    card_picker(&props.library, &props.selected, &props.on_change)
}

/// The picker over every card on offer (built-in, then imported into this
/// browser); `selected` is the chosen card id, which may name a card this
/// browser lacks.
fn card_picker(library: &CardLibrary, selected: &str, on_change: &Callback<String>) -> Html {
    let chosen = selected;
    let on_change = {
        let cb = on_change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let entries = library.entries();
    let selected = entries.iter().find(|e| e.card.id() == chosen);
    let known = selected.is_some();
    html! {
        <div class="card-picker">
            <div class="field">
                <label for="protocol">{ "Protocol card" }</label>
                <span class="field-control">
                    <select id="protocol" name="protocol" ~value={crate::platform::dom::live_value(chosen)} onchange={on_change}>
                        if !known {
                            <option value={chosen.to_string()} selected=true>
                                { if chosen.contains(crate::domain::dosing::input::CONFLICT_SEPARATOR) {
                                    format!("{chosen} (two cards in the link: choose one)")
                                } else if library.is_unusable(chosen) {
                                    format!("{chosen} (saved here, but it fails this app's checks)")
                                } else {
                                    format!("{chosen} (not available in this browser)")
                                } }
                            </option>
                        }
                        { for entries.iter().map(|e| {
                            html! {
                                <option value={e.card.id().to_string()} selected={e.card.id() == chosen}
                                        data-imported={e.imported.is_some().then_some("true")}>{ e.list_label() }</option>
                            }
                        }) }
                    </select>
                </span>
            </div>
            if let Some(entry) = selected {
                { card_summary(entry.card, entry.imported) }
            }
        </div>
    }
}

/// Setting, indications with consensus grades, version, review date,
/// sources; and the provenance of a card imported into this browser.
pub fn card_summary(card: &ValidCard, imported: Option<&ImportMeta>) -> Html {
    let card = card.card();
    let limits = hard_limits(card);
    html! {
        <div class="card-summary" data-testid="card-summary">
            if let Some(meta) = imported {
                <p class="notice-inline imported-note" role="note" data-testid="imported-note">
                    { imported_badge() }{ " " }{ IMPORTED_EXPLANATION }{ " " }{ provenance(meta) }
                </p>
            }
            <p class="card-meta">
                <span>{ "Setting: " }<strong>{ card.setting.label() }</strong></span>
                <span>{ "Every mg is " }<strong data-testid="card-drug">{ card.drug.as_base() }</strong></span>
                <span>{ "Version " }<strong data-testid="card-version">{ card.version.clone() }</strong></span>
                <span>{ "Reviewed " }<strong data-testid="card-review-date">{ card.review_date.clone() }</strong></span>
            </p>
            if card.research_only {
                <p class="notice-inline research" role="note">
                    <strong>{ "Research only. " }</strong>
                    { crate::ui::components::keep_units(card.research_note.as_deref().unwrap_or_default()) }
                </p>
            }
            <p>{ crate::ui::components::keep_units(&card.summary) }</p>
            <p class="card-key-figures" data-testid="card-key-figures">
                { "The figures that set the rate, each with its kind of evidence: " }
                { for key_figures(card).into_iter().enumerate().map(|(i, g)| html! {
                    <>
                        if i > 0 { { "; " } }
                        { crate::ui::components::keep_units(&g.text()) }
                        if let Some(kind) = g.evidence { { " " }{ evidence_badge(kind) } }
                        { cites_after(&g.sources, NO_CARD_SOURCE) }
                    </>
                }) }
                { "." }
            </p>
            <p data-testid="card-hard-limits">
                { "Hard limits built into the app: " }{ crate::ui::components::keep_units(&limits.value) }
                if let Some(kind) = limits.evidence { { " " }{ evidence_badge(kind) } }
                { cites_after(&limits.sources, NO_CARD_SOURCE) }
            </p>
            <p class="card-indications-title">{ "Indications, with the 2018 consensus grade:" }</p>
            <ul class="card-indications" data-testid="card-indications">
                { for card.indications.iter().map(|ind| {
                    let grade = match ind.certainty {
                        Some(c) => format!("grade {}, {} certainty", ind.grade.label(), c.label()),
                        None => format!("grade {}", ind.grade.label()),
                    };
                    html! {
                        <li>{ ind.condition.label() }{ ": " }{ grade }{ cites_after(&ind.sources, NO_CARD_SOURCE) }</li>
                    }
                }) }
            </ul>
            <p class="card-sources">{ "Card sources:" }{ cites_after(&card.sources, NO_CARD_SOURCE) }</p>
        </div>
    }
}
