//! Evaluation of one request, in AWS's documented order:
//! (AWS's own rules) → explicit-deny sweep → RCPs per level → (VPC endpoint policy) → SCPs per
//! level → resource-based policy → identity-based policies → permissions boundary → session policy.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
//!
//! Every statement of every policy is evaluated (no early exit), so the trace is complete.

pub(crate) mod aws_rules;
pub(crate) mod condition;
pub(crate) mod principal;

use crate::matching::arn::arn_match;
use crate::policy::{Effect, Policy, PolicyType, Statement, Version};
use crate::request::{Principal, Request};
use crate::scenario::Organization;
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

/// Where an organization policy type applies: the path of nodes (the account last), or why not.
fn org_path(
    organization: Option<&Organization>,
    account: &str,
    targets: &[&str],
) -> Result<Vec<String>, OrgExemption> {
    match organization {
        Some(org) => {
            if org.management_account.as_deref() == Some(account) {
                return Err(OrgExemption::ManagementAccount);
            }
            match org.accounts.iter().find(|(a, _)| a == account) {
                Some((_, path)) => {
                    let mut nodes = path.clone();
                    nodes.push(account.to_string());
                    Ok(nodes)
                }
                None => Err(OrgExemption::OutsideOrganization),
            }
        }
        None => {
            if targets.is_empty() {
                return Err(OrgExemption::NoPolicies);
            }
            let mut nodes: Vec<String> = Vec::new();
            for target in targets {
                if !crate::request::is_account_id(target) && !nodes.iter().any(|n| n == target) {
                    nodes.push((*target).to_string());
                }
            }
            nodes.push(account.to_string());
            Ok(nodes)
        }
    }
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

struct StatementContext<'a> {
    request: &'a Request,
    has_boundary: bool,
}

fn evaluate_statement(
    statement: &Statement,
    policy_type: PolicyType,
    version: Version,
    cx: &StatementContext<'_>,
    notes: &mut Vec<NoteId>,
) -> StatementTrace {
    let request = cx.request;
    let context = &request.context;
    let sid = statement.sid.as_ref().map(|s| s.value.clone());
    let mut trace = StatementTrace {
        index: statement.index,
        sid,
        span: statement.span,
        effect: statement.effect.as_ref().map(|e| e.value),
        matched: false,
        problem: statement.problem.clone(),
        principal: None,
        action: None,
        resource: None,
        condition: None,
    };

    // Action
    if let Some(action) = &statement.action {
        let values: Vec<ValueMatch> = action
            .patterns
            .iter()
            .map(|p| ValueMatch {
                text: p.text.clone(),
                span: p.span,
                resolved: None,
                unresolved: Vec::new(),
                matched: p.pattern.matches_ignore_case(&request.action),
            })
            .collect();
        let any = values.iter().any(|v| v.matched);
        trace.action = Some(ElementTrace {
            negated: action.negated,
            key_span: action.key_span,
            matched: any != action.negated,
            implicit: false,
            values,
        });
    }

    // Resource
    match &statement.resource {
        Some(resource) => {
            let values: Vec<ValueMatch> = resource
                .values
                .iter()
                .map(|v| {
                    let resolved = v.template.resolve(context);
                    let matched = resolved.missing.is_empty()
                        && (resolved.pattern.is_match_all()
                            || arn_match(&resolved.pattern, &request.resource));
                    if resource.negated && !resolved.missing.is_empty() {
                        notes.push(NoteId::A19);
                    }
                    if resolved.substituted
                        && (resolved.text.contains('*') || resolved.text.contains('?'))
                    {
                        notes.push(NoteId::A2);
                    }
                    ValueMatch {
                        text: v.text.clone(),
                        span: v.span,
                        resolved: resolved.substituted.then(|| resolved.text.clone()),
                        unresolved: resolved.missing,
                        matched,
                    }
                })
                .collect();
            let any = values.iter().any(|v| v.matched);
            trace.resource = Some(ElementTrace {
                negated: resource.negated,
                key_span: resource.key_span,
                matched: any != resource.negated,
                implicit: false,
                values,
            });
        }
        None if statement.problem.is_none() => {
            // A role trust policy statement without Resource applies to the role it is attached to.
            trace.resource = Some(ElementTrace {
                negated: false,
                key_span: statement.span,
                matched: true,
                implicit: true,
                values: Vec::new(),
            });
        }
        None => {}
    }

    // Principal
    if policy_type.needs_principal() {
        trace.principal = Some(match &statement.principal {
            None => PrincipalTrace {
                negated: false,
                key_span: statement.span,
                matched: policy_type == PolicyType::Rcp,
                matched_by: (policy_type == PolicyType::Rcp).then_some(PrincipalMatch::Everyone),
                not_listed: Vec::new(),
                boundary_never_exempt: false,
                implicit: true,
                entries: Vec::new(),
            },
            Some(element) if !element.negated => {
                let entries: Vec<PrincipalEntryTrace> = element
                    .entries
                    .iter()
                    .map(|e| PrincipalEntryTrace {
                        value: e.value.clone(),
                        span: e.span,
                        matched_by: principal::match_entry(e, &request.principal, notes),
                    })
                    .collect();
                let matched_by = entries
                    .iter()
                    .filter_map(|e| e.matched_by)
                    .max_by_key(|m| strength(*m));
                PrincipalTrace {
                    negated: false,
                    key_span: element.key_span,
                    matched: matched_by.is_some(),
                    matched_by,
                    not_listed: Vec::new(),
                    boundary_never_exempt: false,
                    implicit: false,
                    entries,
                }
            }
            Some(element) => {
                notes.push(NoteId::A18);
                let allow = statement
                    .effect
                    .as_ref()
                    .is_some_and(|e| e.value == Effect::Allow);
                let identities = principal::identities(&request.principal);
                let not_listed: Vec<String> = identities
                    .iter()
                    .filter(|id| {
                        !principal::lists_identity(&element.entries, id, &request.principal)
                    })
                    .cloned()
                    .collect();
                let everyone_listed =
                    principal::lists_identity(&element.entries, "*", &request.principal)
                        && element.entries.iter().any(|e| e.value == "*");
                let exempt_by_listing = if identities.is_empty() {
                    everyone_listed
                } else {
                    not_listed.is_empty()
                };
                // Deny: principals with a boundary are never exempt (A18). Allow: a grant to everyone
                // not listed (A26).
                let boundary_never_exempt = !allow && cx.has_boundary && exempt_by_listing;
                let matched = if allow {
                    !exempt_by_listing
                } else {
                    !exempt_by_listing || cx.has_boundary
                };
                if allow {
                    notes.push(NoteId::A26);
                }
                let entries = element
                    .entries
                    .iter()
                    .map(|e| PrincipalEntryTrace {
                        value: e.value.clone(),
                        span: e.span,
                        matched_by: principal::match_entry(e, &request.principal, &mut Vec::new()),
                    })
                    .collect();
                PrincipalTrace {
                    negated: true,
                    key_span: element.key_span,
                    matched,
                    matched_by: (allow && matched).then_some(PrincipalMatch::NotListed),
                    not_listed,
                    boundary_never_exempt,
                    implicit: false,
                    entries,
                }
            }
        });
    }

    // Condition
    if let Some(block) = &statement.condition {
        trace.condition = Some(condition::evaluate(block, context, notes));
    }

    // Ambiguity notes that depend on what the statement says.
    let literal_variables = !version.variables_enabled()
        && (statement
            .resource
            .as_ref()
            .is_some_and(|r| r.values.iter().any(|v| v.text.contains("${")))
            || statement.condition.as_ref().is_some_and(|c| {
                c.operators.iter().any(|o| {
                    o.entries
                        .iter()
                        .any(|e| e.values.iter().any(|v| v.text.contains("${")))
                })
            }));
    if literal_variables {
        notes.push(NoteId::A3);
    }
    if matches!(request.principal, Principal::AssumedRole { .. }) {
        let derived_principal_arn = trace.condition.as_ref().is_some_and(|c| {
            c.operators.iter().any(|o| {
                o.keys
                    .iter()
                    .any(|k| k.derived && k.key.eq_ignore_ascii_case("aws:PrincipalArn"))
            })
        });
        if derived_principal_arn {
            notes.push(NoteId::A13);
        }
    }
    if policy_type.is_org_policy() {
        let full_language = statement.condition.is_some()
            || statement
                .resource
                .as_ref()
                .is_some_and(|r| r.negated || r.values.iter().any(|v| v.text != "*"))
            || (statement.action.as_ref().is_some_and(|a| a.negated)
                && statement
                    .effect
                    .as_ref()
                    .is_some_and(|e| e.value == Effect::Allow));
        if full_language {
            notes.push(NoteId::A22);
        }
    }
    if let (Principal::FederatedUser { account, .. }, Some(element)) =
        (&request.principal, &statement.principal)
    {
        let names_a_user = element.entries.iter().any(|e| {
            matches!(Principal::parse(&e.value), Ok(Principal::User { account: a, .. }) if &a == account)
        });
        if names_a_user {
            notes.push(NoteId::A11);
        }
    }

    trace.matched = statement.problem.is_none()
        && trace.effect.is_some()
        && trace.action.as_ref().is_some_and(|a| a.matched)
        && trace.resource.as_ref().is_some_and(|r| r.matched)
        && trace.principal.as_ref().is_none_or(|p| p.matched)
        && trace.condition.as_ref().is_none_or(|c| c.matched);
    trace
}

/// Higher is less limited (semantics §5.2).
fn strength(m: PrincipalMatch) -> u8 {
    match m {
        PrincipalMatch::Account => 0,
        PrincipalMatch::Role => 1,
        _ => 2,
    }
}

/// `rcp_supported`: whether the request's service supports RCPs, from the service catalog; `None`
/// without a catalog (RCPs then apply to every service: docs/decisions.md A20).
pub(crate) fn evaluate(
    units: &[PolicyUnit<'_>],
    request: &Request,
    organization: Option<&Organization>,
    rcp_supported: Option<bool>,
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
        let mut statement_notes = Vec::new();
        let statements: Vec<StatementTrace> = unit
            .policy
            .statements
            .iter()
            .map(|s| {
                let mut local = Vec::new();
                let trace =
                    evaluate_statement(s, unit.policy_type, unit.policy.version, &cx, &mut local);
                if trace.problem.is_some() {
                    local.push(NoteId::A24);
                }
                for id in local {
                    statement_notes.push((id, statement_ref(index, unit, &trace)));
                }
                trace
            })
            .collect();
        if not_applicable.is_none() {
            for (id, at) in statement_notes {
                notes.push((id, Some(at)));
            }
            if !unit.policy.parsed {
                notes.push((NoteId::A24, None));
            }
        }
        policies.push(PolicyTrace {
            index,
            name: unit.name.to_string(),
            policy_type: unit.policy_type,
            target: unit.target.map(str::to_string),
            origin: unit.origin.map(str::to_string),
            applies: not_applicable.is_none() && unit.policy.parsed,
            not_applicable,
            parsed: unit.policy.parsed,
            statements,
        });
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
        let endpoint_allows = matching(Some(PolicyType::VpcEndpoint), Effect::Allow, &all);
        let (outcome, reason, statements) = if !through_endpoint {
            (
                StageOutcome::NotApplicable,
                StageReason::NotThroughEndpoint,
                Vec::new(),
            )
        } else if !has_endpoint_policy {
            (
                StageOutcome::Pass,
                StageReason::DefaultEndpointPolicy,
                Vec::new(),
            )
        } else if !endpoint_allows.is_empty() {
            (
                StageOutcome::Pass,
                StageReason::EndpointAllow,
                endpoint_allows,
            )
        } else {
            (
                StageOutcome::ImplicitDeny,
                StageReason::EndpointNoAllow,
                Vec::new(),
            )
        };
        notes.push((NoteId::A27, None));
        push_stage(
            &mut stages,
            &mut decided,
            Stage {
                kind: StageKind::VpcEndpoint,
                outcome,
                reason,
                statements,
                doc: DOC_VPC_ENDPOINT,
            },
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
    let resource_stage = {
        let (outcome, reason, statements) = match (has_resource_policy, grant) {
            (false, _) => match required {
                Some(kind) => (
                    StageOutcome::ImplicitDeny,
                    StageReason::ResourcePolicyRequired { kind },
                    Vec::new(),
                ),
                None => (
                    StageOutcome::NotApplicable,
                    StageReason::NoResourcePolicy,
                    Vec::new(),
                ),
            },
            (true, None) => match required {
                Some(_) => (
                    StageOutcome::ImplicitDeny,
                    StageReason::NoResourceAllow,
                    Vec::new(),
                ),
                None => (StageOutcome::Pass, StageReason::NoResourceAllow, Vec::new()),
            },
            (true, Some(by)) => {
                let final_allow =
                    identity_less || (direct && !by.limited_by_boundary_and_session());
                (
                    if final_allow {
                        StageOutcome::Allow
                    } else {
                        StageOutcome::Pass
                    },
                    StageReason::ResourceGrant { by, cross_account },
                    resource_allows.clone(),
                )
            }
        };
        Stage {
            kind: StageKind::ResourcePolicy,
            outcome,
            reason,
            statements,
            doc: if cross_account {
                DOC_CROSS_ACCOUNT
            } else {
                DOC_RESOURCE
            },
        }
    };
    push_stage(&mut stages, &mut decided, resource_stage);

    // 5. Identity-based policies.
    let identity_allows = matching(Some(PolicyType::Identity), Effect::Allow, &all);
    let has_identity_policies = policies
        .iter()
        .any(|p| p.policy_type == PolicyType::Identity && p.parsed);
    let identity_stage = if identity_less {
        (
            StageOutcome::NotApplicable,
            StageReason::NoIdentity,
            Vec::new(),
        )
    } else if matches!(principal, Principal::Root { .. }) {
        (StageOutcome::Pass, StageReason::RootFullAccess, Vec::new())
    } else if direct {
        (
            StageOutcome::NotApplicable,
            StageReason::NotNeeded,
            Vec::new(),
        )
    } else if !identity_allows.is_empty() {
        (
            StageOutcome::Pass,
            StageReason::IdentityAllow,
            identity_allows.clone(),
        )
    } else if !has_identity_policies {
        (
            StageOutcome::ImplicitDeny,
            StageReason::NoIdentityPolicies,
            Vec::new(),
        )
    } else {
        (
            StageOutcome::ImplicitDeny,
            StageReason::NoIdentityAllow,
            Vec::new(),
        )
    };
    push_stage(
        &mut stages,
        &mut decided,
        Stage {
            kind: StageKind::IdentityPolicies,
            outcome: identity_stage.0,
            reason: identity_stage.1,
            statements: identity_stage.2,
            doc: DOC_IDENTITY,
        },
    );

    // A direct grant by a form the boundary and session policy do not limit.
    let unlimited = direct && grant.is_some_and(|g| !g.limited_by_boundary_and_session());

    // 6. Permissions boundary.
    let boundary_allows = matching(Some(PolicyType::PermissionsBoundary), Effect::Allow, &all);
    let boundary_stage = if !has_boundary {
        (
            StageOutcome::NotApplicable,
            StageReason::NoBoundary,
            Vec::new(),
        )
    } else if unlimited {
        (
            StageOutcome::NotApplicable,
            StageReason::NotLimiting,
            Vec::new(),
        )
    } else if !boundary_allows.is_empty() {
        (
            StageOutcome::Pass,
            StageReason::BoundaryAllow,
            boundary_allows,
        )
    } else {
        (
            StageOutcome::ImplicitDeny,
            StageReason::BoundaryNoAllow,
            Vec::new(),
        )
    };
    push_stage(
        &mut stages,
        &mut decided,
        Stage {
            kind: StageKind::PermissionsBoundary,
            outcome: boundary_stage.0,
            reason: boundary_stage.1,
            statements: boundary_stage.2,
            doc: DOC_BOUNDARY,
        },
    );

    // 7. Session policy.
    let has_session_policy = policies
        .iter()
        .any(|p| p.policy_type == PolicyType::Session && p.parsed);
    let session_allows = matching(Some(PolicyType::Session), Effect::Allow, &all);
    if principal.is_session()
        && has_session_policy
        && matches!(principal, Principal::FederatedUser { .. })
    {
        notes.push((NoteId::A8, None));
    }
    let session_stage = if !principal.is_session() {
        (
            StageOutcome::NotApplicable,
            StageReason::NotASession,
            Vec::new(),
        )
    } else if !has_session_policy {
        if matches!(principal, Principal::FederatedUser { .. }) && !unlimited {
            // GetFederationToken without a session policy: no permissions (A28).
            notes.push((NoteId::A28, None));
            (
                StageOutcome::ImplicitDeny,
                StageReason::FederatedNoSessionPolicy,
                Vec::new(),
            )
        } else {
            (
                StageOutcome::NotApplicable,
                StageReason::NoSessionPolicy,
                Vec::new(),
            )
        }
    } else if unlimited {
        (
            StageOutcome::NotApplicable,
            StageReason::NotLimiting,
            Vec::new(),
        )
    } else if !session_allows.is_empty() {
        (
            StageOutcome::Pass,
            StageReason::SessionAllow,
            session_allows,
        )
    } else {
        (
            StageOutcome::ImplicitDeny,
            StageReason::SessionNoAllow,
            Vec::new(),
        )
    };
    push_stage(
        &mut stages,
        &mut decided,
        Stage {
            kind: StageKind::SessionPolicy,
            outcome: session_stage.0,
            doc: if session_stage.1 == StageReason::FederatedNoSessionPolicy {
                DOC_FEDERATION
            } else {
                DOC_SESSION
            },
            reason: session_stage.1,
            statements: session_stage.2,
        },
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

/// One statement against a request, outside the stages (the policy summary's building block).
pub(crate) fn statement_trace(
    statement: &Statement,
    policy_type: PolicyType,
    version: Version,
    request: &Request,
) -> StatementTrace {
    let cx = StatementContext {
        request,
        has_boundary: false,
    };
    evaluate_statement(statement, policy_type, version, &cx, &mut Vec::new())
}

/// Whether an `Action`/`NotAction` element applies to `action`, as [`evaluate_statement`] decides.
pub(crate) fn action_applies(element: &crate::policy::ActionElement, action: &str) -> bool {
    element
        .patterns
        .iter()
        .any(|p| p.pattern.matches_ignore_case(action))
        != element.negated
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

#[allow(clippy::too_many_arguments)]
fn org_stages(
    stages: &mut Vec<Stage>,
    decided: &mut Option<(Decision, usize)>,
    policies: &[PolicyTrace],
    units: &[PolicyUnit<'_>],
    path: &Result<Vec<String>, OrgExemption>,
    policy_type: PolicyType,
    account: Option<&str>,
) {
    let doc = if policy_type == PolicyType::Scp {
        DOC_SCP
    } else {
        DOC_RCP
    };
    let kind = |level: usize, node: String| {
        if policy_type == PolicyType::Scp {
            StageKind::Scp { level, node }
        } else {
            StageKind::Rcp { level, node }
        }
    };
    let present = policies.iter().any(|p| p.policy_type == policy_type);
    if policy_type == PolicyType::Rcp && !present {
        // Without RCPs only the built-in RCPFullAWSAccess is attached: one line, not one per level.
        if let Ok(nodes) = path {
            push_stage(
                stages,
                decided,
                Stage {
                    kind: kind(0, nodes.first().cloned().unwrap_or_default()),
                    outcome: StageOutcome::NotApplicable,
                    reason: StageReason::OrgNotApplicable {
                        exemption: OrgExemption::NoPolicies,
                    },
                    statements: Vec::new(),
                    doc,
                },
            );
            return;
        }
    }
    let nodes = match path {
        Err(exemption) => {
            // Without RCPs in the scenario, why they would not apply is not worth a line.
            let quiet = policy_type == PolicyType::Rcp && !present;
            if !quiet && (present || *exemption != OrgExemption::NoPolicies) {
                push_stage(
                    stages,
                    decided,
                    Stage {
                        kind: kind(0, account.unwrap_or("").to_string()),
                        outcome: StageOutcome::NotApplicable,
                        reason: StageReason::OrgNotApplicable {
                            exemption: *exemption,
                        },
                        statements: Vec::new(),
                        doc,
                    },
                );
            }
            return;
        }
        Ok(nodes) => nodes,
    };
    for (level, node) in nodes.iter().enumerate() {
        let at_level: Vec<&PolicyTrace> = policies
            .iter()
            .filter(|p| {
                p.policy_type == policy_type
                    && p.parsed
                    && p.target.as_deref() == Some(node.as_str())
            })
            .collect();
        let mut allows = Vec::new();
        for p in &at_level {
            for s in &p.statements {
                if s.matched && s.effect == Some(Effect::Allow) {
                    if let Some(unit) = units.get(p.index) {
                        allows.push(statement_ref(p.index, unit, s));
                    }
                }
            }
        }
        let indices: Vec<usize> = at_level.iter().map(|p| p.index).collect();
        let (outcome, reason) = if policy_type == PolicyType::Rcp {
            (
                StageOutcome::Pass,
                if allows.is_empty() {
                    StageReason::RcpFullAccess
                } else {
                    StageReason::OrgAllowFound { policies: indices }
                },
            )
        } else if at_level.is_empty() {
            (StageOutcome::Pass, StageReason::ScpDefaultFullAccess)
        } else if allows.is_empty() {
            (
                StageOutcome::ImplicitDeny,
                StageReason::OrgNoAllow { policies: indices },
            )
        } else {
            (
                StageOutcome::Pass,
                StageReason::OrgAllowFound { policies: indices },
            )
        };
        push_stage(
            stages,
            decided,
            Stage {
                kind: kind(level, node.clone()),
                outcome,
                reason,
                statements: allows,
                doc,
            },
        );
    }
}
