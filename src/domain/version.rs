//! Content version and build date, shown in the footer of every page.

/// Version of the clinical content (reference tables and built-in cards).
/// Bump it whenever a number, a source or a card changes.
pub const CONTENT_VERSION: &str = "2026.11.1";

/// The app's own version, from Cargo.toml.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The UTC build date (`YYYY-MM-DD`), set by `build.rs`.
pub const BUILD_DATE: &str = env!("KDR_BUILD_DATE");
