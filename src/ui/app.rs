//! The root component: header, navigation, the routed page and the footer.

use yew::prelude::*;

use crate::domain::route::Route;
use crate::ui::components::{site_footer::SiteFooter, site_header::SiteHeader, site_nav::SiteNav};
use crate::ui::hooks::use_location::use_location;
use crate::ui::pages;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The URL fragment at start-up (for example `#/calculator?weight_kg=70`).
    pub initial_fragment: AttrValue,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let location = use_location(props.initial_fragment.clone());
    let route = location.route;
    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip_to_main()}>{ "Skip to content" }</a>
            <SiteHeader />
            <SiteNav current={route} />
            <main id="main" tabindex="-1" data-route={route.path()}>
                { page(route, &location.query) }
            </main>
            <SiteFooter />
        </>
    }
}

/// The skip link must not change the route fragment, so it moves focus itself.
fn skip_to_main() -> Callback<MouseEvent> {
    Callback::from(|event: MouseEvent| {
        event.prevent_default();
        crate::platform::dom::focus_element("main");
    })
}

fn page(route: Route, query: &str) -> Html {
    match route {
        Route::Home => html! { <pages::home::HomePage /> },
        Route::Factors => html! { <pages::factors::FactorsPage /> },
        Route::Phases => html! { <pages::phases::PhasesPage /> },
        Route::SideEffects => html! { <pages::side_effects::SideEffectsPage /> },
        Route::Candidates => html! { <pages::candidates::CandidatesPage /> },
        Route::Monitoring => html! { <pages::monitoring::MonitoringPage /> },
        Route::Evidence => html! { <pages::evidence::EvidencePage /> },
        Route::Calculator => {
            html! { <pages::calculator::CalculatorPage query={AttrValue::from(query.to_string())} /> }
        }
        Route::Schedule => html! { <pages::schedule::SchedulePage /> },
        Route::Diary => html! { <pages::diary::DiaryPage /> },
        Route::Protocols => html! { <pages::protocols::ProtocolsPage /> },
        Route::Sources => html! { <pages::sources::SourcesPage /> },
        Route::NotFound => html! { <pages::not_found::NotFoundPage /> },
    }
}
