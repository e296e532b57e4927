//! Focus for a question that replaces the button that asked it ("Remove…"
//! becomes "Yes, remove it" / "Keep it"): the pressed button is gone, so
//! focus moves to the safe answer while the question is open, and back to
//! the button once it is answered.

use yew::prelude::*;

/// Focuses `answer` when `open` turns true, and `asker` when it turns false
/// again (not when the component first shows with no question).
#[hook]
pub fn use_question_focus(open: bool, answer: &'static str, asker: &'static str) {
    let asked = use_mut_ref(|| false);
    use_effect_with(open, move |&open| {
        if open {
            *asked.borrow_mut() = true;
            crate::platform::dom::focus_element(answer);
        } else if *asked.borrow() {
            crate::platform::dom::focus_element(asker);
        }
    });
}
