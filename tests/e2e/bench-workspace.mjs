#!/usr/bin/env node
// Browser benchmarks of workspaces in the playground (issue 11; not run by scripts/test.sh).
//
//   node tests/e2e/bench-workspace.mjs [--runs 3] [--samples 10]
//
// Serves `$IAMPLAY_DIST` or `dist/` on 127.0.0.1 and measures in headless Chromium, each run in a
// fresh context:
//   1. keystroke → updated checks, for a workspace of 20 managed policies × 10 statements (200
//      statements) attached to one user, and 20 requests with `expect`: a Backspace / retype in a
//      Deny's action flips one check (until `data-passed` of `[data-testid=checks]` changes), timed
//      from the keydown to the DOM update and to the next frame;
//   2. the import of what `aws iam get-account-authorization-details` prints for an account of 500
//      roles (each with a trust policy, an inline policy and one of 10 managed policies) and 50
//      users: from choosing the file to the 500 roles on screen (the import runs in the catalog worker).
// Prints Markdown for BENCHMARKS.md.

import { join } from "node:path";

import { launch, repoRoot, shareLink } from "./fixtures.mjs";
import { startServer } from "./server.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg("runs", 3);
const SAMPLES = arg("samples", 10);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

function bigWorkspace() {
  const services = ["ec2", "dynamodb", "lambda", "sqs", "kms", "iam", "sns", "logs", "s3", "rds"];
  const policies = [];
  for (let p = 1; p <= 20; p++) {
    const Statement = [];
    for (let s = 1; s <= 10; s++) {
      const service = services[(p + s) % services.length];
      Statement.push({ Sid: `P${p}S${s}`, Effect: "Allow", Action: [`${service}:Get*`, `${service}:List*`], Resource: "*" });
    }
    if (p === 10) Statement[9] = { Sid: "NoDeleteX", Effect: "Deny", Action: "s3:DeleteObjectX", Resource: "*" };
    policies.push({ name: `Policy${p}`, document: { Version: "2012-10-17", Statement } });
  }
  const requests = [];
  for (let r = 1; r <= 20; r++) {
    const service = services[r % services.length];
    requests.push({ name: `r${r}`, principal: "arn:aws:iam::111122223333:user/alice", action: `${service}:GetThing${r}`, resource: "*", expect: "allowed" });
  }
  requests[19] = { name: "delete", principal: "arn:aws:iam::111122223333:user/alice", action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", expect: "implicitDeny" };
  return {
    version: 2,
    policies,
    accounts: { "111122223333": { users: { alice: { policies: policies.map((p) => p.name) } } } },
    requests,
  };
}

function authorizationDetails() {
  const doc = (statement) => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));
  const Policies = [];
  for (let i = 1; i <= 10; i++) {
    const arn = `arn:aws:iam::111122223333:policy/Managed${i}`;
    Policies.push({
      PolicyName: `Managed${i}`, Arn: arn, DefaultVersionId: "v1", AttachmentCount: 1,
      PolicyVersionList: [{ Document: doc({ Effect: "Allow", Action: `s3:Get*`, Resource: `arn:aws:s3:::bucket-${i}/*` }), VersionId: "v1", IsDefaultVersion: true }],
    });
  }
  const RoleDetailList = [];
  for (let i = 1; i <= 500; i++) {
    RoleDetailList.push({
      RoleName: `Role${i}`, Path: "/", Arn: `arn:aws:iam::111122223333:role/Role${i}`,
      AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
      RolePolicyList: [{ PolicyName: "Inline", PolicyDocument: doc({ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }) }],
      AttachedManagedPolicies: [{ PolicyName: `Managed${(i % 10) + 1}`, PolicyArn: `arn:aws:iam::111122223333:policy/Managed${(i % 10) + 1}` }],
      Tags: [],
    });
  }
  const UserDetailList = [];
  for (let i = 1; i <= 50; i++) {
    UserDetailList.push({ UserName: `user${i}`, Path: "/", Arn: `arn:aws:iam::111122223333:user/user${i}`, GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [] });
  }
  return JSON.stringify({ UserDetailList, GroupDetailList: [], RoleDetailList, Policies, IsTruncated: false });
}

async function keystrokes(browser, link) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('[data-testid="checks"][data-passed="20"]').waitFor({ timeout: 30000 });
  await page.locator('html[data-editor="ready"]').waitFor({ timeout: 30000 });
  await page.locator('[data-testid="policy-tab"][data-policy-name="Policy10"]').click();
  await page.evaluate(() => {
    const view = document.querySelector('[data-testid="editor"] .cm-content').cmTile.root.view;
    const at = view.state.doc.toString().indexOf("s3:DeleteObjectX") + "s3:DeleteObjectX".length;
    view.dispatch({ selection: { anchor: at } });
    view.focus();
  });
  const time = async (passed, key) => {
    await page.evaluate((passed) => {
      window.__sample = new Promise((resolve) => {
        let t0 = null;
        document.addEventListener("keydown", () => (t0 = performance.now()), { capture: true, once: true });
        const o = new MutationObserver(() => {
          if (t0 === null || document.querySelector("[data-testid=checks]")?.getAttribute("data-passed") !== passed) return;
          const t1 = performance.now();
          o.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 }), 0));
        });
        o.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
    }, passed);
    await page.keyboard.press(key);
    const r = await page.evaluate(() => window.__sample);
    await page.waitForTimeout(60);
    return r;
  };
  const samples = [];
  for (let i = 0; i < SAMPLES + 2; i++) {
    const a = await time("19", "Backspace"); // the Deny now matches s3:DeleteObject: the "delete" check fails
    const b = await time("20", "Shift+X");
    if (i >= 2) samples.push(a, b);
  }
  await context.close();
  return samples;
}

async function importTime(browser, base, text) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(base);
  await page.locator('[data-testid="decision"]').waitFor({ state: "attached", timeout: 30000 });
  const t0 = await page.evaluate(() => performance.now());
  await page.setInputFiles('[data-testid="import-input"]', { name: "authz.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-role"]').length === 500, null, { timeout: 120000 });
  const t1 = await page.evaluate(() => performance.now());
  await context.close();
  return t1 - t0;
}

const dist = process.env.IAMPLAY_DIST ?? join(repoRoot, "dist");
const server = await startServer(dist);
const browser = await launch();
const link = shareLink(bigWorkspace(), { base: server.url });
const authz = authorizationDetails();
const keys = [];
const imports = [];
for (let run = 1; run <= RUNS; run++) {
  const k = await keystrokes(browser, link);
  keys.push(k);
  imports.push(await importTime(browser, server.url, authz));
  console.error(`run ${run}: keystroke DOM p50 ${median(k.map((s) => s.dom)).toFixed(1)} ms, p95 ${p95(k.map((s) => s.dom)).toFixed(1)} ms; import ${imports.at(-1).toFixed(0)} ms`);
}
const all = keys.flat();
console.log(`Chromium ${browser.version()}; ${RUNS} runs, ${all.length} keystrokes`);
console.log("| measure | p50 | p95 |");
console.log("|---|---:|---:|");
console.log(`| keystroke → checks updated (DOM) | ${median(all.map((s) => s.dom)).toFixed(1)} ms | ${p95(all.map((s) => s.dom)).toFixed(1)} ms |`);
console.log(`| keystroke → next frame | ${median(all.map((s) => s.frame)).toFixed(1)} ms | ${p95(all.map((s) => s.frame)).toFixed(1)} ms |`);
console.log(`| import of 500 roles, 50 users, 10 managed policies (${(authz.length / 1024).toFixed(0)} KB) → on screen | ${median(imports).toFixed(0)} ms | (max ${Math.max(...imports).toFixed(0)} ms) |`);
await browser.close();
await server.close();
