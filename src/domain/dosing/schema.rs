//! The JSON Schema of the card format (`assets/protocol-card.schema.json`),
//! offered as a download so that the offline copy carries it too.
//!
//! The app embeds the minified copy `build.rs` writes and lays it out again
//! when it is downloaded: the indented file costs about 0.6 KB more in the
//! gzipped wasm, and the writer gives back the file byte for byte (tested).

use crate::domain::json::{parse_value, write};

/// The schema as embedded: minified.
const SCHEMA_MINIFIED: &str = include_str!(concat!(env!("OUT_DIR"), "/protocol-card.schema.json"));

/// The schema's file name.
pub const SCHEMA_FILE_NAME: &str = "protocol-card.schema.json";

/// The schema file's text: indented two spaces per level, ending in a line
/// break. Should the embedded copy ever fail to read, its minified text is
/// given as it is (still the same schema).
pub fn schema_text() -> String {
    match parse_value(SCHEMA_MINIFIED) {
        Ok(value) => write::pretty(&value) + "\n",
        Err(_) => SCHEMA_MINIFIED.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_download_is_the_schema_file_byte_for_byte() {
        let file = include_str!("../../../assets/protocol-card.schema.json");
        assert_eq!(schema_text(), file);
    }

    #[test]
    fn the_embedded_copy_is_minified() {
        assert!(SCHEMA_MINIFIED.len() * 10 < schema_text().len() * 7);
        assert!(!SCHEMA_MINIFIED.contains('\n'));
    }
}
