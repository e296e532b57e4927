//! The diary form's unsaved work, kept for the tab (session storage) as it
//! is typed: a phone that discards a background tab, or a reload, does not
//! lose a half-typed entry or an unsaved edit. What comes back, and what is
//! said about it, is [`crate::domain::diary_page::DiaryPage`]'s `Restore`.

use crate::domain::diary::Draft;
use crate::domain::json::{parse_value, write, Map, Value};

/// The session-storage key of the kept form (this tab only, gone when the
/// tab is closed).
pub const DRAFT_KEY: &str = "kdr.diary-draft";

/// The format name written with the kept form.
const FORMAT: &str = "ketamine-dosing-reference/diary-draft";

/// The form's unsaved work.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptForm {
    /// The form as typed.
    pub draft: Draft,
    /// The day of the entry being edited, and the entry as it was when the
    /// edit began: an edit comes back only onto that same entry (one deleted
    /// or changed since is not replaced).
    pub editing: Option<(String, Draft)>,
    /// A new entry set aside while an edit goes on.
    pub set_aside: Option<Draft>,
}

fn draft_value(d: &Draft) -> Value {
    let mut m = Map::new();
    m.insert("date".to_string(), Value::from(d.date.as_str()));
    m.insert("infusion".to_string(), Value::from(d.infusion));
    m.insert("pain".to_string(), Value::from(d.pain.as_str()));
    m.insert("sleep".to_string(), Value::from(d.sleep.as_str()));
    m.insert("mood".to_string(), Value::from(d.mood.as_str()));
    m.insert(
        "side_effects".to_string(),
        Value::Array(
            d.side_effects
                .iter()
                .map(|id| Value::from(id.as_str()))
                .collect(),
        ),
    );
    m.insert("note".to_string(), Value::from(d.note.as_str()));
    Value::Object(m)
}

fn draft_of(value: &Value) -> Option<Draft> {
    let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_string);
    let infusion = match value.get("infusion")? {
        Value::Bool(b) => *b,
        _ => return None,
    };
    let side_effects = match value.get("side_effects")? {
        Value::Array(ids) => ids
            .iter()
            .map(|id| id.as_str().map(str::to_string))
            .collect::<Option<Vec<String>>>()?,
        _ => return None,
    };
    Some(Draft {
        date: text("date")?,
        infusion,
        pain: text("pain")?,
        sleep: text("sleep")?,
        mood: text("mood")?,
        side_effects,
        note: text("note")?,
    })
}

impl KeptForm {
    /// The kept text (compact JSON).
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("format".to_string(), Value::from(FORMAT));
        m.insert("draft".to_string(), draft_value(&self.draft));
        if let Some((day, original)) = &self.editing {
            m.insert("editing".to_string(), Value::from(day.as_str()));
            m.insert("original".to_string(), draft_value(original));
        }
        if let Some(aside) = &self.set_aside {
            m.insert("set_aside".to_string(), draft_value(aside));
        }
        write::compact(&Value::Object(m))
    }

    /// A kept form, or `None` for anything else (nothing kept, or text this
    /// app did not write: it is ignored, and replaced by the next one).
    pub fn from_json(text: &str) -> Option<KeptForm> {
        let value = parse_value(text).ok()?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return None;
        }
        let editing = match value.get("editing") {
            None => None,
            Some(day) => Some((day.as_str()?.to_string(), draft_of(value.get("original")?)?)),
        };
        let set_aside = match value.get("set_aside") {
            None => None,
            Some(aside) => Some(draft_of(aside)?),
        };
        Some(KeptForm {
            draft: draft_of(value.get("draft")?)?,
            editing,
            set_aside,
        })
    }
}
