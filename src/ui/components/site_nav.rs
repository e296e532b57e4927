//! The main navigation: one link per page, the current one marked.
//!
//! On narrow screens the links fold behind a "Menu" button (`aria-expanded`);
//! on wide screens the stylesheet hides the button and always shows the
//! links. The links stay in the document either way, so the current page is
//! always marked for assistive technology and tests.

use yew::prelude::*;

use crate::domain::reference::EffectView;
use crate::domain::route::{nav_href, Route};

/// The id of the menu button, to return focus to it on Escape.
const TOGGLE_ID: &str = "nav-toggle";
/// The id of the link list the button controls.
const LIST_ID: &str = "site-nav-links";

#[derive(Properties, PartialEq)]
pub struct SiteNavProps {
    pub current: Route,
    /// The calculator's latest share-link query, so its link reopens the scenario.
    #[prop_or_default]
    pub calculator_query: AttrValue,
    /// The reader view last chosen on the phases or side-effects page.
    #[prop_or_default]
    pub reader: EffectView,
}

#[component]
pub fn SiteNav(props: &SiteNavProps) -> Html {
    let open = use_state(|| false);
    {
        // Choosing a page folds the menu again.
        let open = open.clone();
        use_effect_with(props.current, move |_| open.set(false));
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_keydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                open.set(false);
                crate::platform::dom::focus_element(TOGGLE_ID);
            }
        })
    };
    let expanded = if *open { "true" } else { "false" };
    html! {
        <nav class="site-nav" aria-label="Main" onkeydown={on_keydown}>
            <button type="button" id={TOGGLE_ID} class="nav-toggle" aria-expanded={expanded}
                aria-controls={LIST_ID} onclick={on_toggle}>
                <span class="nav-toggle-icon" aria-hidden="true"></span>
                <span>
                    { "Menu" }
                    <span class="nav-toggle-current">{ format!(": {}", props.current.title()) }</span>
                </span>
            </button>
            <ul id={LIST_ID} class={classes!("nav-links", (*open).then_some("open"))}>
                { for Route::NAV.iter().map(|&route| {
                    let current = (route == props.current).then_some("page");
                    let href = nav_href(route, &props.calculator_query, props.reader);
                    html! {
                        <li>
                            <a href={href} aria-current={current}>{ route.title() }</a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
