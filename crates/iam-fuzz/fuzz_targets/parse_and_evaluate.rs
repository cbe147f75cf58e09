//! Law: neither `parse_scenario` nor `analyze` (nor `lint_policy`, `explain`) panics,
//! whatever the bytes.
//!
//! The input is used twice: as a whole scenario file (UTF-8, lossily decoded), and as a policy
//! document of each of the six types in a fixed scenario. The first byte picks the requester of
//! that fixed scenario, so identity-less, root and session principals are all reached.
#![no_main]

use iam_core::{
    analyze, explain, lint_policy, parse_scenario, request::RequestInput, scenario::PolicyInput,
    Options, PolicyType, Report, Scenario,
};
use libfuzzer_sys::fuzz_target;

const PRINCIPALS: [&str; 7] = [
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:sts::111122223333:assumed-role/Admin/session1",
    "arn:aws:iam::111122223333:role/Admin",
    "arn:aws:iam::111122223333:root",
    "arn:aws:sts::111122223333:federated-user/bob",
    "s3.amazonaws.com",
    "*",
];

fn exercise(report: &Report) {
    if let Some(evaluation) = &report.evaluation {
        let _ = explain(evaluation).steps();
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    // 1. The bytes as a scenario file.
    if let Ok(scenario) = parse_scenario(&text) {
        exercise(&analyze(&scenario, &Options::default()));
    }

    // 2. The bytes as a policy document of every type, in a fixed scenario.
    let principal = PRINCIPALS[usize::from(data.first().copied().unwrap_or(0)) % PRINCIPALS.len()];
    for policy_type in PolicyType::ALL {
        let _ = lint_policy(&text, policy_type);
        let target =
            matches!(policy_type, PolicyType::Scp | PolicyType::Rcp).then(|| "r-root".to_string());
        let scenario = Scenario {
            request: RequestInput {
                principal: principal.to_string(),
                action: "s3:GetObject".to_string(),
                resource: "arn:aws:s3:::photos/alice/cat.jpg".to_string(),
                resource_account: Some("111122223333".to_string()),
                spans: Default::default(),
                context: vec![
                    (
                        "aws:SourceIp".to_string(),
                        iam_core::request::ContextValue::Single("203.0.113.5".to_string()),
                    ),
                    (
                        "aws:CurrentTime".to_string(),
                        iam_core::request::ContextValue::Single("2025-01-01T12:00:00Z".to_string()),
                    ),
                    (
                        "aws:TagKeys".to_string(),
                        iam_core::request::ContextValue::Multi(vec![
                            "env".to_string(),
                            "team".to_string(),
                        ]),
                    ),
                ],
            },
            policies: vec![PolicyInput {
                name: "Fuzzed".to_string(),
                policy_type,
                target,
                document: text.to_string(),
                file_offset: None,
                origin: None,
                tree: Default::default(),
            }],
            organization: None,
            // Half the inputs also go through S3 Block Public Access (the fuzzed text is then a
            // bucket policy to classify).
            block_public_access: (data.get(1).copied().unwrap_or(0) % 2 == 1).then_some(
                iam_core::scenario::BlockPublicAccess {
                    account: None,
                    bucket: Some(iam_core::scenario::PublicAccessBlock {
                        restrict_public_buckets: true,
                        ..iam_core::scenario::PublicAccessBlock::default()
                    }),
                },
            ),
        };
        exercise(&analyze(&scenario, &Options::default()));
    }
});
