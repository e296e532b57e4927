//! Build-age arithmetic (issue 8, cargo mutants): every calendar day from 1896
//! to 2104 is exactly one day after the one before, and every impossible date
//! is refused, so each rule of the civil-date conversion is pinned.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ketamine_dosing_reference::domain::version::{days_between, stale_notice, STALE_AFTER_DAYS};

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_length(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[test]
fn consecutive_days_are_one_day_apart_across_centuries() {
    let mut expected = days_between("1970-01-01", "1896-01-01").unwrap();
    // 74 years back, of which 18 leap years (1896..=1968 minus 1900).
    assert_eq!(expected, -(74 * 365 + 18));
    for y in 1896..=2104 {
        for m in 1..=12 {
            for d in 1..=month_length(y, m) {
                let date = format!("{y:04}-{m:02}-{d:02}");
                assert_eq!(days_between("1970-01-01", &date), Some(expected), "{date}");
                expected += 1;
            }
        }
    }
}

#[test]
fn impossible_dates_are_refused() {
    for y in [1900, 1999, 2000, 2023, 2024, 2100] {
        for m in 1..=12 {
            let past_end = format!("{y:04}-{m:02}-{:02}", month_length(y, m) + 1);
            assert_eq!(days_between("1970-01-01", &past_end), None, "{past_end}");
            let zero = format!("{y:04}-{m:02}-00");
            assert_eq!(days_between("1970-01-01", &zero), None, "{zero}");
        }
        for m in ["00", "13"] {
            let date = format!("{y:04}-{m}-01");
            assert_eq!(days_between(&date, "1970-01-01"), None, "{date}");
        }
    }
    for bad in [
        "2026-11-2",
        "2026-1-22",
        "226-11-22",
        "2026-11-22-",
        "2026/11/22",
    ] {
        assert_eq!(days_between(bad, "2026-11-22"), None, "{bad}");
        assert_eq!(days_between("2026-11-22", bad), None, "{bad}");
    }
}

#[test]
fn days_between_is_signed_and_the_notice_starts_after_180_days() {
    assert_eq!(days_between("2026-11-22", "2026-11-21"), Some(-1));
    assert_eq!(days_between("2024-02-28", "2024-03-01"), Some(2));
    assert_eq!(days_between("2023-02-28", "2023-03-01"), Some(1));
    assert_eq!(STALE_AFTER_DAYS, 180);
    assert!(stale_notice("2026-11-22", "2025-01-01")
        .unwrap()
        .contains("its clock is wrong"));
    assert!(stale_notice("2025-05-26", "2026-11-22")
        .unwrap()
        .starts_with("This copy was built 545 days ago (2025-05-26)."));
}
