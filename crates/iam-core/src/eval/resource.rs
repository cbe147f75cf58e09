//! Stage 4: the resource-based policy, judged by the principal form that matched (semantics §5.2):
//! a direct grant can allow here, a grant through the account delegates to the identity side, and
//! some requests need the resource policy to allow (role trust and KMS key policies, cross-account
//! requests, anonymous callers and service principals).
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html>

use super::{DOC_CROSS_ACCOUNT, DOC_RESOURCE};
use crate::trace::*;

/// What the resource stage decides from.
pub(super) struct Facts {
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

pub(super) fn stage(f: Facts) -> Stage {
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
