//! Positions in the input text for the diagnostics of one evaluated scenario, as `iamplay eval
//! --json` gives them (`crates/iam-cli/src/render.rs`): a policy given as a JSON object is a slice
//! of the input, so its spans map back with the policy's `file_offset`; a request diagnostic is
//! already placed in the input by the core (the field it is about, when the request was read from
//! the input; a hop's request, derived by the core, has no place).

use std::cell::OnceCell;

use iam_core::{Diagnostic, Scenario};
use iam_json::LineIndex;

use crate::out::LocatedDiagnostic;

/// The input text, indexed lazily (only when a diagnostic needs it), shared by every scenario of
/// one call.
pub(crate) struct Input<'a> {
    text: &'a str,
    index: OnceCell<LineIndex>,
}

impl<'a> Input<'a> {
    pub(crate) fn new(text: &'a str) -> Input<'a> {
        Input {
            text,
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    /// Each diagnostic of `scenario` with the policy's name and its position in the input.
    pub(crate) fn locate<'s>(
        &'s self,
        scenario: &'s Scenario,
        diagnostics: &'s [Diagnostic],
    ) -> Vec<LocatedDiagnostic<'s>> {
        diagnostics
            .iter()
            .map(|d| {
                let policy = d.policy.and_then(|p| scenario.policies.get(p));
                let (file_start, file_end) = match policy {
                    Some(p) => match p.file_offset.map(|offset| d.span.shifted(offset)) {
                        Some(span) => (
                            Some(self.index().line_col(span.start)),
                            Some(self.index().line_col(span.end)),
                        ),
                        None => (None, None),
                    },
                    // The request's diagnostics: `start`/`end` are positions in the input.
                    None => (d.start, d.end),
                };
                LocatedDiagnostic {
                    diagnostic: d,
                    policy_name: policy.map(|p| p.name.as_str()),
                    file_start,
                    file_end,
                }
            })
            .collect()
    }
}
