//! `iamplay`: evaluate AWS IAM scenarios and lint IAM policies from the command line.
//!
//! All IAM knowledge lives in `iam-core`; this crate reads files, parses arguments and prints.

mod eval;
mod input;
mod lint;
mod render;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use iam_core::PolicyType;
use render::ColorChoice;

const USAGE: &str = "\
iamplay — an AWS IAM policy playground

Usage:
  iamplay eval [--json] [--color WHEN] FILE|DIR...
  iamplay lint [--json] [--type TYPE] [--color WHEN] FILE...
  iamplay help [COMMAND]
  iamplay --version
";

const HELP: &str = "\
iamplay — an AWS IAM policy playground

Usage:
  iamplay eval [--json] [--color WHEN] FILE|DIR...
  iamplay lint [--json] [--type TYPE] [--color WHEN] FILE...
  iamplay help [COMMAND]
  iamplay --version

Commands:
  eval   Evaluate scenarios (format v1, docs/scenario-format.md) and explain each decision.
  lint   Check policies, or every policy of a scenario, for errors and risky grants.
  help   Show this help, or a command's.

Options:
  -h, --help      Show help.
  -V, --version   Show the version.

Exit status: 0 on success, 1 when `lint` finds an error, 2 for bad usage or an input that
cannot be read.
";

const EVAL_HELP: &str = "\
iamplay eval — evaluate scenarios and explain each decision

Usage:
  iamplay eval [--json] [--color WHEN] FILE|DIR...

Each FILE is a scenario (format v1). A DIR stands for every `*.json` file directly in it, in
name order.

Options:
  --json          One JSON object per scenario per line (JSON Lines):
                  {\"file\", \"decision\", \"headline\", \"determining\", \"diagnostics\",
                   \"explanation\", \"trace\"}. `decision` is null only when the request is
                  malformed; the diagnostics say why.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 whatever the decisions; 2 when a file cannot be read as a scenario (the others
are still evaluated).
";

const LINT_HELP: &str = "\
iamplay lint — check policies for errors and risky grants

Usage:
  iamplay lint [--json] [--type TYPE] [--color WHEN] FILE...

A FILE with a top-level `request` or `policies` member is a scenario: every policy in it is
checked, as the type the scenario gives it. Any other FILE is one policy document, of type
TYPE.

Options:
  --type TYPE     identity (default), resource, permissionsBoundary, session, scp or rcp.
  --json          One JSON object per file per line: {\"file\", \"diagnostics\"}.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 when no error was found, 1 when one was, 2 when a file cannot be read.
";

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Help(&'static str),
    Version,
    Eval(EvalArgs),
    Lint(LintArgs),
}

#[derive(Debug)]
pub struct EvalArgs {
    pub json: bool,
    pub color: ColorChoice,
    pub paths: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct LintArgs {
    pub json: bool,
    pub color: ColorChoice,
    pub policy_type: PolicyType,
    pub paths: Vec<PathBuf>,
}

fn help_for(topic: &str) -> Option<&'static str> {
    match topic {
        "eval" => Some(EVAL_HELP),
        "lint" => Some(LINT_HELP),
        "help" => Some(HELP),
        _ => None,
    }
}

fn value_string(value: OsString, what: &str) -> Result<String, String> {
    value
        .into_string()
        .map_err(|v| format!("{what} `{}` is not valid UTF-8", v.to_string_lossy()))
}

fn parse_color(parser: &mut lexopt::Parser) -> Result<ColorChoice, String> {
    let value = value_string(parser.value().map_err(|e| e.to_string())?, "--color")?;
    ColorChoice::parse(&value)
        .ok_or_else(|| format!("--color must be auto, always or never, not `{value}`"))
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None => return Err("no command given".to_string()),
        Some(Short('h') | Long("help")) => return Ok(Command::Help(HELP)),
        Some(Short('V') | Long("version")) => return Ok(Command::Version),
        Some(Value(command)) => value_string(command, "command")?,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    match command.as_str() {
        "help" => {
            let topic = match parser.next().map_err(|e| e.to_string())? {
                None => return Ok(Command::Help(HELP)),
                Some(Value(topic)) => value_string(topic, "command")?,
                Some(other) => return Err(other.unexpected().to_string()),
            };
            if let Some(extra) = parser.next().map_err(|e| e.to_string())? {
                return Err(extra.unexpected().to_string());
            }
            help_for(&topic)
                .map(Command::Help)
                .ok_or_else(|| format!("no such command: `{topic}`"))
        }
        "eval" => {
            let mut args = EvalArgs {
                json: false,
                color: ColorChoice::Auto,
                paths: Vec::new(),
            };
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(EVAL_HELP)),
                    Long("json") => args.json = true,
                    Long("color") => args.color = parse_color(&mut parser)?,
                    Value(path) => args.paths.push(PathBuf::from(path)),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            if args.paths.is_empty() {
                return Err("`eval` needs at least one FILE or DIR".to_string());
            }
            Ok(Command::Eval(args))
        }
        "lint" => {
            let mut args = LintArgs {
                json: false,
                color: ColorChoice::Auto,
                policy_type: PolicyType::Identity,
                paths: Vec::new(),
            };
            while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                match arg {
                    Short('h') | Long("help") => return Ok(Command::Help(LINT_HELP)),
                    Long("json") => args.json = true,
                    Long("color") => args.color = parse_color(&mut parser)?,
                    Short('t') | Long("type") => {
                        let value =
                            value_string(parser.value().map_err(|e| e.to_string())?, "--type")?;
                        args.policy_type = PolicyType::parse(&value).ok_or_else(|| {
                            let names: Vec<&str> =
                                PolicyType::ALL.iter().map(|t| t.as_str()).collect();
                            format!("--type must be one of {}, not `{value}`", names.join(", "))
                        })?;
                    }
                    Value(path) => args.paths.push(PathBuf::from(path)),
                    other => return Err(other.unexpected().to_string()),
                }
            }
            if args.paths.is_empty() {
                return Err("`lint` needs at least one FILE".to_string());
            }
            Ok(Command::Lint(args))
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// Exit status for an IO error on stdout: a closed pipe (`iamplay eval dir | head`) is a normal
/// way to stop reading, anything else is a failure.
fn io_failure(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        let _ = writeln!(io::stderr(), "iamplay: cannot write output: {error}");
        ExitCode::from(2)
    }
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            let _ = write!(
                io::stderr(),
                "iamplay: {message}\n\n{USAGE}\nRun `iamplay --help` for more.\n"
            );
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help(text) => io::stdout().write_all(text.as_bytes()).map(|()| 0),
        Command::Version => {
            writeln!(io::stdout(), "iamplay {}", env!("CARGO_PKG_VERSION")).map(|()| 0)
        }
        Command::Eval(args) => eval::run(&args),
        Command::Lint(args) => lint::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => io_failure(&error),
    }
}
