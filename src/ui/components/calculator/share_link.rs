//! The scenario's share link with a copy button. The whole state is in the
//! link's fragment, so it reopens the same scenario anywhere, also from the
//! offline file.

use yew::prelude::*;

use crate::domain::imported::IMPORTED_LABEL;
use crate::domain::route::Route;
use crate::ui::hooks::use_page_address::use_page_address;

#[derive(Properties, PartialEq)]
pub struct ShareLinkProps {
    /// The calculator query (`protocol=...&weight_kg=...`).
    pub query: AttrValue,
    /// Ids of the imported cards the link's scenarios use: a browser
    /// without them shows no figure, and the link says so.
    #[prop_or_default]
    pub imported: Vec<String>,
}

#[component]
pub fn ShareLink(props: &ShareLinkProps) -> Html {
    let address = use_page_address();
    // The message and how many times the link was copied: each copy puts a
    // new element in the status region, so a second "Link copied." is read
    // out again (the same text in the same element would not be).
    let status = use_state(|| None::<(u32, &'static str)>);
    // Counted at each press, not read from the state: two presses before the
    // first copy is done still give two numbers.
    let presses = use_mut_ref(|| 0u32);
    {
        let status = status.clone();
        use_effect_with(props.query.clone(), move |_| status.set(None));
    }
    let link = format!("{address}{}?{}", Route::Calculator.href(), props.query);
    let on_copy = {
        let link = link.clone();
        let status = status.clone();
        Callback::from(move |_| {
            let status = status.clone();
            let copies = {
                let mut n = presses.borrow_mut();
                *n = n.wrapping_add(1);
                *n
            };
            crate::platform::dom::copy_text(&link, "share-link", move |ok| {
                status.set(Some((
                    copies,
                    if ok {
                        "Link copied."
                    } else {
                        "This browser did not allow copying: the link above is selected, copy it with Ctrl+C (or \u{2318}C)."
                    },
                )));
            });
        })
    };
    html! {
        <div class="share-link no-print">
            <label for="share-link">{ "Share link (reopens this exact scenario)" }</label>
            <span class="field-control">
                <input id="share-link" type="text" readonly=true value={link} data-testid="share-link" />
                <button type="button" onclick={on_copy} data-testid="copy-link">{ "Copy link" }</button>
            </span>
            <span class="copy-status" role="status" data-testid="copy-status">
                if let Some((n, text)) = *status { <span key={n}>{ text }</span> }
            </span>
            // From the offline file, the link names a file on this computer.
            if address.starts_with("file:") {
                <p class="notice-inline" role="note" data-testid="share-file">
                    { "This copy is a file on this computer, so the link opens it only here. On another computer, open that computer's copy and add everything from \u{201c}#\u{201d} on to its address." }
                </p>
            }
            if !props.imported.is_empty() {
                <p class="notice-inline imported-note" role="note" data-testid="share-imported">
                    { format!("This link uses an imported card ({}; {IMPORTED_LABEL}): a browser without it will show no figure. \
                               Send the card's file with the link; it can be downloaded from the Protocol cards page.",
                              props.imported.join(", ")) }
                </p>
            }
        </div>
    }
}
