//! Stamps the build date (UTC, `YYYY-MM-DD`) into the binary as `KDR_BUILD_DATE`
//! (the build scripts export `KDR_BUILD_DATE`; without it the current date is
//! used), and writes minified copies of the JSON data files to `OUT_DIR`,
//! which the crate embeds (`include_str!(concat!(env!("OUT_DIR"), ...))`;
//! the reference content's copies only for the tests, see below).
//!
//! It also reads and validates the reference content (`assets/content/`)
//! with the crate's own reader and validator, compiled in here from the same
//! source files, and writes it out as Rust (`OUT_DIR/reference-content.rs`),
//! the binary's `static` copy. Content with any problem stops the build with
//! the list of problems.

use std::time::{SystemTime, UNIX_EPOCH};

#[path = "src/domain/build_support.rs"]
mod build_support;

/// The domain modules the content reader needs, from the crate's own files
/// (an inline `src` module makes `mod x;` find `src/domain/x.rs`). They are
/// compiled here without their tests; what the reader does not call is unused.
#[allow(dead_code, unused_imports)]
mod src {
    pub mod domain {
        pub mod case;
        pub mod json;
        pub mod route;
        pub mod dosing {
            pub mod decimal;
        }
        pub mod reference {
            mod candidates;
            mod common;
            mod error;
            mod evidence;
            mod factors;
            mod literal;
            mod load;
            mod monitoring;
            mod phases;
            mod side_effects;
            mod sources;
            mod validate;

            pub use candidates::*;
            pub use common::*;
            pub use error::*;
            pub use evidence::*;
            pub use factors::*;
            pub use literal::content_literal;
            pub use load::*;
            pub use monitoring::*;
            pub use phases::*;
            pub use side_effects::*;
            pub use sources::*;
            pub use validate::*;
        }
    }
}
use src::domain;

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

fn main() {
    // Printed with Display, so the list of content problems reads as a list.
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
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
    write_reference_content(&out_dir)
}

/// Reads and validates `assets/content/*.json` and writes the content out as
/// the initializer of the crate's `static` copy.
fn write_reference_content(out_dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let read = |name: &str| {
        let path = format!("assets/content/{name}.json");
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
    };
    let (sources, factors, phases) = (read("sources")?, read("factors")?, read("phases")?);
    let (side_effects, candidates) = (read("side_effects")?, read("candidates")?);
    let (monitoring, evidence) = (read("monitoring")?, read("evidence")?);
    let files = domain::reference::RawFiles {
        sources: &sources,
        factors: &factors,
        phases: &phases,
        side_effects: &side_effects,
        candidates: &candidates,
        monitoring: &monitoring,
        evidence: &evidence,
    };
    let content = domain::reference::load_files(&files).map_err(|e| match e {
        domain::reference::ContentError::Invalid(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  - {p}")).collect();
            format!("assets/content has problems:\n{}", list.join("\n"))
        }
        other => format!("assets/content: {other}"),
    })?;
    let literal = domain::reference::content_literal(&content);
    std::fs::write(out_dir.join("reference-content.rs"), literal)?;
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
