//! `use_location`: the current route, kept in step with the URL fragment.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::route::{parse_fragment, Location};

/// Returns the parsed fragment. Starts from `initial` (read before mounting,
/// so rendering never touches browser APIs) and follows every `hashchange`,
/// which covers links, back/forward and typed URLs.
#[hook]
pub fn use_location(initial: AttrValue) -> Rc<Location> {
    let location = use_state(|| Rc::new(parse_fragment(&initial)));
    {
        let location = location.clone();
        use_effect_with((), move |_| {
            let listener = crate::platform::location::on_fragment_change(move |fragment| {
                let next = parse_fragment(&fragment);
                if next.route != location.route {
                    crate::platform::dom::after_route_change();
                }
                location.set(Rc::new(next));
            });
            move || drop(listener)
        });
    }
    (*location).clone()
}
