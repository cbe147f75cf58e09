//! What the package's calls return, as plain JSON. Built from the core's own serializable types
//! (`Diagnostic`, `Evaluation`, `Explanation`, `ScenarioError`), with the fields the CLI's `--json`
//! output adds (`policyName`, `fileStart`, `fileEnd`, as `iamplay eval --json`; `expected`, `pass`,
//! `determining`, as `iamplay test --json`).
//!
//! `crates/iam-js/js/types.d.ts` is generated from these types and the core's
//! (`cargo test -p iam-js --test types`): the JavaScript side sees exactly what is serialized here.

use iam_core::{Decision, Diagnostic, Evaluation, Explanation, LineCol, ScenarioError};
use serde::Serialize;

/// What `analyze` returns: a scenario (format v1) gives one analysis; a workspace (format v2) one
/// result per named request.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AnalyzeResult<'a> {
    Scenario(Analysis<'a>),
    Workspace(WorkspaceAnalysis<'a>),
}

/// One evaluated request: the decision, its explanation, the trace and the diagnostics.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis<'a> {
    /// `allowed`, `explicitDeny` or `implicitDeny`; `null` when the request is malformed (its
    /// diagnostics say why) and so was not evaluated.
    pub decision: Option<Decision>,
    /// Every word about the decision, as a tree (headline, stages, statements, lines, notes);
    /// `null` without a decision.
    pub explanation: Option<Explanation>,
    /// The evaluation as data: every stage and statement down to each condition value; `null`
    /// without a decision.
    pub trace: Option<&'a Evaluation>,
    /// Policy diagnostics (with `policy`, an index into `trace.policies`) and request diagnostics.
    pub diagnostics: Vec<LocatedDiagnostic<'a>>,
}

/// A diagnostic as `iamplay eval --json` gives it: the core's fields (`start`/`end` are positions
/// in the policy's own text) plus the policy's name and, when the policy is part of the input's
/// text (a document given as a JSON object) or the diagnostic is about the request, the position
/// in the input text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocatedDiagnostic<'a> {
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<&'a str>,
    /// Where the diagnostic starts in the input text (line, column, UTF-16 column; 1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_start: Option<LineCol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_end: Option<LineCol>,
}

/// What `analyze` returns for a workspace.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceAnalysis<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// One per request of the workspace, in order.
    pub results: Vec<RequestResult<'a>>,
    /// Requests with an `expect` whose decision is the expected one.
    pub passed: usize,
    /// Requests with an `expect` whose decision is another (or none).
    pub failed: usize,
}

/// One named request of a workspace. Its decision, explanation, trace and diagnostics are those
/// of the request itself, or of the hop of its AssumeRole chain that was not allowed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestResult<'a> {
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// The decision the workspace expects; `null` when the request is not a check.
    pub expect: Option<Decision>,
    /// Whether the decision is the expected one; `null` when the request is not a check.
    pub pass: Option<bool>,
    pub decision: Option<Decision>,
    /// The hop of the AssumeRole chain that was not allowed, when the chain stopped there (the
    /// request itself was then not made).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<&'a str>,
    pub explanation: Option<Explanation>,
    pub trace: Option<&'a Evaluation>,
    pub diagnostics: Vec<LocatedDiagnostic<'a>>,
    /// Each hop of the AssumeRole chain (`assume`), evaluated in order before the request.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hops: Vec<HopResult<'a>>,
}

/// One hop of an AssumeRole chain: `sts:AssumeRole` on the role (or `sts:TagSession` for its tags).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HopResult<'a> {
    /// `sts:AssumeRole arn:aws:iam::…:role/Deployer`.
    pub label: &'a str,
    #[serde(flatten)]
    pub analysis: Analysis<'a>,
}

/// What `check` returns: a workspace's checks (its requests with an `expect`), as
/// `iamplay test --json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult<'a> {
    pub results: Vec<Check<'a>>,
    pub passed: usize,
    pub failed: usize,
}

/// One check: a request with an `expect`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check<'a> {
    pub name: &'a str,
    pub expected: Decision,
    /// `null` when the request is malformed (`analyze` gives its diagnostics).
    pub decision: Option<Decision>,
    pub pass: bool,
    /// `Name/Sid` of each deciding statement.
    pub determining: Vec<String>,
    /// The hop of the AssumeRole chain that was not allowed, when the chain stopped there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<&'a str>,
}

/// What `lint` returns for one policy.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    /// Positions (`span`, `start`, `end`) index the policy text as given.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a call throws (as the `IamplayError`'s fields) when its input cannot be read.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// Every problem on its own line, each with its line and column: `3:14: expected ...`.
    pub message: String,
    /// Each problem with its field (`requests[2].expect`), span and position; empty for a bad
    /// argument (a policy type that does not exist, a catalog that is not one).
    pub errors: Vec<ScenarioError>,
}
