// The built index.html carries a strict Content-Security-Policy (web/js/csp.mjs; issue 13) and the
// playground works under it: no violation while a first visit loads (app, CodeMirror, the catalog
// worker and its data), while the user edits, opens the gallery and an example, opens a workspace
// and copies a link.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground, repoRoot, shareLink } from "../fixtures.mjs";

describe("content security policy", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("the policy is strict, and nothing the playground does violates it", async (t) => {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    t.after(() => context.close());
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample ?? ""}`),
      );
    });
    const pg = await openPlayground(browser, "/", { context });
    const policy = await pg.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.ok(policy, "index.html has a CSP meta tag");
    const script = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
    assert.doesNotMatch(script, /'unsafe-inline'|'unsafe-eval'/, script);
    assert.match(script, /'wasm-unsafe-eval'/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "connect-src 'self'", "worker-src 'self'"]) {
      assert.ok(policy.includes(d), `${d} in ${policy}`);
    }
    // The catalog worker and its data load under the policy.
    await pg.page.locator('[data-testid="catalog-status"][data-state="ready"]').waitFor({ timeout: 30000 });
    await pg.replaceInEditor('"Allow"', '"Deny"');
    await pg.testId("open-gallery").click();
    await pg.page.locator('[data-testid="gallery-item"]').first().click();
    await pg.testId("gallery").waitFor({ state: "detached" });
    await pg.copyLink();
    const course = readFileSync(join(repoRoot, "examples/workspaces/course-basics.json"), "utf8");
    await pg.goto(shareLink(course));
    await pg.testId("checks").waitFor();
    const violations = await pg.page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, []);
    pg.check();
    // The listener does see a violation: an injected inline script is refused and reported.
    const refused = await pg.page.evaluate(async () => {
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.appendChild(s);
      await new Promise((r) => setTimeout(r, 100));
      return { ran: window.__injected === true, reported: window.__cspViolations.length };
    });
    assert.deepEqual(refused, { ran: false, reported: 1 });
  });
});
