//! What every command shares: the locked output streams and the style of the text output. `main`
//! makes one from the command line and hands it to the command.

use std::io::{self, BufWriter, StderrLock, StdoutLock};

use crate::args::Command;
use crate::render::Style;

pub struct Context {
    /// Standard output, buffered (a command's results; flushed when the context is dropped).
    pub out: BufWriter<StdoutLock<'static>>,
    /// Standard error (messages about files, and summaries), unbuffered.
    pub err: StderrLock<'static>,
    /// Colours only for text output to a terminal that wants them (`--color`), never with `--json`.
    pub style: Style,
}

impl Context {
    pub fn new(command: &Command) -> Context {
        let (json, color) = command.output();
        Context {
            out: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
            err: io::stderr().lock(),
            style: Style {
                color: !json && color.is_some_and(|c| c.enabled()),
            },
        }
    }
}
