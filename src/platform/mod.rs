//! The only place that touches browser APIs: URL, DOM focus, clock, crash panel.

pub mod clock;
pub mod crash;
pub mod dom;
pub mod location;
