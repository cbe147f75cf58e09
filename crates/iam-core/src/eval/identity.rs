//! The identity side of the evaluation, after the resource-based policy: identity-based policies,
//! the permissions boundary, the session policy (stages 5–7 of `super::evaluate`).
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>

use super::facts::RequestFacts;
use super::policies::Matched;
use super::resource::Grant;
use super::{Notes, Stages, DOC_BOUNDARY, DOC_FEDERATION, DOC_IDENTITY, DOC_SESSION};
use crate::policy::{Effect, PolicyType};
use crate::request::Principal;
use crate::trace::*;

/// Stages 5–7, in order.
pub(super) fn push_stages(
    stages: &mut Stages,
    facts: &RequestFacts<'_>,
    grant: &Grant,
    matched: &Matched<'_, '_>,
    notes: &mut Notes,
) {
    let side = Side {
        principal: &facts.request.principal,
        identity_less: facts.identity_less,
        direct: grant.direct,
        unlimited: grant.direct
            && grant
                .by
                .is_some_and(|g| !g.limited_by_boundary_and_session()),
        has_boundary: facts.has_boundary,
    };
    let allows = |policy_type| matched.statements(Some(policy_type), Effect::Allow);
    stages.push(side.identity_stage(
        matched.has(PolicyType::Identity),
        allows(PolicyType::Identity),
    ));
    stages.push(side.boundary_stage(allows(PolicyType::PermissionsBoundary)));
    stages.push(side.session_stage(
        matched.has(PolicyType::Session),
        allows(PolicyType::Session),
        notes,
    ));
}

/// What the identity-side stages need to know about the request and the resource stage.
struct Side<'a> {
    pub(super) principal: &'a Principal,
    /// Anonymous or a service principal: no identity policies.
    pub(super) identity_less: bool,
    /// The resource policy granted directly (same account, not through the account).
    pub(super) direct: bool,
    /// A direct grant by a form the boundary and session policy do not limit.
    pub(super) unlimited: bool,
    pub(super) has_boundary: bool,
}

fn stage(
    kind: StageKind,
    doc: &'static str,
    (outcome, reason, statements): (StageOutcome, StageReason, Vec<StatementRef>),
) -> Stage {
    Stage {
        kind,
        outcome,
        reason,
        statements,
        doc,
    }
}

impl Side<'_> {
    /// 5. Identity-based policies.
    pub(super) fn identity_stage(
        &self,
        has_identity_policies: bool,
        allows: Vec<StatementRef>,
    ) -> Stage {
        let result = if self.identity_less {
            (
                StageOutcome::NotApplicable,
                StageReason::NoIdentity,
                Vec::new(),
            )
        } else if matches!(self.principal, Principal::Root { .. }) {
            (StageOutcome::Pass, StageReason::RootFullAccess, Vec::new())
        } else if self.direct {
            (
                StageOutcome::NotApplicable,
                StageReason::NotNeeded,
                Vec::new(),
            )
        } else if !allows.is_empty() {
            (StageOutcome::Pass, StageReason::IdentityAllow, allows)
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
        stage(StageKind::IdentityPolicies, DOC_IDENTITY, result)
    }

    /// 6. Permissions boundary.
    pub(super) fn boundary_stage(&self, allows: Vec<StatementRef>) -> Stage {
        let result = if !self.has_boundary {
            (
                StageOutcome::NotApplicable,
                StageReason::NoBoundary,
                Vec::new(),
            )
        } else if self.unlimited {
            (
                StageOutcome::NotApplicable,
                StageReason::NotLimiting,
                Vec::new(),
            )
        } else if !allows.is_empty() {
            (StageOutcome::Pass, StageReason::BoundaryAllow, allows)
        } else {
            (
                StageOutcome::ImplicitDeny,
                StageReason::BoundaryNoAllow,
                Vec::new(),
            )
        };
        stage(StageKind::PermissionsBoundary, DOC_BOUNDARY, result)
    }

    /// 7. Session policy.
    pub(super) fn session_stage(
        &self,
        has_session_policy: bool,
        allows: Vec<StatementRef>,
        notes: &mut Notes,
    ) -> Stage {
        let principal = self.principal;
        let federated = matches!(principal, Principal::FederatedUser { .. });
        if principal.is_session() && has_session_policy && federated {
            notes.push((NoteId::A8, None));
        }
        let result = if !principal.is_session() {
            (
                StageOutcome::NotApplicable,
                StageReason::NotASession,
                Vec::new(),
            )
        } else if !has_session_policy {
            if federated && !self.unlimited {
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
        } else if self.unlimited {
            (
                StageOutcome::NotApplicable,
                StageReason::NotLimiting,
                Vec::new(),
            )
        } else if !allows.is_empty() {
            (StageOutcome::Pass, StageReason::SessionAllow, allows)
        } else {
            (
                StageOutcome::ImplicitDeny,
                StageReason::SessionNoAllow,
                Vec::new(),
            )
        };
        let doc = if result.1 == StageReason::FederatedNoSessionPolicy {
            DOC_FEDERATION
        } else {
            DOC_SESSION
        };
        stage(StageKind::SessionPolicy, doc, result)
    }
}
