//! `iamplay lint`: check bare policies, or every policy of a scenario.

use std::io::{self, Write};

use iam_core::{
    parse_scenario, parse_workspace, policy::LintOptions, tools::lint_policy_with_options,
    Diagnostic, Severity,
};
use serde::Serialize;

use crate::args::LintArgs;
use crate::context::Context;
use crate::input::{read_text, scenario_sources, write_scenario_errors};
use crate::render::{write_diagnostic, DiagnosticOut, Sources, Style};

/// One line of `lint --json`.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    diagnostics: Vec<DiagnosticOut<'a>>,
}

/// Whether the text is a workspace: a JSON object with `"version": 2`.
pub fn is_workspace(text: &str) -> bool {
    iam_json::parse(text)
        .value
        .as_ref()
        .and_then(|v| v.as_object())
        .is_some_and(|members| {
            members.iter().any(|m| {
                m.key == "version"
                    && matches!(&m.value.kind, iam_json::ValueKind::Number(n) if n == "2")
            })
        })
}

/// Whether the text is a scenario: a JSON object with a top-level `request` or `policies`.
pub fn is_scenario(text: &str) -> bool {
    iam_json::parse(text)
        .value
        .as_ref()
        .and_then(|v| v.as_object())
        .is_some_and(|members| {
            members
                .iter()
                .any(|m| m.key == "request" || m.key == "policies")
        })
}

#[derive(Default)]
struct Counts {
    files: usize,
    by_severity: [usize; 4],
}

impl Counts {
    fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let slot = match d.severity {
                Severity::Error => 0,
                Severity::SecurityWarning => 1,
                Severity::Warning => 2,
                Severity::Suggestion => 3,
            };
            if let Some(n) = self.by_severity.get_mut(slot) {
                *n += 1;
            }
        }
    }

    fn errors(&self) -> usize {
        self.by_severity.first().copied().unwrap_or(0)
    }

    fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let [errors, security, warnings, suggestions] = self.by_severity;
        format!(
            "{}: {}, {}, {}, {}",
            plural(self.files, "file"),
            plural(errors, "error"),
            plural(security, "security warning"),
            plural(warnings, "warning"),
            plural(suggestions, "suggestion"),
        )
    }
}

pub fn run(cx: &mut Context, args: &LintArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;

    let (files, mut failed) = crate::input::expand(&mut *err, &args.paths)?;
    let catalog = crate::catalog::load_unless(args.no_catalog, &mut *err)?;
    let catalog = catalog.as_ref();
    let mut counts = Counts::default();
    let mut text = String::new();
    for path in &files {
        let name = path.display().to_string();
        if !read_text(&mut *err, path, &name, &mut text)? {
            failed = true;
            continue;
        }
        if is_workspace(&text) {
            let workspace = match parse_workspace(&text) {
                Ok(workspace) => workspace,
                Err(errors) => {
                    out.flush()?;
                    write_scenario_errors(&mut *err, &name, &errors)?;
                    failed = true;
                    continue;
                }
            };
            // Every document once, as what the model uses it for.
            let diagnostics = workspace.lint(catalog);
            let documents = workspace.documents();
            let scenario = iam_core::Scenario {
                policies: documents.into_iter().map(|(p, _)| p).collect(),
                ..iam_core::Scenario::default()
            };
            let sources = scenario_sources(&name, &text, &scenario);
            report(&mut *out, style, args.json, &sources, &diagnostics)?;
            counts.add(&diagnostics);
        } else if is_scenario(&text) {
            let scenario = match parse_scenario(&text) {
                Ok(scenario) => scenario,
                Err(errors) => {
                    out.flush()?;
                    write_scenario_errors(&mut *err, &name, &errors)?;
                    failed = true;
                    continue;
                }
            };
            let mut diagnostics = Vec::new();
            // As `iamplay eval` does: a role-trust request makes the resource policy a trust policy.
            let options = LintOptions {
                role_trust_policy: scenario.request.targets_role_trust_policy(),
            };
            for (index, policy) in scenario.policies.iter().enumerate() {
                for mut d in
                    lint_policy_with_options(&policy.document, policy.policy_type, options, catalog)
                {
                    d.policy = Some(index);
                    diagnostics.push(d);
                }
            }
            let sources = scenario_sources(&name, &text, &scenario);
            report(&mut *out, style, args.json, &sources, &diagnostics)?;
            counts.add(&diagnostics);
        } else {
            let options = LintOptions {
                role_trust_policy: args.role_trust,
            };
            let diagnostics = lint_policy_with_options(&text, args.policy_type, options, catalog);
            let sources = Sources::bare(&name, &text);
            report(&mut *out, style, args.json, &sources, &diagnostics)?;
            counts.add(&diagnostics);
        }
        counts.files += 1;
    }
    if !args.json && counts.files > 0 {
        writeln!(out, "{}", counts.summary())?;
    }
    out.flush()?;
    Ok(if failed {
        2
    } else if counts.errors() > 0 {
        1
    } else {
        0
    })
}

fn report(
    out: &mut dyn Write,
    style: Style,
    json: bool,
    sources: &Sources<'_>,
    diagnostics: &[Diagnostic],
) -> io::Result<()> {
    if json {
        let record = Record {
            file: sources.file_name,
            diagnostics: diagnostics
                .iter()
                .map(|d| DiagnosticOut::new(d, sources))
                .collect(),
        };
        serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
        return out.write_all(b"\n");
    }
    for d in diagnostics {
        write_diagnostic(out, style, sources, d)?;
        writeln!(out)?;
    }
    Ok(())
}
