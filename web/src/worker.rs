//! The catalog worker: a second, lazily loaded wasm (Trunk `data-type="worker"`) that holds the
//! AWS service catalog and answers the queries of [`iam_web::catalog_service`]. Messages in are
//! `[id, kind, payload]`, answers `[id, ok, text]` (see `web/js/catalog.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static CATALOG: RefCell<Option<iam_core::Catalog>> = const { RefCell::new(None) };
    }
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = js_sys::Array::from(&e.data());
            let id = data.get(0);
            let kind = data.get(1).as_string().unwrap_or_default();
            let payload = data.get(2).as_string().unwrap_or_default();
            let answer = CATALOG
                .with(|c| iam_web::catalog_service::handle(&mut c.borrow_mut(), &kind, &payload));
            let (ok, text) = match answer {
                Ok(text) => (true, text),
                Err(text) => (false, text),
            };
            let out = js_sys::Array::of3(&id, &JsValue::from_bool(ok), &JsValue::from_str(&text));
            let _ = reply_to.post_message(&out);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tell the page the worker is ready for messages.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
