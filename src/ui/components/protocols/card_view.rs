//! One protocol card laid out in full: setting, indications and grades,
//! dosing-weight basis, base rate, caps, phases, and every factor with its
//! condition (threshold, and whether it is included), effects, sources and
//! evidence kind; "show as JSON", download, duplicate and edit, and, for an
//! imported card, its provenance, the "imported, not reviewed" label and
//! removal. Every text from the card is rendered as text.

use yew::prelude::*;

use crate::domain::card_view::{card_figures, factor_rows, indication_rows, unruled_note};
use crate::domain::dosing::ValidCard;
use crate::domain::imported::store::ImportMeta;
use crate::domain::imported::text::{builtin_name_note, card_web_references};
use crate::domain::imported::IMPORTED_EXPLANATION;
use crate::ui::components::calculator::sources::{cites, evidence_badge, evidence_legend};

use super::imported_badge::imported_badge;
use crate::ui::components::keep_units;

#[derive(Properties, PartialEq)]
pub struct CardViewProps {
    pub card: ValidCard,
    /// Provenance, for an imported card.
    #[prop_or_default]
    pub imported: Option<ImportMeta>,
    /// Download the card's file.
    pub on_download: Callback<()>,
    /// Open the editor: `true` with a copy under a new id (a built-in card's
    /// only choice), `false` with the imported card itself.
    pub on_edit: Callback<bool>,
    /// Remove an imported card from this browser.
    #[prop_or_default]
    pub on_remove: Option<Callback<()>>,
}

const DUPLICATE: &str = "Duplicate and edit";

/// Citation links, or a dash when the card gives no source here.
fn sources(ids: &[String]) -> Html {
    if ids.is_empty() {
        html! { <span class="muted">{ "–" }</span> }
    } else {
        cites(ids)
    }
}

fn note(text: &Option<String>) -> Html {
    match text {
        Some(t) => keep_units(t),
        None => html! { <span class="muted">{ "–" }</span> },
    }
}

/// Provenance of an imported card in words.
pub fn provenance(meta: &ImportMeta) -> String {
    let mut text = if meta.file_name == crate::domain::imported::EDITED_SOURCE {
        format!("Imported on {} from the card editor.", meta.imported_on)
    } else {
        format!(
            "Imported on {} from \u{201c}{}\u{201d}.",
            meta.imported_on, meta.file_name
        )
    };
    if let Some(from) = &meta.renamed_from {
        text.push_str(&format!(
            " Its file gave the id \u{201c}{from}\u{201d}, which belongs to a built-in card, so it was renamed."
        ));
    }
    text
}

#[component]
pub fn CardView(props: &CardViewProps) -> Html {
    let show_json = use_state(|| false);
    let confirming = use_state(|| false);
    crate::ui::hooks::use_question_focus::use_question_focus(
        *confirming,
        "card-remove-keep",
        "card-remove",
    );
    let valid = &props.card;
    let card = valid.card();
    let id = card.id.clone();
    let json_id = format!("card-json-{id}");
    let imported = props.imported.is_some();
    let toggle_json = {
        let show_json = show_json.clone();
        Callback::from(move |_| show_json.set(!*show_json))
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let references = card_web_references(card);
    let name_note = imported
        .then(|| {
            let builtin = crate::domain::library::builtin().unwrap_or(&[]);
            builtin_name_note(
                &card.name,
                builtin.iter().map(|c| (c.id(), c.card().name.as_str())),
            )
        })
        .flatten();
    let factors = factor_rows(valid);
    html! {
        <article class={classes!("protocol-card", imported.then_some("imported"))} id={format!("card-{id}")}
                 data-testid="card-view" data-card-id={id.clone()} data-imported={imported.to_string()}
                 aria-labelledby={format!("card-title-{id}")}>
            <header class="protocol-card-header">
                <h2 id={format!("card-title-{id}")}>
                    { card.name.clone() }
                    if imported { { " " }{ imported_badge() } }
                </h2>
                <p class="card-meta">
                    <span>{ "Id " }<code data-testid="card-id">{ id.clone() }</code></span>
                    <span>{ "Version " }<strong>{ card.version.clone() }</strong></span>
                    <span>{ "Reviewed " }<strong>{ card.review_date.clone() }</strong></span>
                    <span>{ "Setting: " }<strong>{ card.setting.label() }</strong></span>
                    <span>{ "Every mg is " }<strong data-testid="card-drug">{ card.drug.as_base() }</strong></span>
                    <span>{ if imported { "Imported into this browser" } else { "Built into the app" } }</span>
                </p>
                if let Some(meta) = &props.imported {
                    <p class="notice-inline imported-note" role="note" data-testid="imported-note">
                        <strong>{ "Imported, not reviewed. " }</strong>
                        { IMPORTED_EXPLANATION }{ " " }{ provenance(meta) }
                    </p>
                }
                if let Some(text) = name_note {
                    <p class="notice-inline" role="note" data-testid="builtin-name-note">{ text }</p>
                }
                if let Some(text) = unruled_note(valid) {
                    <p class="notice-inline" role="note" data-testid="unruled-note">
                        <strong>{ "Contraindications without a rule. " }</strong>{ text }
                    </p>
                }
                if card.research_only {
                    <p class="notice-inline research" role="note">
                        <strong>{ "Research only. " }</strong>{ card.research_note.clone().unwrap_or_default() }
                    </p>
                }
            </header>
            <p class="card-summary-text" data-testid="card-summary-text">{ keep_units(&card.summary) }</p>
            <div class="card-actions no-print">
                <button type="button" onclick={toggle_json} aria-expanded={(*show_json).to_string()}
                        aria-controls={json_id.clone()} data-testid="show-json">
                    { if *show_json { "Hide the JSON" } else { "Show as JSON" } }
                </button>
                <button type="button" data-testid="download-card" onclick={props.on_download.reform(|_| ())}>
                    { format!("Download the card file ({id}.json)") }
                </button>
                <a data-testid="card-calculator" href={format!("{}?protocol={id}", crate::domain::route::Route::Calculator.href())}>{ "Open in the calculator" }</a>
                <a data-testid="card-schedule" href={format!("{}?protocol={id}", crate::domain::route::Route::Schedule.href())}>{ "Lay out its course on a calendar" }</a>
                <button type="button" id="card-edit" data-testid="edit-card" onclick={props.on_edit.reform(move |_| !imported)}>
                    { if imported { "Edit this card" } else { DUPLICATE } }
                </button>
                if imported {
                    <button type="button" id="card-duplicate" data-testid="duplicate-card" onclick={props.on_edit.reform(|_| true)}>
                        { DUPLICATE }
                    </button>
                }
                if let Some(on_remove) = &props.on_remove {
                    if *confirming {
                        <span class="confirm" role="group" aria-label="Confirm removal" data-confirm="">
                            { format!("Remove \u{201c}{}\u{201d} from this browser? ", card.name) }
                            <button type="button" class="danger" data-testid="confirm-remove"
                                onclick={on_remove.reform(|_| ())}>{ "Yes, remove it" }</button>
                            <button type="button" id="card-remove-keep" data-safe="" onclick={keep}>{ "Keep it" }</button>
                        </span>
                    } else {
                        <button type="button" id="card-remove" data-testid="remove-card"
                            onclick={ask}>{ "Remove from this browser" }</button>
                    }
                }
            </div>
            if *show_json {
                <pre class="card-json" id={json_id} data-testid="card-json" tabindex="0"
                     aria-label={format!("The card {id} as JSON")}><code>{ card.to_json_pretty() }</code></pre>
            }
            <h3>{ "Indications" }</h3>
            <div class="table-scroll" role="region" aria-labelledby={format!("card-{id}-indications-caption")} tabindex="0">
                <table class="card-table">
                    <caption id={format!("card-{id}-indications-caption")}>{ "Conditions this card is for, with the 2018 consensus grade" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Condition" }</th>
                        <th scope="col">{ "2018 consensus grade" }</th>
                        <th scope="col">{ "Sources" }</th>
                        <th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        { for indication_rows(card).into_iter().map(|r| html! {
                            <tr>
                                <th scope="row">{ r.condition }</th>
                                <td data-label="2018 consensus grade">{ r.grade }</td>
                                <td data-label="Sources">{ sources(&r.sources) }</td>
                                <td data-label="Note">{ note(&r.note) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="card-sources">{ "Card sources:" }{ cites(&card.sources) }</p>
            <h3>{ "Dosing, caps and phases" }</h3>
            <div class="table-scroll" role="region" aria-labelledby={format!("card-{id}-figures-caption")} tabindex="0">
                <table class="card-table" data-testid="card-figures">
                    <caption id={format!("card-{id}-figures-caption")}>{ "Every figure of the card: dosing weight, base rate, caps and phases" }</caption>
                    <thead><tr>
                        <th scope="col">{ "What" }</th>
                        <th scope="col">{ "Value" }</th>
                        <th scope="col">{ "Evidence" }</th>
                        <th scope="col">{ "Sources" }</th>
                        <th scope="col">{ "Note" }</th>
                    </tr></thead>
                    <tbody>
                        { for card_figures(card).into_iter().map(|f| html! {
                            <tr data-path={f.path}>
                                <th scope="row">{ f.label }<br /><code class="field-path">{ f.path }</code></th>
                                <td data-label="Value">{ keep_units(&f.value) }</td>
                                <td data-label="Evidence">{ f.evidence.map_or_else(|| html! { <span class="muted">{ "–" }</span> }, evidence_badge) }</td>
                                <td data-label="Sources">{ sources(&f.sources) }</td>
                                <td data-label="Note">{ note(&f.note) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <h3>{ format!("Adjustment factors ({}), applied in this order", crate::domain::dosing::format_number(factors.len() as f64, 0)) }</h3>
            if factors.is_empty() {
                <p class="muted">{ "This card has no adjustment factors." }</p>
            } else {
                <div class="table-scroll" role="region" aria-labelledby={format!("card-{id}-factors-caption")} tabindex="0">
                    <table class="card-table factor-table" data-testid="card-factors">
                        <caption id={format!("card-{id}-factors-caption")}>{ "Each factor: when it applies, what it does, and its evidence and sources" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Factor" }</th>
                            <th scope="col">{ "Applies when" }</th>
                            <th scope="col">{ "Effect" }</th>
                            <th scope="col">{ "Evidence" }</th>
                            <th scope="col">{ "Sources" }</th>
                            <th scope="col">{ "Note" }</th>
                        </tr></thead>
                        <tbody>
                            { for factors.into_iter().map(|f| html! {
                                <tr data-testid="card-factor" data-factor-id={f.id.clone()}>
                                    <th scope="row">{ f.label }<br /><code class="field-path">{ f.id }</code></th>
                                    <td data-label="Applies when">{ keep_units(&f.condition) }</td>
                                    <td data-label="Effect"><ul class="effects">{ for f.effects.iter().map(|e| html! { <li>{ keep_units(e) }</li> }) }</ul></td>
                                    <td data-label="Evidence">{ evidence_badge(f.evidence) }</td>
                                    <td data-label="Sources">{ sources(&f.sources) }</td>
                                    <td data-label="Note">{ note(&f.note) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            { evidence_legend() }
            if !references.is_empty() {
                <section class="web-references" data-testid="web-references">
                    <h3>{ "Web addresses in this card's text" }</h3>
                    <p class="muted">{ "Listed as plain text, not links: only https addresses are listed. Copy one into a browser only if you trust the card's author." }</p>
                    <ul>
                        { for references.into_iter().map(|(path, address)| html! {
                            <li><code class="web-reference">{ address }</code>{ " (in " }<code class="field-path">{ path }</code>{ ")" }</li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}
