// The page talks to nobody but its own origin: every request during load and use is for one of its
// own static files (the lazily loaded catalog JSON, if any, included).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { baseUrl, launch, openPlayground } from "../fixtures.mjs";

const origin = new URL(baseUrl).origin;

describe("network", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("every request during load and interaction is same-origin", async (t) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], acceptDownloads: true });
    t.after(() => context.close());
    const requests = [];
    const failed = [];
    // Context-level: also sees service workers, popups and iframes.
    context.on("request", (r) => requests.push(r.url()));
    context.on("requestfailed", (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const responses = [];
    context.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
    // Nothing leaves, whatever the page tries: block other origins and remember them.
    await context.route(
      (u) => !["data:", "blob:"].includes(u.protocol) && u.origin !== origin,
      (route) => route.abort(),
    );

    const pg = await openPlayground(browser, "/", { context });
    await pg.page.waitForLoadState("networkidle");
    const atLoad = requests.length;
    // Interact: examples, typing, request fields, context keys, diagnostics, sharing, export.
    await pg.loadExample("ip-restricted-bucket");
    await pg.typeInEditor(" ");
    await pg.setRequest({ action: "s3:PutObject", principal: "arn:aws:iam::111122223333:user/bob" });
    await pg.testId("add-context").click();
    await pg.testId("context-key").last().fill("aws:SourceIp");
    await pg.testId("context-value").last().fill("198.51.100.7");
    await pg.replaceInEditor('"Version"', '"Verison"');
    await pg.waitForDiagnostic("INVALID_POLICY_ELEMENT");
    await pg.page.locator('[data-testid="diagnostic"] button').first().click();
    for (const s of (await pg.testId("statement").all()).slice(0, 4)) await s.hover();
    await pg.copyLink();
    await Promise.all([pg.page.waitForEvent("download"), pg.testId("export").click()]);
    await pg.page.waitForLoadState("networkidle");
    await pg.close();

    const foreign = requests.filter((u) => {
      const p = new URL(u);
      return !["data:", "blob:"].includes(p.protocol) && p.origin !== origin;
    });
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.ok(atLoad >= 4, `the page's own files were requested: ${requests.join(", ")}`);
    // Only static files of dist/: the HTML, JS, wasm, CSS and JSON.
    for (const u of requests.filter((x) => x.startsWith(origin))) {
      const path = new URL(u).pathname;
      assert.match(path, /^\/(|[\w.\-/]+\.(html|js|mjs|wasm|css|json|svg|png|ico))$/, `unexpected request ${u}`);
    }
    assert.deepEqual(failed, [], "failed requests");
    assert.deepEqual(responses.filter((r) => r.status >= 400), [], "error responses");
  });
});
