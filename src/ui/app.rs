//! The root component: header, navigation, the routed page and the footer,
//! and the protocol cards on offer (built-in plus imported), provided to
//! every page as a context.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::library::{CardLibrary, SavedState};
use crate::domain::links::{entry_asked, entry_param, missing_entry_notice, refused_link_notice};
use crate::domain::reference::EffectView;
use crate::domain::route::Route;
use crate::ui::components::{site_footer::SiteFooter, site_header::site_header, site_nav::SiteNav};
use crate::ui::hooks::use_card_library::{builtin_cards, load_saved, CardLibraryContext};
use crate::ui::hooks::use_location::use_location;
use crate::ui::pages;

/// The app's name: the home page's title, and the end of every other's.
const APP_NAME: &str = "Ketamine Dosing Reference";

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The URL fragment at start-up (for example `#/calculator?weight_kg=70`).
    pub initial_fragment: AttrValue,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let navigation = use_location(props.initial_fragment.clone());
    let location = navigation.location.clone();
    let route = location.route;
    // The calculator's latest scenario, so its navigation link reopens it.
    let calculator_query = use_state(String::new);
    // The reader view last shown on the phases or side-effects page, so the
    // menu opens those pages in it: from each address followed, and from
    // the side-effects page's own switch (which rewrites the address).
    let reader = use_state_eq(EffectView::default);
    {
        let reader = reader.clone();
        use_effect_with((route, location.query.clone()), move |(route, query)| {
            reader.set(crate::domain::route::reader_view_after(
                *route, query, *reader,
            ));
        });
    }
    let on_reader = {
        let reader = reader.setter();
        use_callback((), move |view: EffectView, _| reader.set(view))
    };
    // Built-in cards at once; the cards saved in this browser are read from
    // local storage once the app has started.
    let library = use_state(|| Rc::new(CardLibrary::builtin_only(builtin_cards())));
    // The library as last set, at once: a listener set up once, and changes
    // made one after another before the next render (several files
    // imported together), start from it rather than from a render's copy.
    let latest = use_mut_ref(|| Rc::clone(&*library));
    let put = {
        let library = library.clone();
        let latest = latest.clone();
        Callback::from(move |next: Rc<CardLibrary>| {
            *latest.borrow_mut() = Rc::clone(&next);
            library.set(next);
        })
    };
    {
        let put = put.clone();
        let latest = latest.clone();
        use_effect_with((), move |_| {
            put.emit(Rc::new(load_saved()));
            // Cards imported, replaced or removed in another tab are read
            // again: no page here goes on computing from a card that has
            // changed or gone (a share link would give two figures). Cards
            // this page holds because its last write was refused stay.
            let listener = crate::platform::storage::on_change_elsewhere(
                crate::domain::imported::store::STORAGE_KEY,
                move |_| {
                    let held = Rc::clone(&latest.borrow());
                    put.emit(Rc::new(held.keeping_unsaved(load_saved())));
                },
            );
            // The focused field kept in view (in the same effect: each
            // `use_effect_with` is its own copy of Yew's effect code).
            let in_view = crate::platform::dom::keep_focused_field_in_view();
            move || {
                drop(listener);
                drop(in_view);
            }
        });
    }
    // An `?entry=` id that is not on the page (a stale or mistyped link).
    let missing_entry = use_state_eq(|| None::<String>);
    {
        // `#/factors?entry=older-age`: scroll to and focus that entry; say so
        // when the page has no such entry, rather than silently show its top.
        // Looked for again once the saved cards are read: an imported card's
        // entry is only on the page from then on.
        let location = location.clone();
        let missing_entry = missing_entry.clone();
        // Back (or Forward) to a page left by a link goes where it was, once
        // it is drawn, also over the reveal of its entry.
        let saved_read = *library.saved_state() != SavedState::NotRead;
        let scroll = navigation.scroll;
        use_effect_with(
            (location, saved_read, scroll),
            move |(location, saved_read, scroll)| {
                // A malformed id (not letters, digits and hyphens) is never
                // looked for, and said to be missing as it was written.
                let missing = entry_asked(&location.query)
                    .filter(|_| {
                        !entry_param(&location.query)
                            .is_some_and(|id| crate::platform::dom::reveal_entry(&id))
                    })
                    .filter(|_| *saved_read)
                    .map(str::to_string);
                // As the notice says: the page from its top (a link to a
                // missing entry followed from lower down the same page
                // would otherwise leave the notice out of view).
                if missing.is_some() && scroll.is_none() {
                    crate::platform::dom::scroll_to_top();
                }
                missing_entry.set(missing);
                if let Some(place) = scroll {
                    crate::platform::dom::return_to(place);
                }
            },
        );
    }
    // The tab, a bookmark and a printed page say which page this is.
    use_effect_with(route, |route| {
        crate::platform::dom::set_title(&match route {
            Route::Home => APP_NAME.to_string(),
            other => format!("{} \u{2013} {APP_NAME}", other.title()),
        })
    });
    let cards = CardLibraryContext {
        library: (*library).clone(),
        set: use_callback((), move |next: Rc<CardLibrary>, _| put.emit(next)),
        latest,
    };
    // Stable across renders: a fresh callback would make the calculator's
    // props unequal and re-render the whole page after every keystroke.
    let on_calculator_change = {
        let calculator_query = calculator_query.setter();
        use_callback((), move |query: String, _| calculator_query.set(query))
    };
    html! {
        <ContextProvider<CardLibraryContext> context={cards}>
            <a class="skip-link" href="#main" onclick={skip_to_main()}>{ "Skip to content" }</a>
            { site_header() }
            <SiteNav current={route} calculator_query={AttrValue::from((*calculator_query).clone())} reader={*reader} />
            <main id="main" tabindex="-1" data-route={route.path()} onkeydown={Callback::from(|e: KeyboardEvent| {
                if e.key() == "Escape" && crate::platform::dom::press_safe_answer(&e) {
                    e.prevent_default();
                }
            })}>
                if location.refused_parts > 0 {
                    <p class="notice-inline" role="status" data-testid="refused-link">
                        { refused_link_notice(location.refused_parts) }
                    </p>
                }
                if let Some(id) = &*missing_entry {
                    <p class="notice-inline" role="status" data-testid="missing-entry">
                        { missing_entry_notice(id) }
                    </p>
                }
                { page(route, &location.query, navigation.count, on_calculator_change, on_reader) }
            </main>
            <SiteFooter {route} />
        </ContextProvider<CardLibraryContext>>
    }
}

/// The skip link must not change the route fragment, so it moves focus itself.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|event: MouseEvent| {
        event.prevent_default();
        crate::platform::dom::focus_element("main");
    })
}

/// The routed page, keyed by its route: moving to another page builds that
/// page's DOM afresh. The pages without state of their own are plain
/// functions, not components, so nothing else would stop one page's elements
/// (and what the user did to them: focus, selection) being reused by the next.
fn page(
    route: Route,
    query: &str,
    navigation: u32,
    on_calculator_change: Callback<String>,
    on_reader: Callback<EffectView>,
) -> Html {
    let body = match route {
        Route::Home => pages::home::home_page(),
        Route::Factors => pages::factors::factors_page(),
        Route::Phases => pages::phases::phases_page(query),
        Route::SideEffects => pages::side_effects::side_effects_page(query, navigation, on_reader),
        Route::Candidates => pages::candidates::candidates_page(),
        Route::Monitoring => pages::monitoring::monitoring_page(),
        Route::Evidence => pages::evidence::evidence_page(),
        Route::Calculator => {
            html! {
                <pages::calculator::CalculatorPage
                    query={AttrValue::from(query.to_string())}
                    navigation={navigation}
                    on_change={on_calculator_change}
                />
            }
        }
        Route::Schedule => {
            html! { <pages::schedule::SchedulePage query={AttrValue::from(query.to_string())} navigation={navigation} /> }
        }
        Route::Diary => html! { <pages::diary::DiaryPage /> },
        Route::Protocols => {
            html! { <pages::protocols::ProtocolsPage query={AttrValue::from(query.to_string())} /> }
        }
        Route::Sources => pages::sources::sources_page(),
        Route::NotFound => pages::not_found::not_found_page(),
    };
    html! { <><key={route.path()}>{ body }</></> }
}
