//! `iamplay actions PATTERN…`: the actions of the service catalog a pattern matches.

use std::collections::BTreeSet;
use std::io::{self, Write};

use iam_core::catalog::ActionRef;
use iam_core::{tools::AccessLevel, Catalog};
use serde::Serialize;

use crate::args::ActionsArgs;
use crate::catalog::load;
use crate::context::Context;
use crate::render::{DIM, RED, YELLOW};

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

pub fn run(cx: &mut Context, args: &ActionsArgs) -> io::Result<u8> {
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
