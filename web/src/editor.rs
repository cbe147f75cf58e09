//! Bindings to the CodeMirror glue (`web/js/editor.js`, bundled by esbuild into
//! `web/js/dist/editor.bundle.js`). Offsets here are UTF-16 code units, as CodeMirror counts.
//!
//! On other targets than wasm32 the functions do nothing, so that the crate (and its host tests)
//! build without the JavaScript bundle.

use serde::Serialize;

/// One squiggle: `[from, to)` in UTF-16 units, CodeMirror's severity word, the hover text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EditorDiagnostic {
    pub from: u32,
    pub to: u32,
    pub severity: &'static str,
    pub message: String,
    pub source: &'static str,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/dist/editor.bundle.js")]
    extern "C" {
        /// A live editor (the JS handle object).
        pub type EditorHandle;

        #[wasm_bindgen(js_name = createEditor)]
        pub fn create_editor(
            parent: &web_sys::Element,
            text: &str,
            label: &str,
            on_change: &js_sys::Function,
        ) -> EditorHandle;
        #[wasm_bindgen(js_name = setLabel)]
        pub fn set_label(handle: &EditorHandle, label: &str);
        #[wasm_bindgen(js_name = setText)]
        pub fn set_text(handle: &EditorHandle, text: &str);
        #[wasm_bindgen(js_name = setDiagnostics)]
        pub fn set_diagnostics(handle: &EditorHandle, json: &str);
        #[wasm_bindgen(js_name = selectRange)]
        pub fn select_range(handle: &EditorHandle, from: u32, to: u32);
        #[wasm_bindgen(js_name = highlightRange)]
        pub fn highlight_range(handle: &EditorHandle, from: i32, to: i32);
        #[wasm_bindgen(js_name = focusEditor)]
        pub fn focus_editor(handle: &EditorHandle);
        #[wasm_bindgen(js_name = refreshEditor)]
        pub fn refresh_editor(handle: &EditorHandle);
        #[wasm_bindgen(js_name = destroyEditor)]
        pub fn destroy_editor(handle: &EditorHandle);
        #[wasm_bindgen(js_name = allTexts)]
        pub fn all_texts() -> Vec<String>;
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::unused_unit, unused_variables)]
mod imp {
    /// Stand-in for the JS handle outside the browser.
    pub struct EditorHandle;
    pub fn create_editor(
        parent: &web_sys::Element,
        text: &str,
        label: &str,
        on_change: &js_sys::Function,
    ) -> EditorHandle {
        EditorHandle
    }
    pub fn set_label(handle: &EditorHandle, label: &str) {}
    pub fn set_text(handle: &EditorHandle, text: &str) {}
    pub fn set_diagnostics(handle: &EditorHandle, json: &str) {}
    pub fn select_range(handle: &EditorHandle, from: u32, to: u32) {}
    pub fn highlight_range(handle: &EditorHandle, from: i32, to: i32) {}
    pub fn focus_editor(handle: &EditorHandle) {}
    pub fn refresh_editor(handle: &EditorHandle) {}
    pub fn destroy_editor(handle: &EditorHandle) {}
    pub fn all_texts() -> Vec<String> {
        Vec::new()
    }
}

pub use imp::*;

/// The JSON `setDiagnostics` takes.
pub fn diagnostics_json(diagnostics: &[EditorDiagnostic]) -> String {
    serde_json::to_string(diagnostics).unwrap_or_else(|_| "[]".to_string())
}
