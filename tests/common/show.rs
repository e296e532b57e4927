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
