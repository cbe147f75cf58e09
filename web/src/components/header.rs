//! `Header`: the brand and the toolbar (examples, import, export, copy link).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::icons::{svg_icon, IconKind};
use crate::hooks::use_playground;
use crate::state::{Action, Banner, LoadSource};

// long: one Yew component: its hooks and its html! tree
#[function_component(Header)]
pub fn header() -> Html {
    let cat = crate::catalog::use_catalog();
    let Some(state) = use_playground() else {
        return html! {};
    };
    // The last link made, shown in a small popover so it can be copied by hand too.
    let link = use_state(|| None::<String>);
    let copied = use_state(|| None::<bool>);
    let file_input = use_node_ref();
    // Kept copies of saved work that could not be opened (counted once; again when the dialog closes).
    let kept = use_state(|| crate::recovery::copies().len());
    let recover_open = use_state(|| false);

    let open_gallery = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::OpenGallery(true)))
    };

    let copy_link = {
        let state = state.clone();
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let json = state.share_json();
            // The link is checked as the page that opens it will read it.
            if let Err(errors) = crate::boot::read_link(Ok(json.clone())) {
                state.dispatch(Action::ShowBanner(Banner::error(
                    "This scenario cannot be shared yet",
                    errors.into_iter().take(6).collect(),
                )));
                return;
            }
            let link = link.clone();
            let copied = copied.clone();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(url) = browser::share_url(&json, false).await else {
                    state.dispatch(Action::ShowBanner(Banner::error(
                        "The link could not be made",
                        vec!["This browser could not compress the scenario (it needs `CompressionStream`).".to_string()],
                    )));
                    return;
                };
                if url.len() > crate::share::LONG_LINK {
                    state.dispatch(Action::ShowBanner(Banner::error(
                        "This work is too big for a link",
                        vec![
                            format!(
                                "Its link would be {} characters long; links over {} characters are cut short by chat tools, mail clients and web servers.",
                                url.len(),
                                crate::share::LONG_LINK
                            ),
                            "Use Export to save it as a file, and share the file instead.".to_string(),
                        ],
                    )));
                    return;
                }
                link.set(Some(url.clone()));
                copied.set(None);
                browser::copy_text(&url, move |ok| copied.set(Some(ok)));
            });
        })
    };

    let close_link = {
        let link = link.clone();
        Callback::from(move |_: MouseEvent| link.set(None))
    };

    let export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let name = state
                .example
                .as_deref()
                .map(|slug| format!("{slug}.json"))
                .unwrap_or_else(|| {
                    if state.model.is_some() {
                        "workspace.json"
                    } else {
                        "scenario.json"
                    }
                    .to_string()
                });
            browser::download(&name, &state.to_json());
        })
    };

    let pick_file = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };

    let import = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let Some(text) = text else {
                    state.dispatch(Action::ShowBanner(Banner::error(
                        format!("`{name}` could not be read"),
                        vec![],
                    )));
                    return;
                };
                if crate::boot::is_authorization_details(&text) {
                    // Imported in the catalog worker (its code is not in the first load).
                    let opened = crate::catalog::worker("import", &text)
                        .await
                        .map_err(|e| e.lines().map(str::to_string).collect())
                        .and_then(|answer| crate::boot::from_import(&answer));
                    match opened {
                        Ok(ws) => state.dispatch(Action::LoadModel {
                            model: Box::new(ws),
                            source: LoadSource::File { name },
                        }),
                        Err(details) => state.dispatch(Action::ShowBanner(Banner::error(
                            format!("`{name}` could not be imported; nothing was changed"),
                            details,
                        ))),
                    }
                    return;
                }
                match crate::boot::read_file(&text) {
                    Ok(opened) => {
                        state.dispatch(crate::boot::load_action(opened, LoadSource::File { name }))
                    }
                    Err(details) => state.dispatch(Action::ShowBanner(Banner::error(
                        format!("`{name}` could not be opened; nothing was changed"),
                        details,
                    ))),
                }
            });
        })
    };

    html! {
        <header class="topbar">
            <a class="skip-link" href="#result" data-testid="skip-link">{"Skip to the decision and reasoning"}</a>
            <div class="brand">
                <span class="logo" aria-hidden="true">
                    <svg viewBox="0 0 24 24" width="22" height="22"><path d="M12 2 3 6v6c0 5 3.8 9.4 9 10 5.2-.6 9-5 9-10V6l-9-4Z" fill="currentColor" opacity=".18"/><path d="M12 2 3 6v6c0 5 3.8 9.4 9 10 5.2-.6 9-5 9-10V6l-9-4Z" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="m8 12 3 3 5-6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>
                </span>
                <h1 class="brand-name">{"iamplay"}</h1>
                <span class="brand-tag">{"AWS IAM policy playground — runs entirely in your browser"}</span>
            </div>
            { cat.as_ref().map(crate::components::catalog_panel::catalog_status_line).unwrap_or_default() }
            <nav class="toolbar" aria-label="Scenario">
                <button type="button" class="btn" data-testid="open-gallery" aria-label="Examples" onclick={open_gallery}>
                    { svg_icon(IconKind::Grid) }{"Examples"}
                </button>
                <button type="button" class="btn" aria-label="Import scenario file" onclick={pick_file}>{ svg_icon(IconKind::Upload) }{"Import"}</button>
                <input ref={file_input} type="file" accept=".json,application/json" class="visually-hidden" tabindex="-1"
                    aria-hidden="true" data-testid="import-input" onchange={import} />
                if *kept > 0 {
                    <button type="button" class="btn" data-testid="open-recover" onclick={{
                        let recover_open = recover_open.clone();
                        Callback::from(move |_: MouseEvent| recover_open.set(true))
                    }}>{ format!("Recover ({})", *kept) }</button>
                }
                <button type="button" class="btn" data-testid="presenter" aria-pressed={state.presenter.to_string()}
                    title="Presenter mode: larger type and fewer panels, for a projector (?present in the address)"
                    onclick={{
                        let state = state.clone();
                        let on = !state.presenter;
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetPresenter(on)))
                    }}>{"Present"}</button>
                <button type="button" class="btn" aria-label="Export scenario file" data-testid="export" onclick={export}>{ svg_icon(IconKind::Download) }{"Export"}</button>
                <div class="share">
                    <button type="button" class="btn btn-primary" data-testid="copy-link" aria-label="Copy link" onclick={copy_link}>
                        { svg_icon(IconKind::Link) }{"Copy link"}
                    </button>
                    if let Some(url) = (*link).clone() {
                        <div class="share-pop" role="dialog" aria-label="Share link">
                            <p class="share-status" role="status">
                                { match *copied {
                                    Some(true) => "Link copied to the clipboard.",
                                    Some(false) => "Copy the link below (the clipboard is not available here).",
                                    None => "Copying…",
                                } }
                            </p>
                            <input class="share-url" readonly=true value={url} data-testid="share-url" aria-label="Share link"
                                onfocus={Callback::from(|e: FocusEvent| {
                                    if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { input.select(); }
                                })} />
                            <p class="share-note">{"The whole scenario is in the link (after #), compressed; nothing is uploaded."}</p>
                            <button type="button" class="btn btn-small" onclick={close_link}>{"Close"}</button>
                        </div>
                    }
                </div>
            </nav>
            if *recover_open {
                <crate::components::recover::Recover on_close={{
                    let recover_open = recover_open.clone();
                    let kept = kept.clone();
                    Callback::from(move |_| {
                        recover_open.set(false);
                        kept.set(crate::recovery::copies().len());
                    })
                }} />
            }
        </header>
    }
}
