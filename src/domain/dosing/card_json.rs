//! A protocol card as JSON text, written field by field in the order of the
//! card structs, leaving out what serde's derive leaves out (an absent
//! option, `research_only` and `minimum_trial_notice` when false, the
//! default multiplier floor). The tests check the text against serde's
//! derive, kept on the structs as the reference.

use crate::domain::json::{write, Map, Value};

use super::card::{
    BaseRateSpec, BolusSpec, Booster, CapSpec, Caps, Condition, DosingWeightSpec, Drug, Effect,
    EvidenceKind, Factor, Indication, Phases, ProtocolCard, SessionCapSpec, SessionSpec,
    TitrationSpec,
};
use super::limits::{CARD_MAX_FILE_BYTES, DEFAULT_MULTIPLIER_FLOOR};

/// A JSON object filled in field order.
struct Obj(Map);

impl Obj {
    fn new() -> Self {
        Obj(Map::new())
    }

    fn put(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_string(), value.into());
        self
    }

    /// The field only when there is a value.
    fn opt<T: Into<Value>>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(v) => self.put(key, v),
            None => self,
        }
    }

    /// The field only when it is true.
    fn flag(self, key: &str, value: bool) -> Self {
        if value {
            self.put(key, true)
        } else {
            self
        }
    }

    /// `evidence`, `sources` and `note`, which end most parts of a card.
    fn provenance(
        self,
        evidence: EvidenceKind,
        sources: &[String],
        note: &Option<String>,
    ) -> Value {
        self.put("evidence", evidence)
            .put("sources", sources.to_vec())
            .opt("note", note.clone())
            .into()
    }
}

impl From<Obj> for Value {
    fn from(obj: Obj) -> Value {
        Value::Object(obj.0)
    }
}

impl ProtocolCard {
    /// The card as pretty-printed JSON (for "show as JSON" and download).
    pub fn to_json_pretty(&self) -> String {
        write::pretty(&self.to_json())
    }

    /// The text of a card file to download or edit: pretty-printed, unless
    /// that would pass the import's size limit (a card read from a compact
    /// file near the limit), then compact, so the file always imports again.
    pub fn to_file_text(&self) -> String {
        let value = self.to_json();
        let mut text = write::pretty(&value);
        if text.len() >= CARD_MAX_FILE_BYTES {
            text = write::compact(&value);
        }
        text.push('\n');
        text
    }

    /// The card as a JSON value.
    pub fn to_json(&self) -> Value {
        self.json(true)
    }

    /// The card as a JSON value, with or without its `$schema` (which says
    /// where the file's schema is and changes no figure).
    pub fn json(&self, schema: bool) -> Value {
        let floor =
            (self.multiplier_floor != DEFAULT_MULTIPLIER_FLOOR).then_some(self.multiplier_floor);
        Obj::new()
            .opt("$schema", self.schema.clone().filter(|_| schema))
            .put("id", self.id.clone())
            .put("name", self.name.clone())
            .put("version", self.version.clone())
            .put("review_date", self.review_date.clone())
            .put("setting", self.setting)
            .opt("drug", (self.drug != Drug::Ketamine).then_some(self.drug))
            .flag("research_only", self.research_only)
            .opt("research_note", self.research_note.clone())
            .put("summary", self.summary.clone())
            .put("indications", list(&self.indications, indication))
            .put("sources", self.sources.clone())
            .put("dosing_weight", dosing_weight(&self.dosing_weight))
            .put("base_rate", base_rate(&self.base_rate))
            .put("session", session(&self.session))
            .put("caps", caps(&self.caps))
            .opt("multiplier_floor", floor)
            .flag("minimum_trial_notice", self.minimum_trial_notice)
            .opt("bolus", self.bolus.as_ref().map(bolus))
            .opt("titration", self.titration.as_ref().map(titration))
            .put("phases", phases(&self.phases))
            .put("factors", list(&self.factors, factor))
            .into()
    }
}

fn list<T>(items: &[T], each: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(each).collect())
}

fn indication(i: &Indication) -> Value {
    Obj::new()
        .put("condition", i.condition)
        .put("grade", i.grade)
        .opt("certainty", i.certainty)
        .put("sources", i.sources.clone())
        .opt("note", i.note.clone())
        .into()
}

fn dosing_weight(d: &DosingWeightSpec) -> Value {
    Obj::new()
        .put("basis", d.basis)
        .provenance(d.evidence, &d.sources, &d.note)
}

fn base_rate(b: &BaseRateSpec) -> Value {
    Obj::new()
        .put("value", b.value)
        .put("unit", b.unit)
        .provenance(b.evidence, &b.sources, &b.note)
}

fn session(s: &SessionSpec) -> Value {
    Obj::new()
        .put("duration_h", s.duration_h)
        .put("continuous", s.continuous)
        .provenance(s.evidence, &s.sources, &s.note)
}

fn cap(c: &CapSpec) -> Value {
    Obj::new()
        .put("value", c.value)
        .provenance(c.evidence, &c.sources, &c.note)
}

fn session_cap(c: &SessionCapSpec) -> Value {
    Obj::new()
        .put("value", c.value)
        .put("unit", c.unit)
        .provenance(c.evidence, &c.sources, &c.note)
}

fn caps(c: &Caps) -> Value {
    Obj::new()
        .opt("mg_per_kg_per_h", c.mg_per_kg_per_h.as_ref().map(cap))
        .opt("mg_per_h", c.mg_per_h.as_ref().map(cap))
        .opt("per_session", c.per_session.as_ref().map(session_cap))
        .into()
}

fn bolus(b: &BolusSpec) -> Value {
    Obj::new()
        .put("mg_per_kg", b.mg_per_kg)
        .provenance(b.evidence, &b.sources, &b.note)
}

fn titration(t: &TitrationSpec) -> Value {
    Obj::new()
        .put("step", t.step)
        .put("maximum", t.maximum)
        .put("unit", t.unit)
        .put("per", t.per)
        .provenance(t.evidence, &t.sources, &t.note)
}

fn booster(b: &Booster) -> Value {
    Obj::new()
        .put("interval_weeks_min", b.interval_weeks_min)
        .put("interval_weeks_max", b.interval_weeks_max)
        .put("form", b.form.clone())
        .into()
}

fn phases(p: &Phases) -> Value {
    Obj::new()
        .put("induction_count", p.induction_count)
        .put("induction_span_days", p.induction_span_days)
        .put("titration", p.titration.clone())
        .opt("booster", p.booster.as_ref().map(booster))
        .provenance(p.evidence, &p.sources, &p.note)
}

fn condition(c: &Condition) -> Value {
    Obj::new()
        .put("attribute", c.attribute)
        .opt("compare", c.compare)
        .opt("value", c.value)
        .opt("any_of", c.any_of.clone())
        .opt("is", c.is)
        .into()
}

fn effect(e: &Effect) -> Value {
    // serde's internally tagged layout: `kind` first, then the fields.
    let kind = |k: &str| Obj::new().put("kind", k);
    match e {
        Effect::RateMultiplier { value } => kind("rate_multiplier").put("value", *value),
        Effect::DurationMultiplier { value } => kind("duration_multiplier").put("value", *value),
        Effect::TitrationStepMultiplier { value } => {
            kind("titration_step_multiplier").put("value", *value)
        }
        Effect::LowerCap { value, unit } => {
            kind("lower_cap").put("value", *value).put("unit", *unit)
        }
        Effect::Warning { text } => kind("warning").put("text", text.clone()),
        Effect::Notice { text } => kind("notice").put("text", text.clone()),
        Effect::Block { text } => kind("block").put("text", text.clone()),
    }
    .into()
}

fn factor(f: &Factor) -> Value {
    Obj::new()
        .put("id", f.id.clone())
        .put("label", f.label.clone())
        .put("condition", condition(&f.condition))
        .put("effects", list(&f.effects, effect))
        .provenance(f.evidence, &f.sources, &f.note)
}
