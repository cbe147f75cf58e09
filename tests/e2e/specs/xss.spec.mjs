// User text — policy names, policy texts, context values, request fields — is shown as text, never
// as markup: script and onerror payloads stay inert.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground, shareLink } from "../fixtures.mjs";

const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = '<img src=x onerror="window.__pwned=1">';
const PAYLOAD = `${SCRIPT}${IMG}`;
// Backticks: the app turns `…` in messages into <code>; the payload must stay text inside it too.
const TICKED = `\`${IMG}\` and \`${SCRIPT}\``;

function scenario() {
  const doc = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Xss",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::bucket/${PAYLOAD}`,
        Condition: { StringEquals: { "aws:PrincipalTag/team": [PAYLOAD, TICKED] } },
      },
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { [`aws:RequestTag/${PAYLOAD}`]: TICKED } } },
      { Sid: PAYLOAD, [`Efect${IMG}`]: "Allow", Action: `s3:${PAYLOAD}`, Resource: "*" },
    ],
  };
  return {
    request: {
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: `arn:aws:s3:::bucket/${PAYLOAD}`,
      context: { "aws:PrincipalTag/team": PAYLOAD, [`aws:RequestTag/${PAYLOAD}`]: TICKED, "aws:TagKeys": [PAYLOAD, TICKED] },
    },
    policies: [
      { name: PAYLOAD, type: "identity", document: JSON.stringify(doc, null, 2) },
      { name: TICKED, type: "identity", document: `{ "Statement": "${PAYLOAD.replaceAll('"', '\\"')}" ` },
    ],
  };
}

/** Fails if a payload ran or became markup anywhere in the page. */
async function assertInert(pg, where) {
  await pg.page.waitForTimeout(300); // an onerror would fire by now (the image request fails at once)
  const found = await pg.page.evaluate(() => ({
    pwned: window.__pwned,
    scripts: [...document.querySelectorAll("script")].filter((s) => s.textContent.includes("__pwned")).length,
    // (CodeMirror's own `img.cm-widgetBuffer` spacers have no src.)
    imgs: [...document.querySelectorAll("img")].filter((i) => !i.matches("img.cm-widgetBuffer:not([src])")).map((i) => i.outerHTML),
    handlers: [...document.querySelectorAll("*")]
      .flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) && a.value.includes("__pwned")).map((a) => `${el.tagName} ${a.name}`)),
    // The payload is visible as text somewhere outside the editors (names, reasoning, diagnostics).
    asText: [...document.querySelectorAll('[data-testid="app"] *')].some(
      (el) => !el.closest(".cm-editor") && el.childElementCount === 0 && el.textContent.includes("<img src=x onerror="),
    ),
  }));
  assert.equal(found.pwned, undefined, `${where}: a payload ran`);
  assert.equal(found.scripts, 0, `${where}: a <script> was injected`);
  assert.deepEqual(found.imgs, [], `${where}: an <img> was injected`);
  assert.deepEqual(found.handlers, [], `${where}: an event handler attribute was injected`);
  return found;
}

describe("xss", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("a linked scenario full of payloads renders inert", async (t) => {
    const pg = await openPlayground(browser, shareLink(scenario()), { t });
    await pg.testId("info-banner").waitFor();
    const tabs = await pg.policyTabs();
    assert.deepEqual(tabs.map((x) => x.name), [PAYLOAD, TICKED]);
    assert.ok((await pg.editorText()).includes(SCRIPT), "the editor holds the text as typed");
    const found = await assertInert(pg, "first policy");
    assert.ok(found.asText, "the payload is shown as text");
    // Every panel that may show user text: the diagnostics, the reasoning with all statements, the
    // second policy (broken JSON), the derived keys, the gallery's banner.
    assert.ok((await pg.diagnostics()).length > 0);
    // A step's statements, and a statement's elements, are rendered when it opens: open every
    // `<details>` until none is closed.
    for (let round = 0; round < 5; round++) {
      const opened = await pg.page.locator("details:not([open])").evaluateAll((ds) => ds.map((d) => (d.open = true)).length);
      if (!opened) break;
      await pg.page.waitForTimeout(100);
    }
    await pg.selectPolicy(TICKED);
    await assertInert(pg, "second policy");
    // Hover every statement / step to trigger highlight rendering.
    for (const s of await pg.testId("statement").all()) await s.hover().catch(() => {});
    await assertInert(pg, "after hovering the reasoning");
  });

  test("payloads typed into the policy name, a context value and the request stay inert", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.testId("policy-name").fill(PAYLOAD);
    await pg.testId("add-context").click();
    await pg.testId("context-key").last().fill(`aws:PrincipalTag/${PAYLOAD}`);
    await pg.testId("context-value").last().fill(TICKED);
    await pg.setRequest({ resource: `arn:aws:s3:::prod-data/${TICKED}` });
    await pg.setRequest({ action: PAYLOAD });
    await pg.expectDecision("none");
    await assertInert(pg, "typed");
    await pg.setRequest({ action: "s3:DeleteObject", principal: TICKED });
    await assertInert(pg, "principal");
    await pg.typeInEditor(`\n${PAYLOAD}`);
    await assertInert(pg, "editor");
    // The share popover shows the link built from all of this.
    const link = await pg.copyLink();
    assert.ok(link.includes("#s="));
    await assertInert(pg, "share popover");
    // And the same reopened from the link.
    const other = await openPlayground(browser, link, { t });
    await assertInert(other, "reopened");
  });
});
