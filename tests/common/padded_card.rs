//! Large protocol cards for the storage-limit tests of imported cards.

use serde_json::{json, Value};

/// Notes in each factor, at most, and how many factors: a card near the
/// 512 KB file limit when every note is full.
pub const NOTE_CHARS: usize = 4096;
pub const FACTORS: usize = 110;

/// `card` with 110 copies of its first factor whose notes hold `1 + extra`
/// characters between them (each note 1 to 4,096 characters): its saved size
/// grows by exactly one byte per extra character. `FULL` fills every note.
pub fn padded_card(mut card: Value, extra: usize) -> Value {
    let f = card["factors"][0].clone();
    card["factors"] = Value::Array(
        (0..FACTORS)
            .map(|i| {
                let mut f = f.clone();
                f["id"] = json!(format!("f{i}"));
                let chars = 1 + extra
                    .saturating_sub((NOTE_CHARS - 1) * i)
                    .min(NOTE_CHARS - 1);
                f["note"] = json!("n".repeat(chars));
                f
            })
            .collect(),
    );
    card
}

/// The `extra` that fills every note to 4,096 characters.
pub const FULL: usize = FACTORS * (NOTE_CHARS - 1);
