//! `PolicyEditors`: an editor for every policy, showing the active one (or the one a hovered step
//! points into), with its squiggles and the highlighted span.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::components::policy_editor::PolicyEditor;
use crate::hooks::PlaygroundContext;
use crate::state::{Action, UiState};

pub fn policy_editors(state: &PlaygroundContext, ui: &UiState, analysis: &Rc<Analysis>) -> Html {
    let hover = ui.hover(state);
    let focus = ui.focus(state);
    let shown = hover.map(|h| h.doc).unwrap_or(state.work.active);
    // Every policy keeps its own editor (undo history, scroll) — up to EAGER of them; beyond that (an
    // imported account has hundreds of documents) only the shown and the active one are mounted.
    const EAGER: usize = 40;
    let many = state.work.docs.len() > EAGER;
    let editors = state.work.docs.iter().enumerate().filter(|(_, doc)| !many || doc.id == shown || doc.id == state.work.active).map(|(index, doc)| {
        let offsets = analysis.offsets.get(index);
        let utf16 = |start: u32, end: u32| offsets.map(|o| (o.utf16(start), o.utf16(end))).unwrap_or((start, end));
        let highlight = hover.filter(|h| h.doc == doc.id).map(|h| utf16(h.span.start, h.span.end));
        let focus = focus.filter(|f| f.target.doc == doc.id).map(|f| {
            let (from, to) = utf16(f.target.span.start, f.target.span.end);
            (from, to, f.seq)
        });
        let on_change = {
            let state = state.clone();
            let id = doc.id;
            Callback::from(move |text: String| state.dispatch(Action::EditPolicy { doc: id, text }))
        };
        let diagnostics = analysis.editor_diagnostics.get(index).cloned().unwrap_or_else(|| Rc::new(Vec::new()));
        let read_only = state.locked || analysis.is_read_only(index);
        html! {
            <PolicyEditor key={doc.id.to_string()} doc={doc.id} text={AttrValue::from(doc.text.clone())}
                label={AttrValue::from(format!("Policy document {}", doc.name))}
                diagnostics={diagnostics} visible={doc.id == shown} read_only={read_only}
                highlight={highlight} focus={focus} on_change={on_change} />
        }
    });
    let preview = (shown != state.work.active)
        .then(|| {
            state
                .work
                .docs
                .iter()
                .find(|d| d.id == shown)
                .map(|d| d.name.clone())
        })
        .flatten();
    html! {
        <div class="editors" id="editor-panel" role="tabpanel" aria-label="Policy document editor">
            if let Some(name) = preview {
                <div class="preview-badge" aria-hidden="true">{"Previewing "}<code>{ name }</code></div>
            }
            <p id="editor-help" class="editor-help">
                {"Tab indents · Esc, then Tab, leaves the editor · Ctrl+Z undoes"}
            </p>
            { for editors }
        </div>
    }
}
