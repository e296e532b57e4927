//! Importing a card from a file or from the in-page editor: the engine's
//! validation plus the rules for imported text, the id-clash rule, the size
//! limits, and the "duplicate and edit" starting text.
//!
//! Id clashes: a card whose id is a built-in card's id is renamed to
//! `<id>-imported` (`<id>-imported-2`... when that is taken by another
//! card), with a message; the file's id is kept as `renamed_from`. A card
//! whose id is an imported card's id replaces it (that is how a clinic
//! updates its card), also with a message. Nothing is imported, replaced or
//! saved unless the whole card is valid.

use crate::domain::dosing::card::ProtocolCard;
use crate::domain::dosing::format::format_size_beside;
use crate::domain::dosing::limits::{CARD_MAX_FILE_BYTES, CARD_MAX_ID_CHARS};
use crate::domain::dosing::problem::ROOT_PATH;
use crate::domain::dosing::validate::{parse_card, validate, MAX_PROBLEMS_REPORTED};
use crate::domain::dosing::{CardProblem, KnownSources, ValidCard};
use crate::domain::library::{CardLibrary, LibraryEntry};

use super::store::{ImportMeta, MAX_IMPORTED_CARDS, STORE_MAX_BYTES};
use super::text::{builtin_name_note, check_texts, clean_file_name, markup_notes};

/// Suffix added to an id that clashes with a built-in card.
pub const RENAME_SUFFIX: &str = "imported";
/// Suffix added to the id of a duplicated card.
pub const COPY_SUFFIX: &str = "copy";
/// Longest card name accepted, in characters (as the engine checks).
const NAME_MAX_CHARS: usize = 200;

/// Why a card was not imported.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// The card breaks the format or the rules; every problem is listed.
    #[error("The card was not imported: {} found. Nothing was changed.", problem_count(.0.len()))]
    Problems(Vec<CardProblem>),
    /// Already as many imported cards as the app keeps.
    #[error("The card was not imported: this browser already keeps {max} imported cards, the most the app allows. Remove one first.")]
    TooManyCards {
        /// The most imported cards kept.
        max: usize,
    },
    /// Saving it would go beyond the storage the app allows itself.
    #[error("The card was not imported: with it the saved cards would take {}. Remove a card first.", store_full(*.bytes, *.max))]
    StoreFull {
        /// Size the saved cards would take.
        bytes: usize,
        /// The most the app saves.
        max: usize,
    },
    /// The saved cards cannot be changed now (see the message).
    #[error("The card was not imported: {0}")]
    Locked(String),
}

/// "2.5 MB, more than the 2 MB the app allows itself in this browser's
/// storage", in the unit of the limit as the page gives it (see
/// [`format_size_beside`]).
fn store_full(bytes: usize, max: usize) -> String {
    let (size, max) = format_size_beside(bytes as u64, max as u64);
    format!("{size}, more than the {max} the app allows itself in this browser's storage")
}

fn problem_count(n: usize) -> String {
    crate::domain::dosing::count(n, "problem", "problems")
}

impl ImportError {
    /// The listed problems (empty for the other errors).
    pub fn problems(&self) -> &[CardProblem] {
        match self {
            ImportError::Problems(p) => p,
            _ => &[],
        }
    }
}

/// Where an imported card will go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A new card with the id in the file.
    New,
    /// The id is a built-in card's: imported under a new id.
    Renamed {
        /// The id in the file.
        from: String,
        /// The id it is imported as.
        to: String,
        /// The version and import date of the earlier copy of the same card
        /// (same id in its file, same name) that it replaces.
        replaces: Option<(String, String)>,
    },
    /// Replaces the imported card with the same id.
    Replaces {
        /// That card's version.
        version: String,
        /// When it was imported.
        imported_on: String,
    },
    /// The same as the imported card it would replace, to the last field:
    /// that card is kept, with where it came from and when.
    Unchanged {
        /// The id it has in this browser.
        id: String,
        /// Where that card came from.
        file_name: String,
        /// When it was imported.
        imported_on: String,
    },
}

/// When a placement's message is said: before the import (the editor's
/// preview, "would be imported as") or after it ("was imported as").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// The editor's check, before anything is imported.
    Preview,
    /// The report of an import that was done.
    Done,
}

impl Placement {
    /// The message shown with the import, if any, said before the import
    /// ([`Tense::Preview`]) or after it ([`Tense::Done`]).
    pub fn message(&self, tense: Tense) -> Option<String> {
        let done = tense == Tense::Done;
        match self {
            Placement::New => None,
            Placement::Renamed { from, to, replaces } => {
                let replacing = match replaces {
                    Some((version, imported_on)) => format!(
                        ", replacing the copy of the same card imported under that id before (version {version}, imported {imported_on})"
                    ),
                    None => String::new(),
                };
                let (imported, must) = if done {
                    ("was imported", "must")
                } else {
                    ("would be imported", "would have to")
                };
                Some(format!(
                    "The id \u{201c}{from}\u{201d} belongs to a built-in card, so this card {imported} as \u{201c}{to}\u{201d}{replacing}. Links and scenarios {must} use the new id."
                ))
            }
            Placement::Replaces {
                version,
                imported_on,
            } => Some(format!(
                "It {} the imported card with the same id (version {version}, imported {imported_on}).",
                if done { "replaces" } else { "would replace" }
            )),
            Placement::Unchanged {
                id,
                file_name,
                imported_on,
            } => Some(format!(
                "Nothing in it differs from the imported card \u{201c}{id}\u{201d} (from {file_name}, imported {imported_on}): that card {} as it is.",
                if done { "is kept" } else { "would be kept" }
            )),
        }
    }

    /// Whether importing changes anything (not for [`Placement::Unchanged`]).
    pub fn changes_library(&self) -> bool {
        !matches!(self, Placement::Unchanged { .. })
    }
}

/// A card that is ready to import, and where it will go.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The validated card, already renamed if needed.
    pub card: ValidCard,
    /// Where it goes.
    pub placement: Placement,
    /// Notes on markup-like text (shown as text, never run).
    pub notes: Vec<String>,
    /// What to know before using the card ([`cautions`]).
    pub cautions: Vec<String>,
}

/// What to know about a card before using it: the contraindications it has
/// no rule for (the app stops for them), and a name that is, or reads
/// like, a built-in card's in `library`.
pub fn cautions(library: &CardLibrary, card: &ValidCard) -> Vec<String> {
    let entries = library.entries();
    let builtin = entries
        .iter()
        .filter(|e| e.imported.is_none())
        .map(|e| (e.card.id(), e.card.card().name.as_str()));
    crate::domain::card_view::unruled_note(card)
        .into_iter()
        .chain(builtin_name_note(&card.card().name, builtin))
        .collect()
}

/// A successful import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The library with the card (save it, then show it).
    pub library: CardLibrary,
    /// The id the card is imported as.
    pub id: String,
    /// The card's name.
    pub name: String,
    /// Messages (rename, replacement).
    pub messages: Vec<String>,
    /// Notes on markup-like text.
    pub notes: Vec<String>,
    /// What to know before using the card ([`cautions`]).
    pub cautions: Vec<String>,
    /// Whether the library changed (not for a card identical to the
    /// imported one): only then is there anything to save.
    pub changed: bool,
}

/// The problem for a file too large to be a card, checked from its size
/// before it is read.
pub fn file_too_large(bytes: u64) -> Option<CardProblem> {
    let max = CARD_MAX_FILE_BYTES;
    (bytes > u64::try_from(max).unwrap_or(u64::MAX)).then(|| CardProblem::TooLarge {
        bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
        max,
    })
}

/// Parses and validates a card's text by the engine's rules (a leading
/// byte-order mark is ignored) and refuses the characters of
/// [`super::text::refused_in_card`] and stacks of combining marks (see
/// [`super::text::check_texts`]). Returns the card and the markup notes.
pub fn check_card_text(
    text: &str,
    known: KnownSources<'_>,
) -> Result<(ValidCard, Vec<String>), Vec<CardProblem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let card = parse_card(text, known)?;
    let mut problems = check_texts(card.card());
    if problems.len() > MAX_PROBLEMS_REPORTED {
        let more = problems.len() - MAX_PROBLEMS_REPORTED;
        problems.truncate(MAX_PROBLEMS_REPORTED);
        problems.push(CardProblem::Invalid {
            path: ROOT_PATH.to_string(),
            message: format!("{more} more problems are not listed; fix the ones above first."),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let notes = markup_notes(card.card());
    Ok((card, notes))
}

/// `<base>-<suffix>`, then `<base>-<suffix>-2`, `-3`...: the first that is
/// not `taken`, never longer than an id may be (the base is shortened).
pub fn free_id(id: &str, suffix: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let mut candidate = String::new();
    for n in 1..=1000u32 {
        let tail = if n == 1 {
            format!("-{suffix}")
        } else {
            format!("-{suffix}-{n}")
        };
        let room = CARD_MAX_ID_CHARS.saturating_sub(tail.len());
        let base: String = id.chars().take(room).collect();
        let base = base.trim_end_matches('-');
        candidate = format!("{base}{tail}");
        if !taken(&candidate) {
            break;
        }
    }
    candidate
}

/// Validates `text` and works out where the card would go in `library`,
/// without changing anything (the editor's live check uses this too).
pub fn prepare(
    library: &CardLibrary,
    text: &str,
    known: KnownSources<'_>,
) -> Result<Prepared, Vec<CardProblem>> {
    let (card, notes) = check_card_text(text, known)?;
    let cautions = cautions(library, &card);
    let id = card.id().to_string();
    if library.is_builtin(&id) {
        // Importing the same card again (the same id in its file and the
        // same name) replaces its earlier renamed copy; another card that
        // uses the built-in id gets an id of its own.
        let name = card.card().name.as_str();
        let same_card = |candidate: &str| {
            library.get(candidate).is_some_and(|c| {
                c.card.card().name == name
                    && c.imported
                        .is_some_and(|m| m.renamed_from.as_deref() == Some(id.as_str()))
            })
        };
        let taken = |candidate: &str| {
            library.is_builtin(candidate) || (library.is_taken(candidate) && !same_card(candidate))
        };
        let to = free_id(&id, RENAME_SUFFIX, &taken);
        let replaces = library.get(&to).map(|existing| earlier_copy(&existing));
        let mut renamed: ProtocolCard = card.card().clone();
        renamed.id.clone_from(&to);
        let card = validate(&renamed, known)?;
        let placement = unchanged(library, &card).unwrap_or(Placement::Renamed {
            from: id,
            to,
            replaces,
        });
        return Ok(Prepared {
            card,
            placement,
            notes,
            cautions,
        });
    }
    let placement = match (unchanged(library, &card), library.get(&id)) {
        (Some(same), _) => same,
        (None, Some(existing)) => {
            let (version, imported_on) = earlier_copy(&existing);
            Placement::Replaces {
                version,
                imported_on,
            }
        }
        (None, None) => Placement::New,
    };
    Ok(Prepared {
        card,
        placement,
        notes,
        cautions,
    })
}

/// [`Placement::Unchanged`] when `card` is, field for field, the imported
/// card with its id.
fn unchanged(library: &CardLibrary, card: &ValidCard) -> Option<Placement> {
    let existing = library.get(card.id())?;
    let meta = existing.imported?;
    (existing.card.card() == card.card()).then(|| Placement::Unchanged {
        id: card.id().to_string(),
        file_name: meta.file_name.clone(),
        imported_on: meta.imported_on.clone(),
    })
}

/// The version and import date of a card an import replaces.
fn earlier_copy(existing: &LibraryEntry<'_>) -> (String, String) {
    (
        existing.card.card().version.clone(),
        existing
            .imported
            .map(|m| m.imported_on.clone())
            .unwrap_or_default(),
    )
}

/// Imports a card's text into `library`: [`prepare`], then the limits on
/// the number of cards and the saved size. `file_name` is cleaned; `today`
/// is the import date (`YYYY-MM-DD`).
pub fn import_card(
    library: &CardLibrary,
    text: &str,
    file_name: &str,
    today: &str,
    known: KnownSources<'_>,
) -> Result<Imported, ImportError> {
    let state = library.saved_state();
    if !state.writable() {
        return Err(ImportError::Locked(state.message().unwrap_or_else(|| {
            "the saved cards have not been read yet; try again in a moment.".to_string()
        })));
    }
    let prepared = prepare(library, text, known).map_err(ImportError::Problems)?;
    if !prepared.placement.changes_library() {
        return Ok(Imported {
            library: library.clone(),
            id: prepared.card.id().to_string(),
            name: prepared.card.card().name.clone(),
            messages: prepared
                .placement
                .message(Tense::Done)
                .into_iter()
                .collect(),
            notes: prepared.notes,
            cautions: prepared.cautions,
            changed: false,
        });
    }
    let renamed_from = match &prepared.placement {
        Placement::Renamed { from, .. } => Some(from.clone()),
        _ => None,
    };
    let replaces = matches!(prepared.placement, Placement::Replaces { .. })
        || library.is_taken(prepared.card.id());
    if !replaces && library.imported_count() >= MAX_IMPORTED_CARDS {
        return Err(ImportError::TooManyCards {
            max: MAX_IMPORTED_CARDS,
        });
    }
    let id = prepared.card.id().to_string();
    let name = prepared.card.card().name.clone();
    let meta = ImportMeta {
        file_name: clean_file_name(file_name),
        imported_on: today.to_string(),
        renamed_from,
    };
    let next = library.with_card(prepared.card, meta);
    let bytes = next.store_text().map_or(0, |t| t.len());
    if bytes > STORE_MAX_BYTES {
        return Err(ImportError::StoreFull {
            bytes,
            max: STORE_MAX_BYTES,
        });
    }
    Ok(Imported {
        library: next,
        id,
        name,
        messages: prepared
            .placement
            .message(Tense::Done)
            .into_iter()
            .collect(),
        notes: prepared.notes,
        cautions: prepared.cautions,
        changed: true,
    })
}

/// The starting text for "duplicate and edit": the card as JSON with a new
/// id (`<id>-copy`, not `taken`) and "(copy)" added to its name.
pub fn duplicate_text(card: &ProtocolCard, taken: &dyn Fn(&str) -> bool) -> String {
    let mut copy = card.clone();
    copy.id = free_id(&card.id, COPY_SUFFIX, taken);
    let suffix = " (copy)";
    let room = NAME_MAX_CHARS.saturating_sub(suffix.chars().count());
    let base: String = card.name.chars().take(room).collect();
    copy.name = format!("{}{suffix}", base.trim_end());
    copy.to_file_text()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_ids_fit_the_id_limit_and_skip_taken_ones() {
        let taken = |id: &str| id == "crps-4h-imported";
        assert_eq!(free_id("crps-4h", "imported", &taken), "crps-4h-imported-2");
        assert_eq!(free_id("crps-4h", "copy", &taken), "crps-4h-copy");
        let long = "a".repeat(64);
        let id = free_id(&long, "imported", &|_| false);
        assert_eq!(id.len(), 64);
        assert!(id.ends_with("-imported"));
        let hyphen = format!("{}-b", "a".repeat(54));
        assert!(!free_id(&hyphen, "imported", &|_| false).contains("--"));
    }

    #[test]
    fn file_size_is_checked_before_reading() {
        assert_eq!(file_too_large(1000), None);
        assert!(matches!(
            file_too_large(5 * 1024 * 1024),
            Some(CardProblem::TooLarge { .. })
        ));
    }
}
