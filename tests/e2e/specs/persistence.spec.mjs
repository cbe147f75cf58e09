// The work survives a reload (local storage), and a scenario file can be exported (a download of
// the scenario JSON) and imported back.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";

import { join } from "node:path";

import { examples, launch, openPlayground, repoRoot } from "../fixtures.mjs";

describe("persistence", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("an edit survives a reload", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.selectPolicy("ProtectProd");
    await pg.replaceInEditor("NoDeletesInProd", "KeptAfterReload");
    await pg.setRequest({ action: "s3:DeleteBucket", resource: "arn:aws:s3:::prod-data" });
    await pg.expectDecision("explicitDeny");
    await pg.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("KeptAfterReload"));
    await pg.reload();
    assert.equal(await pg.action.inputValue(), "s3:DeleteBucket");
    assert.equal(await pg.resource.inputValue(), "arn:aws:s3:::prod-data");
    // The active tab is remembered too.
    const active = (await pg.policyTabs()).find((x) => x.selected);
    assert.equal(active?.name, "ProtectProd");
    assert.match(await pg.editorText(), /KeptAfterReload/);
    await pg.expectDecision("explicitDeny");
    const saved = await pg.savedWork();
    assert.equal(saved.version, 1);
  });

  test("an edit right before leaving the page is saved (saving waits for a pause in typing)", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForTimeout(500);
    // The edit and the reload in one task: the page is left long before the pause would save it.
    const left = pg.page.waitForEvent("load");
    await pg.page.evaluate(() => {
      const input = document.querySelector('[data-testid="action-input"]');
      input.value = "s3:PutObjectAcl";
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "s3:PutObjectAcl" }));
      location.reload();
    });
    await left;
    await pg.decisionBanner.waitFor();
    assert.equal(await pg.action.inputValue(), "s3:PutObjectAcl");
  });

  test("a new policy and its name survive a reload", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    const n = (await pg.policyTabs()).length;
    await pg.testId("add-policy").click();
    await pg.page.waitForFunction((k) => document.querySelectorAll('[data-testid="policy-tab"]').length === k, n + 1);
    await pg.testId("policy-name").fill("AddedByTest");
    await pg.reload();
    const tabs = await pg.policyTabs();
    assert.equal(tabs.length, n + 1);
    assert.ok(tabs.some((x) => x.name === "AddedByTest"), JSON.stringify(tabs));
  });

  test("export downloads the scenario JSON", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("ip-restricted-bucket");
    await pg.setRequest({ action: "s3:GetObject" });
    const [download] = await Promise.all([pg.page.waitForEvent("download", { timeout: 5000 }), pg.testId("export").click()]);
    assert.equal(download.suggestedFilename(), "ip-restricted-bucket.json");
    const text = await readFile(await download.path(), "utf8");
    const scenario = JSON.parse(text);
    const example = examples().find((e) => e.slug === "ip-restricted-bucket");
    assert.deepEqual(scenario.request.principal, example.scenario.request.principal);
    assert.deepEqual(scenario.request.context, example.scenario.request.context);
    assert.deepEqual(scenario.policies.map((p) => p.name), example.scenario.policies.map((p) => p.name));
    const docs = scenario.policies.map((p) => (typeof p.document === "string" ? JSON.parse(p.document) : p.document));
    assert.deepEqual(docs, example.scenario.policies.map((p) => JSON.parse(p.document)));
  });

  test("import of an exported file restores it; a bad file changes nothing", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("session-policy");
    await pg.setRequest({ action: "s3:GetObject" });
    const decision = await pg.decision();
    const [download] = await Promise.all([pg.page.waitForEvent("download"), pg.testId("export").click()]);
    const exported = await readFile(await download.path());

    // Somewhere else: a fresh context with other work.
    const other = await openPlayground(browser, "/", { t });
    await other.expectDecision("explicitDeny");
    await other.testId("import-input").setInputFiles({ name: "mine.json", mimeType: "application/json", buffer: exported });
    await other.testId("info-banner").filter({ hasText: "mine.json" }).waitFor();
    await other.expectDecision(decision);
    assert.deepEqual(await other.policyTabs().then((x) => x.map((y) => y.name)), ["DataAnalystRole", "ReadOnlySession"]);
    assert.equal(await other.action.inputValue(), "s3:GetObject");
    await other.testId("info-banner").waitFor();

    // An example file of the gallery format imports too.
    const example = examples().find((e) => e.slug === "tag-based-access");
    await other.testId("import-input").setInputFiles(join(repoRoot, "web/examples", example.file));
    await other.testId("info-banner").filter({ hasText: example.file }).waitFor();
    await other.expectDecision(example.expect);
    assert.equal(await other.action.inputValue(), example.scenario.request.action);

    // Not a scenario: an error banner, nothing changed.
    await other.testId("import-input").setInputFiles({ name: "nope.json", mimeType: "application/json", buffer: Buffer.from("{ nope") });
    await other.testId("error-banner").waitFor();
    assert.equal(await other.action.inputValue(), example.scenario.request.action);
    await other.expectDecision(example.expect);
  });
});
