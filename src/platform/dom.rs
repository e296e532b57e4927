//! Small DOM helpers: focus and scroll after navigation.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Focuses the element with `id` when focus has fallen to the page body
/// (the element that was to take it was removed as the page changed).
pub fn focus_if_lost(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = document
        .active_element()
        .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"));
    if lost {
        focus_element(id);
    }
}

/// After focus moved inside a table that scrolls sideways under a sticky
/// last column: scrolls the focused element clear of that column. The
/// browser scrolls on focus only when the element is outside the scrolled
/// box, and one under the sticky column is inside it; `scrollIntoView`
/// with "nearest" keeps clear of the box's `scroll-padding` (the column's
/// width, in the style sheet). An element of the sticky column itself is
/// always in view and scrolls nothing.
pub fn clear_of_sticky_column(event: &web_sys::FocusEvent) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if element
        .closest("td:last-child, th:last-child")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Keeps the focused form field in view when the window changes width (a
/// tablet turned upright): a mobile browser
/// keeps in place what was at the screen's middle, which on the calculator
/// is the results column, and typing would go on into a field off screen.
/// Checked on the frame after the resize, once the browser has laid the
/// page out and moved it.
pub fn keep_focused_field_in_view() -> super::location::WindowListener {
    let callback = Closure::<dyn FnMut()>::new(focused_field_into_view);
    let width = |w: &web_sys::Window| w.inner_width().ok().and_then(|v| v.as_f64());
    let last = std::cell::Cell::new(web_sys::window().and_then(|w| width(&w)));
    super::location::listen("resize", false, move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        // Only a turn (a new width): a phone's toolbar folding away as the
        // page scrolls, or its keyboard, changes the height alone, and the
        // reader scrolling away from the field must not be pulled back.
        let now = width(&window);
        if now == last.replace(now) {
            return;
        }
        let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
    })
}

fn focused_field_into_view() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(element) = window.document().and_then(|d| d.active_element()) else {
        return;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    if !matches!(tag.as_str(), "input" | "select" | "textarea") {
        return;
    }
    if super::location::in_view(&window, &element) {
        return;
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// When the field `id` has focus: scrolls its error message `error_id` into
/// view as far as needed (the page's `scroll-padding` keeps it clear of the
/// phone's sticky rate line).
pub fn reveal_error_of_focused(id: &str, error_id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.active_element().map(|e| e.id()).as_deref() != Some(id) {
        return;
    }
    if let Some(error) = document.get_element_by_id(error_id) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        error.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// After a page change: focus on the main region so that keyboard and
/// screen-reader users start reading the new page, and the window at the
/// very top, so that everyone sees the notice and the new page's title.
/// Focus must not scroll: it would bring the main region's top to the top
/// of the window (hiding the header and its notice), and on a phone the
/// open menu, which folds once the new page is drawn, would then lift the
/// title out of view.
pub fn after_route_change() {
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = main.focus_with_options(&options);
    }
    scroll_to_top();
}

/// The window at the very top of the page.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Back at a page's kept place: focus on the link that had it, if the page
/// still has it there (so the keyboard goes on from there), then the window
/// scrolled as it was (as far as the page goes).
pub fn return_to(place: &super::location::Place) {
    let link = place.link.as_ref().and_then(|(i, href)| {
        let link = super::location::main_links()?.get(*i)?;
        let link = link.dyn_into::<web_sys::HtmlElement>().ok()?;
        (link.get_attribute("href").as_deref() == Some(href.as_str())).then_some(link)
    });
    if let Some(link) = link {
        let _ = link.focus();
    }
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, place.y);
    }
}

/// Scrolls the element with `id` into view and focuses it (a `tabindex` of
/// -1 is added so that any element can take focus); says whether there was
/// such an element.
pub fn reveal_element(id: &str) -> bool {
    reveal(id).is_some()
}

/// [`reveal_element`] for the entry an `?entry=` link names, marked
/// (`data-entry-target`) so that it is outlined also after a click.
pub fn reveal_entry(id: &str) -> bool {
    reveal(id)
        .map(|element| element.set_attribute("data-entry-target", ""))
        .is_some()
}

/// See [`reveal_element`]; gives the element revealed.
fn reveal(id: &str) -> Option<web_sys::HtmlElement> {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())?;
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    element.scroll_into_view();
    let _ = element.focus();
    Some(element)
}

/// The page is not shown (another tab is, or the window is minimised).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Copies `text` to the clipboard; `done(true)` once copied, `done(false)`
/// when the browser refuses (for example on some `file://` pages).
pub fn copy_text(text: &str, field_id: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    // No clipboard API where the page is not a secure context (a ward
    // server on plain http): the field's text is selected and copied the
    // older way, which such a page still allows on a click.
    let navigator = window.navigator();
    let api = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    if !api {
        done(select_text(field_id) && copy_selection(&window));
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    let field_id = field_id.to_string();
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        // Refused: the text is selected, ready for the keyboard's copy.
        if !ok {
            select_text(&field_id);
        }
        done(ok);
    });
}

/// Focuses a text field and selects all its text.
fn select_text(field_id: &str) -> bool {
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(field_id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    field.is_some_and(|field| {
        let _ = field.focus();
        field.select();
        true
    })
}

/// `document.execCommand("copy")` on the current selection.
fn copy_selection(window: &web_sys::Window) -> bool {
    let Some(document) = window.document() else {
        return false;
    };
    js_sys::Reflect::get(&document, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|exec| exec.call1(&document, &"copy".into()).ok())
        .is_some_and(|copied| copied.as_bool() == Some(true))
}

/// A `<select>`'s chosen value as a DOM property (`~value={live_value(..)}`
/// in `html!`). The `selected` attribute of an option only sets what the
/// select shows until the user picks another option; the property also
/// follows later changes of the page's state (an edit loaded into a form,
/// back and forward). Native builds (server-side rendering in the tests)
/// never set properties, and create no JavaScript value.
pub fn live_value(value: &str) -> wasm_bindgen::JsValue {
    #[cfg(target_arch = "wasm32")]
    {
        wasm_bindgen::JsValue::from_str(value)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = value;
        wasm_bindgen::JsValue::UNDEFINED
    }
}

/// Sets the document's title (the tab, bookmarks, the printed page's header).
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Whether a form field holds text the browser cannot read as a value
/// (`validity.badInput`): a date field left half typed, or with a day its
/// month does not have (02/29/2027), reports an empty value, as a cleared
/// field does, and only this tells them apart.
pub fn bad_input(input: &web_sys::HtmlInputElement) -> bool {
    input.validity().bad_input()
}

/// Escape in an inline confirmation (`data-confirm`: "Yes, remove it" /
/// "Keep it") presses its safe answer (`data-safe`), as Escape backs out
/// elsewhere. Whether there was one to press.
pub fn press_safe_answer(event: &web_sys::KeyboardEvent) -> bool {
    let safe = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[data-confirm]").ok().flatten())
        .and_then(|group| group.query_selector("[data-safe]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    safe.map(|button| button.click()).is_some()
}
