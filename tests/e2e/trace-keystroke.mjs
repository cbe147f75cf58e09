#!/usr/bin/env node
// Where a keystroke's time goes (not run by scripts/test.sh; BENCHMARKS.md, "Web playground").
//
//   node tests/e2e/trace-keystroke.mjs [--keys 20]
//
// Opens the benchmarks' large scenario (20 policies × 10 statements, `bigScenario` in
// fixtures.mjs) from `$IAMPLAY_DIST` or `dist/`, records a Chrome trace (CDP `Tracing`,
// devtools.timeline) while it types `--keys` keystrokes that flip the decision (Backspace / `X` in
// `s3:GetObjectX`), and prints the mean time per keystroke by kind of main-thread work: the
// page's script (of which the analysis, counted by the page itself in
// `globalThis.__iamplay_analysis_ms`), style, layout, paint and the rest.

import { join } from "node:path";

import { bigScenario, launch, repoRoot, shareLink } from "./fixtures.mjs";
import { startServer } from "./server.mjs";

const i = process.argv.indexOf("--keys");
const KEYS = i > 0 ? Number(process.argv[i + 1]) : 20;

const dist = process.env.IAMPLAY_DIST ?? join(repoRoot, "dist");
const server = await startServer(dist);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
await page.goto(shareLink(bigScenario(), { base: server.url }));
await page.locator('[data-testid="decision"][data-decision="allowed"]').waitFor({ timeout: 30000 });
await page.locator('[data-testid="policy-tab"][data-policy-name="Policy10"]').click();
await page.locator('html[data-editor="ready"]').waitFor({ state: "attached", timeout: 15000 });
await page.evaluate(() => {
  const view = document.querySelector('[data-testid="editor"] .cm-content').cmTile.root.view;
  const at = view.state.doc.toString().indexOf("s3:GetObjectX") + "s3:GetObjectX".length;
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
});
const decided = (d) => page.locator(`[data-testid="decision"][data-decision="${d}"]`).waitFor();
// Warm up, then trace.
for (let k = 0; k < 4; k++) {
  await page.keyboard.press("Backspace");
  await decided("explicitDeny");
  await page.keyboard.press("Shift+X");
  await decided("allowed");
}
const cdp = await context.newCDPSession(page);
const events = [];
cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
const analysis0 = await page.evaluate(() => globalThis.__iamplay_analysis_ms ?? NaN);
await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
for (let k = 0; k < KEYS / 2; k++) {
  await page.keyboard.press("Backspace");
  await decided("explicitDeny");
  await page.waitForTimeout(100);
  await page.keyboard.press("Shift+X");
  await decided("allowed");
  await page.waitForTimeout(100);
}
await cdp.send("Tracing.end");
await done;
const analysis = (await page.evaluate(() => globalThis.__iamplay_analysis_ms ?? NaN)) - analysis0;
await browser.close();
await server.close();

// The renderer's main thread: the thread of the `RunTask`s that dispatched the key events.
const keyTask = events.find((e) => e.name === "EventDispatch" && e.args?.data?.type === "keydown");
const main = events.filter((e) => e.pid === keyTask?.pid && e.tid === keyTask?.tid && e.ph === "X");
const kinds = {
  "script (event handlers, timers, microtasks: CodeMirror, Yew, the analysis)": ["EventDispatch", "FunctionCall", "TimerFire", "FireAnimationFrame", "RunMicrotasks", "V8.Execute", "EvaluateScript"],
  "style (UpdateLayoutTree, RecalculateStyles)": ["UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet"],
  layout: ["Layout", "IntersectionObserverController::computeIntersections"],
  "paint, layers, commit": ["Paint", "PrePaint", "Layerize", "UpdateLayer", "CompositeLayers", "Commit", "PaintImage"],
};
// Only the outermost events of each kind count (nested ones are inside their parents' time).
const totals = Object.fromEntries(Object.keys(kinds).map((k) => [k, 0]));
const tasks = main.filter((e) => e.name === "RunTask");
let taskTotal = 0;
for (const task of tasks) {
  const end = task.ts + task.dur;
  taskTotal += task.dur;
  const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
  for (const [kind, names] of Object.entries(kinds)) {
    const mine = inside.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    let reach = -1;
    for (const e of mine) {
      if (e.ts >= reach) {
        totals[kind] += e.dur;
        reach = e.ts + e.dur;
      }
    }
  }
}
const per = (us) => (us / 1000 / KEYS).toFixed(1);
const counted = Object.values(totals).reduce((a, b) => a + b, 0);
console.log(`${KEYS} keystrokes that flip the decision (${dist}); mean main-thread time per keystroke:\n`);
console.log("| work | ms per keystroke |");
console.log("|---|---:|");
for (const [kind, us] of Object.entries(totals)) console.log(`| ${kind} | ${per(us)} |`);
console.log(`| … of the script: the analysis (the page's own count) | ${(analysis / KEYS).toFixed(1)} |`);
console.log(`| other work in tasks | ${per(taskTotal - counted)} |`);
console.log(`| **all main-thread tasks** | **${per(taskTotal)}** |`);
