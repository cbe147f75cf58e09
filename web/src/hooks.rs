//! The hook the panels use to reach the state `App` provides (the analysis and the catalog state are
//! passed to the view functions that need them; the catalog state is also a context, `use_catalog`),
//! and [`Pointer`]: how the reasoning and the diagnostics point the editor at a span.

use std::rc::Rc;

use iam_core::Span;
use yew::prelude::*;

use crate::analysis::Analysis;
use crate::state::{Action, Playground, Target, UiAction, UiState};

/// The state and its dispatcher (`PlaygroundContext`).
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// The state handle from `App`'s context provider.
#[hook]
pub fn use_playground() -> Option<PlaygroundContext> {
    use_context::<PlaygroundContext>()
}

/// Points the editor at a place named by an analysis (a policy index and a span). Policies are
/// named by their document id ([`crate::state::PolicyDoc::id`]) in every action; this is where an
/// analysis's policy index becomes one. Cheap to compare: it changes only when the documents or the
/// epoch do, so the views that hold it are not rendered again by a hover.
#[derive(Clone, PartialEq)]
pub struct Pointer {
    /// The documents' ids, in the order of the editor tabs.
    pub ids: Rc<Vec<u32>>,
    /// [`Playground::epoch`].
    pub epoch: u32,
    pub ui: UseReducerDispatcher<UiState>,
    pub state: UseReducerDispatcher<Playground>,
}

impl Pointer {
    /// The document shown for policy `policy` of `analysis`, and the span in it.
    pub fn target(&self, analysis: &Analysis, policy: usize, span: Span) -> Option<Target> {
        self.target_in_tab(analysis.doc(policy), span)
    }

    /// The document of editor tab `tab` (a diagnostic's policy), and the span in it.
    pub fn target_in_tab(&self, tab: usize, span: Span) -> Option<Target> {
        crate::state::target_at(&self.ids, tab, span)
    }

    /// Preview `target` in the editor (`None`: end the preview).
    pub fn hover(&self, target: Option<Target>) {
        self.ui.dispatch(UiAction::Hover {
            epoch: self.epoch,
            target,
        });
    }

    /// Select and scroll to `target`, switching to its tab.
    pub fn focus(&self, target: Target) {
        self.state.dispatch(Action::SelectPolicy(target.doc));
        self.ui.dispatch(UiAction::Focus {
            epoch: self.epoch,
            target,
        });
    }
}
