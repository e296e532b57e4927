//! The app's routes, carried in the URL fragment (`#/calculator?weight_kg=70`).
//!
//! Routes are a public contract (see README): every page and every scenario
//! can be linked, also from a copy opened from disk with `file://`.

/// One page of the app. The path strings are stable public names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Factors,
    Phases,
    SideEffects,
    Candidates,
    Monitoring,
    Evidence,
    Calculator,
    Schedule,
    Diary,
    Protocols,
    Sources,
    NotFound,
}

impl Route {
    /// Every page that has a navigation entry, in menu order.
    pub const NAV: [Route; 12] = [
        Route::Home,
        Route::Calculator,
        Route::Factors,
        Route::Phases,
        Route::SideEffects,
        Route::Candidates,
        Route::Monitoring,
        Route::Evidence,
        Route::Schedule,
        Route::Diary,
        Route::Protocols,
        Route::Sources,
    ];

    /// The fragment path, without the leading `#`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Home => "/",
            Route::Factors => "/factors",
            Route::Phases => "/phases",
            Route::SideEffects => "/side-effects",
            Route::Candidates => "/candidates",
            Route::Monitoring => "/monitoring",
            Route::Evidence => "/evidence",
            Route::Calculator => "/calculator",
            Route::Schedule => "/schedule",
            Route::Diary => "/diary",
            Route::Protocols => "/protocols",
            Route::Sources => "/sources",
            Route::NotFound => "/not-found",
        }
    }

    /// The full `href` for a link to this page.
    pub fn href(self) -> String {
        format!("#{}", self.path())
    }

    /// The short name used in the navigation and the page title.
    pub fn title(self) -> &'static str {
        match self {
            Route::Home => "Home",
            Route::Factors => "Dosing factors",
            Route::Phases => "Treatment phases",
            Route::SideEffects => "Side effects",
            Route::Candidates => "Who is a candidate",
            Route::Monitoring => "Monitoring and routes",
            Route::Evidence => "Evidence by condition",
            Route::Calculator => "Calculator",
            Route::Schedule => "Schedule",
            Route::Diary => "Patient diary",
            Route::Protocols => "Protocol cards",
            Route::Sources => "Sources",
            Route::NotFound => "Page not found",
        }
    }
}

/// A parsed fragment: the page and its raw query (`a=1&b=2`, without `?`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub route: Route,
    pub query: String,
    /// How many values the link's query held when it held more than
    /// [`LINK_MAX_PARTS`] and was not read (`query` is then empty); 0 when
    /// it was read.
    pub refused_parts: usize,
}

/// Most values a page's link may hold (its parameters, plus the ids in its
/// comma-separated lists, counted as its commas): a link holding more is
/// not read, and the page says so. A link this app writes holds under 800
/// (three scenarios of 22 parameters and a card check, each with every medication and a
/// card's 200 steps switched off), more only when commas are typed into its fields by
/// the hundred; reading a crafted link of tens of thousands would keep the
/// page busy for seconds.
pub const LINK_MAX_PARTS: usize = 2_000;

/// The values a link's query holds: its parameters, plus the ids in its
/// comma-separated lists (a comma written as it is or as `%2C`).
pub fn link_parts(query: &str) -> usize {
    let pairs = query.split('&').filter(|p| !p.is_empty()).count();
    let commas =
        query.matches(',').count() + query.matches("%2C").count() + query.matches("%2c").count();
    pairs + commas
}

/// Parses a URL fragment such as `#/calculator?weight_kg=70`.
///
/// Accepts the fragment with or without `#`, an empty fragment (home), and a
/// missing leading slash; a trailing slash is ignored. Unknown paths give
/// [`Route::NotFound`], never an error.
pub fn parse_fragment(fragment: &str) -> Location {
    let raw = fragment.strip_prefix('#').unwrap_or(fragment);
    let (path, query) = match raw.split_once('?') {
        Some((p, q)) => (p, q),
        None => (raw, ""),
    };
    // A route typed with capitals (`#/Factors`) is the same page.
    let trimmed = path.trim_matches('/').to_ascii_lowercase();
    let route = match trimmed.as_str() {
        "" => Route::Home,
        "factors" => Route::Factors,
        "phases" => Route::Phases,
        "side-effects" => Route::SideEffects,
        "candidates" => Route::Candidates,
        "monitoring" => Route::Monitoring,
        "evidence" => Route::Evidence,
        "calculator" => Route::Calculator,
        "schedule" => Route::Schedule,
        "diary" => Route::Diary,
        "protocols" => Route::Protocols,
        "sources" => Route::Sources,
        _ => Route::NotFound,
    };
    let parts = link_parts(query);
    if parts > LINK_MAX_PARTS {
        return Location {
            route,
            query: String::new(),
            refused_parts: parts,
        };
    }
    Location {
        route,
        query: query.to_string(),
        refused_parts: 0,
    }
}

/// The address of a page in one reader view: `#/side-effects` (clinical, the
/// default) or `#/side-effects?view=patient`.
pub fn view_fragment(route: Route, view: crate::domain::reference::EffectView) -> String {
    query_fragment(route, view.query())
}

/// The reader view the menu's "Treatment phases" and "Side effects" open in
/// after a visit to `route` with `query`: the view shown on either of those
/// pages (a patient who switched to plain language stays in it), else the
/// one from before.
pub fn reader_view_after(
    route: Route,
    query: &str,
    before: crate::domain::reference::EffectView,
) -> crate::domain::reference::EffectView {
    match route {
        Route::Phases | Route::SideEffects => {
            crate::domain::reference::EffectView::from_query(query)
        }
        _ => before,
    }
}

/// A menu entry's address: the calculator's reopens its latest scenario
/// (`calculator_query`), the two pages with a reader view open in `reader`,
/// every other page plain.
pub fn nav_href(
    route: Route,
    calculator_query: &str,
    reader: crate::domain::reference::EffectView,
) -> String {
    match route {
        Route::Calculator => query_fragment(route, calculator_query),
        Route::Phases | Route::SideEffects => view_fragment(route, reader),
        _ => route.href(),
    }
}

/// The fragment of a page with a query (`#/side-effects?frequency=rare`),
/// or without one when the query is empty.
pub fn query_fragment(route: Route, query: &str) -> String {
    if query.is_empty() {
        route.href()
    } else {
        format!("{}?{query}", route.href())
    }
}

/// The fragment a page writes to the address after a delay (`#/calculator?a=1`
/// for [`Route::Calculator`] and `a=1`), or `None` when the address `current`
/// has meanwhile moved to another page: a link followed while the write was
/// waiting must not be undone by it.
pub fn delayed_fragment(current: &str, route: Route, query: &str) -> Option<String> {
    (parse_fragment(current).route == route).then(|| format!("{}?{query}", route.href()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_holding_more_values_than_any_the_app_writes_is_not_read() {
        assert_eq!(link_parts(""), 0);
        assert_eq!(link_parts("a=1&&b=2,3&c=4%2C5%2c6"), 6);
        let pairs = |n: usize| vec!["x=1"; n].join("&");
        let at = parse_fragment(&format!("#/calculator?{}", pairs(LINK_MAX_PARTS)));
        assert_eq!(
            (at.refused_parts, at.query.len()),
            (0, 4 * LINK_MAX_PARTS - 1)
        );
        let over = parse_fragment(&format!("#/calculator?{}", pairs(LINK_MAX_PARTS + 1)));
        assert_eq!(
            (over.route, over.refused_parts, over.query.as_str()),
            (Route::Calculator, LINK_MAX_PARTS + 1, "")
        );
        // Ids in a list count one each, however the comma is written.
        let ids = |n: usize, comma: &str| format!("#/factors?off={}", vec!["a"; n].join(comma));
        assert_eq!(parse_fragment(&ids(LINK_MAX_PARTS, ",")).refused_parts, 0);
        assert_eq!(
            parse_fragment(&ids(LINK_MAX_PARTS + 1, ",")).refused_parts,
            LINK_MAX_PARTS + 1
        );
        assert_eq!(
            parse_fragment(&ids(LINK_MAX_PARTS + 1, "%2C")).refused_parts,
            LINK_MAX_PARTS + 1
        );
        assert_eq!(
            parse_fragment(&ids(LINK_MAX_PARTS + 1, "%2c")).refused_parts,
            LINK_MAX_PARTS + 1
        );
    }

    use super::*;
    use crate::domain::reference::EffectView;

    #[test]
    fn the_menu_opens_the_reader_view_last_shown_and_the_latest_scenario() {
        use EffectView::{Clinical, Patient};
        // The view follows what the phases and side-effects pages showed...
        assert_eq!(
            reader_view_after(Route::SideEffects, "view=patient", Clinical),
            Patient
        );
        assert_eq!(
            reader_view_after(Route::Phases, "view=patient&x=1", Clinical),
            Patient
        );
        assert_eq!(reader_view_after(Route::Phases, "", Patient), Clinical);
        assert_eq!(
            reader_view_after(Route::SideEffects, "frequency=rare", Patient),
            Clinical
        );
        // ...and every other page keeps it.
        for route in Route::NAV {
            if !matches!(route, Route::Phases | Route::SideEffects) {
                assert_eq!(
                    reader_view_after(route, "view=patient", Clinical),
                    Clinical,
                    "{route:?}"
                );
                assert_eq!(reader_view_after(route, "", Patient), Patient, "{route:?}");
            }
        }
        assert_eq!(
            nav_href(Route::Phases, "", Patient),
            "#/phases?view=patient"
        );
        assert_eq!(
            nav_href(Route::SideEffects, "", Patient),
            "#/side-effects?view=patient"
        );
        assert_eq!(nav_href(Route::SideEffects, "", Clinical), "#/side-effects");
        assert_eq!(
            nav_href(Route::Calculator, "weight_kg=70", Patient),
            "#/calculator?weight_kg=70"
        );
        assert_eq!(nav_href(Route::Calculator, "", Clinical), "#/calculator");
        assert_eq!(nav_href(Route::Diary, "weight_kg=70", Patient), "#/diary");
        assert_eq!(nav_href(Route::Evidence, "", Patient), "#/evidence");
    }

    #[test]
    fn every_nav_route_round_trips_through_its_href() {
        for route in Route::NAV {
            assert_eq!(parse_fragment(&route.href()).route, route, "{route:?}");
        }
    }

    #[test]
    fn empty_and_slash_fragments_are_home() {
        for f in ["", "#", "#/", "/", "#//"] {
            assert_eq!(parse_fragment(f).route, Route::Home, "{f:?}");
        }
    }

    #[test]
    fn query_is_split_off_and_kept_verbatim() {
        let loc = parse_fragment("#/calculator?protocol=crps-4h&weight_kg=70");
        assert_eq!(loc.route, Route::Calculator);
        assert_eq!(loc.query, "protocol=crps-4h&weight_kg=70");
    }

    #[test]
    fn missing_leading_slash_and_trailing_slash_are_tolerated() {
        assert_eq!(parse_fragment("#factors/").route, Route::Factors);
        assert_eq!(parse_fragment("side-effects").route, Route::SideEffects);
        // Capitals too (typed from a slide or a printout).
        assert_eq!(parse_fragment("#/FACTORS").route, Route::Factors);
        assert_eq!(
            parse_fragment("#/Side-Effects?view=patient").route,
            Route::SideEffects
        );
        assert_eq!(
            parse_fragment("#/Side-Effects?view=patient").query,
            "view=patient"
        );
    }

    #[test]
    fn unknown_paths_are_not_found_not_errors() {
        assert_eq!(parse_fragment("#/nope").route, Route::NotFound);
        assert_eq!(parse_fragment("#/calculator/extra").route, Route::NotFound);
        assert_eq!(parse_fragment("#/FACT0RS").route, Route::NotFound);
    }

    #[test]
    fn nav_paths_are_distinct() {
        let mut paths: Vec<&str> = Route::NAV.iter().map(|r| r.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), Route::NAV.len());
    }

    #[test]
    fn a_delayed_write_replaces_the_address_of_its_own_page() {
        for current in ["#/calculator", "#/calculator?weight_kg=7", "#calculator/"] {
            assert_eq!(
                delayed_fragment(current, Route::Calculator, "weight_kg=70").as_deref(),
                Some("#/calculator?weight_kg=70"),
                "{current:?}"
            );
        }
    }

    #[test]
    fn a_delayed_write_never_undoes_a_navigation() {
        for current in [
            "#/factors?entry=older-age",
            "",
            "#/",
            "#/nope",
            "#/protocols",
        ] {
            assert_eq!(
                delayed_fragment(current, Route::Calculator, "weight_kg=70"),
                None,
                "{current:?}"
            );
        }
        assert_eq!(
            delayed_fragment("#/factors", Route::Factors, "entry=a").as_deref(),
            Some("#/factors?entry=a")
        );
    }
}
