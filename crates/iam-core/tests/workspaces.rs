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
