//! `DecisionBanner`: Allowed / Denied — explicit / Denied — implicit, and the one sentence
//! (`iam_core::headline`) that says what decided it. `data-testid="decision"`,
//! `data-decision="allowed|explicitDeny|implicitDeny"` (or `none` while the request is malformed).

use iam_core::{headline, Decision};
use yew::prelude::*;

use crate::analysis::{decision_label, decision_str};
use crate::components::rich::Rich;
use crate::hooks::use_analysis;

#[function_component(DecisionBanner)]
pub fn decision_banner() -> Html {
    let Some(analysis) = use_analysis() else {
        return html! {};
    };
    match analysis.report.evaluation.as_ref() {
        None => html! {
            <div class="decision decision-none" data-testid="decision" data-decision="none" role="status" aria-live="polite">
                <span class="decision-icon" aria-hidden="true">{"…"}</span>
                <div class="decision-text">
                    <span class="decision-label">{"No decision yet"}</span>
                    <p class="decision-why">{"The request is not complete: fix the fields marked in red."}</p>
                </div>
            </div>
        },
        Some(e) => {
            let (class, icon) = match e.decision {
                Decision::Allowed => ("decision decision-allowed", "✓"),
                Decision::ExplicitDeny => ("decision decision-explicit", "✕"),
                Decision::ImplicitDeny => ("decision decision-implicit", "⊘"),
            };
            let sentence = headline(e);
            // The headline starts with the decision's own words; the label already shows them.
            let why = sentence
                .split_once(": ")
                .map(|(_, rest)| rest.to_string())
                .unwrap_or(sentence.clone());
            let why = capitalize(&why);
            html! {
                <div class={class} data-testid="decision" data-decision={decision_str(e.decision)} role="status" aria-live="polite"
                    aria-label={sentence.replace('`', "")}>
                    <span class="decision-icon" aria-hidden="true">{ icon }</span>
                    <div class="decision-text">
                        <span class="decision-label">{ decision_label(e.decision) }</span>
                        <p class="decision-why" data-testid="headline"><Rich text={why} /></p>
                    </div>
                </div>
            }
        }
    }
}

/// Upper-case the first letter of `explain`'s words (they start with ASCII; ASCII upper-casing keeps
/// Unicode's upper-case tables out of the wasm).
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}
