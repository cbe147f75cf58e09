//! In-browser component tests: mount `App` into a fresh element, drive it through the DOM (input
//! events, the CodeMirror view) and check what it renders through the `data-testid` hooks.
//!
//! Run with `wasm-bindgen-test-runner` (headless Chromium through /usr/bin/chromedriver):
//!   npm run build:editor   # the wasm crate imports the CodeMirror bundle
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!     cargo test -p iam-web --target wasm32-unknown-unknown --test components
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failure is the point"
)]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).unwrap()
}

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage")
}

/// Mount a fresh `App` (after `prepare` set up local storage) and let it render.
async fn mount() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<iam_web::App>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Wait `ms` milliseconds (for timers such as the save after a pause in typing).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Let Yew render and run effects (twice: an effect may dispatch again).
async fn settle() {
    for _ in 0..2 {
        yew::scheduler::flush().await;
        // Yield to the event loop so that spawned futures and timers of 0 ms run too.
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    yew::scheduler::flush().await;
}

fn one(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no [data-testid={testid}]"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn decision(root: &Element) -> String {
    one(root, "decision")
        .get_attribute("data-decision")
        .expect("data-decision")
}

/// Set an input's value and fire a bubbling `input` event, as typing does.
fn type_into(input: &Element, value: &str) {
    let fire = js_sys::Function::new_with_args(
        "el, v",
        "el.focus(); el.value = v; el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: v }));",
    );
    fire.call2(&JsValue::NULL, input, &JsValue::from_str(value))
        .unwrap();
}

/// Replace text in the visible editor the way a user edit does. CodeMirror is fetched after the first
/// decision from the site's root, which this runner does not serve, so the editor here is the
/// textarea that stands in until then (web/js/editor-lazy.js); the end-to-end specs edit CodeMirror.
fn edit_editor(root: &Element, find: &str, replace: &str) {
    let area = root
        .query_selector("[data-testid=editor] textarea.editor-fallback")
        .unwrap()
        .expect("the editor's textarea");
    let edit = js_sys::Function::new_with_args(
        "area, find, replace",
        "const at = area.value.indexOf(find); \
         if (at < 0) throw new Error('not in the editor: ' + find); \
         area.value = area.value.slice(0, at) + replace + area.value.slice(at + find.length); \
         area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: replace }));",
    );
    edit.call3(
        &JsValue::NULL,
        &area,
        &JsValue::from_str(find),
        &JsValue::from_str(replace),
    )
    .unwrap();
}

/// Save `scenario_json` as the user's work, so that the next `mount` opens it.
fn save_scenario(scenario_json: &str) {
    let scenario = iam_core::parse_scenario(scenario_json).expect("a valid scenario");
    let work = iam_web::state::Workspace::from_scenario(&scenario);
    storage()
        .set_item(iam_web::storage::KEY, &iam_web::storage::to_json(&work))
        .unwrap();
}

#[wasm_bindgen_test]
async fn mounting_shows_a_decision_banner() {
    let _ = storage().remove_item(iam_web::storage::KEY);
    let root = mount().await;
    let banner = one(&root, "decision");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(decision(&root), "explicitDeny");
    assert!(
        !one(&root, "headline")
            .text_content()
            .unwrap_or_default()
            .is_empty(),
        "a headline says why"
    );
    // The reasoning: one row per stage, ending with the final decision.
    let stages: Vec<String> = all(&root, "[data-testid=stage]")
        .iter()
        .filter_map(|s| s.get_attribute("data-stage"))
        .collect();
    assert_eq!(stages.first().map(String::as_str), Some("explicitDeny"));
    assert_eq!(stages.last().map(String::as_str), Some("final"));
    // The work is saved once the page has been quiet for `QUIET_MS` (not on every keystroke), and
    // comes back in the next mount.
    sleep(iam_web::catalog::QUIET_MS as i32 + 150).await;
    assert!(storage()
        .get_item(iam_web::storage::KEY)
        .unwrap()
        .is_some_and(|s| s.contains("ProtectProd")));
}

#[wasm_bindgen_test]
async fn typing_into_the_request_changes_the_decision() {
    let _ = storage().remove_item(iam_web::storage::KEY);
    let root = mount().await;
    assert_eq!(decision(&root), "explicitDeny");

    // A principal that is not an ARN: no decision, and the field says why.
    let principal = one(&root, "principal-input");
    type_into(&principal, "alice");
    settle().await;
    assert_eq!(decision(&root), "none");
    assert!(principal.class_list().contains("invalid"));
    assert!(!all(&root, "[data-testid=diagnostic][data-line='0']").is_empty());

    // Another user of the same account: the identity policies apply to whoever holds them.
    type_into(&principal, "arn:aws:iam::111122223333:user/bob");
    settle().await;
    assert_eq!(decision(&root), "explicitDeny");
    assert!(!principal.class_list().contains("invalid"));

    // An action nothing denies: allowed.
    type_into(&one(&root, "action-input"), "s3:GetObject");
    settle().await;
    assert_eq!(decision(&root), "allowed");

    // Anonymous: identity policies never apply.
    type_into(&principal, "*");
    settle().await;
    assert_eq!(decision(&root), "implicitDeny");
}

#[wasm_bindgen_test]
async fn the_diagnostics_list_shows_a_misspelled_element() {
    save_scenario(
        r#"{
  "request": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::photos/cat.jpg"
  },
  "policies": [
    {
      "name": "Typo",
      "type": "identity",
      "document": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Efect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
    }
  ]
}"#,
    );
    let root = mount().await;
    let diagnostics = all(&root, "[data-testid=diagnostic]");
    let typo = diagnostics
        .iter()
        .find(|d| d.get_attribute("data-code").as_deref() == Some("INVALID_POLICY_ELEMENT"))
        .unwrap_or_else(|| {
            panic!(
                "no INVALID_POLICY_ELEMENT in {:?}",
                diagnostics
                    .iter()
                    .map(|d| d.get_attribute("data-code"))
                    .collect::<Vec<_>>()
            )
        });
    assert_eq!(typo.get_attribute("data-line").as_deref(), Some("5"));
    assert_eq!(
        typo.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    assert!(typo.text_content().unwrap_or_default().contains("Effect"));
    // Without `Effect` the statement cannot be evaluated: nothing allows the request.
    assert_eq!(decision(&root), "implicitDeny");
    // The tab counts the errors.
    assert!(root
        .query_selector("[data-testid=policy-tab] .tab-errors")
        .unwrap()
        .is_some());

    // Fixing the typo in the editor clears it and allows the request.
    edit_editor(&root, "\"Efect\"", "\"Effect\"");
    settle().await;
    assert!(all(
        &root,
        "[data-testid=diagnostic][data-code=INVALID_POLICY_ELEMENT]"
    )
    .is_empty());
    assert_eq!(decision(&root), "allowed");

    // A JSON syntax error typed into the editor is listed with its line.
    edit_editor(&root, "\"Resource\": \"*\"", "\"Resource\": *");
    settle().await;
    let syntax = all(
        &root,
        "[data-testid=diagnostic][data-code=JSON_SYNTAX_ERROR]",
    );
    assert!(!syntax.is_empty(), "JSON_SYNTAX_ERROR listed");
    assert_eq!(syntax[0].get_attribute("data-line").as_deref(), Some("7"));
    let _ = storage().remove_item(iam_web::storage::KEY);
}

fn analyses() -> u32 {
    iam_web::analysis::analyses().0
}

/// Fire a non-bubbling mouse event (`mouseenter`, `mouseleave`) on `el`, as the pointer does.
fn pointer_event(el: &Element, kind: &str) {
    let fire = js_sys::Function::new_with_args(
        "el, kind",
        "el.dispatchEvent(new MouseEvent(kind, { bubbles: false }));",
    );
    fire.call2(&JsValue::NULL, el, &JsValue::from_str(kind))
        .unwrap();
}

/// One analysis per edit; none for hovering a step, clicking it, or opening a closed one (issue 8).
#[wasm_bindgen_test]
async fn an_edit_analyses_once_and_the_pointer_never() {
    let _ = storage().remove_item(iam_web::storage::KEY);
    let root = mount().await;
    let mut count = analyses();
    assert!(count >= 1, "the first decision was analysed");
    assert_eq!(decision(&root), "explicitDeny");

    // Typing into the request: one analysis per edit.
    type_into(&one(&root, "action-input"), "s3:GetObject");
    settle().await;
    assert_eq!(decision(&root), "allowed");
    assert_eq!(
        analyses(),
        count + 1,
        "one edit of the request, one analysis"
    );
    count = analyses();
    edit_editor(&root, "\"Version\"", "\"Version\" ");
    settle().await;
    assert_eq!(analyses(), count + 1, "one edit of a policy, one analysis");
    count = analyses();

    // A closed stage's statements are rendered when it opens, without a new analysis.
    let identity = all(&root, "[data-testid=stage][data-stage=identityPolicies]").remove(0);
    assert!(
        !identity.has_attribute("open"),
        "the identity stage did not decide: closed"
    );
    assert!(
        all(&identity, "[data-testid=statement]").is_empty(),
        "a closed stage renders no statements"
    );
    identity.set_attribute("open", "").unwrap();
    settle().await;
    assert!(identity.has_attribute("open"), "it stays open");
    let statements = all(&identity, "[data-testid=statement]");
    assert!(
        !statements.is_empty(),
        "an opened stage shows its statements"
    );
    assert_eq!(analyses(), count, "opening a step analyses nothing");

    // Hovering statements and their elements, leaving the reasoning, clicking a statement.
    for st in &statements {
        pointer_event(st, "mouseenter");
        settle().await;
        for el in all(st, ".element") {
            pointer_event(&el, "mouseenter");
        }
        settle().await;
    }
    pointer_event(
        &identity.closest(".reasoning").unwrap().unwrap(),
        "mouseleave",
    );
    settle().await;
    let summary = statements[0]
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    summary.click();
    settle().await;
    assert!(
        statements[0]
            .query_selector(".statement-body")
            .unwrap()
            .is_some(),
        "a clicked statement opens and shows its elements"
    );
    assert_eq!(
        analyses(),
        count,
        "hovering and clicking steps analyse nothing"
    );
    let _ = storage().remove_item(iam_web::storage::KEY);
}

/// A stage lists the statements that decided it and 25 others; a button shows the rest.
#[wasm_bindgen_test]
async fn a_long_stage_shows_25_statements_then_a_button() {
    let statements: Vec<String> = (1..=30)
        .map(|i| {
            format!(
                r#"{{\"Sid\": \"S{i}\", \"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\"}}"#
            )
        })
        .collect();
    save_scenario(&format!(
        r#"{{"request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/cat.jpg"}},
        "policies": [{{"name": "Many", "type": "identity", "document": "{{\"Version\": \"2012-10-17\", \"Statement\": [{}]}}"}}]}}"#,
        statements.join(", ")
    ));
    let root = mount().await;
    assert_eq!(decision(&root), "implicitDeny");
    let stage = all(&root, "[data-testid=stage][data-stage=identityPolicies]").remove(0);
    assert!(
        stage.has_attribute("open"),
        "an implicit deny opens the identity stage"
    );
    assert_eq!(all(&stage, "[data-testid=statement]").len(), 25);
    let button = one(&stage, "show-all-statements");
    assert!(button
        .text_content()
        .unwrap_or_default()
        .contains("5 other"));
    let count = analyses();
    button.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle().await;
    assert_eq!(all(&stage, "[data-testid=statement]").len(), 30);
    assert!(all(&stage, "[data-testid=show-all-statements]").is_empty());
    assert_eq!(analyses(), count, "showing them analyses nothing");
    let _ = storage().remove_item(iam_web::storage::KEY);
}
