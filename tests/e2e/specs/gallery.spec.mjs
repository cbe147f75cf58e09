// Every gallery example (web/examples/NN-slug.json), loaded through the UI, shows the decision its
// file's `expect` says.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { examples, launch, openPlayground } from "../fixtures.mjs";

const all = examples();

describe("gallery", () => {
  let browser, pg;
  before(async () => {
    browser = await launch();
    pg = await openPlayground(browser);
  });
  after(async () => {
    await pg?.close();
    await browser?.close();
  });

  test("lists every example file, in order", async () => {
    await pg.testId("open-gallery").click();
    // The example files are fetched when the gallery first opens.
    await pg.testId("gallery-list").waitFor();
    const slugs = await pg.testId("gallery-item").evaluateAll((items) => items.map((i) => i.getAttribute("data-slug")));
    assert.deepEqual(slugs, all.map((e) => e.slug));
    await pg.page.keyboard.press("Escape");
    await pg.testId("gallery").waitFor({ state: "detached" });
  });

  for (const example of all) {
    test(`${example.file}: ${example.expect}`, async () => {
      await pg.loadExample(example.slug);
      await pg.expectDecision(example.expect);
      const names = (await pg.policyTabs()).map((t) => t.name);
      assert.deepEqual(names, example.scenario.policies.map((p) => p.name));
      assert.equal(await pg.principal.inputValue(), example.scenario.request.principal);
      assert.equal(await pg.action.inputValue(), example.scenario.request.action);
      // The example's title and text stay on screen (not only in the banner).
      assert.equal((await pg.testId("lesson-title").textContent()).replace(/`/g, ""), example.title.replace(/`/g, ""));
      assert.ok((await pg.testId("lesson-text").textContent()).length > 20);
    });
  }

  test("an assumption note opens iamplay's choice and its reasons, from docs/decisions.md", async () => {
    await pg.loadExample("anonymous-public-read");
    const note = pg.page.locator('[data-testid="note"][data-note="A7"]');
    await note.waitFor();
    // Notes are grouped; this one sits under the assumptions' heading, without its id in the text.
    assert.doesNotMatch(await note.textContent(), /A7/);
    await note.locator('[data-testid="note-why"] > summary').click();
    const why = note.locator('[data-testid="note-why-text"]');
    await why.waitFor();
    assert.match(await why.textContent(), /A7 in docs\/decisions\.md/);
    assert.ok((await why.textContent()).length > 200);
  });
});
