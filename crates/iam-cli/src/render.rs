//! Text output shared by `eval` and `lint`: colours, positions, diagnostics with a source excerpt,
//! and the JSON shapes that add line/column positions to iam-core's data.

use std::cell::OnceCell;
use std::io::{self, Write};

use iam_core::{explain::Step, explain::Tone, Diagnostic, LineCol, Severity, Span};
use iam_json::LineIndex;
use serde::Serialize;

/// Whether to emit ANSI colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn parse(text: &str) -> Option<ColorChoice> {
        match text {
            "auto" => Some(ColorChoice::Auto),
            "always" => Some(ColorChoice::Always),
            "never" => Some(ColorChoice::Never),
            _ => None,
        }
    }

    /// Resolve `auto` against stdout and the `NO_COLOR` / `TERM` conventions.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    && io::stdout().is_terminal()
            }
        }
    }
}

/// ANSI styling, or nothing.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
}

pub const RED: &str = "\x1b[31m";
pub const GREEN: &str = "\x1b[32m";
pub const YELLOW: &str = "\x1b[33m";
pub const MAGENTA: &str = "\x1b[35m";
pub const CYAN: &str = "\x1b[36m";
pub const BOLD: &str = "\x1b[1m";
pub const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Style {
    /// Write `text` in `code` (when colour is on).
    pub fn paint(&self, out: &mut dyn Write, code: &str, text: &str) -> io::Result<()> {
        if self.color && !code.is_empty() {
            write!(out, "{code}{text}{RESET}")
        } else {
            out.write_all(text.as_bytes())
        }
    }
}

/// The marker and colour for an explanation line's tone.
pub fn tone_marker(tone: Tone) -> (&'static str, &'static str) {
    match tone {
        Tone::Allow | Tone::Pass | Tone::Match => ("✔", GREEN),
        Tone::ExplicitDeny => ("✘", RED),
        Tone::ImplicitDeny => ("✘", YELLOW),
        Tone::NoMatch => ("✘", DIM),
        Tone::NotApplicable | Tone::Skipped => ("·", DIM),
        Tone::Note => ("ℹ", CYAN),
    }
}

pub fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::SecurityWarning => MAGENTA,
        Severity::Warning => YELLOW,
        Severity::Suggestion => CYAN,
    }
}

/// One policy text and, when it is a slice of the file, where it starts there.
pub struct PolicySource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// Byte offset of `text` in the file (document given as a JSON object, or a bare policy file).
    pub file_offset: Option<u32>,
    index: OnceCell<LineIndex>,
}

impl<'a> PolicySource<'a> {
    pub fn new(name: &'a str, text: &'a str, file_offset: Option<u32>) -> PolicySource<'a> {
        PolicySource {
            name,
            text,
            file_offset,
            index: OnceCell::new(),
        }
    }
}

/// A file's text and its policies, with line indexes built on first use.
pub struct Sources<'a> {
    pub file_name: &'a str,
    pub file_text: &'a str,
    file_index: OnceCell<LineIndex>,
    pub policies: Vec<PolicySource<'a>>,
    /// The file is one bare policy: diagnostics without a policy index point into it.
    bare: bool,
}

/// Where a span lies, in the terms a reader can follow.
pub struct Located<'a> {
    /// The text the excerpt is taken from (the file, or the policy string).
    pub text: &'a str,
    /// The span within `text`.
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    /// `true` when `text` is the file itself, so `start` is a position in the file.
    pub in_file: bool,
    pub policy_name: Option<&'a str>,
}

impl<'a> Sources<'a> {
    pub fn new(
        file_name: &'a str,
        file_text: &'a str,
        policies: Vec<PolicySource<'a>>,
    ) -> Sources<'a> {
        Sources {
            file_name,
            file_text,
            file_index: OnceCell::new(),
            policies,
            bare: false,
        }
    }

    /// A file that is one policy document.
    pub fn bare(file_name: &'a str, file_text: &'a str) -> Sources<'a> {
        let policies = vec![PolicySource::new(file_name, file_text, Some(0))];
        Sources {
            file_name,
            file_text,
            file_index: OnceCell::new(),
            policies,
            bare: true,
        }
    }

    fn file_index(&self) -> &LineIndex {
        self.file_index
            .get_or_init(|| LineIndex::new(self.file_text))
    }

    /// Locate a span of policy `policy`'s text.
    pub fn locate(&self, policy: usize, span: Span) -> Option<Located<'_>> {
        let p = self.policies.get(policy)?;
        Some(match p.file_offset {
            Some(offset) => {
                let span = span.shifted(offset);
                let index = self.file_index();
                Located {
                    text: self.file_text,
                    span,
                    start: index.line_col(span.start),
                    end: index.line_col(span.end),
                    in_file: true,
                    policy_name: Some(p.name),
                }
            }
            None => {
                let index = p.index.get_or_init(|| LineIndex::new(p.text));
                Located {
                    text: p.text,
                    span,
                    start: index.line_col(span.start),
                    end: index.line_col(span.end),
                    in_file: false,
                    policy_name: Some(p.name),
                }
            }
        })
    }

    /// Locate a diagnostic: policy diagnostics point into their policy; request diagnostics (no
    /// policy) into the file, where iam-core placed them (the request's field), when the request
    /// was read from it.
    pub fn locate_diagnostic(&self, d: &Diagnostic) -> Option<Located<'_>> {
        match self.diagnostic_policy(d) {
            Some(p) => self.locate(p, d.span),
            None => {
                let start = d.start?;
                Some(Located {
                    text: self.file_text,
                    span: d.span,
                    start,
                    end: d.end.unwrap_or(start),
                    in_file: true,
                    policy_name: None,
                })
            }
        }
    }

    /// The policy a diagnostic is about: its own index, or the file itself for a bare policy.
    pub fn diagnostic_policy(&self, d: &Diagnostic) -> Option<usize> {
        match d.policy {
            Some(p) => Some(p),
            None if self.bare => Some(0),
            None => None,
        }
    }

    pub fn policy_name(&self, policy: Option<usize>) -> Option<&'a str> {
        if self.bare {
            return None;
        }
        policy.and_then(|p| self.policies.get(p)).map(|p| p.name)
    }
}

/// A diagnostic as the CLI prints it in JSON: iam-core's fields (`start`/`end` are positions in
/// the policy text) plus the policy's name and, when the span lies in the file's own text, the
/// position in the file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticOut<'a> {
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_start: Option<LineCol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_end: Option<LineCol>,
}

impl<'a> DiagnosticOut<'a> {
    pub fn new(d: &'a Diagnostic, sources: &'a Sources<'a>) -> DiagnosticOut<'a> {
        let at = sources.locate_diagnostic(d).filter(|l| l.in_file);
        DiagnosticOut {
            diagnostic: d,
            policy_name: sources.policy_name(d.policy),
            file_start: at.as_ref().map(|l| l.start),
            file_end: at.as_ref().map(|l| l.end),
        }
    }
}

/// An explanation step in JSON: iam-core's fields plus the target's policy name and positions.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepOut<'a> {
    #[serde(flatten)]
    pub step: &'a Step,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<&'a str>,
    /// Position of the target in the policy text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<LineCol>,
    /// Position of the target in the file, when the policy is part of the file's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_start: Option<LineCol>,
}

impl<'a> StepOut<'a> {
    pub fn new(step: &'a Step, sources: &'a Sources<'a>) -> StepOut<'a> {
        let Some(target) = step.target else {
            return StepOut {
                step,
                policy_name: None,
                start: None,
                file_start: None,
            };
        };
        let policy = sources.policies.get(target.policy);
        let at = sources.locate(target.policy, target.span);
        let start = match (policy, &at) {
            (Some(p), Some(l)) if l.in_file => {
                // Position in the policy text itself, for consumers that show the document alone.
                let index = p.index.get_or_init(|| LineIndex::new(p.text));
                Some(index.line_col(target.span.start))
            }
            (_, Some(l)) => Some(l.start),
            _ => None,
        };
        StepOut {
            step,
            policy_name: policy.map(|p| p.name),
            start,
            file_start: at.filter(|l| l.in_file).map(|l| l.start),
        }
    }
}

/// ` (policy NAME line L:C)` or ` (policy NAME at FILE:L:C)`.
pub fn target_suffix(sources: &Sources<'_>, policy: usize, span: Span) -> Option<String> {
    let at = sources.locate(policy, span)?;
    let name = at.policy_name.unwrap_or("?");
    Some(if at.in_file {
        format!(
            "(policy {name} at {}:{}:{})",
            sources.file_name, at.start.line, at.start.column
        )
    } else {
        format!("(policy {name} line {}:{})", at.start.line, at.start.column)
    })
}

/// Print one diagnostic in the compiler style:
///
/// ```text
/// FILE:L:C: error[MISSING_EFFECT]: the statement has no `Effect`
///   = policy: NAME
///    |
///  3 |     { "Sid": "Read", "Action": "s3:GetObject" }
///    |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
///   = help: …
///   = path: Statement[0]
/// ```
pub fn write_diagnostic(
    out: &mut dyn Write,
    style: Style,
    sources: &Sources<'_>,
    d: &Diagnostic,
) -> io::Result<()> {
    let at = sources.locate_diagnostic(d);
    let policy_name = sources.policy_name(d.policy);
    let file = sources.file_name;
    match (&at, policy_name) {
        (Some(l), _) if l.in_file => write!(out, "{file}:{}:{}: ", l.start.line, l.start.column)?,
        (Some(l), Some(name)) => write!(
            out,
            "{file}: policy {name} line {}:{}: ",
            l.start.line, l.start.column
        )?,
        _ => write!(out, "{file}: ")?,
    }
    let color = severity_color(d.severity);
    let (label, code, message) = (d.severity.label(), d.code, &d.message);
    if style.color {
        writeln!(
            out,
            "{BOLD}{color}{label}[{code}]{RESET}{BOLD}: {message}{RESET}"
        )?;
    } else {
        writeln!(out, "{label}[{code}]: {message}")?;
    }
    if let (Some(name), Some(l)) = (policy_name, &at) {
        if l.in_file {
            writeln!(out, "  = policy: {name}")?;
        }
    }
    if let Some(l) = &at {
        write_excerpt(out, style, color, l)?;
    }
    if let Some(help) = &d.help {
        writeln!(out, "  = help: {help}")?;
    }
    for label in &d.labels {
        let where_ = sources
            .diagnostic_policy(d)
            .and_then(|p| sources.locate(p, label.span))
            .map(|l| {
                if l.in_file {
                    format!(" ({file}:{}:{})", l.start.line, l.start.column)
                } else {
                    format!(" (line {}:{})", l.start.line, l.start.column)
                }
            })
            .unwrap_or_default();
        writeln!(out, "  = note: {}{where_}", label.message)?;
    }
    if !d.path.is_empty() {
        writeln!(out, "  = path: {}", d.path)?;
    }
    if let Some(url) = d.learn_more() {
        writeln!(out, "  = docs: {url}")?;
    }
    Ok(())
}

/// Widest excerpt line shown, in characters; longer lines (minified JSON) are cut around the span.
const MAX_EXCERPT: usize = 100;

/// The span's first line and a caret underline under the span's columns on it.
///
/// Reads only the characters it shows (at most [`MAX_EXCERPT`] + 1 either side of the span's
/// start), so a diagnostic on a line of any length (a minified policy) costs the same.
fn write_excerpt(
    out: &mut dyn Write,
    style: Style,
    color: &str,
    at: &Located<'_>,
) -> io::Result<()> {
    let text = at.text;
    let len = text.len();
    let mut start = (at.span.start as usize).min(len);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let is_break = |c: &char| *c == '\n' || *c == '\r';
    // Up to MAX_EXCERPT + 1 characters of the line before the span and from its start: enough to
    // tell a long line from a short one and to fill the window.
    let before: Vec<char> = text
        .get(..start)
        .unwrap_or("")
        .chars()
        .rev()
        .take_while(|c| !is_break(c))
        .take(MAX_EXCERPT + 1)
        .collect();
    let after: Vec<char> = text
        .get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !is_break(c))
        .take(MAX_EXCERPT + 1)
        .collect();
    // `line` is the known part of the line (it is longer than MAX_EXCERPT when either part was
    // cut); `caret_from` the span's start in it.
    let caret_from = before.len();
    let line: Vec<char> = before.into_iter().rev().chain(after).collect();
    let caret_len = text
        .get(start..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !is_break(c))
        .take(MAX_EXCERPT + 1)
        .scan(start, |at_byte, c| {
            let here = *at_byte;
            *at_byte += c.len_utf8();
            Some(here)
        })
        .take_while(|here| *here < at.span.end as usize)
        .count()
        .max(1);

    // Cut long lines to a window that shows the start of the span.
    let (from, cut_left) = if line.len() > MAX_EXCERPT && caret_from > 30 {
        (caret_from - 30, true)
    } else {
        (0, false)
    };
    let to = (from + MAX_EXCERPT).min(line.len());
    let cut_right = to < line.len();
    let shown: String = line.get(from..to).unwrap_or(&[]).iter().collect();
    let pad: String = line
        .get(from..caret_from.min(line.len()))
        .unwrap_or(&[])
        .iter()
        .map(|c| if *c == '\t' { '\t' } else { ' ' })
        .collect();
    let caret_len = caret_len.min((to + 1).saturating_sub(caret_from).max(1));

    let number = at.start.line.to_string();
    let gutter = " ".repeat(number.len());
    style.paint(out, DIM, &format!("{gutter} |"))?;
    writeln!(out)?;
    style.paint(out, DIM, &format!("{number} | "))?;
    writeln!(
        out,
        "{}{shown}{}",
        if cut_left { "…" } else { "" },
        if cut_right { "…" } else { "" }
    )?;
    style.paint(out, DIM, &format!("{gutter} | "))?;
    write!(out, "{}{pad}", if cut_left { " " } else { "" })?;
    style.paint(out, color, &"^".repeat(caret_len))?;
    writeln!(out)
}

/// ` (Policy/Sid, …)` after a decision: the deciding statements, or the Block Public Access setting
/// that blocked (the core's words).
pub fn write_deciding(
    out: &mut impl Write,
    style: Style,
    determining: &[String],
    report: &iam_core::Report,
) -> io::Result<()> {
    let blocked = report
        .evaluation
        .as_ref()
        .and_then(iam_core::explain::words::blocked_by);
    let text = match blocked {
        Some(setting) if determining.is_empty() => setting,
        _ if determining.is_empty() => return Ok(()),
        _ => determining.join(", "),
    };
    write!(out, " ")?;
    style.paint(out, DIM, &format!("({text})"))
}
