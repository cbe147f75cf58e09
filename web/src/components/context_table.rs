//! `ContextTable`: the request's context keys (add, edit, remove; typed inputs) and, below them,
//! the keys the core derives from the principal, each with an "override" button that copies it into
//! an editable row.

use std::rc::Rc;

use iam_core::request::ContextValue;
use yew::prelude::*;

use crate::components::icons::{svg_icon, IconKind};

use crate::analysis::Analysis;
use crate::hooks::PlaygroundContext;
use crate::state::{Action, ValueKind};

const KNOWN_KEYS: &[&str] = &[
    "aws:SourceIp",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:SecureTransport",
    "aws:RequestedRegion",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalTag/team",
    "aws:ResourceTag/team",
    "aws:RequestTag/team",
    "aws:TagKeys",
    "aws:SourceVpce",
    "aws:SourceVpc",
    "aws:VpcSourceIp",
    "aws:CalledVia",
    "aws:ViaAWSService",
    "aws:userid",
    "aws:SourceArn",
    "aws:SourceAccount",
    "s3:prefix",
];

fn placeholder(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "value",
        ValueKind::List => "a, b, c",
        ValueKind::Bool => "true",
        ValueKind::Number => "300",
        ValueKind::Date => "2026-01-01T00:00:00Z",
        ValueKind::Ip => "203.0.113.10",
    }
}

fn show(value: &ContextValue) -> String {
    match value {
        ContextValue::Single(v) => v.clone(),
        ContextValue::Multi(vs) => vs.join(", "),
    }
}

pub fn context_table(state: &PlaygroundContext, analysis: &Rc<Analysis>) -> Html {
    let rows = state.work.request.context.clone();
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::AddContextRow {
                key: String::new(),
                kind: ValueKind::String,
                value: String::new(),
            })
        })
    };
    let derived: Vec<(String, ContextValue)> = analysis
        .report
        .evaluation
        .as_ref()
        .map(|e| {
            e.context
                .iter()
                .filter(|c| c.derived)
                .map(|c| (c.key.clone(), c.value.clone()))
                .collect()
        })
        .unwrap_or_default();
    let row_views = rows.iter().map(|row| {
        let id = row.id;
        let set_key = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                let key = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                state.dispatch(Action::SetContextKey { row: id, key })
            })
        };
        let set_kind = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                if let Some(kind) = ValueKind::parse(&value) {
                    state.dispatch(Action::SetContextKind { row: id, kind })
                }
            })
        };
        let set_value_input = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                state.dispatch(Action::SetContextValue { row: id, value })
            })
        };
        let set_value_select = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                state.dispatch(Action::SetContextValue { row: id, value })
            })
        };
        let remove = {
            let state = state.clone();
            Callback::from(move |_: MouseEvent| state.dispatch(Action::RemoveContextRow(id)))
        };
        let key_label = if row.key.trim().is_empty() { "new key".to_string() } else { row.key.clone() };
        html! {
            <li class="ctx-row" key={id.to_string()} data-testid="context-row" data-key={row.key.clone()}>
                <input class="ctx-key" type="text" value={row.key.clone()} oninput={set_key} list="known-context-keys"
                    spellcheck="false" autocomplete="off" placeholder="aws:SourceIp" aria-label="Context key"
                    data-testid="context-key" />
                <select class="ctx-kind" onchange={set_kind} aria-label={format!("Type of {key_label}")} data-testid="context-kind">
                    { for ValueKind::ALL.iter().map(|k| html! {
                        <option value={k.as_str()} selected={*k == row.kind}>{ k.label() }</option>
                    }) }
                </select>
                if row.kind == ValueKind::Bool {
                    <select class="ctx-value" onchange={set_value_select} aria-label={format!("Value of {key_label}")} data-testid="context-value">
                        <option value="true" selected={row.value.eq_ignore_ascii_case("true")}>{"true"}</option>
                        <option value="false" selected={row.value.eq_ignore_ascii_case("false")}>{"false"}</option>
                    </select>
                } else {
                    <input class={classes!("ctx-value", row.problem().is_some().then_some("invalid"))} type="text"
                        value={row.value.clone()} oninput={set_value_input} title={row.problem().map(|p| p.replace('`', "")).unwrap_or_default()}
                        inputmode={if row.kind == ValueKind::Number { "decimal" } else { "text" }}
                        spellcheck="false" autocomplete="off" placeholder={placeholder(row.kind)}
                        aria-label={format!("Value of {key_label}")} data-testid="context-value" />
                }
                <button type="button" class="btn-icon" aria-label={format!("Remove context key {key_label}")} onclick={remove}>{ svg_icon(IconKind::Close) }</button>
            </li>
        }
    });
    let derived_views = derived.iter().map(|(key, value)| {
        let kind = ValueKind::infer(key, value);
        let override_it = {
            let state = state.clone();
            let key = key.clone();
            let value = show(value);
            Callback::from(move |_: MouseEvent| state.dispatch(Action::AddContextRow { key: key.clone(), kind, value: value.clone() }))
        };
        html! {
            <li class="derived-row" data-testid="derived-key" data-key={key.clone()}>
                <code class="derived-key">{ key.clone() }</code>
                <code class="derived-value">{ show(value) }</code>
                <button type="button" class="btn btn-small" onclick={override_it} data-testid="override-derived"
                    aria-label={format!("Override {key}")} title="Copy into an editable row">{"Override"}</button>
            </li>
        }
    });
    html! {
        <div class="context">
            <div class="subhead">
                <h3>{"Context keys"}</h3>
                <button type="button" class="btn btn-small" onclick={add} data-testid="add-context">{ svg_icon(IconKind::Plus) }{"Add context key"}</button>
            </div>
            if rows.is_empty() {
                <p class="empty">{"No context keys given. Conditions on keys that are missing from the request follow the missing-key rules."}</p>
            } else {
                <ul class="ctx-list">{ for row_views }</ul>
            }
            <datalist id="known-context-keys">
                { for KNOWN_KEYS.iter().map(|k| html! { <option value={*k} /> }) }
            </datalist>
            if !derived.is_empty() {
                <details class="derived" data-testid="derived-keys">
                    <summary>{ format!("Derived from the principal and resource ({})", derived.len()) }</summary>
                    <ul class="derived-list">{ for derived_views }</ul>
                </details>
            }
        </div>
    }
}
