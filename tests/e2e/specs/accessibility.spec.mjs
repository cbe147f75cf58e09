// The main controls have accessible names, and the keyboard reaches the editor and the request.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

/** What has keyboard focus: a short description. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { kind: "body" };
    return {
      kind: el.closest(".cm-editor") ? "editor" : "other",
      testid: el.getAttribute("data-testid"),
      label: el.getAttribute("aria-label"),
      tag: el.tagName,
    };
  });
}

describe("accessibility", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("principal controls are reachable by role and accessible name", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    const { page } = pg;
    const byRole = [
      ["textbox", "Principal", "principal-input"],
      // With a list of suggestions (<datalist>) the action field is a combobox.
      [["textbox", "combobox"], "Action", "action-input"],
      ["textbox", "Resource", "resource-input"],
      ["button", "Add policy", "add-policy"],
      ["button", "Copy link", "copy-link"],
      ["button", "Examples", "open-gallery"],
      ["button", "Export scenario file", "export"],
      ["combobox", "Principal preset", "principal-preset"],
      ["textbox", "Policy name", "policy-name"],
      ["tablist", "Policy documents", null],
    ];
    for (const [roles, name, testid] of byRole) {
      const [role, ...others] = [roles].flat();
      let el = page.getByRole(role, { name, exact: true });
      for (const r of others) el = el.or(page.getByRole(r, { name, exact: true }));
      assert.equal(await el.count(), 1, `one ${role} named "${name}"`);
      if (testid) assert.equal(await el.getAttribute("data-testid"), testid, `${role} "${name}" is ${testid}`);
    }
    assert.ok(await page.getByRole("button", { name: "Import scenario file" }).isVisible());
    // The tabs are tabs, the editor is a named multi-line text box, the decision a live status.
    const policyTabs = page.getByRole("tablist", { name: "Policy documents" });
    assert.equal(await policyTabs.getByRole("tab").count(), 2);
    assert.equal(await policyTabs.getByRole("tab", { selected: true }).count(), 1);
    const editor = pg.editor;
    assert.equal(await editor.getAttribute("role"), "textbox");
    const editorName = await editor.getAttribute("aria-label");
    assert.ok(editorName && /S3FullAccess|polic/i.test(editorName), `editor's accessible name: ${editorName}`);
    assert.equal(await pg.decisionBanner.getAttribute("role"), "status");
    // The gallery is a modal dialog with named items.
    await page.getByRole("button", { name: "Examples" }).click();
    const dialog = page.getByRole("dialog", { name: "Examples" });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute("aria-modal"), "true");
    // The example files are fetched when the gallery first opens.
    await dialog.getByRole("button", { name: /^Example 1: / }).waitFor();
    assert.ok((await dialog.getByRole("button", { name: /^Example 1: / }).count()) === 1);
    // The first card is the course's first lesson (the examples follow it).
    assert.equal(await focused(page).then((f) => f.testid), "lesson-item", "focus starts inside the gallery");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  test("every button and form field has an accessible name", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.testId("add-context").click();
    const unnamed = await pg.page.evaluate(() =>
      [...document.querySelectorAll("button, input:not([type=hidden]), select, textarea, [role=tab], [role=textbox]")]
        .filter((el) => !el.closest("[aria-hidden=true]") && el.getAttribute("tabindex") !== "-1" || el.matches("[role=tab]"))
        .filter((el) => {
          const label = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.getAttribute("title");
          const text = el.textContent.trim();
          const labelled = el.id && document.querySelector(`label[for="${el.id}"]`);
          const wrapped = el.closest("label");
          return !(label || (el.tagName === "BUTTON" && text) || labelled || wrapped);
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unnamed, []);
  });

  test("Tab reaches the editor; Escape then Tab leaves it for the request fields", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    const { page } = pg;
    const before = await pg.editorText();
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    let f = { kind: "body" };
    const seen = [];
    for (let i = 0; i < 40 && f.kind !== "editor"; i++) {
      await page.keyboard.press("Tab");
      f = await focused(page);
      seen.push(f.testid ?? f.label ?? f.tag);
    }
    assert.equal(f.kind, "editor", `Tab never reached the editor: ${seen.join(" → ")}`);
    // Inside, Tab indents (CodeMirror); Escape, then Tab moves on.
    await page.keyboard.press("Escape");
    const wanted = ["principal-input", "action-input", "resource-input"];
    const reached = new Set();
    for (let i = 0; i < 60 && reached.size < wanted.length; i++) {
      await page.keyboard.press("Tab");
      f = await focused(page);
      seen.push(f.testid ?? f.label ?? f.tag);
      if (wanted.includes(f.testid)) reached.add(f.testid);
    }
    assert.deepEqual([...reached].sort(), [...wanted].sort(), `Tab order: ${seen.join(" → ")}`);
    assert.equal(await pg.editorText(), before, "leaving with Escape+Tab inserted nothing");
    // Typing into a field reached by keyboard works.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    f = await focused(page);
    assert.equal(f.testid, "action-input", `Shift+Tab goes back: ${JSON.stringify(f)}`);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("s3:GetObject");
    await pg.expectDecision("allowed");
  });

  test("arrow keys move between policy tabs", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.getByRole("tablist", { name: "Policy documents" }).getByRole("tab", { selected: true }).focus();
    await pg.page.keyboard.press("ArrowRight");
    await pg.page.locator('[role=tab][aria-selected=true][data-policy-name="ProtectProd"]').waitFor();
    assert.equal((await focused(pg.page)).testid, "policy-tab");
    await pg.page.keyboard.press("Home");
    await pg.page.locator('[role=tab][aria-selected=true][data-policy-name="S3FullAccess"]').waitFor();
  });

  test("one h1; a skip link goes to the decision; the editor's way out shows while it has focus", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    assert.equal(await pg.page.locator("h1").count(), 1);
    await pg.page.keyboard.press("Tab");
    assert.equal((await focused(pg.page)).testid, "skip-link");
    await pg.page.keyboard.press("Enter");
    assert.equal(await pg.page.evaluate(() => document.activeElement?.id), "result");
    const help = pg.page.locator("#editor-help");
    assert.equal(await help.evaluate((e) => getComputedStyle(e).opacity), "0");
    await pg.focusEditor();
    await pg.page.waitForFunction(() => getComputedStyle(document.querySelector("#editor-help")).opacity === "1");
    const ring = await pg.page.locator('[data-testid="editor"]').evaluate((e) => getComputedStyle(e).outlineStyle);
    assert.equal(ring, "solid");
  });

  test("the gallery keeps focus inside while open and gives it back when it closes", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.testId("open-gallery").click();
    await pg.testId("gallery-list").waitFor();
    const inside = () => pg.page.evaluate(() => document.querySelector('[data-testid="gallery"]').contains(document.activeElement));
    for (let i = 0; i < 60; i++) {
      await pg.page.keyboard.press("Tab");
      assert.ok(await inside(), `focus left the dialog after ${i + 1} Tab presses`);
    }
    await pg.page.keyboard.press("Shift+Tab");
    assert.ok(await inside());
    await pg.page.keyboard.press("Escape");
    await pg.testId("gallery").waitFor({ state: "detached" });
    assert.equal((await focused(pg.page)).testid, "open-gallery");
  });
});
