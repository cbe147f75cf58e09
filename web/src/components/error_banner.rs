//! `MessageBanner`: the message across the top (a broken link or file, a load with its undo offer).
//! Errors carry `data-testid="error-banner"` and `role="alert"`; notices `data-testid="info-banner"`.

use yew::prelude::*;

use crate::components::icons::{svg_icon, IconKind};

use crate::components::rich::rich;
use crate::hooks::PlaygroundContext;
use crate::state::{Action, BannerKind};

pub fn message_banner(state: &PlaygroundContext) -> Html {
    let Some(banner) = state.banner.clone() else {
        return html! {};
    };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::DismissBanner))
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::UndoLoad))
    };
    let (class, testid, role) = match banner.kind {
        BannerKind::Error => ("banner banner-error", "error-banner", "alert"),
        BannerKind::Info => ("banner banner-info", "info-banner", "status"),
    };
    html! {
        <div class={class} data-testid={testid} role={role}>
            <span class="banner-icon" aria-hidden="true">{ if banner.kind == BannerKind::Error { "⚠" } else { "ℹ" } }</span>
            <div class="banner-body">
                <strong>{ rich(&banner.title) }</strong>
                if !banner.details.is_empty() {
                    <ul class="banner-details">
                        { for banner.details.iter().map(|d| html! { <li>{ rich(d) }</li> }) }
                    </ul>
                }
            </div>
            if state.undo.is_some() && banner.kind == BannerKind::Info {
                <button type="button" class="btn btn-small" data-testid="undo-load" aria-label="Undo: bring back the previous work" onclick={undo}>{"Undo"}</button>
            }
            <button type="button" class="btn-icon" aria-label="Dismiss message" onclick={dismiss}>{ svg_icon(IconKind::Close) }</button>
        </div>
    }
}
