// Share links (docs/sharing.md): "Copy link" → a new browser context opens the same scenario; links
// made by the documented Node and Python scripts open; a broken link shows an error banner and
// leaves the saved work alone.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { baseUrl, CHROMIUM_ARGS, examples, launch, openPlayground, readShareLink, repoRoot } from "../fixtures.mjs";

/** The code block after `heading` in docs/sharing.md (so the test runs exactly what the doc says). */
function docSnippet(lang, heading) {
  const doc = readFileSync(join(repoRoot, "docs/sharing.md"), "utf8");
  const at = doc.indexOf(heading);
  assert.ok(at >= 0, `docs/sharing.md has no "${heading}"`);
  const m = doc.slice(at).match(new RegExp("```" + lang + "\\n([\\s\\S]*?)```"));
  assert.ok(m, `no ${lang} block after "${heading}"`);
  return m[1];
}

/** Run a documented link script on `scenario`, and point the link it prints at the server. */
function linkFromDocScript(interpreter, lang, heading, ext, scenario) {
  const dir = mkdtempSync(join(tmpdir(), "iamplay-link-"));
  try {
    writeFileSync(join(dir, `link.${ext}`), docSnippet(lang, heading));
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(scenario, null, 2));
    const out = execFileSync(interpreter, [join(dir, `link.${ext}`), join(dir, "scenario.json")], { encoding: "utf8" }).trim();
    assert.match(out, /^https:\/\/example\.com\/iamplay\/#s=[A-Za-z0-9_-]+$/);
    return out.replace("https://example.com/iamplay/", baseUrl);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hasPython() {
  try {
    execFileSync("python3", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

describe("share links", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("copy link, open it in a fresh context: same scenario, same decision", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("explicit-deny-beats-allow");
    await pg.selectPolicy("ProtectProd");
    await pg.replaceInEditor("NoDeletesInProd", "Shared Sid ✓ ünïcode");
    await pg.setRequest({ resource: "arn:aws:s3:::prod-data/shared.json" });
    await pg.expectDecision("explicitDeny");
    const texts = {};
    for (const { name } of await pg.policyTabs()) {
      await pg.selectPolicy(name);
      texts[name] = await pg.editorText();
    }
    const link = await pg.copyLink();
    assert.ok(link.startsWith(`${baseUrl}#s=`), link);
    assert.equal(await pg.clipboardText(), link, "the clipboard holds the same link");
    assert.match(readShareLink(link), /Shared Sid ✓ ünïcode/);

    const other = await openPlayground(browser, link, { t });
    await other.expectDecision("explicitDeny");
    await other.testId("info-banner").waitFor();
    // The link carries the scenario (names, types, texts), not which tab was open.
    const names = (tabs) => tabs.map(({ name, type }) => ({ name, type }));
    assert.deepEqual(names(await other.policyTabs()), names(await pg.policyTabs()));
    for (const [name, text] of Object.entries(texts)) {
      await other.selectPolicy(name);
      assert.equal(await other.editorText(), text, `text of ${name}`);
    }
    assert.equal(await other.resource.inputValue(), "arn:aws:s3:::prod-data/shared.json");
    assert.equal(await other.principal.inputValue(), await pg.principal.inputValue());
    assert.equal(await other.action.inputValue(), await pg.action.inputValue());
    assert.ok(!other.page.url().includes("s="), `the link is removed from the address bar: ${other.page.url()}`);
  });

  test("a link made by the Node.js script of docs/sharing.md opens", async (t) => {
    const example = examples().find((e) => e.slug === "role-trust-policy");
    const link = linkFromDocScript(process.execPath, "js", "Node.js", "js", example.scenario);
    const pg = await openPlayground(browser, link, { t });
    await pg.expectDecision(example.expect);
    assert.deepEqual((await pg.policyTabs()).map((x) => x.name), example.scenario.policies.map((p) => p.name));
    assert.equal(await pg.action.inputValue(), example.scenario.request.action);
  });

  test("a link made by the Python script of docs/sharing.md opens", { skip: !hasPython() && "no python3" }, async (t) => {
    const example = examples().find((e) => e.slug === "scp-deny-list-at-ou");
    const link = linkFromDocScript("python3", "python", "Python", "py", example.scenario);
    const pg = await openPlayground(browser, link, { t });
    await pg.expectDecision(example.expect);
    assert.deepEqual((await pg.policyTabs()).map((x) => x.name), example.scenario.policies.map((p) => p.name));
  });

  test("a broken link on load: error banner, saved work unchanged and shown", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.loadExample("bucket-policy-grants-user");
    await pg.setRequest({ action: "s3:ListBucket" });
    await pg.replaceInEditor("BobReads", "MySavedWork");
    await pg.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("MySavedWork"));
    const saved = await pg.page.evaluate(() => localStorage.getItem("iamplay"));
    const text = await pg.editorText();
    const decision = await pg.decision();

    for (const fragment of ["#s=AAAA", "#s=%%%not-base64", `#s=${Buffer.from("not deflate at all").toString("base64url")}`]) {
      const page2 = await openPlayground(browser, `/${fragment}`, { t, context: pg.context });
      const banner = page2.testId("error-banner");
      await banner.waitFor();
      assert.match(await banner.textContent(), /could not be opened/i);
      assert.equal(await page2.editorText(), text, `${fragment}: the saved work is shown`);
      assert.equal(await page2.action.inputValue(), "s3:ListBucket");
      assert.equal(await page2.decision(), decision);
      assert.equal(await page2.page.evaluate(() => localStorage.getItem("iamplay")), saved, `${fragment}: storage untouched`);
      await page2.close();
    }
  });

  test("a valid link to an invalid scenario: error banner, work unchanged", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.page.waitForFunction(() => (localStorage.getItem("iamplay") ?? "").includes("s3:GetObject"));
    const saved = await pg.page.evaluate(() => localStorage.getItem("iamplay"));
    const { deflateRawSync } = await import("node:zlib");
    const bad = deflateRawSync(Buffer.from('{"request": 1}')).toString("base64url");
    const page2 = await openPlayground(browser, `/#s=${bad}`, { t, context: pg.context });
    await page2.testId("error-banner").waitFor();
    assert.equal(await page2.action.inputValue(), "s3:GetObject");
    assert.equal(await page2.page.evaluate(() => localStorage.getItem("iamplay")), saved);
  });

  test("a broken link pasted into an open playground (hashchange): error banner, work unchanged", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.expectDecision("allowed");
    await pg.page.evaluate(() => {
      location.hash = "#s=AAAA";
    });
    await pg.testId("error-banner").waitFor();
    assert.equal(await pg.action.inputValue(), "s3:GetObject");
    await pg.expectDecision("allowed");
  });

  test("a good link pasted into an open playground loads it, and Undo brings the work back", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.expectDecision("allowed");
    const example = examples().find((e) => e.slug === "implicit-deny-by-default");
    const { shareLink } = await import("../fixtures.mjs");
    const hash = new URL(shareLink(example.scenario)).hash;
    await pg.page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await pg.expectDecision("implicitDeny");
    assert.deepEqual((await pg.policyTabs()).map((x) => x.name), ["ReadReports"]);
    await pg.testId("undo-load").click();
    await pg.expectDecision("allowed");
    assert.equal(await pg.action.inputValue(), "s3:GetObject");
  });

  test("on a plain-http host (no Clipboard API) the link is still shown to copy by hand", async (t) => {
    // http://iamplay.test is not a secure context (127.0.0.1 is), so navigator.clipboard is undefined.
    const insecure = await launch({ args: [...CHROMIUM_ARGS, "--host-resolver-rules=MAP iamplay.test 127.0.0.1"] });
    t.after(() => insecure.close());
    const host = `http://iamplay.test:${new URL(baseUrl).port}/`;
    const pg = await openPlayground(insecure, host, { t, contextOptions: { permissions: [] } });
    assert.deepEqual(await pg.page.evaluate(() => [isSecureContext, typeof navigator.clipboard]), [false, "undefined"]);
    await pg.testId("copy-link").click();
    const link = await pg.testId("share-url").inputValue();
    assert.ok(link.startsWith(`${host}#s=`), link);
    await pg.page.waitForTimeout(300);
    const status = await pg.page.locator(".share-status").textContent();
    // Without the Clipboard API (insecure origin) the link is offered to copy by hand, with no error.
    assert.match(status, /Copy the link below/);
    assert.equal(pg.errors.length, 0, String(pg.errors[0]?.message));
    // The app goes on working.
    await pg.setRequest({ action: "s3:GetObject" });
    await pg.expectDecision("allowed");
  });
});
