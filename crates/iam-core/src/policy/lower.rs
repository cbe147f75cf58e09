//! JSON → policy model. Never fails: returns the model it could build plus every diagnostic
//! (one bad statement does not hide the others).
//!
//! Element rules: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>;
//! codes: <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>.

use iam_json::{Member, Span, Value, ValueKind};

use super::*;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Path};
use crate::fuzzy::suggest;
use crate::matching::{binary, date, ip, number};
use crate::variables::{Template, VarProblem};

const TOP_LEVEL: [&str; 3] = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS: [&str; 9] = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];
const PRINCIPAL_KEYS: [&str; 4] = ["AWS", "Service", "Federated", "CanonicalUser"];

/// Global keys that hold several values; a plain operator on them needs a set qualifier.
pub(crate) const MULTI_VALUED_KEYS: [&str; 6] = [
    "aws:tagkeys",
    "aws:calledvia",
    "aws:principalorgpaths",
    "aws:resourceorgpaths",
    "aws:sourceorgpaths",
    "aws:principalservicenameslist",
];

/// Global keys that always hold one value; `ForAllValues` on them is overly permissive.
const SINGLE_VALUED_KEYS: [&str; 16] = [
    "aws:sourceip",
    "aws:username",
    "aws:userid",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:principalorgid",
    "aws:requestedregion",
    "aws:securetransport",
    "aws:multifactorauthpresent",
    "aws:currenttime",
    "aws:epochtime",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourcearn",
    "aws:sourceaccount",
];

/// Character quotas (docs/decisions.md A23): `(limit, code, whitespace counts)`.
fn size_quota(policy_type: PolicyType, role_trust: bool) -> (usize, Code, bool) {
    if role_trust {
        return (
            2_048,
            Code::POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA,
            false,
        );
    }
    match policy_type {
        PolicyType::Identity | PolicyType::PermissionsBoundary => (
            6_144,
            Code::POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA,
            false,
        ),
        PolicyType::Resource => (
            20_480,
            Code::POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA,
            false,
        ),
        PolicyType::Session => (2_048, Code::POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA, false),
        PolicyType::Scp => (5_120, Code::POLICY_SIZE_EXCEEDS_SCP_QUOTA, true),
        PolicyType::Rcp => (5_120, Code::POLICY_SIZE_EXCEEDS_RCP_QUOTA, true),
        // "The size of an endpoint policy cannot exceed 20,480 characters, including white space."
        PolicyType::VpcEndpoint => (
            20_480,
            Code::POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA,
            true,
        ),
    }
}

/// Lower one policy text.
pub(crate) fn lower(text: &str, policy_type: PolicyType) -> (Policy, Vec<Diagnostic>) {
    lower_with(text, policy_type, LintOptions::default())
}

/// [`lower`], with what is known about the policy beyond its type.
pub(crate) fn lower_with(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>) {
    let (policy, diagnostics, _) = lower_keeping_tree(text, policy_type, options);
    (policy, diagnostics)
}

/// [`lower_with`], also returning the JSON tree (for checks that need JSON paths after lowering).
pub(crate) fn lower_keeping_tree(
    text: &str,
    policy_type: PolicyType,
    options: LintOptions,
) -> (Policy, Vec<Diagnostic>, Option<Value>) {
    let mut cx = Lowerer {
        policy_type,
        role_trust: policy_type == PolicyType::Resource && options.role_trust_policy,
        diagnostics: Vec::new(),
        version: Version::Missing,
        operator_names: Vec::new(),
    };
    let parse = iam_json::parse(text);
    let whole = Span::new(0, text.len());
    for error in &parse.errors {
        cx.diagnostics.push(Diagnostic::new(
            Code::JSON_SYNTAX_ERROR,
            error.span,
            "",
            error.message.clone(),
        ));
    }
    for warning in &parse.warnings {
        cx.diagnostics.push(
            Diagnostic::new(
                Code::JSON_SYNTAX_ERROR,
                warning.span,
                "",
                warning.message.clone(),
            )
            .with_help("AWS accepts only strict JSON"),
        );
    }
    let Some(root) = parse.value else {
        return (Policy::unparsed(whole), cx.diagnostics, None);
    };
    cx.check_size(text);
    let policy = cx.document(&root);
    (policy, cx.diagnostics, Some(root))
}

struct Lowerer {
    policy_type: PolicyType,
    /// A resource policy known to be a role's trust policy ([`LintOptions::role_trust_policy`]).
    role_trust: bool,
    diagnostics: Vec<Diagnostic>,
    version: Version,
    /// Every condition operator name, built at the first unknown operator (for "did you mean"),
    /// then reused: a block of many unknown operators built it for each.
    operator_names: Vec<String>,
}

impl Lowerer {
    fn push(&mut self, code: Code, span: Span, path: &Path, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(code, span, path.render(), message));
    }

    fn push_help(
        &mut self,
        code: Code,
        span: Span,
        path: &Path,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(code, span, path.render(), message).with_help(help));
    }

    fn check_size(&mut self, text: &str) {
        let (limit, code, whitespace_counts) = size_quota(self.policy_type, self.role_trust);
        let size = if whitespace_counts {
            text.chars().count()
        } else {
            text.chars().filter(|c| !c.is_whitespace()).count()
        };
        if size > limit {
            let counted = if whitespace_counts {
                "all characters count, whitespace included"
            } else {
                "whitespace does not count"
            };
            let what = if self.role_trust {
                "role trust policy"
            } else {
                self.policy_type.describe()
            };
            let message = format!(
                "this {what} has {size} characters, over AWS's quota of {limit} ({counted})"
            );
            if self.role_trust {
                self.push_help(
                    code,
                    Span::new(0, text.len()),
                    &Path::root(),
                    message,
                    "the role trust policy quota is 2,048 characters by default and can be raised to 4,096 (Service Quotas); if it has been raised, ignore this warning",
                );
            } else {
                self.push(code, Span::new(0, text.len()), &Path::root(), message);
            }
        }
    }

    /// Report unknown, misspelled and duplicate members; return the known ones (the last of duplicates).
    fn members<'v>(
        &mut self,
        members: &'v [Member],
        known: &[&'static str],
        path: &Path,
        what: &str,
    ) -> Vec<(&'static str, &'v Member)> {
        let mut out: Vec<(&'static str, &'v Member)> = Vec::new();
        for member in members {
            if let Some(name) = known.iter().find(|k| **k == member.key) {
                if let Some(slot) = out.iter_mut().find(|(k, _)| k == name) {
                    let first_span = slot.1.key_span;
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::DUPLICATE_ELEMENT,
                            member.key_span,
                            path.key(name).render(),
                            format!("`{name}` appears twice in this {what}; AWS rejects the policy, and iamplay uses the last one"),
                        )
                        .with_label(first_span, "first here"),
                    );
                    slot.1 = member;
                } else {
                    out.push((name, member));
                }
            } else {
                let suggestion = suggest(&member.key, known.iter().copied());
                let mut message = format!("`{}` is not a {what} element", member.key);
                let help = match &suggestion {
                    Some(s) => {
                        message.push_str(&format!("; did you mean `{s}`?"));
                        format!("element names are case-sensitive: write `{s}`")
                    }
                    None => format!("a {what} has the elements {}", list(known)),
                };
                self.push_help(
                    Code::INVALID_POLICY_ELEMENT,
                    member.key_span,
                    &path.key(&member.key),
                    message,
                    help,
                );
            }
        }
        out
    }

    fn document(&mut self, root: &Value) -> Policy {
        let path = Path::root();
        let Some(members) = root.as_object() else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                root.span,
                &path,
                format!(
                    "a policy document is a JSON object, found {}",
                    article(root)
                ),
            );
            return Policy::unparsed(root.span);
        };
        let known = self.members(members, &TOP_LEVEL, &path, "policy");
        let get = |name: &str| known.iter().find(|(k, _)| *k == name).map(|(_, m)| *m);

        match get("Version") {
            None => self.push_help(
                Code::MISSING_VERSION,
                Span::new(root.span.start as usize, root.span.start as usize + 1),
                &path,
                "the policy has no `Version`, so it is read as version 2008-10-17, where policy variables are literal text",
                "add \"Version\": \"2012-10-17\"",
            ),
            Some(m) => match m.value.as_str() {
                Some("2012-10-17") => self.version = Version::V2012,
                Some("2008-10-17") => self.version = Version::V2008,
                _ => self.push_help(
                    Code::INVALID_VERSION,
                    m.value.span,
                    &path.key("Version"),
                    format!(
                        "`{}` is not a policy language version",
                        m.value.scalar_text().unwrap_or_else(|| m.value.type_name().to_string())
                    ),
                    "use \"2012-10-17\" (current) or \"2008-10-17\"",
                ),
            },
        }
        if let Some(m) = get("Id") {
            if m.value.as_str().is_none() {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &path.key("Id"),
                    format!("`Id` must be a string, found {}", article(&m.value)),
                );
            }
        }
        let mut statements = Vec::new();
        match get("Statement") {
            None => self.push(
                Code::MISSING_STATEMENT,
                root.span,
                &path,
                "the policy has no `Statement` element",
            ),
            Some(m) => match &m.value.kind {
                ValueKind::Object(_) => {
                    statements.push(self.statement(0, &m.value, &path.key("Statement")))
                }
                ValueKind::Array(items) => {
                    if items.is_empty() {
                        self.push(
                            Code::MISSING_STATEMENT,
                            m.value.span,
                            &path.key("Statement"),
                            "the `Statement` list is empty",
                        );
                    }
                    for (index, item) in items.iter().enumerate() {
                        let statement_key = path.key("Statement");
                        let spath = statement_key.index(index);
                        if item.as_object().is_some() {
                            statements.push(self.statement(index, item, &spath));
                        } else {
                            self.push(
                                Code::DATA_TYPE_MISMATCH,
                                item.span,
                                &spath,
                                format!("a statement is a JSON object, found {}", article(item)),
                            );
                        }
                    }
                }
                _ => self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &path.key("Statement"),
                    format!(
                        "`Statement` must be an object or a list of objects, found {}",
                        article(&m.value)
                    ),
                ),
            },
        }
        self.check_sids(&statements);
        Policy {
            version: self.version,
            statements,
            span: root.span,
            parsed: true,
        }
    }

    fn check_sids(&mut self, statements: &[Statement]) {
        let mut seen: std::collections::BTreeMap<&str, Span> = std::collections::BTreeMap::new();
        for statement in statements {
            let Some(sid) = &statement.sid else { continue };
            if sid.value.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(sid.value.as_str()) {
                let first = *first;
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::UNIQUE_SIDS_REQUIRED,
                        sid.span,
                        Path::root()
                            .key("Statement")
                            .index(statement.index)
                            .key("Sid")
                            .render(),
                        format!("Sid `{}` is used by more than one statement", sid.value),
                    )
                    .with_label(first, "first used here")
                    .with_help("give every statement its own Sid"),
                );
            } else {
                seen.insert(&sid.value, sid.span);
            }
        }
    }

    fn statement(&mut self, index: usize, value: &Value, path: &Path) -> Statement {
        let members = value.as_object().unwrap_or(&[]);
        let known = self.members(members, &STATEMENT_ELEMENTS, path, "statement");
        let get = |name: &str| known.iter().find(|(k, _)| *k == name).map(|(_, m)| *m);
        let mut problems: Vec<String> = Vec::new();

        let sid = get("Sid").and_then(|m| self.sid(m, path));

        let effect = match get("Effect") {
            None => {
                self.push(
                    Code::MISSING_EFFECT,
                    value.span,
                    path,
                    "the statement has no `Effect`",
                );
                problems.push("it has no Effect".into());
                None
            }
            Some(m) => match m.value.as_str() {
                Some("Allow") => Some(Spanned {
                    value: Effect::Allow,
                    span: m.value.span,
                }),
                Some("Deny") => Some(Spanned {
                    value: Effect::Deny,
                    span: m.value.span,
                }),
                None => {
                    self.push_help(
                        Code::INVALID_EFFECT,
                        m.value.span,
                        &path.key("Effect"),
                        format!("`Effect` must be a string, found {}", article(&m.value)),
                        "`Effect` is `\"Allow\"` or `\"Deny\"`",
                    );
                    problems.push("its Effect is not a string".into());
                    None
                }
                Some(shown) => {
                    let shown = shown.to_string();
                    let help = match suggest(&shown, ["Allow", "Deny"]) {
                        Some(s) => format!("`Effect` is case-sensitive: write `\"{s}\"`"),
                        None => "`Effect` is `\"Allow\"` or `\"Deny\"`".to_string(),
                    };
                    self.push_help(
                        Code::INVALID_EFFECT,
                        m.value.span,
                        &path.key("Effect"),
                        format!("`{shown}` is not a valid Effect"),
                        help,
                    );
                    problems.push(format!("its Effect `{shown}` is invalid"));
                    None
                }
            },
        };

        // Principal / NotPrincipal
        let principal = self.principal_element(
            get("Principal"),
            get("NotPrincipal"),
            value,
            path,
            &mut problems,
        );

        // Action / NotAction
        let action = match (get("Action"), get("NotAction")) {
            (Some(a), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotAction"),
                    "a statement cannot have both `Action` and `NotAction`",
                );
                let _ = a;
                problems.push("it has both Action and NotAction".into());
                None
            }
            (None, None) => {
                self.push(
                    Code::MISSING_ACTION,
                    value.span,
                    path,
                    "the statement has no `Action` or `NotAction`",
                );
                problems.push("it has no Action or NotAction".into());
                None
            }
            (Some(m), None) => self.action_element(m, false, path, &mut problems),
            (None, Some(m)) => self.action_element(m, true, path, &mut problems),
        };
        if self.policy_type == PolicyType::Rcp {
            if let Some(m) = get("NotAction") {
                self.push(
                    Code::RCP_SYNTAX_ERROR_NOTACTION,
                    m.key_span,
                    &path.key("NotAction"),
                    "resource control policies do not support `NotAction`",
                );
            }
        }

        // Resource / NotResource
        let only_sts = action
            .as_ref()
            .map(|a| {
                !a.negated
                    && !a.patterns.is_empty()
                    && a.patterns
                        .iter()
                        .all(|p| p.text.to_ascii_lowercase().starts_with("sts:"))
            })
            .unwrap_or(false);
        let resource = match (get("Resource"), get("NotResource")) {
            (Some(_), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotResource"),
                    "a statement cannot have both `Resource` and `NotResource`",
                );
                problems.push("it has both Resource and NotResource".into());
                None
            }
            (None, None) => {
                // A role trust policy applies to its role: it has no Resource (and may not have one).
                if !(self.role_trust || (self.policy_type == PolicyType::Resource && only_sts)) {
                    self.push_help(
                        Code::MISSING_RESOURCE,
                        value.span,
                        path,
                        "the statement has no `Resource` or `NotResource`",
                        "only role trust policies may leave the resource out",
                    );
                    problems.push("it has no Resource or NotResource".into());
                }
                None
            }
            (Some(m), None) => self.resource_element(m, false, path, &mut problems),
            (None, Some(m)) => self.resource_element(m, true, path, &mut problems),
        };

        if self.role_trust {
            for name in ["NotPrincipal", "Resource", "NotResource"] {
                if let Some(m) = get(name) {
                    self.check_role_trust_element(name, m, path);
                }
            }
            if let Some(a) = &action {
                self.check_role_trust_actions(a, path);
            }
            if let Some(p) = &principal {
                self.check_role_trust_federated(p, path);
            }
        }

        let condition =
            get("Condition").and_then(|m| self.condition(m, &path.key("Condition"), &mut problems));

        let statement = Statement {
            index,
            span: value.span,
            sid,
            effect,
            principal,
            action,
            resource,
            condition,
            problem: if problems.is_empty() {
                None
            } else {
                Some(problems.join("; "))
            },
        };
        self.check_grants(&statement, path);
        if self.policy_type == PolicyType::VpcEndpoint {
            self.check_vpc_endpoint(&statement, path);
        }
        statement
    }

    /// Elements a role trust policy does not support (Access Analyzer's `ROLE_TRUST_POLICY_SYNTAX_ERROR_*`).
    fn check_role_trust_element(&mut self, name: &'static str, m: &Member, path: &Path) {
        if name == "NotPrincipal" {
            self.push_help(
                Code::ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL,
                m.key_span,
                &path.key(name),
                "role trust policies do not support `NotPrincipal`",
                "name who may assume the role with a `Principal` element instead",
            );
        } else {
            self.push_help(
                Code::ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE,
                m.key_span,
                &path.key(name),
                format!("a role trust policy applies to the role it is attached to: it cannot name a resource with `{name}`"),
                format!("remove the `{name}` element"),
            );
        }
    }

    /// `Action` patterns that match none of the actions a role trust policy governs.
    fn check_role_trust_actions(&mut self, a: &ActionElement, path: &Path) {
        if a.negated {
            return;
        }
        let apath = path.key("Action");
        for p in &a.patterns {
            // A pattern without a service prefix is reported as malformed already.
            if p.text != "*" && !p.text.contains(':') {
                continue;
            }
            let governed = crate::request::ROLE_TRUST_ACTIONS
                .iter()
                .any(|t| p.pattern.matches_ignore_case(t));
            if !governed {
                self.push_help(
                    Code::UNSUPPORTED_ACTION_IN_POLICY,
                    p.span,
                    &apath,
                    format!("`{}` is not supported in a role trust policy", p.text),
                    "a role trust policy governs only sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; grant other actions in the role's permissions policies",
                );
            }
        }
    }

    /// `Federated` principals of a role trust policy: a domain name or an ARN (SAML or OIDC provider).
    fn check_role_trust_federated(&mut self, p: &PrincipalElement, path: &Path) {
        let element = path.key(if p.negated {
            "NotPrincipal"
        } else {
            "Principal"
        });
        let ppath = element.key("Federated");
        for e in &p.entries {
            if e.kind != PrincipalEntryKind::Federated
                || e.value.starts_with("arn:")
                || is_domain_name(&e.value)
            {
                continue;
            }
            self.push_help(
                Code::INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY,
                e.span,
                &ppath,
                format!("`{}` is not a federated principal: it is neither a domain name nor an ARN", e.value),
                "name an identity provider by its domain (`accounts.google.com`, `cognito-identity.amazonaws.com`) or by its ARN (`arn:aws:iam::ACCOUNT:saml-provider/NAME`, `arn:aws:iam::ACCOUNT:oidc-provider/HOST`)",
            );
        }
    }

    fn sid(&mut self, m: &Member, path: &Path) -> Option<Spanned<String>> {
        let spath = path.key("Sid");
        let Some(text) = m.value.as_str().map(str::to_string) else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                m.value.span,
                &spath,
                format!("`Sid` must be a string, found {}", article(&m.value)),
            );
            return None;
        };
        if text.is_empty() {
            self.push(
                Code::EMPTY_SID_VALUE,
                m.value.span,
                &spath,
                "the Sid is empty",
            );
        } else if self.policy_type != PolicyType::Resource
            && !text.chars().all(|c| c.is_ascii_alphanumeric())
        {
            self.push_help(
                Code::UNSUPPORTED_SID,
                m.value.span,
                &spath,
                format!("Sid `{text}` has characters IAM does not accept"),
                "in IAM policies a Sid may contain only letters A-Z, a-z and digits 0-9",
            );
        }
        Some(Spanned {
            value: text,
            span: m.value.span,
        })
    }

    /// String or list of strings (`Action`, `Resource`, principal values).
    fn string_list(
        &mut self,
        value: &Value,
        path: &Path,
        element: &str,
    ) -> Option<Vec<(String, Span)>> {
        match &value.kind {
            ValueKind::String(s) => Some(vec![(s.clone(), value.span)]),
            ValueKind::Array(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => out.push((s.to_string(), item.span)),
                        None => {
                            ok = false;
                            self.push(
                                Code::DATA_TYPE_MISMATCH,
                                item.span,
                                &path.index(i),
                                format!(
                                    "each `{element}` value must be a string, found {}",
                                    article(item)
                                ),
                            );
                        }
                    }
                }
                ok.then_some(out)
            }
            _ => {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    value.span,
                    path,
                    format!(
                        "`{element}` must be a string or a list of strings, found {}",
                        article(value)
                    ),
                );
                None
            }
        }
    }

    fn action_element(
        &mut self,
        m: &Member,
        negated: bool,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ActionElement> {
        let name = if negated { "NotAction" } else { "Action" };
        let apath = path.key(name);
        let Some(values) = self.string_list(&m.value, &apath, name) else {
            problems.push(format!("its {name} is not a string or a list of strings"));
            return None;
        };
        if values.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_ACTION,
                m.value.span,
                &apath,
                format!("the `{name}` list is empty, so it matches no action"),
            );
        }
        let many = matches!(m.value.kind, ValueKind::Array(_));
        let mut patterns = Vec::new();
        for (i, (text, span)) in values.into_iter().enumerate() {
            let vpath = if many { apath.index(i) } else { apath };
            if text.contains("${") {
                self.push(
                    Code::VARIABLE_UNSUPPORTED_IN_ELEMENT,
                    span,
                    &vpath,
                    format!("policy variables are not substituted in `{name}`; `{text}` is read literally"),
                );
            }
            if text != "*" {
                match text.split_once(':') {
                    Some((service, action)) if !service.is_empty() && !action.is_empty() => {
                        if service.contains('*') || service.contains('?') {
                            self.push_help(
                                Code::WILDCARD_IN_SERVICE_NAME,
                                span,
                                &vpath,
                                format!("the service prefix `{service}` contains a wildcard"),
                                "name the service exactly, e.g. `s3:GetObject`; a wildcard in the prefix can match services you did not intend",
                            );
                        }
                        if self.policy_type == PolicyType::Scp {
                            let wildcard_not_at_end = action
                                .char_indices()
                                .any(|(i, c)| (c == '*' || c == '?') && i + 1 != action.len())
                                || action.contains('?');
                            if wildcard_not_at_end {
                                self.push(
                                    Code::SCP_SYNTAX_ERROR_ACTION_WILDCARD,
                                    span,
                                    &vpath,
                                    format!("in an SCP a wildcard may only end the action name: `{text}`"),
                                );
                            }
                        }
                    }
                    _ => self.push_help(
                        Code::INVALID_ACTION_FORMAT,
                        span,
                        &vpath,
                        format!(
                            "`{text}` is not an action: actions are written `service:ActionName`"
                        ),
                        "for example `s3:GetObject`, `s3:Get*` or `*`",
                    ),
                }
            }
            patterns.push(ActionPattern {
                pattern: Pattern::wildcards(&text),
                text,
                span,
            });
        }
        Some(ActionElement {
            negated,
            key_span: m.key_span,
            patterns,
        })
    }

    fn resource_element(
        &mut self,
        m: &Member,
        negated: bool,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ResourceElement> {
        let name = if negated { "NotResource" } else { "Resource" };
        let rpath = path.key(name);
        let Some(values) = self.string_list(&m.value, &rpath, name) else {
            problems.push(format!("its {name} is not a string or a list of strings"));
            return None;
        };
        if values.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_RESOURCE,
                m.value.span,
                &rpath,
                format!("the `{name}` list is empty, so it matches no resource"),
            );
        }
        let many = matches!(m.value.kind, ValueKind::Array(_));
        let mut out = Vec::new();
        for (i, (text, span)) in values.into_iter().enumerate() {
            let vpath = if many { rpath.index(i) } else { rpath };
            let template = self.template(&text, span, &vpath, true);
            if text != "*" && !text.starts_with("arn:") && !text.chars().all(|c| c == '*') {
                self.push_help(
                    Code::INVALID_ARN_PREFIX,
                    span,
                    &vpath,
                    format!("`{text}` is not an ARN: resource ARNs start with `arn:`"),
                    "write the full ARN, e.g. `arn:aws:s3:::my-bucket/*`, or `*`",
                );
            } else if text.starts_with("arn:") {
                let fields = text.splitn(6, ':').count();
                let ends_with_star = text.ends_with('*');
                if fields < 6 && !ends_with_star {
                    self.push(
                        Code::MISSING_ARN_FIELD,
                        span,
                        &vpath,
                        format!("`{text}` has {fields} of the 6 ARN fields (`arn:partition:service:region:account:resource`)"),
                    );
                }
            }
            out.push(ResourceValue {
                text,
                span,
                template,
            });
        }
        Some(ResourceElement {
            negated,
            key_span: m.key_span,
            values: out,
        })
    }

    /// Parse a value that may hold policy variables, reporting problems at the right place.
    fn template(
        &mut self,
        text: &str,
        span: Span,
        path: &Path,
        variables_allowed: bool,
    ) -> Template {
        let enabled = self.version.variables_enabled() && variables_allowed;
        if !self.version.variables_enabled() && variables_allowed && text.contains("${") {
            self.push_help(
                Code::VARIABLE_UNSUPPORTED_IN_VERSION,
                span,
                path,
                format!("`{text}` uses a policy variable, but variables work only with \"Version\": \"2012-10-17\"; here it is literal text"),
                "add \"Version\": \"2012-10-17\" to the policy",
            );
        }
        let (template, problems) = Template::parse(text, enabled);
        for VarProblem {
            code,
            start,
            end,
            message,
        } in problems
        {
            let inner = Span::new(
                span.start as usize + 1 + start,
                span.start as usize + 1 + end,
            );
            // Only precise when the JSON string has no escapes (raw length = decoded length + quotes).
            let precise = span.len() as usize == text.len() + 2;
            self.push(code, if precise { inner } else { span }, path, message);
        }
        template
    }

    fn principal_element(
        &mut self,
        principal: Option<&Member>,
        not_principal: Option<&Member>,
        statement: &Value,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<PrincipalElement> {
        let member = match (principal, not_principal) {
            (Some(_), Some(n)) => {
                self.push(
                    Code::UNSUPPORTED_ELEMENT_COMBINATION,
                    n.key_span,
                    &path.key("NotPrincipal"),
                    "a statement cannot have both `Principal` and `NotPrincipal`",
                );
                problems.push("it has both Principal and NotPrincipal".into());
                return None;
            }
            (Some(m), None) => (m, false),
            (None, Some(m)) => (m, true),
            (None, None) => {
                match self.policy_type {
                    PolicyType::Resource => {
                        self.push(Code::MISSING_PRINCIPAL, statement.span, path, "a statement in a resource-based policy must name a `Principal` or `NotPrincipal`");
                        problems.push("it has no Principal".into());
                    }
                    PolicyType::VpcEndpoint => {
                        self.push_help(Code::MISSING_PRINCIPAL, statement.span, path, "a statement in a VPC endpoint policy must have a `Principal` element", "use `\"Principal\": \"*\"` and narrow it with an `aws:PrincipalArn` condition (gateway endpoints accept only `*`)");
                        problems.push("it has no Principal".into());
                    }
                    PolicyType::Rcp => self.push_help(
                        Code::RCP_SYNTAX_ERROR_PRINCIPAL,
                        statement.span,
                        path,
                        "a statement in an RCP must have `\"Principal\": \"*\"`; iamplay reads it as `*`",
                        "scope an RCP with conditions such as `aws:PrincipalOrgID`, not with the Principal element",
                    ),
                    _ => {}
                }
                return None;
            }
        };
        let (m, negated) = member;
        let name = if negated { "NotPrincipal" } else { "Principal" };
        let ppath = path.key(name);
        match self.policy_type {
            PolicyType::Identity | PolicyType::PermissionsBoundary | PolicyType::Session => {
                self.push_help(
                    Code::UNSUPPORTED_PRINCIPAL,
                    m.key_span,
                    &ppath,
                    format!("`{name}` is not allowed in {}; iamplay ignores it", with_article(self.policy_type.describe())),
                    "the policy applies to the identity it is attached to; name principals only in resource-based policies",
                );
                return None;
            }
            PolicyType::Scp => {
                self.push(
                    Code::SCP_SYNTAX_ERROR_PRINCIPAL,
                    m.key_span,
                    &ppath,
                    format!("SCPs do not support `{name}`; iamplay ignores it"),
                );
                return None;
            }
            PolicyType::Rcp => {
                if negated || m.value.as_str() != Some("*") {
                    self.push(
                        Code::RCP_SYNTAX_ERROR_PRINCIPAL,
                        m.value.span,
                        &ppath,
                        "RCPs support only `\"Principal\": \"*\"`",
                    );
                }
            }
            PolicyType::Resource => {}
            PolicyType::VpcEndpoint => {
                if negated {
                    self.push_help(
                        Code::VPC_ENDPOINT_POLICY_NOT_PRINCIPAL,
                        m.key_span,
                        &ppath,
                        "AWS's endpoint-policy page documents only `Principal` in VPC endpoint policies",
                        "use `\"Principal\": \"*\"` with an `aws:PrincipalArn` condition (`ArnNotEquals` to exclude principals)",
                    );
                }
            }
        }
        let mut entries = Vec::new();
        match &m.value.kind {
            ValueKind::String(s) => {
                if s == "*" {
                    entries.push(PrincipalEntry {
                        kind: PrincipalEntryKind::Everyone,
                        value: s.clone(),
                        span: m.value.span,
                    });
                } else {
                    self.push_help(
                        Code::INVALID_PRINCIPAL_FORMAT,
                        m.value.span,
                        &ppath,
                        format!("`{s}` must be inside a principal map"),
                        format!(
                            "write {{\"AWS\": \"{s}\"}} (or \"Service\" for a service principal)"
                        ),
                    );
                    entries.push(PrincipalEntry {
                        kind: PrincipalEntryKind::Aws,
                        value: s.clone(),
                        span: m.value.span,
                    });
                }
            }
            ValueKind::Object(members) => {
                if members.is_empty() {
                    self.push(
                        Code::EMPTY_OBJECT_PRINCIPAL,
                        m.value.span,
                        &ppath,
                        format!("the `{name}` map is empty, so it matches no principal"),
                    );
                }
                for member in members {
                    let kind = match member.key.as_str() {
                        "AWS" => PrincipalEntryKind::Aws,
                        "Service" => PrincipalEntryKind::Service,
                        "Federated" => PrincipalEntryKind::Federated,
                        "CanonicalUser" => PrincipalEntryKind::CanonicalUser,
                        other => {
                            let mut message = format!("`{other}` is not a principal type");
                            if let Some(s) = suggest(other, PRINCIPAL_KEYS) {
                                message.push_str(&format!("; did you mean `{s}`?"));
                            }
                            self.push_help(
                                Code::INVALID_PRINCIPAL_KEY,
                                member.key_span,
                                &ppath.key(other),
                                message,
                                "principal types are `AWS`, `Service`, `Federated` and `CanonicalUser`",
                            );
                            continue;
                        }
                    };
                    let kpath = ppath.key(&member.key);
                    let Some(values) = self.string_list(&member.value, &kpath, name) else {
                        continue;
                    };
                    if values.is_empty() {
                        self.push(
                            Code::EMPTY_ARRAY_PRINCIPAL,
                            member.value.span,
                            &kpath,
                            "the principal list is empty",
                        );
                    }
                    for (value, span) in values {
                        if value.contains("${") {
                            self.push(
                                Code::VARIABLE_UNSUPPORTED_IN_ELEMENT,
                                span,
                                &kpath,
                                "policy variables are not substituted in `Principal`",
                            );
                        }
                        if kind == PrincipalEntryKind::Aws {
                            self.check_aws_principal(&value, span, &kpath);
                        }
                        entries.push(PrincipalEntry { kind, value, span });
                    }
                }
            }
            _ => {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    m.value.span,
                    &ppath,
                    format!(
                        "`{name}` must be `\"*\"` or a map such as {{\"AWS\": …}}, found {}",
                        article(&m.value)
                    ),
                );
                problems.push(format!("its {name} is malformed"));
                return None;
            }
        }
        Some(PrincipalElement {
            negated,
            key_span: m.key_span,
            entries,
        })
    }

    fn check_aws_principal(&mut self, value: &str, span: Span, path: &Path) {
        if value == "*" || crate::request::is_account_id(value) {
            return;
        }
        if value.contains('*') || value.contains('?') {
            self.push_help(
                Code::UNSUPPORTED_WILDCARD_IN_PRINCIPAL,
                span,
                path,
                format!("`{value}`: wildcards are allowed in Principal only as the whole value `*`; this entry matches no one"),
                "name the principal exactly, or use `\"*\"` with an `aws:PrincipalArn` condition and `ArnLike`",
            );
            return;
        }
        let ok = match crate::request::Principal::parse(value) {
            Ok(p) => !matches!(
                p,
                crate::request::Principal::Service { .. } | crate::request::Principal::Anonymous
            ),
            Err(_) => false,
        };
        if !ok {
            self.push_help(
                Code::INVALID_PRINCIPAL_FORMAT,
                span,
                path,
                format!("`{value}` is not an account id or an IAM/STS principal ARN"),
                "use a 12-digit account id, `arn:aws:iam::ACCOUNT:root|user/NAME|role/NAME`, or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`",
            );
        }
    }

    fn condition(
        &mut self,
        m: &Member,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ConditionBlock> {
        let Some(operators) = m.value.as_object() else {
            self.push(
                Code::DATA_TYPE_MISMATCH,
                m.value.span,
                path,
                format!(
                    "`Condition` must be an object of operators, found {}",
                    article(&m.value)
                ),
            );
            problems.push("its Condition is malformed".into());
            return None;
        };
        if operators.is_empty() {
            self.push(
                Code::EMPTY_OBJECT_CONDITION,
                m.value.span,
                path,
                "the `Condition` block is empty",
            );
        }
        // Repeated operators and keys by sorting (comparing each with those before it was
        // quadratic in a block of many).
        let repeated_ops = crate::order::earlier_equal(operators.len(), &|a, b| {
            operators
                .get(a)
                .map(|m| &m.key)
                .cmp(&operators.get(b).map(|m| &m.key))
        });
        let mut out = Vec::new();
        for (op_index, op_member) in operators.iter().enumerate() {
            let opath = path.key(&op_member.key);
            let first = repeated_ops
                .get(op_index)
                .copied()
                .flatten()
                .and_then(|i| operators.get(i));
            if let Some(first) = first.map(|m| m.key_span) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DUPLICATE_ELEMENT,
                        op_member.key_span,
                        opath.render(),
                        format!("operator `{}` appears twice in this Condition; put all its keys in one block", op_member.key),
                    )
                    .with_label(first, "first here"),
                );
            }
            let spec = OperatorSpec::parse(&op_member.key);
            if spec.is_none() {
                if self.operator_names.is_empty() {
                    self.operator_names = OperatorSpec::all_names();
                }
                let suggestion = suggest(
                    &op_member.key,
                    self.operator_names.iter().map(String::as_str),
                );
                let mut message = format!("`{}` is not a condition operator", op_member.key);
                if let Some(s) = &suggestion {
                    message.push_str(&format!("; did you mean `{s}`?"));
                }
                self.push_help(
                    Code::INVALID_CONDITION_OPERATOR,
                    op_member.key_span,
                    &opath,
                    message,
                    "operators are written like `StringEquals`, `ForAnyValue:StringLike`, `DateGreaterThanIfExists`",
                );
                problems.push(format!(
                    "its condition operator `{}` is unknown",
                    op_member.key
                ));
            }
            let Some(keys) = op_member.value.as_object() else {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    op_member.value.span,
                    &opath,
                    format!(
                        "`{}` must map condition keys to values, found {}",
                        op_member.key,
                        article(&op_member.value)
                    ),
                );
                problems.push(format!("its `{}` block is malformed", op_member.key));
                continue;
            };
            if let Some(spec) = spec {
                if spec.base == BaseOperator::Null && spec.if_exists {
                    self.push(
                        Code::NULL_WITH_IF_EXISTS,
                        op_member.key_span,
                        &opath,
                        "`Null` cannot be combined with `IfExists`",
                    );
                }
                if spec.base == BaseOperator::Null && spec.qualifier.is_some() {
                    let always = if spec.qualifier == Some(Qualifier::ForAllValues) {
                        "always true"
                    } else {
                        "always false"
                    };
                    self.push(
                        Code::NULL_WITH_QUALIFIER,
                        op_member.key_span,
                        &opath,
                        format!("`{}` is {always}; use plain `Null`", op_member.key),
                    );
                }
            }
            let mut entries = Vec::new();
            let lower_keys: Vec<String> = keys.iter().map(|k| k.key.to_lowercase()).collect();
            let repeated_keys = crate::order::earlier_equal(keys.len(), &|a, b| {
                lower_keys.get(a).cmp(&lower_keys.get(b))
            });
            for ((key_member, lower), repeated) in keys.iter().zip(&lower_keys).zip(&repeated_keys)
            {
                let kpath = opath.key(&key_member.key);
                if let Some(first) = repeated.and_then(|i| keys.get(i)) {
                    self.push(
                        if first.key == key_member.key { Code::DUPLICATE_ELEMENT } else { Code::DUPLICATE_KEYS_WITH_DIFFERENT_CASE },
                        key_member.key_span,
                        &kpath,
                        format!("condition key `{}` appears twice in `{}` (key names are case-insensitive)", key_member.key, op_member.key),
                    );
                }
                if let Some(entry) = self.condition_entry(spec, key_member, lower, &kpath, problems)
                {
                    entries.push(entry);
                }
            }
            out.push(ConditionOperator {
                name: op_member.key.clone(),
                span: op_member.key_span,
                spec,
                entries,
            });
        }
        Some(ConditionBlock {
            key_span: m.key_span,
            span: m.value.span,
            operators: out,
        })
    }

    fn condition_entry(
        &mut self,
        spec: Option<OperatorSpec>,
        m: &Member,
        lower_key: &str,
        path: &Path,
        problems: &mut Vec<String>,
    ) -> Option<ConditionEntry> {
        let raw: Vec<&Value> = match &m.value.kind {
            ValueKind::Array(items) => items.iter().collect(),
            _ => vec![&m.value],
        };
        let many = matches!(m.value.kind, ValueKind::Array(_));
        if many && raw.is_empty() {
            self.push(
                Code::EMPTY_ARRAY_CONDITION,
                m.value.span,
                path,
                format!("the value list of `{}` is empty", m.key),
            );
        }
        if let Some(spec) = spec {
            if spec.qualifier.is_none()
                && spec.base != BaseOperator::Null
                && MULTI_VALUED_KEYS.contains(&lower_key)
            {
                self.push_help(
                    Code::MISSING_QUALIFIER,
                    m.key_span,
                    path,
                    format!("`{}` can have several values; a plain `{}` does not match a request with more than one", m.key, spec.base.as_str()),
                    "use `ForAnyValue:` (at least one value matches) or `ForAllValues:` (every value matches)",
                );
            }
            if spec.qualifier == Some(Qualifier::ForAllValues)
                && SINGLE_VALUED_KEYS.contains(&lower_key)
            {
                self.push_help(
                    Code::FORALLVALUES_WITH_SINGLE_VALUED_KEY,
                    m.key_span,
                    path,
                    format!("`ForAllValues` with the single-valued key `{}` is also true when the key is missing", m.key),
                    "drop the qualifier, or add a `Null` check that the key is present",
                );
            }
            if spec.base == BaseOperator::Bool && raw.len() > 1 {
                self.push(
                    Code::INVALID_CONDITION_MULTIPLE_BOOLEAN,
                    m.value.span,
                    path,
                    "`Bool` takes one value, `true` or `false`",
                );
            }
            if matches!(spec.base.positive(), BaseOperator::StringLike)
                && (lower_key == "aws:principalarn" || lower_key == "aws:sourcearn")
            {
                self.push_help(
                    Code::STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS,
                    m.key_span,
                    path,
                    format!(
                        "`{}` holds an ARN; compare it with `ArnLike`/`ArnNotLike`",
                        m.key
                    ),
                    "a string pattern's `*` also crosses the colons between ARN fields",
                );
            }
        }
        let mut values = Vec::new();
        for (i, item) in raw.into_iter().enumerate() {
            let vpath = if many { path.index(i) } else { *path };
            let Some(text) = item
                .scalar_text()
                .filter(|_| !matches!(item.kind, ValueKind::Null))
            else {
                self.push(
                    Code::DATA_TYPE_MISMATCH,
                    item.span,
                    &vpath,
                    format!(
                        "a condition value must be a string, number or boolean, found {}",
                        article(item)
                    ),
                );
                problems.push(format!("a value of `{}` is malformed", m.key));
                return None;
            };
            let template = match spec {
                Some(spec) => self.check_condition_value(spec, &text, item.span, lower_key, &vpath),
                None => Template::literal(&text),
            };
            values.push(ConditionValue {
                text,
                span: item.span,
                template,
            });
        }
        Some(ConditionEntry {
            key: m.key.clone(),
            key_span: m.key_span,
            values_span: m.value.span,
            values,
        })
    }

    fn check_condition_value(
        &mut self,
        spec: OperatorSpec,
        text: &str,
        span: Span,
        lower_key: &str,
        path: &Path,
    ) -> Template {
        let base = spec.base;
        let has_variable = text.contains("${");
        if has_variable && !base.supports_variables() && self.version.variables_enabled() {
            self.push_help(
                Code::INVALID_VARIABLE_FOR_OPERATOR,
                span,
                path,
                format!("policy variables work only with String and ARN operators, not `{}`; `{text}` is read literally", base.as_str()),
                "compare the variable with a String or ARN operator",
            );
        }
        let template = self.template(text, span, path, base.supports_variables());
        if template.has_variables()
            || (has_variable && !base.supports_variables() && self.version.variables_enabled())
        {
            // Reported above (or substituted per request): no type check on the raw text.
            return template;
        }
        match base.family() {
            OperatorFamily::Numeric => {
                if let Err(e) = number::parse_number(text) {
                    self.push(Code::TYPE_MISMATCH_NUMBER, span, path, format!("`{}` needs a number: {e}", base.as_str()));
                }
            }
            OperatorFamily::Date => match date::parse_date(text) {
                Err(e) => self.push_help(Code::TYPE_MISMATCH_DATE, span, path, format!("`{}` needs a date: {e}", base.as_str()), "use an ISO 8601 date such as `2024-01-31` or `2024-01-31T12:00:00Z`"),
                Ok(d) if d.form == date::DateForm::EpochSeconds => self.push_help(
                    Code::INVALID_DATE_VALUE,
                    span,
                    path,
                    format!("`{text}` is read as epoch seconds ({}), which may not be the moment you meant", crate::matching::date::format_millis(d.millis)),
                    "prefer an ISO 8601 date such as `2024-01-31T00:00:00Z`",
                ),
                Ok(_) => {}
            },
            OperatorFamily::Bool | OperatorFamily::Null => {
                if !text.eq_ignore_ascii_case("true") && !text.eq_ignore_ascii_case("false") {
                    self.push(Code::TYPE_MISMATCH_BOOLEAN, span, path, format!("`{}` takes `true` or `false`, found `{text}`", base.as_str()));
                }
            }
            OperatorFamily::Ip => match ip::parse_net(text) {
                Err(e) => self.push(Code::TYPE_MISMATCH_IP_RANGE, span, path, format!("`{}` needs an IP address or CIDR range: {e}", base.as_str())),
                Ok(net) => {
                    if net.has_host_bits() {
                        self.push_help(Code::IMPROVE_IP_RANGE, span, path, format!("`{text}` has bits set after the prefix; AWS ignores them"), "write the network address of the range");
                    }
                    if net.is_private() && lower_key == "aws:sourceip" {
                        let code = if base.negated() { Code::PRIVATE_NOT_IP_ADDRESS } else { Code::PRIVATE_IP_ADDRESS };
                        self.push_help(code, span, path, format!("`aws:SourceIp` is never a private address such as `{text}`"), "for requests through a VPC endpoint use `aws:VpcSourceIp`");
                    }
                }
            },
            OperatorFamily::Binary => {
                if let Err(e) = binary::decode_base64(text) {
                    self.push(Code::DATA_TYPE_MISMATCH, span, path, format!("`BinaryEquals` needs base64: {e}"));
                }
            }
            OperatorFamily::String => {
                let without_escapes = text.replace("${*}", "").replace("${?}", "");
                let escapes_are_literal = self.version.variables_enabled();
                let checked = if escapes_are_literal { without_escapes.as_str() } else { text };
                if !base.uses_wildcards() && (checked.contains('*') || checked.contains('?')) {
                    self.push_help(
                        Code::WILDCARD_WITHOUT_LIKE_OPERATOR,
                        span,
                        path,
                        format!("`{}` compares `{text}` literally: `*` and `?` are wildcards only with `StringLike`", base.as_str()),
                        "use `StringLike`/`StringNotLike` for a pattern",
                    );
                }
            }
            OperatorFamily::Arn => {}
        }
        template
    }

    /// Security warnings for the classic over-grants (identity and resource policies).
    /// The endpoint-policy page's rules: no wildcard or numeric operator on a key holding a
    /// system-generated id; six characters beside each wildcard of a string operator; an ARN's
    /// account is an id or a wildcard, not both.
    /// <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html>
    fn check_vpc_endpoint(&mut self, s: &Statement, path: &Path) {
        const ID_KEYS: [&str; 10] = [
            "aws:principalaccount",
            "aws:principalorgid",
            "aws:resourceaccount",
            "aws:resourceorgid",
            "aws:sourceaccount",
            "aws:sourceorgid",
            "aws:sourcevpc",
            "aws:sourcevpce",
            "aws:vpceaccount",
            "aws:vpceorgid",
        ];
        let cpath = path.key("Condition");
        for op in s.condition.iter().flat_map(|c| &c.operators) {
            let Some(spec) = &op.spec else { continue };
            let family = spec.base.family();
            let opath = cpath.key(&op.name);
            for entry in &op.entries {
                let id_key = ID_KEYS.contains(&entry.key.to_ascii_lowercase().as_str());
                if id_key && family == OperatorFamily::Numeric {
                    self.push(
                        Code::VPC_ENDPOINT_POLICY_ID_KEY_OPERATOR,
                        entry.key_span,
                        &opath.key(&entry.key),
                        format!("an endpoint policy cannot use a numeric operator with `{}`, a key that holds a system-generated id", entry.key),
                    );
                }
                for (i, v) in entry.values.iter().enumerate() {
                    let wildcard = v.text.contains(['*', '?']);
                    if id_key && wildcard {
                        self.push(
                            Code::VPC_ENDPOINT_POLICY_ID_KEY_OPERATOR,
                            v.span,
                            &opath.key(&entry.key).index(i),
                            format!("an endpoint policy cannot use a wildcard (`*`, `?`) with `{}`, a key that holds a system-generated id", entry.key),
                        );
                    } else if wildcard
                        && family == OperatorFamily::String
                        && !six_beside_each_wildcard(&v.text)
                    {
                        self.push(
                            Code::VPC_ENDPOINT_POLICY_SHORT_WILDCARD,
                            v.span,
                            &opath.key(&entry.key).index(i),
                            format!("`{}`: in an endpoint policy, each wildcard needs at least six consecutive characters before or after it", v.text),
                        );
                    }
                    if family == OperatorFamily::Arn && mixed_account(&v.text) {
                        self.push(
                            Code::VPC_ENDPOINT_POLICY_MIXED_ACCOUNT,
                            v.span,
                            &opath.key(&entry.key).index(i),
                            format!("`{}`: the account of an ARN in an endpoint policy is an account id or a wildcard, not both", v.text),
                        );
                    }
                }
            }
        }
        if let Some(r) = &s.resource {
            let name = if r.negated { "NotResource" } else { "Resource" };
            for (i, v) in r.values.iter().enumerate() {
                if mixed_account(&v.text) {
                    self.push(
                        Code::VPC_ENDPOINT_POLICY_MIXED_ACCOUNT,
                        v.span,
                        &path.key(name).index(i),
                        format!("`{}`: the account of an ARN in an endpoint policy is an account id or a wildcard, not both", v.text),
                    );
                }
            }
        }
    }

    fn check_grants(&mut self, s: &Statement, path: &Path) {
        if !matches!(
            self.policy_type,
            PolicyType::Identity | PolicyType::Resource
        ) {
            if self.policy_type == PolicyType::Rcp {
                self.check_rcp_allow(s, path);
            }
            return;
        }
        if s.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
            return;
        }
        let trust_statement = s.action.as_ref().is_some_and(|a| {
            !a.negated
                && a.patterns
                    .iter()
                    .all(|p| p.text.to_ascii_lowercase().starts_with("sts:"))
                && a.patterns
                    .iter()
                    .any(|p| p.text.to_ascii_lowercase().starts_with("sts:assumerole"))
        });
        // Every statement of a known role trust policy; otherwise, a resource-policy statement
        // that allows only `sts:` actions, `sts:AssumeRole…` among them.
        if let (true, Some(p)) = (
            self.role_trust || (self.policy_type == PolicyType::Resource && trust_statement),
            &s.principal,
        ) {
            let wildcard = p.entries.iter().find(|e| {
                e.kind == PrincipalEntryKind::Everyone
                    || (e.kind == PrincipalEntryKind::Aws && e.value == "*")
            });
            if let (false, Some(entry)) = (p.negated, wildcard) {
                self.push_help(
                    Code::ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL,
                    entry.span,
                    &path.key("Principal"),
                    "a role trust policy cannot let everyone (`*`) assume the role",
                    "name the accounts, roles or users that may assume it",
                );
            }
        }
        if let Some(p) = &s.principal {
            if p.negated {
                self.push_help(
                    Code::ALLOW_WITH_NOT_PRINCIPAL,
                    p.key_span,
                    &path.key("NotPrincipal"),
                    "`Allow` with `NotPrincipal` grants access to every principal not listed, anonymous callers included; AWS now says NotPrincipal \"must be used with Deny; using it with Allow is not supported\"",
                    "use `\"Principal\"` with the principals to allow (or `\"Principal\": \"*\"` with an `ArnNotEquals` condition on `aws:PrincipalArn`)",
                );
            }
        }
        let star_resource = s
            .resource
            .as_ref()
            .is_some_and(|r| !r.negated && r.values.iter().any(|v| v.text == "*"));
        let has_condition = s
            .condition
            .as_ref()
            .is_some_and(|c| !c.operators.is_empty());
        if let Some(a) = &s.action {
            if a.negated {
                self.push_help(
                    Code::ALLOW_WITH_NOT_ACTION,
                    a.key_span,
                    &path.key("NotAction"),
                    "`Allow` with `NotAction` grants every action not listed, including actions of services added later",
                    "list the actions to allow with `Action`",
                );
            } else {
                let star_action = a.patterns.iter().any(|p| p.text == "*");
                if star_action && star_resource && !has_condition {
                    self.push_help(
                        Code::ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES,
                        s.span,
                        path,
                        "this statement allows every action on every resource (full administrator access)",
                        "grant only the actions and resources needed (least privilege)",
                    );
                }
                let pass_role = a
                    .patterns
                    .iter()
                    .find(|p| p.pattern.matches_ignore_case("iam:passrole"));
                if let (Some(p), true) = (pass_role, star_resource) {
                    let (code, message) = if p.text.contains('*') {
                        (Code::PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE, format!("`{}` includes `iam:PassRole`, allowed here on every role (`\"Resource\": \"*\"`)", p.text))
                    } else {
                        (Code::PASS_ROLE_WITH_STAR_IN_RESOURCE, "`iam:PassRole` is allowed on every role (`\"Resource\": \"*\"`): the principal can pass any role, including more privileged ones, to a service".to_string())
                    };
                    self.push_help(
                        code,
                        p.span,
                        &path.key("Action"),
                        message,
                        "list the role ARNs that may be passed",
                    );
                }
            }
        }
        if let Some(r) = &s.resource {
            if r.negated {
                self.push_help(
                    Code::ALLOW_WITH_NOT_RESOURCE,
                    r.key_span,
                    &path.key("NotResource"),
                    "`Allow` with `NotResource` grants the actions on every resource not listed, including ones created later",
                    "list the resources to allow with `Resource`",
                );
            }
        }
    }

    fn check_rcp_allow(&mut self, s: &Statement, path: &Path) {
        if s.effect.as_ref().map(|e| e.value) != Some(Effect::Allow) {
            return;
        }
        // A missing Principal is read as `*` (reported as RCP_SYNTAX_ERROR_PRINCIPAL already).
        let principal_star = s.principal.as_ref().is_none_or(|p| {
            !p.negated
                && p.entries.len() == 1
                && p.entries
                    .iter()
                    .all(|e| e.kind == PrincipalEntryKind::Everyone)
        });
        let action_star = s
            .action
            .as_ref()
            .is_some_and(|a| !a.negated && a.patterns.iter().all(|p| p.text == "*"));
        let resource_star = s
            .resource
            .as_ref()
            .is_some_and(|r| !r.negated && r.values.iter().all(|v| v.text == "*"));
        if !(principal_star && action_star && resource_star && s.condition.is_none()) {
            self.push_help(
                Code::RCP_SYNTAX_ERROR_ALLOW,
                s.effect.as_ref().map(|e| e.span).unwrap_or(s.span),
                &path.key("Effect"),
                "an RCP `Allow` statement may only be `\"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"` without a Condition",
                "RCPs restrict access: write the restriction as a `Deny` statement",
            );
        }
    }
}

fn article(value: &Value) -> String {
    match value.type_name() {
        "array" | "object" => format!("an {}", value.type_name()),
        "null" => "null".to_string(),
        other => format!("a {other}"),
    }
}

/// A DNS name such as `accounts.google.com`: two or more dot-separated labels of ASCII letters,
/// digits and hyphens, none empty or starting or ending with a hyphen.
fn is_domain_name(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

fn with_article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every wildcard of `text` has six consecutive non-wildcard characters before or after it.
fn six_beside_each_wildcard(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let run = |range: &mut dyn Iterator<Item = usize>| {
        range
            .take_while(|&j| chars.get(j).is_some_and(|c| !matches!(c, '*' | '?')))
            .count()
    };
    chars.iter().enumerate().all(|(i, c)| {
        !matches!(c, '*' | '?')
            || run(&mut (0..i).rev()) >= 6
            || run(&mut (i + 1..chars.len())) >= 6
    })
}

/// An ARN whose account field mixes an id and a wildcard (`1111*`), which endpoint policies reject.
fn mixed_account(text: &str) -> bool {
    text.starts_with("arn:")
        && text.split(':').nth(4).is_some_and(|account| {
            account.contains(['*', '?']) && account.chars().any(|c| c.is_ascii_digit())
        })
}
