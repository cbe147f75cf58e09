//! Criterion benchmarks of the evaluation core, through the public API.
//!
//! Run: `cargo bench -p iam-core --bench evaluate` (release profile). Each group is kept short
//! (small sample size and measurement time) so the whole run stays around a minute.
//!
//! - `typical_5_policies`: `analyze` (JSON parse + lowering + lint + evaluation) of a realistic
//!   scenario: two identity policies, a bucket policy, a permissions boundary and an SCP, 25
//!   statements in all, most with conditions.
//! - `statements_1000`: `analyze` of one identity policy with 1,000 statements, the only match
//!   last.
//! - `pathological_wildcard`: `*a*a*a*a*a*a*b` as a Resource and as an Action pattern against a
//!   resource / action of 1 KB and 8 KB of `a`s (no match; the request limit is 8,192 bytes): the
//!   time should grow about linearly with the text, and stay in microseconds.
//! - `lint_only`: `lint_policy` (parse + lowering + lint, no request) of a ~6 KB identity policy.

// Bench setup: a broken fixture should stop the run loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use iam_core::{
    analyze, lint_policy, parse_scenario, request::RequestInput, scenario::PolicyInput, Decision,
    Options, PolicyType, Scenario,
};

const TYPICAL: &str = r#"{
  "version": 1,
  "request": {
    "principal": "arn:aws:sts::111122223333:assumed-role/DataEngineer/alice-session",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::analytics-data/reports/2024/q1.csv",
    "context": {
      "aws:SourceIp": "203.0.113.10",
      "aws:PrincipalTag/team": "analytics",
      "aws:CurrentTime": "2025-03-01T10:00:00Z",
      "aws:SecureTransport": "true",
      "aws:RequestedRegion": "us-east-1",
      "aws:MultiFactorAuthPresent": "true",
      "aws:TagKeys": ["project", "owner"]
    }
  },
  "policies": [
    { "name": "DataEngineerAccess", "type": "identity", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "ReadAnalytics", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
          "Resource": "arn:aws:s3:::analytics-data/*",
          "Condition": { "StringEquals": { "aws:PrincipalTag/team": "analytics" } } },
        { "Sid": "ListAnalytics", "Effect": "Allow", "Action": "s3:ListBucket",
          "Resource": "arn:aws:s3:::analytics-data",
          "Condition": { "StringLike": { "s3:prefix": ["reports/*", "raw/${aws:PrincipalTag/team}/*"] } } },
        { "Sid": "WriteScratch", "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"],
          "Resource": "arn:aws:s3:::analytics-scratch/${aws:PrincipalTag/team}/*" },
        { "Sid": "DenyDeleteWithoutMfa", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*",
          "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } } },
        { "Sid": "Athena", "Effect": "Allow", "Action": ["athena:StartQueryExecution", "athena:Get*"],
          "Resource": "arn:aws:athena:us-east-1:111122223333:workgroup/analytics" },
        { "Sid": "Glue", "Effect": "Allow", "Action": ["glue:GetTable", "glue:GetDatabase", "glue:GetPartitions"],
          "Resource": ["arn:aws:glue:us-east-1:111122223333:catalog", "arn:aws:glue:us-east-1:111122223333:database/analytics*",
                       "arn:aws:glue:us-east-1:111122223333:table/analytics*/*"] },
        { "Sid": "DecryptViaS3", "Effect": "Allow", "Action": "kms:Decrypt",
          "Resource": "arn:aws:kms:us-east-1:111122223333:key/*",
          "Condition": { "StringEquals": { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }
      ] } },
    { "name": "CommonDeveloper", "type": "identity", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "Describe", "Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:Get*", "logs:Describe*"], "Resource": "*" },
        { "Sid": "PassGlueRole", "Effect": "Allow", "Action": "iam:PassRole",
          "Resource": "arn:aws:iam::111122223333:role/service/glue-*",
          "Condition": { "StringEquals": { "iam:PassedToService": "glue.amazonaws.com" } } },
        { "Sid": "WhoAmI", "Effect": "Allow", "Action": "sts:GetCallerIdentity", "Resource": "*" },
        { "Sid": "DenyInsecure", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
          "Condition": { "Bool": { "aws:SecureTransport": "false" } } },
        { "Sid": "DenyOtherRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "s3:*"], "Resource": "*",
          "Condition": { "StringNotEquals": { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } }
      ] } },
    { "name": "AnalyticsBucketPolicy", "type": "resource", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "RoleRead", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/DataEngineer" },
          "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": ["arn:aws:s3:::analytics-data", "arn:aws:s3:::analytics-data/*"] },
        { "Sid": "AccountList", "Effect": "Allow", "Principal": { "AWS": "111122223333" },
          "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::analytics-data" },
        { "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": ["arn:aws:s3:::analytics-data", "arn:aws:s3:::analytics-data/*"],
          "Condition": { "Bool": { "aws:SecureTransport": "false" } } },
        { "Sid": "OfficeOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
          "Resource": "arn:aws:s3:::analytics-data/*",
          "Condition": { "NotIpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] },
                         "ForAnyValue:StringEquals": { "aws:TagKeys": ["quarantine"] } } },
        { "Sid": "NoDelete", "Effect": "Deny", "Principal": { "AWS": "*" }, "Action": "s3:DeleteBucket",
          "Resource": "arn:aws:s3:::analytics-data" }
      ] } },
    { "name": "EngineerBoundary", "type": "permissionsBoundary", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "DataServices", "Effect": "Allow", "Action": ["s3:*", "athena:*", "glue:*", "kms:Decrypt"], "Resource": "*" },
        { "Sid": "Observability", "Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:*", "logs:*", "sts:GetCallerIdentity"], "Resource": "*" },
        { "Sid": "NoIam", "Effect": "Deny", "NotAction": ["iam:PassRole", "iam:Get*", "iam:List*"], "Resource": "arn:aws:iam::*:*" },
        { "Sid": "BusinessHours", "Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": { "DateLessThan": { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } }
      ] } },
    { "name": "OrgGuardrails", "type": "scp", "target": "r-root", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*" },
        { "Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*" },
        { "Sid": "RegionLock", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*", "support:*"], "Resource": "*",
          "Condition": { "StringNotEquals": { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } } },
        { "Sid": "NoRootUser", "Effect": "Deny", "Action": "*", "Resource": "*",
          "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::*:root" } } }
      ] } }
  ],
  "organization": { "accounts": { "111122223333": ["r-root", "ou-analytics"] } }
}"#;

fn typical() -> Scenario {
    let scenario = parse_scenario(TYPICAL).unwrap_or_else(|e| panic!("typical scenario: {e:?}"));
    let statements: usize = scenario
        .policies
        .iter()
        .map(|p| p.document.matches("\"Sid\"").count())
        .sum();
    assert_eq!((scenario.policies.len(), statements), (5, 25));
    scenario
}

fn user_request(action: &str, resource: &str) -> RequestInput {
    RequestInput {
        principal: "arn:aws:iam::111122223333:user/alice".into(),
        action: action.into(),
        resource: resource.into(),
        resource_account: None,
        spans: Default::default(),
        context: vec![
            (
                "aws:PrincipalTag/team".into(),
                iam_core::request::ContextValue::Single("analytics".into()),
            ),
            (
                "aws:SourceIp".into(),
                iam_core::request::ContextValue::Single("203.0.113.10".into()),
            ),
        ],
    }
}

fn identity(name: &str, document: String) -> PolicyInput {
    PolicyInput {
        name: name.into(),
        policy_type: PolicyType::Identity,
        target: None,
        document,
        file_offset: None,
        origin: None,
        tree: Default::default(),
    }
}

/// One identity policy with `n` statements; only the last matches `s3:GetObject` on
/// `arn:aws:s3:::target-bucket/key`.
fn many_statements(n: usize) -> Scenario {
    let actions = [
        "ec2:Describe*",
        "s3:PutObject",
        "dynamodb:GetItem",
        "s3:List*",
        "lambda:InvokeFunction",
    ];
    let mut statements = Vec::with_capacity(n);
    for i in 0..n - 1 {
        let action = actions[i % actions.len()];
        let condition = match i % 4 {
            0 => r#", "Condition": { "StringEquals": { "aws:PrincipalTag/team": "other" } }"#
                .to_string(),
            1 => format!(
                r#", "Condition": {{ "IpAddress": {{ "aws:SourceIp": "10.{}.0.0/16" }} }}"#,
                i % 256
            ),
            2 => r#", "Condition": { "StringLike": { "aws:username": "svc-*" } }"#.to_string(),
            _ => String::new(),
        };
        statements.push(format!(
            r#"{{ "Sid": "S{i}", "Effect": "Allow", "Action": "{action}", "Resource": "arn:aws:s3:::bucket-{i}/*"{condition} }}"#
        ));
    }
    statements.push(
        r#"{ "Sid": "TheOne", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::target-bucket/*",
             "Condition": { "StringEquals": { "aws:PrincipalTag/team": "analytics" } } }"#
            .to_string(),
    );
    let document = format!(
        r#"{{ "Version": "2012-10-17", "Statement": [ {} ] }}"#,
        statements.join(",\n")
    );
    Scenario {
        request: user_request("s3:GetObject", "arn:aws:s3:::target-bucket/key"),
        policies: vec![identity("Big", document)],
        organization: None,
        block_public_access: None,
    }
}

const EVIL: &str = "*a*a*a*a*a*a*b";

fn pathological_resource(len: usize) -> Scenario {
    let document = format!(
        r#"{{ "Version": "2012-10-17", "Statement": [ {{ "Sid": "Evil", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::{EVIL}" }} ] }}"#
    );
    Scenario {
        request: user_request("s3:GetObject", &format!("arn:aws:s3:::{}", "a".repeat(len))),
        policies: vec![identity("Evil", document)],
        organization: None,
        block_public_access: None,
    }
}

fn pathological_action(len: usize) -> Scenario {
    let document = format!(
        r#"{{ "Version": "2012-10-17", "Statement": [ {{ "Sid": "Evil", "Effect": "Allow", "Action": "s3:{EVIL}", "Resource": "*" }} ] }}"#
    );
    Scenario {
        request: user_request(&format!("s3:{}", "a".repeat(len)), "arn:aws:s3:::b/k"),
        policies: vec![identity("Evil", document)],
        organization: None,
        block_public_access: None,
    }
}

/// A realistic identity policy of about 6 KB (the identity-policy quota is 6,144 non-space characters).
fn policy_6kb() -> String {
    let services = [
        "s3", "ec2", "dynamodb", "lambda", "sqs", "sns", "logs", "kms",
    ];
    let mut statements = Vec::new();
    let mut i = 0;
    loop {
        let service = services[i % services.len()];
        let statement = format!(
            r#"{{ "Sid": "Stmt{i}", "Effect": "{effect}", "Action": ["{service}:Get*", "{service}:List*", "{service}:Describe*"],
  "Resource": ["arn:aws:{service}:us-east-1:111122223333:thing-{i}/*", "arn:aws:{service}:eu-west-1:111122223333:thing-{i}/*"],
  "Condition": {{ "StringEquals": {{ "aws:PrincipalTag/team": ["analytics", "platform"] }}, "IpAddress": {{ "aws:SourceIp": "203.0.113.0/24" }} }} }}"#,
            effect = if i % 5 == 4 { "Deny" } else { "Allow" },
        );
        let total: usize = statements.iter().map(String::len).sum::<usize>() + statement.len();
        if total > 6_000 {
            break;
        }
        statements.push(statement);
        i += 1;
    }
    format!(
        "{{ \"Version\": \"2012-10-17\", \"Statement\": [\n{}\n] }}",
        statements.join(",\n")
    )
}

fn benches(c: &mut Criterion) {
    let scenario = typical();
    assert_eq!(
        analyze(&scenario, &Options::default()).decision(),
        Some(Decision::Allowed)
    );
    let mut group = c.benchmark_group("typical_5_policies");
    group.bench_function("analyze", |b| {
        b.iter(|| analyze(black_box(&scenario), &Options::default()))
    });
    group.finish();

    let scenario = many_statements(1_000);
    let report = analyze(&scenario, &Options::default());
    assert_eq!(report.decision(), Some(Decision::Allowed));
    let determining: Vec<String> = report
        .evaluation
        .iter()
        .flat_map(|e| e.determining.iter().map(|r| r.label()))
        .collect();
    assert_eq!(determining, ["Big/TheOne"]);
    let mut group = c.benchmark_group("statements_1000");
    group.throughput(Throughput::Elements(1_000));
    group.bench_function("analyze", |b| {
        b.iter(|| analyze(black_box(&scenario), &Options::default()))
    });
    group.finish();

    let mut group = c.benchmark_group("pathological_wildcard");
    // 8,000: the request limit is 8,192 bytes (`INVALID_REQUEST_SIZE`); 10,240 before it.
    for len in [1_024usize, 8_000] {
        group.throughput(Throughput::Bytes(len as u64));
        let resource = pathological_resource(len);
        assert_eq!(
            analyze(&resource, &Options::default()).decision(),
            Some(Decision::ImplicitDeny)
        );
        group.bench_with_input(BenchmarkId::new("resource", len), &resource, |b, s| {
            b.iter(|| analyze(black_box(s), &Options::default()))
        });
        let action = pathological_action(len);
        assert_eq!(
            analyze(&action, &Options::default()).decision(),
            Some(Decision::ImplicitDeny)
        );
        group.bench_with_input(BenchmarkId::new("action", len), &action, |b, s| {
            b.iter(|| analyze(black_box(s), &Options::default()))
        });
    }
    group.finish();

    // A workspace's requests (BENCHMARKS.md, "Workspaces"): the playground's keystroke runs every
    // request; a runner lowers each of the 20 documents once for the 20 requests.
    let workspace = iam_core::parse_workspace(&keystroke_workspace()).expect("workspace");
    let mut group = c.benchmark_group("workspace_20_requests_200_statements");
    group.bench_function("each_request_alone", |b| {
        b.iter(|| {
            (0..workspace.requests.len())
                .filter_map(|i| workspace.run(i, None))
                .count()
        })
    });
    group.bench_function("one_runner", |b| {
        b.iter(|| {
            let mut runner = workspace.runner();
            (0..workspace.requests.len())
                .filter_map(|i| runner.run(i, None))
                .count()
        })
    });
    group.finish();

    let text = policy_6kb();
    assert!(
        (5_500..=6_200).contains(&text.len()),
        "policy is {} bytes",
        text.len()
    );
    let mut group = c.benchmark_group("lint_only");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("lint_policy_6kb", |b| {
        b.iter(|| lint_policy(black_box(&text), PolicyType::Identity))
    });
    group.finish();
}

/// The workspace of `tests/e2e/bench-workspace.mjs`: 20 managed policies × 10 statements attached
/// to one user, 20 requests with `expect`.
fn keystroke_workspace() -> String {
    let services = [
        "ec2", "dynamodb", "lambda", "sqs", "kms", "iam", "sns", "logs", "s3", "rds",
    ];
    let service = |i: usize| services.get(i % services.len()).copied().unwrap_or("s3");
    let mut policies = Vec::new();
    for p in 1..=20 {
        let mut statements: Vec<String> = (1..=10)
            .map(|s| {
                let sv = service(p + s);
                format!(
                    r#"{{"Sid": "P{p}S{s}", "Effect": "Allow", "Action": ["{sv}:Get*", "{sv}:List*"], "Resource": "*"}}"#
                )
            })
            .collect();
        if p == 10 {
            statements[9] = r#"{"Sid": "NoDeleteX", "Effect": "Deny", "Action": "s3:DeleteObjectX", "Resource": "*"}"#.to_string();
        }
        policies.push(format!(
            r#"{{"name": "Policy{p}", "document": {{"Version": "2012-10-17", "Statement": [{}]}}}}"#,
            statements.join(", ")
        ));
    }
    let names: Vec<String> = (1..=20).map(|p| format!("\"Policy{p}\"")).collect();
    let mut requests: Vec<String> = (1..=19)
        .map(|r| {
            format!(
                r#"{{"name": "r{r}", "principal": "arn:aws:iam::111122223333:user/alice", "action": "{}:GetThing{r}", "resource": "*", "expect": "allowed"}}"#,
                service(r)
            )
        })
        .collect();
    requests.push(r#"{"name": "delete", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::b/k", "expect": "implicitDeny"}"#.to_string());
    format!(
        r#"{{"version": 2, "policies": [{}], "accounts": {{"111122223333": {{"users": {{"alice": {{"policies": [{}]}}}}}}}}, "requests": [{}]}}"#,
        policies.join(", "),
        names.join(", "),
        requests.join(", ")
    )
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = evaluate;
    config = config();
    targets = benches
}
criterion_main!(evaluate);
