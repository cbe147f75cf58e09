//! `iamplay test`: run the checks of workspaces — every request with an `expect` — and say which
//! pass.

use crate::context::Context;
use std::io::{self, Write};

use iam_core::{parse_workspace, Tone};
use serde::Serialize;

use crate::args::EvalArgs;
use crate::input::{expand, read_text, write_scenario_errors};
use crate::render::{tone_marker, Style, BOLD, DIM};

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
        for (index, request) in workspace.requests.iter().enumerate() {
            let Some(expected) = request.expect else {
                continue;
            };
            let Some(run) = workspace.run(index, catalog.as_ref()) else {
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

/// `iamplay import aws-authz FILE [--account ID]`: the workspace on stdout, a summary on stderr.
pub fn import(cx: &mut Context, args: &crate::args::ImportArgs) -> io::Result<u8> {
    let Context { out, err, .. } = cx;
    let name = args.path.display().to_string();
    let mut text = String::new();
    if !read_text(&mut *err, &args.path, &name, &mut text)? {
        return Ok(2);
    }
    match iam_core::import_authorization_details(&text, args.account.as_deref()) {
        Err(errors) => {
            for e in &errors {
                crate::input::write_scenario_error(&mut *err, &name, e)?;
            }
            Ok(2)
        }
        Ok(imported) => {
            out.write_all(imported.workspace.as_bytes())?;
            // Before the summary on standard error, as when it was written unbuffered.
            out.flush()?;
            writeln!(
                err,
                "{name}: imported {} users, {} groups, {} roles, {} managed policies; {} fields not used",
                imported.users, imported.groups, imported.roles, imported.policies, imported.ignored_fields
            )?;
            if !imported.missing_policies.is_empty() {
                writeln!(
                    err,
                    "{name}: {} attached policies are not in the file, so their attachments are left out (AWS managed policies are listed only with `--filter AWSManagedPolicy`): {}",
                    imported.missing_policies.len(),
                    imported.missing_policies.join(", ")
                )?;
            }
            if !imported.missing_groups.is_empty() {
                writeln!(
                    err,
                    "{name}: {} groups that users are in are not in the file, so those memberships are left out (the output of `--filter User` has no groups): {}",
                    imported.missing_groups.len(),
                    imported.missing_groups.join(", ")
                )?;
            }
            Ok(0)
        }
    }
}

/// One line of `who-can --json`.
#[derive(Serialize)]
struct WhoRecord<'a> {
    principal: &'a str,
    /// `null` when the request is malformed for this principal.
    decision: Option<&'static str>,
    determining: Vec<String>,
}

/// `iamplay who-can --action A --resource R WORKSPACE`: every principal of the workspace and its
/// decision, the allowed ones first.
pub fn who_can(cx: &mut Context, args: &crate::args::WhoCanArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;
    let name = args.path.display().to_string();
    let mut text = String::new();
    if !read_text(&mut *err, &args.path, &name, &mut text)? {
        return Ok(2);
    }
    let workspace = match parse_workspace(&text) {
        Ok(w) => w,
        Err(errors) => {
            write_scenario_errors(&mut *err, &name, &errors)?;
            return Ok(2);
        }
    };
    let catalog = crate::catalog::load_unless(args.no_catalog, &mut *err)?;
    for (principal, report) in workspace.who_can(&args.action, &args.resource, catalog.as_ref()) {
        let decision = report.decision();
        let determining: Vec<String> = report
            .evaluation
            .iter()
            .flat_map(|e| e.determining.iter().map(|r| r.label()))
            .collect();
        if args.json {
            let record = WhoRecord {
                principal: &principal,
                decision: decision.map(|d| d.as_str()),
                determining,
            };
            serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
            writeln!(out)?;
            continue;
        }
        let tone = match decision {
            Some(iam_core::Decision::Allowed) => Tone::Allow,
            Some(iam_core::Decision::ExplicitDeny) => Tone::ExplicitDeny,
            _ => Tone::ImplicitDeny,
        };
        let (marker, color) = tone_marker(tone);
        style.paint(&mut *out, color, marker)?;
        write!(
            out,
            " {:<13} {principal}",
            decision.map(|d| d.as_str()).unwrap_or("malformed")
        )?;
        write_deciding(&mut *out, style, &determining, &report)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(0)
}

/// ` (Policy/Sid, …)` after a decision: the deciding statements, or the Block Public Access setting
/// that blocked (the core's words).
fn write_deciding(
    out: &mut impl Write,
    style: Style,
    determining: &[String],
    report: &iam_core::Report,
) -> io::Result<()> {
    let blocked = report
        .evaluation
        .as_ref()
        .and_then(iam_core::words::blocked_by);
    let text = match blocked {
        Some(setting) if determining.is_empty() => setting,
        _ if determining.is_empty() => return Ok(()),
        _ => determining.join(", "),
    };
    write!(out, " ")?;
    style.paint(out, DIM, &format!("({text})"))
}
