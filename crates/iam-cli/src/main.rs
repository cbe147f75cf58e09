//! `iamplay`: evaluate AWS IAM scenarios and lint IAM policies from the command line.
//!
//! All IAM knowledge lives in `iam-core`; this crate reads files, parses arguments and prints.

mod actions;
mod args;
mod catalog;
mod context;
mod eval;
mod import;
mod input;
mod lint;
mod matrix;
mod render;
mod summary;
mod test;
mod who_can;

use std::io::{self, Write};
use std::process::ExitCode;

use args::{parse_args, Command, USAGE};

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
    let mut cx = context::Context::new(&command);
    let cx = &mut cx;
    let result = match command {
        Command::Help(text) => io::stdout().write_all(text.as_bytes()).map(|()| 0),
        Command::Version => {
            writeln!(io::stdout(), "iamplay {}", env!("CARGO_PKG_VERSION")).map(|()| 0)
        }
        Command::Eval(args) => eval::run(cx, &args),
        Command::Test(args) => test::run(cx, &args),
        Command::Import(args) => import::run(cx, &args),
        Command::WhoCan(args) => who_can::run(cx, &args),
        Command::Lint(args) => lint::run(cx, &args),
        Command::Actions(args) => actions::run(cx, &args),
        Command::Matrix(args) => matrix::run(cx, &args),
        Command::Summary(args) => summary::run(cx, &args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => io_failure(&error),
    }
}
