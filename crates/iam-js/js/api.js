// iamplay's JavaScript API, shared by the Node and browser entry points (node.js, web.js, copied
// into dist-js/ as iamplay.js by scripts/build-js.sh). The wasm (crates/iam-js) takes and gives
// JSON text; this module takes objects or JSON text and gives plain objects, and turns a failure
// into an IamplayError. docs/js-api.md describes every call.

let backend = null;

/** Set the wasm-bindgen module the calls go to (the entry points do this). */
export function setBackend(module) {
  backend = module;
}

function wasm() {
  if (backend === null) {
    throw new Error('iamplay: the WebAssembly module is not loaded yet: await init() first');
  }
  return backend;
}

/** What a call throws when its input cannot be read: every problem with its line and column. */
export class IamplayError extends Error {
  constructor(failure) {
    super(failure.message);
    this.name = 'IamplayError';
    /** Each problem: `field`, `message`, `span`, `start` ({ line, column, columnUtf16 }). */
    this.errors = failure.errors;
    const first = failure.errors[0];
    /** Line and column (1-based) of the first problem; undefined for a bad argument. */
    this.line = first ? first.start.line : undefined;
    this.column = first ? first.start.column : undefined;
    this.field = first ? first.field : undefined;
  }
}

/** JSON text as given, or an object as JSON text (indented: positions in errors then make sense). */
function jsonText(input, what) {
  if (typeof input === 'string') return input;
  if (input !== null && typeof input === 'object') return JSON.stringify(input, null, 2);
  throw new TypeError(`iamplay: ${what} must be JSON text or an object, not ${input === null ? 'null' : typeof input}`);
}

/** Call the wasm; parse its JSON; a thrown string is a failure's JSON. */
function call(f) {
  let out;
  try {
    out = f();
  } catch (e) {
    if (typeof e === 'string') throw new IamplayError(JSON.parse(e));
    throw e;
  }
  return JSON.parse(out);
}

/** The AWS service catalog, loaded by loadCatalog(); pass it as `{ catalog }`. */
export class Catalog {
  #inner;

  constructor(inner) {
    if (backend === null || !(inner instanceof backend.Catalog)) {
      throw new TypeError('iamplay: make a Catalog with loadCatalog(text)');
    }
    this.#inner = inner;
  }

  /** The full names of the actions a pattern such as `s3:Get*` matches. */
  expandAction(pattern) {
    if (typeof pattern !== 'string') throw new TypeError('iamplay: the action pattern must be a string');
    return call(() => this.#inner.expandAction(pattern));
  }

  /** How many actions the catalog lists. */
  get actionCount() {
    return this.#inner.actionCount;
  }

  /** Release the catalog's memory in the wasm now (otherwise when it is garbage-collected). */
  free() {
    this.#inner.free();
  }

  /** @internal */
  static inner(catalog) {
    if (catalog === undefined || catalog === null) return null;
    if (!(catalog instanceof Catalog)) {
      throw new TypeError('iamplay: `catalog` must be what loadCatalog() returned');
    }
    return catalog.#inner;
  }
}

/** Read the service catalog: the text of iamplay's data/catalog.json (or that JSON as an object). */
export function loadCatalog(json) {
  const text = jsonText(json, 'the catalog');
  const module = wasm();
  let inner;
  try {
    inner = new module.Catalog(text);
  } catch (e) {
    if (typeof e === 'string') throw new IamplayError(JSON.parse(e));
    throw e;
  }
  return new Catalog(inner);
}

function options(value) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new TypeError('iamplay: options must be an object');
  return value;
}

/**
 * Analyze a scenario (format v1) or a workspace (format v2), given as an object or JSON text.
 * A scenario gives `{ kind: 'scenario', decision, explanation, trace, diagnostics }`; a workspace
 * `{ kind: 'workspace', results: [{ name, expect, pass, decision, … }], passed, failed }`.
 */
export function analyze(input, opts) {
  const text = jsonText(input, 'the scenario or workspace');
  const catalog = Catalog.inner(options(opts).catalog);
  return call(() => (catalog ? catalog.analyze(text) : wasm().analyze(text)));
}

/**
 * Only the decision, for many requests: a scenario (format v1) gives `'allowed'`, `'explicitDeny'`,
 * `'implicitDeny'` or `null` (a malformed request); a workspace (format v2) an array, one per
 * request. The same evaluation as analyze(), without the explanation, trace and diagnostics.
 */
export function decide(input, opts) {
  const text = jsonText(input, 'the scenario or workspace');
  const catalog = Catalog.inner(options(opts).catalog);
  return call(() => (catalog ? catalog.decide(text) : wasm().decide(text)));
}

/** Run a workspace's checks (its requests with an `expect`): `{ results, passed, failed }`. */
export function check(input, opts) {
  const text = jsonText(input, 'the workspace');
  const catalog = Catalog.inner(options(opts).catalog);
  return call(() => (catalog ? catalog.check(text) : wasm().check(text)));
}

/** Lint one policy (object or JSON text): `{ diagnostics }`. `type` defaults to `identity`. */
export function lint(policy, opts) {
  const text = jsonText(policy, 'the policy');
  const { type = 'identity', catalog } = options(opts);
  if (typeof type !== 'string') throw new TypeError('iamplay: `type` must be a string');
  const inner = Catalog.inner(catalog);
  return call(() => (inner ? inner.lint(text, type) : wasm().lint(text, type)));
}

/** The full names of the actions an action pattern matches, with the given catalog. */
export function expandAction(pattern, catalog) {
  if (!(catalog instanceof Catalog)) {
    throw new TypeError('iamplay: expandAction(pattern, catalog) needs the catalog: loadCatalog(text)');
  }
  return catalog.expandAction(pattern);
}
