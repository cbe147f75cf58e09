//! The request: who asks, for what action, on which resource, with which context keys.
//!
//! [`RequestInput`] holds the strings as the user typed them; `Request::build` validates them and adds
//! the context keys AWS derives from the principal (a key the user gives always wins).

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use iam_json::{LineCol, Span};

/// A context value as given: one string or a list (a multi-valued key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextValue {
    Single(String),
    Multi(Vec<String>),
}

impl ContextValue {
    pub fn values(&self) -> &[String] {
        match self {
            ContextValue::Single(v) => std::slice::from_ref(v),
            ContextValue::Multi(vs) => vs,
        }
    }
}

/// The request as the user wrote it (scenario `request`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestInput {
    pub principal: String,
    pub action: String,
    pub resource: String,
    pub resource_account: Option<String>,
    /// In the order given.
    pub context: Vec<(String, ContextValue)>,
    /// Where the fields were in the file the request was read from, so that its diagnostics point
    /// there. Empty for a request built in code.
    pub spans: RequestSpans,
}

/// Where a request's fields are in the file it was read from ([`crate::parse_scenario`]: the scenario
/// file; [`crate::parse_workspace`]: the workspace file): each field's span and line and column.
/// The request's diagnostics ([`crate::Report`], `policy` unset) get them. They say where the request
/// was written, not what it is, so they take no part in comparisons.
#[derive(Clone, Debug, Default)]
pub struct RequestSpans(Vec<FieldSpan>);

/// One field of [`RequestSpans`]: `principal`, `action`, `resource`, `resourceAccount`, `context`
/// or `context."KEY"` (a context entry: its key and value).
#[derive(Clone, Debug)]
struct FieldSpan {
    field: String,
    span: Span,
    /// Its start and end, once located.
    at: Option<(LineCol, LineCol)>,
}

impl RequestSpans {
    /// Record `field` at `span` of the file (positions are filled in by [`RequestSpans::locate`]).
    pub(crate) fn push(&mut self, field: String, span: Span) {
        self.0.push(FieldSpan {
            field,
            span,
            at: None,
        });
    }

    /// Fill in each span's line and column in `text`, the file of one request (a scenario's).
    /// Only the part of the file up to the request's last field is indexed (the request usually
    /// comes first, before the policies).
    pub(crate) fn locate_in(&mut self, text: &str) {
        let end = self.0.iter().map(|f| f.span.end).max().unwrap_or(0) as usize;
        if let Some(prefix) = text.get(..end) {
            self.locate(&iam_json::LineIndex::new(prefix));
        }
    }

    /// Fill in each span's line and column with the file's line index (a workspace's requests
    /// share one).
    pub(crate) fn locate(&mut self, lines: &iam_json::LineIndex) {
        for f in &mut self.0 {
            f.at = Some((lines.line_col(f.span.start), lines.line_col(f.span.end)));
        }
    }

    /// Point a request diagnostic (path `request.FIELD…`) at its field: the field itself, or the
    /// nearest field that contains it (`request.context."k"` → `context`). Unchanged when the
    /// request was not read from a file.
    pub(crate) fn place(&self, d: &mut Diagnostic) {
        let Some(path) = d.path.strip_prefix("request.") else {
            return;
        };
        let found = self.0.iter().find(|f| f.field == path).or_else(|| {
            self.0
                .iter()
                .filter(|f| path.starts_with(f.field.as_str()))
                .max_by_key(|f| f.field.len())
        });
        if let Some((f, (start, end))) = found.and_then(|f| Some((f, f.at?))) {
            d.span = f.span;
            d.start = Some(start);
            d.end = Some(end);
        }
    }
}

impl PartialEq for RequestSpans {
    fn eq(&self, _: &RequestSpans) -> bool {
        true
    }
}

impl Eq for RequestSpans {}

impl RequestInput {
    /// Whether the scenario's `resource` policy is the role's trust policy: the request is one of
    /// the actions a trust policy governs on an IAM role (`is_role_trust_request`).
    pub fn targets_role_trust_policy(&self) -> bool {
        is_role_trust_request(&self.action, &self.resource)
    }
}

/// The actions a role trust policy governs, lowercase (docs/decisions.md A17, A23).
pub(crate) const ROLE_TRUST_ACTIONS: [&str; 6] = [
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:tagsession",
    "sts:setsourceidentity",
    "sts:setcontext",
];

/// Whether a request for `action` on `resource` is decided by a role's trust policy: the resource
/// is an IAM role ARN (`arn:PARTITION:iam::ACCOUNT:role/…`) and the action one of
/// [`ROLE_TRUST_ACTIONS`] (any case). The scenario's `resource` policy is then that trust policy.
pub(crate) fn is_role_trust_request(action: &str, resource: &str) -> bool {
    let mut fields = resource.splitn(6, ':');
    let is_role_arn = fields.next() == Some("arn")
        && fields.nth(1) == Some("iam")
        && fields.nth(2).is_some_and(|r| r.starts_with("role/"));
    is_role_arn
        && ROLE_TRUST_ACTIONS
            .iter()
            .any(|a| a.eq_ignore_ascii_case(action))
}

/// One context key in effect for the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextEntry {
    /// The key as written (given) or in AWS's spelling (derived).
    pub key: String,
    pub value: ContextValue,
    /// Filled in by iamplay from the principal or the resource, not given by the user.
    pub derived: bool,
}

/// The context keys in effect; lookup is case-insensitive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    entries: Vec<ContextEntry>,
    lower: Vec<String>,
    /// Indices into `lower`, sorted by it: a lookup is a binary search (scanning the keys made
    /// building a context and every condition's lookup linear in the keys).
    sorted: Vec<usize>,
}

impl Context {
    /// Where `lower` is, or would go, in `sorted`.
    fn search(&self, lower: &str) -> Result<usize, usize> {
        self.sorted
            .binary_search_by(|i| self.lower.get(*i).map_or("", String::as_str).cmp(lower))
    }

    /// Insert, keeping the first value for a key (so given keys, inserted first, win).
    pub(crate) fn insert(&mut self, key: &str, value: ContextValue, derived: bool) {
        let lower = key.to_lowercase();
        let Err(at) = self.search(&lower) else {
            return;
        };
        self.sorted.insert(at, self.lower.len());
        self.lower.push(lower);
        self.entries.push(ContextEntry {
            key: key.to_string(),
            value,
            derived,
        });
    }

    pub fn get(&self, key: &str) -> Option<&ContextEntry> {
        let lower = key.to_lowercase();
        self.search(&lower)
            .ok()
            .and_then(|at| self.sorted.get(at))
            .and_then(|i| self.entries.get(*i))
    }

    /// The value of a single-valued key (a one-element list counts); `None` if missing or multi-valued.
    pub(crate) fn single_value(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.value {
            ContextValue::Single(v) => Some(v),
            ContextValue::Multi(vs) if vs.len() == 1 => vs.first().map(String::as_str),
            ContextValue::Multi(_) => None,
        }
    }

    pub fn entries(&self) -> &[ContextEntry] {
        &self.entries
    }
}

/// Who makes the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Principal {
    #[serde(rename_all = "camelCase")]
    User {
        arn: String,
        account: String,
        path: String,
        name: String,
    },
    /// A session of a role given by its role ARN; session name unknown (docs/decisions.md A12).
    #[serde(rename_all = "camelCase")]
    Role {
        arn: String,
        account: String,
        path: String,
        name: String,
    },
    #[serde(rename_all = "camelCase")]
    AssumedRole {
        arn: String,
        account: String,
        role_name: String,
        session_name: String,
    },
    #[serde(rename_all = "camelCase")]
    FederatedUser {
        arn: String,
        account: String,
        name: String,
    },
    #[serde(rename_all = "camelCase")]
    Root {
        arn: String,
        account: String,
    },
    #[serde(rename_all = "camelCase")]
    Service {
        name: String,
    },
    Anonymous,
}

impl Principal {
    /// Parse the scenario's `principal` string.
    pub fn parse(text: &str) -> Result<Principal, String> {
        if text == "*" {
            return Ok(Principal::Anonymous);
        }
        if !text.starts_with("arn:") {
            let looks_like_service = text.contains('.')
                && !text.contains(':')
                && !text.contains('/')
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
            if looks_like_service {
                return Ok(Principal::Service {
                    name: text.to_string(),
                });
            }
            return Err(format!(
                "`{text}` is not a principal: give an IAM user, role, role-session, federated-user or root ARN, a service principal such as `s3.amazonaws.com`, or `*` for an anonymous request"
            ));
        }
        let mut fields = text.splitn(6, ':');
        let (_, partition, service, region, account, resource) = (
            fields.next(),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
            fields.next().unwrap_or(""),
        );
        if partition.is_empty() {
            return Err(format!("`{text}` has no partition (expected `arn:aws:…`)"));
        }
        if !region.is_empty() {
            return Err(format!(
                "`{text}`: IAM and STS principal ARNs have an empty region field (`arn:aws:iam::ACCOUNT:…`)"
            ));
        }
        if !is_account_id(account) {
            return Err(format!(
                "`{text}`: the account field must be a 12-digit account id, found `{account}`"
            ));
        }
        let account = account.to_string();
        let arn = text.to_string();
        match service {
            "iam" => {
                if resource == "root" {
                    return Ok(Principal::Root { arn, account });
                }
                let (kind, rest) = resource.split_once('/').unwrap_or((resource, ""));
                let (path, name) = split_path(rest);
                if name.is_empty() {
                    return Err(format!("`{text}` names no user or role"));
                }
                match kind {
                    "user" => Ok(Principal::User { arn, account, path, name }),
                    "role" => Ok(Principal::Role { arn, account, path, name }),
                    _ => Err(format!(
                        "`{text}`: an IAM principal ARN names a `user/…`, a `role/…` or `root`, found `{kind}`"
                    )),
                }
            }
            "sts" => {
                let parts: Vec<&str> = resource.split('/').collect();
                match parts.as_slice() {
                    ["assumed-role", role, session] if !role.is_empty() && !session.is_empty() => {
                        Ok(Principal::AssumedRole {
                            arn,
                            account,
                            role_name: (*role).to_string(),
                            session_name: (*session).to_string(),
                        })
                    }
                    ["federated-user", name] if !name.is_empty() => Ok(Principal::FederatedUser {
                        arn,
                        account,
                        name: (*name).to_string(),
                    }),
                    _ => Err(format!(
                        "`{text}`: an STS principal ARN is `assumed-role/ROLE/SESSION` or `federated-user/NAME`"
                    )),
                }
            }
            _ => Err(format!(
                "`{text}`: principal ARNs are IAM (`arn:aws:iam::…`) or STS (`arn:aws:sts::…`) ARNs, found service `{service}`"
            )),
        }
    }

    pub fn account(&self) -> Option<&str> {
        match self {
            Principal::User { account, .. }
            | Principal::Role { account, .. }
            | Principal::AssumedRole { account, .. }
            | Principal::FederatedUser { account, .. }
            | Principal::Root { account, .. } => Some(account),
            Principal::Service { .. } | Principal::Anonymous => None,
        }
    }

    pub fn arn(&self) -> Option<&str> {
        match self {
            Principal::User { arn, .. }
            | Principal::Role { arn, .. }
            | Principal::AssumedRole { arn, .. }
            | Principal::FederatedUser { arn, .. }
            | Principal::Root { arn, .. } => Some(arn),
            Principal::Service { .. } | Principal::Anonymous => None,
        }
    }

    pub(crate) fn partition(&self) -> &str {
        self.arn()
            .and_then(|a| a.split(':').nth(1))
            .unwrap_or("aws")
    }

    /// Role sessions (including a role given by ARN) and federated-user sessions.
    pub fn is_session(&self) -> bool {
        matches!(
            self,
            Principal::Role { .. }
                | Principal::AssumedRole { .. }
                | Principal::FederatedUser { .. }
        )
    }

    /// The role ARN for role principals (path kept when known; docs/decisions.md A13).
    pub(crate) fn role_arn(&self) -> Option<String> {
        match self {
            Principal::Role { arn, .. } => Some(arn.clone()),
            Principal::AssumedRole {
                account, role_name, ..
            } => Some(format!(
                "arn:{}:iam::{account}:role/{role_name}",
                self.partition()
            )),
            _ => None,
        }
    }

    /// Service-linked role: path `/aws-service-role/` or name `AWSServiceRoleFor…` (A14).
    pub fn is_service_linked_role(&self) -> bool {
        match self {
            Principal::Role { path, name, .. } => {
                path.starts_with("/aws-service-role/") || name.starts_with("AWSServiceRoleFor")
            }
            Principal::AssumedRole { role_name, .. } => role_name.starts_with("AWSServiceRoleFor"),
            _ => false,
        }
    }

    /// `aws:PrincipalType`.
    pub fn principal_type(&self) -> Option<&'static str> {
        match self {
            Principal::User { .. } => Some("User"),
            Principal::Role { .. } | Principal::AssumedRole { .. } => Some("AssumedRole"),
            Principal::FederatedUser { .. } => Some("FederatedUser"),
            Principal::Root { .. } => Some("Account"),
            Principal::Anonymous => Some("Anonymous"),
            Principal::Service { .. } => None,
        }
    }

    /// Short human description ("IAM user `alice`").
    pub fn describe(&self) -> String {
        match self {
            Principal::User { name, account, .. } => {
                format!("IAM user `{name}` of account {account}")
            }
            Principal::Role { name, account, .. } => {
                format!("a session of IAM role `{name}` of account {account}")
            }
            Principal::AssumedRole {
                role_name,
                session_name,
                account,
                ..
            } => format!(
                "role session `{session_name}` of IAM role `{role_name}` of account {account}"
            ),
            Principal::FederatedUser { name, account, .. } => {
                format!("federated user `{name}` of account {account}")
            }
            Principal::Root { account, .. } => format!("the root user of account {account}"),
            Principal::Service { name } => format!("the AWS service principal `{name}`"),
            Principal::Anonymous => "an anonymous (unsigned) caller".to_string(),
        }
    }
}

fn split_path(rest: &str) -> (String, String) {
    match rest.rsplit_once('/') {
        Some((path, name)) => (format!("/{path}/"), name.to_string()),
        None => ("/".to_string(), rest.to_string()),
    }
}

pub(crate) fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The account in an ARN's fifth field, if it is a 12-digit id.
pub(crate) fn arn_account(arn: &str) -> Option<&str> {
    let account = arn.strip_prefix("arn:")?.split(':').nth(3)?;
    is_account_id(account).then_some(account)
}

/// A validated request.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    pub principal: Principal,
    pub action: String,
    pub resource: String,
    /// The account that owns the resource, when known.
    pub resource_account: Option<String>,
    pub context: Context,
}

/// The longest request value iamplay evaluates, in bytes: the principal, the action, the resource,
/// and each context key with its values (each value counting one byte more). Every pattern of every
/// policy may be matched against these values, so their size multiplies the cost of an
/// evaluation; AWS's own are far shorter (an ARN has at most 2,048 characters, an S3 object key
/// 1,024 bytes, 50 tag keys 6,400 bytes). See `INVALID_REQUEST_SIZE` in docs/diagnostics.md.
pub(crate) const MAX_REQUEST_VALUE_BYTES: usize = 8 * 1024;

/// The most context keys a request may have (AWS's requests carry a few dozen).
pub(crate) const MAX_CONTEXT_KEYS: usize = 1_000;

/// `INVALID_REQUEST_SIZE` for each request value over [`MAX_REQUEST_VALUE_BYTES`] and for a
/// context of more than [`MAX_CONTEXT_KEYS`] keys. (Short: this code is in the playground's page.)
fn size_problems(input: &RequestInput) -> Vec<Diagnostic> {
    const TOO_LONG: &str = "longer than 8,192 bytes: iamplay evaluates request values of at most 8,192 bytes (an AWS ARN has at most 2,048 characters)";
    let mut out = Vec::new();
    let mut over = |path: String, message: &str| {
        out.push(Diagnostic::new(
            Code::INVALID_REQUEST_SIZE,
            Span::default(),
            path,
            message,
        ))
    };
    for (field, value) in [
        ("principal", &input.principal),
        ("action", &input.action),
        ("resource", &input.resource),
    ] {
        if value.len() > MAX_REQUEST_VALUE_BYTES {
            over(format!("request.{field}"), TOO_LONG);
        }
    }
    if input.context.len() > MAX_CONTEXT_KEYS {
        over(
            "request.context".to_string(),
            "more than 1,000 context keys: iamplay evaluates at most 1,000",
        );
        return out;
    }
    for (key, value) in &input.context {
        let size = key.len() + value.values().iter().map(|v| v.len() + 1).sum::<usize>();
        if size > MAX_REQUEST_VALUE_BYTES {
            // A long key is named by the path `request.context` alone.
            let path = if key.len() <= 64 {
                format!("request.context.\"{key}\"")
            } else {
                "request.context".to_string()
            };
            over(path, TOO_LONG);
        }
    }
    out
}

impl Request {
    /// Validate `input`; request problems are diagnostics with `policy: None` and paths like
    /// `request.principal`. A value over iamplay's size limits ([`MAX_REQUEST_VALUE_BYTES`],
    /// [`MAX_CONTEXT_KEYS`]) is reported alone, before the other checks quote it.
    pub fn build(input: &RequestInput) -> Result<Request, Vec<Diagnostic>> {
        let too_large = size_problems(input);
        if !too_large.is_empty() {
            return Err(too_large);
        }
        let mut errors = Vec::new();
        let principal = match Principal::parse(input.principal.trim()) {
            Ok(p) => Some(p),
            Err(message) => {
                errors.push(Diagnostic::new(
                    Code::INVALID_REQUEST_PRINCIPAL,
                    Span::default(),
                    "request.principal",
                    message,
                ));
                None
            }
        };
        let action = input.action.trim();
        let action_ok = match action.split_once(':') {
            Some((service, name)) => {
                !service.is_empty()
                    && !name.is_empty()
                    && !action.contains('*')
                    && !action.contains('?')
                    && !action.contains(char::is_whitespace)
            }
            None => false,
        };
        if !action_ok {
            errors.push(Diagnostic::new(
                Code::INVALID_REQUEST_ACTION,
                Span::default(),
                "request.action",
                format!("`{action}` is not an action: write one action as `service:ActionName`, e.g. `s3:GetObject` (no wildcards)"),
            ));
        }
        let resource = input.resource.trim();
        if resource.is_empty() {
            errors.push(Diagnostic::new(
                Code::INVALID_REQUEST_RESOURCE,
                Span::default(),
                "request.resource",
                "the request has no resource: give an ARN, or `*` for actions that take no resource",
            ));
        } else if resource != "*"
            && !(resource.starts_with("arn:") && resource.split(':').count() >= 6)
        {
            errors.push(Diagnostic::new(
                Code::INVALID_REQUEST_RESOURCE,
                Span::default(),
                "request.resource",
                format!("`{resource}` is not an ARN (`arn:partition:service:region:account:resource`) or `*`"),
            ));
        }
        if let Some(account) = &input.resource_account {
            if !is_account_id(account) {
                errors.push(Diagnostic::new(
                    Code::INVALID_REQUEST_ACCOUNT,
                    Span::default(),
                    "request.resourceAccount",
                    format!("`{account}` is not a 12-digit account id"),
                ));
            }
        }
        let Some(principal) = principal else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let resource_account = input
            .resource_account
            .clone()
            .or_else(|| arn_account(resource).map(str::to_string))
            .or_else(|| principal.account().map(str::to_string));

        let mut context = Context::default();
        for (key, value) in &input.context {
            context.insert(key, value.clone(), false);
        }
        derive_keys(&principal, resource_account.as_deref(), &mut context);
        Ok(Request {
            principal,
            action: action.to_string(),
            resource: resource.to_string(),
            resource_account,
            context,
        })
    }
}

/// The keys AWS fills in from the principal and the resource (when the user has not given them).
fn derive_keys(principal: &Principal, resource_account: Option<&str>, context: &mut Context) {
    let mut put = |key: &str, value: String| context.insert(key, ContextValue::Single(value), true);
    let principal_arn = match principal {
        Principal::Role { .. } | Principal::AssumedRole { .. } => principal.role_arn(),
        _ => principal.arn().map(str::to_string),
    };
    if let Some(arn) = principal_arn {
        put("aws:PrincipalArn", arn);
    }
    match principal {
        Principal::Anonymous => put("aws:PrincipalAccount", "anonymous".to_string()),
        other => {
            if let Some(account) = other.account() {
                put("aws:PrincipalAccount", account.to_string());
            }
        }
    }
    if let Some(kind) = principal.principal_type() {
        put("aws:PrincipalType", kind.to_string());
    }
    match principal {
        Principal::User { name, .. } => put("aws:username", name.clone()),
        Principal::Root { account, .. } => put("aws:userid", account.clone()),
        Principal::FederatedUser { account, name, .. } => {
            put("aws:userid", format!("{account}:{name}"))
        }
        Principal::Anonymous => put("aws:userid", "anonymous".to_string()),
        Principal::AssumedRole { session_name, .. } => {
            put("aws:RoleSessionName", session_name.clone())
        }
        _ => {}
    }
    match principal {
        Principal::Service { name } => {
            put("aws:PrincipalIsAWSService", "true".to_string());
            put("aws:PrincipalServiceName", name.clone());
        }
        Principal::Anonymous => {}
        _ => put("aws:PrincipalIsAWSService", "false".to_string()),
    }
    if let Some(account) = resource_account {
        put("aws:ResourceAccount", account.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_principals() {
        assert!(matches!(
            Principal::parse("arn:aws:iam::111122223333:user/dev/alice").unwrap(),
            Principal::User { ref name, ref path, .. } if name == "alice" && path == "/dev/"
        ));
        assert!(matches!(
            Principal::parse("arn:aws:sts::111122223333:assumed-role/Admin/s1").unwrap(),
            Principal::AssumedRole { ref role_name, ref session_name, .. } if role_name == "Admin" && session_name == "s1"
        ));
        assert!(matches!(
            Principal::parse("arn:aws:iam::111122223333:root").unwrap(),
            Principal::Root { .. }
        ));
        assert!(matches!(
            Principal::parse("s3.amazonaws.com").unwrap(),
            Principal::Service { .. }
        ));
        assert!(matches!(
            Principal::parse("*").unwrap(),
            Principal::Anonymous
        ));
        assert!(Principal::parse("alice").is_err());
        assert!(Principal::parse("arn:aws:iam::1111:user/a").is_err());
        assert!(Principal::parse("arn:aws:s3:::bucket").is_err());
    }

    #[test]
    fn service_linked() {
        assert!(Principal::parse(
            "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX"
        )
        .unwrap()
        .is_service_linked_role());
        assert!(!Principal::parse("arn:aws:iam::111122223333:role/Admin")
            .unwrap()
            .is_service_linked_role());
    }

    #[test]
    fn given_keys_win_and_derived_are_marked() {
        let input = RequestInput {
            principal: "arn:aws:iam::111122223333:user/alice".into(),
            action: "s3:GetObject".into(),
            resource: "arn:aws:s3:::b/k".into(),
            resource_account: None,
            spans: Default::default(),
            context: vec![(
                "AWS:USERNAME".into(),
                ContextValue::Single("mallory".into()),
            )],
        };
        let r = Request::build(&input).unwrap();
        assert_eq!(r.context.single_value("aws:username"), Some("mallory"));
        assert!(!r.context.get("aws:username").unwrap().derived);
        assert!(r.context.get("aws:PrincipalArn").unwrap().derived);
        assert_eq!(r.resource_account.as_deref(), Some("111122223333"));
    }

    #[test]
    fn role_trust_requests() {
        let role = "arn:aws:iam::111122223333:role/path/Admin";
        for action in ROLE_TRUST_ACTIONS {
            assert!(is_role_trust_request(action, role), "{action}");
        }
        assert!(is_role_trust_request("STS:AssumeRoleWithSAML", role));
        assert!(is_role_trust_request(
            "sts:AssumeRole",
            "arn:aws-cn:iam::111122223333:role/R"
        ));
        assert!(!is_role_trust_request("sts:GetCallerIdentity", role));
        assert!(!is_role_trust_request("iam:GetRole", role));
        assert!(!is_role_trust_request(
            "sts:AssumeRole",
            "arn:aws:iam::111122223333:user/alice"
        ));
        assert!(!is_role_trust_request(
            "sts:AssumeRole",
            "arn:aws:s3:::role/x"
        ));
        assert!(!is_role_trust_request("sts:AssumeRole", "role/x"));
        assert!(!is_role_trust_request("sts:AssumeRole", ""));
        let input = RequestInput {
            action: "sts:TagSession".into(),
            resource: role.into(),
            ..RequestInput::default()
        };
        assert!(input.targets_role_trust_policy());
    }
}
