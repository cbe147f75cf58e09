//! `App`: owns the state (one reducer), derives the analysis with `use_memo` (never stored), saves
//! the workspace after each change, and lays out the panels. Panels reach the state and the analysis
//! through two contexts (`hooks.rs`).

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{self, Analysis};
use crate::boot;
use crate::catalog::{self, CatalogAction, CatalogState, CatalogStatus};
use crate::components::catalog_panel::CatalogPanel;
use crate::components::decision_banner::decision_banner;
use crate::components::diagnostics_list::diagnostics_list;
use crate::components::embed_bar::EmbedBar;
use crate::components::error_banner::message_banner;
use crate::components::explanation::explanation;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::lesson::lesson_card;
use crate::components::policy_editors::policy_editors;
use crate::components::policy_settings::policy_settings;
use crate::components::policy_tabs::policy_tabs;
use crate::components::request_builder::request_builder;
use crate::components::workspace_view;
use crate::hooks::PlaygroundContext;
use crate::state::Playground;

/// What `start` learned before mounting the app.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The address's `s=` payload, decoded (the browser's decompression is async, so it is done
    /// before the app mounts); `None` when the address has none.
    #[prop_or_default]
    pub link: Option<boot::Link>,
    /// An `<iam-playground>` element's scenario (`embed.rs`): the app then reads nothing from the
    /// address or local storage.
    #[prop_or_default]
    pub embedded: Option<Rc<crate::embed::EmbedInput>>,
}

// long: the root component: its hooks (state, report, effects) and the page's html! tree
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| {
        if let Some(input) = &props.embedded {
            return crate::embed::playground(input);
        }
        let boot = boot::boot(props.link.clone());
        let mut playground: Playground = boot.playground;
        playground.embed = boot.embed;
        playground
    });
    let element = props.embedded.is_some();
    let cat = use_reducer(CatalogState::default);
    // While a workspace is open, the page analyses the model (`model_analysis` below), not a scenario.
    let scenario = if state.model.is_some() {
        iam_core::Scenario::default()
    } else {
        state.work.to_scenario()
    };
    let model_analysis: Rc<Option<analysis::ModelAnalysis>> =
        use_memo(state.model.clone(), |model| {
            model.as_deref().map(analysis::analyze_model)
        });
    let who: Rc<analysis::WhoCan> = use_memo(
        (
            state.model.clone(),
            state.who.action.clone(),
            state.who.resource.clone(),
        ),
        |(model, action, resource)| match model {
            Some(m) if !action.trim().is_empty() && !resource.trim().is_empty() => {
                analysis::who_can(&m.ws, action.trim(), resource.trim())
            }
            _ => Vec::new(),
        },
    );
    // What the catalog lints: the scenario's policies, or a workspace's documents (one per editor
    // tab, in the tabs' order, so that a finding's `policy` is its tab).
    let lint_scenario: Rc<iam_core::Scenario> = use_memo(
        (state.model.clone(), scenario.clone()),
        |(model, scenario)| match model {
            Some(m) => iam_core::Scenario {
                policies: m.ws.documents().into_iter().map(|(p, _)| p).collect(),
                ..iam_core::Scenario::default()
            },
            None => scenario.clone(),
        },
    );
    // The catalog's diagnostics depend on the policies only, each on its own policy: they are kept
    // while the request changes, and for the policies that did not change.
    let policies_key: Vec<String> = lint_scenario
        .policies
        .iter()
        .map(|p| format!("{}\u{1}{}", p.policy_type.as_str(), p.document))
        .collect();
    // The analysis is derived from the scenario and recomputed only when it changes; the catalog's
    // diagnostics for its policies are added to it when they arrive, without analysing again.
    // With the catalog, RCPs apply only to the services that support them (A20).
    let base: Rc<Analysis> = use_memo(
        (scenario.clone(), cat.status.rcp_services()),
        |(scenario, rcp)| {
            analysis::analyze_with_rcp_services(scenario, rcp.as_deref().map(Vec::as_slice))
        },
    );
    let analysis: Rc<Rc<Analysis>> = use_memo(
        (base, cat.lint.clone(), policies_key.clone()),
        |(base, lint, keys)| {
            let kept = lint
                .as_ref()
                .map(|l| catalog::still_valid(&l.0, &l.1, keys))
                .unwrap_or_default();
            if kept.is_empty() {
                base.clone()
            } else {
                Rc::new(base.with_extra(&kept))
            }
        },
    );
    let analysis: Rc<Analysis> = (*analysis).clone();
    // CodeMirror, once the first decision is on screen (effects run after the render that showed it);
    // until then each editor is a textarea (web/js/editor-lazy.js).
    use_effect_with((), |_| crate::editor::load_editor());
    // If the catalog worker fails after loading, say so (the status line offers Retry).
    {
        let cat = cat.clone();
        use_effect_with((), move |_| {
            catalog::on_lost(move |message| {
                cat.dispatch(CatalogAction::Status(CatalogStatus::Failed(message)))
            });
        });
    }
    // The catalog: fetched once the first decision is on screen (and again on "retry").
    {
        let cat = cat.clone();
        use_effect_with(cat.attempt, move |_| {
            let timer = gloo::timers::callback::Timeout::new(30, move || {
                cat.dispatch(CatalogAction::Status(CatalogStatus::Loading));
                wasm_bindgen_futures::spawn_local(async move {
                    match catalog::load().await {
                        Ok(text) => {
                            cat.dispatch(CatalogAction::Status(catalog::ready_status(&text)))
                        }
                        Err(e) => cat.dispatch(CatalogAction::Status(CatalogStatus::Failed(e))),
                    }
                });
            });
            move || drop(timer)
        });
    }
    // The catalog's diagnostics for the current policies, and what their action patterns match.
    {
        let cat = cat.clone();
        let ready = cat.status.is_ready();
        let key = policies_key.clone();
        let scenario = lint_scenario.clone();
        let model = state.model.clone();
        use_effect_with((key, ready), move |(key, ready)| {
            let mut timer = None;
            if *ready && cat.lint.as_ref().is_none_or(|l| l.0 != *key) {
                let key = key.clone();
                // Asked once typing pauses (catalog::QUIET_MS), not on every keystroke.
                timer = Some(catalog::after_quiet(move || {
                    let texts: Vec<String> = scenario
                        .policies
                        .iter()
                        .map(|p| p.document.clone())
                        .collect();
                    let (kind, payload) = match &model {
                        Some(m) => ("lint-workspace", m.ws.to_json()),
                        None => ("lint", scenario.to_json()),
                    };
                    catalog::spawn_query(kind, payload, move |v| {
                        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                        cat.dispatch(CatalogAction::Lint(
                            key,
                            catalog::read_diagnostics(v.get("diagnostics"), &texts),
                            catalog::read_expansions(v.get("expansions")),
                        ));
                    });
                }));
            }
            move || drop(timer)
        });
    }
    {
        let embed = state.embed;
        use_effect_with(state.snapshot(), move |snapshot| {
            if !embed {
                #[cfg(target_arch = "wasm32")]
                crate::storage::save(snapshot);
                #[cfg(not(target_arch = "wasm32"))]
                let _ = snapshot;
            }
        });
    }
    // A link pasted into the address bar of an open playground changes only the fragment.
    #[cfg(target_arch = "wasm32")]
    {
        let dispatcher = state.dispatcher();
        let embed = state.embed;
        use_effect_with((), move |_| {
            use wasm_bindgen::JsCast;
            // An element in a documentation page does not follow the page's address.
            let listen = !element;
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                let Some(payload) = boot::link_payload() else {
                    return;
                };
                let dispatcher = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let link = crate::share::decode(&payload).await;
                    dispatcher.dispatch(boot::on_fragment(link));
                    if !embed {
                        boot::clear_link_from_address();
                    }
                });
            });
            let window = web_sys::window().filter(|_| listen);
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    // A workspace's documents with the catalog's findings, as the v1 page has them (above).
    let model_analysis: Rc<Option<analysis::ModelAnalysis>> = use_memo(
        (model_analysis, cat.lint.clone(), policies_key.clone()),
        |(model_analysis, lint, keys)| {
            let m = model_analysis.as_ref().as_ref()?;
            let kept = lint
                .as_ref()
                .map(|l| catalog::still_valid(&l.0, &l.1, keys))
                .unwrap_or_default();
            Some(if kept.is_empty() {
                m.clone()
            } else {
                m.with_lint_extra(&kept)
            })
        },
    );
    let body = if let Some(m) = model_analysis.as_ref() {
        workspace_view::workspace_body(&state, m, &who, &cat)
    } else if state.embed {
        html! {
            <div class={classes!("app", "app-embed", element.then_some("app-element"))} data-testid="app" data-embed="true">
                <EmbedBar />
                { message_banner(&state) }
                <main class="workspace">
                    { lesson_card(&state) }
                    <section class="pane pane-policies" aria-label="Policies">
                        { policy_tabs(&state, &analysis) }
                        { policy_editors(&state, &analysis) }
                    </section>
                    <section class="pane pane-result" id="result" tabindex="-1" aria-label="Request and decision">
                        { decision_banner(&analysis) }
                        { request_builder(&state, &analysis) }
                        { explanation(&state, &analysis, &cat) }
                    </section>
                </main>
            </div>
        }
    } else {
        html! {
            <div class={classes!("app", state.presenter.then_some("app-presenter"))} data-testid="app" data-embed="false">
                <Header />
                { message_banner(&state) }
                <main class="workspace">
                    // The lesson is the grid's first item: above the policies on wide screens, first of
                    // all (before the decision) on narrow ones (style.css, "Layout").
                    { lesson_card(&state) }
                    <section class="pane pane-policies" aria-label="Policies">
                        { policy_tabs(&state, &analysis) }
                        { policy_settings(&state) }
                        { policy_editors(&state, &analysis) }
                        { diagnostics_list(&state, &analysis) }
                    </section>
                    <section class="pane pane-result" id="result" tabindex="-1" aria-label="Request and decision">
                        { decision_banner(&analysis) }
                        { request_builder(&state, &analysis) }
                        { explanation(&state, &analysis, &cat) }
                        <CatalogPanel />
                    </section>
                </main>
                if state.gallery_open {
                    <Gallery />
                }
            </div>
        }
    };
    html! {
        <ContextProvider<PlaygroundContext> context={state.clone()}>
            <ContextProvider<catalog::CatalogContext> context={cat}>
                { body }
            </ContextProvider<catalog::CatalogContext>>
        </ContextProvider<PlaygroundContext>>
    }
}
