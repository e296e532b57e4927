//! Patient input: raw text (as typed, or from a share link) to a validated
//! [`PatientInput`], with at most one clear error per field.
//!
//! Numbers accept a decimal point or a decimal comma ("72.5" and "72,5"),
//! surrounding spaces are ignored, and empty, non-numeric (exponent notation
//! such as "1e2" included), infinite ("inf"), negative and out-of-range values
//! are refused with a
//! message that states the accepted range. Weight may be typed in kg or lb
//! (converted × 0.45359237 and rounded to as many decimals of a kg as were
//! typed, at least 0.1 kg; that kg value is what is used and shown) and
//! height in cm or inches (× 2.54, rounded in the same way, see
//! [`super::units::Inches::to_cm_as_typed`]). Ranges live in [`super::limits`].
//!
//! Share-link parameters (snake_case, unit in the name): `weight_kg` or
//! `weight_lb`, `height_cm` or `height_in`, `sex`, `age_years` (also `age`),
//! `pain`, `hepatic`, `cardiovascular`, `medications` (comma-separated ids),
//! `cyp2b6`, `pregnant_or_breastfeeding`, `psychosis`, `substance_use`,
//! `raised_iop`, `raised_icp`, `hypersensitivity`, `renal_impairment`, `infusion_number`,
//! `concentration_mg_per_ml`. Booleans are `true`/`false` (also yes/no, 1/0).

use super::decimal::parse_decimal;
use super::format::{format_beside, format_dose, format_number, DoseUnit};
use super::limits::{
    AGE_MAX_YEARS, CONCENTRATION_MAX_MG_PER_ML, CONCENTRATION_MIN_MG_PER_ML, HEIGHT_IN_TYPED,
    HEIGHT_MAX_CM, HEIGHT_MIN_CM, INFUSION_NUMBER_MAX, INPUT_TEXT_MAX_CHARS, WEIGHT_LB_TYPED,
    WEIGHT_MAX_KG, WEIGHT_MIN_KG,
};
use super::macros::ChoiceId;
use super::medication::Medication;
use super::units::{Cm, Inches, Kg, Lb, MgPerMl, CM_PER_IN, KG_PER_LB, MAX_TYPED_DECIMALS};

choice_enum! {
    /// Sex, used only for the Devine ideal body weight (evidence file 3.3 [R39]).
    pub enum Sex {
        Male = "male" => "male",
        Female = "female" => "female",
    }
}

choice_enum! {
    /// The pain condition being treated (2018 consensus condition list [R2]).
    pub enum PainCondition {
        Crps = "crps" => "complex regional pain syndrome (CRPS)",
        Neuropathic = "neuropathic" => "mixed neuropathic pain",
        SpinalCordInjury = "spinal_cord_injury" => "spinal cord injury pain",
        PhantomLimb = "phantom_limb" => "phantom limb pain",
        PostherpeticNeuralgia = "postherpetic_neuralgia" => "postherpetic neuralgia",
        Fibromyalgia = "fibromyalgia" => "fibromyalgia",
        Headache = "headache" => "migraine or refractory headache",
        Musculoskeletal = "musculoskeletal" => "musculoskeletal pain",
        LowBack = "low_back" => "low-back or spinal pain",
        Cancer = "cancer" => "cancer pain",
        Ischemic = "ischemic" => "ischaemic pain",
        Other = "other" => "another chronic pain condition",
    }
}

choice_enum! {
    /// Liver function. The sources give no Child-Pugh-specific figures; the
    /// consensus says avoid in severe and use caution in moderate disease [R2].
    pub enum Hepatic {
        None = "none" => "no known liver disease",
        Mild = "mild" => "mild impairment (e.g. Child-Pugh A)",
        Moderate = "moderate" => "moderate impairment (e.g. Child-Pugh B)",
        Severe = "severe" => "severe impairment (e.g. Child-Pugh C, cirrhosis)",
    }
}

choice_enum! {
    /// Cardiovascular status (consensus: do not use if poorly controlled [R2]).
    pub enum Cardiovascular {
        None = "none" => "no known cardiovascular disease",
        Controlled = "controlled" => "controlled hypertension or heart disease",
        PoorlyControlled = "poorly_controlled" => "poorly controlled hypertension or heart disease",
    }
}

choice_enum! {
    /// CYP2B6 metaboliser status, if genotyped (evidence file 3.3 [R18][R19]).
    pub enum Cyp2b6 {
        Unknown = "unknown" => "not tested",
        Normal = "normal" => "normal metaboliser (*1/*1)",
        Intermediate = "intermediate" => "intermediate metaboliser (*1/*6)",
        Poor = "poor" => "poor metaboliser (*6/*6)",
    }
}

choice_enum! {
    /// Psychosis history (consensus: do not use in active psychosis [R2]).
    pub enum Psychosis {
        None = "none" => "none",
        History = "history" => "history of psychosis, not active",
        Active = "active" => "active psychosis",
    }
}

choice_enum! {
    /// Substance use (consensus: no serial infusions in active misuse [R2]).
    pub enum SubstanceUse {
        None = "none" => "none",
        Past = "past" => "past misuse",
        Active = "active" => "active misuse",
    }
}

choice_enum! {
    /// The unit the weight was typed in.
    pub enum WeightUnit {
        Kg = "kg" => "kg",
        Lb = "lb" => "lb",
    }
}

choice_enum! {
    /// The unit the height was typed in.
    pub enum HeightUnit {
        Cm = "cm" => "cm",
        In = "in" => "in",
    }
}

choice_enum! {
    /// Every patient input, so that the UI can put each error next to its field.
    pub enum Field {
        Weight = "weight" => "Weight",
        Height = "height" => "Height",
        Sex = "sex" => "Sex",
        Age = "age" => "Age",
        Pain = "pain" => "Pain condition",
        Hepatic = "hepatic" => "Liver function",
        Cardiovascular = "cardiovascular" => "Cardiovascular status",
        Medications = "medications" => "Medications",
        Cyp2b6 = "cyp2b6" => "CYP2B6 status",
        PregnantOrBreastfeeding = "pregnant_or_breastfeeding" => "Pregnant or breastfeeding",
        Psychosis = "psychosis" => "Psychosis",
        SubstanceUse = "substance_use" => "Substance use",
        RaisedIop = "raised_iop" => "Raised intraocular pressure",
        RaisedIcp = "raised_icp" => "Raised intracranial pressure",
        Hypersensitivity = "hypersensitivity" => "Known hypersensitivity to ketamine",
        RenalImpairment = "renal_impairment" => "Renal impairment",
        InfusionNumber = "infusion_number" => "Infusion (or day) of the course",
        Concentration = "concentration" => "Bag concentration",
    }
}

/// Why one field's text was refused. Messages are written for the clinician
/// who typed it and always name the field; range messages state the limits.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    /// Nothing was entered where a value is needed.
    #[error("{field}: enter a value.")]
    Empty {
        /// The field.
        field: Field,
    },
    /// The text is too long to be a real entry.
    #[error("{field}: the entry is {chars} characters long; at most {max} are accepted.")]
    TooLong {
        /// The field.
        field: Field,
        /// Characters entered.
        chars: usize,
        /// Characters accepted.
        max: usize,
    },
    /// The text is not a number.
    #[error("{field}: \"{text}\" is not a number. {}", number_hint(.field))]
    NotANumber {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
    },
    /// A height in inches typed as feet and inches ("5'10"): the inches as
    /// one number when the text gives them ("70"), else an example.
    #[error("Height: \"{text}\" reads as feet and inches, but the field takes the height in inches as one number: {}.", inches_example(*.inches))]
    FeetAndInches {
        /// What was typed (shortened).
        text: String,
        /// The height in inches, when the text gives whole feet and inches.
        inches: Option<u32>,
    },
    /// More decimals than [`MAX_TYPED_DECIMALS`].
    #[error(
        "{field}: \"{text}\" has more than {max} decimals; no scale or measure is that exact."
    )]
    TooManyDecimals {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
        /// Decimals accepted.
        max: u32,
    },
    /// The number is infinite or too large to represent.
    #[error("{field}: \"{text}\" is not a finite number; it is infinite or far too large.")]
    NotFinite {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
    },
    /// A negative number was typed.
    #[error("{field}: cannot be negative (\"{text}\" was entered).")]
    Negative {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
    },
    /// A whole number was expected.
    #[error("{field}: enter a whole number in digits only (\"{text}\" was entered).")]
    NotWhole {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
    },
    /// The value is outside the accepted range; `detail` states the range.
    #[error("{field}: {detail}")]
    OutOfRange {
        /// The field.
        field: Field,
        /// The value and the accepted range, in words.
        detail: String,
    },
    /// The text is not one of the field's choices.
    #[error("{field}: \"{text}\" is not one of the choices ({allowed}).")]
    UnknownChoice {
        /// The field.
        field: Field,
        /// What was typed (shortened).
        text: String,
        /// The accepted ids.
        allowed: String,
    },
    /// A link gave the field more than one value (kept side by side, with
    /// [`CONFLICT_SEPARATOR`] between them): no figure until one is kept.
    #[error("{field}: the link gives more than one value (\"{text}\"); keep the one you mean.")]
    Conflicting {
        /// The field.
        field: Field,
        /// The values (shortened).
        text: String,
    },
    /// One or more medication ids are not in the catalogue.
    #[error(
        "Medications: not in this app's list: {ids}. Remove each with its button below, and choose named drugs or classes from the list."
    )]
    UnknownMedication {
        /// The unknown ids, comma-separated (shortened).
        ids: String,
    },
}

impl InputError {
    /// The field this error belongs to.
    pub fn field(&self) -> Field {
        match self {
            InputError::Empty { field }
            | InputError::TooLong { field, .. }
            | InputError::NotANumber { field, .. }
            | InputError::TooManyDecimals { field, .. }
            | InputError::NotFinite { field, .. }
            | InputError::Negative { field, .. }
            | InputError::NotWhole { field, .. }
            | InputError::OutOfRange { field, .. }
            | InputError::UnknownChoice { field, .. }
            | InputError::Conflicting { field, .. } => *field,
            InputError::UnknownMedication { .. } => Field::Medications,
            InputError::FeetAndInches { .. } => Field::Height,
        }
    }
}

/// The end of [`InputError::FeetAndInches`]'s sentence.
fn inches_example(inches: Option<u32>) -> String {
    match inches {
        Some(n) => format!("type {n}"),
        None => "5 ft 10 in, for example, is 70".to_string(),
    }
}

/// A piece of a height typed in feet and inches ([`feet_and_inches`]).
#[derive(Clone, Copy, PartialEq)]
enum Piece {
    Number(u32),
    /// `'`, `’`, `′`, "ft", "feet", "foot".
    Feet,
    /// `"`, `”`, `″`, two apostrophes, "in", "inch", "inches".
    Inch,
    Other,
}

/// `text` in [`Piece`]s; spaces only part them.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let piece = match c {
            ' ' => continue,
            '0'..='9' => {
                let mut n = c.to_digit(10).unwrap_or(0);
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    n = n.saturating_mul(10).saturating_add(d);
                    chars.next();
                }
                Piece::Number(n)
            }
            '\'' | '\u{2019}' if chars.peek() == Some(&c) => {
                chars.next();
                Piece::Inch
            }
            '\'' | '\u{2019}' | '\u{2032}' => Piece::Feet,
            '"' | '\u{201d}' | '\u{2033}' => Piece::Inch,
            // A word (any other character is a word of its own, and Other).
            c => {
                let mut word = String::from(c.to_ascii_lowercase());
                while let Some(l) = chars.peek().copied().filter(char::is_ascii_alphabetic) {
                    word.push(l.to_ascii_lowercase());
                    chars.next();
                }
                match word.as_str() {
                    "ft" | "feet" | "foot" => Piece::Feet,
                    "in" | "inch" | "inches" => Piece::Inch,
                    _ => Piece::Other,
                }
            }
        };
        out.push(piece);
    }
    out
}

/// `Some` when `text` starts as a height in feet does (a number, then a
/// feet mark or word: "5'10", "5 ft 10 in", "5′ 10″"): the inches it comes
/// to, when it is whole feet and under 12 whole inches within the accepted
/// range (47.3 to 90.5 in), or `None` inside ("5'10.5", "5'1 0", "8'11").
/// `None` for any other text ("6O", "5e1", "70''").
fn feet_and_inches(text: &str) -> Option<Option<u32>> {
    let pieces = pieces(text);
    let (Some(Piece::Number(feet)), Some(Piece::Feet)) = (pieces.first(), pieces.get(1)) else {
        return None;
    };
    let inches = match pieces.get(2..).unwrap_or(&[]) {
        [] => Some(0),
        [Piece::Number(i)] | [Piece::Number(i), Piece::Inch] => Some(*i),
        _ => None,
    };
    Some(
        inches
            .filter(|i| *i < 12)
            .map(|i| feet.saturating_mul(12).saturating_add(i))
            .filter(|n| (HEIGHT_IN_TYPED.0..=HEIGHT_IN_TYPED.1).contains(&f64::from(*n))),
    )
}

/// The patient's figures as text, exactly as typed or read from a share link.
/// `Default` is the example adult: 70 kg, 175 cm, male, 40 years, "other"
/// chronic pain (so no condition-specific factor applies),
/// nothing else, infusion 1, 1 mg/mL bag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawPatientInput {
    /// Weight as typed (kg or lb, see `weight_unit`).
    pub weight: String,
    /// The unit of `weight`.
    pub weight_unit: WeightUnit,
    /// Height as typed (cm or in, see `height_unit`).
    pub height: String,
    /// The unit of `height`.
    pub height_unit: HeightUnit,
    /// `male` or `female`.
    pub sex: String,
    /// Age in whole years.
    pub age_years: String,
    /// A [`PainCondition`] id.
    pub pain: String,
    /// A [`Hepatic`] id.
    pub hepatic: String,
    /// A [`Cardiovascular`] id.
    pub cardiovascular: String,
    /// Comma-separated [`Medication`] ids (may be empty).
    pub medications: String,
    /// A [`Cyp2b6`] id.
    pub cyp2b6: String,
    /// `true` or `false`.
    pub pregnant_or_breastfeeding: String,
    /// A [`Psychosis`] id.
    pub psychosis: String,
    /// A [`SubstanceUse`] id.
    pub substance_use: String,
    /// `true` or `false`.
    pub raised_iop: String,
    /// `true` or `false`.
    pub raised_icp: String,
    /// `true` or `false`: a known hypersensitivity (allergy) to ketamine.
    pub hypersensitivity: String,
    /// `true` or `false`.
    pub renal_impairment: String,
    /// Which infusion (or day) of the course, from 1.
    pub infusion_number: String,
    /// Bag concentration in mg/mL: 1, 2, 5 or a custom value.
    pub concentration_mg_per_ml: String,
}

impl Default for RawPatientInput {
    fn default() -> Self {
        RawPatientInput {
            weight: "70".into(),
            weight_unit: WeightUnit::Kg,
            height: "175".into(),
            height_unit: HeightUnit::Cm,
            sex: "male".into(),
            age_years: "40".into(),
            pain: "other".into(),
            hepatic: "none".into(),
            cardiovascular: "none".into(),
            medications: String::new(),
            cyp2b6: "unknown".into(),
            pregnant_or_breastfeeding: "false".into(),
            psychosis: "none".into(),
            substance_use: "none".into(),
            raised_iop: "false".into(),
            raised_icp: "false".into(),
            hypersensitivity: "false".into(),
            renal_impairment: "false".into(),
            infusion_number: "1".into(),
            concentration_mg_per_ml: "1".into(),
        }
    }
}

/// Every share-link parameter name for patient inputs, in the order
/// [`RawPatientInput::to_query`] writes them (it writes one of each unit pair).
/// `age` is also read, as an alias of `age_years`.
pub const PARAM_NAMES: [&str; 20] = [
    "weight_kg",
    "weight_lb",
    "height_cm",
    "height_in",
    "sex",
    "age_years",
    "pain",
    "hepatic",
    "cardiovascular",
    "medications",
    "cyp2b6",
    "pregnant_or_breastfeeding",
    "psychosis",
    "substance_use",
    "raised_iop",
    "raised_icp",
    "hypersensitivity",
    "renal_impairment",
    "infusion_number",
    "concentration_mg_per_ml",
];

/// Standard bag concentrations offered as choices, mg/mL ([R31][R33] and
/// the 5 mg/mL syringe of [R34]).
pub const STANDARD_CONCENTRATIONS_MG_PER_ML: [f64; 3] = [1.0, 2.0, 5.0];

/// Between the values of a field that a link gives more than once
/// (`weight_kg=70&weight_kg=150` is the text "70 | 150"): the field is then
/// refused ([`InputError::Conflicting`]) until one value is kept, rather
/// than one of them silently winning.
pub const CONFLICT_SEPARATOR: &str = " | ";

/// What a field holds when a link gives it `first` and then `second`: one
/// value when they are the same, both side by side otherwise.
pub fn side_by_side(first: &str, second: &str) -> String {
    if first == second {
        first.to_string()
    } else {
        format!("{first}{CONFLICT_SEPARATOR}{second}")
    }
}

/// The field a share-link parameter sets (`age` is the short name of
/// `age_years`; each unit of weight and height sets the same field).
fn param_field(name: &str) -> Option<Field> {
    Some(match name {
        "weight_kg" | "weight_lb" => Field::Weight,
        "height_cm" | "height_in" => Field::Height,
        "age_years" | "age" => Field::Age,
        "concentration_mg_per_ml" => Field::Concentration,
        // A field id is a parameter name only where the two agree: a
        // misspelt `weight` or `concentration` sets nothing, so it cannot
        // make the field look given twice.
        other if PARAM_NAMES.contains(&other) => {
            return Field::ALL.iter().copied().find(|f| f.id() == other)
        }
        _ => return None,
    })
}

/// The ids of a comma-separated list, trimmed, empty ones left out (the
/// medications and the steps switched off in a link).
pub fn split_ids(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Refuses text that holds values a link gave side by side.
fn refuse_conflict(field: Field, text: &str) -> Result<(), InputError> {
    if text.contains(CONFLICT_SEPARATOR) {
        return Err(InputError::Conflicting {
            field,
            text: shorten(text),
        });
    }
    Ok(())
}

impl RawPatientInput {
    /// The text a field holds.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::Weight => &self.weight,
            Field::Height => &self.height,
            Field::Sex => &self.sex,
            Field::Age => &self.age_years,
            Field::Pain => &self.pain,
            Field::Hepatic => &self.hepatic,
            Field::Cardiovascular => &self.cardiovascular,
            Field::Medications => &self.medications,
            Field::Cyp2b6 => &self.cyp2b6,
            Field::PregnantOrBreastfeeding => &self.pregnant_or_breastfeeding,
            Field::Psychosis => &self.psychosis,
            Field::SubstanceUse => &self.substance_use,
            Field::RaisedIop => &self.raised_iop,
            Field::RaisedIcp => &self.raised_icp,
            Field::Hypersensitivity => &self.hypersensitivity,
            Field::RenalImpairment => &self.renal_impairment,
            Field::InfusionNumber => &self.infusion_number,
            Field::Concentration => &self.concentration_mg_per_ml,
        }
    }

    /// The text of a field, to change it.
    pub fn text_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Weight => &mut self.weight,
            Field::Height => &mut self.height,
            Field::Sex => &mut self.sex,
            Field::Age => &mut self.age_years,
            Field::Pain => &mut self.pain,
            Field::Hepatic => &mut self.hepatic,
            Field::Cardiovascular => &mut self.cardiovascular,
            Field::Medications => &mut self.medications,
            Field::Cyp2b6 => &mut self.cyp2b6,
            Field::PregnantOrBreastfeeding => &mut self.pregnant_or_breastfeeding,
            Field::Psychosis => &mut self.psychosis,
            Field::SubstanceUse => &mut self.substance_use,
            Field::RaisedIop => &mut self.raised_iop,
            Field::RaisedIcp => &mut self.raised_icp,
            Field::Hypersensitivity => &mut self.hypersensitivity,
            Field::RenalImpairment => &mut self.renal_impairment,
            Field::InfusionNumber => &mut self.infusion_number,
            Field::Concentration => &mut self.concentration_mg_per_ml,
        }
    }

    /// A field's text and, where the field has a unit choice, its unit.
    fn text_and_unit(&self, field: Field) -> (String, &'static str) {
        let unit = match field {
            Field::Weight => self.weight_unit.id(),
            Field::Height => self.height_unit.id(),
            _ => "",
        };
        (self.text(field).trim().to_string(), unit)
    }

    /// Sets one parameter of a link in which the fields of `given` were
    /// already set. A field given again with another value (or unit) keeps
    /// every value, side by side (see [`CONFLICT_SEPARATOR`]); the same
    /// value twice is no conflict. Returns `false` for a name this module
    /// does not know.
    pub fn set_link_param(&mut self, name: &str, value: &str, given: &mut Vec<Field>) -> bool {
        let Some(field) = param_field(name) else {
            return false;
        };
        if !given.contains(&field) {
            given.push(field);
            return self.set_param(name, value);
        }
        let (before, before_unit) = self.text_and_unit(field);
        let (units_before, ids_before) = ((self.weight_unit, self.height_unit), before.clone());
        self.set_param(name, value);
        let (mut after, after_unit) = self.text_and_unit(field);
        if field == Field::Medications {
            // Lists are joined: a medication named anywhere in the link
            // counts (its warnings and blocks apply).
            let mut ids: Vec<&str> = split_ids(&ids_before);
            for id in split_ids(&after) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            self.medications = ids.join(",");
            return true;
        }
        if after_unit != before_unit {
            // The field keeps the first unit, and the other value is given
            // in it (a number kept from either then means what it meant).
            let (weight_unit, height_unit) = (self.weight_unit, self.height_unit);
            (self.weight_unit, self.height_unit) = units_before;
            let converted = match field {
                Field::Weight => weight_in(&after, weight_unit, self.weight_unit),
                _ => height_in(&after, height_unit, self.height_unit),
            };
            // A value with no exact text in the first unit stays in its own,
            // so it is never one value with a number it is not.
            after = match converted {
                Converted::Exact(text) => text,
                Converted::NotANumber | Converted::NoExactText => {
                    format!("{after} {after_unit}")
                }
            };
        }
        // The field's text was overwritten by the second value: it becomes
        // the first again, with the second beside it when they differ. The
        // same value twice is one value, kept as first given: the same text,
        // or texts the engine reads alike (`70` and `70,0` kg, the same
        // weight in kg and lb, `male` and `Male`, `true` and `1`).
        let same = self
            .reading_key(field, &before)
            .is_some_and(|key| self.reading_key(field, &after) == Some(key));
        *self.text_mut(field) = if same {
            before
        } else {
            side_by_side(&before, &after)
        };
        true
    }

    /// What the engine reads from `text` as `field` (in this input's units),
    /// as a key that texts read alike share; `None` when it reads no value.
    fn reading_key(&self, field: Field, text: &str) -> Option<String> {
        let number = |v: f64| v.to_bits().to_string();
        fn choice<T: ChoiceId>(field: Field, text: &str) -> Option<String> {
            parse_choice::<T>(field, text)
                .ok()
                .map(|c| c.id_str().to_string())
        }
        match field {
            Field::Weight => read_weight(text, self.weight_unit)
                .ok()
                .map(|(kg, _)| number(kg.0)),
            Field::Height => read_height(text, self.height_unit)
                .ok()
                .map(|(cm, _)| number(cm.0)),
            Field::Age | Field::InfusionNumber => {
                parse_whole(field, text).ok().map(|n| n.to_string())
            }
            Field::Concentration => parse_number(field, text).ok().map(number),
            Field::Sex => choice::<Sex>(field, text),
            Field::Pain => choice::<PainCondition>(field, text),
            Field::Hepatic => choice::<Hepatic>(field, text),
            Field::Cardiovascular => choice::<Cardiovascular>(field, text),
            Field::Cyp2b6 => choice::<Cyp2b6>(field, text),
            Field::Psychosis => choice::<Psychosis>(field, text),
            Field::SubstanceUse => choice::<SubstanceUse>(field, text),
            Field::PregnantOrBreastfeeding
            | Field::RaisedIop
            | Field::RaisedIcp
            | Field::Hypersensitivity
            | Field::RenalImpairment => parse_bool(field, text).ok().map(|b| b.to_string()),
            Field::Medications => None,
        }
    }

    /// Sets one share-link parameter; returns `false` (and changes nothing)
    /// for a name this module does not know (`protocol` is not a patient input).
    pub fn set_param(&mut self, name: &str, value: &str) -> bool {
        let v = value.to_string();
        match name {
            "weight_kg" => {
                self.weight = v;
                self.weight_unit = WeightUnit::Kg;
            }
            "weight_lb" => {
                self.weight = v;
                self.weight_unit = WeightUnit::Lb;
            }
            "height_cm" => {
                self.height = v;
                self.height_unit = HeightUnit::Cm;
            }
            "height_in" => {
                self.height = v;
                self.height_unit = HeightUnit::In;
            }
            "sex" => self.sex = v,
            "age_years" | "age" => self.age_years = v,
            "pain" => self.pain = v,
            "hepatic" => self.hepatic = v,
            "cardiovascular" => self.cardiovascular = v,
            "medications" => self.medications = v,
            "cyp2b6" => self.cyp2b6 = v,
            "pregnant_or_breastfeeding" => self.pregnant_or_breastfeeding = v,
            "psychosis" => self.psychosis = v,
            "substance_use" => self.substance_use = v,
            "raised_iop" => self.raised_iop = v,
            "raised_icp" => self.raised_icp = v,
            "hypersensitivity" => self.hypersensitivity = v,
            "renal_impairment" => self.renal_impairment = v,
            "infusion_number" => self.infusion_number = v,
            "concentration_mg_per_ml" => self.concentration_mg_per_ml = v,
            _ => return false,
        }
        true
    }

    /// Reads a URL query (`weight_kg=70&sex=female`, without `?`), starting
    /// from the example adult. Values are percent-decoded (`+` is a space);
    /// unknown parameters are ignored; nothing is validated here.
    pub fn from_query(query: &str) -> Self {
        let mut raw = RawPatientInput::default();
        let mut given = Vec::new();
        for (name, value) in query_pairs(query) {
            raw.set_link_param(&name, &value, &mut given);
        }
        raw
    }

    /// The share-link query for these inputs, every parameter in the order of
    /// [`PARAM_NAMES`], values percent-encoded (commas kept for lists).
    pub fn to_query(&self) -> String {
        let weight_name = match self.weight_unit {
            WeightUnit::Kg => "weight_kg",
            WeightUnit::Lb => "weight_lb",
        };
        let height_name = match self.height_unit {
            HeightUnit::Cm => "height_cm",
            HeightUnit::In => "height_in",
        };
        let pairs: [(&str, &str); 18] = [
            (weight_name, &self.weight),
            (height_name, &self.height),
            ("sex", &self.sex),
            ("age_years", &self.age_years),
            ("pain", &self.pain),
            ("hepatic", &self.hepatic),
            ("cardiovascular", &self.cardiovascular),
            ("medications", &self.medications),
            ("cyp2b6", &self.cyp2b6),
            ("pregnant_or_breastfeeding", &self.pregnant_or_breastfeeding),
            ("psychosis", &self.psychosis),
            ("substance_use", &self.substance_use),
            ("raised_iop", &self.raised_iop),
            ("raised_icp", &self.raised_icp),
            ("hypersensitivity", &self.hypersensitivity),
            ("renal_impairment", &self.renal_impairment),
            ("infusion_number", &self.infusion_number),
            ("concentration_mg_per_ml", &self.concentration_mg_per_ml),
        ];
        pairs
            .iter()
            .map(|(n, v)| format!("{n}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Validates every field. On failure returns one error per failing field,
    /// in [`Field`] order, so the UI can show each next to its input.
    pub fn parse(&self) -> Result<PatientInput, Vec<InputError>> {
        let (input, errors) = self.read();
        if errors.is_empty() {
            Ok(input)
        } else {
            Err(errors)
        }
    }

    /// The fields that are valid, for the rules that stop a calculation
    /// while another field is refused: a stop must not wait for a field it
    /// does not read. Each refused field holds the example adult's value and
    /// is listed in `refused`, so that no rule reading it is applied. The
    /// medicines named are kept when others in the list are unknown: a rule
    /// fires on any one of its medicines, so an unknown name cannot undo it.
    pub fn parse_valid_part(&self) -> ValidPart {
        let (mut input, errors) = self.read();
        let mut refused = Vec::new();
        for e in &errors {
            if let InputError::UnknownMedication { .. } = e {
                for medication in medication_entries(&self.medications).0 {
                    insert_in_order(&mut input.medications, medication);
                }
            } else {
                refused.push(e.field());
            }
        }
        ValidPart { input, refused }
    }

    /// Every field read on its own: the example adult's value stands for
    /// each refused one, whose error is listed in [`Field`] order.
    fn read(&self) -> (PatientInput, Vec<InputError>) {
        let mut errors = Vec::new();
        let mut p = PatientInput::default();
        if let Some((kg, lb)) = collect(parse_weight(&self.weight, self.weight_unit), &mut errors) {
            p.weight_kg = kg;
            p.weight_entered_lb = lb;
        }
        if let Some((cm, inches)) =
            collect(parse_height(&self.height, self.height_unit), &mut errors)
        {
            p.height_cm = cm;
            p.height_entered_in = inches;
        }
        set(&mut p.sex, parse_choice(Field::Sex, &self.sex), &mut errors);
        set(&mut p.age_years, parse_age(&self.age_years), &mut errors);
        set(
            &mut p.pain,
            parse_choice(Field::Pain, &self.pain),
            &mut errors,
        );
        set(
            &mut p.hepatic,
            parse_choice(Field::Hepatic, &self.hepatic),
            &mut errors,
        );
        set(
            &mut p.cardiovascular,
            parse_choice(Field::Cardiovascular, &self.cardiovascular),
            &mut errors,
        );
        set(
            &mut p.medications,
            parse_medications(&self.medications),
            &mut errors,
        );
        set(
            &mut p.cyp2b6,
            parse_choice(Field::Cyp2b6, &self.cyp2b6),
            &mut errors,
        );
        set(
            &mut p.pregnant_or_breastfeeding,
            parse_bool(
                Field::PregnantOrBreastfeeding,
                &self.pregnant_or_breastfeeding,
            ),
            &mut errors,
        );
        set(
            &mut p.psychosis,
            parse_choice(Field::Psychosis, &self.psychosis),
            &mut errors,
        );
        set(
            &mut p.substance_use,
            parse_choice(Field::SubstanceUse, &self.substance_use),
            &mut errors,
        );
        set(
            &mut p.raised_iop,
            parse_bool(Field::RaisedIop, &self.raised_iop),
            &mut errors,
        );
        set(
            &mut p.raised_icp,
            parse_bool(Field::RaisedIcp, &self.raised_icp),
            &mut errors,
        );
        set(
            &mut p.hypersensitivity,
            parse_bool(Field::Hypersensitivity, &self.hypersensitivity),
            &mut errors,
        );
        set(
            &mut p.renal_impairment,
            parse_bool(Field::RenalImpairment, &self.renal_impairment),
            &mut errors,
        );
        set(
            &mut p.infusion_number,
            parse_infusion_number(&self.infusion_number),
            &mut errors,
        );
        set(
            &mut p.concentration,
            parse_concentration(&self.concentration_mg_per_ml),
            &mut errors,
        );
        (p, errors)
    }
}

/// The valid fields of an input with refused ones (see
/// [`RawPatientInput::parse_valid_part`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidPart {
    /// The valid fields, and the example adult's value for each refused one.
    pub input: PatientInput,
    /// The refused fields, which no rule may read.
    pub refused: Vec<Field>,
}

/// Puts a field's value in place, or notes why it is refused.
fn set<T>(slot: &mut T, result: Result<T, InputError>, errors: &mut Vec<InputError>) {
    if let Some(v) = collect(result, errors) {
        *slot = v;
    }
}

fn collect<T>(result: Result<T, InputError>, errors: &mut Vec<InputError>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// A validated patient. Only [`RawPatientInput::parse`] builds one, so every
/// figure is finite and inside the ranges of [`super::limits`].
#[derive(Clone, Debug, PartialEq)]
pub struct PatientInput {
    weight_kg: Kg,
    weight_entered_lb: Option<Lb>,
    height_cm: Cm,
    height_entered_in: Option<Inches>,
    sex: Sex,
    age_years: u32,
    pain: PainCondition,
    hepatic: Hepatic,
    cardiovascular: Cardiovascular,
    /// In `Medication`'s order, each once: a set kept as a sorted list (no
    /// B-tree of medications is compiled into the wasm).
    medications: Vec<Medication>,
    cyp2b6: Cyp2b6,
    pregnant_or_breastfeeding: bool,
    psychosis: Psychosis,
    substance_use: SubstanceUse,
    raised_iop: bool,
    raised_icp: bool,
    hypersensitivity: bool,
    renal_impairment: bool,
    infusion_number: u32,
    concentration: MgPerMl,
}

impl Default for PatientInput {
    /// The example adult (see [`RawPatientInput::default`]).
    fn default() -> Self {
        PatientInput {
            weight_kg: Kg(70.0),
            weight_entered_lb: None,
            height_cm: Cm(175.0),
            height_entered_in: None,
            sex: Sex::Male,
            age_years: 40,
            pain: PainCondition::Other,
            hepatic: Hepatic::None,
            cardiovascular: Cardiovascular::None,
            medications: Vec::new(),
            cyp2b6: Cyp2b6::Unknown,
            pregnant_or_breastfeeding: false,
            psychosis: Psychosis::None,
            substance_use: SubstanceUse::None,
            raised_iop: false,
            raised_icp: false,
            hypersensitivity: false,
            renal_impairment: false,
            infusion_number: 1,
            concentration: MgPerMl(1.0),
        }
    }
}

impl PatientInput {
    /// Actual body weight in kg (converted from lb if typed in lb).
    pub fn weight_kg(&self) -> Kg {
        self.weight_kg
    }
    /// The weight as typed in lb, if it was typed in lb.
    pub fn weight_entered_lb(&self) -> Option<Lb> {
        self.weight_entered_lb
    }
    /// Height in cm (converted from inches if typed in inches).
    pub fn height_cm(&self) -> Cm {
        self.height_cm
    }
    /// The height as typed in inches, if it was typed in inches.
    pub fn height_entered_in(&self) -> Option<Inches> {
        self.height_entered_in
    }
    /// Sex (for ideal body weight).
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// Age in whole years (under 18 is accepted here; the engine refuses it).
    pub fn age_years(&self) -> u32 {
        self.age_years
    }
    /// The pain condition.
    pub fn pain(&self) -> PainCondition {
        self.pain
    }
    /// Liver function.
    pub fn hepatic(&self) -> Hepatic {
        self.hepatic
    }
    /// Cardiovascular status.
    pub fn cardiovascular(&self) -> Cardiovascular {
        self.cardiovascular
    }
    /// Co-medications (a set: order and repeats in the input do not matter).
    pub fn medications(&self) -> &[Medication] {
        &self.medications
    }
    /// CYP2B6 status.
    pub fn cyp2b6(&self) -> Cyp2b6 {
        self.cyp2b6
    }
    /// Pregnant or breastfeeding.
    pub fn pregnant_or_breastfeeding(&self) -> bool {
        self.pregnant_or_breastfeeding
    }
    /// Psychosis status.
    pub fn psychosis(&self) -> Psychosis {
        self.psychosis
    }
    /// Substance use.
    pub fn substance_use(&self) -> SubstanceUse {
        self.substance_use
    }
    /// Raised intraocular pressure (e.g. glaucoma).
    pub fn raised_iop(&self) -> bool {
        self.raised_iop
    }
    /// Raised intracranial pressure.
    pub fn raised_icp(&self) -> bool {
        self.raised_icp
    }
    /// A known hypersensitivity (allergy) to ketamine.
    pub fn hypersensitivity(&self) -> bool {
        self.hypersensitivity
    }
    /// Renal impairment (any stage, including dialysis).
    pub fn renal_impairment(&self) -> bool {
        self.renal_impairment
    }
    /// Which infusion (or day of a continuous infusion) of the course, from 1.
    pub fn infusion_number(&self) -> u32 {
        self.infusion_number
    }
    /// Bag concentration in mg/mL.
    pub fn concentration(&self) -> MgPerMl {
        self.concentration
    }
    /// True when the concentration is one of the standard choices (1, 2, 5 mg/mL).
    pub fn concentration_is_standard(&self) -> bool {
        STANDARD_CONCENTRATIONS_MG_PER_ML.contains(&self.concentration.0)
    }
}

/// Shortens typed text for an error message (at most 40 characters).
fn shorten(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() > 40 {
        let head: String = t.chars().take(40).collect();
        format!("{head}…")
    } else {
        t.to_string()
    }
}

/// A number as typed, shown beside its unit in a message: with a leading
/// zero where the text starts at its decimal point (".5 kg" would be the
/// naked decimal that medication-safety notation forbids) and without a
/// trailing point ("70." reads as "70"). Other text is shown as typed.
fn typed_number(text: &str) -> String {
    let t = text.trim();
    let t = t
        .strip_suffix(['.', ','])
        .filter(|t| !t.is_empty())
        .unwrap_or(t);
    let mut chars = t.chars();
    let from_point =
        matches!(chars.next(), Some('.' | ',')) && chars.next().is_some_and(|c| c.is_ascii_digit());
    let zero = if from_point { "0" } else { "" };
    shorten(&format!("{zero}{t}"))
}

/// Parses a non-negative finite number typed with a decimal point or comma.
pub fn parse_number(field: Field, text: &str) -> Result<f64, InputError> {
    refuse_conflict(field, text)?;
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::Empty { field });
    }
    let chars = t.chars().count();
    if chars > INPUT_TEXT_MAX_CHARS {
        return Err(InputError::TooLong {
            field,
            chars,
            max: INPUT_TEXT_MAX_CHARS,
        });
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("inf") {
        return Err(InputError::NotFinite {
            field,
            text: shorten(t),
        });
    }
    // Digits, one decimal point or comma, a sign: anything else, a second
    // separator ("1,000.5") included, is not a number.
    let value = parse_decimal(t).ok_or_else(|| InputError::NotANumber {
        field,
        text: shorten(t),
    })?;
    if typed_decimals(t) > MAX_TYPED_DECIMALS {
        return Err(InputError::TooManyDecimals {
            field,
            text: shorten(t),
            max: MAX_TYPED_DECIMALS,
        });
    }
    // Digits with at most one separator, and at most INPUT_TEXT_MAX_CHARS of
    // them, are always a finite number: no NaN or infinity gets here.
    if value < 0.0 {
        return Err(InputError::Negative {
            field,
            text: shorten(t),
        });
    }
    // "-0" parses as -0.0: keep the sign out of every later figure.
    Ok(value.abs())
}

/// How to type a number in `field`, after "is not a number".
fn number_hint(field: &Field) -> &'static str {
    match field {
        Field::Age => "Type a whole number of years in digits, for example 40.",
        Field::InfusionNumber => "Type a whole number in digits, for example 3.",
        _ => "Type digits with at most one decimal point or comma, for example 72.5 or 72,5.",
    }
}

/// How many decimals `text` was typed with: the digits after its decimal
/// point or comma (0 without one).
pub fn typed_decimals(text: &str) -> u32 {
    text.trim()
        .split_once(['.', ','])
        .map_or(0, |(_, fraction)| {
            u32::try_from(fraction.chars().filter(char::is_ascii_digit).count()).unwrap_or(u32::MAX)
        })
}

/// A whole number: digits only. A decimal point or comma is refused even
/// when nothing follows it but zeros, because "1,000" would otherwise be
/// read as 1 (a decimal comma) where a thousand was meant; so is a sign
/// ("+40", and "-0", which is not below zero), which no count or age has.
fn parse_whole(field: Field, text: &str) -> Result<u32, InputError> {
    let value = parse_number(field, text).map_err(|e| match e {
        // "40.0000000": not a whole number, whatever its decimals.
        InputError::TooManyDecimals { field, text, .. } => InputError::NotWhole { field, text },
        other => other,
    })?;
    // Digits only: a whole number, with no sign, point or comma.
    if !text.trim().chars().all(|c| c.is_ascii_digit()) {
        return Err(InputError::NotWhole {
            field,
            text: shorten(text),
        });
    }
    if value > f64::from(u32::MAX) {
        return Err(InputError::OutOfRange {
            field,
            detail: format!("{} is far too large.", shorten(text)),
        });
    }
    Ok(value as u32)
}

fn range_text(min: f64, max: f64, unit: DoseUnit) -> String {
    format!("{} to {}", format_dose(min, unit), format_dose(max, unit))
}

/// The weight the engine reads from `text` in `unit`, before its range is
/// checked: kg as typed, or lb converted at the precision typed
/// ([`Lb::to_kg_as_typed`]), with the lb typed.
pub fn read_weight(text: &str, unit: WeightUnit) -> Result<(Kg, Option<Lb>), InputError> {
    let value = parse_number(Field::Weight, text)?;
    Ok(match unit {
        WeightUnit::Kg => (Kg(value), None),
        WeightUnit::Lb => (
            Lb(value).to_kg_as_typed(typed_decimals(text)),
            Some(Lb(value)),
        ),
    })
}

/// As [`read_weight`], for the height in cm.
pub fn read_height(text: &str, unit: HeightUnit) -> Result<(Cm, Option<Inches>), InputError> {
    let value = parse_number(Field::Height, text).map_err(|e| match e {
        InputError::NotANumber { text: typed, .. } if unit == HeightUnit::In => {
            match feet_and_inches(&typed) {
                Some(inches) => InputError::FeetAndInches {
                    text: typed,
                    inches,
                },
                None => InputError::NotANumber {
                    field: Field::Height,
                    text: typed,
                },
            }
        }
        other => other,
    })?;
    Ok(match unit {
        HeightUnit::Cm => (Cm(value), None),
        HeightUnit::In => (
            Inches(value).to_cm_as_typed(typed_decimals(text)),
            Some(Inches(value)),
        ),
    })
}

/// A text in another unit ([`weight_in`], [`height_in`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Converted {
    /// The engine reads no positive number from the text ("abc", "1e2").
    NotANumber,
    /// The text in the other unit, which the engine reads as exactly the
    /// same kg or cm.
    Exact(String),
    /// No text of at most [`MAX_TYPED_DECIMALS`] decimals in the other unit
    /// reads as exactly the same value: only a height typed to six decimals
    /// of a cm (1e-6 in is 2.54e-6 cm).
    NoExactText,
}

/// `text`, a weight in `from`, written in `to` so that the engine reads the
/// same kg from it ([`convert_text`]).
pub fn weight_in(text: &str, from: WeightUnit, to: WeightUnit) -> Converted {
    let read = |unit| move |t: &str| read_weight(t, unit).ok().map(|(kg, _)| kg.0);
    convert_text(text, read(from), read(to), |kg| match to {
        WeightUnit::Lb => kg / KG_PER_LB,
        WeightUnit::Kg => kg,
    })
}

/// As [`weight_in`], for a height (175.1 cm is `68.94` in).
pub fn height_in(text: &str, from: HeightUnit, to: HeightUnit) -> Converted {
    let read = |unit| move |t: &str| read_height(t, unit).ok().map(|(cm, _)| cm.0);
    convert_text(text, read(from), read(to), |cm| match to {
        HeightUnit::In => cm / CM_PER_IN,
        HeightUnit::Cm => cm,
    })
}

/// `text` in another unit, when the engine reads it (`read_from`, in the
/// metric unit, range not checked) as a positive number, by the same rules
/// as every input: "72,5" is converted, "abc" and "1e2" are not. The new
/// text is the one with the fewest decimals, from one to
/// [`MAX_TYPED_DECIMALS`], that `read_to` reads as the same metric value,
/// with trailing zeros only where the engine needs them to read that
/// precision ("90.5500" in is 229.997 cm; "90.55" in would be 230 cm). The
/// text has no thousands separator, which the field would read as a decimal
/// comma (700 kg is "1543.2" lb, not "1,543.2").
fn convert_text(
    text: &str,
    read_from: impl Fn(&str) -> Option<f64>,
    read_to: impl Fn(&str) -> Option<f64>,
    to_unit: impl Fn(f64) -> f64,
) -> Converted {
    let Some(metric) = read_from(text).filter(|v| *v > 0.0) else {
        return Converted::NotANumber;
    };
    let write = |decimals: u32| format_number(to_unit(metric), decimals).replace(',', "");
    let padded = |short: String, decimals: u32| {
        let (whole, fraction) = short.split_once('.').unwrap_or((&short, ""));
        format!("{whole}.{fraction:0<width$}", width = decimals as usize)
    };
    (1..=MAX_TYPED_DECIMALS)
        .flat_map(|decimals| {
            let short = write(decimals);
            [short.clone(), padded(short, decimals)]
        })
        .find(|candidate| read_to(candidate) == Some(metric))
        .map_or(Converted::NoExactText, Converted::Exact)
}

fn parse_weight(text: &str, unit: WeightUnit) -> Result<(Kg, Option<Lb>), InputError> {
    let field = Field::Weight;
    let (kg, lb) = read_weight(text, unit)?;
    if !(WEIGHT_MIN_KG..=WEIGHT_MAX_KG).contains(&kg.0) {
        let kg_range = range_text(WEIGHT_MIN_KG, WEIGHT_MAX_KG, DoseUnit::Kg);
        let detail = match unit {
            WeightUnit::Kg => format!(
                "{} kg is outside the adult range this reference accepts ({kg_range}).",
                typed_number(text)
            ),
            WeightUnit::Lb => format!(
                "{} lb ({}) is outside the adult range this reference accepts ({kg_range}, that is {} typed to 0.1 lb).",
                typed_number(text),
                format_beside(kg.0, kg.0.clamp(WEIGHT_MIN_KG, WEIGHT_MAX_KG), DoseUnit::Kg),
                range_text(WEIGHT_LB_TYPED.0, WEIGHT_LB_TYPED.1, DoseUnit::Lb)
            ),
        };
        return Err(InputError::OutOfRange { field, detail });
    }
    Ok((kg, lb))
}

fn parse_height(text: &str, unit: HeightUnit) -> Result<(Cm, Option<Inches>), InputError> {
    let field = Field::Height;
    let (cm, inches) = read_height(text, unit)?;
    if !(HEIGHT_MIN_CM..=HEIGHT_MAX_CM).contains(&cm.0) {
        let cm_range = range_text(HEIGHT_MIN_CM, HEIGHT_MAX_CM, DoseUnit::Cm);
        let detail = match unit {
            HeightUnit::Cm => format!(
                "{} cm is outside the adult range this reference accepts ({cm_range}).",
                typed_number(text)
            ),
            HeightUnit::In => format!(
                "{} in ({}) is outside the adult range this reference accepts ({cm_range}, that is {} typed to 0.1 in).",
                typed_number(text),
                format_beside(cm.0, cm.0.clamp(HEIGHT_MIN_CM, HEIGHT_MAX_CM), DoseUnit::Cm),
                range_text(HEIGHT_IN_TYPED.0, HEIGHT_IN_TYPED.1, DoseUnit::Inches)
            ),
        };
        return Err(InputError::OutOfRange { field, detail });
    }
    Ok((cm, inches))
}

fn parse_age(text: &str) -> Result<u32, InputError> {
    let age = parse_whole(Field::Age, text)?;
    if age > AGE_MAX_YEARS {
        return Err(InputError::OutOfRange {
            field: Field::Age,
            detail: format!(
                "{age} years is above the oldest age accepted ({AGE_MAX_YEARS} years)."
            ),
        });
    }
    Ok(age)
}

fn parse_infusion_number(text: &str) -> Result<u32, InputError> {
    let n = parse_whole(Field::InfusionNumber, text)?;
    if !(1..=INFUSION_NUMBER_MAX).contains(&n) {
        return Err(InputError::OutOfRange {
            field: Field::InfusionNumber,
            detail: format!("{n} is not accepted; enter a number from 1 to {INFUSION_NUMBER_MAX}."),
        });
    }
    Ok(n)
}

fn parse_concentration(text: &str) -> Result<MgPerMl, InputError> {
    let field = Field::Concentration;
    let value = parse_number(field, text)?;
    if !(CONCENTRATION_MIN_MG_PER_ML..=CONCENTRATION_MAX_MG_PER_ML).contains(&value) {
        return Err(InputError::OutOfRange {
            field,
            detail: format!(
                "{} mg/mL is outside the accepted range ({}).",
                typed_number(text),
                range_text(
                    CONCENTRATION_MIN_MG_PER_ML,
                    CONCENTRATION_MAX_MG_PER_ML,
                    DoseUnit::MgPerMl
                )
            ),
        });
    }
    Ok(MgPerMl(value))
}

fn parse_choice<T: ChoiceId>(field: Field, text: &str) -> Result<T, InputError> {
    refuse_conflict(field, text)?;
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::Empty { field });
    }
    T::lenient(t).ok_or_else(|| InputError::UnknownChoice {
        field,
        text: shorten(t),
        allowed: T::ids(),
    })
}

/// Reads a yes/no field: `true`, `yes`, `1`, `on` or `false`, `no`, `0`, `off`
/// (any case, spaces trimmed); anything else is an error for `field`.
pub fn parse_bool(field: Field, text: &str) -> Result<bool, InputError> {
    refuse_conflict(field, text)?;
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "true" | "yes" | "1" | "on" => Ok(true),
        "false" | "no" | "0" | "off" => Ok(false),
        "" => Err(InputError::Empty { field }),
        _ => Err(InputError::UnknownChoice {
            field,
            text: shorten(text),
            allowed: "true, false".to_string(),
        }),
    }
}

/// The entries of a comma-separated medication list, in order: the
/// medications it names, read leniently ("MAOI" is `maoi`), and the entries
/// this app does not know, as typed (the form offers to remove each).
pub fn medication_entries(text: &str) -> (Vec<Medication>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for part in split_ids(text) {
        match Medication::parse_lenient(part) {
            Some(m) => known.push(m),
            None => unknown.push(part.to_string()),
        }
    }
    (known, unknown)
}

/// Adds `medication` to a list kept in `Medication`'s order, once.
fn insert_in_order(list: &mut Vec<Medication>, medication: Medication) {
    if let Err(at) = list.binary_search(&medication) {
        list.insert(at, medication);
    }
}

fn parse_medications(text: &str) -> Result<Vec<Medication>, InputError> {
    refuse_conflict(Field::Medications, text)?;
    let chars = text.chars().count();
    let max = INPUT_TEXT_MAX_CHARS * 5;
    if chars > max {
        return Err(InputError::TooLong {
            field: Field::Medications,
            chars,
            max,
        });
    }
    let (known, unknown) = medication_entries(text);
    let unknown: Vec<String> = unknown.iter().map(|u| shorten(u)).collect();
    // Inserted one by one: `collect` would sort first, and a sort is 10 KB of wasm.
    let mut set = Vec::new();
    for medication in known {
        insert_in_order(&mut set, medication);
    }
    if unknown.is_empty() {
        Ok(set)
    } else {
        Err(InputError::UnknownMedication {
            ids: shorten(&unknown.join(", ")),
        })
    }
}

/// Splits a URL query into percent-decoded `(name, value)` pairs.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((n, v)) => (percent_decode(n), percent_decode(v)),
            None => (percent_decode(pair), String::new()),
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` (as a space). Malformed escapes are kept as
/// typed; invalid UTF-8 becomes U+FFFD, and so does a character that cannot
/// be seen or that makes text read differently from what it says (a control
/// character, a line break, a direction override): a field must not show
/// "70" for a value that is not 70. Never fails.
pub fn percent_decode(text: &str) -> String {
    let decoded = percent_decode_raw(text);
    if decoded.chars().any(hidden_in_link) {
        decoded
            .chars()
            .map(|c| match c {
                // White space stays white space, visible as a space (a
                // trailing line break is trimmed as before; `7\n0` is "7 0").
                '\t' | '\n' | '\r' => ' ',
                c if hidden_in_link(c) => '\u{fffd}',
                c => c,
            })
            .collect()
    } else {
        decoded
    }
}

/// A character a link value may not hold as it is (see [`percent_decode`]).
fn hidden_in_link(c: char) -> bool {
    c.is_control() || crate::domain::imported::text::refused_in_card(c).is_some()
}

fn percent_decode_raw(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16));
                let lo = bytes.get(i + 2).and_then(|c| (*c as char).to_digit(16));
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            other => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything except letters, digits and `-._~,` as `%XX`.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_with(name: &str, value: &str) -> RawPatientInput {
        let mut raw = RawPatientInput::default();
        assert!(raw.set_param(name, value), "{name}");
        raw
    }

    fn only_error(raw: &RawPatientInput) -> InputError {
        let errors = raw.parse().unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].clone()
    }

    #[test]
    fn the_example_adult_parses_to_the_default_patient() {
        assert_eq!(
            RawPatientInput::default().parse(),
            Ok(PatientInput::default())
        );
    }

    #[test]
    fn many_digits_stay_on_their_side_of_a_threshold() {
        // Six decimals, the most a field takes: on their side of 50 kg.
        let below = parse_number(Field::Weight, "49.999999").unwrap();
        assert!(below < 50.0, "{below}");
        assert_eq!(below, 49.999_999);
        let above = parse_number(Field::Weight, "50,000001").unwrap();
        assert!(above > 50.0, "{above}");
        // More are refused: 49.99999999999999999 would be read as 50, on
        // the other side of the threshold from the number typed.
        for text in [
            "49.9999999",
            "49.99999999999999999",
            "50.0000000",
            " 1,1234567 ",
        ] {
            assert_eq!(
                parse_number(Field::Weight, text),
                Err(InputError::TooManyDecimals {
                    field: Field::Weight,
                    text: text.trim().to_string(),
                    max: 6
                }),
                "{text}"
            );
        }
        assert_eq!(
            InputError::TooManyDecimals {
                field: Field::Concentration,
                text: "0.1234567".into(),
                max: 6
            }
            .to_string(),
            "Bag concentration: \"0.1234567\" has more than 6 decimals; no scale or measure is that exact."
        );
        assert_eq!(typed_decimals(" 72,50 "), 2);
        assert_eq!(typed_decimals("72"), 0);
        assert_eq!(typed_decimals("72."), 0);
    }

    #[test]
    fn decimal_comma_and_point_and_spaces_are_accepted() {
        for text in ["72,5", "72.5", "  72.5 ", "+72.5"] {
            let p = raw_with("weight_kg", text).parse().unwrap();
            assert_eq!(p.weight_kg(), Kg(72.5), "{text}");
        }
    }

    #[test]
    fn bad_numbers_get_one_message_for_their_field() {
        type Check = fn(&InputError) -> bool;
        let cases: [(&str, Check); 10] = [
            ("", |e| matches!(e, InputError::Empty { .. })),
            ("abc", |e| matches!(e, InputError::NotANumber { .. })),
            ("NaN", |e| matches!(e, InputError::NotANumber { .. })),
            ("inf", |e| matches!(e, InputError::NotFinite { .. })),
            ("Infinity", |e| matches!(e, InputError::NotFinite { .. })),
            // Exponent notation is not how a weight is written: refused, not
            // read as 100 kg or as infinity.
            ("1e400", |e| matches!(e, InputError::NotANumber { .. })),
            ("1e2", |e| matches!(e, InputError::NotANumber { .. })),
            ("7E1", |e| matches!(e, InputError::NotANumber { .. })),
            ("-5", |e| matches!(e, InputError::Negative { .. })),
            ("1,000.5", |e| matches!(e, InputError::NotANumber { .. })),
        ];
        for (text, check) in cases {
            let e = only_error(&raw_with("weight_kg", text));
            assert_eq!(e.field(), Field::Weight, "{text}");
            assert!(check(&e), "{text}: {e:?}");
            assert!(e.to_string().starts_with("Weight: "), "{e}");
        }
    }

    #[test]
    fn weight_limits_are_inclusive_and_stated() {
        for ok in ["30", "300", "30,0"] {
            assert!(raw_with("weight_kg", ok).parse().is_ok(), "{ok}");
        }
        for bad in ["29.9", "300.1", "0"] {
            let e = only_error(&raw_with("weight_kg", bad));
            assert_eq!(
                e.to_string(),
                format!("Weight: {bad} kg is outside the adult range this reference accepts (30 kg to 300 kg).")
            );
        }
    }

    #[test]
    fn a_number_typed_from_its_decimal_point_is_repeated_with_a_leading_zero() {
        let said = |field: &str, typed: &str| only_error(&raw_with(field, typed)).to_string();
        assert_eq!(
            said("weight_kg", ".5"),
            "Weight: 0.5 kg is outside the adult range this reference accepts (30 kg to 300 kg)."
        );
        assert_eq!(
            said("weight_kg", " ,5 "),
            "Weight: 0,5 kg is outside the adult range this reference accepts (30 kg to 300 kg)."
        );
        assert_eq!(
            said("weight_kg", "301."),
            "Weight: 301 kg is outside the adult range this reference accepts (30 kg to 300 kg)."
        );
        assert!(said("weight_lb", ".5").starts_with("Weight: 0.5 lb (0.2 kg) is outside"));
        assert!(said("height_cm", "2,").starts_with("Height: 2 cm is outside"));
        assert!(said("height_in", ".9").starts_with("Height: 0.9 in ("));
        assert_eq!(
            said("concentration_mg_per_ml", ".05"),
            "Bag concentration: 0.05 mg/mL is outside the accepted range (0.1 mg/mL to 100 mg/mL)."
        );
        // What is not a number is shown as typed.
        assert_eq!(typed_number("."), ".");
        assert_eq!(typed_number(".x"), ".x");
        assert_eq!(typed_number(" 70 "), "70");
        assert_eq!(typed_number("0.5"), "0.5");
    }

    #[test]
    fn pounds_are_converted_to_a_tenth_of_a_kg_and_limits_shown_in_both_units() {
        let p = raw_with("weight_lb", "154.3").parse().unwrap();
        // 154.3 × 0.45359237 = 69.989..., used at 0.1 kg.
        assert_eq!(p.weight_kg(), Kg(70.0));
        assert_eq!(p.weight_entered_lb(), Some(Lb(154.3)));
        // The range in lb the message states holds at 0.1 lb: 66.1 lb
        // (29.98 kg, used as 30 kg) and 661.4 lb (300.003 kg) are accepted,
        // 66 lb (29.94 kg) and 661.5 lb (300.05 kg) are refused.
        assert!(raw_with("weight_lb", "66").parse().is_err());
        assert_eq!(
            raw_with("weight_lb", "66.1").parse().unwrap().weight_kg(),
            Kg(30.0)
        );
        assert_eq!(
            raw_with("weight_lb", "661.4").parse().unwrap().weight_kg(),
            Kg(300.0)
        );
        assert!(raw_with("weight_lb", "661.5").parse().is_err());
        let e = only_error(&raw_with("weight_lb", "700"));
        assert_eq!(
            e.to_string(),
            "Weight: 700 lb (317.5 kg) is outside the adult range this reference accepts (30 kg to 300 kg, that is 66.1 lb to 661.4 lb typed to 0.1 lb)."
        );
    }

    #[test]
    fn height_limits_and_inches() {
        assert!(raw_with("height_cm", "120").parse().is_ok());
        assert!(raw_with("height_cm", "230").parse().is_ok());
        assert!(raw_with("height_cm", "119.9").parse().is_err());
        assert!(raw_with("height_cm", "230.1").parse().is_err());
        let p = raw_with("height_in", "60").parse().unwrap();
        assert_eq!(p.height_cm(), Cm(152.4));
        let e = only_error(&raw_with("height_in", "100"));
        assert_eq!(
            e.to_string(),
            "Height: 100 in (254 cm) is outside the adult range this reference accepts (120 cm to 230 cm, that is 47.3 in to 90.5 in typed to 0.1 in)."
        );
        // The ends the messages give are accepted, the next steps out are not.
        for (param, inside, outside) in [
            ("height_in", ["47.3", "90.5"], ["47.2", "90.6"]),
            ("weight_lb", ["66.1", "661.4"], ["66", "661.5"]),
        ] {
            for text in inside {
                assert!(raw_with(param, text).parse().is_ok(), "{param}={text}");
            }
            for text in outside {
                assert!(raw_with(param, text).parse().is_err(), "{param}={text}");
            }
        }
        // The cm or kg used, told apart from the limit it misses.
        assert_eq!(
            only_error(&raw_with("height_in", "47.240")).to_string(),
            "Height: 47.240 in (119.99 cm) is outside the adult range this reference accepts (120 cm to 230 cm, that is 47.3 in to 90.5 in typed to 0.1 in)."
        );
        assert_eq!(
            only_error(&raw_with("weight_lb", "66.10")).to_string(),
            "Weight: 66.10 lb (29.98 kg) is outside the adult range this reference accepts (30 kg to 300 kg, that is 66.1 lb to 661.4 lb typed to 0.1 lb)."
        );
        // A whole-number field with many decimals is not a whole number.
        assert_eq!(
            only_error(&raw_with("age_years", "40.0000000")).to_string(),
            "Age: enter a whole number in digits only (\"40.0000000\" was entered)."
        );
        // Age and infusion number say how to type a whole number.
        assert_eq!(
            only_error(&raw_with("age_years", "4e1")).to_string(),
            "Age: \"4e1\" is not a number. Type a whole number of years in digits, for example 40."
        );
        assert_eq!(
            only_error(&raw_with("infusion_number", "x")).to_string(),
            "Infusion (or day) of the course: \"x\" is not a number. Type a whole number in digits, for example 3."
        );
    }

    #[test]
    fn a_height_in_inches_typed_as_feet_and_inches_is_refused_with_the_inches_to_type() {
        let said = |text: &str| only_error(&raw_with("height_in", text)).to_string();
        let feet = |text: &str, inches: &str| {
            format!("Height: \"{text}\" reads as feet and inches, but the field takes the height in inches as one number: {inches}.")
        };
        for (text, inches) in [
            ("5'10", 70),
            ("5' 10\"", 70),
            ("5'10''", 70),
            ("5 ft 10 in", 70),
            ("5FT10", 70),
            ("5 feet 10 inches", 70),
            ("5\u{2032}10\u{2033}", 70),
            ("5\u{2019}10\u{201d}", 70),
            ("6'", 72),
            ("6 ft", 72),
            ("5'0", 60),
            ("4'0", 48),
            ("7'6", 90),
            ("5'11", 71),
        ] {
            assert_eq!(said(text), feet(text, &format!("type {inches}")), "{text}");
        }
        // Feet and inches, but not whole feet and under 12 whole inches, or
        // outside the accepted range (47.3 to 90.5 in): an example instead.
        let example = "5 ft 10 in, for example, is 70";
        for text in [
            "5'12",
            "9'0",
            "0'10",
            "5'10.5",
            "5'x",
            "5'1 0",
            "5'1\"0",
            "5 ft 1 in 1",
            "5'10'",
            "1'0",
            "3'11",
            "7'7",
            "8'11",
            "99999999999'1",
            "5'99999999999",
        ] {
            assert_eq!(said(text), feet(text, example), "{text}");
        }
        // Other text (no feet before the mark, a letter for a mark or a
        // digit, two apostrophes for inches, inches with no feet), and any
        // text in cm, is "not a number" as before.
        for text in [
            "tall", "'10", "70 in", "5 10", "ft", "6O", "7o", "5e1", "5E10", "5to6", "6t", "6f",
            "6''", "70''",
        ] {
            assert_eq!(
                said(text),
                format!("Height: \"{text}\" is not a number. Type digits with at most one decimal point or comma, for example 72.5 or 72,5."),
                "{text}"
            );
        }
        assert!(matches!(
            only_error(&raw_with("height_cm", "5'10")),
            InputError::NotANumber {
                field: Field::Height,
                ..
            }
        ));
        assert_eq!(
            only_error(&raw_with("height_in", "5'10")).field(),
            Field::Height
        );
    }

    #[test]
    fn age_is_whole_years_and_under_18_is_accepted_as_input() {
        assert_eq!(raw_with("age_years", "17").parse().unwrap().age_years(), 17);
        assert_eq!(raw_with("age", "65").parse().unwrap().age_years(), 65);
        for text in [
            "40.5", "40.0", "40,0", "1,000", "1.000", "40.", "+40", "-0", "+0", "-0.0",
        ] {
            assert!(
                matches!(
                    only_error(&raw_with("age_years", text)),
                    InputError::NotWhole { .. }
                ),
                "{text}"
            );
            assert!(
                matches!(
                    only_error(&raw_with("infusion_number", text)),
                    InputError::NotWhole { .. }
                ),
                "{text}"
            );
        }
        // A sign is refused, but a negative number is still told it is below zero.
        assert!(matches!(
            only_error(&raw_with("age_years", "-40")),
            InputError::Negative { .. }
        ));
        assert_eq!(
            only_error(&raw_with("infusion_number", "+3")).to_string(),
            "Infusion (or day) of the course: enter a whole number in digits only (\"+3\" was entered)."
        );
        assert_eq!(
            only_error(&raw_with("infusion_number", "1,000")).to_string(),
            "Infusion (or day) of the course: enter a whole number in digits only (\"1,000\" was entered)."
        );
        assert_eq!(
            raw_with("age_years", " 40 ").parse().unwrap().age_years(),
            40
        );
        assert_eq!(
            only_error(&raw_with("age_years", "121")).to_string(),
            "Age: 121 years is above the oldest age accepted (120 years)."
        );
    }

    #[test]
    fn infusion_number_and_concentration_ranges() {
        assert!(raw_with("infusion_number", "30").parse().is_ok());
        assert!(raw_with("infusion_number", "0").parse().is_err());
        assert!(raw_with("infusion_number", "31").parse().is_err());
        let p = raw_with("concentration_mg_per_ml", "0,1").parse().unwrap();
        assert_eq!(p.concentration(), MgPerMl(0.1));
        assert!(!p.concentration_is_standard());
        assert!(raw_with("concentration_mg_per_ml", "2")
            .parse()
            .unwrap()
            .concentration_is_standard());
        assert_eq!(
            only_error(&raw_with("concentration_mg_per_ml", "0.05")).to_string(),
            "Bag concentration: 0.05 mg/mL is outside the accepted range (0.1 mg/mL to 100 mg/mL)."
        );
        assert!(raw_with("concentration_mg_per_ml", "100.5")
            .parse()
            .is_err());
    }

    #[test]
    fn choices_booleans_and_medications() {
        let p = raw_with("hepatic", " Moderate ").parse().unwrap();
        assert_eq!(p.hepatic(), Hepatic::Moderate);
        assert_eq!(
            raw_with("cardiovascular", "poorly-controlled")
                .parse()
                .unwrap()
                .cardiovascular(),
            Cardiovascular::PoorlyControlled
        );
        assert_eq!(
            only_error(&raw_with("sex", "x")).to_string(),
            "Sex: \"x\" is not one of the choices (male, female)."
        );
        assert!(raw_with("raised_iop", "yes").parse().unwrap().raised_iop());
        assert!(matches!(
            only_error(&raw_with("raised_icp", "maybe")),
            InputError::UnknownChoice { .. }
        ));
        let a = raw_with("medications", "opioid, diazepam,,")
            .parse()
            .unwrap();
        let b = raw_with("medications", "diazepam,opioid,opioid")
            .parse()
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.medications().len(), 2);
        assert_eq!(
            only_error(&raw_with("medications", "opioid,aspirin,foo")).to_string(),
            "Medications: not in this app's list: aspirin, foo. Remove each with its button below, and choose named drugs or classes from the list."
        );
    }

    #[test]
    fn several_bad_fields_give_one_error_each_in_field_order() {
        let raw = RawPatientInput {
            weight: "abc".into(),
            age_years: "-1".into(),
            concentration_mg_per_ml: "".into(),
            ..Default::default()
        };
        let fields: Vec<Field> = raw.parse().unwrap_err().iter().map(|e| e.field()).collect();
        assert_eq!(
            fields,
            vec![Field::Weight, Field::Age, Field::Concentration]
        );
    }

    #[test]
    fn share_link_round_trip() {
        let raw = RawPatientInput::from_query(
            "protocol=crps-4h&weight_lb=154%2C3&height_in=69&sex=female&age=70&medications=opioid,diazepam&unknown=1",
        );
        assert_eq!(raw.weight, "154,3");
        assert_eq!(raw.weight_unit, WeightUnit::Lb);
        assert_eq!(raw.height_unit, HeightUnit::In);
        assert_eq!(raw.age_years, "70");
        let query = raw.to_query();
        assert!(
            query.starts_with("weight_lb=154,3&height_in=69&sex=female&age_years=70&"),
            "{query}"
        );
        assert_eq!(RawPatientInput::from_query(&query), raw);
        assert_eq!(percent_decode("a%20b+c%zz%"), "a b c%zz%");
        // Nothing hidden: a value that is not 70 never looks like it.
        assert_eq!(percent_decode("%E2%80%AE07"), "\u{fffd}07");
        assert_eq!(percent_decode("7%0A0"), "7 0");
        assert_eq!(percent_decode("70%0D%0A"), "70  ");
        assert_eq!(percent_decode("7%090%E2%80%8B"), "7 0\u{fffd}");
        assert_eq!(percent_decode("a%07b%C2%85"), "a\u{fffd}b\u{fffd}");
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), "été");
        assert_eq!(percent_encode("a b&c=d"), "a%20b%26c%3Dd");
    }
}
