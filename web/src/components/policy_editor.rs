//! `PolicyEditor`: one CodeMirror editor for one policy document.
//!
//! Every policy keeps its own editor (hidden unless shown), so each keeps its undo history and
//! scroll position when tabs switch. Props flow in (text, squiggles, highlight, focus requests);
//! typing flows out through `on_change`.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::editor::{self, EditorDiagnostic, EditorHandle};

#[derive(Properties, PartialEq)]
pub struct PolicyEditorProps {
    pub doc: u32,
    pub text: AttrValue,
    /// The accessible name of the text area.
    pub label: AttrValue,
    pub diagnostics: Rc<Vec<EditorDiagnostic>>,
    pub visible: bool,
    /// An exercise's read-only document.
    #[prop_or_default]
    pub read_only: bool,
    /// Hover highlight `[from, to)` in UTF-16 units.
    pub highlight: Option<(u32, u32)>,
    /// Select-and-scroll request `(from, to, seq)` in UTF-16 units.
    pub focus: Option<(u32, u32, u32)>,
    pub on_change: Callback<String>,
}

#[function_component(PolicyEditor)]
pub fn policy_editor(props: &PolicyEditorProps) -> Html {
    let host = use_node_ref();
    let handle = use_mut_ref(|| None::<EditorHandle>);
    let closure = use_mut_ref(|| None::<Closure<dyn FnMut(String)>>);
    // The latest callback, read by the JS change listener (created once, at mount).
    let on_change = use_mut_ref(|| props.on_change.clone());
    *on_change.borrow_mut() = props.on_change.clone();

    {
        let host = host.clone();
        let handle = handle.clone();
        let closure = closure.clone();
        let on_change = on_change.clone();
        let text = props.text.clone();
        let label = props.label.clone();
        use_effect_with((), move |_| {
            if let Some(element) = host.cast::<web_sys::Element>() {
                let listener = Closure::<dyn FnMut(String)>::new(move |text: String| {
                    let callback = on_change.borrow().clone();
                    callback.emit(text);
                });
                let created = editor::create_editor(
                    &element,
                    &text,
                    &label,
                    listener.as_ref().unchecked_ref(),
                );
                *handle.borrow_mut() = Some(created);
                *closure.borrow_mut() = Some(listener);
            }
            move || {
                if let Some(h) = handle.borrow_mut().take() {
                    editor::destroy_editor(&h);
                }
                closure.borrow_mut().take();
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.text.clone(), move |text| {
            if let Some(h) = handle.borrow().as_ref() {
                editor::set_text(h, text);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.label.clone(), move |label| {
            if let Some(h) = handle.borrow().as_ref() {
                editor::set_label(h, label);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.read_only, move |read_only| {
            if let Some(h) = handle.borrow().as_ref() {
                editor::set_read_only(h, *read_only);
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.diagnostics.clone(), move |diagnostics| {
            if let Some(h) = handle.borrow().as_ref() {
                editor::set_diagnostics(h, &editor::diagnostics_json(diagnostics));
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.visible, move |visible| {
            if *visible {
                if let Some(h) = handle.borrow().as_ref() {
                    editor::refresh_editor(h);
                }
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.highlight, move |highlight| {
            if let Some(h) = handle.borrow().as_ref() {
                match highlight {
                    Some((from, to)) => editor::highlight_range(h, to_i32(*from), to_i32(*to)),
                    None => editor::highlight_range(h, -1, -1),
                }
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with(props.focus, move |focus| {
            if let (Some(h), Some((from, to, _))) = (handle.borrow().as_ref(), focus) {
                editor::select_range(h, *from, *to);
            }
        });
    }
    let class = classes!("editor", (!props.visible).then_some("editor-hidden"));
    html! {
        <div ref={host} class={class} data-doc={props.doc.to_string()}
            data-testid={if props.visible { "editor" } else { "editor-hidden" }}
            aria-hidden={(!props.visible).to_string()} />
    }
}

fn to_i32(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}
