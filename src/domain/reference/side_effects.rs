//! `side_effects.json`: the seven effects of the first seed's Table 3 plus
//! effects from the literature, grouped, with staff measures, literature
//! frequencies and a plain-language patient view; and the page's filter.

use crate::domain::json::Value;

use crate::domain::case::lowercase;
use crate::domain::json::{choice, Fields, FromJson, JsonError};

use super::common::{Claim, List, Text};

/// How often an effect occurs, as graded in the first seed's Table 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frequency {
    Common,
    LessCommon,
    Rare,
    /// Not in the seed table; the literature figures are shown instead.
    NotGraded,
}

impl FromJson for Frequency {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        choice(
            value,
            &[
                ("common", Frequency::Common),
                ("less-common", Frequency::LessCommon),
                ("rare", Frequency::Rare),
                ("not-graded", Frequency::NotGraded),
            ],
        )
    }
}

impl Frequency {
    /// The frequencies a reader can filter by, in order: every one, so that
    /// no effect is out of reach of the filter (those the source article
    /// gives no frequency for include one of the most often reported).
    pub const FILTERABLE: [Frequency; 4] = [
        Frequency::Common,
        Frequency::LessCommon,
        Frequency::Rare,
        Frequency::NotGraded,
    ];

    /// The JSON spelling, also used in `data-frequency` and the filter.
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Common => "common",
            Frequency::LessCommon => "less-common",
            Frequency::Rare => "rare",
            Frequency::NotGraded => "not-graded",
        }
    }

    /// The label shown on the page (the seed table's wording where it has one).
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Common => "Common",
            Frequency::LessCommon => "Less common",
            Frequency::Rare => "Rare",
            Frequency::NotGraded => "Frequency not given in the source article",
        }
    }
}

/// The three groups of the first seed's side-effect section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EffectGroup {
    DuringAfter,
    Serious,
    LongTerm,
}

impl FromJson for EffectGroup {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        choice(
            value,
            &[
                ("during-after", EffectGroup::DuringAfter),
                ("serious", EffectGroup::Serious),
                ("long-term", EffectGroup::LongTerm),
            ],
        )
    }
}

impl EffectGroup {
    /// Every group, in page order.
    pub const ALL: [EffectGroup; 3] = [
        EffectGroup::DuringAfter,
        EffectGroup::Serious,
        EffectGroup::LongTerm,
    ];

    /// The JSON spelling, also the HTML id of the group's section.
    pub fn key(self) -> &'static str {
        match self {
            EffectGroup::DuringAfter => "during-after",
            EffectGroup::Serious => "serious",
            EffectGroup::LongTerm => "long-term",
        }
    }
}

/// A group's heading and summary points.
#[derive(Clone, Debug, PartialEq)]
pub struct SideEffectGroup {
    pub id: EffectGroup,
    pub title: Text,
    pub points: List<Claim>,
}

impl FromJson for SideEffectGroup {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["id", "title", "points"])?;
        Ok(SideEffectGroup {
            id: f.req("id")?,
            title: f.req("title")?,
            points: f.req("points")?,
        })
    }
}

/// The plain-language view of an effect, for patients. Never holds a dose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientView {
    /// The name shown in the patient view where the source table's is
    /// hard to read ("Dizziness/lightheadedness" breaks inside its one
    /// long word on a phone); else the effect's own name.
    pub name: Option<Text>,
    pub feels_like: Text,
    pub how_long: Text,
    /// The sources of `how_long` where they are not the effect's own
    /// (a clause from the label beside the source table's duration).
    pub how_long_sources: List<Text>,
    pub tell_staff: Text,
    /// The words of the diary's tick-box, for an effect a patient can
    /// notice; none for one found only by staff or tests (liver injury),
    /// which the diary does not offer.
    pub diary: Option<Text>,
    /// Everyday words a reader may search with ("dizzy", "throw up",
    /// "addiction"), which the texts need not use; searched in both views,
    /// not shown.
    pub search_words: List<Text>,
}

impl FromJson for PatientView {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "name",
                "feels_like",
                "how_long",
                "how_long_sources",
                "tell_staff",
                "diary",
                "search_words",
            ],
        )?;
        Ok(PatientView {
            name: f.opt("name")?,
            feels_like: f.req("feels_like")?,
            how_long: f.req("how_long")?,
            how_long_sources: f.opt("how_long_sources")?,
            tell_staff: f.req("tell_staff")?,
            diary: f.opt("diary")?,
            search_words: f.opt("search_words")?,
        })
    }
}

impl PatientView {
    /// The sources cited after `how_long`: its own, or else the effect's
    /// (`theirs`).
    pub fn how_long_cites<'a>(&'a self, theirs: &'a [Text]) -> &'a [Text] {
        if self.how_long_sources.is_empty() {
            theirs
        } else {
            &self.how_long_sources
        }
    }
}

/// One side effect.
#[derive(Clone, Debug, PartialEq)]
pub struct SideEffect {
    pub id: Text,
    /// The name as in the seed table, where the effect comes from it.
    pub name: Text,
    pub frequency: Frequency,
    /// How long it lasts, as in the seed table where the effect comes from it.
    pub duration: Text,
    pub group: EffectGroup,
    /// Whether the effect is one of the seven rows of the seed's Table 3.
    pub in_seed_table: bool,
    /// A clinical description in this app's words.
    pub description: Text,
    /// Sources for the name, frequency and duration.
    pub sources: List<Text>,
    /// What staff do about it.
    pub staff: List<Claim>,
    /// Frequencies and findings from the literature.
    pub literature: List<Claim>,
    pub patient: PatientView,
}

impl FromJson for SideEffect {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            &[
                "id",
                "name",
                "frequency",
                "duration",
                "group",
                "in_seed_table",
                "description",
                "sources",
                "staff",
                "literature",
                "patient",
            ],
        )?;
        Ok(SideEffect {
            id: f.req("id")?,
            name: f.req("name")?,
            frequency: f.req("frequency")?,
            duration: f.req("duration")?,
            group: f.req("group")?,
            in_seed_table: f.req("in_seed_table")?,
            description: f.req("description")?,
            sources: f.req("sources")?,
            staff: f.req("staff")?,
            literature: f.req("literature")?,
            patient: f.req("patient")?,
        })
    }
}

/// Which view of the side effects is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EffectView {
    /// Frequencies, literature and staff measures.
    #[default]
    Clinical,
    /// Plain language, no dose numbers.
    Patient,
}

impl EffectView {
    /// The view a page address asks for: `view=patient` in its query gives
    /// the patient view (so the patients' links open it), anything else the
    /// clinical one.
    pub fn from_query(query: &str) -> EffectView {
        // Written by hand as often as copied: any case, as routes are.
        if query.split('&').any(|pair| {
            pair.strip_prefix("view=")
                .is_some_and(|v| v.eq_ignore_ascii_case("patient"))
        }) {
            EffectView::Patient
        } else {
            EffectView::Clinical
        }
    }

    /// The query that reopens this view (empty for the default).
    pub fn query(self) -> &'static str {
        match self {
            EffectView::Clinical => "",
            EffectView::Patient => "view=patient",
        }
    }
}

/// The frequency filter: everything, or one frequency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FrequencyFilter {
    #[default]
    All,
    Only(Frequency),
}

impl FrequencyFilter {
    /// The filter's choices, in order: everything, then each frequency.
    pub const CHOICES: [FrequencyFilter; 5] = [
        FrequencyFilter::All,
        FrequencyFilter::Only(Frequency::Common),
        FrequencyFilter::Only(Frequency::LessCommon),
        FrequencyFilter::Only(Frequency::Rare),
        FrequencyFilter::Only(Frequency::NotGraded),
    ];

    /// The choice's label, under the filter's legend ("Frequency").
    pub fn label(self) -> &'static str {
        match self {
            FrequencyFilter::All => "All",
            FrequencyFilter::Only(Frequency::NotGraded) => "Not given in the source article",
            FrequencyFilter::Only(f) => f.label(),
        }
    }

    /// The radio button's value: `all` or a frequency key.
    pub fn key(self) -> &'static str {
        match self {
            FrequencyFilter::All => "all",
            FrequencyFilter::Only(f) => f.key(),
        }
    }

    /// Parses a radio button's value; anything unknown means no filter.
    pub fn from_key(key: &str) -> Self {
        Frequency::FILTERABLE
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(key))
            .map_or(FrequencyFilter::All, FrequencyFilter::Only)
    }

    /// Whether an effect with frequency `f` passes the filter.
    pub fn accepts(self, f: Frequency) -> bool {
        match self {
            FrequencyFilter::All => true,
            FrequencyFilter::Only(only) => only == f,
        }
    }
}

impl SideEffect {
    /// The effect's name in the given view.
    pub fn name_in(&self, view: EffectView) -> &str {
        match (view, &self.patient.name) {
            (EffectView::Patient, Some(name)) => name,
            _ => &self.name,
        }
    }

    /// The texts a search looks at in the given view. The patient view only
    /// searches what it shows, so a match never points at hidden text.
    pub fn searchable_texts(&self, view: EffectView) -> Vec<&str> {
        let mut texts = vec![self.name.as_str(), self.frequency.label()];
        texts.extend(self.patient.search_words.iter().map(Text::as_str));
        match view {
            EffectView::Clinical => {
                texts.push(&self.duration);
                texts.push(&self.description);
                texts.extend(self.staff.iter().map(|c| c.text.as_str()));
                texts.extend(self.literature.iter().map(|c| c.text.as_str()));
            }
            EffectView::Patient => {
                if let Some(name) = &self.patient.name {
                    texts.push(name);
                }
                texts.push(&self.patient.feels_like);
                texts.push(&self.patient.how_long);
                texts.push(&self.patient.tell_staff);
            }
        }
        texts
    }

    /// Whether the effect passes the frequency filter and the text search.
    /// The search ignores case (of ASCII and Latin-1 letters, see
    /// [`lowercase`]) and punctuation: every word of `query` must
    /// start a word of the effect's texts ("vis" finds "vision", but "vision"
    /// does not find "supervision"); an empty query matches everything.
    pub fn matches(&self, filter: FrequencyFilter, query: &str, view: EffectView) -> bool {
        if !filter.accepts(self.frequency) {
            return false;
        }
        let haystack = lowercase(&self.searchable_texts(view).join("\n"));
        let words: Vec<&str> = search_words(&haystack).collect();
        let query = lowercase(query);
        let found = search_words(&query).all(|q| words.iter().any(|w| word_matches(q, w)));
        found
    }
}

/// Whether a searched word finds a word of the texts: it starts that word
/// ("vis" finds "vision"), or the two share a stem of at least
/// [`STEM_CHARS`] letters and the searched word goes on for at most
/// [`ENDING_CHARS`] more (another form of the same word: "hallucinating"
/// finds "hallucination", "sleepy" finds "sleep", "nauseous" finds
/// "nausea").
pub fn word_matches(searched: &str, word: &str) -> bool {
    if word.starts_with(searched) {
        return true;
    }
    let shared = searched
        .chars()
        .zip(word.chars())
        .take_while(|(a, b)| a == b)
        .count();
    shared >= STEM_CHARS && searched.chars().count() - shared <= ENDING_CHARS
}

/// The shortest shared stem [`word_matches`] takes as the same word.
pub const STEM_CHARS: usize = 5;
/// The longest ending a searched word may add to a shared stem.
pub const ENDING_CHARS: usize = 3;

/// Splits a lower-cased text into words at anything that is not a letter or
/// a digit.
fn search_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The effects that pass the filter and search, in file order.
pub fn filter_effects<'a>(
    effects: &'a [SideEffect],
    filter: FrequencyFilter,
    query: &str,
    view: EffectView,
) -> Vec<&'a SideEffect> {
    effects
        .iter()
        .filter(|e| e.matches(filter, query, view))
        .collect()
}

/// The shape of `side_effects.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct SideEffectsContent {
    pub intro: Text,
    pub groups: List<SideEffectGroup>,
    pub effects: List<SideEffect>,
    /// What staff do, across effects.
    pub staff_overview: List<Claim>,
}

impl FromJson for SideEffectsContent {
    fn from_json(value: &Value) -> Result<Self, JsonError> {
        let f = Fields::of(value, &["intro", "groups", "effects", "staff_overview"])?;
        Ok(SideEffectsContent {
            intro: f.req("intro")?,
            groups: f.req("groups")?,
            effects: f.req("effects")?,
            staff_overview: f.req("staff_overview")?,
        })
    }
}

impl SideEffectsContent {
    /// The heading and summary of a group, if the file defines it.
    pub fn group(&self, id: EffectGroup) -> Option<&SideEffectGroup> {
        self.groups.iter().find(|g| g.id == id)
    }
}
