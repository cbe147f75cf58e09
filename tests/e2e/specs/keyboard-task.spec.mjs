// A whole task with the keyboard only (issue 11): open the gallery, choose an example, Tab into the
// editor and change the policy so the decision flips, read the reasoning (open a step with Enter),
// and share the result with "Copy link". Only page.keyboard drives the page: no mouse, no
// element.focus() or .click(). The decision banner is a live region: the change is announced.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground, readShareLink } from "../fixtures.mjs";

/** What has keyboard focus, in a few words. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: "BODY" };
    const stage = el.tagName === "SUMMARY" ? el.closest('[data-testid="stage"]') : null;
    return {
      tag: el.tagName,
      testid: el.getAttribute("data-testid"),
      slug: el.getAttribute("data-slug"),
      editor: Boolean(el.closest(".cm-editor")),
      stage: stage ? { id: stage.id, open: stage.open } : null,
      text: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40),
    };
  });
}

/** Press `key` until `wanted(focus)` holds (at most `max` presses); fails with the path taken. */
async function pressUntil(page, key, wanted, { max = 80, what }) {
  const path = [];
  for (let i = 0; i < max; i++) {
    // Inside the editor Tab and Shift+Tab indent; Escape first lets the next one move on.
    if (path.length && (await focused(page)).editor) await page.keyboard.press("Escape");
    await page.keyboard.press(key);
    const f = await focused(page);
    path.push(f.testid ?? f.text ?? f.tag);
    if (wanted(f)) return f;
  }
  assert.fail(`${key} never reached ${what}: ${path.join(" → ")}`);
}

describe("a task with the keyboard only", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("gallery → example → edit → decision flips (announced) → reasoning step → Copy link", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    const { page } = pg;

    // 1. Open the gallery: Tab to "Examples", Enter.
    await pressUntil(page, "Tab", (f) => f.testid === "open-gallery", { max: 30, what: "the Examples button" });
    await page.keyboard.press("Enter");
    await pg.testId("gallery-list").waitFor();

    // 2. Choose an example: Tab through the cards to the MFA one, Enter.
    await pressUntil(page, "Tab", (f) => f.testid === "gallery-item" && f.slug === "mfa-bool-false-trap", {
      max: 60,
      what: "the MFA example's card",
    });
    await page.keyboard.press("Enter");
    await pg.testId("gallery").waitFor({ state: "detached" });
    await pg.expectDecision("allowed");

    // The decision banner is a live region that stays in place while its text changes, so screen
    // readers announce the new decision.
    const banner = await pg.decisionBanner.elementHandle();
    const live = await banner.evaluate((e) => ({ role: e.getAttribute("role"), live: e.getAttribute("aria-live") }));
    assert.ok(["polite", "assertive"].includes(live.live) || ["status", "alert"].includes(live.role), JSON.stringify(live));
    const textBefore = (await banner.textContent()).trim();

    // 3. Tab into the editor and change `"Bool"` to `"BoolIfExists"` (the example's own lesson):
    // the Deny now applies to a request without MFA.
    await pressUntil(page, "Tab", (f) => f.editor, { max: 40, what: "the policy editor" });
    const lines = (await pg.editorText()).split("\n");
    const line = lines.findIndex((l) => l.includes('"Bool"'));
    assert.ok(line > 0, "the policy has a Bool condition");
    assert.ok(lines[line].trimEnd().endsWith('"Bool": {'), lines[line]);
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < line; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    for (let i = 0; i < '": {'.length; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("IfExists");
    await pg.expectDecision("explicitDeny");
    assert.match(await pg.editorText(), /"BoolIfExists": \{/);
    // The same live element now says the new decision.
    assert.equal(await banner.evaluate((e) => e.isConnected && e.getAttribute("data-decision")), "explicitDeny");
    const textAfter = (await banner.textContent()).trim();
    assert.notEqual(textAfter, textBefore);
    assert.match(textAfter, /Denied/);

    // 4. Read the reasoning: leave the editor (Escape, then Tab), Tab to a closed step, open it with Enter.
    await page.keyboard.press("Escape");
    const step = await pressUntil(page, "Tab", (f) => f.stage && !f.stage.open, { max: 80, what: "a closed reasoning step" });
    await page.keyboard.press("Enter");
    const details = page.locator(`#${step.stage.id}`);
    await page.waitForFunction((id) => document.getElementById(id).open, step.stage.id);
    assert.ok(await details.locator(".stage-body").isVisible(), "the step's content is shown");
    // Space closes it again, and Enter reopens it.
    await page.keyboard.press(" ");
    await page.waitForFunction((id) => !document.getElementById(id).open, step.stage.id);
    await page.keyboard.press("Enter");
    await page.waitForFunction((id) => document.getElementById(id).open, step.stage.id);

    // 5. Share: back to "Copy link" with Shift+Tab, Enter; the link appears and is on the clipboard.
    await pressUntil(page, "Shift+Tab", (f) => f.testid === "copy-link", { max: 150, what: "Copy link" });
    await page.keyboard.press("Enter");
    const field = pg.testId("share-url");
    await field.waitFor();
    await page.locator(".share-status", { hasText: "Link copied" }).waitFor();
    const link = await field.inputValue();
    assert.equal(await pg.clipboardText(), link);
    assert.match(readShareLink(link), /BoolIfExists/);
  });
});
