//! Reference content (issue 8, cargo mutants): lookups return exactly the
//! sources asked for.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::reference::{content, SourceKind};

#[test]
fn sources_of_kind_gives_only_and_all_sources_of_that_kind() {
    let c = content();
    let mut total = 0;
    for kind in SourceKind::ALL {
        let of_kind: Vec<_> = c.sources_of_kind(kind).collect();
        assert!(!of_kind.is_empty(), "{kind:?}");
        assert!(of_kind.iter().all(|s| s.kind == kind), "{kind:?}");
        total += of_kind.len();
    }
    assert_eq!(total, c.sources.len());
    let first = &c.sources[0];
    assert_eq!(c.source(&first.id).unwrap().id, first.id);
    assert!(c.source("no-such-source").is_none());
}

#[test]
fn each_source_kind_has_its_own_key_and_badge() {
    use ketamine_dosing_reference::domain::reference::SourceKind as K;
    let expected = [
        (K::Seed, "seed", "source article"),
        (K::Guideline, "guideline", "guideline"),
        (K::Trial, "trial", "study"),
        (K::Review, "review", "review"),
        (K::Label, "label", "label"),
        (K::Secondary, "secondary", "secondary source"),
    ];
    assert_eq!(expected.len(), SourceKind::ALL.len());
    for (kind, key, badge) in expected {
        assert_eq!(kind.key(), key);
        assert_eq!(kind.badge(), badge);
    }
}

#[test]
fn a_source_short_label_is_authors_year_and_title() {
    let c = content();
    let s = &c.sources[0];
    assert_eq!(
        s.short_label(),
        format!("{} ({}). {}", s.authors, s.year, s.title)
    );
    assert!(s.short_label().starts_with(s.authors.as_str()));
}

#[test]
fn a_calculator_factor_id_that_is_not_kebab_case_is_reported() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let mut broken = content().clone();
    broken.factors.groups[0].calculator_factor_ids = vec!["Not Kebab".into()].into();
    broken.factors.groups[1].entries[0].calculator_factor_ids = vec!["also_wrong".into()].into();
    let bad: Vec<String> = validate(&broken)
        .into_iter()
        .filter_map(|p| match p {
            ContentProblem::InvalidId { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(bad, ["Not Kebab", "also_wrong"]);
    assert!(validate(content()).is_empty());
}

#[test]
fn only_unverified_figures_carry_a_badge() {
    use ketamine_dosing_reference::domain::reference::Status;
    assert_eq!(Status::Sourced.badge(), None);
    assert_eq!(Status::Unverified.badge(), Some("Unverified"));
}

#[test]
fn a_content_problem_names_the_page_and_item_it_is_in() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let mut broken = content().clone();
    let entry = &mut broken.factors.groups[1].entries[0];
    entry.calculator_factor_ids = vec!["also_wrong".into()].into();
    let entry_id = entry.id.clone();
    let locations: Vec<String> = validate(&broken)
        .into_iter()
        .filter_map(|p| match p {
            ContentProblem::InvalidId { location, .. } => Some(location),
            _ => None,
        })
        .collect();
    assert_eq!(
        locations,
        [format!("/factors {entry_id}: calculator factor ids")]
    );
}

#[test]
fn a_source_with_only_a_web_address_links_to_it() {
    let c = content();
    let web_only: Vec<_> = c
        .sources
        .iter()
        .filter(|s| s.doi.is_none() && s.pmid.is_none() && s.url.is_some())
        .collect();
    assert!(!web_only.is_empty());
    for s in web_only {
        assert_eq!(s.link(), s.url.as_ref().map(|u| u.to_string()), "{}", s.id);
        assert!(s.link().is_some(), "{}", s.id);
    }
    let with_doi = c.sources.iter().find(|s| s.doi.is_some()).unwrap();
    assert_eq!(
        with_doi.link().unwrap(),
        format!(
            "https://doi.org/{}",
            with_doi.doi.as_deref().unwrap().trim()
        )
    );
}

#[test]
fn the_frequency_filter_is_keyed_by_its_radio_value_and_labelled_under_its_legend() {
    use ketamine_dosing_reference::domain::reference::{Frequency, FrequencyFilter};
    assert_eq!(FrequencyFilter::All.key(), "all");
    assert_eq!(FrequencyFilter::from_key("all"), FrequencyFilter::All);
    for f in Frequency::FILTERABLE {
        let filter = FrequencyFilter::Only(f);
        assert_eq!(filter.key(), f.key());
        assert_eq!(FrequencyFilter::from_key(filter.key()), filter);
    }
    // Every choice once, "All" first, each with its own label; "Frequency"
    // is the legend, so it is not repeated in a label.
    let labels: Vec<(&str, &str)> = FrequencyFilter::CHOICES
        .iter()
        .map(|c| (c.key(), c.label()))
        .collect();
    assert_eq!(
        labels,
        [
            ("all", "All"),
            ("common", "Common"),
            ("less-common", "Less common"),
            ("rare", "Rare"),
            ("not-graded", "Not given in the source article"),
        ]
    );
}

#[test]
fn empty_texts_on_the_candidates_and_monitoring_pages_are_reported() {
    let mut broken = content().clone();
    broken.candidates.intro = " ".into();
    assert_eq!(empty_texts(&broken), ["/candidates intro"]);

    let mut broken = content().clone();
    broken.candidates.not_candidates[0].summary = "".into();
    let id = broken.candidates.not_candidates[0].id.clone();
    assert_eq!(empty_texts(&broken), [format!("/candidates {id}: summary")]);

    let mut broken = content().clone();
    broken.monitoring.intro = "".into();
    assert_eq!(empty_texts(&broken), ["/monitoring intro"]);
}

/// Where `validate` finds an empty text in `broken`.
fn empty_texts(
    broken: &ketamine_dosing_reference::domain::reference::ReferenceContent,
) -> Vec<String> {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    validate(broken)
        .into_iter()
        .filter_map(|p| match p {
            ContentProblem::EmptyText { location } => Some(location),
            _ => None,
        })
        .collect()
}

#[test]
fn a_blank_note_on_a_claim_is_reported() {
    let mut broken = content().clone();
    broken.evidence.meta_analyses[0].note = Some("  ".into());
    assert_eq!(
        empty_texts(&broken),
        ["/evidence meta-analyses: meta-analyses"]
    );
    broken.evidence.meta_analyses[0].note = Some("How to read it.".into());
    assert!(empty_texts(&broken).is_empty());
}

#[test]
fn an_empty_point_on_a_candidate_is_reported_though_points_are_optional() {
    use ketamine_dosing_reference::domain::reference::{Claim, Status};
    let mut broken = content().clone();
    let candidate = &mut broken.candidates.not_candidates[0];
    let id = candidate.id.clone();
    candidate.points = Vec::new().into();
    assert!(empty_texts(&broken).is_empty(), "no points is allowed");
    broken.candidates.not_candidates[0].points = vec![Claim {
        text: "".into(),
        sources: vec!["seed-dosing".into()].into(),
        status: Status::Sourced,
        note: None,
    }]
    .into();
    assert_eq!(empty_texts(&broken), [format!("/candidates {id}: points")]);
}

#[test]
fn a_grade_with_an_empty_strength_or_certainty_is_reported() {
    use ketamine_dosing_reference::domain::reference::Grade;
    let mut broken = content().clone();
    let id = broken.evidence.conditions[0].id.clone();
    for (strength, certainty) in [("", "Low"), ("B", " ")] {
        broken.evidence.conditions[0].grade = Some(Grade {
            strength: strength.into(),
            certainty: certainty.into(),
            status: Default::default(),
            note: None,
        });
        assert_eq!(empty_texts(&broken), [format!("/evidence {id}: grade")]);
    }
    // A grade's note too.
    broken.evidence.conditions[0].grade = Some(Grade {
        strength: "B".into(),
        certainty: "Low".into(),
        status: Default::default(),
        note: Some(" ".into()),
    });
    assert_eq!(empty_texts(&broken), [format!("/evidence {id}: grade")]);
}

#[test]
fn an_empty_regimen_cell_is_reported_under_its_column() {
    let mut broken = content().clone();
    let regimen = &mut broken.phases.regimens[0];
    let id = regimen.id.clone();
    regimen.cap.text = " ".into();
    assert_eq!(empty_texts(&broken), [format!("/phases {id}: Maximum")]);
}

#[test]
fn topics_are_checked_as_items_with_their_points() {
    use ketamine_dosing_reference::domain::reference::{citing_items, validate, ContentProblem};
    let shipped = content();
    let topic = &shipped.monitoring.monitoring[0];
    let item = citing_items(shipped)
        .into_iter()
        .find(|i| i.item_id == topic.id.as_str())
        .expect("a monitoring topic is an item that cites its sources");
    assert_eq!(item.label, topic.title.as_str());
    assert!(!item.source_ids.is_empty());

    let mut broken = shipped.clone();
    let id = broken.phases.interval_factors[0].id.clone();
    broken.phases.interval_factors[0].title = "".into();
    broken.monitoring.monitoring[0].points[0].text = "".into();
    assert_eq!(
        empty_texts(&broken),
        [
            format!("/phases {id}: name"),
            format!("/monitoring {}: points", topic.id)
        ]
    );

    let mut broken = shipped.clone();
    broken.monitoring.monitoring[0].id = "Not Kebab".into();
    assert!(validate(&broken)
        .iter()
        .any(|p| matches!(p, ContentProblem::InvalidId { id, .. } if id == "Not Kebab")));
}

#[test]
fn a_source_id_with_a_space_inside_is_reported() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let missing_ids = |id: &str| {
        let mut broken = content().clone();
        broken.sources[0].id = id.into();
        validate(&broken)
            .into_iter()
            .filter(|p| matches!(p, ContentProblem::MissingId { .. }))
            .count()
    };
    assert_eq!(missing_ids("seed dosing"), 1);
    assert_eq!(missing_ids(" "), 1);
    assert_eq!(missing_ids("seed-dosing-2"), 0);
}

#[test]
fn only_a_seed_with_its_unverified_details_may_go_without_a_link() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem, Source};
    let c = content();
    let seed = c
        .sources
        .iter()
        .position(|s| s.id == "seed-dosing")
        .unwrap();
    assert_eq!(c.sources[seed].kind, SourceKind::Seed);
    assert_eq!(c.sources[seed].link(), None);
    let missing = |edit: &dyn Fn(&mut Source)| {
        let mut broken = c.clone();
        edit(&mut broken.sources.to_mut()[seed]);
        validate(&broken)
            .into_iter()
            .filter(|p| matches!(p, ContentProblem::MissingLink { id } if id == "seed-dosing"))
            .count()
    };
    assert_eq!(missing(&|_| {}), 0);
    assert_eq!(missing(&|s| s.unverified = Vec::new().into()), 1);
    // Unverified details that do not say the address is missing: reported.
    assert_eq!(
        missing(&|s| s.unverified = vec!["No author is named.".into()].into()),
        1
    );
    assert_eq!(missing(&|s| s.kind = SourceKind::Secondary), 1);
    assert_eq!(missing(&|s| s.kind = SourceKind::Trial), 1);
    assert_eq!(
        missing(&|s| {
            s.kind = SourceKind::Trial;
            s.url = Some("https://example.org/".into());
        }),
        0
    );
}

#[test]
fn a_source_year_is_four_digits_or_n_d() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let invalid = |year: &str| {
        let mut broken = content().clone();
        broken.sources[0].year = year.into();
        validate(&broken)
            .into_iter()
            .any(|p| matches!(p, ContentProblem::InvalidYear { .. }))
    };
    for year in ["20x4", "12345", "201", "n.d", ""] {
        assert!(invalid(year), "{year:?}");
    }
    for year in ["2018", "n.d.", "0999"] {
        assert!(!invalid(year), "{year:?}");
    }
}

#[test]
fn the_patient_view_is_opened_by_its_query_and_written_back_to_it() {
    use ketamine_dosing_reference::domain::reference::EffectView;
    use ketamine_dosing_reference::domain::route::{view_fragment, Route};
    assert_eq!(EffectView::from_query("view=patient"), EffectView::Patient);
    // The value in any case, as routes are (`#/Factors`).
    assert_eq!(EffectView::from_query("view=Patient"), EffectView::Patient);
    assert_eq!(EffectView::from_query("view=PATIENT"), EffectView::Patient);
    assert_eq!(
        EffectView::from_query("entry=stage-induction&view=patient"),
        EffectView::Patient
    );
    for other in [
        "",
        "view=clinical",
        "view=patients",
        "xview=patient",
        "View=patient",
    ] {
        assert_eq!(
            EffectView::from_query(other),
            EffectView::Clinical,
            "{other:?}"
        );
    }
    assert_eq!(
        view_fragment(Route::SideEffects, EffectView::Patient),
        "#/side-effects?view=patient"
    );
    assert_eq!(
        view_fragment(Route::Phases, EffectView::Clinical),
        "#/phases"
    );
    for view in [EffectView::Clinical, EffectView::Patient] {
        let fragment = view_fragment(Route::Phases, view);
        let location = ketamine_dosing_reference::domain::route::parse_fragment(&fragment);
        assert_eq!(location.route, Route::Phases);
        assert_eq!(EffectView::from_query(&location.query), view);
    }
}

#[test]
fn a_dose_in_a_stage_is_reported_because_patients_read_the_stages() {
    use ketamine_dosing_reference::domain::reference::{validate, ContentProblem};
    let dose_at = |broken: &ketamine_dosing_reference::domain::reference::ReferenceContent| {
        validate(broken)
            .into_iter()
            .filter_map(|p| match p {
                ContentProblem::DoseInPatientView { location, unit } => {
                    Some(format!("{location} ({unit})"))
                }
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert!(dose_at(content()).is_empty());
    let mut broken = content().clone();
    let id = broken.phases.stages[0].id.clone();
    broken.phases.stages[0].points[1].text = "Infusions start at 0.1 mg/kg/h.".into();
    broken.phases.stages[0].summary = "A series of 100 mg infusions.".into();
    broken.phases.stages[0].seed_row.frequency = "Every day, 5 mL/h".into();
    assert_eq!(
        dose_at(&broken),
        [
            format!("/phases {id}: seed frequency (ml)"),
            format!("/phases {id}: summary (mg)"),
            format!("/phases {id}: points (mg)"),
        ]
    );
}

#[test]
fn a_title_with_its_own_stop_gets_no_second_one() {
    let c = content();
    let question = c.source("seed-frequency").unwrap();
    assert!(question.title.ends_with('?'));
    assert_eq!(question.after_title(), " ");
    let plain = c.source("R1").unwrap();
    assert!(!plain.title.ends_with(['?', '!', '.']));
    assert_eq!(plain.after_title(), ". ");
    let mut exclaimed = plain.clone();
    exclaimed.title = "Ketamine!".into();
    assert_eq!(exclaimed.after_title(), " ");
    exclaimed.title = "Ketamine.".into();
    assert_eq!(exclaimed.after_title(), " ");
    // Where to look it up from paper: the DOI, else the PubMed number, else
    // the site of the page (no scheme, "www." or path).
    let mut s = plain.clone();
    s.doi = Some("10.1/x".into());
    s.pmid = Some("123".into());
    s.url = Some("https://www.example.org/a/b?c=d".into());
    assert_eq!(s.paper_locator().as_deref(), Some("doi:10.1/x"));
    s.doi = Some("  ".into());
    assert_eq!(s.paper_locator().as_deref(), Some("PMID 123"));
    s.pmid = None;
    assert_eq!(s.paper_locator().as_deref(), Some("example.org"));
    s.url = Some("http://umem.org#top".into());
    assert_eq!(s.paper_locator().as_deref(), Some("umem.org"));
    s.url = Some("example.net/page".into());
    assert_eq!(s.paper_locator().as_deref(), Some("example.net"));
    s.url = Some("https://".into());
    assert_eq!(s.paper_locator(), None);
    s.url = None;
    assert_eq!(s.paper_locator(), None);
    // The full reference, as the printed sheet lists it.
    assert_eq!(
        plain.full_reference(),
        format!(
            "{} ({}). {}. {}.",
            plain.authors, plain.year, plain.title, plain.publisher
        )
    );
    assert_eq!(
        question.full_reference(),
        format!(
            "{} ({}). {} {}.",
            question.authors, question.year, question.title, question.publisher
        )
    );
}
