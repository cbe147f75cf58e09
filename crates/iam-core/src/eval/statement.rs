//! One statement against one request: does each element (Action, Resource, Principal, Condition)
//! match, and why — the building block of every stage (`super::evaluate`) and of the policy summary.

use super::{condition, principal};
use crate::matching::arn::arn_match;
use crate::policy::{ActionElement, Effect, PolicyType, PrincipalElement, Statement, Version};
use crate::request::{Principal, Request};
use crate::trace::*;

pub(super) struct StatementContext<'a> {
    pub(super) request: &'a Request,
    pub(super) has_boundary: bool,
}

pub(super) fn evaluate_statement(
    statement: &Statement,
    policy_type: PolicyType,
    version: Version,
    cx: &StatementContext<'_>,
    notes: &mut Vec<NoteId>,
) -> StatementTrace {
    let request = cx.request;
    let mut trace = StatementTrace {
        index: statement.index,
        sid: statement.sid.as_ref().map(|s| s.value.clone()),
        span: statement.span,
        effect: statement.effect.as_ref().map(|e| e.value),
        matched: false,
        problem: statement.problem.clone(),
        action: statement
            .action
            .as_ref()
            .map(|action| action_trace(action, request)),
        resource: resource_trace(statement, request, notes),
        principal: principal_trace(statement, policy_type, cx, notes),
        condition: statement
            .condition
            .as_ref()
            .map(|block| condition::evaluate(block, &request.context, notes)),
    };
    statement_notes(statement, policy_type, version, request, &trace, notes);
    trace.matched = statement.problem.is_none()
        && trace.effect.is_some()
        && trace.action.as_ref().is_some_and(|a| a.matched)
        && trace.resource.as_ref().is_some_and(|r| r.matched)
        && trace.principal.as_ref().is_none_or(|p| p.matched)
        && trace.condition.as_ref().is_none_or(|c| c.matched);
    trace
}

/// The `Action`/`NotAction` element: which patterns match the request's action.
fn action_trace(action: &ActionElement, request: &Request) -> ElementTrace {
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
    ElementTrace {
        negated: action.negated,
        key_span: action.key_span,
        matched: any != action.negated,
        implicit: false,
        values,
    }
}

/// The `Resource`/`NotResource` element: which values match the request's resource, after policy
/// variables are resolved; none for a statement that cannot be evaluated.
fn resource_trace(
    statement: &Statement,
    request: &Request,
    notes: &mut Vec<NoteId>,
) -> Option<ElementTrace> {
    let context = &request.context;
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
            Some(ElementTrace {
                negated: resource.negated,
                key_span: resource.key_span,
                matched: any != resource.negated,
                implicit: false,
                values,
            })
        }
        None if statement.problem.is_none() => {
            // A role trust policy statement without Resource applies to the role it is attached to.
            Some(ElementTrace {
                negated: false,
                key_span: statement.span,
                matched: true,
                implicit: true,
                values: Vec::new(),
            })
        }
        None => None,
    }
}

/// The `Principal`/`NotPrincipal` element, for the policy types that have one.
fn principal_trace(
    statement: &Statement,
    policy_type: PolicyType,
    cx: &StatementContext<'_>,
    notes: &mut Vec<NoteId>,
) -> Option<PrincipalTrace> {
    if !policy_type.needs_principal() {
        return None;
    }
    let request = cx.request;
    Some(match &statement.principal {
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
        Some(element) if !element.negated => listed_principal(element, request, notes),
        Some(element) => not_principal(statement, element, cx, notes),
    })
}

/// A `Principal` element: the strongest form among the entries that name the caller.
fn listed_principal(
    element: &PrincipalElement,
    request: &Request,
    notes: &mut Vec<NoteId>,
) -> PrincipalTrace {
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

/// A `NotPrincipal` element: the caller's identities it does not list, and what that means for an
/// Allow (a grant to everyone not listed, A26) or a Deny (never exempt with a boundary, A18).
fn not_principal(
    statement: &Statement,
    element: &PrincipalElement,
    cx: &StatementContext<'_>,
    notes: &mut Vec<NoteId>,
) -> PrincipalTrace {
    let request = cx.request;
    notes.push(NoteId::A18);
    let allow = statement
        .effect
        .as_ref()
        .is_some_and(|e| e.value == Effect::Allow);
    let identities = principal::identities(&request.principal);
    let not_listed: Vec<String> = identities
        .iter()
        .filter(|id| !principal::lists_identity(&element.entries, id, &request.principal))
        .cloned()
        .collect();
    let everyone_listed = principal::lists_identity(&element.entries, "*", &request.principal)
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

/// Ambiguity notes that depend on what the statement says.
fn statement_notes(
    statement: &Statement,
    policy_type: PolicyType,
    version: Version,
    request: &Request,
    trace: &StatementTrace,
    notes: &mut Vec<NoteId>,
) {
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
}

/// Higher is less limited (semantics §5.2).
pub(super) fn strength(m: PrincipalMatch) -> u8 {
    match m {
        PrincipalMatch::Account => 0,
        PrincipalMatch::Role => 1,
        _ => 2,
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
