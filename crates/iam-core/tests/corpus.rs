//! Runs the evaluation corpus (`tests/corpus/eval/*.json`, shape in `tests/corpus/README.md`)
#![allow(clippy::disallowed_methods)] // the test harness reads the corpus files; the library does no IO
//! against the library: the decision, the determining statements, the diagnostic codes and the
//! ambiguity notes of every case. The CLI runs the same corpus through the binary.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CorpusFile {
    #[allow(dead_code)]
    topic: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    description: String,
    doc: String,
    scenario: serde_json::Value,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    decision: String,
    determining: Vec<String>,
    #[serde(default)]
    diagnostics: Option<Vec<String>>,
    #[serde(default)]
    notes: Option<Vec<String>>,
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/eval")
}

#[test]
fn corpus() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus/eval exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    let mut count = 0;
    let mut analyzer = iam_core::Analyzer::default();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let corpus: CorpusFile = match serde_json::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{}: not a corpus file: {e}", file.display()));
                continue;
            }
        };
        let file_name = file.file_name().unwrap().to_string_lossy().to_string();
        for case in corpus.cases {
            count += 1;
            if !names.insert(case.name.clone()) {
                failures.push(format!("{file_name}: duplicate case name `{}`", case.name));
            }
            if !case.doc.starts_with("https://docs.aws.amazon.com/") {
                failures.push(format!(
                    "{file_name} `{}`: `doc` must be an AWS documentation page",
                    case.name
                ));
            }
            let scenario_text = serde_json::to_string_pretty(&case.scenario).unwrap();
            let scenario = match iam_core::parse_scenario(&scenario_text) {
                Ok(s) => s,
                Err(errors) => {
                    let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    failures.push(format!(
                        "{file_name} `{}`: scenario rejected: {}",
                        case.name,
                        list.join("; ")
                    ));
                    continue;
                }
            };
            let report = iam_core::analyze(&scenario, &iam_core::Options::default());
            // The documents were parsed once, with the file; lowered from their text alone (each
            // parsed again), the report is the same.
            let mut reparsed = scenario.clone();
            for p in &mut reparsed.policies {
                p.tree = Default::default();
            }
            let again = iam_core::analyze(&reparsed, &iam_core::Options::default());
            if serde_json::to_string(&again).unwrap() != serde_json::to_string(&report).unwrap() {
                failures.push(format!(
                    "{file_name} `{}`: the report differs when the documents are parsed again",
                    case.name
                ));
            }
            // One analyzer across every case (it keeps the policies the previous case lowered
            // while their text is unchanged): the same report as a fresh analysis.
            let kept = analyzer.analyze(&scenario, &iam_core::Options::default());
            if serde_json::to_string(&kept).unwrap() != serde_json::to_string(&report).unwrap() {
                failures.push(format!(
                    "{file_name} `{}`: the report differs from an Analyzer that analysed the cases before",
                    case.name
                ));
            }
            let Some(evaluation) = &report.evaluation else {
                let codes: Vec<String> = report
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                failures.push(format!(
                    "{file_name} `{}`: request invalid: {}",
                    case.name,
                    codes.join("; ")
                ));
                continue;
            };
            let mut problems = Vec::new();
            if evaluation.decision.as_str() != case.expect.decision {
                problems.push(format!(
                    "decision: expected {}, got {}",
                    case.expect.decision,
                    evaluation.decision.as_str()
                ));
            }
            let expected: BTreeSet<String> = case.expect.determining.iter().cloned().collect();
            let got: BTreeSet<String> = evaluation.determining.iter().map(|r| r.label()).collect();
            if expected != got {
                problems.push(format!("determining: expected {expected:?}, got {got:?}"));
            }
            if let Some(codes) = &case.expect.diagnostics {
                let got: BTreeSet<&str> =
                    report.diagnostics.iter().map(|d| d.code.as_str()).collect();
                for code in codes {
                    if !got.contains(code.as_str()) {
                        problems.push(format!("diagnostic {code} missing (got {got:?})"));
                    }
                }
            }
            if let Some(notes) = &case.expect.notes {
                let got: BTreeSet<&str> = evaluation.notes.iter().map(|n| n.id.as_str()).collect();
                for note in notes {
                    if !got.contains(note.as_str()) {
                        problems.push(format!("note {note} missing (got {got:?})"));
                    }
                }
            }
            if !problems.is_empty() {
                let headline = iam_core::explain(evaluation).headline.text;
                failures.push(format!(
                    "{file_name} `{}`: {}\n    iamplay says: {headline}",
                    case.name,
                    problems.join("; ")
                ));
            }
        }
    }
    assert!(
        count >= 250,
        "the corpus must hold at least 250 cases, found {count}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
