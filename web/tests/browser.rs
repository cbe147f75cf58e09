//! In-browser smoke test: mount `App` and check the panels and their test hooks are there.
//!
//! Run with `wasm-bindgen-test-runner` (see docs in shared/reference/toolchain.md):
//!   npm run build:editor   # the wasm crate imports the CodeMirror bundle
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test -p iam-web --target wasm32-unknown-unknown --test browser
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is the point"
)]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).unwrap()
}

#[wasm_bindgen_test]
async fn app_mounts_with_its_test_hooks() {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(iam_web::storage::KEY);
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<iam_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;

    let decision = root
        .query_selector("[data-testid=decision]")
        .unwrap()
        .expect("the decision banner");
    // The first visit opens the "explicit deny beats allow" example.
    assert_eq!(
        decision.get_attribute("data-decision").as_deref(),
        Some("explicitDeny")
    );
    for id in [
        "policy-tab",
        "add-policy",
        "editor",
        "stage",
        "copy-link",
        "principal-input",
        "action-input",
        "resource-input",
    ] {
        assert!(
            root.query_selector(&format!("[data-testid={id}]"))
                .unwrap()
                .is_some(),
            "missing data-testid={id}"
        );
    }
    let names: Vec<String> = {
        let tabs = root.query_selector_all("[data-testid=policy-tab]").unwrap();
        (0..tabs.length())
            .filter_map(|i| tabs.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .filter_map(|e| e.get_attribute("data-policy-name"))
            .collect()
    };
    assert_eq!(names, ["S3FullAccess", "ProtectProd"]);
    // CodeMirror is fetched after the first decision from the site's root, which this runner does
    // not serve (the end-to-end specs check it loads); until then the editor is a textarea.
    let area = root
        .query_selector("[data-testid=editor] textarea.editor-fallback")
        .unwrap()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(e).ok());
    let mounted = root
        .query_selector("[data-testid=editor] .cm-editor")
        .unwrap()
        .is_some();
    assert!(
        mounted
            || area.as_ref().is_some_and(
                |a| a.value().contains("ProtectProd") || a.value().contains("Statement")
            ),
        "an editor with the policy's text is mounted"
    );
}
