//! `#/calculator`: patient inputs, the step-by-step breakdown and the figures.

use yew::prelude::*;

use crate::ui::components::page_intro::PageIntro;

#[derive(Properties, PartialEq)]
pub struct CalculatorPageProps {
    /// The fragment's query part (`protocol=crps-4h&weight_kg=70`), the scenario.
    pub query: AttrValue,
}

#[component]
pub fn CalculatorPage(props: &CalculatorPageProps) -> Html {
    let _ = &props.query;
    html! {
        <PageIntro title="Calculator" lead="This page will take a patient's figures and a protocol card and show, step by step, how each factor moves an illustrative starting rate." />
    }
}
