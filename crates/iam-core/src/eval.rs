//! Evaluation of one request, in AWS's documented order:
//! (AWS's own rules) → explicit-deny sweep → (S3 Block Public Access) → RCPs per level → (VPC
//! endpoint policy) → SCPs per level → resource-based policy → identity-based policies → permissions
//! boundary → session policy.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
//!
//! Every statement of every policy is evaluated (no early exit), so the trace is complete.

pub(crate) mod aws_rules;
pub(crate) mod condition;
mod identity;
mod org;
pub(crate) mod principal;
mod public_access;
mod resource;
mod statement;

use org::{org_path, org_stages};
pub(crate) use public_access::s3_bucket;
pub(crate) use statement::{action_applies, statement_trace};
use statement::{strength, StatementContext};

use crate::policy::{Effect, Policy, PolicyType};
use crate::request::{Principal, Request};
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

/// Which resource-side policy the request needs even in the same account.
fn required_resource_policy(request: &Request, cross_account: bool) -> Option<RequiredPolicy> {
    if matches!(
        request.principal,
        Principal::Anonymous | Principal::Service { .. }
    ) {
        return Some(RequiredPolicy::AnonymousOrService);
    }
    if let Some(kind) = explicit_allow_required(request) {
        return Some(kind);
    }
    if cross_account {
        return Some(RequiredPolicy::CrossAccount);
    }
    None
}

/// Role trust policies and KMS key policies must allow the caller explicitly (docs/decisions.md A17).
fn explicit_allow_required(request: &Request) -> Option<RequiredPolicy> {
    let action = request.action.to_ascii_lowercase();
    let resource = request.resource.as_str();
    if crate::request::is_role_trust_request(&request.action, resource) {
        return Some(RequiredPolicy::RoleTrustPolicy);
    }
    let is_kms_key = resource.split(':').nth(2) == Some("kms")
        && resource
            .split(':')
            .nth(5)
            .is_some_and(|r| r.starts_with("key/"));
    if action.starts_with("kms:") && is_kms_key {
        return Some(RequiredPolicy::KmsKeyPolicy);
    }
    None
}

/// `rcp_supported`: whether the request's service supports RCPs, from the service catalog; `None`
/// without a catalog (RCPs then apply to every service: docs/decisions.md A20). `public_access`:
/// the S3 Block Public Access settings of the request's bucket, when the scenario gives them.
// Long on purpose: this is the one place where AWS's order of stages is written, top to bottom; the
// rule of each stage lives in its module (aws_rules, org, resource, identity, statement) or in a small
// helper below (endpoint_stage, push_stage).
pub(crate) fn evaluate(
    units: &[PolicyUnit<'_>],
    request: &Request,
    organization: Option<&Organization>,
    rcp_supported: Option<bool>,
    public_access: Option<&BlockPublicAccess>,
) -> Evaluation {
    let principal = &request.principal;
    let mut notes: Vec<(NoteId, Option<StatementRef>)> = Vec::new();
    let principal_account = principal.account().map(str::to_string);
    let resource_account = request.resource_account.clone();
    let identity_less = matches!(principal, Principal::Anonymous | Principal::Service { .. });
    // A request through a VPC endpoint carries the endpoint's id (docs/decisions.md A27).
    let through_endpoint = request.context.get("aws:SourceVpce").is_some();
    let cross_account = !identity_less
        && match (&principal_account, &resource_account) {
            (Some(p), Some(r)) => p != r,
            _ => false,
        };

    // Where SCPs and RCPs apply.
    let scp_targets: Vec<&str> = units
        .iter()
        .filter(|u| u.policy_type == PolicyType::Scp)
        .filter_map(|u| u.target)
        .collect();
    let rcp_targets: Vec<&str> = units
        .iter()
        .filter(|u| u.policy_type == PolicyType::Rcp)
        .filter_map(|u| u.target)
        .collect();
    let scp_path: Result<Vec<String>, OrgExemption> = if identity_less {
        Err(OrgExemption::NotAMemberPrincipal)
    } else if principal.is_service_linked_role() {
        Err(OrgExemption::ServiceLinkedRole)
    } else {
        match &principal_account {
            Some(account) => org_path(organization, account, &scp_targets),
            None => Err(OrgExemption::NotAMemberPrincipal),
        }
    };
    let rcp_path: Result<Vec<String>, OrgExemption> = if principal.is_service_linked_role() {
        Err(OrgExemption::ServiceLinkedRole)
    } else if rcp_supported == Some(false) {
        Err(OrgExemption::ServiceNotSupported)
    } else {
        match &resource_account {
            Some(account) => org_path(organization, account, &rcp_targets),
            None => Err(OrgExemption::OutsideOrganization),
        }
    };
    if principal.is_service_linked_role() {
        notes.push((NoteId::A14, None));
    }
    if identity_less {
        notes.push((NoteId::A15, None));
    }
    if matches!(principal, Principal::Root { .. }) {
        notes.push((NoteId::A16, None));
    }
    if matches!(principal, Principal::Role { .. }) {
        notes.push((NoteId::A12, None));
    }
    if rcp_path.is_ok() && rcp_supported.is_none() && !rcp_targets.is_empty() {
        notes.push((NoteId::A20, None));
    }

    let boundary_applies = matches!(
        principal,
        Principal::User { .. }
            | Principal::Role { .. }
            | Principal::AssumedRole { .. }
            | Principal::FederatedUser { .. }
    );
    let has_boundary = boundary_applies
        && units
            .iter()
            .any(|u| u.policy_type == PolicyType::PermissionsBoundary && u.policy.parsed);
    let cx = StatementContext {
        request,
        has_boundary,
    };

    // Evaluate every statement of every policy.
    let mut policies: Vec<PolicyTrace> = Vec::with_capacity(units.len());
    for (index, unit) in units.iter().enumerate() {
        let not_applicable = match unit.policy_type {
            PolicyType::Identity => (identity_less || matches!(principal, Principal::Root { .. }))
                .then_some(NotApplicable::NoSuchIdentity),
            PolicyType::Resource => None,
            PolicyType::PermissionsBoundary => {
                (!boundary_applies).then_some(NotApplicable::NoSuchIdentity)
            }
            PolicyType::Session => (!principal.is_session()).then_some(NotApplicable::NotASession),
            PolicyType::VpcEndpoint => {
                (!through_endpoint).then_some(NotApplicable::NotThroughEndpoint)
            }
            PolicyType::Scp | PolicyType::Rcp => {
                let path = if unit.policy_type == PolicyType::Scp {
                    &scp_path
                } else {
                    &rcp_path
                };
                match path {
                    Err(_) => Some(NotApplicable::OrgExempt),
                    Ok(nodes) => (!nodes.iter().any(|n| Some(n.as_str()) == unit.target))
                        .then_some(NotApplicable::OffPath),
                }
            }
        };
        policies.push(statement::trace_policy(
            index,
            unit,
            not_applicable,
            &cx,
            &mut notes,
        ));
    }

    let matching = |policy_type: Option<PolicyType>,
                    effect: Effect,
                    filter: &dyn Fn(&PolicyTrace) -> bool|
     -> Vec<StatementRef> {
        let mut out = Vec::new();
        for p in &policies {
            if !p.applies || policy_type.is_some_and(|t| t != p.policy_type) || !filter(p) {
                continue;
            }
            for s in &p.statements {
                if s.matched && s.effect == Some(effect) {
                    if let Some(unit) = units.get(p.index) {
                        out.push(statement_ref(p.index, unit, s));
                    }
                }
            }
        }
        out
    };
    let all = |_: &PolicyTrace| true;

    let mut stages: Vec<Stage> = Vec::new();
    let mut decided: Option<(Decision, usize)> = None;

    // 0. Rules AWS applies whatever the policies say (A25).
    if let Some(spec) = aws_rules::rule_for(request) {
        notes.push((NoteId::A25, None));
        push_stage(
            &mut stages,
            &mut decided,
            Stage {
                kind: StageKind::AwsRules,
                outcome: if spec.rule.allows() {
                    StageOutcome::Allow
                } else {
                    StageOutcome::ExplicitDeny
                },
                reason: StageReason::AwsRule { rule: spec.rule },
                statements: Vec::new(),
                doc: spec.doc,
            },
        );
    }

    // 1. Explicit deny, anywhere.
    let denies = matching(None, Effect::Deny, &all);
    push_stage(
        &mut stages,
        &mut decided,
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
            statements: denies.clone(),
            doc: DOC_EVALUATION,
        },
    );

    // S3 Block Public Access: when it blocks, an explicit deny (docs/decisions.md A33).
    if let Some(settings) = public_access {
        let caller = match principal {
            Principal::Anonymous => PublicAccessCaller::Anonymous,
            Principal::Service { .. } => PublicAccessCaller::Service,
            _ if cross_account => PublicAccessCaller::OtherAccount,
            _ => PublicAccessCaller::OwnerAccount,
        };
        let mut stage_notes = Vec::new();
        let stage = public_access::stage(
            public_access::Facts {
                settings,
                request,
                units,
                caller,
            },
            &mut stage_notes,
        );
        // Its choices matter only when the stage is reached.
        if decided.is_none() {
            notes.extend(stage_notes);
        }
        push_stage(&mut stages, &mut decided, stage);
    }

    // 2. RCPs, per level of the resource account's path.
    org_stages(
        &mut stages,
        &mut decided,
        &policies,
        units,
        &rcp_path,
        PolicyType::Rcp,
        resource_account.as_deref(),
    );
    // The VPC endpoint's policy, for a request through an endpoint (A27).
    let has_endpoint_policy = policies
        .iter()
        .any(|p| p.policy_type == PolicyType::VpcEndpoint && p.parsed);
    if through_endpoint || has_endpoint_policy {
        notes.push((NoteId::A27, None));
        let allows = matching(Some(PolicyType::VpcEndpoint), Effect::Allow, &all);
        push_stage(
            &mut stages,
            &mut decided,
            endpoint_stage(through_endpoint, has_endpoint_policy, allows),
        );
    }

    // 3. SCPs, per level of the principal account's path.
    org_stages(
        &mut stages,
        &mut decided,
        &policies,
        units,
        &scp_path,
        PolicyType::Scp,
        principal_account.as_deref(),
    );

    // 4. Resource-based policy.
    let has_resource_policy = policies
        .iter()
        .any(|p| p.policy_type == PolicyType::Resource && p.parsed);
    let resource_allows = matching(Some(PolicyType::Resource), Effect::Allow, &all);
    let grant: Option<PrincipalMatch> = policies
        .iter()
        .filter(|p| p.policy_type == PolicyType::Resource && p.applies)
        .flat_map(|p| p.statements.iter())
        .filter(|s| s.matched && s.effect == Some(Effect::Allow))
        .filter_map(|s| s.principal.as_ref().and_then(|p| p.matched_by))
        .max_by_key(|m| strength(*m));
    let required = required_resource_policy(request, cross_account);
    if explicit_allow_required(request).is_some() {
        notes.push((NoteId::A17, None));
    }
    match grant {
        Some(PrincipalMatch::Everyone | PrincipalMatch::NotListed) if !cross_account => {
            notes.push((NoteId::A7, None))
        }
        Some(PrincipalMatch::Account) => notes.push((NoteId::A9, None)),
        _ => {}
    }
    // Direct grant: same account, not through the account (semantics §5.2).
    let direct = !cross_account && grant.is_some_and(|g| g.grants_directly());
    let resource_stage = resource::stage(resource::Facts {
        has_resource_policy,
        grant,
        required,
        identity_less,
        cross_account,
        direct,
        allows: resource_allows,
    });
    push_stage(&mut stages, &mut decided, resource_stage);

    // 5–7. The identity side: identity-based policies, permissions boundary, session policy.
    let side = identity::Side {
        principal,
        identity_less,
        direct,
        // A direct grant by a form the boundary and session policy do not limit.
        unlimited: direct && grant.is_some_and(|g| !g.limited_by_boundary_and_session()),
        has_boundary,
    };
    let has = |t: PolicyType| policies.iter().any(|p| p.policy_type == t && p.parsed);
    push_stage(
        &mut stages,
        &mut decided,
        side.identity_stage(
            has(PolicyType::Identity),
            matching(Some(PolicyType::Identity), Effect::Allow, &all),
        ),
    );
    push_stage(
        &mut stages,
        &mut decided,
        side.boundary_stage(matching(
            Some(PolicyType::PermissionsBoundary),
            Effect::Allow,
            &all,
        )),
    );
    push_stage(
        &mut stages,
        &mut decided,
        side.session_stage(
            has(PolicyType::Session),
            matching(Some(PolicyType::Session), Effect::Allow, &all),
            &mut notes,
        ),
    );

    // Final.
    let (decision, decided_by) = match decided {
        Some(d) => d,
        None => (Decision::Allowed, stages.len()),
    };
    let by_aws_rule = stages
        .get(decided_by)
        .is_some_and(|s| s.kind == StageKind::AwsRules);
    let determining = match decision {
        _ if by_aws_rule => Vec::new(),
        Decision::ExplicitDeny => denies,
        Decision::ImplicitDeny => Vec::new(),
        Decision::Allowed => matching(None, Effect::Allow, &all),
    };
    stages.push(Stage {
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
        stages,
        policies,
        determining,
        principal: principal.clone(),
        principal_account,
        resource_account,
        cross_account,
        context: request.context.entries().to_vec(),
        notes: unique_notes,
    }
}

fn statement_ref(index: usize, unit: &PolicyUnit<'_>, s: &StatementTrace) -> StatementRef {
    StatementRef {
        policy: index,
        policy_name: unit.name.to_string(),
        statement: s.index,
        sid: s.sid.clone(),
        span: s.span,
        attachment: if unit.shared_name {
            unit.target.map(str::to_string)
        } else {
            None
        },
    }
}

/// The VPC endpoint's stage: not applicable outside an endpoint, AWS's default policy (allow all)
/// without one, else the endpoint policy must allow (semantics §8, docs/decisions.md A27).
fn endpoint_stage(through: bool, has_policy: bool, allows: Vec<StatementRef>) -> Stage {
    let (outcome, reason, statements) = if !through {
        (
            StageOutcome::NotApplicable,
            StageReason::NotThroughEndpoint,
            Vec::new(),
        )
    } else if !has_policy {
        (
            StageOutcome::Pass,
            StageReason::DefaultEndpointPolicy,
            Vec::new(),
        )
    } else if !allows.is_empty() {
        (StageOutcome::Pass, StageReason::EndpointAllow, allows)
    } else {
        (
            StageOutcome::ImplicitDeny,
            StageReason::EndpointNoAllow,
            Vec::new(),
        )
    };
    Stage {
        kind: StageKind::VpcEndpoint,
        outcome,
        reason,
        statements,
        doc: DOC_VPC_ENDPOINT,
    }
}

/// Push a stage; once something decided, later stages are recorded as skipped.
fn push_stage(stages: &mut Vec<Stage>, decided: &mut Option<(Decision, usize)>, mut stage: Stage) {
    if decided.is_some() {
        if !matches!(stage.outcome, StageOutcome::NotApplicable) {
            stage.outcome = StageOutcome::Skipped;
        }
    } else {
        match stage.outcome {
            StageOutcome::ImplicitDeny => *decided = Some((Decision::ImplicitDeny, stages.len())),
            StageOutcome::ExplicitDeny => *decided = Some((Decision::ExplicitDeny, stages.len())),
            StageOutcome::Allow => *decided = Some((Decision::Allowed, stages.len())),
            _ => {}
        }
    }
    stages.push(stage);
}
