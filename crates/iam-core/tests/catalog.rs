#![allow(clippy::disallowed_methods)] // one test reads the corpus files; the library does no IO
//! The service catalog in iam-core, against the real data (`data/catalog.json`): the analysis with a
//! catalog, wildcard expansion, the access matrix and the policy summary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::sync::OnceLock;

use iam_core::{
    analyze, parse_scenario, tools::access_matrix, tools::expand_action,
    tools::matrix_row_evaluation, tools::policy_summary, tools::Access, tools::AccessLevel,
    Catalog, Code, Decision, Options, PolicyType,
};

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_json(include_str!("../../../data/catalog.json")).expect("data/catalog.json")
    })
}

/// Allows `s3:Get*` on a bucket's objects, denies `s3:GetObjectAcl` everywhere.
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
fn expand_action_lists_full_names() {
    let names = expand_action(catalog(), "s3:Get*");
    assert_eq!(names.len(), 63);
    assert!(names.contains(&"s3:GetObject".to_string()));
    assert!(expand_action(catalog(), "s3:Gett*").is_empty());
}

#[test]
fn matrix_over_s3() {
    let scenario = parse_scenario(GETS).unwrap();
    let matrix = access_matrix(&scenario, catalog(), &["s3"], None);
    assert!(matrix.diagnostics.is_empty(), "{:?}", matrix.diagnostics);
    assert_eq!(matrix.resource, "arn:aws:s3:::photos/cat.jpg");
    assert_eq!(matrix.total, 180);
    // Of the 63 `s3:Get*` actions, the 16 that take an object are asked about the object; less
    // `s3:GetObjectAcl`. The others are asked about the bucket, `*`, or are not applicable.
    assert_eq!(matrix.allowed, 15);
    assert_eq!(matrix.not_applicable, 59);
    let s3 = &matrix.services[0];
    let levels: Vec<AccessLevel> = s3.groups.iter().map(|g| g.access_level).collect();
    assert_eq!(
        levels,
        AccessLevel::ALL.to_vec(),
        "grouped in the console's order"
    );
    let read = s3
        .groups
        .iter()
        .find(|g| g.access_level == AccessLevel::Read)
        .unwrap();
    assert_eq!(
        (read.allowed, read.not_applicable, read.rows.len()),
        (15, 23, 66)
    );
    let row = |name: &str| read.rows.iter().find(|r| r.action == name).unwrap();
    assert_eq!(row("s3:GetObject").decision, Some(Decision::Allowed));
    assert_eq!(row("s3:GetObject").determining, ["Reader/Gets"]);
    assert_eq!(
        row("s3:GetObject").resource.as_deref(),
        Some("arn:aws:s3:::photos/cat.jpg")
    );
    assert_eq!(
        row("s3:GetObjectAcl").decision,
        Some(Decision::ExplicitDeny)
    );
    assert_eq!(row("s3:GetObjectAcl").determining, ["Reader/NoAcl"]);
    // A bucket action is asked about the bucket, which `photos/*` does not cover.
    assert_eq!(
        row("s3:GetBucketPolicy").decision,
        Some(Decision::ImplicitDeny)
    );
    assert_eq!(
        row("s3:GetBucketPolicy").resource.as_deref(),
        Some("arn:aws:s3:::photos")
    );
    // An access point's ARN cannot be built from an object's.
    assert_eq!(row("s3:GetAccessPointPolicy").decision, None);
    assert_eq!(row("s3:GetAccessPointPolicy").resource, None);
    let put = s3
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .find(|r| r.action == "s3:PutObject")
        .unwrap();
    assert_eq!(put.decision, Some(Decision::ImplicitDeny));
    assert!(put.determining.is_empty());

    // A row's full reasoning is the scenario with that action, on the row's resource.
    let report = matrix_row_evaluation(&scenario, catalog(), "s3:GetObjectAcl", None).unwrap();
    let evaluation = report.evaluation.unwrap();
    assert_eq!(evaluation.decision, Decision::ExplicitDeny);
    assert_eq!(evaluation.determining[0].label(), "Reader/NoAcl");

    // Another resource: nothing of the bucket policy's prefix matches.
    let other = access_matrix(
        &scenario,
        catalog(),
        &["s3", "S3"],
        Some("arn:aws:s3:::other/x"),
    );
    assert_eq!(
        other.services.len(),
        1,
        "a service asked for twice is evaluated once"
    );
    assert_eq!(other.allowed, 0);
    assert_eq!(other.resource, "arn:aws:s3:::other/x");

    // `*` is asked about as is: every row is evaluated.
    let star = access_matrix(&scenario, catalog(), &["s3"], Some("*"));
    assert_eq!((star.allowed, star.not_applicable, star.total), (0, 0, 180));
}

/// `s3:*` on a bucket's objects: each action is asked about the resource AWS would evaluate it
/// against (issue 9, item 10).
#[test]
fn matrix_asks_each_action_about_its_own_resource() {
    let scenario = parse_scenario(
        r#"{
  "request": { "principal": "arn:aws:iam::111122223333:user/student", "action": "s3:GetObject",
               "resource": "arn:aws:s3:::course-bucket/week1/notes.pdf" },
  "policies": [
    { "name": "Course", "type": "identity", "document": {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "Objects", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::course-bucket/*" }
      ] } }
  ]
}"#,
    )
    .unwrap();
    let matrix = access_matrix(&scenario, catalog(), &["s3"], None);
    let rows: Vec<&iam_core::tools::MatrixRow> = matrix
        .services
        .iter()
        .flat_map(|s| s.groups.iter().flat_map(|g| g.rows.iter()))
        .collect();
    let row = |name: &str| *rows.iter().find(|r| r.action == name).unwrap();
    let object = "arn:aws:s3:::course-bucket/week1/notes.pdf";

    // No resource type: evaluated against `*`, which `course-bucket/*` does not grant.
    let all = row("s3:ListAllMyBuckets");
    assert_eq!(all.resource.as_deref(), Some("*"));
    assert_eq!(all.decision, Some(Decision::ImplicitDeny));
    // A bucket action: on the bucket.
    let list = row("s3:ListBucket");
    assert_eq!(list.resource.as_deref(), Some("arn:aws:s3:::course-bucket"));
    assert_eq!(list.decision, Some(Decision::ImplicitDeny));
    // An object action: on the object.
    let get = row("s3:GetObject");
    assert_eq!(get.resource.as_deref(), Some(object));
    assert_eq!(get.decision, Some(Decision::Allowed));
    assert_eq!(get.determining, ["Course/Objects"]);
    // Not applicable: an access point's ARN cannot be built from an object's.
    let ap = row("s3:GetAccessPointPolicy");
    assert_eq!((ap.decision, ap.resource.as_deref()), (None, None));

    // Honest counts: allowed rows are those on the object; not applicable rows are neither
    // allowed nor denied.
    let allowed = rows
        .iter()
        .filter(|r| r.decision == Some(Decision::Allowed))
        .count();
    let not_applicable = rows.iter().filter(|r| r.decision.is_none()).count();
    assert_eq!(matrix.allowed, allowed);
    assert_eq!(matrix.not_applicable, not_applicable);
    assert_eq!(matrix.total, 180);
    assert!(allowed < 180 && not_applicable > 0);
    assert!(rows
        .iter()
        .filter(|r| r.decision == Some(Decision::Allowed))
        .all(|r| r.resource.as_deref() == Some(object)));
    let sum = |f: fn(&iam_core::tools::MatrixGroup) -> usize| -> usize {
        matrix.services[0].groups.iter().map(f).sum()
    };
    assert_eq!(sum(|g| g.allowed), matrix.allowed);
    assert_eq!(sum(|g| g.not_applicable), matrix.not_applicable);

    // A row's full reasoning uses the same resource.
    for (action, decision) in [
        ("s3:ListAllMyBuckets", Decision::ImplicitDeny),
        ("s3:ListBucket", Decision::ImplicitDeny),
        ("s3:GetObject", Decision::Allowed),
    ] {
        let report = matrix_row_evaluation(&scenario, catalog(), action, None).unwrap();
        assert_eq!(report.decision(), Some(decision), "{action}");
    }
    assert!(
        matrix_row_evaluation(&scenario, catalog(), "s3:GetAccessPointPolicy", None).is_none(),
        "not applicable: no reasoning"
    );
    // Granting the bucket too allows ListBucket, on the bucket.
    let mut both = scenario.clone();
    both.policies[0].document = both.policies[0].document.replace(
        r#""arn:aws:s3:::course-bucket/*""#,
        r#"["arn:aws:s3:::course-bucket", "arn:aws:s3:::course-bucket/*"]"#,
    );
    let matrix = access_matrix(&both, catalog(), &["s3"], None);
    let list = matrix
        .services
        .iter()
        .flat_map(|s| s.groups.iter().flat_map(|g| g.rows.iter()))
        .find(|r| r.action == "s3:ListBucket")
        .unwrap();
    assert_eq!(list.decision, Some(Decision::Allowed));
    assert_eq!(
        matrix_row_evaluation(&both, catalog(), "s3:ListBucket", None)
            .unwrap()
            .decision(),
        Some(Decision::Allowed)
    );
}

#[test]
fn matrix_reports_unknown_services_and_bad_requests() {
    let scenario = parse_scenario(GETS).unwrap();
    let matrix = access_matrix(&scenario, catalog(), &["s3", "nope"], None);
    assert_eq!(matrix.unknown_services, ["nope"]);
    assert_eq!(matrix.total, 180);
    let bad = access_matrix(&scenario, catalog(), &["s3"], Some("not-an-arn"));
    assert!(bad.services.is_empty());
    assert_eq!(bad.diagnostics[0].code, Code::INVALID_REQUEST_RESOURCE);
}

#[test]
fn analyze_with_catalog_adds_diagnostics_only() {
    let text = GETS.replace("\"s3:Get*\"", "\"s3:Gett*\"").replace(
        "\"Resource\": \"*\"",
        "\"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:table/t\"",
    );
    let scenario = parse_scenario(&text).unwrap();
    let plain = analyze(&scenario, &Options::default());
    let with = analyze(
        &scenario,
        &Options {
            catalog: Some(catalog()),
            ..Options::default()
        },
    );
    assert_eq!(
        serde_json::to_value(&plain.evaluation).unwrap(),
        serde_json::to_value(&with.evaluation).unwrap(),
        "the catalog does not change the evaluation"
    );
    let codes: Vec<&str> = with.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        codes.contains(&"ACTION_PATTERN_MATCHES_NOTHING"),
        "{codes:?}"
    );
    assert!(codes.contains(&"RESOURCE_SERVICE_MISMATCH"), "{codes:?}");
    let d = with
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ACTION_PATTERN_MATCHES_NOTHING)
        .unwrap();
    assert_eq!(d.policy, Some(0));
    assert_eq!(d.path, "Statement[0].Action");
    assert!(d.start.is_some());
    assert!(plain
        .diagnostics
        .iter()
        .all(|d| d.code != Code::ACTION_PATTERN_MATCHES_NOTHING));
    assert_eq!(
        analyze(
            &scenario,
            &Options {
                catalog: None,
                ..Options::default()
            }
        )
        .diagnostics,
        plain.diagnostics
    );
}

fn level<'a>(
    summary: &'a iam_core::tools::Summary,
    service: &str,
    level: AccessLevel,
) -> &'a iam_core::tools::LevelSummary {
    let s = summary
        .services
        .iter()
        .find(|s| s.prefix == service)
        .unwrap_or_else(|| panic!("no {service}"));
    s.levels.iter().find(|l| l.access_level == level).unwrap()
}

#[test]
fn summary_limited_and_full() {
    let policy = r#"{
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::photos/*" },
        { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos" },
        { "Effect": "Allow", "Action": "iam:*", "Resource": "*" },
        { "Effect": "Allow", "Action": ["ec2:DescribeInstances"], "Resource": "arn:aws:s3:::photos/*" },
        { "Effect": "Allow", "Action": "s3:Gett*", "Resource": "*" }
      ]
    }"#;
    let summary = policy_summary(policy, PolicyType::Identity, catalog());
    assert!(summary.parsed);
    assert_eq!(summary.unknown_actions, ["s3:Gett*"]);
    let prefixes: Vec<&str> = summary.services.iter().map(|s| s.prefix.as_str()).collect();
    assert_eq!(prefixes, ["ec2", "iam", "s3"]);

    // 63 `s3:Get*` actions; `arn:aws:s3:::photos/*` names S3 objects only, so it grants the 16
    // that take an object — not those on a bucket (`s3:GetBucketPolicy` is asked about
    // `arn:aws:s3:::photos`), on `*` or on access points: the matrix's rule.
    let read = level(&summary, "s3", AccessLevel::Read);
    assert_eq!(
        (read.access, read.allowed, read.total),
        (Access::Limited, 16, 66)
    );
    assert_eq!(read.resources, ["arn:aws:s3:::photos/*"]);
    assert!(!read.conditional);
    assert_eq!(read.actions.len(), 16);
    assert!(read.actions.iter().all(|a| a.starts_with("s3:GetObject")));
    for not in ["s3:GetAccountPublicAccessBlock", "s3:GetBucketPolicy"] {
        assert!(!read.actions.iter().any(|a| a == not), "{not}");
    }
    let list = level(&summary, "s3", AccessLevel::List);
    assert_eq!(
        (list.access, list.allowed, list.total),
        (Access::Limited, 1, 18)
    );
    assert_eq!(list.actions, ["s3:ListBucket"]);
    assert_eq!(list.resources, ["arn:aws:s3:::photos"]);
    assert_eq!(
        level(&summary, "s3", AccessLevel::Write).access,
        Access::None
    );

    let iam = summary.services.iter().find(|s| s.prefix == "iam").unwrap();
    assert_eq!(iam.access, Access::Full);
    assert!(iam
        .levels
        .iter()
        .all(|l| l.access == Access::Full && l.resources == ["*"]));

    // `ec2:DescribeInstances` takes no resource type: an S3 ARN grants it nothing.
    let ec2 = summary.services.iter().find(|s| s.prefix == "ec2").unwrap();
    assert_eq!(ec2.access, Access::None);
}

#[test]
fn summary_denies_and_conditions() {
    let policy = r#"{
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:*", "Resource": "*" },
        { "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*" },
        { "Effect": "Deny", "Action": "s3:*", "Resource": "*",
          "Condition": { "Bool": { "aws:SecureTransport": "false" } } },
        { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
          "Condition": { "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } } }
      ]
    }"#;
    let summary = policy_summary(policy, PolicyType::Identity, catalog());
    let write = level(&summary, "s3", AccessLevel::Write);
    assert_eq!(
        (write.access, write.allowed, write.total),
        (Access::Limited, 45, 57),
        "12 `s3:Delete*` actions denied"
    );
    assert!(!write.actions.iter().any(|a| a.starts_with("s3:Delete")));
    assert_eq!(
        level(&summary, "s3", AccessLevel::Read).access,
        Access::Full,
        "a conditional Deny is left out"
    );
    let send = level(&summary, "sqs", AccessLevel::Write);
    assert_eq!(send.allowed, 1);
    assert!(send.conditional);
}

#[test]
fn summary_of_not_action_and_non_policies() {
    let policy = r#"{
      "Version": "2012-10-17",
      "Statement": [ { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" } ]
    }"#;
    let summary = policy_summary(policy, PolicyType::Identity, catalog());
    assert!(summary.services.len() > 400, "every service but IAM");
    assert!(summary.services.iter().all(|s| s.prefix != "iam"));
    assert!(summary.services.iter().all(|s| s.access == Access::Full));
    let not_json = policy_summary("nope", PolicyType::Identity, catalog());
    assert!(!not_json.parsed && not_json.services.is_empty());
}

/// docs/decisions.md A20: with the catalog, RCPs apply only to services that support them.
#[test]
fn rcps_apply_only_to_supported_services_with_the_catalog() {
    let scenario = |action: &str, resource: &str| {
        parse_scenario(&format!(
            r#"{{
  "request": {{ "principal": "arn:aws:iam::111122223333:user/alice", "action": "{action}", "resource": "{resource}" }},
  "policies": [
    {{ "name": "Admin", "type": "identity", "document": {{ "Version": "2012-10-17",
       "Statement": [{{ "Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*" }}] }} }},
    {{ "name": "DenyAll", "type": "rcp", "target": "r-root", "document": {{ "Version": "2012-10-17",
       "Statement": [{{ "Sid": "Deny", "Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*" }}] }} }}
  ]
}}"#
        ))
        .unwrap()
    };
    assert!(catalog().supports_rcp("s3") && !catalog().supports_rcp("ec2"));
    let ec2 = scenario(
        "ec2:RunInstances",
        "arn:aws:ec2:us-east-1:111122223333:instance/*",
    );
    let s3 = scenario("s3:GetObject", "arn:aws:s3:::bucket/key");

    // Without the catalog the RCP applies to every service, and the trace says that is a choice.
    let plain = analyze(&ec2, &Options::default()).evaluation.unwrap();
    assert_eq!(plain.decision, Decision::ExplicitDeny);
    assert!(plain.notes.iter().any(|n| n.id.as_str() == "A20"));

    // With it, EC2 is not an RCP service: the RCP does not apply.
    let with = analyze(
        &ec2,
        &Options {
            catalog: Some(catalog()),
            ..Options::default()
        },
    )
    .evaluation
    .unwrap();
    assert_eq!(with.decision, Decision::Allowed);
    assert!(with.notes.iter().all(|n| n.id.as_str() != "A20"));
    assert!(with.stages.iter().any(|s| matches!(
        s.reason,
        iam_core::trace::StageReason::OrgNotApplicable {
            exemption: iam_core::trace::OrgExemption::ServiceNotSupported
        }
    )));

    // S3 supports RCPs: the Deny applies either way.
    assert_eq!(
        analyze(
            &s3,
            &Options {
                catalog: Some(catalog()),
                ..Options::default()
            }
        )
        .evaluation
        .unwrap()
        .decision,
        Decision::ExplicitDeny
    );

    // The playground evaluates with only the list (its catalog lives in a worker): same trace.
    let list: Vec<String> = catalog().rcp_services.clone();
    for s in [&ec2, &s3] {
        let by_list = iam_core::analyze(
            s,
            &iam_core::Options {
                rcp_services: Some(&list),
                ..iam_core::Options::default()
            },
        );
        let by_catalog = analyze(
            s,
            &Options {
                catalog: Some(catalog()),
                ..Options::default()
            },
        );
        assert_eq!(
            serde_json::to_string(&by_list.evaluation).unwrap(),
            serde_json::to_string(&by_catalog.evaluation).unwrap()
        );
    }
    // The matrix and a row's reasoning apply the RCP the same way.
    let matrix = access_matrix(&ec2, catalog(), &["ec2", "s3"], Some("*"));
    let decision = |action: &str| {
        matrix
            .services
            .iter()
            .flat_map(|s| s.groups.iter().flat_map(|g| g.rows.iter()))
            .find(|r| r.action == action)
            .map(|r| r.decision)
    };
    assert_eq!(decision("ec2:RunInstances"), Some(Some(Decision::Allowed)));
    assert_eq!(decision("s3:GetObject"), Some(Some(Decision::ExplicitDeny)));
    for (action, expected) in [
        ("ec2:RunInstances", Decision::Allowed),
        ("s3:GetObject", Decision::ExplicitDeny),
    ] {
        let row = matrix_row_evaluation(&ec2, catalog(), action, Some("*")).unwrap();
        assert_eq!(row.evaluation.unwrap().decision, expected, "{action}");
    }

    // An upper-case list works too.
    let upper: Vec<String> = list.iter().map(|s| s.to_ascii_uppercase()).collect();
    assert_eq!(
        iam_core::analyze(
            &ec2,
            &iam_core::Options {
                rcp_services: Some(&upper),
                ..iam_core::Options::default()
            }
        )
        .evaluation
        .unwrap()
        .decision,
        Decision::Allowed
    );
}

/// The summary and the matrix apply the same rule: a policy granting `s3:*` on a bucket's objects
/// grants exactly the actions the matrix allows on one of its objects.
#[test]
fn summary_and_matrix_agree_on_resources() {
    let document = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::course-bucket/*"}]}"#;
    let summary = policy_summary(document, PolicyType::Identity, catalog());
    let s3 = summary.services.iter().find(|s| s.prefix == "s3").unwrap();
    let mut granted: Vec<String> = s3
        .levels
        .iter()
        .flat_map(|l| l.actions.iter().cloned())
        .collect();
    assert!(s3.levels.iter().all(|l| l.access != Access::Full));
    granted.sort();

    let scenario = parse_scenario(&format!(
        r#"{{"request": {{"principal": "arn:aws:iam::111122223333:user/student", "action": "s3:GetObject",
              "resource": "arn:aws:s3:::course-bucket/week1/notes.pdf"}},
            "policies": [{{"name": "P", "type": "identity", "document": {document}}}]}}"#
    ))
    .unwrap();
    let matrix = access_matrix(&scenario, catalog(), &["s3"], None);
    let mut allowed: Vec<String> = matrix.services[0]
        .groups
        .iter()
        .flat_map(|g| g.rows.iter())
        .filter(|r| r.decision == Some(Decision::Allowed))
        .map(|r| r.action.clone())
        .collect();
    allowed.sort();
    assert_eq!(granted, allowed);
    assert!(!granted
        .iter()
        .any(|a| a == "s3:ListBucket" || a == "s3:ListAllMyBuckets"));
    assert!(granted.iter().any(|a| a == "s3:GetObject"));
}

/// `catalog_findings` (one lowering per policy, no evaluation: what the playground's catalog worker
/// computes) gives exactly what the catalog adds to `analyze`, on every corpus case.
#[test]
fn catalog_findings_are_what_the_catalog_adds_to_the_analysis() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/eval");
    let mut compared = 0;
    let mut with_findings = 0;
    for entry in std::fs::read_dir(dir).expect("corpus") {
        let path = entry.expect("entry").path();
        let corpus: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        for case in corpus["cases"].as_array().expect("cases") {
            let Ok(scenario) = iam_core::parse_scenario(&case["scenario"].to_string()) else {
                continue;
            };
            let plain = iam_core::analyze(&scenario, &iam_core::Options::default()).diagnostics;
            let added: Vec<iam_core::Diagnostic> = iam_core::analyze(
                &scenario,
                &iam_core::Options {
                    catalog: Some(catalog()),
                    ..iam_core::Options::default()
                },
            )
            .diagnostics
            .into_iter()
            .filter(|d| {
                !plain
                    .iter()
                    .any(|p| p.code == d.code && p.span == d.span && p.policy == d.policy)
            })
            .collect();
            let findings = iam_core::tools::catalog_findings(&scenario, catalog());
            assert_eq!(findings.diagnostics, added, "{}", case["name"]);
            compared += 1;
            with_findings += usize::from(!added.is_empty());
        }
    }
    assert!(
        compared > 700 && with_findings >= 5,
        "{compared} cases, {with_findings} with findings"
    );
}

/// Each "did you mean" comes with a quick fix: an edit of the misspelled string's text (without its
/// quotes) that, once made, leaves no finding of that code.
#[test]
fn did_you_mean_findings_carry_a_fix_that_resolves_them() {
    let policy = r#"{
  "Version": "2012-10-17",
  "Statement": [{
    "Efect": "Allow",
    "Principal": {"AWZ": "arn:aws:iam::111122223333:root"},
    "Action": ["s3:GetObjcet", "s4:PutObject"],
    "Resource": "*",
    "Condition": {"StringEqual": {"aws:SourceIpp": "x", "s3:prefixx": "y"}}
  }]
}"#;
    let lint = |text: &str| {
        iam_core::tools::lint_policy_with_options(
            text,
            PolicyType::Resource,
            iam_core::policy::LintOptions::default(),
            Some(catalog()),
        )
    };
    let found = lint(policy);
    let fixes: Vec<(Code, &str, &str)> = found
        .iter()
        .filter_map(|d| {
            d.fix.as_ref().map(|f| {
                (
                    d.code,
                    &policy[f.span.start as usize..f.span.end as usize],
                    f.replacement.as_str(),
                )
            })
        })
        .collect();
    for wanted in [
        (Code::INVALID_POLICY_ELEMENT, "Efect", "Effect"),
        (Code::INVALID_PRINCIPAL_KEY, "AWZ", "AWS"),
        (Code::INVALID_ACTION, "s3:GetObjcet", "s3:GetObject"),
    ] {
        assert!(fixes.contains(&wanted), "{wanted:?} in {fixes:?}");
    }
    assert!(
        fixes
            .iter()
            .any(|(c, from, to)| *c == Code::INVALID_CONDITION_OPERATOR
                && *from == "StringEqual"
                && to.starts_with("String")),
        "{fixes:?}"
    );
    // Make every edit (from the end, so that spans stay valid): those findings are gone.
    let mut fixed = policy.to_string();
    let mut edits: Vec<_> = found.iter().filter_map(|d| d.fix.clone()).collect();
    edits.sort_by_key(|f| std::cmp::Reverse(f.span.start));
    for f in &edits {
        fixed.replace_range(f.span.start as usize..f.span.end as usize, &f.replacement);
    }
    let after = lint(&fixed);
    for code in [
        Code::INVALID_POLICY_ELEMENT,
        Code::INVALID_PRINCIPAL_KEY,
        Code::INVALID_ACTION,
    ] {
        assert!(
            !after.iter().any(|d| d.code == code),
            "{code:?} after the fixes: {fixed}"
        );
    }
}
