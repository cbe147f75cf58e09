// The CodeMirror 6 glue for the iamplay web playground.
//
// Rust (web/src/editor.rs) imports this module through a wasm-bindgen extern block. The API is small
// and speaks plain values only: texts, UTF-16 offsets (what CodeMirror counts in) and JSON strings.
//
//   createEditor(parent, text, label, onChange) -> handle   one editor in `parent`; onChange(text)
//   setText(handle, text)                                    replace the text (no-op if unchanged)
//   setDiagnostics(handle, json)                             [{from, to, severity, message, fix?}] squiggles,
//                                                            gutter markers and hover text
//   selectRange(handle, from, to)                            select, flash and scroll to a range
//   highlightRange(handle, from, to)                         hover highlight; from < 0 clears it
//   focusEditor(handle)                                      move keyboard focus into the editor
//   destroyEditor(handle)
//   allTexts()                                               every live editor's text (panic rescue)
//
// With the AWS service catalog loaded (./catalog.js, re-exported below for the Rust side), hovering an
// Action/NotAction string shows how many and which actions it matches.
//
// esbuild bundles this file and its npm imports into web/js/dist/editor.bundle.js (web/js/build.mjs),
// which is what the Rust side actually imports.

import { EditorState, StateEffect, StateField, Compartment } from "@codemirror/state";
import {
  EditorView,
  Decoration,
  hoverTooltip,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
  HighlightStyle,
  foldGutter,
  foldKeymap,
  syntaxTree,
} from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { json } from "@codemirror/lang-json";
import { setDiagnostics as cmSetDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { tags } from "@lezer/highlight";

// The catalog lives in the page's bundle (web/js/page.js), which loads this one lazily and hands
// over its catalog calls here, so that both share one worker and one cache.
let catalogReady = () => false;
let expandPattern = async () => null;
export function useCatalog(api) {
  catalogReady = api.catalogReady;
  expandPattern = api.expandPattern;
}

// Colours come from CSS variables (web/style.css), so light and dark follow `prefers-color-scheme`.
const highlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: "var(--syn-key)" },
  { tag: tags.string, color: "var(--syn-string)" },
  { tag: tags.number, color: "var(--syn-number)" },
  { tag: [tags.bool, tags.null], color: "var(--syn-keyword)" },
  { tag: [tags.brace, tags.squareBracket], color: "var(--syn-bracket)" },
  { tag: tags.separator, color: "var(--syn-punct)" },
  { tag: tags.invalid, color: "var(--bad)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--editor-bg)", color: "var(--fg)", fontSize: "var(--editor-font-size)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)", padding: "8px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)", borderLeftWidth: "2px" },
  "&.cm-focused": { outline: "none" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "var(--selection)" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none", borderRight: "1px solid var(--border)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)", color: "var(--fg)" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--bracket-match)", outline: "1px solid var(--accent)" },
  ".cm-nonmatchingBracket": { color: "var(--bad)" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--chip)", border: "1px solid var(--border)", color: "var(--muted)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)", borderRadius: "6px", boxShadow: "var(--shadow)" },
  ".cm-tooltip-lint": { maxWidth: "min(60ch, 80vw)" },
  ".cm-diagnostic": { padding: "6px 10px", fontFamily: "var(--sans)", fontSize: "13px", whiteSpace: "pre-wrap" },
  ".cm-diagnostic code": { fontFamily: "var(--mono)", background: "var(--chip)", padding: "0 3px", borderRadius: "4px" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--bad)" },
  ".cm-diagnostic-warning": { borderLeft: "4px solid var(--warn)" },
  ".cm-diagnostic-info": { borderLeft: "4px solid var(--info)" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--bad)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "underline wavy var(--warn)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-lintRange-info": { backgroundImage: "none", textDecoration: "underline wavy var(--info)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-lint-marker": { width: "0.9em", height: "0.9em" },
  ".cm-expansion": { padding: "6px 10px", fontFamily: "var(--sans)", fontSize: "13px", maxWidth: "min(52ch, 80vw)" },
  ".cm-expansion-head": { margin: "0" },
  ".cm-expansion-head code": { fontFamily: "var(--mono)", background: "var(--chip)", padding: "0 4px", borderRadius: "4px" },
  ".cm-expansion-list": { margin: "6px 0 0", padding: "0", listStyle: "none", maxHeight: "14em", overflowY: "auto", fontFamily: "var(--mono)", fontSize: "12px", whiteSpace: "nowrap" },
  ".cm-expansion-more": { margin: "4px 0 0", color: "var(--muted)" },
  ".cm-step-highlight": { backgroundColor: "var(--step-highlight)", borderRadius: "3px", boxShadow: "0 0 0 1px var(--step-outline)" },
  ".cm-step-flash": { animation: "iamplay-flash 1.2s ease-out" },
});

// The Action/NotAction string at `pos`: {from, to, text, key}, or null.
function actionStringAt(state, pos, side) {
  const node = syntaxTree(state).resolveInner(pos, side);
  if (node.name !== "String") return null;
  let p = node.parent;
  if (p && p.name === "Array") p = p.parent;
  if (!p || p.name !== "Property") return null;
  const key = p.firstChild;
  if (!key || key.name !== "PropertyName") return null;
  const keyText = state.sliceDoc(key.from, key.to).replace(/^"|"$/g, "");
  if (keyText !== "Action" && keyText !== "NotAction") return null;
  return { from: node.from, to: node.to, text: state.sliceDoc(node.from + 1, node.to - 1), key: keyText };
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

const SHOWN = 40;

// Hovering an action pattern: how many and which actions it matches.
const actionHover = hoverTooltip(async (view, pos, side) => {
  const hit = actionStringAt(view.state, pos, side);
  if (!hit || !hit.text) return null;
  const box = el("div", "cm-expansion");
  box.setAttribute("data-testid", "editor-expansion");
  box.setAttribute("data-pattern", hit.text);
  if (!catalogReady()) {
    box.append(el("p", "cm-expansion-head", "AWS service data is still loading…"));
  } else {
    let r;
    try {
      r = await expandPattern(hit.text);
    } catch (e) {
      return null;
    }
    if (!r) return null;
    box.setAttribute("data-count", String(r.count));
    const head = el("p", "cm-expansion-head");
    head.append(el("code", null, hit.text), ` ${hit.key === "NotAction" ? "excludes" : "matches"} `);
    head.append(el("strong", null, r.count === 1 ? "1 action" : `${r.count.toLocaleString("en-US")} actions`));
    if (r.count === 0) head.append(" — no AWS action has this name");
    box.append(head);
    if (r.count > 0 && !(r.count === 1 && r.names[0].toLowerCase() === hit.text.toLowerCase())) {
      const list = el("ul", "cm-expansion-list");
      for (const name of r.names.slice(0, SHOWN)) list.append(el("li", null, name));
      box.append(list);
      if (r.count > SHOWN) box.append(el("p", "cm-expansion-more", `… and ${(r.count - SHOWN).toLocaleString("en-US")} more`));
    }
  }
  return { pos: hit.from, end: hit.to, above: true, create: () => ({ dom: box }) };
}, { hoverTime: 250 });

// The range a hovered or clicked explanation step points at.
const setHighlight = StateEffect.define();
const highlightField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHighlight)) {
        const { from, to, flash } = e.value;
        if (from < 0 || to <= from) {
          deco = Decoration.none;
        } else {
          const cls = flash ? "cm-step-highlight cm-step-flash" : "cm-step-highlight";
          deco = Decoration.set([Decoration.mark({ class: cls }).range(from, to)]);
        }
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const live = new Set();
const clamp = (view, n) => Math.max(0, Math.min(n | 0, view.state.doc.length));

export function createEditor(parent, text, label, onChange) {
  const labelConf = new Compartment();
  const readOnlyConf = new Compartment();
  const handle = { view: null, onChange, labelConf, readOnlyConf, silent: false };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        json(),
        syntaxHighlighting(highlightStyle),
        theme,
        highlightField,
        actionHover,
        EditorState.tabSize.of(2),
        labelConf.of(EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": "editor-help" })),
        readOnlyConf.of(EditorState.readOnly.of(false)),
        // A contenteditable element is in the Tab order already; saying so makes checkers (axe-core's
        // scrollable-region-focusable) see that the scrolling editor is reachable by keyboard.
        EditorView.contentAttributes.of({ tabindex: "0" }),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...lintKeymap,
          // Tab indents; Escape then Tab leaves the editor (CodeMirror's accessible default).
          indentWithTab,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !handle.silent) {
            handle.onChange(update.state.doc.toString());
          }
        }),
      ],
    }),
  });
  handle.view = view;
  live.add(handle);
  return handle;
}

export function setLabel(handle, label) {
  handle.view.dispatch({
    effects: handle.labelConf.reconfigure(EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": "editor-help" })),
  });
}

// An exercise's read-only document: it can be read, selected and copied, not changed.
export function setReadOnly(handle, readOnly) {
  handle.view.dispatch({
    effects: handle.readOnlyConf.reconfigure([
      EditorState.readOnly.of(readOnly),
      EditorView.contentAttributes.of({ "aria-readonly": String(readOnly) }),
    ]),
  });
}

export function setText(handle, text) {
  const view = handle.view;
  if (view.state.doc.toString() === text) return;
  handle.silent = true;
  try {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  } finally {
    handle.silent = false;
  }
}

// A diagnostic's message as the page shows it elsewhere: `code spans` as <code>, lines kept.
function richMessage(text) {
  const box = document.createElement("div");
  box.className = "cm-diagnostic-text";
  text.split("`").forEach((part, i) => {
    if (i % 2 === 1) box.append(el("code", null, part));
    else box.append(document.createTextNode(part));
  });
  return box;
}

export function setDiagnostics(handle, jsonText) {
  const view = handle.view;
  let list = [];
  try {
    list = JSON.parse(jsonText);
  } catch (_) {
    list = [];
  }
  const diagnostics = list.map((d) => {
    let from = clamp(view, d.from);
    let to = clamp(view, d.to);
    if (to < from) to = from;
    const diagnostic = { from, to, severity: d.severity, message: d.message, source: d.source, renderMessage: () => richMessage(d.message) };
    // A "did you mean" comes with its quick fix: a button in the diagnostic's tooltip (and in the
    // lint panel, Ctrl+Shift+M) that writes the suggestion in place of the misspelled text.
    if (d.fix && typeof d.fix.insert === "string") {
      const fix = d.fix;
      diagnostic.actions = [
        {
          name: `Replace with ${fix.insert}`,
          apply(view) {
            if (view.state.readOnly) return;
            const a = clamp(view, fix.from);
            const b = Math.max(a, clamp(view, fix.to));
            view.dispatch({ changes: { from: a, to: b, insert: fix.insert }, userEvent: "input.quickfix" });
          },
        },
      ];
    }
    return diagnostic;
  });
  view.dispatch(cmSetDiagnostics(view.state, diagnostics));
}

export function selectRange(handle, from, to) {
  const view = handle.view;
  const a = clamp(view, from);
  const b = Math.max(a, clamp(view, to));
  view.dispatch({
    selection: { anchor: a, head: b },
    effects: [setHighlight.of({ from: a, to: b, flash: true }), EditorView.scrollIntoView(a, { y: "center" })],
  });
}

export function highlightRange(handle, from, to) {
  const view = handle.view;
  if (from < 0) {
    view.dispatch({ effects: setHighlight.of({ from: -1, to: -1, flash: false }) });
    return;
  }
  const a = clamp(view, from);
  const b = Math.max(a, clamp(view, to));
  view.dispatch({
    effects: [setHighlight.of({ from: a, to: b, flash: false }), EditorView.scrollIntoView(a, { y: "nearest", yMargin: 40 })],
  });
}

export function focusEditor(handle) {
  handle.view.focus();
}

export function refreshEditor(handle) {
  handle.view.requestMeasure();
}

export function destroyEditor(handle) {
  live.delete(handle);
  handle.view.destroy();
}

export function allTexts() {
  return [...live].map((h) => h.view.state.doc.toString());
}
