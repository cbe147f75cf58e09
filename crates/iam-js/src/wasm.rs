//! The wasm-bindgen exports. Every function takes and gives JSON text; a failure is thrown as the
//! JSON text of a `Failure`, which `js/api.js` turns into an `IamplayError`. These names are the
//! raw module's (`iamplay_wasm.js`): callers use `iamplay.js`, which wraps them.

use wasm_bindgen::prelude::*;

fn answer(result: crate::Answer) -> Result<String, JsValue> {
    result.map_err(|failure| JsValue::from_str(&failure))
}

#[wasm_bindgen]
pub fn analyze(text: &str) -> Result<String, JsValue> {
    answer(crate::analyze(text, None))
}

#[wasm_bindgen]
pub fn decide(text: &str) -> Result<String, JsValue> {
    answer(crate::decide(text, None))
}

#[wasm_bindgen]
pub fn check(text: &str) -> Result<String, JsValue> {
    answer(crate::check(text, None))
}

#[wasm_bindgen]
pub fn lint(policy: &str, policy_type: &str) -> Result<String, JsValue> {
    answer(crate::lint(policy, policy_type, None))
}

/// The AWS service catalog, read once and kept in the wasm's memory.
#[wasm_bindgen]
pub struct Catalog {
    inner: iam_core::Catalog,
}

#[wasm_bindgen]
impl Catalog {
    /// Read the text of `data/catalog.json`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<Catalog, JsValue> {
        crate::load_catalog(text)
            .map(|inner| Catalog { inner })
            .map_err(|failure| JsValue::from_str(&failure))
    }

    pub fn analyze(&self, text: &str) -> Result<String, JsValue> {
        answer(crate::analyze(text, Some(&self.inner)))
    }

    pub fn decide(&self, text: &str) -> Result<String, JsValue> {
        answer(crate::decide(text, Some(&self.inner)))
    }

    pub fn check(&self, text: &str) -> Result<String, JsValue> {
        answer(crate::check(text, Some(&self.inner)))
    }

    pub fn lint(&self, policy: &str, policy_type: &str) -> Result<String, JsValue> {
        answer(crate::lint(policy, policy_type, Some(&self.inner)))
    }

    #[wasm_bindgen(js_name = expandAction)]
    pub fn expand_action(&self, pattern: &str) -> Result<String, JsValue> {
        answer(crate::expand_action(&self.inner, pattern))
    }

    /// How many actions the catalog lists.
    #[wasm_bindgen(getter, js_name = actionCount)]
    pub fn action_count(&self) -> usize {
        self.inner.services.iter().map(|s| s.actions.len()).sum()
    }
}
