//! `iamplay matrix --service S SCENARIO`: the access matrix (every action of the services,
//! evaluated).

use std::io::{self, Write};

use iam_core::{tools::access_matrix, tools::Matrix, Decision};

use crate::args::MatrixArgs;
use crate::catalog::load;
use crate::context::Context;
use crate::input::{read_text, write_scenario_errors};
use crate::render::{Style, BOLD, CYAN, DIM, GREEN, RED, YELLOW};

pub fn run(cx: &mut Context, args: &MatrixArgs) -> io::Result<u8> {
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
