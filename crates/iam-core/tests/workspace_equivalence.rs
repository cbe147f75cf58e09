#![allow(clippy::disallowed_methods)] // the harness reads the corpus; the library does no IO
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! A v1 scenario and its v2 equivalent give the same decision (issue 10): every evaluation-corpus
//! case whose request is made by an IAM user and whose policies are identity policies, a resource
//! policy, a boundary, SCPs and RCPs (with an explicit organization) is rewritten as a workspace —
//! the identity policies inline in the user, the resource policy on the resource, the boundary a
//! managed policy, the organization as an OU tree — and both are evaluated.

use std::collections::BTreeMap;
use std::path::PathBuf;

use iam_core::{analyze, parse_scenario, parse_workspace, request::Principal, Options};
use serde_json::{json, Map, Value};

/// The workspace equivalent of a v1 scenario, or `None` when the case is outside what the
/// rewriting covers.
fn to_workspace(scenario: &Value) -> Option<Value> {
    let request = &scenario["request"];
    let principal = request["principal"].as_str()?;
    let Ok(Principal::User {
        account,
        name,
        path,
        ..
    }) = Principal::parse(principal)
    else {
        return None;
    };
    let mut user = Map::new();
    let mut inline = Map::new();
    let mut managed = Vec::new();
    let mut resource_policy = None;
    let mut scps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut rcps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in scenario["policies"].as_array()? {
        let pname = p["name"].as_str()?;
        let document = p["document"].clone();
        match p["type"].as_str()? {
            "identity" => {
                inline.insert(pname.to_string(), document);
            }
            "resource" => resource_policy = Some(document),
            "permissionsBoundary" => {
                managed.push(json!({ "name": pname, "document": document }));
                user.insert("boundary".into(), json!(pname));
            }
            kind @ ("scp" | "rcp") => {
                let managed_name = format!("{kind}-{pname}");
                if !managed
                    .iter()
                    .any(|m: &Value| m["name"] == managed_name.as_str())
                {
                    managed.push(json!({ "name": managed_name, "document": document }));
                }
                let target = p["target"].as_str()?.to_string();
                let map = if kind == "scp" { &mut scps } else { &mut rcps };
                map.entry(target)
                    .or_default()
                    .push(format!("{kind}-{pname}"));
            }
            _ => return None,
        }
    }
    if !inline.is_empty() {
        user.insert("inline".into(), Value::Object(inline));
    }
    if path != "/" {
        user.insert("path".into(), json!(path));
    }
    let mut accounts = Map::new();
    accounts.insert(
        account.clone(),
        json!({ "users": { name: Value::Object(user) } }),
    );
    let resource = request["resource"].as_str()?;
    // The resource's account: as v1 reads it.
    let owner = request["resourceAccount"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            resource
                .split(':')
                .nth(4)
                .filter(|a| a.len() == 12)
                .map(str::to_string)
        })
        .unwrap_or_else(|| account.clone());
    if let Some(policy) = resource_policy {
        let entry = accounts.entry(owner.clone()).or_insert_with(|| json!({}));
        entry["resources"] = json!({ resource: { "policy": policy } });
    }
    // S3 Block Public Access: the account's settings on the owner, the bucket's on the bucket.
    if let Some(bpa) = scenario.get("blockPublicAccess") {
        let entry = accounts.entry(owner).or_insert_with(|| json!({}));
        if let Some(settings) = bpa.get("account") {
            entry["blockPublicAccess"] = settings.clone();
        }
        if let Some(settings) = bpa.get("bucket") {
            let path = resource.strip_prefix("arn:aws:s3:::")?;
            let bucket = format!("arn:aws:s3:::{}", path.split('/').next()?);
            if entry.get("resources").is_none() {
                entry["resources"] = json!({});
            }
            let resources = entry["resources"].as_object_mut()?;
            let slot = resources.entry(bucket).or_insert_with(|| json!({}));
            slot["blockPublicAccess"] = settings.clone();
        }
    }
    let mut workspace = json!({
        "version": 2,
        "policies": managed,
        "accounts": accounts,
        "requests": [ request.clone() ],
    });
    if !scps.is_empty() || !rcps.is_empty() || scenario.get("organization").is_some() {
        let org = scenario.get("organization")?;
        let mut ous: BTreeMap<String, String> = BTreeMap::new();
        let mut members = Map::new();
        for (acct, path) in org["accounts"].as_object()? {
            let path: Vec<&str> = path.as_array()?.iter().filter_map(Value::as_str).collect();
            let (first, rest) = path.split_first()?;
            if !first.starts_with("r-") {
                return None;
            }
            let mut parent = first.to_string();
            for ou in rest {
                if let Some(existing) = ous.insert(ou.to_string(), parent.clone()) {
                    if existing != parent {
                        return None; // the same OU under two parents: not a tree
                    }
                }
                parent = ou.to_string();
            }
            members.insert(acct.clone(), json!(parent));
        }
        let nodes_known =
            |node: &String| node.starts_with("r-") || ous.contains_key(node) || node.len() == 12;
        if !scps.keys().chain(rcps.keys()).all(nodes_known) {
            return None;
        }
        let mut o = json!({
            "ous": ous.iter().map(|(ou, parent)| (ou.clone(), json!({ "parent": parent }))).collect::<Map<_, _>>(),
            "accounts": members,
            "scps": scps,
            "rcps": rcps,
        });
        if let Some(m) = org.get("managementAccount") {
            o["managementAccount"] = m.clone();
        }
        workspace["organization"] = o;
    }
    Some(workspace)
}

#[test]
fn a_v1_scenario_and_its_workspace_decide_alike() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/eval");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut compared, mut failures) = (0, Vec::new());
    for file in &files {
        let corpus: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in corpus["cases"].as_array().unwrap() {
            let scenario = &case["scenario"];
            let Ok(v1) = parse_scenario(&scenario.to_string()) else {
                continue;
            };
            let Some(workspace) = to_workspace(scenario) else {
                continue;
            };
            let workspace = match parse_workspace(&workspace.to_string()) {
                Ok(w) => w,
                Err(e) => {
                    failures.push(format!(
                        "{}: the workspace does not read: {e:?}",
                        case["name"]
                    ));
                    continue;
                }
            };
            let run = workspace.run(0, None).unwrap();
            let v1_decision = analyze(&v1, &Options::default()).decision();
            compared += 1;
            if run.decision != v1_decision {
                failures.push(format!(
                    "{}: v1 {v1_decision:?}, v2 {:?}",
                    case["name"], run.decision
                ));
            }
        }
    }
    assert!(compared >= 300, "only {compared} cases could be rewritten");
    assert!(
        failures.is_empty(),
        "{} of {compared}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
