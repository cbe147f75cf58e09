// iamplay for browsers and bundlers (ES module). `await init()` before the other calls.
export * from './api.js';

/** What init() can load the wasm from; by default iamplay_wasm_bg.wasm next to iamplay.js. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Load the wasm; resolves when the calls are ready. Calling it again returns the same promise. */
export declare function init(source?: WasmSource | Promise<Response>): Promise<void>;

/** Load the wasm synchronously from its bytes or a compiled WebAssembly.Module. */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
