//! `App`: owns the state (one reducer), derives the analysis with `use_memo` (never stored), saves
//! the workspace after each change, and lays out the panels. Panels reach the state and the analysis
//! through two contexts (`hooks.rs`).

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::{self, Analysis};
use crate::boot;
use crate::components::decision_banner::DecisionBanner;
use crate::components::diagnostics_list::DiagnosticsList;
use crate::components::embed_bar::EmbedBar;
use crate::components::error_banner::MessageBanner;
use crate::components::explanation::Explanation;
use crate::components::gallery::Gallery;
use crate::components::header::Header;
use crate::components::policy_editors::PolicyEditors;
use crate::components::policy_settings::PolicySettings;
use crate::components::policy_tabs::PolicyTabs;
use crate::components::request_builder::RequestBuilder;
use crate::hooks::PlaygroundContext;
use crate::state::Playground;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let boot = boot::boot();
        let mut playground: Playground = boot.playground;
        playground.embed = boot.embed;
        playground
    });
    // The analysis is derived from the scenario and recomputed only when the scenario changes.
    let analysis: Rc<Analysis> = use_memo(state.work.to_scenario(), analysis::analyze);
    {
        let embed = state.embed;
        use_effect_with(state.work.clone(), move |work| {
            if !embed {
                #[cfg(target_arch = "wasm32")]
                crate::storage::save(work);
                #[cfg(not(target_arch = "wasm32"))]
                let _ = work;
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
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                let hash = web_sys::window()
                    .and_then(|w| w.location().hash().ok())
                    .unwrap_or_default();
                if let Some(action) = boot::on_fragment(&hash) {
                    dispatcher.dispatch(action);
                    if !embed {
                        boot::clear_link_from_address();
                    }
                }
            });
            let window = web_sys::window();
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
    let body = if state.embed {
        html! {
            <div class="app app-embed" data-testid="app" data-embed="true">
                <EmbedBar />
                <MessageBanner />
                <main class="workspace">
                    <section class="pane pane-policies" aria-label="Policies">
                        <PolicyTabs />
                        <PolicyEditors />
                    </section>
                    <section class="pane pane-result" aria-label="Request and decision">
                        <DecisionBanner />
                        <RequestBuilder />
                        <Explanation />
                    </section>
                </main>
            </div>
        }
    } else {
        html! {
            <div class="app" data-testid="app" data-embed="false">
                <Header />
                <MessageBanner />
                <main class="workspace">
                    <section class="pane pane-policies" aria-label="Policies">
                        <PolicyTabs />
                        <PolicySettings />
                        <PolicyEditors />
                        <DiagnosticsList />
                    </section>
                    <section class="pane pane-result" aria-label="Request and decision">
                        <DecisionBanner />
                        <RequestBuilder />
                        <Explanation />
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
            <ContextProvider<Rc<Analysis>> context={analysis}>
                { body }
            </ContextProvider<Rc<Analysis>>>
        </ContextProvider<PlaygroundContext>>
    }
}
