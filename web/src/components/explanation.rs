//! `Explanation`: the reasoning, stage by stage in AWS's order. Each stage (a `<details>`, so it
//! opens with Enter or Space) shows its title and sentence from the core's [`iam_core::Explanation`],
//! links to the AWS page it follows, and expands to the statements it looked at (see
//! `statement_view`). Then the policies that took no part, and the notes on points where AWS's
//! documentation is ambiguous. Every word about IAM comes from the core.

use std::rc::Rc;

use iam_core::{trace::StageKind, trace::StageOutcome};
use yew::prelude::*;

use crate::analysis::{stage_kind_str, Analysis};
use crate::catalog::{CatalogContext, Expansions};
use crate::components::flowchart::flowchart;
use crate::components::rich::rich;
use crate::components::statement_view::statement_view;
use crate::hooks::{PlaygroundContext, Pointer};

/// The reasoning of `analysis` (a [`Reasoning`] component: drawn again only when the analysis, the
/// documents or the catalog's expansions change — not when the pointer moves).
pub fn explanation(
    state: &PlaygroundContext,
    pointer: &Pointer,
    analysis: &Rc<Analysis>,
    cat: &CatalogContext,
) -> Html {
    html! {
        <Reasoning analysis={analysis.clone()} pointer={pointer.clone()}
            expansions={cat.expansions.clone()} flowchart={!state.embed} />
    }
}

#[derive(Properties, PartialEq)]
pub struct ReasoningProps {
    pub analysis: Rc<Analysis>,
    pub pointer: Pointer,
    /// The catalog's expansions of action patterns ("matches 63 actions").
    pub expansions: Rc<Expansions>,
    /// Whether the decision path is drawn above the stages (not in embed mode).
    pub flowchart: bool,
}

/// Which `<details>` of the reasoning the user opened or closed: by key, the state the page would
/// have shown and the one chosen. A choice holds while the page would still show the same state (as
/// the browser's own state did while the element's `open` attribute did not change).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Toggled(Vec<(String, bool, bool)>);

impl Toggled {
    /// Whether the `<details>` `key` is open, the page showing it `default` unless toggled.
    pub fn is_open(&self, key: &str, default: bool) -> bool {
        match self.0.iter().find(|(k, _, _)| k == key) {
            Some(&(_, shown, chosen)) if shown == default => chosen,
            _ => default,
        }
    }
}

impl Reducible for Toggled {
    /// `(key, what the page showed, what the user chose)`.
    type Action = (String, bool, bool);
    fn reduce(self: Rc<Self>, (key, default, open): Self::Action) -> Rc<Self> {
        if self.is_open(&key, default) == open {
            return self;
        }
        let mut next = (*self).clone();
        next.0.retain(|(k, _, _)| *k != key);
        next.0.push((key, default, open));
        Rc::new(next)
    }
}

/// Renders a `<details>` body only while it is open: its state, and the `ontoggle` handler that
/// records the user's choice.
pub struct Disclosure {
    toggled: UseReducerHandle<Toggled>,
}

/// How many statements a stage shows besides those that decided it, before a "Show the other
/// statements" button.
pub const SHOWN_STATEMENTS: usize = 25;

impl Disclosure {
    /// A button's handler that opens `key` for good (a stage's other statements).
    pub fn show(&self, key: String) -> Callback<MouseEvent> {
        let toggled = self.toggled.dispatcher();
        Callback::from(move |_: MouseEvent| toggled.dispatch((key.clone(), false, true)))
    }

    /// Whether `key` is open, and the handler for its `ontoggle`.
    pub fn open(&self, key: String, default: bool) -> (bool, Callback<Event>) {
        let open = self.toggled.is_open(&key, default);
        let toggled = self.toggled.dispatcher();
        let ontoggle = Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                toggled.dispatch((key.clone(), default, el.has_attribute("open")));
            }
        });
        (open, ontoggle)
    }
}

// long: one component: the stages (each a <details>), the idle policies and the notes
#[function_component(Reasoning)]
pub fn reasoning(props: &ReasoningProps) -> Html {
    let disclosure = Disclosure {
        toggled: use_reducer(Toggled::default),
    };
    let analysis = &props.analysis;
    let pointer = &props.pointer;
    let Some(x) = analysis.explanation.as_ref().as_ref() else {
        return html! {
            <section class="card reasoning" aria-label="Reasoning">
                <header class="section-head"><h2>{"Reasoning"}</h2></header>
                <p class="empty">{"The reasoning appears as soon as the request is complete."}</p>
            </section>
        };
    };
    let leave = {
        let pointer = pointer.clone();
        Callback::from(move |_: MouseEvent| pointer.hover(None))
    };
    let stages = x.stages.iter().map(|stage| {
        let i = stage.index;
        let is_final = matches!(stage.kind, StageKind::Final);
        let decisive = stage.decisive;
        let shown = decisive || matches!(stage.outcome, StageOutcome::ExplicitDeny | StageOutcome::ImplicitDeny);
        // A closed stage's statements (200 of them in a large scenario) are rendered when it opens.
        let (open, ontoggle) = disclosure.open(format!("stage-{i}"), shown);
        // `data-outcome`: the stage's outcome, or the decision for the final stage.
        let outcome = stage.tone.as_str();
        let body = if !open {
            html! {}
        } else if stage.statements.is_empty() {
            html! {
                if !is_final && !matches!(stage.outcome, StageOutcome::Skipped) {
                    <p class="empty">{"No statements to check at this stage."}</p>
                }
            }
        } else {
            // The statements that decided the stage and the first SHOWN_STATEMENTS others; the
            // rest behind a button (a stage may list thousands).
            let all_key = format!("all-{i}");
            let all = disclosure.toggled.is_open(&all_key, false);
            let mut others = 0;
            let rows: Vec<_> = stage
                .statements
                .iter()
                .filter(|st| {
                    others += usize::from(!st.determining);
                    all || st.determining || others <= SHOWN_STATEMENTS
                })
                .collect();
            let hidden = others.saturating_sub(SHOWN_STATEMENTS);
            html! {
                <>
                <ul class="statements">
                    { for rows.into_iter().map(|st| {
                        let key = format!("{i}-{}-{}", st.policy, st.position);
                        let (open, ontoggle) = disclosure.open(key.clone(), st.determining && shown);
                        statement_view(key, st, (open, ontoggle), pointer, analysis, &props.expansions)
                    }) }
                </ul>
                if !all && hidden > 0 {
                    <button type="button" class="btn btn-small" data-testid="show-all-statements"
                        onclick={disclosure.show(all_key)}>
                        { format!("Show the {hidden} other statements") }
                    </button>
                }
                </>
            }
        };
        // The link to AWS's page sits beside the summary, not in it: a link inside the summary (a
        // control itself) would be a control inside a control.
        html! {
            <li key={i.to_string()} class={classes!("stage-item", stage.doc.is_some().then_some("has-doc"))}>
                <details id={format!("stage-{i}")} class={classes!("stage", format!("stage-{outcome}"), decisive.then_some("stage-decisive"))}
                    data-testid="stage" data-stage={stage_kind_str(&stage.kind)} data-outcome={outcome} open={open} ontoggle={ontoggle}>
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
                let target = note.target.and_then(|t| pointer.target(analysis, t.policy, t.span));
                let onclick = {
                    let pointer = pointer.clone();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(target) = target {
                            pointer.focus(target);
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
            if props.flowchart { { flowchart(analysis) } }
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

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::Toggled;

    /// A reader's choice holds while the page would show the step the same way; when the page's
    /// own choice changes (the step decides now, or no longer), the page's choice wins, as the
    /// browser's did when the `open` attribute changed.
    #[test]
    fn a_readers_choice_holds_until_the_page_changes_its_own() {
        let t = Rc::new(Toggled::default());
        assert!(!t.is_open("stage-2", false));
        assert!(t.is_open("stage-2", true));
        let opened = t.clone().reduce(("stage-2".into(), false, true));
        assert!(opened.is_open("stage-2", false), "opened by the reader");
        assert!(!opened.is_open("stage-3", false), "only that one");
        assert!(opened.is_open("stage-2", true));
        let closed = opened.clone().reduce(("stage-2".into(), true, false));
        assert!(
            !closed.is_open("stage-2", true),
            "closed by the reader while it decides"
        );
        assert!(!closed.is_open("stage-2", false));
        let same = closed.clone().reduce(("stage-2".into(), false, false));
        assert!(Rc::ptr_eq(&closed, &same), "no change, no render");
    }
}
