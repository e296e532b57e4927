//! The saved form of imported cards in the browser's local storage: one JSON
//! text under [`STORAGE_KEY`], with a format name and a version number so a
//! later version of the app can read (or refuse, with a message) what an
//! earlier one wrote.
//!
//! ```json
//! {
//!   "format": "ketamine-dosing-reference/imported-cards",
//!   "version": 1,
//!   "cards": [
//!     { "file_name": "clinic-crps.json", "imported_on": "2026-11-22",
//!       "renamed_from": "crps-4h", "card": { "id": "crps-4h-imported", "...": "..." } }
//!   ]
//! }
//! ```
//!
//! `renamed_from` is present only when the card's id clashed with a built-in
//! card and was changed on import. Each card is validated again by the
//! engine's rules every time the app starts; nothing here trusts it.

use crate::domain::json::{parse_value, Map, Value};

use crate::domain::dosing::format::format_size_beside;
use crate::domain::dosing::validate::is_valid_date;

use super::text::clean_file_name;

/// The local-storage key.
pub const STORAGE_KEY: &str = "kdr.imported-cards";
/// The `format` value of the saved text.
pub const STORE_FORMAT: &str = "ketamine-dosing-reference/imported-cards";
/// The version this app writes and reads.
pub const STORE_VERSION: u64 = 1;
/// Largest saved text, in bytes of UTF-8: browsers give an origin about
/// 5 MB of local storage, shared with anything else the app keeps there.
pub const STORE_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most imported cards kept in one browser.
pub const MAX_IMPORTED_CARDS: usize = 20;

/// Where an imported card came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportMeta {
    /// The file's name (cleaned, see [`clean_file_name`]), or a description
    /// such as "edited in this browser".
    pub file_name: String,
    /// The date of the import, `YYYY-MM-DD` (or "unknown date").
    pub imported_on: String,
    /// The id in the file, when it clashed with a built-in card and the
    /// card was renamed.
    pub renamed_from: Option<String>,
}

/// One saved entry: where it came from and the card as JSON (validated
/// again on every start).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCard {
    /// Provenance.
    pub meta: ImportMeta,
    /// The card as JSON; `null` when the saved entry held no card.
    pub card: Value,
}

/// Why the saved text could not be read. Nothing is overwritten while the
/// saved text is unreadable, until the user chooses to discard it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Not this app's format, not JSON, or damaged.
    #[error("The imported cards saved in this browser could not be read ({0}).")]
    Unreadable(String),
    /// Written by a later version of the app.
    #[error("The imported cards saved in this browser were saved by a newer version of this app (saved-cards format version {version}; this version reads version 1). Open them with that newer version.")]
    Newer {
        /// The version found.
        version: u64,
    },
}

/// The saved text for these entries (compact JSON).
pub fn encode(cards: &[StoredCard]) -> String {
    let entries: Vec<Value> = cards
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert(
                "file_name".to_string(),
                Value::String(c.meta.file_name.clone()),
            );
            m.insert(
                "imported_on".to_string(),
                Value::String(c.meta.imported_on.clone()),
            );
            if let Some(from) = &c.meta.renamed_from {
                m.insert("renamed_from".to_string(), Value::String(from.clone()));
            }
            m.insert("card".to_string(), c.card.clone());
            Value::Object(m)
        })
        .collect();
    let mut root = Map::new();
    root.insert(
        "format".to_string(),
        Value::String(STORE_FORMAT.to_string()),
    );
    root.insert("version".to_string(), Value::from(STORE_VERSION));
    root.insert("cards".to_string(), Value::Array(entries));
    Value::Object(root).to_string()
}

/// Reads the saved text. Provenance fields are read leniently (a damaged
/// file name does not lose a card); the format, the version and the list
/// of cards are required.
pub fn decode(text: &str) -> Result<Vec<StoredCard>, StoreError> {
    if text.len() > STORE_MAX_BYTES {
        let (size, max) = format_size_beside(text.len() as u64, STORE_MAX_BYTES as u64);
        return Err(StoreError::Unreadable(format!(
            "{size}, more than the {max} this app ever saves"
        )));
    }
    let value =
        parse_value(text).map_err(|e| StoreError::Unreadable(format!("not valid JSON: {e}")))?;
    let Value::Object(root) = value else {
        return Err(StoreError::Unreadable("not a JSON object".to_string()));
    };
    if root.get("format").and_then(Value::as_str) != Some(STORE_FORMAT) {
        return Err(StoreError::Unreadable(
            "not this app's saved-cards format".to_string(),
        ));
    }
    let version = root
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| StoreError::Unreadable("the format version is missing".to_string()))?;
    if version > STORE_VERSION {
        return Err(StoreError::Newer { version });
    }
    if version < 1 {
        return Err(StoreError::Unreadable(format!(
            "unknown format version {version}"
        )));
    }
    let Some(Value::Array(entries)) = root.get("cards") else {
        return Err(StoreError::Unreadable(
            "the list of cards is missing".to_string(),
        ));
    };
    Ok(entries.iter().map(entry).collect())
}

fn entry(v: &Value) -> StoredCard {
    let text = |key: &str| v.get(key).and_then(Value::as_str);
    let file_name = clean_file_name(text("file_name").unwrap_or_default());
    let imported_on = match text("imported_on") {
        Some(d) if is_valid_date(d) => d.to_string(),
        _ => "unknown date".to_string(),
    };
    let renamed_from = text("renamed_from")
        .filter(|id| id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_string);
    StoredCard {
        meta: ImportMeta {
            file_name,
            imported_on,
            renamed_from,
        },
        card: v.get("card").cloned().unwrap_or(Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> ImportMeta {
        ImportMeta {
            file_name: "a.json".into(),
            imported_on: "2026-11-22".into(),
            renamed_from: Some("crps-4h".into()),
        }
    }

    #[test]
    fn encode_then_decode_round_trips() {
        let cards = vec![StoredCard {
            meta: meta(),
            card: crate::domain::json::json!({"id": "x", "n": 0.35}),
        }];
        let text = encode(&cards);
        assert!(text.starts_with('{'));
        assert!(text.contains("\"version\":1"));
        assert_eq!(decode(&text).unwrap(), cards);
    }

    #[test]
    fn other_versions_and_formats_are_refused_with_a_reason() {
        let newer = format!("{{\"format\":\"{STORE_FORMAT}\",\"version\":2,\"cards\":[]}}");
        assert_eq!(decode(&newer), Err(StoreError::Newer { version: 2 }));
        assert!(matches!(decode("{}"), Err(StoreError::Unreadable(_))));
        assert!(matches!(decode("nope"), Err(StoreError::Unreadable(_))));
        assert!(matches!(decode("[1]"), Err(StoreError::Unreadable(_))));
        let zero = format!("{{\"format\":\"{STORE_FORMAT}\",\"version\":0,\"cards\":[]}}");
        assert!(matches!(decode(&zero), Err(StoreError::Unreadable(_))));
        let deep = "[".repeat(100_000);
        assert!(matches!(decode(&deep), Err(StoreError::Unreadable(_))));
    }

    #[test]
    fn damaged_provenance_is_read_leniently() {
        let text = format!(
            "{{\"format\":\"{STORE_FORMAT}\",\"version\":1,\"cards\":[{{\"file_name\":7,\"imported_on\":\"yesterday\",\"renamed_from\":\"<b>\"}}]}}"
        );
        let cards = decode(&text).unwrap();
        assert_eq!(cards[0].meta.file_name, "(no file name)");
        assert_eq!(cards[0].meta.imported_on, "unknown date");
        assert_eq!(cards[0].meta.renamed_from, None);
        assert_eq!(cards[0].card, Value::Null);
    }
}
