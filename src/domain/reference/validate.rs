//! One walk over all reference content that both checks it (ids, texts,
//! citations) and lists which item cites which source.

use std::collections::BTreeSet;

use super::common::{Cell, Claim, ConsensusPosition, Grade, Text, Topic};
use super::error::ContentProblem;
use super::side_effects::EffectGroup;
use super::sources::SourceKind;
use super::ReferenceContent;
use crate::domain::route::Route;

/// An item on a reference page and the sources it cites, for the sources
/// page's "cited by" lists and the unused-source check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitingItem<'a> {
    /// The page the item is on.
    pub route: Route,
    /// The item's id, also its HTML anchor on that page.
    pub item_id: &'a str,
    /// The item's name or heading.
    pub label: &'a str,
    /// Source ids in first-cited order, without repeats.
    pub source_ids: Vec<&'a str>,
}

/// Units that must never appear in the patient view.
const DOSE_UNITS: [&str; 5] = ["mg", "mcg", "ml", "kg", "µg"];

/// The walk, with its checks (`CHECK`, for [`validate`]) or without them
/// (for [`citing_items`], on the sources page): a constant, so the walk
/// without checks is compiled without their code.
struct Walker<'a, const CHECK: bool> {
    // Ordered sets: the wasm has B-trees already, so no hash table per key
    // type is compiled in for these.
    known_sources: BTreeSet<&'a str>,
    seen_ids: BTreeSet<&'a str>,
    items: Vec<CitingItem<'a>>,
    problems: Vec<ContentProblem>,
}

impl<'a, const CHECK: bool> Walker<'a, CHECK> {
    fn new(content: &'a ReferenceContent) -> Self {
        let mut known_sources = BTreeSet::new();
        if CHECK {
            for source in &content.sources {
                known_sources.insert(source.id.as_str());
            }
        }
        Walker {
            known_sources,
            seen_ids: BTreeSet::new(),
            items: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn location(&self, field: &str) -> String {
        match self.items.last() {
            Some(item) => format!("{} {}: {field}", item.route.path(), item.item_id),
            None => field.to_string(),
        }
    }

    /// Starts a new item; everything cited until the next call belongs to it.
    fn item(&mut self, route: Route, id: &'a str, label: &'a str) {
        if CHECK {
            let location = format!("{} “{label}”", route.path());
            if id.trim().is_empty() {
                self.problems.push(ContentProblem::MissingId { location });
            } else if !is_kebab_case(id) {
                self.problems.push(ContentProblem::InvalidId {
                    location,
                    id: id.to_string(),
                });
            }
            if !id.is_empty() && !self.seen_ids.insert(id) {
                self.problems
                    .push(ContentProblem::DuplicateId { id: id.to_string() });
            }
        }
        self.items.push(CitingItem {
            route,
            item_id: id,
            label,
            source_ids: Vec::new(),
        });
        self.text("name", label);
    }

    /// A page-level text that belongs to no item.
    fn page_text(&mut self, route: Route, field: &str, text: &str) {
        if CHECK && text.trim().is_empty() {
            self.problems.push(ContentProblem::EmptyText {
                location: format!("{} {field}", route.path()),
            });
        }
    }

    fn text(&mut self, field: &str, text: &str) {
        if CHECK && text.trim().is_empty() {
            let location = self.location(field);
            self.problems.push(ContentProblem::EmptyText { location });
        }
    }

    fn optional_text(&mut self, field: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.text(field, text);
        }
    }

    fn cite(&mut self, field: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut here: Vec<&'a str> = Vec::new();
        for id in ids {
            if here.contains(&id) {
                if CHECK {
                    let location = self.location(field);
                    self.problems.push(ContentProblem::RepeatedCitation {
                        location,
                        source_id: id.to_string(),
                    });
                }
                continue;
            }
            here.push(id);
            if CHECK && !self.known_sources.contains(id) {
                let location = self.location(field);
                self.problems.push(ContentProblem::DanglingSource {
                    location,
                    source_id: id.to_string(),
                });
            }
        }
        if CHECK && here.is_empty() {
            let location = self.location(field);
            self.problems
                .push(ContentProblem::MissingSources { location });
        }
        if let Some(item) = self.items.last_mut() {
            for id in here {
                if !item.source_ids.contains(&id) {
                    item.source_ids.push(id);
                }
            }
        }
    }

    fn sources(&mut self, field: &str, ids: &'a [Text]) {
        self.cite(field, ids.iter().map(Text::as_str));
    }

    fn claim(&mut self, field: &str, claim: &'a Claim) {
        self.text(field, &claim.text);
        self.optional_text(field, claim.note.as_deref());
        self.sources(field, &claim.sources);
    }

    fn claims(&mut self, field: &str, claims: &'a [Claim]) {
        if claims.is_empty() {
            self.text(field, "");
        }
        for claim in claims {
            self.claim(field, claim);
        }
    }

    /// Claims that may be an empty list.
    fn optional_claims(&mut self, field: &str, claims: &'a [Claim]) {
        for claim in claims {
            self.claim(field, claim);
        }
    }

    fn grade(&mut self, field: &str, grade: Option<&Grade>) {
        if let Some(grade) = grade {
            self.text(field, &grade.strength);
            self.text(field, &grade.certainty);
            self.optional_text(field, grade.note.as_deref());
        }
    }

    fn position(&mut self, field: &str, position: &'a ConsensusPosition) {
        self.text(field, &position.condition);
        self.text(field, &position.position);
        self.grade(field, position.grade.as_ref());
        self.optional_text(field, position.note.as_deref());
        self.sources(field, &position.sources);
    }

    fn positions(&mut self, field: &str, positions: &'a [ConsensusPosition]) {
        for position in positions {
            self.position(field, position);
        }
    }

    fn cell(&mut self, field: &str, cell: &Cell) {
        self.text(field, &cell.text);
    }

    fn topic(&mut self, route: Route, topic: &'a Topic) {
        self.item(route, &topic.id, &topic.title);
        self.claims("points", &topic.points);
    }

    fn reference_ids(&mut self, field: &str, ids: &[Text]) {
        for id in ids {
            if CHECK && !is_kebab_case(id) {
                let location = self.location(field);
                self.problems.push(ContentProblem::InvalidId {
                    location,
                    id: id.to_string(),
                });
            }
        }
    }

    fn patient_text(&mut self, field: &str, text: &str) {
        self.text(field, text);
        if !CHECK {
            return;
        }
        let lower = crate::domain::case::lowercase(text);
        let unit = lower
            .split(|c: char| !c.is_alphanumeric())
            .find(|word| DOSE_UNITS.contains(word));
        if let Some(unit) = unit {
            let location = self.location(field);
            self.problems.push(ContentProblem::DoseInPatientView {
                location,
                unit: unit.to_string(),
            });
        }
    }
}

/// Kebab-case: lower-case ASCII letters and digits in runs joined by single
/// hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn walk<const CHECK: bool>(content: &ReferenceContent) -> Walker<'_, CHECK> {
    let mut w = Walker::new(content);
    walk_factors(&mut w, content);
    walk_phases(&mut w, content);
    walk_side_effects(&mut w, content);
    walk_candidates(&mut w, content);
    walk_monitoring(&mut w, content);
    walk_evidence(&mut w, content);
    w
}

const SEED_IDS: [&str; 2] = ["seed-dosing", "seed-frequency"];

fn walk_factors<'a, const CHECK: bool>(w: &mut Walker<'a, CHECK>, content: &'a ReferenceContent) {
    let route = Route::Factors;
    let factors = &content.factors;
    w.page_text(route, "intro", &factors.intro);
    for group in &factors.groups {
        w.item(route, &group.id, &group.title);
        w.text("seed factor", &group.seed_row.factor);
        w.text("seed why it matters", &group.seed_row.why_it_matters);
        w.text(
            "seed example adjustment",
            &group.seed_row.example_adjustment,
        );
        w.text("why it matters", &group.why_it_matters);
        w.text("example adjustment", &group.example_adjustment);
        w.claims("seed detail", &group.seed_detail);
        w.reference_ids("calculator factor ids", &group.calculator_factor_ids);
        for entry in &group.entries {
            w.item(route, &entry.id, &entry.name);
            w.text("direction", &entry.direction);
            w.claims("points", &entry.points);
            w.reference_ids("calculator factor ids", &entry.calculator_factor_ids);
        }
    }
}

fn walk_phases<'a, const CHECK: bool>(w: &mut Walker<'a, CHECK>, content: &'a ReferenceContent) {
    let route = Route::Phases;
    let phases = &content.phases;
    w.page_text(route, "intro", &phases.intro);
    for stage in &phases.stages {
        w.item(route, &stage.id, &stage.name);
        w.text("seed stage", &stage.seed_row.stage);
        // The stages are also the patients' view of a course: no dose units.
        w.patient_text("seed frequency", &stage.seed_row.frequency);
        w.patient_text("seed purpose", &stage.seed_row.purpose);
        w.patient_text("summary", &stage.summary);
        w.claim("when", &stage.when);
        w.patient_text("when", &stage.when.text);
        w.claims("points", &stage.points);
        for point in &stage.points {
            w.patient_text("points", &point.text);
        }
    }
    w.item(route, "on-the-day", "On the day of an infusion");
    w.claims("points", &phases.patient_day);
    for point in &phases.patient_day {
        w.patient_text("points", &point.text);
    }
    w.item(
        route,
        "seed-differences",
        "Where the two source articles differ",
    );
    w.claim("note", &phases.seed_differences_note);
    for difference in &phases.seed_differences {
        w.item(route, &difference.id, &difference.topic);
        w.text("first seed", &difference.seed_dosing);
        w.text("second seed", &difference.seed_frequency);
        w.cite("seeds", SEED_IDS);
    }
    for topic in &phases.interval_factors {
        w.topic(route, topic);
    }
    w.item(
        route,
        "published-scheduling",
        "Published induction and booster patterns",
    );
    w.claims("scheduling", &phases.scheduling);
    w.item(route, "regimen-notes", "Reading the regimen table");
    w.claims("notes", &phases.regimens_notes);
    for regimen in &phases.regimens {
        w.item(route, &regimen.id, &regimen.study);
        w.text("condition", &regimen.condition);
        w.text("design", &regimen.design);
        for (header, cell) in regimen.cells() {
            w.cell(header, cell);
        }
        w.sources("sources", &regimen.sources);
    }
}

fn walk_side_effects<'a, const CHECK: bool>(
    w: &mut Walker<'a, CHECK>,
    content: &'a ReferenceContent,
) {
    let route = Route::SideEffects;
    let side_effects = &content.side_effects;
    w.page_text(route, "intro", &side_effects.intro);
    for group in &side_effects.groups {
        w.item(route, group.id.key(), &group.title);
        w.claims("points", &group.points);
    }
    for group in EffectGroup::ALL {
        let count = side_effects.groups.iter().filter(|g| g.id == group).count();
        if CHECK && count != 1 {
            w.problems.push(ContentProblem::GroupCount {
                group: group.key(),
                count,
            });
        }
    }
    for effect in &side_effects.effects {
        w.item(route, &effect.id, &effect.name);
        w.text("duration", &effect.duration);
        w.text("description", &effect.description);
        w.sources("sources", &effect.sources);
        w.claims("staff", &effect.staff);
        w.claims("literature", &effect.literature);
        w.patient_text("patient: name", &effect.name);
        if let Some(name) = effect.patient.name.as_deref() {
            w.patient_text("patient: name", name);
        }
        w.patient_text("patient: what it may feel like", &effect.patient.feels_like);
        w.patient_text("patient: how long", &effect.patient.how_long);
        if !effect.patient.how_long_sources.is_empty() {
            w.sources("patient: how long", &effect.patient.how_long_sources);
        }
        w.patient_text("patient: when to tell staff", &effect.patient.tell_staff);
        if let Some(label) = effect.patient.diary.as_deref() {
            w.patient_text("patient: diary", label);
        }
    }
    w.item(route, "staff-overview", "What staff do");
    w.claims("staff overview", &side_effects.staff_overview);
}

fn walk_candidates<'a, const CHECK: bool>(
    w: &mut Walker<'a, CHECK>,
    content: &'a ReferenceContent,
) {
    let route = Route::Candidates;
    let candidates = &content.candidates;
    w.page_text(route, "intro", &candidates.intro);
    for candidate in candidates
        .not_candidates
        .iter()
        .chain(&candidates.extra_caution)
    {
        w.item(route, &candidate.id, &candidate.name);
        w.text("summary", &candidate.summary);
        w.sources("sources", &candidate.sources);
        w.positions("consensus", &candidate.consensus);
        w.optional_claims("points", &candidate.points);
    }
    w.item(
        route,
        "label-contraindications",
        "Contraindications on the label",
    );
    w.claims("label", &candidates.label_contraindications);
    w.item(route, "pre-infusion-testing", "Tests before an infusion");
    if candidates.screening.is_empty() {
        w.text("screening", "");
    }
    w.positions("screening", &candidates.screening);
}

fn walk_monitoring<'a, const CHECK: bool>(
    w: &mut Walker<'a, CHECK>,
    content: &'a ReferenceContent,
) {
    let route = Route::Monitoring;
    let monitoring = &content.monitoring;
    w.page_text(route, "intro", &monitoring.intro);
    w.item(route, "mechanism", "How ketamine acts on pain");
    w.claims("mechanism", &monitoring.mechanism);
    let count = monitoring.mechanism.len();
    if CHECK && !(2..=3).contains(&count) {
        w.problems.push(ContentProblem::MechanismLength { count });
    }
    for topic in &monitoring.monitoring {
        w.topic(route, topic);
    }
    for administration in &monitoring.routes {
        w.item(route, &administration.id, &administration.name);
        w.text("summary", &administration.summary);
        w.claims("points", &administration.points);
    }
}

fn walk_evidence<'a, const CHECK: bool>(w: &mut Walker<'a, CHECK>, content: &'a ReferenceContent) {
    let route = Route::Evidence;
    let evidence = &content.evidence;
    w.page_text(route, "intro", &evidence.intro);
    for condition in &evidence.conditions {
        w.item(route, &condition.id, &condition.condition);
        w.text("verdict", &condition.verdict);
        w.grade("grade", condition.grade.as_ref());
        w.sources("sources", &condition.sources);
        if let Some(regimens) = &condition.regimens {
            w.claim("regimens", regimens);
        }
    }
    w.item(route, "consensus-dose-guidance", "Consensus dose guidance");
    w.positions("dose guidance", &evidence.dose_guidance);
    w.item(
        route,
        "follow-on-treatment",
        "After a response to infusions",
    );
    w.positions("follow-on", &evidence.follow_on);
    w.item(route, "meta-analyses", "Meta-analyses");
    w.claims("meta-analyses", &evidence.meta_analyses);
    w.item(route, "evidence-notes", "About the guideline");
    w.claims("notes", &evidence.notes);
}

fn check_sources(content: &ReferenceContent, problems: &mut Vec<ContentProblem>) {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for source in &content.sources {
        let id = source.id.to_string();
        if source.id.trim().is_empty() || source.id.contains(char::is_whitespace) {
            problems.push(ContentProblem::MissingId {
                location: format!("sources.json entry “{}”", source.title),
            });
        }
        if !seen.insert(source.id.as_str()) {
            problems.push(ContentProblem::DuplicateSource { id: id.clone() });
        }
        let fields = [
            ("authors", &source.authors),
            ("title", &source.title),
            ("publisher", &source.publisher),
        ];
        for (field, value) in fields {
            if value.trim().is_empty() {
                problems.push(ContentProblem::IncompleteSource {
                    id: id.clone(),
                    field,
                });
            }
        }
        let year_ok = source.year == "n.d."
            || (source.year.len() == 4 && source.year.chars().all(|c| c.is_ascii_digit()));
        if !year_ok {
            problems.push(ContentProblem::InvalidYear {
                id: id.clone(),
                year: source.year.to_string(),
            });
        }
        // The seeds are the project's own stored copies: they are read there,
        // and their missing address is stated among their unverified details.
        let address_stated = source.kind == SourceKind::Seed
            && source.unverified.iter().any(|u| u.contains("web address"));
        if source.link().is_none() && !address_stated {
            problems.push(ContentProblem::MissingLink { id: id.clone() });
        }
        let notes = source.unverified.iter().chain(source.note.as_ref());
        if notes.into_iter().any(|n| n.trim().is_empty()) {
            problems.push(ContentProblem::IncompleteSource { id, field: "note" });
        }
    }
}

/// Every item on the reference pages with the sources it cites, in page
/// order (factors, phases, side effects, candidates, monitoring, evidence).
pub fn citing_items(content: &ReferenceContent) -> Vec<CitingItem<'_>> {
    walk::<false>(content).items
}

/// Every problem in the content: missing, malformed or duplicate ids, empty
/// texts, claims without sources, citations that do not resolve, incomplete
/// source entries, dose units in the patient view. Empty when all is well.
/// Unused sources are not a problem here, because the protocol cards may be
/// the ones citing them; the data-integrity tests check that across files.
pub fn validate(content: &ReferenceContent) -> Vec<ContentProblem> {
    let mut problems = Vec::new();
    check_sources(content, &mut problems);
    problems.extend(walk::<true>(content).problems);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_without_checks_lists_the_same_items() {
        let shipped = super::super::content();
        let checked = walk::<true>(shipped);
        assert!(checked.problems.is_empty());
        assert!(checked.items.len() > 50);
        assert_eq!(citing_items(shipped), checked.items);

        // With problems too: a repeated and an unknown citation, an empty text.
        let mut broken = shipped.clone();
        let claim = &mut broken.factors.groups[0].entries[0].points[0];
        claim.sources = vec!["R2".into(), "R2".into(), "R999".into()].into();
        claim.text = "".into();
        let checked = walk::<true>(&broken);
        assert_eq!(checked.problems.len(), 3, "{:?}", checked.problems);
        assert_eq!(citing_items(&broken), checked.items);
        let unchecked = walk::<false>(&broken);
        assert!(unchecked.problems.is_empty());
    }

    #[test]
    fn kebab_case_accepts_lower_words_and_digits_only() {
        for ok in ["a", "cyp3a4-inhibitors", "stage-1", "x-y-z"] {
            assert!(is_kebab_case(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "R2"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }
}
