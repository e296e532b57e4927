//! Ketamine Dosing Reference: a pure dosing domain plus a thin Yew UI.
//!
//! `domain` has no browser or UI imports and is tested natively; `ui` and
//! `platform` exist only with the default `ui` feature.

pub mod domain;

#[cfg(feature = "ui")]
pub mod platform;
#[cfg(feature = "ui")]
pub mod ui;
