//! Cards imported into this browser: the import rules (engine validation,
//! hostile text, id clashes, limits), the saved format in local storage, and
//! the label every imported card carries wherever it appears.
//!
//! Pure Rust: the browser's storage, files and downloads are in
//! `crate::platform`; this module only turns text into values and back.

pub mod draft;
pub mod import;
pub mod store;
pub mod text;

/// The label an imported card carries in the picker, the result, the print
/// sheet and next to share links: nobody behind this app has reviewed it.
pub const IMPORTED_LABEL: &str = "imported, not reviewed";

/// The source an import from the card editor is recorded with, in place
/// of a file's name.
pub const EDITED_SOURCE: &str = "edited in this browser";

/// One sentence saying what the label means.
pub const IMPORTED_EXPLANATION: &str = "This card was imported into this browser, from a file or the card editor. It passed the app's format checks and hard limits, but nobody behind this app has reviewed its figures or text: check them against the clinic's own protocol.";
