//! The main navigation: one link per page, the current one marked.

use yew::prelude::*;

use crate::domain::route::Route;

#[derive(Properties, PartialEq)]
pub struct SiteNavProps {
    pub current: Route,
}

#[component]
pub fn SiteNav(props: &SiteNavProps) -> Html {
    html! {
        <nav class="site-nav" aria-label="Main">
            <ul>
                { for Route::NAV.iter().map(|&route| {
                    let current = (route == props.current).then_some("page");
                    html! {
                        <li>
                            <a href={route.href()} aria-current={current}>{ route.title() }</a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
