//! Workspace format v2 (`docs/workspace-format.md`): accounts with users, groups, roles and
//! resources, an organization tree, and many named requests with expectations.
//!
//! A workspace is read strictly (an unknown field, a wrong type, a reference to a policy or group
//! that does not exist is an error naming the field, with its line and column). Each request is then
//! turned into a v1 [`Scenario`] whose policies are **derived from the model** — the caller's inline
//! and attached policies and those of its groups, its permissions boundary, the resource's policy
//! (an object's bucket policy, a role's trust policy), the SCPs and RCPs on the accounts' paths — and
//! evaluated like any scenario. A v1 scenario is read as a workspace of one request.
//!
//! Derived policy names say where each policy came from: `ReadPhotos` (a managed policy, whoever
//! it is attached to), `alice:Extra` (inline in user alice), `Developers:Team` (inline in group
//! Developers), `Deployer:trust` (role Deployer's trust policy), `boundary:DevBoundary`, and
//! `photos:policy` (the policy of the resource whose ARN ends in `photos`).

mod documents;
mod exercise;
mod write;

pub use exercise::Exercise;

use iam_json::{Member, Span, Value, ValueKind};

use crate::engine::{analyze_with, Lowerings};
use crate::eval::s3_bucket;
use crate::policy::PolicyType;
use crate::request::{is_account_id, is_role_trust_request, ContextValue, Principal, RequestInput};
use crate::scenario::{
    fields, get, locate, read_public_access_block, request_fields, string, BlockPublicAccess,
    DocumentTree, Errors, Organization, PolicyInput, PublicAccessBlock, Scenario, ScenarioError,
};
use crate::trace::Decision;

/// A policy document as written: its text, and where it starts in the file when the file gave it as
/// a JSON object (spans then map back into the file, as in v1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub file_offset: Option<u32>,
    /// The document's JSON tree, kept from the workspace file while `text` is unchanged, so that
    /// analysing the workspace's requests does not parse it again (`Default` is always correct).
    pub tree: DocumentTree,
}

/// A managed policy, attached by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManagedPolicy {
    pub name: String,
    pub document: Document,
}

/// One account of the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub resources: Vec<Resource>,
    /// The account's S3 Block Public Access settings (they apply to every bucket it owns).
    pub block_public_access: Option<PublicAccessBlock>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub groups: Vec<String>,
    /// Attached managed policies, by name.
    pub policies: Vec<String>,
    /// Inline policies: `(name, document)`.
    pub inline: Vec<(String, Document)>,
    pub boundary: Option<String>,
    pub tags: Vec<(String, String)>,
    pub path: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub policies: Vec<String>,
    pub inline: Vec<(String, Document)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Role {
    pub name: String,
    /// The trust policy (who may assume the role).
    pub trust: Option<Document>,
    pub policies: Vec<String>,
    pub inline: Vec<(String, Document)>,
    pub boundary: Option<String>,
    pub tags: Vec<(String, String)>,
    pub path: Option<String>,
}

/// A resource with a resource-based policy and/or tags, by ARN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    pub arn: String,
    pub policy: Option<Document>,
    pub tags: Vec<(String, String)>,
    /// An S3 bucket's own Block Public Access settings.
    pub block_public_access: Option<PublicAccessBlock>,
}

/// The organization: OUs (each with its parent), member accounts (each with its parent node), and
/// the SCPs and RCPs attached to each node (root, OU or account), by managed policy name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganizationTree {
    pub management_account: Option<String>,
    /// `(ou id, parent node, display name)`.
    pub ous: Vec<(String, String, Option<String>)>,
    /// `(account id, parent node)`.
    pub accounts: Vec<(String, String)>,
    pub scps: Vec<(String, Vec<String>)>,
    pub rcps: Vec<(String, Vec<String>)>,
}

/// One request of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRequest {
    pub name: String,
    /// What the request shows (Markdown), e.g. the AWS page that settles it.
    pub description: Option<String>,
    pub request: RequestInput,
    /// Roles assumed first, in order (`sts:AssumeRole`, each by the previous hop's session); the
    /// request is then made by the last hop's session.
    pub assume: Vec<Hop>,
    /// The decision a check expects.
    pub expect: Option<Decision>,
}

/// One `sts:AssumeRole` of a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The role's ARN.
    pub role: String,
    pub session_name: String,
    /// The inline session policy passed to `AssumeRole`.
    pub session_policy: Option<Document>,
    /// Session tags passed to `AssumeRole` (they need `sts:TagSession`).
    pub tags: Vec<(String, String)>,
}

/// One evaluation of a request's run: a hop (`sts:AssumeRole`, or `sts:TagSession` for its tags) or
/// the request itself.
#[derive(Clone, Debug)]
pub struct RunStep {
    /// `sts:AssumeRole arn:aws:iam::…:role/Deployer` for a hop; empty for the request itself.
    pub label: String,
    pub scenario: Scenario,
    pub report: crate::Report,
}

/// What a request of a workspace comes to: the hops evaluated in order, then the request; a hop that
/// is not allowed ends the run, and its decision is the request's.
#[derive(Clone, Debug)]
pub struct Run {
    pub steps: Vec<RunStep>,
    /// The decision of the last step; `None` when its request is malformed.
    pub decision: Option<Decision>,
    /// Whether the run stopped at a hop (the request itself was not made).
    pub stopped_at_hop: bool,
}

/// A workspace (format v2), or a v1 scenario read as a workspace of one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    pub title: Option<String>,
    pub description: Option<String>,
    pub policies: Vec<ManagedPolicy>,
    pub accounts: Vec<Account>,
    pub organization: Option<OrganizationTree>,
    pub requests: Vec<NamedRequest>,
    /// What a student is asked to do, and the reference solution (`docs/workspace-format.md`).
    pub exercise: Option<Exercise>,
    /// A v1 scenario read as a workspace: its one request is this scenario.
    pub scenario: Option<Scenario>,
}

/// Read a workspace (`"version": 2`) or a v1 scenario (no `version`, or `1`). All problems are
/// reported, each with its field and position.
pub fn parse_workspace(text: &str) -> Result<Workspace, Vec<ScenarioError>> {
    let parse = iam_json::parse(text);
    let version_2 = parse.value.as_ref().is_some_and(|root| {
        root.as_object().is_some_and(|members| {
            members.iter().any(|m| {
                m.key == "version" && matches!(&m.value.kind, ValueKind::Number(n) if n == "2")
            })
        })
    });
    if !version_2 {
        let scenario = crate::scenario::scenario_from(text, parse)?;
        return Ok(Workspace {
            requests: vec![NamedRequest {
                name: String::new(),
                description: None,
                assume: Vec::new(),
                request: scenario.request.clone(),
                expect: None,
            }],
            scenario: Some(scenario),
            ..Workspace::default()
        });
    }
    let mut errors: Errors = Vec::new();
    let workspace = match &parse.value {
        Some(root) => read_root(root, text, &mut errors),
        None => Workspace::default(),
    };
    if let Some(root) = &parse.value {
        for (field, message) in workspace.problems() {
            let span = locate(root, &field);
            errors.push((field, message, span));
        }
    }
    if errors.is_empty() {
        let mut workspace = workspace;
        if !workspace.requests.is_empty() {
            let lines = iam_json::LineIndex::new(text);
            for named in &mut workspace.requests {
                named.request.spans.locate(&lines);
            }
        }
        return Ok(workspace);
    }
    Err(crate::scenario::located(text, errors))
}

fn read_root(root: &Value, text: &str, errors: &mut Errors) -> Workspace {
    let top = fields(
        root,
        "",
        &[
            "version",
            "title",
            "description",
            "policies",
            "accounts",
            "organization",
            "requests",
            "exercise",
        ],
        errors,
    );
    let span = root.span;
    let title = string(get(&top, "title"), "title", span, false, errors);
    let description = string(get(&top, "description"), "description", span, false, errors);
    let mut policies = Vec::new();
    if let Some(items) = list(get(&top, "policies"), "policies", errors) {
        for (i, item) in items.iter().enumerate() {
            let field = format!("policies[{i}]");
            let m = fields(item, &field, &["name", "document"], errors);
            let name = string(
                get(&m, "name"),
                &format!("{field}.name"),
                item.span,
                true,
                errors,
            );
            let document = match get(&m, "document") {
                Some(d) => document(d, &format!("{field}.document"), text, errors),
                None => {
                    errors.push((format!("{field}.document"), "is required".into(), item.span));
                    None
                }
            };
            if let (Some(name), Some(document)) = (name, document) {
                policies.push(ManagedPolicy { name, document });
            }
        }
    }
    let mut accounts = Vec::new();
    if let Some(members) = object(get(&top, "accounts"), "accounts", errors) {
        for member in members {
            accounts.push(read_account(member, text, errors));
        }
    }
    let organization = get(&top, "organization").map(|v| read_organization(v, errors));
    let mut requests = Vec::new();
    match list(get(&top, "requests"), "requests", errors) {
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                let field = format!("requests[{i}]");
                let m = fields(
                    item,
                    &field,
                    &[
                        "name",
                        "description",
                        "principal",
                        "action",
                        "resource",
                        "resourceAccount",
                        "context",
                        "expect",
                        "assume",
                    ],
                    errors,
                );
                let assume = match list(get(&m, "assume"), &format!("{field}.assume"), errors) {
                    Some(items) => items
                        .iter()
                        .enumerate()
                        .filter_map(|(h, item)| {
                            read_hop(item, &format!("{field}.assume[{h}]"), text, errors)
                        })
                        .collect(),
                    None => Vec::new(),
                };
                let description = string(
                    get(&m, "description"),
                    &format!("{field}.description"),
                    item.span,
                    false,
                    errors,
                );
                let name = string(
                    get(&m, "name"),
                    &format!("{field}.name"),
                    item.span,
                    false,
                    errors,
                )
                .unwrap_or_else(|| format!("request {}", i + 1));
                let request = request_fields(item, &m, &field, errors);
                let expect = match get(&m, "expect") {
                    None => None,
                    Some(v) => match v.as_str().and_then(decision) {
                        Some(d) => Some(d),
                        None => {
                            errors.push((
                                format!("{field}.expect"),
                                "must be `allowed`, `explicitDeny` or `implicitDeny`".into(),
                                v.span,
                            ));
                            None
                        }
                    },
                };
                requests.push(NamedRequest {
                    name,
                    description,
                    request,
                    assume,
                    expect,
                });
            }
        }
        None => {
            if get(&top, "requests").is_none() {
                errors.push((
                    "requests".into(),
                    "is required (it may be an empty list)".into(),
                    span,
                ));
            }
        }
    }
    let exercise = get(&top, "exercise").map(|v| exercise::read_exercise(v, text, errors));
    Workspace {
        title,
        description,
        policies,
        accounts,
        organization,
        requests,
        exercise,
        scenario: None,
    }
}

fn decision(text: &str) -> Option<Decision> {
    [
        Decision::Allowed,
        Decision::ExplicitDeny,
        Decision::ImplicitDeny,
    ]
    .into_iter()
    .find(|d| d.as_str() == text)
}

fn list<'v>(value: Option<&'v Value>, field: &str, errors: &mut Errors) -> Option<&'v [Value]> {
    let v = value?;
    match v.as_array() {
        Some(items) => Some(items),
        None => {
            errors.push((
                field.into(),
                format!("must be a list, found {}", v.type_name()),
                v.span,
            ));
            None
        }
    }
}

fn object<'v>(value: Option<&'v Value>, field: &str, errors: &mut Errors) -> Option<&'v [Member]> {
    let v = value?;
    match v.as_object() {
        Some(members) => Some(members),
        None => {
            errors.push((
                field.into(),
                format!("must be an object, found {}", v.type_name()),
                v.span,
            ));
            None
        }
    }
}

/// A policy document: a JSON object (kept as its slice of the file) or a string holding the policy.
fn document(value: &Value, field: &str, text: &str, errors: &mut Errors) -> Option<Document> {
    match &value.kind {
        ValueKind::String(s) => Some(Document {
            text: s.clone(),
            file_offset: None,
            tree: DocumentTree::default(),
        }),
        ValueKind::Object(_) => {
            let text = value.span.text(text).to_string();
            Some(Document {
                tree: DocumentTree::of(&text, value.clone()),
                text,
                file_offset: Some(value.span.start),
            })
        }
        _ => {
            errors.push((
                field.into(),
                format!(
                    "must be a JSON object or a string holding the policy, found {}",
                    value.type_name()
                ),
                value.span,
            ));
            None
        }
    }
}

fn strings(value: Option<&Value>, field: &str, errors: &mut Errors) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(items) = list(value, field, errors) {
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) => out.push(s.to_string()),
                None => errors.push((
                    format!("{field}[{i}]"),
                    format!("must be a string, found {}", item.type_name()),
                    item.span,
                )),
            }
        }
    }
    out
}

fn tags(value: Option<&Value>, field: &str, errors: &mut Errors) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(members) = object(value, field, errors) {
        for m in members {
            match m.value.as_str() {
                Some(s) => out.push((m.key.clone(), s.to_string())),
                None => errors.push((
                    format!("{field}.\"{}\"", m.key),
                    format!(
                        "a tag value must be a string, found {}",
                        m.value.type_name()
                    ),
                    m.value.span,
                )),
            }
        }
    }
    out
}

fn inline(
    value: Option<&Value>,
    field: &str,
    text: &str,
    errors: &mut Errors,
) -> Vec<(String, Document)> {
    let mut out = Vec::new();
    if let Some(members) = object(value, field, errors) {
        for m in members {
            if let Some(d) = document(&m.value, &format!("{field}.\"{}\"", m.key), text, errors) {
                out.push((m.key.clone(), d));
            }
        }
    }
    out
}

/// `boundary`: a managed policy name, or `null`.
fn optional_name(
    value: Option<&Value>,
    field: &str,
    span: Span,
    errors: &mut Errors,
) -> Option<String> {
    match value {
        Some(v) if matches!(v.kind, ValueKind::Null) => None,
        other => string(other, field, span, false, errors),
    }
}

fn read_account(member: &Member, text: &str, errors: &mut Errors) -> Account {
    let field = format!("accounts.\"{}\"", member.key);
    if !is_account_id(&member.key) {
        errors.push((
            field.clone(),
            "is not a 12-digit account id".into(),
            member.key_span,
        ));
    }
    let m = fields(
        &member.value,
        &field,
        &["users", "groups", "roles", "resources", "blockPublicAccess"],
        errors,
    );
    let mut account = Account {
        id: member.key.clone(),
        block_public_access: get(&m, "blockPublicAccess")
            .map(|v| read_public_access_block(v, &format!("{field}.blockPublicAccess"), errors)),
        ..Account::default()
    };
    if let Some(users) = object(get(&m, "users"), &format!("{field}.users"), errors) {
        for u in users {
            let f = format!("{field}.users.\"{}\"", u.key);
            let um = fields(
                &u.value,
                &f,
                &["groups", "policies", "inline", "boundary", "tags", "path"],
                errors,
            );
            account.users.push(User {
                name: u.key.clone(),
                groups: strings(get(&um, "groups"), &format!("{f}.groups"), errors),
                policies: strings(get(&um, "policies"), &format!("{f}.policies"), errors),
                inline: inline(get(&um, "inline"), &format!("{f}.inline"), text, errors),
                boundary: optional_name(
                    get(&um, "boundary"),
                    &format!("{f}.boundary"),
                    u.value.span,
                    errors,
                ),
                tags: tags(get(&um, "tags"), &format!("{f}.tags"), errors),
                path: string(
                    get(&um, "path"),
                    &format!("{f}.path"),
                    u.value.span,
                    false,
                    errors,
                ),
            });
        }
    }
    if let Some(groups) = object(get(&m, "groups"), &format!("{field}.groups"), errors) {
        for g in groups {
            let f = format!("{field}.groups.\"{}\"", g.key);
            let gm = fields(&g.value, &f, &["policies", "inline"], errors);
            account.groups.push(Group {
                name: g.key.clone(),
                policies: strings(get(&gm, "policies"), &format!("{f}.policies"), errors),
                inline: inline(get(&gm, "inline"), &format!("{f}.inline"), text, errors),
            });
        }
    }
    if let Some(roles) = object(get(&m, "roles"), &format!("{field}.roles"), errors) {
        for r in roles {
            let f = format!("{field}.roles.\"{}\"", r.key);
            let rm = fields(
                &r.value,
                &f,
                &["trust", "policies", "inline", "boundary", "tags", "path"],
                errors,
            );
            account.roles.push(Role {
                name: r.key.clone(),
                trust: get(&rm, "trust")
                    .and_then(|d| document(d, &format!("{f}.trust"), text, errors)),
                policies: strings(get(&rm, "policies"), &format!("{f}.policies"), errors),
                inline: inline(get(&rm, "inline"), &format!("{f}.inline"), text, errors),
                boundary: optional_name(
                    get(&rm, "boundary"),
                    &format!("{f}.boundary"),
                    r.value.span,
                    errors,
                ),
                tags: tags(get(&rm, "tags"), &format!("{f}.tags"), errors),
                path: string(
                    get(&rm, "path"),
                    &format!("{f}.path"),
                    r.value.span,
                    false,
                    errors,
                ),
            });
        }
    }
    if let Some(resources) = object(get(&m, "resources"), &format!("{field}.resources"), errors) {
        for r in resources {
            let f = format!("{field}.resources.\"{}\"", r.key);
            let rm = fields(
                &r.value,
                &f,
                &["policy", "tags", "blockPublicAccess"],
                errors,
            );
            account.resources.push(Resource {
                arn: r.key.clone(),
                policy: get(&rm, "policy")
                    .and_then(|d| document(d, &format!("{f}.policy"), text, errors)),
                tags: tags(get(&rm, "tags"), &format!("{f}.tags"), errors),
                block_public_access: get(&rm, "blockPublicAccess").map(|v| {
                    read_public_access_block(v, &format!("{f}.blockPublicAccess"), errors)
                }),
            });
        }
    }
    account
}

fn read_hop(item: &Value, field: &str, text: &str, errors: &mut Errors) -> Option<Hop> {
    let m = fields(
        item,
        field,
        &["role", "sessionName", "sessionPolicy", "tags"],
        errors,
    );
    let role = string(
        get(&m, "role"),
        &format!("{field}.role"),
        item.span,
        true,
        errors,
    );
    let session_name = string(
        get(&m, "sessionName"),
        &format!("{field}.sessionName"),
        item.span,
        false,
        errors,
    )
    .unwrap_or_else(|| "session".to_string());
    let session_policy = get(&m, "sessionPolicy")
        .and_then(|d| document(d, &format!("{field}.sessionPolicy"), text, errors));
    let tags = tags(get(&m, "tags"), &format!("{field}.tags"), errors);
    let role = role?;
    if !matches!(Principal::parse(&role), Ok(Principal::Role { .. })) {
        if let Some(v) = get(&m, "role") {
            errors.push((
                format!("{field}.role"),
                format!("`{role}` is not a role ARN (`arn:aws:iam::ACCOUNT:role/NAME`)"),
                v.span,
            ));
        }
        return None;
    }
    Some(Hop {
        role,
        session_name,
        session_policy,
        tags,
    })
}

fn read_organization(value: &Value, errors: &mut Errors) -> OrganizationTree {
    let m = fields(
        value,
        "organization",
        &["managementAccount", "ous", "accounts", "scps", "rcps"],
        errors,
    );
    let mut org = OrganizationTree {
        management_account: string(
            get(&m, "managementAccount"),
            "organization.managementAccount",
            value.span,
            false,
            errors,
        ),
        ..OrganizationTree::default()
    };
    if let Some(ous) = object(get(&m, "ous"), "organization.ous", errors) {
        for ou in ous {
            let f = format!("organization.ous.\"{}\"", ou.key);
            let om = fields(&ou.value, &f, &["parent", "name"], errors);
            let parent = string(
                get(&om, "parent"),
                &format!("{f}.parent"),
                ou.value.span,
                true,
                errors,
            );
            let name = string(
                get(&om, "name"),
                &format!("{f}.name"),
                ou.value.span,
                false,
                errors,
            );
            org.ous
                .push((ou.key.clone(), parent.unwrap_or_default(), name));
        }
    }
    if let Some(accounts) = object(get(&m, "accounts"), "organization.accounts", errors) {
        for a in accounts {
            let f = format!("organization.accounts.\"{}\"", a.key);
            if !is_account_id(&a.key) {
                errors.push((f.clone(), "is not a 12-digit account id".into(), a.key_span));
            }
            if let Some(parent) = string(Some(&a.value), &f, a.value.span, true, errors) {
                org.accounts.push((a.key.clone(), parent));
            }
        }
    }
    for (key, out) in [("scps", &mut org.scps), ("rcps", &mut org.rcps)] {
        if let Some(nodes) = object(get(&m, key), &format!("organization.{key}"), errors) {
            for n in nodes {
                let f = format!("organization.{key}.\"{}\"", n.key);
                out.push((n.key.clone(), strings(Some(&n.value), &f, errors)));
            }
        }
    }
    org
}

impl Workspace {
    fn managed(&self, name: &str) -> Option<&ManagedPolicy> {
        self.policies.iter().find(|p| p.name == name)
    }

    /// Problems a well-typed workspace can still have: `(field, message)` — references to managed
    /// policies, groups and organization nodes that do not exist, duplicate names, cycles in the OU tree.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (i, p) in self.policies.iter().enumerate() {
            if self.policies.iter().take(i).any(|q| q.name == p.name) {
                out.push((
                    format!("policies[{i}].name"),
                    format!(
                        "`{}` is the name of an earlier policy; names must be unique",
                        p.name
                    ),
                ));
            }
        }
        let reference = |field: String, name: &str, out: &mut Vec<(String, String)>| {
            if self.managed(name).is_none() {
                out.push((
                    field,
                    format!("`{name}` is not one of the workspace's `policies`"),
                ));
            }
        };
        for a in &self.accounts {
            let base = format!("accounts.\"{}\"", a.id);
            for u in &a.users {
                let f = format!("{base}.users.\"{}\"", u.name);
                for (i, name) in u.policies.iter().enumerate() {
                    reference(format!("{f}.policies[{i}]"), name, &mut out);
                }
                if let Some(b) = &u.boundary {
                    reference(format!("{f}.boundary"), b, &mut out);
                }
                for (i, g) in u.groups.iter().enumerate() {
                    if !a.groups.iter().any(|group| &group.name == g) {
                        out.push((
                            format!("{f}.groups[{i}]"),
                            format!("`{g}` is not a group of account {}", a.id),
                        ));
                    }
                }
            }
            for g in &a.groups {
                for (i, name) in g.policies.iter().enumerate() {
                    reference(
                        format!("{base}.groups.\"{}\".policies[{i}]", g.name),
                        name,
                        &mut out,
                    );
                }
            }
            for r in &a.roles {
                let f = format!("{base}.roles.\"{}\"", r.name);
                for (i, name) in r.policies.iter().enumerate() {
                    reference(format!("{f}.policies[{i}]"), name, &mut out);
                }
                if let Some(b) = &r.boundary {
                    reference(format!("{f}.boundary"), b, &mut out);
                }
            }
            for r in &a.resources {
                if r.block_public_access.is_some()
                    && s3_bucket(&r.arn).is_none_or(|(_, object)| object)
                {
                    out.push((
                        format!("{base}.resources.\"{}\".blockPublicAccess", r.arn),
                        "Block Public Access is a setting of an S3 bucket (`arn:aws:s3:::NAME`) or of an account".to_string(),
                    ));
                }
            }
        }
        if let Some(org) = &self.organization {
            let is_node = |node: &str| {
                node.starts_with("r-")
                    || org.ous.iter().any(|(id, _, _)| id == node)
                    || is_account_id(node)
            };
            for (id, parent, _) in &org.ous {
                if !is_node(parent) || parent == id {
                    out.push((
                        format!("organization.ous.\"{id}\".parent"),
                        format!("`{parent}` is not the root (`r-…`) or another OU of `ous`"),
                    ));
                }
            }
            for (account, parent) in &org.accounts {
                if !(parent.starts_with("r-") || org.ous.iter().any(|(id, _, _)| id == parent)) {
                    out.push((
                        format!("organization.accounts.\"{account}\""),
                        format!("`{parent}` is not the root (`r-…`) or an OU of `ous`"),
                    ));
                }
                if org_path(org, parent).is_none() {
                    out.push((format!("organization.accounts.\"{account}\""), "the OUs above this account do not lead to the root (a cycle or a missing parent)".to_string()));
                }
            }
            for (key, attached) in [("scps", &org.scps), ("rcps", &org.rcps)] {
                for (node, names) in attached {
                    if !is_node(node) {
                        out.push((
                            format!("organization.{key}.\"{node}\""),
                            format!(
                                "`{node}` is not the root (`r-…`), an OU of `ous` or an account id"
                            ),
                        ));
                    }
                    for (i, name) in names.iter().enumerate() {
                        reference(
                            format!("organization.{key}.\"{node}\"[{i}]"),
                            name,
                            &mut out,
                        );
                    }
                }
            }
        }
        out.extend(self.exercise_problems());
        out
    }

    /// The scenario of request `index`: its request, the policies the model says apply to it, and
    /// the organization. `None` when there is no such request.
    pub fn scenario(&self, index: usize) -> Option<Scenario> {
        if let Some(s) = &self.scenario {
            return (index == 0).then(|| s.clone());
        }
        let named = self.requests.get(index)?;
        Some(self.derive(&named.request))
    }

    /// Evaluate request `index`: each hop of its AssumeRole chain (`sts:AssumeRole` by the current
    /// principal on the role, and `sts:TagSession` when the hop passes tags), then the request made
    /// by the last session, with that hop's session policy and session tags. A hop that is not
    /// allowed ends the run with its decision. `catalog` as for [`crate::Options::catalog`].
    pub fn run(&self, index: usize, catalog: Option<&crate::Catalog>) -> Option<Run> {
        self.runner().run(index, catalog)
    }

    /// A [`Runner`] of this workspace's requests: running several of them (all of them, to check
    /// an exercise) lowers each document once for all.
    pub fn runner(&self) -> Runner<'_> {
        Runner {
            ws: self,
            cache: Lowerings::default(),
        }
    }

    /// Every policy document of the workspace, each once, as what it is used for (for linting): the
    /// managed policies (as SCP or RCP when attached to the organization, as a boundary when used
    /// only as one, else as identity policies), inline policies, trust policies (role trust
    /// policies), resource policies and the session policies of AssumeRole hops.
    pub fn documents(&self) -> Vec<(PolicyInput, crate::policy::LintOptions)> {
        let plain = crate::policy::LintOptions::default();
        let input =
            |name: String, policy_type: PolicyType, d: &Document, origin: String| PolicyInput {
                name,
                policy_type,
                target: None,
                document: d.text.clone(),
                file_offset: d.file_offset,
                origin: Some(origin),
                tree: d.tree.clone(),
            };
        let mut out = Vec::new();
        let org = self.organization.as_ref();
        let attached_in = |attached: Option<&Vec<(String, Vec<String>)>>, name: &str| {
            attached.is_some_and(|nodes| {
                nodes
                    .iter()
                    .any(|(_, names)| names.iter().any(|n| n == name))
            })
        };
        let used_as_identity = |name: &str| {
            self.accounts.iter().any(|a| {
                a.users.iter().any(|u| u.policies.iter().any(|p| p == name))
                    || a.groups
                        .iter()
                        .any(|g| g.policies.iter().any(|p| p == name))
                    || a.roles.iter().any(|r| r.policies.iter().any(|p| p == name))
            })
        };
        for p in &self.policies {
            let policy_type = if attached_in(org.map(|o| &o.scps), &p.name) {
                PolicyType::Scp
            } else if attached_in(org.map(|o| &o.rcps), &p.name) {
                PolicyType::Rcp
            } else if !used_as_identity(&p.name)
                && self.accounts.iter().any(|a| {
                    a.users
                        .iter()
                        .any(|u| u.boundary.as_deref() == Some(p.name.as_str()))
                        || a.roles
                            .iter()
                            .any(|r| r.boundary.as_deref() == Some(p.name.as_str()))
                })
            {
                PolicyType::PermissionsBoundary
            } else {
                PolicyType::Identity
            };
            out.push((
                input(
                    p.name.clone(),
                    policy_type,
                    &p.document,
                    "managed policy".into(),
                ),
                plain,
            ));
        }
        for a in &self.accounts {
            for u in &a.users {
                for (n, d) in &u.inline {
                    out.push((
                        input(
                            format!("{}:{n}", u.name),
                            PolicyType::Identity,
                            d,
                            format!("inline in user {}", u.name),
                        ),
                        plain,
                    ));
                }
            }
            for g in &a.groups {
                for (n, d) in &g.inline {
                    out.push((
                        input(
                            format!("{}:{n}", g.name),
                            PolicyType::Identity,
                            d,
                            format!("inline in group {}", g.name),
                        ),
                        plain,
                    ));
                }
            }
            for r in &a.roles {
                if let Some(d) = &r.trust {
                    let trust = crate::policy::LintOptions {
                        role_trust_policy: true,
                    };
                    out.push((
                        input(
                            format!("{}:trust", r.name),
                            PolicyType::Resource,
                            d,
                            format!("trust policy of role {}", r.name),
                        ),
                        trust,
                    ));
                }
                for (n, d) in &r.inline {
                    out.push((
                        input(
                            format!("{}:{n}", r.name),
                            PolicyType::Identity,
                            d,
                            format!("inline in role {}", r.name),
                        ),
                        plain,
                    ));
                }
            }
            for r in &a.resources {
                if let Some(d) = &r.policy {
                    let short = r.arn.rsplit([':', '/']).next().unwrap_or(&r.arn);
                    out.push((
                        input(
                            format!("{short}:policy"),
                            PolicyType::Resource,
                            d,
                            format!("policy of {}", r.arn),
                        ),
                        plain,
                    ));
                }
            }
        }
        for request in &self.requests {
            for hop in &request.assume {
                if let Some(d) = &hop.session_policy {
                    out.push((
                        input(
                            format!("{}:session", hop.session_name),
                            PolicyType::Session,
                            d,
                            format!("session policy of request {}", request.name),
                        ),
                        plain,
                    ));
                }
            }
        }
        out
    }

    /// The scenario of a request by `principal` on `resource`, its policies derived from the model
    /// (for questions over the model, such as the access matrix of one of its principals).
    pub fn scenario_for(&self, principal: &str, action: &str, resource: &str) -> Scenario {
        self.derive(&RequestInput {
            principal: principal.to_string(),
            action: action.to_string(),
            resource: resource.to_string(),
            resource_account: None,
            spans: Default::default(),
            context: Vec::new(),
        })
    }

    /// Every principal of the workspace: each user, each role (as a session of it, docs/decisions.md
    /// A12), each account's root user, and an anonymous caller.
    pub fn principals(&self) -> Vec<String> {
        let mut out = Vec::new();
        for a in &self.accounts {
            for u in &a.users {
                out.push(format!(
                    "arn:aws:iam::{}:user{}{}",
                    a.id,
                    path_of(u.path.as_deref()),
                    u.name
                ));
            }
            for r in &a.roles {
                out.push(format!(
                    "arn:aws:iam::{}:role{}{}",
                    a.id,
                    path_of(r.path.as_deref()),
                    r.name
                ));
            }
            out.push(format!("arn:aws:iam::{}:root", a.id));
        }
        out.push("*".to_string());
        out
    }

    /// Who can do `action` on `resource`: every principal of [`Workspace::principals`] with its
    /// report, the allowed ones first (then in workspace order).
    pub fn who_can(
        &self,
        action: &str,
        resource: &str,
        catalog: Option<&crate::Catalog>,
    ) -> Vec<(String, crate::Report)> {
        // Every principal's scenario shares the resource's and the organization's policies.
        let mut cache = Lowerings::default();
        let mut out: Vec<(String, crate::Report)> = self
            .principals()
            .into_iter()
            .map(|principal| {
                let request = RequestInput {
                    principal: principal.clone(),
                    action: action.to_string(),
                    resource: resource.to_string(),
                    resource_account: None,
                    spans: Default::default(),
                    context: Vec::new(),
                };
                let options = crate::Options {
                    catalog,
                    ..crate::Options::default()
                };
                let report = analyze_with(&self.derive(&request), &options, Some(&mut cache));
                (principal, report)
            })
            .collect();
        // A stable sort keeps the workspace order within each group.
        out.sort_by_key(|(_, r)| r.decision() != Some(Decision::Allowed));
        out
    }

    /// [`Workspace::derive`] for a request made by a hop's session: its session policy applies and
    /// its session tags are principal tags (they override the role's).
    fn derive_for_session(&self, request: &RequestInput, session: Option<&Hop>) -> Scenario {
        let Some(hop) = session else {
            return self.derive(request);
        };
        let mut request = request.clone();
        for (k, v) in &hop.tags {
            add_context(&mut request, format!("aws:PrincipalTag/{k}"), v.clone());
        }
        let mut scenario = self.derive(&request);
        if let Some(policy) = &hop.session_policy {
            scenario.policies.push(PolicyInput {
                name: format!("{}:session", hop.session_name),
                policy_type: PolicyType::Session,
                target: None,
                document: policy.text.clone(),
                file_offset: policy.file_offset,
                origin: Some(format!("session policy passed when assuming {}", hop.role)),
                tree: policy.tree.clone(),
            });
        }
        scenario
    }

    // long: a request's scenario from the model, in the order the scenario lists policies (identity, boundary, resource, Block Public Access, SCPs and RCPs), sharing the dedup table. Not split yet (issue 8)
    fn derive(&self, request: &RequestInput) -> Scenario {
        let mut request = request.clone();
        let mut policies: Vec<PolicyInput> = Vec::new();
        // A policy reached twice (a managed policy attached to the user and to one of its groups) is
        // evaluated once; its origin names both routes.
        let push = |policies: &mut Vec<PolicyInput>,
                    name: String,
                    policy_type: PolicyType,
                    target: Option<String>,
                    d: &Document,
                    origin: String| {
            match policies
                .iter_mut()
                .find(|p| p.name == name && p.policy_type == policy_type && p.target == target)
            {
                Some(p) => {
                    if let Some(o) = &mut p.origin {
                        o.push_str(" and ");
                        o.push_str(origin.trim_start_matches("attached to "));
                    }
                }
                None => policies.push(PolicyInput {
                    name,
                    policy_type,
                    target,
                    document: d.text.clone(),
                    file_offset: d.file_offset,
                    origin: Some(origin),
                    tree: d.tree.clone(),
                }),
            }
        };
        let managed = |policies: &mut Vec<PolicyInput>,
                       name: &str,
                       policy_type: PolicyType,
                       label: String,
                       origin: String| {
            if let Some(p) = self.managed(name) {
                push(policies, label, policy_type, None, &p.document, origin);
            }
        };
        // The caller's identity policies, boundary and tags.
        let mut principal_tags: Vec<(String, String)> = Vec::new();
        match Principal::parse(&request.principal) {
            Ok(Principal::User { account, name, .. }) => {
                if let Some((a, u)) = self.user(&account, &name) {
                    for (n, d) in &u.inline {
                        push(
                            &mut policies,
                            format!("{}:{n}", u.name),
                            PolicyType::Identity,
                            None,
                            d,
                            format!("inline in user {}", u.name),
                        );
                    }
                    for n in &u.policies {
                        let origin = format!("attached to user {}", u.name);
                        managed(&mut policies, n, PolicyType::Identity, n.clone(), origin);
                    }
                    for g in u
                        .groups
                        .iter()
                        .filter_map(|g| a.groups.iter().find(|x| &x.name == g))
                    {
                        for (n, d) in &g.inline {
                            push(
                                &mut policies,
                                format!("{}:{n}", g.name),
                                PolicyType::Identity,
                                None,
                                d,
                                format!("inline in group {}, which {} is in", g.name, u.name),
                            );
                        }
                        for n in &g.policies {
                            let origin =
                                format!("attached to group {}, which {} is in", g.name, u.name);
                            managed(&mut policies, n, PolicyType::Identity, n.clone(), origin);
                        }
                    }
                    if let Some(b) = &u.boundary {
                        managed(
                            &mut policies,
                            b,
                            PolicyType::PermissionsBoundary,
                            format!("boundary:{b}"),
                            format!("permissions boundary of user {}", u.name),
                        );
                    }
                    principal_tags.clone_from(&u.tags);
                }
            }
            Ok(Principal::Role { account, name, .. })
            | Ok(Principal::AssumedRole {
                account,
                role_name: name,
                ..
            }) => {
                if let Some(r) = self.role(&account, &name) {
                    for (n, d) in &r.inline {
                        push(
                            &mut policies,
                            format!("{}:{n}", r.name),
                            PolicyType::Identity,
                            None,
                            d,
                            format!("inline in role {}", r.name),
                        );
                    }
                    for n in &r.policies {
                        let origin = format!("attached to role {}", r.name);
                        managed(&mut policies, n, PolicyType::Identity, n.clone(), origin);
                    }
                    if let Some(b) = &r.boundary {
                        managed(
                            &mut policies,
                            b,
                            PolicyType::PermissionsBoundary,
                            format!("boundary:{b}"),
                            format!("permissions boundary of role {}", r.name),
                        );
                    }
                    principal_tags.clone_from(&r.tags);
                }
            }
            _ => {}
        }
        for (k, v) in principal_tags {
            add_context(&mut request, format!("aws:PrincipalTag/{k}"), v);
        }
        // The resource's policy: a role's trust policy, the exact ARN, or an object's bucket.
        let mut resource_account: Option<String> = None;
        let trusted_role = is_role_trust_request(&request.action, &request.resource)
            .then(|| self.role_by_arn(&request.resource))
            .flatten();
        if let Some((account, role)) = trusted_role {
            if let Some(trust) = &role.trust {
                push(
                    &mut policies,
                    format!("{}:trust", role.name),
                    PolicyType::Resource,
                    None,
                    trust,
                    format!("trust policy of role {}", role.name),
                );
            }
            for (k, v) in &role.tags {
                add_context(&mut request, format!("aws:ResourceTag/{k}"), v.clone());
            }
            resource_account = Some(account.to_string());
        } else if let Some((account, resource)) = self.resource(&request.resource) {
            if let Some(policy) = &resource.policy {
                let short = resource
                    .arn
                    .rsplit([':', '/'])
                    .next()
                    .unwrap_or(&resource.arn);
                push(
                    &mut policies,
                    format!("{short}:policy"),
                    PolicyType::Resource,
                    None,
                    policy,
                    format!("policy of {}", resource.arn),
                );
            }
            if resource.arn == request.resource {
                for (k, v) in &resource.tags {
                    add_context(&mut request, format!("aws:ResourceTag/{k}"), v.clone());
                }
            }
            resource_account = Some(account.to_string());
        }
        if request.resource_account.is_none() {
            request.resource_account = resource_account;
        }
        // S3 Block Public Access: the bucket's own settings and those of the account that owns it.
        let block_public_access = s3_bucket(&request.resource).and_then(|(bucket, _)| {
            let bucket = self
                .resource(bucket)
                .and_then(|(_, r)| r.block_public_access);
            let account = request
                .resource_account
                .as_deref()
                .and_then(|id| self.account(id))
                .and_then(|a| a.block_public_access);
            (bucket.is_some() || account.is_some()).then_some(BlockPublicAccess { account, bucket })
        });
        // SCPs and RCPs, by each member account's path.
        let organization = self.organization.as_ref().map(|org| {
            for (key, policy_type) in [(&org.scps, PolicyType::Scp), (&org.rcps, PolicyType::Rcp)] {
                for (node, names) in key {
                    for n in names {
                        if let Some(p) = self.managed(n) {
                            let kind = if policy_type == PolicyType::Scp {
                                "SCP"
                            } else {
                                "RCP"
                            };
                            push(
                                &mut policies,
                                n.clone(),
                                policy_type,
                                Some(node.clone()),
                                &p.document,
                                format!("{kind} attached to {}", node_words(org, node)),
                            );
                        }
                    }
                }
            }
            Organization {
                management_account: org.management_account.clone(),
                accounts: org
                    .accounts
                    .iter()
                    .filter_map(|(a, parent)| org_path(org, parent).map(|path| (a.clone(), path)))
                    .collect(),
            }
        });
        Scenario {
            request,
            policies,
            organization,
            block_public_access,
        }
    }

    fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }

    fn user(&self, account: &str, name: &str) -> Option<(&Account, &User)> {
        let a = self.account(account)?;
        Some((a, a.users.iter().find(|u| u.name == name)?))
    }

    fn role(&self, account: &str, name: &str) -> Option<&Role> {
        self.account(account)?.roles.iter().find(|r| r.name == name)
    }

    /// `arn:aws:iam::ACCOUNT:role/path/NAME` → the role NAME of ACCOUNT.
    fn role_by_arn(&self, arn: &str) -> Option<(&str, &Role)> {
        let mut parts = arn.splitn(6, ':');
        let (_, _, service, _, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if service != "iam" {
            return None;
        }
        let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
        let a = self.account(account)?;
        Some((a.id.as_str(), a.roles.iter().find(|r| r.name == name)?))
    }

    /// The workspace resource for an ARN: the exact ARN, or for an S3 object its bucket.
    fn resource(&self, arn: &str) -> Option<(&str, &Resource)> {
        let find = |wanted: &str| {
            self.accounts.iter().find_map(|a| {
                a.resources
                    .iter()
                    .find(|r| r.arn == wanted)
                    .map(|r| (a.id.as_str(), r))
            })
        };
        find(arn).or_else(|| {
            let bucket = arn.strip_prefix("arn:")?;
            let (partition, rest) = bucket.split_once(':')?;
            let key_path = rest.strip_prefix("s3:::")?;
            let (bucket, _) = key_path.split_once('/')?;
            find(&format!("arn:{partition}:s3:::{bucket}"))
        })
    }
}

/// `the root, r-root`, `OU Prod, ou-prod`, `account 111122223333`.
fn node_words(org: &OrganizationTree, node: &str) -> String {
    if node.starts_with("r-") {
        return format!("the root, {node}");
    }
    match org.ous.iter().find(|(id, _, _)| id == node) {
        Some((_, _, Some(name))) => format!("OU {name}, {node}"),
        Some(_) => format!("OU {node}"),
        None => format!("account {node}"),
    }
}

/// `/` or `/path/` as written in an ARN (`user/NAME` or `user/path/NAME`).
fn path_of(path: Option<&str>) -> String {
    match path.map(|p| p.trim_matches('/')) {
        Some(p) if !p.is_empty() => format!("/{p}/"),
        _ => "/".to_string(),
    }
}

/// `arn:aws:iam::A:role/path/NAME` → `arn:aws:sts::A:assumed-role/NAME/SESSION`.
fn session_arn(role: &str, session_name: &str) -> String {
    match Principal::parse(role) {
        Ok(Principal::Role { account, name, .. }) => {
            format!("arn:aws:sts::{account}:assumed-role/{name}/{session_name}")
        }
        _ => role.to_string(),
    }
}

/// Add a context key unless the request gives it (keys are case-insensitive).
fn add_context(request: &mut RequestInput, key: String, value: String) {
    if !request
        .context
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case(&key))
    {
        request.context.push((key, ContextValue::Single(value)));
    }
}

/// The path from the root to `node` (inclusive), following OU parents; `None` on a cycle or a
/// missing parent.
fn org_path(org: &OrganizationTree, node: &str) -> Option<Vec<String>> {
    let mut path = vec![node.to_string()];
    let mut current = node.to_string();
    while !current.starts_with("r-") {
        let (_, parent, _) = org.ous.iter().find(|(id, _, _)| *id == current)?;
        if path.iter().any(|p| p == parent) || path.len() > org.ous.len() + 1 {
            return None;
        }
        path.push(parent.clone());
        current = parent.clone();
    }
    path.reverse();
    Some(path)
}

/// Runs a workspace's requests ([`Workspace::runner`]); the documents it lowers are kept for the
/// next run.
pub struct Runner<'w> {
    ws: &'w Workspace,
    cache: Lowerings,
}

impl Runner<'_> {
    /// [`Workspace::run`] of request `index`. Give every run of one runner the same `catalog` (or
    /// none): the lowered documents it keeps were checked with it. (A parameter, not a field: a
    /// caller that passes `None`, the playground's page, then links none of the catalog's checks.)
    pub fn run(&mut self, index: usize, catalog: Option<&crate::Catalog>) -> Option<Run> {
        let options = crate::Options {
            catalog,
            ..crate::Options::default()
        };
        let ws = self.ws;
        if let Some(scenario) = &ws.scenario {
            if index != 0 {
                return None;
            }
            let report = analyze_with(scenario, &options, Some(&mut self.cache));
            return Some(Run {
                decision: report.decision(),
                steps: vec![RunStep {
                    label: String::new(),
                    scenario: scenario.clone(),
                    report,
                }],
                stopped_at_hop: false,
            });
        }
        let named = ws.requests.get(index)?;
        let mut steps = Vec::new();
        let mut principal = named.request.principal.clone();
        let mut session: Option<&Hop> = None;
        for hop in &named.assume {
            let mut actions = vec!["sts:AssumeRole"];
            if !hop.tags.is_empty() {
                actions.push("sts:TagSession");
            }
            for action in actions {
                let mut request = RequestInput {
                    principal: principal.clone(),
                    action: action.to_string(),
                    resource: hop.role.clone(),
                    resource_account: None,
                    spans: Default::default(),
                    context: Vec::new(),
                };
                for (k, v) in &hop.tags {
                    add_context(&mut request, format!("aws:RequestTag/{k}"), v.clone());
                }
                if !hop.tags.is_empty() {
                    request.context.push((
                        "aws:TagKeys".to_string(),
                        ContextValue::Multi(hop.tags.iter().map(|(k, _)| k.clone()).collect()),
                    ));
                }
                let scenario = ws.derive_for_session(&request, session);
                let report = analyze_with(&scenario, &options, Some(&mut self.cache));
                let decision = report.decision();
                steps.push(RunStep {
                    label: format!("{action} {}", hop.role),
                    scenario,
                    report,
                });
                if decision != Some(Decision::Allowed) {
                    return Some(Run {
                        steps,
                        decision,
                        stopped_at_hop: true,
                    });
                }
            }
            principal = session_arn(&hop.role, &hop.session_name);
            session = Some(hop);
        }
        let mut request = named.request.clone();
        request.principal = principal;
        let scenario = ws.derive_for_session(&request, session);
        let report = analyze_with(&scenario, &options, Some(&mut self.cache));
        let decision = report.decision();
        steps.push(RunStep {
            label: String::new(),
            scenario,
            report,
        });
        Some(Run {
            steps,
            decision,
            stopped_at_hop: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE: &str = r#"{
  "version": 2,
  "policies": [
    { "name": "ReadPhotos", "document": { "Version": "2012-10-17", "Statement": [
      { "Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" } ] } },
    { "name": "Boundary", "document": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Allow", "Action": "s3:*", "Resource": "*" } ] } },
    { "name": "Full", "document": { "Version": "2012-10-17", "Statement": [
      { "Effect": "Allow", "Action": "*", "Resource": "*" } ] } }
  ],
  "accounts": {
    "111122223333": {
      "users": { "alice": { "groups": ["Devs"], "boundary": "Boundary", "tags": { "team": "red" },
                            "inline": { "Own": { "Version": "2012-10-17", "Statement": [] } } } },
      "groups": { "Devs": { "policies": ["ReadPhotos"] } },
      "roles": { "Ops": { "trust": { "Version": "2012-10-17", "Statement": [] }, "policies": ["ReadPhotos"] } },
      "resources": { "arn:aws:s3:::photos": { "policy": "{}", "tags": { "env": "prod" } } }
    }
  },
  "organization": {
    "ous": { "ou-a": { "parent": "r-root" }, "ou-b": { "parent": "ou-a" } },
    "accounts": { "111122223333": "ou-b" },
    "scps": { "r-root": ["Full"], "ou-b": ["Full"] }
  },
  "requests": [
    { "name": "read", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::photos/cat.jpg", "expect": "allowed" },
    { "name": "assume", "principal": "arn:aws:iam::111122223333:user/alice", "action": "sts:AssumeRole",
      "resource": "arn:aws:iam::111122223333:role/Ops" },
    { "name": "session", "principal": "arn:aws:sts::111122223333:assumed-role/Ops/s", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::photos/cat.jpg", "context": { "aws:PrincipalTag/team": "given" } }
  ]
}"#;

    fn names(s: &Scenario) -> Vec<(String, PolicyType, Option<String>)> {
        s.policies
            .iter()
            .map(|p| (p.name.clone(), p.policy_type, p.target.clone()))
            .collect()
    }

    #[test]
    fn a_users_policies_come_from_itself_and_its_groups() {
        let w = parse_workspace(WORKSPACE).unwrap();
        let s = w.scenario(0).unwrap();
        let n = names(&s);
        assert!(n.contains(&("alice:Own".into(), PolicyType::Identity, None)));
        assert!(
            n.contains(&("ReadPhotos".into(), PolicyType::Identity, None)),
            "from group Devs"
        );
        assert!(n.contains(&(
            "boundary:Boundary".into(),
            PolicyType::PermissionsBoundary,
            None
        )));
        assert!(
            n.contains(&("photos:policy".into(), PolicyType::Resource, None)),
            "the object's bucket"
        );
        assert!(n.contains(&("Full".into(), PolicyType::Scp, Some("r-root".into()))));
        assert!(n.contains(&("Full".into(), PolicyType::Scp, Some("ou-b".into()))));
        assert_eq!(
            s.request.resource_account.as_deref(),
            Some("111122223333"),
            "the bucket's account"
        );
        assert!(
            s.request
                .context
                .iter()
                .any(|(k, v)| k == "aws:PrincipalTag/team"
                    && *v == ContextValue::Single("red".into()))
        );
        assert!(
            !s.request
                .context
                .iter()
                .any(|(k, _)| k.starts_with("aws:ResourceTag/")),
            "tags of the bucket, not of the object"
        );
        let org = s.organization.unwrap();
        assert_eq!(
            org.accounts,
            vec![(
                "111122223333".to_string(),
                vec!["r-root".to_string(), "ou-a".into(), "ou-b".into()]
            )],
            "a nested OU inherits its parents' path"
        );
        let report = crate::analyze(&w.scenario(0).unwrap(), &crate::Options::default());
        assert_eq!(report.decision(), Some(Decision::Allowed));
    }

    #[test]
    fn assuming_a_role_is_checked_against_its_trust_policy_and_a_session_gets_the_roles_policies() {
        let w = parse_workspace(WORKSPACE).unwrap();
        let s = w.scenario(1).unwrap();
        assert!(names(&s).contains(&("Ops:trust".into(), PolicyType::Resource, None)));
        let s = w.scenario(2).unwrap();
        assert!(names(&s).contains(&("ReadPhotos".into(), PolicyType::Identity, None)));
        assert!(
            s.request
                .context
                .iter()
                .any(|(k, v)| k == "aws:PrincipalTag/team"
                    && *v == ContextValue::Single("given".into())),
            "a key the request gives wins"
        );
    }

    #[test]
    fn a_v1_scenario_is_a_workspace_of_one_request() {
        let text = r#"{"request": {"principal": "*", "action": "s3:GetObject", "resource": "*"}, "policies": []}"#;
        let w = parse_workspace(text).unwrap();
        assert_eq!(w.requests.len(), 1);
        assert_eq!(w.scenario(0), Some(crate::parse_scenario(text).unwrap()));
    }

    #[test]
    fn errors_name_their_field_and_position() {
        let text = "{\"version\": 2,\n \"policies\": [],\n \"accounts\": {\"111122223333\": {\"users\": {\"alice\": {\"policies\": [\"Nope\"], \"groups\": [\"G\"]}}}},\n \"requests\": [{\"principal\": \"*\", \"action\": \"a:b\", \"resource\": \"*\", \"expect\": \"maybe\", \"assume\": [{\"role\": \"nope\"}]}]}";
        let e = parse_workspace(text).unwrap_err();
        let find = |field: &str| {
            e.iter()
                .find(|x| x.field == field)
                .unwrap_or_else(|| panic!("{field} in {e:?}"))
        };
        let p = find("accounts.\"111122223333\".users.\"alice\".policies[0]");
        assert!(p.message.contains("`Nope`"));
        assert_eq!((p.start.line, p.start.column), (3, 65));
        assert!(find("accounts.\"111122223333\".users.\"alice\".groups[0]")
            .message
            .contains("not a group"));
        assert!(find("requests[0].expect").message.contains("implicitDeny"));
        assert!(find("requests[0].assume[0].role")
            .message
            .contains("not a role ARN"));
        for x in &e {
            assert_ne!((x.start.line, x.start.column), (1, 1), "{x}");
        }
    }

    #[test]
    fn schema_lists_the_readers_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/workspace-v2.schema.json")).unwrap();
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let p = &schema["properties"];
        assert_eq!(
            keys(&schema),
            [
                "accounts",
                "description",
                "exercise",
                "organization",
                "policies",
                "requests",
                "title",
                "version"
            ]
        );
        assert_eq!(
            keys(&p["exercise"]),
            ["hints", "readOnly", "solution", "task"]
        );
        let account = &p["accounts"]["additionalProperties"];
        assert_eq!(
            keys(account),
            ["blockPublicAccess", "groups", "resources", "roles", "users"]
        );
        let settings = |v: &serde_json::Value| {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let mut expected: Vec<String> = crate::scenario::PUBLIC_ACCESS_SETTINGS
            .iter()
            .map(|s| s.to_string())
            .collect();
        expected.sort();
        assert_eq!(settings(&schema["$defs"]["blockPublicAccess"]), expected);
        let entity = |kind: &str| keys(&account["properties"][kind]["additionalProperties"]);
        assert_eq!(
            entity("users"),
            ["boundary", "groups", "inline", "path", "policies", "tags"]
        );
        assert_eq!(entity("groups"), ["inline", "policies"]);
        assert_eq!(
            entity("roles"),
            ["boundary", "inline", "path", "policies", "tags", "trust"]
        );
        assert_eq!(entity("resources"), ["blockPublicAccess", "policy", "tags"]);
        assert_eq!(
            keys(&p["organization"]),
            ["accounts", "managementAccount", "ous", "rcps", "scps"]
        );
        assert_eq!(
            keys(&p["requests"]["items"]),
            [
                "action",
                "assume",
                "context",
                "description",
                "expect",
                "name",
                "principal",
                "resource",
                "resourceAccount"
            ]
        );
    }

    #[test]
    fn the_schema_lists_a_hops_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/workspace-v2.schema.json")).unwrap();
        let hop = &schema["properties"]["requests"]["items"]["properties"]["assume"]["items"]
            ["properties"];
        let mut keys: Vec<&String> = hop.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["role", "sessionName", "sessionPolicy", "tags"]);
    }

    const BPA: &str = r#"{
  "version": 2,
  "accounts": {
    "111122223333": {
      "blockPublicAccess": { "restrictPublicBuckets": true, "blockPublicPolicy": true },
      "resources": {
        "arn:aws:s3:::site": { "policy": "{}", "blockPublicAccess": { "ignorePublicAcls": true } },
        "arn:aws:s3:::plain": {}
      }
    },
    "444455556666": { "resources": { "arn:aws:s3:::theirs": { "blockPublicAccess": { "blockPublicAcls": true } } } }
  },
  "requests": [
    { "name": "object", "principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::site/index.html" },
    { "name": "bucket of the account", "principal": "*", "action": "s3:ListBucket", "resource": "arn:aws:s3:::plain" },
    { "name": "unknown bucket", "principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::elsewhere/x" },
    { "name": "unknown bucket, account given", "principal": "*", "action": "s3:GetObject",
      "resource": "arn:aws:s3:::elsewhere/x", "resourceAccount": "111122223333" },
    { "name": "not s3", "principal": "*", "action": "sqs:SendMessage",
      "resource": "arn:aws:sqs:us-east-1:111122223333:q", "resourceAccount": "111122223333" },
    { "name": "other account's bucket", "principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::theirs/x" }
  ]
}"#;

    /// A request on a bucket or object gets the bucket's settings and those of its owner account.
    #[test]
    fn block_public_access_comes_from_the_bucket_and_its_account() {
        let w = parse_workspace(BPA).unwrap();
        let account = Some(PublicAccessBlock {
            restrict_public_buckets: true,
            block_public_policy: true,
            ..PublicAccessBlock::default()
        });
        let bpa = |i: usize| w.scenario(i).unwrap().block_public_access;
        assert_eq!(
            bpa(0),
            Some(BlockPublicAccess {
                account,
                bucket: Some(PublicAccessBlock {
                    ignore_public_acls: true,
                    ..PublicAccessBlock::default()
                }),
            })
        );
        assert_eq!(
            bpa(1),
            Some(BlockPublicAccess {
                account,
                bucket: None
            })
        );
        assert_eq!(bpa(2), None, "a bucket the workspace does not know");
        assert_eq!(
            bpa(3),
            Some(BlockPublicAccess {
                account,
                bucket: None
            }),
            "the account the request names"
        );
        assert_eq!(bpa(4), None, "not an S3 resource");
        assert_eq!(
            bpa(5),
            Some(BlockPublicAccess {
                account: None,
                bucket: Some(PublicAccessBlock {
                    block_public_acls: true,
                    ..PublicAccessBlock::default()
                }),
            })
        );
        // Written back as read.
        let again = parse_workspace(&w.to_json()).unwrap();
        assert_eq!(again.accounts[0].block_public_access, account);
        assert_eq!(
            again.accounts[0].resources[0].block_public_access,
            w.accounts[0].resources[0].block_public_access
        );
    }

    #[test]
    fn block_public_access_is_read_strictly() {
        let text = "{\"version\": 2, \"requests\": [], \"accounts\": {\"111122223333\": {\n  \"blockPublicAccess\": {\"RestrictPublicBuckets\": true, \"blockPublicPolicy\": \"yes\"},\n  \"resources\": {\"arn:aws:s3:::b/key\": {\"blockPublicAccess\": {}}, \"arn:aws:sqs:us-east-1:111122223333:q\": {\"blockPublicAccess\": {}}}}}}";
        let e = parse_workspace(text).unwrap_err();
        let find = |field: &str| {
            e.iter()
                .find(|x| x.field == field)
                .unwrap_or_else(|| panic!("{field} in {e:?}"))
        };
        let base = "accounts.\"111122223333\"";
        let unknown = find(&format!("{base}.blockPublicAccess.RestrictPublicBuckets"));
        assert!(unknown
            .message
            .contains("did you mean `restrictPublicBuckets`"));
        assert_eq!((unknown.start.line, unknown.start.column), (2, 25));
        let not_bool = find(&format!("{base}.blockPublicAccess.blockPublicPolicy"));
        assert!(not_bool.message.contains("`true` or `false`"));
        for arn in ["arn:aws:s3:::b/key", "arn:aws:sqs:us-east-1:111122223333:q"] {
            let x = find(&format!("{base}.resources.\"{arn}\".blockPublicAccess"));
            assert!(x.message.contains("S3 bucket"), "{x}");
            assert_eq!(x.start.line, 3, "{x}");
        }
    }

    #[test]
    fn an_ou_cycle_is_an_error() {
        let text = r#"{"version": 2, "requests": [], "organization": {"ous": {"ou-a": {"parent": "ou-b"}, "ou-b": {"parent": "ou-a"}}, "accounts": {"111122223333": "ou-a"}}}"#;
        let e = parse_workspace(text).unwrap_err();
        assert!(
            e.iter()
                .any(|x| x.message.contains("do not lead to the root")),
            "{e:?}"
        );
    }
}
