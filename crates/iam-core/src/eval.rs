//! Evaluation of one request, in AWS's documented order:
//! (AWS's own rules) → explicit-deny sweep → (S3 Block Public Access) → RCPs per level → (VPC
//! endpoint policy) → SCPs per level → resource-based policy → identity-based policies → permissions
//! boundary → session policy.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
//!
//! Every statement of every policy is evaluated (no early exit), so the trace is complete.
//!
//! [`evaluate`] is the orchestrator: it states the order of the stages, and each stage's rule lives
//! in its module — `facts` (what is known before any policy), `policies` (every policy traced, and
//! the matching statements), `statement` (one statement against the request), `aws_rules`,
//! `public_access`, `org` (RCPs and SCPs), `endpoint`, `resource`, `identity` (identity policies,
//! boundary, session policy).

pub(crate) mod aws_rules;
pub(crate) mod condition;
mod endpoint;
mod facts;
mod identity;
mod org;
mod policies;
pub(crate) mod principal;
mod public_access;
mod resource;
mod statement;

use facts::RequestFacts;
use policies::Matched;
pub(crate) use public_access::s3_bucket;
pub(crate) use statement::{action_applies, statement_trace};

use crate::policy::{Effect, Policy, PolicyType};
use crate::request::Request;
use crate::scenario::{BlockPublicAccess, Organization};
use crate::trace::*;

pub(crate) const DOC_EVALUATION: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html";
pub(crate) const DOC_SCP: &str =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html";
pub(crate) const DOC_RCP: &str =
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html";
pub(crate) const DOC_RESOURCE: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html";
pub(crate) const DOC_CROSS_ACCOUNT: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
pub(crate) const DOC_IDENTITY: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";
pub(crate) const DOC_BOUNDARY: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html";
pub(crate) const DOC_SESSION: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session";
pub(crate) const DOC_FEDERATION: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html";
pub(crate) const DOC_VPC_ENDPOINT: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html";

/// One policy as the evaluator sees it.
pub(crate) struct PolicyUnit<'a> {
    pub(crate) name: &'a str,
    pub(crate) policy_type: PolicyType,
    pub(crate) target: Option<&'a str>,
    /// Where a workspace's model got the policy from (`attached to group Developers`).
    pub(crate) origin: Option<&'a str>,
    /// Another policy of the scenario has the same name (the same SCP attached at several nodes):
    /// statement labels then carry the target.
    pub(crate) shared_name: bool,
    pub(crate) policy: &'a Policy,
}

/// The notes raised so far: `(id, where)`, in order, duplicates kept until the end.
pub(super) type Notes = Vec<(NoteId, Option<StatementRef>)>;

/// `rcp_supported`: whether the request's service supports RCPs, from the service catalog; `None`
/// without a catalog (RCPs then apply to every service: docs/decisions.md A20). `public_access`:
/// the S3 Block Public Access settings of the request's bucket, when the scenario gives them.
pub(crate) fn evaluate(
    units: &[PolicyUnit<'_>],
    request: &Request,
    organization: Option<&Organization>,
    rcp_supported: Option<bool>,
    public_access: Option<&BlockPublicAccess>,
) -> Evaluation {
    let mut notes: Notes = Vec::new();
    let facts = RequestFacts::new(units, request, organization, rcp_supported, &mut notes);
    // Every statement of every policy, whichever stage reads it.
    let policies = policies::trace_all(units, &facts, &mut notes);
    let matched = Matched {
        units,
        policies: &policies,
    };
    let mut stages = Stages::default();

    // 0. Rules AWS applies whatever the policies say (A25).
    if let Some(stage) = aws_rules::stage(request, &mut notes) {
        stages.push(stage);
    }
    // 1. Explicit deny, anywhere.
    let denies = matched.statements(None, Effect::Deny);
    stages.push(deny_stage(&denies));
    // S3 Block Public Access: when it blocks, an explicit deny (docs/decisions.md A33).
    if let Some(settings) = public_access {
        public_access::push_stage(&mut stages, settings, &facts, units, &mut notes);
    }
    // 2. RCPs, per level of the resource account's path.
    let resource_account = facts.resource_account.as_deref();
    org::push_stages(
        &mut stages,
        &matched,
        &facts.rcp_path,
        PolicyType::Rcp,
        resource_account,
    );
    // The VPC endpoint's policy, for a request through an endpoint (A27).
    if let Some(stage) = endpoint::stage(&facts, &matched, &mut notes) {
        stages.push(stage);
    }
    // 3. SCPs, per level of the principal account's path.
    let principal_account = facts.principal_account.as_deref();
    org::push_stages(
        &mut stages,
        &matched,
        &facts.scp_path,
        PolicyType::Scp,
        principal_account,
    );
    // 4. Resource-based policy.
    let grant = resource::Grant::find(&facts, &matched, &mut notes);
    stages.push(resource::stage_for(&facts, &grant, &matched));
    // 5–7. The identity side: identity-based policies, permissions boundary, session policy.
    identity::push_stages(&mut stages, &facts, &grant, &matched, &mut notes);
    // Final.
    let (decision, decided_by, determining) = final_stage(&mut stages, denies, &matched);

    let mut unique_notes: Vec<Note> = Vec::new();
    for (id, at) in notes {
        let note = Note { id, at };
        if !unique_notes.contains(&note) {
            unique_notes.push(note);
        }
    }
    Evaluation {
        decision,
        decided_by,
        stages: stages.list,
        policies,
        determining,
        principal: request.principal.clone(),
        principal_account: facts.principal_account,
        resource_account: facts.resource_account,
        cross_account: facts.cross_account,
        context: request.context.entries().to_vec(),
        notes: unique_notes,
    }
}

/// 1. The explicit-deny sweep: a matching Deny anywhere decides.
fn deny_stage(denies: &[StatementRef]) -> Stage {
    Stage {
        kind: StageKind::ExplicitDeny,
        outcome: if denies.is_empty() {
            StageOutcome::Pass
        } else {
            StageOutcome::ExplicitDeny
        },
        reason: if denies.is_empty() {
            StageReason::NoDeny
        } else {
            StageReason::DenyFound
        },
        statements: denies.to_vec(),
        doc: DOC_EVALUATION,
    }
}

/// The decision (allowed when no stage decided), the stage that decided, the deciding statements;
/// the `Final` stage records them.
fn final_stage(
    stages: &mut Stages,
    denies: Vec<StatementRef>,
    matched: &Matched<'_, '_>,
) -> (Decision, usize, Vec<StatementRef>) {
    let (decision, decided_by) = stages
        .decided
        .unwrap_or((Decision::Allowed, stages.list.len()));
    let by_aws_rule = stages
        .list
        .get(decided_by)
        .is_some_and(|s| s.kind == StageKind::AwsRules);
    let determining = match decision {
        _ if by_aws_rule => Vec::new(),
        Decision::ExplicitDeny => denies,
        Decision::ImplicitDeny => Vec::new(),
        Decision::Allowed => matched.statements(None, Effect::Allow),
    };
    // Pushed as it is: the final stage is never skipped.
    stages.list.push(Stage {
        kind: StageKind::Final,
        outcome: match decision {
            Decision::Allowed => StageOutcome::Allow,
            Decision::ExplicitDeny => StageOutcome::ExplicitDeny,
            Decision::ImplicitDeny => StageOutcome::ImplicitDeny,
        },
        reason: StageReason::Decided,
        statements: determining.clone(),
        doc: DOC_EVALUATION,
    });
    (decision, decided_by, determining)
}

/// The stages so far, and the one that decided (its decision and position), if any.
#[derive(Default)]
pub(super) struct Stages {
    list: Vec<Stage>,
    decided: Option<(Decision, usize)>,
}

impl Stages {
    /// Push a stage; once something decided, later stages are recorded as skipped.
    pub(super) fn push(&mut self, mut stage: Stage) {
        if self.decided.is_some() {
            if !matches!(stage.outcome, StageOutcome::NotApplicable) {
                stage.outcome = StageOutcome::Skipped;
            }
        } else {
            let at = self.list.len();
            match stage.outcome {
                StageOutcome::ImplicitDeny => self.decided = Some((Decision::ImplicitDeny, at)),
                StageOutcome::ExplicitDeny => self.decided = Some((Decision::ExplicitDeny, at)),
                StageOutcome::Allow => self.decided = Some((Decision::Allowed, at)),
                _ => {}
            }
        }
        self.list.push(stage);
    }

    /// Whether a stage has decided.
    pub(super) fn decided(&self) -> bool {
        self.decided.is_some()
    }
}
