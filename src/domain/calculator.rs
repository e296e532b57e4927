//! Calculator state: up to three scenarios (patient text, protocol card,
//! switched-off steps), the reducer's pure logic, and the share-link query.
//!
//! Share-link format (the query part of `#/calculator?...`): the first
//! scenario's parameters are unprefixed (`protocol`, the patient parameters of
//! [`crate::domain::dosing::input::PARAM_NAMES`], `off` = comma-separated
//! factor ids switched off); the second and third scenarios use the same names
//! prefixed `s2_` and `s3_`; `active=2` or `active=3` names the scenario being
//! edited; `card_check` (prefixed the same way) is the [`library::card_check`]
//! of the card the scenario uses, built-in or imported, as the browser that
//! wrote the link held it (not part of the state: compared, not kept). Unknown parameters are
//! ignored, and nothing here validates values: invalid text is kept so that
//! it is shown next to its field.

use crate::domain::dosing::engine::{blocks_on_valid_part, Blocked};
use crate::domain::dosing::format::{count, format_as_typed, format_dose_with, format_number};
use crate::domain::dosing::input::InputError;
use crate::domain::dosing::input::{
    height_in, query_pairs, read_height, read_weight, side_by_side, split_ids, typed_decimals,
    weight_in, Converted, Field, HeightUnit, RawPatientInput, WeightUnit, CONFLICT_SEPARATOR,
    PARAM_NAMES,
};
use crate::domain::dosing::limits::{
    HEIGHT_IN_TYPED, HEIGHT_MAX_CM, HEIGHT_MIN_CM, WEIGHT_LB_TYPED, WEIGHT_MAX_KG, WEIGHT_MIN_KG,
};
use crate::domain::dosing::medication::Medication;
use crate::domain::dosing::units::{Inches, MAX_TYPED_DECIMALS};
use crate::domain::dosing::{compute, DoseUnit, Outcome, ValidCard};
use crate::domain::library::{self, CardLibrary};

/// At most this many scenarios side by side.
pub const MAX_SCENARIOS: usize = 3;

/// The card a new calculator starts with (the Schwartzman 2009 regimen,
/// the example of the public share-link contract).
pub const DEFAULT_PROTOCOL: &str = "crps-4h";

/// One scenario: the patient's figures as typed, the card, and the steps
/// switched off to show their isolated effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Protocol card id.
    pub protocol: String,
    /// Patient inputs as typed.
    pub input: RawPatientInput,
    /// Factor ids switched off ("what if"), sorted, no duplicates.
    pub off: Vec<String>,
    /// The `card_check` the link that opened this scenario gave (8
    /// hexadecimal digits, lower case), kept in the address until the
    /// scenario is edited here: a reload, or the link passed on, still
    /// says which card its sender used (see [`card_differs_notice`]).
    pub sent_check: Option<String>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            protocol: DEFAULT_PROTOCOL.to_string(),
            input: RawPatientInput::default(),
            off: Vec::new(),
            sent_check: None,
        }
    }
}

/// A link's `card_check` as kept ([`Scenario::sent_check`]): 8
/// hexadecimal digits, in lower case; anything else is not kept.
fn sent_check(value: &str) -> Option<String> {
    let v = value.trim();
    (v.len() == 8 && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_ascii_lowercase())
}

/// The whole calculator: one to [`MAX_SCENARIOS`] scenarios and the one being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalculatorState {
    /// Never empty.
    pub scenarios: Vec<Scenario>,
    /// Index of the scenario the inputs edit (always valid).
    pub active: usize,
}

impl Default for CalculatorState {
    fn default() -> Self {
        CalculatorState {
            scenarios: vec![Scenario::default()],
            active: 0,
        }
    }
}

/// Everything the calculator page can do to its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// New text (or choice id, or `true`/`false`) for a field of the active
    /// scenario. Medications take the whole comma-separated list.
    SetField(Field, String),
    /// Switch the weight unit; a valid weight is converted, other text is kept.
    SetWeightUnit(WeightUnit),
    /// Switch the height unit; a valid height is converted, other text is kept.
    SetHeightUnit(HeightUnit),
    /// Add (`true`) or remove (`false`) one medication id.
    SetMedication(String, bool),
    /// Choose a protocol card; switched-off steps belong to a card, so they reset.
    SetProtocol(String),
    /// Switch a factor step off, or back on.
    ToggleStep(String),
    /// Add a scenario, a copy of the active one, and edit it.
    AddScenario,
    /// Remove a scenario (the last one stays).
    RemoveScenario(usize),
    /// Edit another scenario.
    SelectScenario(usize),
    /// Replace everything with the scenario(s) of a share-link query.
    Load(String),
    /// Back to the example adult on the default card.
    Reset,
}

impl CalculatorState {
    /// The scenario being edited.
    pub fn active_scenario(&self) -> &Scenario {
        // `active` is kept in range by every constructor and action; fall
        // back to the first scenario rather than index unchecked.
        self.scenarios
            .get(self.active)
            .or_else(|| self.scenarios.first())
            .unwrap_or(&DEFAULT_SCENARIO)
    }

    /// The state after `action` (pure: the reducer delegates here).
    pub fn apply(&self, action: Action) -> CalculatorState {
        let mut next = self.clone();
        let active = next.active;
        let edits = matches!(
            action,
            Action::SetField(..)
                | Action::SetWeightUnit(_)
                | Action::SetHeightUnit(_)
                | Action::SetMedication(..)
                | Action::SetProtocol(_)
                | Action::ToggleStep(_)
        );
        match action {
            Action::SetField(field, value) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    set_field(&mut s.input, field, value);
                }
            }
            Action::SetWeightUnit(unit) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    switch_weight_unit(&mut s.input, unit);
                }
            }
            Action::SetHeightUnit(unit) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    switch_height_unit(&mut s.input, unit);
                }
            }
            Action::SetMedication(id, on) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    s.input.medications = toggle_in_list(&s.input.medications, &id, on);
                }
            }
            Action::SetProtocol(id) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    if s.protocol != id {
                        s.protocol = id;
                        s.off.clear();
                    }
                }
            }
            Action::ToggleStep(id) => {
                if let Some(s) = next.scenarios.get_mut(active) {
                    if let Some(pos) = s.off.iter().position(|o| *o == id) {
                        s.off.remove(pos);
                    } else {
                        insert_sorted(&mut s.off, id);
                    }
                }
            }
            Action::AddScenario => {
                if next.scenarios.len() < MAX_SCENARIOS {
                    // A scenario made here: its link gives this browser's check.
                    let copy = Scenario {
                        sent_check: None,
                        ..next.active_scenario().clone()
                    };
                    next.scenarios.push(copy);
                    next.active = next.scenarios.len() - 1;
                }
            }
            Action::RemoveScenario(index) => {
                if next.scenarios.len() > 1 && index < next.scenarios.len() {
                    next.scenarios.remove(index);
                    if next.active >= index && next.active > 0 {
                        next.active -= 1;
                    }
                }
            }
            Action::SelectScenario(index) => {
                if index < next.scenarios.len() {
                    next.active = index;
                }
            }
            Action::Load(query) => next = CalculatorState::from_query(&query),
            Action::Reset => next = CalculatorState::default(),
        }
        // An edited scenario's figures are this browser's: its link gives
        // this browser's check from now on, not its sender's.
        if edits {
            if let (Some(before), Some(after)) =
                (self.scenarios.get(active), next.scenarios.get_mut(active))
            {
                if before.protocol != after.protocol
                    || before.input != after.input
                    || before.off != after.off
                {
                    after.sent_check = None;
                }
            }
        }
        next
    }

    /// Reads a share-link query (see the module docs). Always gives a usable
    /// state: missing parameters take the example adult's values.
    pub fn from_query(query: &str) -> CalculatorState {
        let pairs = query_pairs(query);
        let mut scenarios = Vec::new();
        // The number each scenario had in the link: a link with `s3_` but no
        // `s2_` gives two scenarios, and its `active=3` means the second.
        let mut numbers = Vec::new();
        for k in 1..=MAX_SCENARIOS {
            let Some(mine) = scenario_params(&pairs, k) else {
                continue;
            };
            let mut scenario = Scenario::default();
            // A field (or the card) the link gives twice with different
            // values keeps both and is refused until one is kept.
            let mut given = Vec::new();
            let mut protocol_given = false;
            let mut check_seen = false;
            for (name, value) in mine {
                match name {
                    "protocol" if !value.trim().is_empty() => {
                        let value = value.trim();
                        scenario.protocol = if protocol_given {
                            side_by_side(&scenario.protocol, value)
                        } else {
                            value.to_string()
                        };
                        protocol_given = true;
                    }
                    // Compared with this browser's card (`card_differs_notice`),
                    // and kept in the address until the scenario is edited.
                    // Given twice with different values, it is not kept.
                    "card_check" => {
                        let given = sent_check(value);
                        scenario.sent_check = if !check_seen || scenario.sent_check == given {
                            given
                        } else {
                            None
                        };
                        check_seen = true;
                    }
                    // Steps switched off: every one the link names.
                    "off" => {
                        for id in split_ids(value) {
                            insert_sorted(&mut scenario.off, id.to_string());
                        }
                    }
                    other => {
                        scenario.input.set_link_param(other, value, &mut given);
                    }
                }
            }
            // A check with no card named is compared with the default card
            // once (`card_differs_notice`), but not kept: the address is
            // then written with the card, where the sender's check would
            // read as another version of that card.
            if !protocol_given {
                scenario.sent_check = None;
            }
            scenarios.push(scenario);
            numbers.push(k);
        }
        let active = active_param(&pairs)
            .and_then(|v| scenario_number(v.trim()))
            .and_then(|k| numbers.iter().position(|&n| n == k))
            .unwrap_or(0);
        CalculatorState { scenarios, active }
    }

    /// The share-link query for the whole state (see the module docs),
    /// without card checks.
    pub fn to_query(&self) -> String {
        self.to_query_with(&|_| None)
    }

    /// The share-link query, with `card_check` after the card of each
    /// scenario that `check` gives one for (every card this browser holds).
    pub fn to_query_with(&self, check: &dyn Fn(&str) -> Option<String>) -> String {
        let mut parts = Vec::new();
        for (i, s) in self.scenarios.iter().enumerate() {
            let prefix = scenario_prefix(i + 1);
            parts.push(format!("{prefix}protocol={}", encode(&s.protocol)));
            if let Some(sum) = s.sent_check.clone().or_else(|| check(&s.protocol)) {
                parts.push(format!("{prefix}card_check={}", encode(&sum)));
            }
            for pair in s.input.to_query().split('&').filter(|p| !p.is_empty()) {
                parts.push(format!("{prefix}{pair}"));
            }
            if !s.off.is_empty() {
                let ids: Vec<String> = s.off.iter().map(|id| encode(id)).collect();
                parts.push(format!("{prefix}off={}", ids.join(",")));
            }
        }
        if self.active > 0 {
            parts.push(format!("active={}", self.active + 1));
        }
        parts.join("&")
    }
}

/// What the calculator shows for one scenario.
#[derive(Clone, Debug, PartialEq)]
pub enum Evaluation {
    /// The scenario names a card this browser does not have (for example an
    /// imported card in a link opened elsewhere): no figure.
    UnknownCard(String),
    /// The scenario names a card saved in this browser that no longer passes
    /// this app's checks (see `CardLibrary::unusable`): no figure.
    UnusableCard(String),
    /// Some inputs are refused: one error per field, no figure; and the
    /// blocks that fire on the valid fields, if any (a contraindication is
    /// shown as soon as the fields its rule reads are valid, whatever an
    /// unrelated field holds).
    InvalidInput(Vec<InputError>, Option<Blocked>),
    /// A block (no figure) or a dose with its breakdown.
    Computed(Outcome),
}

impl Evaluation {
    /// The error for a field, if its text is refused.
    pub fn field_error(&self, field: Field) -> Option<&InputError> {
        match self {
            Evaluation::InvalidInput(errors, _) => errors.iter().find(|e| e.field() == field),
            _ => None,
        }
    }
}

/// The card line of a printed sheet: name, version and review date, or why
/// there is none. Printed whatever the outcome (a dose, a block or refused
/// input), so a paper copy always says which card it was worked on.
pub fn card_line(library: &CardLibrary, protocol: &str) -> String {
    match library.get(protocol).map(|entry| entry.card) {
        Some(card) => {
            let c = card.card();
            format!(
                "{protocol}, \u{201c}{}\u{201d}, version {}, reviewed {}",
                c.name, c.version, c.review_date
            )
        }
        None if library.is_unusable(protocol) => {
            format!("{protocol} (saved in this browser, but it fails this app's checks)")
        }
        None => format!("{protocol} (not available in this browser)"),
    }
}

/// Adds `id` to a sorted list without duplicates, in its place. The lists are
/// a few factor ids, so this costs less (in code and time) than a sort.
fn insert_sorted(list: &mut Vec<String>, id: String) {
    if let Err(at) = list.binary_search(&id) {
        list.insert(at, id);
    }
}

/// Evaluates a scenario against the cards on offer. Input errors are reported
/// even when the card is unknown, so every field's message still shows.
pub fn evaluate(scenario: &Scenario, cards: &[ValidCard]) -> Evaluation {
    let input = scenario.input.parse();
    match (library::find(cards, &scenario.protocol), input) {
        (card, Err(errors)) => Evaluation::InvalidInput(
            errors,
            card.and_then(|card| blocks_on_valid_part(card, &scenario.input.parse_valid_part())),
        ),
        (None, Ok(_)) => Evaluation::UnknownCard(scenario.protocol.clone()),
        (Some(card), Ok(patient)) => Evaluation::Computed(compute(card, &patient, &scenario.off)),
    }
}

/// [`evaluate`] against the cards of `library`, where a card saved in this
/// browser that fails the checks is said to be unusable, not missing.
pub fn evaluate_in(scenario: &Scenario, library: &CardLibrary) -> Evaluation {
    match evaluate(scenario, library.cards()) {
        Evaluation::UnknownCard(id) if library.is_unusable(&id) => Evaluation::UnusableCard(id),
        evaluation => evaluation,
    }
}

/// Why a scenario has no card to compute with, in a few words: the link
/// named two different cards, or a card this browser does not have.
pub fn missing_card(id: &str) -> String {
    if id.contains(CONFLICT_SEPARATOR) {
        format!("the link names more than one card (\u{201c}{id}\u{201d}): choose one")
    } else {
        format!("the card \u{201c}{id}\u{201d} is not available in this browser")
    }
}

/// Why a scenario whose card is saved here but fails the checks has no
/// figure, in a few words.
pub fn unusable_card(id: &str) -> String {
    format!("the card \u{201c}{id}\u{201d} saved in this browser fails this app's checks")
}

/// Said where a card may be one saved in this browser that is not read yet.
pub const READING_CARDS: &str = "Reading the cards saved in this browser\u{2026}";

/// What to say when a scenario switches off ids that are no step of its
/// card (a link typed or edited by hand: `off=age-65`): they change nothing,
/// and without a word the reader would take the figures for a "what if".
/// `None` when every id is a step of the card, or the card is not here.
pub fn off_not_in_card_notice(scenario: &Scenario, cards: &[ValidCard]) -> Option<String> {
    let card = library::find(cards, &scenario.protocol)?;
    let ids: Vec<&String> = scenario
        .off
        .iter()
        .filter(|id| !card.card().factors.iter().any(|f| f.id == **id))
        .collect();
    let (these, are) = match ids.len() {
        0 => return None,
        1 => ("it is not a step", "it changes"),
        _ => ("they are not steps", "they change"),
    };
    Some(format!(
        "This link switches off {}, but {these} of this card, so {are} nothing. The steps this card has are in the table below.",
        named_list(&ids)
    ))
}

/// The label of the comparison's row that names each scenario's card.
pub const CARD_ROW: &str = "Protocol card";

/// The comparison at a glance shown above the results when there are two or
/// three scenarios: one row per figure, one cell per scenario, each cell the
/// figure as that scenario's result shows it (its steps and sources are in
/// that result), or "–" where the scenario has no figure, with the reason in
/// the "Result" row. A narrow table, so that the scenarios stay side by side
/// on a projector or a phone where their full results cannot. Until the
/// cards saved in this browser are read (`cards_read` false), a card not
/// built in may still turn up, so it is not yet called missing.
pub fn comparison<E: std::borrow::Borrow<Evaluation>>(
    scenarios: &[Scenario],
    evaluations: &[E],
    cards_read: bool,
) -> Vec<ComparisonRow> {
    const NONE: &str = "\u{2013}";
    let mut rows: Vec<ComparisonRow> = [
        CARD_ROW,
        "Result",
        "Infusion or day",
        "Dosing weight",
        "Rate",
        "Per kg",
        "Total",
        "Pump rate",
        "Warnings and notices",
    ]
    .into_iter()
    .map(|label| ComparisonRow {
        label,
        cells: Vec::new(),
    })
    .collect();
    for (scenario, evaluation) in scenarios.iter().zip(evaluations) {
        let evaluation: &Evaluation = evaluation.borrow();
        let result = match evaluation {
            Evaluation::Computed(Outcome::Dose(b)) if !b.switched_off().is_empty() => format!(
                "What if{}, switched off: {}",
                b.drug.unless_racemic(),
                b.switched_off().join("; ")
            ),
            Evaluation::Computed(Outcome::Dose(b)) => {
                format!("Illustrative figures{}", b.drug.unless_racemic())
            }
            Evaluation::Computed(Outcome::Blocked(b)) => {
                format!("Stopped, no dose: {}", b.primary.reason)
            }
            Evaluation::InvalidInput(_, Some(b)) => {
                format!(
                    "Stopped, no dose: {} (and an input is refused)",
                    b.primary.reason
                )
            }
            Evaluation::InvalidInput(_, None) => "No figure: an input is refused".to_string(),
            Evaluation::UnknownCard(_) if !cards_read => READING_CARDS.to_string(),
            Evaluation::UnknownCard(id) => format!("No figure: {}", missing_card(id)),
            Evaluation::UnusableCard(id) => format!("No figure: {}", unusable_card(id)),
        };
        let figures: [String; 7] = match evaluation {
            Evaluation::Computed(Outcome::Dose(b)) => {
                let f = b.figures();
                let (per, of) = if b.continuous {
                    ("per 24 h", "day")
                } else {
                    ("per session", "infusion")
                };
                [
                    format!("{of} {}", b.infusion_number),
                    f.dosing_weight_kg,
                    f.rate_mg_per_h,
                    f.rate_mg_per_kg_per_h,
                    format!("{} {per}", f.session_total_mg),
                    format!(
                        "{} ({} bag)",
                        f.pump_rate_ml_per_h,
                        b.concentration.display_as_read()
                    ),
                    warnings_cell(b.warnings.len(), b.notices.len()),
                ]
            }
            // No figure, but the warnings that apply all the same.
            Evaluation::Computed(Outcome::Blocked(b)) | Evaluation::InvalidInput(_, Some(b)) => {
                let mut cells: [String; 7] = std::array::from_fn(|_| NONE.to_string());
                if let Some(last) = cells.last_mut() {
                    *last = warnings_cell(b.warnings.len(), 0);
                }
                cells
            }
            _ => std::array::from_fn(|_| NONE.to_string()),
        };
        let cells = [scenario.protocol.clone(), result]
            .into_iter()
            .chain(figures);
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.cells.push(cell);
        }
    }
    rows
}

/// The comparison's count of warnings and notices (each is in the scenario's result): "none", or "1 warning, 2 notices".
fn warnings_cell(warnings: usize, notices: usize) -> String {
    let said: Vec<String> = [
        (warnings, "warning", "warnings"),
        (notices, "notice", "notices"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    if said.is_empty() {
        "none".to_string()
    } else {
        said.join(", ")
    }
}

/// One row of [`comparison`].
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// What the row shows ("Rate").
    pub label: &'static str,
    /// One text per scenario, in order.
    pub cells: Vec<String>,
}

static DEFAULT_SCENARIO: std::sync::LazyLock<Scenario> =
    std::sync::LazyLock::new(Scenario::default);

/// Scenario `k`'s parameters in a link, their prefix taken off; `None` when
/// the link has no such scenario. The first scenario is always there; a later
/// one needs a parameter this app knows (`s2_foo=1` alone is only named as
/// ignored).
fn scenario_params(pairs: &[(String, String)], k: usize) -> Option<Vec<(&str, &str)>> {
    let prefix = scenario_prefix(k);
    let mine: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|(n, v)| Some((n.strip_prefix(prefix.as_str())?, v.as_str())))
        .collect();
    // A card check alone makes no scenario: it only checks a card given.
    let known = mine
        .iter()
        .any(|(n, _)| *n != "card_check" && is_known_param(&format!("{prefix}{n}")));
    (k == 1 || known).then_some(mine)
}

/// A link that skips a scenario number (`s3_` with no `s2_`) shows its
/// scenarios one after another, renumbered: said, so that "look at
/// scenario 3" from the sender can be found ("This link has no scenario 2,
/// so its scenario 3 is shown as scenario 2."). `None` for any other link.
pub fn renumbered_notice(query: &str) -> Option<String> {
    let pairs = query_pairs(query);
    let held: Vec<usize> = (1..=MAX_SCENARIOS)
        .filter(|&k| scenario_params(&pairs, k).is_some())
        .collect();
    let moved: Vec<String> = held
        .iter()
        .enumerate()
        .filter(|&(i, &k)| i + 1 != k)
        .map(|(i, k)| format!("its scenario {k} is shown as scenario {}", i + 1))
        .collect();
    if moved.is_empty() {
        return None;
    }
    let last = *held.last()?;
    let missing: Vec<String> = (1..last)
        .filter(|k| !held.contains(k))
        .map(|k| k.to_string())
        .collect();
    Some(format!(
        "This link has no scenario {}, so {}.",
        missing.join(" or "),
        moved.join(" and ")
    ))
}

/// A scenario's number as `active=` gives it: digits only (`+2` is no
/// number here, as a typed age with a sign is none).
fn scenario_number(value: &str) -> Option<usize> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// The link's first `active=` value.
fn active_param(pairs: &[(String, String)]) -> Option<&str> {
    match active_values(pairs).as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The different values a link gives `active=` (trimmed, in order): more
/// than one names no scenario, as no value silently wins over another.
fn active_values(pairs: &[(String, String)]) -> Vec<&str> {
    let mut values: Vec<&str> = Vec::new();
    for (_, v) in pairs.iter().filter(|(n, _)| n == "active") {
        let v = v.trim();
        if !values.contains(&v) {
            values.push(v);
        }
    }
    values
}

/// What to say when a link's `active=` names no scenario the link holds
/// (`active=3` on a link with two, `active=two`): the first scenario is
/// shown instead, and without a word a reader would take it for the one the
/// sender meant. `None` when the value names a scenario or there is none.
/// With `s3_` but no `s2_`, `active=3` names the second tab, which is fine.
/// `active` given twice with different values names no scenario either.
pub fn active_param_notice(query: &str) -> Option<String> {
    let pairs = query_pairs(query);
    let values = active_values(&pairs);
    if values.len() > 1 {
        let named: Vec<String> = values
            .iter()
            .map(|v| format!("\u{201c}{}\u{201d}", shown_name(v)))
            .collect();
        return Some(format!(
            "This link asks to show more than one scenario ({}), so scenario 1 is shown. Ask the sender which scenario they meant.",
            named.join(", ")
        ));
    }
    let value = match values.as_slice() {
        [one] => *one,
        _ => return None,
    };
    let held = |k: usize| (1..=MAX_SCENARIOS).contains(&k) && scenario_params(&pairs, k).is_some();
    let wanted = scenario_number(value);
    if value.is_empty() || wanted.is_some_and(held) {
        return None;
    }
    let asked = match wanted {
        Some(k) => format!("scenario {k}, which it does not hold"),
        None => format!(
            "scenario \u{201c}{}\u{201d}, which is not a scenario number",
            shown_name(value)
        ),
    };
    Some(format!(
        "This link asks to show {asked}, so scenario 1 is shown. Ask the sender which scenario they meant."
    ))
}

/// `""` for the first scenario, `s2_`, `s3_` for the others.
fn scenario_prefix(k: usize) -> String {
    if k == 1 {
        String::new()
    } else {
        format!("s{k}_")
    }
}

/// Whether a parameter name belongs to the calculator's share-link format.
pub fn is_known_param(name: &str) -> bool {
    let bare = (2..=MAX_SCENARIOS)
        .find_map(|k| name.strip_prefix(scenario_prefix(k).as_str()))
        .unwrap_or(name);
    name == "active"
        || bare == "protocol"
        || bare == "off"
        || bare == "card_check"
        || bare == "age"
        || PARAM_NAMES.contains(&bare)
}

/// What to say about a link's parameters that are not in the share-link
/// format: their values are not used (a field left out of a link takes the
/// example adult's value), so a misspelt `Weight_kg` or `age_yrs` would
/// otherwise pass unseen. `None` when every parameter is known. Names are
/// listed once each, at most five, shortened, hidden characters shown as
/// "\u{fffd}".
pub fn ignored_params_notice(query: &str) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    for (name, _) in query_pairs(query) {
        // `entry` is any page's (scroll to an element), not the calculator's.
        if !is_known_param(&name) && name != "entry" && !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return None;
    }
    let (these, verb) = if names.len() == 1 {
        ("parameter", "its value was")
    } else {
        ("parameters", "their values were")
    };
    Some(format!(
        "This link gives {} {these} the calculator does not know, so {verb} not used: {}. Check every field below before reading a figure.",
        names.len(),
        named_list(&names)
    ))
}

/// What to say when a link was made with another card than the one this
/// browser holds under the same id: the `card_check` a scenario of the link
/// gives differs from `check` of its card here (`None`: no such card here,
/// which the result says). `builtin_version` gives the version of the card
/// under an id when it is one of this copy's built-in cards: a link to a
/// built-in card that differs was made with another version of the app, so
/// the fix is the sender's version, not an import. The cards are named once
/// each, imported cards first.
pub fn card_differs_notice(
    query: &str,
    check: impl Fn(&str) -> Option<String>,
    builtin_version: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let pairs = query_pairs(query);
    let mut differ: Vec<String> = Vec::new();
    let mut unnamed = false;
    for k in 1..=MAX_SCENARIOS {
        let Some(mine) = scenario_params(&pairs, k) else {
            continue;
        };
        let given = |name: &str| {
            let values: Vec<&str> = mine
                .iter()
                .filter(|(n, _)| *n == name)
                .map(|(_, v)| v.trim())
                .collect();
            match values.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        let Some(sent) = given("card_check") else {
            continue;
        };
        // No card named (or an empty one): the scenario uses the default
        // card, which the check must then be of.
        let named: Vec<&str> = mine
            .iter()
            .filter(|(n, _)| *n == "protocol")
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        let protocol = match named.as_slice() {
            [] => {
                if check(DEFAULT_PROTOCOL).is_some_and(|h| !h.eq_ignore_ascii_case(sent)) {
                    unnamed = true;
                }
                continue;
            }
            [first, rest @ ..] if rest.iter().all(|r| r == first) => *first,
            _ => continue,
        };
        let here = check(protocol);
        if here.is_some_and(|h| !h.eq_ignore_ascii_case(sent))
            && !differ.iter().any(|d| d == protocol)
        {
            differ.push(protocol.to_string());
        }
    }
    let mut builtin: Vec<(String, String)> = Vec::new();
    let mut imported: Vec<String> = Vec::new();
    for id in differ {
        match builtin_version(&id) {
            Some(version) => builtin.push((id, version)),
            None => imported.push(id),
        }
    }
    let mut said: Vec<String> = Vec::new();
    if unnamed {
        said.push(format!(
            "This link gives a card check but names no card, so the calculator uses its default card \u{201c}{DEFAULT_PROTOCOL}\u{201d}, and the check is not of that card: the link was made with another card. Ask the sender which card is meant."
        ));
    }
    // Not always someone else's: a link made here before a card was updated
    // differs too.
    let words = match imported.len() {
        0 => None,
        1 => Some(("a card", "differs", "the card under that id", "card")),
        _ => Some(("cards", "differ", "the cards under those ids", "cards")),
    };
    if let Some((card, differs, these, mine)) = words {
        said.push(format!(
            "This link was made with {card} {} that {differs} from {these} in this browser now, so the figures here come from this browser's {mine}. If the link came from someone else, ask them which card is meant, and import theirs if needed.",
            named_list(&imported)
        ));
    }
    let (versions, card, has) = match builtin.len() {
        0 => return (!said.is_empty()).then(|| said.join(" ")),
        1 => ("another version", "card", "version"),
        _ => ("other versions", "cards", "versions"),
    };
    let ids: Vec<&str> = builtin.iter().map(|(id, _)| id.as_str()).collect();
    let numbers: Vec<&str> = builtin.iter().map(|(_, v)| v.as_str()).collect();
    said.push(format!(
        "This link was made with {versions} of the built-in {card} {} than this copy of the app has (here: {has} {}), so the figures below come from this copy's {card} and can differ from the sender's. The card summary, the Protocol cards page and the printed sheet give a card's version: ask the sender which version they used.",
        named_list(&ids),
        numbers.join(", ")
    ));
    Some(said.join(" "))
}

/// Names from a link, quoted and shortened ([`shown_name`]), the first five
/// of them, and how many more: "“a”, “b”, “c”, “d”, “e” and 2 more".
fn named_list<S: AsRef<str>>(names: &[S]) -> String {
    const LISTED: usize = 5;
    let shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|name| match name.as_ref() {
            // `=70` or `&&`: a value with no name before it.
            "" => "one with no name (\u{201c}=\u{201d} with nothing before it)".to_string(),
            name => format!("\u{201c}{}\u{201d}", shown_name(name)),
        })
        .collect();
    match names.len().saturating_sub(LISTED) {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// What the live region adds after the first reason to stop when there are
/// others, so that a second reason met while the first stands is heard
/// (its text changes): "1 more reason to stop is listed." Empty for one.
pub fn stops_said(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => " 1 more reason to stop is listed.".to_string(),
        n => format!(" {n} more reasons to stop are listed."),
    }
}

/// What the live region adds after a result's figures when it has
/// warnings, so that a screen reader hears that they are there (they appear
/// on screen under a "Warnings" heading): "2 warnings, under Warnings."
/// Empty without warnings.
pub fn warnings_said(warnings: usize) -> String {
    match warnings {
        0 => String::new(),
        n => format!(
            " {}, under Warnings.",
            crate::domain::dosing::count(n, "warning", "warnings")
        ),
    }
}

/// A name or value from a link as a notice shows it: at most 30 characters
/// (then "…"). Hidden and control characters are already "\u{fffd}" (see
/// [`crate::domain::dosing::input::percent_decode`]).
pub fn shown_name(name: &str) -> String {
    let mut clean: String = name.chars().take(30).collect();
    if name.chars().count() > 30 {
        clean.push('\u{2026}');
    }
    clean
}

/// The source ids a printed sheet cites, once each, in the order they first
/// appear on it (dosing weight, base rate, each step, warnings and notices;
/// or each block that fired), so the paper copy can list them in full.
pub fn sheet_sources(evaluation: &Evaluation) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |list: &[String]| {
        for id in list {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    };
    match evaluation {
        Evaluation::Computed(Outcome::Dose(b)) => {
            add(&b.dosing_weight_sources);
            add(&b.base.sources);
            if let Some(bolus) = &b.bolus {
                add(&bolus.sources);
            }
            for step in &b.steps {
                add(&step.sources());
            }
            for m in b.warnings.iter().chain(&b.notices) {
                add(&m.sources);
            }
        }
        Evaluation::Computed(Outcome::Blocked(blocked))
        | Evaluation::InvalidInput(_, Some(blocked)) => {
            for block in blocked.all() {
                add(&block.sources);
            }
            for m in &blocked.warnings {
                add(&m.sources);
            }
        }
        Evaluation::InvalidInput(_, None)
        | Evaluation::UnknownCard(_)
        | Evaluation::UnusableCard(_) => {}
    }
    ids
}

/// The print sheet's line of steps switched off ("what if"): named as in
/// the steps table, and the ids the link names that switch off nothing for
/// this patient said apart, so that paper never reads as if they had been
/// switched off.
pub fn switched_off_line(scenario: &Scenario, evaluation: &Evaluation) -> String {
    match evaluation {
        Evaluation::Computed(Outcome::Dose(b)) if !scenario.off.is_empty() => {
            let (mut named, mut other): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
            for id in &scenario.off {
                match b.switched_off_label(id) {
                    Some(label) => named.push(label),
                    None => other.push(id),
                }
            }
            let verb = if other.len() == 1 { "does" } else { "do" };
            match (named.is_empty(), other.is_empty()) {
                (_, true) => named.join(", "),
                (true, false) => format!(
                    "none that applies here (the link names {}, which {verb} not apply here)",
                    named_list(&other)
                ),
                (false, false) => format!(
                    "{} (the link also names {}, which {verb} not apply here)",
                    named.join(", "),
                    named_list(&other)
                ),
            }
        }
        _ if scenario.off.is_empty() => "none".to_string(),
        // Stopped or refused: no step was taken, so none was switched off
        // (a contraindication's stop is never switched off).
        _ => format!(
            "none: no figure was worked out (the link asks to switch off {})",
            named_list(&scenario.off)
        ),
    }
}

/// Adds or removes one entry of a comma-separated medication list. Removal
/// takes every entry that reads as the same medication ("MAOI" and `maoi`),
/// or, for an entry this app does not know, that exact text.
fn toggle_in_list(list: &str, id: &str, on: bool) -> String {
    let medication = Medication::parse_lenient(id);
    let same = |item: &String| {
        item == id || medication.is_some_and(|m| Medication::parse_lenient(item) == Some(m))
    };
    let mut items: Vec<String> = split_ids(list)
        .into_iter()
        .map(str::to_string)
        .filter(|i| !same(i))
        .collect();
    if on {
        items.push(id.to_string());
    }
    items.join(",")
}

/// Percent-encodes everything outside unreserved characters (commas are
/// encoded too, as they separate list items).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn set_field(input: &mut RawPatientInput, field: Field, value: String) {
    *input.text_mut(field) = value;
}

/// The text a field currently holds (for the input's value).
pub fn field_text(input: &RawPatientInput, field: Field) -> &str {
    input.text(field)
}

/// Converts the weight text to the new unit when it is a number the engine
/// reads (so nothing typed is lost, and a value is never silently
/// reinterpreted: 70 kg becomes 154.3 lb, not 70 lb). The new text reads as
/// exactly the weight the old one did ([`weight_in`]), so a switch never
/// moves a weight across a card's threshold or into or out of the accepted
/// range (49.99 kg becomes 110.21 lb, which the engine reads as 49.99 kg).
fn switch_weight_unit(input: &mut RawPatientInput, unit: WeightUnit) {
    let from = input.weight_unit;
    if from == unit {
        return;
    }
    if let Some(text) = convert_parts(&input.weight, |part| weight_in(part, from, unit)) {
        input.weight = text;
        input.weight_unit = unit;
    }
}

/// As [`switch_weight_unit`], for the height (175.1 cm becomes 68.94 in).
fn switch_height_unit(input: &mut RawPatientInput, unit: HeightUnit) {
    let from = input.height_unit;
    if from == unit {
        return;
    }
    if let Some(text) = convert_parts(&input.height, |part| height_in(part, from, unit)) {
        input.height = text;
        input.height_unit = unit;
    }
}

/// The hint under the weight field: the range in kg, or that lb are
/// converted to kg.
pub fn weight_hint(input: &RawPatientInput) -> String {
    match input.weight_unit {
        WeightUnit::Kg => format!(
            "{}–{} kg",
            format_number(WEIGHT_MIN_KG, 1),
            format_number(WEIGHT_MAX_KG, 1)
        ),
        WeightUnit::Lb => {
            let kg = read_weight(&input.weight, WeightUnit::Lb)
                .ok()
                .and_then(|(kg, lb)| {
                    let shown = (WEIGHT_MIN_KG..=WEIGHT_MAX_KG).contains(&kg.0);
                    lb.filter(|_| shown).map(|lb| {
                        let typed = typed_decimals(&input.weight);
                        (
                            format_as_typed(lb.0, DoseUnit::Lb, typed),
                            kg.display_as_read(),
                        )
                    })
                });
            converted_hint(WEIGHT_LB_TYPED, DoseUnit::Lb, DoseUnit::Kg, kg)
        }
    }
}

/// The hint under a field typed in lb or inches: the range in that unit, as
/// its error names it (typed to 0.1: 66.10 lb is 29.98 kg, refused), and
/// either that the engine converts it or, for a value in range, what it
/// converts to ("154 lb is 69.9 kg"), so a figure in the other unit is seen
/// before it is used.
fn converted_hint(
    range: (f64, f64),
    typed: DoseUnit,
    used: DoseUnit,
    now: Option<(String, String)>,
) -> String {
    let unit = typed.symbol();
    let range = format!(
        "{}–{} {unit} (typed to 0.1 {unit}), converted to {}",
        format_number(range.0, 1),
        format_number(range.1, 1),
        used.symbol()
    );
    match now {
        Some((typed, used)) => format!("{range}: {typed} is {used}"),
        None => format!("{range} for the calculation"),
    }
}

/// The hint under the height field: the range in cm, or that inches are
/// converted to cm. A height in cm that no text in inches gives exactly
/// (typed to six decimals of a cm) is not switched to inches, and the hint
/// says why, so the unit list returning to cm is not left unexplained.
pub fn height_hint(input: &RawPatientInput) -> String {
    match input.height_unit {
        HeightUnit::Cm => {
            let range = format!(
                "{}–{} cm",
                format_number(HEIGHT_MIN_CM, 1),
                format_number(HEIGHT_MAX_CM, 1)
            );
            let switches = convert_parts(&input.height, |part| {
                height_in(part, HeightUnit::Cm, HeightUnit::In)
            })
            .is_some();
            if switches {
                range
            } else {
                format!(
                    "{range}. A height with {MAX_TYPED_DECIMALS} decimals has no exact value in \
                     inches, so it stays in cm. To switch to inches, use {} decimals or fewer.",
                    MAX_TYPED_DECIMALS - 1
                )
            }
        }
        HeightUnit::In => {
            let cm = read_height(&input.height, HeightUnit::In)
                .ok()
                .and_then(|(cm, inches)| {
                    let shown = (HEIGHT_MIN_CM..=HEIGHT_MAX_CM).contains(&cm.0);
                    inches.filter(|_| shown).map(|i| {
                        let typed = typed_decimals(&input.height);
                        (
                            format_as_typed(i.0, DoseUnit::Inches, typed),
                            cm.display_as_read(),
                        )
                    })
                });
            converted_hint(HEIGHT_IN_TYPED, DoseUnit::Inches, DoseUnit::Cm, cm)
        }
    }
}

/// The text with each of the values a link gave side by side ("70 | 150")
/// converted, so a value kept later means what it meant; text that is no
/// number ("abc") is kept as typed. `None`, and no switch, when a value has
/// no exact text in the other unit (a height typed to six decimals of a cm):
/// the unit stays, rather than the value moving.
fn convert_parts(text: &str, convert: impl Fn(&str) -> Converted) -> Option<String> {
    let mut parts = Vec::new();
    for part in text.split(CONFLICT_SEPARATOR) {
        parts.push(match convert(part) {
            Converted::Exact(text) => text,
            Converted::NotANumber => part.to_string(),
            Converted::NoExactText => return None,
        });
    }
    Some(parts.join(CONFLICT_SEPARATOR))
}

/// The inputs a printed sheet lists, in form order.
pub const SUMMARY_FIELDS: [Field; 18] = [
    Field::Weight,
    Field::Height,
    Field::Sex,
    Field::Age,
    Field::Pain,
    Field::Hepatic,
    Field::Cardiovascular,
    Field::RenalImpairment,
    Field::Medications,
    Field::Cyp2b6,
    Field::PregnantOrBreastfeeding,
    Field::Psychosis,
    Field::SubstanceUse,
    Field::RaisedIop,
    Field::RaisedIcp,
    Field::Hypersensitivity,
    Field::InfusionNumber,
    Field::Concentration,
];

/// Each input of [`SUMMARY_FIELDS`] as the printed sheet shows it: the value
/// the engine used, in words and in the medication-safety notation
/// (`154.3 lb (70 kg)`, `mild impairment (e.g. Child-Pugh A)`, `yes`,
/// `0.5 mg/mL`). When some inputs do not parse there is no figure on the
/// sheet: each of those is shown as typed (`none` when empty), and the
/// others as when every input parses, with their units.
pub fn input_summary(input: &RawPatientInput) -> Vec<(Field, String)> {
    let (parsed, wrong) = match input.parse() {
        Ok(p) => (Some(p), Vec::new()),
        Err(errors) => {
            // The fields that do parse, read with the example's text in
            // the place of each one that does not.
            let wrong: Vec<Field> = errors.iter().map(InputError::field).collect();
            let example = RawPatientInput::default();
            let mut patched = input.clone();
            for &f in &wrong {
                example.text(f).clone_into(patched.text_mut(f));
            }
            // The example's text in the example's unit (175 cm, not 175 in).
            if wrong.contains(&Field::Weight) {
                patched.weight_unit = example.weight_unit;
            }
            if wrong.contains(&Field::Height) {
                patched.height_unit = example.height_unit;
            }
            (patched.parse().ok(), wrong)
        }
    };
    let as_typed = |f: Field| {
        let text = field_text(input, f).trim();
        if text.is_empty() { "none" } else { text }.to_string()
    };
    let Some(p) = parsed else {
        return SUMMARY_FIELDS.iter().map(|&f| (f, as_typed(f))).collect();
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    SUMMARY_FIELDS
        .iter()
        .map(|&f| {
            let shown = match f {
                f if wrong.contains(&f) => as_typed(f),
                // At the precision typed, and the kg or cm used at the
                // precision the engine read them (110.21 lb is 49.99 kg,
                // where 110.2 lb is 50 kg).
                Field::Weight => {
                    let typed = typed_decimals(&input.weight);
                    let kg = format_dose_with(p.weight_kg().0, DoseUnit::Kg, typed);
                    match p.weight_entered_lb() {
                        Some(lb) => {
                            format!("{} ({kg})", format_as_typed(lb.0, DoseUnit::Lb, typed))
                        }
                        None => kg,
                    }
                }
                Field::Height => {
                    let typed = typed_decimals(&input.height);
                    match p.height_entered_in() {
                        Some(inches) => format!(
                            "{} ({})",
                            format_as_typed(inches.0, DoseUnit::Inches, typed),
                            format_dose_with(
                                p.height_cm().0,
                                DoseUnit::Cm,
                                Inches::cm_decimals(typed)
                            )
                        ),
                        None => format_dose_with(p.height_cm().0, DoseUnit::Cm, typed),
                    }
                }
                Field::Sex => p.sex().label().to_string(),
                Field::Age => format!("{} years", p.age_years()),
                Field::Pain => p.pain().label().to_string(),
                Field::Hepatic => p.hepatic().label().to_string(),
                Field::Cardiovascular => p.cardiovascular().label().to_string(),
                Field::RenalImpairment => yes_no(p.renal_impairment()),
                Field::Medications if p.medications().is_empty() => "none".to_string(),
                Field::Medications => p
                    .medications()
                    .iter()
                    .map(|m| m.label())
                    .collect::<Vec<_>>()
                    .join(", "),
                Field::Cyp2b6 => p.cyp2b6().label().to_string(),
                Field::PregnantOrBreastfeeding => yes_no(p.pregnant_or_breastfeeding()),
                Field::Psychosis => p.psychosis().label().to_string(),
                Field::SubstanceUse => p.substance_use().label().to_string(),
                Field::RaisedIop => yes_no(p.raised_iop()),
                Field::RaisedIcp => yes_no(p.raised_icp()),
                Field::Hypersensitivity => yes_no(p.hypersensitivity()),
                Field::InfusionNumber => p.infusion_number().to_string(),
                Field::Concentration => p.concentration().display_as_read(),
            };
            (f, shown)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in card re-read from its own JSON with one change made by
    /// `edit` (as another browser's card under the same id would be).
    fn card_edited(id: &str, edit: impl Fn(&mut crate::domain::json::Value)) -> ValidCard {
        let cards = library::builtin().unwrap();
        let mut value = library::find(cards, id).unwrap().card().to_json();
        edit(&mut value);
        crate::domain::dosing::validate::parse_card_value(&value, &library::is_known_source)
            .unwrap()
    }

    #[test]
    fn a_card_check_is_eight_hex_digits_that_follow_the_content_not_the_schema() {
        let cards = library::builtin().unwrap();
        let base = library::find(cards, "crps-4h").unwrap();
        let check = library::card_check(base);
        assert_eq!(check.len(), 8);
        assert!(check
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        // The same card read again: the same check.
        assert_eq!(library::card_check(&card_edited("crps-4h", |_| {})), check);
        // Another `$schema`: no figure changes, the same check.
        let schema = card_edited("crps-4h", |v| {
            if let crate::domain::json::Value::Object(o) = v {
                o.insert("$schema".to_string(), "elsewhere.json".into());
            }
        });
        assert_eq!(library::card_check(&schema), check);
        // Any other change (a name, a rate): another check.
        let renamed = card_edited("crps-4h", |v| {
            if let crate::domain::json::Value::Object(o) = v {
                o.insert("name".to_string(), "Our CRPS".into());
            }
        });
        assert_ne!(library::card_check(&renamed), check);
        // Every built-in card has its own.
        let all: Vec<String> = cards.iter().map(library::card_check).collect();
        for (i, c) in all.iter().enumerate() {
            assert!(!all.iter().take(i).any(|d| d == c), "{c}");
        }
    }

    #[test]
    fn a_links_card_check_is_kept_until_its_scenario_is_edited_here() {
        let here = |_: &str| Some("1f9c9b48".to_string());
        let state =
            CalculatorState::from_query("protocol=crps-4h&card_check=%20DEADBEEF&weight_kg=80");
        assert_eq!(state.scenarios[0].sent_check.as_deref(), Some("deadbeef"));
        let written = |s: &CalculatorState| s.to_query_with(&here);
        assert!(
            written(&state).contains("card_check=deadbeef&"),
            "{}",
            written(&state)
        );
        // Choosing the scenario, or typing the value it already has, edits nothing.
        let same = state
            .apply(Action::SelectScenario(0))
            .apply(Action::SetField(Field::Weight, "80".into()));
        assert_eq!(same.scenarios[0].sent_check.as_deref(), Some("deadbeef"));
        // Each edit makes the figures this browser's own.
        for edit in [
            Action::SetField(Field::Weight, "81".into()),
            Action::SetWeightUnit(WeightUnit::Lb),
            Action::SetHeightUnit(HeightUnit::In),
            Action::SetMedication("opioid".into(), true),
            Action::SetProtocol("crps-continuous".into()),
            Action::ToggleStep("age-65-plus".into()),
        ] {
            let edited = state.apply(edit.clone());
            assert_eq!(edited.scenarios[0].sent_check, None, "{edit:?}");
            assert!(
                written(&edited).contains("card_check=1f9c9b48"),
                "{edit:?}: {}",
                written(&edited)
            );
        }
        // A copy is made here; the scenario it copies keeps its sender's.
        let two = state.apply(Action::AddScenario);
        let kept: Vec<Option<&str>> = two
            .scenarios
            .iter()
            .map(|s| s.sent_check.as_deref())
            .collect();
        assert_eq!(kept, [Some("deadbeef"), None]);
        // Editing the copy leaves the other; removing the copy leaves it too.
        let edited = two.apply(Action::SetField(Field::Weight, "90".into()));
        assert_eq!(edited.scenarios[0].sent_check.as_deref(), Some("deadbeef"));
        let back = edited.apply(Action::RemoveScenario(1));
        assert_eq!(back.scenarios[0].sent_check.as_deref(), Some("deadbeef"));
        // Only a check of 8 hexadecimal digits is kept, and one given twice
        // only when both say the same.
        for (query, kept) in [
            ("card_check=deadbee", None),
            ("card_check=deadbeef0", None),
            ("card_check=deadbeeg", None),
            ("card_check=", None),
            ("card_check=deadbeef&card_check=DEADBEEF", Some("deadbeef")),
            ("card_check=deadbeef&card_check=00000000", None),
            (
                "card_check=00000000&card_check=deadbeef&card_check=00000000",
                None,
            ),
        ] {
            let s = CalculatorState::from_query(&format!("protocol=crps-4h&{query}"));
            assert_eq!(s.scenarios[0].sent_check.as_deref(), kept, "{query}");
        }
        // Another link loaded brings its own.
        let loaded = state.apply(Action::Load("protocol=crps-4h&card_check=0badc0de".into()));
        assert_eq!(loaded.scenarios[0].sent_check.as_deref(), Some("0badc0de"));
        assert_eq!(state.apply(Action::Reset).scenarios[0].sent_check, None);
    }

    #[test]
    fn a_link_carries_the_check_of_each_imported_card_and_reads_back_without_it() {
        let state = CalculatorState::from_query(
            "protocol=clinic-a&weight_kg=70&s2_protocol=crps-4h&s3_protocol=clinic-b&active=3",
        );
        let check = |id: &str| match id {
            "clinic-a" => Some("0123abcd".to_string()),
            "clinic-b" => Some("89ef4567".to_string()),
            _ => None,
        };
        let query = state.to_query_with(&check);
        assert!(
            query.starts_with("protocol=clinic-a&card_check=0123abcd&"),
            "{query}"
        );
        assert!(query.contains("&s2_protocol=crps-4h&s2_"), "{query}");
        assert!(!query.contains("s2_card_check"), "{query}");
        assert!(
            query.contains("&s3_protocol=clinic-b&s3_card_check=89ef4567&"),
            "{query}"
        );
        // Read back, each scenario keeps the check its link gave, and gives
        // it again whatever this browser's card under the id gives.
        let back = CalculatorState::from_query(&query);
        let kept: Vec<Option<&str>> = back
            .scenarios
            .iter()
            .map(|s| s.sent_check.as_deref())
            .collect();
        assert_eq!(kept, [Some("0123abcd"), None, Some("89ef4567")]);
        let mut without = back.clone();
        for s in &mut without.scenarios {
            s.sent_check = None;
        }
        assert_eq!(without, state);
        let again = back.to_query_with(&|_| Some("ffffffff".to_string()));
        assert!(
            again.starts_with("protocol=clinic-a&card_check=0123abcd&"),
            "{again}"
        );
        assert!(
            again.contains("&s2_protocol=crps-4h&s2_card_check=ffffffff&"),
            "{again}"
        );
        assert!(
            again.contains("&s3_protocol=clinic-b&s3_card_check=89ef4567&"),
            "{again}"
        );
        assert_eq!(state.to_query(), state.to_query_with(&|_| None));
        // A known parameter, never named as unused.
        for name in ["card_check", "s2_card_check", "s3_card_check"] {
            assert!(is_known_param(name), "{name}");
        }
        assert_eq!(ignored_params_notice(&query), None);
        assert!(!is_known_param("s4_card_check"));
        // A check alone makes no scenario.
        assert_eq!(
            CalculatorState::from_query("protocol=crps-4h&s2_card_check=abcd1234")
                .scenarios
                .len(),
            1
        );
        assert_eq!(
            CalculatorState::from_query("protocol=crps-4h&s2_card_check=abcd1234&s2_weight_kg=80")
                .scenarios
                .len(),
            2
        );
    }

    /// This browser's card checks, for the tests of `card_differs_notice`.
    fn checks_here(id: &str) -> Option<String> {
        match id {
            "clinic-a" => Some("0123abcd".to_string()),
            "clinic-b" => Some("89ef4567".to_string()),
            "crps-4h" => Some("11112222".to_string()),
            _ => None,
        }
    }

    #[test]
    fn a_link_made_with_another_card_under_the_same_id_says_so() {
        let here = checks_here;
        let none = |_: &str| None;
        // The same card (in any case), no check, or no such card here: nothing to say.
        for query in [
            "protocol=clinic-a&card_check=0123abcd",
            "protocol=clinic-a&card_check=%200123ABCD",
            "protocol=clinic-a",
            "protocol=clinic-z&card_check=ffffffff",
            // Given twice with different values: no one value to compare.
            "protocol=clinic-a&card_check=ffffffff&card_check=0123abcd",
        ] {
            assert_eq!(card_differs_notice(query, here, none), None, "{query}");
        }
        let one = card_differs_notice(
            "protocol=clinic-a&card_check=ffffffff&weight_kg=70",
            here,
            none,
        );
        assert_eq!(
            one.as_deref(),
            Some("This link was made with a card \u{201c}clinic-a\u{201d} that differs from the card under that id in this browser now, so the figures here come from this browser's card. If the link came from someone else, ask them which card is meant, and import theirs if needed.")
        );
        // Two scenarios on the same card: named once.
        assert_eq!(
            card_differs_notice(
                "protocol=clinic-a&card_check=ffffffff&s2_protocol=clinic-a&s2_card_check=ffffffff",
                here,
                none
            ),
            one
        );
        let two = card_differs_notice(
            "protocol=clinic-a&card_check=ffffffff&s2_protocol=crps-4h&s3_protocol=clinic-b&s3_card_check=00000000",
            here,
            none,
        )
        .unwrap();
        assert!(two.starts_with("This link was made with cards \u{201c}clinic-a\u{201d}, \u{201c}clinic-b\u{201d} that differ from the cards under those ids in this browser now, so the figures here come from this browser's cards. If"), "{two}");
    }

    #[test]
    fn a_card_check_without_a_card_is_not_kept_in_the_address() {
        // Written back with the card it uses and this browser's check, never
        // the sender's, which would then read as another version of it.
        let s = CalculatorState::from_query("card_check=0badc0de&weight_kg=70");
        assert_eq!(s.scenarios[0].sent_check, None);
        let s = CalculatorState::from_query("protocol=&card_check=0badc0de");
        assert_eq!(s.scenarios[0].sent_check, None);
        let s = CalculatorState::from_query("protocol=crps-4h&card_check=0badc0de");
        assert_eq!(s.scenarios[0].sent_check.as_deref(), Some("0badc0de"));
        let s = CalculatorState::from_query(
            "protocol=crps-4h&card_check=0badc0de&s2_card_check=0badc0de&s2_weight_kg=80",
        );
        assert_eq!(s.scenarios[1].sent_check, None);
        assert_eq!(s.scenarios[0].sent_check.as_deref(), Some("0badc0de"));
    }

    #[test]
    fn a_card_check_without_a_card_is_compared_with_the_default_card() {
        let here = checks_here;
        let none = |_: &str| None;
        let unnamed = "This link gives a card check but names no card, so the calculator uses its default card \u{201c}crps-4h\u{201d}, and the check is not of that card: the link was made with another card. Ask the sender which card is meant.";
        for query in [
            "card_check=ffffffff&weight_kg=70",
            "protocol=&card_check=ffffffff",
            "protocol=%20&card_check=0123abcd",
            "protocol=clinic-a&card_check=0123abcd&s2_card_check=0123abcd&s2_weight_kg=80",
        ] {
            assert_eq!(
                card_differs_notice(query, here, none).as_deref(),
                Some(unnamed),
                "{query}"
            );
        }
        // The default card's own check, or two different cards named: nothing.
        for query in [
            "card_check=11112222&weight_kg=70",
            "card_check=%2011112222",
            "protocol=clinic-a&protocol=clinic-b&card_check=ffffffff",
        ] {
            assert_eq!(card_differs_notice(query, here, none), None, "{query}");
        }
        // The same card named twice is that card.
        assert!(card_differs_notice(
            "protocol=clinic-a&protocol=clinic-a&card_check=ffffffff",
            here,
            none
        )
        .is_some_and(|n| n.starts_with("This link was made with a card \u{201c}clinic-a\u{201d}")));
        // Said first, then a named card that differs.
        let both = card_differs_notice(
            "card_check=ffffffff&s2_protocol=clinic-b&s2_card_check=00000000",
            here,
            none,
        )
        .unwrap();
        assert!(both.starts_with(unnamed), "{both}");
        assert!(both.ends_with("import theirs if needed."), "{both}");
    }

    #[test]
    fn a_link_made_with_another_version_of_a_built_in_card_says_so() {
        let here = |id: &str| match id {
            "clinic-a" => Some("0123abcd".to_string()),
            "crps-4h" => Some("11112222".to_string()),
            "headache-inpatient" => Some("33334444".to_string()),
            _ => None,
        };
        let builtin = |id: &str| match id {
            "crps-4h" => Some("1.1.3".to_string()),
            "headache-inpatient" => Some("1.1.4".to_string()),
            _ => None,
        };
        // The same version, or a link without a check: nothing to say.
        for query in [
            "protocol=crps-4h&card_check=11112222",
            "protocol=crps-4h&card_check=11112222&s2_protocol=headache-inpatient&s2_card_check=33334444",
            "protocol=crps-4h&weight_kg=70",
        ] {
            assert_eq!(card_differs_notice(query, here, builtin), None, "{query}");
        }
        assert_eq!(
            card_differs_notice("protocol=crps-4h&card_check=ffffffff&weight_kg=70", here, builtin).as_deref(),
            Some("This link was made with another version of the built-in card \u{201c}crps-4h\u{201d} than this copy of the app has (here: version 1.1.3), so the figures below come from this copy's card and can differ from the sender's. The card summary, the Protocol cards page and the printed sheet give a card's version: ask the sender which version they used.")
        );
        // Two built-in cards, named with their versions here, in the link's order.
        let two = card_differs_notice(
            "protocol=headache-inpatient&card_check=0&s2_protocol=crps-4h&s2_card_check=0",
            here,
            builtin,
        )
        .unwrap();
        assert!(two.starts_with("This link was made with other versions of the built-in cards \u{201c}headache-inpatient\u{201d}, \u{201c}crps-4h\u{201d} than this copy of the app has (here: versions 1.1.4, 1.1.3), so the figures below come from this copy's cards and"), "{two}");
        // An imported card and a built-in one that both differ: the imported
        // card's sentence first, then the built-in card's.
        let both = card_differs_notice(
            "protocol=crps-4h&card_check=0&s2_protocol=clinic-a&s2_card_check=0",
            here,
            builtin,
        )
        .unwrap();
        let imported = both
            .find("a card \u{201c}clinic-a\u{201d} that differs")
            .unwrap();
        let built_in = both
            .find("built-in card \u{201c}crps-4h\u{201d} than")
            .unwrap();
        assert!(imported < built_in, "{both}");
        assert!(
            both.contains("import theirs if needed. This link was made with another version"),
            "{both}"
        );
    }
    use crate::domain::dosing::format_number;
    use crate::domain::dosing::input::{medication_entries, read_height, read_weight};

    #[test]
    fn the_largest_link_the_app_writes_is_read() {
        use crate::domain::dosing::limits::CARD_MAX_FACTORS;
        use crate::domain::dosing::medication::Medication;
        use crate::domain::route::link_parts;
        // Three scenarios, each with every field given (decimal commas),
        // every medication and a full card's steps switched off.
        let meds: Vec<&str> = Medication::ALL.iter().map(|m| m.id()).collect();
        let off: Vec<String> = (0..CARD_MAX_FACTORS).map(|i| format!("step-{i}")).collect();
        let one = format!(
            "protocol=crps-4h&weight_kg=72,5&height_cm=175,5&sex=female&age_years=40&pain=crps&hepatic=mild&cardiovascular=controlled&medications={}&cyp2b6=poor&pregnant_or_breastfeeding=false&psychosis=none&substance_use=none&raised_iop=false&raised_icp=false&hypersensitivity=false&renal_impairment=false&infusion_number=3&concentration_mg_per_ml=2,5&off={}",
            meds.join(","),
            off.join(",")
        );
        let prefixed = |p: &str| {
            one.split('&')
                .map(|pair| format!("{p}{pair}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        let link = format!("{one}&{}&{}&active=2", prefixed("s2_"), prefixed("s3_"));
        let state = CalculatorState::from_query(&link);
        assert_eq!(state.scenarios.len(), 3);
        let written = state.to_query();
        assert!(state
            .scenarios
            .iter()
            .all(|s| s.off.len() == CARD_MAX_FACTORS));
        let parts = link_parts(&written);
        assert!(parts > 700 && parts < 800, "{parts}");
        let opened = crate::domain::route::parse_fragment(&format!("#/calculator?{written}"));
        assert_eq!((opened.refused_parts, opened.query), (0, written.clone()));
        assert_eq!(CalculatorState::from_query(&written), state);
    }

    fn summary(query: &str) -> Vec<String> {
        input_summary(&RawPatientInput::from_query(query))
            .into_iter()
            .map(|(f, shown)| format!("{}: {shown}", f.label()))
            .collect()
    }

    #[test]
    fn the_printed_inputs_are_the_values_used_in_words_and_notation() {
        let lines = summary(
            "weight_lb=154.30&height_cm=175.0&sex=female&age_years=70&pain=crps\
             &cardiovascular=poorly_controlled&renal_impairment=true&medications=clarithromycin,diazepam\
             &concentration_mg_per_ml=.5&infusion_number=3",
        );
        assert_eq!(lines.len(), SUMMARY_FIELDS.len());
        for expected in [
            "154.30 lb (69.99 kg)",
            "175 cm",
            ": female",
            ": 70 years",
            "complex regional pain syndrome (CRPS)",
            "poorly controlled hypertension or heart disease",
            ": diazepam, clarithromycin",
            ": 3",
            ": 0.5 mg/mL",
        ] {
            assert!(
                lines
                    .iter()
                    .any(|l| l.ends_with(expected) || l.contains(expected)),
                "{expected}: {lines:#?}"
            );
        }
        let weight = &lines[0];
        // 154.30 lb, typed to 0.01 lb, is read to 0.01 kg: 69.99 kg, as used;
        // its trailing zero stays, as it sets that precision (154.3 lb is
        // 70 kg), so the sheet's figure typed again gives the same dose.
        assert!(weight.ends_with(": 154.30 lb (69.99 kg)"), "{weight}");
        for (query, shown) in [
            ("weight_lb=154.3", "154.3 lb (70 kg)"),
            ("weight_lb=110.2", "110.2 lb (50 kg)"),
            ("weight_lb=110.21", "110.21 lb (49.99 kg)"),
            ("weight_lb=110.20", "110.20 lb (49.99 kg)"),
            ("weight_lb=110.", "110 lb (49.9 kg)"),
            ("weight_lb=110,200", "110.200 lb (49.986 kg)"),
            ("weight_kg=49.99", "49.99 kg"),
            ("weight_kg=49.999", "49.999 kg"),
        ] {
            assert_eq!(summary(query)[0], format!("Weight: {shown}"), "{query}");
        }
        for (query, shown) in [
            ("height_in=68.94", "68.94 in (175.1 cm)"),
            ("height_in=60.05", "60.05 in (152.5 cm)"),
            ("height_in=60.055", "60.055 in (152.54 cm)"),
            ("height_in=60.050", "60.050 in (152.53 cm)"),
            ("height_cm=152.45", "152.45 cm"),
        ] {
            assert_eq!(summary(query)[1], format!("Height: {shown}"), "{query}");
        }
        for line in &lines {
            assert!(
                !line.contains('_') && !line.contains("true") && !line.contains("false"),
                "{line}"
            );
        }
        let comma = summary("weight_kg=72,5&concentration_mg_per_ml=2.0");
        assert!(comma[0].ends_with(": 72.5 kg"), "{comma:?}");
        assert!(comma[17].ends_with(": 2 mg/mL"), "{comma:?}");
        let medications = SUMMARY_FIELDS
            .iter()
            .position(|f| *f == Field::Medications)
            .unwrap();
        assert_eq!(
            comma[medications],
            format!("{}: none", Field::Medications.label()),
            "no medications"
        );
    }

    #[test]
    fn printed_inputs_that_do_not_parse_are_shown_as_typed() {
        let lines = summary("weight_kg=abc&age_years=");
        assert!(lines[0].ends_with(": abc"), "{lines:?}");
        assert!(lines[3].ends_with(": none"), "{lines:?}");
        // The others keep their units and notation.
        assert!(lines[1].ends_with(": 175 cm"), "{lines:?}");
        assert!(lines[17].ends_with(": 1 mg/mL"), "{lines:?}");
        // One unknown medication: every other input as when all parse.
        let lines = summary("weight_lb=154.30&height_in=70&age=40&medications=sertraline&concentration_mg_per_ml=2,0");
        let medications = SUMMARY_FIELDS
            .iter()
            .position(|f| *f == Field::Medications)
            .unwrap();
        assert!(lines[medications].ends_with(": sertraline"), "{lines:?}");
        assert!(lines[0].ends_with(": 154.30 lb (69.99 kg)"), "{lines:?}");
        assert!(lines[1].ends_with(": 70 in (177.8 cm)"), "{lines:?}");
        assert!(lines[3].ends_with(": 40 years"), "{lines:?}");
        assert!(lines[17].ends_with(": 2 mg/mL"), "{lines:?}");
        // A wrong height in inches: the others still with their units (the
        // example's 175 is patched in as cm, not read as 175 in).
        let lines = summary("height_in=abc&weight_kg=70");
        assert!(lines[1].ends_with(": abc"), "{lines:?}");
        assert!(lines[0].ends_with(": 70 kg"), "{lines:?}");
        let lines = summary("weight_lb=x&height_cm=180");
        assert!(
            lines[0].ends_with(": x") && lines[1].ends_with(": 180 cm"),
            "{lines:?}"
        );
        // Every input wrong: each as typed.
        let lines = summary("weight_kg=x&height_cm=y&age=z&concentration_mg_per_ml=");
        assert!(
            lines[0].ends_with(": x") && lines[1].ends_with(": y"),
            "{lines:?}"
        );
        assert!(
            lines[3].ends_with(": z") && lines[17].ends_with(": none"),
            "{lines:?}"
        );
    }

    fn state(query: &str) -> CalculatorState {
        CalculatorState::from_query(query)
    }

    #[test]
    fn the_public_example_link_restores_its_values() {
        let s = state("protocol=crps-4h&weight_kg=70&height_cm=175&sex=male&age=40");
        assert_eq!(s.scenarios.len(), 1);
        let sc = &s.scenarios[0];
        assert_eq!(sc.protocol, "crps-4h");
        assert_eq!(sc.input.weight, "70");
        assert_eq!(sc.input.weight_unit, WeightUnit::Kg);
        assert_eq!(sc.input.height, "175");
        assert_eq!(sc.input.sex, "male");
        assert_eq!(sc.input.age_years, "40");
    }

    #[test]
    fn query_round_trips_every_part_of_the_state() {
        let mut s = CalculatorState::default();
        s = s.apply(Action::SetProtocol("outpatient-consensus".into()));
        s = s.apply(Action::SetField(Field::Weight, "150".into()));
        s = s.apply(Action::SetMedication("clarithromycin".into(), true));
        s = s.apply(Action::SetMedication("opioid".into(), true));
        s = s.apply(Action::ToggleStep("age-65-plus".into()));
        s = s.apply(Action::AddScenario);
        s = s.apply(Action::SetWeightUnit(WeightUnit::Lb));
        s = s.apply(Action::SetField(Field::Age, "7 0".into()));
        s = s.apply(Action::AddScenario);
        s = s.apply(Action::SetProtocol("crps-4h".into()));
        s = s.apply(Action::SelectScenario(1));
        let query = s.to_query();
        assert_eq!(CalculatorState::from_query(&query), s, "{query}");
        assert!(query.contains("s2_weight_lb=330.7"), "{query}");
        assert!(query.contains("s3_protocol=crps-4h"), "{query}");
        assert!(query.contains("off=age-65-plus"), "{query}");
        assert!(
            query.contains("medications=clarithromycin,opioid"),
            "{query}"
        );
        assert!(query.ends_with("active=2"), "{query}");
    }

    #[test]
    fn warnings_are_said_by_count() {
        assert_eq!(warnings_said(0), "");
        assert_eq!(warnings_said(1), " 1 warning, under Warnings.");
        assert_eq!(warnings_said(2), " 2 warnings, under Warnings.");
        assert_eq!(stops_said(0), "");
        assert_eq!(stops_said(1), " 1 more reason to stop is listed.");
        assert_eq!(stops_said(2), " 2 more reasons to stop are listed.");
    }

    #[test]
    fn ids_switched_off_that_are_no_step_of_the_card_are_named() {
        let cards = library::builtin().unwrap_or_default();
        let notice = |q: &str| off_not_in_card_notice(&state(q).scenarios[0], cards);
        // A step of the card, applying or not, is no cause for a word.
        assert_eq!(notice("protocol=crps-4h&off=age-65-plus"), None);
        assert_eq!(
            notice("protocol=crps-4h&age_years=40&off=age-65-plus"),
            None
        );
        assert_eq!(notice("protocol=crps-4h"), None);
        // No card here: the page says so already.
        assert_eq!(notice("protocol=clinic-own&off=x"), None);
        assert_eq!(
            notice("protocol=crps-4h&off=age-65"),
            Some("This link switches off \u{201c}age-65\u{201d}, but it is not a step of this card, so it changes nothing. The steps this card has are in the table below.".to_string())
        );
        assert_eq!(
            notice("protocol=crps-4h&off=age-65-plus,liver,x%E2%80%AE"),
            Some("This link switches off \u{201c}liver\u{201d}, \u{201c}x\u{fffd}\u{201d}, but they are not steps of this card, so they change nothing. The steps this card has are in the table below.".to_string())
        );
        // Five are named, the rest counted.
        assert_eq!(
            notice("protocol=crps-4h&off=a,b,c,d,e"),
            Some("This link switches off \u{201c}a\u{201d}, \u{201c}b\u{201d}, \u{201c}c\u{201d}, \u{201c}d\u{201d}, \u{201c}e\u{201d}, but they are not steps of this card, so they change nothing. The steps this card has are in the table below.".to_string())
        );
        assert_eq!(
            notice("protocol=crps-4h&off=a,b,c,d,e,f,age-65-plus,g"),
            Some("This link switches off \u{201c}a\u{201d}, \u{201c}b\u{201d}, \u{201c}c\u{201d}, \u{201c}d\u{201d}, \u{201c}e\u{201d} and 2 more, but they are not steps of this card, so they change nothing. The steps this card has are in the table below.".to_string())
        );
    }

    #[test]
    fn a_link_that_skips_a_scenario_number_says_how_its_scenarios_are_numbered_here() {
        assert_eq!(
            renumbered_notice("s3_weight_kg=90&active=3"),
            Some(
                "This link has no scenario 2, so its scenario 3 is shown as scenario 2."
                    .to_string()
            )
        );
        // The state agrees: two scenarios, the second active.
        let s = state("s3_weight_kg=90&active=3");
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.active, 1);
        // Nothing skipped: nothing said.
        assert_eq!(
            renumbered_notice("weight_kg=80&s2_weight_kg=90&s3_weight_kg=100"),
            None
        );
        assert_eq!(renumbered_notice("s2_weight_kg=90"), None);
        assert_eq!(renumbered_notice("weight_kg=80"), None);
        assert_eq!(renumbered_notice(""), None);
        // A card check alone makes no scenario, so nothing is skipped.
        assert_eq!(renumbered_notice("s3_card_check=0123abcd"), None);
    }

    /// A contraindication on valid fields is shown with a refused field
    /// elsewhere: in the evaluation (with the field's error kept), the
    /// comparison's line, and the sources of the printed sheet.
    #[test]
    fn a_stop_on_valid_fields_is_shown_beside_a_refused_field() {
        let cards = library::builtin().unwrap_or_default();
        let s = state(
            "protocol=crps-4h&psychosis=active&weight_kg=abc&s2_protocol=crps-4h&s2_weight_kg=abc",
        );
        let evaluations: Vec<Evaluation> =
            s.scenarios.iter().map(|sc| evaluate(sc, cards)).collect();
        let Some(Evaluation::InvalidInput(errors, Some(blocked))) = evaluations.first() else {
            panic!("{evaluations:?}");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field(), Field::Weight);
        assert_eq!(blocked.primary.id, "psychosis-active");
        assert!(evaluations[0].field_error(Field::Weight).is_some());
        assert!(sheet_sources(&evaluations[0]).contains(&"R2".to_string()));
        // The second scenario has the refused weight only: no stop.
        assert!(matches!(&evaluations[1], Evaluation::InvalidInput(_, None)));
        assert!(sheet_sources(&evaluations[1]).is_empty());
        let rows = comparison(&s.scenarios, &evaluations, true);
        assert_eq!(rows[1].label, "Result");
        let result = &rows[1].cells;
        assert!(
            result[0].starts_with("Stopped, no dose: Active psychosis"),
            "{result:?}"
        );
        assert!(
            result[0].ends_with(" (and an input is refused)"),
            "{result:?}"
        );
        assert_eq!(result[1], "No figure: an input is refused");
        // An unknown card: the card's own stops cannot be known.
        let s = state("protocol=no-such-card&psychosis=active&weight_kg=abc");
        assert!(matches!(
            evaluate(&s.scenarios[0], cards),
            Evaluation::InvalidInput(_, None)
        ));
    }

    #[test]
    fn the_comparison_at_a_glance_gives_each_scenario_its_figures_or_why_it_has_none() {
        let cards = library::builtin().unwrap_or_default();
        let rows = |query: &str| {
            let s = state(query);
            let evaluations: Vec<Evaluation> =
                s.scenarios.iter().map(|sc| evaluate(sc, cards)).collect();
            comparison(&s.scenarios, &evaluations, true)
                .into_iter()
                .map(|r| (r.label, r.cells))
                .collect::<Vec<_>>()
        };
        let cells = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
        // The example adult on crps-4h (24.5 mg/h, the README's example);
        // 80 kg on the same card; the continuous card with its age step
        // switched off.
        assert_eq!(
            rows("protocol=crps-4h&weight_kg=70&s2_protocol=crps-4h&s2_weight_kg=80&s3_protocol=crps-continuous&s3_weight_kg=70&s3_age_years=70&s3_off=age-65-plus"),
            vec![
                ("Protocol card", cells(&["crps-4h", "crps-4h", "crps-continuous"])),
                ("Result", cells(&["Illustrative figures", "Illustrative figures", "What if, switched off: Age 65 or older"])),
                ("Infusion or day", cells(&["infusion 1", "infusion 1", "day 1"])),
                ("Dosing weight", cells(&["70 kg", "80 kg", "70 kg"])),
                ("Rate", cells(&["24.5 mg/h", "25 mg/h", "10 mg/h"])),
                ("Per kg", cells(&["0.35 mg/kg/h", "0.31 mg/kg/h", "0.14 mg/kg/h"])),
                ("Total", cells(&["98 mg per session", "100 mg per session", "240 mg per 24 h"])),
                ("Pump rate", cells(&["24.5 mL/h (1 mg/mL bag)", "25 mL/h (1 mg/mL bag)", "10 mL/h (1 mg/mL bag)"])),
                // 80 kg is held at the card's hourly cap, which warns.
                ("Warnings and notices", cells(&["none", "1 warning", "none"])),
            ]
        );
        // A block, a refused input and a card this browser does not have:
        // the reason in the "Result" row, no figure.
        let none = || "\u{2013}".to_string();
        let r = rows("protocol=crps-4h&psychosis=active&s2_weight_kg=abc&s3_protocol=clinic-own");
        assert_eq!(
            r[1].1,
            cells(&[
                "Stopped, no dose: Active psychosis: the 2018 consensus advises against ketamine (grade B, low certainty).",
                "No figure: an input is refused",
                "No figure: the card \u{201c}clinic-own\u{201d} is not available in this browser"
            ])
        );
        for (label, row) in &r[2..8] {
            assert_eq!(row, &vec![none(), none(), none()], "{label}");
        }
        // A stopped scenario still counts its warnings (none here).
        assert_eq!(
            r[8],
            (
                "Warnings and notices",
                cells(&["none", "\u{2013}", "\u{2013}"])
            )
        );
        // Warnings are counted (each is in the scenario's result).
        let warned = rows("protocol=crps-4h&hepatic=moderate&cardiovascular=controlled");
        assert_eq!(warned[8], ("Warnings and notices", cells(&["2 warnings"])));
        // Notices are counted beside warnings: a session under the 2018
        // consensus minimum, and a condition the card does not list (they
        // were "none" beside a result that showed them).
        let noticed = rows("protocol=outpatient-consensus&age_years=70&s2_protocol=crps-4h&s2_pain=headache&s2_hepatic=moderate");
        assert_eq!(
            noticed[8],
            (
                "Warnings and notices",
                cells(&["1 notice", "1 warning, 1 notice"])
            )
        );
        // Stopped, with the warnings that apply all the same: counted too,
        // also with a refused input beside the stop.
        let stopped = rows("protocol=outpatient-consensus&medications=theophylline,opioid,tricyclic&s2_protocol=outpatient-consensus&s2_medications=theophylline,opioid,tricyclic&s2_weight_kg=abc");
        assert!(
            stopped[1].1[0].starts_with("Stopped, no dose: "),
            "{:?}",
            stopped[1]
        );
        assert!(
            stopped[1].1[1].ends_with("(and an input is refused)"),
            "{:?}",
            stopped[1]
        );
        assert_eq!(
            stopped[8],
            ("Warnings and notices", cells(&["2 warnings", "2 warnings"]))
        );
        // Before the saved cards are read, a card not built in is not yet
        // called missing.
        let s = state("protocol=crps-4h&s2_protocol=clinic-own");
        let evaluations: Vec<Evaluation> =
            s.scenarios.iter().map(|sc| evaluate(sc, cards)).collect();
        assert_eq!(
            comparison(&s.scenarios, &evaluations, false)[1].cells,
            cells(&[
                "Illustrative figures",
                "Reading the cards saved in this browser\u{2026}"
            ])
        );
        // The infusion asked for (past the ladder's last rung too), and the
        // names of the steps switched off.
        let later = rows("protocol=crps-4h&infusion_number=12&s2_protocol=outpatient-consensus&s2_age_years=70&s2_medications=opioid&s2_off=age-65-plus,opioid-cns-depressant");
        assert_eq!(later[2].1, cells(&["infusion 12", "infusion 1"]));
        assert_eq!(
            later[1].1[1],
            "What if, switched off: Age 65 or older; Opioid or other CNS depressant"
        );
        // One scenario: one cell per row.
        assert!(rows("protocol=crps-4h").iter().all(|(_, c)| c.len() == 1));
    }

    #[test]
    fn an_active_value_naming_no_scenario_is_reported() {
        let missing = |k: &str| {
            format!("This link asks to show scenario {k}, so scenario 1 is shown. Ask the sender which scenario they meant.")
        };
        // Two scenarios: 1 and 2 are held (just inside), 3 is not (just
        // past), nor 0 (just below).
        let two = "weight_kg=70&s2_weight_kg=80";
        for k in [1, 2] {
            assert_eq!(
                active_param_notice(&format!("{two}&active={k}")),
                None,
                "{k}"
            );
        }
        assert_eq!(
            active_param_notice(&format!("{two}&active=3")),
            Some(missing("3, which it does not hold"))
        );
        assert_eq!(
            active_param_notice(&format!("{two}&active=0")),
            Some(missing("0, which it does not hold"))
        );
        // The state agrees: a held number is shown, another falls back.
        assert_eq!(state(&format!("{two}&active=2")).active, 1);
        assert_eq!(state(&format!("{two}&active=3")).active, 0);
        // One scenario; `s2_foo` alone makes none.
        assert_eq!(
            active_param_notice("weight_kg=70&s2_foo=1&active=2"),
            Some(missing("2, which it does not hold"))
        );
        // Three scenarios: 3 is held, 4 is not (past the most there can be).
        let three = "weight_kg=70&s2_weight_kg=80&s3_weight_kg=90";
        assert_eq!(active_param_notice(&format!("{three}&active=3")), None);
        assert_eq!(
            active_param_notice(&format!("{three}&active=4")),
            Some(missing("4, which it does not hold"))
        );
        // `s3_` without `s2_`: the link's own numbers count.
        let gap = "weight_kg=70&s3_weight_kg=90";
        assert_eq!(active_param_notice(&format!("{gap}&active=3")), None);
        assert_eq!(state(&format!("{gap}&active=3")).active, 1);
        assert_eq!(
            active_param_notice(&format!("{gap}&active=2")),
            Some(missing("2, which it does not hold"))
        );
        // Not a number: named, shortened and cleaned like unknown names.
        assert_eq!(
            active_param_notice("weight_kg=70&active=two"),
            Some(missing(
                "\u{201c}two\u{201d}, which is not a scenario number"
            ))
        );
        assert_eq!(
            active_param_notice("active=%E2%80%AE2"),
            Some(missing(
                "\u{201c}\u{fffd}2\u{201d}, which is not a scenario number"
            ))
        );
        // Digits only: a sign makes no scenario number (scenario 1 shown).
        for signed in ["%2B2", "-2", "2.0"] {
            let link = format!("{two}&active={signed}");
            assert_eq!(state(&link).active, 0, "{signed}");
            let shown = signed.replace("%2B", "+");
            assert_eq!(
                active_param_notice(&link),
                Some(missing(&format!(
                    "\u{201c}{shown}\u{201d}, which is not a scenario number"
                ))),
                "{signed}"
            );
        }
        assert_eq!(state(&format!("{two}&active=02")).active, 1);
        assert_eq!(active_param_notice(&format!("{two}&active=02")), None);
        // No value, or none given: nothing to say.
        assert_eq!(active_param_notice("weight_kg=70&active="), None);
        assert_eq!(active_param_notice("weight_kg=70&active=%20"), None);
        assert_eq!(active_param_notice("weight_kg=70"), None);
        assert_eq!(active_param_notice(""), None);
        // `active` given twice: the same value (spaces aside) is one
        // value; different ones name no scenario, and the page says so.
        assert_eq!(
            active_param_notice(&format!("{two}&active=2&active=%202")),
            None
        );
        assert_eq!(state(&format!("{two}&active=2&active=2")).active, 1);
        assert_eq!(
            active_param_notice(&format!("{two}&active=2&active=1&active=x%E2%80%AE")),
            Some(
                "This link asks to show more than one scenario (\u{201c}2\u{201d}, \u{201c}1\u{201d}, \u{201c}x\u{fffd}\u{201d}), so scenario 1 is shown. Ask the sender which scenario they meant.".to_string()
            )
        );
        assert_eq!(state(&format!("{two}&active=2&active=1")).active, 0);
        assert_eq!(state(&format!("{two}&active=2&active=9")).active, 0);
        // Whatever the state writes reads back without a notice.
        let mut s = state(three);
        for k in 0..3 {
            s = s.apply(Action::SelectScenario(k));
            assert_eq!(active_param_notice(&s.to_query()), None, "{k}");
        }
    }

    #[test]
    fn unknown_parameters_are_ignored_and_bad_values_kept_for_display() {
        let s = state("foo=bar&weight_kg=abc&s9_protocol=x&active=7");
        assert_eq!(s.scenarios.len(), 1);
        assert_eq!(s.active, 0);
        assert_eq!(s.scenarios[0].input.weight, "abc");
        assert_eq!(s.scenarios[0].protocol, DEFAULT_PROTOCOL);
        assert_eq!(
            ignored_params_notice("protocol=crps-4h&Weight_kg=150&weight=150&age_yrs=80&weight=1").as_deref(),
            Some("This link gives 3 parameters the calculator does not know, so their values were not used: \u{201c}Weight_kg\u{201d}, \u{201c}weight\u{201d}, \u{201c}age_yrs\u{201d}. Check every field below before reading a figure.")
        );
        assert_eq!(
            ignored_params_notice("wieght_kg=70").as_deref(),
            Some("This link gives 1 parameter the calculator does not know, so its value was not used: \u{201c}wieght_kg\u{201d}. Check every field below before reading a figure.")
        );
        // Long lists, long names and hidden characters.
        let notice = ignored_params_notice("a=1&b=1&c=1&d=1&e=1&f=1&g=1&%E2%80%AEx%07=1").unwrap();
        assert!(notice.contains("\u{201c}e\u{201d} and 3 more."), "{notice}");
        let notice = ignored_params_notice(&format!("{}=1", "n".repeat(31))).unwrap();
        assert!(
            notice.contains(&format!("\u{201c}{}\u{2026}\u{201d}", "n".repeat(30))),
            "{notice}"
        );
        let notice = ignored_params_notice(&format!("{}=1", "n".repeat(30))).unwrap();
        assert!(
            notice.contains(&format!("\u{201c}{}\u{201d}", "n".repeat(30))),
            "{notice}"
        );
        let notice = ignored_params_notice("%E2%80%AEx%07=1").unwrap();
        assert!(
            notice.contains("\u{201c}\u{fffd}x\u{fffd}\u{201d}"),
            "{notice}"
        );
        // A value with no name is said so, not quoted as an empty name.
        assert_eq!(
            ignored_params_notice("protocol=crps-4h&=70").as_deref(),
            Some("This link gives 1 parameter the calculator does not know, so its value was not used: one with no name (\u{201c}=\u{201d} with nothing before it). Check every field below before reading a figure.")
        );
        // Every name of the format, in every scenario, is known.
        for query in [
            "protocol=crps-4h&weight_kg=70&height_cm=175&sex=male&age=40&age_years=40&off=a&active=2",
            "s2_protocol=crps-4h&s2_weight_lb=150&s3_height_in=60&s3_off=b",
            "protocol=crps-4h&entry=reset",
            "",
        ] {
            assert_eq!(ignored_params_notice(query), None, "{query}");
        }
        for name in PARAM_NAMES {
            assert_eq!(
                ignored_params_notice(&format!("{name}=1&s3_{name}=1")),
                None,
                "{name}"
            );
        }
        assert!(ignored_params_notice("s4_weight_kg=70").is_some());
        // An unknown parameter alone makes no scenario; a known one does.
        assert_eq!(
            CalculatorState::from_query("protocol=crps-4h&s2_foo=1")
                .scenarios
                .len(),
            1
        );
        assert!(ignored_params_notice("protocol=crps-4h&s2_foo=1").is_some());
        assert_eq!(
            CalculatorState::from_query("protocol=crps-4h&s2_foo=1&s2_weight_kg=50")
                .scenarios
                .len(),
            2
        );
        // The sheet's sources: once each, in order of first appearance.
        let cards = library::builtin().unwrap_or_default();
        let dose = evaluate(
            &CalculatorState::from_query("protocol=crps-4h&weight_kg=70&age=70&infusion_number=2")
                .scenarios[0],
            cards,
        );
        let ids = sheet_sources(&dose);
        let Evaluation::Computed(Outcome::Dose(b)) = &dose else {
            panic!("a dose");
        };
        let mut expected: Vec<String> = Vec::new();
        for id in b
            .dosing_weight_sources
            .iter()
            .chain(&b.base.sources)
            .chain(
                b.steps
                    .iter()
                    .flat_map(|s| s.sources())
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .chain(
                b.warnings
                    .iter()
                    .chain(&b.notices)
                    .flat_map(|m| m.sources.iter()),
            )
        {
            if !expected.contains(id) {
                expected.push(id.clone());
            }
        }
        assert_eq!(ids, expected);
        assert!(ids.len() >= 3, "{ids:?}");
        assert!(
            ids.contains(&"R5".to_string()) && ids.contains(&"R36".to_string()),
            "{ids:?}"
        );
        let blocked = evaluate(
            &CalculatorState::from_query("protocol=crps-4h&psychosis=active").scenarios[0],
            cards,
        );
        assert!(!sheet_sources(&blocked).is_empty());
        let invalid = evaluate(
            &CalculatorState::from_query("protocol=crps-4h&weight_kg=abc").scenarios[0],
            cards,
        );
        assert!(sheet_sources(&invalid).is_empty());
        // The ladder in one line: alike steps together (the same rate held
        // by the same), counted in the card's steps.
        let dose = |q: &str| match evaluate(&CalculatorState::from_query(q).scenarios[0], cards) {
            Evaluation::Computed(Outcome::Dose(b)) => b,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            dose("protocol=crps-4h&weight_kg=70").ladder_line().as_deref(),
            Some("Rate by infusion (illustrative): infusions 1 to 10: 24.5 mg/h, pump 24.5 mL/h. This sheet is for infusion 1.")
        );
        assert_eq!(
            dose("protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male&age_years=70&infusion_number=4").ladder_line().as_deref(),
            Some("Titration ladder (illustrative): infusion 1: 25.6 mg/h, pump 25.6 mL/h; infusion 2: 38.4 mg/h, pump 38.4 mL/h; infusions 3 to 6: 50 mg/h, pump 50 mL/h, held by the card cap per session. This sheet is for infusion 4.")
        );
        let continuous = dose("protocol=crps-continuous&weight_kg=70&infusion_number=2");
        assert_eq!(
            continuous.ladder_line().as_deref(),
            Some("Titration ladder (illustrative): day 1: 10 mg/h, pump 10 mL/h; day 2: 20 mg/h, pump 20 mL/h; day 3: 30 mg/h, pump 30 mL/h; day 4: 40 mg/h, pump 40 mL/h; day 5: 40 mg/h, pump 40 mL/h, held by the titration maximum 40 mg/h. This sheet is for day 2.")
        );
        assert_eq!(continuous.course_step(), "day");
        // A continuous card that does not titrate still counts days; an
        // intermittent one infusions; a card with no ladder has no line.
        let mut no_titration = continuous.clone();
        no_titration.titration_per = None;
        assert_eq!(no_titration.course_step(), "day");
        no_titration.continuous = false;
        assert_eq!(no_titration.course_step(), "infusion");
        no_titration.ladder.clear();
        assert_eq!(no_titration.ladder_line(), None);
        let four = dose("protocol=crps-4h&weight_kg=70&age=70&off=age-65-plus");
        assert_eq!(four.course_step(), "infusion");
        assert_eq!(
            four.switched_off_label("age-65-plus"),
            Some("Age 65 or older")
        );
        assert_eq!(four.switched_off_label("hepatic-moderate"), None);
        assert_eq!(
            dose("protocol=crps-4h&age=70").switched_off_label("age-65-plus"),
            None
        );
        // The print sheet's switched-off line, for each kind of result.
        let line = |q: &str| {
            let s = CalculatorState::from_query(q);
            switched_off_line(&s.scenarios[0], &evaluate(&s.scenarios[0], cards))
        };
        assert_eq!(line("protocol=crps-4h&age=70"), "none");
        assert_eq!(
            line("protocol=crps-4h&age=70&off=age-65-plus"),
            "Age 65 or older"
        );
        assert_eq!(
            line("protocol=crps-4h&off=age-65-plus,x"),
            "none that applies here (the link names \u{201c}age-65-plus\u{201d}, \u{201c}x\u{201d}, which do not apply here)"
        );
        // Five are named, the rest counted: a sheet stays one page.
        assert_eq!(
            line("protocol=crps-4h&age=70&off=age-65-plus,a,b,c,d,e,f,g"),
            "Age 65 or older (the link also names \u{201c}a\u{201d}, \u{201c}b\u{201d}, \u{201c}c\u{201d}, \u{201c}d\u{201d}, \u{201c}e\u{201d} and 2 more, which do not apply here)"
        );
        // No figures (blocked or invalid): none switched off, and the ids
        // the link gives said as such (a stop itself, named in the link,
        // was never switched off: the sheet read as if it had been).
        assert_eq!(
            line("protocol=crps-4h&psychosis=active&off=age-65-plus"),
            "none: no figure was worked out (the link asks to switch off \u{201c}age-65-plus\u{201d})"
        );
        assert_eq!(
            line("protocol=crps-4h&hepatic=severe&off=hepatic-severe"),
            "none: no figure was worked out (the link asks to switch off \u{201c}hepatic-severe\u{201d})"
        );
        assert_eq!(
            line("protocol=crps-4h&psychosis=active&off=a,b,c,d,e,f"),
            "none: no figure was worked out (the link asks to switch off \u{201c}a\u{201d}, \u{201c}b\u{201d}, \u{201c}c\u{201d}, \u{201c}d\u{201d}, \u{201c}e\u{201d} and 1 more)"
        );
        assert_eq!(
            line("protocol=crps-4h&weight_kg=abc&off=age-65-plus"),
            "none: no figure was worked out (the link asks to switch off \u{201c}age-65-plus\u{201d})"
        );
        assert_eq!(line("protocol=crps-4h&weight_kg=abc"), "none");
        assert!(!is_known_param("foo"));
        assert!(is_known_param("s2_weight_kg"));
        assert!(is_known_param("off"));
        assert!(is_known_param("active"));
    }

    #[test]
    fn an_empty_query_is_the_example_adult_on_the_default_card() {
        assert_eq!(state(""), CalculatorState::default());
        assert_eq!(state("protocol="), CalculatorState::default());
    }

    #[test]
    fn weight_unit_switch_converts_valid_values_and_keeps_other_text() {
        let s = CalculatorState::default().apply(Action::SetWeightUnit(WeightUnit::Lb));
        // 70 / 0.45359237 = 154.32358...
        assert_eq!(s.scenarios[0].input.weight, "154.3");
        let back = s.apply(Action::SetWeightUnit(WeightUnit::Kg));
        // 154.3 × 0.45359237 = 69.99...
        assert_eq!(back.scenarios[0].input.weight, "70");
        let bad = CalculatorState::default()
            .apply(Action::SetField(Field::Weight, "abc".into()))
            .apply(Action::SetWeightUnit(WeightUnit::Lb));
        assert_eq!(bad.scenarios[0].input.weight, "abc");
        // Text the engine refuses is never turned into a number by a switch.
        for refused in ["1e2", "0", "-70", "1,000.5"] {
            let kept = CalculatorState::default()
                .apply(Action::SetField(Field::Weight, refused.into()))
                .apply(Action::SetWeightUnit(WeightUnit::Lb));
            assert_eq!(kept.scenarios[0].input.weight, refused);
        }
        assert_eq!(bad.scenarios[0].input.weight_unit, WeightUnit::Lb);
        let comma = CalculatorState::default()
            .apply(Action::SetField(Field::Weight, "72,5".into()))
            .apply(Action::SetWeightUnit(WeightUnit::Lb));
        // 72.5 / 0.45359237 = 159.83...
        assert_eq!(comma.scenarios[0].input.weight, "159.8");
        // Out of range, but a number: converted without a thousands separator
        // (700 / 0.45359237 = 1543.2), so switching back gives 700 again.
        let big = CalculatorState::default()
            .apply(Action::SetField(Field::Weight, "700".into()))
            .apply(Action::SetWeightUnit(WeightUnit::Lb));
        assert_eq!(big.scenarios[0].input.weight, "1543.2");
        let back = big.apply(Action::SetWeightUnit(WeightUnit::Kg));
        assert_eq!(back.scenarios[0].input.weight, "700");
        let tall = CalculatorState::default()
            .apply(Action::SetField(Field::Height, "3000".into()))
            .apply(Action::SetHeightUnit(HeightUnit::In));
        // 3000 / 2.54 = 1181.10...
        assert_eq!(tall.scenarios[0].input.height, "1181.1");
    }

    #[test]
    fn the_printed_card_line() {
        let cards = CardLibrary::builtin_only(library::builtin().unwrap_or_default());
        // The id, then the name in quotes (it has brackets of its own),
        // version and review date.
        let review = cards
            .get("crps-4h")
            .map(|e| e.card.card().review_date.clone())
            .unwrap_or_default();
        assert!(!review.is_empty());
        assert_eq!(
            card_line(&cards, "crps-4h"),
            format!("crps-4h, \u{201c}CRPS outpatient 4-hour infusions (Schwartzman 2009 style)\u{201d}, version 1.1.3, reviewed {review}")
        );
        assert_eq!(
            card_line(&cards, "clinic"),
            "clinic (not available in this browser)"
        );
    }

    #[test]
    fn medication_entries_read_as_the_engine_reads_and_unknown_ones_can_be_removed() {
        let entries = |text: &str| {
            let (known, unknown) = medication_entries(text);
            (
                known.into_iter().map(Medication::id).collect::<Vec<_>>(),
                unknown,
            )
        };
        assert_eq!(
            entries(" MAOI, sertraline,,opioid , St-Johns-Wort"),
            (
                vec!["maoi", "opioid", "st_johns_wort"],
                vec!["sertraline".to_string()]
            )
        );
        assert_eq!(entries(""), (Vec::new(), Vec::new()));
        let s = CalculatorState::from_query("medications=MAOI,sertraline,opioid");
        // Unticking maoi removes "MAOI" as typed; removing the unknown entry
        // removes that text only.
        let s = s.apply(Action::SetMedication("maoi".into(), false));
        assert_eq!(s.scenarios[0].input.medications, "sertraline,opioid");
        let s = s.apply(Action::SetMedication("sertraline".into(), false));
        assert_eq!(s.scenarios[0].input.medications, "opioid");
        let s = s.apply(Action::SetMedication("maoi".into(), true));
        assert_eq!(s.scenarios[0].input.medications, "opioid,maoi");
        assert!(s.scenarios[0].input.parse().is_ok());
    }

    /// Every value `typed` in the first unit, switched to the other unit and
    /// back: the value the engine reads (range not checked, so refused values
    /// count too) is unchanged in the other unit and after coming back, and
    /// so is the text, read as a number.
    fn assert_unit_round_trips(
        field: Field,
        typed: impl Iterator<Item = String>,
        there: Action,
        back: Action,
        read: fn(&RawPatientInput) -> Option<f64>,
    ) {
        let mut checked = 0;
        for typed in typed {
            let before = CalculatorState::default().apply(Action::SetField(field, typed.clone()));
            let switched = before.apply(there.clone());
            let after = switched.apply(back.clone());
            let value = |s: &CalculatorState| read(&s.scenarios[0].input);
            let shown = field_text(&switched.scenarios[0].input, field).to_string();
            assert!(value(&before).is_some(), "{typed}");
            assert_eq!(value(&switched), value(&before), "{typed} as {shown}");
            assert_eq!(value(&after), value(&before), "{typed} as {shown}");
            // So the same steps and checks apply in both units.
            assert_eq!(
                switched.scenarios[0].input.parse().is_ok(),
                before.scenarios[0].input.parse().is_ok(),
                "{typed} as {shown}"
            );
            checked += 1;
        }
        assert!(checked > 20);
    }

    fn weight_read(input: &RawPatientInput) -> Option<f64> {
        read_weight(&input.weight, input.weight_unit)
            .ok()
            .map(|(kg, _)| kg.0)
    }

    fn height_read(input: &RawPatientInput) -> Option<f64> {
        read_height(&input.height, input.height_unit)
            .ok()
            .map(|(cm, _)| cm.0)
    }

    /// `from..=to` in steps of 10^-`decimals`, as typed.
    fn typed_steps(from: u32, to: u32, decimals: u32) -> impl Iterator<Item = String> {
        (from..=to)
            .map(move |n| format_number(f64::from(n) / 10f64.powi(decimals as i32), decimals))
    }

    #[test]
    fn switching_units_and_back_never_moves_a_value() {
        let weight = |typed: Box<dyn Iterator<Item = String>>| {
            assert_unit_round_trips(
                Field::Weight,
                typed,
                Action::SetWeightUnit(WeightUnit::Lb),
                Action::SetWeightUnit(WeightUnit::Kg),
                weight_read,
            )
        };
        let height = |typed: Box<dyn Iterator<Item = String>>| {
            assert_unit_round_trips(
                Field::Height,
                typed,
                Action::SetHeightUnit(HeightUnit::In),
                Action::SetHeightUnit(HeightUnit::Cm),
                height_read,
            )
        };
        // Every weight the engine accepts to 0.1 kg, 30.0 to 300.0 kg, and
        // every height, 120.0 to 230.0 cm, with a little on either side.
        weight(Box::new(typed_steps(290, 3010, 1)));
        height(Box::new(typed_steps(1190, 2310, 1)));
        // To 0.01 and 0.001 around the thresholds: the range's ends, a
        // card's 50 kg and the short-height notice's 152.4 cm.
        weight(Box::new(
            typed_steps(2990, 3010, 2).chain(typed_steps(4990, 5010, 2)),
        ));
        weight(Box::new(
            typed_steps(49_900, 50_100, 3).chain(typed_steps(299_900, 300_100, 3)),
        ));
        height(Box::new(
            typed_steps(11_990, 12_010, 2).chain(typed_steps(15_230, 15_250, 2)),
        ));
        height(Box::new(typed_steps(229_900, 230_100, 3)));
        // Typed in lb and in inches, then switched to kg and cm and back.
        for (param, field, unit_there, unit_back, from, to) in [
            (
                "weight_lb",
                Field::Weight,
                Action::SetWeightUnit(WeightUnit::Kg),
                Action::SetWeightUnit(WeightUnit::Lb),
                6600,
                6630,
            ),
            (
                "weight_lb",
                Field::Weight,
                Action::SetWeightUnit(WeightUnit::Kg),
                Action::SetWeightUnit(WeightUnit::Lb),
                11_000,
                11_050,
            ),
            (
                "height_in",
                Field::Height,
                Action::SetHeightUnit(HeightUnit::Cm),
                Action::SetHeightUnit(HeightUnit::In),
                4_700,
                4_750,
            ),
        ] {
            let read = if field == Field::Weight {
                weight_read
            } else {
                height_read
            };
            for typed in typed_steps(from, to, 2) {
                let before = CalculatorState::from_query(&format!("{param}={typed}"));
                let switched = before.clone().apply(unit_there.clone());
                let after = switched.clone().apply(unit_back.clone());
                let value = |s: &CalculatorState| read(&s.scenarios[0].input);
                assert!(value(&before).is_some(), "{typed}");
                assert_eq!(value(&switched), value(&before), "{param}={typed}");
                assert_eq!(value(&after), value(&before), "{param}={typed}");
            }
        }
    }

    #[test]
    fn a_weight_in_lb_or_a_height_in_inches_shows_the_figure_it_converts_to() {
        let lb = |text: &str| {
            let state = CalculatorState::default()
                .apply(Action::SetWeightUnit(WeightUnit::Lb))
                .apply(Action::SetField(Field::Weight, text.into()));
            weight_hint(&state.scenarios[0].input)
        };
        let range = "66.1–661.4 lb (typed to 0.1 lb), converted to kg";
        let none = format!("{range} for the calculation");
        // A figure in range is shown as the engine reads it, with its
        // decimals: 110.21 lb is 49.99 kg, below a 50 kg threshold.
        for (typed, kg) in [
            ("154", "69.9 kg"),
            ("110.21", "49.99 kg"),
            ("110.2", "50 kg"),
            ("66.1", "30 kg"),
            ("661.4", "300 kg"),
        ] {
            assert_eq!(lb(typed), format!("{range}: {typed} lb is {kg}"), "{typed}");
        }
        // Just outside the range (29.9 kg, 300.1 kg as read), and no number:
        // the field's error names the figure, and the hint does not.
        for typed in ["66", "66.0", "661.5", "", "abc", "0"] {
            assert_eq!(lb(typed), none, "{typed:?}");
        }
        let inches = |text: &str| {
            let state = CalculatorState::default()
                .apply(Action::SetHeightUnit(HeightUnit::In))
                .apply(Action::SetField(Field::Height, text.into()));
            height_hint(&state.scenarios[0].input)
        };
        let range = "47.3–90.5 in (typed to 0.1 in), converted to cm";
        for (typed, cm) in [
            ("69", "175.3 cm"),
            ("47.3", "120.1 cm"),
            ("90.5", "229.9 cm"),
        ] {
            assert_eq!(
                inches(typed),
                format!("{range}: {typed} in is {cm}"),
                "{typed}"
            );
        }
        for typed in ["47.2", "90.6", "", "tall"] {
            assert_eq!(
                inches(typed),
                format!("{range} for the calculation"),
                "{typed:?}"
            );
        }
        // In kg and cm the hint is the range alone, whatever is typed.
        let kg = CalculatorState::default().apply(Action::SetField(Field::Weight, "70".into()));
        assert_eq!(weight_hint(&kg.scenarios[0].input), "30–300 kg");
    }

    #[test]
    fn a_height_with_no_exact_text_in_the_other_unit_is_not_switched() {
        // 229.997 cm needs its trailing zeros in inches to be read to 0.001 cm.
        let s = CalculatorState::default()
            .apply(Action::SetField(Field::Height, "229.997".into()))
            .apply(Action::SetHeightUnit(HeightUnit::In));
        assert_eq!(s.scenarios[0].input.height, "90.5500");
        // Six decimals of a cm have no exact inch text (1e-6 in is 2.54e-6
        // cm): the unit stays, and the refused height stays refused.
        let kept = CalculatorState::default()
            .apply(Action::SetField(Field::Height, "230.000004".into()))
            .apply(Action::SetHeightUnit(HeightUnit::In));
        assert_eq!(kept.scenarios[0].input.height, "230.000004");
        assert_eq!(kept.scenarios[0].input.height_unit, HeightUnit::Cm);
        assert!(kept.scenarios[0].input.parse().is_err());
        // The hint under the field says why the unit list went back to cm.
        let why = "120–230 cm. A height with 6 decimals has no exact value in inches, so it stays in cm. To switch to inches, use 5 decimals or fewer.";
        assert_eq!(height_hint(&kept.scenarios[0].input), why);
        let typed = |text: &str| {
            CalculatorState::default()
                .apply(Action::SetField(Field::Height, text.into()))
                .scenarios[0]
                .input
                .clone()
        };
        assert_eq!(height_hint(&typed("175.123456")), why);
        for switches in ["175.12345", "175", "", "abc", "175.1234567"] {
            assert_eq!(height_hint(&typed(switches)), "120–230 cm", "{switches}");
        }
        let inches = typed("175.12345");
        let inches = CalculatorState::default()
            .apply(Action::SetField(Field::Height, inches.height))
            .apply(Action::SetHeightUnit(HeightUnit::In));
        assert_eq!(inches.scenarios[0].input.height_unit, HeightUnit::In);
        assert_eq!(
            height_hint(&inches.scenarios[0].input),
            "47.3–90.5 in (typed to 0.1 in), converted to cm: 68.946240 in is 175.12345 cm"
        );
        assert_eq!(weight_hint(&typed("175")), "30–300 kg");
        let lb = CalculatorState::default().apply(Action::SetWeightUnit(WeightUnit::Lb));
        assert_eq!(
            weight_hint(&lb.scenarios[0].input),
            "66.1–661.4 lb (typed to 0.1 lb), converted to kg: 154.3 lb is 70 kg"
        );
        // Typed with a trailing zero, it is echoed with it: the zero sets
        // the precision read (110.20 lb is 49.99 kg, 110.2 lb is 50 kg).
        for (text, said) in [
            ("110.20", "110.20 lb is 49.99 kg"),
            ("110.2", "110.2 lb is 50 kg"),
            ("110,20", "110.20 lb is 49.99 kg"),
        ] {
            let typed = lb
                .clone()
                .apply(Action::SetField(Field::Weight, text.into()));
            assert_eq!(
                weight_hint(&typed.scenarios[0].input),
                format!("66.1–661.4 lb (typed to 0.1 lb), converted to kg: {said}"),
                "{text}"
            );
        }
        // Side by side with another value: neither is switched.
        let both = CalculatorState::from_query("height_cm=175&height_cm=119.999996");
        assert_eq!(
            both.clone().apply(Action::SetHeightUnit(HeightUnit::In)),
            both
        );
        // In a link, such a value in the other unit is not one value with the first.
        let link = CalculatorState::from_query("height_in=90.551183&height_cm=230.000004");
        assert_eq!(link.scenarios[0].input.height, "90.551183 | 230.000004 cm");
    }

    #[test]
    fn a_value_typed_to_one_decimal_comes_back_as_typed() {
        for n in 300..=3000u32 {
            let typed = format_number(f64::from(n) / 10.0, 1);
            let s = CalculatorState::default()
                .apply(Action::SetField(Field::Weight, typed.clone()))
                .apply(Action::SetWeightUnit(WeightUnit::Lb))
                .apply(Action::SetWeightUnit(WeightUnit::Kg));
            assert_eq!(s.scenarios[0].input.weight, typed);
        }
        for n in 1200..=2300u32 {
            let typed = format_number(f64::from(n) / 10.0, 1);
            let s = CalculatorState::default()
                .apply(Action::SetField(Field::Height, typed.clone()))
                .apply(Action::SetHeightUnit(HeightUnit::In))
                .apply(Action::SetHeightUnit(HeightUnit::Cm));
            assert_eq!(s.scenarios[0].input.height, typed);
        }
        // The helper's examples: 49.99 kg is 110.21 lb, 29.96 kg (refused)
        // is 66.05 lb (refused), 119.96 cm is 47.228 in.
        for (field, typed, there, shown) in [
            (
                Field::Weight,
                "49.99",
                Action::SetWeightUnit(WeightUnit::Lb),
                "110.21",
            ),
            (
                Field::Weight,
                "29.96",
                Action::SetWeightUnit(WeightUnit::Lb),
                "66.05",
            ),
            (
                Field::Height,
                "119.96",
                Action::SetHeightUnit(HeightUnit::In),
                "47.228",
            ),
            (
                Field::Height,
                "175.1",
                Action::SetHeightUnit(HeightUnit::In),
                "68.94",
            ),
        ] {
            let s = CalculatorState::default()
                .apply(Action::SetField(field, typed.into()))
                .apply(there);
            assert_eq!(field_text(&s.scenarios[0].input, field), shown, "{typed}");
        }
    }

    #[test]
    fn a_link_with_a_third_scenario_but_no_second_keeps_which_one_is_active() {
        let s = state("weight_kg=70&s3_weight_kg=80&active=3");
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.active, 1);
        assert_eq!(s.scenarios[1].input.weight, "80");
        // An active number with no scenario falls back to the first.
        assert_eq!(state("s3_weight_kg=80&active=2").active, 0);
        assert_eq!(state("s2_weight_kg=80&active=2").active, 1);
        assert_eq!(state("active=1").active, 0);
        assert_eq!(state("active=0").active, 0);
    }

    #[test]
    fn height_unit_switch_converts() {
        let s = CalculatorState::default().apply(Action::SetHeightUnit(HeightUnit::In));
        // 175 / 2.54 = 68.897...
        assert_eq!(s.scenarios[0].input.height, "68.9");
        let back = s.apply(Action::SetHeightUnit(HeightUnit::Cm));
        // 68.9 × 2.54 = 175.006
        assert_eq!(back.scenarios[0].input.height, "175");
        let same = s.apply(Action::SetHeightUnit(HeightUnit::In));
        assert_eq!(same, s);
    }

    #[test]
    fn scenarios_are_limited_to_three_and_the_last_one_stays() {
        let mut s = CalculatorState::default();
        for _ in 0..5 {
            s = s.apply(Action::AddScenario);
        }
        assert_eq!(s.scenarios.len(), MAX_SCENARIOS);
        assert_eq!(s.active, 2);
        s = s.apply(Action::RemoveScenario(0));
        assert_eq!(s.scenarios.len(), 2);
        assert_eq!(s.active, 1);
        s = s.apply(Action::RemoveScenario(1));
        assert_eq!(s.active, 0);
        s = s.apply(Action::RemoveScenario(0));
        assert_eq!(s.scenarios.len(), 1, "the last scenario cannot be removed");
        s = s.apply(Action::SelectScenario(4));
        assert_eq!(s.active, 0);
    }

    #[test]
    fn a_new_scenario_copies_the_active_one() {
        let s = CalculatorState::default()
            .apply(Action::SetField(Field::Weight, "80".into()))
            .apply(Action::AddScenario)
            .apply(Action::SetField(Field::Weight, "90".into()));
        assert_eq!(s.scenarios[0].input.weight, "80");
        assert_eq!(s.scenarios[1].input.weight, "90");
        assert_eq!(s.active_scenario().input.weight, "90");
    }

    #[test]
    fn toggling_steps_and_changing_card_resets_switches() {
        let s = CalculatorState::default()
            .apply(Action::ToggleStep("b".into()))
            .apply(Action::ToggleStep("a".into()));
        assert_eq!(s.scenarios[0].off, vec!["a".to_string(), "b".to_string()]);
        let s = s.apply(Action::ToggleStep("a".into()));
        assert_eq!(s.scenarios[0].off, vec!["b".to_string()]);
        let same_card = s.apply(Action::SetProtocol(DEFAULT_PROTOCOL.into()));
        assert_eq!(same_card.scenarios[0].off, vec!["b".to_string()]);
        let other = s.apply(Action::SetProtocol("outpatient-consensus".into()));
        assert!(other.scenarios[0].off.is_empty());
    }

    #[test]
    fn medications_toggle_without_duplicates() {
        let s = CalculatorState::default()
            .apply(Action::SetMedication("opioid".into(), true))
            .apply(Action::SetMedication("opioid".into(), true))
            .apply(Action::SetMedication("maoi".into(), true))
            .apply(Action::SetMedication("opioid".into(), false));
        assert_eq!(s.scenarios[0].input.medications, "maoi");
    }

    #[test]
    fn reset_and_load_replace_the_state() {
        let s = CalculatorState::default().apply(Action::SetField(Field::Weight, "99".into()));
        assert_eq!(s.apply(Action::Reset), CalculatorState::default());
        let loaded = s.apply(Action::Load("weight_kg=55&s2_weight_kg=66".into()));
        assert_eq!(loaded.scenarios.len(), 2);
        assert_eq!(loaded.scenarios[1].input.weight, "66");
    }

    fn figures_of(query: &str) -> crate::domain::dosing::Figures {
        let cards = library::builtin().unwrap();
        let s = state(query);
        match evaluate(&s.scenarios[0], cards) {
            Evaluation::Computed(Outcome::Dose(b)) => b.figures(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_issue_examples_evaluate_through_share_links() {
        let f = figures_of("protocol=crps-4h&weight_kg=70");
        assert_eq!(
            (f.rate_mg_per_h.as_str(), f.session_total_mg.as_str()),
            ("24.5 mg/h", "98 mg")
        );
        let f = figures_of("protocol=crps-4h&weight_kg=80");
        assert_eq!(
            (f.rate_mg_per_h.as_str(), f.session_total_mg.as_str()),
            ("25 mg/h", "100 mg")
        );
        let f = figures_of("protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male");
        assert_eq!(f.dosing_weight_kg, "102.3 kg");
        assert_eq!(f.rate_mg_per_h, "50 mg/h");
        // Below the 50 kg step by 0.01 kg: the weight shown is the one used.
        let f = figures_of("protocol=crps-continuous&infusion_number=4&weight_kg=49.99");
        assert_eq!(
            (f.dosing_weight_kg.as_str(), f.rate_mg_per_h.as_str()),
            ("49.99 kg", "24 mg/h")
        );
        let f = figures_of("protocol=crps-continuous&infusion_number=4&weight_lb=110.21");
        assert_eq!(f.dosing_weight_kg, "49.99 kg");
    }

    #[test]
    fn an_actual_weight_is_written_as_read_in_every_line_that_uses_it() {
        let breakdown = |query: &str| {
            let s = state(query);
            match evaluate(&s.scenarios[0], library::builtin().unwrap()) {
                Evaluation::Computed(Outcome::Dose(b)) => *b,
                other => panic!("{other:?}"),
            }
        };
        use crate::domain::dosing::engine::Step;
        use crate::domain::dosing::Breakdown;
        let fired = |b: &Breakdown, id: &str| {
            b.steps
                .iter()
                .find_map(|s| match s {
                    Step::Factor(f) if f.factor_id == id => Some(f.fired.clone()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        // A fixed mg/h card, below its 50 kg step by 0.01 kg.
        let b = breakdown("protocol=crps-continuous&infusion_number=4&weight_kg=49.99");
        assert_eq!(
            b.base.derivation,
            "fixed 10 mg/h (= 0.2 mg/kg/h for 49.99 kg)"
        );
        assert_eq!(fired(&b, "weight-under-50"), "actual weight 49.99 kg");
        assert_eq!(
            b.dosing_weight.derivation,
            "Card basis: actual body weight. Dosing weight = actual weight 49.99 kg."
        );
        // Further below: the step says the weight as typed, not 45.6 kg.
        let b = breakdown("protocol=crps-continuous&infusion_number=4&weight_kg=45.55");
        assert_eq!(fired(&b, "weight-under-50"), "actual weight 45.55 kg");
        // A mg/kg/h card's arithmetic at six decimals typed: the weight is
        // not written as 50 kg.
        let b = breakdown("protocol=crps-4h&weight_kg=49.999999");
        assert!(
            b.base.derivation.contains(" \u{d7} 49.999999 kg = "),
            "{}",
            b.base.derivation
        );
        // Four decimals for a weight typed to fewer, as for every term.
        let b = breakdown("protocol=crps-4h&weight_kg=70");
        assert!(
            b.base.derivation.contains(" \u{d7} 70 kg = "),
            "{}",
            b.base.derivation
        );
    }

    #[test]
    fn evaluation_reports_bad_input_unknown_cards_and_blocks() {
        let cards = library::builtin().unwrap();
        let bad = state("weight_kg=abc&age=-5&protocol=nope");
        let eval = evaluate(&bad.scenarios[0], cards);
        assert!(eval.field_error(Field::Weight).is_some());
        assert!(eval.field_error(Field::Age).is_some());
        assert!(eval.field_error(Field::Height).is_none());
        let unknown = state("protocol=clinic-own-card");
        assert_eq!(
            evaluate(&unknown.scenarios[0], cards),
            Evaluation::UnknownCard("clinic-own-card".into())
        );
        let blocked = state("protocol=crps-4h&pregnant_or_breastfeeding=true");
        assert!(matches!(
            evaluate(&blocked.scenarios[0], cards),
            Evaluation::Computed(Outcome::Blocked(_))
        ));
    }

    #[test]
    fn encoding_escapes_separators() {
        assert_eq!(encode("a b&c,d=é"), "a%20b%26c%2Cd%3D%C3%A9");
        let s = CalculatorState::default().apply(Action::SetProtocol("my card&x".into()));
        assert_eq!(
            CalculatorState::from_query(&s.to_query()).scenarios[0].protocol,
            "my card&x"
        );
    }
}
