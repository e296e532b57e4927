//! Large protocol cards for the storage-limit tests of imported cards.

use serde_json::{json, Value};

/// Notes in each factor, at most, and how many factors: a card near the
/// 512 KB file limit when every note is full.
pub const NOTE_CHARS: usize = 4096;
pub const FACTORS: usize = 110;

/// `card` with 110 copies of its first factor whose notes hold `1 + extra`
/// characters between them (each note 1 to 4,096 characters): its saved size
/// grows by exactly one byte per extra character. `FULL` fills every note.
pub fn padded_card(card: Value, extra: usize) -> Value {
    factor_copies(card, FACTORS, |i| {
        1 + extra
            .saturating_sub((NOTE_CHARS - 1) * i)
            .min(NOTE_CHARS - 1)
    })
}

/// `card` with `n` copies of its first factor (ids `f0`, `f1`...), the
/// note of copy `i` holding `note_chars(i)` characters.
pub fn factor_copies(mut card: Value, n: usize, note_chars: impl Fn(usize) -> usize) -> Value {
    let f = card["factors"][0].clone();
    card["factors"] = Value::Array(
        (0..n)
            .map(|i| {
                let mut f = f.clone();
                f["id"] = json!(format!("f{i}"));
                f["note"] = json!("n".repeat(note_chars(i)));
                f
            })
            .collect(),
    );
    card
}

/// The `extra` that fills every note to 4,096 characters.
pub const FULL: usize = FACTORS * (NOTE_CHARS - 1);
