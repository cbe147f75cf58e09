//! # iam-core
//!
//! AWS IAM policy parsing, validation and evaluation, with a step-by-step trace.
//!
//! A [`Scenario`] (one request, its policies, optionally the organization) goes in; [`analyze`]
//! returns a [`Report`]: diagnostics for every policy and for the request, and — when the request is
//! well-formed — an [`Evaluation`]: the decision (`allowed`, `explicitDeny`, `implicitDeny`) and a
//! trace of every stage and every statement with byte spans into the policy texts.
//! [`explain`] turns that trace into an [`Explanation`]: every word shown about the decision, as a
//! tree (headline, stages, statements, lines, notes); it is the only place wording lives.
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
//! let report = iam_core::analyze(&scenario, &iam_core::Options::default());
//! let evaluation = report.evaluation.unwrap();
//! assert_eq!(evaluation.decision, iam_core::Decision::Allowed);
//! assert_eq!(evaluation.determining[0].label(), "Read/ReadPhotos");
//! ```
//!
//! This file is the facade: the modules are private and the names below are the public API. The
//! engine that prepares a scenario's policies once and evaluates requests is `engine.rs`;
//! `ARCHITECTURE.md` has the map.

mod codes;
mod diagnostic;
mod engine;
mod eval;
mod explain;
mod fuzzy;
mod import;
pub mod json_out;
mod matching;
mod matrix;
mod order;
mod policy;
mod request;
mod scenario;
mod summary;
mod trace;
mod variables;
mod workspace;

// Diagnostics: one shape for every finding, its code from one registry.
pub use codes::{Code, CodeDoc};
pub use diagnostic::{Diagnostic, Fix, Label, Severity};
// Entry points: one analysis of a scenario, one policy without a request, the catalog's findings.
pub use engine::{
    analyze, catalog_findings, expand_action, lint_policy, lint_policy_with_catalog,
    lint_policy_with_options, parse_policy, parse_policy_with_options, CatalogFindings, Options,
    Report,
};
// Every word about a decision, as a tree.
pub use explain::{
    explain, note_kind, note_text, statement_name, words, Explanation, Headline, IdlePolicy, Line,
    NoteExplanation, NoteKind, StageExplanation, StatementExplanation, Step, StepTarget, Tone,
};
// The AWS service catalog, and positions in a text.
pub use iam_catalog::{self as catalog, AccessLevel, Catalog};
pub use iam_json::{LineCol, Span};
// Catalog and import tools: `aws iam get-account-authorization-details`, the access matrix, the
// IAM-console-style summary.
pub use import::{import_authorization_details, Imported};
pub use matrix::{
    access_matrix, matrix_row_evaluation, Matrix, MatrixGroup, MatrixRow, MatrixService,
};
// The policy model (a span on every element).
pub use policy::{
    ActionElement, ActionPattern, BaseOperator, ConditionBlock, ConditionEntry, ConditionOperator,
    ConditionValue, Effect, LintOptions, OperatorFamily, Policy, PolicyType, PrincipalElement,
    PrincipalEntry, PrincipalEntryKind, Qualifier, ResourceElement, ResourceValue, Spanned,
    Statement, Version,
};
// Inputs: the request, the scenario (format v1), the workspace (format v2).
pub use request::{ContextEntry, ContextValue, Principal, RequestInput, RequestSpans};
pub use scenario::{
    parse_scenario, BlockPublicAccess, DocumentTree, Organization, PolicyInput, PublicAccessBlock,
    Scenario, ScenarioError,
};
pub use summary::{policy_summary, Access, LevelSummary, ServiceSummary, Summary};
// The trace of an evaluation: plain, serializable data.
pub use trace::*;
pub use workspace::{
    parse_workspace, Account, Document, Exercise, Group, Hop, ManagedPolicy, NamedRequest,
    OrganizationTree, Resource, Role, Run, RunStep, Runner, User, Workspace,
};
