//! The protocol cards page's pieces: the list of cards, one card laid out in
//! full (with "show as JSON", download, duplicate and edit), the import
//! panel (file picker and drop zone), the card editor with live checks, the
//! list of problems by field path, the "verify this calculator" panel, and
//! the "imported, not reviewed" badge the calculator uses too.

pub mod card_editor;
pub mod card_list;
pub mod card_view;
pub mod import_panel;
pub mod imported_badge;
pub mod problem_list;
pub mod verify_panel;
