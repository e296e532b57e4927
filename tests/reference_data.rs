//! Data integrity of the shipped reference content (`assets/content/*.json`):
//! ids, citations, the bibliography, the seed tables carried over cell by
//! cell, medication-safety notation and the side-effect filter.
// Tests do not ship in the wasm: the standard library's lower case is fine here.
#![allow(clippy::disallowed_methods)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use ketamine_dosing_reference::domain::reference::{
    citing_items, content, filter_effects, is_kebab_case, load_files, parse, parse_files, validate,
    word_matches, Claim, ContentError, ContentProblem, EffectGroup, EffectView, Frequency,
    FrequencyFilter, RawFiles, ReferenceContent, SourceKind, Status, ENDING_CHARS, STEM_CHARS,
};

fn loaded() -> &'static ReferenceContent {
    content()
}

const CONTENT_FILES: [&str; 6] = [
    "factors.json",
    "phases.json",
    "side_effects.json",
    "candidates.json",
    "monitoring.json",
    "evidence.json",
];

fn content_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/content"))
}

/// Every string value in a JSON document, with its key path.
fn strings(value: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_string(), s.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                strings(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// Every string found under any key named "sources" (arrays of ids).
fn sources_keys(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Array(items) => items.iter().for_each(|v| sources_keys(v, out)),
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                if key == "sources" {
                    let mut found = Vec::new();
                    strings(item, "", &mut found);
                    out.extend(found.into_iter().map(|(_, s)| s));
                } else {
                    sources_keys(item, out);
                }
            }
        }
        _ => {}
    }
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Source ids cited by the protocol cards (`assets/protocols/*.json`), if
/// that folder exists yet.
fn protocol_citations() -> BTreeSet<String> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/protocols"));
    let mut cited = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return cited;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            sources_keys(&read_json(&path), &mut cited);
        }
    }
    cited
}

#[test]
fn embedded_content_parses_and_has_no_problems() {
    let parsed = parse().unwrap_or_else(|e| panic!("{e}"));
    let problems = validate(&parsed);
    assert!(problems.is_empty(), "{:#?}", problems);
    assert!(load_files(&RawFiles::EMBEDDED).is_ok());
    assert!(validate(content()).is_empty());
}

/// The app's `static` copy, which `build.rs` wrote out as Rust, is the JSON
/// read afresh, item for item (every field is compared).
#[test]
fn the_built_in_copy_is_the_json_files() {
    let parsed = parse().unwrap_or_else(|e| panic!("{e}"));
    let shipped = content();
    // Source by source and file by file, so that a failure shows the part
    // that differs rather than all of the content.
    assert_eq!(shipped.sources.len(), parsed.sources.len());
    for (s, p) in shipped.sources.iter().zip(parsed.sources.iter()) {
        assert_eq!(s, p);
    }
    assert_eq!(shipped.factors, parsed.factors);
    assert_eq!(shipped.phases, parsed.phases);
    assert_eq!(shipped.side_effects, parsed.side_effects);
    assert_eq!(shipped.candidates, parsed.candidates);
    assert_eq!(shipped.monitoring, parsed.monitoring);
    assert_eq!(shipped.evidence, parsed.evidence);
    // Every field of the whole, whatever is added to it later.
    assert_eq!(*shipped, parsed);
    assert!(shipped.sources.len() > 30);
}

#[test]
fn every_item_has_a_unique_kebab_case_id() {
    let items = citing_items(loaded());
    assert!(items.len() > 80, "only {} items", items.len());
    let mut seen = HashSet::new();
    for item in &items {
        assert!(is_kebab_case(item.item_id), "bad id {:?}", item.item_id);
        assert!(seen.insert(item.item_id), "duplicate id {:?}", item.item_id);
        assert!(
            !item.label.trim().is_empty(),
            "{} has no label",
            item.item_id
        );
    }
}

#[test]
fn every_item_cites_at_least_one_source_and_every_citation_resolves() {
    let c = loaded();
    for item in citing_items(c) {
        assert!(
            !item.source_ids.is_empty(),
            "{} cites nothing",
            item.item_id
        );
        for id in item.source_ids {
            assert!(
                c.source(id).is_some(),
                "{} cites unknown {id}",
                item.item_id
            );
        }
    }
}

#[test]
fn every_citation_in_the_json_files_resolves() {
    let known: BTreeSet<String> = loaded().sources.iter().map(|s| s.id.to_string()).collect();
    let mut cited = BTreeSet::new();
    for file in CONTENT_FILES {
        sources_keys(&read_json(&content_dir().join(file)), &mut cited);
    }
    cited.extend(protocol_citations());
    let dangling: Vec<_> = cited.difference(&known).collect();
    assert!(
        dangling.is_empty(),
        "cited but not in sources.json: {dangling:?}"
    );
}

#[test]
fn no_source_is_unused_across_reference_content_and_protocol_cards() {
    let c = loaded();
    let mut cited: BTreeSet<String> = citing_items(c)
        .into_iter()
        .flat_map(|item| item.source_ids)
        .map(str::to_string)
        .collect();
    // The raw files as well, so nothing the typed walk skips goes unseen.
    for file in CONTENT_FILES {
        sources_keys(&read_json(&content_dir().join(file)), &mut cited);
    }
    cited.extend(protocol_citations());
    let unused: Vec<&str> = c
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| !cited.contains(*id))
        .collect();
    assert!(unused.is_empty(), "sources nobody cites: {unused:?}");
}

#[test]
fn every_source_is_complete_with_a_valid_kind_and_a_link() {
    let c = loaded();
    assert!(c.sources.len() >= 60);
    let raw = read_json(&content_dir().join("sources.json"));
    let kinds = ["seed", "guideline", "trial", "review", "label", "secondary"];
    for entry in raw["sources"].as_array().unwrap() {
        let kind = entry["kind"].as_str().unwrap();
        assert!(kinds.contains(&kind), "{entry}");
    }
    for s in &c.sources {
        assert!(!s.authors.trim().is_empty(), "{}: authors", s.id);
        assert!(!s.title.trim().is_empty(), "{}: title", s.id);
        assert!(!s.publisher.trim().is_empty(), "{}: publisher", s.id);
        assert!(
            s.year == "n.d." || (s.year.len() == 4 && s.year.parse::<u16>().is_ok()),
            "{}: year {:?}",
            s.id,
            s.year
        );
        if s.kind == SourceKind::Seed && s.link().is_none() {
            // A seed is the project's stored copy; its missing address is
            // one of its unverified details.
            assert!(
                s.unverified.iter().any(|u| u.contains("web address")),
                "{}",
                s.id
            );
            continue;
        }
        assert!(
            s.doi.is_some() || s.pmid.is_some() || s.url.is_some(),
            "{}",
            s.id
        );
        let link = s.link().unwrap();
        assert!(
            link.starts_with("https://") || link.starts_with("http://"),
            "{link}"
        );
    }
    for kind in SourceKind::ALL {
        assert!(
            c.sources_of_kind(kind).count() > 0,
            "no source of kind {kind:?}"
        );
    }
}

#[test]
fn source_ids_use_the_evidence_file_keys() {
    for s in &loaded().sources {
        let id = s.id.as_str();
        let evidence_key = id
            .strip_prefix('R')
            .map(|rest| rest.trim_end_matches(|c: char| c.is_ascii_lowercase()))
            .is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()));
        assert!(
            evidence_key || id == "seed-dosing" || id == "seed-frequency",
            "{id}"
        );
        if id.starts_with("seed-") {
            assert_eq!(s.kind, SourceKind::Seed, "{id}");
        }
    }
}

#[test]
fn the_sources_the_protocol_cards_cite_are_present() {
    let required = [
        "R2", "R3", "R5", "R6", "R7", "R9", "R10", "R12", "R12c", "R16", "R18", "R18b", "R19",
        "R20", "R26", "R27", "R30", "R32", "R34", "R35", "R36", "R37", "R37b", "R38", "R39",
        "R39b", "R44", "R45", "R47", "R48", "R49", "R51",
    ];
    let c = loaded();
    for id in required {
        assert!(c.source(id).is_some(), "{id} missing from sources.json");
    }
    assert!(c.source("seed-dosing").is_some());
    assert!(c.source("seed-frequency").is_some());
}

#[test]
fn sources_marked_unverified_in_the_evidence_file_carry_notes() {
    let c = loaded();
    for id in [
        "R1", "R5", "R7", "R8", "R9", "R13", "R17", "R18b", "R35", "R48", "R51", "R52",
    ] {
        let s = c.source(id).unwrap();
        assert!(
            !s.unverified.is_empty(),
            "{id} should list what is unverified"
        );
    }
    for id in [
        "R10", "R10b", "R13b", "R25", "R37b", "R39", "R39b", "R40", "R54",
    ] {
        assert_eq!(c.source(id).unwrap().kind, SourceKind::Secondary, "{id}");
    }
}

#[path = "common/seed_tables.rs"]
mod seed_tables;
use seed_tables::{SEED_TABLE_1, SEED_TABLE_2, SEED_TABLE_3};

#[test]
fn seed_table_1_every_row_is_carried_over_cell_by_cell() {
    let groups = &loaded().factors.groups;
    assert_eq!(groups.len(), 5);
    for (row, group) in SEED_TABLE_1.iter().zip(groups) {
        assert_eq!(group.seed_row.factor, row[0]);
        assert_eq!(group.seed_row.why_it_matters, row[1]);
        assert_eq!(group.seed_row.example_adjustment, row[2]);
        assert!(
            !group.entries.is_empty(),
            "{} has no literature entries",
            group.id
        );
    }
}

#[test]
fn seed_table_2_every_row_is_carried_over_cell_by_cell() {
    let stages = &loaded().phases.stages;
    assert_eq!(stages.len(), 3);
    for (row, stage) in SEED_TABLE_2.iter().zip(stages) {
        assert_eq!(stage.seed_row.stage, row[0]);
        assert_eq!(stage.seed_row.frequency, row[1]);
        assert_eq!(stage.seed_row.purpose, row[2]);
    }
}

#[test]
fn seed_table_3_every_row_is_carried_over_cell_by_cell() {
    let effects: Vec<_> = loaded()
        .side_effects
        .effects
        .iter()
        .filter(|e| e.in_seed_table)
        .collect();
    assert_eq!(effects.len(), 7);
    for (row, effect) in SEED_TABLE_3.iter().zip(effects) {
        assert_eq!(effect.name, row[0]);
        assert_eq!(effect.frequency.label(), row[1]);
        assert_eq!(effect.duration, row[2]);
        assert!(
            effect.sources.iter().any(|s| s == "seed-dosing"),
            "{}",
            effect.id
        );
    }
}

#[test]
fn side_effects_are_grouped_during_after_serious_and_long_term() {
    let se = &loaded().side_effects;
    let group_of = |id: &str| se.effects.iter().find(|e| e.id == id).unwrap().group;
    assert_eq!(group_of("dizziness"), EffectGroup::DuringAfter);
    assert_eq!(group_of("heart-rhythm-changes"), EffectGroup::Serious);
    assert_eq!(group_of("bladder-irritation"), EffectGroup::LongTerm);
    for group in EffectGroup::ALL {
        assert!(se.group(group).is_some(), "{group:?}");
        assert!(
            se.effects.iter().any(|e| e.group == group),
            "{group:?} is empty"
        );
    }
}

#[test]
fn where_the_seeds_differ_both_figures_are_kept_and_attributed() {
    let phases = &loaded().phases;
    let differences = &phases.seed_differences;
    let find = |id: &str| differences.iter().find(|d| d.id == id).unwrap();
    let induction = find("difference-induction");
    assert!(induction.seed_dosing.contains("4–6 infusions over 2 weeks"));
    assert!(induction
        .seed_frequency
        .contains("4–6 infusions over 4–7 days"));
    assert!(induction
        .seed_frequency
        .contains("6–8 infusions over 2–3 weeks"));
    let session = find("difference-session-length");
    assert!(session.seed_dosing.contains("40 minutes to several hours"));
    assert!(session.seed_frequency.contains("1–2 hours"));
    let all_text: String = phases
        .stages
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.text.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    for needle in ["trial run", "diary", "run of 2 or 3 infusions", "4–8 weeks"] {
        assert!(all_text.contains(needle), "phases lack {needle:?}");
    }
}

#[test]
fn published_regimens_are_all_present_and_cited() {
    let regimens = &loaded().phases.regimens;
    for study in [
        "Schwartzman 2009",
        "Sigtermans 2009",
        "Goldberg 2005",
        "Goldberg 2010",
        "Correll 2004",
        "Kiefer 2008",
        "Patil & Anitescu 2012",
        "Noppers 2011",
        "Cohen 2006",
        "Schwenk 2018",
        "Pomeroy 2017",
    ] {
        let r = regimens
            .iter()
            .find(|r| r.study.starts_with(study))
            .unwrap_or_else(|| panic!("{study} missing"));
        assert!(!r.sources.is_empty(), "{study}");
    }
    let sigtermans = regimens
        .iter()
        .find(|r| r.id == "regimen-sigtermans-2009")
        .unwrap();
    assert_eq!(sigtermans.start.status, Status::Unverified);
    assert_eq!(sigtermans.cap.status, Status::Unverified);
    assert!(sigtermans.outcome.text.contains("22.2 ± 2 mg/h"));
    let schwartzman = regimens
        .iter()
        .find(|r| r.id == "regimen-schwartzman-2009")
        .unwrap();
    assert!(schwartzman.cap.text.contains("0.35 mg/kg/h"));
    assert!(schwartzman.cap.text.contains("25 mg/h"));
    assert_eq!(schwartzman.start.status, Status::Unverified);
}

fn all_claims(c: &ReferenceContent) -> Vec<&Claim> {
    let mut claims: Vec<&Claim> = Vec::new();
    for g in &c.factors.groups {
        claims.extend(&g.seed_detail);
        for e in &g.entries {
            claims.extend(&e.points);
        }
    }
    for e in &c.side_effects.effects {
        claims.extend(&e.staff);
        claims.extend(&e.literature);
    }
    claims.extend(&c.evidence.meta_analyses);
    for t in &c.monitoring.monitoring {
        claims.extend(&t.points);
    }
    for r in &c.monitoring.routes {
        claims.extend(&r.points);
    }
    claims
}

#[test]
fn the_factor_literature_carries_the_measured_effects() {
    let c = loaded();
    let text: String = all_claims(c)
        .iter()
        .map(|claim| claim.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "3.6-fold",
        "2.6-fold",
        "Itraconazole",
        "2.4-fold",
        "by 14%",
        "by 86%",
        "50 kg plus 2.3 kg",
        "45.5 kg plus 2.3 kg",
        "0.4 × (total body weight − ideal body weight)",
        "130%",
        "lorazepam 2 mg",
        "theophylline",
        "including dialysis",
        "NMDA",
    ] {
        let haystack = format!(
            "{text}\n{}",
            c.monitoring
                .mechanism
                .iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(haystack.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn unverified_figures_are_marked_as_such() {
    let c = loaded();
    let claims = all_claims(c);
    let modelling = c
        .factors
        .groups
        .iter()
        .flat_map(|g| &g.entries)
        .flat_map(|e| &e.points)
        .find(|p| p.text.contains("99% probability"))
        .unwrap();
    assert_eq!(modelling.status, Status::Unverified);
    let im = claims.iter().find(|p| p.text.contains("93%")).unwrap();
    assert_eq!(im.status, Status::Unverified);
    // Every figure from a secondary source is shown with its source kind,
    // and every unverified claim says so.
    assert!(
        claims
            .iter()
            .filter(|p| p.status == Status::Unverified)
            .count()
            >= 8
    );
    let secondary_only = claims.iter().filter(|p| {
        p.sources
            .iter()
            .all(|id| c.source(id).unwrap().kind == SourceKind::Secondary)
    });
    assert!(secondary_only.count() >= 3);
}

#[test]
fn candidates_list_the_seed_groups_with_consensus_grades() {
    let cand = &loaded().candidates;
    let names: Vec<&str> = cand
        .not_candidates
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Uncontrolled high blood pressure",
            "Severe heart disease",
            "Active psychosis",
            "Significant substance misuse",
            "Pregnancy or breastfeeding",
        ]
    );
    let caution: Vec<&str> = cand.extra_caution.iter().map(|c| c.name.as_str()).collect();
    for name in ["Liver disease", "Glaucoma", "Children and adolescents"] {
        assert!(caution.contains(&name), "{name}");
    }
    let grade = |id: &str| {
        cand.not_candidates
            .iter()
            .chain(&cand.extra_caution)
            .find(|c| c.id == id)
            .unwrap()
            .consensus
            .first()
            .and_then(|p| p.grade.as_ref())
            .map(|g| g.label())
    };
    assert_eq!(
        grade("active-psychosis").as_deref(),
        Some("Grade B, low certainty")
    );
    assert_eq!(
        grade("pregnancy-breastfeeding").as_deref(),
        Some("Grade B, low certainty")
    );
    assert_eq!(
        grade("substance-misuse").as_deref(),
        Some("Grade C, low certainty")
    );
    assert_eq!(grade("glaucoma").as_deref(), Some("Grade C, low certainty"));
    assert_eq!(grade("children-adolescents"), None);
}

#[test]
fn monitoring_routes_and_mechanism_are_complete() {
    let m = &loaded().monitoring;
    assert!((2..=3).contains(&m.mechanism.len()));
    let mechanism: String = m.mechanism.iter().map(|c| c.text.as_str()).collect();
    assert!(mechanism.contains("NMDA") && mechanism.contains("central sensitisation"));
    let text: String = m
        .monitoring
        .iter()
        .flat_map(|t| &t.points)
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "Blood pressure, heart rate and oxygen",
        "must not drive",
        "calm room",
        "from start to finish",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
    let ids: Vec<&str> = m.routes.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"route-intravenous"));
    assert!(ids.contains(&"route-intranasal") && ids.contains(&"route-oral"));
}

#[test]
fn evidence_lists_every_consensus_condition_with_its_grade() {
    let e = &loaded().evidence;
    let crps = e
        .conditions
        .iter()
        .find(|c| c.id == "evidence-crps")
        .unwrap();
    assert_eq!(crps.grade.as_ref().unwrap().strength, "B");
    let d_grades = e
        .conditions
        .iter()
        .filter(|c| c.grade.as_ref().is_some_and(|g| g.strength == "D"))
        .count();
    assert_eq!(d_grades, 5);
    assert_eq!(e.conditions.len(), 8);
}

#[test]
fn the_patient_view_never_holds_a_dose() {
    for effect in &loaded().side_effects.effects {
        for text in [
            &effect.patient.feels_like,
            &effect.patient.how_long,
            &effect.patient.tell_staff,
        ] {
            let lower = text.to_lowercase();
            for word in lower.split(|c: char| !c.is_alphanumeric()) {
                assert!(
                    !["mg", "mcg", "ml", "kg", "µg"].contains(&word),
                    "{}: {text}",
                    effect.id
                );
            }
        }
    }
}

/// Problems with the medication-safety notation in one text.
fn notation_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let number = number.trim_end_matches('.');
            if number.contains('.') && number.ends_with('0') {
                problems.push(format!("trailing zero in {number}"));
            }
            if start > 0
                && chars[start - 1] == '.'
                && (start < 2 || !chars[start - 2].is_ascii_digit())
            {
                problems.push(format!("no leading zero before .{number}"));
            }
            let rest: String = chars[i..].iter().take(4).collect();
            for unit in ["mg", "mcg", "mL", "kg", "min"] {
                if rest.starts_with(unit)
                    && !rest[unit.len()..].starts_with(|c: char| c.is_alphabetic())
                {
                    problems.push(format!("no space between {number} and {unit}"));
                }
            }
            continue;
        }
        i += 1;
    }
    if text.contains("µg") || text.contains("μg") {
        problems.push("µg instead of mcg".to_string());
    }
    if text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "cc")
    {
        problems.push("cc instead of mL".to_string());
    }
    problems
}

#[test]
fn numbers_follow_the_medication_safety_notation() {
    assert_eq!(notation_problems("2.0 mg"), ["trailing zero in 2.0"]);
    assert_eq!(
        notation_problems("give .5 mg"),
        ["no leading zero before .5"]
    );
    assert_eq!(notation_problems("20mg"), ["no space between 20 and mg"]);
    assert!(notation_problems("0.35 mg/kg/h, 1,080 patients, CYP3A4, 22.2 ± 2 mg/h").is_empty());
    // Every text the app can show: the content, the built-in cards (their
    // notes are shown on #/protocols) and the golden examples (their hand
    // computations are shown by "Verify this calculator").
    let assets = content_dir().join("..");
    let mut files: Vec<std::path::PathBuf> = CONTENT_FILES
        .iter()
        .map(|f| content_dir().join(f))
        .collect();
    let mut cards: Vec<_> = std::fs::read_dir(assets.join("protocols"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cards.sort();
    assert_eq!(cards.len(), 5);
    files.extend(cards);
    files.push(assets.join("golden/engine-golden.json"));
    let mut all = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy();
        let mut found = Vec::new();
        strings(&read_json(file), &name, &mut found);
        // Format versions ("1.0.0") are not quantities.
        for (path, text) in found.into_iter().filter(|(p, _)| !p.ends_with("version")) {
            for problem in notation_problems(&text) {
                all.push(format!("{path}: {problem}: {text}"));
            }
            // The evidence file's shorthand is not for readers.
            if text.contains("LIT-dir") || text.contains("(LIT)") || text.contains("(ILL)") {
                all.push(format!("{path}: evidence shorthand: {text}"));
            }
            // Nor are the project's own names for its inputs: a reader has
            // "source articles" and "this app's research notes". And a
            // study that records no co-medication did not report none.
            let lower = text.to_lowercase();
            for jargon in [
                "seed article",
                "seeds",
                "first seed",
                "second seed",
                "evidence file",
                "none reported",
            ] {
                if lower.contains(jargon) {
                    all.push(format!("{path}: \"{jargon}\": {text}"));
                }
            }
        }
    }
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn a_searched_word_finds_another_form_of_the_same_word() {
    // It starts the word.
    assert!(word_matches("vis", "vision"));
    assert!(word_matches("", "vision"));
    // A shared stem of 5 letters, and at most 3 more in the searched word.
    assert!(word_matches("sleepy", "sleep"));
    assert!(word_matches("hallucinating", "hallucination"));
    assert!(word_matches("nauseous", "nausea"));
    assert!(word_matches("blurring", "blurred"));
    assert!(!word_matches("blurrings", "blurred"), "4 more");
    // A stem of 4 is not enough.
    assert!(!word_matches("visit", "vision"));
    assert!(!word_matches("heave", "heart"));
    assert!(!word_matches("vomiting", "vision"));
    // A stem of exactly 5 with 3 more, and with 4 more.
    assert!(word_matches("sweatabc", "sweaty"));
    assert!(!word_matches("sweatabcd", "sweaty"));
    assert_eq!((STEM_CHARS, ENDING_CHARS), (5, 3));
    // Counted in characters, not bytes.
    assert!(word_matches("öööööabc", "ööööö"));
    assert!(!word_matches("ööööabc", "öööö"));
}

#[test]
fn the_side_effect_filter_and_search_give_the_expected_counts() {
    let effects = &loaded().side_effects.effects;
    let count = |filter, query: &str, view| filter_effects(effects, filter, query, view).len();
    let clinical = EffectView::Clinical;
    assert_eq!(effects.len(), 10);
    assert_eq!(count(FrequencyFilter::All, "", clinical), 10);
    assert_eq!(
        count(FrequencyFilter::Only(Frequency::Common), "", clinical),
        3
    );
    assert_eq!(
        count(FrequencyFilter::Only(Frequency::LessCommon), "", clinical),
        2
    );
    assert_eq!(
        count(FrequencyFilter::Only(Frequency::Rare), "", clinical),
        2
    );
    assert_eq!(count(FrequencyFilter::All, "vision", clinical), 1);
    assert_eq!(count(FrequencyFilter::All, "  VISION ", clinical), 1);
    assert_eq!(count(FrequencyFilter::All, "bladder", clinical), 1);
    assert_eq!(
        count(
            FrequencyFilter::Only(Frequency::Common),
            "bladder",
            clinical
        ),
        0
    );
    assert_eq!(count(FrequencyFilter::All, "no-such-word", clinical), 0);
    assert_eq!(
        count(FrequencyFilter::All, "vis", clinical),
        2,
        "vision and visual"
    );
    assert_eq!(count(FrequencyFilter::All, "heart rhythm", clinical), 1);
    assert_eq!(
        count(FrequencyFilter::Only(Frequency::Rare), "heart", clinical),
        1
    );
    assert_eq!(count(FrequencyFilter::All, "double-vision", clinical), 1);
    // Other forms of a word, and everyday words, find their effect in the
    // patient view.
    let patient = EffectView::Patient;
    let found = |query: &str| -> Vec<String> {
        filter_effects(effects, FrequencyFilter::All, query, patient)
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    };
    for query in [
        "hallucinating",
        "hallucinate",
        "hallucinations",
        "out of body",
        "spaced out",
        "trippy",
    ] {
        assert_eq!(found(query), ["dreamlike-perception"], "{query}");
    }
    // "Things may look blurry" too.
    assert_eq!(
        found("seeing things"),
        ["blurred-vision", "dreamlike-perception"]
    );
    assert_eq!(found("nauseous"), ["nausea-vomiting"]);
    assert_eq!(found("dizziness light-headedness"), ["dizziness"]);
    assert_eq!(found("zzz"), Vec::<String>::new());
    assert_eq!(
        count(FrequencyFilter::All, "vision", EffectView::Patient),
        1
    );
    assert_eq!(
        FrequencyFilter::from_key("less-common"),
        FrequencyFilter::Only(Frequency::LessCommon)
    );
    assert_eq!(FrequencyFilter::from_key("bogus"), FrequencyFilter::All);
    for f in Frequency::FILTERABLE {
        assert_eq!(FrequencyFilter::from_key(f.key()), FrequencyFilter::Only(f));
    }
    // Every effect is reached by one of the filter's frequencies.
    for e in effects.iter() {
        assert!(
            Frequency::FILTERABLE
                .iter()
                .any(|&f| FrequencyFilter::Only(f).accepts(e.frequency)),
            "{}",
            e.id.as_str()
        );
    }
    assert_eq!(
        Frequency::FILTERABLE
            .iter()
            .map(|&f| count(FrequencyFilter::Only(f), "", clinical))
            .sum::<usize>(),
        effects.len()
    );
    assert_eq!(
        count(
            FrequencyFilter::Only(Frequency::NotGraded),
            "",
            EffectView::Patient
        ),
        3
    );
    // Everyday words a patient types find the effect in both views, though
    // its texts use other words.
    let patient = EffectView::Patient;
    let found = |query: &str, view| -> Vec<&str> {
        filter_effects(effects, FrequencyFilter::All, query, view)
            .iter()
            .map(|e| e.id.as_str())
            .collect()
    };
    for (query, id) in [
        ("dizzy", "dizziness"),
        ("anxious", "anxiety-confusion"),
        ("hallucination", "dreamlike-perception"),
        ("throw up", "nausea-vomiting"),
        ("addiction", "dependence"),
        ("palpitations", "heart-rhythm-changes"),
    ] {
        for view in [patient, clinical] {
            assert!(
                found(query, view).contains(&id),
                "{query:?} in {view:?}: {:?}",
                found(query, view)
            );
        }
    }
    // The words are searched, not shown: no text of the effect holds "woozy".
    assert_eq!(found("woozy", patient), vec!["dizziness"]);
}

#[test]
fn malformed_files_are_reported_with_the_file_name() {
    let mut files = RawFiles::EMBEDDED;
    files.phases = "{ not json";
    match parse_files(&files) {
        Err(ContentError::Parse { file, .. }) => assert_eq!(file, "phases.json"),
        other => panic!("expected a parse error, got {other:?}"),
    }
    let extra = RawFiles::EMBEDDED
        .evidence
        .replacen('{', "{\"surprise\": 1,", 1);
    let mut files = RawFiles::EMBEDDED;
    files.evidence = &extra;
    assert!(
        matches!(
            parse_files(&files),
            Err(ContentError::Parse {
                file: "evidence.json",
                ..
            })
        ),
        "unknown fields are refused"
    );
    // The message names the field path inside the file.
    let message = |files: &RawFiles<'_>| match parse_files(files) {
        Err(ContentError::Parse { file, message }) => format!("{file}: {message}"),
        other => format!("{other:?}"),
    };
    assert!(message(&files).starts_with(
        "evidence.json: surprise: unknown field; the fields allowed here are: intro, conditions,"
    ));
    let wrong_kind =
        RawFiles::EMBEDDED
            .sources
            .replacen("\"kind\":\"seed\"", "\"kind\":\"blog\"", 1);
    assert_ne!(
        wrong_kind,
        RawFiles::EMBEDDED.sources,
        "the embedded sources start with a seed"
    );
    let mut files = RawFiles::EMBEDDED;
    files.sources = &wrong_kind;
    assert_eq!(
        message(&files),
        "sources.json: sources[0].kind: unknown value \"blog\"; expected one of: seed, guideline, trial, review, label, secondary"
    );
    let mut phases: serde_json::Value = serde_json::from_str(RawFiles::EMBEDDED.phases).unwrap();
    phases["regimens"][0]["start"] = serde_json::json!(7);
    let cell = phases.to_string();
    let mut files = RawFiles::EMBEDDED;
    files.phases = &cell;
    assert_eq!(
        message(&files),
        "phases.json: regimens[0].start: expected an object, found a number"
    );
}

#[test]
fn validation_finds_dangling_duplicate_and_empty_entries() {
    let mut broken = loaded().clone();
    broken.factors.groups[0].entries[0].points[0].sources = vec!["R999".into()].into();
    let second_id = broken.factors.groups[1].id.clone();
    broken.factors.groups[0].id = second_id.clone();
    broken.side_effects.effects[0].description = "  ".into();
    broken.side_effects.effects[1].patient.how_long = "About 5 mg later".into();
    broken.evidence.conditions[0].sources.to_mut().clear();
    broken.sources[3].year = "2018a".into();
    let problems = validate(&broken);
    let has = |pred: &dyn Fn(&ContentProblem) -> bool| problems.iter().any(pred);
    assert!(has(
        &|p| matches!(p, ContentProblem::DanglingSource { source_id, .. } if source_id == "R999")
    ));
    assert!(has(
        &|p| matches!(p, ContentProblem::DuplicateId { id } if *id == second_id.as_str())
    ));
    assert!(has(&|p| matches!(p, ContentProblem::EmptyText { .. })));
    assert!(has(&|p| matches!(
        p,
        ContentProblem::DoseInPatientView { .. }
    )));
    assert!(has(&|p| matches!(p, ContentProblem::MissingSources { .. })));
    assert!(has(&|p| matches!(p, ContentProblem::InvalidYear { .. })));
    let message = ContentError::Invalid(problems).to_string();
    assert!(message.contains("problems"), "{message}");
}

#[test]
fn the_embedded_data_are_the_asset_files_minified() {
    use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
    use ketamine_dosing_reference::domain::dosing::golden::GOLDEN_JSON;
    let assets = content_dir().join("..");
    let e = RawFiles::EMBEDDED;
    let mut pairs: Vec<(String, &str)> = vec![
        ("content/sources.json".into(), e.sources),
        ("content/factors.json".into(), e.factors),
        ("content/phases.json".into(), e.phases),
        ("content/side_effects.json".into(), e.side_effects),
        ("content/candidates.json".into(), e.candidates),
        ("content/monitoring.json".into(), e.monitoring),
        ("content/evidence.json".into(), e.evidence),
        ("golden/engine-golden.json".into(), GOLDEN_JSON),
    ];
    for (id, text) in BUILTIN_CARDS {
        pairs.push((format!("protocols/{id}.json"), text));
    }
    for (path, embedded) in pairs {
        let original = std::fs::read_to_string(assets.join(&path)).unwrap();
        let a: serde_json::Value = serde_json::from_str(&original).unwrap();
        let b: serde_json::Value = serde_json::from_str(embedded).unwrap();
        assert_eq!(a, b, "{path}: the embedded copy holds the same values");
        assert!(!embedded.contains('\n'), "{path} is minified");
        assert!(
            embedded.len() * 10 < original.len() * 9,
            "{path}: at least 10% smaller"
        );
    }
}

/// A card's phases are marked as taken from a source for their counts and
/// span; where its titration is this app's illustration, the phases' own
/// titration text says so, so the badge beside it is not read as covering
/// an illustrative daily step.
#[test]
fn a_phases_text_that_describes_an_illustrative_titration_says_so() {
    use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
    let mut checked = 0;
    for (id, text) in BUILTIN_CARDS {
        let card: serde_json::Value = serde_json::from_str(text).unwrap();
        let illustrative = card["titration"]["evidence"] == "illustrative";
        let phases_sourced = card["phases"]["evidence"] == "source";
        let says = card["phases"]["titration"].as_str().unwrap();
        if illustrative && phases_sourced && says.contains("step") {
            assert!(says.contains("this app's illustration"), "{id}: {says}");
            checked += 1;
        }
    }
    assert_eq!(checked, 2, "crps-continuous and headache-inpatient");
}

#[test]
fn an_effect_is_named_in_each_view_by_its_own_or_its_patient_name() {
    let effects = &loaded().side_effects.effects;
    let by_id = |id: &str| effects.iter().find(|e| e.id.as_str() == id).unwrap();
    let dizziness = by_id("dizziness");
    assert_eq!(
        dizziness.name_in(EffectView::Patient),
        "Dizziness or light-headedness"
    );
    assert_eq!(
        dizziness.name_in(EffectView::Clinical),
        dizziness.name.as_str()
    );
    assert_ne!(dizziness.name.as_str(), "Dizziness or light-headedness");
    // Without a patient name, the effect's own in both views.
    for e in effects.iter().filter(|e| e.patient.name.is_none()) {
        assert_eq!(e.name_in(EffectView::Patient), e.name.as_str());
        assert_eq!(e.name_in(EffectView::Clinical), e.name.as_str());
    }
    assert!(effects.iter().any(|e| e.patient.name.is_none()));
}

#[test]
fn a_patient_duration_cites_its_own_sources_or_the_effects() {
    let effects = &loaded().side_effects.effects;
    let ids = |e: &ketamine_dosing_reference::domain::reference::SideEffect| -> Vec<String> {
        e.patient
            .how_long_cites(&e.sources)
            .iter()
            .map(|t| t.as_str().to_string())
            .collect()
    };
    let bladder = effects
        .iter()
        .find(|e| e.id.as_str() == "bladder-irritation")
        .unwrap();
    assert_eq!(ids(bladder), ["seed-dosing", "R32"]);
    let dizziness = effects
        .iter()
        .find(|e| e.id.as_str() == "dizziness")
        .unwrap();
    assert!(dizziness.patient.how_long_sources.is_empty());
    assert_eq!(ids(dizziness), ["seed-dosing"]);
}
