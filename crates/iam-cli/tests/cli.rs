//! The `iamplay` binary, end to end: commands, output shapes, positions and exit codes.

// Test helpers outside `#[test]` functions may fail loudly: a failure is the test failing.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Run `iamplay` from the repository root (so `examples/…` paths work).
fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run iamplay")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// A scratch directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("iamplay-cli-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write temp file");
        path.to_str().expect("utf-8 path").to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const EXAMPLES: [(&str, &str); 3] = [
    ("examples/s3-read-photos.json", "allowed"),
    ("examples/bucket-policy-cross-account.json", "allowed"),
    ("examples/scp-deny-region.json", "explicitDeny"),
];

#[test]
fn eval_json_gives_the_decision_of_each_example() {
    for (file, decision) in EXAMPLES {
        let o = iamplay(&["eval", "--json", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let lines = json_lines(&o);
        assert_eq!(lines.len(), 1, "{file}");
        let r = &lines[0];
        for key in [
            "decision",
            "trace",
            "diagnostics",
            "file",
            "determining",
            "explanation",
        ] {
            assert!(r.get(key).is_some(), "{file}: no `{key}` in {r}");
        }
        assert_eq!(r["file"], file);
        assert_eq!(r["decision"], decision, "{file}");
        assert_eq!(r["trace"]["decision"], decision, "{file}");
        assert!(
            r["diagnostics"].as_array().is_some_and(|d| d.is_empty()),
            "{file}: {}",
            r["diagnostics"]
        );
        assert!(!r["determining"].as_array().unwrap().is_empty(), "{file}");
        assert!(!r["explanation"].as_array().unwrap().is_empty(), "{file}");
    }
}

/// The examples whose first step is not the deny sweep: an AWS rule decides, or the VPC endpoint
/// policy denies before any identity policy is asked.
#[test]
fn eval_explains_aws_rules_and_endpoint_policies() {
    let o = iamplay(&[
        "eval",
        "--color",
        "never",
        "examples/getcalleridentity-despite-deny.json",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "✔ Allowed: an AWS rule decides — `sts:GetCallerIdentity` needs no permission"
        ),
        "{out}"
    );
    assert!(out.contains("  ✔ 1. AWS service rules — "), "{out}");
    assert!(
        out.contains("although statement `Quarantine › DenyEverything` matches the request"),
        "{out}"
    );
    let json = json_lines(&iamplay(&[
        "eval",
        "--json",
        "examples/getcalleridentity-despite-deny.json",
    ]));
    assert_eq!(json[0]["decision"], "allowed");
    assert_eq!(json[0]["determining"], serde_json::json!([]));
    assert_eq!(json[0]["trace"]["stages"][0]["kind"]["stage"], "awsRules");
    assert_eq!(
        json[0]["trace"]["stages"][0]["reason"]["rule"],
        "getCallerIdentity"
    );

    let json = json_lines(&iamplay(&[
        "eval",
        "--json",
        "examples/vpc-endpoint-upload-denied.json",
    ]));
    assert_eq!(json[0]["decision"], "implicitDeny");
    let stages = json[0]["trace"]["stages"].as_array().unwrap();
    let endpoint = stages
        .iter()
        .find(|s| s["kind"]["stage"] == "vpcEndpoint")
        .unwrap();
    assert_eq!(endpoint["outcome"], "implicitDeny");
    assert_eq!(endpoint["reason"]["reason"], "endpointNoAllow");
}

#[test]
fn eval_human_output_shows_the_headline_and_the_steps() {
    for (file, _) in EXAMPLES {
        let json = json_lines(&iamplay(&["eval", "--json", file]));
        let headline = json[0]["headline"].as_str().expect("headline").to_string();
        let o = iamplay(&["eval", "--color", "never", file]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.starts_with(&format!("{file}\n")), "{file}: {out}");
        assert!(
            out.contains(&headline),
            "{file}: headline missing from\n{out}"
        );
        assert!(
            out.contains("  ✔ 1. Explicit deny in any policy")
                || out.contains("  ✘ 1. Explicit deny in any policy"),
            "{out}"
        );
        assert!(!out.contains('\x1b'), "colour with --color never");
    }
}

#[test]
fn eval_positions_point_into_the_file_or_into_the_policy_string() {
    let out = stdout(&iamplay(&["eval", "examples/s3-read-photos.json"]));
    // `ReadPhotos` is an object in the file: its statement opens on line 25, column 11.
    assert!(out.contains("Statement `ReadPhotos › ReadPhotos` (Allow) applies to the request. (policy ReadPhotos at examples/s3-read-photos.json:25:11)"), "{out}");
    // `ReportsBucket` is a string: positions are in that string.
    let out = stdout(&iamplay(&[
        "eval",
        "examples/bucket-policy-cross-account.json",
    ]));
    assert!(out.contains("(policy ReportsBucket line 4:5)"), "{out}");
    let json = json_lines(&iamplay(&[
        "eval",
        "--json",
        "examples/bucket-policy-cross-account.json",
    ]));
    let steps = json[0]["explanation"].as_array().unwrap();
    let in_string = steps
        .iter()
        .find(|s| s["policyName"] == "ReportsBucket")
        .expect("a step in ReportsBucket");
    assert_eq!(in_string["start"]["line"], 4);
    assert!(in_string.get("fileStart").is_none());
    let in_file = steps
        .iter()
        .find(|s| s["policyName"] == "AnalyticsRead")
        .expect("a step in AnalyticsRead");
    assert_eq!(
        (
            in_file["fileStart"]["line"].as_u64(),
            in_file["fileStart"]["column"].as_u64()
        ),
        (Some(18), Some(11))
    );
    assert_eq!(
        (
            in_file["start"]["line"].as_u64(),
            in_file["start"]["column"].as_u64()
        ),
        (Some(4), Some(11)),
        "lines after the first keep their indentation"
    );
}

#[test]
fn eval_color_always_colours() {
    let out = stdout(&iamplay(&[
        "eval",
        "--color",
        "always",
        "examples/scp-deny-region.json",
    ]));
    assert!(out.contains("\x1b[31m✘\x1b[0m"), "{out}");
}

#[test]
fn eval_a_directory_reads_every_json_file_in_name_order() {
    let o = iamplay(&["eval", "--json", "examples"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<String> = json_lines(&o)
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "examples/boundary-and-scp-allow.json",
            "examples/bucket-policy-cross-account.json",
            "examples/getcalleridentity-despite-deny.json",
            "examples/public-bucket-blocked.json",
            "examples/s3-read-photos.json",
            "examples/scp-deny-region.json",
            "examples/vpc-endpoint-upload-denied.json"
        ],
        "policies/ is a subdirectory and README.md is not JSON: neither is read"
    );
}

#[test]
fn eval_json_lines_keep_the_order_of_the_arguments() {
    let args = [
        "eval",
        "--json",
        "examples/scp-deny-region.json",
        "examples/s3-read-photos.json",
        "examples/scp-deny-region.json",
    ];
    let o = iamplay(&args);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 3);
    let decisions: Vec<Value> = json_lines(&o)
        .iter()
        .map(|r| r["decision"].clone())
        .collect();
    assert_eq!(decisions, ["explicitDeny", "allowed", "explicitDeny"]);
}

#[test]
fn eval_reports_an_unknown_field_with_its_position_and_goes_on() {
    let dir = TempDir::new("unknown-field");
    let bad = dir.write(
        "contxt.json",
        "{\n  \"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\", \"contxt\": {}},\n  \"policies\": []\n}\n",
    );
    let o = iamplay(&["eval", "--json", &bad, "examples/s3-read-photos.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{bad}:2:76: field `request.contxt`: unknown field; did you mean `context`?"
        )),
        "{err}"
    );
    // The readable scenario was still evaluated.
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["decision"], "allowed");
}

#[test]
fn eval_reports_malformed_json_with_its_position() {
    let dir = TempDir::new("malformed");
    let bad = dir.write(
        "bad.json",
        "{\n  \"request\": {\"principal\": \"*\",,}\n}\n",
    );
    let o = iamplay(&["eval", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{bad}:2:32: not valid JSON")),
        "{err}"
    );
}

#[test]
fn eval_reports_a_missing_file() {
    let o = iamplay(&[
        "eval",
        "examples/no-such-file.json",
        "examples/s3-read-photos.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("examples/no-such-file.json: cannot read:"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("examples/s3-read-photos.json"));
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    let dir = TempDir::new("utf8");
    let path = dir.0.join("latin1.json");
    // `é` in Latin-1 (0xE9) on line 3, after two characters.
    std::fs::write(&path, b"{\n  \"version\": 1,\n  \xE9\n}\n").expect("write temp file");
    let path = path.to_str().expect("utf-8 path").to_string();
    for command in ["eval", "lint"] {
        let o = iamplay(&[command, &path]);
        assert_ne!(o.status.code(), Some(0), "{command}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "{path}:3:3: cannot read: not UTF-8 text: 0xE9 at line 3, column 3 (byte offset 20)"
            )),
            "{command}: {err}"
        );
    }
}

#[test]
fn eval_hints_at_lint_for_a_policy_document() {
    let o = iamplay(&["eval", "examples/policies/admin-too-broad.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("iamplay lint examples/policies/admin-too-broad.json"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn eval_a_malformed_request_has_no_decision_and_says_why() {
    let dir = TempDir::new("bad-request");
    let file = dir.write(
        "bad-request.json",
        "{\n  \"request\": {\n    \"principal\": \"arn:aws:iam::111122223333:user/alice\",\n    \"action\": \"s3GetObject\",\n    \"resource\": \"*\"\n  },\n  \"policies\": []\n}\n",
    );
    let o = iamplay(&["eval", "--json", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r = &json_lines(&o)[0];
    assert!(r["decision"].is_null());
    assert!(r["trace"].is_null());
    let d = &r["diagnostics"][0];
    assert_eq!(d["code"], "INVALID_REQUEST_ACTION");
    assert_eq!(
        (
            d["fileStart"]["line"].as_u64(),
            d["fileStart"]["column"].as_u64()
        ),
        (Some(4), Some(15))
    );

    let o = iamplay(&["eval", &file]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("No decision: the request is malformed"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{file}:4:15: error[INVALID_REQUEST_ACTION]:")),
        "{out}"
    );
}

const NO_EFFECT: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    { \"Sid\": \"NoEffect\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\" }\n  ]\n}\n";

#[test]
fn lint_a_bare_policy_with_an_error() {
    let dir = TempDir::new("lint-error");
    let file = dir.write("no-effect.json", NO_EFFECT);
    let o = iamplay(&["lint", "--color", "never", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{file}:4:5: error[MISSING_EFFECT]: the statement has no `Effect`"
        )),
        "{out}"
    );
    assert!(out.contains("  = path: Statement[0]\n"), "{out}");
    assert!(out.contains("4 |     { \"Sid\": \"NoEffect\""), "{out}");
    assert!(
        out.contains(&format!("  |     {}\n", "^".repeat(64))),
        "{out}"
    );
    assert!(out.contains("1 file: 1 error,"), "{out}");
}

#[test]
fn lint_json_gives_positions() {
    let dir = TempDir::new("lint-json");
    let file = dir.write("no-effect.json", NO_EFFECT);
    let o = iamplay(&[
        "lint",
        "--json",
        &file,
        "examples/policies/admin-too-broad.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], file.as_str());
    let d = &lines[0]["diagnostics"][0];
    assert_eq!(d["code"], "MISSING_EFFECT");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "Statement[0]");
    assert_eq!(
        (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(d["fileStart"], d["start"]);
    let codes: Vec<&str> = lines[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES"),
        "{codes:?}"
    );
}

#[test]
fn lint_the_too_broad_example_warns_without_failing() {
    let o = iamplay(&["lint", "examples/policies/admin-too-broad.json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "security warnings are not errors: {}",
        stdout(&o)
    );
    let out = stdout(&o);
    for code in [
        "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES",
        "PASS_ROLE_WITH_STAR_IN_RESOURCE",
        "ALLOW_WITH_NOT_ACTION",
    ] {
        assert!(
            out.contains(&format!("security warning[{code}]")),
            "{code} missing from\n{out}"
        );
    }
}

#[test]
fn lint_a_scenario_checks_each_policy_as_its_type() {
    let dir = TempDir::new("lint-scenario");
    let file = dir.write(
        "scenario.json",
        r#"{
  "request": { "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*" },
  "policies": [
    { "name": "Good", "type": "identity", "document": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] } },
    { "name": "Scp", "type": "scp", "target": "r-root", "document": { "Version": "2012-10-17", "Statement": [ { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*" } ] } },
    { "name": "InString", "type": "identity", "document": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Action\": \"s3:*\", \"Resource\": \"*\" } ]\n}" }
  ]
}"#,
    );
    let o = iamplay(&["lint", "--color", "never", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("{file}:5:")),
        "an object document is placed in the file:\n{out}"
    );
    assert!(out.contains("error[SCP_SYNTAX_ERROR_PRINCIPAL]"), "{out}");
    assert!(out.contains("  = policy: Scp\n"), "{out}");
    assert!(
        out.contains(&format!(
            "{file}: policy InString line 3:18: error[MISSING_EFFECT]"
        )),
        "{out}"
    );

    let lines = json_lines(&iamplay(&["lint", "--json", &file]));
    let diagnostics = lines[0]["diagnostics"].as_array().unwrap();
    let scp = diagnostics
        .iter()
        .find(|d| d["code"] == "SCP_SYNTAX_ERROR_PRINCIPAL")
        .expect("SCP diagnostic");
    assert_eq!(scp["policy"], 1);
    assert_eq!(scp["policyName"], "Scp");
    assert_eq!(scp["fileStart"]["line"], 5);
    let missing = diagnostics
        .iter()
        .find(|d| d["code"] == "MISSING_EFFECT")
        .expect("MISSING_EFFECT");
    assert_eq!(missing["policyName"], "InString");
    assert!(missing.get("fileStart").is_none());
}

#[test]
fn lint_type_changes_the_rules() {
    let dir = TempDir::new("lint-type");
    let file = dir.write(
        "scp.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}"#,
    );
    let as_scp = iamplay(&["lint", "--json", "--type", "scp", &file]);
    assert_eq!(as_scp.status.code(), Some(1));
    assert!(stdout(&as_scp).contains("SCP_SYNTAX_ERROR_PRINCIPAL"));
    let as_resource = iamplay(&["lint", "--json", "--type", "resource", &file]);
    assert!(!stdout(&as_resource).contains("SCP_SYNTAX_ERROR_PRINCIPAL"));
    let bad_type = iamplay(&["lint", "--type", "identy", &file]);
    assert_eq!(bad_type.status.code(), Some(2));
    assert!(stderr(&bad_type).contains("--type must be one of"));
    assert!(stderr(&bad_type).contains("trust"));
}

#[test]
fn lint_type_trust_lints_a_role_trust_policy() {
    let dir = TempDir::new("lint-trust");
    let file = dir.write(
        "trust.json",
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": ["sts:AssumeRole", "s3:GetObject"], "Resource": "*"}]}"#,
    );
    let as_trust = iamplay(&["lint", "--json", "--no-catalog", "--type", "trust", &file]);
    assert_eq!(as_trust.status.code(), Some(1), "{}", stdout(&as_trust));
    let out = stdout(&as_trust);
    assert!(
        out.contains("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"),
        "{out}"
    );
    assert!(out.contains("UNSUPPORTED_ACTION_IN_POLICY"), "{out}");
    let as_resource = iamplay(&[
        "lint",
        "--json",
        "--no-catalog",
        "--type",
        "resource",
        &file,
    ]);
    let out = stdout(&as_resource);
    assert!(
        !out.contains("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"),
        "{out}"
    );
    assert!(!out.contains("UNSUPPORTED_ACTION_IN_POLICY"), "{out}");
}

#[test]
fn lint_a_scenario_lints_the_trust_policy_of_a_role_trust_request() {
    let dir = TempDir::new("lint-trust-scenario");
    let scenario = |action: &str| {
        format!(
            r#"{{
  "request": {{ "principal": "arn:aws:iam::111122223333:user/alice", "action": "{action}", "resource": "arn:aws:iam::111122223333:role/Deploy" }},
  "policies": [
    {{ "name": "Trust", "type": "resource", "document": {{ "Version": "2012-10-17", "Statement": [ {{ "Effect": "Deny", "NotPrincipal": {{ "AWS": "arn:aws:iam::111122223333:root" }}, "Action": "sts:AssumeRole" }} ] }} }}
  ]
}}"#
        )
    };
    let assume = dir.write("assume.json", &scenario("sts:AssumeRole"));
    let out = stdout(&iamplay(&["lint", "--json", "--no-catalog", &assume]));
    assert!(
        out.contains("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"),
        "{out}"
    );
    let get_role = dir.write("get-role.json", &scenario("iam:GetRole"));
    let out = stdout(&iamplay(&["lint", "--json", "--no-catalog", &get_role]));
    assert!(
        !out.contains("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"),
        "{out}"
    );
}

#[test]
fn lint_reports_an_unreadable_scenario() {
    let dir = TempDir::new("lint-unreadable");
    let file = dir.write(
        "s.json",
        "{\"request\": {}, \"policies\": [], \"extra\": 1}",
    );
    let o = iamplay(&["lint", &file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{file}:1:33: field `extra`: unknown field")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let o = iamplay(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(
            out.contains("iamplay eval") && out.contains("iamplay lint"),
            "{out}"
        );
    }
    for args in [&["help", "eval"][..], &["eval", "--help"]] {
        let o = iamplay(args);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("--json"));
    }
    let o = iamplay(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("iamplay "));
}

#[test]
fn bad_usage_prints_the_usage_and_exits_2() {
    for args in [
        &["--frobnicate"][..],
        &["eval", "--frobnicate", "x.json"],
        &["frobnicate"],
        &[],
        &["eval"],
        &["help", "frob"],
        &["eval", "--color", "sometimes", "x"],
    ] {
        let o = iamplay(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("Usage:"), "{args:?}: {err}");
        assert!(stdout(&o).is_empty());
    }
    assert!(stderr(&iamplay(&["eval", "--frobnicate", "x.json"])).contains("--frobnicate"));
}

#[test]
fn lint_takes_a_directory_like_eval() {
    let dir = std::env::temp_dir().join(format!("iamplay-lint-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.json"), r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Action": "s3:GetObject", "Resource": "*"}]}"#).unwrap();
    std::fs::write(dir.join("b.json"), r#"{"Version": "2012-10-17", "Statement": [{"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#).unwrap();
    std::fs::write(dir.join("notes.txt"), "not a policy").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(["lint", "--json", "--no-catalog"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one line per *.json file: {stdout}");
    assert!(
        lines[0].contains("a.json") && lines[0].contains("MISSING_EFFECT"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1), "an error was found");
}

/// `iamplay test`: one line per check, `N passed, M failed` last; exit 1 when a check fails, 2 when a
/// file cannot be read; `--json` for machines.
#[test]
fn test_runs_the_checks_of_workspaces() {
    let o = iamplay(&[
        "test",
        "--color",
        "never",
        "examples/workspaces/course-basics.json",
        "tests/corpus/workspaces",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or("");
    assert!(last.ends_with(" passed, 0 failed"), "{out}");
    assert!(out.contains("  ✔ pass alice cannot delete: her group's inline Deny: expected explicitDeny, got explicitDeny (Developers:NoDeletes/NoDeletes)"), "{out}");
    assert!(out.contains("  ✔ pass alice cannot deploy: the trust policy stops her at the first hop: expected implicitDeny, got implicitDeny at `sts:AssumeRole arn:aws:iam::111122223333:role/Deployer`"), "{out}");
    // A request blocked by S3 Block Public Access names the setting, in the core's words.
    assert!(out.contains("  ✔ pass account setting blocks an anonymous read: expected explicitDeny, got explicitDeny (S3 Block Public Access: RestrictPublicBuckets (account setting))"), "{out}");

    let dir = TempDir::new("test-command");
    let text = std::fs::read_to_string("../../examples/workspaces/course-basics.json")
        .or_else(|_| std::fs::read_to_string("examples/workspaces/course-basics.json"))
        .unwrap();
    let wrong = dir.write(
        "wrong.json",
        &text.replacen("\"expect\": \"implicitDeny\"", "\"expect\": \"allowed\"", 1),
    );
    let o = iamplay(&["test", "--color", "never", &wrong]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("✘ FAIL bob has no photo access: expected allowed, got implicitDeny"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("10 passed, 1 failed"), "{out}");

    let o = iamplay(&["test", "--json", &wrong]);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 11);
    let failed: Vec<_> = lines.iter().filter(|l| l["pass"] == false).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["name"], "bob has no photo access");
    assert_eq!(failed[0]["expected"], "allowed");
    assert_eq!(failed[0]["decision"], "implicitDeny");

    let broken = dir.write(
        "broken.json",
        "{\"version\": 2, \"requests\": [{\"principal\": 3}]}",
    );
    let o = iamplay(&["test", &broken, "examples/workspaces/course-basics.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("broken.json:1:43: field `requests[0].principal`: must be a string"),
        "{}",
        stderr(&o)
    );
}

/// `iamplay eval` on a workspace explains every request, each under its name.
#[test]
fn eval_explains_every_request_of_a_workspace() {
    let o = iamplay(&["eval", "--json", "examples/workspaces/course-basics.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = json_lines(&o);
    // 11 requests; the chain that succeeds is explained hop then request, the one that stops, hop only.
    assert_eq!(lines.len(), 12);
    assert_eq!(lines[0]["name"], "alice reads a photo (her group's policy)");
    let names: Vec<&str> = lines.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(
            &"bob deploys via the role — sts:AssumeRole arn:aws:iam::111122223333:role/Deployer"
        ),
        "{names:?}"
    );
    assert!(names.contains(&"bob deploys via the role"));
    let stopped = lines
        .iter()
        .find(|l| {
            l["name"]
                .as_str()
                .unwrap()
                .starts_with("alice cannot deploy")
        })
        .unwrap();
    assert_eq!(stopped["decision"], "implicitDeny");
    assert!(stopped["name"]
        .as_str()
        .unwrap()
        .ends_with("sts:AssumeRole arn:aws:iam::111122223333:role/Deployer"));
    assert_eq!(lines[0]["decision"], "allowed");
    // Positions point into the workspace file.
    let step = lines[1]["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["policyName"] == "Developers:NoDeletes")
        .unwrap();
    assert!(step["fileStart"]["line"].as_u64().unwrap() > 1, "{step}");
    let o = iamplay(&[
        "eval",
        "--color",
        "never",
        "examples/workspaces/course-basics.json",
    ]);
    assert!(stdout(&o).starts_with(
        "examples/workspaces/course-basics.json — alice reads a photo (her group's policy)\n"
    ));
}

/// `iamplay import aws-authz`: a file in the shape `aws iam get-account-authorization-details`
/// prints (URL-encoded and object documents, a default version that is not the first, an AWS managed
/// policy the file does not hold) becomes a workspace whose model decides as the account would.
#[test]
fn import_turns_authorization_details_into_a_workspace() {
    let o = iamplay(&["import", "aws-authz", "tests/fixtures/aws-authz.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("imported 2 users, 1 groups, 1 roles, 3 managed policies"),
        "{err}"
    );
    assert!(
        err.contains("arn:aws:iam::aws:policy/ReadOnlyAccess"),
        "{err}"
    );
    let mut workspace: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(workspace["version"], 2);
    let account = &workspace["accounts"]["111122223333"];
    assert_eq!(
        account["users"]["alice"]["groups"],
        serde_json::json!(["Developers"])
    );
    assert_eq!(account["users"]["alice"]["boundary"], "DevBoundary");
    assert_eq!(
        account["groups"]["Developers"]["policies"],
        serde_json::json!(["ReadPhotos"])
    );
    assert!(
        account["roles"]["Deployer"]["trust"]
            .as_str()
            .unwrap()
            .contains("user/staff/bob"),
        "URL-decoded"
    );
    assert!(
        workspace["policies"][0]["document"]
            .as_str()
            .unwrap()
            .contains("\"Sid\":\"ReadPhotos\""),
        "the default version, v2"
    );
    let a = "arn:aws:iam::111122223333";
    workspace["requests"] = serde_json::json!([
        { "name": "alice reads through her group", "principal": format!("{a}:user/alice"), "action": "s3:GetObject", "resource": "arn:aws:s3:::example-photos/cat.jpg", "expect": "allowed" },
        { "name": "the group's inline Deny", "principal": format!("{a}:user/alice"), "action": "s3:DeleteObject", "resource": "arn:aws:s3:::example-photos/cat.jpg", "expect": "explicitDeny" },
        { "name": "the boundary caps the inline policy", "principal": format!("{a}:user/alice"), "action": "s3:ListBucket", "resource": "arn:aws:s3:::example-photos", "expect": "allowed" },
        { "name": "bob deploys through the role", "principal": format!("{a}:user/staff/bob"), "assume": [{ "role": format!("{a}:role/Deployer"), "sessionName": "bob" }], "action": "s3:PutObject", "resource": "arn:aws:s3:::example-site/index.html", "expect": "allowed" }
    ]);
    let dir = TempDir::new("import");
    let file = dir.write(
        "imported.json",
        &serde_json::to_string_pretty(&workspace).unwrap(),
    );
    let o = iamplay(&["test", "--color", "never", &file]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).trim_end().ends_with("4 passed, 0 failed"),
        "{}",
        stdout(&o)
    );

    let bad = dir.write("bad.json", "{\"UserDetailList\": [\n  {\"UserName\": 3}]}");
    let o = iamplay(&["import", "aws-authz", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.json:2:16: field `UserDetailList[0].UserName`: must be a string"),
        "{}",
        stderr(&o)
    );
    let o = iamplay(&["import", "csv", &bad]);
    assert_eq!(o.status.code(), Some(2));
}

/// `iamplay who-can`: every principal of the workspace, the allowed ones first.
#[test]
fn who_can_lists_every_principal_allowed_first() {
    let o = iamplay(&[
        "who-can",
        "--json",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::example-photos/cat.jpg",
        "examples/workspaces/course-basics.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = json_lines(&o);
    let rows: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["principal"].as_str().unwrap(),
                l["decision"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("arn:aws:iam::111122223333:user/alice", "allowed"),
            ("arn:aws:iam::111122223333:root", "allowed"),
            ("arn:aws:iam::111122223333:user/bob", "implicitDeny"),
            ("arn:aws:iam::111122223333:role/Deployer", "implicitDeny"),
            ("*", "implicitDeny"),
        ]
    );
    let o = iamplay(&[
        "who-can",
        "--action",
        "s3:GetObject",
        "examples/workspaces/course-basics.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// `iamplay who-can` says which S3 Block Public Access setting blocks a principal.
#[test]
fn who_can_names_the_block_public_access_setting() {
    let o = iamplay(&[
        "who-can",
        "--color",
        "never",
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::mixed-logs/AWSLogs/summary.json",
        "tests/corpus/workspaces/block-public-access.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "✔ allowed       arn:aws:iam::111122223333:user/alice (mixed-logs:policy/EveryoneReads)",
        "✘ explicitDeny  arn:aws:iam::444455556666:user/bob (S3 Block Public Access: RestrictPublicBuckets (account setting))",
        "✘ explicitDeny  * (S3 Block Public Access: RestrictPublicBuckets (account setting))",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
}

/// `iamplay lint` on a workspace checks every document once, as what the model uses it for, at its
/// line and column in the workspace file.
#[test]
fn lint_checks_every_document_of_a_workspace() {
    let o = iamplay(&["lint", "--json", "examples/workspaces/course-basics.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = std::fs::read_to_string("../../examples/workspaces/course-basics.json")
        .or_else(|_| std::fs::read_to_string("examples/workspaces/course-basics.json"))
        .unwrap();
    let dir = TempDir::new("lint-workspace");
    // A typo in group Developers' inline policy, and a wildcard principal in the role's trust policy.
    let broken = text
        .replacen(
            "\"Sid\": \"NoDeletes\",\n                  \"Effect\": \"Deny\"",
            "\"Sid\": \"NoDeletes\",\n                  \"Effect\": \"Dent\"",
            1,
        )
        .replacen(
            "\"AWS\": \"arn:aws:iam::111122223333:user/bob\"",
            "\"AWS\": \"*\"",
            1,
        );
    assert_ne!(broken, text);
    let file = dir.write("broken.json", &broken);
    let o = iamplay(&["lint", "--json", &file]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let lines = json_lines(&o);
    let codes: Vec<&str> = lines[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"INVALID_EFFECT"), "{codes:?}");
    assert!(
        codes.contains(&"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"),
        "{codes:?}"
    );
    let effect = lines[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "INVALID_EFFECT")
        .unwrap();
    assert_eq!(effect["policyName"], "Developers:NoDeletes");
    assert!(
        effect["fileStart"]["line"].as_u64().unwrap() > 50,
        "{effect}"
    );
}

/// `iamplay matrix --principal` on a workspace: that principal's access, its policies derived from
/// the model.
#[test]
fn matrix_of_a_workspace_principal() {
    let o = iamplay(&[
        "matrix",
        "--json",
        "--service",
        "s3",
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
        "--resource",
        "arn:aws:s3:::example-photos/cat.jpg",
        "examples/workspaces/course-basics.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let matrix: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let rows: Vec<&serde_json::Value> = matrix["services"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["rows"].as_array().unwrap())
        .collect();
    let decision =
        |action: &str| rows.iter().find(|r| r["action"] == action).unwrap()["decision"].clone();
    assert_eq!(
        decision("s3:GetObject"),
        "allowed",
        "her group's ReadPhotos"
    );
    assert_eq!(
        decision("s3:DeleteObject"),
        "explicitDeny",
        "her group's inline NoDeletes"
    );
    assert_eq!(matrix["allowed"], 1);
    let o = iamplay(&[
        "matrix",
        "--service",
        "s3",
        "examples/workspaces/course-basics.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--principal"), "{}", stderr(&o));
}

/// `iamplay summary --principal` on a workspace: each policy the model gives that principal, with
/// where it comes from.
#[test]
fn summary_of_a_workspace_principal() {
    let o = iamplay(&[
        "summary",
        "--json",
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
        "examples/workspaces/course-basics.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let policies: Vec<String> = json_lines(&o)
        .iter()
        .map(|l| l["policy"].as_str().unwrap().to_string())
        .collect();
    assert!(
        policies
            .contains(&"ReadPhotos (attached to group Developers, which alice is in)".to_string()),
        "{policies:?}"
    );
    assert!(
        policies.contains(&"boundary:DevBoundary (permissions boundary of user alice)".to_string()),
        "{policies:?}"
    );
    let o = iamplay(&[
        "summary",
        "--principal",
        "arn:aws:iam::111122223333:user/alice",
        "examples/s3-read-photos.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
