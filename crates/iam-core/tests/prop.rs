//! Property tests of the evaluation core, through the public API only.
//!
//! A strategy builds random but valid scenarios (principal, action, resource, context, 1–6
//! policies of every type, statements with Action/NotAction, Resource/NotResource, Principal and
//! Condition drawn from small sets), and each `#[test]` below checks one law of IAM evaluation or
//! of robustness on it. Every generated statement has a Sid, so determining labels are
//! `name/Sid` and do not depend on statement positions.

// Test code: panicking on a broken expectation is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::string_slice
)]

use iam_core::{
    analyze, explain, lint_policy, parse_scenario, policy::Effect, request::ContextValue,
    request::RequestInput, scenario::BlockPublicAccess, scenario::Organization,
    scenario::PolicyInput, scenario::PublicAccessBlock, trace::StageKind, Decision, Options,
    PolicyType, Report, Scenario,
};
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------------
// The model the strategies generate
// ---------------------------------------------------------------------------------------------

const ACCOUNTS: [&str; 2] = ["111122223333", "444455556666"];

const ACTIONS: [&str; 6] = [
    "s3:GetObject",
    "s3:PutObject",
    "iam:PassRole",
    "ec2:RunInstances",
    "sts:AssumeRole",
    "kms:Decrypt",
];

const ACTION_PATTERNS: [&str; 11] = [
    "*",
    "s3:*",
    "s3:Get*",
    "s3:GetObject",
    "s3:PutObject",
    "iam:PassRole",
    "iam:*",
    "ec2:RunInstances",
    "sts:AssumeRole",
    "kms:Decrypt",
    "kms:*",
];

const RESOURCE_PATTERNS: [&str; 10] = [
    "*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::photos/*",
    "arn:aws:s3:::logs/*",
    "arn:aws:s3:::photos/${aws:username}/*",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::111122223333:role/Admin",
    "arn:aws:kms:*:*:key/*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:ec2:*:444455556666:*",
];

const TARGETS: [&str; 4] = ["r-root", "ou-1", "111122223333", "444455556666"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    User,
    Session,
    Role,
    Root,
    Federated,
    Service,
    Anonymous,
}

impl Kind {
    fn arn(self, account: &str) -> String {
        match self {
            Kind::User => format!("arn:aws:iam::{account}:user/alice"),
            Kind::Session => format!("arn:aws:sts::{account}:assumed-role/Admin/session1"),
            Kind::Role => format!("arn:aws:iam::{account}:role/Admin"),
            Kind::Root => format!("arn:aws:iam::{account}:root"),
            Kind::Federated => format!("arn:aws:sts::{account}:federated-user/bob"),
            Kind::Service => "s3.amazonaws.com".to_string(),
            Kind::Anonymous => "*".to_string(),
        }
    }
    /// Has identity policies and can have a permissions boundary.
    fn has_identity(self) -> bool {
        matches!(
            self,
            Kind::User | Kind::Session | Kind::Role | Kind::Federated
        )
    }
    fn is_session(self) -> bool {
        matches!(self, Kind::Session | Kind::Role | Kind::Federated)
    }
}

/// A resource-policy `Principal` (or `NotPrincipal`).
#[derive(Clone, Debug)]
enum Who {
    /// `"Principal": "*"`
    Star,
    /// `{"AWS": value}`
    Aws(String),
    /// `{"Service": value}`
    Service(String),
}

impl Who {
    fn json(&self) -> Value {
        match self {
            Who::Star => json!("*"),
            Who::Aws(v) => json!({ "AWS": v }),
            Who::Service(v) => json!({ "Service": v }),
        }
    }
}

#[derive(Clone, Debug)]
struct Cond {
    op: &'static str,
    key: &'static str,
    values: Vec<&'static str>,
}

#[derive(Clone, Debug)]
struct Stmt {
    sid: String,
    effect: Effect,
    not_action: bool,
    actions: Vec<&'static str>,
    not_resource: bool,
    resources: Vec<&'static str>,
    /// `Some((negated, who))` renders `Principal` / `NotPrincipal`.
    principal: Option<(bool, Who)>,
    conditions: Vec<Cond>,
}

#[derive(Clone, Debug)]
struct Pol {
    name: String,
    ty: PolicyType,
    target: Option<String>,
    statements: Vec<Stmt>,
}

#[derive(Clone, Debug)]
struct Scen {
    kind: Kind,
    account: &'static str,
    action: &'static str,
    resource: String,
    resource_account: Option<String>,
    context: Vec<(String, ContextValue)>,
    policies: Vec<Pol>,
    organization: Option<Organization>,
}

fn is_org(ty: PolicyType) -> bool {
    matches!(ty, PolicyType::Scp | PolicyType::Rcp)
}

fn one_or_many(items: &[&str]) -> Value {
    match items {
        [one] => json!(one),
        many => json!(many),
    }
}

impl Stmt {
    fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("Sid".into(), json!(self.sid));
        m.insert("Effect".into(), json!(self.effect.as_str()));
        if let Some((negated, who)) = &self.principal {
            m.insert(
                if *negated {
                    "NotPrincipal"
                } else {
                    "Principal"
                }
                .into(),
                who.json(),
            );
        }
        m.insert(
            if self.not_action {
                "NotAction"
            } else {
                "Action"
            }
            .into(),
            one_or_many(&self.actions),
        );
        m.insert(
            if self.not_resource {
                "NotResource"
            } else {
                "Resource"
            }
            .into(),
            one_or_many(&self.resources),
        );
        if !self.conditions.is_empty() {
            let mut block = Map::new();
            for c in &self.conditions {
                let entry = block.entry(c.op).or_insert_with(|| json!({}));
                if let Value::Object(keys) = entry {
                    keys.insert(c.key.into(), one_or_many(&c.values));
                }
            }
            m.insert("Condition".into(), Value::Object(block));
        }
        Value::Object(m)
    }

    fn allow_all(sid: &str, ty: PolicyType) -> Stmt {
        Stmt::all(sid, Effect::Allow, ty)
    }

    fn deny_all(sid: &str, ty: PolicyType) -> Stmt {
        Stmt::all(sid, Effect::Deny, ty)
    }

    fn all(sid: &str, effect: Effect, ty: PolicyType) -> Stmt {
        Stmt {
            sid: sid.into(),
            effect,
            not_action: false,
            actions: vec!["*"],
            not_resource: false,
            resources: vec!["*"],
            principal: (ty == PolicyType::Resource || ty == PolicyType::Rcp)
                .then_some((false, Who::Star)),
            conditions: Vec::new(),
        }
    }
}

impl Pol {
    fn document(&self) -> String {
        let statements: Vec<Value> = self.statements.iter().map(Stmt::json).collect();
        let doc = json!({ "Version": "2012-10-17", "Statement": statements });
        serde_json::to_string_pretty(&doc).unwrap()
    }
}

/// JSON string literal.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

impl Scen {
    fn principal(&self) -> String {
        self.kind.arn(self.account)
    }

    fn scenario(&self) -> Scenario {
        Scenario {
            request: RequestInput {
                principal: self.principal(),
                action: self.action.to_string(),
                resource: self.resource.clone(),
                resource_account: self.resource_account.clone(),
                spans: Default::default(),
                context: self.context.clone(),
            },
            policies: self
                .policies
                .iter()
                .map(|p| PolicyInput {
                    name: p.name.clone(),
                    policy_type: p.ty,
                    target: p.target.clone(),
                    document: p.document(),
                    file_offset: None,
                    origin: None,
                    tree: Default::default(),
                })
                .collect(),
            organization: self.organization.clone(),
            block_public_access: None,
        }
    }

    /// The scenario file (format v1). With `embed`, documents are JSON objects in the file,
    /// otherwise strings holding the policy.
    fn text(&self, embed: bool) -> String {
        let mut out = String::from("{\n  \"version\": 1,\n  \"request\": {\n");
        out += &format!("    \"principal\": {},\n", q(&self.principal()));
        out += &format!("    \"action\": {},\n", q(self.action));
        out += &format!("    \"resource\": {}", q(&self.resource));
        if let Some(a) = &self.resource_account {
            out += &format!(",\n    \"resourceAccount\": {}", q(a));
        }
        if !self.context.is_empty() {
            let entries: Vec<String> = self
                .context
                .iter()
                .map(|(k, v)| format!("{}: {}", q(k), serde_json::to_string(v).unwrap()))
                .collect();
            out += &format!(",\n    \"context\": {{ {} }}", entries.join(", "));
        }
        out += "\n  },\n  \"policies\": [";
        let policies: Vec<String> = self
            .policies
            .iter()
            .map(|p| {
                let mut s = format!(
                    "\n    {{ \"name\": {}, \"type\": {}",
                    q(&p.name),
                    q(p.ty.as_str())
                );
                if let Some(t) = &p.target {
                    s += &format!(", \"target\": {}", q(t));
                }
                let doc = p.document();
                s += &format!(", \"document\": {} }}", if embed { doc } else { q(&doc) });
                s
            })
            .collect();
        out += &policies.join(",");
        out += "\n  ]";
        if let Some(org) = &self.organization {
            out += ",\n  \"organization\": {";
            if let Some(m) = &org.management_account {
                out += &format!(" \"managementAccount\": {},", q(m));
            }
            let accounts: Vec<String> = org
                .accounts
                .iter()
                .map(|(a, path)| format!("{}: {}", q(a), serde_json::to_string(path).unwrap()))
                .collect();
            out += &format!(" \"accounts\": {{ {} }} }}", accounts.join(", "));
        }
        out += "\n}\n";
        out
    }

    fn report(&self) -> Report {
        analyze(&self.scenario(), &Options::default())
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

fn resources_for(action: &str, account: &str) -> Vec<String> {
    let other = if account == ACCOUNTS[0] {
        ACCOUNTS[1]
    } else {
        ACCOUNTS[0]
    };
    match action.split(':').next().unwrap_or("") {
        "s3" => vec![
            "arn:aws:s3:::photos/cat.jpg".into(),
            "arn:aws:s3:::photos/alice/cat.jpg".into(),
            "arn:aws:s3:::logs/2024/app.log".into(),
        ],
        "iam" | "sts" => vec![
            format!("arn:aws:iam::{account}:role/Admin"),
            format!("arn:aws:iam::{other}:role/Deploy"),
        ],
        "ec2" => vec![
            format!("arn:aws:ec2:us-east-1:{account}:instance/i-0abc"),
            "*".into(),
        ],
        _ => vec![
            format!("arn:aws:kms:us-east-1:{account}:key/1234abcd"),
            format!("arn:aws:kms:us-east-1:{other}:key/5678efgh"),
        ],
    }
}

fn arb_condition() -> impl Strategy<Value = Cond> {
    let table: Vec<(&'static str, &'static str, Vec<&'static str>)> = vec![
        (
            "StringEquals",
            "aws:username",
            vec!["alice", "bob", "${aws:username}"],
        ),
        (
            "StringEquals",
            "aws:PrincipalAccount",
            vec!["111122223333", "444455556666"],
        ),
        (
            "StringLike",
            "aws:PrincipalTag/team",
            vec!["blue", "re*", "?ed"],
        ),
        (
            "StringNotEquals",
            "aws:PrincipalTag/team",
            vec!["blue", "red"],
        ),
        (
            "StringEqualsIfExists",
            "aws:PrincipalTag/team",
            vec!["blue", "red"],
        ),
        (
            "IpAddress",
            "aws:SourceIp",
            vec!["203.0.113.0/24", "10.0.0.0/8"],
        ),
        (
            "NotIpAddress",
            "aws:SourceIp",
            vec!["203.0.113.0/24", "198.51.100.7"],
        ),
        (
            "DateGreaterThan",
            "aws:CurrentTime",
            vec!["2024-01-01T00:00:00Z"],
        ),
        (
            "DateLessThan",
            "aws:CurrentTime",
            vec!["2030-01-01T00:00:00Z", "2020-06-01T00:00:00Z"],
        ),
        ("Bool", "aws:MultiFactorAuthPresent", vec!["true", "false"]),
        ("Null", "aws:PrincipalTag/team", vec!["true", "false"]),
        (
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            vec!["env", "team", "owner"],
        ),
        ("ForAllValues:StringLike", "aws:TagKeys", vec!["env", "t*"]),
        (
            "ArnLike",
            "aws:PrincipalArn",
            vec!["arn:aws:iam::111122223333:*", "arn:aws:iam::*:role/Admin"],
        ),
    ];
    select(table).prop_flat_map(|(op, key, pool)| {
        let max = pool.len().min(2);
        subsequence(pool, 1..=max).prop_map(move |values| Cond { op, key, values })
    })
}

fn arb_who() -> impl Strategy<Value = Who> {
    prop_oneof![
        Just(Who::Star),
        Just(Who::Aws("*".into())),
        select(ACCOUNTS.to_vec()).prop_map(|a| Who::Aws(a.into())),
        select(ACCOUNTS.to_vec()).prop_map(|a| Who::Aws(format!("arn:aws:iam::{a}:root"))),
        select(ACCOUNTS.to_vec()).prop_map(|a| Who::Aws(format!("arn:aws:iam::{a}:user/alice"))),
        select(ACCOUNTS.to_vec()).prop_map(|a| Who::Aws(format!("arn:aws:iam::{a}:role/Admin"))),
        select(ACCOUNTS.to_vec())
            .prop_map(|a| Who::Aws(format!("arn:aws:sts::{a}:assumed-role/Admin/session1"))),
        Just(Who::Service("s3.amazonaws.com".into())),
    ]
}

fn arb_statement(ty: PolicyType) -> impl Strategy<Value = Stmt> {
    let principal: BoxedStrategy<Option<(bool, Who)>> = match ty {
        // NotPrincipal only with Deny (fixed up below); mostly Principal.
        PolicyType::Resource | PolicyType::VpcEndpoint => (prop::bool::weighted(0.15), arb_who())
            .prop_map(Some)
            .boxed(),
        PolicyType::Rcp => prop::option::of(Just((false, Who::Star))).boxed(),
        _ => Just(None).boxed(),
    };
    // Broad patterns are weighted up so that a fair share of statements match the request.
    let actions =
        prop_oneof![1 => Just(vec!["*"]), 3 => subsequence(ACTION_PATTERNS.to_vec(), 1..=3)];
    let resources =
        prop_oneof![1 => Just(vec!["*"]), 2 => subsequence(RESOURCE_PATTERNS.to_vec(), 1..=2)];
    (
        prop::bool::weighted(0.65),
        prop::bool::weighted(0.15),
        actions,
        prop::bool::weighted(0.15),
        resources,
        principal,
        prop::collection::vec(arb_condition(), 0..=2),
    )
        .prop_map(
            |(allow, not_action, actions, not_resource, resources, principal, conditions)| {
                let effect = if allow { Effect::Allow } else { Effect::Deny };
                let principal =
                    principal.map(|(negated, who)| (negated && effect == Effect::Deny, who));
                Stmt {
                    sid: String::new(),
                    effect,
                    not_action,
                    actions,
                    not_resource,
                    resources,
                    principal,
                    conditions,
                }
            },
        )
}

fn arb_policy_of(ty: PolicyType) -> impl Strategy<Value = Pol> {
    (
        select(TARGETS.to_vec()),
        prop::collection::vec(arb_statement(ty), 1..=4),
    )
        .prop_map(move |(target, mut statements)| {
            for (i, s) in statements.iter_mut().enumerate() {
                s.sid = format!("S{i}");
            }
            Pol {
                name: String::new(),
                ty,
                target: is_org(ty).then(|| target.to_string()),
                statements,
            }
        })
}

fn arb_policy() -> impl Strategy<Value = Pol> {
    select(PolicyType::ALL.to_vec()).prop_flat_map(arb_policy_of)
}

/// Policy types for a scenario: at most one resource policy, boundary and session policy
/// (a request has at most one of each); a second one becomes an identity policy or an SCP/RCP.
fn arb_policy_types() -> impl Strategy<Value = Vec<PolicyType>> {
    prop::collection::vec(select(PolicyType::ALL.to_vec()), 1..=6).prop_map(|mut types| {
        let replacements = [PolicyType::Identity, PolicyType::Scp, PolicyType::Rcp];
        for i in 0..types.len() {
            let ty = types[i];
            let single = matches!(
                ty,
                PolicyType::Resource
                    | PolicyType::PermissionsBoundary
                    | PolicyType::Session
                    | PolicyType::VpcEndpoint
            );
            if single && types[..i].contains(&ty) {
                types[i] = replacements[i % replacements.len()];
            }
        }
        types
    })
}

fn arb_policies() -> impl Strategy<Value = Vec<Pol>> {
    arb_policy_types()
        .prop_flat_map(|types| types.into_iter().map(arb_policy_of).collect::<Vec<_>>())
}

/// Context keys, in sorted order (as a JSON object would list them after a round trip).
fn arb_context() -> impl Strategy<Value = Vec<(String, ContextValue)>> {
    (
        prop::option::of(select(vec!["2025-01-01T12:00:00Z", "2019-05-05T00:00:00Z"])),
        prop::option::of(select(vec!["blue", "red"])),
        prop::option::of(select(vec!["203.0.113.5", "10.1.2.3", "198.51.100.7"])),
        prop::option::of(subsequence(vec!["env", "team", "owner"], 0..=3)),
        prop::option::of(select(vec!["alice", "bob"])),
    )
        .prop_map(|(time, team, ip, tag_keys, username)| {
            let mut out = Vec::new();
            let single = |v: &str| ContextValue::Single(v.to_string());
            if let Some(v) = time {
                out.push(("aws:CurrentTime".to_string(), single(v)));
            }
            if let Some(v) = team {
                out.push(("aws:PrincipalTag/team".to_string(), single(v)));
            }
            if let Some(v) = ip {
                out.push(("aws:SourceIp".to_string(), single(v)));
            }
            if let Some(vs) = tag_keys {
                out.push((
                    "aws:TagKeys".to_string(),
                    ContextValue::Multi(vs.iter().map(|s| s.to_string()).collect()),
                ));
            }
            if let Some(v) = username {
                out.push(("aws:username".to_string(), single(v)));
            }
            out
        })
}

fn arb_organization() -> impl Strategy<Value = Option<Organization>> {
    prop::option::of(prop::option::of(select(ACCOUNTS.to_vec()))).prop_map(|org| {
        org.map(|management| Organization {
            management_account: management.map(str::to_string),
            accounts: vec![
                (
                    ACCOUNTS[0].to_string(),
                    vec!["r-root".to_string(), "ou-1".to_string()],
                ),
                (ACCOUNTS[1].to_string(), vec!["r-root".to_string()]),
            ],
        })
    })
}

fn arb_scenario() -> impl Strategy<Value = Scen> {
    // Principals with identity policies are weighted up: they reach every stage.
    let kind = prop_oneof![
        3 => Just(Kind::User),
        2 => Just(Kind::Session),
        2 => Just(Kind::Role),
        1 => Just(Kind::Root),
        1 => Just(Kind::Federated),
        1 => Just(Kind::Service),
        1 => Just(Kind::Anonymous),
    ];
    (
        kind,
        select(ACCOUNTS.to_vec()),
        select(ACTIONS.to_vec()),
        any::<Index>(),
        prop::option::weighted(0.2, select(ACCOUNTS.to_vec())),
        arb_context(),
        arb_policies(),
        arb_organization(),
    )
        .prop_map(
            |(
                kind,
                account,
                action,
                resource,
                resource_account,
                context,
                mut policies,
                organization,
            )| {
                for (i, p) in policies.iter_mut().enumerate() {
                    p.name = format!("P{i}");
                }
                Scen {
                    kind,
                    account,
                    action,
                    resource: resource.get(&resources_for(action, account)).clone(),
                    resource_account: resource_account.map(str::to_string),
                    context,
                    policies,
                    organization,
                }
            },
        )
}

// ---------------------------------------------------------------------------------------------
// Arbitrary and mutated text
// ---------------------------------------------------------------------------------------------

/// Characters JSON-ish noise is made of.
const JSONISH: &str = "[{}\\[\\]\":, a-zA-Z0-9*?$/.\\-\\\\\n]{0,120}";

/// Token soup: random sequences of policy-shaped tokens.
fn arb_token_soup() -> impl Strategy<Value = String> {
    let tokens = vec![
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\"",
        "\"Version\"",
        "\"2012-10-17\"",
        "\"2008-10-17\"",
        "\"Statement\"",
        "\"Sid\"",
        "\"Effect\"",
        "\"Allow\"",
        "\"Deny\"",
        "\"Action\"",
        "\"NotAction\"",
        "\"Resource\"",
        "\"NotResource\"",
        "\"Principal\"",
        "\"NotPrincipal\"",
        "\"AWS\"",
        "\"Service\"",
        "\"Condition\"",
        "\"StringLike\"",
        "\"ForAllValues:StringEquals\"",
        "\"ForAnyValue:StringLikeIfExists\"",
        "\"Null\"",
        "\"IpAddress\"",
        "\"DateLessThan\"",
        "\"NumericLessThan\"",
        "\"BinaryEquals\"",
        "\"Bool\"",
        "\"ArnLike\"",
        "\"aws:SourceIp\"",
        "\"aws:username\"",
        "\"aws:TagKeys\"",
        "\"aws:CurrentTime\"",
        "\"*\"",
        "\"s3:*\"",
        "\"s3:Get*\"",
        "\"arn:aws:s3:::b/*\"",
        "\"arn:aws:s3:::${aws:username}/*\"",
        "\"${\"",
        "\"${*}\"",
        "\"${aws:username\"",
        "\"${?}${$}\"",
        "\"arn:*\"",
        "\"arn:aws:iam::111122223333:root\"",
        "\"111122223333\"",
        "\"10.0.0.0/8\"",
        "\"::1/129\"",
        "\"2024-01-01T00:00:00Z\"",
        "\"1e400\"",
        "\"true\"",
        "true",
        "false",
        "null",
        "0",
        "-1.5e3",
        "1e99999",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"é😀\"",
    ];
    prop::collection::vec(select(tokens), 0..80).prop_map(|ts| ts.concat())
}

#[derive(Clone, Debug)]
enum Edit {
    Delete(Index),
    Insert(Index, char),
    Replace(Index, char),
}

fn arb_edits() -> impl Strategy<Value = Vec<Edit>> {
    let ch = prop_oneof![
        4 => select("{}[]\":,*?$ \\/".chars().collect::<Vec<_>>()),
        2 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ];
    let edit = prop_oneof![
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        (any::<Index>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
    ];
    prop::collection::vec(edit, 1..=4)
}

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        match e {
            Edit::Delete(i) if !chars.is_empty() => {
                let at = i.index(chars.len());
                chars.remove(at);
            }
            Edit::Insert(i, c) => {
                let at = i.index(chars.len() + 1);
                chars.insert(at, *c);
            }
            Edit::Replace(i, c) if !chars.is_empty() => {
                let at = i.index(chars.len());
                chars[at] = *c;
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

fn arb_document_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        JSONISH,
        arb_token_soup(),
        (arb_policy(), arb_edits()).prop_map(|(p, edits)| mutate(&p.document(), &edits)),
        (arb_token_soup(), arb_policy(), any::<Index>()).prop_map(|(soup, p, at)| {
            let mut chars: Vec<char> = p.document().chars().collect();
            let at = at.index(chars.len() + 1);
            chars.splice(at..at, soup.chars());
            chars.into_iter().collect()
        }),
    ]
}

fn arb_request_text() -> impl Strategy<Value = RequestInput> {
    let text = prop_oneof![".{0,40}", "[a-z0-9:/*?${}.\\-]{0,40}"];
    prop_oneof![
        arb_scenario().prop_map(|s| s.scenario().request),
        (
            text.clone(),
            text.clone(),
            text.clone(),
            prop::option::of(text),
            arb_context()
        )
            .prop_map(|(principal, action, resource, resource_account, context)| {
                RequestInput {
                    principal,
                    action,
                    resource,
                    resource_account,
                    context,
                    spans: Default::default(),
                }
            }),
    ]
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The decision and the sorted determining labels.
fn outcome(report: &Report) -> (Option<Decision>, Vec<String>) {
    let labels = report
        .evaluation
        .as_ref()
        .map(|e| {
            let mut l: Vec<String> = e.determining.iter().map(|r| r.label()).collect();
            l.sort();
            l
        })
        .unwrap_or_default();
    (report.decision(), labels)
}

/// Deterministic Fisher–Yates from a seed (splitmix64).
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Policy types whose Deny */* certainly applies to this scenario's principal.
/// Whether one of AWS's own rules (not a statement) decided: it names no statement.
fn decided_by_aws_rule(report: &Report) -> bool {
    report.evaluation.as_ref().is_some_and(|e| {
        e.stages
            .get(e.decided_by)
            .is_some_and(|s| s.kind == iam_core::trace::StageKind::AwsRules)
    })
}

fn applicable_deny_types(s: &Scen) -> Vec<PolicyType> {
    let mut out = vec![PolicyType::Resource];
    if s.kind.has_identity() {
        out.push(PolicyType::Identity);
        out.push(PolicyType::PermissionsBoundary);
    }
    if s.kind.is_session() {
        out.push(PolicyType::Session);
    }
    // Without an organization, an SCP on the principal's own account is on its path.
    if s.organization.is_none() && !matches!(s.kind, Kind::Service | Kind::Anonymous) {
        out.push(PolicyType::Scp);
    }
    out
}

/// Make the scenario's decision `explicitDeny`: flip a matching Allow (in a policy that applies)
/// to Deny, or add a Deny */* resource policy statement with `"Principal": "*"`.
fn force_explicit_deny(s: &mut Scen, pick: Index) {
    let report = s.report();
    let matched: Vec<(usize, usize)> = report
        .evaluation
        .iter()
        .flat_map(|e| e.policies.iter())
        .filter(|p| p.applies)
        .flat_map(|p| {
            p.statements
                .iter()
                .filter(|st| st.matched)
                .map(move |st| (p.index, st.index))
        })
        .collect();
    if matched.is_empty() {
        let deny = Stmt::deny_all("ForcedDeny", PolicyType::Resource);
        match s.policies.iter_mut().find(|p| p.ty == PolicyType::Resource) {
            Some(p) => p.statements.push(deny),
            None => s.policies.push(Pol {
                name: "ForcedDeny".into(),
                ty: PolicyType::Resource,
                target: None,
                statements: vec![deny],
            }),
        }
    } else {
        let (p, st) = *pick.get(&matched);
        s.policies[p].statements[st].effect = Effect::Deny;
    }
}

fn glob_to_regex(pattern: &str) -> String {
    pattern
        .chars()
        .map(|c| match c {
            '*' => ".*".to_string(),
            '?' => ".".to_string(),
            other => regex::escape(&other.to_string()),
        })
        .collect()
}

/// A pattern over `alphabet` (with `*`, `?`), either random or derived from `text` so that
/// matches are common.
fn arb_pattern_for(
    text_alphabet: &'static str,
    pattern_alphabet: &'static str,
) -> impl Strategy<Value = (String, String)> {
    let text = prop::collection::vec(select(text_alphabet.chars().collect::<Vec<_>>()), 0..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    let random = prop::collection::vec(select(pattern_alphabet.chars().collect::<Vec<_>>()), 0..8)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    let derived_edits = prop::collection::vec((any::<Index>(), select(vec!['*', '?', '*'])), 0..4);
    prop_oneof![
        (random, text.clone()),
        (text, derived_edits).prop_map(|(t, edits)| {
            let mut p: Vec<char> = t.chars().collect();
            for (i, w) in edits {
                if w == '?' && !p.is_empty() {
                    let at = i.index(p.len());
                    p[at] = '?';
                } else if w == '*' {
                    // Replace a run of 0–2 characters by `*`.
                    let at = i.index(p.len() + 1);
                    let end = (at + (i.index(3))).min(p.len());
                    p.splice(at..end, ['*']);
                }
            }
            (p.into_iter().collect(), t)
        }),
    ]
}

fn wildcard_scenario(
    action_pattern: &str,
    resource_pattern: &str,
    action: &str,
    resource: &str,
) -> Scenario {
    let doc = json!({
        "Version": "2012-10-17",
        "Statement": [{ "Sid": "P", "Effect": "Allow", "Action": action_pattern, "Resource": resource_pattern }]
    })
    .to_string();
    Scenario {
        request: RequestInput {
            principal: "arn:aws:iam::111122223333:user/alice".into(),
            action: action.into(),
            resource: resource.into(),
            resource_account: None,
            spans: Default::default(),
            context: Vec::new(),
        },
        policies: vec![PolicyInput {
            name: "W".into(),
            policy_type: PolicyType::Identity,
            target: None,
            document: doc,
            file_offset: None,
            origin: None,
            tree: Default::default(),
        }],
        organization: None,
        block_public_access: None,
    }
}

fn exercise(report: &Report) {
    if let Some(e) = &report.evaluation {
        let _ = explain(e).steps();
    }
    let _ = serde_json::to_string(report).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A Deny of `*` on `*` without condition, in a policy that applies to the principal, decides
    /// `explicitDeny` whatever else the scenario says.
    #[test]
    fn matching_deny_anywhere_gives_explicit_deny(mut s in arb_scenario(), pick in any::<Index>(), at in any::<Index>()) {
        let types = applicable_deny_types(&s);
        let ty = *pick.get(&types);
        let deny = Stmt::deny_all("DenyAll", ty);
        // A scenario has at most one resource policy, boundary and session policy: when it has
        // one of that type already, the Deny goes into it.
        let label = match s.policies.iter_mut().find(|p| p.ty == ty && !matches!(ty, PolicyType::Identity | PolicyType::Scp)) {
            Some(existing) => {
                let position = at.index(existing.statements.len() + 1);
                existing.statements.insert(position, deny);
                format!("{}/DenyAll", existing.name)
            }
            None => {
                let added = Pol {
                    name: "AddedDeny".into(),
                    ty,
                    target: (ty == PolicyType::Scp).then(|| s.account.to_string()),
                    statements: vec![deny],
                };
                let position = at.index(s.policies.len() + 1);
                s.policies.insert(position, added);
                "AddedDeny/DenyAll".to_string()
            }
        };
        let report = s.report();
        let (decision, labels) = outcome(&report);
        prop_assert_eq!(decision, Some(Decision::ExplicitDeny), "type {:?}", ty);
        // A denying AWS service rule (a federated session calling IAM) decides before the Deny.
        prop_assert!(labels.contains(&label) || decided_by_aws_rule(&report), "{:?}", labels);
    }

    /// Once a request is explicitly denied, no added Allow changes that.
    #[test]
    fn adding_an_allow_never_lifts_an_explicit_deny(
        mut s in arb_scenario(),
        which in any::<Index>(),
        random_allow in arb_statement(PolicyType::Resource),
        allow_all in any::<bool>(),
    ) {
        // Most random scenarios are not denied explicitly; make this one so by turning a matching
        // Allow in a policy that applies into a Deny (or, when none matched, adding a Deny */*).
        if s.report().decision() != Some(Decision::ExplicitDeny) {
            force_explicit_deny(&mut s, which);
        }
        let (before, _) = outcome(&s.report());
        prop_assert_eq!(before, Some(Decision::ExplicitDeny));
        let slot = which.index(s.policies.len() + 1);
        match s.policies.get_mut(slot) {
            Some(p) => {
                let mut stmt = if allow_all { Stmt::allow_all("AddedAllow", p.ty) } else { random_allow };
                stmt.sid = "AddedAllow".into();
                stmt.effect = Effect::Allow;
                match p.ty {
                    PolicyType::Resource => {
                        if let Some((negated, _)) = &mut stmt.principal { *negated = false; }
                    }
                    PolicyType::Rcp => stmt.principal = Some((false, Who::Star)),
                    _ => stmt.principal = None,
                }
                p.statements.push(stmt);
            }
            None => s.policies.push(Pol {
                name: "AddedAllow".into(),
                ty: PolicyType::Identity,
                target: None,
                statements: vec![Stmt::allow_all("AllowAll", PolicyType::Identity)],
            }),
        }
        let (after, _) = outcome(&s.report());
        prop_assert_eq!(after, Some(Decision::ExplicitDeny));
    }

}

proptest! {
    // Cheap, and the laws that gain most from many scenarios: more cases.
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Permuting the statements of every policy changes neither the decision nor which
    /// statements determined it.
    #[test]
    fn statement_order_does_not_matter(s in arb_scenario(), seed in any::<u64>()) {
        let before = outcome(&s.report());
        let mut t = s.clone();
        for (i, p) in t.policies.iter_mut().enumerate() {
            shuffle(&mut p.statements, seed.wrapping_add(i as u64));
        }
        prop_assert_eq!(before, outcome(&t.report()));
    }

    /// Permuting the policies (names kept) changes neither the decision nor which statements
    /// determined it.
    #[test]
    fn policy_order_does_not_matter(s in arb_scenario(), seed in any::<u64>()) {
        let before = outcome(&s.report());
        let mut t = s.clone();
        shuffle(&mut t.policies, seed);
        prop_assert_eq!(before, outcome(&t.report()));
    }

    /// Any text as a policy document of any type, and any request strings: `analyze` returns.
    #[test]
    fn analyze_never_panics_on_arbitrary_documents(
        documents in prop::collection::vec((arb_document_text(), select(PolicyType::ALL.to_vec()), select(TARGETS.to_vec())), 1..=3),
        request in arb_request_text(),
        organization in arb_organization(),
    ) {
        let policies: Vec<PolicyInput> = documents
            .iter()
            .enumerate()
            .map(|(i, (text, ty, target))| PolicyInput {
                name: format!("D{i}"),
                policy_type: *ty,
                target: is_org(*ty).then(|| target.to_string()),
                document: text.clone(),
                file_offset: None,
                origin: None,
                tree: Default::default(),
            })
            .collect();
        for p in &policies {
            let _ = lint_policy(&p.document, p.policy_type);
        }
        let scenario = Scenario {
            request,
            policies,
            organization,
            block_public_access: None,
        };
        exercise(&analyze(&scenario, &Options::default()));
    }

    /// Any text, and any mutation of a valid scenario file: `parse_scenario` returns, and what it
    /// accepts `analyze` evaluates without panicking.
    #[test]
    fn parse_scenario_never_panics(
        text in prop_oneof![
            any::<String>(),
            JSONISH,
            arb_token_soup(),
            (arb_scenario(), any::<bool>(), arb_edits()).prop_map(|(s, embed, edits)| mutate(&s.text(embed), &edits)),
        ],
    ) {
        if let Ok(scenario) = parse_scenario(&text) {
            exercise(&analyze(&scenario, &Options::default()));
        }
    }

    /// `Action` wildcards agree with a regex oracle: `*` is `.*`, `?` is `.`, case-insensitive.
    #[test]
    fn wildcard_matcher_agrees_with_regex_oracle_for_actions((p, t) in arb_pattern_for("abAB", "abAB*?")) {
        prop_assume!(!t.is_empty());
        let scenario = wildcard_scenario(&format!("s3:{p}"), "*", &format!("s3:{t}"), "arn:aws:s3:::b/k");
        let oracle = regex::Regex::new(&format!("(?i)^s3:{}$", glob_to_regex(&p))).unwrap();
        let expected = if oracle.is_match(&format!("s3:{t}")) { Decision::Allowed } else { Decision::ImplicitDeny };
        prop_assert_eq!(analyze(&scenario, &Options::default()).decision(), Some(expected), "pattern s3:{} action s3:{}", p, t);
    }

    /// `Resource` wildcards agree with a regex oracle in the ARN's resource part: case-sensitive,
    /// `*` crosses `/`.
    #[test]
    fn wildcard_matcher_agrees_with_regex_oracle_for_resources((p, t) in arb_pattern_for("abA/", "abA/*?")) {
        let pattern = format!("arn:aws:s3:::{p}");
        let resource = format!("arn:aws:s3:::{t}");
        let scenario = wildcard_scenario("s3:GetObject", &pattern, "s3:GetObject", &resource);
        let oracle = regex::Regex::new(&format!("^arn:aws:s3:::{}$", glob_to_regex(&p))).unwrap();
        let expected = if oracle.is_match(&resource) { Decision::Allowed } else { Decision::ImplicitDeny };
        prop_assert_eq!(analyze(&scenario, &Options::default()).decision(), Some(expected), "pattern {} resource {}", pattern, resource);
    }

    /// `allowed` names the Allows that matched (root may be allowed by none), `explicitDeny` names
    /// only Denies that matched, `implicitDeny` names nothing.
    #[test]
    fn allowed_has_a_determining_allow_and_explicit_deny_has_a_determining_deny(s in arb_scenario()) {
        let report = s.report();
        let e = report.evaluation.as_ref().unwrap();
        let trace_of = |r: &iam_core::trace::StatementRef| {
            e.policies
                .iter()
                .find(|p| p.index == r.policy)
                .and_then(|p| p.statements.iter().find(|st| st.index == r.statement))
        };
        match e.decision {
            Decision::Allowed => {
                prop_assert!(s.kind == Kind::Root || !e.determining.is_empty(), "allowed with nothing determining");
                for r in &e.determining {
                    let st = trace_of(r);
                    prop_assert!(st.is_some_and(|st| st.matched && st.effect == Some(Effect::Allow)), "{}", r.label());
                }
            }
            Decision::ExplicitDeny => {
                prop_assert!(!e.determining.is_empty() || decided_by_aws_rule(&report));
                for r in &e.determining {
                    let st = trace_of(r);
                    prop_assert!(st.is_some_and(|st| st.matched && st.effect == Some(Effect::Deny)), "{}", r.label());
                }
            }
            Decision::ImplicitDeny => prop_assert!(e.determining.is_empty(), "{:?}", e.determining),
        }
    }

}

/// A scenario whose request is on S3, half of the time on a bucket of the other account: where
/// S3 Block Public Access has something to do.
fn arb_s3_scenario() -> impl Strategy<Value = Scen> {
    (arb_scenario(), any::<Index>(), any::<bool>()).prop_map(|(mut s, pick, other)| {
        if !s.action.starts_with("s3:") {
            s.action = "s3:GetObject";
        }
        s.resource = pick.get(&resources_for(s.action, s.account)).clone();
        if other {
            let account = ACCOUNTS.iter().find(|a| **a != s.account).unwrap();
            s.resource_account = Some(account.to_string());
        }
        s
    })
}

fn settings(flags: [bool; 4]) -> PublicAccessBlock {
    PublicAccessBlock {
        block_public_acls: flags[0],
        ignore_public_acls: flags[1],
        block_public_policy: flags[2],
        restrict_public_buckets: flags[3],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// S3 Block Public Access only takes access away (docs/decisions.md A33): with any settings, a
    /// request it does not block decides as without them; one it blocks is an S3 request by an
    /// anonymous caller or one from another account, with `RestrictPublicBuckets` on, denied
    /// explicitly with no deciding statement.
    #[test]
    fn block_public_access_only_takes_access_away(
        s in prop_oneof![arb_scenario(), arb_s3_scenario()],
        account in prop::option::of(any::<[bool; 4]>()),
        bucket in prop::option::of(any::<[bool; 4]>()),
    ) {
        let plain = outcome(&s.report());
        let mut scenario = s.scenario();
        scenario.block_public_access = Some(BlockPublicAccess {
            account: account.map(settings),
            bucket: bucket.map(settings),
        });
        let report = analyze(&scenario, &Options::default());
        let e = report.evaluation.as_ref().unwrap();
        let blocked = e.stages.get(e.decided_by).is_some_and(|st| st.kind == StageKind::BlockPublicAccess);
        if blocked {
            let restrict = account.is_some_and(|f| f[3]) || bucket.is_some_and(|f| f[3]);
            prop_assert!(restrict, "blocked without RestrictPublicBuckets");
            prop_assert_eq!(e.decision, Decision::ExplicitDeny);
            prop_assert!(e.determining.is_empty());
            prop_assert!(s.action.starts_with("s3:"));
            prop_assert!(s.kind == Kind::Anonymous || e.cross_account, "blocked {:?}", s.kind);
            prop_assert!(iam_core::explain::words::blocked_by(e).is_some());
        } else {
            prop_assert_eq!(outcome(&report), plain);
        }
        exercise(&report);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Analyzing the same scenario twice gives byte-identical reports.
    #[test]
    fn decision_is_deterministic(s in arb_scenario()) {
        let scenario = s.scenario();
        let a = serde_json::to_string(&analyze(&scenario, &Options::default())).unwrap();
        let b = serde_json::to_string(&analyze(&scenario.clone(), &Options::default())).unwrap();
        prop_assert_eq!(a, b);
    }

    /// A rendered scenario file parses back to the scenario it was rendered from.
    #[test]
    fn rendered_scenario_parses_back(s in arb_scenario(), embed in any::<bool>()) {
        let text = s.text(embed);
        let parsed = parse_scenario(&text);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), text);
        let mut parsed = parsed.unwrap();
        for p in &mut parsed.policies {
            if let Some(offset) = p.file_offset.take() {
                prop_assert!(embed);
                prop_assert_eq!(text.get(offset as usize..offset as usize + p.document.len()), Some(p.document.as_str()));
            }
        }
        prop_assert_eq!(parsed, s.scenario());
        // And the library's own writer round-trips too.
        let written = s.scenario().to_json();
        let reparsed = parse_scenario(&written);
        prop_assert!(reparsed.is_ok(), "{:?}\n{}", reparsed.err(), written);
        prop_assert_eq!(reparsed.unwrap(), s.scenario());
    }
}
