//! The VPC endpoint's policy, for a request through an endpoint (semantics §8, docs/decisions.md
//! A27).
//! <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html>

use super::facts::RequestFacts;
use super::policies::Matched;
use super::{Notes, DOC_VPC_ENDPOINT};
use crate::policy::{Effect, PolicyType};
use crate::trace::*;

/// The endpoint's stage, present when the request goes through an endpoint or the scenario has an
/// endpoint policy: not applicable outside an endpoint, AWS's default policy (allow all) without
/// one, else the endpoint policy must allow.
pub(super) fn stage(
    facts: &RequestFacts<'_>,
    matched: &Matched<'_, '_>,
    notes: &mut Notes,
) -> Option<Stage> {
    let through = facts.through_endpoint;
    let has_policy = matched.has(PolicyType::VpcEndpoint);
    if !(through || has_policy) {
        return None;
    }
    notes.push((NoteId::A27, None));
    let allows = matched.statements(Some(PolicyType::VpcEndpoint), Effect::Allow);
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
    Some(Stage {
        kind: StageKind::VpcEndpoint,
        outcome,
        reason,
        statements,
        doc: DOC_VPC_ENDPOINT,
    })
}
