//! # iam-js
//!
//! iamplay's core as a JavaScript package: `bash scripts/build-js.sh` compiles this crate to
//! WebAssembly, wraps it with wasm-bindgen for Node and for browsers, and adds a small ES module
//! (`js/api.js`) that takes objects or JSON text and returns plain objects (`docs/js-api.md`).
//!
//! Every call here takes JSON text and gives back JSON text: the result (the types of [`out`]) or,
//! when the input cannot be read, a [`out::Failure`] with each problem's line and column. Nothing
//! panics: the workspace's lints deny it, as in the core.
//!
//! The catalog is never compiled in: a caller loads `data/catalog.json` at run time
//! ([`load_catalog`]) and passes it to the calls that use it.

mod locate;
pub mod out;
#[cfg(target_arch = "wasm32")]
mod wasm;

use iam_core::{
    explain, parse_scenario, parse_workspace, policy::LintOptions, tools::lint_policy_with_options,
    workspace::RunStep, Catalog, Decision, PolicyType, ScenarioError, Workspace,
};
use serde::Serialize;

use locate::Input;
use out::{
    Analysis, AnalyzeResult, Check, CheckResult, Failure, HopResult, LintResult, RequestResult,
    WorkspaceAnalysis,
};

/// A call's answer: the result's JSON text, or the JSON text of a [`Failure`].
pub type Answer = Result<String, String>;

/// Analyze a scenario (format v1) or a workspace (format v2): [`AnalyzeResult`] as JSON. With a
/// catalog, its diagnostics join the others and RCPs apply to the services it lists.
pub fn analyze(text: &str, catalog: Option<&Catalog>) -> Answer {
    let workspace = read(text)?;
    let input = Input::new(text);
    let mut runner = workspace.runner();
    let runs: Vec<_> = (0..workspace.requests.len())
        .map(|i| runner.run(i, catalog))
        .collect();
    let result = match &workspace.scenario {
        Some(_) => {
            let step = runs
                .first()
                .and_then(|run| run.as_ref())
                .and_then(|run| run.steps.last());
            match step {
                Some(step) => AnalyzeResult::Scenario(analysis(&input, step)),
                // `Workspace::run(0)` of a v1 scenario always gives one step.
                None => return Err(failure("the scenario gave no request to evaluate", vec![])),
            }
        }
        None => {
            let mut results = Vec::with_capacity(runs.len());
            let (mut passed, mut failed) = (0, 0);
            for (request, run) in workspace.requests.iter().zip(&runs) {
                let Some(run) = run else { continue };
                let Some(last) = run.steps.last() else {
                    continue;
                };
                let main = analysis(&input, last);
                let pass = request
                    .expect
                    .map(|expected| run.decision == Some(expected));
                match pass {
                    Some(true) => passed += 1,
                    Some(false) => failed += 1,
                    None => {}
                }
                results.push(RequestResult {
                    name: &request.name,
                    description: request.description.as_deref(),
                    expect: request.expect,
                    pass,
                    decision: main.decision,
                    stopped_at: run.stopped_at_hop.then_some(last.label.as_str()),
                    explanation: main.explanation,
                    trace: main.trace,
                    diagnostics: main.diagnostics,
                    hops: run
                        .steps
                        .iter()
                        .filter(|s| !s.label.is_empty())
                        .map(|s| HopResult {
                            label: &s.label,
                            analysis: analysis(&input, s),
                        })
                        .collect(),
                });
            }
            AnalyzeResult::Workspace(WorkspaceAnalysis {
                title: workspace.title.as_deref(),
                results,
                passed,
                failed,
            })
        }
    };
    to_json(&result)
}

/// Only the decision: for a scenario (format v1) `"allowed"`, `"explicitDeny"`, `"implicitDeny"`
/// or `null` (a malformed request), for a workspace (format v2) an array with one per request, as
/// JSON. The same evaluation as [`analyze`] (the policies are lowered and linted, the trace is
/// built), without the explanation, the located diagnostics and the result's JSON: for callers
/// that decide many requests (a course platform grading answers).
pub fn decide(text: &str, catalog: Option<&Catalog>) -> Answer {
    let options = iam_core::Options {
        catalog,
        ..iam_core::Options::default()
    };
    // A scenario is read once; a workspace (or a scenario with errors, to report them as
    // `analyze` does) falls back to the reader of both formats.
    if let Ok(scenario) = parse_scenario(text) {
        return Ok(decision_json(iam_core::analyze(&scenario, &options).decision()).to_string());
    }
    let workspace = read(text)?;
    let mut runner = workspace.runner();
    let decisions: Vec<&str> = (0..workspace.requests.len())
        .map(|i| decision_json(runner.run(i, catalog).and_then(|run| run.decision)))
        .collect();
    Ok(match &workspace.scenario {
        Some(_) => decisions.first().copied().unwrap_or("null").to_string(),
        None => format!("[{}]", decisions.join(",")),
    })
}

/// A decision as JSON.
fn decision_json(decision: Option<Decision>) -> &'static str {
    match decision {
        Some(Decision::Allowed) => "\"allowed\"",
        Some(Decision::ExplicitDeny) => "\"explicitDeny\"",
        Some(Decision::ImplicitDeny) => "\"implicitDeny\"",
        None => "null",
    }
}

/// Run a workspace's checks (its requests with an `expect`): [`CheckResult`] as JSON. A v1
/// scenario has none.
pub fn check(text: &str, catalog: Option<&Catalog>) -> Answer {
    let workspace = read(text)?;
    let mut runner = workspace.runner();
    let runs: Vec<_> = workspace
        .requests
        .iter()
        .enumerate()
        .filter_map(|(index, request)| {
            let expected = request.expect?;
            Some((request, expected, runner.run(index, catalog)?))
        })
        .collect();
    let mut results = Vec::with_capacity(runs.len());
    let (mut passed, mut failed) = (0, 0);
    for (request, expected, run) in &runs {
        let Some(last) = run.steps.last() else {
            continue;
        };
        let pass = run.decision == Some(*expected);
        if pass {
            passed += 1;
        } else {
            failed += 1;
        }
        results.push(Check {
            name: &request.name,
            expected: *expected,
            decision: run.decision,
            pass,
            determining: last
                .report
                .evaluation
                .iter()
                .flat_map(|e| e.determining.iter().map(|r| r.label()))
                .collect(),
            stopped_at: run.stopped_at_hop.then_some(last.label.as_str()),
        });
    }
    to_json(&CheckResult {
        results,
        passed,
        failed,
    })
}

/// The policy types `lint` takes: the scenario format's words, and `trust` (a resource policy that
/// is a role trust policy), as `iamplay lint --type`.
pub const LINT_TYPES: [&str; 8] = [
    "identity",
    "resource",
    "trust",
    "permissionsBoundary",
    "session",
    "scp",
    "rcp",
    "vpcEndpoint",
];

/// Lint one policy text of the given type (`LINT_TYPES`): [`LintResult`] as JSON. With a catalog,
/// its checks too.
pub fn lint(policy: &str, policy_type: &str, catalog: Option<&Catalog>) -> Answer {
    let (policy_type, options) = match policy_type {
        "trust" => (PolicyType::Resource, LintOptions::ROLE_TRUST_POLICY),
        other => match PolicyType::parse(other) {
            Some(t) => (t, LintOptions::default()),
            None => {
                return Err(failure(
                    &format!(
                        "the policy type must be one of {}, not `{other}`",
                        LINT_TYPES.join(", ")
                    ),
                    vec![],
                ))
            }
        },
    };
    to_json(&LintResult {
        diagnostics: lint_policy_with_options(policy, policy_type, options, catalog),
    })
}

/// Read the service catalog (the text of `data/catalog.json`).
pub fn load_catalog(text: &str) -> Result<Catalog, String> {
    Catalog::from_json(text).map_err(|message| failure(&message, vec![]))
}

/// The full names (`s3:GetObject`) of the actions an `Action` pattern matches, as a JSON array.
pub fn expand_action(catalog: &Catalog, pattern: &str) -> Answer {
    to_json(&iam_core::tools::expand_action(catalog, pattern))
}

fn read(text: &str) -> Result<Workspace, String> {
    parse_workspace(text).map_err(|errors| {
        let message = errors
            .iter()
            .map(ScenarioError::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        failure(&message, errors)
    })
}

fn analysis<'a>(input: &'a Input<'a>, step: &'a RunStep) -> Analysis<'a> {
    let evaluation = step.report.evaluation.as_ref();
    Analysis {
        decision: step.report.decision(),
        explanation: evaluation.map(explain),
        trace: evaluation,
        diagnostics: input.locate(&step.scenario, &step.report.diagnostics),
    }
}

fn failure(message: &str, errors: Vec<ScenarioError>) -> String {
    let failure = Failure {
        message: message.to_string(),
        errors,
    };
    // A `Failure` is strings and numbers: serializing it cannot fail, but say so if it did.
    serde_json::to_string(&failure).unwrap_or_else(|e| {
        format!(
            "{{\"message\":{},\"errors\":[]}}",
            iam_core::json_out::quote(&e.to_string())
        )
    })
}

fn to_json(value: &impl Serialize) -> Answer {
    serde_json::to_string(value)
        .map_err(|e| failure(&format!("cannot write the result: {e}"), vec![]))
}
