//! The filtered side-effect list, grouped as during/after an infusion,
//! serious and long-term, with a live count of what is shown.

use yew::prelude::*;

use super::claim_list::claim_list;
use super::side_effect_card::side_effect_card;
use crate::domain::reference::{
    filter_effects, EffectGroup, EffectView, FrequencyFilter, SideEffectsContent,
};

/// What the list shows: the content, the view, and the frequency filter and
/// search text chosen.
pub struct SideEffectListProps<'a> {
    pub content: &'static SideEffectsContent,
    pub view: EffectView,
    pub filter: FrequencyFilter,
    pub query: &'a str,
}

/// The side effects that pass the filter and the search, by group.
pub fn side_effect_list(props: &SideEffectListProps) -> Html {
    let content = props.content;
    let shown = filter_effects(&content.effects, props.filter, props.query, props.view);
    let total = content.effects.len();
    let count_text = if shown.is_empty() {
        // With "All" chosen, only the search can be changed.
        let (what, how) = match props.filter {
            FrequencyFilter::All => ("this search", "clear the search"),
            FrequencyFilter::Only(_) => (
                "this frequency and search",
                "choose \u{201c}All\u{201d} under Frequency and clear the search",
            ),
        };
        format!("No side effect matches {what}. Try another word, or {how} to see all {total}. If you notice anything that worries you, tell staff, whether or not it is listed here.")
    } else {
        format!("Showing {} of {} side effects.", shown.len(), total)
    };
    html! {
        <div class="side-effect-list" data-testid="side-effect-list" data-view={view_key(props.view)}>
            <p class="result-count" role="status" aria-live="polite" data-testid="side-effect-count">
                { count_text }
            </p>
            { for EffectGroup::ALL.into_iter().map(|group| {
                let in_group: Vec<_> = shown.iter().copied().filter(|e| e.group == group).collect();
                if in_group.is_empty() {
                    return html! {};
                }
                let info = content.group(group);
                let title = info.map_or(group.key(), |g| g.title.as_str());
                let heading_id = format!("{}-heading", group.key());
                html! {
                    <section class="side-effect-group" id={group.key()} aria-labelledby={heading_id.clone()}
                        data-testid="side-effect-group">
                        <h2 id={heading_id}>{ title }</h2>
                        if let (EffectView::Clinical, Some(info)) = (props.view, info) {
                            { claim_list(&info.points) }
                        }
                        <div class="cards">
                            { for in_group.into_iter().map(|effect| side_effect_card(effect, props.view)) }
                        </div>
                    </section>
                }
            }) }
        </div>
    }
}

fn view_key(view: EffectView) -> &'static str {
    match view {
        EffectView::Clinical => "clinical",
        EffectView::Patient => "patient",
    }
}
