//! Routed screens, one per file.

pub mod calculator;
pub mod candidates;
pub mod diary;
pub mod evidence;
pub mod factors;
pub mod home;
pub mod monitoring;
pub mod not_found;
pub mod phases;
pub mod protocols;
pub mod schedule;
pub mod side_effects;
pub mod sources;
