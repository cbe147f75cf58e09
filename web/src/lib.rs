//! iamplay's web playground: a Yew app that runs `iam-core` in the page.
//!
//! - [`state`]: the inputs and UI state, one reducer (host-tested).
//! - [`analysis`]: what is derived from the inputs (never stored).
//! - [`app`]: the root component; [`components`]: one panel per file.
//! - [`share`], [`storage`]: links and local storage (pure parts host-tested).
//! - [`editor`]: bindings to the CodeMirror glue in `web/js/editor.js`.
//! - [`catalog`]: the AWS service catalog, loaded after the first decision into a worker
//!   ([`catalog_service`] is what the worker answers).

pub mod analysis;
pub mod app;
pub mod boot;
pub mod browser;
pub mod catalog;
pub mod catalog_service;
pub mod components;
pub mod editor;
pub mod embed;
pub mod examples;
pub mod hooks;
pub mod model;
pub mod model_edit;
pub mod offsets;
pub mod panic;
pub mod recovery;
pub mod share;
pub mod state;
pub mod storage;

pub use app::App;

/// Mount the app into `#app` (or `<body>`), after installing the panic hook and decoding the
/// address's `s=` link, if any (the browser's decompression is async).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    panic::install();
    wasm_bindgen_futures::spawn_local(async {
        let link = match boot::link_payload() {
            Some(payload) => Some(share::decode(&payload).await),
            None => None,
        };
        mount(link);
    });
}

#[cfg(target_arch = "wasm32")]
fn mount(link: Option<boot::Link>) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.get_element_by_id("app")
            .or_else(|| d.body().map(Into::into))
    });
    if let Some(root) = root {
        // Drop the "Loading…" placeholder from index.html.
        root.set_inner_html("");
        let props = app::AppProps {
            link,
            embedded: None,
        };
        yew::Renderer::<App>::with_root_and_props(root, props).render();
    }
    panic::arm_debug_trigger();
}
