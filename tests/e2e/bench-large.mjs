#!/usr/bin/env node
// Large inputs (issue 12, item 6): does a 5,000-statement policy, or a 1 MB one, freeze the page?
// Not run by scripts/test.sh; BENCHMARKS.md, "Web playground".
//
//   node tests/e2e/bench-large.mjs [--runs 3]
//
// Serves `$IAMPLAY_DIST` or `dist/` and opens, in headless Chromium (fresh context each run), a
// `#s=` link (docs/sharing.md) to a scenario with
//   (a) one identity policy of 5,000 statements (the request's Deny among them), and
//   (b) one identity policy of 1 MB (1,000 statements of 20 resources each),
// then types one character into that policy. It reports the longest main-thread task (a
// PerformanceObserver for `longtask`, installed before the page's scripts: tasks over 50 ms) during
// the load (navigation → the decision on screen and CodeMirror ready) and during the keystroke
// (keydown → the decision updated, plus one second), the time to the first decision, and the
// page's own count of analyses and their time (`globalThis.__iamplay_analyses`,
// `__iamplay_analysis_ms`). Goal: no task over 200 ms.

import { join } from "node:path";

import { launch, repoRoot, shareLink } from "./fixtures.mjs";
import { startServer } from "./server.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`;

function scenario(statements, resources) {
  const list = [];
  for (let s = 1; s <= statements; s++) {
    const arns = Array.from({ length: resources }, (_, r) => `arn:aws:s3:::bucket-${s}-${r}/*`);
    list.push({ Sid: `S${s}`, Effect: s % 7 === 0 ? "Deny" : "Allow", Action: [`s3:Get${s % 50}*`, "s3:List*"], Resource: resources === 1 ? arns[0] : arns });
  }
  // The request: allowed by the last statement, which one keystroke breaks ("Allow" → "Allowx").
  list.push({ Sid: "Decide", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/*" });
  const document = JSON.stringify({ Version: "2012-10-17", Statement: list }, null, 2);
  return {
    bytes: document.length,
    scenario: {
      request: { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::photos/cat.jpg" },
      policies: [{ name: "Large", type: "identity", document }],
    },
  };
}

async function measure(browser, link) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.addInitScript(() => {
    window.__longtasks = [];
    new PerformanceObserver((list) => window.__longtasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  });
  await page.goto(link);
  await page.locator('[data-testid="decision"][data-decision="allowed"]').waitFor({ timeout: 120000 });
  const decision = await page.evaluate(() => performance.now());
  await page.locator('html[data-editor="ready"]').waitFor({ state: "attached", timeout: 120000 });
  await page.waitForTimeout(1000);
  const load = await page.evaluate(() => ({
    longest: Math.max(0, ...window.__longtasks.map(([, d]) => d)),
    tasks: window.__longtasks.length,
    analyses: globalThis.__iamplay_analyses ?? NaN,
    analysisMs: globalThis.__iamplay_analysis_ms ?? NaN,
  }));
  // One keystroke: "Decide" statement's Effect "Allow" → "Allowx" (the statement can no longer allow).
  await page.evaluate(() => {
    const view = document.querySelector('[data-testid="editor"] .cm-content').cmTile.root.view;
    const text = view.state.doc.toString();
    const at = text.indexOf('"Allow"', text.indexOf('"Sid": "Decide"')) + '"Allow'.length;
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  });
  const before = await page.evaluate(() => [performance.now(), globalThis.__iamplay_analysis_ms ?? NaN]);
  await page.keyboard.press("x");
  await page.locator('[data-testid="decision"]:not([data-decision="allowed"])').waitFor({ timeout: 120000 });
  const updated = await page.evaluate(() => performance.now());
  await page.waitForTimeout(1000);
  const key = await page.evaluate(([t0, a0]) => ({
    longest: Math.max(0, ...window.__longtasks.filter(([s]) => s >= t0 - 1).map(([, d]) => d)),
    analysisMs: (globalThis.__iamplay_analysis_ms ?? NaN) - a0,
  }), before);
  await context.close();
  if (errors.length) throw errors[0];
  return { decision, load, key: { ...key, updated: updated - before[0] } };
}

const dist = process.env.IAMPLAY_DIST ?? join(repoRoot, "dist");
const server = await startServer(dist);
const browser = await launch();
console.error(`serving ${dist} at ${server.url}; Chromium ${browser.version()}; ${RUNS} runs`);
const cases = [
  ["one policy of 5,000 statements", scenario(5000, 1)],
  ["one policy of 1 MB (1,000 statements × 20 resources)", scenario(1000, 20)],
];
const out = ["| input | policy size | first decision | longest task, load | analysis at load | longest task, keystroke | keystroke → decision | analysis per keystroke |", "|---|---:|---:|---:|---:|---:|---:|---:|"];
for (const [label, { bytes, scenario: s }] of cases) {
  const link = shareLink(s, { base: server.url });
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    runs.push(await measure(browser, link));
    const x = runs.at(-1);
    console.error(`${label}: decision ${ms(x.decision)}, longest load task ${ms(x.load.longest)}, keystroke ${ms(x.key.updated)}, longest keystroke task ${ms(x.key.longest)}`);
  }
  const m = (f) => ms(median(runs.map(f)));
  out.push(
    `| ${label} | ${(bytes / 1e6).toFixed(2)} MB | ${m((x) => x.decision)} | ${m((x) => x.load.longest)} | ${m((x) => x.load.analysisMs)} (${runs[0].load.analyses} analyses) | ` +
      `${m((x) => x.key.longest)} | ${m((x) => x.key.updated)} | ${m((x) => x.key.analysisMs)} |`,
  );
}
await browser.close();
await server.close();
console.log(`Chromium, ${RUNS} runs, medians; a longtask entry is any task over 50 ms (0: none).\n`);
console.log(out.join("\n"));
