//! Diagnostics: one plain-data shape for every consumer (CLI, web, corpus).
//!
//! Codes are AWS IAM Access Analyzer issue codes where one exists
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>);
//! iamplay's own codes use the same SHOUTY_SNAKE style and are listed in `docs/diagnostics.md`.

use iam_json::{LineCol, Span};
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

/// One finding about a policy or about the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Stable code, e.g. `MISSING_EFFECT`.
    pub code: &'static str,
    pub severity: Severity,
    /// Lowercase sentence, no final period, user text in backticks.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Byte span of the primary location. For policy diagnostics it indexes the policy text;
    /// for request diagnostics it is empty.
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// JSON path of the element, in Access Analyzer's style: `Statement[1].Condition.StringLike."aws:userid"`.
    pub path: String,
    /// Index of the policy in the scenario; `None` for a diagnostic about the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<usize>,
    /// Line/column of `span.start` and `span.end` in the policy text (filled in by `analyze`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<LineCol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<LineCol>,
}

impl Diagnostic {
    /// A diagnostic with the severity the registry (`codes.rs`) gives `code`.
    pub(crate) fn new(
        code: &'static str,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: crate::codes::severity(code),
            message: message.into(),
            help: None,
            span,
            labels: Vec::new(),
            path: path.into(),
            policy: None,
            start: None,
            end: None,
        }
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
        if crate::codes::is_access_analyzer(self.code) {
            Some(format!(
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-{}-{}",
                self.severity_anchor(),
                self.code.to_ascii_lowercase().replace('_', "-")
            ))
        } else {
            None
        }
    }

    fn severity_anchor(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "general-warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

/// A growing JSON path (`Statement[1].Condition.StringLike."aws:userid"`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Path(String);

impl Path {
    pub(crate) fn root() -> Path {
        Path(String::new())
    }
    pub(crate) fn key(&self, key: &str) -> Path {
        let simple = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let part = if simple {
            key.to_string()
        } else {
            format!("\"{}\"", key.replace('"', "\\\""))
        };
        if self.0.is_empty() {
            Path(part)
        } else {
            Path(format!("{}.{}", self.0, part))
        }
    }
    pub(crate) fn index(&self, index: usize) -> Path {
        Path(format!("{}[{}]", self.0, index))
    }
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}
