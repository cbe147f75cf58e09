// The AWS service catalog, on the page side. The catalog itself lives in a worker — a second wasm
// (web/src/worker.rs, built by Trunk as `iam-web-catalog`) — so neither its code nor its data is
// part of the first load. This module starts the worker, fetches data/catalog.json (copied into
// dist/ by Trunk) after the first decision is on screen, hands it over, and turns queries into
// promises.
//
//   catalogLoad() -> Promise<string>        JSON {services, actions, version, fetchMs, parseMs}; rejects
//                                           with a message (a retry calls it again)
//   catalogQuery(kind, payload) -> Promise<string>   see web/src/catalog_service.rs
//   catalogReady() -> bool
//   workerQuery(kind, payload) -> Promise<string>   a query that needs no catalog (`import`)
//   catalogOnLost(f)                         f(message) when the worker fails after it has loaded
//                                            (the page then shows the error, with Retry)
//   expandCached(pattern) -> {count, names} | undefined   (for the editor hover)

// The site's root: this file is bundled into snippets/<crate>/js/dist/page.bundle.js. Not the
// document's address: an <iam-playground> element (embed.js) runs in another site's page.
const siteRoot = new URL("../../../../", import.meta.url);

/** The address of a file of the site (`decisions.md`), from wherever the page runs. */
export function siteFile(name) {
  return new URL(name, siteRoot).href;
}

let worker = null;
let workerReady = null;
let loaded = false;
let nextId = 1;
const pending = new Map();
const expansions = new Map();
let onLost = null;

function startWorker() {
  if (workerReady) return workerReady;
  workerReady = new Promise((resolve, reject) => {
    const url = new URL("iam-web-catalog_loader.js", siteRoot);
    const w = new Worker(url);
    // For the e2e tests, which simulate a worker failure on it; nothing reads it otherwise.
    globalThis.__iamplayCatalogWorker = w;
    w.onmessage = (e) => {
      if (e.data === "ready") {
        worker = w;
        resolve(w);
        return;
      }
      const [id, ok, text] = e.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (ok) p.resolve(text);
      else p.reject(new Error(text));
    };
    w.onerror = (e) => {
      const wasLoaded = loaded;
      const message = e.message || (wasLoaded ? "the catalog worker stopped" : "the catalog worker failed to start");
      workerReady = null;
      worker = null;
      loaded = false;
      w.terminate();
      for (const p of pending.values()) p.reject(new Error(message));
      pending.clear();
      reject(new Error(message));
      if (wasLoaded && onLost) onLost(message);
    };
  });
  return workerReady;
}

function send(w, kind, payload) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    w.postMessage([id, kind, payload]);
  });
}

export async function catalogLoad() {
  const t0 = performance.now();
  const w = await startWorker();
  const url = new URL("catalog.json", siteRoot);
  const response = await fetch(url, { cache: "force-cache" });
  if (!response.ok) throw new Error(`could not fetch catalog.json (HTTP ${response.status})`);
  const text = await response.text();
  const t1 = performance.now();
  const answer = JSON.parse(await send(w, "load", text));
  const t2 = performance.now();
  loaded = true;
  answer.fetchMs = Math.round(t1 - t0);
  answer.parseMs = Math.round(t2 - t1);
  answer.totalMs = Math.round(t2 - t0);
  globalThis.__iamplayCatalogTiming = answer;
  return JSON.stringify(answer);
}

export function catalogOnLost(f) {
  onLost = f;
}

export function catalogReady() {
  return loaded;
}

export async function catalogQuery(kind, payload) {
  if (!loaded) throw new Error("the AWS service data is not loaded");
  return send(await startWorker(), kind, payload);
}

// A query that does not need the catalog (`import`): the worker is started if it is not yet.
export async function workerQuery(kind, payload) {
  return send(await startWorker(), kind, payload);
}

// Expansions for the editor's hover, cached by pattern.
export async function expandPattern(pattern) {
  if (expansions.has(pattern)) return expansions.get(pattern);
  const answer = JSON.parse(await catalogQuery("expand", JSON.stringify([pattern])));
  const result = answer[pattern];
  if (expansions.size > 500) expansions.clear();
  expansions.set(pattern, result);
  return result;
}
