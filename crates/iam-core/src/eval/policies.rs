//! Every policy of the scenario traced against the request — which apply, and each statement's
//! result — and the statements that matched, by policy type and effect, which the stages read.

use super::facts::RequestFacts;
use super::statement::{self, StatementContext};
use super::{Notes, PolicyUnit};
use crate::policy::{Effect, PolicyType};
use crate::trace::*;

/// Every statement of every policy against the request.
pub(super) fn trace_all(
    units: &[PolicyUnit<'_>],
    facts: &RequestFacts<'_>,
    notes: &mut Notes,
) -> Vec<PolicyTrace> {
    let cx = StatementContext {
        request: facts.request,
        has_boundary: facts.has_boundary,
    };
    units
        .iter()
        .enumerate()
        .map(|(index, unit)| trace_policy(index, unit, facts.not_applicable(unit), &cx, notes))
        .collect()
}

/// Every statement of one policy against the request: the policy's trace. Notes raised by its
/// statements count only when the policy applies to the request.
fn trace_policy(
    index: usize,
    unit: &PolicyUnit<'_>,
    not_applicable: Option<NotApplicable>,
    cx: &StatementContext<'_>,
    notes: &mut Notes,
) -> PolicyTrace {
    let mut statement_notes = Vec::new();
    let statements: Vec<StatementTrace> = unit
        .policy
        .statements
        .iter()
        .map(|s| {
            let mut local = Vec::new();
            let trace = statement::evaluate_statement(
                s,
                unit.policy_type,
                unit.policy.version,
                cx,
                &mut local,
            );
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

/// How the trace and the explanation name a statement.
pub(super) fn statement_ref(
    index: usize,
    unit: &PolicyUnit<'_>,
    s: &StatementTrace,
) -> StatementRef {
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

/// The traced policies, read by the stages.
pub(super) struct Matched<'a, 'u> {
    pub(super) units: &'a [PolicyUnit<'u>],
    pub(super) policies: &'a [PolicyTrace],
}

impl Matched<'_, '_> {
    /// The matching statements with this effect, of the policies that apply: of one type, or of
    /// every type.
    pub(super) fn statements(
        &self,
        policy_type: Option<PolicyType>,
        effect: Effect,
    ) -> Vec<StatementRef> {
        let mut out = Vec::new();
        for p in self.policies {
            if !p.applies || policy_type.is_some_and(|t| t != p.policy_type) {
                continue;
            }
            for s in &p.statements {
                if s.matched && s.effect == Some(effect) {
                    if let Some(unit) = self.units.get(p.index) {
                        out.push(statement_ref(p.index, unit, s));
                    }
                }
            }
        }
        out
    }

    /// Whether the scenario has a policy of this type that could be read.
    pub(super) fn has(&self, policy_type: PolicyType) -> bool {
        self.policies
            .iter()
            .any(|p| p.policy_type == policy_type && p.parsed)
    }
}
