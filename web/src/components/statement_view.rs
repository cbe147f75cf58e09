//! `statement_view`: one statement of one policy — whether it applies, then its Principal, Action,
//! Resource and Condition results, each condition key as a row of key, request value(s), policy
//! value(s) after variable substitution, and result. Hovering any part highlights its span in the
//! editor; clicking selects it and scrolls there (switching tabs).

use std::rc::Rc;

use iam_core::explain::words::{key_rule, principal_match};
use iam_core::{
    explain::StatementExplanation, policy::Effect, request::ContextValue, trace::StatementTrace,
    Span,
};
use yew::prelude::*;
use yew::virtual_dom::VList;

use crate::analysis::Analysis;
use crate::catalog::Expansions;
use crate::components::rich::rich;
use crate::hooks::Pointer;
use crate::state::Target;

/// Mouse and click handlers that point the editor at a span of one document (`None`: a derived
/// policy with no document, nothing to point at).
struct Spans<'a> {
    pointer: &'a Pointer,
    doc: Option<u32>,
}

impl Spans<'_> {
    fn target(&self, span: Span) -> Option<Target> {
        self.doc.map(|doc| Target { doc, span })
    }
    fn enter(&self, span: Span) -> Callback<MouseEvent> {
        let pointer = self.pointer.clone();
        let target = self.target(span);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            pointer.hover(target)
        })
    }
    fn click(&self, span: Span) -> Callback<MouseEvent> {
        let pointer = self.pointer.clone();
        let target = self.target(span);
        Callback::from(move |_: MouseEvent| {
            if let Some(target) = target {
                pointer.focus(target);
            }
        })
    }
    fn focus(&self, span: Span) -> Callback<FocusEvent> {
        let pointer = self.pointer.clone();
        let target = self.target(span);
        Callback::from(move |_: FocusEvent| pointer.hover(target))
    }
    fn blur(&self) -> Callback<FocusEvent> {
        let pointer = self.pointer.clone();
        Callback::from(move |_: FocusEvent| pointer.hover(None))
    }
}

fn mark(matched: bool) -> Html {
    if matched {
        html! { <span class="mark mark-yes" aria-label="matches">{"✓"}</span> }
    } else {
        html! { <span class="mark mark-no" aria-label="does not match">{"✗"}</span> }
    }
}

fn show_value(value: &ContextValue) -> String {
    match value {
        ContextValue::Single(v) => v.clone(),
        ContextValue::Multi(vs) => format!("[{}]", vs.join(", ")),
    }
}

/// "matches 63 actions", opening to the list (from the catalog; nothing until it is loaded).
fn expansion(pattern: &str, found: Option<crate::catalog::Expansion>) -> Html {
    let Some(x) = found else {
        return html! {};
    };
    // A plain action name that exists says nothing new.
    let plain = !pattern.contains(['*', '?']);
    if plain && x.count == 1 {
        return html! {};
    }
    let label = match x.count {
        0 if plain => "unknown action".to_string(),
        0 => "matches no action".to_string(),
        1 => "matches 1 action".to_string(),
        n => format!("matches {n} actions"),
    };
    html! {
        <details class={classes!("expansion", (x.count == 0).then_some("expansion-none"))} data-testid="action-expansion"
            data-pattern={pattern.to_string()} data-count={x.count.to_string()} onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
            <summary>{ label }</summary>
            if x.count > 0 {
                <ul class="expansion-list">
                    { for x.names.iter().map(|n| html! { <li><code>{ n.clone() }</code></li> }) }
                    if x.count > x.names.len() {
                        <li class="muted">{ format!("… and {} more", x.count - x.names.len()) }</li>
                    }
                </ul>
            }
        </details>
    }
}

/// One statement (`words`: the statement as the core explains it — which statement, its label,
/// verdict and lines) as an `<li>` with `key` (nothing, with that key, if the analysis does not
/// have it). `open`: whether its `<details>` is open, and its `ontoggle`; a closed statement's
/// elements are not rendered (they are when it opens).
// long: one statement's html! tree: its elements and its condition table
pub fn statement_view(
    key: String,
    words: &StatementExplanation,
    (open, ontoggle): (bool, Callback<Event>),
    pointer: &Pointer,
    analysis: &Analysis,
    expansions: &Expansions,
) -> Html {
    let Some(st): Option<&StatementTrace> = analysis
        .report
        .evaluation
        .as_ref()
        .and_then(|evaluation| evaluation.policies.get(words.policy))
        .and_then(|policy| policy.statements.get(words.position))
    else {
        return Html::VList(Rc::new(VList::with_children(Vec::new(), Some(key.into()))));
    };
    let pointer = Spans {
        pointer,
        doc: pointer
            .target(analysis, words.policy, st.span)
            .map(|t| t.doc),
    };
    let label = words.label.clone();
    let effect = words.effect;
    let effect_class = match st.effect {
        Some(Effect::Allow) => "effect-allow",
        Some(Effect::Deny) => "effect-deny",
        None => "effect-none",
    };
    let verdict = words.verdict;
    let lines: Vec<String> = words
        .lines
        .iter()
        .filter(|_| open)
        .map(|l| l.text.clone())
        .collect();

    let mut rows: Vec<Html> = Vec::new();
    if let Some(p) = st.principal.as_ref().filter(|_| open) {
        let name = if p.negated {
            "NotPrincipal"
        } else {
            "Principal"
        };
        let span = p
            .entries
            .iter()
            .find(|e| e.matched_by.is_some())
            .map(|e| e.span)
            .unwrap_or(p.key_span);
        rows.push(html! {
            <li class="element" data-element="principal" onmouseenter={pointer.enter(span)} onclick={pointer.click(span)}>
                { mark(p.matched) }
                <span class="element-name">{ name }</span>
                <span class="chips">
                    if p.implicit {
                        <span class="chip chip-note">{"not given — read as *"}</span>
                    }
                    { for p.entries.iter().map(|entry| {
                        let hit = entry.matched_by.is_some();
                        html! {
                            <span class={classes!("chip", hit.then_some("chip-hit"))} onmouseenter={pointer.enter(entry.span)}
                                title={entry.matched_by.map(principal_match).unwrap_or_default()}>
                                { entry.value.clone() }
                            </span>
                        }
                    }) }
                    if !p.not_listed.is_empty() {
                        <span class="chip chip-note">{ format!("not listed: {}", p.not_listed.join(", ")) }</span>
                    }
                    if p.boundary_never_exempt {
                        <span class="chip chip-note">{"has a permissions boundary: never exempt"}</span>
                    }
                </span>
            </li>
        });
    }
    for (name, element) in [("Action", &st.action), ("Resource", &st.resource)] {
        let Some(el) = element.as_ref().filter(|_| open) else {
            continue;
        };
        let label = if el.negated {
            format!("Not{name}")
        } else {
            name.to_string()
        };
        let span = el
            .values
            .iter()
            .find(|v| v.matched)
            .map(|v| v.span)
            .unwrap_or(el.key_span);
        rows.push(html! {
            <li class="element" data-element={name.to_ascii_lowercase()} onmouseenter={pointer.enter(span)} onclick={pointer.click(span)}>
                { mark(el.matched) }
                <span class="element-name">{ label }</span>
                <span class="chips">
                    if el.implicit {
                        <span class="chip chip-note">{"not given — the role this trust policy belongs to"}</span>
                    }
                    { for el.values.iter().map(|v| html! {
                        <>
                        <span class={classes!("chip", v.matched.then_some("chip-hit"), (!v.unresolved.is_empty()).then_some("chip-unresolved"))}
                            onmouseenter={pointer.enter(v.span)}>
                            { v.text.clone() }
                            if let Some(r) = &v.resolved { <span class="resolved">{ format!(" → {r}") }</span> }
                            if !v.unresolved.is_empty() {
                                <span class="resolved">{ format!(" (no value for {})", v.unresolved.iter().map(|u| format!("${{{u}}}")).collect::<Vec<_>>().join(", ")) }</span>
                            }
                        </span>
                        if name == "Action" {
                            { expansion(&v.text, expansions.get(&v.text).cloned()) }
                        }
                        </>
                    }) }
                </span>
            </li>
        });
    }
    let condition = st.condition.as_ref().filter(|_| open).map(|c| {
        let key_rows = c.operators.iter().flat_map(|op| {
            let op_rows: Vec<Html> = if op.keys.is_empty() {
                vec![html! {
                    <tr onmouseenter={pointer.enter(op.span)} onclick={pointer.click(op.span)}>
                        <td><code>{ op.operator.clone() }</code></td>
                        <td colspan="3" class="muted">{"unknown operator — the statement cannot match"}</td>
                        <td>{ mark(op.matched) }</td>
                    </tr>
                }]
            } else {
                op.keys
                    .iter()
                    .map(|k| {
                        let request = match &k.request {
                            Some(v) => html! {
                                <>
                                    <code>{ show_value(v) }</code>
                                    if k.derived { <span class="tag">{"derived"}</span> }
                                </>
                            },
                            None => html! { <span class="missing">{"missing"}</span> },
                        };
                        let values = k.values.iter().map(|v| {
                            html! {
                                <span class={classes!("chip", v.matched.then_some("chip-hit"), v.error.is_some().then_some("chip-error"))}
                                    onmouseenter={pointer.enter(v.span)} title={v.error.clone().unwrap_or_default()}>
                                    { v.text.clone() }
                                    if let Some(r) = &v.resolved { <span class="resolved">{ format!(" → {r}") }</span> }
                                    if !v.unresolved.is_empty() {
                                        <span class="resolved">{ " (no value)" }</span>
                                    }
                                </span>
                            }
                        });
                        html! {
                            <tr class={classes!(k.matched.then_some("row-true"))} onmouseenter={pointer.enter(k.key_span)} onclick={pointer.click(k.key_span)}
                                data-testid="condition-row" data-key={k.key.clone()} data-result={k.matched.to_string()}>
                                <td><code class="op">{ op.operator.clone() }</code></td>
                                <td><code>{ k.key.clone() }</code></td>
                                <td>{ request }</td>
                                <td class="chips">
                                    { for values }
                                    if let Some(rule) = k.rule { <span class="rule">{ key_rule(rule) }</span> }
                                </td>
                                <td class={classes!("result", if k.matched { "result-true" } else { "result-false" })}>
                                    { if k.matched { "true" } else { "false" } }
                                </td>
                            </tr>
                        }
                    })
                    .collect()
            };
            op_rows
        });
        html! {
            <li class="element element-condition" data-element="condition">
                <div class="condition-head" onmouseenter={pointer.enter(c.span)} onclick={pointer.click(c.span)}>
                    { mark(c.matched) }
                    <span class="element-name">{"Condition"}</span>
                    <span class="muted">{ if c.matched { "every key matches" } else { "not every key matches" } }</span>
                </div>
                <div class="table-wrap" tabindex="0" role="group" aria-label="Condition keys">
                    <table class="cond-table">
                        <thead><tr>
                            <th scope="col">{"Operator"}</th><th scope="col">{"Key"}</th><th scope="col">{"Request"}</th>
                            <th scope="col">{"Policy value(s)"}</th><th scope="col">{"Result"}</th>
                        </tr></thead>
                        <tbody>{ for key_rows }</tbody>
                    </table>
                </div>
            </li>
        }
    });
    let class = classes!(
        "statement",
        if st.matched {
            "statement-match"
        } else {
            "statement-nomatch"
        },
        words.determining.then_some("statement-determining"),
    );
    html! {
        <li key={key} class={class} data-testid="statement" data-statement={label.clone()} data-matched={st.matched.to_string()}
            onmouseenter={pointer.enter(st.span)}>
            <details open={open} ontoggle={ontoggle}>
                <summary onclick={pointer.click(st.span)} onfocus={pointer.focus(st.span)} onblur={pointer.blur()}>
                    { mark(st.matched) }
                    <span class="statement-label">{ words.name.clone() }</span>
                    <span class={classes!("effect", effect_class)}>{ effect }</span>
                    <span class="statement-verdict">{ verdict }</span>
                    if words.determining { <span class="badge badge-decisive">{"decisive"}</span> }
                </summary>
                if open {
                <div class="statement-body">
                    if let Some(problem) = &st.problem {
                        <p class="problem">{ rich(problem) }</p>
                    }
                    <ul class="elements">
                        { for rows }
                        { for condition }
                    </ul>
                    if !lines.is_empty() {
                        <ul class="words" aria-label="In words">
                            { for lines.iter().map(|w| html! { <li>{ rich(w) }</li> }) }
                        </ul>
                    }
                </div>
                }
            </details>
        </li>
    }
}
