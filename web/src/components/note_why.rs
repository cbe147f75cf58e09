//! `NoteWhy`: under a note that is one of iamplay's assumptions, "Why iamplay reads it this way"
//! opens the row of `docs/decisions.md` for that id — iamplay's choice and the reasons, with the AWS
//! pages they rest on. The file is copied next to `index.html` and fetched (from the site's root,
//! also inside an `<iam-playground>` element) the first time a reader asks; it is not part of the
//! first load.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::markdown::markdown;

#[derive(Properties, PartialEq)]
pub struct NoteWhyProps {
    /// The note's id, `A7`.
    pub id: &'static str,
}

/// What the reader sees once asked: the row, or why it could not be shown.
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Loading,
    Row { choice: String, why: String },
    Missing(String),
}

thread_local! {
    /// `decisions.md`, once fetched.
    static DECISIONS: RefCell<Option<Rc<String>>> = const { RefCell::new(None) };
}

/// The `(iamplay's choice, why)` cells of the table row of `id` in `decisions.md` (rows are
/// `| A7 | question | choice | why |`).
pub fn decision_row(text: &str, id: &str) -> Option<(String, String)> {
    let head = format!("| {id} |");
    let line = text.lines().find(|l| l.starts_with(&head))?;
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    match cells.as_slice() {
        ["", _, _, choice, why, ""] => Some((choice.to_string(), why.to_string())),
        _ => None,
    }
}

#[function_component(NoteWhy)]
pub fn note_why(props: &NoteWhyProps) -> Html {
    let shown = use_state(|| Shown::Nothing);
    let id = props.id;
    let ontoggle = {
        let shown = shown.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_unchecked_into::<web_sys::Element>()
                .has_attribute("open");
            if !open || *shown != Shown::Nothing {
                return;
            }
            shown.set(Shown::Loading);
            let shown = shown.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = match DECISIONS.with(|d| d.borrow().clone()) {
                    Some(text) => Ok(text),
                    None => fetch_decisions().await.map(|t| {
                        let t = Rc::new(t);
                        DECISIONS.with(|d| *d.borrow_mut() = Some(t.clone()));
                        t
                    }),
                };
                shown.set(match text {
                    Ok(text) => match decision_row(&text, id) {
                        Some((choice, why)) => Shown::Row { choice, why },
                        None => Shown::Missing(format!("decisions.md has no row {id}")),
                    },
                    Err(e) => Shown::Missing(format!("decisions.md could not be fetched: {e}")),
                });
            });
        })
    };
    let body = match &*shown {
        Shown::Nothing => html! {},
        Shown::Loading => html! { <p class="muted">{"Loading…"}</p> },
        Shown::Row { choice, why } => html! {
            <div data-testid="note-why-text">
                <p class="note-why-label">{ format!("iamplay's choice ({id} in docs/decisions.md)") }</p>
                { markdown(choice) }
                <p class="note-why-label">{"Why"}</p>
                { markdown(why) }
            </div>
        },
        Shown::Missing(problem) => html! { <p class="muted">{ problem.clone() }</p> },
    };
    html! {
        <details class="note-why" ontoggle={ontoggle} data-testid="note-why">
            <summary>{"Why iamplay reads it this way"}</summary>
            { body }
        </details>
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/dist/page.bundle.js")]
extern "C" {
    /// The address of a site file from the bundle's own URL (an `<iam-playground>` element runs in
    /// another site's page, so not the document's address).
    #[wasm_bindgen(js_name = siteFile)]
    fn site_file(name: &str) -> String;
}

#[cfg(target_arch = "wasm32")]
async fn fetch_decisions() -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    crate::examples::response_text(window.fetch_with_str(&site_file("decisions.md"))).await
}

#[cfg(not(target_arch = "wasm32"))]
async fn fetch_decisions() -> Result<String, String> {
    Err("not in a browser".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assumption_has_its_row_in_decisions_md() {
        let text = include_str!("../../../docs/decisions.md");
        for id in iam_core::trace::NoteId::ALL {
            let row = decision_row(text, id.as_str());
            assert!(row.is_some(), "{} has no row", id.as_str());
            let (choice, why) = row.unwrap_or_default();
            assert!(!choice.is_empty() && !why.is_empty(), "{}", id.as_str());
        }
        assert_eq!(decision_row(text, "A999"), None);
    }
}
