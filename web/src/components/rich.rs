//! `rich`: a sentence from the core with `code spans` in backticks rendered as `<code>`.
//!
//! A plain function, not a component: it has no state, and each component type costs its own
//! copy of Yew's generic component code in the wasm (BENCHMARKS.md, "Web playground").

use yew::prelude::*;

pub fn rich(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { { part.to_string() } }
        }
    });
    html! { <>{ for parts }</> }
}
