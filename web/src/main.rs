//! The binary Trunk builds: everything lives in the library so that tests can mount `App`.

#[cfg(target_arch = "wasm32")]
fn main() {
    // Loaded by `embed.js` for `<iam-playground>` elements: they mount themselves.
    if !iam_web::embed::elements_only() {
        iam_web::start();
    }
}

/// `mountEmbed(root, text, readOnly)`: what `embed.js` calls for each `<iam-playground>` element.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountEmbed)]
pub fn mount_embed(root: web_sys::Element, text: String, read_only: bool) {
    iam_web::embed::mount(root, text, read_only);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
