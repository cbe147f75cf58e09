//! The policy model: what a policy document says, with the byte span of every element.
//!
//! Built from JSON by `lower.rs`, which never fails: it returns the model it could
//! build and the diagnostics it found. A statement that cannot be evaluated keeps `problem` set.

pub(crate) mod catalog_lint;
mod lint;
pub(crate) mod lower;
pub(crate) mod operator;

use iam_json::Span;
use serde::{Deserialize, Serialize};

use crate::matching::glob::Pattern;
use crate::variables::Template;
pub(crate) use operator::OperatorSpec;
pub use operator::{BaseOperator, OperatorFamily, Qualifier};

/// The kinds of policy a scenario can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyType {
    Identity,
    Resource,
    PermissionsBoundary,
    Session,
    Scp,
    Rcp,
    /// The policy of the VPC endpoint the request goes through.
    VpcEndpoint,
}

impl PolicyType {
    pub const ALL: [PolicyType; 7] = [
        PolicyType::Identity,
        PolicyType::Resource,
        PolicyType::PermissionsBoundary,
        PolicyType::Session,
        PolicyType::Scp,
        PolicyType::Rcp,
        PolicyType::VpcEndpoint,
    ];

    /// The word used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity",
            PolicyType::Resource => "resource",
            PolicyType::PermissionsBoundary => "permissionsBoundary",
            PolicyType::Session => "session",
            PolicyType::Scp => "scp",
            PolicyType::Rcp => "rcp",
            PolicyType::VpcEndpoint => "vpcEndpoint",
        }
    }

    pub fn parse(text: &str) -> Option<PolicyType> {
        PolicyType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Human words ("identity-based policy", "SCP", …).
    pub fn describe(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity-based policy",
            PolicyType::Resource => "resource-based policy",
            PolicyType::PermissionsBoundary => "permissions boundary",
            PolicyType::Session => "session policy",
            PolicyType::Scp => "service control policy (SCP)",
            PolicyType::Rcp => "resource control policy (RCP)",
            PolicyType::VpcEndpoint => "VPC endpoint policy",
        }
    }

    pub(crate) fn needs_principal(self) -> bool {
        matches!(
            self,
            PolicyType::Resource | PolicyType::Rcp | PolicyType::VpcEndpoint
        )
    }

    pub(crate) fn is_org_policy(self) -> bool {
        matches!(self, PolicyType::Scp | PolicyType::Rcp)
    }
}

/// What is known about a policy beyond its [`PolicyType`], for the checks that depend on it.
///
/// A [`PolicyType::Resource`] policy is one type for every service; `role_trust_policy` says that it
/// is an IAM role's trust policy, so the trust-policy quota (2,048 characters) and Access
/// Analyzer's trust-policy checks (`ROLE_TRUST_POLICY_*`, …) apply (docs/decisions.md A23,
/// docs/diagnostics.md). [`crate::analyze`] sets it itself when the request is a role-trust request
/// ([`crate::request::RequestInput::targets_role_trust_policy`]); the CLI's `lint --type trust` sets it for a
/// bare policy. It is ignored for the other policy types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// The policy is a role trust policy (with [`PolicyType::Resource`] only).
    pub role_trust_policy: bool,
}

impl LintOptions {
    /// Options for a role trust policy.
    pub const ROLE_TRUST_POLICY: LintOptions = LintOptions {
        role_trust_policy: true,
    };
}

/// The policy language version in effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Version {
    #[serde(rename = "2012-10-17")]
    V2012,
    #[serde(rename = "2008-10-17")]
    V2008,
    /// No (valid) Version element: behaves as 2008-10-17 (docs/decisions.md A3).
    #[serde(rename = "none")]
    Missing,
}

impl Version {
    /// Whether `${…}` policy variables are substituted.
    pub fn variables_enabled(self) -> bool {
        self == Version::V2012
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// One lowered policy document.
#[derive(Clone, Debug)]
pub struct Policy {
    pub version: Version,
    pub statements: Vec<Statement>,
    /// Span of the whole document.
    pub span: Span,
    /// False when the text is not JSON (or not an object): nothing of it is evaluated.
    pub parsed: bool,
}

impl Policy {
    pub(crate) fn unparsed(span: Span) -> Policy {
        Policy {
            version: Version::Missing,
            statements: Vec::new(),
            span,
            parsed: false,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Statement {
    pub index: usize,
    pub span: Span,
    pub sid: Option<Spanned<String>>,
    pub effect: Option<Spanned<Effect>>,
    pub principal: Option<PrincipalElement>,
    pub action: Option<ActionElement>,
    pub resource: Option<ResourceElement>,
    pub condition: Option<ConditionBlock>,
    /// Why the statement cannot be evaluated, when it cannot (docs/decisions.md A24).
    pub problem: Option<String>,
}

/// `Action` or `NotAction`.
#[derive(Clone, Debug)]
pub struct ActionElement {
    pub negated: bool,
    /// Span of the element's key (`"Action"`).
    pub key_span: Span,
    pub patterns: Vec<ActionPattern>,
}

#[derive(Clone, Debug)]
pub struct ActionPattern {
    pub text: String,
    pub span: Span,
    pub(crate) pattern: Pattern,
}

/// `Resource` or `NotResource`.
#[derive(Clone, Debug)]
pub struct ResourceElement {
    pub negated: bool,
    pub key_span: Span,
    pub values: Vec<ResourceValue>,
}

#[derive(Clone, Debug)]
pub struct ResourceValue {
    pub text: String,
    pub span: Span,
    pub(crate) template: Template,
}

/// `Principal` or `NotPrincipal`.
#[derive(Clone, Debug)]
pub struct PrincipalElement {
    pub negated: bool,
    pub key_span: Span,
    pub entries: Vec<PrincipalEntry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalEntryKind {
    /// `"Principal": "*"`
    Everyone,
    /// `{"AWS": …}`
    Aws,
    /// `{"Service": …}`
    Service,
    /// `{"Federated": …}`
    Federated,
    /// `{"CanonicalUser": …}`
    CanonicalUser,
}

#[derive(Clone, Debug)]
pub struct PrincipalEntry {
    pub kind: PrincipalEntryKind,
    pub value: String,
    pub span: Span,
}

/// The `Condition` block.
#[derive(Clone, Debug)]
pub struct ConditionBlock {
    pub key_span: Span,
    pub span: Span,
    pub operators: Vec<ConditionOperator>,
}

#[derive(Clone, Debug)]
pub struct ConditionOperator {
    /// The operator as written, e.g. `ForAnyValue:StringLikeIfExists`.
    pub name: String,
    pub span: Span,
    pub(crate) spec: Option<OperatorSpec>,
    pub entries: Vec<ConditionEntry>,
}

#[derive(Clone, Debug)]
pub struct ConditionEntry {
    pub key: String,
    pub key_span: Span,
    pub values_span: Span,
    pub values: Vec<ConditionValue>,
}

#[derive(Clone, Debug)]
pub struct ConditionValue {
    /// The value as IAM reads it (JSON numbers and booleans in their text form).
    pub text: String,
    pub span: Span,
    pub(crate) template: Template,
}
