//! `lesson_card`: the title and text of the example the scenario came from (the gallery's, or the
//! first visit's), kept on screen in a panel that folds away, so "try this" is still there after
//! the banner is gone.

use yew::prelude::*;

use crate::components::markdown::markdown;
use crate::components::rich::rich;
use crate::hooks::PlaygroundContext;

pub fn lesson_card(state: &PlaygroundContext) -> Html {
    let Some((title, text)) = &state.lesson else {
        return html! {};
    };
    html! {
        <details class="card lesson lesson-example" open=true data-testid="lesson">
            <summary><h2 data-testid="lesson-title">{ rich(title) }</h2></summary>
            <div class="lesson-text" data-testid="lesson-text">{ markdown(text) }</div>
        </details>
    }
}
