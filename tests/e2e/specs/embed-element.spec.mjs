// <iam-playground> elements (issue 12): the demo page's three embeds — from an attribute, inline
// JSON (read-only, dark) and a URL (a workspace) — each decide, with one WebAssembly instance for
// the page, and grow with their content. Playwright's locators reach into the open shadow roots.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, url } from "../fixtures.mjs";

describe("<iam-playground> elements", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("three elements on one page: each decides; one wasm; read-only; theme; height follows content", async (t) => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e));
    const wasm = [];
    page.on("response", (r) => {
      if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname);
    });
    await page.goto(url("/embed-demo/"));
    const decision = (id) => page.locator(`#${id} [data-testid="decision"]`);
    for (const id of ["from-attribute", "inline", "from-url"]) {
      await decision(id).waitFor({ state: "attached", timeout: 15000 });
    }
    assert.equal(await decision("from-attribute").getAttribute("data-decision"), "explicitDeny");
    assert.equal(await decision("inline").getAttribute("data-decision"), "allowed");
    assert.equal(await page.locator('#from-url [data-testid="checks"]').getAttribute("data-passed"), "11");
    // One instance of the app's wasm for the three (the catalog worker has its own, once).
    const app = wasm.filter((p) => /^\/iam-web-[0-9a-f]+_bg\.wasm$/.test(p));
    assert.equal(app.length, 1, JSON.stringify(wasm));
    // The page itself is untouched: its heading is there, no full playground took over the body.
    assert.equal(await page.locator("h1").innerText(), "Three embedded playgrounds");
    // Read-only: the request's fields are disabled and the editor does not change.
    assert.equal(await page.locator("#inline [data-testid=principal-input]").isDisabled(), true);
    // Theme: the dark element has dark colours, the others follow the system (light here).
    const bg = (id) => page.locator(`#${id}`).evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(await bg("inline"), await bg("from-attribute"));
    // Editable: an edit in the first element changes its decision, not the others'.
    await page.locator("#from-attribute [data-testid=action-input]").fill("s3:GetObject");
    await page.locator('#from-attribute [data-testid="decision"][data-decision="allowed"]').waitFor();
    assert.equal(await decision("inline").getAttribute("data-decision"), "allowed");
    // Height follows the content: no scrollbar inside the element.
    const box = await page.locator("#from-attribute").evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
    assert.ok(box.client > 300 && box.scroll <= box.client + 1, JSON.stringify(box));
    assert.deepEqual(errors, []);
  });

  test("inside an element's shadow root, arrow keys move focus between the policy tabs", async (t) => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(url("/embed-demo/"));
    const el = page.locator("#from-attribute");
    await el.locator('[data-testid="decision"]').waitFor({ state: "attached", timeout: 15000 });
    await el.locator('[role=tab][aria-selected=true]').focus();
    await page.keyboard.press("ArrowRight");
    await el.locator('[role=tab][aria-selected=true][data-policy-name="ProtectProd"]').waitFor();
    // Focus followed the selection, inside the shadow root (the page sees the host focused).
    const focused = await page.evaluate(() => {
      const host = document.activeElement;
      return { host: host?.id, inner: host?.shadowRoot?.activeElement?.getAttribute("data-policy-name") };
    });
    assert.deepEqual(focused, { host: "from-attribute", inner: "ProtectProd" });
  });
});
