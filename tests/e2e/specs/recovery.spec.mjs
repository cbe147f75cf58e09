// Saved work that cannot be opened is never lost (issue 13): each unreadable copy, and data saved by
// a newer iamplay, is kept with its date; "Recover" lists the copies to download, restore or delete;
// the newer data stays under its key while this page saves its own work elsewhere.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

const NEWER = JSON.stringify({ version: 9, fromTheFuture: true });

async function seed(pg, entries) {
  await pg.page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, entries);
  await pg.reload();
}

async function storage(pg) {
  return pg.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
}

describe("recovering saved work", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("data of a newer iamplay is kept, never overwritten, and this page's work is saved beside it", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await seed(pg, { iamplay: NEWER });
    assert.match(await pg.testId("error-banner").innerText(), /newer iamplay[\s\S]*Recover/);
    assert.equal(await pg.testId("open-recover").innerText(), "Recover (1)");
    await pg.setRequest({ action: "s3:PutObject" });
    await pg.page.waitForFunction(() => localStorage.getItem("iamplay.this-version") !== null);
    let saved = await storage(pg);
    assert.equal(saved.iamplay, NEWER, "the newer data is untouched");
    // A reload opens this page's own work again, and keeps one copy of the newer data.
    await pg.reload();
    assert.equal(await pg.testId("action-input").inputValue(), "s3:PutObject");
    saved = await storage(pg);
    assert.equal(saved.iamplay, NEWER);
    assert.equal(JSON.parse(saved["iamplay.recovery"]).length, 1);
  });

  test("unreadable copies are listed with their date; download, restore and delete", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    // An earlier copy this version can read (kept when it could not, say) and a damaged one now.
    await pg.setRequest({ action: "iam:CreateUser" });
    await pg.page.waitForFunction(() => localStorage.getItem("iamplay")?.includes("iam:CreateUser"));
    const readable = await pg.page.evaluate(() => localStorage.getItem("iamplay"));
    const kept = [{ date: "2026-11-30T09:00:00.000Z", reason: "an earlier problem", text: readable }];
    await seed(pg, { iamplay: "{ damaged", "iamplay.recovery": JSON.stringify(kept) });
    await pg.testId("error-banner").waitFor();
    await pg.testId("open-recover").click();
    const items = pg.testId("recover-item");
    assert.equal(await items.count(), 2);
    // Download the damaged copy, exactly as it was.
    const [download] = await Promise.all([
      pg.page.waitForEvent("download"),
      items.nth(1).locator('[data-testid="recover-download"]').click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    assert.equal(readFileSync(path, "utf8"), "{ damaged");
    // The damaged copy cannot be restored: the page says so and changes nothing.
    await items.nth(1).locator('[data-testid="recover-restore"]').click();
    await pg.testId("error-banner").waitFor();
    assert.match(await pg.testId("error-banner").innerText(), /cannot be opened by this version/);
    // The readable one is restored (undoable).
    await items.nth(0).locator('[data-testid="recover-restore"]').click();
    await pg.testId("recover").waitFor({ state: "detached" });
    assert.equal(await pg.testId("action-input").inputValue(), "iam:CreateUser");
    assert.match(await pg.testId("info-banner").innerText(), /Restored the copy kept on 2026-11-30/);
    // Delete.
    await pg.testId("open-recover").click();
    await pg.testId("recover-item").first().locator('[data-testid="recover-delete"]').click();
    assert.equal(await pg.testId("recover-item").count(), 1);
  });
});
