//! Reading input files and reporting the ones that cannot be read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use iam_core::{scenario::PolicyInput, Scenario, ScenarioError};

use crate::render::{PolicySource, Sources};

/// `FILE:L:C: field `request.contxt`: unknown field; did you mean `context`?`
pub fn write_scenario_error(err: &mut dyn Write, file: &str, e: &ScenarioError) -> io::Result<()> {
    let (line, column) = (e.start.line, e.start.column);
    if e.field.is_empty() {
        writeln!(err, "{file}:{line}:{column}: {}", e.message)
    } else {
        writeln!(
            err,
            "{file}:{line}:{column}: field `{}`: {}",
            e.field, e.message
        )
    }
}

/// Report a scenario that cannot be read, with a hint when it is a policy document instead.
pub fn write_scenario_errors(
    err: &mut dyn Write,
    file: &str,
    errors: &[ScenarioError],
) -> io::Result<()> {
    for e in errors {
        write_scenario_error(err, file, e)?;
    }
    if errors
        .iter()
        .any(|e| e.field == "Statement" || e.field == "Version")
    {
        writeln!(err, "{file}: hint: this looks like a policy document, not a scenario; `iamplay lint {file}` checks a policy")?;
    }
    Ok(())
}

/// Read a file as UTF-8 text into `text` (reusing its allocation); on failure print
/// `FILE: cannot read: …` and return `false`.
pub fn read_text(
    err: &mut dyn Write,
    path: &Path,
    name: &str,
    text: &mut String,
) -> io::Result<bool> {
    use std::io::Read;
    // Read bytes into `text`'s buffer, then check them: a file that is not UTF-8 is reported at
    // the first bad byte, with its line and column (`FILE:L:C: cannot read: not UTF-8 text: …`).
    let mut bytes = std::mem::take(text).into_bytes();
    bytes.clear();
    let result = std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes));
    if let Err(e) = result {
        writeln!(err, "{name}: cannot read: {e}")?;
        return Ok(false);
    }
    match String::from_utf8(bytes) {
        Ok(s) => {
            *text = s;
            Ok(true)
        }
        Err(e) => {
            if let Err(bad) = iam_json::decode_utf8(e.as_bytes()) {
                let at = bad.position;
                writeln!(err, "{name}:{}:{}: cannot read: {bad}", at.line, at.column)?;
            }
            // Keep the allocation for the next file.
            let mut bytes = e.into_bytes();
            bytes.clear();
            *text = String::from_utf8(bytes).unwrap_or_default();
            Ok(false)
        }
    }
}

/// Expand each DIR to the `*.json` files directly in it (sorted by name); keep FILEs as given.
/// Returns the files and whether some path could not be listed (already reported on `err`).
pub fn expand(err: &mut dyn Write, paths: &[PathBuf]) -> io::Result<(Vec<PathBuf>, bool)> {
    let mut files = Vec::new();
    let mut failed = false;
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                writeln!(err, "{}: cannot read directory: {e}", path.display())?;
                failed = true;
                continue;
            }
        };
        let mut found = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    let is_json = p.extension().is_some_and(|e| e == "json");
                    // `file_type` follows no symlink; a symlink to a file counts as a file.
                    if is_json && !p.is_dir() {
                        found.push(p);
                    }
                }
                Err(e) => {
                    writeln!(err, "{}: cannot read directory: {e}", path.display())?;
                    failed = true;
                }
            }
        }
        if found.is_empty() {
            writeln!(
                err,
                "iamplay: warning: {} has no `*.json` file",
                path.display()
            )?;
        }
        found.sort();
        files.extend(found);
    }
    Ok((files, failed))
}

/// The position sources of a scenario's policies.
pub fn scenario_sources<'a>(name: &'a str, text: &'a str, scenario: &'a Scenario) -> Sources<'a> {
    let policies = scenario
        .policies
        .iter()
        .map(|p: &PolicyInput| PolicySource::new(&p.name, &p.document, p.file_offset))
        .collect();
    Sources::new(name, text, policies)
}
