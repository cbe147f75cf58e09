//! Hooks the panels use to reach the two contexts `App` provides.

use std::rc::Rc;

use yew::prelude::*;

use crate::analysis::Analysis;
use crate::state::Playground;

/// The state and its dispatcher (`PlaygroundContext`).
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// The state handle from `App`'s context provider.
#[hook]
pub fn use_playground() -> Option<PlaygroundContext> {
    use_context::<PlaygroundContext>()
}

/// The analysis of the current inputs (`ReportContext`).
#[hook]
pub fn use_analysis() -> Option<Rc<Analysis>> {
    use_context::<Rc<Analysis>>()
}
