// The access matrix and the policy summary.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPlayground } from "../fixtures.mjs";

describe("catalog: access matrix and policy summary", () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(() => browser?.close());

  test("the matrix evaluates every action of the request's service, grouped by access level", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="ready"]', { timeout: 20000 });
    await pg.setEditorText(JSON.stringify({ Version: "2012-10-17", Statement: [
      { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/*" },
    ] }, null, 2));
    await pg.setRequest({ action: "s3:GetObject", resource: "arn:aws:s3:::example-bucket/report.csv" });
    const matrix = pg.testId("matrix");
    await matrix.locator('[data-testid="matrix-row"]').first().waitFor();
    await pg.page.waitForFunction(() => document.querySelector('[data-testid="matrix-total"]')?.dataset.allowed === "1");
    const levels = await matrix.locator('[data-testid="matrix-group"]').evaluateAll((els) => els.map((e) => e.dataset.level));
    assert.deepEqual(levels.filter((l) => ["list", "read", "write"].includes(l)), ["list", "read", "write"]);
    // The policy allows s3:GetObject on the example bucket, nothing else.
    const get = matrix.locator('[data-testid="matrix-row"][data-action="s3:GetObject"]');
    assert.equal(await get.getAttribute("data-decision"), "allowed");
    assert.equal(await matrix.locator('[data-testid="matrix-row"][data-action="s3:PutObject"]').getAttribute("data-decision"), "implicitDeny");
    const total = matrix.locator('[data-testid="matrix-total"]');
    assert.equal(await total.getAttribute("data-allowed"), "1");
    // Each action on the resource it takes: a bucket action on the bucket (said under the action),
    // an action without resource type on `*`, and rows not applicable to an object (no button).
    const list = matrix.locator('[data-testid="matrix-row"][data-action="s3:ListBucket"]');
    assert.equal(await list.getAttribute("data-resource"), "arn:aws:s3:::example-bucket");
    assert.equal((await list.locator('[data-testid="matrix-row-resource"]').textContent()).trim(), "on arn:aws:s3:::example-bucket");
    assert.equal(await matrix.locator('[data-testid="matrix-row"][data-action="s3:ListAllMyBuckets"]').getAttribute("data-resource"), "*");
    assert.equal(await get.locator('[data-testid="matrix-row-resource"]').count(), 0);
    const na = matrix.locator('[data-testid="matrix-row"][data-decision="notApplicable"]');
    assert.ok(await na.count() > 0);
    assert.equal(await na.first().locator("button").count(), 0);
    assert.equal(await total.getAttribute("data-not-applicable"), String(await na.count()));

    // A row opens its full reasoning.
    await get.locator("button").click();
    const reasoning = matrix.locator('[data-testid="matrix-reasoning"]');
    await reasoning.locator('[data-testid="stage"][data-stage="identityPolicies"]').waitFor();
    assert.equal(await get.locator("button").getAttribute("aria-expanded"), "true");

    await matrix.locator('[data-testid="matrix-close"]').click();
    assert.equal(await reasoning.count(), 0);
    // Filters hide rows.
    await matrix.locator('[data-testid="matrix-filter"][data-filter="allowed"]').click();
    assert.equal(await matrix.locator('[data-testid="matrix-row"][data-decision="implicitDeny"]').first().isVisible(), false);
  });

  test("several services and another resource; EC2 is fast", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="ready"]', { timeout: 20000 });
    await pg.setEditorText(JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: ["ec2:Describe*", "iam:Get*"], Resource: "*" },
      { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*" },
    ] }, null, 2));
    const matrix = pg.testId("matrix");
    await matrix.locator('[data-testid="matrix-services"]').fill("ec2, iam");
    await matrix.locator('[data-testid="matrix-resource"]').fill("*");
    await matrix.locator('[data-testid="matrix-service"][data-service="iam"]').waitFor({ timeout: 10000 });
    const ec2 = matrix.locator('[data-testid="matrix-service"][data-service="ec2"]');
    assert.ok(await ec2.locator('[data-testid="matrix-row"]').count() > 500);
    assert.equal(await ec2.locator('[data-testid="matrix-row"][data-action="ec2:DescribeInstances"]').getAttribute("data-decision"), "allowed");
    assert.equal(await ec2.locator('[data-testid="matrix-row"][data-action="ec2:TerminateInstances"]').getAttribute("data-decision"), "explicitDeny");
  });

  test("the policy summary gives the access per service and level", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.waitForSelector('[data-testid="catalog-status"][data-state="ready"]', { timeout: 20000 });
    await pg.setEditorText(JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "sqs:*", Resource: "*" },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
    ] }, null, 2));
    await pg.page.locator('[data-testid="catalog-tab"][data-tab="summary"]').click();
    const summary = pg.testId("policy-summary").first();
    await summary.locator('[data-testid="summary-service"][data-service="sqs"]').waitFor();
    assert.equal(await summary.locator('[data-testid="summary-service"][data-service="sqs"]').getAttribute("data-access"), "full");
    const s3 = summary.locator('[data-testid="summary-service"][data-service="s3"]');
    assert.equal(await s3.getAttribute("data-access"), "limited");
    assert.match(await s3.textContent(), /arn:aws:s3:::b\/\*/);
  });
});
