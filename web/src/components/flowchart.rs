//! `Flowchart`: AWS's decision path as an inline SVG — (AWS rules) → deny sweep → (S3 Block Public
//! Access) → RCPs → (VPC endpoint) → SCPs → resource policy → identity policies → boundary → session
//! policy → decision — with the path taken and the box where the evaluation stopped. A click on a box
//! scrolls to its stage in the reasoning. The boxes in parentheses appear only when the evaluation
//! has that stage.

use std::rc::Rc;

use iam_core::explain::words::outcome as outcome_label;
use iam_core::{trace::StageOutcome, Decision};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::analysis::{flow_nodes, outcome_str, Analysis, FlowNode};

// Two rows of four (or five) boxes; the path breaks from the end of the first row to the start of
// the second.
const W: i32 = 134;
const H: i32 = 46;
const GAP: i32 = 30;
const ROW_GAP: i32 = 34;
const PAD: i32 = 4;

/// Top-left corner of box `i` in rows of `columns`.
fn place(i: usize, columns: usize) -> (i32, i32) {
    let (column, row) = ((i % columns) as i32, (i / columns) as i32);
    (PAD + column * (W + GAP), PAD + row * (H + ROW_GAP))
}

fn glyph(outcome: Option<StageOutcome>) -> &'static str {
    match outcome {
        Some(StageOutcome::Pass) => "✓ passes",
        Some(StageOutcome::Allow) => "✓ allows",
        Some(StageOutcome::ExplicitDeny) => "✕ denies",
        Some(StageOutcome::ImplicitDeny) => "⊘ no allow",
        Some(StageOutcome::NotApplicable) => "– n/a",
        Some(StageOutcome::Skipped) => "not reached",
        None => "–",
    }
}

/// Scroll the reasoning to a stage and open it.
fn reveal_stage(index: usize) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("stage-{index}")))
    else {
        return;
    };
    let _ = element.set_attribute("open", "");
    element.scroll_into_view_with_bool(true);
    if let Some(summary) = element
        .query_selector("summary")
        .ok()
        .flatten()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = summary.focus();
    }
}

pub fn flowchart(analysis: &Rc<Analysis>) -> Html {
    let Some(evaluation) = analysis.report.evaluation.as_ref() else {
        return html! {};
    };
    let nodes = flow_nodes(evaluation);
    let stop = nodes
        .iter()
        .position(|n| n.stopped)
        .unwrap_or(nodes.len().saturating_sub(1));
    let columns = nodes.len().div_ceil(2).max(1);
    let width = columns as i32 * (W + GAP) - GAP + 2 * PAD;
    let height = 2 * H + ROW_GAP + 2 * PAD;
    let decision_class = match evaluation.decision {
        Decision::Allowed => "allow",
        Decision::ExplicitDeny => "explicitDeny",
        Decision::ImplicitDeny => "implicitDeny",
    };
    let summary = nodes
        .iter()
        .map(|n| {
            format!(
                "{}: {}",
                n.label,
                n.outcome
                    .map(outcome_label)
                    .unwrap_or("not in this evaluation")
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let stopped_at = nodes.get(stop).map(|n| n.label).unwrap_or("Decision");
    let boxes = nodes.iter().enumerate().map(|(i, node): (usize, &FlowNode)| {
        let (x, y) = place(i, columns);
        let is_final = node.key == "final";
        let outcome_class = if is_final {
            decision_class.to_string()
        } else {
            node.outcome.map(outcome_str).unwrap_or("absent").to_string()
        };
        let class = classes!(
            "flow-node",
            format!("flow-{outcome_class}"),
            node.stopped.then_some("flow-stopped"),
            (i > stop && !is_final).then_some("flow-after"),
        );
        let onclick = node.stage.map(|index| Callback::from(move |_: MouseEvent| reveal_stage(index)));
        let onkeydown = node.stage.map(|index| {
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    reveal_stage(index);
                }
            })
        });
        let caption = if is_final {
            match evaluation.decision {
                Decision::Allowed => "✓ Allowed",
                Decision::ExplicitDeny => "✕ Denied",
                Decision::ImplicitDeny => "⊘ Denied",
            }
        } else {
            glyph(node.outcome)
        };
        html! {
            <g class={class} data-testid="flow-node" data-node={node.key} data-outcome={outcome_class.clone()}
                data-stopped={node.stopped.to_string()} transform={format!("translate({x},{y})")}
                tabindex={node.stage.map(|_| "0")} role={node.stage.map(|_| "button")}
                onclick={onclick} onkeydown={onkeydown}>
                <rect width={W.to_string()} height={H.to_string()} rx="10" />
                <text class="flow-label" x={(W / 2).to_string()} y="19" text-anchor="middle">{ node.label }</text>
                <text class="flow-caption" x={(W / 2).to_string()} y="36" text-anchor="middle">{ caption }</text>
            </g>
        }
    });
    let arrows = (0..nodes.len().saturating_sub(1)).map(|i| {
        let (x1, y1) = place(i, columns);
        let (x2, y2) = place(i + 1, columns);
        let taken = i < stop;
        // Within a row: a straight arrow. From the row's end to the next row's start: an elbow.
        let d = if y1 == y2 {
            format!("M{} {} H{}", x1 + W + 2, y1 + H / 2, x2 - 4)
        } else {
            let mid = y1 + H + ROW_GAP / 2;
            format!("M{} {} V{} H{} V{}", x1 + W / 2, y1 + H + 2, mid, x2 + W / 2, y2 - 4)
        };
        html! {
            <path class={classes!("flow-arrow", taken.then_some("flow-arrow-taken"))} d={d} fill="none"
                marker-end={if taken { "url(#flow-head-taken)" } else { "url(#flow-head)" }} />
        }
    });
    html! {
        <figure class="flow" data-testid="flowchart">
            <svg viewBox={format!("0 0 {width} {height}")} role="group"
                aria-label={format!("AWS evaluation path, stopped at {stopped_at}. {summary}")}>
                <defs>
                    <marker id="flow-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="flow-head" />
                    </marker>
                    <marker id="flow-head-taken" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="flow-head-taken" />
                    </marker>
                </defs>
                { for arrows }
                { for boxes }
            </svg>
        </figure>
    }
}
