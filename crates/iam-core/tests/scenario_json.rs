//! `Scenario::to_json` writes what serde_json's pretty printer wrote before the core had its own
//! writer (`iam_core::json_out`): share links, exports and saved work keep their exact text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code: a failure is the point"
)]
#![allow(clippy::disallowed_methods)] // the test reads the corpus files; the library does no IO

use iam_core::{
    parse_scenario, request::ContextValue, scenario::Organization, scenario::PublicAccessBlock,
    Scenario,
};

const EXAMPLE: &str = include_str!("../../../examples/s3-read-photos.json");

/// What serde_json writes for a scenario (the writer `to_json` used before `json_out`): the
/// oracle for the format.
fn serde_oracle(s: &Scenario) -> String {
    let mut request = serde_json::Map::new();
    request.insert("principal".into(), s.request.principal.clone().into());
    request.insert("action".into(), s.request.action.clone().into());
    request.insert("resource".into(), s.request.resource.clone().into());
    if let Some(a) = &s.request.resource_account {
        request.insert("resourceAccount".into(), a.clone().into());
    }
    let mut context = serde_json::Map::new();
    for (k, v) in &s.request.context {
        let value: serde_json::Value = match v {
            ContextValue::Single(x) => x.clone().into(),
            ContextValue::Multi(xs) => xs.clone().into(),
        };
        context.insert(k.clone(), value);
    }
    if !context.is_empty() {
        request.insert("context".into(), context.into());
    }
    let policies: Vec<serde_json::Value> = s
        .policies
        .iter()
        .map(|p| {
            let mut m = serde_json::Map::new();
            m.insert("name".into(), p.name.clone().into());
            m.insert("type".into(), p.policy_type.as_str().into());
            if let Some(t) = &p.target {
                m.insert("target".into(), t.clone().into());
            }
            m.insert("document".into(), p.document.clone().into());
            m.into()
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("request".into(), request.into());
    root.insert("policies".into(), policies.into());
    if let Some(o) = &s.organization {
        let mut org = serde_json::Map::new();
        if let Some(m) = &o.management_account {
            org.insert("managementAccount".into(), m.clone().into());
        }
        let mut accounts = serde_json::Map::new();
        for (a, path) in &o.accounts {
            accounts.insert(a.clone(), path.clone().into());
        }
        org.insert("accounts".into(), accounts.into());
        root.insert("organization".into(), org.into());
    }
    if let Some(bpa) = &s.block_public_access {
        // Each level with the settings that are on, in AWS's order.
        let settings = |b: &PublicAccessBlock| {
            let mut m = serde_json::Map::new();
            for (name, on) in [
                ("blockPublicAcls", b.block_public_acls),
                ("ignorePublicAcls", b.ignore_public_acls),
                ("blockPublicPolicy", b.block_public_policy),
                ("restrictPublicBuckets", b.restrict_public_buckets),
            ] {
                if on {
                    m.insert(name.into(), true.into());
                }
            }
            serde_json::Value::Object(m)
        };
        let mut levels = serde_json::Map::new();
        if let Some(a) = &bpa.account {
            levels.insert("account".into(), settings(a));
        }
        if let Some(b) = &bpa.bucket {
            levels.insert("bucket".into(), settings(b));
        }
        root.insert("blockPublicAccess".into(), levels.into());
    }
    serde_json::to_string_pretty(&serde_json::Value::Object(root)).unwrap()
}

#[test]
fn to_json_writes_what_serde_json_wrote() {
    let mut scenarios = vec![parse_scenario(EXAMPLE).unwrap()];
    // Every scenario of the evaluation corpus.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/eval");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        for case in file["cases"].as_array().unwrap() {
            if let Ok(s) = parse_scenario(&case["scenario"].to_string()) {
                scenarios.push(s);
            }
        }
    }
    assert!(scenarios.len() > 700, "{}", scenarios.len());
    // Escapes, and a context key given twice (a JSON map keeps its first place, last value).
    let mut odd = parse_scenario(EXAMPLE).unwrap();
    odd.request.principal = "tab\there \"quoted\" \u{1} é 🌍".into();
    odd.request.context.push((
        "aws:SourceIp".into(),
        ContextValue::Single("198.51.100.1".into()),
    ));
    odd.organization = Some(Organization {
        management_account: None,
        accounts: vec![],
    });
    scenarios.push(odd);
    for s in &scenarios {
        assert_eq!(s.to_json(), serde_oracle(s));
    }
}
