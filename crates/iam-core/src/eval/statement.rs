//! One statement against one request: does each element (Action, Resource, Principal, Condition)
//! match, and why — the building block of every stage (`super::evaluate`) and of the policy summary.

use super::{condition, principal, statement_ref, PolicyUnit};
use crate::matching::arn::arn_match;
use crate::policy::{Effect, PolicyType, Statement, Version};
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

/// Every statement of one policy against the request: the policy's trace. Notes raised by its
/// statements count only when the policy applies to the request.
pub(super) fn trace_policy(
    index: usize,
    unit: &PolicyUnit<'_>,
    not_applicable: Option<NotApplicable>,
    cx: &StatementContext<'_>,
    notes: &mut Vec<(NoteId, Option<StatementRef>)>,
) -> PolicyTrace {
    let mut statement_notes = Vec::new();
    let statements: Vec<StatementTrace> = unit
        .policy
        .statements
        .iter()
        .map(|s| {
            let mut local = Vec::new();
            let trace =
                evaluate_statement(s, unit.policy_type, unit.policy.version, cx, &mut local);
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
    PolicyTrace {
        index,
        name: unit.name.to_string(),
        policy_type: unit.policy_type,
        target: unit.target.map(str::to_string),
        origin: unit.origin.map(str::to_string),
        applies: not_applicable.is_none() && unit.policy.parsed,
        not_applicable,
        parsed: unit.policy.parsed,
        statements,
    }
}
