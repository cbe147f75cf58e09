//! `EmbedBar`: the thin top bar of embed mode, with the "open in iamplay" link that carries the
//! current scenario to the full playground.

use yew::prelude::*;

use crate::browser;
use crate::hooks::use_playground;

#[function_component(EmbedBar)]
pub fn embed_bar() -> Html {
    let Some(state) = use_playground() else {
        return html! {};
    };
    let href = browser::share_url(&state.work.to_scenario().to_json(), false);
    html! {
        <header class="embed-bar">
            <span class="brand-name">{"iamplay"}</span>
            <a class="open-full" href={href} target="_blank" rel="noopener" data-testid="open-in-iamplay">
                {"open in iamplay ↗"}
            </a>
        </header>
    }
}
