//! A built-in card (`crps-4h`) under another id and name, as a clinic's own
//! card would come to be imported.

use ketamine_dosing_reference::domain::dosing::builtin::BUILTIN_CARDS;
use serde_json::{json, Value};

pub fn clinic_card(id: &str) -> Value {
    let (_, text) = BUILTIN_CARDS.iter().find(|(i, _)| *i == "crps-4h").unwrap();
    let mut card: Value = serde_json::from_str(text).unwrap();
    card["id"] = json!(id);
    card["name"] = json!(format!("Clinic card {id}"));
    card
}
