//! The one renderer: a trace in, an [`Explanation`] out — a tree of every word the CLI and the web
//! app show about a decision: the headline, each stage with its sentence and the statements it
//! considered, each statement's verdict and element lines (each with the span it points at and a
//! [`Tone`]), the policies that take no part, and the ambiguity notes. No other module words a
//! decision; callers render the tree and never parse its text.

use iam_json::Span;
use serde::Serialize;

use crate::policy::{Effect, PolicyType};
use crate::request::ContextValue;
use crate::trace::*;

/// Where a line points: a span in one policy's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StepTarget {
    pub policy: usize,
    pub span: Span,
}

/// How a line reads: the outcome of a stage, whether a statement or element matched, or a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    Pass,
    Allow,
    ExplicitDeny,
    ImplicitDeny,
    NotApplicable,
    Skipped,
    Match,
    NoMatch,
    Note,
}

impl Tone {
    /// The camelCase word (`"implicitDeny"`), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Pass => "pass",
            Tone::Allow => "allow",
            Tone::ExplicitDeny => "explicitDeny",
            Tone::ImplicitDeny => "implicitDeny",
            Tone::NotApplicable => "notApplicable",
            Tone::Skipped => "skipped",
            Tone::Match => "match",
            Tone::NoMatch => "noMatch",
            Tone::Note => "note",
        }
    }

    fn of_outcome(outcome: StageOutcome) -> Tone {
        match outcome {
            StageOutcome::Pass => Tone::Pass,
            StageOutcome::Allow => Tone::Allow,
            StageOutcome::ExplicitDeny => Tone::ExplicitDeny,
            StageOutcome::ImplicitDeny => Tone::ImplicitDeny,
            StageOutcome::NotApplicable => Tone::NotApplicable,
            StageOutcome::Skipped => Tone::Skipped,
        }
    }

    fn of_decision(decision: Decision) -> Tone {
        match decision {
            Decision::Allowed => Tone::Allow,
            Decision::ExplicitDeny => Tone::ExplicitDeny,
            Decision::ImplicitDeny => Tone::ImplicitDeny,
        }
    }

    fn of_match(matched: bool) -> Tone {
        if matched {
            Tone::Match
        } else {
            Tone::NoMatch
        }
    }
}

/// The explanation of one evaluation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub headline: Headline,
    /// One per stage of the evaluation, in the same order (the final decision last).
    pub stages: Vec<StageExplanation>,
    /// The policies that take no part in this request, and why.
    pub idle: Vec<IdlePolicy>,
    /// Where AWS's documentation is ambiguous and iamplay chose.
    pub notes: Vec<NoteExplanation>,
}

/// The decision in one sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Headline {
    pub decision: Decision,
    pub tone: Tone,
    /// `Allowed`, `Denied — explicit` or `Denied — implicit`.
    pub label: &'static str,
    /// What decided it, as a sentence of its own (capitalized).
    pub why: String,
    /// The whole line: `label: why` (as the CLI prints it).
    pub text: String,
}

/// One stage of AWS's evaluation order, in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageExplanation {
    /// Index into `Evaluation::stages`.
    pub index: usize,
    pub kind: StageKind,
    pub outcome: StageOutcome,
    /// The outcome's tone; for the final stage, the decision's.
    pub tone: Tone,
    /// `Service control policies, level 2 (ou-prod)`.
    pub title: String,
    /// What happened at this stage (capitalized); for the final stage, the decision.
    pub sentence: String,
    /// A short word for the outcome: `passes`, `denies (implicit)`, …; the decision for the final stage.
    pub badge: &'static str,
    /// The AWS documentation page the stage follows (none for the final decision).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<&'static str>,
    /// The stage that decided.
    pub decisive: bool,
    /// The statements this stage considered (the deny sweep: every Deny; another stage: the Allow
    /// statements of its policies); none for a skipped stage or the final decision.
    pub statements: Vec<StatementExplanation>,
}

/// One statement as a stage considered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementExplanation {
    /// Index of the policy in the scenario.
    pub policy: usize,
    /// Position of the statement in the policy's trace (`PolicyTrace::statements`).
    pub position: usize,
    /// `Policy/Sid` or `Policy#index`: a stable id (the page's `data-statement`).
    pub label: String,
    /// The statement as a reader names it: `Policy › Sid` or `statement 2 of Policy`.
    pub name: String,
    pub span: Span,
    /// `Allow`, `Deny` or `no Effect`.
    pub effect: &'static str,
    /// `applies`, `does not apply` or `cannot be evaluated`; at the S3 Block Public Access stage,
    /// `makes the bucket policy public`.
    pub verdict: &'static str,
    /// One of the statements that decided the stage (or the decision, at the deciding stage).
    pub determining: bool,
    /// Part of the stage's account in words: a statement that decided the stage, or an Allow that
    /// did not match where the stage denies implicitly. Only these have `lines`.
    pub cited: bool,
    /// The statement's sentence.
    pub line: Line,
    /// Under it, one line per element and condition key.
    pub lines: Vec<Line>,
}

/// One line of words, pointing at the JSON it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<StepTarget>,
    pub tone: Tone,
}

/// A policy that takes no part in the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdlePolicy {
    pub policy: usize,
    pub name: String,
    pub reason: &'static str,
}

/// A note: an AWS rule the decision rests on, or iamplay's reading where AWS is silent or unclear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteExplanation {
    pub id: NoteId,
    /// Which of the three the note is (the page groups notes by it).
    pub kind: NoteKind,
    /// `Note A7: …`.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<StepTarget>,
}

/// One line of the flattened explanation ([`Explanation::steps`]): what the CLI prints and its JSON
/// output lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// 0 for the headline, stages and notes, 1 for statements, 2 for elements.
    pub depth: u8,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<StepTarget>,
    pub tone: Tone,
    /// The AWS documentation page for a stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<&'static str>,
}

impl Explanation {
    /// The tree as lines: the headline, each stage (`N. Title — Sentence`) with the statements it
    /// cites and their element lines, then the notes. The final stage is the headline's.
    pub fn steps(&self) -> Vec<Step> {
        let mut out = vec![Step {
            depth: 0,
            text: self.headline.text.clone(),
            target: None,
            tone: self.headline.tone,
            doc: None,
        }];
        for stage in &self.stages {
            if stage.kind == StageKind::Final {
                continue;
            }
            out.push(Step {
                depth: 0,
                text: format!("{}. {} — {}", stage.index + 1, stage.title, stage.sentence),
                target: None,
                tone: stage.tone,
                doc: stage.doc,
            });
            for statement in stage.statements.iter().filter(|s| s.cited) {
                for (depth, line) in std::iter::once((1, &statement.line))
                    .chain(statement.lines.iter().map(|l| (2, l)))
                {
                    out.push(Step {
                        depth,
                        text: line.text.clone(),
                        target: line.target,
                        tone: line.tone,
                        doc: None,
                    });
                }
            }
        }
        for note in &self.notes {
            out.push(Step {
                depth: 0,
                text: note.text.clone(),
                target: note.target,
                tone: Tone::Note,
                doc: None,
            });
        }
        out
    }
}

use words::{decision as decision_label, outcome as outcome_badge};

/// Upper-case the first letter (the sentences start with ASCII; ASCII upper-casing keeps Unicode's
/// upper-case tables out of the playground's wasm).
fn capitalize(text: &str) -> String {
    match text.get(..1) {
        Some(first) => format!(
            "{}{}",
            first.to_ascii_uppercase(),
            text.get(1..).unwrap_or("")
        ),
        None => text.to_string(),
    }
}

/// The decision and what decided it.
fn headline(e: &Evaluation) -> Headline {
    let label = decision_label(e.decision);
    let why = headline_reason(e);
    Headline {
        decision: e.decision,
        tone: Tone::of_decision(e.decision),
        label,
        text: format!("{label}: {why}"),
        why: capitalize(&why),
    }
}

/// The headline after its label.
fn headline_reason(e: &Evaluation) -> String {
    let who = e.principal.describe();
    let decided = e.stages.get(e.decided_by);
    if let Some(StageReason::AwsRule { rule }) = decided.map(|s| &s.reason) {
        return format!("an AWS rule decides — {}", aws_rule_sentence(*rule));
    }
    if let Some(
        stage @ Stage {
            reason:
                StageReason::PublicPolicyRestricted {
                    restrict_public_buckets,
                    ..
                },
            outcome: StageOutcome::ExplicitDeny,
            ..
        },
    ) = decided
    {
        return format!(
            "S3 Block Public Access blocks this request by {who}: `RestrictPublicBuckets` ({}) is on and {} the bucket policy public, so only AWS service principals and the bucket owner's account keep access.",
            level_words(*restrict_public_buckets),
            public_subject(&stage.statements)
        );
    }
    match e.decision {
        Decision::ExplicitDeny => {
            let names = labels(&e.determining);
            format!(
                "{names} {} this request by {who}, and an explicit Deny overrides every Allow.",
                verb(&e.determining, "denies", "deny")
            )
        }
        Decision::Allowed => {
            let by = e.stages.iter().find(|s| {
                matches!(s.reason, StageReason::ResourceGrant { .. })
                    && s.outcome == StageOutcome::Allow
            });
            match by {
                Some(stage) => format!("the resource-based policy grants this request by {who} ({}), and no policy denies it.", labels(&stage.statements)),
                None => {
                    let grants: Vec<StatementRef> = e
                        .determining
                        .iter()
                        .filter(|s| e.policies.get(s.policy).is_some_and(|p| matches!(p.policy_type, PolicyType::Identity | PolicyType::Resource)))
                        .cloned()
                        .collect();
                    if grants.is_empty() {
                        format!("{who} has full access in its own account, and no policy denies it.")
                    } else {
                        let limits = limits_present(e);
                        let also = if limits.is_empty() {
                            String::new()
                        } else {
                            format!(", {} {} it too", list_words(&limits), if limits.len() == 1 && !limits.iter().any(|l| l.ends_with('s')) { "allows" } else { "allow" })
                        };
                        format!("{} {} this request by {who}{also}, and no policy denies it.", labels(&grants), verb(&grants, "allows", "allow"))
                    }
                }
            }
        }
        Decision::ImplicitDeny => e
            .stages
            .get(e.decided_by)
            .map(|s| stage_sentence(e, s))
            .unwrap_or_default(),
    }
}

/// A statement as a reader names it: `` `EuOnly › DenyOutsideEu` `` with a Sid, `` statement 2 of
/// `AliceS3` `` without one (counted from 1); `at ou-prod` when the policy is attached at several
/// organization nodes.
pub fn statement_name(r: &StatementRef) -> String {
    let at = r
        .attachment
        .as_ref()
        .map(|node| format!(" at {node}"))
        .unwrap_or_default();
    match &r.sid {
        Some(sid) if !sid.is_empty() => format!("`{} › {sid}`{at}", r.policy_name),
        _ => format!("statement {} of `{}`{at}", r.statement + 1, r.policy_name),
    }
}

/// [`statement_name`] as the subject of a sentence: `` Statement `EuOnly › DenyOutsideEu` `` or
/// `` Statement 2 of `AliceS3` ``.
fn statement_subject(r: &StatementRef) -> String {
    let name = statement_name(r);
    match name.strip_prefix("statement ") {
        Some(rest) => format!("Statement {rest}"),
        None => format!("Statement {name}"),
    }
}

/// The policies in the request that can only limit what is granted (AWS: SCPs, RCPs, VPC endpoint
/// policies, permissions boundaries, session policies), in words, in AWS's order.
fn limits_present(e: &Evaluation) -> Vec<&'static str> {
    [
        (PolicyType::Rcp, "the RCPs"),
        (PolicyType::Scp, "the SCPs"),
        (PolicyType::VpcEndpoint, "the VPC endpoint policy"),
        (PolicyType::PermissionsBoundary, "the permissions boundary"),
        (PolicyType::Session, "the session policy"),
    ]
    .into_iter()
    .filter(|(t, _)| e.policies.iter().any(|p| p.policy_type == *t))
    .map(|(_, words)| words)
    .collect()
}

/// `a`, `a and b`, `a, b and c`.
fn list_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn labels(refs: &[StatementRef]) -> String {
    let names: Vec<String> = refs.iter().map(statement_name).collect();
    match names.as_slice() {
        [] => "no statement".to_string(),
        [one] if one.starts_with("statement ") => one.clone(),
        [one] => format!("statement {one}"),
        [init @ .., last] => format!("statements {} and {last}", init.join(", ")),
    }
}

/// "allows"/"allow" (and "denies"/"deny") agreeing with `labels`.
fn verb(refs: &[StatementRef], singular: &'static str, plural: &'static str) -> &'static str {
    if refs.len() == 1 {
        singular
    } else {
        plural
    }
}

fn stage_title(stage: &Stage) -> String {
    if matches!(stage.reason, StageReason::OrgNotApplicable { .. }) {
        match stage.kind {
            StageKind::Rcp { .. } => return "Resource control policies".to_string(),
            StageKind::Scp { .. } => return "Service control policies".to_string(),
            _ => {}
        }
    }
    match &stage.kind {
        StageKind::AwsRules => "AWS service rules".to_string(),
        StageKind::VpcEndpoint => "VPC endpoint policy".to_string(),
        StageKind::ExplicitDeny => "Explicit deny in any policy".to_string(),
        StageKind::BlockPublicAccess => "S3 Block Public Access".to_string(),
        StageKind::Rcp { level, node } => {
            format!("Resource control policies, level {} ({node})", level + 1)
        }
        StageKind::Scp { level, node } => {
            format!("Service control policies, level {} ({node})", level + 1)
        }
        StageKind::ResourcePolicy => "Resource-based policy".to_string(),
        StageKind::IdentityPolicies => "Identity-based policies".to_string(),
        StageKind::PermissionsBoundary => "Permissions boundary".to_string(),
        StageKind::SessionPolicy => "Session policy".to_string(),
        StageKind::Final => "Decision".to_string(),
    }
}

fn policy_names(e: &Evaluation, indices: &[usize]) -> String {
    indices
        .iter()
        .filter_map(|i| e.policies.get(*i))
        .map(|p| format!("`{}`", p.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence for a stage's outcome.
fn stage_sentence(e: &Evaluation, s: &Stage) -> String {
    use StageReason as R;
    let org = |kind: &StageKind| {
        if matches!(kind, StageKind::Scp { .. }) {
            "SCPs"
        } else {
            "RCPs"
        }
    };
    match &s.reason {
        R::DenyFound => format!("{} {} the request.", labels(&s.statements), verb(&s.statements, "matches", "match")),
        R::NoDeny => "No Deny statement matches the request.".to_string(),
        R::OrgNotApplicable { exemption } => {
            let what = org(&s.kind);
            match exemption {
                OrgExemption::ManagementAccount => format!("{what} do not apply: the account is the organization's management account."),
                OrgExemption::ServiceLinkedRole => format!("{what} do not apply to service-linked roles."),
                OrgExemption::OutsideOrganization => format!("{what} do not apply: the account is not in the organization."),
                OrgExemption::NotAMemberPrincipal => format!("{what} do not apply: the caller is not a user or role of a member account."),
                OrgExemption::ServiceNotSupported => format!("{what} do not apply: AWS does not support them for this service (AWS service catalog)."),
                OrgExemption::NoPolicies if what == "RCPs" => "No RCPs in this scenario; AWS's built-in `RCPFullAWSAccess` allows everything.".to_string(),
                OrgExemption::NoPolicies => format!("No {what} in this scenario."),
            }
        }
        R::RcpFullAccess => "`RCPFullAWSAccess` (attached by AWS at every level, never detachable) allows it.".to_string(),
        R::ScpDefaultFullAccess => "No SCP is listed at this level, so AWS's default `FullAWSAccess` allows it.".to_string(),
        R::OrgAllowFound { .. } => format!("{} {} it.", labels(&s.statements), verb(&s.statements, "allows", "allow")),
        R::OrgNoAllow { policies } => format!(
            "no statement in the SCPs attached at {} ({}) allows the request, and every level of the path must allow it.",
            match &s.kind {
                StageKind::Scp { node, .. } | StageKind::Rcp { node, .. } => node.as_str(),
                _ => "this level",
            },
            policy_names(e, policies)
        ),
        R::NoResourcePolicy => "There is no resource-based policy.".to_string(),
        R::ResourcePolicyRequired { kind } => match kind {
            RequiredPolicy::RoleTrustPolicy => "assuming a role needs the role's trust policy to allow the caller, and the scenario has no trust policy (a `resource` policy).".to_string(),
            RequiredPolicy::KmsKeyPolicy => "a KMS key is usable only if its key policy allows it, and the scenario has no key policy (a `resource` policy).".to_string(),
            RequiredPolicy::CrossAccount => "the resource is in another account, so its resource-based policy must allow the caller, and there is none.".to_string(),
            RequiredPolicy::AnonymousOrService => "only a resource-based policy can grant an anonymous caller or a service principal, and there is none.".to_string(),
        },
        R::NoResourceAllow => {
            if s.outcome == StageOutcome::ImplicitDeny {
                "the resource-based policy must allow this caller here, and no Allow statement in it matches.".to_string()
            } else {
                "No Allow statement in the resource-based policy matches this caller.".to_string()
            }
        }
        R::ResourceGrant { by, cross_account } => {
            let form = match by {
                PrincipalMatch::Account => "the caller's account",
                PrincipalMatch::Role => "the caller's IAM role",
                PrincipalMatch::Everyone => "everyone (`*`)",
                PrincipalMatch::NotListed => "everyone not listed in `NotPrincipal`, and the caller is not listed",
                PrincipalMatch::User => "the IAM user",
                PrincipalMatch::RoleSession => "the role session",
                PrincipalMatch::FederatedUser => "the federated-user session",
                PrincipalMatch::Service => "the service principal",
            };
            let effect = if *cross_account {
                "The resource account allows it; the caller's own account must allow it too (cross-account)."
            } else {
                match by {
                    PrincipalMatch::Account => "Naming an account delegates to it: an identity-based policy must also allow the request.",
                    PrincipalMatch::Role => "A grant to a role needs no identity-based policy, but the role's permissions boundary and session policy still limit it.",
                    _ => "A grant to this principal needs no identity-based policy, and a permissions boundary or session policy does not limit it.",
                }
            };
            format!("{} {} {form}. {effect}", labels(&s.statements), verb(&s.statements, "names", "name"))
        }
        R::IdentityAllow => format!("{} {} it.", labels(&s.statements), verb(&s.statements, "allows", "allow")),
        R::NoIdentityAllow => "no identity-based policy has an Allow statement that matches the request.".to_string(),
        R::NoIdentityPolicies => "the caller has no identity-based policy that allows anything, and nothing else granted the request.".to_string(),
        R::NotNeeded => "Not needed: the resource-based policy granted the request directly.".to_string(),
        R::RootFullAccess => "The account root user has full access in its own account; no identity-based policy is needed.".to_string(),
        R::NoIdentity => "An anonymous caller or a service principal has no identity-based policies.".to_string(),
        R::NoBoundary => "No permissions boundary applies.".to_string(),
        R::BoundaryAllow => format!("{} {} it (the boundary caps what the identity may do).", labels(&s.statements), verb(&s.statements, "allows", "allow")),
        R::BoundaryNoAllow => "the permissions boundary does not allow the request, and a boundary caps every identity-based grant.".to_string(),
        R::NotLimiting => "Does not limit a resource-based policy that names this principal directly.".to_string(),
        R::NotASession => "Session policies apply only to role sessions and federated-user sessions.".to_string(),
        R::NoSessionPolicy => "No session policy was passed, so the session is not limited further.".to_string(),
        R::FederatedNoSessionPolicy => "a federated-user session gets its permissions from the session policies passed to `GetFederationToken`, and none was passed, so the session has no permissions of its own (only a resource-based policy that names the session could grant it).".to_string(),
        R::AwsRule { rule } => aws_rule_sentence(*rule).to_string(),
        R::NotThroughEndpoint => "The request does not go through a VPC endpoint (no `aws:SourceVpce` in the context), so the endpoint policy does not apply.".to_string(),
        R::DefaultEndpointPolicy => "The request goes through a VPC endpoint with no endpoint policy in this scenario; AWS's default endpoint policy allows full access.".to_string(),
        R::EndpointAllow => format!("{} {} it.", labels(&s.statements), verb(&s.statements, "allows", "allow")),
        R::EndpointNoAllow => "the request goes through a VPC endpoint, and no statement in the endpoint's policy allows it: an endpoint policy must allow every request that uses the endpoint.".to_string(),
        R::SessionAllow => format!("{} {} it.", labels(&s.statements), verb(&s.statements, "allows", "allow")),
        R::SessionNoAllow => "the session policy does not allow the request, and a session policy caps what the session may do.".to_string(),
        R::NotAnS3Bucket => "The request is not an S3 action on a bucket or an object, so Block Public Access does not apply.".to_string(),
        R::BucketPolicyNotPublic { has_policy, restrict_public_buckets } => {
            let why = if *has_policy {
                "The bucket policy is not public: it grants only to fixed principals or fixed condition values"
            } else {
                "There is no bucket policy, so nothing is public"
            };
            match restrict_public_buckets {
                Some(level) => format!("{why}, and `RestrictPublicBuckets` ({}) restricts only public policies.", level_words(*level)),
                None => format!("{why}."),
            }
        }
        R::PublicPolicyNotRestricted { block_public_policy, .. } => {
            let mut text = format!("{} the bucket policy public, but `RestrictPublicBuckets` is off, so S3 does not restrict it.", public_subject(&s.statements));
            if let Some(level) = block_public_policy {
                text.push_str(&format!(" `BlockPublicPolicy` ({}) refuses a public policy being put, not one in place.", level_words(*level)));
            }
            text
        }
        R::PublicPolicyRestricted { restrict_public_buckets, caller, .. } => {
            let head = format!("{} the bucket policy public, and `RestrictPublicBuckets` ({})", public_subject(&s.statements), level_words(*restrict_public_buckets));
            let rest = "only AWS service principals and the bucket owner's account keep access";
            match caller {
                PublicAccessCaller::OwnerAccount => format!("{head} lets {rest}: the caller is in that account, so it is not blocked."),
                PublicAccessCaller::Service => format!("{head} lets {rest}: the caller is an AWS service principal, so it is not blocked."),
                PublicAccessCaller::OtherAccount => format!("{head} blocks this caller from another account ({rest})."),
                PublicAccessCaller::Anonymous => format!("{head} blocks this anonymous caller ({rest})."),
            }
        }
        R::Decided => match e.decision {
            Decision::Allowed => "Allowed.".to_string(),
            Decision::ExplicitDeny => "Denied — explicit.".to_string(),
            Decision::ImplicitDeny => "Denied — implicit.".to_string(),
        },
    }
}

/// `account setting`, `bucket setting`, `account and bucket settings`.
fn level_words(level: SettingLevel) -> &'static str {
    match level {
        SettingLevel::Account => "account setting",
        SettingLevel::Bucket => "bucket setting",
        SettingLevel::AccountAndBucket => "account and bucket settings",
    }
}

/// `statement `b:policy/Public` makes` / `statements … make`.
fn public_subject(refs: &[StatementRef]) -> String {
    format!("{} {}", labels(refs), verb(refs, "makes", "make"))
}

/// What an AWS rule does, in a sentence.
fn aws_rule_sentence(rule: AwsRule) -> &'static str {
    match rule {
        AwsRule::GetCallerIdentity => "`sts:GetCallerIdentity` needs no permission: any signed caller may ask who it is, even when a policy explicitly denies the action.",
        AwsRule::GetSessionToken => "`sts:GetSessionToken` needs no permission: it authenticates the user (for example with MFA), and policies cannot control authentication.",
        AwsRule::GetSessionTokenNeedsLongTermCredentials => "`sts:GetSessionToken` must be called with the long-term credentials of an IAM user or the root user; a session cannot call it, whatever the policies say.",
        AwsRule::FederatedUserIamOrSts => "a federated-user session (from `GetFederationToken`) cannot call any IAM action, nor any STS action except `GetCallerIdentity`, whatever the policies say.",
        AwsRule::AwsManagedPolicy => "AWS managed policies (`arn:aws:iam::aws:policy/…`) belong to AWS: nobody can create, change, version, tag or delete them, whatever the policies say.",
        AwsRule::AwsReservedRole => "roles under `/aws-reserved/` (IAM Identity Center's `AWSReservedSSO_…`) are changed only by AWS when their permission set changes, whatever the policies say.",
        AwsRule::AwsReservedKmsAlias => "KMS alias names beginning `alias/aws/` are reserved for AWS managed keys: nobody can create, change or delete them, whatever the policies say.",
    }
}

/// The explanation of an evaluation: the headline, each stage in AWS's order with the statements
/// behind it, the policies that take no part, and the ambiguity notes.
pub fn explain(e: &Evaluation) -> Explanation {
    let determining = Marks::new(&e.determining);
    let shared = crate::engine::shared_names(e.policies.iter().map(|p| p.name.as_str()));
    let stages = e
        .stages
        .iter()
        .enumerate()
        .map(|(index, s)| stage_explanation(e, &determining, &shared, index, s))
        .collect();
    let idle = e
        .policies
        .iter()
        .filter(|p| !p.applies)
        .map(|p| IdlePolicy {
            policy: p.index,
            name: p.name.clone(),
            reason: p
                .not_applicable
                .map(words::not_applicable)
                .unwrap_or("it does not apply to this request"),
        })
        .collect();
    let notes = e
        .notes
        .iter()
        .map(|note| NoteExplanation {
            id: note.id,
            kind: note_kind(note.id),
            text: format!("Note {}: {}", note.id.as_str(), note_text(note.id)),
            target: note.at.as_ref().map(|r| StepTarget {
                policy: r.policy,
                span: r.span,
            }),
        })
        .collect();
    Explanation {
        headline: headline(e),
        stages,
        idle,
        notes,
    }
}

/// Which statements a list of [`StatementRef`]s names, by policy index and statement index: a
/// lookup per statement instead of a scan of the list (40,000 matching statements made that
/// quadratic).
struct Marks(Vec<Vec<bool>>);

impl Marks {
    fn new(refs: &[StatementRef]) -> Marks {
        let mut marks: Vec<Vec<bool>> = Vec::new();
        for r in refs {
            if marks.len() <= r.policy {
                marks.resize_with(r.policy + 1, Vec::new);
            }
            if let Some(row) = marks.get_mut(r.policy) {
                if row.len() <= r.statement {
                    row.resize(r.statement + 1, false);
                }
                if let Some(slot) = row.get_mut(r.statement) {
                    *slot = true;
                }
            }
        }
        Marks(marks)
    }

    fn has(&self, policy: usize, statement: usize) -> bool {
        self.0
            .get(policy)
            .and_then(|row| row.get(statement))
            .copied()
            .unwrap_or(false)
    }
}

fn stage_explanation(
    e: &Evaluation,
    determining_refs: &Marks,
    shared: &[bool],
    index: usize,
    s: &Stage,
) -> StageExplanation {
    let decisive = index == e.decided_by;
    if s.kind == StageKind::Final {
        return StageExplanation {
            index,
            kind: s.kind.clone(),
            outcome: s.outcome,
            tone: Tone::of_decision(e.decision),
            title: stage_title(s),
            sentence: stage_sentence(e, s),
            badge: decision_label(e.decision),
            doc: None,
            decisive,
            statements: Vec::new(),
        };
    }
    let sentence = if s.outcome == StageOutcome::Skipped
        && s.kind == StageKind::ExplicitDeny
        && !s.statements.is_empty()
    {
        // An AWS rule decided before the sweep: say which Deny it overrode.
        format!(
            "Not reached: an earlier step decided, although {} {} the request.",
            labels(&s.statements),
            verb(&s.statements, "matches", "match")
        )
    } else if s.outcome == StageOutcome::Skipped {
        "Not reached: an earlier step decided.".to_string()
    } else {
        capitalize(&stage_sentence(e, s))
    };
    let mut statements = Vec::new();
    let public = match &s.reason {
        StageReason::PublicPolicyNotRestricted { public, .. }
        | StageReason::PublicPolicyRestricted { public, .. } => Some(public),
        _ => None,
    };
    if let (Some(public), false) = (public, s.outcome == StageOutcome::Skipped) {
        statements.extend(public.iter().filter_map(|g| public_grant_explanation(e, g)));
    } else if s.outcome != StageOutcome::Skipped && s.kind != StageKind::BlockPublicAccess {
        let decided = Marks::new(&s.statements);
        for policy in e
            .policies
            .iter()
            .filter(|p| p.applies && considers(&s.kind, p))
        {
            for (position, st) in policy.statements.iter().enumerate() {
                let wanted = match (&s.kind, st.effect) {
                    (StageKind::ExplicitDeny, effect) => effect == Some(Effect::Deny),
                    (_, Some(Effect::Allow)) | (_, None) => true,
                    (_, Some(Effect::Deny)) => false,
                };
                if !wanted {
                    continue;
                }
                let r = StatementRef {
                    policy: policy.index,
                    policy_name: policy.name.clone(),
                    statement: st.index,
                    sid: st.sid.clone(),
                    span: st.span,
                    attachment: shared
                        .get(policy.index)
                        .copied()
                        .unwrap_or(false)
                        .then(|| policy.target.clone())
                        .flatten(),
                };
                let decided_stage = decided.has(policy.index, st.index);
                let determining =
                    decided_stage || (decisive && determining_refs.has(policy.index, st.index));
                let cited = decided_stage
                    || (s.outcome == StageOutcome::ImplicitDeny
                        && st.effect == Some(Effect::Allow)
                        && !st.matched
                        && s.kind != StageKind::ExplicitDeny);
                statements.push(statement_explanation(
                    policy.index,
                    position,
                    &r,
                    st,
                    policy.origin.as_deref(),
                    determining,
                    cited,
                ));
            }
        }
    }
    StageExplanation {
        index,
        kind: s.kind.clone(),
        outcome: s.outcome,
        tone: Tone::of_outcome(s.outcome),
        title: stage_title(s),
        sentence,
        badge: outcome_badge(s.outcome),
        doc: Some(s.doc),
        decisive,
        statements,
    }
}

/// An Allow statement that makes the bucket policy public, and why (S3 Block Public Access).
fn public_grant_explanation(e: &Evaluation, g: &PublicGrant) -> Option<StatementExplanation> {
    let r = &g.statement;
    let policy = e.policies.get(r.policy)?;
    let position = policy
        .statements
        .iter()
        .position(|st| st.index == r.statement)?;
    let at = |span: Span| {
        Some(StepTarget {
            policy: r.policy,
            span,
        })
    };
    let origin = match &policy.origin {
        Some(origin) => format!("Allow; {origin}"),
        None => "Allow".to_string(),
    };
    let principal = match g.principal {
        OpenPrincipal::Everyone => "Principal: everyone (`*`), anonymous callers included.",
        OpenPrincipal::Wildcard => "Principal: an entry with a wildcard is not a fixed principal.",
        OpenPrincipal::Federated => {
            "Principal: a `Federated` identity provider reaches anyone it signs in."
        }
        OpenPrincipal::NotPrincipal => "NotPrincipal with Allow grants everyone not listed.",
    };
    let mut lines = vec![line(
        principal.to_string(),
        at(g.principal_span),
        Tone::Note,
    )];
    for k in &g.keys {
        let why = match k.why {
            Unfixed::Wildcard => "a value has a wildcard",
            Unfixed::Variable => "a value has a policy variable",
            Unfixed::Negated => "a negated operator matches every other value",
            Unfixed::IfExists => "`IfExists` also matches a missing key",
            Unfixed::ForAllValues => "`ForAllValues` also matches a missing key",
            Unfixed::NoComparison => "the operator does not compare it with values",
            Unfixed::TooBroad => "a range broader than /8 (IPv4) or /32 (IPv6) is public",
            Unfixed::NotAnIpRange => "a value is not an IP range",
        };
        lines.push(line(
            format!(
                "Condition `{}` on `{}` does not fix it: {why}.",
                k.operator, k.key
            ),
            at(k.key_span),
            Tone::Note,
        ));
    }
    let listed = "fixed values of a key AWS lists (such as `aws:SourceVpce`, `aws:SourceIp` or `aws:PrincipalOrgID`)";
    if !g.unlisted_keys.is_empty() {
        let keys: Vec<String> = g.unlisted_keys.iter().map(|k| format!("`{k}`")).collect();
        lines.push(line(
            format!(
                "Conditions on {} do not count: only {listed} make a grant non-public.",
                keys.join(", ")
            ),
            at(r.span),
            Tone::Note,
        ));
    } else if g.keys.is_empty() {
        lines.push(line(
            format!("No condition limits it to {listed}."),
            at(r.span),
            Tone::Note,
        ));
    }
    Some(StatementExplanation {
        policy: r.policy,
        position,
        label: r.label(),
        name: statement_name(r).replace('`', ""),
        span: r.span,
        effect: "Allow",
        verdict: "makes the bucket policy public",
        determining: true,
        cited: true,
        line: line(
            format!(
                "{} ({origin}) makes the bucket policy public.",
                statement_subject(r)
            ),
            at(r.span),
            Tone::Match,
        ),
        lines,
    })
}

/// Whether a stage looks at a policy's statements.
fn considers(kind: &StageKind, p: &PolicyTrace) -> bool {
    match kind {
        StageKind::AwsRules | StageKind::Final => false,
        StageKind::BlockPublicAccess => p.policy_type == PolicyType::Resource,
        StageKind::ExplicitDeny => true,
        StageKind::Rcp { node, .. } => {
            p.policy_type == PolicyType::Rcp && p.target.as_deref() == Some(node.as_str())
        }
        StageKind::Scp { node, .. } => {
            p.policy_type == PolicyType::Scp && p.target.as_deref() == Some(node.as_str())
        }
        StageKind::VpcEndpoint => p.policy_type == PolicyType::VpcEndpoint,
        StageKind::ResourcePolicy => p.policy_type == PolicyType::Resource,
        StageKind::IdentityPolicies => p.policy_type == PolicyType::Identity,
        StageKind::PermissionsBoundary => p.policy_type == PolicyType::PermissionsBoundary,
        StageKind::SessionPolicy => p.policy_type == PolicyType::Session,
    }
}

fn show(value: &ContextValue) -> String {
    match value {
        ContextValue::Single(v) => format!("`{v}`"),
        ContextValue::Multi(vs) => format!(
            "[{}]",
            vs.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A statement: its verdict and, when it is cited, each element's result.
// long: the words for each element of a statement (Action, Resource, Principal, Condition) in the order they are shown; each arm reads the same trace and citation state. Not split yet (issue 8)
fn statement_explanation(
    policy: usize,
    position: usize,
    r: &StatementRef,
    st: &StatementTrace,
    origin: Option<&str>,
    determining: bool,
    cited: bool,
) -> StatementExplanation {
    let at = |span: Span| Some(StepTarget { policy, span });
    // `Allow`, or `Allow; attached to group Developers, which alice is in` in a workspace.
    let effect = match (st.effect.map(|e| e.as_str()).unwrap_or("?"), origin) {
        (effect, Some(origin)) => format!("{effect}; {origin}"),
        (effect, None) => effect.to_string(),
    };
    let mut out = StatementExplanation {
        policy,
        position,
        label: r.label(),
        name: statement_name(r).replace('`', ""),
        span: st.span,
        effect: st.effect.map(|e| e.as_str()).unwrap_or("no Effect"),
        verdict: match (&st.problem, st.matched) {
            (Some(_), _) => "cannot be evaluated",
            (None, true) => "applies",
            (None, false) => "does not apply",
        },
        determining,
        cited,
        line: Line {
            text: String::new(),
            target: at(st.span),
            tone: Tone::of_match(st.matched),
        },
        lines: Vec::new(),
    };
    if let Some(problem) = &st.problem {
        out.line.text = format!(
            "{} ({effect}) cannot be evaluated: {problem}.",
            statement_subject(r)
        );
        out.line.tone = Tone::NoMatch;
        return out;
    }
    let verdict = if st.matched {
        "applies to the request"
    } else {
        "does not apply"
    };
    out.line.text = format!("{} ({effect}) {verdict}.", statement_subject(r));
    if !cited {
        return out;
    }
    let lines = &mut out.lines;
    if let Some(p) = &st.principal {
        let text = if p.implicit {
            "Principal: not given; read as `*`.".to_string()
        } else if p.negated {
            if p.boundary_never_exempt {
                "NotPrincipal: the caller has a permissions boundary, so NotPrincipal never exempts it.".to_string()
            } else if p.matched {
                format!(
                    "NotPrincipal: the caller is not exempt — not listed: {}.",
                    p.not_listed
                        .iter()
                        .map(|i| format!("`{i}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                "NotPrincipal: every identity of the caller is listed, so the statement exempts it."
                    .to_string()
            }
        } else {
            match p.entries.iter().find(|e| e.matched_by.is_some()) {
                Some(hit) => format!("Principal: `{}` matches the caller.", hit.value),
                None => format!(
                    "Principal: none of {} is the caller.",
                    p.entries
                        .iter()
                        .map(|e| format!("`{}`", e.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        };
        let span = p
            .entries
            .iter()
            .find(|e| e.matched_by.is_some())
            .map(|e| e.span)
            .unwrap_or(p.key_span);
        lines.push(line(text, at(span), Tone::of_match(p.matched)));
    }
    for (name, element) in [("Action", &st.action), ("Resource", &st.resource)] {
        let Some(el) = element else { continue };
        let label = if el.negated {
            format!("Not{name}")
        } else {
            name.to_string()
        };
        let text = if el.implicit {
            format!("{label}: not given; a role trust policy applies to its own role.")
        } else {
            let hit = el.values.iter().find(|v| v.matched);
            match (hit, el.negated) {
                (Some(v), false) => format!("{label}: `{}`{} matches.", v.text, resolved_suffix(v)),
                (Some(v), true) => format!(
                    "{label}: `{}`{} matches, so the request is excluded.",
                    v.text,
                    resolved_suffix(v)
                ),
                (None, false) => format!(
                    "{label}: no value matches ({}).",
                    el.values
                        .iter()
                        .map(value_text)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                (None, true) => {
                    format!("{label}: the request is not in the list, so the statement covers it.")
                }
            }
        };
        let span = el
            .values
            .iter()
            .find(|v| v.matched)
            .map(|v| v.span)
            .unwrap_or(el.key_span);
        lines.push(line(text, at(span), Tone::of_match(el.matched)));
    }
    if let Some(c) = &st.condition {
        for op in &c.operators {
            for k in &op.keys {
                let request = match &k.request {
                    Some(v) => format!(
                        "the request has {}{}",
                        show(v),
                        if k.derived { " (derived)" } else { "" }
                    ),
                    None => "the key is missing from the request".to_string(),
                };
                let rule = match k.rule {
                    Some(KeyRule::MissingIfExists) => " — `IfExists` makes a missing key match",
                    Some(KeyRule::MissingForAllValues) => " — `ForAllValues` is true when there are no values (it checks each of none)",
                    Some(KeyRule::MissingForAnyValue) => " — `ForAnyValue` needs at least one value",
                    Some(KeyRule::MissingNegated) => " — a negated operator matches a missing key",
                    Some(KeyRule::MissingPositive) => " — a missing key never matches",
                    Some(KeyRule::MultipleValuesWithoutQualifier) => " — several values need `ForAnyValue:` or `ForAllValues:` (A1)",
                    Some(KeyRule::NullCheck) => " — `Null` checks only whether the key is present",
                    Some(KeyRule::NullWithQualifier) => " — `ForAllValues:Null` is always true, `ForAnyValue:Null` always false",
                    None => "",
                };
                let values = k
                    .values
                    .iter()
                    .map(|v| {
                        let mut t = value_text_cond(v);
                        if let Some(err) = &v.error {
                            t.push_str(&format!(" (cannot compare: {err})"));
                        }
                        t
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let verdict = if k.matched { "true" } else { "false" };
                lines.push(line(
                    format!(
                        "Condition `{}` on `{}` with {values}: {request}{rule} → {verdict}.",
                        op.operator, k.key
                    ),
                    at(k.key_span),
                    Tone::of_match(k.matched),
                ));
            }
            if op.keys.is_empty() && !op.matched {
                lines.push(line(
                    format!(
                        "Condition operator `{}` is not known, so the statement cannot match.",
                        op.operator
                    ),
                    at(op.span),
                    Tone::NoMatch,
                ));
            }
        }
    }
    out
}

fn line(text: String, target: Option<StepTarget>, tone: Tone) -> Line {
    Line { text, target, tone }
}

fn resolved_suffix(v: &ValueMatch) -> String {
    match &v.resolved {
        Some(r) => format!(" (as `{r}` after variables)"),
        None => String::new(),
    }
}

/// `` `${aws:username}`, `${aws:PrincipalTag/team}` `` for a list of unresolved variables.
fn variables(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("`${{{k}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_text(v: &ValueMatch) -> String {
    if !v.unresolved.is_empty() {
        return format!(
            "`{}` has no value for {} and matches nothing",
            v.text,
            variables(&v.unresolved)
        );
    }
    format!("`{}`{}", v.text, resolved_suffix(v))
}

fn value_text_cond(v: &ConditionValueTrace) -> String {
    if !v.unresolved.is_empty() {
        return format!("`{}` (no value for {})", v.text, variables(&v.unresolved));
    }
    match &v.resolved {
        Some(r) => format!("`{}` (= `{r}`)", v.text),
        None => format!("`{}`", v.text),
    }
}

/// What a note is: a rule AWS documents, iamplay's reading where AWS's pages are silent or unclear,
/// or how iamplay itself works (what it does not model, how it reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NoteKind {
    AwsRule,
    Assumption,
    Iamplay,
}

impl NoteKind {
    /// Every kind, in the order the page shows them.
    pub const ALL: [NoteKind; 3] = [NoteKind::AwsRule, NoteKind::Assumption, NoteKind::Iamplay];

    /// The heading of the notes of this kind.
    pub fn heading(self) -> &'static str {
        match self {
            NoteKind::AwsRule => "AWS's rules this decision rests on",
            NoteKind::Assumption => {
                "Where AWS's pages are silent or unclear, iamplay assumes (see docs/decisions.md)"
            }
            NoteKind::Iamplay => "How iamplay works here",
        }
    }
}

/// Which kind each note is. An AWS rule is one an AWS page states (the note quotes or names it);
/// an assumption is one of the choices in docs/decisions.md that AWS does not settle.
pub fn note_kind(id: NoteId) -> NoteKind {
    match id {
        NoteId::A3
        | NoteId::A6
        | NoteId::A9
        | NoteId::A15
        | NoteId::A16
        | NoteId::A17
        | NoteId::A18
        | NoteId::A22 => NoteKind::AwsRule,
        NoteId::A20 | NoteId::A21 | NoteId::A23 | NoteId::A24 | NoteId::A25 => NoteKind::Iamplay,
        NoteId::A1
        | NoteId::A2
        | NoteId::A4
        | NoteId::A5
        | NoteId::A7
        | NoteId::A8
        | NoteId::A10
        | NoteId::A11
        | NoteId::A12
        | NoteId::A13
        | NoteId::A14
        | NoteId::A19
        | NoteId::A26
        | NoteId::A27
        | NoteId::A28
        | NoteId::A31
        | NoteId::A32
        | NoteId::A33
        | NoteId::A34 => NoteKind::Assumption,
    }
}

/// Short text for each ambiguity id (docs/decisions.md has the full reasoning).
pub fn note_text(id: NoteId) -> &'static str {
    match id {
        NoteId::A1 => "AWS does not document a plain operator on a key with several values; iamplay treats it as not matching.",
        NoteId::A2 => "a variable's value is matched literally: `*` or `?` in it are not wildcards (undocumented by AWS).",
        NoteId::A3 => "without \"Version\": \"2012-10-17\", `${…}` is literal text.",
        NoteId::A4 => "`Bool` compares `true`/`false` without regard to case; any other value never matches.",
        NoteId::A5 => "`Null` with several values is read as OR (undocumented by AWS).",
        NoteId::A6 => "a number in a `Date` operator is read as epoch seconds, like `aws:EpochTime`.",
        NoteId::A7 => "AWS does not say whether a permissions boundary or session policy limits a same-account grant to `*`; iamplay treats it as a direct grant.",
        NoteId::A8 => "AWS's page is contradictory for sessions whose session policy allows the action; iamplay allows.",
        NoteId::A9 => "naming an account delegates to it: the identity side must also allow.",
        NoteId::A10 => "an empty value list follows Access Analyzer's descriptions; AWS's wording is contradictory.",
        NoteId::A11 => "a federated-user ARN does not name the IAM user that created the session, so a grant to that user's ARN does not match it.",
        NoteId::A12 => "the principal is a role ARN: read as a session of that role whose session name is unknown.",
        NoteId::A13 => "a role ARN in Principal matches a session of that role whatever its path (the session ARN has no path).",
        NoteId::A14 => "service-linked roles are recognised by the path `/aws-service-role/` or the name prefix `AWSServiceRoleFor`.",
        NoteId::A15 => "anonymous callers and service principals are granted only by resource-based policies; SCPs do not apply to them.",
        NoteId::A16 => "the root user has full access in its own account; explicit denies and member-account SCPs still apply.",
        NoteId::A17 => "role trust policies and KMS key policies must allow the caller explicitly, even in the same account.",
        NoteId::A18 => "NotPrincipal exempts a caller only if all its identities (session, role, user, account) are listed, and never one with a permissions boundary.",
        NoteId::A19 => "a NotResource value with an unresolved variable excludes nothing.",
        NoteId::A20 => "without the AWS service catalog, RCPs are applied to every service; AWS supports them only for some (the catalog lists which).",
        NoteId::A21 => "`aws:userid` of a role session is not derived: the role's unique id is not in its ARN.",
        NoteId::A22 => "SCPs and RCPs are evaluated with the full policy language (conditions, resource ARNs), as AWS announced in 2025.",
        NoteId::A23 => "a policy over AWS's size quota would be rejected by AWS; iamplay still evaluates it.",
        NoteId::A24 => "a statement or policy that AWS would reject is left out of the evaluation.",
        NoteId::A25 => "a rule AWS applies whatever the policies say is checked first; a denying rule is reported as an explicit deny, since no Allow can override it.",
        NoteId::A26 => "AWS says NotPrincipal with Allow \"is not supported\"; services that accepted such a policy grant everyone not listed, and iamplay evaluates it that way.",
        NoteId::A27 => "a request goes through a VPC endpoint when its context has `aws:SourceVpce`; the endpoint policy is checked after the RCPs and before the SCPs, and like them it must allow the request.",
        NoteId::A28 => "AWS says that \"in most cases\" a federated-user session without a session policy has no permissions; iamplay applies that in every case.",
        NoteId::A31 => "a value that is not a valid IP address, number or date never matches, so a negated operator (`NotIpAddress`, `NumericNotEquals`, `DateNotEquals`) is true for it (undocumented by AWS).",
        NoteId::A32 => "a policy variable in a `Bool` value is not resolved (AWS supports variables only with String and ARN operators): the literal text is neither `true` nor `false`, so it never matches.",
        NoteId::A33 => "S3 Block Public Access is checked right after the step that looks for an explicit Deny; a block is an explicit deny (S3: the settings \"act as explicit deny policies\") that spares AWS service principals and the bucket owner's account.",
        NoteId::A34 => "S3's \"meaning of public\" is terse: iamplay adds `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgPaths` and `aws:PrincipalServiceName` to its keys, takes `aws:userid` `UNIQUEID:*` as fixed, and a negated operator, `IfExists`, `ForAllValues:` or a literal `*` as not fixing a key.",
    }
}

/// Short words for parts of the trace that a renderer shows next to the data (chips, table cells):
/// kept here so that no caller words IAM itself.
pub mod words {
    use crate::trace::{
        Decision, Evaluation, KeyRule, NotApplicable, PrincipalMatch, StageOutcome, StageReason,
    };

    /// When S3 Block Public Access decided (it blocks with no deciding statement), the setting that
    /// blocked, for a one-line summary: `S3 Block Public Access: RestrictPublicBuckets (account
    /// setting)`.
    pub fn blocked_by(e: &Evaluation) -> Option<String> {
        let stage = e.stages.get(e.decided_by)?;
        match stage.reason {
            StageReason::PublicPolicyRestricted {
                restrict_public_buckets,
                ..
            } if stage.outcome == StageOutcome::ExplicitDeny => Some(format!(
                "S3 Block Public Access: RestrictPublicBuckets ({})",
                super::level_words(restrict_public_buckets)
            )),
            _ => None,
        }
    }

    /// The label of a decision: `Allowed`, `Denied — explicit`, `Denied — implicit`.
    pub fn decision(decision: Decision) -> &'static str {
        match decision {
            Decision::Allowed => "Allowed",
            Decision::ExplicitDeny => "Denied — explicit",
            Decision::ImplicitDeny => "Denied — implicit",
        }
    }

    /// A short word for a stage's outcome: `passes`, `denies (implicit)`, …
    pub fn outcome(outcome: StageOutcome) -> &'static str {
        match outcome {
            StageOutcome::Pass => "passes",
            StageOutcome::Allow => "allows",
            StageOutcome::ExplicitDeny => "denies",
            StageOutcome::ImplicitDeny => "denies (implicit)",
            StageOutcome::NotApplicable => "does not apply",
            StageOutcome::Skipped => "not reached",
        }
    }

    /// Why a policy takes no part in the request.
    pub fn not_applicable(reason: NotApplicable) -> &'static str {
        match reason {
            NotApplicable::OffPath => "attached to a node that is not on the account's path",
            NotApplicable::OrgExempt => "SCPs/RCPs do not apply to this principal or resource",
            NotApplicable::NoSuchIdentity => "this principal has no identity policies or boundary",
            NotApplicable::NotASession => "session policies apply only to sessions",
            NotApplicable::NotThroughEndpoint => "the request does not go through a VPC endpoint",
        }
    }

    /// What a Principal entry matched (`matches the account`).
    pub fn principal_match(m: PrincipalMatch) -> &'static str {
        match m {
            PrincipalMatch::Account => "matches the account",
            PrincipalMatch::Role => "matches the role",
            PrincipalMatch::Everyone => "matches everyone",
            PrincipalMatch::NotListed => "matches everyone not listed",
            PrincipalMatch::User => "matches the user",
            PrincipalMatch::RoleSession => "matches the role session",
            PrincipalMatch::FederatedUser => "matches the federated user",
            PrincipalMatch::Service => "matches the service",
        }
    }

    /// The rule that decided a condition key, in a table cell.
    pub fn key_rule(rule: KeyRule) -> &'static str {
        match rule {
            KeyRule::MissingIfExists => "missing key + IfExists → true",
            KeyRule::MissingForAllValues => {
                "missing key + ForAllValues → true (no value, so none fails)"
            }
            KeyRule::MissingForAnyValue => "missing key + ForAnyValue → false",
            KeyRule::MissingNegated => "missing key + negated operator → true",
            KeyRule::MissingPositive => "missing key → false",
            KeyRule::MultipleValuesWithoutQualifier => {
                "several values without ForAnyValue/ForAllValues → false (A1)"
            }
            KeyRule::NullCheck => "Null checks presence only",
            KeyRule::NullWithQualifier => "Null with a set qualifier is constant",
        }
    }
}
