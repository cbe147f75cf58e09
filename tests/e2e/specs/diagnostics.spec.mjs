// A misspelled element and a JSON syntax error: listed with their code and line, squiggled and
// marked in the editor's gutter on that line, and a click on the diagnostic selects it in the editor.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground } from "../fixtures.mjs";

/** Lines (1-based) of the visible editor that hold an error squiggle / an error gutter marker. */
async function editorMarks(pg) {
  return pg.page.evaluate(() => {
    const editor = document.querySelector('[data-testid="editor"]');
    const lines = [...editor.querySelectorAll(".cm-content > .cm-line")];
    const squiggles = [
      ...new Set(
        [...editor.querySelectorAll(".cm-lintRange-error")].map((s) => lines.indexOf(s.closest(".cm-line")) + 1),
      ),
    ];
    // The gutter marker's row is level with its line's number in the line-number gutter.
    const numbers = [...editor.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].map((e) => ({
      top: Math.round(e.getBoundingClientRect().top),
      n: Number(e.textContent),
    }));
    const markers = [...editor.querySelectorAll(".cm-lint-marker-error")].map((m) => {
      const top = Math.round(m.closest(".cm-gutterElement").getBoundingClientRect().top);
      return numbers.find((x) => Math.abs(x.top - top) <= 2 && x.n > 0)?.n ?? -1;
    });
    return { squiggles, markers };
  });
}

describe("diagnostics", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("a misspelled element: INVALID_POLICY_ELEMENT on its line, squiggle, gutter marker, click selects it", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    assert.deepEqual(
      (await pg.diagnostics()).filter((d) => d.severity === "error"),
      [],
      "the example starts without errors",
    );
    // Line 6 of S3FullAccess is `      "Effect": "Allow",`.
    const text = await pg.editorText();
    assert.equal(text.split("\n")[5].trim(), '"Effect": "Allow",');
    await pg.replaceInEditor('"Effect"', '"Efect"');
    const d = await pg.waitForDiagnostic("INVALID_POLICY_ELEMENT", { line: 6 });
    assert.equal(d.severity, "error");
    assert.match(d.text, /Efect/);
    assert.match(d.text, /Effect/, "suggests the right element");

    const marks = await editorMarks(pg);
    assert.ok(marks.squiggles.includes(6), `a squiggle on line 6: ${JSON.stringify(marks)}`);
    assert.ok(marks.markers.includes(6), `a gutter marker on line 6: ${JSON.stringify(marks)}`);

    // Move the cursor away, then click the diagnostic.
    await pg.withView((view) => view.dispatch({ selection: { anchor: 0 } }));
    assert.equal((await pg.editorSelection()).line, 1);
    await pg.page.locator('[data-testid="diagnostic"][data-code="INVALID_POLICY_ELEMENT"] button').first().click();
    await pg.page.waitForFunction(() => {
      const view = document.querySelector('[data-testid="editor"] .cm-content')?.cmTile?.root?.view;
      return view && view.state.doc.lineAt(view.state.selection.main.from).number === 6;
    }, null, { timeout: 3000 });
    const sel = await pg.editorSelection();
    assert.equal(sel.line, 6);
    const selected = (await pg.editorText()).slice(sel.from, sel.to);
    assert.match(selected, /Efect/, `the selection covers the misspelled element: ${JSON.stringify(selected)}`);
  });

  test("a misspelled element in the second policy: the click switches tabs", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    await pg.selectPolicy("ProtectProd");
    await pg.replaceInEditor('"Action"', '"Actions"');
    await pg.waitForDiagnostic("INVALID_POLICY_ELEMENT", { line: 7 });
    await pg.selectPolicy("S3FullAccess");
    await pg.page.locator('[data-testid="diagnostic"][data-code="INVALID_POLICY_ELEMENT"] button').first().click();
    await pg.page.locator('[data-testid="policy-tab"][data-policy-name="ProtectProd"][aria-selected="true"]').waitFor({ timeout: 3000 });
    assert.match(await pg.editorText(), /"Actions"/);
    assert.equal((await pg.editorSelection()).line, 7);
  });

  test("a JSON syntax error: JSON_SYNTAX_ERROR on its line, squiggle, marker, click", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    // Line 8 is `      "Resource": "*"`; a bare `*` is not JSON.
    assert.equal((await pg.editorText()).split("\n")[7].trim(), '"Resource": "*"');
    await pg.replaceInEditor('"*"', "*");
    const d = await pg.waitForDiagnostic("JSON_SYNTAX_ERROR");
    assert.equal(d.line, 8, JSON.stringify(await pg.diagnostics()));
    assert.equal(d.severity, "error");
    const marks = await editorMarks(pg);
    assert.ok(marks.squiggles.includes(8), `a squiggle on line 8: ${JSON.stringify(marks)}`);
    assert.ok(marks.markers.includes(8), `a gutter marker on line 8: ${JSON.stringify(marks)}`);
    await pg.withView((view) => view.dispatch({ selection: { anchor: 0 } }));
    await pg.page.locator('[data-testid="diagnostic"][data-code="JSON_SYNTAX_ERROR"] button').first().click();
    await pg.page.waitForFunction(() => {
      const view = document.querySelector('[data-testid="editor"] .cm-content')?.cmTile?.root?.view;
      return view && view.state.doc.lineAt(view.state.selection.main.from).number === 8;
    }, null, { timeout: 3000 });
    // The tab shows the error count.
    assert.match(
      (await pg.page.locator('[data-testid="policy-tab"][data-policy-name="S3FullAccess"] .tab-errors').textContent()) ?? "",
      /^[1-9]/,
    );
  });

  test("a request problem is listed with line 0", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.action.fill("not an action");
    await pg.expectDecision("none");
    const request = (await pg.diagnostics()).filter((d) => d.line === 0);
    assert.ok(request.length >= 1, JSON.stringify(await pg.diagnostics()));
  });

  test("a policy name AWS would not accept is pointed out, and the hint goes when it is fixed", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    const name = pg.testId("policy-name");
    await name.fill("Read photos/1");
    const problem = pg.testId("policy-name-problem");
    assert.match(await problem.textContent(), /` ` is not allowed in a policy name/);
    assert.equal(await name.getAttribute("aria-invalid"), "true");
    await name.fill("ReadPhotos1");
    await problem.waitFor({ state: "detached" });
    assert.equal(await name.getAttribute("aria-invalid"), "false");
  });

  test("a did-you-mean has a quick fix: the lint panel's button writes the suggestion", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.replaceInEditor('"Effect"', '"Efect"');
    await pg.waitForDiagnostic("INVALID_POLICY_ELEMENT");
    // The lint panel (Ctrl+Shift+M, CodeMirror's key) lists the finding with its fix, keyboard-reachable.
    await pg.focusEditor();
    await pg.page.keyboard.press("Control+Shift+KeyM");
    const fix = pg.page.locator(".cm-panel-lint button.cm-diagnosticAction", { hasText: "Replace with Effect" });
    await fix.first().click();
    await pg.page.locator('[data-testid="diagnostic"][data-code="INVALID_POLICY_ELEMENT"]').waitFor({ state: "detached" });
    assert.match(await pg.withView((view) => view.state.doc.toString()), /"Effect": "Allow"/);
  });
});
