#![allow(clippy::disallowed_methods)] // the harness reads example files; the library does no IO
#![allow(clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test harness helpers outside #[test]
//! Golden tests of the plain-language explanation: each scenario in `examples/` is explained and the
//! text compared with `tests/explain/NAME.txt`. Run with `UPDATE_EXPECT=1` to accept a change, then
//! review the diff: these files are what users read.

use std::path::PathBuf;

fn render(scenario_text: &str) -> String {
    let scenario = iam_core::parse_scenario(scenario_text).expect("example scenario parses");
    let report = iam_core::analyze(&scenario, &iam_core::Options::default());
    let evaluation = report.evaluation.expect("example request is valid");
    let mut out = format!("decision: {}\n", evaluation.decision.as_str());
    for step in iam_core::explain(&evaluation).steps() {
        let indent = "  ".repeat(usize::from(step.depth));
        let at = match step.target {
            Some(t) => {
                let policy = &scenario.policies[t.policy];
                let lines = iam_json::LineIndex::new(&policy.document);
                let lc = lines.line_col(t.span.start);
                format!("  [{} {}:{}]", policy.name, lc.line, lc.column)
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "{indent}[{}] {}{at}\n",
            step.tone.as_str(),
            step.text
        ));
    }
    for d in &report.diagnostics {
        out.push_str(&format!(
            "diagnostic {} {}: {}\n",
            d.code, d.path, d.message
        ));
    }
    out
}

#[test]
fn explanations_match_golden_files() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    examples.sort();
    assert!(!examples.is_empty(), "examples/ has no scenarios");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for example in &examples {
        let name = example.file_stem().unwrap().to_string_lossy().to_string();
        let got = render(&std::fs::read_to_string(example).unwrap());
        let golden = root.join("tests/explain").join(format!("{name}.txt"));
        if update {
            std::fs::write(&golden, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == got => {}
            Ok(expected) => failures.push(format!(
                "{name}: explanation changed\n--- expected\n{expected}\n--- got\n{got}"
            )),
            Err(_) => failures.push(format!(
                "{name}: no golden file {} (run with UPDATE_EXPECT=1)",
                golden.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
