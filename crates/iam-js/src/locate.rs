//! Positions in the input text for the diagnostics of one evaluated scenario, as `iamplay eval
//! --json` gives them (`crates/iam-cli/src/render.rs`): a policy given as a JSON object is a slice
//! of the input, so its spans map back with the policy's `file_offset`; a request diagnostic
//! (which the core gives no span) points at the request field its `path` names.

use std::cell::OnceCell;

use iam_core::{Diagnostic, Scenario};
use iam_json::{LineIndex, Value};

use crate::out::LocatedDiagnostic;

/// Where the request of the scenario being located is written in the input.
#[derive(Clone, Copy, Debug)]
pub(crate) enum RequestAt {
    /// A v1 scenario: `request`.
    Scenario,
    /// The request of a workspace's `requests[i]` (its fields are the request's).
    Workspace(usize),
    /// Derived by the core (a hop of an AssumeRole chain): not in the input.
    Derived,
}

/// The input text, parsed and indexed lazily (only when a diagnostic needs it), shared by every
/// scenario of one call.
pub(crate) struct Input<'a> {
    text: &'a str,
    index: OnceCell<LineIndex>,
    tree: OnceCell<Option<Value>>,
}

impl<'a> Input<'a> {
    pub(crate) fn new(text: &'a str) -> Input<'a> {
        Input {
            text,
            index: OnceCell::new(),
            tree: OnceCell::new(),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    fn tree(&self) -> Option<&Value> {
        self.tree
            .get_or_init(|| iam_json::parse(self.text).value)
            .as_ref()
    }

    /// Each diagnostic of `scenario` with the policy's name and its position in the input.
    pub(crate) fn locate<'s>(
        &'s self,
        scenario: &'s Scenario,
        request: RequestAt,
        diagnostics: &'s [Diagnostic],
    ) -> Vec<LocatedDiagnostic<'s>> {
        diagnostics
            .iter()
            .map(|d| {
                let policy = d.policy.and_then(|p| scenario.policies.get(p));
                let span = match policy {
                    Some(p) => p.file_offset.map(|offset| d.span.shifted(offset)),
                    None => self.request_span(request, &d.path),
                };
                LocatedDiagnostic {
                    diagnostic: d,
                    policy_name: policy.map(|p| p.name.as_str()),
                    file_start: span.map(|s| self.index().line_col(s.start)),
                    file_end: span.map(|s| self.index().line_col(s.end)),
                }
            })
            .collect()
    }

    /// A request diagnostic's place: the value of the field its path names (`request.principal`),
    /// or the whole request.
    fn request_span(&self, request: RequestAt, path: &str) -> Option<iam_json::Span> {
        let rest = path.strip_prefix("request")?;
        let tree = self.tree()?;
        let request = match request {
            RequestAt::Scenario => tree.get("request")?,
            RequestAt::Workspace(i) => tree.get("requests")?.as_array()?.get(i)?,
            RequestAt::Derived => return None,
        };
        let field = rest
            .strip_prefix('.')
            .map(|f| f.split(['.', '[']).next().unwrap_or(f));
        let value = match field {
            Some(name) => request.get(name).unwrap_or(request),
            None => request,
        };
        Some(value.span)
    }
}
