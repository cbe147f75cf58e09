//! `RequestBuilder`: who asks (free ARN or a preset), for which action, on which resource, in which
//! account; then the context keys and the organization.

use std::rc::Rc;

use iam_core::request::Principal;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::components::action_assist::{ActionField, ActionHelp};
use crate::components::context_table::context_table;
use crate::components::organization_form::organization_form;
use crate::components::rich::rich;
use crate::hooks::PlaygroundContext;
use crate::state::{Action, RequestField};

/// `(id, label, template)`; `ACCOUNT` is replaced by the current principal's account.
pub const PRESETS: &[(&str, &str, &str)] = &[
    ("user", "IAM user", "arn:aws:iam::ACCOUNT:user/alice"),
    (
        "role-session",
        "Role session",
        "arn:aws:sts::ACCOUNT:assumed-role/Admin/alice-session",
    ),
    (
        "role",
        "Role (any session)",
        "arn:aws:iam::ACCOUNT:role/Admin",
    ),
    (
        "federated",
        "Federated user",
        "arn:aws:sts::ACCOUNT:federated-user/bob",
    ),
    ("root", "Account root", "arn:aws:iam::ACCOUNT:root"),
    ("service", "AWS service", "cloudtrail.amazonaws.com"),
    ("anonymous", "Anonymous", "*"),
];

const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:ListBucket",
    "sts:AssumeRole",
    "iam:CreateUser",
    "iam:PassRole",
    "ec2:RunInstances",
    "ec2:StartInstances",
    "ec2:TerminateInstances",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "kms:Decrypt",
    "lambda:InvokeFunction",
    "sqs:SendMessage",
    "secretsmanager:GetSecretValue",
];

/// The account of a principal ARN, or a default.
pub fn preset_principal(template: &str, current: &str) -> String {
    let account = current
        .trim()
        .strip_prefix("arn:")
        .and_then(|rest| rest.split(':').nth(3))
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("111122223333");
    template.replace("ACCOUNT", account)
}

/// The preset a principal looks like (for the select's current value).
pub fn preset_of(principal: &Principal) -> &'static str {
    match principal {
        Principal::User { .. } => "user",
        Principal::AssumedRole { .. } => "role-session",
        Principal::Role { .. } => "role",
        Principal::FederatedUser { .. } => "federated",
        Principal::Root { .. } => "root",
        Principal::Service { .. } => "service",
        Principal::Anonymous => "anonymous",
    }
}

fn field_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

pub fn request_builder(state: &PlaygroundContext, analysis: &Rc<Analysis>) -> Html {
    let request = state.work.request.clone();
    let evaluation = analysis.report.evaluation.as_ref();
    let messages = |path: &str| -> Vec<String> {
        analysis
            .report
            .diagnostics
            .iter()
            .filter(|d| d.policy.is_none() && d.path == path)
            .map(|d| d.message.clone())
            .collect()
    };
    let problem = |path: &str| -> Html {
        let messages = messages(path);
        html! { <>{ for messages.into_iter().map(|m| html! { <p class="field-error" role="note">{ rich(&m) }</p> }) }</> }
    };
    let set = |field: RequestField| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.dispatch(Action::SetRequestField {
                field,
                value: field_value(&e),
            })
        })
    };
    let choose_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let id = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some((_, _, template)) = PRESETS.iter().find(|(p, _, _)| *p == id) {
                let value = preset_principal(template, &state.work.request.principal);
                state.dispatch(Action::SetRequestField {
                    field: RequestField::Principal,
                    value,
                });
            }
        })
    };
    let current_preset = evaluation.map(|e| preset_of(&e.principal)).unwrap_or("");
    let who = evaluation.map(|e| e.principal.describe());
    let invalid = |path: &str| {
        analysis
            .report
            .diagnostics
            .iter()
            .any(|d| d.policy.is_none() && d.path == path)
    };
    html! {
        <section class="card request" aria-label="Request">
            <header class="section-head">
                <h2>{"Request"}</h2>
                if let Some(e) = evaluation {
                    if e.cross_account {
                        <span class="pill pill-cross" title="The principal's account and the resource's account differ">{"cross-account"}</span>
                    }
                }
            </header>
            <fieldset class="form-grid" disabled={state.locked}>
                <label class="field field-wide" for="req-principal">
                    <span class="field-label">{"Principal"}</span>
                </label>
                <div class="field-row field-wide">
                    <input id="req-principal" type="text" class={classes!(invalid("request.principal").then_some("invalid"))}
                        value={request.principal.clone()} oninput={set(RequestField::Principal)} spellcheck="false"
                        autocomplete="off" aria-label="Principal" data-testid="principal-input"
                        list={state.model.is_some().then_some("model-principals")}
                        placeholder="arn:aws:iam::111122223333:user/alice" />
                    <select class="preset" aria-label="Principal preset" onchange={choose_preset} data-testid="principal-preset">
                        <option value="" selected={current_preset.is_empty()} disabled=true>{"Preset…"}</option>
                        { for PRESETS.iter().map(|(id, label, _)| html! {
                            <option value={*id} selected={*id == current_preset}>{ *label }</option>
                        }) }
                    </select>
                </div>
                <div class="field-wide">
                    if let Some(who) = who {
                        <p class="field-hint">{ rich(&who) }</p>
                    }
                    { problem("request.principal") }
                </div>
                <ActionField invalid={invalid("request.action")} problems={messages("request.action")} />
                <label class="field">
                    <span class="field-label">{"Resource account "}<span class="optional">{"(optional)"}</span></span>
                    <input id="req-resource-account" type="text" inputmode="numeric"
                        class={classes!(invalid("request.resourceAccount").then_some("invalid"))}
                        value={request.resource_account.clone()} oninput={set(RequestField::ResourceAccount)} spellcheck="false"
                        autocomplete="off" aria-label="Resource account" data-testid="resource-account-input"
                        placeholder={evaluation.and_then(|e| e.resource_account.clone()).unwrap_or_else(|| "from the ARN".to_string())} />
                    { problem("request.resourceAccount") }
                </label>
                <label class="field field-wide">
                    <span class="field-label">{"Resource"}</span>
                    <input id="req-resource" type="text" class={classes!(invalid("request.resource").then_some("invalid"))}
                        value={request.resource.clone()} oninput={set(RequestField::Resource)} spellcheck="false" autocomplete="off"
                        aria-label="Resource" data-testid="resource-input" placeholder="arn:aws:s3:::example-bucket/key" />
                    { problem("request.resource") }
                </label>
                <ActionHelp />
            </fieldset>
            <datalist id="known-actions">
                { for ACTIONS.iter().map(|a| html! { <option value={*a} /> }) }
            </datalist>
            if let Some(model) = &state.model {
                <datalist id="model-principals">
                    { for model.ws.principals().into_iter().map(|p| html! { <option value={p} /> }) }
                </datalist>
            }
            { context_table(state, analysis) }
            if state.model.is_none() {
                { organization_form(state) }
            }
        </section>
    }
}
