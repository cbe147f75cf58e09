//! Write N varied, valid scenario files (format v1) to a directory, for measuring `iamplay eval`.
//!
//! ```text
//! cargo run --release -p iam-cli --example gen_scenarios -- DIR [N]   # N defaults to 10000
//! ```
//!
//! Deterministic (a fixed-seed xorshift), so every run writes the same files. The scenarios mix
//! principal kinds, services, identity/resource/boundary/session policies and SCPs with an
//! organization, conditions (string, IP, bool, date, ARN, numeric, with policy variables), Deny
//! statements, and documents given both as objects and as strings.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or("")
    }
}

const ACCOUNTS: [&str; 3] = ["111122223333", "444455556666", "777788889999"];
const BUCKETS: [&str; 4] = [
    "example-photos",
    "example-reports",
    "team-data",
    "logs-archive",
];

/// (action, resource pattern with `{acct}`/`{bucket}`/`{n}` holes).
const ACTIONS: [(&str, &str); 10] = [
    ("s3:GetObject", "arn:aws:s3:::{bucket}/{n}/file.txt"),
    ("s3:PutObject", "arn:aws:s3:::{bucket}/{n}/upload.bin"),
    ("s3:ListBucket", "arn:aws:s3:::{bucket}"),
    ("s3:DeleteObject", "arn:aws:s3:::{bucket}/{n}/old.txt"),
    (
        "ec2:RunInstances",
        "arn:aws:ec2:us-east-1:{acct}:instance/*",
    ),
    (
        "ec2:TerminateInstances",
        "arn:aws:ec2:eu-west-1:{acct}:instance/i-0{n}",
    ),
    (
        "dynamodb:GetItem",
        "arn:aws:dynamodb:eu-west-1:{acct}:table/Orders",
    ),
    (
        "dynamodb:PutItem",
        "arn:aws:dynamodb:eu-west-1:{acct}:table/Orders",
    ),
    ("sqs:SendMessage", "arn:aws:sqs:us-east-1:{acct}:jobs-{n}"),
    ("iam:PassRole", "arn:aws:iam::{acct}:role/app-{n}"),
];

fn fill(pattern: &str, acct: &str, bucket: &str, n: usize) -> String {
    pattern
        .replace("{acct}", acct)
        .replace("{bucket}", bucket)
        .replace("{n}", &n.to_string())
}

fn principal(rng: &mut Rng, acct: &str) -> (String, bool) {
    // (principal, is a session)
    match rng.below(10) {
        0..=3 => (
            format!(
                "arn:aws:iam::{acct}:user/{}",
                rng.pick(&["alice", "bob", "carol", "dev/dave"])
            ),
            false,
        ),
        4..=6 => (
            format!(
                "arn:aws:sts::{acct}:assumed-role/{}/session-{}",
                rng.pick(&["Admin", "Developer", "ReadOnly"]),
                rng.below(100)
            ),
            true,
        ),
        7 => (
            format!(
                "arn:aws:iam::{acct}:role/{}",
                rng.pick(&["Admin", "Deployer"])
            ),
            true,
        ),
        8 => (format!("arn:aws:iam::{acct}:root"), false),
        _ => (
            rng.pick(&["s3.amazonaws.com", "lambda.amazonaws.com", "*"])
                .to_string(),
            false,
        ),
    }
}

fn condition(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => r#""Condition": { "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] } }"#.to_string(),
        1 => r#""Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }"#.to_string(),
        2 => r#""Condition": { "StringEquals": { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } }"#.to_string(),
        3 => r#""Condition": { "DateLessThan": { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }"#.to_string(),
        4 => r#""Condition": { "StringLike": { "s3:prefix": ["home/${aws:username}/*"] } }"#.to_string(),
        5 => r#""Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:role/Admin" } }"#.to_string(),
        6 => r#""Condition": { "NumericLessThanEquals": { "s3:max-keys": "100" } }"#.to_string(),
        _ => r#""Condition": { "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }"#.to_string(),
    }
}

fn statement(
    rng: &mut Rng,
    sid: &str,
    effect: &str,
    action: &str,
    resource: &str,
    principal: Option<&str>,
) -> String {
    let mut s = format!(r#"{{ "Sid": "{sid}", "Effect": "{effect}", "#);
    if let Some(p) = principal {
        let _ = write!(s, r#""Principal": {p}, "#);
    }
    let action = match rng.below(4) {
        0 => action
            .split(':')
            .next()
            .map(|svc| format!("\"{svc}:*\""))
            .unwrap_or_default(),
        1 => format!("[\"{action}\", \"s3:ListAllMyBuckets\"]"),
        _ => format!("\"{action}\""),
    };
    let resource = if rng.chance(30) {
        "\"*\"".to_string()
    } else {
        format!("\"{resource}\"")
    };
    let _ = write!(s, r#""Action": {action}, "Resource": {resource}"#);
    if rng.chance(40) {
        let _ = write!(s, ", {}", condition(rng));
    }
    s.push_str(" }");
    s
}

fn document(statements: &[String]) -> String {
    format!("{{\n        \"Version\": \"2012-10-17\",\n        \"Statement\": [\n          {}\n        ]\n      }}", statements.join(",\n          "))
}

fn policy_entry(rng: &mut Rng, name: &str, kind: &str, target: Option<&str>, doc: &str) -> String {
    let target = target
        .map(|t| format!(r#", "target": "{t}""#))
        .unwrap_or_default();
    let document = if rng.chance(30) {
        serde_json::Value::String(doc.to_string()).to_string()
    } else {
        doc.to_string()
    };
    format!(r#"    {{ "name": "{name}", "type": "{kind}"{target}, "document": {document} }}"#)
}

fn scenario(rng: &mut Rng, n: usize) -> String {
    let acct = rng.pick(&ACCOUNTS);
    let bucket = rng.pick(&BUCKETS);
    let (pattern_action, pattern_resource) = ACTIONS
        .get(rng.below(ACTIONS.len()))
        .copied()
        .unwrap_or(("s3:GetObject", "*"));
    let resource = fill(
        pattern_resource,
        if rng.chance(20) { "444455556666" } else { acct },
        bucket,
        n % 50,
    );
    let (principal, session) = principal(rng, acct);

    let mut context = Vec::new();
    if rng.chance(50) {
        context.push(format!(
            r#""aws:SourceIp": "{}""#,
            rng.pick(&["203.0.113.10", "198.51.100.7", "192.0.2.44"])
        ));
    }
    if rng.chance(40) {
        context.push(format!(
            r#""aws:MultiFactorAuthPresent": {}"#,
            rng.pick(&["true", "false"])
        ));
    }
    if rng.chance(40) {
        context.push(format!(
            r#""aws:RequestedRegion": "{}""#,
            rng.pick(&["us-east-1", "eu-west-1", "eu-central-1"])
        ));
    }
    if rng.chance(20) {
        context.push(r#""aws:TagKeys": ["env", "cost-center"]"#.to_string());
    }
    if rng.chance(30) {
        context.push(r#""aws:CurrentTime": "2026-03-01T12:00:00Z""#.to_string());
    }

    let mut policies = Vec::new();
    let identity_count = 1 + rng.below(3);
    for i in 0..identity_count {
        let mut statements = Vec::new();
        for j in 0..1 + rng.below(3) {
            let effect = if rng.chance(20) { "Deny" } else { "Allow" };
            let (a, r) = ACTIONS
                .get(rng.below(ACTIONS.len()))
                .copied()
                .unwrap_or((pattern_action, pattern_resource));
            let (a, r) = if rng.chance(60) {
                (pattern_action, pattern_resource)
            } else {
                (a, r)
            };
            statements.push(statement(
                rng,
                &format!("S{i}x{j}"),
                effect,
                a,
                &fill(r, acct, bucket, n % 50),
                None,
            ));
        }
        policies.push(policy_entry(
            rng,
            &format!("Identity{i}"),
            "identity",
            None,
            &document(&statements),
        ));
    }
    if rng.chance(35) {
        let grantee = format!(r#"{{ "AWS": "arn:aws:iam::{acct}:root" }}"#);
        let p = if rng.chance(50) {
            grantee.as_str()
        } else {
            r#""*""#
        };
        let effect = if rng.chance(15) { "Deny" } else { "Allow" };
        let stmt = statement(rng, "Bucket", effect, pattern_action, &resource, Some(p));
        policies.push(policy_entry(
            rng,
            "ResourcePolicy",
            "resource",
            None,
            &document(&[stmt]),
        ));
    }
    if rng.chance(20) {
        let stmt = statement(rng, "Cap", "Allow", pattern_action, "*", None);
        policies.push(policy_entry(
            rng,
            "Boundary",
            "permissionsBoundary",
            None,
            &document(&[stmt]),
        ));
    }
    if session && rng.chance(20) {
        let stmt = statement(rng, "Scope", "Allow", pattern_action, &resource, None);
        policies.push(policy_entry(
            rng,
            "Session",
            "session",
            None,
            &document(&[stmt]),
        ));
    }
    let mut organization = String::new();
    if rng.chance(30) {
        let stmt = if rng.chance(50) {
            r#"{ "Sid": "DenyOutsideEu", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*", "Condition": { "StringNotEquals": { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } } }"#.to_string()
        } else {
            r#"{ "Sid": "AllowMost", "Effect": "Allow", "Action": ["s3:*", "ec2:*", "dynamodb:*", "sqs:*"], "Resource": "*" }"#.to_string()
        };
        policies.push(policy_entry(
            rng,
            "OrgGuardrail",
            "scp",
            Some("ou-abcd-11111111"),
            &document(&[stmt]),
        ));
        if rng.chance(50) {
            organization = format!(
                ",\n  \"organization\": {{ \"managementAccount\": \"999988887777\", \"accounts\": {{ \"{acct}\": [\"r-root\", \"ou-abcd-11111111\"] }} }}"
            );
        }
    }

    let context = if context.is_empty() {
        String::new()
    } else {
        format!(",\n    \"context\": {{ {} }}", context.join(", "))
    };
    format!(
        "{{\n  \"request\": {{\n    \"principal\": \"{principal}\",\n    \"action\": \"{pattern_action}\",\n    \"resource\": \"{resource}\"{context}\n  }},\n  \"policies\": [\n{}\n  ]{organization}\n}}\n",
        policies.join(",\n")
    )
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: gen_scenarios DIR [N]")?);
    let count: usize = match args.next() {
        Some(n) => n.to_str().ok_or("N must be a number")?.parse()?,
        None => 10_000,
    };
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for n in 0..count {
        std::fs::write(
            dir.join(format!("scenario-{n:05}.json")),
            scenario(&mut rng, n),
        )?;
    }
    eprintln!("wrote {count} scenarios to {}", dir.display());
    Ok(())
}
