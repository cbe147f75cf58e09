// The policy editor, loaded lazily. CodeMirror (web/js/editor.js, bundled by esbuild into
// editor.bundle.js and copied to the site root by Trunk) is 123 KB gzip, a third of a first visit;
// the first decision does not need it. Until it arrives each editor is a plain <textarea> with the
// same text, label and change events, styled like the editor's text, so the page is usable at once.
// `loadEditor()` (called by the app once the first decision is on screen) fetches the bundle; then
// every live editor is replaced by CodeMirror with its current text, selection and focus.
//
// Part of the page's bundle (web/js/page.js); the wasm crate calls it (web/src/editor.rs) with the
// same calls as CodeMirror's module.

import { catalogReady, expandPattern } from "./catalog.js";

let real = null;
let loading = null;
const live = new Set();

function attach(handle) {
  const { parent, label } = handle;
  const text = handle.area ? handle.area.value : handle.text;
  const focused = handle.area && document.activeElement === handle.area;
  const selection = handle.area ? [handle.area.selectionStart, handle.area.selectionEnd] : null;
  handle.inner = real.createEditor(parent, text, label, handle.onChange);
  if (handle.area) {
    handle.area.remove();
    handle.area = null;
  }
  if (handle.diagnostics) real.setDiagnostics(handle.inner, handle.diagnostics);
  if (handle.readOnly) real.setReadOnly(handle.inner, true);
  if (focused) {
    real.focusEditor(handle.inner);
    if (selection) real.selectRange(handle.inner, selection[0], selection[1]);
  }
}

/** Fetch CodeMirror (once) and upgrade every editor; resolves when done. */
export function loadEditor() {
  if (!loading) {
    // What was on screen when the fetch started (the budget spec checks it was the decision).
    const decision = document.querySelector('[data-testid="decision"]')?.getAttribute("data-decision") ?? null;
    performance.mark("iamplay:editor-load", { detail: { decision } });
    // This file is bundled into snippets/<crate>/js/dist/page.bundle.js; CodeMirror is at the root.
    const url = new URL("../../../../editor.bundle.js", import.meta.url).href;
    loading = import(url).then(
      (module) => {
        module.useCatalog({ catalogReady, expandPattern });
        real = module;
        for (const handle of live) attach(handle);
        document.documentElement.dataset.editor = "ready";
      },
      (error) => {
        // The textareas stay: the page keeps working without CodeMirror.
        document.documentElement.dataset.editor = "failed";
        console.error("iamplay: the code editor could not be loaded", error);
        loading = null;
      },
    );
  }
  return loading;
}

export function createEditor(parent, text, label, onChange) {
  const handle = { parent, label, onChange, inner: null, area: null, text, diagnostics: null, readOnly: false };
  live.add(handle);
  if (real) {
    handle.inner = real.createEditor(parent, text, label, onChange);
    return handle;
  }
  const area = document.createElement("textarea");
  area.className = "editor-fallback";
  area.value = text;
  area.spellcheck = false;
  area.setAttribute("aria-label", label);
  area.setAttribute("aria-describedby", "editor-help");
  area.addEventListener("input", () => handle.onChange(area.value));
  parent.appendChild(area);
  handle.area = area;
  return handle;
}

export function setLabel(handle, label) {
  handle.label = label;
  if (handle.inner) real.setLabel(handle.inner, label);
  else if (handle.area) handle.area.setAttribute("aria-label", label);
}

export function setReadOnly(handle, readOnly) {
  handle.readOnly = readOnly;
  if (handle.inner) real.setReadOnly(handle.inner, readOnly);
  else if (handle.area) handle.area.readOnly = readOnly;
}

export function setText(handle, text) {
  if (handle.inner) real.setText(handle.inner, text);
  else if (handle.area && handle.area.value !== text) handle.area.value = text;
}

export function setDiagnostics(handle, jsonText) {
  handle.diagnostics = jsonText;
  if (handle.inner) real.setDiagnostics(handle.inner, jsonText);
}

export function selectRange(handle, from, to) {
  if (handle.inner) return real.selectRange(handle.inner, from, to);
  if (handle.area) {
    handle.area.focus();
    handle.area.setSelectionRange(from, to);
  }
}

export function highlightRange(handle, from, to) {
  if (handle.inner) real.highlightRange(handle.inner, from, to);
}

export function focusEditor(handle) {
  if (handle.inner) real.focusEditor(handle.inner);
  else if (handle.area) handle.area.focus();
}

export function refreshEditor(handle) {
  if (handle.inner) real.refreshEditor(handle.inner);
}

export function destroyEditor(handle) {
  live.delete(handle);
  if (handle.inner) real.destroyEditor(handle.inner);
  if (handle.area) handle.area.remove();
}

export function allTexts() {
  return [...live].map((h) => (h.inner ? h.inner.view.state.doc.toString() : h.area ? h.area.value : h.text));
}
