//! # iam-core
//!
//! AWS IAM policy parsing, validation and evaluation, with a step-by-step trace.
//!
//! A [`Scenario`] (one request, its policies, optionally the organization) goes in; [`analyze`]
//! returns a [`Report`]: diagnostics for every policy and for the request, and — when the request is
//! well-formed — an [`Evaluation`]: the decision (`allowed`, `explicitDeny`, `implicitDeny`) and a
//! trace of every stage and every statement with byte spans into the policy texts.
//! [`explain`] turns that trace into plain-language steps; it is the only place wording lives.
//!
//! The crate does no IO, reads no clock (`aws:CurrentTime` comes from the request) and never
//! panics on any input (clippy denies `unwrap`, `expect`, indexing and `panic` here).
//!
//! ```
//! let scenario = iam_core::parse_scenario(r#"{
//!   "request": { "principal": "arn:aws:iam::111122223333:user/alice",
//!                "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/cat.jpg" },
//!   "policies": [ { "name": "Read", "type": "identity", "document": {
//!     "Version": "2012-10-17",
//!     "Statement": [ { "Sid": "ReadPhotos", "Effect": "Allow", "Action": "s3:GetObject",
//!                      "Resource": "arn:aws:s3:::photos/*" } ] } } ]
//! }"#).unwrap();
//! let report = iam_core::analyze(&scenario);
//! let evaluation = report.evaluation.unwrap();
//! assert_eq!(evaluation.decision, iam_core::Decision::Allowed);
//! assert_eq!(evaluation.determining[0].label(), "Read/ReadPhotos");
//! ```

mod codes;
mod diagnostic;
mod eval;
mod explain;
mod fuzzy;
mod matching;
mod policy;
mod request;
mod scenario;
mod trace;
mod variables;

use iam_json::LineIndex;
use serde::Serialize;

pub use codes::CODES;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use explain::{explain, headline, Step, StepTarget};
pub use iam_json::{LineCol, Span};
pub use policy::{
    ActionElement, ActionPattern, BaseOperator, ConditionBlock, ConditionEntry, ConditionOperator, ConditionValue,
    Effect, OperatorFamily, Policy, PolicyType, PrincipalElement, PrincipalEntry, PrincipalEntryKind, Qualifier,
    ResourceElement, ResourceValue, Spanned, Statement, Version,
};
pub use request::{ContextEntry, ContextValue, Principal, RequestInput};
pub use scenario::{parse_scenario, Organization, PolicyInput, Scenario, ScenarioError};
pub use trace::*;

/// Everything iamplay knows about a scenario.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Policy diagnostics (with `policy` set) and request diagnostics (`policy` unset).
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the request itself is malformed (see the request diagnostics).
    pub evaluation: Option<Evaluation>,
}

impl Report {
    pub fn decision(&self) -> Option<Decision> {
        self.evaluation.as_ref().map(|e| e.decision)
    }
}

/// Lint every policy, validate the request, and evaluate it.
pub fn analyze(scenario: &Scenario) -> Report {
    let mut diagnostics = Vec::new();
    let mut lowered = Vec::with_capacity(scenario.policies.len());
    for (index, input) in scenario.policies.iter().enumerate() {
        let (policy, policy_diagnostics) = policy::lower::lower(&input.document, input.policy_type);
        if !policy_diagnostics.is_empty() {
            let lines = LineIndex::new(&input.document);
            for mut d in policy_diagnostics {
                d.policy = Some(index);
                d.start = Some(lines.line_col(d.span.start));
                d.end = Some(lines.line_col(d.span.end));
                diagnostics.push(d);
            }
        }
        lowered.push(policy);
    }
    for (field, message) in scenario.problems() {
        diagnostics.push(Diagnostic::new("INVALID_SCENARIO", Span::default(), field, message));
    }
    let evaluation = match request::Request::build(&scenario.request) {
        Ok(request) => {
            let units: Vec<eval::PolicyUnit<'_>> = scenario
                .policies
                .iter()
                .zip(&lowered)
                .map(|(input, policy)| eval::PolicyUnit {
                    name: &input.name,
                    policy_type: input.policy_type,
                    target: input.target.as_deref(),
                    policy,
                })
                .collect();
            let mut evaluation = eval::evaluate(&units, &request, scenario.organization.as_ref());
            if diagnostics.iter().any(|d| d.code.starts_with("POLICY_SIZE_EXCEEDS")) {
                evaluation.notes.push(Note { id: "A23", at: None });
            }
            Some(evaluation)
        }
        Err(request_diagnostics) => {
            diagnostics.extend(request_diagnostics);
            None
        }
    };
    Report { diagnostics, evaluation }
}

/// Parse and lower one policy text: the model (with a span on every element) and its diagnostics.
/// Never fails; a text that is not JSON gives a model with `parsed: false`.
pub fn parse_policy(text: &str, policy_type: PolicyType) -> (Policy, Vec<Diagnostic>) {
    policy::lower::lower(text, policy_type)
}

/// Lint one policy text of the given type (no request needed).
pub fn lint_policy(text: &str, policy_type: PolicyType) -> Vec<Diagnostic> {
    let (_, mut diagnostics) = policy::lower::lower(text, policy_type);
    let lines = LineIndex::new(text);
    for d in &mut diagnostics {
        d.start = Some(lines.line_col(d.span.start));
        d.end = Some(lines.line_col(d.span.end));
    }
    diagnostics
}

/// A note's explanation, from `docs/decisions.md`.
pub fn note_text(id: &str) -> &'static str {
    explain::note_text(id)
}
