//! Small browser helpers (clipboard, download, URLs, focus). Everything best effort: a missing API
//! makes the helper do nothing rather than fail.

use wasm_bindgen::JsCast;

/// The page's address without query and fragment (where share links point).
pub fn base_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split(['#', '?'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A share link for a scenario's JSON (`None` if the browser could not compress it).
pub async fn share_url(json: &str, embed: bool) -> Option<String> {
    let payload = crate::share::encode(json).await?;
    Some(format!(
        "{}{}",
        base_url(),
        crate::share::fragment_for(&payload, embed)
    ))
}

/// Copy text to the clipboard; `done(true)` when the browser confirmed.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    // `navigator.clipboard` is undefined outside secure contexts (e.g. a plain-http host): check
    // before calling, so the caller can offer the link to copy by hand.
    let navigator = window.navigator();
    let has_clipboard =
        js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str("clipboard"))
            .map(|c| !c.is_undefined() && !c.is_null())
            .unwrap_or(false);
    if !has_clipboard {
        done(false);
        return;
    }
    let clipboard = navigator.clipboard();
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done(ok);
    });
}

/// Offer `text` as a file download.
pub fn download(file_name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a") {
        if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
            anchor.set_href(&url);
            anchor.set_download(file_name);
            anchor.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Move keyboard focus to the element with this id (and select an input's text). Inside an
/// `<iam-playground>` element the id is in its shadow root, whose host has the focus.
pub fn focus_id(id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(element) = document
        .get_element_by_id(id)
        .or_else(|| in_focused_shadow_root(&document, id))
    else {
        return;
    };
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    } else if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// The element with this id in the shadow root of the focused element (an `<iam-playground>` host:
/// focus inside a shadow root shows as its host in `document.activeElement`).
fn in_focused_shadow_root(document: &web_sys::Document, id: &str) -> Option<web_sys::Element> {
    let host = document.active_element()?;
    let root = js_sys::Reflect::get(&host, &"shadowRoot".into()).ok()?;
    if root.is_null() || root.is_undefined() {
        return None;
    }
    let find: js_sys::Function = js_sys::Reflect::get(&root, &"getElementById".into())
        .ok()?
        .dyn_into()
        .ok()?;
    find.call1(&root, &id.into()).ok()?.dyn_into().ok()
}

/// Keep Tab and Shift+Tab inside a modal dialog: from its last focusable element to its first, and
/// back (WAI-ARIA's dialog pattern).
pub fn trap_tab(e: &web_sys::KeyboardEvent, dialog: &web_sys::Element) {
    if e.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])",
    ) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let on = |el: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == el.as_ref() as &web_sys::Element)
    };
    let outside = active.as_ref().is_none_or(|a| !dialog.contains(Some(a)));
    if e.shift_key() && (on(first) || outside) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && (on(last) || outside) {
        e.prevent_default();
        let _ = first.focus();
    }
}

/// Focus the first element matching `selector` (a dialog gives focus back to what opened it).
pub fn focus_selector(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(e) = element {
        let _ = e.focus();
    }
}

/// Ask for a line of text (a new name); `None` when cancelled.
pub fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()?
        .prompt_with_message_and_default(message, default)
        .ok()
        .flatten()
}

/// Ask to confirm something that cannot be undone by Ctrl+Z in the editor.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
