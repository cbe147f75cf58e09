// The panic hook (web/src/panic.rs): a panic shows the panic panel with the message and the user's
// current policy texts. Its test trigger, `?debug-panic` (panic one second after start), is
// compiled only into debug builds: the release build users get ignores it, so no link can crash
// the page. The suite runs against the release build, so it checks that; the panel itself needs a
// debug build, served from IAMPLAY_DEBUG_DIST when it is set:
//
//   PATH="$PWD/node_modules/.bin:$PATH" trunk build --dist /tmp/iamplay-debug
//   IAMPLAY_DEBUG_DIST=/tmp/iamplay-debug node tests/e2e/run.mjs panic
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";
import { startServer } from "../server.mjs";

const debugDist = process.env.IAMPLAY_DEBUG_DIST;

describe("panic", () => {
  let browser;
  let debugServer;
  before(async () => {
    browser = await launch();
    if (debugDist) debugServer = await startServer(debugDist);
  });
  after(async () => {
    await browser?.close();
    await debugServer?.close();
  });

  test("no panel without ?debug-panic", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForTimeout(1500);
    assert.equal(await pg.testId("panic").count(), 0);
  });

  test("the release build ignores ?debug-panic", async (t) => {
    const pg = await openPlayground(browser, "/?debug-panic", { t });
    await pg.page.waitForTimeout(2000);
    assert.equal(await pg.testId("panic").count(), 0, "no panic panel");
    assert.deepEqual(pg.errors, [], "no page error");
    // The playground still works.
    await pg.selectPolicy("ProtectProd");
    await pg.replaceInEditor("NoDeletesInProd", "StillAlive");
    assert.match(await pg.editorText(), /StillAlive/);
  });

  test(
    "?debug-panic in a debug build shows the panic panel with the user's text",
    { skip: !debugDist && "needs a debug build: set IAMPLAY_DEBUG_DIST (see the top of this file)" },
    async (t) => {
      const base = debugServer.url;
      const pg = await openPlayground(browser, base, { t });
      await pg.selectPolicy("ProtectProd");
      await pg.replaceInEditor("NoDeletesInProd", "RescueThisText");
      await pg.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("RescueThisText"));
      // Not waiting for the editor: the trigger fires a second after start, in the middle of that wait.
      await pg.goto(`${base}?debug-panic`, { waitForDecision: false });
      const panel = pg.testId("panic");
      await panel.waitFor({ timeout: 5000 });
      assert.equal(await panel.getAttribute("role"), "alert");
      assert.match(await panel.locator("h2").textContent(), /internal error/i);
      assert.match(await panel.locator("pre").textContent(), /panic/i, "the panic message");
      const texts = await pg.page.getByRole("textbox", { name: "Your policy texts" }).inputValue();
      assert.match(texts, /RescueThisText/);
      assert.match(texts, /AllS3/, "every policy's text");
      assert.ok(await panel.getByRole("button", { name: "Reload" }).isVisible());
      // The panic is expected here: the trap after the hook is an uncaught page error.
      assert.ok(pg.errors.length <= 1, pg.errors.join("\n"));
      pg.errors.length = 0;
      // The work is still saved: the playground without the trigger shows it.
      await pg.goto(base);
      await pg.selectPolicy("ProtectProd");
      assert.match(await pg.editorText(), /RescueThisText/);
    },
  );
});
