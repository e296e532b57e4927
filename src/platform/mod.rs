//! The only place that touches browser APIs: URL, DOM focus, clock, crash panel,
//! local storage, files, downloads and timers.

pub mod clock;
pub mod crash;
pub mod dom;
pub mod files;
pub mod location;
pub mod navigate;
pub mod storage;
pub mod timer;
