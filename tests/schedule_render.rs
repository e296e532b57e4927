//! The treatment schedule page rendered natively (yew `ssr`): a share link's
//! card and first day give the dated rows, their source and the download
//! button; a bad date gives a message tied to its field and no rows; the
//! line that says where the intervals come from, as text. Also the
//! diary page as it opens: its form, every side effect and the privacy note.
#![cfg(feature = "ui")]
#![allow(clippy::unwrap_used)]

#[path = "common/show.rs"]
mod show;

use ketamine_dosing_reference::domain::dosing::EvidenceKind;
use ketamine_dosing_reference::domain::library::builtin;
use ketamine_dosing_reference::domain::schedule::Schedule;
use ketamine_dosing_reference::ui::pages::diary::DiaryPage;
use ketamine_dosing_reference::ui::pages::schedule::{
    schedule_basis, SchedulePage, SchedulePageProps,
};
use yew::LocalServerRenderer;

/// The basis line of `card`'s schedule, changed by `edit`, as text.
async fn basis_text(card: &str, edit: impl Fn(&mut Schedule)) -> String {
    let card = builtin()
        .unwrap()
        .iter()
        .find(|c| c.id() == card)
        .unwrap()
        .card()
        .clone();
    let mut s = ketamine_dosing_reference::domain::schedule::schedule(&card, "2026-12-07").unwrap();
    edit(&mut s);
    show::text_of(&show::render_view(move || schedule_basis(&s)).await)
}

async fn schedule(query: &str) -> String {
    LocalServerRenderer::<SchedulePage>::with_props(SchedulePageProps {
        query: query.to_string().into(),
        ..Default::default()
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_gives_the_dated_course_of_its_card() {
    let html = schedule("protocol=outpatient-consensus&start=2026-12-07").await;
    assert_eq!(html.matches("data-testid=\"schedule-row\"").count(), 9);
    assert_eq!(html.matches("data-kind=\"induction\"").count(), 6);
    assert_eq!(html.matches("data-kind=\"booster\"").count(), 3);
    for needle in [
        "Infusion 1 of 6 (induction)",
        "Mon 7 Dec 2026",
        "data-date=\"2026-12-20\"",
        "Booster 1",
        "from Sun 17 Jan 2027 to Sun 14 Feb 2027, when relief wears off",
        // The later windows: twice and three times the card's 4 to 8 weeks
        // after the last induction infusion (20 Dec), as the text says.
        "from Sun 14 Feb 2027 to Sun 11 Apr 2027",
        "from Sun 14 Mar 2027 to Sun 6 Jun 2027",
        "the second from twice those intervals, the third from three times",
        "\u{201c}Outpatient low-dose infusion (2018 consensus)\u{201d} (outpatient-consensus), version ",
        "illustrative dates",
        "data-testid=\"schedule-download\"",
        "data-evidence=\"direction\"",
        "class=\"cite\"",
        "value=\"2026-12-07\"",
        // An emptied field goes back to today, and the field says so.
        "aria-describedby=\"schedule-start-hint\"",
        "Clear the field to start the course today.",
        // The card's sentence after a heading word, not after a colon.
        "<strong>Boosters. </strong>One 4-hour infusion at the last well-tolerated rate. They are timed by symptoms",
        // The badge's meaning in words: a touch screen shows no tooltip.
        "class=\"evidence-legend\"",
        "the source supports the direction, the number is an illustrative choice",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(!html.contains("schedule-error"));
    assert!(!html.contains("schedule-unknown-card"));
}

#[tokio::test(flavor = "current_thread")]
async fn the_basis_line_credits_the_card_and_never_runs_the_badge_into_the_next_word() {
    // A card that cites no source for its phases (an imported card may):
    // the intervals are still the card's, not this app's arithmetic.
    let none = basis_text("crps-4h", |s| {
        s.sources.clear();
        s.evidence = EvidenceKind::Illustrative;
        s.note = None;
    })
    .await;
    assert_eq!(
        none,
        "Where these intervals come from: the card; evidence: illustrative (the card gives no source)"
    );
    assert!(!none.contains("illustrativenone"), "{none}");
    assert!(!none.contains("arithmetic of this app"), "{none}");
    // With sources: the badge, then each citation after a space; the
    // card's note follows.
    let cited = basis_text("outpatient-consensus", |_| {}).await;
    assert!(
        cited.starts_with(
            "Where these intervals come from: the card; evidence: direction [seed-dosing] [seed-frequency] [R40]"
        ),
        "{cited}"
    );
    let note = basis_text("crps-4h", |s| s.sources.clear()).await;
    assert!(
        note.starts_with(
            "Where these intervals come from: the card; evidence: source (the card gives no source) Boosters were not part of the trial"
        ),
        "{note}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_card_without_boosters_and_a_continuous_card() {
    let html = schedule("protocol=crps-continuous&start=2026-12-30").await;
    assert_eq!(html.matches("data-kind=\"induction\"").count(), 5);
    assert_eq!(html.matches("data-kind=\"booster\"").count(), 0);
    assert!(html.contains("Day 3 of 5 (induction)"));
    assert!(html.contains("Fri 1 Jan 2027"));
    // No boosters, no booster line.
    assert!(!html.contains("schedule-booster"));
}

#[tokio::test(flavor = "current_thread")]
async fn a_bad_date_is_explained_at_its_field_and_shows_no_rows() {
    let html = schedule("protocol=crps-4h&start=2026-02-30").await;
    assert!(html.contains("data-testid=\"schedule-error\""));
    assert!(html.contains("30 Feb 2026 is not a date: that month has 28 days."));
    let garbage = schedule("protocol=crps-4h&start=garbage").await;
    assert!(garbage.contains("is not a date: use year-month-day"));
    assert_eq!(garbage.matches("data-testid=\"schedule-row\"").count(), 0);
    assert!(html.contains("aria-describedby=\"schedule-start-hint schedule-start-error\""));
    assert!(html.contains("aria-invalid=\"true\""));
    assert_eq!(html.matches("data-testid=\"schedule-row\"").count(), 0);
    assert!(!html.contains("schedule-download"));
    let early = schedule("protocol=crps-4h&start=1999-12-31").await;
    assert!(early.contains("The first day must be between 2000-01-01 and 2099-12-31."));
}

#[tokio::test(flavor = "current_thread")]
async fn a_link_with_a_day_its_month_does_not_have_says_which_and_shows_no_schedule() {
    let html = schedule("protocol=crps-4h&start=2027-02-29").await;
    assert!(
        html.contains("29 Feb 2027 is not a date: that month has 28 days."),
        "{html}"
    );
    assert!(html.contains("aria-describedby=\"schedule-start-hint schedule-start-error\""));
    assert!(!html.contains("use year-month-day"));
    assert_eq!(html.matches("data-testid=\"schedule-row\"").count(), 0);
    assert!(!html.contains("schedule-download"));
    // The field holds no impossible date (a date input takes none).
    assert!(!html.contains("value=\"2027-02-29\""));
}

#[tokio::test(flavor = "current_thread")]
async fn an_unknown_card_is_named_and_the_first_card_shown() {
    let html = schedule("protocol=no-such-card&start=2026-12-07").await;
    assert!(html.contains("data-testid=\"schedule-unknown-card\""));
    assert!(html.contains("no-such-card"));
    assert!(html.matches("data-testid=\"schedule-row\"").count() > 0);
}

#[tokio::test(flavor = "current_thread")]
async fn the_diary_opens_with_its_form_every_side_effect_and_the_privacy_note() {
    let html = LocalServerRenderer::<DiaryPage>::new()
        .hydratable(false)
        .render()
        .await;
    for needle in [
        "data-testid=\"diary-privacy\"",
        "Nothing is sent anywhere",
        "id=\"diary-date\"",
        "id=\"diary-pain\"",
        "id=\"diary-sleep\"",
        "id=\"diary-mood\"",
        "id=\"diary-infusion\"",
        "id=\"diary-note\"",
        "0 no pain, 10 the worst pain you can imagine",
        "id=\"diary-effect-dizziness\"",
        "Nausea or vomiting",
        "href=\"#/side-effects?view=patient\"",
        "data-testid=\"diary-empty\"",
        "data-testid=\"diary-file\"",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    // Every side effect a patient can notice can be ticked, in the diary's
    // words (liver injury is found only by tests); scores offer 0 to 10.
    let noticed = ketamine_dosing_reference::domain::reference::content()
        .side_effects
        .effects
        .iter()
        .filter(|e| e.patient.diary.is_some())
        .count();
    assert_eq!(noticed, 9);
    assert_eq!(html.matches("id=\"diary-effect-").count(), noticed);
    assert!(!html.contains("id=\"diary-effect-liver-injury\""));
    assert!(!html.contains("misuse"));
    assert_eq!(html.matches("<option value=\"10\"").count(), 3);
    // Nothing to export or delete yet.
    assert!(html.contains("data-testid=\"diary-export\" disabled"));
    assert!(!html.contains("diary-clear"));
}
