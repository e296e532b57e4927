//! Renders markup that a plain function builds (a page or a piece without
//! state of its own, which is not a component) to HTML with Yew's server
//! renderer, through a one-line component.

use std::rc::Rc;

use yew::prelude::*;
use yew::LocalServerRenderer;

#[derive(Properties)]
pub struct ShowProps {
    pub view: Rc<dyn Fn() -> Html>,
}

impl PartialEq for ShowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

#[component]
fn Show(props: &ShowProps) -> Html {
    (props.view)()
}

/// The HTML of what `view` builds.
pub async fn render_view(view: impl Fn() -> Html + 'static) -> String {
    LocalServerRenderer::<Show>::with_props(ShowProps {
        view: Rc::new(view),
    })
    .hydratable(false)
    .render()
    .await
}

/// The text of rendered markup as a copy or a screen reader gets it: the
/// tags dropped and nothing put in their place (a missing space shows),
/// but a line break read as one.
#[allow(dead_code)] // not every test file that includes this module uses it
pub fn text_of(html: &str) -> String {
    let text = html.replace("<br>", " ").replace("<br/>", " ");
    let mut out = String::new();
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
