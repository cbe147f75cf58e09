//! Rules AWS applies whatever the policies say: actions that need no permission, and AWS-owned
//! resources that no policy can open. One table, so the list can grow; each rule names the AWS page
//! that states it. The evaluator records the first rule that applies as a stage of its own, before
//! the explicit-deny sweep (docs/decisions.md A25).

use crate::request::{Principal, Request};
use crate::trace::{AwsRule, NoteId, Stage, StageKind, StageOutcome, StageReason};

/// One rule: when it applies, and the page that states it.
pub(crate) struct RuleSpec {
    pub(crate) rule: AwsRule,
    pub(crate) applies: fn(&Request) -> bool,
    pub(crate) doc: &'static str,
}

/// The rules, in the order they are tried.
pub(crate) const RULES: &[RuleSpec] = &[
    RuleSpec {
        rule: AwsRule::GetCallerIdentity,
        applies: get_caller_identity,
        doc: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
    },
    RuleSpec {
        rule: AwsRule::GetSessionToken,
        applies: get_session_token_long_term,
        doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html",
    },
    RuleSpec {
        rule: AwsRule::GetSessionTokenNeedsLongTermCredentials,
        applies: get_session_token_from_session,
        doc: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html",
    },
    RuleSpec {
        rule: AwsRule::FederatedUserIamOrSts,
        applies: federated_user_iam_or_sts,
        doc: "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html",
    },
    RuleSpec {
        rule: AwsRule::AwsManagedPolicy,
        applies: changes_aws_managed_policy,
        doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies",
    },
    RuleSpec {
        rule: AwsRule::AwsReservedRole,
        applies: changes_aws_reserved_role,
        doc: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOServiceRolePolicy.html",
    },
    RuleSpec {
        rule: AwsRule::AwsReservedKmsAlias,
        applies: changes_aws_kms_alias,
        doc: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
    },
];

/// The first rule that applies to the request, if any.
pub(crate) fn rule_for(request: &Request) -> Option<&'static RuleSpec> {
    RULES.iter().find(|r| (r.applies)(request))
}

fn action_is(request: &Request, name: &str) -> bool {
    request.action.eq_ignore_ascii_case(name)
}

fn action_in(request: &Request, names: &[&str]) -> bool {
    names.iter().any(|n| action_is(request, n))
}

fn service_is(request: &Request, prefix: &str) -> bool {
    request
        .action
        .split_once(':')
        .is_some_and(|(service, _)| service.eq_ignore_ascii_case(prefix))
}

/// `(service, account, resource)` of an ARN.
fn arn_parts(arn: &str) -> Option<(&str, &str, &str)> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let _partition = parts.next()?;
    let service = parts.next()?;
    let _region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    Some((service, account, resource))
}

/// "If an administrator attaches a policy to your identity that explicitly denies access to the
/// sts:GetCallerIdentity action, you can still perform this operation." Every signed caller.
fn get_caller_identity(request: &Request) -> bool {
    action_is(request, "sts:GetCallerIdentity")
        && !matches!(
            request.principal,
            Principal::Anonymous | Principal::Service { .. }
        )
}

/// "No permissions are required for a user to get a session token … You cannot use policies to
/// control authentication operations." Called with a user's or the root user's own credentials.
fn get_session_token_long_term(request: &Request) -> bool {
    action_is(request, "sts:GetSessionToken")
        && matches!(
            request.principal,
            Principal::User { .. } | Principal::Root { .. }
        )
}

/// "The GetSessionToken operation must be called by using the long-term AWS security credentials of
/// an IAM user" (or the root user): a session cannot call it.
fn get_session_token_from_session(request: &Request) -> bool {
    action_is(request, "sts:GetSessionToken") && request.principal.is_session()
}

/// Credentials from GetFederationToken: "You cannot call any IAM operations using the AWS CLI or the
/// AWS API" and "You cannot call any STS operations except GetCallerIdentity".
fn federated_user_iam_or_sts(request: &Request) -> bool {
    matches!(request.principal, Principal::FederatedUser { .. })
        && (service_is(request, "iam")
            || (service_is(request, "sts") && !action_is(request, "sts:GetCallerIdentity")))
}

/// AWS managed policies are created, updated and deleted by AWS only ("You cannot change the
/// permissions defined in AWS managed policies").
fn changes_aws_managed_policy(request: &Request) -> bool {
    const CHANGES: &[&str] = &[
        "iam:CreatePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
    ];
    action_in(request, CHANGES)
        && arn_parts(&request.resource).is_some_and(|(service, account, resource)| {
            service == "iam" && account == "aws" && resource.starts_with("policy/")
        })
}

/// Roles that IAM Identity Center creates (path `/aws-reserved/sso.amazonaws.com/`, names
/// `AWSReservedSSO_…`) are changed only by AWS — Identity Center's own service-linked role
/// `AWSServiceRoleForSSO`, whose managed policy is the one that grants changes to
/// `role/aws-reserved/sso.amazonaws.com/*` — when a permission set changes.
fn changes_aws_reserved_role(request: &Request) -> bool {
    const CHANGES: &[&str] = &[
        "iam:AttachRolePolicy",
        "iam:DeleteRole",
        "iam:DeleteRolePermissionsBoundary",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
    ];
    action_in(request, CHANGES)
        && arn_parts(&request.resource).is_some_and(|(service, _, resource)| {
            service == "iam" && resource.starts_with("role/aws-reserved/")
        })
        && !is_identity_center_role(&request.principal)
}

fn is_identity_center_role(principal: &Principal) -> bool {
    match principal {
        Principal::Role { name, .. } => name == "AWSServiceRoleForSSO",
        Principal::AssumedRole { role_name, .. } => role_name == "AWSServiceRoleForSSO",
        _ => false,
    }
}

/// "The alias name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed
/// keys."
fn changes_aws_kms_alias(request: &Request) -> bool {
    const CHANGES: &[&str] = &["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"];
    action_in(request, CHANGES)
        && arn_parts(&request.resource).is_some_and(|(service, _, resource)| {
            service == "kms" && resource.starts_with("alias/aws/")
        })
}

/// Stage 0, when a rule applies to the request (docs/decisions.md A25).
pub(super) fn stage(request: &Request, notes: &mut super::Notes) -> Option<Stage> {
    let spec = rule_for(request)?;
    notes.push((NoteId::A25, None));
    Some(Stage {
        kind: StageKind::AwsRules,
        outcome: if spec.rule.allows() {
            StageOutcome::Allow
        } else {
            StageOutcome::ExplicitDeny
        },
        reason: StageReason::AwsRule { rule: spec.rule },
        statements: Vec::new(),
        doc: spec.doc,
    })
}
