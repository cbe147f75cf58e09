//! `Recover`: the copies of saved work that could not be opened (`recovery.rs`), each with its date
//! and reason, to download, restore (when this version can read it) or delete. A modal dialog: focus
//! starts inside, Escape closes it.

use yew::prelude::*;

use crate::hooks::use_playground;
use crate::recovery::{self, Copy};
use crate::state::{Action, Banner};

#[derive(Properties, PartialEq)]
pub struct RecoverProps {
    pub on_close: Callback<()>,
}

#[function_component(Recover)]
pub fn recover(props: &RecoverProps) -> Html {
    let state = use_playground();
    let copies = use_state(recovery::copies);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(d) = dialog.cast::<web_sys::HtmlElement>() {
                let _ = d.focus();
            }
        });
    }
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    use_effect_with((), |_| {
        || crate::browser::focus_selector("[data-testid=open-recover], [data-testid=export]")
    });
    let onkeydown = {
        let on_close = props.on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            } else if let Some(d) = dialog.cast::<web_sys::Element>() {
                crate::browser::trap_tab(&e, &d);
            }
        })
    };
    let rows = copies.iter().enumerate().map(|(i, c): (usize, &Copy)| {
        let download = {
            let c = c.clone();
            Callback::from(move |_: MouseEvent| {
                let stamp: String = c.date.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect();
                crate::browser::download(&format!("iamplay-saved-{stamp}.json"), &c.saved);
            })
        };
        let restore = {
            let c = c.clone();
            let state = state.clone();
            let on_close = props.on_close.clone();
            Callback::from(move |_: MouseEvent| {
                let Some(state) = &state else { return };
                match crate::storage::snapshot_from_json(&c.saved) {
                    Ok(snapshot) => {
                        state.dispatch(Action::Restore(Box::new(snapshot), c.date.clone()));
                        on_close.emit(());
                    }
                    Err(problem) => state.dispatch(Action::ShowBanner(Banner::error(
                        "This copy cannot be opened by this version of iamplay",
                        vec![problem, "Download it to keep it, or open it with the iamplay that saved it.".to_string()],
                    ))),
                }
            })
        };
        let delete = {
            let copies = copies.clone();
            Callback::from(move |_: MouseEvent| {
                #[cfg(target_arch = "wasm32")]
                recovery::remove(i);
                copies.set(recovery::copies());
            })
        };
        html! {
            <li key={format!("{i}-{}", c.date)} data-testid="recover-item" data-date={c.date.clone()}>
                <p><strong>{ c.date.replace('T', " ").chars().take(19).collect::<String>() }</strong>
                    { format!(" — {} characters", c.saved.chars().count()) }</p>
                <p class="muted">{ c.reason.clone() }</p>
                <div class="task-actions">
                    <button type="button" class="btn" data-testid="recover-download" onclick={download}>{"Download"}</button>
                    <button type="button" class="btn" data-testid="recover-restore" onclick={restore}>{"Restore"}</button>
                    <button type="button" class="btn btn-danger" data-testid="recover-delete" onclick={delete}>{"Delete"}</button>
                </div>
            </li>
        }
    });
    html! {
        <div class="gallery-backdrop" onkeydown={onkeydown}>
            <div ref={dialog} class="gallery recover" role="dialog" aria-modal="true" aria-labelledby="recover-title"
                data-testid="recover" tabindex="-1">
                <header class="gallery-top">
                    <div>
                        <h2 id="recover-title">{"Recover saved work"}</h2>
                        <p class="muted">{"Copies of saved work this page could not open, kept in this browser with the date. Nothing here leaves your machine."}</p>
                    </div>
                    <button type="button" class="btn" onclick={close}>{"Close"}</button>
                </header>
                if copies.is_empty() {
                    <p class="gallery-state">{"No copies are kept."}</p>
                } else {
                    <ul class="recover-list">{ for rows }</ul>
                }
            </div>
        </div>
    }
}
