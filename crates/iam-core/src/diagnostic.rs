//! Diagnostics: one plain-data shape for every consumer (CLI, web, corpus).
//!
//! Codes are AWS IAM Access Analyzer issue codes where one exists
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>);
//! iamplay's own codes use the same SHOUTY_SNAKE style and are listed in `docs/diagnostics.md`.

use iam_json::{LineCol, Span};

use crate::codes::Code;
use serde::Serialize;

/// How bad a finding is, in Access Analyzer's four categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The policy is invalid or does not work as intended.
    Error,
    /// The policy grants more than it probably should.
    SecurityWarning,
    /// Not best practice, but not a security risk.
    Warning,
    /// A tidy-up with no effect on permissions.
    Suggestion,
}

impl Severity {
    /// The word used in human output.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// A secondary location that explains a diagnostic (e.g. the first Sid of a duplicate pair).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// An edit that resolves a finding (a "did you mean"): `replacement` in place of `span` of the
/// policy text. The playground offers it as a quick fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// One finding about a policy or about the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable code, e.g. `MISSING_EFFECT`.
    pub code: Code,
    pub severity: Severity,
    /// Lowercase sentence, no final period, user text in backticks.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Byte span of the primary location. For policy diagnostics it indexes the policy text. For
    /// request diagnostics it indexes the file the request was read from (the field the diagnostic
    /// is about), and is empty for a request built in code.
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// JSON path of the element, in Access Analyzer's style: `Statement[1].Condition.StringLike."aws:userid"`.
    pub path: String,
    /// Index of the policy in the scenario; `None` for a diagnostic about the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<usize>,
    /// Line/column of `span.start` and `span.end` in the policy text, or in the request's file
    /// (filled in by `analyze`; `None` for a request built in code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<LineCol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<LineCol>,
    /// The edit that resolves it, when there is one obvious edit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the severity the registry (`codes.rs`) gives `code`.
    pub(crate) fn new(
        code: Code,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            help: None,
            span,
            labels: Vec::new(),
            path: path.into(),
            policy: None,
            start: None,
            end: None,
            fix: None,
        }
    }

    /// The fix that puts `replacement` inside the JSON string at `string_span` (a span that
    /// includes the string's quotes).
    pub(crate) fn with_string_fix(
        mut self,
        string_span: Span,
        replacement: impl Into<String>,
    ) -> Diagnostic {
        let (start, end) = (string_span.start as usize, string_span.end as usize);
        let span = if end >= start + 2 {
            Span::new(start + 1, end - 1)
        } else {
            string_span
        };
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// The Access Analyzer "learn more" page for this code, when the code is Access Analyzer's.
    pub fn learn_more(&self) -> Option<String> {
        self.code.learn_more()
    }
}

/// A JSON path (`Statement[1].Condition.StringLike."aws:userid"`) as a borrowed linked list: building
/// one costs nothing, and it is rendered to a string only when a diagnostic is emitted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    pub(crate) fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Segment::Root,
        }
    }
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
    pub(crate) fn render(&self) -> String {
        let mut segments = Vec::new();
        let mut node = Some(self);
        while let Some(n) = node {
            match n.segment {
                Segment::Root => {}
                Segment::Key(k) => segments.push(PathSegment::Key(k)),
                Segment::Index(i) => segments.push(PathSegment::Index(i)),
            }
            node = n.parent;
        }
        segments.reverse();
        render_segments(&segments)
    }
}

/// One step of a JSON path, for code that builds a path as a list.
#[derive(Clone, Copy, Debug)]
pub(crate) enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `Statement[1].Condition.StringLike."aws:userid"` from its segments.
pub(crate) fn render_segments(segments: &[PathSegment<'_>]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            PathSegment::Index(i) => out.push_str(&format!("[{i}]")),
            PathSegment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let simple =
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if simple {
                    out.push_str(key);
                } else {
                    out.push_str(&format!("\"{}\"", key.replace('"', "\\\"")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn renders_access_analyzer_paths() {
        let root = Path::root();
        let statement = root.key("Statement");
        let first = statement.index(1);
        let condition = first.key("Condition");
        let op = condition.key("StringLike");
        assert_eq!(
            op.key("aws:userid").render(),
            "Statement[1].Condition.StringLike.\"aws:userid\""
        );
        assert_eq!(root.render(), "");
    }
}
