//! `Explanation`: the reasoning, stage by stage in AWS's order. Each stage (a `<details>`, so it
//! opens with Enter or Space) shows its title and sentence from the core's [`iam_core::Explanation`],
//! links to the AWS page it follows, and expands to the statements it looked at (see
//! `statement_view`). Then the policies that took no part, and the notes on points where AWS's
//! documentation is ambiguous. Every word about IAM comes from the core.

use std::rc::Rc;

use iam_core::{trace::StageKind, trace::StageOutcome};
use yew::prelude::*;

use crate::analysis::{stage_kind_str, Analysis};
use crate::catalog::CatalogContext;
use crate::components::flowchart::flowchart;
use crate::components::rich::rich;
use crate::components::statement_view::statement_view;
use crate::hooks::PlaygroundContext;
use crate::state::Action;

pub fn explanation(
    state: &PlaygroundContext,
    analysis: &Rc<Analysis>,
    cat: &CatalogContext,
) -> Html {
    let Some(x) = analysis.explanation.as_ref().as_ref() else {
        return html! {
            <section class="card reasoning" aria-label="Reasoning">
                <header class="section-head"><h2>{"Reasoning"}</h2></header>
                <p class="empty">{"The reasoning appears as soon as the request is complete."}</p>
            </section>
        };
    };
    let leave = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Hover(None)))
    };
    let stages = x.stages.iter().map(|stage| {
        let i = stage.index;
        let is_final = matches!(stage.kind, StageKind::Final);
        let decisive = stage.decisive;
        let open = decisive || matches!(stage.outcome, StageOutcome::ExplicitDeny | StageOutcome::ImplicitDeny);
        // `data-outcome`: the stage's outcome, or the decision for the final stage.
        let outcome = stage.tone.as_str();
        let body = if stage.statements.is_empty() {
            html! {
                if !is_final && !matches!(stage.outcome, StageOutcome::Skipped) {
                    <p class="empty">{"No statements to check at this stage."}</p>
                }
            }
        } else {
            html! {
                <ul class="statements">
                    { for stage.statements.iter().map(|st| {
                        let key = format!("{i}-{}-{}", st.policy, st.position);
                        statement_view(key, st, st.determining && open, state, analysis, cat)
                    }) }
                </ul>
            }
        };
        // The link to AWS's page sits beside the summary, not in it: a link inside the summary (a
        // control itself) would be a control inside a control.
        html! {
            <li key={i.to_string()} class={classes!("stage-item", stage.doc.is_some().then_some("has-doc"))}>
                <details id={format!("stage-{i}")} class={classes!("stage", format!("stage-{outcome}"), decisive.then_some("stage-decisive"))}
                    data-testid="stage" data-stage={stage_kind_str(&stage.kind)} data-outcome={outcome} open={open}>
                    <summary>
                        <span class="stage-num" aria-hidden="true">{ i + 1 }</span>
                        <span class="stage-main">
                            <span class="stage-title">
                                { stage.title.clone() }
                                <span class={classes!("badge", format!("badge-{outcome}"))}>{ stage.badge }</span>
                                if decisive { <span class="badge badge-decisive">{"decided here"}</span> }
                            </span>
                            <span class="stage-sentence">{ rich(&stage.sentence) }</span>
                        </span>
                    </summary>
                    <div class="stage-body">{ body }</div>
                </details>
                if let Some(doc) = stage.doc {
                    <a class="stage-doc" href={doc} target="_blank" rel="noopener noreferrer"
                        title="The AWS documentation page this step follows">
                        {"AWS docs"}<span class="visually-hidden">{ format!(" for step {} (opens in a new tab)", i + 1) }</span>
                        <span aria-hidden="true">{" ↗"}</span>
                    </a>
                }
            </li>
        }
    });
    let idle: Vec<Html> = x
        .idle
        .iter()
        .map(|p| html! { <li><code>{ p.name.clone() }</code>{ format!(" — {}", p.reason) }</li> })
        .collect();
    // Notes in three groups: AWS's rules, iamplay's assumptions, how iamplay works (the core says
    // which is which and heads each group).
    let note_groups = iam_core::explain::NoteKind::ALL.iter().filter_map(|kind| {
        let items: Vec<Html> = x
            .notes
            .iter()
            .filter(|n| n.kind == *kind)
            .map(|note| {
                let target = note.target.map(|t| (analysis.doc(t.policy), t.span));
                let onclick = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| {
                        if let Some((policy, span)) = target {
                            state.dispatch(Action::Focus { policy, span });
                        }
                    })
                };
                html! {
                    <li class={classes!("note", target.is_some().then_some("clickable"))} onclick={onclick} data-testid="note"
                        data-note={note.id.as_str()}>
                        { rich(iam_core::explain::note_text(note.id)) }
                        if note.kind == iam_core::explain::NoteKind::Assumption {
                            <crate::components::note_why::NoteWhy id={note.id.as_str()} />
                        }
                    </li>
                }
            })
            .collect();
        (!items.is_empty()).then(|| {
            html! {
                <>
                    <h3>{ kind.heading() }</h3>
                    <ul>{ for items }</ul>
                </>
            }
        })
    });
    html! {
        <section class="card reasoning" aria-label="Reasoning" onmouseleave={leave}>
            <header class="section-head">
                <h2>{"Reasoning"}</h2>
                <span class="muted">{"in AWS's evaluation order — click a step to see it in the policy"}</span>
            </header>
            if !state.embed { { flowchart(analysis) } }
            <ol class="stages">{ for stages }</ol>
            if !idle.is_empty() {
                <div class="idle">
                    <h3>{"Policies that take no part"}</h3>
                    <ul>{ for idle }</ul>
                </div>
            }
            if !x.notes.is_empty() {
                <div class="notes">
                    { for note_groups }
                </div>
            }
        </section>
    }
}
