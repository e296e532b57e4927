//! Shared by the mutation tests (`tests/mutants_*.rs`): the smallest valid
//! protocol card, as JSON, for tests that change one part of it.

use serde_json::{json, Value};

/// A valid card: 1 mg/kg/h on actual body weight, 2 h sessions, one
/// induction infusion, no factor; each top-level key of `changes` replaces
/// the card's own.
pub fn minimal_card(id: &str, changes: Value) -> Value {
    let mut card = json!({
      "id": id, "name": "Test", "version": "1", "review_date": "2026-11-22",
      "setting": "outpatient", "summary": "Test card.",
      "indications": [{"condition": "other", "grade": "none"}], "sources": ["R2"],
      "dosing_weight": {"basis": "actual", "evidence": "illustrative"},
      "base_rate": {"value": 1, "unit": "mg_per_kg_per_h", "evidence": "illustrative"},
      "session": {"duration_h": 2, "evidence": "illustrative"},
      "phases": {"induction_count": 1, "induction_span_days": 1, "titration": "None.", "evidence": "illustrative"},
      "factors": []
    });
    if let (Some(card), Some(changes)) = (card.as_object_mut(), changes.as_object()) {
        for (key, value) in changes {
            card.insert(key.clone(), value.clone());
        }
    }
    card
}
