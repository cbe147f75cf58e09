//! AWS Organizations: where SCPs and RCPs apply (the path of nodes from the root to the account)
//! and one stage per level of that path.
//! <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html>

use super::policies::{statement_ref, Matched};
use super::{Stages, DOC_RCP, DOC_SCP};
use crate::policy::{Effect, PolicyType};
use crate::scenario::Organization;
use crate::trace::*;

/// Where an organization policy type applies: the path of nodes (the account last), or why not.
pub(super) fn org_path(
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

pub(super) fn push_stages(
    stages: &mut Stages,
    matched: &Matched<'_, '_>,
    path: &Result<Vec<String>, OrgExemption>,
    policy_type: PolicyType,
    account: Option<&str>,
) {
    let (policies, units) = (matched.policies, matched.units);
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
            stages.push(Stage {
                kind: kind(0, nodes.first().cloned().unwrap_or_default()),
                outcome: StageOutcome::NotApplicable,
                reason: StageReason::OrgNotApplicable {
                    exemption: OrgExemption::NoPolicies,
                },
                statements: Vec::new(),
                doc,
            });
            return;
        }
    }
    let nodes = match path {
        Err(exemption) => {
            // Without RCPs in the scenario, why they would not apply is not worth a line.
            let quiet = policy_type == PolicyType::Rcp && !present;
            if !quiet && (present || *exemption != OrgExemption::NoPolicies) {
                stages.push(Stage {
                    kind: kind(0, account.unwrap_or("").to_string()),
                    outcome: StageOutcome::NotApplicable,
                    reason: StageReason::OrgNotApplicable {
                        exemption: *exemption,
                    },
                    statements: Vec::new(),
                    doc,
                });
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
        stages.push(Stage {
            kind: kind(level, node.clone()),
            outcome,
            reason,
            statements: allows,
            doc,
        });
    }
}
