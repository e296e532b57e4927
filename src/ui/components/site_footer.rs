//! The footer: content version, app version, build date, and a warning when
//! this copy is older than 180 days.

use yew::prelude::*;

use crate::domain::route::Route;
use crate::domain::version::{stale_notice, APP_VERSION, BUILD_DATE, CONTENT_VERSION};

#[derive(Properties, PartialEq)]
pub struct SiteFooterProps {
    /// The page shown: the clock is read again on each move to another, so
    /// a tab left open for months still says how old this copy is.
    pub route: Route,
}

#[component]
pub fn SiteFooter(props: &SiteFooterProps) -> Html {
    // The clock is read in an effect, never during render: on each page,
    // and each time the tab is shown again (a calculator left open).
    let stale = use_state_eq(|| None::<String>);
    {
        let stale = stale.clone();
        use_effect_with(props.route, move |_| {
            let read = move || {
                stale.set(stale_notice(
                    BUILD_DATE,
                    &crate::platform::clock::today_iso(),
                ))
            };
            read();
            let shown = crate::platform::location::listen("visibilitychange", false, read);
            move || drop(shown)
        });
    }
    html! {
        <footer class="site-footer">
            if let Some(notice) = (*stale).clone() {
                <p class="stale-notice" role="note" data-testid="stale-notice">{ notice }</p>
            }
            <p>
                { "Content version " }<span data-testid="content-version">{ CONTENT_VERSION }</span>
                { separator() }{ "app " }{ APP_VERSION }
                { separator() }{ "built " }<time data-testid="build-date" datetime={BUILD_DATE}>{ BUILD_DATE }</time>
            </p>
            <p>{ "Runs entirely on this device: nothing you enter leaves it." }</p>
        </footer>
    }
}

/// " · " on screen, read as a comma: a screen reader would say "dot".
fn separator() -> Html {
    html! {
        <>
            <span aria-hidden="true">{ " · " }</span>
            <span class="sr-only">{ ", " }</span>
        </>
    }
}
