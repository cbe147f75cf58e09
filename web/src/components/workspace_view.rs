//! The page while a v2 workspace is open: the model (accounts, users, groups, roles, resources, the
//! organization), its documents in the editors, the requests with their live decisions and checks,
//! and the selected request's reasoning — each AssumeRole hop first, then the request.
//!
//! Stable hooks for tests: `data-testid="checks"` (`data-passed`, `data-total`), each request
//! `data-testid="request"` (`data-name`, `data-decision`, `data-pass` when it has a check).

use std::rc::Rc;

use iam_core::Decision;
use yew::prelude::*;

use crate::analysis::{decision_str, Analysis, ModelAnalysis, RequestResult, WhoCan};
use crate::catalog::CatalogContext;
use crate::components::decision_banner::decision_banner;
use crate::components::diagnostics_list::diagnostics_list;
use crate::components::error_banner::message_banner;
use crate::components::explanation::explanation;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::markdown::markdown;
use crate::components::model_panel::model_panel;
use crate::components::policy_editors::policy_editors;
use crate::components::policy_tabs::policy_tabs;
use crate::components::request_builder::request_builder;
use crate::components::rich::rich;
use crate::hooks::{PlaygroundContext, Pointer};
use crate::model::Model;
use crate::model_edit::ModelEdit;
use crate::state::{Action, UiState};

/// The whole page for a workspace.
pub fn workspace_body(
    state: &PlaygroundContext,
    ui: &UiState,
    pointer: &Pointer,
    m: &ModelAnalysis,
    who: &WhoCan,
    cat: &CatalogContext,
) -> Html {
    let Some(model) = state.model.clone() else {
        return html! {};
    };
    let last = m.steps.last().map(|s| s.analysis.clone());
    let hops = m.steps.len().saturating_sub(1);
    let stopped = m
        .results
        .get(model.selected)
        .is_some_and(|r| r.stopped_at_hop);
    let hop_views = m.steps.iter().take(hops).enumerate().map(|(i, step)| {
        html! {
            <details class="card hop" data-testid="hop" data-decision={step.analysis.report.decision().map(decision_str).unwrap_or("none")}>
                <summary>
                    <span class="hop-title">{ format!("Hop {}: ", i + 1) }<code>{ step.label.clone() }</code></span>
                    { badge(step.analysis.report.decision()) }
                </summary>
                { decision_banner_quiet(&step.analysis) }
                { explanation(state, pointer, &step.analysis, cat) }
            </details>
        }
    });
    html! {
        <div class={classes!("app", "app-workspace", state.embed.then_some("app-embed"), state.presenter.then_some("app-presenter"))} data-testid="app"
            data-embed={state.embed.to_string()} data-mode="workspace">
            if !state.embed { <Header /> }
            { message_banner(state) }
            <main class="workspace">
                <section class="pane pane-policies" aria-label="Workspace">
                    { lesson_panel(state, &model, m) }
                    { model_panel(state, &model) }
                    { policy_tabs(state, ui, &m.lint) }
                    { document_info(state, &model, m) }
                    { policy_editors(state, ui, &m.lint) }
                    { diagnostics_list(state, pointer, &m.lint) }
                </section>
                <section class="pane pane-result" id="result" tabindex="-1" aria-label="Requests and decisions">
                    { checks_summary(m) }
                    { request_list(state, &model, &m.results) }
                    { for hop_views }
                    if let Some(a) = last {
                        if stopped {
                            <p class="card hop-stopped" data-testid="hop-stopped">
                                {"The AssumeRole chain stopped at "}<code>{ m.steps.last().map(|s| s.label.clone()).unwrap_or_default() }</code>
                                {": it was not allowed, so the request was never made. The reasoning below is that hop's."}
                            </p>
                        }
                        { decision_banner(&a) }
                        { request_builder(state, &a) }
                        { explanation(state, pointer, &a, cat) }
                    } else {
                        <p class="empty card">{"This workspace has no request yet: add one above."}</p>
                    }
                    { who_can_panel(state, pointer, &model, who, cat) }
                </section>
            </main>
            if state.gallery_open { <Gallery /> }
        </div>
    }
}

/// A hop's decision, without the live region of the main banner (one announcement per change).
fn decision_banner_quiet(analysis: &Rc<Analysis>) -> Html {
    let label = analysis
        .explanation
        .as_ref()
        .as_ref()
        .map(|x| x.headline.why.clone())
        .unwrap_or_default();
    html! { <p class="hop-why">{ rich(&label) }</p> }
}

fn badge(decision: Option<Decision>) -> Html {
    let (class, text) = match decision {
        Some(Decision::Allowed) => ("badge badge-allowed", "allowed"),
        Some(Decision::ExplicitDeny) => ("badge badge-explicit", "explicit deny"),
        Some(Decision::ImplicitDeny) => ("badge badge-implicit", "implicit deny"),
        None => ("badge badge-none", "incomplete"),
    };
    html! { <span class={class}>{ text }</span> }
}

fn checks_summary(m: &ModelAnalysis) -> Html {
    let (passed, total) = m.checks();
    let done = total > 0 && passed == total;
    let text = match total {
        0 => "No request has an expected decision yet: set one to make it a check.".to_string(),
        _ if done => format!("All {total} checks pass."),
        _ => format!("{passed} of {total} checks pass"),
    };
    html! {
        <div class={classes!("card", "checks", done.then_some("checks-done"))} data-testid="checks"
            data-passed={passed.to_string()} data-total={total.to_string()} role="status" aria-live="polite">
            <span class="checks-icon" aria-hidden="true">{ if done { "✓" } else { "" } }</span>
            <span class="checks-text">{ text }</span>
            if total > 0 {
                <progress max={total.to_string()} value={passed.to_string()} aria-hidden="true"></progress>
            }
        </div>
    }
}

const EXPECT: [(&str, &str); 4] = [
    ("", "no check"),
    ("allowed", "expect allowed"),
    ("explicitDeny", "expect explicit deny"),
    ("implicitDeny", "expect implicit deny"),
];

fn request_list(state: &PlaygroundContext, model: &Rc<Model>, results: &[RequestResult]) -> Html {
    let items = results.iter().enumerate().map(|(index, r)| {
        let selected = index == model.selected;
        let select = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::SelectRequest(index)))
        };
        let mark = match r.pass {
            Some(true) => html! { <span class="check-mark check-pass" aria-label="check passes">{"✓"}</span> },
            Some(false) => html! { <span class="check-mark check-fail" aria-label="check fails">{"✗"}</span> },
            None => html! {},
        };
        let expected = r.expect.map(|e| format!("expected {}", words_of(e)));
        let student = model.ws.exercise.is_some() && !state.exercise.author;
        let show_expected = !student || state.exercise.answers;
        html! {
            <li key={index.to_string()} data-testid="request" data-name={r.name.clone()}
                data-decision={r.decision.map(decision_str).unwrap_or("none")}
                data-pass={r.pass.map(|p| p.to_string())}
                class={classes!("request-item", selected.then_some("request-selected"))}>
                <button type="button" class="request-pick" aria-pressed={selected.to_string()} onclick={select}>
                    { mark }
                    <span class="request-name">{ if r.name.is_empty() { "(unnamed)".to_string() } else { r.name.clone() } }</span>
                    { badge(r.decision) }
                    if let Some(e) = expected {
                        if show_expected && (r.pass == Some(false) || student) {
                            <span class="request-expected" data-testid="expected">{ e }</span>
                        }
                    }
                </button>
            </li>
        }
    });
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AddRequest))
    };
    html! {
        <section class="card requests" aria-label="Requests">
            <header class="section-head">
                <h2>{"Requests"}</h2>
                <button type="button" class="btn" data-testid="add-request" onclick={add}>{"Add request"}</button>
            </header>
            <ol class="request-list">{ for items }</ol>
            { selected_request_settings(state, model) }
        </section>
    }
}

fn words_of(d: Decision) -> &'static str {
    match d {
        Decision::Allowed => "allowed",
        Decision::ExplicitDeny => "explicit deny",
        Decision::ImplicitDeny => "implicit deny",
    }
}

/// The choice of the hop list that asks for a role's ARN.
const OTHER_ROLE: &str = "another role (type its ARN)…";

/// The selected request's name, expectation, hops and delete button.
fn selected_request_settings(state: &PlaygroundContext, model: &Rc<Model>) -> Html {
    let index = model.selected;
    let Some(r) = model.ws.requests.get(index) else {
        return html! {};
    };
    let rename = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let name = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            state.dispatch(Action::RenameRequest { index, name })
        })
    };
    let set_expect = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let expect = match value.as_str() {
                "allowed" => Some(Decision::Allowed),
                "explicitDeny" => Some(Decision::ExplicitDeny),
                "implicitDeny" => Some(Decision::ImplicitDeny),
                _ => None,
            };
            state.dispatch(Action::SetExpect { index, expect })
        })
    };
    let remove = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveRequest(index)))
    };
    let current = r.expect.map(|e| e.as_str()).unwrap_or("");
    // Student mode: the expected decisions are the exercise's answers, not edited here.
    let student = model.ws.exercise.is_some() && !state.exercise.author;
    let hops = r.assume.iter().enumerate().map(|(hop, h)| {
        let session = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let name = e
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value();
                state.dispatch(Action::EditModel(ModelEdit::SetHopSession { request: index, hop, name }))
            })
        };
        let remove = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::EditModel(ModelEdit::RemoveHop { request: index, hop }))
            })
        };
        html! {
            <li data-testid="hop-setting">{ "assume " }<code>{ h.role.clone() }</code>
                <label class="hop-session">{ " as session " }
                    <input type="text" value={h.session_name.clone()} onchange={session} size="16"
                        aria-label={format!("Session name of hop {}", hop + 1)} data-testid="hop-session" />
                </label>
                if h.session_policy.is_some() { {" with a session policy"} }
                if !h.tags.is_empty() { { format!(", {} session tag(s)", h.tags.len()) } }
                <button type="button" class="chip-x" onclick={remove} title="Remove the hop"
                    aria-label={format!("Remove hop {}", hop + 1)} data-testid="remove-hop">{"×"}</button>
            </li>
        }
    });
    // Any role of the model can be assumed; another role's ARN can be typed.
    let roles: Vec<String> = model
        .ws
        .accounts
        .iter()
        .flat_map(|a| {
            a.roles.iter().map(move |r| {
                let path = r.path.as_deref().unwrap_or("/");
                format!("arn:aws:iam::{}:role{path}{}", a.id, r.name)
            })
        })
        .chain(std::iter::once(OTHER_ROLE.to_string()))
        .collect();
    let add_hop = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            let mut role = select.value();
            select.set_value("");
            if role == OTHER_ROLE {
                match crate::browser::prompt(
                    "ARN of the role to assume:",
                    "arn:aws:iam::444455556666:role/Auditor",
                ) {
                    Some(r) => role = r,
                    None => return,
                }
            }
            if !role.is_empty() {
                state.dispatch(Action::EditModel(ModelEdit::AddHop {
                    request: index,
                    role,
                }));
            }
        })
    };
    html! {
        <div class="request-settings" data-testid="request-settings">
            <label class="field request-name-field">
                <span class="field-label">{"Name"}</span>
                <input type="text" value={r.name.clone()} oninput={rename} aria-label="Request name" data-testid="request-name" />
            </label>
            if !student {
                <label class="field">
                    <span class="field-label">{"Check"}</span>
                    <select onchange={set_expect} aria-label="Expected decision" data-testid="request-expect">
                        { for EXPECT.iter().map(|(v, label)| html! { <option value={*v} selected={*v == current}>{ *label }</option> }) }
                    </select>
                </label>
            }
            <button type="button" class="btn btn-danger" onclick={remove} disabled={model.ws.requests.len() < 2}
                data-testid="remove-request">{"Delete request"}</button>
            if let Some(d) = &r.description { <p class="request-description">{ rich(d) }</p> }
            <div class="request-hops">
                if !r.assume.is_empty() {
                    <p class="field-label">{"Made after these AssumeRole hops (each is evaluated first):"}</p>
                    <ol>{ for hops }</ol>
                }
                <select class="model-choose" onchange={add_hop} aria-label="Assume a role first (add an AssumeRole hop)" data-testid="add-hop">
                    <option value="" selected=true>{ if r.assume.is_empty() { "assume a role first…" } else { "then assume…" } }</option>
                    { for roles.iter().map(|o| html! { <option value={o.clone()}>{ o.clone() }</option> }) }
                </select>
            </div>
        </div>
    }
}

/// Where the active document sits in the model, and, for a managed policy, everywhere it is attached.
fn document_info(state: &PlaygroundContext, model: &Rc<Model>, m: &ModelAnalysis) -> Html {
    let Some(index) = state.work.active_index() else {
        return html! {};
    };
    let Some(doc) = state.work.docs.get(index) else {
        return html! {};
    };
    let origin = m.origins.get(index).cloned().unwrap_or_default();
    let attached = if index < model.ws.policies.len() {
        attachments(&model.ws, &doc.name)
    } else {
        Vec::new()
    };
    html! {
        <div class="settings doc-info" data-testid="document-info">
            <p><strong>{ doc.name.clone() }</strong>{ format!(" — {origin}") }</p>
            if index < model.ws.policies.len() {
                if attached.is_empty() {
                    <p class="muted">{"Not attached to anything yet."}</p>
                } else {
                    <p class="muted">{ format!("Attached to {}. An edit here changes it everywhere.", attached.join(", ")) }</p>
                }
            }
        </div>
    }
}

/// Everything a managed policy is attached to, in words.
pub fn attachments(ws: &iam_core::Workspace, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let has = |list: &[String]| list.iter().any(|p| p == name);
    for a in &ws.accounts {
        for u in &a.users {
            if has(&u.policies) {
                out.push(format!("user {}", u.name));
            }
            if u.boundary.as_deref() == Some(name) {
                out.push(format!("user {} (as its permissions boundary)", u.name));
            }
        }
        for g in &a.groups {
            if has(&g.policies) {
                out.push(format!("group {}", g.name));
            }
        }
        for r in &a.roles {
            if has(&r.policies) {
                out.push(format!("role {}", r.name));
            }
            if r.boundary.as_deref() == Some(name) {
                out.push(format!("role {} (as its permissions boundary)", r.name));
            }
        }
    }
    if let Some(org) = &ws.organization {
        for (kind, attached) in [("SCP at", &org.scps), ("RCP at", &org.rcps)] {
            for (node, names) in attached {
                if has(names) {
                    out.push(format!("{kind} {node}"));
                }
            }
        }
    }
    out
}

/// A button that opens document `name` in the editor (the tab whose name it is).
pub(crate) fn doc_link(
    state: &PlaygroundContext,
    label: String,
    name: &str,
    managed: bool,
    policies: usize,
) -> Html {
    let found = state
        .work
        .docs
        .iter()
        .enumerate()
        .find(|(i, d)| d.name == name && (*i < policies) == managed)
        .map(|(_, d)| d.id);
    match found {
        Some(id) => {
            let active = state.work.active == id;
            let state = state.clone();
            let onclick =
                Callback::from(move |_: MouseEvent| state.dispatch(Action::SelectPolicy(id)));
            html! {
                <button type="button" class={classes!("doc-link", active.then_some("doc-link-active"))} onclick={onclick}
                    data-testid="model-doc" data-doc={name.to_string()}>{ label }</button>
            }
        }
        None => {
            html! { <span class="doc-missing" title="not one of the workspace's policies">{ label }</span> }
        }
    }
}

/// "Who can do this?": an action and a resource, then every principal of the model with its decision,
/// allowed first; a row opens that principal's reasoning.
fn who_can_panel(
    state: &PlaygroundContext,
    pointer: &Pointer,
    model: &Rc<Model>,
    who: &WhoCan,
    cat: &CatalogContext,
) -> Html {
    let set = |which: &'static str| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let (mut action, mut resource) = (state.who.action.clone(), state.who.resource.clone());
            if which == "action" {
                action = value;
            } else {
                resource = value;
            }
            state.dispatch(Action::SetWho { action, resource })
        })
    };
    let rows = who.iter().map(|(principal, analysis)| {
        let open = state.who.open.as_deref() == Some(principal.as_str());
        let toggle = {
            let state = state.clone();
            let p = principal.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::OpenWho((!open).then(|| p.clone()))))
        };
        let decision = analysis.report.decision();
        html! {
            <li key={principal.clone()} data-testid="who-can-row" data-principal={principal.clone()}
                data-decision={decision.map(decision_str).unwrap_or("none")}>
                <button type="button" class="request-pick" aria-expanded={open.to_string()} onclick={toggle}>
                    <code class="request-name">{ principal.clone() }</code>
                    { badge(decision) }
                </button>
                if open { { explanation(state, pointer, analysis, cat) } }
            </li>
        }
    });
    let resources: Vec<String> = model
        .ws
        .accounts
        .iter()
        .flat_map(|a| a.resources.iter().map(|r| r.arn.clone()))
        .collect();
    let allowed = who
        .iter()
        .filter(|(_, a)| a.report.decision() == Some(Decision::Allowed))
        .count();
    html! {
        <section class="card who-can" aria-label="Who can" data-testid="who-can">
            <header class="section-head"><h2>{"Who can…?"}</h2>
                <span class="muted">{"every user, role session, account root and an anonymous caller"}</span>
            </header>
            <div class="form-grid">
                <label class="field">
                    <span class="field-label">{"Action"}</span>
                    <input type="text" value={state.who.action.clone()} oninput={set("action")} spellcheck="false"
                        autocomplete="off" placeholder="s3:DeleteObject" data-testid="who-can-action" list="known-actions" />
                </label>
                <label class="field field-wide">
                    <span class="field-label">{"Resource"}</span>
                    <input type="text" value={state.who.resource.clone()} oninput={set("resource")} spellcheck="false"
                        autocomplete="off" placeholder="arn:aws:s3:::example-bucket/key" data-testid="who-can-resource" list="model-resources" />
                </label>
            </div>
            <datalist id="model-resources">
                { for resources.into_iter().map(|r| html! { <option value={r} /> }) }
            </datalist>
            if !who.is_empty() {
                <p class="muted" data-testid="who-can-summary">{ format!("{allowed} of {} principals are allowed.", who.len()) }</p>
                <ol class="request-list">{ for rows }</ol>
            }
        </section>
    }
}

/// The lesson: title, text (Markdown), and for an exercise the task, hints on demand, reset, the
/// author's tools, and a word when every check passes.
fn lesson_panel(state: &PlaygroundContext, model: &Rc<Model>, m: &ModelAnalysis) -> Html {
    let ws = &model.ws;
    let view = state.exercise;
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    let (passed, total) = m.checks();
    let done = total > 0 && passed == total;
    let exercise = ws.exercise.as_ref();
    let hints = exercise.map(|e| e.hints.as_slice()).unwrap_or_default();
    let shown = view.hints.min(hints.len());
    let author = html! {
        <label class="author-toggle">
            <input type="checkbox" checked={view.author} data-testid="author-mode"
                onchange={{
                    let state = state.clone();
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                        state.dispatch(Action::SetAuthor(on))
                    })
                }} />
            {" Author mode"}
        </label>
    };
    html! {
        <section class="card lesson" aria-label="Lesson" data-testid="lesson">
            <div class="lesson-head">
                if let Some(t) = &ws.title { <h2 data-testid="workspace-title">{ t.clone() }</h2> }
                { author }
            </div>
            if let Some(d) = &ws.description { <div class="lesson-text" data-testid="lesson-text">{ markdown(d) }</div> }
            if let Some(e) = exercise {
                <div class="task" data-testid="task">
                    <h3>{"Your task"}</h3>
                    if let Some(task) = &e.task { <div class="task-text">{ markdown(task) }</div> }
                    if shown > 0 {
                        <ol class="hints" data-testid="hints">
                            { for hints.iter().take(shown).map(|h| html! { <li>{ markdown(h) }</li> }) }
                        </ol>
                    }
                    <div class="task-actions">
                        if shown < hints.len() {
                            <button type="button" class="btn" data-testid="show-hint" onclick={dispatch(Action::ShowHint)}>
                                { if shown == 0 { "Show a hint".to_string() } else { format!("Another hint ({} left)", hints.len() - shown) } }
                            </button>
                        }
                        if !view.author {
                            <button type="button" class="btn" data-testid="show-answers" aria-pressed={view.answers.to_string()}
                                onclick={dispatch(Action::ShowAnswers(!view.answers))}>
                                { if view.answers { "Hide the expected decisions" } else { "Show the expected decisions" } }
                            </button>
                        }
                        <button type="button" class="btn" data-testid="reset-exercise" onclick={dispatch(Action::ResetExercise)}
                            title="Put the exercise's documents back as they were (Undo brings your work back)">{"Reset"}</button>
                    </div>
                    if done {
                        <p class="celebrate" data-testid="exercise-done" role="status">
                            <strong>{"Well done!"}</strong>{ format!(" All {total} checks pass.") }
                        </p>
                    }
                </div>
            }
            if view.author { { author_tools(state, model) } }
        </section>
    }
}

/// Author mode: the task, the hints, whether the open document is read-only, and the solution.
fn author_tools(state: &PlaygroundContext, model: &Rc<Model>) -> Html {
    let exercise = model.ws.exercise.clone().unwrap_or_default();
    let text_input = |make: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value();
            state.dispatch(make(value))
        })
    };
    let active = state.work.active;
    let active_index = state.work.active_index();
    let read_only = active_index.is_some_and(|i| model.read_only(i));
    let toggle_read_only = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            state.dispatch(Action::SetReadOnly {
                doc: active,
                read_only: on,
            })
        })
    };
    let dispatch = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    let doc_name = state
        .work
        .active_doc()
        .map(|d| d.name.clone())
        .unwrap_or_default();
    html! {
        <div class="author-tools" data-testid="author-tools">
            <label class="field">
                <span class="field-label">{"Task (Markdown)"}</span>
                <textarea rows="3" value={exercise.task.clone().unwrap_or_default()} oninput={text_input(Action::SetTask)}
                    data-testid="task-input" aria-label="Task" />
            </label>
            <label class="field">
                <span class="field-label">{"Hints, one per line"}</span>
                <textarea rows="3" value={exercise.hints.join("\n")} oninput={text_input(Action::SetHints)}
                    data-testid="hints-input" aria-label="Hints" />
            </label>
            if active_index.is_some() {
                <label class="author-toggle">
                    <input type="checkbox" checked={read_only} onchange={toggle_read_only} data-testid="read-only-toggle" />
                    {" Students may not edit "}<code>{ doc_name }</code>
                </label>
            }
            <div class="task-actions">
                <button type="button" class="btn" data-testid="save-solution" onclick={dispatch(Action::SaveSolution)}
                    title="The documents as they are now become the reference solution (iamplay test --solution checks it)">
                    {"Use the current documents as the solution"}
                </button>
                if !exercise.solution.is_empty() {
                    <button type="button" class="btn" data-testid="apply-solution" onclick={dispatch(Action::ApplySolution)}>
                        { format!("Show the solution ({} document{})", exercise.solution.len(), if exercise.solution.len() == 1 { "" } else { "s" }) }
                    </button>
                }
            </div>
            <p class="muted">{"Checks are the requests with an expected decision. Export or copy the link to hand the exercise out: it opens in student mode."}</p>
        </div>
    }
}
