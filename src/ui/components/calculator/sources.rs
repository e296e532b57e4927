//! Source links and evidence-kind badges shared by the calculator's pieces.

use yew::prelude::*;

use crate::domain::dosing::EvidenceKind;
use crate::ui::components::reference::cite_list::cite;

/// Citation links for a list of source ids ("[R2] [R34]"). Every list
/// shown this way is a card's (the app's own rules always cite), so an
/// empty one says that the card gives no source.
pub fn cites(ids: &[String]) -> Html {
    if ids.is_empty() {
        return html! { <span class="muted">{ NO_CARD_SOURCE }</span> };
    }
    html! { <span class="cites">{ for ids.iter().map(|id| cite(id)) }</span> }
}

/// What a card's figure or rule without a source says instead.
pub const NO_CARD_SOURCE: &str = "the card gives no source";

/// Citations after a sentence: the links, or when there are none, `none`
/// in brackets (a card's figure with no source is not this app's own
/// arithmetic). Never run into the sentence before it.
pub fn cites_after(ids: &[String], none: &'static str) -> Html {
    if ids.is_empty() {
        html! { <span class="muted">{ " (" }{ none }{ ")" }</span> }
    } else {
        html! { <>{ " " }{ cites(ids) }</> }
    }
}

/// The evidence kind as a text badge (the colour only repeats the words).
pub fn evidence_badge(kind: EvidenceKind) -> Html {
    let (class, text) = match kind {
        EvidenceKind::Source => ("badge evidence-source", "source"),
        EvidenceKind::Direction => ("badge evidence-direction", "direction"),
        EvidenceKind::Illustrative => ("badge evidence-illustrative", "illustrative"),
    };
    html! {
        <span class={class} title={kind.label()} data-evidence={kind.id()}>{ text }</span>
    }
}

/// The key to the evidence badges, shown under each breakdown table.
pub fn evidence_legend() -> Html {
    html! {
        <p class="evidence-legend">
            { "Evidence: " }{ evidence_badge(EvidenceKind::Source) }{ " the number is taken from the cited source; " }
            { evidence_badge(EvidenceKind::Direction) }{ " the source supports the direction, the number is an illustrative choice; " }
            { evidence_badge(EvidenceKind::Illustrative) }{ " an illustrative choice of this app with no source for the number." }
        </p>
    }
}
