//! Reads a protocol card from parsed JSON, reporting every structural problem
//! (missing field, wrong type, unknown field, unknown name) with its path.
//!
//! serde's derive stops at the first error; this reader walks the whole
//! parsed [`Value`] instead, so an import lists all problems at once, each with a field path such as `factors[3].effects[0].value`.
//! It accepts exactly what the serde derive on [`ProtocolCard`] accepts (a
//! test checks both agree), and it never panics on any input.

use crate::domain::json::{Map, Value};

use crate::domain::json::type_name;

use super::card::{
    BaseRateSpec, BolusSpec, Booster, CapSpec, Caps, Condition, DosingWeightSpec, Drug, Effect,
    Factor, Indication, Phases, ProtocolCard, SessionCapSpec, SessionSpec, TitrationSpec,
};
use super::format::format_number;
use super::limits::DEFAULT_MULTIPLIER_FLOOR;
use super::macros::ChoiceId;
use super::problem::{index, join, shorten, CardProblem, ROOT_PATH};

type Problems = Vec<CardProblem>;

fn wrong_type(path: &str, expected: &str, found: &Value, p: &mut Problems) {
    p.push(CardProblem::WrongType {
        path: path.to_string(),
        expected: expected.to_string(),
        found: type_name(found).to_string(),
    });
}

fn as_string(v: &Value, path: &str, p: &mut Problems) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        other => {
            wrong_type(path, "text", other, p);
            None
        }
    }
}

fn as_f64(v: &Value, path: &str, p: &mut Problems) -> Option<f64> {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.is_finite() => Some(f),
            _ => {
                p.push(CardProblem::Invalid {
                    path: path.to_string(),
                    message: "the number is not finite.".to_string(),
                });
                None
            }
        },
        other => {
            wrong_type(path, "a number", other, p);
            None
        }
    }
}

/// A whole number: `6`, or `6.0` and `6e0` as some tools write it (the
/// schema's "integer" allows them too). Its range is the validator's.
fn as_u32(v: &Value, path: &str, p: &mut Problems) -> Option<u32> {
    let whole = v.as_u64().or_else(|| {
        let f = v.as_f64()?;
        (f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f)).then_some(f as u64)
    });
    match whole.and_then(|n| u32::try_from(n).ok()) {
        Some(n) => Some(n),
        None => {
            if v.is_number() {
                let whole_but_huge = v.as_f64().is_some_and(|f| f.fract() == 0.0 && f > 0.0);
                p.push(CardProblem::WrongType {
                    path: path.to_string(),
                    expected: if whole_but_huge {
                        "a whole number of a sensible size".to_string()
                    } else {
                        "a whole number (no fraction, not negative)".to_string()
                    },
                    found: v.as_f64().map_or_else(
                        || v.to_string(),
                        // As a person writes it: "10,000,000,000", "6.5";
                        // past 15 digits as JSON writes it ("1e+300").
                        |f| {
                            if f.abs() < 1e15 {
                                format_number(f, 4)
                            } else {
                                v.to_string()
                            }
                        },
                    ),
                });
            } else {
                wrong_type(path, "a whole number", v, p);
            }
            None
        }
    }
}

fn as_bool(v: &Value, path: &str, p: &mut Problems) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        other => {
            wrong_type(path, "true or false", other, p);
            None
        }
    }
}

fn as_choice<T: ChoiceId>(v: &Value, path: &str, p: &mut Problems) -> Option<T> {
    let text = as_string(v, path, p)?;
    match T::from_id_str(&text) {
        Some(c) => Some(c),
        None => {
            p.push(CardProblem::UnknownValue {
                path: path.to_string(),
                value: shorten(&text),
                allowed: T::ids(),
            });
            None
        }
    }
}

fn as_list<'a>(v: &'a Value, path: &str, p: &mut Problems) -> Option<Vec<(String, &'a Value)>> {
    match v {
        Value::Array(items) => Some(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (index(path, i), item))
                .collect(),
        ),
        other => {
            wrong_type(path, "a list", other, p);
            None
        }
    }
}

fn as_string_list(v: &Value, path: &str, p: &mut Problems) -> Option<Vec<String>> {
    let items = as_list(v, path, p)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (item_path, item) in items {
        match as_string(item, &item_path, p) {
            Some(s) => out.push(s),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// One JSON object being read, with its path.
struct Obj<'a> {
    map: &'a Map,
    path: String,
}

fn object<'a>(v: &'a Value, path: &str, p: &mut Problems) -> Option<Obj<'a>> {
    match v {
        Value::Object(map) => Some(Obj {
            map,
            path: path.to_string(),
        }),
        other => {
            wrong_type(path, "an object", other, p);
            None
        }
    }
}

impl<'a> Obj<'a> {
    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn check_keys(&self, allowed: &[&str], p: &mut Problems) {
        for key in self.map.keys() {
            if !allowed.contains(&key.as_str()) {
                p.push(CardProblem::UnknownField {
                    path: self.at(&shorten(key)),
                    allowed: allowed.join(", "),
                });
            }
        }
    }

    /// A required field (absent → Missing; null → wrong type).
    fn required(&self, key: &str, p: &mut Problems) -> Option<&'a Value> {
        match self.map.get(key) {
            Some(v) => Some(v),
            None => {
                p.push(CardProblem::Missing { path: self.at(key) });
                None
            }
        }
    }

    /// An optional field (absent or null → Ok(None)).
    fn optional(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn string(&self, key: &str, p: &mut Problems) -> Option<String> {
        let v = self.required(key, p)?;
        as_string(v, &self.at(key), p)
    }

    fn opt_string(&self, key: &str, p: &mut Problems) -> Result<Option<String>, ()> {
        match self.optional(key) {
            None => Ok(None),
            Some(v) => as_string(v, &self.at(key), p).map(Some).ok_or(()),
        }
    }

    fn number(&self, key: &str, p: &mut Problems) -> Option<f64> {
        let v = self.required(key, p)?;
        as_f64(v, &self.at(key), p)
    }

    fn whole(&self, key: &str, p: &mut Problems) -> Option<u32> {
        let v = self.required(key, p)?;
        as_u32(v, &self.at(key), p)
    }

    fn choice<T: ChoiceId>(&self, key: &str, p: &mut Problems) -> Option<T> {
        let v = self.required(key, p)?;
        as_choice(v, &self.at(key), p)
    }

    fn opt_choice<T: ChoiceId>(&self, key: &str, p: &mut Problems) -> Result<Option<T>, ()> {
        match self.optional(key) {
            None => Ok(None),
            Some(v) => as_choice(v, &self.at(key), p).map(Some).ok_or(()),
        }
    }

    /// A field with a default when absent (serde `#[serde(default)]`: an
    /// explicit null is a wrong type, as serde treats it).
    fn defaulted<T>(
        &self,
        key: &str,
        default: T,
        read: impl FnOnce(&'a Value, &str, &mut Problems) -> Option<T>,
        p: &mut Problems,
    ) -> Option<T> {
        match self.map.get(key) {
            None => Some(default),
            Some(v) => read(v, &self.at(key), p),
        }
    }

    fn sources(&self, p: &mut Problems) -> Option<Vec<String>> {
        self.defaulted("sources", Vec::new(), as_string_list, p)
    }

    fn opt_object<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value, &str, &mut Problems) -> Option<T>,
        p: &mut Problems,
    ) -> Result<Option<T>, ()> {
        match self.optional(key) {
            None => Ok(None),
            Some(v) => read(v, &self.at(key), p).map(Some).ok_or(()),
        }
    }
}

const PROVENANCE: [&str; 3] = ["evidence", "sources", "note"];

fn with_provenance<'k>(keys: &[&'k str]) -> Vec<&'k str> {
    keys.iter().copied().chain(PROVENANCE).collect()
}

fn read_indication(v: &Value, path: &str, p: &mut Problems) -> Option<Indication> {
    let o = object(v, path, p)?;
    o.check_keys(&["condition", "grade", "certainty", "sources", "note"], p);
    let condition = o.choice("condition", p);
    let grade = o.choice("grade", p);
    let certainty = o.opt_choice("certainty", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(Indication {
        condition: condition?,
        grade: grade?,
        certainty: certainty.ok()?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_dosing_weight(v: &Value, path: &str, p: &mut Problems) -> Option<DosingWeightSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["basis"]), p);
    let basis = o.choice("basis", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(DosingWeightSpec {
        basis: basis?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_base_rate(v: &Value, path: &str, p: &mut Problems) -> Option<BaseRateSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["value", "unit"]), p);
    let value = o.number("value", p);
    let unit = o.choice("unit", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(BaseRateSpec {
        value: value?,
        unit: unit?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_session(v: &Value, path: &str, p: &mut Problems) -> Option<SessionSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["duration_h", "continuous"]), p);
    let duration_h = o.number("duration_h", p);
    let continuous = o.defaulted("continuous", false, as_bool, p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(SessionSpec {
        duration_h: duration_h?,
        continuous: continuous?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_cap(v: &Value, path: &str, p: &mut Problems) -> Option<CapSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["value"]), p);
    let value = o.number("value", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(CapSpec {
        value: value?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_session_cap(v: &Value, path: &str, p: &mut Problems) -> Option<SessionCapSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["value", "unit"]), p);
    let value = o.number("value", p);
    let unit = o.choice("unit", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(SessionCapSpec {
        value: value?,
        unit: unit?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_caps(v: &Value, path: &str, p: &mut Problems) -> Option<Caps> {
    let o = object(v, path, p)?;
    o.check_keys(&["mg_per_kg_per_h", "mg_per_h", "per_session"], p);
    let per_kg = o.opt_object("mg_per_kg_per_h", read_cap, p);
    let per_h = o.opt_object("mg_per_h", read_cap, p);
    let session = o.opt_object("per_session", read_session_cap, p);
    Some(Caps {
        mg_per_kg_per_h: per_kg.ok()?,
        mg_per_h: per_h.ok()?,
        per_session: session.ok()?,
    })
}

fn read_bolus(v: &Value, path: &str, p: &mut Problems) -> Option<BolusSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["mg_per_kg"]), p);
    let mg_per_kg = o.number("mg_per_kg", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(BolusSpec {
        mg_per_kg: mg_per_kg?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_titration(v: &Value, path: &str, p: &mut Problems) -> Option<TitrationSpec> {
    let o = object(v, path, p)?;
    o.check_keys(&with_provenance(&["step", "maximum", "unit", "per"]), p);
    let step = o.number("step", p);
    let maximum = o.number("maximum", p);
    let unit = o.choice("unit", p);
    let per = o.choice("per", p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(TitrationSpec {
        step: step?,
        maximum: maximum?,
        unit: unit?,
        per: per?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_booster(v: &Value, path: &str, p: &mut Problems) -> Option<Booster> {
    let o = object(v, path, p)?;
    o.check_keys(&["interval_weeks_min", "interval_weeks_max", "form"], p);
    let min = o.whole("interval_weeks_min", p);
    let max = o.whole("interval_weeks_max", p);
    let form = o.string("form", p);
    Some(Booster {
        interval_weeks_min: min?,
        interval_weeks_max: max?,
        form: form?,
    })
}

fn read_phases(v: &Value, path: &str, p: &mut Problems) -> Option<Phases> {
    let o = object(v, path, p)?;
    o.check_keys(
        &with_provenance(&[
            "induction_count",
            "induction_span_days",
            "titration",
            "booster",
        ]),
        p,
    );
    let count = o.whole("induction_count", p);
    let span = o.whole("induction_span_days", p);
    let titration = o.string("titration", p);
    let booster = o.opt_object("booster", read_booster, p);
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(Phases {
        induction_count: count?,
        induction_span_days: span?,
        titration: titration?,
        booster: booster.ok()?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

fn read_condition(v: &Value, path: &str, p: &mut Problems) -> Option<Condition> {
    let o = object(v, path, p)?;
    o.check_keys(&["attribute", "compare", "value", "any_of", "is"], p);
    let attribute = o.choice("attribute", p);
    let compare = o.opt_choice("compare", p);
    let value = match o.optional("value") {
        None => Ok(None),
        Some(v) => as_f64(v, &o.at("value"), p).map(Some).ok_or(()),
    };
    let any_of = match o.optional("any_of") {
        None => Ok(None),
        Some(v) => as_string_list(v, &o.at("any_of"), p).map(Some).ok_or(()),
    };
    let is = match o.optional("is") {
        None => Ok(None),
        Some(v) => as_bool(v, &o.at("is"), p).map(Some).ok_or(()),
    };
    Some(Condition {
        attribute: attribute?,
        compare: compare.ok()?,
        value: value.ok()?,
        any_of: any_of.ok()?,
        is: is.ok()?,
    })
}

const EFFECT_KINDS: &str = "rate_multiplier, duration_multiplier, titration_step_multiplier, lower_cap, warning, notice, block";

fn read_effect(v: &Value, path: &str, p: &mut Problems) -> Option<Effect> {
    let o = object(v, path, p)?;
    let kind = o.string("kind", p)?;
    match kind.as_str() {
        "rate_multiplier" | "duration_multiplier" | "titration_step_multiplier" => {
            o.check_keys(&["kind", "value"], p);
            let value = o.number("value", p)?;
            Some(match kind.as_str() {
                "rate_multiplier" => Effect::RateMultiplier { value },
                "duration_multiplier" => Effect::DurationMultiplier { value },
                _ => Effect::TitrationStepMultiplier { value },
            })
        }
        "lower_cap" => {
            o.check_keys(&["kind", "value", "unit"], p);
            let value = o.number("value", p);
            let unit = o.choice("unit", p);
            Some(Effect::LowerCap {
                value: value?,
                unit: unit?,
            })
        }
        "warning" | "notice" | "block" => {
            o.check_keys(&["kind", "text"], p);
            let text = o.string("text", p)?;
            Some(match kind.as_str() {
                "warning" => Effect::Warning { text },
                "notice" => Effect::Notice { text },
                _ => Effect::Block { text },
            })
        }
        other => {
            p.push(CardProblem::UnknownValue {
                path: o.at("kind"),
                value: shorten(other),
                allowed: EFFECT_KINDS.to_string(),
            });
            None
        }
    }
}

fn read_all<T>(
    items: Vec<(String, &Value)>,
    read: impl Fn(&Value, &str, &mut Problems) -> Option<T>,
    p: &mut Problems,
) -> Option<Vec<T>> {
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (item_path, item) in items {
        match read(item, &item_path, p) {
            Some(t) => out.push(t),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_factor(v: &Value, path: &str, p: &mut Problems) -> Option<Factor> {
    let o = object(v, path, p)?;
    o.check_keys(
        &with_provenance(&["id", "label", "condition", "effects"]),
        p,
    );
    let id = o.string("id", p);
    let label = o.string("label", p);
    let condition = o
        .required("condition", p)
        .and_then(|c| read_condition(c, &o.at("condition"), p));
    let effects = o
        .required("effects", p)
        .and_then(|e| as_list(e, &o.at("effects"), p))
        .and_then(|items| read_all(items, read_effect, p));
    let evidence = o.choice("evidence", p);
    let sources = o.sources(p);
    let note = o.opt_string("note", p);
    Some(Factor {
        id: id?,
        label: label?,
        condition: condition?,
        effects: effects?,
        evidence: evidence?,
        sources: sources?,
        note: note.ok()?,
    })
}

const CARD_KEYS: [&str; 22] = [
    "id",
    "name",
    "version",
    "review_date",
    "setting",
    "drug",
    "research_only",
    "research_note",
    "summary",
    "indications",
    "sources",
    "dosing_weight",
    "base_rate",
    "session",
    "caps",
    "multiplier_floor",
    "minimum_trial_notice",
    "bolus",
    "titration",
    "phases",
    "factors",
    "$schema",
];

/// Reads a card from a JSON value, collecting every structural problem.
/// Numbers are not range-checked here: [`super::validate::validate`] does that.
/// A top-level `$schema` key (for editors) is accepted and ignored.
pub fn card_from_value(v: &Value) -> Result<ProtocolCard, Vec<CardProblem>> {
    let mut p = Vec::new();
    let card = read_card(v, &mut p);
    match card {
        Some(card) if p.is_empty() => Ok(card),
        _ => {
            if p.is_empty() {
                p.push(CardProblem::Invalid {
                    path: ROOT_PATH.to_string(),
                    message: "the card could not be read.".to_string(),
                });
            }
            Err(p)
        }
    }
}

fn read_card(v: &Value, p: &mut Problems) -> Option<ProtocolCard> {
    let o = object(v, ROOT_PATH, p)?;
    o.check_keys(&CARD_KEYS, p);
    let schema = o.opt_string("$schema", p);
    let id = o.string("id", p);
    let name = o.string("name", p);
    let version = o.string("version", p);
    let review_date = o.string("review_date", p);
    let setting = o.choice("setting", p);
    let drug = o.defaulted("drug", Drug::Ketamine, as_choice, p);
    let research_only = o.defaulted("research_only", false, as_bool, p);
    let research_note = o.opt_string("research_note", p);
    let summary = o.string("summary", p);
    let indications = o
        .required("indications", p)
        .and_then(|l| as_list(l, &o.at("indications"), p))
        .and_then(|items| read_all(items, read_indication, p));
    let sources = o
        .required("sources", p)
        .and_then(|l| as_string_list(l, &o.at("sources"), p));
    let dosing_weight = o
        .required("dosing_weight", p)
        .and_then(|d| read_dosing_weight(d, &o.at("dosing_weight"), p));
    let base_rate = o
        .required("base_rate", p)
        .and_then(|b| read_base_rate(b, &o.at("base_rate"), p));
    let session = o
        .required("session", p)
        .and_then(|s| read_session(s, &o.at("session"), p));
    let caps = o.defaulted("caps", Caps::default(), read_caps, p);
    let floor = o.defaulted("multiplier_floor", DEFAULT_MULTIPLIER_FLOOR, as_f64, p);
    let min_trial = o.defaulted("minimum_trial_notice", false, as_bool, p);
    let bolus = o.opt_object("bolus", read_bolus, p);
    let titration = o.opt_object("titration", read_titration, p);
    let phases = o
        .required("phases", p)
        .and_then(|ph| read_phases(ph, &o.at("phases"), p));
    let factors = o
        .required("factors", p)
        .and_then(|l| as_list(l, &o.at("factors"), p))
        .and_then(|items| read_all(items, read_factor, p));
    Some(ProtocolCard {
        schema: schema.ok()?,
        id: id?,
        name: name?,
        version: version?,
        review_date: review_date?,
        setting: setting?,
        drug: drug?,
        research_only: research_only?,
        research_note: research_note.ok()?,
        summary: summary?,
        indications: indications?,
        sources: sources?,
        dosing_weight: dosing_weight?,
        base_rate: base_rate?,
        session: session?,
        caps: caps?,
        multiplier_floor: floor?,
        minimum_trial_notice: min_trial?,
        bolus: bolus.ok()?,
        titration: titration.ok()?,
        phases: phases?,
        factors: factors?,
    })
}

/// Best-effort field path at a byte offset of JSON text, for syntax errors.
/// Tracks objects, keys, list positions and strings; anything it cannot
/// follow gives a shorter path.
pub fn path_at_offset(text: &str, offset: usize) -> String {
    /// The levels a path names before it says how deep it goes.
    const PATH_LEVELS_SHOWN: usize = 8;
    enum Frame {
        Object { key: Option<String> },
        Array { index: usize },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        // A field name that starts at `offset` is read: the error is about
        // it (a field name written twice).
        if pos > offset || (pos == offset && !(ch == '"' && expecting_key)) {
            break;
        }
        match ch {
            '{' => {
                stack.push(Frame::Object { key: None });
                expecting_key = true;
            }
            '[' => {
                stack.push(Frame::Array { index: 0 });
                expecting_key = false;
            }
            '}' | ']' => {
                stack.pop();
                expecting_key = false;
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => {
                    // The field before the comma is done with.
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            ':' => expecting_key = false,
            '"' => {
                let mut s = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some((_, esc)) = chars.next() {
                                s.push(esc);
                            }
                        }
                        other => s.push(other),
                    }
                }
                if expecting_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some(s);
                    }
                    // Its value comes next, not another name.
                    expecting_key = false;
                }
            }
            _ => {}
        }
    }
    let mut path = String::new();
    let mut shown = 0;
    for frame in &stack {
        // A file nested hundreds of levels deep names its first levels and
        // how deep it goes, not every "[0]" of the way.
        if shown == PATH_LEVELS_SHOWN {
            path.push_str(&format!("… ({} levels in)", stack.len()));
            break;
        }
        match frame {
            Frame::Object { key: Some(k) } => path = join(&path, &shorten(k)),
            Frame::Object { key: None } => continue,
            Frame::Array { index: i } => path = index(&path, *i),
        }
        shown += 1;
    }
    if path.is_empty() {
        ROOT_PATH.to_string()
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_at_offset_follows_keys_and_list_positions() {
        let text = r#"{"a": 1, "factors": [{"id": "x"}, {"effects": [{"value": 1e400}]}]}"#;
        let off = text.find("1e400").unwrap() + 5;
        assert_eq!(path_at_offset(text, off), "factors[1].effects[0].value");
        assert_eq!(path_at_offset(text, 0), ROOT_PATH);
        assert_eq!(path_at_offset("{\"a\\\"b\": [1, 2", 14), "a\"b[1]");
        // At a field name (written twice): that field, not the one before.
        let twice = r#"{"id": "a", "name": "x", "id": "b"}"#;
        assert_eq!(path_at_offset(twice, twice.rfind("\"id\"").unwrap()), "id");
        // Between fields (after a comma): the object, not the field before.
        let cut = r#"{"rate": {"value": 1, "#;
        assert_eq!(path_at_offset(cut, cut.len()), "rate");
        // At anything else where a field name belongs: the place before it.
        assert_eq!(path_at_offset(r#"[{"a": 1, ["#, 10), "[0]");
        // A value where the colon belongs: the field before it.
        assert_eq!(path_at_offset(r#"{"name" "x"}"#, 8), "name");
        // Eight levels are named; deeper, the first eight and the depth.
        let eight = format!("{{\"id\":{}", "[".repeat(7));
        assert_eq!(
            path_at_offset(&eight, eight.len()),
            "id[0][0][0][0][0][0][0]"
        );
        let nine = format!("{{\"id\":{}", "[".repeat(8));
        assert_eq!(
            path_at_offset(&nine, nine.len()),
            "id[0][0][0][0][0][0][0]… (9 levels in)"
        );
        let deep = format!("{{\"id\":{}", "[".repeat(200));
        assert_eq!(
            path_at_offset(&deep, deep.len()),
            "id[0][0][0][0][0][0][0]… (201 levels in)"
        );
    }
}
