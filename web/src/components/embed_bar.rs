//! `EmbedBar`: the thin top bar of embed mode, with the "open in iamplay" link that carries the
//! current scenario to the full playground.

use yew::prelude::*;

use crate::browser;
use crate::hooks::use_playground;

#[function_component(EmbedBar)]
pub fn embed_bar() -> Html {
    let state = use_playground();
    // The link is compressed by the browser (async): recomputed when the scenario changes, the
    // plain playground address until then.
    let href = use_state(browser::base_url);
    let json = state.as_ref().map(|s| s.share_json()).unwrap_or_default();
    {
        let href = href.clone();
        use_effect_with(json, move |json| {
            let json = json.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(url) = browser::share_url(&json, false).await {
                    href.set(url);
                }
            });
        });
    }
    if state.is_none() {
        return html! {};
    }
    let href = (*href).clone();
    html! {
        <header class="embed-bar">
            <span class="brand-name">{"iamplay"}</span>
            <a class="open-full" href={href} target="_blank" rel="noopener" data-testid="open-in-iamplay">
                {"open in iamplay ↗"}
            </a>
        </header>
    }
}
