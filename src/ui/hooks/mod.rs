//! Custom hooks, one `use_*` per file.

pub mod use_card_library;
pub mod use_location;
pub mod use_page_address;
pub mod use_question_focus;
