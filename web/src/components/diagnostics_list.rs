//! `DiagnosticsList`: every diagnostic with severity, code, message and place; a click jumps to the
//! span (switching tabs) or, for a request problem, to the request field.

use std::rc::Rc;

use iam_core::{Diagnostic, Severity};
use yew::prelude::*;

use crate::analysis::{severity_class, Analysis};
use crate::components::icons::{svg_icon, IconKind};
use crate::components::rich::rich;
use crate::hooks::{PlaygroundContext, Pointer};
use crate::state::Action;

/// The id of the request field a request diagnostic's path names.
pub fn request_field_id(path: &str) -> Option<&'static str> {
    match path {
        "request.principal" => Some("req-principal"),
        "request.action" => Some("req-action"),
        "request.resource" => Some("req-resource"),
        "request.resourceAccount" => Some("req-resource-account"),
        _ => None,
    }
}

/// `policies[2].name` → 2.
pub fn policy_index(path: &str) -> Option<usize> {
    path.strip_prefix("policies[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn icon(severity: Severity) -> IconKind {
    match severity {
        Severity::Error => IconKind::Error,
        Severity::SecurityWarning => IconKind::Shield,
        Severity::Warning => IconKind::Warning,
        Severity::Suggestion => IconKind::Bulb,
    }
}

pub fn diagnostics_list(
    state: &PlaygroundContext,
    pointer: &Pointer,
    analysis: &Rc<Analysis>,
) -> Html {
    let diagnostics: Vec<Diagnostic> = analysis.diagnostics().cloned().collect();
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let (errors, security, warnings, suggestions) = (
        count(Severity::Error),
        count(Severity::SecurityWarning),
        count(Severity::Warning),
        count(Severity::Suggestion),
    );
    let rows = diagnostics.iter().map(|d| {
        let policy_name = d.policy.and_then(|i| state.work.docs.get(i)).map(|doc| doc.name.clone());
        let line = d.start.map(|s| s.line).unwrap_or(0);
        let place = match (&policy_name, d.start) {
            (Some(name), Some(start)) => format!("{name}:{}:{}", start.line, start.column),
            (Some(name), None) => name.clone(),
            (None, _) if d.path.is_empty() => "scenario".to_string(),
            (None, _) => d.path.clone(),
        };
        let onclick = {
            let state = state.clone();
            let pointer = pointer.clone();
            let d = d.clone();
            Callback::from(move |_: MouseEvent| match d.policy {
                Some(policy) => {
                    if let Some(target) = pointer.target_in_tab(policy, d.span) {
                        pointer.focus(target);
                    }
                }
                None => {
                    if let Some(id) = request_field_id(&d.path) {
                        crate::browser::focus_id(id);
                    } else if let Some(index) = policy_index(&d.path) {
                        // A scenario problem about one policy (its name, its target): open its tab.
                        if let Some(doc) = state.work.docs.get(index) {
                            state.dispatch(Action::SelectPolicy(doc.id));
                            let field = if d.path.ends_with(".target") { "policy-target" } else { "policy-name" };
                            gloo::timers::callback::Timeout::new(0, move || crate::browser::focus_id(field)).forget();
                        }
                    }
                }
            })
        };
        let sev = severity_class(d.severity);
        html! {
            <li class={classes!("diag", format!("diag-{sev}"))} data-testid="diagnostic" data-code={d.code.as_str()}
                data-line={line.to_string()} data-severity={sev}>
                <button type="button" class="diag-main" onclick={onclick}>
                    <span class="visually-hidden">{ format!("{}: ", d.severity.label()) }</span>
                    <span class="diag-icon">{ svg_icon(icon(d.severity)) }</span>
                    <span class="diag-text">
                        <span class="diag-message">{ rich(&d.message) }</span>
                        if let Some(help) = &d.help {
                            <span class="diag-help">{ rich(help) }</span>
                        }
                    </span>
                    <span class="diag-meta">
                        <code class="diag-code">{ d.code.as_str() }</code>
                        <span class="diag-place">{ place }</span>
                    </span>
                </button>
                if let Some(url) = d.learn_more() {
                    <a class="diag-more" href={url} target="_blank" rel="noopener noreferrer"
                        aria-label={format!("AWS documentation for {}", d.code)} title="AWS documentation">{"↗"}</a>
                }
            </li>
        }
    });
    html! {
        <section class="diagnostics" aria-label="Diagnostics" data-testid="diagnostics">
            <header class="section-head">
                <h2>{"Problems"}</h2>
                <span class="counts">
                    <span class="count count-error" title="errors">{ format!("{errors} errors") }</span>
                    <span class="count count-security" title="security warnings">{ format!("{security} security") }</span>
                    <span class="count count-warning" title="warnings">{ format!("{warnings} warnings") }</span>
                    <span class="count count-suggestion" title="suggestions">{ format!("{suggestions} suggestions") }</span>
                </span>
            </header>
            if diagnostics.is_empty() {
                <p class="empty">{"No problems found in the policies or the request."}</p>
            } else {
                <ul class="diag-list">{ for rows }</ul>
            }
        </section>
    }
}
