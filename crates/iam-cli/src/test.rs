//! `iamplay test`: run the checks of workspaces — every request with an `expect` — and say which
//! pass.

use std::io::{self, Write};

use iam_core::{explain::Tone, parse_workspace};
use serde::Serialize;

use crate::args::EvalArgs;
use crate::context::Context;
use crate::input::{expand, read_text, write_scenario_errors};
use crate::render::{tone_marker, write_deciding, BOLD};

/// One line of `test --json`.
#[derive(Serialize)]
struct CheckRecord<'a> {
    file: &'a str,
    name: &'a str,
    expected: &'static str,
    /// `null` when the request is malformed (see `iamplay eval`).
    decision: Option<&'static str>,
    pass: bool,
    /// `Name/Sid` of each deciding statement.
    determining: Vec<String>,
    /// The hop of the AssumeRole chain that was not allowed, when the chain stopped there.
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped_at: Option<String>,
}

pub fn run(cx: &mut Context, args: &EvalArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;
    let (files, mut unreadable) = expand(&mut *err, &args.paths)?;
    let catalog = crate::catalog::load_unless(args.no_catalog, &mut *err)?;
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut text = String::new();
    for path in &files {
        let name = path.display().to_string();
        if !read_text(&mut *err, path, &name, &mut text)? {
            unreadable = true;
            continue;
        }
        let workspace = match parse_workspace(&text) {
            Ok(workspace) if args.solution => workspace.solved(),
            Ok(workspace) => workspace,
            Err(errors) => {
                out.flush()?;
                write_scenario_errors(&mut *err, &name, &errors)?;
                unreadable = true;
                continue;
            }
        };
        let mut header = !args.json;
        let mut runner = workspace.runner();
        for (index, request) in workspace.requests.iter().enumerate() {
            let Some(expected) = request.expect else {
                continue;
            };
            let Some(run) = runner.run(index, catalog.as_ref()) else {
                continue;
            };
            if header {
                style.paint(&mut *out, BOLD, &name)?;
                writeln!(out)?;
                header = false;
            }
            let Some(last) = run.steps.last() else {
                continue;
            };
            let report = &last.report;
            let decision = run.decision;
            // Where a chain stopped: the hop that was not allowed.
            let hop = run.stopped_at_hop.then(|| last.label.clone());
            let pass = decision == Some(expected);
            if pass {
                passed += 1;
            } else {
                failed += 1;
            }
            let determining: Vec<String> = report
                .evaluation
                .iter()
                .flat_map(|e| e.determining.iter().map(|r| r.label()))
                .collect();
            if args.json {
                let record = CheckRecord {
                    file: &name,
                    name: &request.name,
                    expected: expected.as_str(),
                    decision: decision.map(|d| d.as_str()),
                    pass,
                    determining,
                    stopped_at: hop,
                };
                serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
                writeln!(out)?;
                continue;
            }
            let (marker, color) = tone_marker(if pass {
                Tone::Match
            } else {
                Tone::ExplicitDeny
            });
            write!(out, "  ")?;
            style.paint(&mut *out, color, marker)?;
            write!(out, " ")?;
            style.paint(&mut *out, BOLD, if pass { "pass" } else { "FAIL" })?;
            write!(
                out,
                " {}: expected {}, got ",
                request.name,
                expected.as_str()
            )?;
            write!(
                out,
                "{}",
                decision
                    .map(|d| d.as_str())
                    .unwrap_or("no decision (malformed request)")
            )?;
            if let Some(hop) = &hop {
                write!(out, " at `{hop}`")?;
            }
            write_deciding(&mut *out, style, &determining, report)?;
            writeln!(out)?;
        }
    }
    if !args.json {
        writeln!(out, "{passed} passed, {failed} failed")?;
    }
    out.flush()?;
    Ok(if unreadable {
        2
    } else if failed > 0 {
        1
    } else {
        0
    })
}
