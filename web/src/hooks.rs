//! The hook the panels use to reach the state `App` provides (the analysis and the catalog state are
//! passed to the view functions that need them; the catalog state is also a context, `use_catalog`).

use yew::prelude::*;

use crate::state::Playground;

/// The state and its dispatcher (`PlaygroundContext`).
pub type PlaygroundContext = UseReducerHandle<Playground>;

/// The state handle from `App`'s context provider.
#[hook]
pub fn use_playground() -> Option<PlaygroundContext> {
    use_context::<PlaygroundContext>()
}
