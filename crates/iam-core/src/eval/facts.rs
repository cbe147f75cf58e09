//! What the evaluation knows of a request before reading any policy: the accounts, whether the
//! request crosses accounts or goes through a VPC endpoint, where SCPs and RCPs apply (the
//! organization paths, or why they do not), whether a permissions boundary applies — and which
//! policies apply at all ([`RequestFacts::not_applicable`]).

use super::org::org_path;
use super::{Notes, PolicyUnit};
use crate::policy::PolicyType;
use crate::request::{Principal, Request};
use crate::scenario::Organization;
use crate::trace::*;

pub(super) struct RequestFacts<'r> {
    pub(super) request: &'r Request,
    pub(super) principal_account: Option<String>,
    pub(super) resource_account: Option<String>,
    /// Anonymous or a service principal: no identity, no identity policies.
    pub(super) identity_less: bool,
    /// A request through a VPC endpoint carries the endpoint's id (docs/decisions.md A27).
    pub(super) through_endpoint: bool,
    pub(super) cross_account: bool,
    /// The organization nodes whose SCPs apply (root to account), or why none do.
    pub(super) scp_path: Result<Vec<String>, OrgExemption>,
    /// The organization nodes whose RCPs apply (root to account), or why none do.
    pub(super) rcp_path: Result<Vec<String>, OrgExemption>,
    /// The principal is of a kind a permissions boundary can limit.
    pub(super) boundary_applies: bool,
    /// … and the scenario gives it one.
    pub(super) has_boundary: bool,
}

impl<'r> RequestFacts<'r> {
    /// The facts, and the notes they raise (service-linked roles, identity-less callers, root,
    /// roles, RCPs without a catalog).
    pub(super) fn new(
        units: &[PolicyUnit<'_>],
        request: &'r Request,
        organization: Option<&Organization>,
        rcp_supported: Option<bool>,
        notes: &mut Notes,
    ) -> RequestFacts<'r> {
        let principal = &request.principal;
        let principal_account = principal.account().map(str::to_string);
        let resource_account = request.resource_account.clone();
        let identity_less = matches!(principal, Principal::Anonymous | Principal::Service { .. });
        let through_endpoint = request.context.get("aws:SourceVpce").is_some();
        let cross_account = !identity_less
            && match (&principal_account, &resource_account) {
                (Some(p), Some(r)) => p != r,
                _ => false,
            };

        // Where SCPs and RCPs apply.
        let targets = |policy_type: PolicyType| -> Vec<&str> {
            units
                .iter()
                .filter(|u| u.policy_type == policy_type)
                .filter_map(|u| u.target)
                .collect()
        };
        let scp_targets = targets(PolicyType::Scp);
        let rcp_targets = targets(PolicyType::Rcp);
        let scp_path = if identity_less {
            Err(OrgExemption::NotAMemberPrincipal)
        } else if principal.is_service_linked_role() {
            Err(OrgExemption::ServiceLinkedRole)
        } else {
            match &principal_account {
                Some(account) => org_path(organization, account, &scp_targets),
                None => Err(OrgExemption::NotAMemberPrincipal),
            }
        };
        let rcp_path = if principal.is_service_linked_role() {
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
        RequestFacts {
            request,
            principal_account,
            resource_account,
            identity_less,
            through_endpoint,
            cross_account,
            scp_path,
            rcp_path,
            boundary_applies,
            has_boundary,
        }
    }

    /// Why a policy does not apply to this request, if it does not.
    pub(super) fn not_applicable(&self, unit: &PolicyUnit<'_>) -> Option<NotApplicable> {
        let principal = &self.request.principal;
        match unit.policy_type {
            PolicyType::Identity => (self.identity_less
                || matches!(principal, Principal::Root { .. }))
            .then_some(NotApplicable::NoSuchIdentity),
            PolicyType::Resource => None,
            PolicyType::PermissionsBoundary => {
                (!self.boundary_applies).then_some(NotApplicable::NoSuchIdentity)
            }
            PolicyType::Session => (!principal.is_session()).then_some(NotApplicable::NotASession),
            PolicyType::VpcEndpoint => {
                (!self.through_endpoint).then_some(NotApplicable::NotThroughEndpoint)
            }
            PolicyType::Scp | PolicyType::Rcp => {
                let path = if unit.policy_type == PolicyType::Scp {
                    &self.scp_path
                } else {
                    &self.rcp_path
                };
                match path {
                    Err(_) => Some(NotApplicable::OrgExempt),
                    Ok(nodes) => (!nodes.iter().any(|n| Some(n.as_str()) == unit.target))
                        .then_some(NotApplicable::OffPath),
                }
            }
        }
    }
}
