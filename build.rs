//! Stamps the build date (UTC, `YYYY-MM-DD`) into the binary as `KDR_BUILD_DATE`.
//! The build scripts export `KDR_BUILD_DATE`; without it the current date is used.

use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-env-changed=KDR_BUILD_DATE");
    println!("cargo:rerun-if-changed=build.rs");
    let date = std::env::var("KDR_BUILD_DATE")
        .ok()
        .filter(|d| d.len() == 10)
        .unwrap_or_else(today);
    println!("cargo:rustc-env=KDR_BUILD_DATE={date}");
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
