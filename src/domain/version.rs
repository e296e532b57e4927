//! Content version and build date, shown in the footer of every page.

/// Version of the clinical content (reference tables and built-in cards).
/// Bump it whenever a number, a source or a card changes.
pub const CONTENT_VERSION: &str = "2026.12.9";

/// The app's own version, from Cargo.toml.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The UTC build date (`YYYY-MM-DD`), set by `build.rs`.
pub const BUILD_DATE: &str = env!("KDR_BUILD_DATE");

/// A copy older than this many days says how old it is in the footer.
pub const STALE_AFTER_DAYS: i64 = 180;

/// Days from `from` to `to`, both `YYYY-MM-DD`; `None` if either is malformed.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(day_number(to)? - day_number(from)?)
}

/// The footer's age warning when the build is more than [`STALE_AFTER_DAYS`]
/// old on `today` (`YYYY-MM-DD`); a clock warning when `today` is more than
/// a day before the build date (the build date is UTC, so a day behind is
/// a time zone, not a wrong clock); else `None`.
pub fn stale_notice(build_date: &str, today: &str) -> Option<String> {
    let age = days_between(build_date, today)?;
    if age < -1 {
        return Some(format!(
            "This device's date, {today}, is before this copy was built ({build_date}): its \
             clock is wrong. The dates the app writes (diary, schedule, printed sheets) come \
             from it: set the clock to today."
        ));
    }
    (age > STALE_AFTER_DAYS).then(|| {
        format!(
            "This copy was built {} days ago ({build_date}). Clinical content may have \
             changed since: look for a newer copy.",
            crate::domain::dosing::format_number(age as f64, 0)
        )
    })
}

/// How many days `month` (1 to 12) of `year` has, in the Gregorian
/// calendar; `None` for a number that is no month.
pub fn days_in_month(year: i64, month: i64) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    days.get(usize::try_from(month.checked_sub(1)?).ok()?)
        .copied()
}

/// Days since 1970-01-01 of a proleptic Gregorian `YYYY-MM-DD` date.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    // Digits only: `str::parse` would also take a sign ("2026-+1-+7").
    if ![y, m, d]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1..=days_in_month(y, m)?).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date of a day number ([`day_number`]'s inverse; Howard
/// Hinnant's civil_from_days). Years before 0 or after 9999 are not dates
/// this app writes, and give `None`.
pub fn date_of_day_number(n: i64) -> Option<String> {
    let (y, m, d) = super::build_support::civil_from_days(n);
    (0..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_with_a_sign_or_a_space_in_it_is_no_date() {
        for text in [
            "2026-+1-+7",
            "+026-01-07",
            "2026-01-+7",
            "2026--1-07",
            "2026-01- 7",
        ] {
            assert_eq!(day_number(text), None, "{text}");
        }
        assert_eq!(day_number("2026-01-07"), Some(20_460));
    }

    #[test]
    fn day_numbers_match_known_dates() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-11-22"), Some(20_779));
    }

    #[test]
    fn day_numbers_and_dates_round_trip() {
        for n in (-719_468..2_932_896)
            .step_by(997)
            .chain([0, 20_779, 2_932_896])
        {
            let date = date_of_day_number(n).unwrap();
            assert_eq!(day_number(&date), Some(n), "{date}");
        }
        assert_eq!(date_of_day_number(0).as_deref(), Some("1970-01-01"));
        assert_eq!(date_of_day_number(2_932_896).as_deref(), Some("9999-12-31"));
        assert_eq!(date_of_day_number(2_932_897), None, "year 10000");
        assert_eq!(date_of_day_number(-719_468).as_deref(), Some("0000-03-01"));
        assert_eq!(date_of_day_number(-719_529), None, "before year 0");
    }

    #[test]
    fn months_have_their_lengths() {
        let lengths: Vec<i64> = (1..=12).filter_map(|m| days_in_month(2027, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert_eq!(days_in_month(2028, 2), Some(29));
        assert_eq!(days_in_month(2000, 2), Some(29));
        assert_eq!(days_in_month(2100, 2), Some(28));
        for month in [0, 13, -1, i64::MIN, i64::MAX] {
            assert_eq!(days_in_month(2027, month), None, "{month}");
        }
    }

    #[test]
    fn malformed_dates_are_none() {
        for bad in [
            "",
            "2026-13-01",
            "2026-02-29",
            "2026-1-01",
            "20261122",
            "2026-11-22-1",
            "abcd-ef-gh",
        ] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
        assert_eq!(day_number("2024-02-29"), Some(19_782));
    }

    #[test]
    fn stale_notice_appears_only_after_180_days() {
        // 2026-05-26 + 180 days = 2026-11-22.
        assert_eq!(days_between("2026-05-26", "2026-11-22"), Some(180));
        assert_eq!(stale_notice("2026-05-26", "2026-11-22"), None);
        assert_eq!(stale_notice("2026-05-27", "2026-11-22"), None);
        let notice = stale_notice("2026-05-25", "2026-11-22");
        assert_eq!(
            notice.as_deref(),
            Some(
                "This copy was built 181 days ago (2026-05-25). Clinical content may have \
                 changed since: look for a newer copy."
            )
        );
        assert_eq!(stale_notice("garbage", "2026-11-22"), None);
        // Thousands are grouped, as every other number.
        assert!(stale_notice("2022-05-25", "2026-11-22")
            .unwrap()
            .starts_with("This copy was built 1,642 days ago (2022-05-25)."));
    }

    #[test]
    fn a_clock_before_the_build_date_is_named() {
        // One day behind is a time zone (the build date is UTC).
        assert_eq!(stale_notice("2026-12-02", "2026-12-02"), None);
        assert_eq!(stale_notice("2026-12-02", "2026-12-01"), None);
        assert_eq!(
            stale_notice("2026-12-02", "2026-11-30").as_deref(),
            Some(
                "This device's date, 2026-11-30, is before this copy was built (2026-12-02): its \
                 clock is wrong. The dates the app writes (diary, schedule, printed sheets) come \
                 from it: set the clock to today."
            )
        );
        assert!(stale_notice("2026-12-02", "2024-03-01")
            .unwrap()
            .starts_with("This device's date, 2024-03-01, is before"));
    }
}
