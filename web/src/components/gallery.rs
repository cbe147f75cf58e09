//! `Gallery`: the examples, as a dialog of cards (title, paragraph, expected decision). Loading one
//! replaces the workspace; the banner offers the previous work back. Escape or the backdrop closes it.

use iam_core::Decision;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::icons::{svg_icon, IconKind};

use crate::components::rich::rich;
use crate::examples;
use crate::hooks::use_playground;
use crate::state::{Action, LoadSource};
use iam_core::explain::words::decision as decision_label;

// long: one Yew component: its hooks and its html! tree
#[function_component(Gallery)]
pub fn gallery() -> Html {
    let Some(state) = use_playground() else {
        return html! {};
    };
    // The example files are fetched when the gallery first opens (not part of the first load).
    let loaded = use_state(|| None::<Result<std::rc::Rc<Vec<examples::Example>>, String>>);
    let lessons = use_state(|| None::<Result<std::rc::Rc<Vec<examples::Lesson>>, String>>);
    let attempt = use_state(|| 0u32);
    {
        let loaded = loaded.clone();
        let lessons = lessons.clone();
        use_effect_with(*attempt, move |_| {
            #[cfg(target_arch = "wasm32")]
            wasm_bindgen_futures::spawn_local(async move {
                lessons.set(Some(examples::fetch_lessons().await));
                loaded.set(Some(examples::fetch_all().await));
            });
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (loaded, lessons);
        });
    }
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        let ready = matches!(*loaded, Some(Ok(_)));
        use_effect_with(ready, move |_| {
            // The keyboard starts inside the dialog: on the first card once the examples are
            // there, on the dialog itself until then.
            let target = dialog.cast::<web_sys::Element>().and_then(|d| {
                d.query_selector(".gallery-item")
                    .ok()
                    .flatten()
                    .or(Some(d))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            });
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    }
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::OpenGallery(false)))
    };
    // Focus goes back to the button that opened the gallery when it closes.
    use_effect_with((), |_| {
        || crate::browser::focus_selector("[data-testid=open-gallery]")
    });
    let onkeydown = {
        let state = state.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                state.dispatch(Action::OpenGallery(false));
            } else if let Some(d) = dialog.cast::<web_sys::Element>() {
                crate::browser::trap_tab(&e, &d);
            }
        })
    };
    let backdrop = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| el.class_list().contains("gallery-backdrop"));
            if on_backdrop {
                state.dispatch(Action::OpenGallery(false));
            }
        })
    };
    let all: &[examples::Example] = match &*loaded {
        Some(Ok(all)) => all,
        _ => &[],
    };
    let cards = all.iter().enumerate().map(|(i, example)| {
        let load = {
            let state = state.clone();
            let example = example.clone();
            Callback::from(move |_: MouseEvent| {
                state.dispatch(Action::Load {
                    scenario: example.scenario.clone(),
                    source: LoadSource::Example { slug: example.slug.clone(), title: example.title.clone(), description: example.description.clone() },
                })
            })
        };
        let expect_class = match example.expect {
            Decision::Allowed => "badge-allow",
            Decision::ExplicitDeny => "badge-explicitDeny",
            Decision::ImplicitDeny => "badge-implicitDeny",
        };
        let current = state.example.as_deref() == Some(example.slug.as_str());
        html! {
            <li key={example.slug.clone()}>
                <button type="button" class={classes!("gallery-item", current.then_some("gallery-current"))}
                    data-testid="gallery-item" data-slug={example.slug.clone()} onclick={load}>
                    <span class="visually-hidden">{ format!("Example {}: ", i + 1) }</span>
                    <span class="gallery-head">
                        <span class="gallery-num" aria-hidden="true">{ format!("{:02}", i + 1) }</span>
                        <span class={classes!("badge", expect_class)}>{ decision_label(example.expect) }</span>
                    </span>
                    <span class="gallery-title">{ rich(&example.title) }</span>
                    <span class="gallery-desc">{ rich(&example.description) }</span>
                </button>
            </li>
        }
    });
    let lesson_cards: Vec<Html> = match &*lessons {
        Some(Ok(list)) => list
            .iter()
            .enumerate()
            .map(|(i, lesson)| {
                let load = {
                    let state = state.clone();
                    let lesson = lesson.clone();
                    Callback::from(move |_: MouseEvent| {
                        state.dispatch(Action::LoadModel {
                            model: Box::new(lesson.workspace.clone()),
                            source: LoadSource::Example { slug: lesson.slug.clone(), title: lesson.title.clone(), description: String::new() },
                        })
                    })
                };
                html! {
                    <li key={lesson.slug.clone()}>
                        <button type="button" class="gallery-item" data-testid="lesson-item" data-slug={lesson.slug.clone()} onclick={load}>
                            <span class="gallery-head">
                                <span class="gallery-num">{ format!("Lesson {}", i + 1) }</span>
                                <span class="badge">{ format!("{} checks", lesson.checks) }</span>
                            </span>
                            <span class="gallery-title">{ rich(&lesson.title) }</span>
                            <span class="gallery-desc">{ rich(&lesson.summary) }</span>
                        </button>
                    </li>
                }
            })
            .collect(),
        Some(Err(problem)) => vec![html! { <li class="gallery-state" role="alert">{ format!("The course could not be loaded: {problem}") }</li> }],
        None => Vec::new(),
    };
    html! {
        <div class="gallery-backdrop" onclick={backdrop} onkeydown={onkeydown}>
            <div ref={dialog} class="gallery" role="dialog" aria-modal="true" aria-labelledby="gallery-title" data-testid="gallery" tabindex="-1"
                aria-busy={loaded.is_none().to_string()}>
                <header class="gallery-top">
                    <div>
                        <h2 id="gallery-title">{"Examples"}</h2>
                        <p class="muted">{"Scenarios written for teaching. Open one, then change it and watch the decision move."}</p>
                    </div>
                    <button type="button" class="btn-icon" aria-label="Close examples" onclick={close}>{ svg_icon(IconKind::Close) }</button>
                </header>
                {
                    match &*loaded {
                        None => html! { <p class="gallery-state" role="status" data-testid="gallery-loading"><span class="spinner" aria-hidden="true"></span>{"Loading the examples…"}</p> },
                        Some(Err(problem)) => {
                            let retry = {
                                let attempt = attempt.clone();
                                let loaded = loaded.clone();
                                Callback::from(move |_: MouseEvent| {
                                    loaded.set(None);
                                    attempt.set(*attempt + 1);
                                })
                            };
                            html! {
                                <div class="gallery-state" role="alert" data-testid="gallery-error">
                                    <p>{"The examples could not be loaded: "}{ problem.clone() }</p>
                                    <button type="button" class="btn" onclick={retry}>{"Retry"}</button>
                                </div>
                            }
                        }
                        Some(Ok(_)) => html! {
                            <>
                                if !lesson_cards.is_empty() {
                                    <h3 class="gallery-section">{"Course: exercises with checks"}</h3>
                                    <ol class="gallery-grid" data-testid="course-list">{ for lesson_cards }</ol>
                                    <h3 class="gallery-section">{"Examples"}</h3>
                                }
                                <ul class="gallery-grid" data-testid="gallery-list">{ for cards }</ul>
                            </>
                        },
                    }
                }
            </div>
        </div>
    }
}
