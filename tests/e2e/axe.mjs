// The accessibility scan behind specs/axe*.spec.mjs: one file per size, so that each stays well
// inside the runner's 90 s per file on a busy machine (and two run side by side).
//
// Automated accessibility scan (issue 11, issue 13 item 3): axe-core's default run (the WCAG 2 A/AA
// rules and its best practices) over every view of the playground, at four sizes; the test fails on
// any violation whose impact is "serious" or "critical", and prints each one's rule, impact and
// first few elements.
//
// Views: (a) the main view after the first decision, with a closed reasoning step expanded; (b) the
// gallery dialog; (c) the embed view (`?embed`) and the <iam-playground> demo page (its elements'
// open shadow roots are scanned too; at 1440×900 and 800×480); (d) dark mode (prefers-color-scheme:
// dark, which is how the app picks its dark colours — web/style.css; emulated in place, no reload)
// for the main view and the workspace at every size, and for every view at 1440×900; (e) a course
// lesson opened from the gallery (model, requests, checks, task) in student mode, then with the
// answers and a hint shown in author mode; plus the Recover dialog at 390×844.
// Sizes: 1440×900, 390×844 (mobile), 1920×1080 at 150 % zoom (a 1280×720 viewport with
// deviceScaleFactor 1.5), and 800×480 (standing in for a 480 px high iframe).
//
// The release build carries a strict Content-Security-Policy (web/js/csp.mjs) that forbids inline
// scripts; axe-core is injected as one, so the scan's browser context uses `bypassCSP: true`. The
// CSP itself is tested by csp.spec.mjs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";

import { launch, url } from "./fixtures.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

export const SIZES = [
  { name: "1440×900", viewport: { width: 1440, height: 900 } },
  { name: "390×844 mobile", viewport: { width: 390, height: 844 } },
  { name: "1920×1080 at 150 %", viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 },
  { name: "800×480", viewport: { width: 800, height: 480 } },
];

/** Run axe-core on the page as it is (or, for a modal dialog, on the dialog: the page under it is
 *  scanned as a view of its own); the serious and critical violations, one line each. */
async function scan(page, view, context = null) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE });
  const results = await page.evaluate((context) => window.axe.run(context ?? document, { resultTypes: ["violations"] }), context);
  return results.violations
    .filter((v) => FAILING.has(v.impact))
    .map((v) => {
      const targets = v.nodes.slice(0, 4).map((n) => JSON.stringify(n.target.length === 1 ? n.target[0] : n.target));
      const more = v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : "";
      const why = v.nodes[0]?.failureSummary?.split("\n").slice(1, 2).join(" ").trim() ?? "";
      return `[${view}] ${v.id} (${v.impact}): ${v.help}\n    ${targets.join(", ")}${more}\n    ${why}`;
    });
}

async function waitForDecision(page) {
  await page.locator('[data-testid="decision"]').first().waitFor({ timeout: 15000 });
}

async function openGallery(page) {
  await page.locator('[data-testid="open-gallery"]').click();
  await page.locator('[data-testid="lesson-item"]').first().waitFor();
  await page.locator('[data-testid="gallery-item"]').first().waitFor();
}

/** Open a course lesson from the gallery; wait for its task and checks. */
async function openLesson(page, slug) {
  await openGallery(page);
  await page.locator(`[data-testid="lesson-item"][data-slug="${slug}"]`).click();
  await page.locator('[data-testid="gallery"]').waitFor({ state: "detached" });
  await page.locator('[data-testid="task"]').waitFor();
  await page.locator('[data-testid="checks"]').waitFor();
}

/** Expand a reasoning step that is closed, so its statements are scanned too. */
async function expandStep(page) {
  const closed = page.locator('[data-testid="stage"]:not([open]) > summary').first();
  if ((await closed.count()) === 0) return false;
  await closed.click();
  await page.locator('[data-testid="stage"][open] .stage-body').first().waitFor();
  return true;
}

/** The scan of every view at each of `sizes` (one test per size, one browser for the file). */
export function axeSuite(sizes) {
  describe("axe-core: no serious or critical violations", () => {
    let browser;
    before(async () => {
      browser = await launch();
    });
    after(() => browser?.close());

    for (const size of sizes) {
      test(`every view at ${size.name}`, async (t) => {
        const context = await browser.newContext({
          viewport: size.viewport,
          deviceScaleFactor: size.deviceScaleFactor ?? 1,
          // axe-core goes in as an inline script, which the page's CSP forbids (see the top).
          bypassCSP: true,
        });
        t.after(() => context.close());
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(e));
        const found = [];

        // Each view is scanned light, then dark: the colours follow prefers-color-scheme through CSS
        // alone (web/style.css; CodeMirror's theme uses the same variables), so no reload is needed.
        // Dark mode is scanned at every size for the main view and the workspace, and for every view
        // at the first size (its colours do not change with the size; the layout is in the light scans).
        const first = size === SIZES[0];
        const both = async (view, context, schemes = first ? ["light", "dark"] : ["light"]) => {
          for (const scheme of schemes) {
            await page.emulateMedia({ colorScheme: scheme });
            found.push(...(await scan(page, `${scheme} ${view}`, context)));
          }
          await page.emulateMedia({ colorScheme: "light" });
        };

        // (a) The main view after the first decision, with a closed step expanded.
        await page.goto(url("/"));
        await waitForDecision(page);
        await page.locator('html[data-editor="ready"]').waitFor({ state: "attached", timeout: 15000 });
        assert.ok(await expandStep(page), "a closed reasoning step to expand");
        await both("main", null, ["light", "dark"]);
        // (b) The gallery dialog.
        await openGallery(page);
        await both("gallery", '[data-testid="gallery"]');
        await page.keyboard.press("Escape");
        await page.locator('[data-testid="gallery"]').waitFor({ state: "detached" });
        // (e) A course lesson: model, requests, checks, task (student mode); then the answers and a
        // hint shown, in author mode.
        await openLesson(page, "implicit-and-explicit-deny");
        await expandStep(page);
        await both("lesson (student)");
        await page.locator('[data-testid="show-answers"]').click();
        await page.locator('[data-testid="show-hint"]').click();
        await page.locator('[data-testid="hints"] li').first().waitFor();
        await page.locator('[data-testid="author-mode"]').check();
        await page.locator('[data-testid="author-tools"]').waitFor();
        await both("lesson (answers, hint, author mode)", null, ["light", "dark"]);
        // The Recover dialog (damaged saved work), at one size: the mobile one (the first size has
        // the most to scan already).
        if (size === SIZES[1]) {
          await page.evaluate(() => {
            localStorage.clear();
            localStorage.setItem("iamplay", "{ damaged");
          });
          await page.reload();
          await page.locator('[data-testid="open-recover"]').click();
          await page.locator('[data-testid="recover-item"]').first().waitFor();
          await both("recover", '[data-testid="recover"]');
        }
        // (c) The embed view; and the <iam-playground> demo page (three elements, one of them dark
        // whatever the system says) at the first size and at the iframe-like height.
        await page.goto(url("/?embed"));
        await waitForDecision(page);
        await expandStep(page);
        await both("?embed");
        if (first || size === SIZES[3]) {
          await page.goto(url("/embed-demo/"));
          for (const id of ["from-attribute", "inline", "from-url"]) {
            await page.locator(`#${id} [data-testid="decision"]`).first().waitFor({ timeout: 15000 });
          }
          await both("embed-demo");
        }

        assert.deepEqual(errors, [], "no page errors");
        assert.equal(found.length, 0, `${found.length} serious/critical axe violations at ${size.name}:\n${found.join("\n")}`);
      });
    }
  });
}
