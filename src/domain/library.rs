//! The protocol cards the app offers: the built-in cards, validated once
//! against the hard limits and the sources file, plus the cards imported
//! into this browser ([`CardLibrary`]), and look-up by id.

use std::sync::OnceLock;

use crate::domain::json::Value;

use crate::domain::dosing::builtin::{builtin_cards, BuiltinProblem};
use crate::domain::dosing::validate::parse_card_value;
use crate::domain::dosing::{CardProblem, KnownSources, ValidCard};
use crate::domain::imported::store::{
    self, ImportMeta, StoreError, StoredCard, MAX_IMPORTED_CARDS, STORE_MAX_BYTES,
};
use crate::domain::imported::text;
use crate::domain::reference;

static BUILTIN: OnceLock<Result<Vec<ValidCard>, Vec<BuiltinProblem>>> = OnceLock::new();

/// Whether `id` names a source in `assets/content/sources.json`.
pub fn is_known_source(id: &str) -> bool {
    reference::content().source(id).is_some()
}

/// The built-in cards in `BUILTIN_CARDS` order, or every problem found.
/// Native tests prove the shipped cards validate, so the error path is a
/// safety net that the UI shows as a message, never a crash.
pub fn builtin() -> Result<&'static [ValidCard], &'static [BuiltinProblem]> {
    match BUILTIN.get_or_init(|| builtin_cards(&is_known_source)) {
        Ok(cards) => Ok(cards.as_slice()),
        Err(problems) => Err(problems.as_slice()),
    }
}

/// The card with this id among `cards`.
pub fn find<'c>(cards: &'c [ValidCard], id: &str) -> Option<&'c ValidCard> {
    cards.iter().find(|c| c.id() == id)
}

/// A short check of a card's content: the 32-bit FNV-1a hash of the card
/// written as compact JSON (its `$schema` left out, which changes no
/// figure), as 8 hexadecimal digits. A share link to an imported card
/// carries it (`card_check`), so that a browser holding another card under
/// the same id (two clinicians' "crps-4h-copy", or the card updated since
/// the link was made) says its figures come from its own card.
pub fn card_check(card: &ValidCard) -> String {
    fnv1a_hex(&crate::domain::json::write::compact_with_points(
        &card.card().json(false),
    ))
}

/// The 32-bit FNV-1a hash of `text`'s bytes as 8 lower-case hexadecimal
/// digits.
fn fnv1a_hex(text: &str) -> String {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    // Eight hexadecimal digits, the highest first.
    (0..8)
        .rev()
        .filter_map(|i| char::from_digit((hash >> (i * 4)) & 0xf, 16))
        .collect()
}

/// What the app knows about the cards saved in this browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SavedState {
    /// Not read yet (the app reads local storage once it has started).
    NotRead,
    /// Read (possibly empty).
    Read,
    /// The browser does not allow local storage here: imported cards work
    /// until the page is closed but are not kept.
    Unavailable(String),
    /// The saved text could not be read; it is left untouched.
    Locked(StoreError),
    /// Read, but the browser refused the last write (its storage is full,
    /// say): this page holds imported cards, or a removal, that are not
    /// saved. Changes start from this page's cards until a write works.
    Refused(String),
}

impl SavedState {
    /// Whether imports and removals may be saved: never before the saved
    /// cards have been read, and never over saved text this version cannot
    /// read (that would lose it).
    pub fn writable(&self) -> bool {
        matches!(
            self,
            SavedState::Read | SavedState::Unavailable(_) | SavedState::Refused(_)
        )
    }

    /// Whether this page holds cards the browser does not keep: changes
    /// then start from the page's cards, not from what is saved.
    pub fn held_in_page(&self) -> bool {
        matches!(self, SavedState::Unavailable(_) | SavedState::Refused(_))
    }

    /// What became of an imported card the browser did not save (`why`),
    /// with `self` the state after that write.
    pub fn not_saved_message(&self, why: &str) -> String {
        if matches!(self, SavedState::Refused(_)) {
            format!("It could not be saved in this browser ({why}). It stays on this page; closing or reloading the page loses it, unless a later change to the cards here is saved.")
        } else {
            format!("It could not be saved in this browser ({why}): it will be gone when this page is closed.")
        }
    }

    /// The status line after the imported card `id` was removed on this
    /// page, with `self` the state after the write and `outcome` the write's.
    /// A refused write leaves the card saved, so a reload brings it back.
    pub fn removal_message(&self, id: &str, outcome: &Result<(), String>) -> String {
        match (outcome, self) {
            (Ok(()), _) => format!("The card \u{201c}{id}\u{201d} was removed from this browser."),
            (Err(why), SavedState::Refused(_)) => format!(
                "The card \u{201c}{id}\u{201d} was removed from this page, but this browser did not save the change ({why}): reloading or closing the page brings the card back, unless a later change to the cards here is saved."
            ),
            (Err(why), SavedState::Unavailable(_)) => format!(
                "The card \u{201c}{id}\u{201d} was removed from this page. This browser keeps no imported cards ({why}), so nothing else was needed."
            ),
            (Err(why), _) => format!(
                "The card \u{201c}{id}\u{201d} was removed for this page, but the change could not be saved ({why})."
            ),
        }
    }

    /// A message for the protocols page, if there is something to say.
    pub fn message(&self) -> Option<String> {
        match self {
            SavedState::NotRead | SavedState::Read => None,
            SavedState::Unavailable(why) => Some(format!(
                "This browser does not let the app keep data ({why}). Imported cards can be used until this page is closed, then they are gone."
            )),
            SavedState::Locked(e) => Some(e.to_string()),
            SavedState::Refused(why) => Some(format!(
                "This browser did not save the last change to the imported cards ({why}). The cards listed here stay on this page; closing or reloading it loses what was not saved, unless a later import or removal here is saved, which saves them all."
            )),
        }
    }
}

/// A saved imported card that no longer passes the checks (for example a
/// newer version of the app added a built-in card with the same id). It is
/// kept, not offered to the calculator, and can be removed.
#[derive(Clone, Debug, PartialEq)]
pub struct UnusableCard {
    /// The card's id as saved (or "(no id)").
    pub id: String,
    /// Its provenance.
    pub meta: ImportMeta,
    /// Why it cannot be used.
    pub problems: Vec<CardProblem>,
    /// The saved JSON, kept as it was.
    pub raw: Value,
}

/// One card on offer, with its origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LibraryEntry<'a> {
    /// The validated card.
    pub card: &'a ValidCard,
    /// `Some` for a card imported into this browser (not reviewed by the
    /// makers of this app); `None` for a built-in card.
    pub imported: Option<&'a ImportMeta>,
}

impl LibraryEntry<'_> {
    /// The card's line in a card list: name and id first (so a narrow list
    /// still shows them), "imported, not reviewed" in front of an imported
    /// card and "research only" after a card that is, unless its name
    /// already says so.
    pub fn list_label(&self) -> String {
        let card = self.card.card();
        let mut label = match self.imported {
            Some(_) => format!(
                "{}: {} ({})",
                crate::domain::imported::IMPORTED_LABEL,
                card.name,
                card.id
            ),
            None => format!("{} ({})", card.name, card.id),
        };
        if card.research_only
            && !crate::domain::case::lowercase(&card.name).contains("research only")
        {
            label.push_str(" — research only");
        }
        label
    }
}

/// Every card on offer: the built-in cards, then the cards imported into
/// this browser, each imported card flagged with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct CardLibrary {
    /// Built-in cards, then usable imported cards (the calculator's list).
    cards: Vec<ValidCard>,
    builtin_count: usize,
    /// Provenance of `cards[builtin_count..]`, in the same order.
    imported: Vec<ImportMeta>,
    unusable: Vec<UnusableCard>,
    saved: SavedState,
    /// The cards imported on this page since its last write that worked,
    /// by id, each with the card it replaced then (`None` for a new id;
    /// see [`CardLibrary::keeping_unsaved`]).
    unsaved: Vec<(String, Option<ValidCard>)>,
    /// Cards of that kind no longer on this page after another tab's save
    /// was taken up, and why, until the next write.
    left_out: Vec<(String, LeftOut)>,
}

/// Why a card imported on a page whose write was refused is no longer on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeftOut {
    /// With it the saved cards would pass their limits.
    Limits,
    /// Another tab saved another card with its id meanwhile.
    Clash,
}

impl CardLibrary {
    /// Only the built-in cards; the saved cards are not read yet.
    pub fn builtin_only(builtin: &[ValidCard]) -> Self {
        CardLibrary {
            cards: builtin.to_vec(),
            builtin_count: builtin.len(),
            imported: Vec::new(),
            unusable: Vec::new(),
            saved: SavedState::NotRead,
            unsaved: Vec::new(),
            left_out: Vec::new(),
        }
    }

    /// The built-in cards plus the saved ones. `saved` is what the browser
    /// gave: `Ok(None)` when nothing is saved, `Err(reason)` when local
    /// storage is not available. Every saved card is validated again.
    pub fn load(
        builtin: &[ValidCard],
        saved: Result<Option<String>, String>,
        known: KnownSources<'_>,
    ) -> Self {
        let mut library = CardLibrary::builtin_only(builtin);
        library.saved = SavedState::Read;
        let text = match saved {
            Ok(Some(text)) => text,
            Ok(None) => return library,
            Err(why) => {
                library.saved = SavedState::Unavailable(why);
                return library;
            }
        };
        let entries = match store::decode(&text) {
            Ok(entries) => entries,
            Err(e) => {
                library.saved = SavedState::Locked(e);
                return library;
            }
        };
        for entry in entries {
            library.add_saved(entry, known);
        }
        library
    }

    fn add_saved(&mut self, entry: StoredCard, known: KnownSources<'_>) {
        let id = entry
            .card
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| "(no id)".to_string(), text::clean_file_name);
        let checked = if entry.card.is_null() {
            Err(vec![CardProblem::Missing {
                path: "card".to_string(),
            }])
        } else {
            parse_card_value(&entry.card, known).and_then(|card| {
                let problems = text::check_texts(card.card());
                if problems.is_empty() {
                    Ok(card)
                } else {
                    Err(problems)
                }
            })
        };
        let checked = checked.and_then(|card| {
            if self.is_builtin(card.id()) {
                Err(vec![CardProblem::Invalid {
                    path: "id".to_string(),
                    message: format!(
                        "a built-in card now has the id \"{}\"; remove this card and import its file again to give it a new id.",
                        card.id()
                    ),
                }])
            } else if self.is_imported(card.id()) {
                Err(vec![CardProblem::Invalid {
                    path: "id".to_string(),
                    message: format!(
                        "another saved card already has the id \"{}\".",
                        card.id()
                    ),
                }])
            } else {
                Ok(card)
            }
        });
        match checked {
            Ok(card) => {
                self.cards.push(card);
                self.imported.push(entry.meta);
            }
            Err(problems) => self.unusable.push(UnusableCard {
                id,
                meta: entry.meta,
                problems,
                raw: entry.card,
            }),
        }
    }

    /// Every usable card, built-in first (what the calculator evaluates).
    pub fn cards(&self) -> &[ValidCard] {
        &self.cards
    }

    /// Every usable card with its origin, built-in first.
    pub fn entries(&self) -> Vec<LibraryEntry<'_>> {
        self.cards
            .iter()
            .enumerate()
            .map(|(i, card)| LibraryEntry {
                card,
                imported: i
                    .checked_sub(self.builtin_count)
                    .and_then(|k| self.imported.get(k)),
            })
            .collect()
    }

    /// The usable card with this id, with its origin.
    pub fn get(&self, id: &str) -> Option<LibraryEntry<'_>> {
        self.entries().into_iter().find(|e| e.card.id() == id)
    }

    /// Whether `id` is a built-in card.
    pub fn is_builtin(&self, id: &str) -> bool {
        self.builtin_card(id).is_some()
    }

    /// The version of the built-in card `id` (`None` for an imported card or
    /// none): a link made with another one came from another version of the
    /// app.
    pub fn builtin_version(&self, id: &str) -> Option<&str> {
        self.builtin_card(id).map(|c| c.card().version.as_str())
    }

    fn builtin_card(&self, id: &str) -> Option<&ValidCard> {
        self.cards
            .get(..self.builtin_count)?
            .iter()
            .find(|c| c.id() == id)
    }

    /// Whether `id` is a usable imported card.
    pub fn is_imported(&self, id: &str) -> bool {
        self.imported_meta(id).is_some()
    }

    /// Provenance of the usable imported card `id`.
    pub fn imported_meta(&self, id: &str) -> Option<&ImportMeta> {
        self.get(id).and_then(|e| e.imported)
    }

    /// Whether any card, built-in, imported or unusable, has this id.
    pub fn is_taken(&self, id: &str) -> bool {
        self.cards.iter().any(|c| c.id() == id) || self.is_unusable(id)
    }

    /// Imported cards kept, usable or not.
    pub fn imported_count(&self) -> usize {
        self.imported.len() + self.unusable.len()
    }

    /// Saved cards that no longer pass the checks.
    pub fn unusable(&self) -> &[UnusableCard] {
        &self.unusable
    }

    /// What is known about the saved cards.
    pub fn saved_state(&self) -> &SavedState {
        &self.saved
    }

    /// This library with `card` imported: a usable or unusable imported card
    /// with the same id is replaced; built-in ids are the caller's concern
    /// (see `imported::import`).
    pub fn with_card(&self, card: ValidCard, meta: ImportMeta) -> Self {
        let mut next = self.without_id(card.id());
        if !next.unsaved.iter().any(|(id, _)| id == card.id()) {
            let replaced = self.get(card.id()).map(|e| e.card.clone());
            next.unsaved.push((card.id().to_string(), replaced));
        }
        next.cards.push(card);
        next.imported.push(meta);
        next
    }

    fn without_id(&self, id: &str) -> Self {
        let mut next = self.clone();
        let at = next.builtin_count.min(next.cards.len());
        let imported = next.cards.split_off(at);
        let metas = std::mem::take(&mut next.imported);
        for (card, meta) in imported.into_iter().zip(metas) {
            if card.id() != id {
                next.cards.push(card);
                next.imported.push(meta);
            }
        }
        next.unusable.retain(|u| u.id != id);
        next
    }

    /// This library without the imported (usable or unusable) card `id`;
    /// `None` when no imported card has that id.
    pub fn without(&self, id: &str) -> Option<Self> {
        let present = self.is_imported(id) || self.unusable.iter().any(|u| u.id == id);
        present.then(|| self.without_id(id))
    }

    /// Forgets saved text this version cannot read, so that imports can be
    /// saved again (the user chose to discard it).
    pub fn discard_saved(&self) -> Self {
        let mut next = self.without_imported();
        next.saved = SavedState::Read;
        next
    }

    fn without_imported(&self) -> Self {
        let mut next = self.clone();
        next.cards.truncate(self.builtin_count);
        next.imported.clear();
        next.unusable.clear();
        next
    }

    /// This library after a write of its imported cards was tried: a
    /// refused write leaves it [`SavedState::Refused`], and one that works
    /// saves every card it holds (after a refusal, it is
    /// [`SavedState::Read`] again).
    pub fn after_write(mut self, outcome: &Result<(), String>) -> Self {
        match outcome {
            Ok(()) => {
                self.unsaved.clear();
                self.left_out.clear();
                if matches!(self.saved, SavedState::Refused(_)) {
                    self.saved = SavedState::Read;
                }
            }
            Err(why) => {
                if matches!(self.saved, SavedState::Read | SavedState::Refused(_)) {
                    self.saved = SavedState::Refused(why.clone());
                }
            }
        }
        self
    }

    /// What this page shows when another tab has saved `saved`: that, and
    /// while this page's last write was refused, also the cards imported on
    /// this page since its last write that worked, which the other tab
    /// never saw. Such a card takes the place of the saved card with its id
    /// only where that is still the card it replaced here; where the other
    /// tab saved another one meanwhile, that one stays and this page's is
    /// named as left out ([`CardLibrary::left_out_message`]), as is a card
    /// that would take the saved cards past their limits (20 cards, 2 MB),
    /// so that a later write stays readable. A removal this page could not
    /// save is not kept.
    pub fn keeping_unsaved(&self, saved: CardLibrary) -> CardLibrary {
        let mut next = saved;
        // Said until a write works, however often other tabs save.
        next.left_out = self.left_out.clone();
        let SavedState::Refused(why) = &self.saved else {
            return next;
        };
        if next.saved != SavedState::Read {
            return next;
        }
        next.unsaved.clear();
        for (card, meta) in self
            .cards
            .iter()
            .skip(self.builtin_count)
            .zip(self.imported.iter())
        {
            let Some((_, replaced)) = self.unsaved.iter().find(|(id, _)| id == card.id()) else {
                continue;
            };
            let theirs = next.get(card.id()).map(|e| e.card);
            let taken = next.is_taken(card.id());
            let left_out = if theirs != replaced.as_ref() || (theirs.is_none() && taken) {
                Some(LeftOut::Clash)
            } else {
                let with = next.with_card(card.clone(), meta.clone());
                let fits = (taken || next.imported_count() < MAX_IMPORTED_CARDS)
                    && with.store_text().map_or(0, |text| text.len()) <= STORE_MAX_BYTES;
                if fits {
                    // Recorded as replacing `theirs`, the same card as
                    // `replaced`, for a later take-up.
                    next = with;
                    None
                } else {
                    Some(LeftOut::Limits)
                }
            };
            if let Some(reason) = left_out {
                if !next.left_out.iter().any(|(id, _)| id == card.id()) {
                    next.left_out.push((card.id().to_string(), reason));
                }
            }
        }
        if !next.unsaved.is_empty() {
            next.saved = SavedState::Refused(why.clone());
        }
        next
    }

    /// What [`CardLibrary::keeping_unsaved`] left out, in words, until a
    /// write works.
    pub fn left_out_message(&self) -> Option<String> {
        let named = |reason: LeftOut| -> Vec<String> {
            self.left_out
                .iter()
                .filter(|(_, r)| *r == reason)
                .map(|(id, _)| format!("\u{201c}{id}\u{201d}"))
                .collect()
        };
        let them =
            |n: usize, one: &'static str, more: &'static str| if n == 1 { one } else { more };
        let mut said = Vec::new();
        let limits = named(LeftOut::Limits);
        if !limits.is_empty() {
            said.push(format!(
                "Another tab saved imported cards meanwhile, and with them {} imported here could not be kept within the limits of {MAX_IMPORTED_CARDS} cards and 2 MB, so {} no longer on this page: import {} again after removing a card.",
                limits.join(", "),
                them(limits.len(), "it is", "they are"),
                them(limits.len(), "it", "them"),
            ));
        }
        let clash = named(LeftOut::Clash);
        if !clash.is_empty() {
            said.push(format!(
                "Another tab saved a different card under the id {} meanwhile: that card is the one shown and saved, and the one imported here is no longer on this page. Check which is meant, and import {} again if needed.",
                clash.join(", "),
                them(clash.len(), "it", "them"),
            ));
        }
        (!said.is_empty()).then(|| said.join(" "))
    }

    /// The status line after the imported card `id` was removed on this page,
    /// with `self` the library before the removal, `outcome` the write's and
    /// `after` the saved state after it. When the browser refused the write,
    /// a reload brings back what is saved: the card, the version saved before
    /// one imported here since, or nothing for a card never saved.
    pub fn removal_message(
        &self,
        id: &str,
        outcome: &Result<(), String>,
        after: &SavedState,
    ) -> String {
        if let (Err(why), SavedState::Refused(_)) = (outcome, after) {
            match self.unsaved.iter().find(|(i, _)| i == id) {
                Some((_, None)) => return format!(
                    "The card \u{201c}{id}\u{201d} was removed from this page. It had never been saved in this browser ({why}), so a reload does not bring it back."
                ),
                Some((_, Some(_))) => return format!(
                    "The card \u{201c}{id}\u{201d} was removed from this page, but this browser did not save the change ({why}): reloading or closing the page brings back the version of it saved before, unless a later change to the cards here is saved."
                ),
                None => {}
            }
        }
        after.removal_message(id, outcome)
    }

    /// Whether a card saved under `id` fails the checks (see
    /// [`CardLibrary::unusable`]).
    pub fn is_unusable(&self, id: &str) -> bool {
        self.unusable.iter().any(|u| u.id == id)
    }

    /// Whether [`CardLibrary::keeping_unsaved`] left out the card `id`.
    pub fn is_left_out(&self, id: &str) -> bool {
        self.left_out.iter().any(|(i, _)| i == id)
    }

    /// For a page that uses the card `id` (the calculator): what became of
    /// the card of that id imported on this page, when another tab's save
    /// left it out. Said by what is under that id now: a card another tab
    /// saved, whose figures are then shown, or none.
    pub fn left_out_note(&self, id: &str) -> Option<String> {
        let (_, reason) = self.left_out.iter().find(|(i, _)| i == id)?;
        Some(match (find(&self.cards, id).is_some(), reason) {
            (true, _) => format!(
                "Another tab saved a different card under the id \u{201c}{id}\u{201d} meanwhile. The figures here come from that card, not from the one imported on this page: check which is meant, and import yours again on the Protocol cards page if needed."
            ),
            (false, LeftOut::Limits) => format!(
                "The card \u{201c}{id}\u{201d} imported on this page is no longer on it: another tab saved imported cards meanwhile, and with them it could not be kept within the limits of {MAX_IMPORTED_CARDS} cards and 2 MB. Import it again on the Protocol cards page after removing a card, or choose another card."
            ),
            (false, LeftOut::Clash) => format!(
                "The card \u{201c}{id}\u{201d} imported on this page is no longer on it: another tab saved the imported cards meanwhile without it. Import it again on the Protocol cards page, or choose another card."
            ),
        })
    }

    /// The entries to save: usable imported cards, then unusable ones as
    /// they were saved.
    pub fn stored(&self) -> Vec<StoredCard> {
        let usable = self
            .cards
            .iter()
            .skip(self.builtin_count)
            .zip(self.imported.iter())
            .map(|(card, meta)| StoredCard {
                meta: meta.clone(),
                card: card.card().to_json(),
            });
        let unusable = self.unusable.iter().map(|u| StoredCard {
            meta: u.meta.clone(),
            card: u.raw.clone(),
        });
        usable.chain(unusable).collect()
    }

    /// The text to save, or `None` when no imported card is kept (the
    /// saved entry is then removed).
    pub fn store_text(&self) -> Option<String> {
        let stored = self.stored();
        (!stored.is_empty()).then(|| store::encode(&stored))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_gives_the_published_test_vectors() {
        // The FNV reference's 32-bit FNV-1a values.
        assert_eq!(fnv1a_hex(""), "811c9dc5");
        assert_eq!(fnv1a_hex("a"), "e40c292c");
        assert_eq!(fnv1a_hex("foobar"), "bf9cf968");
        // Leading zeros kept: eight digits always.
        let short = (0..100_000)
            .map(|n| n.to_string())
            .find(|t| fnv1a_hex(t).starts_with('0'))
            .unwrap();
        assert_eq!(fnv1a_hex(&short).len(), 8);
    }

    #[test]
    fn a_card_check_is_worked_out_as_links_already_carry_it() {
        // The checks of the built-in cards as links made by this version
        // and the ones before it carry them: the text hashed keeps a whole
        // float's ".0" (serde_json's "25.0"), though card files are now
        // written without it ("25").
        let cards = builtin().unwrap();
        let checks: Vec<(&str, String)> = cards.iter().map(|c| (c.id(), card_check(c))).collect();
        let expected = [
            ("outpatient-consensus", "9869a7b1"),
            ("crps-4h", "1f9c9b48"),
            ("crps-continuous", "fbcb6106"),
            ("headache-inpatient", "de60c929"),
            ("fibromyalgia-short", "6ed2750f"),
        ];
        assert_eq!(checks, expected.map(|(id, check)| (id, check.to_string())));
    }

    #[test]
    fn every_built_in_card_loads_against_the_shipped_sources() {
        let cards = builtin().unwrap();
        let ids: Vec<&str> = cards.iter().map(|c| c.id()).collect();
        assert_eq!(
            ids,
            [
                "outpatient-consensus",
                "crps-4h",
                "crps-continuous",
                "headache-inpatient",
                "fibromyalgia-short"
            ]
        );
        assert!(find(cards, "crps-4h").is_some());
        assert!(find(cards, "nope").is_none());
    }

    #[test]
    fn known_sources_come_from_the_sources_file() {
        assert!(is_known_source("R2"));
        assert!(is_known_source("seed-dosing"));
        assert!(!is_known_source("R999"));
    }

    #[test]
    fn a_built_in_only_library_is_not_writable_until_read() {
        let lib = CardLibrary::builtin_only(builtin().unwrap());
        assert!(!lib.saved_state().writable());
        assert!(lib.entries().iter().all(|e| e.imported.is_none()));
        let read = CardLibrary::load(builtin().unwrap(), Ok(None), &is_known_source);
        assert!(read.saved_state().writable());
        assert_eq!(read.store_text(), None);
    }
}
