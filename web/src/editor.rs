//! Bindings to the CodeMirror glue (`web/js/editor.js`, bundled by esbuild into
//! `web/js/dist/editor.bundle.js`), through `web/js/editor-lazy.js`, which shows a plain textarea
//! until [`load_editor`] has fetched the bundle (after the first decision: it is not part of the
//! first load). Offsets here are UTF-16 code units, as CodeMirror counts.
//!
//! On other targets than wasm32 the functions do nothing, so that the crate (and its host tests)
//! build without the JavaScript bundle.

/// One squiggle: `[from, to)` in UTF-16 units, CodeMirror's severity word, the hover text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorDiagnostic {
    pub from: u32,
    pub to: u32,
    pub severity: &'static str,
    pub message: String,
    pub source: &'static str,
    /// A quick fix: `(from, to, replacement)` in UTF-16 offsets of the document.
    pub fix: Option<(u32, u32, String)>,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/dist/page.bundle.js")]
    extern "C" {
        /// Fetch CodeMirror and upgrade every editor (once; later calls do nothing).
        #[wasm_bindgen(js_name = loadEditor)]
        pub fn load_editor();
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
        #[wasm_bindgen(js_name = setReadOnly)]
        pub fn set_read_only(handle: &EditorHandle, read_only: bool);
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
    pub fn load_editor() {}
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
    pub fn set_read_only(handle: &EditorHandle, read_only: bool) {}
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

/// The JSON `setDiagnostics` takes: `[{"from", "to", "severity", "message", "source", "fix"?}]`,
/// `fix` being `{"from", "to", "insert"}`.
pub fn diagnostics_json(diagnostics: &[EditorDiagnostic]) -> String {
    use iam_core::json_out::Json;
    Json::Array(
        diagnostics
            .iter()
            .map(|d| {
                let mut fields = vec![
                    ("from", Json::Number(u64::from(d.from))),
                    ("to", Json::Number(u64::from(d.to))),
                    ("severity", Json::String(d.severity)),
                    ("message", Json::String(&d.message)),
                    ("source", Json::String(d.source)),
                ];
                if let Some((from, to, insert)) = &d.fix {
                    fields.push((
                        "fix",
                        Json::Object(vec![
                            ("from", Json::Number(u64::from(*from))),
                            ("to", Json::Number(u64::from(*to))),
                            ("insert", Json::String(insert)),
                        ]),
                    ));
                }
                Json::Object(fields)
            })
            .collect(),
    )
    .to_compact()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_json_is_what_serde_json_wrote() {
        let d = vec![EditorDiagnostic {
            from: 3,
            to: 17,
            severity: "error",
            message: "`Effect` is \"Allow\" or \"Deny\"\nhelp".into(),
            source: "error",
            fix: Some((4, 9, "Effect".into())),
        }];
        let oracle = serde_json::json!([
            {"from": 3, "to": 17, "severity": "error", "message": d[0].message, "source": "error",
             "fix": {"from": 4, "to": 9, "insert": "Effect"}}
        ]);
        assert_eq!(diagnostics_json(&d), oracle.to_string());
        assert_eq!(diagnostics_json(&[]), "[]");
    }
}
