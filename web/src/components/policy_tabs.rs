//! `PolicyTabs`: one tab per policy document (name, type, error count) and the add button.
//! Arrow keys move between tabs; Home/End jump to the first/last.

use std::rc::Rc;

use iam_core::PolicyType;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::components::icons::{svg_icon, IconKind};
use crate::hooks::PlaygroundContext;
use crate::state::{Action, UiState};

/// Short type badge for a tab.
pub fn type_badge(policy_type: PolicyType) -> &'static str {
    match policy_type {
        PolicyType::Identity => "identity",
        PolicyType::Resource => "resource",
        PolicyType::PermissionsBoundary => "boundary",
        PolicyType::Session => "session",
        PolicyType::Scp => "SCP",
        PolicyType::Rcp => "RCP",
        PolicyType::VpcEndpoint => "endpoint",
    }
}

pub fn policy_tabs(state: &PlaygroundContext, ui: &UiState, analysis: &Rc<Analysis>) -> Html {
    let previewing = ui
        .hover(state)
        .map(|h| h.doc)
        .filter(|d| *d != state.work.active);
    let add = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AddPolicy))
    };
    let docs = state.work.docs.clone();
    let ids: Vec<u32> = docs.iter().map(|d| d.id).collect();
    let onkeydown = {
        let state = state.clone();
        let ids = ids.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(current) = ids.iter().position(|id| *id == state.work.active) else {
                return;
            };
            let next = match e.key().as_str() {
                "ArrowRight" => (current + 1) % ids.len().max(1),
                "ArrowLeft" => (current + ids.len().saturating_sub(1)) % ids.len().max(1),
                "Home" => 0,
                "End" => ids.len().saturating_sub(1),
                _ => return,
            };
            e.prevent_default();
            if let Some(id) = ids.get(next) {
                state.dispatch(Action::SelectPolicy(*id));
                let focus_id = format!("policy-tab-{id}");
                // Focus the newly selected tab after Yew has re-rendered.
                gloo::timers::callback::Timeout::new(0, move || {
                    crate::browser::focus_id(&focus_id)
                })
                .forget();
            }
        })
    };
    html! {
        <div class="tabs-row">
            <div class="tabs" role="tablist" aria-label="Policy documents" onkeydown={onkeydown}>
                { for docs.iter().enumerate().map(|(index, doc)| {
                    let selected = doc.id == state.work.active;
                    let errors = analysis.error_counts.get(index).copied().unwrap_or(0);
                    let onclick = {
                        let state = state.clone();
                        let id = doc.id;
                        Callback::from(move |e: MouseEvent| {
                            state.dispatch(Action::SelectPolicy(id));
                            if let Some(el) = e.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                                let _ = el.focus();
                            }
                        })
                    };
                    let class = classes!(
                        "tab",
                        selected.then_some("tab-active"),
                        (previewing == Some(doc.id)).then_some("tab-preview"),
                    );
                    html! {
                        <button type="button" role="tab" key={doc.id.to_string()} id={format!("policy-tab-{}", doc.id)}
                            class={class} aria-selected={selected.to_string()} aria-controls="editor-panel"
                            tabindex={if selected { "0" } else { "-1" }}
                            data-testid="policy-tab" data-policy-name={doc.name.clone()} data-policy-type={doc.policy_type.as_str()}
                            title={format!("{} — {}", doc.name, doc.policy_type.describe())}
                            onclick={onclick}>
                            <span class={classes!("tab-type", format!("type-{}", doc.policy_type.as_str()))}>{ type_badge(doc.policy_type) }</span>
                            <span class="tab-name">{ if doc.name.trim().is_empty() { "(unnamed)".to_string() } else { doc.name.clone() } }</span>
                            if analysis.is_read_only(index) {
                                <span class="tab-lock" data-testid="read-only" title="read-only in this exercise">{"read-only"}</span>
                            }
                            if errors > 0 {
                                <span class="tab-errors" aria-label={format!("{errors} errors")}>{ errors }</span>
                            }
                        </button>
                    }
                }) }
            </div>
            if state.model.is_none() {
                <button type="button" class="btn btn-add" data-testid="add-policy" aria-label="Add policy" title="Add a policy document" onclick={add}>
                    { svg_icon(IconKind::Plus) }
                </button>
            }
        </div>
    }
}
