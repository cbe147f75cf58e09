// iamplay for Node >= 18, as an ES module (dist-js/node/iamplay.js). The wasm is read and compiled
// when this module is imported, so every call is synchronous.
import backend from './iamplay_wasm.cjs';
import { setBackend } from './api.js';

setBackend(backend);

export { analyze, decide, check, lint, loadCatalog, expandAction, Catalog, IamplayError } from './api.js';
