// The first-load size budget (issue 3): gzip -9 (node's zlib) of every response of a first visit,
// until the network is idle, at most 400,000 bytes. The AWS service catalog, which the page loads
// on its own after the first decision, is outside the budget (issue 4) and listed apart. Sizes are
// exact, so this is not a timed test; `node tests/e2e/bench.mjs` reports the same numbers per file.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { FIRST_LOAD_BUDGET, isLazy, launch, openPlayground, responseSizes } from "../fixtures.mjs";

describe("first-load budget", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("everything a first visit loads, except the lazily loaded catalog, fits in 400 KB gzip", async (t) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    t.after(() => context.close());
    const responses = [];
    context.on("response", (r) => responses.push(r));
    const pg = await openPlayground(browser, "/", { context });
    // The catalog's arrival is the last thing a first visit loads.
    await pg.page.locator('[data-testid="catalog-status"][data-state="ready"]').waitFor({ timeout: 30000 });
    await pg.page.waitForLoadState("networkidle");
    const files = await responseSizes(responses);
    const counted = files.filter((f) => !isLazy(f.path));
    const lazy = files.filter((f) => isLazy(f.path));
    const total = counted.reduce((s, f) => s + f.gzip, 0);
    const report = counted.map((f) => `${f.path} ${f.gzip}`).join(", ");
    assert.ok(counted.some((f) => f.path.endsWith(".wasm")), `the app's wasm is counted: ${report}`);
    assert.ok(lazy.some((f) => f.path === "/catalog.json"), "the catalog was loaded, after the first decision");
    assert.ok(lazy.some((f) => f.path === "/editor.bundle.js"), "CodeMirror was loaded");
    // CodeMirror's fetch started once the decision was on screen, not before.
    const order = await pg.page.evaluate(() => {
      const mark = performance.getEntriesByName("iamplay:editor-load")[0];
      const fetched = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/editor.bundle.js");
      return { decision: mark?.detail?.decision ?? null, mark: mark?.startTime, fetched: fetched?.startTime };
    });
    assert.ok(order.decision && order.decision !== "none", `the decision was on screen: ${JSON.stringify(order)}`);
    assert.ok(order.fetched >= order.mark, `the bundle was fetched after: ${JSON.stringify(order)}`);
    assert.ok(total <= FIRST_LOAD_BUDGET, `first load ${total} bytes gzip > ${FIRST_LOAD_BUDGET}: ${report}`);
  });
});
