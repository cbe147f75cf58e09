//! The checks that judge a policy beyond its shape, in the manner of AWS IAM Access Analyzer's
//! policy checks: quotas, unique Sids, the rules of role trust, VPC endpoint and resource control
//! policies, principal formats, condition operators against their keys and values, and the
//! classic over-grants. Lowering (`lower.rs`) builds the model and reports what keeps it from
//! being built; it calls these checks on each element as it lowers it, so the diagnostics keep
//! the order of the text.
//!
//! Codes: <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>.

use iam_json::{Member, Span};

use super::*;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Path};
use crate::matching::{binary, date, ip, number};

/// Global keys that hold several values; a plain operator on them needs a set qualifier.
const MULTI_VALUED_KEYS: [&str; 6] = [
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

/// The checks, for one policy: what they need to know of it, and where the findings go.
pub(super) struct Lint<'a> {
    pub(super) policy_type: PolicyType,
    /// A resource policy known to be a role's trust policy ([`LintOptions::role_trust_policy`]).
    pub(super) role_trust: bool,
    pub(super) version: Version,
    pub(super) out: &'a mut Vec<Diagnostic>,
}

impl Lint<'_> {
    fn push(&mut self, code: Code, span: Span, path: &Path, message: impl Into<String>) {
        self.out
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
        self.out
            .push(Diagnostic::new(code, span, path.render(), message).with_help(help));
    }

    /// The checks of a lowered statement: the over-grants (identity and resource policies), an
    /// RCP's `Allow`, an endpoint policy's rules.
    pub(super) fn statement(&mut self, s: &Statement, path: &Path) {
        self.grants(s, path);
        if self.policy_type == PolicyType::VpcEndpoint {
            self.vpc_endpoint(s, path);
        }
    }

    pub(super) fn size(&mut self, text: &str) {
        let (limit, code, whitespace_counts) = size_quota(self.policy_type, self.role_trust);
        // A text of at most `limit` bytes has at most `limit` characters: nothing to count.
        if text.len() <= limit {
            return;
        }
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

    pub(super) fn sids(&mut self, statements: &[Statement]) {
        let mut seen: std::collections::BTreeMap<&str, Span> = std::collections::BTreeMap::new();
        for statement in statements {
            let Some(sid) = &statement.sid else { continue };
            if sid.value.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(sid.value.as_str()) {
                let first = *first;
                self.out.push(
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

    /// Elements a role trust policy does not support (Access Analyzer's `ROLE_TRUST_POLICY_SYNTAX_ERROR_*`).
    pub(super) fn role_trust_element(&mut self, name: &'static str, m: &Member, path: &Path) {
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
    pub(super) fn role_trust_actions(&mut self, a: &ActionElement, path: &Path) {
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
    pub(super) fn role_trust_federated(&mut self, p: &PrincipalElement, path: &Path) {
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

    pub(super) fn aws_principal(&mut self, value: &str, span: Span, path: &Path) {
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

    /// `Null` with `IfExists` or a set qualifier.
    pub(super) fn operator(&mut self, spec: OperatorSpec, op_member: &Member, opath: &Path) {
        if spec.base == BaseOperator::Null && spec.if_exists {
            self.push(
                Code::NULL_WITH_IF_EXISTS,
                op_member.key_span,
                opath,
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
                opath,
                format!("`{}` is {always}; use plain `Null`", op_member.key),
            );
        }
    }

    /// An operator against what is known of a key: set qualifiers on multi- and single-valued
    /// keys, one value for `Bool`, ARN keys compared as strings.
    pub(super) fn condition_key(
        &mut self,
        spec: OperatorSpec,
        m: &Member,
        lower_key: &str,
        values: usize,
        path: &Path,
    ) {
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
        if spec.base == BaseOperator::Bool && values > 1 {
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

    /// A condition value against its operator's type (numbers, dates, booleans, IP ranges, base64,
    /// wildcards with a non-`Like` string operator).
    pub(super) fn condition_value(
        &mut self,
        base: BaseOperator,
        text: &str,
        span: Span,
        lower_key: &str,
        path: &Path,
    ) {
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
    }

    /// Security warnings for the classic over-grants (identity and resource policies).
    fn grants(&mut self, s: &Statement, path: &Path) {
        if !matches!(
            self.policy_type,
            PolicyType::Identity | PolicyType::Resource
        ) {
            if self.policy_type == PolicyType::Rcp {
                self.rcp_allow(s, path);
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

    fn rcp_allow(&mut self, s: &Statement, path: &Path) {
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

    /// The endpoint-policy page's rules: no wildcard or numeric operator on a key holding a
    /// system-generated id; six characters beside each wildcard of a string operator; an ARN's
    /// account is an id or a wildcard, not both.
    /// <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html>
    fn vpc_endpoint(&mut self, s: &Statement, path: &Path) {
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
