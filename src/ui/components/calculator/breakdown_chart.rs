//! The breakdown as a chart drawn by the app (inline SVG, no library): one
//! bar per step from the base rate, through each factor, floor and cap, to
//! the final rate. The table holds the same figures for screen readers.

use yew::prelude::*;

use crate::domain::dosing::format::plain_number;
use crate::domain::dosing::{Breakdown, Step};

pub struct BreakdownChartProps<'a> {
    pub breakdown: &'a Breakdown,
    /// Scenario number (1-based), for unique element ids.
    pub scenario: usize,
}

const ROW_H: f64 = 26.0;
const LABEL_W: f64 = 250.0;
const BAR_W: f64 = 290.0;
const WIDTH: f64 = 640.0;
const LABEL_CHARS: usize = 36;

struct Bar {
    label: String,
    value: f64,
    text: String,
    kind: &'static str,
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
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
        let off = matches!(step, Step::Disabled(_));
        let kind = match step {
            Step::Disabled(_) => "bar-off",
            Step::Cap(_) | Step::Floor(_) => "bar-limit",
            _ => "bar-step",
        };
        let label = if off {
            format!("{} (off)", step.label())
        } else {
            step.label()
        };
        bars.push(Bar {
            label,
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
    let max = bars.iter().map(|bar| bar.value).fold(0.0_f64, f64::max);
    let scale = if max > 0.0 { BAR_W / max } else { 0.0 };
    let height = ROW_H * bars.len() as f64 + 8.0;
    let title_id = format!("chart-title-{}", props.scenario);
    let summary = format!(
        "Bar chart of the rate after each step, from the base rate of {} to the illustrative rate of {}. The table lists the same figures.",
        b.base.mg_per_h.display(),
        b.rate_mg_per_h.display()
    );
    html! {
        <figure class="breakdown-chart">
            <svg viewBox={format!("0 0 {} {}", plain_number(WIDTH, 1), plain_number(height, 1))} role="img" aria-labelledby={title_id.clone()}
                 preserveAspectRatio="xMinYMin meet" data-testid="breakdown-chart">
                <title id={title_id}>{ summary }</title>
                { for bars.iter().enumerate().map(|(i, bar)| {
                    let y = 4.0 + ROW_H * i as f64;
                    let w = (bar.value * scale).max(1.0);
                    html! {
                        <g class={bar.kind} data-bar-label={bar.label.clone()}>
                            <text class="chart-label" x="0" y={plain_number(y + 17.0, 1)}>{ shorten(&bar.label) }</text>
                            <rect x={plain_number(LABEL_W, 1)} y={plain_number(y + 4.0, 1)} width={plain_number(w, 1)} height="16" rx="2" />
                            <text class="chart-value" x={plain_number(LABEL_W + w + 6.0, 1)} y={plain_number(y + 17.0, 1)}>{ bar.text.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ "Rate after each step, in mg/h. Steps switched off are marked (off) and drawn dashed; caps and the floor are drawn in a second colour." }</figcaption>
        </figure>
    }
}
