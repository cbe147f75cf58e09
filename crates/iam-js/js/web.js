// iamplay for browsers and bundlers, as an ES module (dist-js/web/iamplay.js). Call `await init()`
// once before the other calls: it fetches iamplay_wasm_bg.wasm from next to this file (or from the
// URL, Response, bytes or WebAssembly.Module given).
import initWasm, * as backend from './iamplay_wasm.js';
import { setBackend } from './api.js';

export { analyze, decide, check, lint, loadCatalog, expandAction, Catalog, IamplayError } from './api.js';

let loading = null;

/** Load the wasm; resolves when the calls are ready. Calling it again returns the same promise. */
export function init(source) {
  if (loading === null) {
    loading = initWasm(source === undefined ? undefined : { module_or_path: source }).then(() => {
      setBackend(backend);
    });
    // A failed load may be retried.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Load the wasm synchronously from its bytes or a compiled WebAssembly.Module. */
export function initSync(module) {
  backend.initSync({ module });
  setBackend(backend);
}
