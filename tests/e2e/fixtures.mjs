// Shared helpers for the end-to-end specs (tests/e2e/specs/*.spec.mjs) and the benchmarks.
// See tests/e2e/README.md for the list and an example spec.
//
// The playground under test is served at `baseUrl`: `BASE_URL` from the environment (run.mjs sets
// it), or — when a spec file is run on its own with `node --test` — a server this module starts
// over `$IAMPLAY_DIST` or `dist/`.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync, gzipSync, inflateRawSync } from "node:zlib";
import { chromium } from "playwright-core";

import { startServer } from "./server.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The playground's address, ending with `/`. */
export const baseUrl = await (async () => {
  if (process.env.BASE_URL) return new URL(process.env.BASE_URL).href;
  const server = await startServer(process.env.IAMPLAY_DIST ?? join(repoRoot, "dist"));
  server.unref?.();
  return server.url;
})();

/** The Chromium flags that work on these machines (see shared/reference/toolchain.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's headless Chromium through playwright-core (never `npx playwright install`). */
/** The first-load size budget (issue 3), in bytes of gzip -9 (node's zlib) over every response. */
export const FIRST_LOAD_BUDGET = 400_000;

/** Files the page loads on its own after the first decision by design, outside the budget (issue
 *  4: the AWS service catalog "is not part of the first-load size budget"): the catalog worker and
 *  the data it reads; and CodeMirror (issue 12: a textarea stands in until it arrives; the budget
 *  spec checks that its fetch starts after the decision is on screen). Paths relative to the site root. */
export const LAZY_FILES = [/^\/iam-web-catalog[^/]*$/, /^\/catalog\.json$/, /^\/editor\.bundle\.js$/];
export const isLazy = (path) => LAZY_FILES.some((re) => re.test(path));

/** The size of each HTTP response (Playwright `Response`s): `[{ path, raw, gzip }]`, gzip -9 by
 *  node's zlib — the budget's measure. */
export async function responseSizes(responses) {
  const files = [];
  for (const r of responses) {
    const u = new URL(r.url());
    if (!u.protocol.startsWith("http")) continue;
    const body = await r.body();
    files.push({ path: u.pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return files;
}

export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** An absolute URL of the playground: `url("/?embed")`, `url("#s=…")`. */
export function url(path = "/") {
  return new URL(path.replace(/^\//, ""), baseUrl).href;
}

// ---------------------------------------------------------------------------------------------
// Scenarios, examples and links (Node side)

/** Every gallery example: `{ file, slug, title, expect, scenario }` (slug = file name without `NN-`). */
export function examples() {
  const dir = join(repoRoot, "web/examples");
  return readdirSync(dir)
    .filter((f) => /^\d\d-.*\.json$/.test(f))
    .sort()
    .map((file) => {
      const data = JSON.parse(readFileSync(join(dir, file), "utf8"));
      return { file, slug: file.replace(/^\d\d-/, "").replace(/\.json$/, ""), ...data };
    });
}

/** A share link for a scenario (object or JSON text), made as docs/sharing.md's Node recipe does. */
export function shareLink(scenario, { base = baseUrl, embed = false } = {}) {
  const text = typeof scenario === "string" ? scenario : JSON.stringify(scenario, null, 2);
  const data = deflateRawSync(Buffer.from(text, "utf8"), { level: 9 });
  return `${base}#s=${data.toString("base64url")}${embed ? "&embed=1" : ""}`;
}

/** The scenario JSON text inside a share link (or `null` if it has no `s=`). */
export function readShareLink(link) {
  const hash = new URL(link).hash.replace(/^#/, "");
  const s = hash.split("&").find((p) => p.startsWith("s="));
  return s ? inflateRawSync(Buffer.from(s.slice(2), "base64url")).toString("utf8") : null;
}

/** A CSS string literal for attribute selectors: `[data-key=${cssString(k)}]`. */
export function cssString(text) {
  return `"${String(text).replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\a ")}"`;
}

// ---------------------------------------------------------------------------------------------
// The benchmarks' large scenario (bench.mjs, trace-keystroke.mjs): 20 identity policies of 10 statements. Policy 10 holds the statement that
// allows the request (`DecideAllow`) and a Deny for `s3:GetObjectX`, which one Backspace turns
// into a Deny of the requested action.

export function bigScenario() {
  const services = ["ec2", "dynamodb", "lambda", "sqs", "kms", "iam", "sns", "logs", "s3", "rds"];
  const verbs = ["Describe*", "Get*", "List*", "Put*", "Create*", "Delete*", "Update*", "Tag*"];
  const policies = [];
  for (let p = 1; p <= 20; p++) {
    const statements = [];
    for (let s = 1; s <= 10; s++) {
      const svc = services[(p * 7 + s) % services.length];
      const stmt = {
        Sid: `P${p}S${s}`,
        Effect: (p + s) % 4 === 0 ? "Deny" : "Allow",
        Action: [`${svc}:${verbs[(p + s) % verbs.length]}`, `${svc}:${verbs[(p * s) % verbs.length]}`],
        Resource: svc === "s3" ? [`arn:aws:s3:::bucket-${p}-${s}`, `arn:aws:s3:::bucket-${p}-${s}/*`] : `arn:aws:${svc}:us-east-1:111122223333:*/team-${s}-*`,
      };
      if (s % 3 === 0) stmt.Condition = { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } };
      if (s % 5 === 0) stmt.Condition = { ...stmt.Condition, Bool: { "aws:SecureTransport": "true" } };
      statements.push(stmt);
    }
    if (p === 10) {
      statements[4] = { Sid: "DecideAllow", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/*" };
      statements[7] = { Sid: "AlmostDeny", Effect: "Deny", Action: "s3:GetObjectX", Resource: "arn:aws:s3:::photos/*" };
    }
    policies.push({ name: `Policy${String(p).padStart(2, "0")}`, type: "identity", document: JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2) });
  }
  return {
    request: {
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::photos/cat.jpg",
      context: { "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": "true" },
    },
    policies,
  };
}

// ---------------------------------------------------------------------------------------------
// The page object

/**
 * Open the playground at `path` (relative to `baseUrl`, e.g. "/", "?embed", "#s=…") in a new
 * browser context (fresh local storage) unless `context` is given, and wait for the first decision.
 * Any uncaught page error (a panic, a JS exception) is recorded and makes the next Playground call
 * — and `close()` — throw, so the test fails. Pass `t` (node:test's context) to close it after the test.
 */
export async function openPlayground(browser, path = "/", options = {}) {
  const { context: given, t, contextOptions = {}, waitForDecision = true } = options;
  const context =
    given ??
    (await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      permissions: ["clipboard-read", "clipboard-write"],
      acceptDownloads: true,
      ...contextOptions,
    }));
  const page = await context.newPage();
  const pg = new Playground(page, { ownsContext: !given });
  if (t) t.after(() => pg.close());
  await pg.goto(path, { waitForDecision });
  return pg;
}

export class Playground {
  constructor(page, { ownsContext = false } = {}) {
    this.page = page;
    this.context = page.context();
    this.baseUrl = baseUrl;
    this.ownsContext = ownsContext;
    /** Uncaught page errors (`pageerror`): a test fails when there is one. */
    this.errors = [];
    /** console.error messages, for failure reports. */
    this.consoleErrors = [];
    page.on("pageerror", (e) => this.errors.push(e));
    page.on("console", (m) => {
      if (m.type() === "error") this.consoleErrors.push(m.text());
    });
  }

  /** Throw if the page raised an uncaught error. Every method below calls it. */
  check() {
    if (this.errors.length) {
      const e = this.errors[0];
      throw new Error(`uncaught error in the page: ${e.stack ?? e.message ?? e}`);
    }
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await (this.ownsContext ? this.context.close() : this.page.close()).catch(() => {});
    this.check();
  }

  // --- navigation

  async goto(path = "/", { waitForDecision = true } = {}) {
    await this.page.goto(url(path));
    if (waitForDecision) {
      await this.decisionBanner.waitFor({ state: "attached", timeout: 15000 });
      await this.editorReady();
    }
    this.check();
  }

  async reload() {
    await this.page.reload();
    await this.decisionBanner.waitFor({ state: "attached", timeout: 15000 });
    await this.editorReady();
    this.check();
  }

  /** CodeMirror is loaded after the first decision (web/js/editor-lazy.js); the tests type into it. */
  async editorReady() {
    await this.page.locator('html[data-editor="ready"]').waitFor({ state: "attached", timeout: 15000 });
  }

  // --- locators

  testId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }
  get decisionBanner() {
    return this.testId("decision");
  }
  /** The visible editor's content element (CodeMirror's `.cm-content`). */
  get editor() {
    return this.page.locator('[data-testid="editor"] .cm-content');
  }
  get principal() {
    return this.testId("principal-input");
  }
  get action() {
    return this.testId("action-input");
  }
  get resource() {
    return this.testId("resource-input");
  }

  // --- decision

  /**
   * Open reasoning step `stage` (its `data-stage`) and the statements in it that match, as a reader
   * does: a closed step's statements, and a closed statement's elements, are rendered when opened.
   */
  async openStep(stage) {
    const step = this.page.locator(`[data-testid="stage"][data-stage="${stage}"]`).first();
    if (!(await step.evaluate((d) => d.open))) await step.locator(":scope > summary").click();
    const closed = step.locator('[data-testid="statement"][data-matched="true"] > details:not([open]) > summary');
    await closed.first().waitFor({ state: "attached", timeout: 5000 }).catch(() => {});
    for (const summary of await closed.all()) await summary.click();
    this.check();
  }

  /** `data-decision` of the decision banner: allowed | explicitDeny | implicitDeny | none. */
  async decision() {
    this.check();
    return this.decisionBanner.getAttribute("data-decision");
  }

  /** Wait until `data-decision` is `expected`; fails with the last value seen. */
  async expectDecision(expected, { timeout = 5000 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      this.check();
      last = await this.decisionBanner.getAttribute("data-decision").catch(() => null);
      if (last === expected) return last;
      if (Date.now() > deadline) break;
      await this.page.waitForTimeout(25);
    }
    assert.equal(last, expected, `data-decision stayed ${last}, expected ${expected}`);
  }

  async headline() {
    return (await this.testId("headline").textContent())?.trim() ?? "";
  }

  // --- the editor (CodeMirror 6)

  /** Run `fn(view, arg)` in the page with the visible editor's EditorView. */
  async withView(fn, arg) {
    this.check();
    return this.page.evaluate(
      ([src, a]) => {
        const content = document.querySelector('[data-testid="editor"] .cm-content');
        const view = content?.cmTile?.root?.view;
        if (!view) throw new Error("no CodeMirror view in [data-testid=editor]");
        return (0, eval)(`(${src})`)(view, a);
      },
      [fn.toString(), arg],
    );
  }

  /** The visible editor's whole text (also the lines CodeMirror has not drawn). */
  async editorText() {
    return this.withView((view) => view.state.doc.toString());
  }

  /** The main selection: `{ from, to, line }` (line of `from`, 1-based). */
  async editorSelection() {
    return this.withView((view) => {
      const { from, to } = view.state.selection.main;
      return { from, to, line: view.state.doc.lineAt(from).number };
    });
  }

  /** Move keyboard focus into the visible editor (a click at its end). */
  async focusEditor() {
    this.check();
    const focused = await this.editor.evaluate((el) => el.contains(document.activeElement) || el === document.activeElement);
    if (!focused) await this.editor.click();
  }

  /** Select the whole text of the visible editor with Control+A. */
  async selectAll() {
    await this.focusEditor();
    await this.page.keyboard.press("Control+A");
  }

  /** Select the `nth` (0-based) occurrence of `text` in the visible editor; returns `{ from, to }`. */
  async selectInEditor(text, nth = 0) {
    await this.focusEditor();
    const range = await this.withView(
      (view, [needle, n]) => {
        const doc = view.state.doc.toString();
        let at = -1;
        for (let i = 0; i <= n; i++) {
          at = doc.indexOf(needle, at + 1);
          if (at < 0) return null;
        }
        view.dispatch({ selection: { anchor: at, head: at + needle.length }, scrollIntoView: true });
        view.focus();
        return { from: at, to: at + needle.length };
      },
      [text, nth],
    );
    assert.ok(range, `${JSON.stringify(text)} (occurrence ${nth}) is not in the editor`);
    return range;
  }

  /**
   * Type `text` at the cursor. Plain words are typed key by key (real keystrokes); text with
   * quotes or brackets is inserted in one input event, so CodeMirror's auto-closing of brackets
   * does not double them.
   */
  async typeInEditor(text) {
    await this.focusEditor();
    if (/^[\w :.*\-/]*$/.test(text)) await this.page.keyboard.type(text);
    else await this.page.keyboard.insertText(text);
    this.check();
  }

  /** Replace the `nth` occurrence of `find` in the visible editor by typing `replacement`. */
  async replaceInEditor(find, replacement, nth = 0) {
    await this.selectInEditor(find, nth);
    if (replacement === "") await this.page.keyboard.press("Backspace");
    else await this.typeInEditor(replacement);
  }

  /** Replace the visible editor's whole text (Control+A, then one insert). */
  async setEditorText(text) {
    await this.selectAll();
    await this.page.keyboard.insertText(text);
    this.check();
  }

  /** Undo in the editor (Control+Z). */
  async undo() {
    await this.focusEditor();
    await this.page.keyboard.press("Control+z");
  }

  // --- policies

  /** The policy tabs: `[{ name, type, selected }]`. */
  async policyTabs() {
    this.check();
    return this.testId("policy-tab").evaluateAll((tabs) =>
      tabs.map((t) => ({
        name: t.getAttribute("data-policy-name"),
        type: t.getAttribute("data-policy-type"),
        selected: t.getAttribute("aria-selected") === "true",
      })),
    );
  }

  /** Click the tab of the policy called `name` (any characters). */
  async selectPolicy(name) {
    await this.page.locator(`[data-testid="policy-tab"][data-policy-name=${cssString(name)}]`).click();
    this.check();
  }

  // --- request

  /** Fill request fields: `{ principal, action, resource, resourceAccount }` (only those given). */
  async setRequest(fields) {
    const ids = { principal: "principal-input", action: "action-input", resource: "resource-input", resourceAccount: "resource-account-input" };
    for (const [k, v] of Object.entries(fields)) {
      assert.ok(ids[k], `unknown request field ${k}`);
      await this.testId(ids[k]).fill(v);
    }
    this.check();
  }

  // --- examples

  /** Open the gallery and load the example `slug` (file name without `NN-` and `.json`). */
  async loadExample(slug) {
    await this.testId("open-gallery").click();
    await this.page.locator(`[data-testid="gallery-item"][data-slug="${slug}"]`).click();
    await this.testId("gallery").waitFor({ state: "detached" });
    this.check();
  }

  // --- diagnostics

  /** The diagnostics list: `[{ code, line, severity, text }]` (line 0 = a request problem). */
  async diagnostics() {
    this.check();
    return this.testId("diagnostic").evaluateAll((items) =>
      items.map((d) => ({
        code: d.getAttribute("data-code"),
        line: Number(d.getAttribute("data-line")),
        severity: d.getAttribute("data-severity"),
        text: d.textContent.trim(),
      })),
    );
  }

  /** Wait until a diagnostic with `code` is listed (and on `line`, if given); returns it. */
  async waitForDiagnostic(code, { line, timeout = 5000 } = {}) {
    const sel = `[data-testid="diagnostic"][data-code="${code}"]` + (line === undefined ? "" : `[data-line="${line}"]`);
    await this.page.locator(sel).first().waitFor({ timeout });
    return (await this.diagnostics()).find((d) => d.code === code && (line === undefined || d.line === line));
  }

  // --- sharing

  /** Click "Copy link" and return the link shown in the share popover. */
  async copyLink() {
    await this.testId("copy-link").click();
    const field = this.testId("share-url");
    await field.waitFor();
    this.check();
    return field.inputValue();
  }

  /** The clipboard's text (the default context grants clipboard-read). */
  async clipboardText() {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Local storage's `iamplay` entry, parsed (or null). */
  async savedWork() {
    return this.page.evaluate(() => JSON.parse(localStorage.getItem("iamplay") ?? "null"));
  }
}
