//! Saving the workspace in the browser's local storage, versioned.
//!
//! The saved value is `{"version": 1, "active": …, "policies": […], "request": {…}, "organization": {…}}`
//! under the key [`KEY`]. [`migrate`] brings any older shape up to the current one; the only older
//! shape is "version 0", a bare scenario v1 file (what early builds saved). The pure part here is
//! host-tested; [`load`] and [`save`] touch `window.localStorage` and exist only in the browser.
//!
//! Reading uses `iam-json` (the parser the core already ships in the wasm) rather than serde's
//! deserializer, which would add its own JSON parser to the download.

use iam_core::PolicyType;
use iam_json::Value;

use crate::state::{
    ContextRow, OrgAccount, OrgDraft, PolicyDoc, RequestDraft, Snapshot, ValueKind, Workspace,
};

/// The local-storage key.
pub const KEY: &str = "iamplay";
/// The version [`to_json`] writes for a scenario v1.
pub const VERSION: u32 = 1;
/// The version written while a workspace v2 is open: `{"version": 2, "workspace": "<the workspace
/// as v2 JSON>", "request": <selected request>, "active": <index of the document in the editor>}`,
/// and for an exercise `"start": "<its starting point as v2 JSON>"` (what "Reset" goes back to).
pub const VERSION_WORKSPACE: u32 = 2;

#[derive(Clone, Debug, PartialEq)]
pub struct StoredV1 {
    pub version: u32,
    /// Index of the policy shown in the editor.
    pub active: usize,
    pub policies: Vec<StoredPolicy>,
    pub request: StoredRequest,
    pub organization: StoredOrganization,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredPolicy {
    pub name: String,
    pub policy_type: PolicyType,
    pub target: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredRequest {
    pub principal: String,
    pub action: String,
    pub resource: String,
    pub resource_account: String,
    pub context: Vec<StoredContextRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredContextRow {
    pub key: String,
    pub kind: ValueKind,
    pub value: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredOrganization {
    pub enabled: bool,
    pub management_account: String,
    pub accounts: Vec<StoredAccount>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredAccount {
    pub account: String,
    pub path: String,
}

impl StoredV1 {
    pub fn from_workspace(work: &Workspace) -> StoredV1 {
        StoredV1 {
            version: VERSION,
            active: work.active_index().unwrap_or(0),
            policies: work
                .docs
                .iter()
                .map(|d| StoredPolicy {
                    name: d.name.clone(),
                    policy_type: d.policy_type,
                    target: d.target.clone(),
                    text: d.text.clone(),
                })
                .collect(),
            request: StoredRequest {
                principal: work.request.principal.clone(),
                action: work.request.action.clone(),
                resource: work.request.resource.clone(),
                resource_account: work.request.resource_account.clone(),
                context: work
                    .request
                    .context
                    .iter()
                    .map(|r| StoredContextRow {
                        key: r.key.clone(),
                        kind: r.kind,
                        value: r.value.clone(),
                    })
                    .collect(),
            },
            organization: StoredOrganization {
                enabled: work.organization.enabled,
                management_account: work.organization.management_account.clone(),
                accounts: work
                    .organization
                    .accounts
                    .iter()
                    .map(|a| StoredAccount {
                        account: a.account.clone(),
                        path: a.path.clone(),
                    })
                    .collect(),
            },
        }
    }

    pub fn into_workspace(self) -> Workspace {
        let mut next_id = 1u32;
        let mut fresh = || {
            let id = next_id;
            next_id += 1;
            id
        };
        let docs: Vec<PolicyDoc> = self
            .policies
            .into_iter()
            .map(|p| PolicyDoc {
                id: fresh(),
                name: p.name,
                policy_type: p.policy_type,
                target: p.target,
                text: p.text,
            })
            .collect();
        let request = RequestDraft {
            principal: self.request.principal,
            action: self.request.action,
            resource: self.request.resource,
            resource_account: self.request.resource_account,
            context: self
                .request
                .context
                .into_iter()
                .map(|r| ContextRow {
                    id: fresh(),
                    key: r.key,
                    kind: r.kind,
                    value: r.value,
                })
                .collect(),
        };
        let organization = OrgDraft {
            enabled: self.organization.enabled,
            management_account: self.organization.management_account,
            accounts: self
                .organization
                .accounts
                .into_iter()
                .map(|a| OrgAccount {
                    id: fresh(),
                    account: a.account,
                    path: a.path,
                })
                .collect(),
        };
        let active = docs
            .get(self.active)
            .or(docs.first())
            .map(|d| d.id)
            .unwrap_or(0);
        Workspace {
            docs,
            active,
            request,
            organization,
            next_id,
        }
    }
}

/// The saved text for a workspace (compact JSON, keys in camelCase).
pub fn to_json(work: &Workspace) -> String {
    StoredV1::from_workspace(work).to_json()
}

/// The saved text for what the user is working on: a scenario (version 1) or a workspace (version 2).
pub fn snapshot_to_json(snapshot: &Snapshot) -> String {
    use iam_core::json_out::Json;
    let Some(model) = &snapshot.model else {
        return to_json(&snapshot.work);
    };
    let text = model.ws.to_json();
    let start = model.start.as_ref().map(|s| s.to_json());
    let active = snapshot.work.active_index().unwrap_or(0);
    let mut fields = vec![
        ("version", Json::Number(u64::from(VERSION_WORKSPACE))),
        ("request", Json::Number(model.selected as u64)),
        ("active", Json::Number(active as u64)),
        ("workspace", Json::String(&text)),
    ];
    if let Some(start) = &start {
        fields.push(("start", Json::String(start)));
    }
    Json::Object(fields).to_compact()
}

/// Read saved text: a scenario's inputs (versions 0 and 1) or a workspace (version 2).
pub fn snapshot_from_json(text: &str) -> Result<Snapshot, String> {
    let parsed = iam_json::parse(text);
    let value = match (parsed.value, parsed.errors.first()) {
        (Some(value), None) => value,
        (_, Some(e)) => return Err(format!("the saved data is not JSON: {}", e.message)),
        (None, None) => return Err("the saved data is empty".to_string()),
    };
    let version_2 = value
        .get("version")
        .filter(|v| v.as_str().is_none())
        .and_then(|v| v.scalar_text())
        .is_some_and(|t| t == "2");
    if !version_2 {
        return migrate(text, &value).map(|stored| Snapshot {
            work: stored.into_workspace(),
            model: None,
        });
    }
    let damaged = |e: String| format!("the saved data (version 2) is damaged: {e}");
    let f = Fields::new(
        &value,
        "the saved data",
        &["version", "request", "active", "workspace"],
    )
    .map_err(damaged)?;
    let index = |key: &str| -> Result<usize, String> {
        match value.get(key) {
            None => Ok(0),
            Some(v) => v
                .scalar_text()
                .and_then(|t| t.parse::<usize>().ok())
                .filter(|_| v.as_str().is_none())
                .ok_or_else(|| format!("`{key}` must be a number")),
        }
    };
    let selected = index("request").map_err(damaged)?;
    let active = index("active").map_err(damaged)?;
    let workspace = f.required_string("workspace").map_err(damaged)?;
    let ws = iam_core::parse_workspace(&workspace).map_err(|errors| {
        damaged(
            errors
                .iter()
                .take(3)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    if ws.scenario.is_some() {
        return Err(damaged("the workspace is not version 2".to_string()));
    }
    let mut model = crate::model::Model::new(ws);
    model.selected = selected.min(model.ws.requests.len().saturating_sub(1));
    // An exercise's starting point, as it was first opened ("Reset" goes back to it).
    let start = f.string("start").map_err(damaged)?;
    if !start.is_empty() {
        let start = iam_core::parse_workspace(&start)
            .map_err(|_| damaged("`start` is not a workspace".to_string()))?;
        model.start = Some(std::rc::Rc::new(crate::model::Model::new(start).ws));
    }
    let mut work = model.mirror();
    if let Some(doc) = work.docs.get(active) {
        work.active = doc.id;
    }
    Ok(Snapshot {
        work,
        model: Some(std::rc::Rc::new(model)),
    })
}

impl StoredV1 {
    /// As JSON, on one line; written with `iam_core::json_out` (no serde in the first load).
    pub fn to_json(&self) -> String {
        use iam_core::json_out::Json;
        let policies = self
            .policies
            .iter()
            .map(|p| {
                Json::Object(vec![
                    ("name", Json::String(&p.name)),
                    ("type", Json::String(p.policy_type.as_str())),
                    ("target", Json::String(&p.target)),
                    ("text", Json::String(&p.text)),
                ])
            })
            .collect();
        let context = self
            .request
            .context
            .iter()
            .map(|r| {
                Json::Object(vec![
                    ("key", Json::String(&r.key)),
                    ("kind", Json::String(r.kind.as_str())),
                    ("value", Json::String(&r.value)),
                ])
            })
            .collect();
        let accounts = self
            .organization
            .accounts
            .iter()
            .map(|a| {
                Json::Object(vec![
                    ("account", Json::String(&a.account)),
                    ("path", Json::String(&a.path)),
                ])
            })
            .collect();
        Json::Object(vec![
            ("version", Json::Number(u64::from(self.version))),
            ("active", Json::Number(self.active as u64)),
            ("policies", Json::Array(policies)),
            (
                "request",
                Json::Object(vec![
                    ("principal", Json::String(&self.request.principal)),
                    ("action", Json::String(&self.request.action)),
                    ("resource", Json::String(&self.request.resource)),
                    (
                        "resourceAccount",
                        Json::String(&self.request.resource_account),
                    ),
                    ("context", Json::Array(context)),
                ]),
            ),
            (
                "organization",
                Json::Object(vec![
                    ("enabled", Json::Bool(self.organization.enabled)),
                    (
                        "managementAccount",
                        Json::String(&self.organization.management_account),
                    ),
                    ("accounts", Json::Array(accounts)),
                ]),
            ),
        ])
        .to_compact()
    }
}

/// Bring any saved shape up to [`StoredV1`]. `text` is the saved text, `value` its parse.
///
/// - `{"version": 1, …}`: read as is (unknown fields are refused: the data is damaged).
/// - no `version`, but `request`/`policies` (version 0): a bare scenario v1 file, read with
///   `iam_core::parse_scenario`.
/// - a later version: refused (saved by a newer iamplay), so that this build never overwrites it
///   with less.
pub fn migrate(text: &str, value: &Value) -> Result<StoredV1, String> {
    if value.as_object().is_none() {
        return Err("the saved data is not a JSON object".to_string());
    }
    match value.get("version") {
        None if value.get("request").is_some() || value.get("policies").is_some() => {
            let scenario = iam_core::parse_scenario(text).map_err(|errors| {
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })?;
            Ok(StoredV1::from_workspace(&Workspace::from_scenario(
                &scenario,
            )))
        }
        None => Err("the saved data has no `version`".to_string()),
        Some(v) => match v
            .scalar_text()
            .and_then(|t| t.parse::<u64>().ok())
            .filter(|_| v.as_str().is_none())
        {
            Some(1) => {
                read_v1(value).map_err(|e| format!("the saved data (version 1) is damaged: {e}"))
            }
            Some(n) if n > u64::from(VERSION_WORKSPACE) => Err(format!(
                "the saved data is version {n}, from a newer iamplay"
            )),
            _ => Err(format!(
                "the saved data has an unknown version `{}`",
                v.scalar_text().unwrap_or_default()
            )),
        },
    }
}

/// Read saved text into a workspace.
pub fn from_json(text: &str) -> Result<Workspace, String> {
    let parsed = iam_json::parse(text);
    let value = match (parsed.value, parsed.errors.first()) {
        (Some(value), None) => value,
        (_, Some(e)) => return Err(format!("the saved data is not JSON: {}", e.message)),
        (None, None) => return Err("the saved data is empty".to_string()),
    };
    migrate(text, &value).map(StoredV1::into_workspace)
}

/// Checks one object's fields: unknown ones are errors.
struct Fields<'a> {
    value: &'a Value,
    at: &'a str,
}

impl<'a> Fields<'a> {
    fn new(value: &'a Value, at: &'a str, known: &[&str]) -> Result<Fields<'a>, String> {
        let members = value
            .as_object()
            .ok_or_else(|| format!("`{at}` is not an object"))?;
        if let Some(m) = members.iter().find(|m| !known.contains(&m.key.as_str())) {
            return Err(format!("`{at}` has an unknown field `{}`", m.key));
        }
        Ok(Fields { value, at })
    }
    fn string(&self, key: &str) -> Result<String, String> {
        match self.value.get(key) {
            None => Ok(String::new()),
            Some(v) => v
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("`{}.{key}` is not a string", self.at)),
        }
    }
    fn required_string(&self, key: &str) -> Result<String, String> {
        match self.value.get(key) {
            None => Err(format!("`{}.{key}` is missing", self.at)),
            Some(_) => self.string(key),
        }
    }
    fn list(&self, key: &str) -> Result<&'a [Value], String> {
        match self.value.get(key) {
            None => Ok(&[]),
            Some(v) => v
                .as_array()
                .ok_or_else(|| format!("`{}.{key}` is not a list", self.at)),
        }
    }
}

fn read_v1(value: &Value) -> Result<StoredV1, String> {
    let root = Fields::new(
        value,
        "saved",
        &["version", "active", "policies", "request", "organization"],
    )?;
    let active = match value.get("active") {
        None => 0,
        Some(v) => v
            .scalar_text()
            .filter(|_| v.as_str().is_none())
            .and_then(|t| t.parse::<usize>().ok())
            .ok_or("`active` is not an index")?,
    };
    if value.get("policies").is_none() {
        return Err("`policies` is missing".to_string());
    }
    let mut policies = Vec::new();
    for item in root.list("policies")? {
        let p = Fields::new(item, "policies[]", &["name", "type", "target", "text"])?;
        let type_text = p.required_string("type")?;
        let policy_type = PolicyType::parse(&type_text)
            .ok_or_else(|| format!("`{type_text}` is not a policy type"))?;
        policies.push(StoredPolicy {
            name: p.required_string("name")?,
            policy_type,
            target: p.string("target")?,
            text: p.required_string("text")?,
        });
    }
    let request_value = value.get("request").ok_or("`request` is missing")?;
    let r = Fields::new(
        request_value,
        "request",
        &[
            "principal",
            "action",
            "resource",
            "resourceAccount",
            "context",
        ],
    )?;
    let mut context = Vec::new();
    for item in r.list("context")? {
        let c = Fields::new(item, "request.context[]", &["key", "kind", "value"])?;
        let kind_text = c.required_string("kind")?;
        let kind = ValueKind::parse(&kind_text)
            .ok_or_else(|| format!("`{kind_text}` is not a value kind"))?;
        context.push(StoredContextRow {
            key: c.required_string("key")?,
            kind,
            value: c.string("value")?,
        });
    }
    let request = StoredRequest {
        principal: r.string("principal")?,
        action: r.string("action")?,
        resource: r.string("resource")?,
        resource_account: r.string("resourceAccount")?,
        context,
    };
    let organization = match value.get("organization") {
        None => StoredOrganization::default(),
        Some(org_value) => {
            let o = Fields::new(
                org_value,
                "organization",
                &["enabled", "managementAccount", "accounts"],
            )?;
            let enabled = match org_value.get("enabled").map(|v| &v.kind) {
                None => false,
                Some(iam_json::ValueKind::Bool(b)) => *b,
                Some(_) => return Err("`organization.enabled` is not a boolean".to_string()),
            };
            let mut accounts = Vec::new();
            for item in o.list("accounts")? {
                let a = Fields::new(item, "organization.accounts[]", &["account", "path"])?;
                accounts.push(StoredAccount {
                    account: a.string("account")?,
                    path: a.string("path")?,
                });
            }
            StoredOrganization {
                enabled,
                management_account: o.string("managementAccount")?,
                accounts,
            }
        }
    };
    Ok(StoredV1 {
        version: VERSION,
        active,
        policies,
        request,
        organization,
    })
}

thread_local! {
    /// Where this page saves: [`KEY`], or [`crate::recovery::FALLBACK_KEY`] while [`KEY`] holds data of
    /// a newer iamplay (which is then never overwritten).
    #[cfg(target_arch = "wasm32")]
    static WRITE_KEY: std::cell::Cell<&'static str> = const { std::cell::Cell::new(KEY) };
}

/// What the page starts from: `Ok(None)` when nothing is saved, `Err(why)` when what is saved cannot
/// be read. Either way nothing is lost: an unreadable copy is kept for the Recover dialog
/// (`recovery.rs`), and data of a newer iamplay stays under [`KEY`] untouched while this page reads
/// and saves its own work under [`crate::recovery::FALLBACK_KEY`].
#[cfg(target_arch = "wasm32")]
pub fn load() -> Result<Option<Snapshot>, String> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Ok(None);
    };
    let Some(text) = storage.get_item(KEY).ok().flatten() else {
        return Ok(None);
    };
    let problem = match snapshot_from_json(&text) {
        Ok(snapshot) => return Ok(Some(snapshot)),
        Err(problem) => problem,
    };
    crate::recovery::keep(&text, &problem);
    if crate::recovery::is_newer(&problem) {
        WRITE_KEY.with(|k| k.set(crate::recovery::FALLBACK_KEY));
        if let Some(own) = storage
            .get_item(crate::recovery::FALLBACK_KEY)
            .ok()
            .flatten()
        {
            if let Ok(snapshot) = snapshot_from_json(&own) {
                return Ok(Some(snapshot));
            }
        }
    }
    Err(problem)
}

/// Write the workspace (best effort: private browsing may refuse).
#[cfg(target_arch = "wasm32")]
pub fn save(snapshot: &Snapshot) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let key = WRITE_KEY.with(|k| k.get());
        let _ = storage.set_item(key, &snapshot_to_json(snapshot));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Playground, RequestField};

    /// What serde_json wrote for the saved data before `json_out` (the oracle for the format).
    fn serde_oracle(v: &StoredV1) -> String {
        serde_json::json!({
            "version": v.version,
            "active": v.active,
            "policies": v.policies.iter().map(|p| serde_json::json!({
                "name": p.name, "type": p.policy_type.as_str(), "target": p.target, "text": p.text,
            })).collect::<Vec<_>>(),
            "request": {
                "principal": v.request.principal,
                "action": v.request.action,
                "resource": v.request.resource,
                "resourceAccount": v.request.resource_account,
                "context": v.request.context.iter().map(|r| serde_json::json!({
                    "key": r.key, "kind": r.kind.as_str(), "value": r.value,
                })).collect::<Vec<_>>(),
            },
            "organization": {
                "enabled": v.organization.enabled,
                "managementAccount": v.organization.management_account,
                "accounts": v.organization.accounts.iter().map(|a| serde_json::json!({
                    "account": a.account, "path": a.path,
                })).collect::<Vec<_>>(),
            },
        })
        .to_string()
    }

    #[test]
    fn saved_text_is_what_serde_json_wrote() {
        let mut p = Playground::new(crate::boot::first_visit());
        p.apply(Action::AddPolicy);
        for kind in ValueKind::ALL {
            p.apply(Action::AddContextRow {
                key: format!("k:{}", kind.as_str()),
                kind,
                value: "a \"b\"\n\t é".into(),
            });
        }
        p.apply(Action::SetOrganizationEnabled(true));
        let stored = StoredV1::from_workspace(&p.work);
        assert_eq!(to_json(&p.work), serde_oracle(&stored));
    }

    #[test]
    fn round_trips_a_workspace() {
        let mut p = Playground::new(Workspace::default());
        p.apply(Action::AddPolicy);
        p.apply(Action::AddContextRow {
            key: "aws:SourceIp".into(),
            kind: ValueKind::Ip,
            value: "203.0.113.9".into(),
        });
        p.apply(Action::SetOrganizationEnabled(true));
        p.apply(Action::SetRequestField {
            field: RequestField::Principal,
            value: "arn:aws:iam::111122223333:user/é".into(),
        });
        let text = to_json(&p.work);
        assert!(text.starts_with("{\"version\":1,"), "{text}");
        let back = from_json(&text).unwrap();
        assert_eq!(
            StoredV1::from_workspace(&back),
            StoredV1::from_workspace(&p.work)
        );
        assert_eq!(
            back.active_index(),
            p.work.active_index(),
            "the active tab is kept"
        );
        assert_eq!(back.to_scenario(), p.work.to_scenario());
    }

    #[test]
    fn migrates_version_0_bare_scenarios() {
        let v0 = r#"{"request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
            "resource": "arn:aws:s3:::b/k", "context": {"aws:MultiFactorAuthPresent": true}},
            "policies": [{"name": "P", "type": "identity", "document": "{\n  \"Version\": \"2012-10-17\"\n}"}]}"#;
        let migrated = migrate(v0, &iam_json::parse(v0).value.unwrap()).unwrap();
        assert_eq!(migrated.version, 1);
        assert_eq!(migrated.policies[0].name, "P");
        assert_eq!(
            migrated.policies[0].text,
            "{\n  \"Version\": \"2012-10-17\"\n}"
        );
        assert_eq!(migrated.request.context[0].kind, ValueKind::Bool);
        assert_eq!(migrated.request.context[0].value, "true");
        let work = from_json(v0).unwrap();
        assert_eq!(work.docs.len(), 1);
    }

    #[test]
    fn round_trips_an_open_workspace() {
        let text = include_str!("../../examples/workspaces/course-basics.json");
        let mut p = Playground::with_model(iam_core::parse_workspace(text).unwrap());
        p.apply(Action::SelectRequest(3));
        let third = p.work.docs[2].id;
        p.apply(Action::SelectPolicy(third));
        p.apply(Action::EditPolicy {
            doc: third,
            text: "{\"Version\": \"2012-10-17\", \"Statement\": []}".into(),
        });
        let saved = snapshot_to_json(&p.snapshot());
        let back = snapshot_from_json(&saved).unwrap();
        let (model, before) = (back.model.as_ref().unwrap(), p.model.as_ref().unwrap());
        assert_eq!(model.ws.to_json(), before.ws.to_json());
        assert_eq!(model.selected, 3);
        assert_eq!(back.work.active, third);
        assert_eq!(back.work.docs, p.work.docs);
        assert_eq!(back.work.request.principal, p.work.request.principal);
        // A scenario's inputs are saved as version 1, as before.
        let v1 = Playground::new(Workspace::default());
        assert_eq!(
            snapshot_from_json(&snapshot_to_json(&v1.snapshot())).unwrap(),
            v1.snapshot()
        );
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(from_json("not json").is_err());
        assert!(from_json("[]").is_err());
        assert!(from_json("{}").unwrap_err().contains("no `version`"));
        assert!(from_json(r#"{"version": 3, "policies": []}"#)
            .unwrap_err()
            .contains("newer"));
        assert!(snapshot_from_json(r#"{"version": 2, "policies": []}"#)
            .unwrap_err()
            .contains("damaged"));
        assert!(snapshot_from_json(r#"{"version": 2, "workspace": "{}"}"#)
            .unwrap_err()
            .contains("damaged"));
        assert!(from_json(r#"{"version": 1, "policies": [], "request": {}, "extra": 1}"#).is_err());
        assert!(from_json(r#"{"version": "x"}"#).is_err());
        assert!(
            from_json(r#"{"version": "1", "policies": [], "request": {}}"#).is_err(),
            "the version is a number"
        );
        assert!(from_json(r#"{"version": 1, "request": {}}"#)
            .unwrap_err()
            .contains("policies"));
        assert!(from_json(r#"{"version": 1, "policies": [{"name": "A", "type": "boss", "text": ""}], "request": {}}"#).is_err());
        assert!(from_json(r#"{"version": 1, "policies": [], "request": {"context": [{"key": "k", "kind": "ip", "value": 3}]}}"#).is_err());
    }

    #[test]
    fn a_missing_active_index_falls_back_to_the_first_tab() {
        let text = r#"{"version": 1, "active": 9, "policies": [{"name": "A", "type": "scp", "target": "r-root", "text": "{}"}], "request": {}}"#;
        let work = from_json(text).unwrap();
        assert_eq!(work.active_index(), Some(0));
        assert_eq!(work.docs[0].policy_type, PolicyType::Scp);
    }
}
