//! Every card in this browser: built-in and imported (labelled), with links
//! to inspect each one and to open it in the calculator; saved cards that no
//! longer pass the checks, with their problems and a remove button.

use yew::prelude::*;

use crate::domain::library::CardLibrary;
use crate::domain::route::Route;

use super::imported_badge::imported_badge;
use super::problem_list::problem_list;

/// The list; `selected` is the card shown below it, and
/// `on_remove_unusable` removes a saved card that cannot be used (by its
/// saved id).
pub fn card_list(
    library: &CardLibrary,
    selected: &str,
    on_remove_unusable: &Callback<String>,
) -> Html {
    let entries = library.entries();
    let unusable = library.unusable();
    html! {
        <>
            <div class="table-scroll" role="region" aria-labelledby="card-list-caption" tabindex="0">
                <table class="card-list stack-table" data-testid="card-list">
                    <caption id="card-list-caption">{ "Protocol cards in this browser" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Card" }</th>
                        <th scope="col">{ "Id" }</th>
                        <th scope="col">{ "Origin" }</th>
                        <th scope="col">{ "Version" }</th>
                        <th scope="col">{ "Reviewed" }</th>
                        <th scope="col">{ "Calculator" }</th>
                    </tr></thead>
                    <tbody>
                        { for entries.iter().map(|e| {
                            let card = e.card.card();
                            let current = card.id == selected;
                            html! {
                                <tr data-testid="card-row" data-card-id={card.id.clone()} data-imported={e.imported.is_some().to_string()}
                                    class={classes!(current.then_some("current"))}>
                                    <th scope="row">
                                        <a href={format!("{}?card={}&entry=card-{}", Route::Protocols.href(), card.id, card.id)}
                                           aria-current={current.then_some("true")}
                                           // An imported copy may share its name with a built-in card.
                                           aria-label={format!("{} ({})", card.name, card.id)}>{ card.name.clone() }</a>
                                    </th>
                                    <td data-label="Id"><code>{ card.id.clone() }</code></td>
                                    <td data-label="Origin">
                                        if e.imported.is_some() { { imported_badge() } } else { { "built in" } }
                                    </td>
                                    <td data-label="Version">{ card.version.clone() }</td>
                                    <td data-label="Reviewed">{ card.review_date.clone() }</td>
                                    <td data-label="Calculator">
                                        <a href={format!("{}?protocol={}", Route::Calculator.href(), card.id)}
                                           aria-label={format!("Open {} in the calculator", card.id)}>{ "Open" }</a>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if !unusable.is_empty() {
                <section class="unusable-cards" data-testid="unusable-cards" aria-labelledby="unusable-title">
                    <h2 id="unusable-title">{ "Saved cards that cannot be used" }</h2>
                    <p>{ "These cards were imported into this browser earlier but no longer pass the app's checks, so the calculator does not offer them. Remove them, or fix the file and import it again." }</p>
                    { for unusable.iter().map(|u| {
                        let id = u.id.clone();
                        html! {
                            <div class="unusable-card" data-testid="unusable-card">
                                <h3><code>{ u.id.clone() }</code>{ format!(" (from \u{201c}{}\u{201d}, imported {})", u.meta.file_name, u.meta.imported_on) }</h3>
                                { problem_list(&u.problems) }
                                <button type="button" onclick={on_remove_unusable.reform(move |_| id.clone())}>
                                    { "Remove from this browser" }
                                </button>
                            </div>
                        }
                    }) }
                </section>
            }
        </>
    }
}
