#![allow(clippy::disallowed_methods)] // the tidy checks read source and docs files; the library does no IO
#![allow(clippy::panic, clippy::expect_used)] // test helpers outside `#[test]` functions may fail loudly
//! Tidy checks, as ordinary tests (in the style of rust-analyzer's `tidy.rs`): they keep the code
//! registry (`src/codes.rs`), its documentation (`docs/diagnostics.md`), the code that emits each
//! diagnostic, the corpora that exercise it, and the ambiguity notes (`docs/decisions.md`) in step.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use iam_core::Code;
use iam_core::{
    request::ContextValue, request::RequestInput, scenario::PolicyInput, PolicyType, Scenario,
    Severity,
};
use regex::Regex;

/// The diagnostics about a scenario's request and shape rather than a policy. No policy can trigger
/// them, so the corpora cannot cover them; each is asserted by a test below instead.
const SCENARIO_LEVEL: [&str; 6] = [
    "INVALID_REQUEST_PRINCIPAL",
    "INVALID_REQUEST_ACTION",
    "INVALID_REQUEST_RESOURCE",
    "INVALID_REQUEST_ACCOUNT",
    "INVALID_REQUEST_SIZE",
    "INVALID_SCENARIO",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `*.ext` files under `dir`, recursively, sorted.
fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn codes() -> BTreeSet<&'static str> {
    Code::ALL.iter().map(|c| c.as_str()).collect()
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::SecurityWarning => "Security warning",
        Severity::Warning => "Warning",
        Severity::Suggestion => "Suggestion",
    }
}

/// `### CODE` sections of docs/diagnostics.md: heading → the section's text up to the next heading.
fn doc_sections() -> Vec<(String, String)> {
    let text = read(&root().join("docs/diagnostics.md"));
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        if line.starts_with('#') {
            if let Some(done) = current.take() {
                sections.push(done);
            }
            if let Some(code) = line.strip_prefix("### ") {
                current = Some((code.trim().to_string(), String::new()));
            }
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    sections.extend(current);
    sections
}

/// (a) Every registered code has a `### CODE` section in docs/diagnostics.md, every `### ` heading is a
/// registered code, no code is documented twice, and each section starts by stating the code's
/// severity and whether it is an Access Analyzer code, as `codes.rs` registers them.
#[test]
fn every_code_is_documented() {
    let sections = doc_sections();
    let registered = codes();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (heading, body) in &sections {
        if !seen.insert(heading.as_str()) {
            problems.push(format!("`### {heading}` appears twice"));
        }
        let Some(code) = Code::parse(heading) else {
            problems.push(format!(
                "`### {heading}` is not a registered `Code` (use `##` for other headings)"
            ));
            continue;
        };
        let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let word = severity_word(code.severity());
        let access_analyzer = &code.is_access_analyzer();
        if !first.starts_with(&format!("**{word}**")) {
            problems.push(format!(
                "{heading}: the section must start with `**{word}**`, found {first:?}"
            ));
        }
        if first.contains("Access Analyzer") != *access_analyzer {
            let want = if *access_analyzer {
                "name it an Access Analyzer code"
            } else {
                "call it iamplay's own code"
            };
            problems.push(format!(
                "{heading}: the first line must {want}, found {first:?}"
            ));
        }
    }
    for code in &registered {
        if !seen.contains(code) {
            problems.push(format!(
                "{code} has no `### {code}` section in docs/diagnostics.md"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/diagnostics.md is out of step with `Code`:\n{}",
        problems.join("\n")
    );
}

/// (b) Every registered code is emitted: it appears as a string literal in the library's source
/// outside `codes.rs` and outside `#[cfg(test)]` modules.
#[test]
fn every_code_is_emitted() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let test_module = Regex::new(r"(?m)^#\[cfg\(test\)\]\s*mod ").expect("regex");
    let mut text = String::new();
    for file in files_with_extension(&src, "rs") {
        if file.file_name().is_some_and(|n| n == "codes.rs") {
            continue;
        }
        let source = read(&file);
        // Test modules sit at the end of each file: keep what comes before the first one.
        let end = test_module
            .find(&source)
            .map_or(source.len(), |m| m.start());
        text.push_str(source.get(..end).unwrap_or(""));
    }
    let missing: Vec<&str> = codes()
        .into_iter()
        .filter(|c| !text.contains(&format!("Code::{c}")))
        .collect();
    assert!(
        missing.is_empty(),
        "registered in `Code` but never emitted by src/: {missing:?}"
    );
}

/// Codes asserted by the lint corpus (`expect[].code`) and the eval corpus (`expect.diagnostics`).
fn corpus_codes() -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (dir, eval) in [("tests/corpus/lint", false), ("tests/corpus/eval", true)] {
        for file in files_with_extension(&root().join(dir), "json") {
            let json: serde_json::Value = serde_json::from_str(&read(&file))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let cases = json
                .get("cases")
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default();
            for case in cases {
                let name = case
                    .get("name")
                    .and_then(|n| n.as_str())
                    .unwrap_or("?")
                    .to_string();
                let strings = |pointer: &str, field: Option<&str>| -> Vec<String> {
                    let items = case
                        .pointer(pointer)
                        .and_then(|v| v.as_array())
                        .cloned()
                        .unwrap_or_default();
                    items
                        .iter()
                        .filter_map(|item| match field {
                            Some(field) => item.get(field).and_then(|c| c.as_str()),
                            None => item.as_str(),
                        })
                        .map(str::to_string)
                        .collect()
                };
                let codes = if eval {
                    strings("/expect/diagnostics", None)
                } else {
                    strings("/expect", Some("code"))
                };
                for code in codes {
                    out.entry(code).or_default().push(name.clone());
                }
            }
        }
    }
    out
}

/// (c) Every registered code is asserted somewhere: by a lint or eval corpus case, or, for the
/// request and scenario codes that no policy can trigger, by a test in this file.
#[test]
fn every_code_is_tested() {
    let covered = corpus_codes();
    let registered = codes();
    let mut problems = Vec::new();
    for code in SCENARIO_LEVEL {
        if !registered.contains(code) {
            problems.push(format!(
                "{code} is listed in SCENARIO_LEVEL but not a registered `Code`"
            ));
        }
    }
    for code in &registered {
        if SCENARIO_LEVEL.contains(code) {
            continue;
        }
        if !covered.contains_key(*code) {
            problems.push(format!(
                "{code}: no lint corpus `expect` or eval corpus `expect.diagnostics` asserts it"
            ));
        }
    }
    for code in covered.keys() {
        if !registered.contains(code.as_str()) {
            problems.push(format!(
                "{code}: asserted by {:?} but not a registered `Code`",
                covered[code]
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "untested diagnostic codes:\n{}",
        problems.join("\n")
    );
}

/// Analyze `scenario` and assert that it has the diagnostic `code` at `path`, not tied to a policy,
/// and that a malformed request is not evaluated.
fn assert_scenario_diagnostic(scenario: &Scenario, code: &str, path: &str) {
    assert!(
        SCENARIO_LEVEL.contains(&code),
        "{code} is not in SCENARIO_LEVEL"
    );
    let report = iam_core::analyze(scenario, &iam_core::Options::default());
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} at `{}` (policy {:?}): {}",
                d.code, d.path, d.policy, d.message
            )
        })
        .collect();
    let Some(d) = report
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == code && d.path == path)
    else {
        panic!("expected {code} at `{path}`; found:\n{}", found.join("\n"));
    };
    assert_eq!(d.policy, None, "{code} must not point into a policy");
    assert_eq!(d.severity, Severity::Error, "{code} severity");
    assert!(d.start.is_none(), "{code} has no position in a policy text");
    assert!(!d.message.is_empty(), "{code} has a message");
    if code.starts_with("INVALID_REQUEST_") {
        assert!(
            report.evaluation.is_none(),
            "a malformed request must not be evaluated"
        );
    }
}

const DOCUMENT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ]
}"#;

fn policy(name: &str) -> PolicyInput {
    PolicyInput {
        name: name.to_string(),
        policy_type: PolicyType::Identity,
        target: None,
        document: DOCUMENT.to_string(),
        file_offset: None,
        origin: None,
        tree: Default::default(),
    }
}

/// A valid scenario (alice reads a photo and is allowed), for the tests to break one field of.
fn valid() -> Scenario {
    Scenario {
        request: RequestInput {
            principal: "arn:aws:iam::111122223333:user/alice".to_string(),
            action: "s3:GetObject".to_string(),
            resource: "arn:aws:s3:::photos/cat.jpg".to_string(),
            resource_account: None,
            spans: Default::default(),
            context: Vec::new(),
        },
        policies: vec![policy("Read")],
        organization: None,
        block_public_access: None,
    }
}

#[test]
fn the_valid_scenario_is_valid() {
    let report = iam_core::analyze(&valid(), &iam_core::Options::default());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.decision(), Some(iam_core::Decision::Allowed));
}

#[test]
fn invalid_request_principal() {
    for principal in [
        "alice",
        "arn:aws:iam::111122223333:group/devs",
        "arn:aws:iam::1111:user/alice",
    ] {
        let mut s = valid();
        s.request.principal = principal.to_string();
        assert_scenario_diagnostic(&s, "INVALID_REQUEST_PRINCIPAL", "request.principal");
    }
}

#[test]
fn invalid_request_action() {
    for action in ["s3GetObject", "s3:Get*", ""] {
        let mut s = valid();
        s.request.action = action.to_string();
        assert_scenario_diagnostic(&s, "INVALID_REQUEST_ACTION", "request.action");
    }
}

#[test]
fn invalid_request_resource() {
    for resource in ["photos/cat.jpg", "", "arn:aws:s3"] {
        let mut s = valid();
        s.request.resource = resource.to_string();
        assert_scenario_diagnostic(&s, "INVALID_REQUEST_RESOURCE", "request.resource");
    }
}

#[test]
fn invalid_request_account() {
    let mut s = valid();
    s.request.resource_account = Some("1111-2222-3333".to_string());
    assert_scenario_diagnostic(&s, "INVALID_REQUEST_ACCOUNT", "request.resourceAccount");
}

#[test]
fn invalid_request_size() {
    let long = "a".repeat(8 * 1024);
    let mut s = valid();
    s.request.resource = format!("arn:aws:s3:::photos/{long}");
    assert_scenario_diagnostic(&s, "INVALID_REQUEST_SIZE", "request.resource");
    let mut s = valid();
    s.request.action = format!("s3:{long}");
    assert_scenario_diagnostic(&s, "INVALID_REQUEST_SIZE", "request.action");
    let mut s = valid();
    s.request.principal = format!("arn:aws:iam::111122223333:user/{long}");
    assert_scenario_diagnostic(&s, "INVALID_REQUEST_SIZE", "request.principal");
    // A context key with its values; each value counts one byte more, so empty ones count too.
    let mut s = valid();
    s.request.context = vec![(
        "aws:TagKeys".to_string(),
        ContextValue::Multi(vec![String::new(); 8 * 1024]),
    )];
    assert_scenario_diagnostic(
        &s,
        "INVALID_REQUEST_SIZE",
        "request.context.\"aws:TagKeys\"",
    );
    let mut s = valid();
    s.request.context = (0..1_001)
        .map(|i| (format!("k{i}"), ContextValue::Single("v".to_string())))
        .collect();
    assert_scenario_diagnostic(&s, "INVALID_REQUEST_SIZE", "request.context");
    // At the limits, the request is evaluated.
    let mut s = valid();
    s.request.resource = format!("arn:aws:s3:::photos/{}", "a".repeat(8 * 1024 - 20));
    s.request.context = (0..1_000)
        .map(|i| (format!("k{i}"), ContextValue::Single("v".to_string())))
        .collect();
    assert_eq!(s.request.resource.len(), 8 * 1024);
    let report = iam_core::analyze(&s, &iam_core::Options::default());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert_eq!(report.decision(), Some(iam_core::Decision::Allowed));
}

#[test]
fn invalid_scenario_duplicate_policy_names() {
    let mut s = valid();
    s.policies.push(policy("Read"));
    assert_scenario_diagnostic(&s, "INVALID_SCENARIO", "policies[1].name");
}

#[test]
fn invalid_scenario_scp_without_target() {
    let mut s = valid();
    s.policies.push(PolicyInput {
        policy_type: PolicyType::Scp,
        ..policy("Guardrail")
    });
    assert_scenario_diagnostic(&s, "INVALID_SCENARIO", "policies[1].target");
}

/// (d) Every ambiguity id that `note_text` explains (a `NoteId::A<n> =>` arm in `src/explain.rs`) is a
/// row of the table in docs/decisions.md.
#[test]
fn every_explained_note_is_a_decision() {
    let explain = read(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/explain.rs"));
    let start = explain
        .find("fn note_text")
        .expect("src/explain.rs has `fn note_text`");
    let body = explain.get(start..).unwrap_or("");
    // The function ends at the first line that closes an item at column 0.
    let body = body
        .get(..body.find("\n}").unwrap_or(body.len()))
        .unwrap_or(body);
    let ids = quoted_note_ids(body);
    assert!(!ids.is_empty(), "no note ids found in note_text");

    let decisions = read(&root().join("docs/decisions.md"));
    let rows: BTreeSet<String> = decisions
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .map(|id| id.trim().to_string())
        .filter(|id| is_note_id(id))
        .collect();
    let missing: Vec<&String> = ids.iter().filter(|id| !rows.contains(*id)).collect();
    assert!(
        missing.is_empty(),
        "note_text explains {missing:?}, which docs/decisions.md has no row for"
    );
}

fn is_note_id(text: &str) -> bool {
    text.strip_prefix('A')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The ids of the match arms `"A<n>" =>` in `text`.
fn quoted_note_ids(text: &str) -> BTreeSet<String> {
    let arm = Regex::new(r#"NoteId::(A[0-9]+)\s*=>"#).expect("regex");
    arm.captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// (e) The explanation is a typed tree (`iam_core::Explanation`): the web app and the CLI render it
/// and never take its sentences apart, match its text, or word the decision and its stages themselves.
#[test]
fn no_caller_parses_or_words_the_explanation() {
    // Patterns that only make sense on explanation text, or words the core's `words` module owns.
    let forbidden = [
        r#"split_once(" — ")"#,
        r#"split(" — ")"#,
        r#"split_once(". ")"#,
        r#"split_once(": ")"#,
        "iam_core::headline",
        ".text == ",
        r#""Denied — explicit""#,
        r#""Denied — implicit""#,
        r#""denies (implicit)""#,
        r#""does not apply""#,
        r#""cannot be evaluated""#,
        r#"tone == ""#,
    ];
    let mut problems = Vec::new();
    for dir in ["web/src", "crates/iam-cli/src"] {
        for file in files_with_extension(&root().join(dir), "rs") {
            let text = read(&file);
            for pattern in forbidden {
                if text.contains(pattern) {
                    problems.push(format!("{}: `{pattern}`", file.display()));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "explanation text taken apart or IAM worded outside iam-core's explain.rs:\n{}",
        problems.join("\n")
    );
}

/// Functions longer than this many lines need their reason written next to them.
const LONGEST_FUNCTION: usize = 150;

/// The functions of a Rust source longer than `limit` lines (from `fn` to the closing brace) with no
/// reason given: no comment containing `long:` on the line before `fn` (attribute lines skipped).
/// As `(line, name, length)`. The source is read as rustfmt lays it out: a body opens at the end of
/// the signature's last line and closes with a `}` at the `fn`'s indentation.
fn long_functions(text: &str, limit: usize) -> Vec<(usize, String, usize)> {
    let start = Regex::new(
        r#"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+([A-Za-z_][A-Za-z0-9_]*)"#,
    )
    .expect("regex");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = start.captures(line) else {
            continue;
        };
        let (indent, name) = (&c[1], &c[2]);
        // The signature's last line: it opens the body, or ends a declaration without one.
        let line_at = |j: usize| lines.get(j).copied().unwrap_or("");
        let Some(open) = (i..lines.len()).find(|&j| {
            let l = line_at(j).trim_end();
            l.contains('{') || l.ends_with(';')
        }) else {
            continue;
        };
        if !line_at(open).trim_end().ends_with('{') {
            continue; // a declaration, or a body on one line
        }
        let close = format!("{indent}}}");
        let Some(end) = (open + 1..lines.len()).find(|&j| line_at(j) == close) else {
            continue;
        };
        let length = end - i + 1;
        if length <= limit {
            continue;
        }
        let reason = lines
            .iter()
            .take(i)
            .rev()
            .find(|l| !l.trim_start().starts_with("#["))
            .is_some_and(|l| {
                let l = l.trim_start();
                l.starts_with("//") && l.contains("long:")
            });
        if !reason {
            out.push((i + 1, name.to_string(), length));
        }
    }
    out
}

/// (f) No function in `crates/` or `web/src` is over 150 lines without a reason written next to
/// it: split it, or put `// long: <why>` on the line before its `fn`.
#[test]
fn long_functions_give_their_reason() {
    let mut problems = Vec::new();
    for dir in ["crates", "web/src"] {
        for file in files_with_extension(&root().join(dir), "rs") {
            if file.components().any(|c| c.as_os_str() == "target") {
                continue;
            }
            for (line, name, length) in long_functions(&read(&file), LONGEST_FUNCTION) {
                problems.push(format!(
                    "{}:{line}: `{name}` is {length} lines",
                    file.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "functions over {LONGEST_FUNCTION} lines: split them, or write `// long: <why>` on the line before `fn`:\n{}",
        problems.join("\n")
    );
}

#[test]
fn long_functions_are_found() {
    let body = "    x();\n".repeat(4);
    let source = format!(
        "fn short() {{\n{body}}}\n\nimpl A {{\n    pub(crate) fn long(\n        a: u8,\n    ) -> u8 {{\n{body}{body}    }}\n\n    // long: one table\n    #[inline]\n    fn excused() {{\n{body}{body}    }}\n\n    fn declared();\n    fn one_line() {{ x() }}\n}}\n"
    );
    assert_eq!(
        long_functions(&source, 6),
        vec![(9, "long".to_string(), 12)]
    );
}

/// The names in the `[dependencies]` table of a manifest.
fn manifest_dependencies(manifest: &str) -> BTreeSet<String> {
    let key = Regex::new(r"^([A-Za-z0-9_-]+)\s*=").expect("regex");
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in manifest.lines() {
        let line = line.trim_end();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside {
            if let Some(c) = key.captures(line) {
                out.insert(c[1].to_string());
            }
        }
    }
    out
}

/// (e) `crates/iam-fuzz/Cargo.lock` is current: the fuzz crate is its own workspace, so the main
/// workspace's builds never update its lock, and a dependency added to a crate it builds left the
/// lock stale (each `cargo fuzz build` rewrote it). Each crate of this repository in the lock has
/// exactly the dependencies its manifest lists, and each crate of this repository they name is in
/// the lock. (Refresh it with `cargo metadata --format-version 1 --manifest-path
/// crates/iam-fuzz/Cargo.toml > /dev/null`.)
#[test]
#[allow(clippy::indexing_slicing)] // regex captures that the pattern guarantees
fn the_fuzz_lock_is_current() {
    let manifests: BTreeMap<&str, &str> = [
        ("iam-fuzz", "crates/iam-fuzz/Cargo.toml"),
        ("iam-core", "crates/iam-core/Cargo.toml"),
        ("iam-json", "crates/iam-json/Cargo.toml"),
        ("iam-catalog", "crates/iam-catalog/Cargo.toml"),
        ("iam-web", "web/Cargo.toml"),
    ]
    .into_iter()
    .collect();
    let lock = read(&root().join("crates/iam-fuzz/Cargo.lock"));
    // Each `[[package]]` without a `source` is a crate of this repository.
    let mut local: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        if block.contains("\nsource = ") {
            continue;
        }
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_string())
            .unwrap_or_default();
        let deps: BTreeSet<String> = block
            .split_once("dependencies = [")
            .map(|(_, rest)| rest.split(']').next().unwrap_or(""))
            .unwrap_or("")
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"'))
            .filter_map(|l| l.split(['"', ' ']).next())
            .map(str::to_string)
            .collect();
        local.insert(name, deps);
    }
    let mut problems = Vec::new();
    let mut wanted = vec!["iam-fuzz".to_string()];
    let mut seen = BTreeSet::new();
    while let Some(name) = wanted.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(path) = manifests.get(name.as_str()) else {
            problems.push(format!(
                "{name}: a crate of this repository this test does not know"
            ));
            continue;
        };
        let declared = manifest_dependencies(&read(&root().join(path)));
        match local.get(&name) {
            None => problems.push(format!("{name} is not in the lock")),
            Some(locked) if *locked != declared => problems.push(format!(
                "{name}: the lock has {locked:?}, {path} declares {declared:?}"
            )),
            Some(_) => {}
        }
        wanted.extend(
            declared
                .into_iter()
                .filter(|d| manifests.contains_key(d.as_str())),
        );
    }
    assert!(
        problems.is_empty(),
        "crates/iam-fuzz/Cargo.lock is stale (refresh: cargo metadata --format-version 1 --manifest-path crates/iam-fuzz/Cargo.toml > /dev/null):\n{}",
        problems.join("\n")
    );
}

/// (e) The public API fits on one screen: the names `lib.rs` re-exports at the top level (outside
/// its facade modules) are at most 25, and every public module has a doc comment.
#[test]
fn the_public_api_is_small_and_documented() {
    let lib = read(&root().join("crates/iam-core/src/lib.rs"));
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut statement = String::new();
    for line in lib.lines() {
        let trimmed = line.trim();
        if depth == 0 && (trimmed.starts_with("pub use ") || !statement.is_empty()) {
            statement.push_str(trimmed);
            statement.push(' ');
            if trimmed.ends_with(';') {
                let list = statement
                    .trim_start_matches("pub use ")
                    .trim_end_matches([';', ' ']);
                // `a::{B, C}` or `a::B`; `self as x` names the module `x`.
                let items = match list.split_once('{') {
                    Some((_, rest)) => rest.trim_end_matches('}').to_string(),
                    None => list.rsplit("::").next().unwrap_or(list).to_string(),
                };
                for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                    let name = item.rsplit(" as ").next().unwrap_or(item);
                    names.push(name.to_string());
                }
                statement.clear();
            }
        }
        depth += line.matches('{').count();
        depth = depth.saturating_sub(line.matches('}').count());
    }
    assert!(names.len() >= 15, "parsed only {names:?}");
    assert!(
        names.len() <= 25,
        "{} top-level names (at most 25): {names:?}",
        names.len()
    );
    let lines: Vec<&str> = lib.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(module) = line.strip_prefix("pub mod ") {
            let module = module.trim_end_matches([';', ' ', '{']);
            let inline_doc = i > 0 && lines[i - 1].starts_with("///");
            let path = root().join(format!("crates/iam-core/src/{module}.rs"));
            let file_doc = path.exists() && read(&path).starts_with("//!");
            assert!(
                inline_doc || file_doc,
                "public module `{module}` has no doc comment"
            );
        }
    }
}
