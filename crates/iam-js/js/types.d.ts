// The types of what iamplay's JavaScript package returns: generated from the Rust types
// (crates/iam-core, crates/iam-json, crates/iam-js/src/out.rs) by crates/iam-js/tests/types.rs.
// Do not edit: regenerate with `IAMPLAY_BLESS=1 cargo test -p iam-js --test types`.

/**
 * What `analyze` returns: a scenario (format v1) gives one analysis; a workspace (format v2) one
 * result per named request.
 */
export type AnalyzeResult =
  | (Analysis & { kind: "scenario" })
  | (WorkspaceAnalysis & { kind: "workspace" });

/** One evaluated request: the decision, its explanation, the trace and the diagnostics. */
export interface Analysis {
  /**
   * `allowed`, `explicitDeny` or `implicitDeny`; `null` when the request is malformed (its
   * diagnostics say why) and so was not evaluated.
   */
  decision: Decision | null;
  /**
   * Every word about the decision, as a tree (headline, stages, statements, lines, notes);
   * `null` without a decision.
   */
  explanation: Explanation | null;
  /**
   * The evaluation as data: every stage and statement down to each condition value; `null`
   * without a decision.
   */
  trace: Evaluation | null;
  /** Policy diagnostics (with `policy`, an index into `trace.policies`) and request diagnostics. */
  diagnostics: LocatedDiagnostic[];
}

/** The AWS Policy Simulator's three outcomes. */
export type Decision =
  | "allowed"
  | "explicitDeny"
  | "implicitDeny";

/** The explanation of one evaluation. */
export interface Explanation {
  headline: Headline;
  /** One per stage of the evaluation, in the same order (the final decision last). */
  stages: StageExplanation[];
  /** The policies that take no part in this request, and why. */
  idle: IdlePolicy[];
  /** Where AWS's documentation is ambiguous and iamplay chose. */
  notes: NoteExplanation[];
}

/** The decision in one sentence. */
export interface Headline {
  decision: Decision;
  tone: Tone;
  /** `Allowed`, `Denied — explicit` or `Denied — implicit`. */
  label: string;
  /** What decided it, as a sentence of its own (capitalized). */
  why: string;
  /** The whole line: `label: why` (as the CLI prints it). */
  text: string;
}

/** How a line reads: the outcome of a stage, whether a statement or element matched, or a note. */
export type Tone =
  | "pass"
  | "allow"
  | "explicitDeny"
  | "implicitDeny"
  | "notApplicable"
  | "skipped"
  | "match"
  | "noMatch"
  | "note";

/** One stage of AWS's evaluation order, in words. */
export interface StageExplanation {
  /** Index into `Evaluation::stages`. */
  index: number;
  kind: StageKind;
  outcome: StageOutcome;
  /** The outcome's tone; for the final stage, the decision's. */
  tone: Tone;
  /** `Service control policies, level 2 (ou-prod)`. */
  title: string;
  /** What happened at this stage (capitalized); for the final stage, the decision. */
  sentence: string;
  /** A short word for the outcome: `passes`, `denies (implicit)`, …; the decision for the final stage. */
  badge: string;
  /** The AWS documentation page the stage follows (none for the final decision). */
  doc?: string;
  /** The stage that decided. */
  decisive: boolean;
  /**
   * The statements this stage considered (the deny sweep: every Deny; another stage: the Allow
   * statements of its policies); none for a skipped stage or the final decision.
   */
  statements: StatementExplanation[];
}

export type StageKind =
  /** Rules AWS applies whatever the policies say ([`AwsRule`]); present only when one applies. */
  | { stage: "awsRules" }
  | { stage: "explicitDeny" }
  /**
   * S3 Block Public Access (account and bucket settings); present only when the scenario gives
   * settings. It comes right after the deny sweep: when it blocks, it is an explicit deny
   * (docs/decisions.md A33).
   */
  | { stage: "blockPublicAccess" }
  | { stage: "rcp"; level: number; node: string }
  /**
   * The policy of the VPC endpoint the request goes through; present only when the request goes
   * through one (`aws:SourceVpce` in the context) or the scenario has an endpoint policy.
   */
  | { stage: "vpcEndpoint" }
  | { stage: "scp"; level: number; node: string }
  | { stage: "resourcePolicy" }
  | { stage: "identityPolicies" }
  | { stage: "permissionsBoundary" }
  | { stage: "sessionPolicy" }
  | { stage: "final" };

export type StageOutcome =
  /** The stage let the request continue. */
  | "pass"
  /** The stage allowed the request (final). */
  | "allow"
  | "explicitDeny"
  | "implicitDeny"
  /** The stage does not apply to this request. */
  | "notApplicable"
  /** An earlier stage already decided. */
  | "skipped";

/** One statement as a stage considered it. */
export interface StatementExplanation {
  /** Index of the policy in the scenario. */
  policy: number;
  /** Position of the statement in the policy's trace (`PolicyTrace::statements`). */
  position: number;
  /** `Policy/Sid` or `Policy#index`: a stable id (the page's `data-statement`). */
  label: string;
  /** The statement as a reader names it: `Policy › Sid` or `statement 2 of Policy`. */
  name: string;
  span: Span;
  /** `Allow`, `Deny` or `no Effect`. */
  effect: string;
  /**
   * `applies`, `does not apply` or `cannot be evaluated`; at the S3 Block Public Access stage,
   * `makes the bucket policy public`.
   */
  verdict: string;
  /** One of the statements that decided the stage (or the decision, at the deciding stage). */
  determining: boolean;
  /**
   * Part of the stage's account in words: a statement that decided the stage, or an Allow that
   * did not match where the stage denies implicitly. Only these have `lines`.
   */
  cited: boolean;
  /** The statement's sentence. */
  line: Line;
  /** Under it, one line per element and condition key. */
  lines: Line[];
}

/**
 * Byte range into the parsed text, end exclusive.
 *
 * Offsets are `u32` to keep trees small; texts longer than 4 GiB get
 * saturated offsets (and [`Span::text`] then returns `""` rather than
 * panicking).
 */
export interface Span {
  /** First byte of the range. */
  start: number;
  /** One past the last byte of the range. */
  end: number;
}

/** One line of words, pointing at the JSON it is about. */
export interface Line {
  text: string;
  target?: StepTarget;
  tone: Tone;
}

/** Where a line points: a span in one policy's text. */
export interface StepTarget {
  policy: number;
  span: Span;
}

/** A policy that takes no part in the request. */
export interface IdlePolicy {
  policy: number;
  name: string;
  reason: string;
}

/** A note: an AWS rule the decision rests on, or iamplay's reading where AWS is silent or unclear. */
export interface NoteExplanation {
  id: NoteId;
  /** Which of the three the note is (the page groups notes by it). */
  kind: NoteKind;
  /** `Note A7: …`. */
  text: string;
  target?: StepTarget;
}

export type NoteId =
  | "A1"
  | "A2"
  | "A3"
  | "A4"
  | "A5"
  | "A6"
  | "A7"
  | "A8"
  | "A9"
  | "A10"
  | "A11"
  | "A12"
  | "A13"
  | "A14"
  | "A15"
  | "A16"
  | "A17"
  | "A18"
  | "A19"
  | "A20"
  | "A21"
  | "A22"
  | "A23"
  | "A24"
  | "A25"
  | "A26"
  | "A27"
  | "A28"
  | "A31"
  | "A32"
  | "A33"
  | "A34";

/**
 * What a note is: a rule AWS documents, iamplay's reading where AWS's pages are silent or unclear,
 * or how iamplay itself works (what it does not model, how it reports).
 */
export type NoteKind =
  | "awsRule"
  | "assumption"
  | "iamplay";

/** The whole result of evaluating one request. */
export interface Evaluation {
  decision: Decision;
  /** The stage that decided (index into `stages`). */
  decidedBy: number;
  stages: Stage[];
  policies: PolicyTrace[];
  /**
   * The statements that determined the decision: every matching Deny for `explicitDeny`, every
   * matching Allow in the policies that apply for `allowed`, none for `implicitDeny`.
   */
  determining: StatementRef[];
  principal: Principal;
  principalAccount?: string;
  resourceAccount?: string;
  crossAccount: boolean;
  /** Every context key in effect, given and derived. */
  context: ContextEntry[];
  /** Points where AWS's documentation is ambiguous and iamplay chose (ids from `docs/decisions.md`). */
  notes: Note[];
}

/** One step of AWS's evaluation order. */
export interface Stage {
  kind: StageKind;
  outcome: StageOutcome;
  reason: StageReason;
  /** Statements that decided this stage. */
  statements: StatementRef[];
  /** The AWS documentation page this stage follows. */
  doc: string;
}

/** Structured reason for a stage's outcome; `explain` words it. */
export type StageReason =
  | { reason: "denyFound" }
  | { reason: "noDeny" }
  | { reason: "orgNotApplicable"; exemption: OrgExemption }
  /** RCP level: `RCPFullAWSAccess` is attached at every level. */
  | { reason: "rcpFullAccess" }
  /** SCP level with no SCP listed: AWS's default `FullAWSAccess`. */
  | { reason: "scpDefaultFullAccess" }
  | { reason: "orgAllowFound"; policies: number[] }
  | { reason: "orgNoAllow"; policies: number[] }
  | { reason: "noResourcePolicy" }
  /** A trust policy or key policy is needed and the scenario has none. */
  | { reason: "resourcePolicyRequired"; kind: RequiredPolicy }
  | { reason: "noResourceAllow" }
  | { reason: "resourceGrant"; by: PrincipalMatch; crossAccount: boolean }
  | { reason: "identityAllow" }
  | { reason: "noIdentityAllow" }
  | { reason: "noIdentityPolicies" }
  /** The resource policy granted directly; identity policies are not needed. */
  | { reason: "notNeeded" }
  | { reason: "rootFullAccess" }
  /** The principal has no identity policies (anonymous, service principal). */
  | { reason: "noIdentity" }
  | { reason: "noBoundary" }
  | { reason: "boundaryAllow" }
  | { reason: "boundaryNoAllow" }
  /** A direct resource-policy grant is not limited by the boundary/session policy. */
  | { reason: "notLimiting" }
  | { reason: "notASession" }
  | { reason: "noSessionPolicy" }
  /** A federated-user session without a session policy has no permissions of its own. */
  | { reason: "federatedNoSessionPolicy" }
  | { reason: "sessionAllow" }
  | { reason: "sessionNoAllow" }
  /** An AWS rule decides, whatever the policies say. */
  | { reason: "awsRule"; rule: AwsRule }
  /** The request does not go through a VPC endpoint, so the endpoint policy does not apply. */
  | { reason: "notThroughEndpoint" }
  /** Through an endpoint without an endpoint policy: AWS's default endpoint policy allows all. */
  | { reason: "defaultEndpointPolicy" }
  | { reason: "endpointAllow" }
  | { reason: "endpointNoAllow" }
  /** S3 Block Public Access: the request is not an S3 action on a bucket or an object. */
  | { reason: "notAnS3Bucket" }
  /**
   * S3 Block Public Access: the bucket policy is not public — there is none, or every Allow
   * statement grants only to fixed principals or fixed condition values.
   */
  | { reason: "bucketPolicyNotPublic"; hasPolicy: boolean; restrictPublicBuckets?: SettingLevel }
  /** S3 Block Public Access: the bucket policy is public and `RestrictPublicBuckets` is off. */
  | { reason: "publicPolicyNotRestricted"; blockPublicPolicy?: SettingLevel; public: PublicGrant[] }
  /**
   * S3 Block Public Access: the bucket policy is public and `RestrictPublicBuckets` is on, so
   * only AWS service principals and the bucket owner's account keep access; the stage denies
   * everyone else.
   */
  | { reason: "publicPolicyRestricted"; restrictPublicBuckets: SettingLevel; caller: PublicAccessCaller; public: PublicGrant[] }
  | { reason: "decided" };

/** Why an organization stage (SCP/RCP) did not apply. */
export type OrgExemption =
  | "managementAccount"
  | "serviceLinkedRole"
  | "outsideOrganization"
  | "notAMemberPrincipal"
  | "noPolicies"
  /** AWS does not support RCPs for the request's service (per the service catalog). */
  | "serviceNotSupported";

export type RequiredPolicy =
  | "roleTrustPolicy"
  | "kmsKeyPolicy"
  | "crossAccount"
  | "anonymousOrService";

/** How a resource-policy Principal entry matched (semantics §5.2). */
export type PrincipalMatch =
  /** The account (id or `:root`): delegation, the identity side must also allow. */
  | "account"
  /** An IAM role ARN: boundary and session policy still limit. */
  | "role"
  /** `*` / `{"AWS":"*"}`. */
  | "everyone"
  /**
   * `Allow` with `NotPrincipal`, and the caller is not listed: a grant to everyone not listed
   * (docs/decisions.md A26).
   */
  | "notListed"
  /** The IAM user ARN. */
  | "user"
  /** The role-session ARN. */
  | "roleSession"
  /** The federated-user ARN. */
  | "federatedUser"
  /** A service principal. */
  | "service";

/** A rule AWS applies before, and whatever, the policies say. The table is `eval::aws_rules::RULES`. */
export type AwsRule =
  /** `sts:GetCallerIdentity` needs no permission and works even against an explicit Deny. */
  | "getCallerIdentity"
  /** `sts:GetSessionToken` needs no permission: policies cannot control authentication. */
  | "getSessionToken"
  /** `sts:GetSessionToken` must be called with the long-term credentials of a user or the root user. */
  | "getSessionTokenNeedsLongTermCredentials"
  /** A federated-user session cannot call IAM, nor STS except `GetCallerIdentity`. */
  | "federatedUserIamOrSts"
  /** AWS managed policies (`arn:aws:iam::aws:policy/…`) cannot be changed by anyone. */
  | "awsManagedPolicy"
  /** Roles under `/aws-reserved/` (IAM Identity Center's `AWSReservedSSO_…`) only AWS can change. */
  | "awsReservedRole"
  /** KMS alias names beginning `alias/aws/` are reserved for AWS managed keys. */
  | "awsReservedKmsAlias";

/** Where an S3 Block Public Access setting is on. */
export type SettingLevel =
  | "account"
  | "bucket"
  | "accountAndBucket";

/**
 * An Allow statement that makes a bucket policy public: its principal is not fixed, and no
 * condition limits it to fixed values of a key AWS lists.
 */
export interface PublicGrant {
  statement: StatementRef;
  principal: OpenPrincipal;
  /** The Principal entry (or the `NotPrincipal` key) that leaves it open. */
  principalSpan: Span;
  /** The keys of AWS's list that the statement's conditions use, none with fixed values only. */
  keys: UnfixedKey[];
  /** The other keys its conditions use: not on AWS's list, they do not count. */
  unlistedKeys?: string[];
}

/** Points at one statement of one policy. */
export interface StatementRef {
  policy: number;
  policyName: string;
  statement: number;
  sid?: string;
  span: Span;
  /**
   * The organization node the policy is attached to, when the scenario attaches a policy of this
   * name at several nodes (the same SCP at the root, an OU and an account): it tells them apart.
   */
  attachment?: string;
}

/** Why a Principal element does not name fixed principals. */
export type OpenPrincipal =
  /** `*` or `{"AWS": "*"}`. */
  | "everyone"
  /** An entry with a wildcard. */
  | "wildcard"
  /** A `Federated` identity provider: anyone it signs in. */
  | "federated"
  /** `NotPrincipal` with `Allow`: everyone not listed. */
  | "notPrincipal";

/** A condition key of AWS's list whose condition does not limit it to fixed values. */
export interface UnfixedKey {
  operator: string;
  key: string;
  keySpan: Span;
  why: Unfixed;
}

/** Why a condition does not limit its key to fixed values. */
export type Unfixed =
  /** A value has `*` or `?`. */
  | "wildcard"
  /** A value has a policy variable. */
  | "variable"
  /** A negated operator matches every value not listed. */
  | "negated"
  /** `…IfExists` also matches when the key is missing. */
  | "ifExists"
  /** `ForAllValues:` also matches when the key is missing. */
  | "forAllValues"
  /**
   * The operator does not compare the key with values (`Null`, `Bool`, numbers, dates) or is
   * not known.
   */
  | "noComparison"
  /** An `aws:SourceIp` range broader than /8 (IPv4) or /32 (IPv6), outside RFC 1918. */
  | "tooBroad"
  /** An `aws:SourceIp` value that is not an IP address or CIDR range. */
  | "notAnIpRange";

/** The caller, as `RestrictPublicBuckets` sorts it. */
export type PublicAccessCaller =
  /** A principal of the account that owns the bucket (its users, roles, sessions, root user). */
  | "ownerAccount"
  /** An AWS service principal. */
  | "service"
  /** A principal of another account. */
  | "otherAccount"
  | "anonymous";

/** One policy's part in the evaluation. */
export interface PolicyTrace {
  index: number;
  name: string;
  type: PolicyType;
  target?: string;
  /**
   * Where a workspace's model got the policy from (`attached to group Developers, which alice
   * is in`); none in a scenario.
   */
  origin?: string;
  /** Whether this policy takes part in this request (an SCP off the principal's path does not). */
  applies: boolean;
  notApplicable?: NotApplicable;
  /** False when the text is not JSON: nothing of it was evaluated. */
  parsed: boolean;
  statements: StatementTrace[];
}

/** The kinds of policy a scenario can hold. */
export type PolicyType =
  | "identity"
  | "resource"
  | "permissionsBoundary"
  | "session"
  | "scp"
  | "rcp"
  /** The policy of the VPC endpoint the request goes through. */
  | "vpcEndpoint";

export type NotApplicable =
  /** SCP/RCP attached to a node that is not on the account's path. */
  | "offPath"
  /** SCPs/RCPs do not apply to this principal or resource. */
  | "orgExempt"
  /** Root, anonymous and service principals have no identity policies or boundary. */
  | "noSuchIdentity"
  /** Session policies apply only to sessions. */
  | "notASession"
  /** The request does not go through a VPC endpoint. */
  | "notThroughEndpoint";

export interface StatementTrace {
  index: number;
  sid?: string;
  span: Span;
  effect?: Effect;
  /** The statement applies: every element matched. */
  matched: boolean;
  /** Why the statement could not be evaluated, if so. */
  problem?: string;
  principal?: PrincipalTrace;
  action?: ElementTrace;
  resource?: ElementTrace;
  condition?: ConditionTrace;
}

export type Effect =
  | "Allow"
  | "Deny";

export interface PrincipalTrace {
  negated: boolean;
  keySpan: Span;
  matched: boolean;
  /** For a Principal element: the strongest form that matched. */
  matchedBy?: PrincipalMatch;
  /** For NotPrincipal: the requester's identities that are not listed (the Deny applies because of them). */
  notListed?: string[];
  /** For NotPrincipal: the requester has a permissions boundary, so it is never exempt. */
  boundaryNeverExempt?: boolean;
  /** Set when the element was not in the policy (RCPs read a missing Principal as `*`). */
  implicit?: boolean;
  entries: PrincipalEntryTrace[];
}

export interface PrincipalEntryTrace {
  value: string;
  span: Span;
  matchedBy?: PrincipalMatch;
}

/** Action/NotAction or Resource/NotResource. */
export interface ElementTrace {
  negated: boolean;
  keySpan: Span;
  /** The element matched the request (for a `Not…` element: the request is not in the list). */
  matched: boolean;
  /** Set for a statement without Resource (role trust policies): matches the resource it is attached to. */
  implicit?: boolean;
  values: ValueMatch[];
}

export interface ValueMatch {
  text: string;
  span: Span;
  /** The value after policy-variable substitution, when it had variables. */
  resolved?: string;
  /** Variables with no value: the entry matches nothing. */
  unresolved?: string[];
  /** This value matched the request's action/resource. */
  matched: boolean;
}

export interface ConditionTrace {
  span: Span;
  matched: boolean;
  operators: OperatorTrace[];
}

export interface OperatorTrace {
  operator: string;
  span: Span;
  matched: boolean;
  keys: KeyTrace[];
}

/** One condition key under one operator: the request's value(s) against the policy's. */
export interface KeyTrace {
  key: string;
  keySpan: Span;
  matched: boolean;
  /** The request's value(s); `None` when the key is missing from the request context. */
  request?: ContextValue;
  /** The request's value was derived by iamplay, not given. */
  derived?: boolean;
  /** The rule that decided without comparing values, if one did. */
  rule?: KeyRule;
  values: ConditionValueTrace[];
}

/** A context value as given: one string or a list (a multi-valued key). */
export type ContextValue =
  | string
  | string[];

/** Rules that settle a key without a value-by-value comparison. */
export type KeyRule =
  /** Key missing, `…IfExists`: true. */
  | "missingIfExists"
  /** Key missing (or empty), `ForAllValues`: true (vacuously). */
  | "missingForAllValues"
  /** Key missing (or empty), `ForAnyValue`: false. */
  | "missingForAnyValue"
  /** Key missing, negated operator: true. */
  | "missingNegated"
  /** Key missing, positive operator: false. */
  | "missingPositive"
  /** Several request values without a set qualifier: false (docs/decisions.md A1). */
  | "multipleValuesWithoutQualifier"
  /** `Null`: compares presence, not values. */
  | "nullCheck"
  /** `ForAllValues:Null` is always true, `ForAnyValue:Null` always false. */
  | "nullWithQualifier";

export interface ConditionValueTrace {
  text: string;
  span: Span;
  resolved?: string;
  unresolved?: string[];
  /** The positive comparison matched at least one request value. */
  matched: boolean;
  /** Why this value cannot compare (e.g. not a valid date). */
  error?: string;
}

/** Who makes the request. */
export type Principal =
  | { kind: "user"; arn: string; account: string; path: string; name: string }
  /** A session of a role given by its role ARN; session name unknown (docs/decisions.md A12). */
  | { kind: "role"; arn: string; account: string; path: string; name: string }
  | { kind: "assumedRole"; arn: string; account: string; roleName: string; sessionName: string }
  | { kind: "federatedUser"; arn: string; account: string; name: string }
  | { kind: "root"; arn: string; account: string }
  | { kind: "service"; name: string }
  | { kind: "anonymous" };

/** One context key in effect for the request. */
export interface ContextEntry {
  /** The key as written (given) or in AWS's spelling (derived). */
  key: string;
  value: ContextValue;
  /** Filled in by iamplay from the principal or the resource, not given by the user. */
  derived: boolean;
}

export interface Note {
  /** `A1` … (docs/decisions.md). */
  id: NoteId;
  at?: StatementRef;
}

/**
 * A diagnostic as `iamplay eval --json` gives it: the core's fields (`start`/`end` are positions
 * in the policy's own text) plus the policy's name and, when the policy is part of the input's
 * text (a document given as a JSON object) or the diagnostic is about the request, the position
 * in the input text.
 */
export type LocatedDiagnostic = Diagnostic & {
  policyName?: string;
  /** Where the diagnostic starts in the input text (line, column, UTF-16 column; 1-based). */
  fileStart?: LineCol;
  fileEnd?: LineCol;
};

/** One finding about a policy or about the request. */
export interface Diagnostic {
  /** Stable code, e.g. `MISSING_EFFECT`. */
  code: Code;
  severity: Severity;
  /** Lowercase sentence, no final period, user text in backticks. */
  message: string;
  help?: string;
  /**
   * Byte span of the primary location. For policy diagnostics it indexes the policy text. For
   * request diagnostics it indexes the file the request was read from (the field the diagnostic
   * is about), and is empty for a request built in code.
   */
  span: Span;
  labels?: Label[];
  /** JSON path of the element, in Access Analyzer's style: `Statement[1].Condition.StringLike."aws:userid"`. */
  path: string;
  /** Index of the policy in the scenario; `None` for a diagnostic about the request. */
  policy?: number;
  /**
   * Line/column of `span.start` and `span.end` in the policy text, or in the request's file
   * (filled in by `analyze`; `None` for a request built in code).
   */
  start?: LineCol;
  end?: LineCol;
  /** The edit that resolves it, when there is one obvious edit. */
  fix?: Fix;
}

export type Code =
  | "JSON_SYNTAX_ERROR"
  | "MISSING_STATEMENT"
  | "MISSING_EFFECT"
  | "INVALID_EFFECT"
  | "MISSING_ACTION"
  | "MISSING_RESOURCE"
  | "MISSING_PRINCIPAL"
  | "INVALID_POLICY_ELEMENT"
  | "DUPLICATE_ELEMENT"
  | "DATA_TYPE_MISMATCH"
  | "UNSUPPORTED_ELEMENT_COMBINATION"
  | "INVALID_VERSION"
  | "MISSING_VERSION"
  | "UNIQUE_SIDS_REQUIRED"
  | "UNSUPPORTED_SID"
  | "EMPTY_SID_VALUE"
  | "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"
  | "INVALID_ACTION_FORMAT"
  | "WILDCARD_IN_SERVICE_NAME"
  | "EMPTY_ARRAY_ACTION"
  | "INVALID_ARN_PREFIX"
  | "MISSING_ARN_FIELD"
  | "EMPTY_ARRAY_RESOURCE"
  | "UNSUPPORTED_PRINCIPAL"
  | "INVALID_PRINCIPAL_KEY"
  | "INVALID_PRINCIPAL_FORMAT"
  | "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
  | "EMPTY_ARRAY_PRINCIPAL"
  | "EMPTY_OBJECT_PRINCIPAL"
  | "INVALID_CONDITION_OPERATOR"
  | "NULL_WITH_IF_EXISTS"
  | "NULL_WITH_QUALIFIER"
  | "MISSING_QUALIFIER"
  | "FORALLVALUES_WITH_SINGLE_VALUED_KEY"
  | "INVALID_CONDITION_MULTIPLE_BOOLEAN"
  | "TYPE_MISMATCH_IP_RANGE"
  | "TYPE_MISMATCH_DATE"
  | "TYPE_MISMATCH_NUMBER"
  | "TYPE_MISMATCH_BOOLEAN"
  | "INVALID_DATE_VALUE"
  | "WILDCARD_WITHOUT_LIKE_OPERATOR"
  | "IMPROVE_IP_RANGE"
  | "PRIVATE_IP_ADDRESS"
  | "PRIVATE_NOT_IP_ADDRESS"
  | "EMPTY_ARRAY_CONDITION"
  | "EMPTY_OBJECT_CONDITION"
  | "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS"
  | "INVALID_VARIABLE_FOR_OPERATOR"
  | "VARIABLE_UNSUPPORTED_IN_ELEMENT"
  | "VARIABLE_UNSUPPORTED_IN_VERSION"
  | "MISSING_BRACE_IN_VARIABLE"
  | "EMPTY_VARIABLE"
  | "MISSING_QUOTE_IN_VARIABLE"
  | "UNSUPPORTED_SPACE_IN_VARIABLE"
  | "SCP_SYNTAX_ERROR_PRINCIPAL"
  | "SCP_SYNTAX_ERROR_ACTION_WILDCARD"
  | "RCP_SYNTAX_ERROR_PRINCIPAL"
  | "RCP_SYNTAX_ERROR_ALLOW"
  | "RCP_SYNTAX_ERROR_NOTACTION"
  | "VPC_ENDPOINT_POLICY_NOT_PRINCIPAL"
  | "VPC_ENDPOINT_POLICY_ID_KEY_OPERATOR"
  | "VPC_ENDPOINT_POLICY_SHORT_WILDCARD"
  | "VPC_ENDPOINT_POLICY_MIXED_ACCOUNT"
  | "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"
  | "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL"
  | "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"
  | "UNSUPPORTED_ACTION_IN_POLICY"
  | "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"
  | "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"
  | "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA"
  | "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA"
  | "POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA"
  | "POLICY_SIZE_EXCEEDS_SCP_QUOTA"
  | "POLICY_SIZE_EXCEEDS_RCP_QUOTA"
  | "POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA"
  | "ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES"
  | "PASS_ROLE_WITH_STAR_IN_RESOURCE"
  | "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"
  | "ALLOW_WITH_NOT_ACTION"
  | "ALLOW_WITH_NOT_RESOURCE"
  | "ALLOW_WITH_NOT_PRINCIPAL"
  | "INVALID_REQUEST_PRINCIPAL"
  | "INVALID_REQUEST_ACTION"
  | "INVALID_REQUEST_RESOURCE"
  | "INVALID_REQUEST_ACCOUNT"
  | "INVALID_REQUEST_SIZE"
  | "INVALID_SCENARIO"
  | "INVALID_SERVICE_IN_ACTION"
  | "INVALID_ACTION"
  | "ACTION_PATTERN_MATCHES_NOTHING"
  | "RESOURCE_SERVICE_MISMATCH"
  | "INVALID_GLOBAL_CONDITION_KEY"
  | "INVALID_SERVICE_CONDITION_KEY"
  | "CONDITION_KEY_UNSUPPORTED_BY_ACTIONS"
  | "TYPE_MISMATCH";

/** How bad a finding is, in Access Analyzer's four categories. */
export type Severity =
  /** The policy is invalid or does not work as intended. */
  | "error"
  /** The policy grants more than it probably should. */
  | "securityWarning"
  /** Not best practice, but not a security risk. */
  | "warning"
  /** A tidy-up with no effect on permissions. */
  | "suggestion";

/** A secondary location that explains a diagnostic (e.g. the first Sid of a duplicate pair). */
export interface Label {
  span: Span;
  message: string;
}

/** A 1-based position in the text for a byte offset. */
export interface LineCol {
  /** 1-based line number. `\n`, `\r\n` and a lone `\r` each end a line. */
  line: number;
  /** 1-based column counted in Unicode scalar values. */
  column: number;
  /**
   * 1-based column counted in UTF-16 code units (what browsers and
   * CodeMirror use).
   */
  columnUtf16: number;
}

/**
 * An edit that resolves a finding (a "did you mean"): `replacement` in place of `span` of the
 * policy text. The playground offers it as a quick fix.
 */
export interface Fix {
  span: Span;
  replacement: string;
}

/** What `analyze` returns for a workspace. */
export interface WorkspaceAnalysis {
  title?: string;
  /** One per request of the workspace, in order. */
  results: RequestResult[];
  /** Requests with an `expect` whose decision is the expected one. */
  passed: number;
  /** Requests with an `expect` whose decision is another (or none). */
  failed: number;
}

/**
 * One named request of a workspace. Its decision, explanation, trace and diagnostics are those
 * of the request itself, or of the hop of its AssumeRole chain that was not allowed.
 */
export interface RequestResult {
  name: string;
  description?: string;
  /** The decision the workspace expects; `null` when the request is not a check. */
  expect: Decision | null;
  /** Whether the decision is the expected one; `null` when the request is not a check. */
  pass: boolean | null;
  decision: Decision | null;
  /**
   * The hop of the AssumeRole chain that was not allowed, when the chain stopped there (the
   * request itself was then not made).
   */
  stoppedAt?: string;
  explanation: Explanation | null;
  trace: Evaluation | null;
  diagnostics: LocatedDiagnostic[];
  /** Each hop of the AssumeRole chain (`assume`), evaluated in order before the request. */
  hops?: HopResult[];
}

/** One hop of an AssumeRole chain: `sts:AssumeRole` on the role (or `sts:TagSession` for its tags). */
export type HopResult = Analysis & {
  /** `sts:AssumeRole arn:aws:iam::…:role/Deployer`. */
  label: string;
};

/**
 * What `check` returns: a workspace's checks (its requests with an `expect`), as
 * `iamplay test --json`.
 */
export interface CheckResult {
  results: Check[];
  passed: number;
  failed: number;
}

/** One check: a request with an `expect`. */
export interface Check {
  name: string;
  expected: Decision;
  /** `null` when the request is malformed (`analyze` gives its diagnostics). */
  decision: Decision | null;
  pass: boolean;
  /** `Name/Sid` of each deciding statement. */
  determining: string[];
  /** The hop of the AssumeRole chain that was not allowed, when the chain stopped there. */
  stoppedAt?: string;
}

/** What `lint` returns for one policy. */
export interface LintResult {
  /** Positions (`span`, `start`, `end`) index the policy text as given. */
  diagnostics: Diagnostic[];
}

/** What a call throws (as the `IamplayError`'s fields) when its input cannot be read. */
export interface Failure {
  /** Every problem on its own line, each with its line and column: `3:14: expected ...`. */
  message: string;
  /**
   * Each problem with its field (`requests[2].expect`), span and position; empty for a bad
   * argument (a policy type that does not exist, a catalog that is not one).
   */
  errors: ScenarioError[];
}

/** A scenario that cannot be read. */
export interface ScenarioError {
  /** The field, e.g. `policies[2].type`; empty for the whole file. */
  field: string;
  message: string;
  span: Span;
  start: LineCol;
}
