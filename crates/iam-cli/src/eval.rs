//! `iamplay eval`: evaluate scenarios and explain each decision.

use std::collections::HashMap;
use std::io::{self, Write};

use iam_core::{explain, explain::Tone, parse_workspace, Catalog, Evaluation, Report};
use serde::Serialize;

use crate::args::EvalArgs;
use crate::context::Context;
use crate::input::{expand, read_text, scenario_sources, write_scenario_errors};
use crate::render::{
    target_suffix, tone_marker, write_diagnostic, DiagnosticOut, Sources, StepOut, Style, BOLD, DIM,
};

/// One line of `eval --json`.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    /// The request's name, for a workspace (format v2).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    /// `allowed`, `explicitDeny`, `implicitDeny`, or null when the request is malformed.
    decision: Option<&'static str>,
    headline: Option<String>,
    /// `Name/Sid` or `Name#index` of each deciding statement.
    determining: Vec<String>,
    diagnostics: Vec<DiagnosticOut<'a>>,
    explanation: Vec<StepOut<'a>>,
    /// The wildcard action patterns of the deciding statements that matched the request, with the
    /// number of actions each matches (with the catalog only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expansions: Vec<Expansion>,
    trace: Option<&'a Evaluation>,
}

/// A wildcard action pattern of a deciding statement, expanded with the catalog.
#[derive(Serialize)]
struct Expansion {
    /// `Name/Sid` of the statement.
    statement: String,
    pattern: String,
    /// How many actions the pattern matches.
    count: usize,
    /// The first of them (at most 10), in service and name order.
    first: Vec<String>,
}

const EXPANSION_SAMPLE: usize = 10;

/// The wildcard action patterns of the deciding statements that matched the request.
fn expansions(evaluation: &Evaluation, catalog: Option<&Catalog>) -> Vec<Expansion> {
    let Some(catalog) = catalog else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // Each distinct pattern is expanded once (`*` in 40,000 deciding statements is one expansion).
    let mut expanded: HashMap<&str, (usize, Vec<String>)> = HashMap::new();
    for r in &evaluation.determining {
        // A policy's statements are in document order: a binary search, not a scan (with 40,000
        // deciding statements the scan was quadratic).
        let statement = evaluation.policies.get(r.policy).and_then(|p| {
            p.statements
                .binary_search_by_key(&r.statement, |s| s.index)
                .ok()
                .and_then(|i| p.statements.get(i))
        });
        let Some(action) = statement.and_then(|s| s.action.as_ref()) else {
            continue;
        };
        if action.negated {
            continue;
        }
        for value in action.values.iter().filter(|v| v.matched) {
            if !value.text.contains(['*', '?']) {
                continue;
            }
            let (count, first) = expanded.entry(&value.text).or_insert_with(|| {
                let matched = catalog.expand(&value.text);
                let first = matched
                    .iter()
                    .take(EXPANSION_SAMPLE)
                    .map(|a| a.full_name())
                    .collect();
                (matched.len(), first)
            });
            out.push(Expansion {
                statement: r.label(),
                pattern: value.text.clone(),
                count: *count,
                first: first.clone(),
            });
        }
    }
    out
}

pub fn run(cx: &mut Context, args: &EvalArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;

    let (files, mut failed) = expand(&mut *err, &args.paths)?;
    let catalog = crate::catalog::load_unless(args.no_catalog, &mut *err)?;
    let mut first = true;
    // Reused across files: the file text, and one scenario's output (serialized into a `Vec`
    // rather than through the `BufWriter`, so serde_json's many small writes stay cheap).
    let mut text = String::new();
    let mut buffer: Vec<u8> = Vec::with_capacity(1 << 16);
    for path in &files {
        let name = path.display().to_string();
        if !read_text(&mut *err, path, &name, &mut text)? {
            failed = true;
            continue;
        }
        let workspace = match parse_workspace(&text) {
            Ok(workspace) => workspace,
            Err(errors) => {
                if !args.json {
                    // Keep stdout and stderr in order on a terminal.
                    out.flush()?;
                }
                write_scenario_errors(&mut *err, &name, &errors)?;
                failed = true;
                continue;
            }
        };
        // A v1 scenario is a workspace of one unnamed request. A request with an AssumeRole chain
        // is explained hop by hop, then the request itself (unless a hop denied).
        let mut runner = workspace.runner();
        for (index, request) in workspace.requests.iter().enumerate() {
            let Some(run) = runner.run(index, catalog.as_ref()) else {
                continue;
            };
            for step in &run.steps {
                let label = match (workspace.scenario.is_none(), step.label.is_empty()) {
                    (false, _) => None,
                    (true, true) => Some(request.name.clone()),
                    (true, false) => Some(format!("{} — {}", request.name, step.label)),
                };
                let sources = scenario_sources(&name, &text, &step.scenario);
                buffer.clear();
                if args.json {
                    write_json(
                        &mut buffer,
                        &sources,
                        label.as_deref(),
                        &step.report,
                        catalog.as_ref(),
                    )?;
                } else {
                    if !first {
                        writeln!(buffer)?;
                    }
                    write_human(
                        &mut buffer,
                        style,
                        &sources,
                        label.as_deref(),
                        &step.report,
                        catalog.as_ref(),
                    )?;
                }
                out.write_all(&buffer)?;
                first = false;
            }
        }
    }
    out.flush()?;
    Ok(if failed { 2 } else { 0 })
}

fn write_json(
    out: &mut Vec<u8>,
    sources: &Sources<'_>,
    name: Option<&str>,
    report: &Report,
    catalog: Option<&Catalog>,
) -> io::Result<()> {
    let explanation = report.evaluation.as_ref().map(explain);
    let steps = explanation.as_ref().map(|x| x.steps()).unwrap_or_default();
    let record = Record {
        file: sources.file_name,
        name,
        decision: report.decision().map(|d| d.as_str()),
        headline: explanation.map(|x| x.headline.text),
        determining: report
            .evaluation
            .iter()
            .flat_map(|e| e.determining.iter().map(|r| r.label()))
            .collect(),
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| DiagnosticOut::new(d, sources))
            .collect(),
        explanation: steps.iter().map(|s| StepOut::new(s, sources)).collect(),
        expansions: report
            .evaluation
            .as_ref()
            .map(|e| expansions(e, catalog))
            .unwrap_or_default(),
        trace: report.evaluation.as_ref(),
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    out.push(b'\n');
    Ok(())
}

fn write_human(
    out: &mut dyn Write,
    style: Style,
    sources: &Sources<'_>,
    name: Option<&str>,
    report: &Report,
    catalog: Option<&Catalog>,
) -> io::Result<()> {
    match name {
        Some(name) => style.paint(out, BOLD, &format!("{} — {name}", sources.file_name))?,
        None => style.paint(out, BOLD, sources.file_name)?,
    }
    writeln!(out)?;
    match &report.evaluation {
        None => {
            let (marker, color) = tone_marker(Tone::ImplicitDeny);
            style.paint(out, color, marker)?;
            writeln!(out, " No decision: the request is malformed (see below).")?;
        }
        Some(evaluation) => {
            let explanation = explain(evaluation);
            let (marker, color) = tone_marker(explanation.headline.tone);
            style.paint(out, color, marker)?;
            write!(out, " ")?;
            style.paint(out, BOLD, &explanation.headline.text)?;
            writeln!(out)?;
            // The flattened explanation opens with the headline, just printed in bold.
            for step in explanation.steps().iter().skip(1) {
                let indent = "  ".repeat(usize::from(step.depth) + 1);
                let (marker, color) = tone_marker(step.tone);
                write!(out, "{indent}")?;
                style.paint(out, color, marker)?;
                write!(out, " {}", step.text)?;
                if let Some(suffix) = step
                    .target
                    .and_then(|t| target_suffix(sources, t.policy, t.span))
                {
                    write!(out, " ")?;
                    style.paint(out, DIM, &suffix)?;
                }
                writeln!(out)?;
            }
            // What the deciding wildcards stand for.
            for e in expansions(evaluation, catalog) {
                let (marker, color) = tone_marker(Tone::Note);
                write!(out, "  ")?;
                style.paint(out, color, marker)?;
                let actions = if e.count == 1 { "action" } else { "actions" };
                write!(
                    out,
                    " `{}` ({}) matches {} {actions}",
                    e.pattern, e.statement, e.count
                )?;
                let shown: Vec<&str> = e.first.iter().take(5).map(String::as_str).collect();
                if !shown.is_empty() {
                    let more = if e.count > shown.len() { ", …" } else { "" };
                    write!(out, ": {}{more}", shown.join(", "))?;
                }
                writeln!(out)?;
            }
        }
    }
    for d in &report.diagnostics {
        writeln!(out)?;
        write_diagnostic(out, style, sources, d)?;
    }
    Ok(())
}
