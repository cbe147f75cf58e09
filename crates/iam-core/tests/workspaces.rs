#![allow(clippy::disallowed_methods)] // the harness reads the corpus files; the library does no IO
#![allow(clippy::expect_used, clippy::panic)] // test harness helpers
//! The workspace corpus (`tests/corpus/workspaces`): every request with an `expect` is a case, run
//! through the library; each must reach the decision it expects, and each cites its AWS page.

use std::path::PathBuf;

#[test]
fn every_workspace_check_passes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/workspaces");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus/workspaces")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the workspace corpus is empty");
    let mut checks = 0;
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let workspace = iam_core::parse_workspace(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        for (index, request) in workspace.requests.iter().enumerate() {
            let Some(expected) = request.expect else {
                failures.push(format!(
                    "{}: `{}` has no expect",
                    file.display(),
                    request.name
                ));
                continue;
            };
            if !request
                .description
                .as_deref()
                .is_some_and(|d| d.contains("https://docs.aws.amazon.com/"))
            {
                failures.push(format!(
                    "{}: `{}` cites no AWS page in its description",
                    file.display(),
                    request.name
                ));
            }
            let run = workspace.run(index, None).expect("a run per request");
            checks += 1;
            if run.decision != Some(expected) {
                failures.push(format!(
                    "{}: `{}`: expected {}, got {:?}",
                    file.display(),
                    request.name,
                    expected.as_str(),
                    run.decision
                ));
            }
        }
    }
    assert!(checks >= 15, "only {checks} checks");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A [`iam_core::workspace::Runner`] lowers each document once for all of a workspace's requests; every run is
/// the same as running that request alone (decisions, diagnostics with their policy index and
/// positions, traces), over the workspace corpus, the course and the gallery.
#[test]
fn a_runner_shares_lowerings_without_changing_any_report() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["tests/corpus/workspaces", "web/course", "web/examples"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("directory") {
            let path = entry.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    let mut runs = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let Ok(workspace) = iam_core::parse_workspace(&text) else {
            continue;
        };
        let mut runner = workspace.runner();
        for index in 0..workspace.requests.len() {
            let shared = runner.run(index, None).map(|r| format!("{r:?}"));
            let alone = workspace.run(index, None).map(|r| format!("{r:?}"));
            assert_eq!(shared, alone, "{} request {index}", file.display());
            runs += 1;
        }
    }
    assert!(runs > 50, "only {runs} runs compared");
}
