//! `PolicySettings`: the active policy's name, type, SCP/RCP target, and its move, duplicate and
//! delete buttons.

use iam_core::PolicyType;
use yew::prelude::*;

use crate::components::icons::{svg_icon, IconKind};
use crate::hooks::PlaygroundContext;
use crate::state::Action;

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

pub fn policy_settings(state: &PlaygroundContext) -> Html {
    let Some(doc) = state.work.active_doc().cloned() else {
        return html! {
            <div class="settings settings-empty">
                <p>{"No policy yet. Add one with the + button, or open an example."}</p>
            </div>
        };
    };
    let index = state.work.index_of(doc.id).unwrap_or(0);
    let count = state.work.docs.len();
    let id = doc.id;
    let dispatch = |make: fn(u32, String) -> Action| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.dispatch(make(id, input_value(&e))))
    };
    let rename = dispatch(|doc, name| Action::RenamePolicy { doc, name });
    let set_target = dispatch(|doc, target| Action::SetPolicyTarget { doc, target });
    let set_type = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(policy_type) = PolicyType::parse(&value) {
                state.dispatch(Action::SetPolicyType {
                    doc: id,
                    policy_type,
                });
            }
        })
    };
    let click = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };
    let is_org = matches!(doc.policy_type, PolicyType::Scp | PolicyType::Rcp);
    // AWS's rule for policy names (IAM's `PolicyName`): it also keeps `Name/Sid` labels unambiguous.
    let name_problem = crate::model_edit::name_problem("policy", &doc.name, 128);
    html! {
        <div class="settings" aria-label="Policy settings">
            <label class="field field-name">
                <span class="field-label">{"Name"}</span>
                <input id="policy-name" type="text" value={doc.name.clone()} oninput={rename} aria-label="Policy name" spellcheck="false"
                    aria-invalid={name_problem.is_some().to_string()} aria-describedby={name_problem.is_some().then_some("policy-name-problem")}
                    data-testid="policy-name" />
            </label>
            if let Some(problem) = &name_problem {
                <p id="policy-name-problem" class="field-problem" role="status" data-testid="policy-name-problem">
                    { format!("AWS would not accept this name: {problem}.") }
                </p>
            }
            <label class="field field-type">
                <span class="field-label">{"Type"}</span>
                <select onchange={set_type} aria-label="Policy type" data-testid="policy-type">
                    { for PolicyType::ALL.iter().map(|t| html! {
                        <option value={t.as_str()} selected={*t == doc.policy_type}>{ type_name(*t) }</option>
                    }) }
                </select>
            </label>
            if is_org {
                <label class="field field-target">
                    <span class="field-label">{"Attached to"}</span>
                    <input id="policy-target" type="text" value={doc.target.clone()} oninput={set_target} spellcheck="false"
                        aria-label="Attached to (organization node)" placeholder="r-root, ou-… or account id" data-testid="policy-target" />
                </label>
            }
            <div class="settings-actions" role="group" aria-label="Policy actions">
                <button type="button" class="btn-icon" aria-label="Move policy left" title="Move left"
                    disabled={index == 0} onclick={click(Action::MovePolicy { doc: id, delta: -1 })}>{ svg_icon(IconKind::Left) }</button>
                <button type="button" class="btn-icon" aria-label="Move policy right" title="Move right"
                    disabled={index + 1 >= count} onclick={click(Action::MovePolicy { doc: id, delta: 1 })}>{ svg_icon(IconKind::Right) }</button>
                <button type="button" class="btn-icon" aria-label="Duplicate policy" title="Duplicate"
                    data-testid="duplicate-policy" onclick={click(Action::DuplicatePolicy(id))}>{ svg_icon(IconKind::Copy) }</button>
                <button type="button" class="btn-icon btn-danger" aria-label="Delete policy" title="Delete"
                    data-testid="delete-policy" onclick={click(Action::DeletePolicy(id))}>{ svg_icon(IconKind::Trash) }</button>
            </div>
        </div>
    }
}

/// The type's name in the select.
pub fn type_name(policy_type: PolicyType) -> &'static str {
    match policy_type {
        PolicyType::Identity => "Identity-based policy",
        PolicyType::Resource => "Resource-based policy",
        PolicyType::PermissionsBoundary => "Permissions boundary",
        PolicyType::Session => "Session policy",
        PolicyType::Scp => "Service control policy (SCP)",
        PolicyType::Rcp => "Resource control policy (RCP)",
        PolicyType::VpcEndpoint => "VPC endpoint policy",
    }
}
