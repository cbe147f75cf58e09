//! Law: `parse_workspace` (format v2, or v1 read as a workspace) never panics, whatever the bytes;
//! when it reads them, linting every document the model uses, deriving each request's scenario,
//! running it (its AssumeRole hops, then the request) and explaining every step never panic.
#![no_main]

use iam_core::{
    analyze, explain, parse_workspace, tools::lint_policy_with_options, Options, Report,
};
use libfuzzer_sys::fuzz_target;

/// Requests evaluated per input: enough to reach hops and derived policies, few enough to keep
/// each run fast (libFuzzer's `-report_slow_units` flags what is not).
const MAX_REQUESTS: usize = 8;

fn exercise(report: &Report) {
    if let Some(evaluation) = &report.evaluation {
        let _ = explain(evaluation).steps();
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(workspace) = parse_workspace(&text) else {
        return;
    };
    for (policy, options) in workspace.documents() {
        let _ = lint_policy_with_options(&policy.document, policy.policy_type, options, None);
    }
    let requests = workspace.requests.len().max(1).min(MAX_REQUESTS);
    for index in 0..requests {
        if let Some(scenario) = workspace.scenario(index) {
            exercise(&analyze(&scenario, &Options::default()));
        }
        if let Some(run) = workspace.run(index, None) {
            for step in &run.steps {
                exercise(&step.report);
            }
        }
    }
});
