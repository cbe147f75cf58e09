//! `iamplay summary FILE…`: an IAM-console-style summary of a policy, by evaluation.

use std::io::{self, Write};

use iam_core::{parse_scenario, tools::policy_summary, tools::Access, tools::Summary, PolicyType};
use serde::Serialize;

use crate::args::SummaryArgs;
use crate::catalog::load;
use crate::context::Context;
use crate::input::{read_text, write_scenario_errors};
use crate::render::{Style, BOLD, CYAN, DIM, GREEN, YELLOW};

/// `summary --json`: one record per policy.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryOut<'a> {
    file: &'a str,
    /// The policy's name in the scenario; absent for a bare policy file.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
    #[serde(rename = "type")]
    policy_type: &'static str,
    summary: &'a Summary,
}

pub fn run(cx: &mut Context, args: &SummaryArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;
    let catalog = match load() {
        Ok(c) => c,
        Err(message) => {
            writeln!(err, "iamplay: {message}")?;
            return Ok(2);
        }
    };
    let mut failed = false;
    let mut text = String::new();
    let mut first = true;
    for path in &args.paths {
        let name = path.display().to_string();
        if !read_text(&mut *err, path, &name, &mut text)? {
            failed = true;
            continue;
        }
        // A workspace: the policies the model gives --principal (identity policies and boundary); a
        // scenario: every policy of it; otherwise one policy of type --type.
        let policies: Vec<(Option<String>, PolicyType, String)> =
            if let Some(principal) = args.principal.as_deref() {
                if !crate::lint::is_workspace(&text) {
                    writeln!(err, "{name}: `--principal` is for a workspace (format v2)")?;
                    failed = true;
                    continue;
                }
                match iam_core::parse_workspace(&text) {
                    Ok(w) => w
                        .scenario_for(principal, "s3:*", "*")
                        .policies
                        .into_iter()
                        .filter(|p| {
                            matches!(
                                p.policy_type,
                                PolicyType::Identity | PolicyType::PermissionsBoundary
                            )
                        })
                        .map(|p| {
                            let label = match &p.origin {
                                Some(origin) => format!("{} ({origin})", p.name),
                                None => p.name,
                            };
                            (Some(label), p.policy_type, p.document)
                        })
                        .collect(),
                    Err(errors) => {
                        out.flush()?;
                        write_scenario_errors(&mut *err, &name, &errors)?;
                        failed = true;
                        continue;
                    }
                }
            } else if crate::lint::is_scenario(&text) {
                match parse_scenario(&text) {
                    Ok(s) => s
                        .policies
                        .into_iter()
                        .map(|p| (Some(p.name), p.policy_type, p.document))
                        .collect(),
                    Err(errors) => {
                        out.flush()?;
                        write_scenario_errors(&mut *err, &name, &errors)?;
                        failed = true;
                        continue;
                    }
                }
            } else {
                vec![(None, args.policy_type, text.clone())]
            };
        for (policy, policy_type, document) in &policies {
            let summary = policy_summary(document, *policy_type, &catalog);
            if !summary.parsed {
                writeln!(
                    err,
                    "{name}: not a policy document (run `iamplay lint {name}`)"
                )?;
                failed = true;
                continue;
            }
            if args.json {
                let record = SummaryOut {
                    file: &name,
                    policy: policy.as_deref(),
                    policy_type: policy_type.as_str(),
                    summary: &summary,
                };
                serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
                writeln!(out)?;
            } else {
                if !first {
                    writeln!(out)?;
                }
                let title = match policy {
                    Some(p) => format!("{name}: {p} ({})", policy_type.describe()),
                    None => name.clone(),
                };
                write_summary(&mut *out, style, &title, &summary)?;
            }
            first = false;
        }
    }
    out.flush()?;
    Ok(if failed { 2 } else { 0 })
}

fn access_words(access: Access) -> (&'static str, &'static str) {
    match access {
        Access::Full => ("full", GREEN),
        Access::Limited => ("limited", YELLOW),
        Access::None => ("none", DIM),
    }
}

fn write_summary(
    out: &mut dyn Write,
    style: Style,
    title: &str,
    summary: &Summary,
) -> io::Result<()> {
    style.paint(out, BOLD, title)?;
    writeln!(out)?;
    if summary.services.is_empty() {
        writeln!(out, "  grants nothing")?;
    }
    for service in &summary.services {
        let (word, color) = access_words(service.access);
        write!(out, "  {} ({}): ", service.name, service.prefix)?;
        style.paint(out, color, word)?;
        writeln!(out)?;
        if service.access == Access::None {
            continue;
        }
        for level in &service.levels {
            let (word, color) = access_words(level.access);
            write!(out, "    {:<24}", level.access_level.label())?;
            style.paint(out, color, &format!("{word:<7}"))?;
            let count = format!("{} of {}", level.allowed, level.total);
            write!(out, " {count:>10}")?;
            if !level.resources.is_empty() {
                let resources: Vec<&str> = level
                    .resources
                    .iter()
                    .map(|r| {
                        if r == "*" {
                            "all resources"
                        } else {
                            r.as_str()
                        }
                    })
                    .collect();
                write!(out, "  on {}", resources.join(", "))?;
            }
            if level.conditional {
                write!(out, " ")?;
                style.paint(out, CYAN, "(with conditions)")?;
            }
            writeln!(out)?;
            if !level.actions.is_empty() && level.actions.len() <= 12 {
                style.paint(out, DIM, &format!("      {}", level.actions.join(", ")))?;
                writeln!(out)?;
            }
        }
    }
    for unknown in &summary.unknown_actions {
        writeln!(out, "  note: `{unknown}` matches no known action")?;
    }
    Ok(())
}
