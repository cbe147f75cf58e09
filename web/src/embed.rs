//! The `<iam-playground>` element (`web/js/embed.js`, docs/embedding.md): a playground inside a
//! documentation page, no iframe. Every element on a page is its own Yew app in its own shadow root,
//! mounted by [`mount`] in the one wasm instance the page loaded (and sharing its catalog worker).

use crate::state::{Banner, Playground, Snapshot};

/// What an element asks for: its scenario or workspace (JSON text) and whether it may be edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedInput {
    pub text: String,
    pub read_only: bool,
}

/// The playground an element opens: its scenario or workspace (v1 or v2, or an example file), in the
/// compact embed view, nothing saved; what cannot be read gives the default example and says why.
pub fn playground(input: &EmbedInput) -> Playground {
    let mut playground = match crate::boot::read_file(&input.text) {
        Ok(opened) => match opened.scenario {
            Some(scenario) => Playground::new(crate::state::Workspace::from_scenario(&scenario)),
            None => Playground::with_model(opened),
        },
        Err(details) => {
            let mut p = Playground::from_snapshot(Snapshot {
                work: crate::boot::first_visit(),
                model: None,
            });
            p.banner = Some(Banner::error(
                "This embedded scenario could not be read",
                details,
            ));
            p
        }
    };
    playground.embed = true;
    playground.locked = input.read_only;
    playground
}

/// Whether the page loaded the wasm for `<iam-playground>` elements only (`embed.js` sets
/// `globalThis.__iamplayEmbed`): then no full playground is mounted into the page.
#[cfg(target_arch = "wasm32")]
pub fn elements_only() -> bool {
    js_sys::Reflect::get(
        &js_sys::global(),
        &wasm_bindgen::JsValue::from_str("__iamplayEmbed"),
    )
    .map(|v| v.is_truthy())
    .unwrap_or(false)
}

/// Mount a playground into `root` (a `<div>` in an element's shadow root). Exported to JavaScript
/// as `mountEmbed` by the app's binary (`main.rs`; an export here would pull the app into the
/// catalog worker's wasm too).
#[cfg(target_arch = "wasm32")]
pub fn mount(root: web_sys::Element, text: String, read_only: bool) {
    crate::panic::install();
    let props = crate::app::AppProps {
        link: None,
        embedded: Some(std::rc::Rc::new(EmbedInput { text, read_only })),
    };
    yew::Renderer::<crate::App>::with_root_and_props(root, props).render();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_opens_a_scenario_a_workspace_or_says_why_not() {
        let scenario = crate::boot::first_visit().to_scenario().to_json();
        let p = playground(&EmbedInput {
            text: scenario,
            read_only: true,
        });
        assert!(p.embed && p.locked && p.model.is_none() && p.banner.is_none());
        let ws = include_str!("../../examples/workspaces/course-basics.json");
        let p = playground(&EmbedInput {
            text: ws.to_string(),
            read_only: false,
        });
        assert!(p.model.is_some() && !p.locked);
        let p = playground(&EmbedInput {
            text: "{ nope".to_string(),
            read_only: false,
        });
        assert!(p.banner.is_some() && p.embed);
    }
}
