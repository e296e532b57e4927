//! `use_location`: the current route, kept in step with the URL fragment.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::route::{parse_fragment, Location};

/// The parsed fragment and the count of `hashchange` events handled
/// (`location::changes_seen`). The count tells a
/// page that a link was opened again even when its text did not change (the
/// calculator rewrites the address as it goes, so the same link can mean
/// "start over from this link").
#[derive(Clone, Debug, PartialEq)]
pub struct Navigation {
    pub location: Rc<Location>,
    pub count: u32,
    /// Where to go once the new page is drawn: the place kept in the
    /// history entry that Back or Forward returned to (`None`: stay at the
    /// top, or where the page is, for the same page).
    pub scroll: Option<crate::platform::location::Place>,
}

/// Starts from `initial` (read before mounting, so rendering never touches
/// browser APIs) and follows every `hashchange`: links, back/forward and
/// typed URLs.
#[hook]
pub fn use_location(initial: AttrValue) -> Navigation {
    let navigation = use_state(|| Navigation {
        location: Rc::new(parse_fragment(&initial)),
        count: 0,
        scroll: None,
    });
    {
        let navigation = navigation.clone();
        use_effect_with((), move |_| {
            let current = navigation.clone();
            let listener = crate::platform::location::on_fragment_change(move |fragment| {
                let next = parse_fragment(&fragment);
                let moved = next.route != current.location.route;
                if moved {
                    crate::platform::dom::after_route_change();
                }
                current.set(Navigation {
                    location: Rc::new(next),
                    // The count of `hashchange` events handled, which the
                    // listener has just counted: a page compares it with the
                    // count it was drawn for before writing the address.
                    count: crate::platform::location::changes_seen(),
                    scroll: crate::platform::location::kept_place().filter(|_| moved),
                });
            });
            let keep = crate::platform::location::keep_place_in_history();
            move || drop((listener, keep))
        });
    }
    (*navigation).clone()
}
