//! The evaluation corpus (`tests/corpus/eval/*.json`) through the `iamplay` binary: every case's
//! scenario is written to its own file, ONE `iamplay eval --json DIR` evaluates them all, and each
//! result is compared with the case's `expect` (decision, determining statements, diagnostic codes).

// Test helpers outside `#[test]` functions may fail loudly: a failure is the test failing.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Case {
    name: String,
    source: String,
    expect: Value,
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn corpus_through_the_binary() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/eval");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", corpus.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    sources.sort();

    let dir =
        TempDir(std::env::temp_dir().join(format!("iamplay-cli-corpus-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&dir.0);
    std::fs::create_dir_all(&dir.0).expect("create temp dir");

    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for source in &sources {
        let file = source
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let text = std::fs::read_to_string(source).expect("read corpus file");
        let topic: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{file}: not JSON: {e}"));
                continue;
            }
        };
        let Some(list) = topic["cases"].as_array() else {
            problems.push(format!("{file}: no `cases` list"));
            continue;
        };
        for case in list {
            let name = case["name"].as_str().unwrap_or("").to_string();
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                problems.push(format!("{file}: case name `{name}` is not kebab-case"));
                continue;
            }
            if cases.iter().any(|c: &Case| c.name == name) {
                problems.push(format!("{file}: case name `{name}` is not unique"));
                continue;
            }
            // Pretty-printed, so positions in diagnostics are readable when a case fails.
            let scenario =
                serde_json::to_string_pretty(&case["scenario"]).expect("serialize scenario");
            std::fs::write(dir.0.join(format!("{name}.json")), scenario).expect("write scenario");
            cases.push(Case {
                name,
                source: file.clone(),
                expect: case["expect"].clone(),
            });
        }
    }
    assert!(
        !cases.is_empty(),
        "no corpus case found in {}",
        corpus.display()
    );

    let output = Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .arg("eval")
        .arg("--json")
        .arg(&dir.0)
        .output()
        .expect("run iamplay");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let mut results = std::collections::HashMap::new();
    for line in stdout.lines() {
        let record: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        let file = record["file"].as_str().unwrap_or("");
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        results.insert(stem, record);
    }

    let mut passed = 0;
    for case in &cases {
        let label = format!("{} ({})", case.name, case.source);
        let Some(got) = results.get(&case.name) else {
            let why: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains(&format!("{}.json", case.name)))
                .collect();
            problems.push(format!(
                "{label}: the scenario cannot be read:\n      {}",
                why.join("\n      ")
            ));
            continue;
        };
        let mut wrong = Vec::new();
        let expected_decision = &case.expect["decision"];
        if &got["decision"] != expected_decision {
            wrong.push(format!(
                "decision: expected {expected_decision}, got {}",
                got["decision"]
            ));
        }
        let expected: BTreeSet<String> = strings(&case.expect["determining"]).into_iter().collect();
        let determining: BTreeSet<String> = strings(&got["determining"]).into_iter().collect();
        if expected != determining {
            wrong.push(format!(
                "determining: expected {expected:?}, got {determining:?}"
            ));
        }
        let codes: BTreeSet<String> = got["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["code"].as_str().map(str::to_string))
            .collect();
        let missing: Vec<String> = strings(&case.expect["diagnostics"])
            .into_iter()
            .filter(|c| !codes.contains(c))
            .collect();
        if !missing.is_empty() {
            wrong.push(format!("diagnostics: expected {missing:?} among {codes:?}"));
        }
        if wrong.is_empty() {
            passed += 1;
        } else {
            problems.push(format!("{label}:\n      {}", wrong.join("\n      ")));
        }
    }
    eprintln!(
        "corpus through iamplay: {passed} of {} cases pass",
        cases.len()
    );
    assert!(
        problems.is_empty(),
        "{} of {} corpus cases pass through `iamplay eval --json`; {} problems:\n  {}",
        passed,
        cases.len(),
        problems.len(),
        problems.join("\n  ")
    );
}
