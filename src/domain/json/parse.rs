//! JSON text to [`Value`], by the rules of RFC 8259 as serde_json applies
//! them: no comments, no trailing commas, no control characters in strings,
//! no leading zeros, a surrogate escape only as a pair. Numbers are read
//! exactly ([`Digits`]: the nearest `f64`, ties to even).
//!
//! Limits that keep a hostile file harmless: lists and objects nest at most
//! [`MAX_DEPTH`] deep (the reader recurses), and a number has at most
//! [`MAX_NUMBER_DIGITS`] digits (reading one exactly costs the square of its
//! length).

use std::collections::BTreeMap;
use std::fmt;

use crate::domain::dosing::decimal::Digits;

use super::value::{Map, Number, Value};

/// Deepest nesting of lists and objects read (serde_json's limit).
pub const MAX_DEPTH: usize = 127;
/// Most digits in one number (before its exponent).
pub const MAX_NUMBER_DIGITS: usize = 800;

/// What kind of syntax error it is, for callers that word some kinds
/// their own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxKind {
    /// The text ends before the value does.
    Eof,
    /// A number too large for an `f64` (for example `1e400`).
    OutOfRange,
    /// Lists or objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Anything else.
    Other,
}

/// Why a text is not JSON, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxKind,
    /// What is wrong, in words ("expected a comma or ] after a list item").
    pub message: &'static str,
    /// Byte offset of the problem in the text (its length at the end).
    pub offset: usize,
    /// 1-based line of `offset`.
    pub line: usize,
    /// 1-based column of `offset`, in characters from the start of its line.
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Parses one JSON value; white space may surround it, nothing else.
pub fn parse_value(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser { text, pos: 0 };
    let value = p.value(0)?;
    p.skip_white_space();
    if p.pos < text.len() {
        return Err(p.error(SyntaxKind::Other, "unexpected text after the JSON value"));
    }
    Ok(value)
}

/// The messages that name a list or an object.
struct Container {
    trailing_comma: &'static str,
    ends_inside: &'static str,
    expected_next: &'static str,
}

const LIST: Container = Container {
    trailing_comma: "a comma before the ] of a list",
    ends_inside: "the text ends inside a list",
    expected_next: "expected a comma or ] after a list item",
};

const OBJECT: Container = Container {
    trailing_comma: "a comma before the } of an object",
    ends_inside: "the text ends inside an object",
    expected_next: "expected a comma or } after a field",
};

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn error(&self, kind: SyntaxKind, message: &'static str) -> SyntaxError {
        self.error_at(self.pos, kind, message)
    }

    fn error_at(&self, offset: usize, kind: SyntaxKind, message: &'static str) -> SyntaxError {
        let before = self.text.as_bytes().get(..offset).unwrap_or_default();
        // A line ends at LF, CRLF or a lone CR (the old Mac ending): a CR
        // counts when no LF follows it.
        let ends_line = |i: usize, b: u8| {
            b == b'\n' || (b == b'\r' && self.text.as_bytes().get(i + 1) != Some(&b'\n'))
        };
        let line_start = before
            .iter()
            .enumerate()
            .rposition(|(i, &b)| ends_line(i, b))
            .map_or(0, |i| i + 1);
        SyntaxError {
            kind,
            message,
            offset,
            line: 1 + before
                .iter()
                .enumerate()
                .filter(|&(i, &b)| ends_line(i, b))
                .count(),
            // Characters, not bytes: "—" or "é" earlier on the line count once.
            column: 1 + before
                .get(line_start..)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count(),
        }
    }

    /// An error at the current byte, or the end of the text when there is
    /// none.
    fn unexpected(&self, eof_message: &'static str, message: &'static str) -> SyntaxError {
        if self.pos >= self.text.len() {
            self.error(SyntaxKind::Eof, eof_message)
        } else {
            self.error(SyntaxKind::Other, message)
        }
    }

    fn skip_white_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.skip_white_space();
        match self.peek() {
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => self.array(depth),
            Some(b'{') => self.object(depth),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("the text ends where a value should be", "expected a value")),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, SyntaxError> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                _ => return Err(self.unexpected(
                    "the text ends inside a word",
                    "expected a value (null, true, false, a number, a string, a list or an object)",
                )),
            }
        }
        Ok(value)
    }

    /// Steps over the opening bracket of a list or an object; `true` when
    /// `close` follows at once (it is then stepped over too: empty).
    fn open(&mut self, depth: usize, close: u8) -> Result<bool, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(SyntaxKind::TooDeep, "lists and objects nested too deeply"));
        }
        self.pos += 1;
        self.skip_white_space();
        let empty = self.peek() == Some(close);
        if empty {
            self.pos += 1;
        }
        Ok(empty)
    }

    /// After an item of a list or an object: a comma (then another item
    /// must follow, not `close`) or `close`, which ends it (`true`).
    fn after_item(&mut self, close: u8, words: &Container) -> Result<bool, SyntaxError> {
        self.skip_white_space();
        match self.peek() {
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.skip_white_space();
                if self.peek() == Some(close) {
                    // Said at the comma to take out, so the path names the
                    // last item there is, not one after it.
                    return Err(self.error_at(comma, SyntaxKind::Other, words.trailing_comma));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.unexpected(words.ends_inside, words.expected_next)),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let mut items = Vec::new();
        if self.open(depth, b']')? {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.after_item(b']', &LIST)? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        let mut fields: Vec<(String, Value)> = Vec::new();
        if self.open(depth, b'}')? {
            return Ok(Value::Object(Map::from_fields(fields)));
        }
        // The keys so far: a repeated key is found without a scan, so a
        // hostile object of many keys costs n log n, not n².
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        loop {
            // "0,5" after a field name: a decimal comma, said at the comma
            // so the path names the field whose number it is.
            let bytes = self.text.as_bytes();
            if let (Some([digit, b',']), Some(b'0'..=b'9')) = (
                self.pos
                    .checked_sub(2)
                    .and_then(|at| bytes.get(at..self.pos)),
                self.peek(),
            ) {
                if digit.is_ascii_digit() {
                    return Err(self.error_at(
                        self.pos - 1,
                        SyntaxKind::Other,
                        "a comma inside a number; write a decimal with a point (0.5, not 0,5)",
                    ));
                }
            }
            if self.peek() != Some(b'"') {
                return Err(
                    self.unexpected(OBJECT.ends_inside, "expected a field name in double quotes")
                );
            }
            let key_at = self.pos;
            let key = self.string()?;
            // A repeated field name is refused: a reader of the file would
            // see one value and this app would use another.
            if index.contains_key(&key) {
                return Err(self.error_at(
                    key_at,
                    SyntaxKind::Other,
                    "a field name written twice in the same object",
                ));
            }
            self.skip_white_space();
            if self.peek() != Some(b':') {
                return Err(
                    self.unexpected(OBJECT.ends_inside, "expected a colon after the field name")
                );
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            index.insert(key.clone(), fields.len());
            fields.push((key, value));
            if self.after_item(b'}', &OBJECT)? {
                return Ok(Value::Object(Map::from_fields(fields)));
            }
        }
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error(SyntaxKind::Eof, "the text ends inside a string")),
                Some(b'"') => {
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                Some(b) if b <= 0x1F => {
                    let message = match b {
                        b'\t' => "a tab inside a string; write it as \\t, or a space",
                        b'\n' | b'\r' => {
                            "a line break inside a string; write it as \\n, or end the string before it"
                        }
                        _ => "an invisible control character inside a string; remove it",
                    };
                    return Err(self.error(SyntaxKind::Other, message));
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// One escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(b) = self.peek() else {
            return Err(self.error(SyntaxKind::Eof, "the text ends inside a string"));
        };
        self.pos += 1;
        let ch = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out),
            _ => {
                self.pos -= 1;
                return Err(self.error(SyntaxKind::Other, "an unknown escape in a string"));
            }
        };
        out.push(ch);
        Ok(())
    }

    /// `\uXXXX`, after the `u`; a surrogate must be followed by its pair.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                    // Cut off before its pair could start: the text ends.
                    if matches!(self.text.get(self.pos..), Some("" | "\\")) {
                        return Err(self.error(SyntaxKind::Eof, "the text ends inside a string"));
                    }
                    return Err(self.error(
                        SyntaxKind::Other,
                        "a lone surrogate escape in a string (\\uD800 to \\uDBFF must be followed by \\uDC00 to \\uDFFF)",
                    ));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error(
                        SyntaxKind::Other,
                        "a lone surrogate escape in a string (\\uD800 to \\uDBFF must be followed by \\uDC00 to \\uDFFF)",
                    ));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error(
                    SyntaxKind::Other,
                    "a lone surrogate escape in a string (\\uDC00 to \\uDFFF must follow \\uD800 to \\uDBFF)",
                ))
            }
            other => other,
        };
        // Every value outside the surrogates is a char.
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => {
                    return Err(self.unexpected(
                        "the text ends inside a string",
                        "a \\u escape needs four hexadecimal digits",
                    ))
                }
            };
            code = code * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(code)
    }

    /// Digits `0` to `9` from the current byte, each passed to `each`.
    fn digits(&mut self, mut each: impl FnMut(u8)) -> usize {
        let mut count = 0;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            each(b - b'0');
            self.pos += 1;
            count += 1;
        }
        count
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let mut digits = Digits::default();
        // The whole number while it fits a u64.
        let mut whole: Option<u64> = Some(0);
        match self.peek() {
            Some(b'0') => {
                digits.push(0, false);
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error(
                        SyntaxKind::Other,
                        "a number cannot start with 0 followed by more digits",
                    ));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits(|d| {
                    add_digit(&mut digits, d, false);
                    whole = whole
                        .and_then(|w| w.checked_mul(10))
                        .and_then(|w| w.checked_add(u64::from(d)));
                });
            }
            _ => {
                return Err(self.unexpected(
                    "the text ends inside a number",
                    "expected a digit after the minus sign",
                ))
            }
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') {
            is_float = true;
            self.pos += 1;
            if self.digits(|d| add_digit(&mut digits, d, true)) == 0 {
                return Err(self.unexpected(
                    "the text ends inside a number",
                    "expected a digit after the decimal point",
                ));
            }
        }
        let mut exponent: i32 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            is_float = true;
            self.pos += 1;
            let exponent_negative = self.peek() == Some(b'-');
            if let Some(b'-' | b'+') = self.peek() {
                self.pos += 1;
            }
            let count = self.digits(|d| {
                exponent = exponent.saturating_mul(10).saturating_add(i32::from(d));
            });
            if count == 0 {
                return Err(self.unexpected(
                    "the text ends inside a number",
                    "expected a digit in the exponent",
                ));
            }
            if exponent_negative {
                exponent = -exponent;
            }
        }
        if digits.count() > MAX_NUMBER_DIGITS {
            return Err(self.error_at(
                start,
                SyntaxKind::Other,
                "a number with more than 800 digits",
            ));
        }
        match whole {
            Some(n) if !is_float && !negative => return Ok(Value::Number(Number::from(n))),
            Some(n) if !is_float => return Ok(Value::Number(Number::negative(n))),
            _ => {}
        }
        match Number::from_f64(digits.value(negative, exponent)) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(self.error_at(
                start,
                SyntaxKind::OutOfRange,
                "a number too large for the app to hold",
            )),
        }
    }
}

/// Adds a digit while the number has at most [`MAX_NUMBER_DIGITS`]; past
/// that it is refused anyway, and reading more of it exactly would cost the
/// square of its length.
fn add_digit(digits: &mut Digits, digit: u8, after_point: bool) {
    if digits.count() <= MAX_NUMBER_DIGITS {
        digits.push(digit, after_point);
    }
}
