//! Stamps the build date (UTC, `YYYY-MM-DD`) into the binary as `KDR_BUILD_DATE`
//! (the build scripts export `KDR_BUILD_DATE`; without it the current date is
//! used), and writes minified copies of the JSON data files to `OUT_DIR`,
//! which the crate embeds (`include_str!(concat!(env!("OUT_DIR"), ...))`).

use std::time::{SystemTime, UNIX_EPOCH};

#[path = "src/domain/build_support.rs"]
mod build_support;

/// Every embedded data file, relative to the crate root. Its copy in `OUT_DIR`
/// is named after the path with `/` replaced by `-` (`content-factors.json`).
const DATA_FILES: [&str; 14] = [
    "assets/content/sources.json",
    "assets/content/factors.json",
    "assets/content/phases.json",
    "assets/content/side_effects.json",
    "assets/content/candidates.json",
    "assets/content/monitoring.json",
    "assets/content/evidence.json",
    "assets/protocols/outpatient-consensus.json",
    "assets/protocols/crps-4h.json",
    "assets/protocols/crps-continuous.json",
    "assets/protocols/headache-inpatient.json",
    "assets/protocols/fibromyalgia-short.json",
    "assets/golden/engine-golden.json",
    "assets/protocol-card.schema.json",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=KDR_BUILD_DATE");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/domain/build_support.rs");
    let date = std::env::var("KDR_BUILD_DATE")
        .ok()
        .filter(|d| d.len() == 10)
        .unwrap_or_else(today);
    println!("cargo:rustc-env=KDR_BUILD_DATE={date}");

    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    for path in DATA_FILES {
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let name = path.trim_start_matches("assets/").replace('/', "-");
        std::fs::write(out_dir.join(name), build_support::minify_json(&text))?;
    }
    Ok(())
}

/// Today's UTC date.
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = build_support::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}
