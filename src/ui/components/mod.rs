//! Reusable pieces: props in, callbacks out.

pub mod calculator;
pub mod page_intro;
pub mod protocols;
pub mod reference;
pub mod site_footer;
pub mod site_header;
pub mod site_nav;
