#![allow(clippy::disallowed_methods)] // the harness reads corpus files; the library does no IO
#![allow(clippy::panic, clippy::expect_used)] // test helpers outside `#[test]` functions may fail loudly
//! Runs the lint corpus (`tests/corpus/lint/*.json`, shape in `tests/corpus/lint/README.md`) through
//! [`iam_core::lint_policy`], and the cases in `tests/corpus/lint/catalog/` through
//! [`iam_core::tools::lint_policy_with_catalog`] with the real service catalog (`data/catalog.json`): every
//! expected diagnostic must be present with its code, line and column (and, when given, words of its
//! message and help), and every `absent` code must not appear. All failures are reported together.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use iam_core::Code;
use iam_core::{policy::LintOptions, Diagnostic, PolicyType};
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
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    doc: String,
    #[serde(rename = "type")]
    policy_type: String,
    policy: String,
    #[serde(default)]
    expect: Vec<Expected>,
    /// Codes that must not appear; `"*"` means no diagnostic at all.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    code: String,
    /// 1-based.
    line: u32,
    /// 1-based, in Unicode scalar values.
    column: u32,
    #[serde(default)]
    message_contains: Option<String>,
    #[serde(default)]
    help_contains: Option<String>,
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/lint")
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Line, column (chars) and column (UTF-16 units) of a byte offset, computed here independently of
/// the library's line index.
fn line_col(text: &str, offset: usize) -> Option<(u32, u32, u32)> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let prefix = before.get(line_start..)?;
    let line = before.matches('\n').count() + 1;
    let column = prefix.chars().count() + 1;
    let column_utf16 = prefix.encode_utf16().count() + 1;
    Some((line as u32, column as u32, column_utf16 as u32))
}

fn show(d: &Diagnostic) -> String {
    let at = d
        .start
        .map(|s| format!("{}:{}", s.line, s.column))
        .unwrap_or_else(|| "?:?".into());
    format!("{} at {at} [{}] {}", d.code, d.path, d.message)
}

/// Problems with the diagnostics themselves, whatever the case expects: span inside
/// the text on character boundaries, and `start`/`end` agreeing with an independent count.
fn check_shape(text: &str, d: &Diagnostic) -> Vec<String> {
    let mut problems = Vec::new();
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    if start > end || text.get(start..end).is_none() {
        problems.push(format!(
            "{}: span {start}..{end} is not a slice of the text",
            show(d)
        ));
        return problems;
    }
    for (which, offset, got) in [("start", start, d.start), ("end", end, d.end)] {
        let want = line_col(text, offset);
        let got = got.map(|g| (g.line, g.column, g.column_utf16));
        if want != got {
            problems.push(format!(
                "{}: {which} is {got:?}, the text says {want:?}",
                show(d)
            ));
        }
    }
    problems
}

fn run_case(case: &Case, catalog: Option<&iam_core::Catalog>) -> Vec<String> {
    let mut problems = Vec::new();
    if !is_kebab(&case.name) {
        problems.push("the name must be kebab-case".to_string());
    }
    if !case.doc.starts_with("https://docs.aws.amazon.com/") {
        problems.push("`doc` must be an AWS documentation page".to_string());
    }
    if case.expect.is_empty() && case.absent.is_empty() {
        problems.push("the case asserts nothing (no `expect`, no `absent`)".to_string());
    }
    if case.absent.iter().any(|a| a == "*") && !case.expect.is_empty() {
        problems.push(
            "`absent: [\"*\"]` (no diagnostics at all) contradicts a non-empty `expect`"
                .to_string(),
        );
    }
    let known = |code: &str| Code::parse(code).is_some();
    for code in case
        .expect
        .iter()
        .map(|e| e.code.as_str())
        .chain(case.absent.iter().map(String::as_str))
    {
        if code != "*" && !known(code) {
            problems.push(format!("`{code}` is not a registered `Code`"));
        }
    }
    // `trust`: a resource policy linted as a role trust policy (as `iamplay lint --type trust`).
    let (policy_type, options) = if case.policy_type == "trust" {
        (PolicyType::Resource, LintOptions::ROLE_TRUST_POLICY)
    } else {
        let Some(policy_type) = PolicyType::parse(&case.policy_type) else {
            problems.push(format!("unknown policy type `{}`", case.policy_type));
            return problems;
        };
        (policy_type, LintOptions::default())
    };

    let diagnostics =
        iam_core::tools::lint_policy_with_options(&case.policy, policy_type, options, catalog);
    for d in &diagnostics {
        problems.extend(check_shape(&case.policy, d));
    }
    for e in &case.expect {
        let at = |d: &&Diagnostic| {
            d.code.as_str() == e.code
                && d.start
                    .is_some_and(|s| s.line == e.line && s.column == e.column)
        };
        let hits: Vec<&Diagnostic> = diagnostics.iter().filter(at).collect();
        let wanted = format!("{} at {}:{}", e.code, e.line, e.column);
        if hits.is_empty() {
            let same_code: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.code.as_str() == e.code)
                .map(show)
                .collect();
            if same_code.is_empty() {
                problems.push(format!("expected {wanted}, but there is no {}", e.code));
            } else {
                problems.push(format!(
                    "expected {wanted}, found it elsewhere: {}",
                    same_code.join("; ")
                ));
            }
            continue;
        }
        if let Some(words) = &e.message_contains {
            if !hits.iter().any(|d| d.message.contains(words.as_str())) {
                let messages: Vec<&str> = hits.iter().map(|d| d.message.as_str()).collect();
                problems.push(format!(
                    "{wanted}: message should contain {words:?}, is {messages:?}"
                ));
            }
        }
        if let Some(words) = &e.help_contains {
            if !hits.iter().any(|d| {
                d.help
                    .as_deref()
                    .is_some_and(|h| h.contains(words.as_str()))
            }) {
                let helps: Vec<Option<&str>> = hits.iter().map(|d| d.help.as_deref()).collect();
                problems.push(format!(
                    "{wanted}: help should contain {words:?}, is {helps:?}"
                ));
            }
        }
    }
    for code in &case.absent {
        if code == "*" {
            if !diagnostics.is_empty() {
                problems.push("expected no diagnostics at all".to_string());
            }
        } else if diagnostics.iter().any(|d| d.code.as_str() == code) {
            problems.push(format!("{code} must not appear"));
        }
    }
    if !problems.is_empty() {
        let got: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("      {}", show(d)))
            .collect();
        let got = if got.is_empty() {
            "      (none)".to_string()
        } else {
            got.join("\n")
        };
        problems.push(format!("iamplay says:\n{got}"));
    }
    problems
}

fn catalog() -> iam_core::Catalog {
    iam_core::Catalog::from_json(include_str!("../../../data/catalog.json"))
        .expect("data/catalog.json")
}

#[test]
fn lint_corpus() {
    let catalog = catalog();
    let mut files: Vec<(PathBuf, Option<&iam_core::Catalog>)> = corpus_files(&corpus_dir())
        .into_iter()
        .map(|f| (f, None))
        .collect();
    files.extend(
        corpus_files(&corpus_dir().join("catalog"))
            .into_iter()
            .map(|f| (f, Some(&catalog))),
    );
    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    let mut count = 0;
    for (file, catalog) in &files {
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let corpus: CorpusFile = match serde_json::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{file_name}: not a lint corpus file: {e}"));
                continue;
            }
        };
        for case in &corpus.cases {
            count += 1;
            if !names.insert(case.name.clone()) {
                failures.push(format!("{file_name} `{}`: duplicate case name", case.name));
            }
            let problems = run_case(case, *catalog);
            if !problems.is_empty() {
                failures.push(format!(
                    "{file_name} `{}`:\n    {}",
                    case.name,
                    problems.join("\n    ")
                ));
            }
        }
    }
    assert!(
        count > 0,
        "the lint corpus in {} is empty",
        corpus_dir().display()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} lint corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
