//! A protocol card laid out for reading on the protocol cards page: every
//! figure with its unit, evidence kind, sources and note; every factor with
//! its condition (threshold, and whether the threshold itself counts) and
//! effects. Pure: the page only renders these rows. Every number goes
//! through the dose-formatting functions.

use crate::domain::dosing::card::{
    Effect, EvidenceKind, Indication, ProtocolCard, RateUnit, SessionCapUnit,
};
use crate::domain::dosing::engine::{unruled_contraindications, unstopped_contraindications};
use crate::domain::dosing::limits::{
    DEFAULT_MULTIPLIER_FLOOR, HARD_MAX_BOLUS_MG_PER_KG, HARD_MAX_MG_PER_KG_PER_H, MIN_TRIAL_HOURS,
    MIN_TRIAL_MG,
};
use crate::domain::dosing::{
    format_card_figure, format_card_multiplier, format_card_number, format_dose, format_number,
    DoseUnit, ValidCard,
};

/// One figure of a card (base rate, a cap, the session...), as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct CardFigure {
    /// Field path in the card file (`base_rate`), for readers of the JSON.
    pub path: &'static str,
    /// What it is.
    pub label: &'static str,
    /// The value in words and formatted numbers.
    pub value: String,
    /// Evidence kind, when the card gives one.
    pub evidence: Option<EvidenceKind>,
    /// Source ids.
    pub sources: Vec<String>,
    /// The card's note (plain text from the file).
    pub note: Option<String>,
}

/// One indication with its consensus grade.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicationRow {
    /// The condition.
    pub condition: &'static str,
    /// "grade B, low to moderate certainty".
    pub grade: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// The card's note.
    pub note: Option<String>,
}

/// One adjustment factor, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorRow {
    /// Factor id.
    pub id: String,
    /// Label.
    pub label: String,
    /// The condition in words with its threshold and whether the threshold
    /// is included ("age at least 65 years (65 included)").
    pub condition: String,
    /// Every effect in words, in card order.
    pub effects: Vec<String>,
    /// Evidence kind.
    pub evidence: EvidenceKind,
    /// Source ids.
    pub sources: Vec<String>,
    /// The card's note.
    pub note: Option<String>,
}

fn rate_unit(unit: RateUnit) -> DoseUnit {
    match unit {
        RateUnit::MgPerKgPerH => DoseUnit::MgPerKgPerHour,
        RateUnit::MgPerH => DoseUnit::MgPerHour,
    }
}

fn count(n: u32) -> String {
    format_number(f64::from(n), 0)
}

/// "1 day", "14 days".
fn counted(n: u32, one: &str, many: &str) -> String {
    crate::domain::dosing::count(n as usize, one, many)
}

/// One effect in words: "rate × 0.75", "hourly cap 1 mg/kg/h",
/// "warning: …", "stops the calculation: …".
pub fn effect_text(effect: &Effect) -> String {
    match effect {
        Effect::RateMultiplier { value } => format!("rate {}", format_card_multiplier(*value)),
        Effect::DurationMultiplier { value } => {
            format!("duration {}", format_card_multiplier(*value))
        }
        Effect::TitrationStepMultiplier { value } => {
            format!("titration step {}", format_card_multiplier(*value))
        }
        Effect::LowerCap { value, unit } => {
            format!(
                "hourly cap {}",
                format_card_figure(*value, rate_unit(*unit))
            )
        }
        Effect::Warning { text } => format!("warning: {text}"),
        Effect::Notice { text } => format!("notice: {text}"),
        Effect::Block { text } => format!("stops the calculation, no dose: {text}"),
    }
}

/// The indications with their grades.
pub fn indication_rows(card: &ProtocolCard) -> Vec<IndicationRow> {
    card.indications.iter().map(indication_row).collect()
}

fn indication_row(ind: &Indication) -> IndicationRow {
    let grade = match ind.certainty {
        Some(c) => format!("grade {}, {} certainty", ind.grade.label(), c.label()),
        None => format!("grade {}", ind.grade.label()),
    };
    IndicationRow {
        condition: ind.condition.label(),
        grade,
        sources: ind.sources.clone(),
        note: ind.note.clone(),
    }
}

/// Figures in a row that share their kind of evidence and their sources,
/// said once for all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureGroup {
    /// "Base rate 0.35 mg/kg/h", "Hourly cap 25 mg/h"...
    pub figures: Vec<String>,
    /// Evidence kind, when the card gives one.
    pub evidence: Option<EvidenceKind>,
    /// Source ids.
    pub sources: Vec<String>,
}

impl FigureGroup {
    /// "A", "A and B, both", "A, B and C, all": the group's figures, so that
    /// the evidence said after them reads as theirs, not the last one's.
    pub fn text(&self) -> String {
        match self.figures.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!(
                "{} and {last}, {}",
                init.join(", "),
                if init.len() == 1 { "both" } else { "all" }
            ),
        }
    }
}

/// The figures that set the rate, for the calculator's card summary: base
/// rate, caps, bolus and titration, each with its kind of evidence, so that
/// an illustrative cap never reads as sourced. Neighbours with the same
/// evidence and sources are grouped, so a citation is not repeated (nor
/// tabbed through) once per figure.
pub fn key_figures(card: &ProtocolCard) -> Vec<FigureGroup> {
    grouped(card, |path| {
        matches!(path, "base_rate" | "bolus" | "titration") || path.starts_with("caps.")
    })
}

/// The app's hard limits for `card` (its drug), as the card's page gives
/// them among its figures: what no card can change, for the calculator's
/// card summary too.
pub fn hard_limits(card: &ProtocolCard) -> CardFigure {
    CardFigure {
        path: "(built into the app)",
        label: "Hard limits",
        value: format!(
            "never above {} of dosing weight; a bolus at most {}{}. No card can change these.",
            format_card_figure(
                card.drug.hard_max_mg_per_kg_per_h(),
                DoseUnit::MgPerKgPerHour
            ),
            format_card_figure(card.drug.hard_max_bolus_mg_per_kg(), DoseUnit::MgPerKg),
            card.drug
                .halved(&format!(
                    "{} and {}",
                    format_card_figure(HARD_MAX_MG_PER_KG_PER_H, DoseUnit::MgPerKgPerHour),
                    format_card_figure(HARD_MAX_BOLUS_MG_PER_KG, DoseUnit::MgPerKg)
                ))
                .map(|h| format!(" ({h})"))
                .unwrap_or_default()
        ),
        evidence: Some(card.drug.limit_evidence()),
        sources: card.drug.limit_sources(&["R2"]),
        note: None,
    }
}

/// The caps and titration of [`key_figures`], for the printed sheet (whose
/// steps and figures already give the base rate and the bolus).
pub fn limit_figures(card: &ProtocolCard) -> Vec<FigureGroup> {
    grouped(card, |path| {
        path == "titration" || path.starts_with("caps.")
    })
}

/// The card's figures whose path `keep` takes, neighbours with the same
/// evidence and sources grouped.
fn grouped(card: &ProtocolCard, keep: impl Fn(&str) -> bool) -> Vec<FigureGroup> {
    let mut groups: Vec<FigureGroup> = Vec::new();
    for f in card_figures(card).into_iter().filter(|f| keep(f.path)) {
        let text = format!("{} {}", f.label, f.value);
        match groups.last_mut() {
            Some(g) if g.evidence == f.evidence && g.sources == f.sources => g.figures.push(text),
            _ => groups.push(FigureGroup {
                figures: vec![text],
                evidence: f.evidence,
                sources: f.sources,
            }),
        }
    }
    groups
}

/// Every figure of the card, in reading order: dosing weight, base rate,
/// session, caps, the app's hard limits, floor, minimum-trial notice, bolus,
/// titration, phases and boosters.
pub fn card_figures(card: &ProtocolCard) -> Vec<CardFigure> {
    let mut out = Vec::new();
    let dw = &card.dosing_weight;
    out.push(CardFigure {
        path: "dosing_weight",
        label: "Dosing weight",
        value: dw.basis.label().to_string(),
        evidence: Some(dw.evidence),
        sources: dw.sources.clone(),
        note: dw.note.clone(),
    });
    let base = &card.base_rate;
    out.push(CardFigure {
        path: "base_rate",
        label: "Base rate",
        value: format_card_figure(base.value, rate_unit(base.unit)),
        evidence: Some(base.evidence),
        sources: base.sources.clone(),
        note: base.note.clone(),
    });
    let s = &card.session;
    out.push(CardFigure {
        path: "session",
        label: if s.continuous {
            "Continuous infusion"
        } else {
            "Session"
        },
        value: if s.continuous {
            format!(
                "counted in periods of {}",
                format_card_figure(s.duration_h, DoseUnit::Hours)
            )
        } else {
            format!(
                "{} per session",
                format_card_figure(s.duration_h, DoseUnit::Hours)
            )
        },
        evidence: Some(s.evidence),
        sources: s.sources.clone(),
        note: s.note.clone(),
    });
    if let Some(cap) = &card.caps.mg_per_kg_per_h {
        out.push(CardFigure {
            path: "caps.mg_per_kg_per_h",
            label: "Hourly cap per kg",
            value: format_card_figure(cap.value, DoseUnit::MgPerKgPerHour),
            evidence: Some(cap.evidence),
            sources: cap.sources.clone(),
            note: cap.note.clone(),
        });
    }
    if let Some(cap) = &card.caps.mg_per_h {
        out.push(CardFigure {
            path: "caps.mg_per_h",
            label: "Hourly cap",
            value: format_card_figure(cap.value, DoseUnit::MgPerHour),
            evidence: Some(cap.evidence),
            sources: cap.sources.clone(),
            note: cap.note.clone(),
        });
    }
    if let Some(cap) = &card.caps.per_session {
        let unit = match cap.unit {
            SessionCapUnit::Mg => DoseUnit::Mg,
            SessionCapUnit::MgPerKg => DoseUnit::MgPerKg,
        };
        out.push(CardFigure {
            path: "caps.per_session",
            label: if s.continuous {
                "Cap per 24 h"
            } else {
                "Cap per session"
            },
            value: format_card_figure(cap.value, unit),
            evidence: Some(cap.evidence),
            sources: cap.sources.clone(),
            note: cap.note.clone(),
        });
    }
    out.push(hard_limits(card));
    out.push(CardFigure {
        path: "multiplier_floor",
        label: "Floor on stacked reductions",
        value: format!(
            "the factors together never take the rate below {} \u{d7} the base rate{}",
            format_card_number(card.multiplier_floor),
            if card.multiplier_floor == DEFAULT_MULTIPLIER_FLOOR {
                " (the default)"
            } else {
                ""
            }
        ),
        // As the calculator's floor step: no source gives a number.
        evidence: Some(EvidenceKind::Illustrative),
        sources: Vec::new(),
        note: None,
    });
    if card.minimum_trial_notice {
        out.push(CardFigure {
            path: "minimum_trial_notice",
            label: "Minimum adequate trial",
            value: format!(
                "a notice when a session gives less than {}{} or lasts {} or less",
                format_dose(card.drug.min_trial_mg(), DoseUnit::Mg),
                card.drug
                    .halved(&format_dose(MIN_TRIAL_MG, DoseUnit::Mg))
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default(),
                format_dose(MIN_TRIAL_HOURS, DoseUnit::Hours)
            ),
            evidence: Some(card.drug.limit_evidence()),
            sources: card.drug.limit_sources(&["R2"]),
            note: None,
        });
    }
    if let Some(b) = &card.bolus {
        out.push(CardFigure {
            path: "bolus",
            label: "Loading bolus",
            value: format!(
                "{} of dosing weight",
                format_card_figure(b.mg_per_kg, DoseUnit::MgPerKg)
            ),
            evidence: Some(b.evidence),
            sources: b.sources.clone(),
            note: b.note.clone(),
        });
    }
    if let Some(t) = &card.titration {
        let unit = rate_unit(t.unit);
        out.push(CardFigure {
            path: "titration",
            label: "Titration",
            value: format!(
                "+{} {}, up to {}",
                format_card_figure(t.step, unit),
                t.per.label(),
                format_card_figure(t.maximum, unit)
            ),
            evidence: Some(t.evidence),
            sources: t.sources.clone(),
            note: t.note.clone(),
        });
    }
    let ph = &card.phases;
    // "1 infusion over 1 day", "4 infusions over 14 days"; a continuous
    // infusion's days are its span ("5 days of continuous infusion").
    let days = |n: u32| counted(n, "day", "days");
    let series = if s.continuous && ph.induction_count == ph.induction_span_days {
        format!("{} of continuous infusion", days(ph.induction_count))
    } else if s.continuous {
        format!(
            "{} of continuous infusion over {}",
            days(ph.induction_count),
            days(ph.induction_span_days)
        )
    } else {
        format!(
            "{} over {}",
            counted(ph.induction_count, "infusion", "infusions"),
            days(ph.induction_span_days)
        )
    };
    out.push(CardFigure {
        path: "phases",
        label: "Induction phase",
        value: format!("{series}. {}", ph.titration),
        evidence: Some(ph.evidence),
        sources: ph.sources.clone(),
        note: ph.note.clone(),
    });
    if let Some(b) = &ph.booster {
        let every = if b.interval_weeks_min == b.interval_weeks_max {
            match b.interval_weeks_min {
                1 => "every week".to_string(),
                n => format!("every {} weeks", count(n)),
            }
        } else {
            format!(
                "every {} to {} weeks",
                count(b.interval_weeks_min),
                count(b.interval_weeks_max)
            )
        };
        out.push(CardFigure {
            path: "phases.booster",
            label: "Boosters",
            value: format!("{every}: {}", b.form),
            // The card states the evidence once for all of its phases.
            evidence: Some(ph.evidence),
            sources: ph.sources.clone(),
            note: ph.note.clone(),
        });
    }
    out
}

/// What the app does for the contraindications `card` has no rule for
/// (see [`unruled_contraindications`]), in one sentence, then for those its
/// rules do not stop for where the app stops whatever a card says (see
/// [`unstopped_contraindications`]), in another; `None` when there are
/// neither, as for every built-in card.
pub fn unruled_note(card: &ValidCard) -> Option<String> {
    let left = unruled_contraindications(card);
    let unstopped = unstopped_contraindications(card);
    let mut note = Vec::new();
    if !left.is_empty() {
        note.push(format!(
            "This card has no rule for {}, which every built-in card has a rule for. For a patient with {}, the calculator stops and shows no dose: {}.",
            if left.len() == 1 { "one contraindication" } else { "some contraindications" },
            if left.len() == 1 { "it" } else { "any of them" },
            left.join("; ")
        ));
    }
    if !unstopped.is_empty() {
        note.push(format!(
            "This card's rules do not stop the calculation for {}, but the calculator stops all the same and shows no dose, as the app gives no dose there whatever a card says: {}.",
            if unstopped.len() == 1 { "one contraindication" } else { "some contraindications" },
            unstopped.join("; ")
        ));
    }
    (!note.is_empty()).then(|| note.join(" "))
}

/// Every factor of the card, in the order the engine applies them.
pub fn factor_rows(card: &ValidCard) -> Vec<FactorRow> {
    card.factors()
        .iter()
        .map(|f| FactorRow {
            id: f.id().to_string(),
            label: f.label().to_string(),
            condition: f.condition().describe(),
            effects: f.effects().iter().map(effect_text).collect(),
            evidence: f.evidence(),
            sources: f.sources().to_vec(),
            note: f.raw().note.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::builtin;

    #[test]
    fn figures_carry_units_in_safe_notation() {
        let card = builtin()
            .unwrap()
            .iter()
            .find(|c| c.id() == "crps-4h")
            .unwrap();
        let figures = card_figures(card.card());
        let base = figures.iter().find(|f| f.path == "base_rate").unwrap();
        assert_eq!(base.value, "0.35 mg/kg/h");
        assert!(figures.iter().any(|f| f.value == "25 mg/h"));
        // The floor is the app's number, as the calculator's floor step says.
        let floor = figures
            .iter()
            .find(|f| f.path == "multiplier_floor")
            .unwrap();
        assert_eq!(floor.evidence, Some(EvidenceKind::Illustrative));
        let rows = factor_rows(card);
        assert!(rows.iter().all(|r| !r.effects.is_empty()));
    }

    #[test]
    fn the_hard_limits_are_those_of_the_card_s_drug() {
        let library = builtin().unwrap();
        let limits = |id: &str| {
            let card = library.iter().find(|c| c.id() == id).unwrap();
            hard_limits(card.card())
        };
        let racemic = limits("crps-4h");
        assert_eq!(racemic.label, "Hard limits");
        assert_eq!(
            racemic.value,
            "never above 2 mg/kg/h of dosing weight; a bolus at most 0.35 mg/kg. No card can change these."
        );
        assert_eq!(racemic.sources, ["R2"]);
        let s = limits("fibromyalgia-short");
        assert!(
            s.value.starts_with("never above 1 mg/kg/h of dosing weight; a bolus at most 0.175 mg/kg (half the racemic"),
            "{}",
            s.value
        );
        assert_eq!(s.sources, ["R2", "R20"]);
    }

    #[test]
    fn a_card_without_contraindication_rules_is_told_what_the_app_does() {
        let library = builtin().unwrap();
        for c in library.iter() {
            assert_eq!(unruled_note(c), None, "{}", c.id());
        }
        let crps = library.iter().find(|c| c.id() == "crps-4h").unwrap();
        let mut card = crps.card().clone();
        card.factors.retain(|f| f.id != "raised-icp");
        let one = crate::domain::dosing::validate::validate(
            &card,
            &crate::domain::dosing::validate::is_evidence_source_id,
        )
        .unwrap();
        assert_eq!(
            unruled_note(&one).unwrap(),
            "This card has no rule for one contraindication, which every built-in card has a rule for. For a patient with it, the calculator stops and shows no dose: Raised intracranial pressure."
        );
        card.factors.retain(|f| f.id != "maoi");
        let two = crate::domain::dosing::validate::validate(
            &card,
            &crate::domain::dosing::validate::is_evidence_source_id,
        )
        .unwrap();
        assert_eq!(
            unruled_note(&two).unwrap(),
            "This card has no rule for some contraindications, which every built-in card has a rule for. For a patient with any of them, the calculator stops and shows no dose: Raised intracranial pressure; MAO inhibitor."
        );
        // Rules that give a dose where the app stops whatever a card says.
        let notice = |card: &mut crate::domain::dosing::card::ProtocolCard, id: &str| {
            for f in card.factors.iter_mut().filter(|f| f.id == id) {
                f.effects = vec![crate::domain::dosing::card::Effect::Notice {
                    text: "ok".to_string(),
                }];
            }
        };
        let mut card = crps.card().clone();
        notice(&mut card, "pregnancy-breastfeeding");
        let check = |card: &crate::domain::dosing::card::ProtocolCard| {
            let valid = crate::domain::dosing::validate::validate(
                card,
                &crate::domain::dosing::validate::is_evidence_source_id,
            )
            .unwrap();
            unruled_note(&valid).unwrap()
        };
        assert_eq!(
            check(&card),
            "This card's rules do not stop the calculation for one contraindication, but the calculator stops all the same and shows no dose, as the app gives no dose there whatever a card says: Pregnant or breastfeeding."
        );
        notice(&mut card, "psychosis-active");
        card.factors.retain(|f| f.id != "raised-icp");
        assert_eq!(
            check(&card),
            "This card has no rule for one contraindication, which every built-in card has a rule for. For a patient with it, the calculator stops and shows no dose: Raised intracranial pressure. \
             This card's rules do not stop the calculation for some contraindications, but the calculator stops all the same and shows no dose, as the app gives no dose there whatever a card says: Active psychosis; Pregnant or breastfeeding."
        );
    }
}
