//! The panic hook: a panic in the WebAssembly shows a visible message over the page instead of a
//! silently frozen app. The user's work is already in local storage (saved after every change that
//! rendered); the message also offers the editors' current texts for copying.
//!
//! The release build uses `panic = "abort"`: the hook still runs first, then the module traps.

use wasm_bindgen::JsCast;

/// Install the hook (once, at start). Through Yew's `set_custom_panic_hook`: a plain
/// `std::panic::set_hook` would be replaced by Yew's console-only hook when the app renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("iamplay panicked: {message}").into());
        show(&message);
    }));
}

/// Put the error panel into the page (plain DOM: the Yew app may be in any state by now).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("iamplay-panic").is_some() {
        return;
    }
    let texts = crate::editor::all_texts();
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("iamplay-panic");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "panic");
    let _ = panel.set_attribute("class", "panic");
    let add = |parent: &web_sys::Element, tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        parent.append_child(&el).ok()?;
        Some(el)
    };
    add(&panel, "h2", "iamplay hit an internal error");
    add(
        &panel,
        "p",
        "Sorry — this is a bug in iamplay. Your work up to the last change is saved in this browser: reload the page to go on. \
         The texts of your policies as they are now are below, in case you want to copy them.",
    );
    add(&panel, "pre", message);
    if !texts.is_empty() {
        if let Some(area) = add(&panel, "textarea", &texts.join("\n\n")) {
            let _ = area.set_attribute("readonly", "");
            let _ = area.set_attribute("aria-label", "Your policy texts");
            let _ = area.set_attribute("rows", "8");
        }
    }
    if let Some(button) = add(&panel, "button", "Reload") {
        let _ = button.set_attribute("type", "button");
        let reload = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        if let Some(html) = button.dyn_ref::<web_sys::HtmlElement>() {
            html.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
    }
    let _ = body.append_child(&panel);
}

/// `?debug-panic` makes a debug build panic one second after it starts: a way for tests to check
/// the hook (`tests/e2e/specs/panic.spec.mjs`, with a debug build). Compiled only with debug
/// assertions: a release build, the one users get, ignores the parameter, so no link can crash it.
#[cfg(not(debug_assertions))]
pub fn arm_debug_trigger() {}

/// See the release build's `arm_debug_trigger` above.
#[cfg(debug_assertions)]
pub fn arm_debug_trigger() {
    let wanted = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|s| {
            s.trim_start_matches('?')
                .split('&')
                .any(|p| p == "debug-panic")
        });
    if wanted {
        gloo::timers::callback::Timeout::new(1000, || {
            #[allow(
                clippy::panic,
                reason = "the test trigger for the panic hook, only with ?debug-panic in a debug build"
            )]
            {
                panic!("debug panic requested with ?debug-panic");
            }
        })
        .forget();
    }
}
