//! The only place that touches browser APIs: URL, DOM focus, storage, files.

pub mod dom;
pub mod location;
