//! Scenario format v1 (`docs/scenario-format.md`): the file users save, share and give the CLI.
//!
//! Parsing is strict: an unknown field, a wrong type or a missing field is an error that names the
//! field and its line and column.

use iam_json::{LineCol, LineIndex, Member, Span, Value, ValueKind};
use serde::Serialize;

use crate::json_out::Json;
use crate::policy::PolicyType;
use crate::request::{is_account_id, ContextValue, RequestInput, RequestSpans};

/// A whole scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    pub request: RequestInput,
    pub policies: Vec<PolicyInput>,
    pub organization: Option<Organization>,
    /// S3 Block Public Access settings of the request's bucket and of the account that owns it.
    pub block_public_access: Option<BlockPublicAccess>,
}

/// The four S3 Block Public Access settings, named as in AWS's `PublicAccessBlockConfiguration`;
/// each is off unless given.
/// <https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html>
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

/// S3 Block Public Access for the request's bucket: the settings of the account that owns the
/// bucket and the bucket's own. S3 applies the most restrictive combination (a setting is on when
/// either level turns it on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BlockPublicAccess {
    pub account: Option<PublicAccessBlock>,
    pub bucket: Option<PublicAccessBlock>,
}

/// The settings' names in scenario and workspace files (AWS's names in camelCase).
pub(crate) const PUBLIC_ACCESS_SETTINGS: [&str; 4] = [
    "blockPublicAcls",
    "ignorePublicAcls",
    "blockPublicPolicy",
    "restrictPublicBuckets",
];

impl PublicAccessBlock {
    /// The settings in the order of [`PUBLIC_ACCESS_SETTINGS`].
    pub(crate) fn flags(&self) -> [bool; 4] {
        [
            self.block_public_acls,
            self.ignore_public_acls,
            self.block_public_policy,
            self.restrict_public_buckets,
        ]
    }

    /// The settings that are on, as JSON members (a file leaves the others out).
    pub(crate) fn to_json(self) -> Json<'static> {
        let mut on = Vec::new();
        for (name, flag) in PUBLIC_ACCESS_SETTINGS.into_iter().zip(self.flags()) {
            if flag {
                on.push((name, Json::Bool(true)));
            }
        }
        Json::Object(on)
    }
}

/// Read the four settings at `field`: an object of booleans, each optional.
pub(crate) fn read_public_access_block(
    value: &Value,
    field: &str,
    errors: &mut Errors,
) -> PublicAccessBlock {
    let m = fields(value, field, &PUBLIC_ACCESS_SETTINGS, errors);
    let mut flag = |key: &str| match get(&m, key) {
        None => false,
        Some(v) => match v.kind {
            ValueKind::Bool(on) => on,
            _ => {
                errors.push((
                    format!("{field}.{key}"),
                    format!("must be `true` or `false`, found {}", v.type_name()),
                    v.span,
                ));
                false
            }
        },
    };
    PublicAccessBlock {
        block_public_acls: flag("blockPublicAcls"),
        ignore_public_acls: flag("ignorePublicAcls"),
        block_public_policy: flag("blockPublicPolicy"),
        restrict_public_buckets: flag("restrictPublicBuckets"),
    }
}

/// `blockPublicAccess` of a scenario: `account` and `bucket`, each the four settings.
fn read_block_public_access(value: &Value, errors: &mut Errors) -> BlockPublicAccess {
    let m = fields(value, "blockPublicAccess", &["account", "bucket"], errors);
    BlockPublicAccess {
        account: get(&m, "account")
            .map(|v| read_public_access_block(v, "blockPublicAccess.account", errors)),
        bucket: get(&m, "bucket")
            .map(|v| read_public_access_block(v, "blockPublicAccess.bucket", errors)),
    }
}

/// One policy of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyInput {
    pub name: String,
    pub policy_type: PolicyType,
    pub target: Option<String>,
    /// The policy text. Spans in diagnostics and traces index this text.
    pub document: String,
    /// Byte offset of `document` in the scenario file, when the file gave the document as a JSON
    /// object (its text is then a slice of the file). `None` when it was a string.
    pub file_offset: Option<u32>,
    /// Where the policy comes from, when a workspace derived it from its model (`attached to group
    /// Developers`); `None` in a scenario, whose policies are given as they are.
    pub origin: Option<String>,
    /// The document's JSON tree when the file that gave it was already parsed (a document written
    /// as an object): analysing the scenario then lowers the policy from it without parsing
    /// `document` again. `DocumentTree::default()` (none) is always correct, only slower.
    pub tree: DocumentTree,
}

/// The parsed tree of a policy document ([`PolicyInput::tree`], [`Document::tree`](crate::workspace::Document)),
/// its spans relative to the document's text. It keeps that text and is used only while the
/// document still has it: a document edited after it was read is parsed again, never lowered from
/// a stale tree. It takes no part in comparisons (it is a cache of the text's parse).
#[derive(Clone, Debug, Default)]
pub struct DocumentTree(Option<std::sync::Arc<(String, Value)>>);

impl DocumentTree {
    /// The tree of a document read as part of a larger file (`value`, whose text in that file is
    /// `text`): its spans are made relative to `text`.
    pub(crate) fn of(text: &str, mut value: Value) -> DocumentTree {
        value.rebase();
        DocumentTree(Some(std::sync::Arc::new((text.to_string(), value))))
    }

    /// The tree, if it is the parse of `text`.
    pub(crate) fn get(&self, text: &str) -> Option<&Value> {
        match self.0.as_deref() {
            Some((parsed, value)) if parsed == text => Some(value),
            _ => None,
        }
    }
}

impl PartialEq for DocumentTree {
    fn eq(&self, _: &DocumentTree) -> bool {
        true
    }
}

impl Eq for DocumentTree {}

/// `organization`: the management account and each member account's path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organization {
    pub management_account: Option<String>,
    /// Account id → its path (root, then each OU), in file order.
    pub accounts: Vec<(String, Vec<String>)>,
}

/// A scenario that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioError {
    /// The field, e.g. `policies[2].type`; empty for the whole file.
    pub field: String,
    pub message: String,
    pub span: Span,
    pub start: LineCol,
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(
                f,
                "{}:{}: {}",
                self.start.line, self.start.column, self.message
            )
        } else {
            write!(
                f,
                "{}:{}: `{}`: {}",
                self.start.line, self.start.column, self.field, self.message
            )
        }
    }
}

/// Parse a scenario file. All problems are reported, each with its field and position.
pub fn parse_scenario(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
    scenario_from(text, iam_json::parse(text))
}

/// [`parse_scenario`] from the text's parse (the workspace reader parses a file once, then reads a
/// v1 scenario from it).
pub(crate) fn scenario_from(
    text: &str,
    parse: iam_json::Parse,
) -> Result<Scenario, Vec<ScenarioError>> {
    let mut errors: Vec<(String, String, Span)> = Vec::new();
    let scenario = match parse.value {
        None => {
            for e in parse.errors {
                errors.push((
                    String::new(),
                    format!("not valid JSON: {}", e.message),
                    e.span,
                ));
            }
            None
        }
        Some(root) => Some((read_root(&root, text, &mut errors), root)),
    };
    if let Some((scenario, root)) = &scenario {
        for problem in scenario.problems() {
            // Problems already reported with a position while reading are not repeated.
            if !errors.iter().any(|(field, _, _)| *field == problem.0) {
                let span = locate(root, &problem.0);
                errors.push((problem.0, problem.1, span));
            }
        }
    }
    match scenario {
        Some((mut s, mut root)) if errors.is_empty() => {
            keep_document_trees(&mut root, &mut s.policies);
            s.request.spans.locate_in(text);
            Ok(s)
        }
        _ => Err(located(text, errors)),
    }
}

/// Move each document written as an object out of the file's tree into its policy
/// ([`PolicyInput::tree`]), so that it is parsed once. Only for a scenario read without errors, whose
/// policies are `policies`' items one for one.
fn keep_document_trees(root: &mut Value, policies: &mut [PolicyInput]) {
    let Some(Value {
        kind: ValueKind::Array(items),
        ..
    }) = member_mut(root, "policies")
    else {
        return;
    };
    for (input, item) in policies.iter_mut().zip(items.iter_mut()) {
        if input.file_offset.is_none() {
            continue;
        }
        if let Some(document) = member_mut(item, "document") {
            let empty = Value {
                kind: ValueKind::Null,
                span: document.span,
            };
            input.tree = DocumentTree::of(&input.document, std::mem::replace(document, empty));
        }
    }
}

/// The value of the first member `key` of an object, to change.
fn member_mut<'v>(value: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    match &mut value.kind {
        ValueKind::Object(members) => members
            .iter_mut()
            .find(|m| m.key == key)
            .map(|m| &mut m.value),
        _ => None,
    }
}

pub(crate) type Errors = Vec<(String, String, Span)>;

/// The errors found while reading `text`, each with its line and column.
pub(crate) fn located(text: &str, errors: Errors) -> Vec<ScenarioError> {
    let index = LineIndex::new(text);
    errors
        .into_iter()
        .map(|(field, message, span)| ScenarioError {
            start: index.line_col(span.start),
            field,
            message,
            span,
        })
        .collect()
}

/// The span of the field a path names (`policies[2].name`, `organization.accounts."1111"`), or of
/// its nearest ancestor that exists; the whole file for the empty path.
pub(crate) fn locate(root: &Value, path: &str) -> Span {
    let mut node = root;
    let mut rest = path;
    while !rest.is_empty() {
        rest = rest.strip_prefix('.').unwrap_or(rest);
        let next = if let Some(after) = rest.strip_prefix('[') {
            // `[index]`
            let Some((index, tail)) = after.split_once(']') else {
                break;
            };
            let item = index
                .parse::<usize>()
                .ok()
                .and_then(|i| node.as_array().and_then(|items| items.get(i)));
            rest = tail;
            item
        } else {
            // `key` or `"key"`, up to the next `.` or `[` outside quotes
            let (key, tail) = match rest.strip_prefix('"') {
                Some(quoted) => match quoted.split_once('"') {
                    Some((key, tail)) => (key, tail),
                    None => break,
                },
                None => {
                    let end = rest.find(['.', '[']).unwrap_or(rest.len());
                    (rest.get(..end).unwrap_or(""), rest.get(end..).unwrap_or(""))
                }
            };
            rest = tail;
            node.as_object()
                .and_then(|members| members.iter().find(|m| m.key == key))
                .map(|m| &m.value)
        };
        match next {
            Some(value) => node = value,
            None => break,
        }
    }
    node.span
}

pub(crate) fn fields<'v>(
    value: &'v Value,
    field: &str,
    known: &[&str],
    errors: &mut Errors,
) -> Vec<&'v Member> {
    let Some(members) = value.as_object() else {
        errors.push((
            field.to_string(),
            format!("must be an object, found {}", value.type_name()),
            value.span,
        ));
        return Vec::new();
    };
    let mut out: Vec<&Member> = Vec::new();
    for m in members {
        let name = if field.is_empty() {
            m.key.clone()
        } else {
            format!("{field}.{}", m.key)
        };
        if !known.contains(&m.key.as_str()) {
            let mut message = "unknown field".to_string();
            if let Some(s) = crate::fuzzy::suggest(&m.key, known.iter().copied()) {
                message.push_str(&format!("; did you mean `{s}`?"));
            } else {
                message.push_str(&format!(" (known fields: {})", known.join(", ")));
            }
            errors.push((name, message, m.key_span));
        } else if out.iter().any(|o| o.key == m.key) {
            errors.push((name, "appears twice".to_string(), m.key_span));
        } else {
            out.push(m);
        }
    }
    out
}

pub(crate) fn get<'v>(members: &[&'v Member], key: &str) -> Option<&'v Value> {
    members.iter().find(|m| m.key == key).map(|m| &m.value)
}

pub(crate) fn string(
    value: Option<&Value>,
    field: &str,
    span: Span,
    required: bool,
    errors: &mut Errors,
) -> Option<String> {
    match value {
        None => {
            if required {
                errors.push((field.to_string(), "is required".to_string(), span));
            }
            None
        }
        Some(v) => match v.as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                errors.push((
                    field.to_string(),
                    format!("must be a string, found {}", v.type_name()),
                    v.span,
                ));
                None
            }
        },
    }
}

fn read_root(root: &Value, text: &str, errors: &mut Errors) -> Scenario {
    let top = fields(
        root,
        "",
        &[
            "version",
            "request",
            "policies",
            "organization",
            "blockPublicAccess",
        ],
        errors,
    );
    if let Some(v) = get(&top, "version") {
        if !matches!(&v.kind, ValueKind::Number(n) if n == "1") {
            errors.push((
                "version".into(),
                "this iamplay reads scenario format version 1; the file needs a newer iamplay"
                    .into(),
                v.span,
            ));
        }
    }
    let request = match get(&top, "request") {
        Some(v) => read_request(v, errors),
        None => {
            errors.push(("request".into(), "is required".into(), root.span));
            RequestInput::default()
        }
    };
    let mut policies = Vec::new();
    match get(&top, "policies") {
        None => errors.push((
            "policies".into(),
            "is required (it may be an empty list)".into(),
            root.span,
        )),
        Some(v) => match v.as_array() {
            None => errors.push((
                "policies".into(),
                format!("must be a list, found {}", v.type_name()),
                v.span,
            )),
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    if let Some(p) = read_policy(item, &format!("policies[{i}]"), text, errors) {
                        policies.push(p);
                    }
                }
            }
        },
    }
    let organization = get(&top, "organization").map(|v| read_organization(v, errors));
    let block_public_access =
        get(&top, "blockPublicAccess").map(|v| read_block_public_access(v, errors));
    Scenario {
        request,
        policies,
        organization,
        block_public_access,
    }
}

fn read_request(value: &Value, errors: &mut Errors) -> RequestInput {
    let m = fields(
        value,
        "request",
        &[
            "principal",
            "action",
            "resource",
            "resourceAccount",
            "context",
        ],
        errors,
    );
    request_fields(value, &m, "request", errors)
}

/// The request fields of `m` (`principal`, `action`, `resource`, `resourceAccount`, `context`),
/// for an object at `field` (`request`, or `requests[2]` in a workspace).
pub(crate) fn request_fields(
    value: &Value,
    m: &[&Member],
    field: &str,
    errors: &mut Errors,
) -> RequestInput {
    let span = value.span;
    let principal = string(
        get(m, "principal"),
        &format!("{field}.principal"),
        span,
        true,
        errors,
    )
    .unwrap_or_default();
    let action = string(
        get(m, "action"),
        &format!("{field}.action"),
        span,
        true,
        errors,
    )
    .unwrap_or_default();
    let resource = string(
        get(m, "resource"),
        &format!("{field}.resource"),
        span,
        true,
        errors,
    )
    .unwrap_or_default();
    let resource_account = string(
        get(m, "resourceAccount"),
        &format!("{field}.resourceAccount"),
        span,
        false,
        errors,
    );
    if let Some(account) = &resource_account {
        if !is_account_id(account) {
            if let Some(v) = get(m, "resourceAccount") {
                errors.push((
                    format!("{field}.resourceAccount"),
                    format!("`{account}` is not a 12-digit account id"),
                    v.span,
                ));
            }
        }
    }
    let mut spans = RequestSpans::default();
    for name in [
        "principal",
        "action",
        "resource",
        "resourceAccount",
        "context",
    ] {
        if let Some(v) = get(m, name) {
            spans.push(name.to_string(), v.span);
        }
    }
    let mut context = Vec::new();
    if let Some(v) = get(m, "context") {
        match v.as_object() {
            None => errors.push((
                format!("{field}.context"),
                format!("must be an object, found {}", v.type_name()),
                v.span,
            )),
            Some(members) => {
                for member in members {
                    let field = format!("{field}.context.\"{}\"", member.key);
                    // Keys are case-insensitive: compared with the keys kept so far while there
                    // are at most MAX_CONTEXT_KEYS (a request with more is refused as a whole,
                    // `INVALID_REQUEST_SIZE`), so this scan stays bounded.
                    if context.len() <= crate::request::MAX_CONTEXT_KEYS
                        && context.iter().any(|(k, _): &(String, ContextValue)| {
                            k.eq_ignore_ascii_case(&member.key)
                        })
                    {
                        errors.push((
                            field.clone(),
                            "appears twice (context keys are case-insensitive)".into(),
                            member.key_span,
                        ));
                        continue;
                    }
                    let value = match &member.value.kind {
                        ValueKind::Array(items) => {
                            let mut values = Vec::new();
                            for item in items {
                                match scalar(item) {
                                    Some(s) => values.push(s),
                                    None => errors.push((field.clone(), format!("list items must be strings, numbers or booleans, found {}", item.type_name()), item.span)),
                                }
                            }
                            ContextValue::Multi(values)
                        }
                        _ => match scalar(&member.value) {
                            Some(s) => ContextValue::Single(s),
                            None => {
                                errors.push((
                                    field.clone(),
                                    format!(
                                        "must be a string, number, boolean or list, found {}",
                                        member.value.type_name()
                                    ),
                                    member.value.span,
                                ));
                                continue;
                            }
                        },
                    };
                    if context.len() <= crate::request::MAX_CONTEXT_KEYS {
                        spans.push(
                            format!("context.\"{}\"", member.key),
                            member.key_span.cover(member.value.span),
                        );
                    }
                    context.push((member.key.clone(), value));
                }
            }
        }
    }
    RequestInput {
        principal,
        action,
        resource,
        resource_account,
        context,
        spans,
    }
}

pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value.kind {
        ValueKind::String(_) | ValueKind::Number(_) | ValueKind::Bool(_) => value.scalar_text(),
        _ => None,
    }
}

fn read_policy(value: &Value, field: &str, text: &str, errors: &mut Errors) -> Option<PolicyInput> {
    let m = fields(
        value,
        field,
        &["name", "type", "target", "document"],
        errors,
    );
    value.as_object()?;
    let name = string(
        get(&m, "name"),
        &format!("{field}.name"),
        value.span,
        true,
        errors,
    );
    let type_value = get(&m, "type");
    let type_text = string(
        type_value,
        &format!("{field}.type"),
        value.span,
        true,
        errors,
    );
    let policy_type = type_text.as_deref().and_then(|t| {
        let parsed = PolicyType::parse(t);
        if parsed.is_none() {
            let names: Vec<&str> = PolicyType::ALL.iter().map(|t| t.as_str()).collect();
            let mut message = format!("`{t}` is not a policy type (one of {})", names.join(", "));
            if let Some(s) = crate::fuzzy::suggest(t, names.iter().copied()) {
                message = format!("`{t}` is not a policy type; did you mean `{s}`?");
            }
            errors.push((
                format!("{field}.type"),
                message,
                type_value.map(|v| v.span).unwrap_or(value.span),
            ));
        }
        parsed
    });
    let target = string(
        get(&m, "target"),
        &format!("{field}.target"),
        value.span,
        false,
        errors,
    );
    if let Some(t) = policy_type {
        match (&target, t.is_org_policy()) {
            (None, true) => errors.push((
                format!("{field}.target"),
                format!("is required for an `{}`: the organization node (root, OU or account id) it is attached to", t.as_str()),
                value.span,
            )),
            (Some(_), false) => errors.push((
                format!("{field}.target"),
                format!("only `scp` and `rcp` policies have a target, not `{}`", t.as_str()),
                get(&m, "target").map(|v| v.span).unwrap_or(value.span),
            )),
            _ => {}
        }
    }
    let document = match get(&m, "document") {
        None => {
            errors.push((
                format!("{field}.document"),
                "is required".into(),
                value.span,
            ));
            None
        }
        Some(doc) => match &doc.kind {
            ValueKind::String(s) => Some((s.clone(), None)),
            ValueKind::Object(_) => Some((doc.span.text(text).to_string(), Some(doc.span.start))),
            _ => {
                errors.push((
                    format!("{field}.document"),
                    format!(
                        "must be a JSON object or a string holding the policy, found {}",
                        doc.type_name()
                    ),
                    doc.span,
                ));
                None
            }
        },
    };
    let (document, file_offset) = document?;
    Some(PolicyInput {
        name: name?,
        policy_type: policy_type?,
        target,
        document,
        file_offset,
        origin: None,
        tree: DocumentTree::default(),
    })
}

fn read_organization(value: &Value, errors: &mut Errors) -> Organization {
    let m = fields(
        value,
        "organization",
        &["managementAccount", "accounts"],
        errors,
    );
    let management_account = string(
        get(&m, "managementAccount"),
        "organization.managementAccount",
        value.span,
        false,
        errors,
    );
    if let (Some(a), Some(v)) = (&management_account, get(&m, "managementAccount")) {
        if !is_account_id(a) {
            errors.push((
                "organization.managementAccount".into(),
                format!("`{a}` is not a 12-digit account id"),
                v.span,
            ));
        }
    }
    let mut accounts = Vec::new();
    match get(&m, "accounts") {
        None => {
            if value.as_object().is_some() {
                errors.push((
                    "organization.accounts".into(),
                    "is required".into(),
                    value.span,
                ));
            }
        }
        Some(v) => {
            match v.as_object() {
                None => errors.push((
                    "organization.accounts".into(),
                    format!("must be an object, found {}", v.type_name()),
                    v.span,
                )),
                Some(members) => {
                    for member in members {
                        let field = format!("organization.accounts.\"{}\"", member.key);
                        if !is_account_id(&member.key) {
                            errors.push((
                                field.clone(),
                                "is not a 12-digit account id".into(),
                                member.key_span,
                            ));
                        }
                        let Some(items) = member.value.as_array() else {
                            errors.push((field, format!("must be a list of organization nodes (root, then OUs), found {}", member.value.type_name()), member.value.span));
                            continue;
                        };
                        let mut path = Vec::new();
                        for item in items {
                            match item.as_str() {
                                Some(s) => path.push(s.to_string()),
                                None => errors.push((
                                    field.clone(),
                                    format!("nodes must be strings, found {}", item.type_name()),
                                    item.span,
                                )),
                            }
                        }
                        accounts.push((member.key.clone(), path));
                    }
                }
            }
        }
    }
    Organization {
        management_account,
        accounts,
    }
}

impl Scenario {
    /// Problems a well-typed scenario can still have: `(field, message)`.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        // By policy: the first policy of the same name, and whether an earlier one also has the
        // same target. Found by sorting (comparing every pair was quadratic in the policies).
        let name = |i: usize| self.policies.get(i).map(|p| p.name.as_str());
        let target = |i: usize| self.policies.get(i).and_then(|p| p.target.as_deref());
        let by_name = |a: usize, b: usize| name(a).cmp(&name(b));
        let by_target = |a: usize, b: usize| by_name(a, b).then_with(|| target(a).cmp(&target(b)));
        // Stable: within equal names and targets, in index order.
        let order = crate::order::sorted_indices(self.policies.len(), &by_target);
        let mut first_named: Vec<usize> = (0..self.policies.len()).collect();
        let mut same_target_before = vec![false; self.policies.len()];
        for named in crate::order::equal_runs(&order, &by_name) {
            let first = named.iter().copied().min().unwrap_or(0);
            for i in named {
                if let Some(slot) = first_named.get_mut(*i) {
                    *slot = first;
                }
            }
            for targeted in crate::order::equal_runs(named, &by_target) {
                for i in targeted.iter().skip(1) {
                    if let Some(slot) = same_target_before.get_mut(*i) {
                        *slot = true;
                    }
                }
            }
        }
        for (i, p) in self.policies.iter().enumerate() {
            let earlier = first_named
                .get(i)
                .filter(|first| **first < i)
                .and_then(|first| self.policies.get(*first));
            if p.name.trim().is_empty() {
                out.push((
                    format!("policies[{i}].name"),
                    "must not be empty".to_string(),
                ));
            } else if let Some(q) = earlier {
                // The same SCP or RCP may be attached at several nodes: one entry per target.
                let attached_again = p.policy_type.is_org_policy()
                    && q.policy_type == p.policy_type
                    && !same_target_before.get(i).copied().unwrap_or(false);
                if !attached_again {
                    let message = if p.policy_type.is_org_policy() && q.policy_type == p.policy_type
                    {
                        format!(
                            "`{}` is already attached to `{}`; an {} may repeat its name only with another target",
                            p.name,
                            p.target.as_deref().unwrap_or(""),
                            p.policy_type.as_str()
                        )
                    } else {
                        format!(
                            "`{}` is the name of an earlier policy; names must be unique (only an `scp` or `rcp` may repeat its name, with another target)",
                            p.name
                        )
                    };
                    out.push((format!("policies[{i}].name"), message));
                }
            }
            if p.policy_type.is_org_policy()
                && p.target.as_deref().is_none_or(|t| t.trim().is_empty())
            {
                out.push((
                    format!("policies[{i}].target"),
                    format!(
                        "an `{}` needs the organization node it is attached to",
                        p.policy_type.as_str()
                    ),
                ));
            }
        }
        if let Some(org) = &self.organization {
            if let Some(m) = &org.management_account {
                if !is_account_id(m) {
                    out.push((
                        "organization.managementAccount".to_string(),
                        format!("`{m}` is not a 12-digit account id"),
                    ));
                }
            }
            for (account, _) in &org.accounts {
                if !is_account_id(account) {
                    out.push((
                        format!("organization.accounts.\"{account}\""),
                        "is not a 12-digit account id".to_string(),
                    ));
                }
            }
        }
        for t in [
            PolicyType::Resource,
            PolicyType::PermissionsBoundary,
            PolicyType::Session,
            PolicyType::VpcEndpoint,
        ] {
            let n = self.policies.iter().filter(|p| p.policy_type == t).count();
            if n > 1 {
                // Reported at the second one.
                let second = self
                    .policies
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.policy_type == t)
                    .nth(1)
                    .map(|(i, _)| i)
                    .unwrap_or(0);
                out.push((
                    format!("policies[{second}].type"),
                    format!(
                        "a request has at most one `{}` policy; this scenario has {n}",
                        t.as_str()
                    ),
                ));
            }
        }
        out
    }

    /// Serialize as scenario v1 JSON, every document as a string (so its formatting is kept).
    /// Indented by two spaces; optional members are left out when empty.
    pub fn to_json(&self) -> String {
        let context = members(self.request.context.iter().map(|(k, v)| {
            let value = match v {
                ContextValue::Single(s) => Json::String(s),
                ContextValue::Multi(vs) => string_list(vs),
            };
            (k.as_str(), value)
        }));
        let mut request = vec![
            ("principal", Json::String(&self.request.principal)),
            ("action", Json::String(&self.request.action)),
            ("resource", Json::String(&self.request.resource)),
        ];
        if let Some(account) = &self.request.resource_account {
            request.push(("resourceAccount", Json::String(account)));
        }
        if !context.is_empty() {
            request.push(("context", Json::Object(context)));
        }
        let policies = self
            .policies
            .iter()
            .map(|p| {
                let mut policy = vec![
                    ("name", Json::String(&p.name)),
                    ("type", Json::String(p.policy_type.as_str())),
                ];
                if let Some(target) = &p.target {
                    policy.push(("target", Json::String(target)));
                }
                policy.push(("document", Json::String(&p.document)));
                Json::Object(policy)
            })
            .collect();
        let mut root = vec![
            ("request", Json::Object(request)),
            ("policies", Json::Array(policies)),
        ];
        if let Some(org) = &self.organization {
            let mut organization = Vec::new();
            if let Some(management) = &org.management_account {
                organization.push(("managementAccount", Json::String(management)));
            }
            let accounts = members(
                org.accounts
                    .iter()
                    .map(|(account, path)| (account.as_str(), string_list(path))),
            );
            organization.push(("accounts", Json::Object(accounts)));
            root.push(("organization", Json::Object(organization)));
        }
        if let Some(bpa) = &self.block_public_access {
            let mut levels = Vec::new();
            if let Some(account) = bpa.account {
                levels.push(("account", account.to_json()));
            }
            if let Some(bucket) = bpa.bucket {
                levels.push(("bucket", bucket.to_json()));
            }
            root.push(("blockPublicAccess", Json::Object(levels)));
        }
        Json::Object(root).to_pretty()
    }
}

fn string_list(values: &[String]) -> Json<'_> {
    Json::Array(values.iter().map(|v| Json::String(v)).collect())
}

/// Object members as a JSON map has them: a key given twice keeps its first place and its last
/// value.
fn members<'a>(entries: impl Iterator<Item = (&'a str, Json<'a>)>) -> Vec<(&'a str, Json<'a>)> {
    let mut out: Vec<(&'a str, Json<'a>)> = Vec::new();
    for (key, value) in entries {
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => out.push((key, value)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{
  "request": {
    "principal": "arn:aws:iam::111122223333:user/alice",
    "action": "s3:GetObject",
    "resource": "arn:aws:s3:::example-bucket/photos/cat.jpg",
    "resourceAccount": "111122223333",
    "context": { "aws:SourceIp": "203.0.113.10", "aws:MultiFactorAuthPresent": true, "aws:TagKeys": ["env", "team"] }
  },
  "policies": [
    { "name": "ReadPhotos", "type": "identity", "document": { "Version": "2012-10-17", "Statement": [] } },
    { "name": "PhotosBucket", "type": "resource", "document": "{ \"Version\": \"2012-10-17\", \"Statement\": [] }" },
    { "name": "DenyRegions", "type": "scp", "target": "ou-abcd-11111111", "document": {} }
  ],
  "organization": {
    "managementAccount": "999988887777",
    "accounts": { "111122223333": ["r-root", "ou-abcd-11111111"], "444455556666": ["r-root"] }
  }
}"#;

    #[test]
    fn a_document_written_as_an_object_is_parsed_once_and_never_used_stale() {
        let text = r#"{"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
          "policies": [{"name": "P", "type": "identity", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}},
                       {"name": "Q", "type": "identity", "document": "{}"}]}"#;
        let mut s = parse_scenario(text).unwrap();
        let tree = s.policies[0].tree.get(&s.policies[0].document).unwrap();
        assert_eq!(
            tree,
            &iam_json::parse(&s.policies[0].document).value.unwrap()
        );
        // A document given as a string is parsed when it is lowered.
        assert!(s.policies[1].tree.get(&s.policies[1].document).is_none());
        let allowed = crate::analyze(&s, &crate::Options::default()).decision();
        assert_eq!(allowed, Some(crate::Decision::Allowed));
        // Edited after reading: the tree no longer applies, the new text is what counts.
        s.policies[0].document = s.policies[0].document.replace("Allow", "Deny");
        assert!(s.policies[0].tree.get(&s.policies[0].document).is_none());
        let denied = crate::analyze(&s, &crate::Options::default()).decision();
        assert_eq!(denied, Some(crate::Decision::ExplicitDeny));
    }

    #[test]
    fn request_diagnostics_point_at_their_field_in_the_file() {
        let text = "{\"request\": {\"principal\": \"arn:aws:iam::111122223333:user/a\",\n  \"action\": \"s3GetObject\", \"resource\": \"*\",\n  \"context\": {\"aws:SourceIp\": \"x\"}, \"resourceAccount\": \"111122223333\"},\n \"policies\": []}";
        let s = parse_scenario(text).unwrap();
        let report = crate::analyze(&s, &crate::Options::default());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.path == "request.action")
            .unwrap();
        assert_eq!(d.span.text(text), "\"s3GetObject\"");
        assert_eq!(d.start.map(|p| (p.line, p.column)), Some((2, 13)));
        // A request built in code has no position (the playground's request builder).
        let mut built = s.clone();
        built.request.spans = Default::default();
        let report = crate::analyze(&built, &crate::Options::default());
        assert!(report.diagnostics.iter().all(|d| d.start.is_none()));
        // The same request in a workspace points into the workspace file.
        let ws_text = text
            .replacen(
                "{\"request\": {",
                "{\"version\": 2, \"requests\": [{\"name\": \"r\",",
                1,
            )
            .replacen("},\n \"policies\": []}", "}]}", 1);
        let ws = crate::parse_workspace(&ws_text).unwrap();
        let run = ws.run(0, None).unwrap();
        let d = run.steps[0]
            .report
            .diagnostics
            .iter()
            .find(|d| d.path == "request.action")
            .unwrap();
        assert_eq!(d.span.text(&ws_text), "\"s3GetObject\"");
    }

    #[test]
    fn reads_the_documented_example() {
        let s = parse_scenario(EXAMPLE).unwrap();
        assert_eq!(s.policies.len(), 3);
        assert_eq!(s.request.context[1].1, ContextValue::Single("true".into()));
        let first = &s.policies[0];
        assert_eq!(
            first.document,
            r#"{ "Version": "2012-10-17", "Statement": [] }"#
        );
        let offset = first.file_offset.unwrap() as usize;
        assert_eq!(EXAMPLE.get(offset..offset + 2), Some("{ "));
        assert_eq!(s.policies[1].file_offset, None);
        assert_eq!(
            s.organization.as_ref().unwrap().accounts[0].1,
            vec!["r-root", "ou-abcd-11111111"]
        );
    }

    #[test]
    fn round_trips_through_to_json() {
        let s = parse_scenario(EXAMPLE).unwrap();
        let again = parse_scenario(&s.to_json()).unwrap();
        assert_eq!(again.request, s.request);
        assert_eq!(
            again
                .policies
                .iter()
                .map(|p| &p.document)
                .collect::<Vec<_>>(),
            s.policies.iter().map(|p| &p.document).collect::<Vec<_>>()
        );
        assert_eq!(again.organization, s.organization);
    }

    #[test]
    fn names_unknown_fields_with_position() {
        let errors = parse_scenario("{\n  \"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\", \"resource\": \"*\", \"contxt\": {}},\n  \"policies\": []\n}").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "request.contxt");
        assert!(errors[0].message.contains("did you mean `context`"));
        assert_eq!((errors[0].start.line, errors[0].start.column), (2, 76));
    }

    #[test]
    fn rejects_bad_shapes() {
        let e = parse_scenario(r#"{"request": {"principal": "*", "action": "a:b", "resource": "*"}, "policies": [{"name": "x", "type": "scp", "document": {}}]}"#).unwrap_err();
        assert!(e.iter().any(|e| e.field == "policies[0].target"));
        let e = parse_scenario(r#"{"request": {"principal": "*", "action": "a:b", "resource": "*"}, "policies": [{"name": "x", "type": "identy", "document": 3}]}"#).unwrap_err();
        assert!(e
            .iter()
            .any(|e| e.field == "policies[0].type" && e.message.contains("identity")));
        assert!(e.iter().any(|e| e.field == "policies[0].document"));
        let e = parse_scenario("{\"request\": ").unwrap_err();
        assert!(e[0].message.starts_with("not valid JSON"));
        let e = parse_scenario(r#"{"version": 2, "request": {"principal": "*", "action": "a:b", "resource": "*"}, "policies": []}"#).unwrap_err();
        assert_eq!(e[0].field, "version");
    }

    #[test]
    fn reads_and_writes_block_public_access() {
        let text = r#"{"request": {"principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"}, "policies": [],
  "blockPublicAccess": {"account": {"restrictPublicBuckets": true, "blockPublicAcls": false}, "bucket": {}}}"#;
        let s = parse_scenario(text).unwrap();
        assert_eq!(
            s.block_public_access,
            Some(BlockPublicAccess {
                account: Some(PublicAccessBlock {
                    restrict_public_buckets: true,
                    ..PublicAccessBlock::default()
                }),
                bucket: Some(PublicAccessBlock::default()),
            })
        );
        let again = parse_scenario(&s.to_json()).unwrap();
        assert_eq!(again.block_public_access, s.block_public_access);
        assert!(s.to_json().contains("\"restrictPublicBuckets\": true"));

        let e = parse_scenario(r#"{"request": {"principal": "*", "action": "a:b", "resource": "*"}, "policies": [],
  "blockPublicAccess": {"acount": {}, "bucket": {"restrictPublicBucket": true, "blockPublicPolicy": 1}}}"#)
        .unwrap_err();
        let field = |f: &str| {
            e.iter()
                .find(|x| x.field == f)
                .unwrap_or_else(|| panic!("{f}: {e:?}"))
        };
        assert!(field("blockPublicAccess.acount")
            .message
            .contains("did you mean `account`"));
        let typo = field("blockPublicAccess.bucket.restrictPublicBucket");
        assert!(typo
            .message
            .contains("did you mean `restrictPublicBuckets`"));
        assert_eq!((typo.start.line, typo.start.column), (2, 50));
        assert!(field("blockPublicAccess.bucket.blockPublicPolicy")
            .message
            .contains("`true` or `false`, found number"));
    }

    /// Every error points at the field it names (issue 9 item 6): the duplicate name at the
    /// second policy's `name`, a second resource policy at its `type`, a bad account id at its key.
    #[test]
    fn errors_found_after_reading_point_at_their_field() {
        let text = "{\n  \"request\": {\"principal\": \"*\", \"action\": \"a:b\", \"resource\": \"*\"},\n  \"policies\": [\n    {\"name\": \"P\", \"type\": \"resource\", \"document\": {}},\n    {\"name\": \"P\", \"type\": \"resource\", \"document\": {}}\n  ]\n}";
        let e = parse_scenario(text).unwrap_err();
        let name = e.iter().find(|e| e.field == "policies[1].name").unwrap();
        assert_eq!((name.start.line, name.start.column), (5, 14));
        let second = e.iter().find(|e| e.field == "policies[1].type").unwrap();
        assert_eq!((second.start.line, second.start.column), (5, 27));
        assert!(second.message.contains("at most one `resource`"));
        for error in &e {
            assert_ne!((error.start.line, error.start.column), (1, 1), "{error}");
        }
    }

    /// The same SCP may be attached at several nodes (one entry per target); the same target twice,
    /// or a repeated name of another type, is still an error.
    #[test]
    fn an_scp_name_repeats_only_with_another_target() {
        let scp = |target: &str| {
            format!(
                r#"{{"name": "FullAWSAccess", "type": "scp", "target": "{target}", "document": {{}}}}"#
            )
        };
        let with = |policies: &[String]| {
            format!(
                r#"{{"request": {{"principal": "*", "action": "a:b", "resource": "*"}}, "policies": [{}]}}"#,
                policies.join(", ")
            )
        };
        let ok =
            parse_scenario(&with(&[scp("r-root"), scp("ou-prod"), scp("111122223333")])).unwrap();
        assert_eq!(ok.policies.len(), 3);
        let e = parse_scenario(&with(&[scp("r-root"), scp("r-root")])).unwrap_err();
        assert!(e
            .iter()
            .any(|e| e.field == "policies[1].name"
                && e.message.contains("already attached to `r-root`")));
        let identity =
            r#"{"name": "FullAWSAccess", "type": "identity", "document": {}}"#.to_string();
        let e = parse_scenario(&with(&[scp("r-root"), identity])).unwrap_err();
        assert!(e
            .iter()
            .any(|e| e.field == "policies[1].name" && e.message.contains("names must be unique")));
    }
}

#[cfg(test)]
mod schema_tests {
    /// The JSON Schema in docs/ names exactly the fields the parser accepts.
    #[test]
    fn schema_lists_the_parsers_fields() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/scenario-v1.schema.json")).unwrap();
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
        assert_eq!(
            keys(&schema),
            [
                "blockPublicAccess",
                "organization",
                "policies",
                "request",
                "version"
            ]
        );
        assert_eq!(
            keys(&schema["properties"]["blockPublicAccess"]),
            ["account", "bucket"]
        );
        let mut settings: Vec<String> = super::PUBLIC_ACCESS_SETTINGS
            .iter()
            .map(|s| s.to_string())
            .collect();
        settings.sort();
        assert_eq!(keys(&schema["$defs"]["settings"]), settings);
        assert_eq!(
            keys(&schema["properties"]["request"]),
            [
                "action",
                "context",
                "principal",
                "resource",
                "resourceAccount"
            ]
        );
        assert_eq!(
            keys(&schema["properties"]["policies"]["items"]),
            ["document", "name", "target", "type"]
        );
        assert_eq!(
            keys(&schema["properties"]["organization"]),
            ["accounts", "managementAccount"]
        );
        let types: Vec<&str> = schema["properties"]["policies"]["items"]["properties"]["type"]
            ["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let ours: Vec<&str> = crate::policy::PolicyType::ALL
            .iter()
            .map(|t| t.as_str())
            .collect();
        assert_eq!(types, ours);
    }
}
