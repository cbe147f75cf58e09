// The page's JavaScript, bundled by esbuild into web/js/dist/page.bundle.js (web/js/build.mjs) and
// imported by the wasm crate: share links (share.js), the catalog worker (catalog.js) and the lazy
// policy editor (editor-lazy.js, which fetches CodeMirror — editor.bundle.js — after the first
// decision). Small: it is part of the first load, CodeMirror is not.
export { deflateLink, inflateLink } from "./share.js";
export { catalogLoad, catalogOnLost, catalogQuery, catalogReady, siteFile, workerQuery } from "./catalog.js";
export {
  allTexts,
  createEditor,
  destroyEditor,
  focusEditor,
  highlightRange,
  loadEditor,
  refreshEditor,
  selectRange,
  setDiagnostics,
  setLabel,
  setReadOnly,
  setText,
} from "./editor-lazy.js";
