//! `use_card_library`: the protocol cards on offer (built-in plus imported
//! into this browser), provided by the app's root as a context. The root
//! reads the saved cards once it has started (in an effect, never while
//! rendering); pages that change them save first, then update the context.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::dosing::ValidCard;
use crate::domain::imported::store::STORAGE_KEY;
use crate::domain::library::{self, is_known_source, CardLibrary, SavedState};

/// The library and the way to replace it (after saving).
#[derive(Clone)]
pub struct CardLibraryContext {
    /// Every card on offer, with its origin.
    pub library: Rc<CardLibrary>,
    /// Replaces the library (the root re-renders everything that uses it).
    pub set: Callback<Rc<CardLibrary>>,
    /// The library as last set, at once (`library` is the one this render
    /// drew): see [`current`].
    pub latest: Rc<RefCell<Rc<CardLibrary>>>,
}

impl PartialEq for CardLibraryContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.library, &other.library)
            && self.set == other.set
            && Rc::ptr_eq(&self.latest, &other.latest)
    }
}

/// The built-in cards, or none if they failed their checks (the calculator
/// reports that failure itself).
pub fn builtin_cards() -> &'static [ValidCard] {
    library::builtin().unwrap_or(&[])
}

/// The built-in cards plus the cards saved in this browser (reads local
/// storage: call it from effects and callbacks only).
pub fn load_saved() -> CardLibrary {
    let saved = crate::platform::storage::read(STORAGE_KEY);
    CardLibrary::load(builtin_cards(), saved, &is_known_source)
}

/// The library a change should start from: what is saved now (another tab
/// may have changed it), or the cards in memory when this browser cannot
/// save at all or refused this page's last write (see
/// [`SavedState::held_in_page`]).
pub fn current(cards: &CardLibraryContext) -> CardLibrary {
    let latest = Rc::clone(&cards.latest.borrow());
    if latest.saved_state().held_in_page() {
        (*latest).clone()
    } else {
        load_saved()
    }
}

/// Saves the imported cards of `library` (or removes the entry when none is
/// left), and returns the library with the outcome noted
/// ([`CardLibrary::after_write`]). Nothing is written while the saved text
/// is unreadable, and nothing can be written when the browser gives no
/// storage.
pub fn save(library: CardLibrary) -> (CardLibrary, Result<(), String>) {
    let outcome = match library.saved_state() {
        SavedState::Read | SavedState::Refused(_) => match library.store_text() {
            Some(text) => crate::platform::storage::write(STORAGE_KEY, &text),
            None => crate::platform::storage::remove(STORAGE_KEY),
        },
        SavedState::Unavailable(why) => Err(why.clone()),
        SavedState::NotRead | SavedState::Locked(_) => {
            Err("the saved cards could not be read, so nothing was saved over them".to_string())
        }
    };
    (library.after_write(&outcome), outcome)
}

/// The context from the app's root, or the built-in cards alone when there
/// is none (components rendered on their own, as in native tests).
#[hook]
pub fn use_card_library() -> CardLibraryContext {
    let context = use_context::<CardLibraryContext>();
    let fallback = use_memo((), |_| Rc::new(CardLibrary::builtin_only(builtin_cards())));
    let latest = use_mut_ref(|| (*fallback).clone());
    context.unwrap_or_else(|| CardLibraryContext {
        library: (*fallback).clone(),
        set: Callback::noop(),
        latest,
    })
}
