// How much work the page does (issue 8): one analysis per edit, none for pointing at the reasoning
// (hovering, clicking or opening a step, switching tabs), and one catalog lint per pause in typing.
// The page counts its analyses in `globalThis.__iamplay_analyses` (web/src/analysis.rs); the lint
// queries sent to the catalog worker are counted here, by wrapping `Worker.prototype.postMessage`.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

const analyses = (pg) => pg.page.evaluate(() => globalThis.__iamplay_analyses ?? 0);
const lints = (pg) => pg.page.evaluate(() => globalThis.__iamplay_lint_queries ?? 0);

/** Wait until the page has analysed more than `count` times, then a little longer for any extra. */
async function afterAnalysis(pg, count) {
  await pg.page.waitForFunction((c) => (globalThis.__iamplay_analyses ?? 0) > c, count, { timeout: 5000 });
  await pg.page.waitForTimeout(150);
}

describe("analysis count", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("an edit analyses once, pointing at the reasoning never, and the catalog lints once per pause", async (t) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    t.after(() => context.close());
    await context.addInitScript(() => {
      globalThis.__iamplay_lint_queries = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (Array.isArray(message) && String(message[1]).startsWith("lint")) globalThis.__iamplay_lint_queries++;
        return post.call(this, message, ...rest);
      };
    });
    const pg = await openPlayground(browser, "/", { context });
    await pg.testId("catalog-status").and(pg.page.locator('[data-state="ready"]')).waitFor({ timeout: 30000 });
    await pg.editorReady();
    // The catalog's first lint (after its load) and the analysis with its RCP list are done.
    await pg.page.waitForFunction(() => globalThis.__iamplay_lint_queries >= 1, null, { timeout: 10000 });
    await pg.page.waitForTimeout(800);
    assert.ok((await analyses(pg)) >= 1, "the page counts its analyses");

    // Pointing at the reasoning: hover every statement and step, open a closed step, click a
    // statement (the editor selects it), switch tabs.
    let count = await analyses(pg);
    const lintsBefore = await lints(pg);
    const closed = pg.page.locator('[data-testid="stage"]:not([open]) > summary').first();
    await closed.click();
    for (const s of await pg.testId("statement").all()) await s.hover();
    for (const s of await pg.page.locator('[data-testid="stage"] > summary').all()) await s.hover();
    await pg.page.locator('[data-testid="statement"] > details > summary').first().click();
    await pg.page.mouse.move(1, 1);
    await pg.selectPolicy("ProtectProd");
    await pg.selectPolicy("S3FullAccess");
    await pg.page.waitForTimeout(600);
    assert.equal(await analyses(pg), count, "pointing at the reasoning and switching tabs analyse nothing");
    assert.equal(await lints(pg), lintsBefore, "nor do they ask the catalog to lint");

    // One keystroke at a time: one analysis each.
    await pg.selectInEditor("AllS3");
    await pg.page.keyboard.press("End");
    for (const key of ["x", "y", "Backspace"]) {
      count = await analyses(pg);
      await pg.page.keyboard.press(key);
      await afterAnalysis(pg, count);
      assert.equal(await analyses(pg), count + 1, `one analysis for the keystroke ${key}`);
    }
    // The request: one analysis per edit too.
    count = await analyses(pg);
    await pg.action.fill("s3:PutObject");
    await afterAnalysis(pg, count);
    assert.equal(await analyses(pg), count + 1, "one analysis for an edit of the request");

    // A burst of typing, then a pause: at most one analysis per keystroke, one lint for the pause.
    await pg.page.waitForTimeout(800);
    const pauseLints = await lints(pg);
    count = await analyses(pg);
    await pg.selectInEditor("AllS3");
    await pg.page.keyboard.type("abc");
    await pg.page.waitForFunction((l) => globalThis.__iamplay_lint_queries > l, pauseLints, { timeout: 5000 });
    await pg.page.waitForTimeout(800);
    assert.equal(await lints(pg), pauseLints + 1, "one lint per pause in typing");
    const typed = (await analyses(pg)) - count;
    assert.ok(typed >= 1 && typed <= 3, `three keystrokes, ${typed} analyses`);
    await pg.close();
  });
});
