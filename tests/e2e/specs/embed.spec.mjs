// Embed mode (docs/embedding.md): `?embed` or `#…&embed=1` give the compact view, whose
// "open in iamplay" link opens the same scenario, as it stands, in the full app.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { baseUrl, examples, launch, openPlayground, readShareLink, shareLink } from "../fixtures.mjs";

async function assertCompact(pg) {
  assert.equal(await pg.testId("app").getAttribute("data-embed"), "true");
  for (const id of ["open-gallery", "copy-link", "export", "import-input", "diagnostics"]) {
    assert.equal(await pg.testId(id).count(), 0, `no ${id} in embed mode`);
  }
  assert.equal(await pg.page.locator("header.topbar").count(), 0, "no full header");
  const open = pg.testId("open-in-iamplay");
  await open.waitFor();
  return open;
}

/** The scenario a link carries, parsed, with policy documents parsed too (formatting aside). */
function scenarioOf(link) {
  const s = JSON.parse(readShareLink(link));
  for (const p of s.policies) if (typeof p.document === "string") p.document = JSON.parse(p.document);
  return s;
}

describe("embed", () => {
  let browser;
  const example = examples().find((e) => e.slug === "explicit-deny-beats-allow");
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  for (const [how, make] of [
    ["?embed#s=…", (s) => shareLink(s).replace(baseUrl, `${baseUrl}?embed`)],
    ["#s=…&embed=1", (s) => shareLink(s, { embed: true })],
  ]) {
    test(`${how}: compact view; open-in-iamplay points at the full app with the same scenario`, async (t) => {
      const link = make(example.scenario);
      const pg = await openPlayground(browser, link, { t });
      await pg.expectDecision(example.expect);
      const open = await assertCompact(pg);
      // The link is compressed by the browser (async): wait until it carries the scenario.
      const nextHref = async (previous) => {
        await pg.page.waitForFunction((p) => {
          const h = document.querySelector('[data-testid="open-in-iamplay"]')?.getAttribute("href") ?? "";
          return h.includes("#s=") && h !== p;
        }, previous);
        return open.getAttribute("href");
      };
      const href = await nextHref(null);
      assert.equal(await open.getAttribute("target"), "_blank");
      const target = new URL(href);
      assert.equal(target.origin + target.pathname, baseUrl, `points at the app: ${href}`);
      assert.equal(target.search, "", "the full app, not the embed view");
      assert.ok(!/(^|&)embed/.test(target.hash.slice(1)), `no embed flag in ${target.hash.slice(0, 40)}…`);
      const expected = scenarioOf(shareLink(example.scenario));
      assert.deepEqual(scenarioOf(href), expected);
      assert.ok(pg.page.url().includes("s="), "an embedded link stays in the address");
      assert.equal(await pg.savedWork(), null, "embed mode writes nothing to local storage");

      // Edit in the embed: the link follows the current scenario; nothing is saved.
      await pg.selectPolicy("ProtectProd");
      await pg.replaceInEditor("Deny", "Allow");
      await pg.expectDecision("allowed");
      const href2 = await nextHref(href);
      assert.notEqual(href2, href);
      assert.equal(scenarioOf(href2).policies[1].document.Statement[0].Effect, "Allow");
      assert.equal(await pg.savedWork(), null);

      // Clicking it opens the full app in a new tab with that scenario.
      const [popup] = await Promise.all([pg.context.waitForEvent("page"), open.click()]);
      await popup.locator('[data-testid="decision"]').waitFor();
      assert.equal(await popup.locator('[data-testid="app"]').getAttribute("data-embed"), "false");
      assert.equal(await popup.locator('[data-testid="decision"]').getAttribute("data-decision"), "allowed");
      assert.equal(await popup.locator('[data-testid="open-gallery"]').count(), 1);
    });
  }

  test("?embed without a link shows the default example, not the reader's saved work", async (t) => {
    const full = await openPlayground(browser, "/", { t });
    await full.setRequest({ action: "s3:GetObject" });
    await full.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("s3:GetObject"));
    const embed = await openPlayground(browser, "/?embed", { t, context: full.context });
    await assertCompact(embed);
    assert.equal(await embed.action.inputValue(), "s3:DeleteObject");
    await embed.setRequest({ action: "s3:PutObject" });
    await embed.page.waitForTimeout(200);
    assert.match(JSON.stringify(await embed.savedWork()), /s3:GetObject/, "the saved work is untouched");
  });

  test("the embed view gets the catalog's help after the first decision (no matrix there)", async (t) => {
    const scenario = {
      request: { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k" },
      policies: [{ name: "Read", type: "identity", document: JSON.stringify({ Version: "2012-10-17", Statement: [
        { Sid: "ReadAll", Effect: "Allow", Action: "s3:Get*", Resource: "*" },
      ] }, null, 2) }],
    };
    const pg = await openPlayground(browser, shareLink(scenario).replace(baseUrl, `${baseUrl}?embed`), { t });
    await assertCompact(pg);
    await pg.expectDecision("allowed");
    // The deciding statement's `s3:Get*` says what it matches once the catalog is loaded.
    await pg.openStep("identityPolicies");
    const expansion = pg.page.locator('[data-testid="action-expansion"][data-pattern="s3:Get*"]').first();
    await expansion.waitFor({ state: "attached", timeout: 30000 });
    assert.ok(Number(await expansion.getAttribute("data-count")) > 50);
    assert.equal(await pg.testId("matrix").count(), 0);
    assert.equal(await pg.testId("catalog-status").count(), 0, "no header, so no status line");
  });

  test("the full app has the header controls (control for the checks above)", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    assert.equal(await pg.testId("app").getAttribute("data-embed"), "false");
    for (const id of ["open-gallery", "copy-link", "export", "diagnostics"]) assert.equal(await pg.testId(id).count(), 1, id);
    assert.equal(await pg.testId("open-in-iamplay").count(), 0);
  });

  test("a shared example keeps its title and text: in the full app and in embed mode", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("session-policy");
    const title = await pg.testId("lesson-title").textContent();
    const link = await pg.copyLink();
    const shared = JSON.parse(readShareLink(link));
    assert.equal(shared.title.replace(/`/g, ""), title.replace(/`/g, ""));
    assert.ok(shared.scenario.request.principal, "the scenario is beside the lesson");
    for (const url of [link, `${link}&embed=1`]) {
      const other = await openPlayground(browser, url, { t });
      assert.equal(await other.testId("lesson-title").textContent(), title, url.slice(-10));
      assert.ok((await other.testId("lesson-text").textContent()).length > 20);
    }
  });
});
