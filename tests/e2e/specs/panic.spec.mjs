// `?debug-panic` makes the app panic one second after start (web/src/panic.rs): the panic panel
// appears with the message and the user's current policy texts.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

describe("panic", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("no panel without ?debug-panic", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForTimeout(1500);
    assert.equal(await pg.testId("panic").count(), 0);
  });

  test("?debug-panic shows the panic panel with the user's text", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.selectPolicy("ProtectProd");
    await pg.replaceInEditor("NoDeletesInProd", "RescueThisText");
    await pg.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("RescueThisText"));
    await pg.goto("/?debug-panic");
    const panel = pg.testId("panic");
    await panel.waitFor({ timeout: 5000 });
    assert.equal(await panel.getAttribute("role"), "alert");
    assert.match(await panel.locator("h2").textContent(), /internal error/i);
    assert.match(await panel.locator("pre").textContent(), /panic/i, "the panic message");
    const texts = await pg.page.getByRole("textbox", { name: "Your policy texts" }).inputValue();
    assert.match(texts, /RescueThisText/);
    assert.match(texts, /AllS3/, "every policy's text");
    assert.ok(await panel.getByRole("button", { name: "Reload" }).isVisible());
    // The panic is expected here: the abort after the hook is an uncaught page error.
    assert.ok(pg.errors.length <= 1, pg.errors.join("\n"));
    pg.errors.length = 0;
    // The work is still saved: the playground without the trigger shows it.
    await pg.goto("/");
    await pg.selectPolicy("ProtectProd");
    assert.match(await pg.editorText(), /RescueThisText/);
  });
});
