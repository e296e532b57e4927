//! A page's heading and one-paragraph lead.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PageIntroProps {
    pub title: AttrValue,
    pub lead: AttrValue,
}

#[component]
pub fn PageIntro(props: &PageIntroProps) -> Html {
    html! {
        <>
            <h1>{ props.title.clone() }</h1>
            <p class="lead">{ props.lead.clone() }</p>
        </>
    }
}
