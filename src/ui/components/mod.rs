//! Reusable pieces: props in, callbacks out.

pub mod calculator;
pub mod page_intro;
pub mod protocols;
pub mod reference;
pub mod site_footer;
pub mod site_header;
pub mod site_nav;

use yew::{html, Html};

/// `text` with each compound unit ("mg/kg/h") in a span that never wraps
/// (`.unit` in styles.css), so Firefox does not break a line after its "/".
/// The text itself, as read or copied, is unchanged.
pub fn keep_units(text: &str) -> Html {
    html! {
        { for crate::domain::dosing::format::unit_runs(text).into_iter().map(|(run, kept)| {
            if kept {
                html! { <span class="unit">{ run }</span> }
            } else {
                html! { { run } }
            }
        }) }
    }
}
