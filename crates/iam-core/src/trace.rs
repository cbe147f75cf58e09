//! The trace: plain serializable data recording how a decision was reached. No sentences here —
//! `explain.rs` is the one place that turns a trace into words.

use iam_json::Span;
use serde::Serialize;

use crate::policy::{Effect, PolicyType};
use crate::request::{ContextEntry, ContextValue, Principal};

/// The AWS Policy Simulator's three outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicitDeny",
            Decision::ImplicitDeny => "implicitDeny",
        }
    }
}

/// Points at one statement of one policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementRef {
    pub policy: usize,
    pub policy_name: String,
    pub statement: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    pub span: Span,
    /// The organization node the policy is attached to, when the scenario attaches a policy of this
    /// name at several nodes (the same SCP at the root, an OU and an account): it tells them apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachment: Option<String>,
}

impl StatementRef {
    /// `name/Sid`, or `name#index` without a Sid. A policy whose name the scenario attaches at
    /// several organization nodes is `name@node` (`FullAWSAccess@ou-prod/AllowAll`).
    pub fn label(&self) -> String {
        let name = match &self.attachment {
            Some(node) => format!("{}@{node}", self.policy_name),
            None => self.policy_name.clone(),
        };
        match &self.sid {
            Some(sid) if !sid.is_empty() => format!("{name}/{sid}"),
            _ => format!("{name}#{}", self.statement),
        }
    }
}

/// The whole result of evaluating one request.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    pub decision: Decision,
    /// The stage that decided (index into `stages`).
    pub decided_by: usize,
    pub stages: Vec<Stage>,
    pub policies: Vec<PolicyTrace>,
    /// The statements that determined the decision: every matching Deny for `explicitDeny`, every
    /// matching Allow in the policies that apply for `allowed`, none for `implicitDeny`.
    pub determining: Vec<StatementRef>,
    pub principal: Principal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_account: Option<String>,
    pub cross_account: bool,
    /// Every context key in effect, given and derived.
    pub context: Vec<ContextEntry>,
    /// Points where AWS's documentation is ambiguous and iamplay chose (ids from `docs/decisions.md`).
    pub notes: Vec<Note>,
}

/// Declares [`NoteId`]: one variant per choice of docs/decisions.md (a tidy test checks the table).
macro_rules! note_ids {
    ($($id:ident),* $(,)?) => {
        /// The id of a choice iamplay made where AWS's documentation is silent or ambiguous
        /// (`docs/decisions.md`); serialized as its name, `"A1"`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum NoteId {
            $($id),*
        }

        impl NoteId {
            /// Every id, in order.
            pub const ALL: &'static [NoteId] = &[$(NoteId::$id),*];

            /// `"A1"` …
            pub fn as_str(self) -> &'static str {
                match self {
                    $(NoteId::$id => stringify!($id)),*
                }
            }
        }
    };
}

note_ids!(
    A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15, A16, A17, A18, A19, A20, A21,
    A22, A23, A24, A25, A26, A27, A28, A31, A32, A33, A34,
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// `A1` … (docs/decisions.md).
    pub id: NoteId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<StatementRef>,
}

/// One step of AWS's evaluation order.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stage {
    pub kind: StageKind,
    pub outcome: StageOutcome,
    pub reason: StageReason,
    /// Statements that decided this stage.
    pub statements: Vec<StatementRef>,
    /// The AWS documentation page this stage follows.
    pub doc: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "camelCase")]
pub enum StageKind {
    /// Rules AWS applies whatever the policies say ([`AwsRule`]); present only when one applies.
    AwsRules,
    ExplicitDeny,
    /// S3 Block Public Access (account and bucket settings); present only when the scenario gives
    /// settings. It comes right after the deny sweep: when it blocks, it is an explicit deny
    /// (docs/decisions.md A33).
    BlockPublicAccess,
    #[serde(rename_all = "camelCase")]
    Rcp {
        level: usize,
        node: String,
    },
    /// The policy of the VPC endpoint the request goes through; present only when the request goes
    /// through one (`aws:SourceVpce` in the context) or the scenario has an endpoint policy.
    VpcEndpoint,
    #[serde(rename_all = "camelCase")]
    Scp {
        level: usize,
        node: String,
    },
    ResourcePolicy,
    IdentityPolicies,
    PermissionsBoundary,
    SessionPolicy,
    Final,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StageOutcome {
    /// The stage let the request continue.
    Pass,
    /// The stage allowed the request (final).
    Allow,
    ExplicitDeny,
    ImplicitDeny,
    /// The stage does not apply to this request.
    NotApplicable,
    /// An earlier stage already decided.
    Skipped,
}

/// How a resource-policy Principal entry matched (semantics §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalMatch {
    /// The account (id or `:root`): delegation, the identity side must also allow.
    Account,
    /// An IAM role ARN: boundary and session policy still limit.
    Role,
    /// `*` / `{"AWS":"*"}`.
    Everyone,
    /// `Allow` with `NotPrincipal`, and the caller is not listed: a grant to everyone not listed
    /// (docs/decisions.md A26).
    NotListed,
    /// The IAM user ARN.
    User,
    /// The role-session ARN.
    RoleSession,
    /// The federated-user ARN.
    FederatedUser,
    /// A service principal.
    Service,
}

impl PrincipalMatch {
    /// Whether a same-account grant by this form needs nothing from the identity side.
    pub fn grants_directly(self) -> bool {
        !matches!(self, PrincipalMatch::Account)
    }
    /// Whether the permissions boundary and the session policy still limit a grant by this form.
    pub fn limited_by_boundary_and_session(self) -> bool {
        matches!(self, PrincipalMatch::Account | PrincipalMatch::Role)
    }
}

/// Why an organization stage (SCP/RCP) did not apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OrgExemption {
    ManagementAccount,
    ServiceLinkedRole,
    OutsideOrganization,
    NotAMemberPrincipal,
    NoPolicies,
    /// AWS does not support RCPs for the request's service (per the service catalog).
    ServiceNotSupported,
}

/// Structured reason for a stage's outcome; `explain` words it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum StageReason {
    DenyFound,
    NoDeny,
    #[serde(rename_all = "camelCase")]
    OrgNotApplicable {
        exemption: OrgExemption,
    },
    /// RCP level: `RCPFullAWSAccess` is attached at every level.
    RcpFullAccess,
    /// SCP level with no SCP listed: AWS's default `FullAWSAccess`.
    ScpDefaultFullAccess,
    #[serde(rename_all = "camelCase")]
    OrgAllowFound {
        policies: Vec<usize>,
    },
    #[serde(rename_all = "camelCase")]
    OrgNoAllow {
        policies: Vec<usize>,
    },
    NoResourcePolicy,
    /// A trust policy or key policy is needed and the scenario has none.
    #[serde(rename_all = "camelCase")]
    ResourcePolicyRequired {
        kind: RequiredPolicy,
    },
    NoResourceAllow,
    #[serde(rename_all = "camelCase")]
    ResourceGrant {
        by: PrincipalMatch,
        cross_account: bool,
    },
    IdentityAllow,
    NoIdentityAllow,
    NoIdentityPolicies,
    /// The resource policy granted directly; identity policies are not needed.
    NotNeeded,
    RootFullAccess,
    /// The principal has no identity policies (anonymous, service principal).
    NoIdentity,
    NoBoundary,
    BoundaryAllow,
    BoundaryNoAllow,
    /// A direct resource-policy grant is not limited by the boundary/session policy.
    NotLimiting,
    NotASession,
    NoSessionPolicy,
    /// A federated-user session without a session policy has no permissions of its own.
    FederatedNoSessionPolicy,
    SessionAllow,
    SessionNoAllow,
    /// An AWS rule decides, whatever the policies say.
    #[serde(rename_all = "camelCase")]
    AwsRule {
        rule: AwsRule,
    },
    /// The request does not go through a VPC endpoint, so the endpoint policy does not apply.
    NotThroughEndpoint,
    /// Through an endpoint without an endpoint policy: AWS's default endpoint policy allows all.
    DefaultEndpointPolicy,
    EndpointAllow,
    EndpointNoAllow,
    /// S3 Block Public Access: the request is not an S3 action on a bucket or an object.
    NotAnS3Bucket,
    /// S3 Block Public Access: the bucket policy is not public — there is none, or every Allow
    /// statement grants only to fixed principals or fixed condition values.
    #[serde(rename_all = "camelCase")]
    BucketPolicyNotPublic {
        has_policy: bool,
        /// Where `RestrictPublicBuckets` is on; `None` when it is off.
        #[serde(skip_serializing_if = "Option::is_none")]
        restrict_public_buckets: Option<SettingLevel>,
    },
    /// S3 Block Public Access: the bucket policy is public and `RestrictPublicBuckets` is off.
    #[serde(rename_all = "camelCase")]
    PublicPolicyNotRestricted {
        /// Where `BlockPublicPolicy` is on: it refuses a public policy being put, and does not
        /// affect the policy in place.
        #[serde(skip_serializing_if = "Option::is_none")]
        block_public_policy: Option<SettingLevel>,
        public: Vec<PublicGrant>,
    },
    /// S3 Block Public Access: the bucket policy is public and `RestrictPublicBuckets` is on, so
    /// only AWS service principals and the bucket owner's account keep access; the stage denies
    /// everyone else.
    #[serde(rename_all = "camelCase")]
    PublicPolicyRestricted {
        restrict_public_buckets: SettingLevel,
        caller: PublicAccessCaller,
        public: Vec<PublicGrant>,
    },
    Decided,
}

/// Where an S3 Block Public Access setting is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SettingLevel {
    Account,
    Bucket,
    AccountAndBucket,
}

impl SettingLevel {
    /// The level of a setting on at the account and/or the bucket; `None` when it is off.
    pub fn of(account: bool, bucket: bool) -> Option<SettingLevel> {
        match (account, bucket) {
            (true, true) => Some(SettingLevel::AccountAndBucket),
            (true, false) => Some(SettingLevel::Account),
            (false, true) => Some(SettingLevel::Bucket),
            (false, false) => None,
        }
    }
}

/// The caller, as `RestrictPublicBuckets` sorts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PublicAccessCaller {
    /// A principal of the account that owns the bucket (its users, roles, sessions, root user).
    OwnerAccount,
    /// An AWS service principal.
    Service,
    /// A principal of another account.
    OtherAccount,
    Anonymous,
}

impl PublicAccessCaller {
    /// Whether `RestrictPublicBuckets` blocks this caller on a bucket whose policy is public.
    pub fn blocked(self) -> bool {
        matches!(
            self,
            PublicAccessCaller::OtherAccount | PublicAccessCaller::Anonymous
        )
    }
}

/// An Allow statement that makes a bucket policy public: its principal is not fixed, and no
/// condition limits it to fixed values of a key AWS lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicGrant {
    pub statement: StatementRef,
    pub principal: OpenPrincipal,
    /// The Principal entry (or the `NotPrincipal` key) that leaves it open.
    pub principal_span: Span,
    /// The keys of AWS's list that the statement's conditions use, none with fixed values only.
    pub keys: Vec<UnfixedKey>,
    /// The other keys its conditions use: not on AWS's list, they do not count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unlisted_keys: Vec<String>,
}

/// Why a Principal element does not name fixed principals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OpenPrincipal {
    /// `*` or `{"AWS": "*"}`.
    Everyone,
    /// An entry with a wildcard.
    Wildcard,
    /// A `Federated` identity provider: anyone it signs in.
    Federated,
    /// `NotPrincipal` with `Allow`: everyone not listed.
    NotPrincipal,
}

/// A condition key of AWS's list whose condition does not limit it to fixed values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnfixedKey {
    pub operator: String,
    pub key: String,
    pub key_span: Span,
    pub why: Unfixed,
}

/// Why a condition does not limit its key to fixed values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Unfixed {
    /// A value has `*` or `?`.
    Wildcard,
    /// A value has a policy variable.
    Variable,
    /// A negated operator matches every value not listed.
    Negated,
    /// `…IfExists` also matches when the key is missing.
    IfExists,
    /// `ForAllValues:` also matches when the key is missing.
    ForAllValues,
    /// The operator does not compare the key with values (`Null`, `Bool`, numbers, dates) or is
    /// not known.
    NoComparison,
    /// An `aws:SourceIp` range broader than /8 (IPv4) or /32 (IPv6), outside RFC 1918.
    TooBroad,
    /// An `aws:SourceIp` value that is not an IP address or CIDR range.
    NotAnIpRange,
}

/// A rule AWS applies before, and whatever, the policies say. The table is `eval::aws_rules::RULES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AwsRule {
    /// `sts:GetCallerIdentity` needs no permission and works even against an explicit Deny.
    GetCallerIdentity,
    /// `sts:GetSessionToken` needs no permission: policies cannot control authentication.
    GetSessionToken,
    /// `sts:GetSessionToken` must be called with the long-term credentials of a user or the root user.
    GetSessionTokenNeedsLongTermCredentials,
    /// A federated-user session cannot call IAM, nor STS except `GetCallerIdentity`.
    FederatedUserIamOrSts,
    /// AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be changed by anyone.
    AwsManagedPolicy,
    /// Roles under `/aws-reserved/` (IAM Identity Center's `AWSReservedSSO_…`) only AWS can change.
    AwsReservedRole,
    /// KMS alias names beginning `alias/aws/` are reserved for AWS managed keys.
    AwsReservedKmsAlias,
}

impl AwsRule {
    /// Whether the rule allows (else it denies).
    pub fn allows(self) -> bool {
        matches!(self, AwsRule::GetCallerIdentity | AwsRule::GetSessionToken)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RequiredPolicy {
    RoleTrustPolicy,
    KmsKeyPolicy,
    CrossAccount,
    AnonymousOrService,
}

/// One policy's part in the evaluation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyTrace {
    pub index: usize,
    pub name: String,
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Where a workspace's model got the policy from (`attached to group Developers, which alice
    /// is in`); none in a scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Whether this policy takes part in this request (an SCP off the principal's path does not).
    pub applies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicable>,
    /// False when the text is not JSON: nothing of it was evaluated.
    pub parsed: bool,
    pub statements: Vec<StatementTrace>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NotApplicable {
    /// SCP/RCP attached to a node that is not on the account's path.
    OffPath,
    /// SCPs/RCPs do not apply to this principal or resource.
    OrgExempt,
    /// Root, anonymous and service principals have no identity policies or boundary.
    NoSuchIdentity,
    /// Session policies apply only to sessions.
    NotASession,
    /// The request does not go through a VPC endpoint.
    NotThroughEndpoint,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementTrace {
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// The statement applies: every element matched.
    pub matched: bool,
    /// Why the statement could not be evaluated, if so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<PrincipalTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<ElementTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ElementTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<ConditionTrace>,
}

/// Action/NotAction or Resource/NotResource.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementTrace {
    pub negated: bool,
    pub key_span: Span,
    /// The element matched the request (for a `Not…` element: the request is not in the list).
    pub matched: bool,
    /// Set for a statement without Resource (role trust policies): matches the resource it is attached to.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub implicit: bool,
    pub values: Vec<ValueMatch>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueMatch {
    pub text: String,
    pub span: Span,
    /// The value after policy-variable substitution, when it had variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// Variables with no value: the entry matches nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<String>,
    /// This value matched the request's action/resource.
    pub matched: bool,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalTrace {
    pub negated: bool,
    pub key_span: Span,
    pub matched: bool,
    /// For a Principal element: the strongest form that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<PrincipalMatch>,
    /// For NotPrincipal: the requester's identities that are not listed (the Deny applies because of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_listed: Vec<String>,
    /// For NotPrincipal: the requester has a permissions boundary, so it is never exempt.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boundary_never_exempt: bool,
    /// Set when the element was not in the policy (RCPs read a missing Principal as `*`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub implicit: bool,
    pub entries: Vec<PrincipalEntryTrace>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalEntryTrace {
    pub value: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<PrincipalMatch>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionTrace {
    pub span: Span,
    pub matched: bool,
    pub operators: Vec<OperatorTrace>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorTrace {
    pub operator: String,
    pub span: Span,
    pub matched: bool,
    pub keys: Vec<KeyTrace>,
}

/// One condition key under one operator: the request's value(s) against the policy's.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyTrace {
    pub key: String,
    pub key_span: Span,
    pub matched: bool,
    /// The request's value(s); `None` when the key is missing from the request context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<ContextValue>,
    /// The request's value was derived by iamplay, not given.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
    /// The rule that decided without comparing values, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<KeyRule>,
    pub values: Vec<ConditionValueTrace>,
}

/// Rules that settle a key without a value-by-value comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyRule {
    /// Key missing, `…IfExists`: true.
    MissingIfExists,
    /// Key missing (or empty), `ForAllValues`: true (vacuously).
    MissingForAllValues,
    /// Key missing (or empty), `ForAnyValue`: false.
    MissingForAnyValue,
    /// Key missing, negated operator: true.
    MissingNegated,
    /// Key missing, positive operator: false.
    MissingPositive,
    /// Several request values without a set qualifier: false (docs/decisions.md A1).
    MultipleValuesWithoutQualifier,
    /// `Null`: compares presence, not values.
    NullCheck,
    /// `ForAllValues:Null` is always true, `ForAnyValue:Null` always false.
    NullWithQualifier,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConditionValueTrace {
    pub text: String,
    pub span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<String>,
    /// The positive comparison matched at least one request value.
    pub matched: bool,
    /// Why this value cannot compare (e.g. not a valid date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
