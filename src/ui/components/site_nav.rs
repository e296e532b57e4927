//! The main navigation: one link per page, the current one marked.

use yew::prelude::*;

use crate::domain::route::Route;

#[derive(Properties, PartialEq)]
pub struct SiteNavProps {
    pub current: Route,
    /// The calculator's latest share-link query, so its link reopens the scenario.
    #[prop_or_default]
    pub calculator_query: AttrValue,
}

#[component]
pub fn SiteNav(props: &SiteNavProps) -> Html {
    html! {
        <nav class="site-nav" aria-label="Main">
            <ul>
                { for Route::NAV.iter().map(|&route| {
                    let current = (route == props.current).then_some("page");
                    let href = if route == Route::Calculator && !props.calculator_query.is_empty() {
                        format!("{}?{}", route.href(), props.calculator_query)
                    } else {
                        route.href()
                    };
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
