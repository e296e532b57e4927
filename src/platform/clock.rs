//! Today's date and the current moment from the browser's clock.

/// Today's local date as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The clock's time in milliseconds since 1970 (0 for a clock before 1970).
pub fn now_ms() -> u64 {
    // `as` turns a negative or not-a-number time into 0.
    js_sys::Date::now() as u64
}
