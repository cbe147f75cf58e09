// The decision follows the text as it is typed — there is no Run button — and undo brings it back.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

describe("live editing", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("there is no Run button", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    assert.equal(await pg.page.getByRole("button", { name: /^(run|evaluate)\b/i }).count(), 0);
  });

  test("typing Allow over Deny flips the decision; undo flips it back", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    await pg.expectDecision("explicitDeny");
    await pg.selectPolicy("ProtectProd");
    const before = await pg.editorText();
    // One input event: CodeMirror groups typed keys into one undo step only when they come within
    // 500 ms of each other, which a loaded test machine does not promise.
    await pg.selectInEditor("Deny");
    await pg.page.keyboard.insertText("Allow");
    await pg.expectDecision("allowed");
    assert.match(await pg.editorText(), /"Effect": "Allow"/);
    await pg.undo();
    await pg.expectDecision("explicitDeny");
    assert.equal(await pg.editorText(), before, "one undo restores the text");
  });

  test("typing Deny over Allow in the only policy makes it an explicit deny", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("bucket-policy-grants-user");
    await pg.expectDecision("allowed");
    await pg.selectInEditor("Allow");
    await pg.page.keyboard.insertText("Deny");
    await pg.expectDecision("explicitDeny");
    await pg.undo();
    await pg.expectDecision("allowed");
  });

  test("typing in the request fields updates the decision", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    await pg.action.fill("");
    await pg.action.pressSequentially("s3:GetObject");
    await pg.expectDecision("allowed");
    await pg.action.fill("");
    await pg.expectDecision("none");
    await pg.action.pressSequentially("s3:DeleteObject");
    await pg.expectDecision("explicitDeny");
    await pg.resource.fill("arn:aws:s3:::dev-data/x.json");
    await pg.expectDecision("allowed");
  });
});
