#!/usr/bin/env node
// Browser benchmarks of the built playground (not run by scripts/test.sh).
//
//   node tests/e2e/bench.mjs [--runs 5] [--samples 15]
//
// Serves `$IAMPLAY_DIST` or `dist/` on 127.0.0.1 (tests/e2e/server.mjs) and measures, in headless
// Chromium (the e2e fixtures' `launch()`), over `--runs` fresh browser contexts (no cache):
//
//   1. the gzip -9 size of every response of the first page load (node:zlib), per file and in
//      total, against the 400 KB budget (400,000 bytes). What the page loads on its own after the
//      first decision by design (the AWS service catalog: its worker and `catalog.json`) is listed
//      apart and not counted; anything else, early or late, counts;
//   2. the time from navigation start to the first decision in the DOM (a MutationObserver
//      installed before the page's scripts sees `[data-testid=decision][data-decision]`), with the
//      navigation timing milestones for context;
//   3. keystroke → updated result for a scenario of 20 policies × 10 statements (200 statements),
//      opened through a `#s=` link made as docs/sharing.md says: a Backspace/retype that flips the
//      decision (until `data-decision` changes) and one that does not (until the reasoning shows the
//      edited Sid). Each sample is timed from the keydown (capture listener) to the DOM mutation
//      ("DOM") and to the next animation frame after it ("frame").
//
//   4. the AWS service catalog: navigation start → the status line says "ready", and the worker's
//      own fetch + parse time; then the access matrix of every EC2 action (the largest service),
//      from typing `ec2` to the last row on screen, and the worker's evaluation time the panel shows.
//
// Prints the numbers (medians over runs) as Markdown tables for BENCHMARKS.md.

import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";

import { bigScenario, FIRST_LOAD_BUDGET, isLazy, launch, repoRoot, responseSizes, shareLink } from "./fixtures.mjs";
import { startServer } from "./server.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg("runs", 5);
const SAMPLES = arg("samples", 15);
const BUDGET = FIRST_LOAD_BUDGET;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

// ---------------------------------------------------------------------------------------------

async function firstLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.addInitScript(() => {
    const seen = () => {
      const el = document.querySelector("[data-testid=decision][data-decision]");
      if (el && window.__firstDecision === undefined) {
        window.__firstDecision = performance.now();
        requestAnimationFrame(() => setTimeout(() => (window.__firstDecisionFrame = performance.now()), 0));
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(seen);
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
  const responses = [];
  page.on("response", (r) => responses.push(r));
  await page.goto(base);
  await page.waitForFunction(() => window.__firstDecisionFrame !== undefined, null, { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      decision: window.__firstDecision,
      decisionFrame: window.__firstDecisionFrame,
      responseEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      fcp: fcp?.startTime,
      // When each file arrived: those after the first decision were not needed for it.
      arrived: Object.fromEntries(performance.getEntriesByType("resource").map((r) => [new URL(r.name).pathname, r.responseEnd])),
    };
  });
  const files = (await responseSizes(responses)).map((f) => ({
    ...f,
    late: (timing.arrived[f.path] ?? 0) > timing.decision, // the document itself: 0
  }));
  await context.close();
  if (errors.length) throw errors[0];
  return { timing, files };
}

/** Arm a keydown → predicate timer in the page; resolve with `{ dom, frame }` in ms. */
async function timeKey(page, predicate, arg, press) {
  await page.evaluate(
    ([src, a]) => {
      const pred = (0, eval)(`(${src})`);
      window.__sample = new Promise((resolve, reject) => {
        let t0 = null;
        // The page's own count of analysis time (web/src/analysis.rs; absent in older builds).
        const spent = () => globalThis.__iamplay_analysis_ms ?? NaN;
        let a0 = spent();
        document.addEventListener("keydown", () => ((t0 = performance.now()), (a0 = spent())), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (t0 === null || !pred(a)) return;
          const t1 = performance.now();
          const analysis = spent() - a0;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0, analysis }), 0));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => reject(new Error("no update within 10 s")), 10000);
      });
    },
    [predicate.toString(), arg],
  );
  await page.keyboard.press(press);
  const r = await page.evaluate(() => window.__sample);
  await page.waitForTimeout(60); // let effects (squiggles, saving) finish before the next key
  return r;
}

async function placeCursorAfter(page, needle) {
  await page.evaluate((n) => {
    const view = document.querySelector('[data-testid="editor"] .cm-content').cmTile.root.view;
    const at = view.state.doc.toString().indexOf(n);
    if (at < 0) throw new Error(`not in the editor: ${n}`);
    view.dispatch({ selection: { anchor: at + n.length }, scrollIntoView: true });
    view.focus();
  }, needle);
}

async function keystrokes(browser, link) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(link);
  await page.locator('[data-testid="decision"][data-decision="allowed"]').waitFor({ timeout: 30000 });
  const tabs = await page.locator('[data-testid="policy-tab"]').count();
  if (tabs !== 20) throw new Error(`expected 20 policies, got ${tabs}`);
  await page.locator('[data-testid="policy-tab"][data-policy-name="Policy10"]').click();
  await page.locator('[data-testid="editor"]').waitFor();
  const statements = await page.locator('[data-testid="statement"]').count();

  const decisionIs = (d) => document.querySelector("[data-testid=decision]")?.getAttribute("data-decision") === d;
  const reasoningHas = ([text, present]) => {
    const pane = document.querySelector('section[aria-label="Request and decision"]') ?? document.body;
    const has = [...pane.querySelectorAll("[data-testid=stage], [data-testid=headline]")].some((e) => e.textContent.includes(text));
    return has === present;
  };

  const flip = [];
  const same = [];
  // Flip: "s3:GetObjectX|" — Backspace makes the Deny match (explicitDeny), "X" undoes it (allowed).
  await placeCursorAfter(page, "s3:GetObjectX");
  for (let i = 0; i < SAMPLES + 2; i++) {
    const a = await timeKey(page, decisionIs, "explicitDeny", "Backspace");
    const b = await timeKey(page, decisionIs, "allowed", "Shift+X");
    if (i >= 2) flip.push(a, b); // two warm-up pairs
  }
  // Same decision: type into the deciding statement's Sid, shown in the reasoning.
  await placeCursorAfter(page, '"DecideAllow');
  for (let i = 0; i < SAMPLES + 2; i++) {
    const a = await timeKey(page, reasoningHas, ["DecideAllowz", true], "z");
    const b = await timeKey(page, reasoningHas, ["DecideAllowz", false], "Backspace");
    if (i >= 2) same.push(a, b);
  }
  if (!(await page.locator('[data-testid="decision"][data-decision="allowed"]').count())) throw new Error("decision drifted");
  await context.close();
  if (errors.length) throw errors[0];
  return { flip, same, statements };
}

// ---------------------------------------------------------------------------------------------

async function catalogTimes(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(base);
  const ready = page.locator('[data-testid="catalog-status"][data-state="ready"]');
  await ready.waitFor({ timeout: 30000 });
  const readyAt = await page.evaluate(() => performance.now());
  // The status line's title: "… loaded in N ms" (the worker's fetch + parse).
  const title = (await ready.locator("[title]").first().getAttribute("title")) ?? "";
  const worker = Number(/loaded in (\d+) ms/.exec(title)?.[1] ?? NaN);
  const services = page.locator('[data-testid="matrix-services"]');
  await services.fill("");
  await page.waitForTimeout(100);
  const t0 = await page.evaluate(() => performance.now());
  await services.fill("ec2");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="matrix-service"][data-service="ec2"] [data-testid="matrix-row"]').length > 500, null, { timeout: 30000 });
  const t1 = await page.evaluate(() => performance.now());
  const rows = await page.locator('[data-testid="matrix-service"][data-service="ec2"] [data-testid="matrix-row"]').count();
  const shown = (await page.locator(".matrix-time").textContent()) ?? "";
  const evaluated = Number(/Evaluated in (\d+) ms/.exec(shown)?.[1] ?? NaN);
  await context.close();
  if (errors.length) throw errors[0];
  return { readyAt, worker, matrix: t1 - t0, evaluated, rows };
}

const dist = process.env.IAMPLAY_DIST ?? join(repoRoot, "dist");
const server = await startServer(dist);
const browser = await launch();
const version = browser.version();
console.error(`serving ${dist} at ${server.url}; Chromium ${version}; ${RUNS} runs`);

const scenario = bigScenario();
const link = shareLink(scenario, { base: server.url });
const statementCount = scenario.policies.reduce((n, p) => n + JSON.parse(p.document).Statement.length, 0);

const loads = [];
const keys = [];
const catalogs = [];
for (let run = 1; run <= RUNS; run++) {
  loads.push(await firstLoad(browser, server.url));
  keys.push(await keystrokes(browser, link));
  catalogs.push(await catalogTimes(browser, server.url));
  const l = loads.at(-1).timing;
  const k = keys.at(-1);
  console.error(
    `run ${run}: first decision ${ms(l.decision)} (frame ${ms(l.decisionFrame)}); ` +
      `flip ${ms(median(k.flip.map((s) => s.dom)))} (p95 ${ms(p95(k.flip.map((s) => s.dom)))}); ` +
      `same ${ms(median(k.same.map((s) => s.dom)))} (p95 ${ms(p95(k.same.map((s) => s.dom)))})`,
  );
}
await browser.close();
await server.close();

// Sizes: identical every run (asserted), reported from the first.
// The catalog's files may or may not have arrived by network idle: take them from any run.
const lazyFiles = [...new Map(loads.flatMap((l) => l.files.filter((f) => isLazy(f.path))).map((f) => [f.path, f])).values()];
const files = loads[0].files.filter((f) => !isLazy(f.path));
for (const l of loads) {
  const a = JSON.stringify(l.files.filter((f) => !isLazy(f.path)).map((f) => [f.path, f.raw]).sort());
  if (a !== JSON.stringify(files.map((f) => [f.path, f.raw]).sort())) console.error("warning: the loaded files differ between runs");
}
const total = files.reduce((s, f) => s + f.gzip, 0);
const totalRaw = files.reduce((s, f) => s + f.raw, 0);

const out = [];
out.push(`Chromium ${version} headless, ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}); ${RUNS} runs, medians.`);
out.push("");
out.push("**First load, gzip -9 of every response** (budget 400 KB = 400,000 bytes)");
out.push("");
out.push("| file | raw | gzip -9 | arrived |");
out.push("|---|---:|---:|---|");
for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) {
  const name = f.path.replace(/-[0-9a-f]{16}(?=[._])/g, "-…").replace(/\/snippets\/[^/]+\//, "/snippets/…/");
  out.push(`| \`${name}\` | ${f.raw.toLocaleString("en")} | ${f.gzip.toLocaleString("en")} | ${f.late ? "after the first decision" : "before the first decision"} |`);
}
out.push(`| **total (${files.length} files)** | ${totalRaw.toLocaleString("en")} | **${total.toLocaleString("en")}** | |`);
if (lazyFiles.length) {
  out.push("");
  out.push("Loaded after the first decision by design, not in the budget (the AWS service catalog):");
  out.push("");
  out.push("| file | raw | gzip -9 |");
  out.push("|---|---:|---:|");
  for (const f of [...lazyFiles].sort((a, b) => b.gzip - a.gzip)) {
    out.push(`| \`${f.path}\` | ${f.raw.toLocaleString("en")} | ${f.gzip.toLocaleString("en")} |`);
  }
}
const early = files.filter((f) => !f.late).reduce((s, f) => s + f.gzip, 0);
out.push("");
const margin = (n) => (n <= BUDGET ? `${kb(BUDGET - n)} under the budget` : `**${kb(n - BUDGET)} over the budget**`);
out.push(`Everything a first visit loads, but the catalog: ${total.toLocaleString("en")} bytes, ${margin(total)} (${((100 * total) / BUDGET).toFixed(1)}% used).`);
if (early !== total) out.push(`Only what arrived before the first decision: ${early.toLocaleString("en")} bytes, ${margin(early)}.`);
out.push("");
const t = (key) => median(loads.map((l) => l.timing[key]));
const spread = (xs) => `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}`;
out.push("**Navigation start → first decision** (served from 127.0.0.1, fresh context, no cache)");
out.push("");
out.push("| milestone | median | range of runs |");
out.push("|---|---:|---:|");
for (const [label, key] of [
  ["HTML received (`responseEnd`)", "responseEnd"],
  ["first contentful paint (the \"Loading…\" text)", "fcp"],
  ["`DOMContentLoaded` done", "domContentLoaded"],
  ["**decision banner in the DOM** (`data-decision` set)", "decision"],
  ["next frame after it", "decisionFrame"],
  ["`load` done", "load"],
]) {
  const xs = loads.map((l) => l.timing[key]).filter((x) => x !== undefined);
  if (xs.length) out.push(`| ${label} | ${ms(t(key))} | ${spread(xs)} |`);
}
out.push("");
const kd = (k, which, field) => median(k[which].map((s) => s[field]));
out.push(
  `**Keystroke → updated result**, 20 policies × 10 statements (${statementCount} statements; ${keys[0].statements} statement rows in the reasoning), opened from a \`#s=\` link; ` +
    `${SAMPLES * 2} timed keystrokes per run after 4 warm-ups; per-run medians (and 95th percentiles), then the median and range over the runs. ` +
    "\"of which analysis\": the page's own count of the time spent in the analysis (`globalThis.__iamplay_analysis_ms`, `Date.now()` resolution; the rest is rendering, the DOM and CodeMirror).",
);
out.push("");
out.push("| keystroke | until | DOM updated | p95 | next frame | p95 | of which analysis |");
out.push("|---|---|---:|---:|---:|---:|---:|");
for (const [label, which, until] of [
  ["Backspace / `X` in `s3:GetObjectX` of a Deny (flips allowed ⇄ explicitDeny)", "flip", "`data-decision` changes"],
  ["`z` / Backspace in the deciding statement's Sid (same decision)", "same", "the reasoning shows the new Sid"],
]) {
  const dom = keys.map((k) => kd(k, which, "dom"));
  const frame = keys.map((k) => kd(k, which, "frame"));
  const domP95 = keys.map((k) => p95(k[which].map((s) => s.dom)));
  const frameP95 = keys.map((k) => p95(k[which].map((s) => s.frame)));
  const analysis = keys.map((k) => kd(k, which, "analysis"));
  out.push(
    `| ${label} | ${until} | ${ms(median(dom))} (${spread(dom)}) | ${ms(median(domP95))} | ${ms(median(frame))} (${spread(frame)}) | ${ms(median(frameP95))} | ` +
      `${Number.isNaN(median(analysis)) ? "–" : ms(median(analysis))} |`,
  );
}
out.push("");
const cm = (key) => catalogs.map((c) => c[key]);
out.push(`**AWS service catalog** (fresh context each run; medians and ranges over ${RUNS} runs)`);
out.push("");
out.push("| measure | median | range of runs |");
out.push("|---|---:|---:|");
out.push(`| navigation start → status "ready" (first decision, then worker start, fetch, parse) | ${ms(median(cm("readyAt")))} | ${spread(cm("readyAt"))} |`);
out.push(`| the worker's fetch + parse of \`catalog.json\` (its own clock) | ${ms(median(cm("worker")))} | ${spread(cm("worker"))} |`);
out.push(`| access matrix, all ${catalogs[0].rows} EC2 actions: the worker's evaluation (shown in the panel) | ${ms(median(cm("evaluated")))} | ${spread(cm("evaluated"))} |`);
out.push(`| … from typing \`ec2\` to every row in the DOM | ${ms(median(cm("matrix")))} | ${spread(cm("matrix"))} |`);
console.log(out.join("\n"));
