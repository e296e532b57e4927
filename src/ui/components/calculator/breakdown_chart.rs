//! The breakdown as a chart drawn by the app (no library): one bar per step
//! from the base rate, through each factor, floor and cap, to the final rate.
//! The labels and figures are page text, so they keep the page's size at any
//! width (a whole-chart SVG shrank them to 5 px on a phone); each bar is a
//! small SVG stretched to its row (an SVG attribute, not an inline style,
//! which the Content-Security-Policy refuses). The table holds the same
//! figures for screen readers.

use yew::prelude::*;

use crate::domain::dosing::format::plain_number;
use crate::domain::dosing::{Breakdown, Step};

pub struct BreakdownChartProps<'a> {
    pub breakdown: &'a Breakdown,
    /// Scenario number (1-based), for unique element ids.
    pub scenario: usize,
}

struct Bar {
    label: String,
    value: f64,
    text: String,
    kind: &'static str,
}

/// A bar's length in percent of the longest (`max`, the largest finite
/// figure): at least a sliver, and no bar for a figure that is not a number
/// ("not available" in the table).
fn bar_percent(value: f64, max: f64) -> f64 {
    let p = if max > 0.0 { value / max * 100.0 } else { 0.0 };
    if p.is_finite() {
        p.clamp(0.5, 100.0)
    } else {
        0.0
    }
}

/// The chart for one breakdown.
pub fn breakdown_chart(props: &BreakdownChartProps) -> Html {
    let b = props.breakdown;
    let mut bars = vec![Bar {
        label: "Base rate".into(),
        value: b.base.mg_per_h.0,
        text: b.base.mg_per_h.display(),
        kind: "bar-base",
    }];
    for step in &b.steps {
        let kind = match step {
            Step::Disabled(_) => "bar-off",
            Step::Cap(_) | Step::Floor(_) => "bar-limit",
            _ => "bar-step",
        };
        // A step switched off says so in its label ("(switched off)").
        bars.push(Bar {
            label: step.label(),
            value: step.rate_after().0,
            text: step.rate_after().display(),
            kind,
        });
    }
    bars.push(Bar {
        label: "Illustrative rate".into(),
        value: b.rate_mg_per_h.0,
        text: b.rate_mg_per_h.display(),
        kind: "bar-final",
    });
    let max = bars
        .iter()
        .map(|bar| bar.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let summary = format!(
        "Bar chart of the rate after each step, from the base rate of {} to the illustrative rate of {}. The table lists the same figures.",
        b.base.mg_per_h.display(),
        b.rate_mg_per_h.display()
    );
    html! {
        <figure class="breakdown-chart">
            // Named by the summary alone (read once: the name, not also as text).
            <div class="chart" role="img" aria-label={summary} data-testid="breakdown-chart">
                { for bars.iter().map(|bar| html! {
                    <div class={classes!("chart-row", bar.kind)} data-bar-label={bar.label.clone()}>
                        <span class="chart-label">{ bar.label.clone() }</span>
                        <svg class="chart-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect x="0" y="0" width={plain_number(bar_percent(bar.value, max), 1)} height="10" />
                        </svg>
                        <span class="chart-value">{ bar.text.clone() }</span>
                    </div>
                }) }
            </div>
            <figcaption>{ crate::ui::components::keep_units("Rate after each step, in mg/h. Steps switched off say so and are drawn dashed; caps and the floor are drawn in a second colour.") }</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_percent;

    #[test]
    fn bars_are_in_proportion_and_a_figure_that_is_no_number_draws_none() {
        assert_eq!(bar_percent(28.0, 28.0), 100.0);
        assert_eq!(bar_percent(14.0, 28.0), 50.0);
        assert_eq!(bar_percent(0.0, 28.0), 0.5, "a sliver");
        assert_eq!(bar_percent(f64::INFINITY, 28.0), 0.0);
        assert_eq!(bar_percent(f64::NAN, 28.0), 0.0);
        assert_eq!(bar_percent(5.0, 0.0), 0.5);
    }
}
