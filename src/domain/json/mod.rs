//! JSON: the app's own reader and writer ([`parse_value`], [`write`]), and
//! typed values read out of parsed JSON, for the data files the app embeds
//! (the reference content, the golden examples) and the diary.
//!
//! The app reads and writes JSON itself rather than through serde_json: the
//! two together took about 35 KB of the wasm (its parser, its serializer, its
//! float printer's table), and the app needs little of them. The reader
//! follows serde_json's rules and the writer its layout; the tests compare
//! both with serde_json.
//!
//! serde's derive generates a deserializer per type and per list of that
//! type; for about forty types that was some 80 KB of the wasm. Here each
//! type reads its object with a few calls to shared, generic helpers
//! ([`Fields::req`], [`Fields::opt`]), so a type costs little more than its
//! field list. The rules are serde's, as the files use them: unknown fields
//! are refused, a missing field is refused unless it is optional, an
//! optional field may be absent (or `null`, for an `Option`). Errors name the
//! field path, for example `groups[0].entries[2].points[1]: missing field "text"`.

mod parse;
mod value;
pub mod write;

use std::fmt;

pub use parse::{parse_value, SyntaxError, SyntaxKind, MAX_DEPTH, MAX_NUMBER_DIGITS};
pub use value::{Map, Number, Value};

/// `json!` for the unit tests: serde_json's macro, read back as a [`Value`].
#[cfg(test)]
macro_rules! json {
    ($($t:tt)+) => {
        $crate::domain::json::parse_value(&::serde_json::json!($($t)+).to_string())
            .unwrap_or_default()
    };
}
#[cfg(test)]
pub(crate) use json;

/// Why a value could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Field path from the file's root, for example `groups[0].title`; empty
    /// for the root itself.
    pub path: String,
    pub message: String,
}

impl JsonError {
    pub(crate) fn new(message: String) -> Self {
        JsonError {
            path: String::new(),
            message,
        }
    }

    /// The same error one level up: `segment` (a field name or `[index]`)
    /// goes in front of the path.
    pub(crate) fn at(mut self, segment: &str) -> Self {
        let separator = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = format!("{segment}{separator}{}", self.path);
        self
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A type that can be read from parsed JSON.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, JsonError>;
}

/// Parses `text` as JSON and reads a `T` from it. A syntax error's message
/// ends with its line and column.
pub fn parse<T: FromJson>(text: &str) -> Result<T, JsonError> {
    let value = parse_value(text).map_err(|e| JsonError::new(e.to_string()))?;
    T::from_json(&value)
}

/// What a JSON value is, in words ("text", "a list"...), for messages.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// What a value is, said where a whole number was expected: a number that
/// is not one says why ("1.0" and "1e1" are written as decimals).
pub fn instead_of_whole(value: &Value) -> &'static str {
    match value {
        Value::Number(n) if n.as_u64().is_some() => "a larger number",
        Value::Number(n) if n.as_i64().is_some() => "a negative number",
        // Whole numbers beyond 64 bits, and -0, are read as decimals: said
        // by their size and sign, not as written with a point.
        Value::Number(n) => match n.as_f64() {
            Some(f) if f == 0.0 && f.is_sign_negative() => "-0 (write 0)",
            Some(f) if f.fract() == 0.0 && f.abs() >= 9.2e18 => {
                if f.is_sign_negative() {
                    "a negative number"
                } else {
                    "a larger number"
                }
            }
            _ => {
                "a number with a decimal point or an exponent (a whole number is written in digits only, such as 10)"
            }
        },
        other => type_name(other),
    }
}

pub(crate) fn expected(what: &str, found: &Value) -> JsonError {
    JsonError::new(format!("expected {what}, found {}", type_name(found)))
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(expected("text", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected("true or false", other)),
        }
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                JsonError::new(format!(
                    "expected a whole number from 0 to 4294967295, found {}",
                    instead_of_whole(value)
                ))
            })
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        Ok(value.clone())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item).map_err(|e| e.at(&format!("[{i}]"))))
                .collect(),
            other => Err(expected("a list", other)),
        }
    }
}

/// `null` is `None`; an absent field is `None` too (see [`Fields::opt`]).
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

/// The fields of one JSON object, read by name.
pub struct Fields<'a>(&'a Map);

impl<'a> Fields<'a> {
    /// `value` as an object whose field names are all in `allowed`.
    pub fn of(value: &'a Value, allowed: &[&str]) -> Result<Self, JsonError> {
        let Value::Object(map) = value else {
            return Err(expected("an object", value));
        };
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(JsonError::new(format!(
                "unknown field; the fields allowed here are: {}",
                allowed.join(", ")
            ))
            .at(unknown));
        }
        Ok(Fields(map))
    }

    /// A field that must be present.
    pub fn req<T: FromJson>(&self, name: &str) -> Result<T, JsonError> {
        match self.0.get(name) {
            Some(v) => T::from_json(v).map_err(|e| e.at(name)),
            None => Err(JsonError::new(format!("missing field \"{name}\""))),
        }
    }

    /// A field that may be absent: then its default (`None`, an empty list).
    pub fn opt<T: FromJson + Default>(&self, name: &str) -> Result<T, JsonError> {
        match self.0.get(name) {
            Some(v) => T::from_json(v).map_err(|e| e.at(name)),
            None => Ok(T::default()),
        }
    }
}

/// One of a fixed set of names (the files' kebab-case enum values).
pub fn choice<T: Copy>(value: &Value, names: &[(&str, T)]) -> Result<T, JsonError> {
    let Value::String(text) = value else {
        return Err(expected("text", value));
    };
    match names.iter().find(|(name, _)| name == text) {
        Some(&(_, choice)) => Ok(choice),
        None => {
            let allowed: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
            Err(JsonError::new(format!(
                "unknown value \"{text}\"; expected one of: {}",
                allowed.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        text: String,
        note: Option<String>,
        tags: Vec<String>,
    }

    impl FromJson for Inner {
        fn from_json(value: &Value) -> Result<Self, JsonError> {
            let f = Fields::of(value, &["text", "note", "tags"])?;
            Ok(Inner {
                text: f.req("text")?,
                note: f.opt("note")?,
                tags: f.opt("tags")?,
            })
        }
    }

    #[derive(Debug, PartialEq)]
    struct Outer {
        items: Vec<Inner>,
        flag: bool,
    }

    impl FromJson for Outer {
        fn from_json(value: &Value) -> Result<Self, JsonError> {
            let f = Fields::of(value, &["items", "flag"])?;
            Ok(Outer {
                items: f.req("items")?,
                flag: f.req("flag")?,
            })
        }
    }

    fn err(text: &str) -> String {
        match parse::<Outer>(text) {
            Ok(v) => format!("parsed: {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_required_optional_and_nested_fields() {
        let v = parse::<Outer>(
            r#"{"flag": true, "items": [{"text": "a"}, {"text": "b", "note": "n", "tags": ["x"]}, {"text": "c", "note": null}]}"#,
        );
        assert_eq!(
            v,
            Ok(Outer {
                flag: true,
                items: vec![
                    Inner {
                        text: "a".into(),
                        ..Inner::default()
                    },
                    Inner {
                        text: "b".into(),
                        note: Some("n".into()),
                        tags: vec!["x".into()]
                    },
                    Inner {
                        text: "c".into(),
                        ..Inner::default()
                    },
                ]
            })
        );
    }

    #[test]
    fn errors_name_the_field_path() {
        assert_eq!(
            err(r#"{"flag": true, "items": [{"text": "a"}, {"note": "n"}]}"#),
            "items[1]: missing field \"text\""
        );
        assert_eq!(
            err(r#"{"flag": true, "items": [{"text": "a", "tags": ["x", 3]}]}"#),
            "items[0].tags[1]: expected text, found a number"
        );
        assert_eq!(
            err(r#"{"flag": true, "items": [{"text": "a", "colour": "red"}]}"#),
            "items[0].colour: unknown field; the fields allowed here are: text, note, tags"
        );
        assert_eq!(
            err(r#"{"flag": "yes", "items": []}"#),
            "flag: expected true or false, found text"
        );
        assert_eq!(err(r#"{"items": []}"#), "missing field \"flag\"");
        assert_eq!(err("[]"), "expected an object, found a list");
        assert_eq!(
            err(r#"{"flag": true, "items": {}}"#),
            "items: expected a list, found an object"
        );
        assert!(
            err("{ not json").contains("line 1"),
            "{}",
            err("{ not json")
        );
    }

    #[test]
    fn choices_scalars_and_maps() {
        let names = [("common", 1), ("less-common", 2)];
        assert_eq!(choice(&json!("less-common"), &names), Ok(2));
        assert_eq!(
            choice(&json!("often"), &names).map_err(|e| e.to_string()),
            Err("unknown value \"often\"; expected one of: common, less-common".to_string())
        );
        assert_eq!(
            choice(&json!(1), &names).map_err(|e| e.to_string()),
            Err("expected text, found a number".to_string())
        );
        assert_eq!(u32::from_json(&json!(7)), Ok(7));
        assert!(u32::from_json(&json!(-1)).is_err());
        assert!(u32::from_json(&json!(4_294_967_296_u64)).is_err());
        assert!(u32::from_json(&json!(1.5)).is_err());
        assert_eq!(
            Option::<String>::from_json(&json!(null)),
            Ok(None::<String>)
        );
        assert_eq!(Value::from_json(&json!({"k": [1]})), Ok(json!({"k": [1]})));
        assert_eq!(
            String::from_json(&json!(null)).map_err(|e| e.to_string()),
            Err("expected text, found null".to_string())
        );
    }
}
