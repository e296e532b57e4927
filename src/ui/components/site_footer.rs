//! The footer: content version, app version and build date.

use yew::prelude::*;

use crate::domain::version::{APP_VERSION, BUILD_DATE, CONTENT_VERSION};

#[component]
pub fn SiteFooter() -> Html {
    html! {
        <footer class="site-footer">
            <p>
                { "Content version " }<span data-testid="content-version">{ CONTENT_VERSION }</span>
                { " · app " }{ APP_VERSION }
                { " · built " }<time data-testid="build-date" datetime={BUILD_DATE}>{ BUILD_DATE }</time>
            </p>
            <p>{ "Runs entirely on this device: nothing you enter leaves it." }</p>
        </footer>
    }
}
