//! # iam-core
//!
//! AWS IAM policy parsing, validation and evaluation, with a step-by-step trace.
//!
//! A [`Scenario`] (one request, its policies, optionally the organization) goes in; [`analyze`]
//! returns a [`Report`]: diagnostics for every policy and for the request, and — when the request is
//! well-formed — an [`Evaluation`]: the decision (`allowed`, `explicitDeny`, `implicitDeny`) and a
//! trace of every stage and every statement with byte spans into the policy texts.
//! [`explain()`] turns that trace into an [`Explanation`]: every word shown about the decision, as a
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
//! This file is the facade. The whole public API is one screen:
//!
//! | names | what |
//! |---|---|
//! | [`analyze`], [`Options`], [`Report`] | the one analysis of a scenario: diagnostics and the evaluation |
//! | [`Analyzer`] | analyses one after another (an editor's), lowering only the policies that changed |
//! | [`parse_scenario`], [`Scenario`], [`ScenarioError`] | a scenario file (format v1) |
//! | [`parse_workspace`], [`Workspace`] | a workspace file (format v2; a v1 scenario reads as one) |
//! | [`Decision`], [`Evaluation`] | the decision and its trace |
//! | [`explain()`], [`Explanation`] | every word about a decision, as a tree |
//! | [`Diagnostic`], [`Severity`], [`Code`] | one shape for every finding, its code from one registry |
//! | [`lint_policy`], [`parse_policy`], [`Policy`], [`PolicyType`] | one policy without a request |
//! | [`Catalog`], [`Span`], [`LineCol`] | the AWS service catalog; positions in a text |
//!
//! and the modules that hold the data those names are made of: [`trace`] (the trace's types),
//! [`mod@explain`] (the explanation's), [`policy`] (the policy model), [`request`] and [`scenario`]
//! (the inputs), [`workspace`] (the model of accounts, users, groups and roles, and its runs),
//! [`diagnostics`] (labels, fixes, the codes' registry), [`tools`] (the catalog's findings, the
//! access matrix, the policy summary, the account import, and the policy entry points with every
//! option), [`catalog`] and [`json_out`]. The other modules are private; `engine.rs` prepares a
//! scenario's policies once and evaluates requests. `ARCHITECTURE.md` has the map.

mod codes;
mod diagnostic;
mod engine;
mod eval;
pub mod explain;
mod fuzzy;
mod import;
pub mod json_out;
mod matching;
mod matrix;
mod order;
pub mod policy;
pub mod request;
pub mod scenario;
mod summary;
pub mod trace;
mod variables;
pub mod workspace;

// The public API. Entry points: one analysis of a scenario, one policy without a request; a
// scenario or a workspace read from its file.
pub use engine::{analyze, lint_policy, parse_policy, Analyzer, Options, Report};
pub use scenario::{parse_scenario, Scenario, ScenarioError};
pub use workspace::{parse_workspace, Workspace};
// What an analysis gives: the decision, the trace (`trace`: plain data), every word about it
// (`explain`: a tree; the only place wording lives), the findings.
pub use codes::Code;
pub use diagnostic::{Diagnostic, Severity};
pub use explain::{explain, Explanation};
pub use trace::{Decision, Evaluation};
// The policy model, the AWS service catalog, and positions in a text.
pub use iam_catalog::{self as catalog, Catalog};
pub use iam_json::{LineCol, Span};
pub use policy::{Policy, PolicyType};

/// The parts of a [`Diagnostic`]: its labels, its quick fix, and the registry's entry for a code.
pub mod diagnostics {
    pub use crate::codes::CodeDoc;
    pub use crate::diagnostic::{Fix, Label};
}

/// Tools beyond one request, for the playground, the CLI and the JS package: the catalog's
/// findings and action expansion, the access matrix, the IAM console's policy summary, the import
/// of `aws iam get-account-authorization-details`, and the policy entry points with every option.
pub mod tools {
    pub use crate::engine::{
        catalog_findings, expand_action, lint_policy_with_catalog, lint_policy_with_options,
        parse_policy_with_options, CatalogFindings,
    };
    pub use crate::import::{import_authorization_details, Imported};
    pub use crate::matrix::{
        access_matrix, matrix_row_evaluation, Matrix, MatrixGroup, MatrixRow, MatrixService,
    };
    pub use crate::summary::{policy_summary, Access, LevelSummary, ServiceSummary, Summary};
    pub use iam_catalog::AccessLevel;
}
