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
use crate::hooks::{PlaygroundContext, Pointer};
use crate::state::{Playground, UiState};

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
    // The pointer's state (hover, focus) apart from the inputs: moving the pointer over the
    // reasoning neither copies the inputs nor derives anything again.
    let ui = use_reducer(UiState::default);
    let element = props.embedded.is_some();
    let cat = use_reducer(CatalogState::default);
    // Everything below is derived from the inputs once per change (`Playground::inputs`), not once
    // per render. While a workspace is open, the page analyses the model (`model_analysis` below),
    // not a scenario.
    let inputs = state.inputs;
    let derived: Rc<Derived> = {
        let state = state.clone();
        use_memo(inputs, move |_| Derived::new(&state))
    };
    let scenario = derived.scenario.clone();
    let pointer = Pointer {
        ids: derived.ids.clone(),
        epoch: state.epoch,
        ui: ui.dispatcher(),
        state: state.dispatcher(),
    };
    let model_analysis: Rc<Option<analysis::ModelAnalysis>> = {
        let model = state.model.clone();
        use_memo(inputs, move |_| {
            model.as_deref().map(analysis::analyze_model)
        })
    };
    let who: Rc<analysis::WhoCan> = {
        let model = state.model.clone();
        use_memo(
            (inputs, state.who.action.clone(), state.who.resource.clone()),
            move |(_, action, resource)| match model {
                Some(m) if !action.trim().is_empty() && !resource.trim().is_empty() => {
                    analysis::who_can(&m.ws, action.trim(), resource.trim())
                }
                _ => Vec::new(),
            },
        )
    };
    let lint_scenario = derived.lint.clone();
    let policies_key = derived.keys.clone();
    // The analysis is derived from the scenario and recomputed only when it changes; the catalog's
    // diagnostics for its policies are added to it when they arrive, without analysing again.
    // With the catalog, RCPs apply only to the services that support them (A20).
    // One analyzer for the page's life: an edit lowers only the documents it changed.
    let analyzer = use_mut_ref(iam_core::Analyzer::default);
    let base: Rc<Analysis> = {
        let scenario = scenario.clone();
        use_memo((inputs, cat.status.rcp_services()), move |(_, rcp)| {
            analysis::analyze_with(
                &mut analyzer.borrow_mut(),
                &scenario,
                rcp.as_deref().map(Vec::as_slice),
            )
        })
    };
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
            if *ready && cat.lint.as_ref().is_none_or(|l| l.0 != **key) {
                let key = (**key).clone();
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
    // What was saved last: `(inputs, active tab)`, the snapshot's key.
    let saved = use_mut_ref(|| None::<(u32, u32)>);
    {
        // Saved when the inputs or the active tab change (what the snapshot holds), once typing
        // pauses (catalog::QUIET_MS): writing a large work took up to 280 ms, on every keystroke.
        // A change not saved yet is saved when the page is hidden or left (below).
        let embed = state.embed;
        let state = state.clone();
        let saved = saved.clone();
        use_effect_with((inputs, state.work.active), move |_| {
            let timer = (!embed).then(|| catalog::after_quiet(move || save(&state, &saved)));
            move || drop(timer)
        });
    }
    #[cfg(target_arch = "wasm32")]
    {
        // The handle reads the current state whenever the page is hidden or left (even before the
        // render of its last change). Only a change not saved yet is written: another tab may have
        // saved since.
        let state = state.clone();
        let listen = !state.embed;
        use_effect_with((), move |_| {
            use wasm_bindgen::JsCast;
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                if *saved.borrow() != Some((state.inputs, state.work.active)) {
                    save(&state, &saved);
                }
            });
            let window = web_sys::window().filter(|_| listen);
            for event in ["pagehide", "visibilitychange"] {
                if let Some(w) = &window {
                    let _ = w
                        .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                }
            }
            move || {
                for event in ["pagehide", "visibilitychange"] {
                    if let Some(w) = &window {
                        let _ = w.remove_event_listener_with_callback(
                            event,
                            listener.as_ref().unchecked_ref(),
                        );
                    }
                }
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
        workspace_view::workspace_body(&state, &ui, &pointer, m, &who, &cat)
    } else if state.embed {
        html! {
            <div class={classes!("app", "app-embed", element.then_some("app-element"))} data-testid="app" data-embed="true">
                <EmbedBar />
                { message_banner(&state) }
                <main class="workspace">
                    { lesson_card(&state) }
                    <section class="pane pane-policies" aria-label="Policies">
                        { policy_tabs(&state, &ui, &analysis) }
                        { policy_editors(&state, &ui, &analysis) }
                    </section>
                    <section class="pane pane-result" id="result" tabindex="-1" aria-label="Request and decision">
                        { decision_banner(&analysis) }
                        { request_builder(&state, &analysis) }
                        { explanation(&state, &pointer, &analysis, &cat) }
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
                        { policy_tabs(&state, &ui, &analysis) }
                        { policy_settings(&state) }
                        { policy_editors(&state, &ui, &analysis) }
                        { diagnostics_list(&state, &pointer, &analysis) }
                    </section>
                    <section class="pane pane-result" id="result" tabindex="-1" aria-label="Request and decision">
                        { decision_banner(&analysis) }
                        { request_builder(&state, &analysis) }
                        { explanation(&state, &pointer, &analysis, &cat) }
                        <CatalogPanel scenario={scenario.clone()} pointer={pointer.clone()} />
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

/// Save the work to local storage (not off wasm: the host tests have no storage), and what was
/// saved in `saved`.
fn save(state: &Playground, saved: &std::cell::RefCell<Option<(u32, u32)>>) {
    *saved.borrow_mut() = Some((state.inputs, state.work.active));
    #[cfg(target_arch = "wasm32")]
    crate::storage::save(&state.snapshot());
}

/// What `App` derives from the inputs, once per change of them ([`Playground::inputs`]), not once
/// per render.
struct Derived {
    /// The scenario the page analyses (empty while a workspace is open: the model is analysed).
    scenario: Rc<iam_core::Scenario>,
    /// What the catalog lints: the scenario's policies, or a workspace's documents (one per editor
    /// tab, in the tabs' order, so that a finding's `policy` is its tab).
    lint: Rc<iam_core::Scenario>,
    /// Each linted policy's type and text: the catalog's diagnostics depend on the policies only,
    /// each on its own policy, so they are kept while the request changes, and for the policies
    /// that did not change.
    keys: Rc<Vec<String>>,
    /// The documents' ids, in the order of the editor tabs ([`Pointer::ids`]).
    ids: Rc<Vec<u32>>,
}

impl Derived {
    fn new(state: &Playground) -> Derived {
        let scenario = Rc::new(match state.model {
            Some(_) => iam_core::Scenario::default(),
            None => state.work.to_scenario(),
        });
        let lint = match &state.model {
            Some(m) => Rc::new(iam_core::Scenario {
                policies: m.ws.documents().into_iter().map(|(p, _)| p).collect(),
                ..iam_core::Scenario::default()
            }),
            None => scenario.clone(),
        };
        let keys = lint
            .policies
            .iter()
            .map(|p| format!("{}\u{1}{}", p.policy_type.as_str(), p.document))
            .collect();
        Derived {
            scenario,
            lint,
            keys: Rc::new(keys),
            ids: Rc::new(state.work.docs.iter().map(|d| d.id).collect()),
        }
    }
}
