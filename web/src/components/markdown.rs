//! A small, safe Markdown renderer for lesson texts, tasks and hints: paragraphs (blank lines),
//! lists (`- ` or `* `), `code`, **bold**, *emphasis* and [links](https://…). It builds DOM nodes,
//! never HTML text, so nothing in the text can become markup; only `http(s)` links are made.

use yew::prelude::*;

pub fn markdown(text: &str) -> Html {
    let mut blocks: Vec<Html> = Vec::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let lines: Vec<&str> = block.lines().map(str::trim).collect();
        let is_list = lines
            .iter()
            .all(|l| l.starts_with("- ") || l.starts_with("* "));
        if is_list {
            let items = lines
                .iter()
                .map(|l| html! { <li>{ inline(l.get(2..).unwrap_or_default()) }</li> });
            blocks.push(html! { <ul>{ for items }</ul> });
        } else {
            blocks.push(html! { <p>{ inline(&lines.join(" ")) }</p> });
        }
    }
    html! { <>{ for blocks }</> }
}

/// One line: `code`, **bold**, *emphasis*, [text](url).
pub fn inline(text: &str) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        let span = match c {
            '`' => after.find('`').map(|end| {
                let code = after.get(..end).unwrap_or_default().to_string();
                (html! { <code>{ code }</code> }, end + 2)
            }),
            '*' if after.starts_with('*') => {
                let body = after.get(1..).unwrap_or_default();
                body.find("**").map(|end| {
                    (
                        html! { <strong>{ inline(body.get(..end).unwrap_or_default()) }</strong> },
                        end + 4,
                    )
                })
            }
            '*' => after.find('*').filter(|end| *end > 0).map(|end| {
                (
                    html! { <em>{ inline(after.get(..end).unwrap_or_default()) }</em> },
                    end + 2,
                )
            }),
            '[' => link(after),
            _ => None,
        };
        match span {
            Some((node, len)) => {
                if !plain.is_empty() {
                    out.push(html! { { std::mem::take(&mut plain) } });
                }
                out.push(node);
                rest = rest.get(len..).unwrap_or_default();
            }
            None => {
                plain.push(c);
                rest = after;
            }
        }
    }
    if !plain.is_empty() {
        out.push(html! { { plain } });
    }
    html! { <>{ for out }</> }
}

/// `text](url)` after a `[`: a link when the URL is http(s); with the length consumed (from `[`).
fn link(after: &str) -> Option<(Html, usize)> {
    let close = after.find("](")?;
    let label = after.get(..close)?;
    let url_part = after.get(close + 2..)?;
    let end = url_part.find(')')?;
    let url = url_part.get(..end)?.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return None;
    }
    let node = html! {
        <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ inline(label) }</a>
    };
    Some((node, 1 + close + 2 + end + 1))
}
