//! Pure domain: routes, dosing engine, protocol cards, reference content.
//!
//! Nothing here imports yew, web-sys, js-sys or gloo; it all compiles and is
//! tested natively (`cargo check --lib --no-default-features`).

pub mod build_support;
pub mod calculator;
pub mod card_view;
pub mod case;
pub mod diary;
pub mod diary_draft;
pub mod diary_page;
pub mod dosing;
pub mod imported;
pub mod json;
pub mod library;
pub mod links;
pub mod reference;
pub mod route;
pub mod schedule;
pub mod version;
