//! The request's action field with the AWS service catalog: a suggestions list under the input
//! (an ARIA combobox: ↑/↓ move, Enter picks, Escape closes), and, for a known action, its service
//! and access level, its resource types' ARN formats as templates for the resource, and the
//! condition keys it supports (with their types) to add to the context table.

use yew::prelude::*;

use crate::catalog::{self, text};
use crate::components::rich::rich;
use crate::hooks::use_playground;
use crate::state::{Action, RequestField, ValueKind};

#[derive(Properties, PartialEq)]
pub struct ActionFieldProps {
    pub invalid: bool,
    pub problems: Vec<String>,
}

fn level_label(level: &str) -> &'static str {
    iam_core::tools::AccessLevel::parse(level)
        .map(|l| l.label())
        .unwrap_or("")
}

/// The combobox's own UI state, one reducer (first-load size: one hook instead of one per field).
#[derive(Clone, PartialEq, Default)]
struct Combo {
    /// `(action, access level)`, best first.
    suggestions: Vec<(String, String)>,
    /// The highlighted suggestion.
    active: Option<usize>,
    open: bool,
    /// Opened with the arrow keys: show the list even for a whole action name.
    active_open: bool,
}

enum ComboMsg {
    Suggestions(Vec<(String, String)>),
    /// Something was typed: the list opens, for what is typed.
    Typed,
    /// ↑/↓: the list opens (even for a whole action name) with this suggestion highlighted.
    Arrow(Option<usize>),
    Close,
}

impl Reducible for Combo {
    type Action = ComboMsg;
    fn reduce(self: std::rc::Rc<Self>, msg: ComboMsg) -> std::rc::Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            ComboMsg::Suggestions(list) => {
                next.suggestions = list;
                next.active = None;
            }
            ComboMsg::Typed => {
                next.open = true;
                next.active_open = false;
            }
            ComboMsg::Arrow(active) => {
                next.open = true;
                next.active_open = true;
                if active.is_some() {
                    next.active = active;
                }
            }
            ComboMsg::Close => next.open = false,
        }
        std::rc::Rc::new(next)
    }
}

// long: one Yew component: its hooks and its html! tree
#[function_component(ActionField)]
pub fn action_field(props: &ActionFieldProps) -> Html {
    let state = use_playground();
    let cat = catalog::use_catalog();
    let combo = use_reducer(Combo::default);
    let latest = use_mut_ref(String::new);
    let (Some(state), Some(cat)) = (state, cat) else {
        return html! {};
    };
    let ready = cat.status.is_ready();
    let value = state.work.request.action.clone();
    let ask = {
        let combo = combo.clone();
        let latest = latest.clone();
        move |typed: String| {
            *latest.borrow_mut() = typed.clone();
            if !ready {
                return;
            }
            let combo = combo.clone();
            let latest = latest.clone();
            let asked = typed.clone();
            catalog::spawn_query("suggest", typed, move |v| {
                if *latest.borrow() != asked {
                    return;
                }
                let list = v
                    .as_array()
                    .unwrap_or_default()
                    .iter()
                    .map(|s| {
                        let a = s.as_array().unwrap_or_default();
                        (text(a.first()), text(a.get(1)))
                    })
                    .collect();
                combo.dispatch(ComboMsg::Suggestions(list));
            });
        }
    };
    let pick = {
        let state = state.clone();
        let combo = combo.clone();
        move |name: String| {
            state.dispatch(Action::SetRequestField {
                field: RequestField::Action,
                value: name,
            });
            combo.dispatch(ComboMsg::Close);
        }
    };
    let on_input = {
        let state = state.clone();
        let combo = combo.clone();
        let ask = ask.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            state.dispatch(Action::SetRequestField {
                field: RequestField::Action,
                value: v.clone(),
            });
            combo.dispatch(ComboMsg::Typed);
            ask(v);
        })
    };
    // Nothing to offer once a whole action name is typed (arrow keys still open the list).
    let exact = !combo.active_open
        && combo
            .suggestions
            .first()
            .is_some_and(|(n, _)| n.eq_ignore_ascii_case(value.trim()));
    let showing = ready && combo.open && !combo.suggestions.is_empty() && !exact;
    let on_key = {
        let combo = combo.clone();
        let pick = pick.clone();
        let ask = ask.clone();
        let value = value.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = combo.suggestions.len();
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" if ready => {
                    e.prevent_default();
                    if !combo.open {
                        ask(value.clone());
                    }
                    let next = (n > 0).then(|| match (combo.active, e.key() == "ArrowDown") {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                    });
                    combo.dispatch(ComboMsg::Arrow(next));
                }
                "Enter" if showing => {
                    if let Some((name, _)) = combo.active.and_then(|i| combo.suggestions.get(i)) {
                        e.prevent_default();
                        pick(name.clone());
                    }
                }
                "Escape" if combo.open => {
                    e.prevent_default();
                    combo.dispatch(ComboMsg::Close);
                }
                _ => {}
            }
        })
    };
    let on_blur = {
        let combo = combo.clone();
        Callback::from(move |_: FocusEvent| combo.dispatch(ComboMsg::Close))
    };
    let on_focus = {
        let ask = ask.clone();
        let value = value.clone();
        Callback::from(move |_: FocusEvent| ask(value.clone()))
    };
    let problems = html! {
        <>{ for props.problems.iter().map(|m| html! { <p class="field-error" role="note">{ rich(m) }</p> }) }</>
    };
    let active_id = combo
        .active
        .filter(|_| showing)
        .map(|i| format!("action-option-{i}"));
    html! {
        <div class="field combo">
            <label class="field-label" for="req-action">{"Action"}</label>
            <input id="req-action" type="text" class={classes!(props.invalid.then_some("invalid"))}
                value={value.clone()} oninput={on_input} onkeydown={on_key} onblur={on_blur} onfocus={on_focus}
                spellcheck="false" autocomplete="off" list={(!ready).then_some("known-actions")} aria-label="Action"
                data-testid="action-input" placeholder="s3:GetObject"
                role={ready.then_some("combobox")} aria-autocomplete={ready.then_some("list")}
                aria-expanded={ready.then(|| showing.to_string())} aria-controls={ready.then_some("action-suggestions")}
                aria-activedescendant={active_id} />
                <ul id="action-suggestions" class="suggestions" role="listbox" hidden={!showing} aria-label="Actions" data-testid="action-suggestions">
                    { for combo.suggestions.iter().enumerate().map(|(i, (name, level))| {
                        let selected = combo.active == Some(i);
                        let pick = pick.clone();
                        let chosen = name.clone();
                        html! {
                            <li id={format!("action-option-{i}")} role="option" aria-selected={selected.to_string()}
                                class={classes!("suggestion", selected.then_some("active"))} data-testid="action-suggestion" data-action={name.clone()}
                                onmousedown={Callback::from(move |e: MouseEvent| { e.prevent_default(); pick(chosen.clone()); })}>
                                <code>{ name.clone() }</code>
                                <span class="suggestion-level">{ level_label(level) }</span>
                            </li>
                        }
                    }) }
                </ul>
            // In a fragment of its own, as elsewhere: appended messages then do not move (and
            // blur) the input.
            { problems }
        </div>
    }
}

/// What the catalog says about the request's action (HTML from the worker: service, access level,
/// ARN templates, condition keys); clicks are handled here by their `data-*` attributes.
#[function_component(ActionHelp)]
pub fn action_help() -> Html {
    let state = use_playground();
    let cat = catalog::use_catalog();
    let body = use_state(|| None::<(String, AttrValue)>);
    let open = use_state(|| false);
    let ready = cat.as_ref().is_some_and(|c| c.status.is_ready());
    let Some(state) = state else {
        return html! {};
    };
    let request = &state.work.request;
    let action = request.action.trim().to_string();
    let present: Vec<String> = request
        .context
        .iter()
        .map(|r| r.key.trim().to_string())
        .collect();
    let payload = {
        use iam_core::json_out::Json;
        Json::Object(vec![
            ("action", Json::String(&action)),
            ("resource", Json::String(&request.resource)),
            ("principal", Json::String(&request.principal)),
            (
                "present",
                Json::Array(present.iter().map(|k| Json::String(k)).collect()),
            ),
        ])
        .to_compact()
    };
    {
        let body = body.clone();
        let action = action.clone();
        use_effect_with((payload, ready), move |(payload, ready)| {
            if *ready && !action.is_empty() && !action.contains(['*', '?']) {
                catalog::spawn_text("help", payload.clone(), move |text| {
                    body.set(Some((action, AttrValue::from(text))));
                });
            } else {
                body.set(None);
            }
        });
    }
    let on_click = {
        let state = state.clone();
        Callback::from(move |e: MouseEvent| {
            use wasm_bindgen::JsCast;
            let Some(button) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button").ok().flatten())
            else {
                return;
            };
            if let Some(arn) = button.get_attribute("data-arn") {
                state.dispatch(Action::SetRequestField {
                    field: RequestField::Resource,
                    value: arn,
                });
                select_placeholder();
            } else if let Some(key) = button.get_attribute("data-add") {
                let kind = button
                    .get_attribute("data-kind")
                    .and_then(|k| ValueKind::parse(&k))
                    .unwrap_or(ValueKind::String);
                state.dispatch(Action::AddContextRow {
                    key,
                    kind,
                    value: String::new(),
                });
            }
        })
    };
    // One summary line, there from the first render while the catalog loads, and folded by default:
    // what arrives late fills the fold and moves nothing the reader is looking at (issue 13).
    let coming = cat.as_ref().is_some_and(|c| {
        matches!(
            c.status,
            catalog::CatalogStatus::Idle
                | catalog::CatalogStatus::Loading
                | catalog::CatalogStatus::Ready { .. }
        )
    });
    let wanted = !action.is_empty() && !action.contains(['*', '?']);
    let content = match &*body {
        Some((for_action, html)) if *for_action == action && !html.is_empty() => Some(html.clone()),
        _ => None,
    };
    if !wanted || !coming {
        return html! {};
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details = e.target_unchecked_into::<web_sys::Element>();
            open.set(details.has_attribute("open"));
        })
    };
    html! {
        <details class="field-wide action-help-box" open={*open} ontoggle={toggle} data-testid="action-help-box">
            <summary>
                {"Resource ARN formats and condition keys of "}<code>{ action.clone() }</code>
                if content.is_none() && !ready { <span class="muted">{" (loading the AWS service data…)"}</span> }
            </summary>
            if let Some(html) = content {
                <div onclick={on_click}>{ Html::from_html_unchecked(html) }</div>
            }
        </details>
    }
}

/// Put the resource in the field and select its first `${…}` placeholder.
fn select_placeholder() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        gloo::timers::callback::Timeout::new(0, || {
            let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("req-resource"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let value = input.value();
            let _ = input.focus();
            if let Some(start) = value.find("${") {
                let end = value
                    .get(start..)
                    .and_then(|rest| rest.find('}'))
                    .map_or(value.len(), |e| start + e + 1);
                let _ = input.set_selection_range(start as u32, end as u32);
            }
        })
        .forget();
    }
}
