//! Where each calculator factor is explained: an entry of the factors page,
//! or, for the safety-screen rules, an entry of the candidates page.

use crate::domain::calculator::{CalculatorState, Scenario};
use crate::domain::dosing::card::{Compare, Condition};
use crate::domain::dosing::decimal::parse_decimal;
use crate::domain::dosing::format::plain_number;
use crate::domain::dosing::input::{percent_decode, percent_encode};
use crate::domain::dosing::validate::ValidCard;
use crate::domain::reference::{EffectView, FrequencyFilter, ReferenceContent};
use crate::domain::route::Route;

/// Safety-screen factors and compiled rules, explained on `#/candidates`
/// (factor id → candidates entry id).
const CANDIDATE_ENTRIES: [(&str, &str); 6] = [
    ("pregnancy-breastfeeding", "pregnancy-breastfeeding"),
    ("psychosis-active", "active-psychosis"),
    ("psychosis-history", "active-psychosis"),
    ("substance-active", "substance-misuse"),
    ("substance-past", "substance-misuse"),
    ("under-18", "children-adolescents"),
];

/// The factors-page entry that explains how the dosing weight is chosen.
pub const DOSING_WEIGHT_ENTRY: &str = "dosing-weight-obesity";

/// A link to where a calculator factor (or compiled rule) is explained, as
/// `#/factors?entry=<id>` or `#/candidates?entry=<id>`; `None` if no entry
/// names it.
pub fn factor_link(content: &ReferenceContent, factor_id: &str) -> Option<String> {
    let on_factors = content
        .factors
        .groups
        .iter()
        .flat_map(|g| g.entries.iter())
        .find(|e| e.calculator_factor_ids.iter().any(|id| id == factor_id))
        .map(|e| entry_link(Route::Factors, &e.id));
    on_factors.or_else(|| {
        CANDIDATE_ENTRIES
            .iter()
            .find(|(f, _)| *f == factor_id)
            .map(|(_, entry)| entry_link(Route::Candidates, entry))
    })
}

/// A calculator scenario that shows one card factor at work.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorExample {
    /// The factor's label on the card.
    pub label: String,
    /// The card's id and name.
    pub card_id: String,
    /// The card's name.
    pub card_name: String,
    /// `#/calculator?...`: the example adult on that card, with the one
    /// attribute the factor tests set so that its condition holds.
    pub href: String,
}

/// The example for a factor id: the first card (in the order given) that has
/// the factor; `None` when no card has it.
pub fn factor_example(cards: &[ValidCard], factor_id: &str) -> Option<FactorExample> {
    cards.iter().find_map(|valid| {
        let card = valid.card();
        let factor = card.factors.iter().find(|f| f.id == factor_id)?;
        let mut scenario = Scenario {
            protocol: card.id.clone(),
            ..Scenario::default()
        };
        let value = value_meeting(&factor.condition)?;
        scenario
            .input
            .set_param(factor.condition.attribute.id(), &value)
            .then_some(())?;
        let state = CalculatorState {
            scenarios: vec![scenario],
            active: 0,
        };
        Some(FactorExample {
            label: factor.label.clone(),
            card_id: card.id.clone(),
            card_name: card.name.clone(),
            href: format!("{}?{}", Route::Calculator.href(), state.to_query()),
        })
    })
}

/// A value of the condition's attribute for which the condition holds: the
/// threshold itself when it is included, else one unit past it; the first
/// listed id; or the flag's value.
fn value_meeting(condition: &Condition) -> Option<String> {
    if let (Some(compare), Some(threshold)) = (condition.compare, condition.value) {
        let text = match compare {
            Compare::AtLeast => included(threshold, true),
            Compare::AtMost => included(threshold, false),
            // One unit past: the 9-decimal rounding cannot undo that.
            Compare::Above => plain_number(threshold + 1.0, 9),
            Compare::Below => plain_number(threshold - 1.0, 9),
        };
        return Some(text);
    }
    if let Some(first) = condition.any_of.as_ref().and_then(|ids| ids.first()) {
        return Some(first.clone());
    }
    condition
        .is
        .map(|flag| if flag { "yes" } else { "no" }.to_string())
}

/// An included threshold (`at_least` when `up`, else `at_most`) as plain
/// digits, if they read back on its side. A threshold with more than 9
/// decimals may round onto the other side; one unit of the 9th decimal
/// further in is then on the right one (the rounding moves a value by half a
/// unit at most). Card thresholds lie within the input ranges, far below the
/// 10^6 from which the notation stops printing decimals.
fn included(threshold: f64, up: bool) -> String {
    let text = plain_number(threshold, 9);
    let back = parse_decimal(&text).unwrap_or(threshold);
    let on_side = if up {
        back >= threshold
    } else {
        back <= threshold
    };
    if on_side {
        text
    } else if up {
        plain_number(threshold + 1e-9, 9)
    } else {
        plain_number(threshold - 1e-9, 9)
    }
}

/// `#/<page>?entry=<id>`: the page scrolls to, and focuses, that entry.
pub fn entry_link(route: Route, entry_id: &str) -> String {
    format!("{}?entry={entry_id}", route.href())
}

/// Where a citation of `source_id` leads: its own entry on the sources page,
/// whose element id is `source-<id>`.
pub fn source_link(source_id: &str) -> String {
    entry_link(Route::Sources, &format!("source-{source_id}"))
}

/// The `entry` parameter of a page query as written, if it has one (a
/// mistyped or damaged one too: the page says it has no such entry).
pub fn entry_asked(query: &str) -> Option<&str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("entry="))
        .filter(|id| !id.is_empty())
}

/// What the page says when its link names an entry it does not have: the id
/// decoded (`bad%20id` reads "bad id"), hidden characters shown as U+FFFD
/// and long ones shortened, as the calculator names unknown parameters.
pub fn missing_entry_notice(asked: &str) -> String {
    let id =
        crate::domain::calculator::shown_name(&crate::domain::dosing::input::percent_decode(asked));
    format!("This page has no entry \u{201c}{id}\u{201d}: the link may be out of date. The page is shown from the top.")
}

/// What a page says when its link held too many values to be read
/// ([`crate::domain::route::LINK_MAX_PARTS`]).
pub fn refused_link_notice(parts: usize) -> String {
    use crate::domain::dosing::format_number;
    format!(
        "The link this page was opened with held {} values, more than the {} a link from this app can hold, so it was not read: the page opened as from a link with no values. Check where the link came from.",
        format_number(parts as f64, 0),
        format_number(crate::domain::route::LINK_MAX_PARTS as f64, 0)
    )
}

/// The `entry` parameter of a page query, decoded (`older%2Dage` is
/// `older-age`, as the notice names it), if it is an id an entry could
/// have (letters, digits and hyphens).
pub fn entry_param(query: &str) -> Option<String> {
    entry_asked(query)
        .map(crate::domain::dosing::input::percent_decode)
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// What the side-effects page shows, as its address says
/// (`#/side-effects?view=patient&frequency=rare&search=bladder`): the view,
/// the frequency filter and the search. The page writes it back as they
/// change, so Back returns to the same list and a link shares it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideEffectsQuery {
    pub view: EffectView,
    pub filter: FrequencyFilter,
    pub search: String,
}

impl SideEffectsQuery {
    /// Reads a page query; an unknown frequency means no filter.
    pub fn from_query(query: &str) -> SideEffectsQuery {
        let mut out = SideEffectsQuery {
            view: EffectView::from_query(query),
            ..SideEffectsQuery::default()
        };
        for pair in query.split('&') {
            if let Some(key) = pair.strip_prefix("frequency=") {
                out.filter = FrequencyFilter::from_key(key);
            } else if let Some(text) = pair.strip_prefix("search=") {
                out.search = percent_decode(text);
            }
        }
        out
    }

    /// The query that reopens it; what is left at its default is left out.
    pub fn query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.view.query().is_empty() {
            parts.push(self.view.query().to_string());
        }
        if self.filter != FrequencyFilter::All {
            parts.push(format!("frequency={}", self.filter.key()));
        }
        if !self.search.is_empty() {
            parts.push(format!("search={}", percent_encode(&self.search)));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dosing::builtin_cards;
    use crate::domain::dosing::engine::UNDER_AGE_RULE_ID;
    use crate::domain::reference::content;

    #[test]
    fn every_factor_of_every_built_in_card_has_an_explanation_that_exists() {
        let content = content();
        let known = |id: &str| content.sources.iter().any(|s| s.id == id);
        let cards = builtin_cards(&known).unwrap();
        let factor_entries: Vec<&str> = content
            .factors
            .groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.id.as_str()))
            .collect();
        let candidate_entries: Vec<&str> = content
            .candidates
            .not_candidates
            .iter()
            .chain(content.candidates.extra_caution.iter())
            .map(|c| c.id.as_str())
            .collect();
        let mut ids: Vec<&str> = cards
            .iter()
            .flat_map(|c| c.factors().iter().map(|f| f.id()))
            .collect();
        ids.push(UNDER_AGE_RULE_ID);
        for id in ids {
            let link = factor_link(content, id).unwrap_or_else(|| panic!("{id} has no link"));
            let entry = link.split("entry=").nth(1).unwrap();
            if link.starts_with("#/factors?") {
                assert!(factor_entries.contains(&entry), "{id} → {link}");
            } else {
                assert!(link.starts_with("#/candidates?"), "{link}");
                assert!(candidate_entries.contains(&entry), "{id} → {link}");
            }
        }
        assert!(factor_entries.contains(&DOSING_WEIGHT_ENTRY));
    }

    #[test]
    fn unknown_factors_have_no_link() {
        assert_eq!(factor_link(content(), "no-such-factor"), None);
    }

    #[test]
    fn a_citation_leads_to_its_own_source_entry() {
        assert_eq!(source_link("R44"), "#/sources?entry=source-R44");
        let link = source_link("seed-dosing");
        let location = crate::domain::route::parse_fragment(&link);
        assert_eq!(location.route, Route::Sources);
        assert_eq!(
            entry_param(&location.query).as_deref(),
            Some("source-seed-dosing")
        );
    }

    #[test]
    fn the_side_effects_address_holds_view_filter_and_search() {
        use crate::domain::reference::Frequency;
        let q = SideEffectsQuery::from_query("view=patient&frequency=rare&search=dry%20mouth");
        assert_eq!(
            q,
            SideEffectsQuery {
                view: EffectView::Patient,
                filter: FrequencyFilter::Only(Frequency::Rare),
                search: "dry mouth".to_string(),
            }
        );
        assert_eq!(q.query(), "view=patient&frequency=rare&search=dry%20mouth");
        // Typed by hand in another case: the same page, written back as usual.
        let typed = SideEffectsQuery::from_query("view=Patient&frequency=RARE&search=dry%20mouth");
        assert_eq!(typed, q);
        assert_eq!(
            SideEffectsQuery::from_query("view=patients").view,
            EffectView::Clinical
        );
        // Defaults are left out; an unknown frequency is no filter.
        assert_eq!(SideEffectsQuery::from_query("").query(), "");
        assert_eq!(
            SideEffectsQuery::from_query("frequency=often&x=1"),
            SideEffectsQuery::default()
        );
        assert_eq!(
            SideEffectsQuery::from_query("search=a+b&frequency=less-common").query(),
            "frequency=less-common&search=a%20b"
        );
        // Any text reads back as it was typed.
        for text in ["Übelkeit & Schwindel", "50% = ?", "a=b&c", "  "] {
            let q = SideEffectsQuery {
                search: text.to_string(),
                ..SideEffectsQuery::default()
            };
            assert_eq!(SideEffectsQuery::from_query(&q.query()), q, "{text}");
        }
    }

    #[test]
    fn a_missing_entry_is_named_decoded_cleaned_and_short() {
        let said = |id: &str| {
            format!("This page has no entry \u{201c}{id}\u{201d}: the link may be out of date. The page is shown from the top.")
        };
        assert_eq!(missing_entry_notice("older-agee"), said("older-agee"));
        assert_eq!(missing_entry_notice("bad%20id!"), said("bad id!"));
        assert_eq!(missing_entry_notice("a%E2%80%AEb"), said("a\u{fffd}b"));
        // 30 characters are named whole, a 31st is cut with an ellipsis.
        let thirty = "x".repeat(30);
        assert_eq!(missing_entry_notice(&thirty), said(&thirty));
        assert_eq!(
            missing_entry_notice(&format!("{thirty}y")),
            said(&format!("{thirty}\u{2026}"))
        );
    }

    #[test]
    fn a_refused_link_says_how_many_values_it_held() {
        assert_eq!(
            refused_link_notice(52_001),
            "The link this page was opened with held 52,001 values, more than the 2,000 a link from this app can hold, so it was not read: the page opened as from a link with no values. Check where the link came from."
        );
    }

    #[test]
    fn entry_param_accepts_only_plain_ids() {
        assert_eq!(entry_param("entry=older-age").as_deref(), Some("older-age"));
        assert_eq!(
            entry_param("x=1&entry=cyp-inducers").as_deref(),
            Some("cyp-inducers")
        );
        // Encoded as a link may be: read as the notice would name it.
        assert_eq!(
            entry_param("entry=older%2Dage").as_deref(),
            Some("older-age")
        );
        assert_eq!(
            entry_param("entry=%6Flder-age").as_deref(),
            Some("older-age")
        );
        assert_eq!(entry_param("entry=older%20age"), None);
        assert_eq!(entry_param("entry=%"), None);
        assert_eq!(entry_param("entry="), None);
        assert_eq!(entry_param("entry=a\"b"), None);
        assert_eq!(entry_param("weight_kg=70"), None);
        // Asked for all the same: the page says it has no such entry.
        assert_eq!(entry_asked("entry=%3Cb%3E"), Some("%3Cb%3E"));
        assert_eq!(entry_param("entry=%3Cb%3E"), None);
        assert_eq!(entry_asked("entry=older-age"), Some("older-age"));
        assert_eq!(entry_asked("entry="), None);
        assert_eq!(entry_asked("view=patient"), None);
    }

    /// Every factor of every built-in card: its example link opens a scenario
    /// in which that very factor fires (a step in the breakdown, or the block).
    #[test]
    fn every_factor_example_makes_its_factor_fire() {
        use crate::domain::calculator::{evaluate, Evaluation};
        use crate::domain::dosing::Outcome;
        let cards = crate::domain::library::builtin().unwrap();
        let mut checked = 0;
        for card in cards {
            for factor in &card.card().factors {
                let example = factor_example(std::slice::from_ref(card), &factor.id)
                    .unwrap_or_else(|| panic!("{}: no example for {}", card.card().id, factor.id));
                assert_eq!(example.card_id, card.card().id);
                assert_eq!(example.label, factor.label);
                let query = example.href.strip_prefix("#/calculator?").unwrap();
                let state = CalculatorState::from_query(query);
                assert_eq!(state.to_query(), query, "the link round-trips");
                let fired = match evaluate(&state.scenarios[0], cards) {
                    Evaluation::Computed(Outcome::Dose(b)) => {
                        b.steps.iter().any(|s| s.id() == factor.id)
                    }
                    Evaluation::Computed(Outcome::Blocked(b)) => {
                        b.all().iter().any(|r| r.id == factor.id)
                    }
                    other => panic!("{}: {other:?}", example.href),
                };
                assert!(fired, "{} does not fire in {}", factor.id, example.href);
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} factors");
    }

    proptest::proptest! {
        /// Whatever the threshold's decimals, the example value, read back
        /// as a number field reads it, meets the condition.
        #[test]
        fn example_values_meet_their_condition(threshold in -1000.0f64..1000.0, k in 0usize..4) {
            let compare = [Compare::AtLeast, Compare::AtMost, Compare::Above, Compare::Below][k];
            let condition = Condition {
                attribute: crate::domain::dosing::card::Attribute::AgeYears,
                compare: Some(compare),
                value: Some(threshold),
                any_of: None,
                is: None,
            };
            let text = value_meeting(&condition).unwrap();
            let x = parse_decimal(&text).unwrap();
            let holds = match compare {
                Compare::AtLeast => x >= threshold,
                Compare::AtMost => x <= threshold,
                Compare::Above => x > threshold,
                Compare::Below => x < threshold,
            };
            proptest::prop_assert!(holds, "{:?} {} -> {}", compare, threshold, text);
            proptest::prop_assert!(!text.contains(','), "{}", text);
        }
    }

    #[test]
    fn factor_example_values_sit_on_the_right_side_of_each_threshold() {
        let condition = |compare, value| Condition {
            attribute: crate::domain::dosing::card::Attribute::AgeYears,
            compare: Some(compare),
            value: Some(value),
            any_of: None,
            is: None,
        };
        assert_eq!(
            value_meeting(&condition(Compare::AtLeast, 65.0)).unwrap(),
            "65"
        );
        assert_eq!(
            value_meeting(&condition(Compare::AtMost, 17.5)).unwrap(),
            "17.5"
        );
        assert_eq!(
            value_meeting(&condition(Compare::Above, 65.0)).unwrap(),
            "66"
        );
        assert_eq!(
            value_meeting(&condition(Compare::Below, 18.0)).unwrap(),
            "17"
        );
        // More than 9 decimals: the link's value still meets the condition.
        assert_eq!(
            value_meeting(&condition(Compare::AtMost, 49.999_999_999_6)).unwrap(),
            "49.999999999"
        );
        assert_eq!(
            value_meeting(&condition(Compare::AtLeast, 65.000_000_000_4)).unwrap(),
            "65.000000001"
        );
        // No thousands separator (a number field reads "1,500" as 1.5).
        assert_eq!(
            value_meeting(&condition(Compare::AtLeast, 1500.25)).unwrap(),
            "1500.25"
        );
        assert_eq!(
            value_meeting(&condition(Compare::Below, 0.5)).unwrap(),
            "-0.5"
        );
        let flag = Condition {
            attribute: crate::domain::dosing::card::Attribute::RaisedIop,
            compare: None,
            value: None,
            any_of: None,
            is: Some(false),
        };
        assert_eq!(value_meeting(&flag).unwrap(), "no");
        let list = Condition {
            any_of: Some(vec!["maoi".into(), "opioid".into()]),
            is: None,
            ..flag
        };
        assert_eq!(value_meeting(&list).unwrap(), "maoi");
    }

    #[test]
    fn a_factor_no_card_has_gives_no_example() {
        let cards = crate::domain::library::builtin().unwrap();
        assert_eq!(factor_example(cards, "no-such-factor"), None);
        let everywhere = factor_example(cards, "age-65-plus").unwrap();
        assert_eq!(
            everywhere.card_id,
            cards[0].card().id,
            "the first card in order"
        );
        let only_one = factor_example(cards, "weight-under-50").unwrap();
        assert_eq!(
            only_one.card_id, "crps-continuous",
            "the one card that has it"
        );
        assert!(
            only_one.href.contains("protocol=crps-continuous"),
            "{}",
            only_one.href
        );
        assert!(
            only_one.href.contains("weight_kg=49"),
            "below 50 kg: {}",
            only_one.href
        );
    }
}
