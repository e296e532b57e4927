//! The "imported, not reviewed" label an imported card carries wherever it
//! appears (protocol cards page, card picker, result, print sheet, share link).

use yew::prelude::*;

use crate::domain::imported::IMPORTED_LABEL;

/// The label as a badge; the words carry the meaning, the colour repeats it.
/// A plain function, not a component (no state; see `grade_badge`).
pub fn imported_badge() -> Html {
    html! {
        <span class="badge badge-imported" data-testid="imported-badge">{ IMPORTED_LABEL }</span>
    }
}
