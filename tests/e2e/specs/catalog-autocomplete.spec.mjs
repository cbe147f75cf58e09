// The AWS service catalog in the request builder and the editor: lazy loading with a visible state,
// action suggestions (ARIA listbox, keyboard), ARN templates, condition keys with their types,
// catalog diagnostics (did-you-mean), wildcard expansion in the trace and on hover.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPlayground, shareLink } from "../fixtures.mjs";

const policy = (action) => JSON.stringify({ Version: "2012-10-17", Statement: [
  { Sid: "Read", Effect: "Allow", Action: action, Resource: "arn:aws:s3:::example-bucket/*" },
] }, null, 2);

async function catalogReady(pg) {
  await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="ready"]', { timeout: 20000 });
}

describe("catalog: request builder and editor", () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(() => browser?.close());

  test("the catalog loads after the first decision, with a status", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    assert.notEqual(await pg.decision(), null, "the decision is on screen first");
    const status = pg.testId("catalog-status");
    await catalogReady(pg);
    assert.match(await status.textContent(), /AWS service data: \d{3} services/);
  });

  test("without the catalog (it failed to load) the playground works, says so, and Retry loads it", async (t) => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    t.after(() => context.close());
    let block = true;
    await context.route("**/catalog.json", (route) => (block ? route.abort() : route.continue()));
    const pg = await openPlayground(browser, "/", { context });
    const status = pg.testId("catalog-status");
    await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="error"]', { timeout: 20000 });
    assert.match(await status.textContent(), /could not be loaded/);
    // Everything but the catalog goes on: edits decide, the action field is a plain input.
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.expectDecision("allowed");
    assert.equal(await pg.testId("action-suggestion").count(), 0);
    assert.match(await pg.page.locator(".catalog-card").textContent(), /could not be loaded/);
    block = false;
    await pg.testId("catalog-retry").click();
    await catalogReady(pg);
    await pg.testId("matrix").locator('[data-testid="matrix-row"]').first().waitFor({ timeout: 20000 });
    assert.equal(pg.errors.length, 0, String(pg.errors[0]?.message));
  });

  test("if the catalog worker fails after loading, the status says so and Retry brings it back", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    // Simulate the worker failing (an error event, as a crash or running out of memory gives).
    await pg.page.evaluate(() => globalThis.__iamplayCatalogWorker.dispatchEvent(new ErrorEvent("error", { message: "simulated failure" })));
    await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="error"]', { timeout: 5000 });
    assert.match(await pg.page.locator(".catalog-card").textContent(), /could not be loaded/);
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.expectDecision("allowed");
    await pg.testId("catalog-retry").click();
    await catalogReady(pg);
    await pg.testId("matrix").locator('[data-testid="matrix-row"]').first().waitFor({ timeout: 20000 });
  });

  test("once the catalog is there, RCPs apply only to the services that support them (A20)", async (t) => {
    const doc = (o) => JSON.stringify(o, null, 2);
    const scenario = {
      request: { principal: "arn:aws:iam::111122223333:user/alice", action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/*" },
      policies: [
        { name: "Admin", type: "identity", document: doc({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) },
        { name: "DenyAll", type: "rcp", target: "r-root", document: doc({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }] }) },
      ],
    };
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    t.after(() => context.close());
    // Hold the catalog back to see the decision without it first.
    let release;
    const held = new Promise((r) => (release = r));
    await context.route("**/catalog.json", async (route) => {
      await held;
      await route.continue();
    });
    const pg = await openPlayground(browser, shareLink(scenario), { context });
    await pg.expectDecision("explicitDeny");
    const notes = await pg.page.locator('[data-testid="note"]').allTextContents();
    assert.ok(notes.some((n) => /RCPs are applied to every service/.test(n)), `the trace notes A20: ${notes}`);
    release();
    await catalogReady(pg);
    await pg.expectDecision("allowed");
    const rcp = pg.page.locator('[data-testid="stage"][data-stage="rcp"]').first();
    assert.equal(await rcp.getAttribute("data-outcome"), "notApplicable");
    // The matrix (the worker) and a row's reasoning (the page) agree.
    const row = pg.testId("matrix").locator('[data-testid="matrix-row"][data-action="ec2:RunInstances"]');
    await row.waitFor({ timeout: 20000 });
    assert.equal(await row.getAttribute("data-decision"), "allowed");
    await row.locator("button").click();
    const rowRcp = pg.testId("matrix").locator('[data-testid="matrix-reasoning"] [data-testid="stage"][data-stage="rcp"]').first();
    await rowRcp.waitFor({ state: "attached" });
    assert.equal(await rowRcp.getAttribute("data-outcome"), "notApplicable");
  });

  test("action suggestions: typed text, arrow keys and Enter", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    await pg.action.fill("");
    await pg.action.pressSequentially("GetObjectAc");
    const list = pg.testId("action-suggestions");
    await list.waitFor();
    assert.equal(await list.getAttribute("role"), "listbox");
    assert.equal(await pg.action.getAttribute("role"), "combobox");
    await pg.page.waitForFunction(() =>
      document.querySelector('[data-testid="action-suggestion"]')?.dataset.action === "s3:GetObjectAcl");
    await pg.action.press("ArrowDown");
    const active = await pg.action.getAttribute("aria-activedescendant");
    assert.ok(active, "the active option is announced");
    assert.equal(await pg.page.locator(`#${active}`).getAttribute("aria-selected"), "true");
    await pg.action.press("Enter");
    assert.equal(await pg.action.inputValue(), "s3:GetObjectAcl");
    await list.waitFor({ state: "hidden" });
    // Escape closes the list.
    await pg.action.fill("");
    await pg.action.pressSequentially("dynamodb:Get");
    await list.waitFor();
    await pg.action.press("Escape");
    await list.waitFor({ state: "hidden" });
  });

  test("ARN templates fill the resource; condition keys add typed context rows", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    await pg.setRequest({ action: "ec2:RunInstances", resource: "arn:aws:ec2:eu-west-1:444455556666:volume/vol-1" });
    // The box is one folded line (it arrives with the catalog and moves nothing); open it.
    const box = pg.testId("action-help-box");
    assert.equal(await box.getAttribute("open"), null, "folded by default");
    await box.locator(":scope > summary").click();
    const help = pg.testId("action-help");
    await pg.page.waitForSelector('[data-testid="action-help"][data-action="ec2:RunInstances"]');
    const template = help.locator('[data-testid="arn-template"]', { hasText: "instance/" }).first();
    const arn = await template.getAttribute("data-arn");
    assert.equal(arn, "arn:aws:ec2:eu-west-1:444455556666:instance/${InstanceId}");
    await template.click();
    assert.equal(await pg.resource.inputValue(), arn);

    const key = help.locator('[data-testid="condition-key-suggestion"][data-type="Numeric"]').first();
    const name = await key.getAttribute("data-key");
    await key.click();
    const row = pg.page.locator(`[data-testid="context-row"][data-key="${name}"]`);
    await row.waitFor();
    assert.equal(await row.locator('[data-testid="context-kind"]').inputValue(), "number");
  });

  test("unknown actions get a did-you-mean; patterns show their expansion", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    await pg.setEditorText(policy(["s3:GetObjcet", "s3:Get*"]));
    await pg.setRequest({ action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/report.csv" });
    await pg.expectDecision("allowed");
    const d = await pg.waitForDiagnostic("INVALID_ACTION");
    assert.ok(d, "INVALID_ACTION appears once the catalog is loaded");
    const texts = (await pg.diagnostics()).map((x) => x.text).join("\n");
    assert.match(texts, /s3:GetObject/);
    await pg.openStep("identityPolicies");
    const expansion = pg.page.locator('[data-testid="action-expansion"][data-pattern="s3:Get*"]').first();
    await expansion.waitFor({ state: "attached" });
    assert.ok(Number(await expansion.getAttribute("data-count")) > 50);
  });

  test("typing in one policy keeps the catalog's findings on the others", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    await pg.selectPolicy("S3FullAccess");
    await pg.setEditorText(policy(["s3:GetObjcet"]));
    await pg.waitForDiagnostic("INVALID_ACTION");
    await pg.selectPolicy("ProtectProd");
    await pg.typeInEditor(" ");
    // Right after the keystroke (the catalog is asked again only after a pause in typing), the
    // finding on the other policy is still there.
    const codes = (await pg.diagnostics()).map((d) => d.code);
    assert.ok(codes.includes("INVALID_ACTION"), `${codes}`);
  });

  test("hovering an action pattern in the editor shows what it matches", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await catalogReady(pg);
    await pg.setEditorText(policy("s3:List*"));
    const from = await pg.withView((view) => view.state.doc.toString().indexOf("s3:List*") + 3);
    const box = await pg.withView((view, pos) => {
      const c = view.coordsAtPos(pos);
      return { x: c.left + 2, y: (c.top + c.bottom) / 2 };
    }, from);
    await pg.page.mouse.move(box.x, box.y);
    const tip = pg.page.locator('[data-testid="editor-expansion"]');
    await tip.waitFor({ timeout: 5000 });
    assert.ok(Number(await tip.getAttribute("data-count")) > 10);
    assert.match(await tip.textContent(), /s3:ListBucket/);
  });
});
