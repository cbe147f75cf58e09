//! Import what `aws iam get-account-authorization-details` prints into a workspace (format v2,
//! `docs/workspace-format.md`), offline: users with their groups, inline and attached policies,
//! boundaries and tags; groups; roles with their trust policies; customer (and, when the file has
//! them, AWS) managed policies at their default version. Documents may be JSON objects or
//! URL-encoded strings (as the IAM API returns them); they are written as strings holding the
//! policy text. Fields the import does not use are counted, not errors.

use iam_json::{Member, Value, ValueKind};

use crate::json_out::Json;
use crate::request::is_account_id;
use crate::scenario::ScenarioError;

/// The imported workspace and what the import saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The workspace, as pretty-printed JSON (format v2).
    pub workspace: String,
    pub users: usize,
    pub groups: usize,
    pub roles: usize,
    pub policies: usize,
    /// Fields of the input the import does not use (they are ignored).
    pub ignored_fields: usize,
    /// Managed policies attached somewhere whose document the file does not have (AWS managed
    /// policies are in the output of `get-account-authorization-details` only with
    /// `--filter AWSManagedPolicy`): the attachments are left out.
    pub missing_policies: Vec<String>,
    /// Groups that users are in but that the file does not describe (the output of
    /// `--filter User` lists users with their groups and no groups): those memberships are left
    /// out, as the workspace can only name groups it defines.
    pub missing_groups: Vec<String>,
}

#[derive(Default)]
struct Entity {
    name: String,
    path: Option<String>,
    groups: Vec<String>,
    inline: Vec<(String, String)>,
    attached: Vec<String>,
    boundary: Option<String>,
    tags: Vec<(String, String)>,
    trust: Option<String>,
}

struct Reader<'t> {
    text: &'t str,
    errors: Vec<(String, String, iam_json::Span)>,
    ignored: usize,
}

/// Read `text` (the JSON `aws iam get-account-authorization-details` prints); `account` overrides
/// the account id found in the ARNs.
// long: one pass over the file in the order the workspace is built (policies, then the users, groups and roles that name them), sharing the name and ARN tables. Not split yet (issue 8)
pub fn import_authorization_details(
    text: &str,
    account: Option<&str>,
) -> Result<Imported, Vec<ScenarioError>> {
    let parse = iam_json::parse(text);
    let mut r = Reader {
        text,
        errors: Vec::new(),
        ignored: 0,
    };
    for e in &parse.errors {
        r.errors.push((
            String::new(),
            format!("not valid JSON: {}", e.message),
            e.span,
        ));
    }
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let mut roles = Vec::new();
    // (arn, name, document text)
    let mut policies: Vec<(String, String, String)> = Vec::new();
    let mut found_account: Option<String> = None;
    if let Some(root) = &parse.value {
        match root.as_object() {
            None => r.errors.push((
                String::new(),
                format!("must be a JSON object, found {}", root.type_name()),
                root.span,
            )),
            Some(members) => {
                for m in members {
                    match m.key.as_str() {
                        key @ ("UserDetailList" | "GroupDetailList" | "RoleDetailList") => {
                            let kind = match key {
                                "UserDetailList" => Kind::User,
                                "GroupDetailList" => Kind::Group,
                                _ => Kind::Role,
                            };
                            for (i, item) in r.items(m, key).iter().enumerate() {
                                let field = format!("{key}[{i}]");
                                let entity = r.entity(item, &field, kind, &mut found_account);
                                match kind {
                                    Kind::User => users.push(entity),
                                    Kind::Group => groups.push(entity),
                                    Kind::Role => roles.push(entity),
                                }
                            }
                        }
                        "Policies" => {
                            for (i, item) in r.items(m, "Policies").iter().enumerate() {
                                if let Some(p) = r.policy(item, &format!("Policies[{i}]")) {
                                    policies.push(p);
                                }
                            }
                        }
                        _ => r.ignored += 1,
                    }
                }
            }
        }
    }
    let account = account.map(str::to_string).or(found_account);
    match &account {
        Some(a) if !is_account_id(a) => r.errors.push((
            String::new(),
            format!("`{a}` is not a 12-digit account id"),
            iam_json::Span::default(),
        )),
        None if r.errors.is_empty()
            && !(users.is_empty() && groups.is_empty() && roles.is_empty()) =>
        {
            r.errors.push((
                String::new(),
                "no account id in the file's ARNs; give one with --account".into(),
                iam_json::Span::default(),
            ));
        }
        _ => {}
    }
    if !r.errors.is_empty() {
        return Err(crate::scenario::located(text, r.errors));
    }
    // A user's groups that the file does not describe: left out (found by the `import` fuzz target).
    let mut missing_groups: Vec<String> = Vec::new();
    let mut group_names: Vec<&str> = groups.iter().map(|g: &Entity| g.name.as_str()).collect();
    group_names.sort_unstable();
    for user in &mut users {
        user.groups.retain(|g| {
            let known = group_names.binary_search(&g.as_str()).is_ok();
            if !known && !missing_groups.contains(g) {
                missing_groups.push(g.clone());
            }
            known
        });
    }
    // A policy whose ARN an earlier one has is left out: attachments name the first (AWS lists each
    // policy once; found by the `import` fuzz target).
    let mut arns: Vec<&str> = Vec::new();
    let mut distinct: Vec<(String, String, String)> = Vec::new();
    for p in &policies {
        if let Err(at) = arns.binary_search(&p.0.as_str()) {
            arns.insert(at, &p.0);
            distinct.push(p.clone());
        }
    }
    let policies = distinct;
    // Each policy's name in the workspace: its name, or its ARN if two share the name, made unique
    // with ` (2)`, ` (3)`… if that still collides (a malformed file).
    let mut by_name: Vec<&str> = policies.iter().map(|(_, n, _)| n.as_str()).collect();
    by_name.sort_unstable();
    let mut taken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let workspace_names: Vec<String> = policies
        .iter()
        .map(|(arn, name, _)| {
            let shared = by_name.partition_point(|n| *n < name.as_str()) + 1
                < by_name.partition_point(|n| *n <= name.as_str());
            let base = if shared { arn.clone() } else { name.clone() };
            let mut unique = base.clone();
            let mut n = 2;
            while taken.contains(&unique) {
                unique = format!("{base} ({n})");
                n += 1;
            }
            taken.insert(unique.clone());
            unique
        })
        .collect();
    // Attachments by ARN → the policy's name in the workspace.
    let mut by_arn: Vec<(&str, usize)> = policies
        .iter()
        .enumerate()
        .map(|(i, (arn, _, _))| (arn.as_str(), i))
        .collect();
    by_arn.sort_unstable();
    let name_of = |arn: &str| -> Option<String> {
        let at = by_arn.binary_search_by_key(&arn, |(a, _)| *a).ok()?;
        let (_, i) = by_arn.get(at)?;
        workspace_names.get(*i).cloned()
    };
    let mut missing: Vec<String> = Vec::new();
    let mut resolve = |arns: &[String]| -> Vec<String> {
        arns.iter()
            .filter_map(|arn| {
                let name = name_of(arn);
                if name.is_none() && !missing.contains(arn) {
                    missing.push(arn.clone());
                }
                name
            })
            .collect()
    };
    let users_resolved: Vec<(Vec<String>, Option<String>)> = users
        .iter()
        .map(|u| {
            (
                resolve(&u.attached),
                u.boundary
                    .as_ref()
                    .and_then(|b| resolve(std::slice::from_ref(b)).into_iter().next()),
            )
        })
        .collect();
    let groups_resolved: Vec<Vec<String>> = groups.iter().map(|g| resolve(&g.attached)).collect();
    let roles_resolved: Vec<(Vec<String>, Option<String>)> = roles
        .iter()
        .map(|u| {
            (
                resolve(&u.attached),
                u.boundary
                    .as_ref()
                    .and_then(|b| resolve(std::slice::from_ref(b)).into_iter().next()),
            )
        })
        .collect();
    let policy_names = &workspace_names;

    let account_id = account.unwrap_or_default();
    let mut account_members: Vec<(&str, Json<'_>)> = Vec::new();
    for (key, list, resolved) in [
        ("users", &users, &users_resolved),
        ("roles", &roles, &roles_resolved),
    ] {
        if !list.is_empty() {
            account_members.push((
                key,
                Json::Object(
                    list.iter()
                        .zip(resolved.iter())
                        .map(|(e, (attached, boundary))| {
                            (
                                e.name.as_str(),
                                identity(
                                    e,
                                    attached,
                                    boundary,
                                    if key == "users" {
                                        Kind::User
                                    } else {
                                        Kind::Role
                                    },
                                ),
                            )
                        })
                        .collect(),
                ),
            ));
        }
    }
    let no_boundary = None;
    if !groups.is_empty() {
        account_members.insert(
            1.min(account_members.len()),
            (
                "groups",
                Json::Object(
                    groups
                        .iter()
                        .zip(groups_resolved.iter())
                        .map(|(e, attached)| {
                            (
                                e.name.as_str(),
                                identity(e, attached, &no_boundary, Kind::Group),
                            )
                        })
                        .collect(),
                ),
            ),
        );
    }
    let workspace = Json::Object(vec![
        ("version", Json::Number(2)),
        (
            "title",
            Json::String("Imported from aws iam get-account-authorization-details"),
        ),
        (
            "policies",
            Json::Array(
                policies
                    .iter()
                    .zip(policy_names.iter())
                    .map(|((_, _, document), name)| {
                        Json::Object(vec![
                            ("name", Json::String(name)),
                            ("document", Json::String(document)),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "accounts",
            Json::Object(if account_members.is_empty() && account_id.is_empty() {
                Vec::new()
            } else {
                vec![(account_id.as_str(), Json::Object(account_members))]
            }),
        ),
        ("requests", Json::Array(Vec::new())),
    ]);
    let mut out = workspace.to_pretty();
    out.push('\n');
    Ok(Imported {
        workspace: out,
        users: users.len(),
        groups: groups.len(),
        roles: roles.len(),
        policies: policies.len(),
        ignored_fields: r.ignored,
        missing_policies: missing,
        missing_groups,
    })
}

fn strings(values: &[String]) -> Json<'_> {
    Json::Array(values.iter().map(|v| Json::String(v)).collect())
}

fn pairs(values: &[(String, String)]) -> Json<'_> {
    Json::Object(
        values
            .iter()
            .map(|(k, v)| (k.as_str(), Json::String(v)))
            .collect(),
    )
}

/// A user, group or role of the workspace.
fn identity<'a>(
    e: &'a Entity,
    attached: &'a [String],
    boundary: &'a Option<String>,
    kind: Kind,
) -> Json<'a> {
    let mut members: Vec<(&str, Json<'a>)> = Vec::new();
    if let Some(trust) = &e.trust {
        members.push(("trust", Json::String(trust)));
    }
    if !e.groups.is_empty() {
        members.push(("groups", strings(&e.groups)));
    }
    if !attached.is_empty() {
        members.push(("policies", strings(attached)));
    }
    if !e.inline.is_empty() {
        members.push(("inline", pairs(&e.inline)));
    }
    if kind != Kind::Group {
        if let Some(b) = boundary {
            members.push(("boundary", Json::String(b)));
        }
        if !e.tags.is_empty() {
            members.push(("tags", pairs(&e.tags)));
        }
        if let Some(p) = &e.path {
            members.push(("path", Json::String(p)));
        }
    }
    Json::Object(members)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    Group,
    Role,
}

impl Reader<'_> {
    fn items<'v>(&mut self, m: &'v Member, field: &str) -> &'v [Value] {
        match m.value.as_array() {
            Some(items) => items,
            None => {
                self.errors.push((
                    field.into(),
                    format!("must be a list, found {}", m.value.type_name()),
                    m.value.span,
                ));
                &[]
            }
        }
    }

    fn string(&mut self, v: &Value, field: &str) -> Option<String> {
        match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.errors.push((
                    field.into(),
                    format!("must be a string, found {}", v.type_name()),
                    v.span,
                ));
                None
            }
        }
    }

    /// A policy document: an object (its text as written) or a URL-encoded string.
    fn document(&mut self, v: &Value, field: &str) -> Option<String> {
        match &v.kind {
            ValueKind::Object(_) => Some(v.span.text(self.text).to_string()),
            ValueKind::String(s) => Some(url_decode(s)),
            _ => {
                self.errors.push((
                    field.into(),
                    format!(
                        "must be a policy document (an object or a URL-encoded string), found {}",
                        v.type_name()
                    ),
                    v.span,
                ));
                None
            }
        }
    }

    fn entity(
        &mut self,
        item: &Value,
        field: &str,
        kind: Kind,
        account: &mut Option<String>,
    ) -> Entity {
        let mut e = Entity::default();
        let Some(members) = item.as_object() else {
            self.errors.push((
                field.into(),
                format!("must be an object, found {}", item.type_name()),
                item.span,
            ));
            return e;
        };
        let (name_key, inline_key) = match kind {
            Kind::User => ("UserName", "UserPolicyList"),
            Kind::Group => ("GroupName", "GroupPolicyList"),
            Kind::Role => ("RoleName", "RolePolicyList"),
        };
        for m in members {
            let f = format!("{field}.{}", m.key);
            match m.key.as_str() {
                k if k == name_key => e.name = self.string(&m.value, &f).unwrap_or_default(),
                "Path" => e.path = self.string(&m.value, &f).filter(|p| p != "/"),
                "Arn" => {
                    if let Some(arn) = self.string(&m.value, &f) {
                        if account.is_none() {
                            *account = arn
                                .split(':')
                                .nth(4)
                                .filter(|a| is_account_id(a))
                                .map(str::to_string);
                        }
                    }
                }
                k if k == inline_key => {
                    for (i, p) in self.items(m, &f).iter().enumerate() {
                        let pf = format!("{f}[{i}]");
                        let Some(pm) = p.as_object() else { continue };
                        let name = pm
                            .iter()
                            .find(|x| x.key == "PolicyName")
                            .and_then(|x| self.string(&x.value, &format!("{pf}.PolicyName")));
                        let doc = pm
                            .iter()
                            .find(|x| x.key == "PolicyDocument")
                            .and_then(|x| self.document(&x.value, &format!("{pf}.PolicyDocument")));
                        self.ignored += pm
                            .iter()
                            .filter(|x| x.key != "PolicyName" && x.key != "PolicyDocument")
                            .count();
                        if let (Some(name), Some(doc)) = (name, doc) {
                            e.inline.push((name, doc));
                        }
                    }
                }
                "GroupList" if kind == Kind::User => {
                    for (i, g) in self.items(m, &f).iter().enumerate() {
                        if let Some(g) = self.string(g, &format!("{f}[{i}]")) {
                            e.groups.push(g);
                        }
                    }
                }
                "AttachedManagedPolicies" => {
                    for p in self.items(m, &f) {
                        if let Some(arn) = p
                            .as_object()
                            .and_then(|pm| pm.iter().find(|x| x.key == "PolicyArn"))
                            .and_then(|x| x.value.as_str())
                        {
                            e.attached.push(arn.to_string());
                        }
                    }
                }
                "PermissionsBoundary" if kind != Kind::Group => {
                    e.boundary = m
                        .value
                        .as_object()
                        .and_then(|pm| pm.iter().find(|x| x.key == "PermissionsBoundaryArn"))
                        .and_then(|x| x.value.as_str())
                        .map(str::to_string);
                }
                "Tags" if kind != Kind::Group => {
                    for t in self.items(m, &f) {
                        let Some(tm) = t.as_object() else { continue };
                        let get = |k: &str| {
                            tm.iter()
                                .find(|x| x.key == k)
                                .and_then(|x| x.value.as_str())
                                .map(str::to_string)
                        };
                        if let (Some(k), Some(v)) = (get("Key"), get("Value")) {
                            e.tags.push((k, v));
                        }
                    }
                }
                "AssumeRolePolicyDocument" if kind == Kind::Role => {
                    e.trust = self.document(&m.value, &f)
                }
                _ => self.ignored += 1,
            }
        }
        if !members.iter().any(|m| m.key == name_key) {
            self.errors.push((
                format!("{field}.{name_key}"),
                "is required".into(),
                item.span,
            ));
        }
        e
    }

    /// `(arn, name, document of the default version)`.
    fn policy(&mut self, item: &Value, field: &str) -> Option<(String, String, String)> {
        let members = item.as_object()?;
        let mut arn = None;
        let mut name = None;
        let mut default_version = None;
        let mut versions: Vec<(Option<String>, bool, Option<String>)> = Vec::new();
        for m in members {
            let f = format!("{field}.{}", m.key);
            match m.key.as_str() {
                "Arn" => arn = self.string(&m.value, &f),
                "PolicyName" => name = self.string(&m.value, &f),
                "DefaultVersionId" => default_version = self.string(&m.value, &f),
                "PolicyVersionList" => {
                    for (i, v) in self.items(m, &f).iter().enumerate() {
                        let Some(vm) = v.as_object() else { continue };
                        let id = vm
                            .iter()
                            .find(|x| x.key == "VersionId")
                            .and_then(|x| x.value.as_str())
                            .map(str::to_string);
                        let is_default = vm.iter().any(|x| {
                            x.key == "IsDefaultVersion"
                                && matches!(x.value.kind, ValueKind::Bool(true))
                        });
                        let doc = vm
                            .iter()
                            .find(|x| x.key == "Document")
                            .and_then(|x| self.document(&x.value, &format!("{f}[{i}].Document")));
                        versions.push((id, is_default, doc));
                    }
                }
                _ => self.ignored += 1,
            }
        }
        let document = versions
            .iter()
            .find(|(id, is_default, _)| *is_default || (id.is_some() && *id == default_version))
            .or(versions.first())
            .and_then(|(_, _, d)| d.clone());
        match (arn, name, document) {
            (Some(a), Some(n), Some(d)) => Some((a, n, d)),
            _ => {
                self.errors.push((field.into(), "needs `Arn`, `PolicyName` and a `PolicyVersionList` with its default version's `Document`".into(), item.span));
                None
            }
        }
    }
}

/// Decode `%XX` escapes (as the IAM API returns policy documents); other text is kept as is.
fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `import` fuzz target: a user in a group the file does not describe (as in the
    /// output of `--filter User`) made a workspace that names an undefined group.
    #[test]
    fn groups_not_in_the_file_are_left_out() {
        let text = r#"{ "UserDetailList": [ { "UserName": "alice", "GroupList": ["Developers", "Ops"],
            "Arn": "arn:aws:iam::111122223333:user/alice" } ],
            "GroupDetailList": [ { "GroupName": "Ops", "Arn": "arn:aws:iam::111122223333:group/Ops" } ] }"#;
        let imported = import_authorization_details(text, None).unwrap();
        assert_eq!(imported.missing_groups, ["Developers"]);
        let workspace = crate::parse_workspace(&imported.workspace).unwrap();
        assert_eq!(workspace.accounts.len(), 1);
        assert!(imported.workspace.contains("\"Ops\""));
    }

    /// Found by the `import` fuzz target: two policies of one ARN (and different names), or two of
    /// one name whose ARN is also a policy name, gave a workspace with two policies of one name.
    #[test]
    fn policy_names_in_the_workspace_are_unique() {
        let policy = |arn: &str, name: &str| {
            format!(
                r#"{{ "PolicyName": "{name}", "Arn": "{arn}", "DefaultVersionId": "v1", "PolicyVersionList": [
                    {{ "VersionId": "v1", "IsDefaultVersion": true, "Document": {{ "Version": "2012-10-17", "Statement": [] }} }} ] }}"#
            )
        };
        let a = "arn:aws:iam::111122223333:policy/A";
        let b = "arn:aws:iam::111122223333:policy/B";
        let text = format!(
            r#"{{ "Policies": [ {}, {}, {}, {} ] }}"#,
            policy(a, "Read"),
            policy(a, "Other"),
            policy(b, "Read"),
            policy("arn:aws:iam::111122223333:policy/C", a),
        );
        let imported = import_authorization_details(&text, None).unwrap();
        assert_eq!(
            imported.policies, 3,
            "the second policy of ARN A is left out"
        );
        let workspace = crate::parse_workspace(&imported.workspace).unwrap();
        let names: Vec<&str> = workspace.policies.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, [a, b, &format!("{a} (2)")]);
    }

    #[test]
    fn url_decoding_keeps_plain_text() {
        assert_eq!(
            url_decode("%7B%22Version%22%3A%20%222012-10-17%22%7D"),
            "{\"Version\": \"2012-10-17\"}"
        );
        assert_eq!(url_decode("a+b%2"), "a+b%2");
        assert_eq!(url_decode("caf%C3%A9"), "café");
    }
}
