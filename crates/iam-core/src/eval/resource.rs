//! Stage 4: the resource-based policy, judged by the principal form that matched (semantics §5.2):
//! a direct grant can allow here, a grant through the account delegates to the identity side, and
//! some requests need the resource policy to allow (role trust and KMS key policies, cross-account
//! requests, anonymous callers and service principals).
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html>

use super::facts::RequestFacts;
use super::policies::Matched;
use super::statement::strength;
use super::{Notes, DOC_CROSS_ACCOUNT, DOC_RESOURCE};
use crate::policy::{Effect, PolicyType};
use crate::request::{Principal, Request};
use crate::trace::*;

/// How the resource policy grants, read by this stage and the identity side.
pub(super) struct Grant {
    /// The strongest principal form of a matching Allow of the resource policy.
    pub(super) by: Option<PrincipalMatch>,
    /// A direct grant: same account, not through the account (semantics §5.2).
    pub(super) direct: bool,
}

impl Grant {
    /// The grant, and the notes it raises (explicit allow required, grants to everyone or to the
    /// account).
    pub(super) fn find(
        facts: &RequestFacts<'_>,
        matched: &Matched<'_, '_>,
        notes: &mut Notes,
    ) -> Grant {
        let by: Option<PrincipalMatch> = matched
            .policies
            .iter()
            .filter(|p| p.policy_type == PolicyType::Resource && p.applies)
            .flat_map(|p| p.statements.iter())
            .filter(|s| s.matched && s.effect == Some(Effect::Allow))
            .filter_map(|s| s.principal.as_ref().and_then(|p| p.matched_by))
            .max_by_key(|m| strength(*m));
        if explicit_allow_required(facts.request).is_some() {
            notes.push((NoteId::A17, None));
        }
        match by {
            Some(PrincipalMatch::Everyone | PrincipalMatch::NotListed) if !facts.cross_account => {
                notes.push((NoteId::A7, None))
            }
            Some(PrincipalMatch::Account) => notes.push((NoteId::A9, None)),
            _ => {}
        }
        Grant {
            by,
            direct: !facts.cross_account && by.is_some_and(|g| g.grants_directly()),
        }
    }
}

/// Stage 4 for this request.
pub(super) fn stage_for(
    facts: &RequestFacts<'_>,
    grant: &Grant,
    matched: &Matched<'_, '_>,
) -> Stage {
    stage(Facts {
        has_resource_policy: matched.has(PolicyType::Resource),
        grant: grant.by,
        required: required_resource_policy(facts.request, facts.cross_account),
        identity_less: facts.identity_less,
        cross_account: facts.cross_account,
        direct: grant.direct,
        allows: matched.statements(Some(PolicyType::Resource), Effect::Allow),
    })
}

/// What the resource stage decides from.
struct Facts {
    pub(super) has_resource_policy: bool,
    /// The strongest principal form of a matching Allow.
    pub(super) grant: Option<PrincipalMatch>,
    /// The resource policy must allow even in the same account.
    pub(super) required: Option<RequiredPolicy>,
    pub(super) identity_less: bool,
    pub(super) cross_account: bool,
    pub(super) direct: bool,
    /// The matching Allow statements of the resource policy.
    pub(super) allows: Vec<StatementRef>,
}

fn stage(f: Facts) -> Stage {
    let (outcome, reason, statements) = match (f.has_resource_policy, f.grant) {
        (false, _) => match f.required {
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
        (true, None) => match f.required {
            Some(_) => (
                StageOutcome::ImplicitDeny,
                StageReason::NoResourceAllow,
                Vec::new(),
            ),
            None => (StageOutcome::Pass, StageReason::NoResourceAllow, Vec::new()),
        },
        (true, Some(by)) => {
            let final_allow =
                f.identity_less || (f.direct && !by.limited_by_boundary_and_session());
            (
                if final_allow {
                    StageOutcome::Allow
                } else {
                    StageOutcome::Pass
                },
                StageReason::ResourceGrant {
                    by,
                    cross_account: f.cross_account,
                },
                f.allows,
            )
        }
    };
    Stage {
        kind: StageKind::ResourcePolicy,
        outcome,
        reason,
        statements,
        doc: if f.cross_account {
            DOC_CROSS_ACCOUNT
        } else {
            DOC_RESOURCE
        },
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
