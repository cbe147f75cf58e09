//! `DecisionBanner`: Allowed / Denied — explicit / Denied — implicit, and the one sentence (the
//! core's `Explanation::headline`) that says what decided it. `data-testid="decision"`,
//! `data-decision="allowed|explicitDeny|implicitDeny"` (or `none` while the request is malformed).

use std::rc::Rc;

use iam_core::Decision;
use yew::prelude::*;

use crate::analysis::{decision_str, Analysis};
use crate::components::rich::rich;

pub fn decision_banner(analysis: &Rc<Analysis>) -> Html {
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
            let Some(headline) = analysis.explanation.as_ref().as_ref().map(|x| &x.headline) else {
                return html! {};
            };
            html! {
                <div class={class} data-testid="decision" data-decision={decision_str(e.decision)} role="status" aria-live="polite"
                    aria-label={headline.text.replace('`', "")}>
                    <span class="decision-icon" aria-hidden="true">{ icon }</span>
                    <div class="decision-text">
                        <span class="decision-label">{ headline.label }</span>
                        <p class="decision-why" data-testid="headline">{ rich(&headline.why) }</p>
                    </div>
                </div>
            }
        }
    }
}
