//! `iamplay who-can --action A --resource R WORKSPACE`: every principal of a workspace and its
//! decision.

use std::io::{self, Write};

use iam_core::{explain::Tone, parse_workspace};
use serde::Serialize;

use crate::context::Context;
use crate::input::{read_text, write_scenario_errors};
use crate::render::{tone_marker, write_deciding};

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
pub fn run(cx: &mut Context, args: &crate::args::WhoCanArgs) -> io::Result<u8> {
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
