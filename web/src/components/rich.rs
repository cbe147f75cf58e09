//! `Rich`: a sentence from the core with `code spans` in backticks rendered as `<code>`.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RichProps {
    pub text: AttrValue,
}

#[function_component(Rich)]
pub fn rich(props: &RichProps) -> Html {
    let parts = props.text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { { part.to_string() } }
        }
    });
    html! { <>{ for parts }</> }
}
