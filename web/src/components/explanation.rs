//! `Explanation`: the reasoning, stage by stage in AWS's order. Each stage (a `<details>`, so it
//! opens with Enter or Space) shows its sentence from `explain`, links to the AWS page it follows,
//! and expands to the statements it looked at (see `StatementView`). Then the policies that took no
//! part, and the notes on points where AWS's documentation is ambiguous.

use iam_core::{NotApplicable, StageKind, StageOutcome};
use yew::prelude::*;

use crate::analysis::{
    decision_label, outcome_label, outcome_str, stage_kind_str, stage_statements, stage_texts,
};
use crate::components::flowchart::Flowchart;
use crate::components::rich::Rich;
use crate::components::statement_view::StatementView;
use crate::hooks::{use_analysis, use_playground};
use crate::state::Action;

fn not_applicable_text(reason: NotApplicable) -> &'static str {
    match reason {
        NotApplicable::OffPath => "attached to a node that is not on the account's path",
        NotApplicable::OrgExempt => "SCPs/RCPs do not apply to this principal or resource",
        NotApplicable::NoSuchIdentity => "this principal has no identity policies or boundary",
        NotApplicable::NotASession => "session policies apply only to sessions",
        NotApplicable::NotThroughEndpoint => "the request does not go through a VPC endpoint",
    }
}

#[function_component(Explanation)]
pub fn explanation() -> Html {
    let (Some(state), Some(analysis)) = (use_playground(), use_analysis()) else {
        return html! {};
    };
    let Some(e) = analysis.report.evaluation.as_ref() else {
        return html! {
            <section class="card reasoning" aria-label="Reasoning">
                <header class="section-head"><h2>{"Reasoning"}</h2></header>
                <p class="empty">{"The reasoning appears as soon as the request is complete."}</p>
            </section>
        };
    };
    let texts = stage_texts(e, &analysis.steps);
    let determining: Vec<(usize, usize)> = e
        .determining
        .iter()
        .map(|r| (r.policy, r.statement))
        .collect();
    let leave = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Hover(None)))
    };
    let stages = e.stages.iter().enumerate().map(|(i, stage)| {
        let text = texts.get(i).cloned().flatten();
        let is_final = matches!(stage.kind, StageKind::Final);
        let title = match (&text, is_final) {
            (_, true) => "Decision".to_string(),
            (Some(t), _) => t.title.clone(),
            (None, _) => stage_kind_str(&stage.kind).to_string(),
        };
        let sentence = if is_final { format!("{}.", decision_label(e.decision)) } else { text.map(|t| t.sentence).unwrap_or_default() };
        let decisive = i == e.decided_by;
        let open = decisive || matches!(stage.outcome, StageOutcome::ExplicitDeny | StageOutcome::ImplicitDeny);
        let statements = if matches!(stage.outcome, StageOutcome::Skipped) || is_final { Vec::new() } else { stage_statements(e, stage) };
        let outcome = if is_final {
            match e.decision {
                iam_core::Decision::Allowed => "allow",
                iam_core::Decision::ExplicitDeny => "explicitDeny",
                iam_core::Decision::ImplicitDeny => "implicitDeny",
            }
        } else {
            outcome_str(stage.outcome)
        };
        let badge = if is_final { decision_label(e.decision) } else { outcome_label(stage.outcome) };
        let body = if statements.is_empty() {
            html! {
                if !is_final && !matches!(stage.outcome, StageOutcome::Skipped) {
                    <p class="empty">{"No statements to check at this stage."}</p>
                }
            }
        } else {
            html! {
                <ul class="statements">
                    { for statements.iter().map(|(policy, position)| {
                        let index = e.policies.get(*policy).and_then(|p| p.statements.get(*position)).map(|s| s.index).unwrap_or(*position);
                        let is_determining = stage.statements.iter().any(|r| r.policy == *policy && r.statement == index)
                            || (decisive && determining.contains(&(*policy, index)));
                        html! {
                            <StatementView key={format!("{i}-{policy}-{position}")} policy={*policy} position={*position}
                                determining={is_determining} open={is_determining && open} />
                        }
                    }) }
                </ul>
            }
        };
        html! {
            <li key={i.to_string()}>
                <details id={format!("stage-{i}")} class={classes!("stage", format!("stage-{outcome}"), decisive.then_some("stage-decisive"))}
                    data-testid="stage" data-stage={stage_kind_str(&stage.kind)} data-outcome={outcome} open={open}>
                    <summary>
                        <span class="stage-num" aria-hidden="true">{ i + 1 }</span>
                        <span class="stage-main">
                            <span class="stage-title">
                                { title }
                                <span class={classes!("badge", format!("badge-{outcome}"))}>{ badge }</span>
                                if decisive { <span class="badge badge-decisive">{"decided here"}</span> }
                            </span>
                            <span class="stage-sentence"><Rich text={sentence} /></span>
                        </span>
                        if !is_final {
                            <a class="stage-doc" href={stage.doc} target="_blank" rel="noopener noreferrer"
                                title="The AWS documentation page this step follows" aria-label={format!("AWS documentation for stage {}", i + 1)}>
                                {"AWS docs ↗"}
                            </a>
                        }
                    </summary>
                    <div class="stage-body">{ body }</div>
                </details>
            </li>
        }
    });
    let idle: Vec<Html> = e
        .policies
        .iter()
        .filter(|p| !p.applies)
        .map(|p| {
            let reason = p
                .not_applicable
                .map(not_applicable_text)
                .unwrap_or("it does not apply to this request");
            html! { <li><code>{ p.name.clone() }</code>{ format!(" — {reason}") }</li> }
        })
        .collect();
    let notes = analysis.steps.iter().filter(|s| s.tone == "note").map(|step| {
        let target = step.target;
        let onclick = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(t) = target {
                    state.dispatch(Action::Focus { policy: t.policy, span: t.span });
                }
            })
        };
        html! {
            <li class={classes!("note", target.is_some().then_some("clickable"))} onclick={onclick} data-testid="note">
                <Rich text={step.text.clone()} />
            </li>
        }
    });
    html! {
        <section class="card reasoning" aria-label="Reasoning" onmouseleave={leave}>
            <header class="section-head">
                <h2>{"Reasoning"}</h2>
                <span class="muted">{"in AWS's evaluation order — click a step to see it in the policy"}</span>
            </header>
            if !state.embed { <Flowchart /> }
            <ol class="stages">{ for stages }</ol>
            if !idle.is_empty() {
                <div class="idle">
                    <h3>{"Policies that take no part"}</h3>
                    <ul>{ for idle }</ul>
                </div>
            }
            if analysis.steps.iter().any(|s| s.tone == "note") {
                <div class="notes">
                    <h3>{"Where AWS's documentation is ambiguous"}</h3>
                    <ul>{ for notes }</ul>
                </div>
            }
        </section>
    }
}
