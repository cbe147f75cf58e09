// Workspaces (format v2) in the playground (issue 11): a v2 workspace opens from a `#s=` link or a
// file, the model is on screen, every request has its live decision and check, a check turns red and
// green again as a policy is edited, an AssumeRole hop is shown before the request, the workspace is
// saved and comes back on reload, and the page's own share link carries it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { launch, openPlayground, readShareLink, repoRoot, shareLink } from "../fixtures.mjs";

const COURSE = readFileSync(join(repoRoot, "examples/workspaces/course-basics.json"), "utf8");

async function checks(pg) {
  const c = pg.testId("checks");
  return { passed: Number(await c.getAttribute("data-passed")), total: Number(await c.getAttribute("data-total")) };
}

async function requests(pg) {
  return pg.testId("request").evaluateAll((items) =>
    items.map((r) => ({
      name: r.getAttribute("data-name"),
      decision: r.getAttribute("data-decision"),
      pass: r.getAttribute("data-pass"),
    })),
  );
}

async function waitForChecks(pg, passed) {
  await pg.page.locator(`[data-testid="checks"][data-passed="${passed}"]`).waitFor({ timeout: 5000 });
}

describe("workspaces", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  test("a v2 link opens the model, its requests and their checks", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    assert.equal(await pg.page.getAttribute('[data-testid="app"]', "data-mode"), "workspace");
    assert.deepEqual(await checks(pg), { passed: 11, total: 11 });
    const list = await requests(pg);
    assert.equal(list.length, 11);
    assert.deepEqual(list[0], { name: "alice reads a photo (her group's policy)", decision: "allowed", pass: "true" });
    assert.equal(list[1].decision, "explicitDeny");
    // The model: users with their groups, the role, the bucket, the organization.
    assert.equal(await pg.testId("model-user").count(), 2);
    assert.equal(await pg.page.locator('[data-testid="model-role"][data-name="Deployer"]').count(), 1);
    assert.equal(await pg.page.locator('[data-testid="org-node"][data-node="ou-prod"]').count(), 1);
    // The first request's reasoning is shown.
    assert.equal(await pg.decision(), "allowed");
    assert.match(await pg.testId("workspace-title").textContent(), /Users, groups and roles/);
  });

  test("a check turns red when a policy is broken and green when it is fixed", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    // The group's inline Deny keeps alice from deleting; open it from the model and weaken it.
    await pg.page.locator('[data-testid="model-doc"][data-doc="Developers:NoDeletes"]').click();
    assert.match(await pg.testId("document-info").innerText(), /inline in group Developers/);
    await pg.replaceInEditor('"Deny"', '"Allow"');
    await waitForChecks(pg, 10);
    const failing = (await requests(pg)).filter((r) => r.pass === "false").map((r) => r.name);
    assert.deepEqual(failing, ["alice cannot delete: her group's inline Deny"]);
    await pg.replaceInEditor('"Allow"', '"Deny"');
    await waitForChecks(pg, 11);
    // A managed policy says everywhere it is attached.
    await pg.page.locator('[data-testid="model-doc"][data-doc="FullAWSAccess"]').first().click();
    assert.match(await pg.testId("document-info").innerText(), /SCP at r-root/);
  });

  test("an AssumeRole chain shows the hop, then the request", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    await pg.page.locator('[data-testid="request"][data-name="bob deploys via the role"] button').click();
    const hop = pg.testId("hop");
    await hop.waitFor();
    assert.equal(await hop.getAttribute("data-decision"), "allowed");
    assert.match(await hop.innerText(), /sts:AssumeRole arn:aws:iam::111122223333:role\/Deployer/);
    await pg.expectDecision("allowed");
    // alice's chain stops at the trust policy.
    await pg.page.locator('[data-testid="request"][data-name^="alice cannot deploy"] button').click();
    await pg.testId("hop-stopped").waitFor();
    await pg.expectDecision("implicitDeny");
  });

  test("requests are added, checked, edited and saved; reload keeps them", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    await pg.testId("add-request").click();
    await pg.testId("request-name").fill("bob reads a photo");
    await pg.setRequest({ principal: "arn:aws:iam::111122223333:user/bob" });
    await pg.testId("request-expect").selectOption("allowed");
    await waitForChecks(pg, 11);
    assert.equal((await checks(pg)).total, 12);
    const added = (await requests(pg)).at(-1);
    assert.deepEqual(added, { name: "bob reads a photo", decision: "implicitDeny", pass: "false" });
    // Saved as a workspace (version 2), and it comes back.
    await pg.page.waitForFunction(() => JSON.parse(localStorage.getItem("iamplay") ?? "{}").version === 2);
    await pg.reload();
    assert.equal((await requests(pg)).length, 12);
    assert.deepEqual(await checks(pg), { passed: 11, total: 12 });
    // The page's own link carries the whole workspace.
    const link = await pg.copyLink();
    const shared = JSON.parse(readShareLink(link));
    assert.equal(shared.version, 2);
    assert.equal(shared.requests.length, 12);
    assert.equal(shared.requests[11].expect, "allowed");
  });

  test("a workspace file is imported", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    assert.equal(await pg.page.getAttribute('[data-testid="app"]', "data-mode"), null);
    await pg.page.setInputFiles('[data-testid="import-input"]', {
      name: "course.json",
      mimeType: "application/json",
      buffer: Buffer.from(COURSE),
    });
    await pg.testId("checks").waitFor();
    assert.deepEqual(await checks(pg), { passed: 11, total: 11 });
  });

  test("who can: every principal of the model, allowed first, each with its reasoning", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    await pg.testId("who-can-action").fill("s3:PutObject");
    await pg.testId("who-can-resource").fill("arn:aws:s3:::example-site/index.html");
    await pg.testId("who-can-row").first().waitFor();
    const rows = await pg.testId("who-can-row").evaluateAll((items) =>
      items.map((r) => ({ principal: r.getAttribute("data-principal"), decision: r.getAttribute("data-decision") })),
    );
    // alice, bob, the Deployer role, the account's root, anonymous.
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[0], { principal: "arn:aws:iam::111122223333:role/Deployer", decision: "allowed" });
    assert.equal(rows.find((r) => r.principal.endsWith("user/alice")).decision, "implicitDeny");
    const firstDenied = rows.findIndex((r) => r.decision !== "allowed");
    assert.ok(rows.slice(firstDenied).every((r) => r.decision !== "allowed"), JSON.stringify(rows));
    // A row opens that principal's reasoning.
    await pg.page.locator('[data-testid="who-can-row"][data-principal$="user/alice"] button').click();
    await pg.page.locator('[data-testid="who-can-row"][data-principal$="user/alice"] [data-testid="stage"]').first().waitFor();
  });

  test("an account's authorization details are imported in the page", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.page.setInputFiles('[data-testid="import-input"]', {
      name: "authz.json",
      mimeType: "application/json",
      buffer: readFileSync(join(repoRoot, "tests/fixtures/aws-authz.json")),
    });
    await pg.testId("model").waitFor();
    assert.match(await pg.testId("workspace-title").textContent(), /^Imported account: \d+ users/);
    assert.match(await pg.testId("info-banner").innerText(), /nothing was uploaded/);
    assert.ok((await pg.testId("model-user").count()) > 0);
    assert.ok((await pg.testId("model-role").count()) > 0);
  });

  test("an exercise: task, hints, read-only documents, checks that turn green, reset, author mode", async (t) => {
    const exercise = {
      version: 2,
      title: "Read, not delete",
      description: "Least privilege: grant what the checks need. See [the AWS page](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege).\n\n<img src=x onerror=\"window.__xss=1\">",
      policies: [
        { name: "Photos", document: { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" }] } },
        { name: "Ec2", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] } },
      ],
      accounts: { "111122223333": { users: { alice: { policies: ["Photos", "Ec2"] } } } },
      exercise: {
        task: "Change `Photos` so that alice can **read** but not delete.",
        hints: ["Which actions does `s3:*` cover?", "Allow `s3:GetObject` only."],
        readOnly: ["Ec2"],
        solution: { Photos: { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } },
      },
      requests: [
        { name: "read", principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expect: "allowed" },
        { name: "delete", principal: "arn:aws:iam::111122223333:user/alice", action: "s3:DeleteObject", resource: "arn:aws:s3:::b/k", expect: "implicitDeny" },
      ],
    };
    const pg = await openPlayground(browser, shareLink(exercise), { t });
    // The lesson text is Markdown, rendered without markup from the text.
    assert.equal(await pg.page.locator('[data-testid="lesson-text"] a[href^="https://docs.aws.amazon.com/"]').count(), 1);
    assert.equal(await pg.page.locator('[data-testid="lesson-text"] img').count(), 0);
    assert.equal(await pg.page.evaluate(() => window.__xss), undefined);
    assert.match(await pg.testId("task").innerText(), /so that alice can read but not delete/);
    // Student mode: the expected decisions are hidden until asked; no expectation editor.
    assert.deepEqual(await checks(pg), { passed: 1, total: 2 });
    assert.equal(await pg.testId("expected").count(), 0);
    assert.equal(await pg.testId("request-expect").count(), 0);
    await pg.testId("show-answers").click();
    assert.equal(await pg.testId("expected").count(), 2);
    // Hints, one at a time.
    await pg.testId("show-hint").click();
    assert.equal(await pg.page.locator('[data-testid="hints"] li').count(), 1);
    await pg.testId("show-hint").click();
    assert.equal(await pg.page.locator('[data-testid="hints"] li').count(), 2);
    assert.equal(await pg.testId("show-hint").count(), 0);
    // The read-only document says so and does not change.
    assert.equal(await pg.page.locator('[data-testid="policy-tab"][data-policy-name="Ec2"] [data-testid="read-only"]').count(), 1);
    await pg.selectPolicy("Ec2");
    await pg.page.keyboard.press("Escape");
    await pg.editor.click();
    await pg.page.keyboard.type("xyz");
    assert.doesNotMatch(await pg.editorText(), /xyz/);
    // Solving it: every check passes, and the page says so.
    await pg.selectPolicy("Photos");
    await pg.replaceInEditor('"s3:*"', '"s3:GetObject"');
    await pg.testId("exercise-done").waitFor();
    assert.deepEqual(await checks(pg), { passed: 2, total: 2 });
    // Reset: the starting documents come back (and Undo would bring the work back).
    await pg.testId("reset-exercise").click();
    await waitForChecks(pg, 1);
    assert.match(await pg.editorText(), /"s3:\*"/);
    // Author mode: the expectation editor and the tools; the solution can be shown.
    await pg.testId("author-mode").check();
    await pg.testId("author-tools").waitFor();
    assert.ok((await pg.testId("request-expect").count()) > 0);
    await pg.testId("apply-solution").click();
    await waitForChecks(pg, 2);
    // The shared link carries the exercise (task, hints, read-only list, solution).
    const shared = JSON.parse(readShareLink(await pg.copyLink()));
    assert.equal(shared.exercise.hints.length, 2);
    assert.deepEqual(shared.exercise.readOnly, ["Ec2"]);
    assert.ok(shared.exercise.solution.Photos);
  });

  test("the course: lessons in the gallery open as exercises whose solution passes every check", async (t) => {
    const pg = await openPlayground(browser, "/", { t });
    await pg.testId("open-gallery").click();
    await pg.testId("course-list").waitFor();
    const lessons = await pg.testId("lesson-item").evaluateAll((items) => items.map((i) => i.getAttribute("data-slug")));
    assert.equal(lessons.length, 11);
    assert.equal(lessons[0], "root-user-and-mfa");
    await pg.page.locator('[data-testid="lesson-item"][data-slug="implicit-and-explicit-deny"]').click();
    await pg.testId("gallery").waitFor({ state: "detached" });
    await pg.testId("task").waitFor();
    const before = await checks(pg);
    assert.ok(before.passed < before.total, JSON.stringify(before));
    await pg.testId("author-mode").check();
    await pg.testId("apply-solution").click();
    await waitForChecks(pg, before.total);
    await pg.testId("exercise-done").waitFor();
  });

  test("the model is changed with the keyboard: add a group, put bob in it, attach and detach a policy", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    const answers = ["Testers", "carol"];
    pg.page.on("dialog", (d) => d.accept(d.type() === "prompt" ? answers.shift() : undefined));
    const account = pg.page.locator('[data-testid="model-account"][data-account="111122223333"]');
    // Keyboard only: focus a control, press Enter (buttons) or pick with the arrow keys (selects).
    await account.locator('[data-testid="add-group"]').focus();
    await pg.page.keyboard.press("Enter");
    const testers = pg.page.locator('[data-testid="model-group"][data-name="Testers"]');
    await testers.waitFor();
    await account.locator('[data-testid="add-user"]').focus();
    await pg.page.keyboard.press("Enter");
    await pg.page.locator('[data-testid="model-user"][data-name="carol"]').waitFor();
    const bob = pg.page.locator('[data-testid="model-user"][data-name="bob"]');
    await bob.locator('[data-testid="join-group"]').selectOption("Testers");
    await bob.getByText("in Testers").waitFor();
    // Attaching ReadPhotos to Testers lets bob read: that check now fails.
    await testers.locator('[data-testid="attach"]').selectOption("ReadPhotos");
    await waitForChecks(pg, 10);
    assert.equal((await requests(pg)).find((r) => r.name === "bob has no photo access").pass, "false");
    await testers.locator('[data-testid="detach"]').focus();
    await pg.page.keyboard.press("Enter");
    await waitForChecks(pg, 11);
    // A name AWS does not accept is refused, with the reason.
    answers.push("bad name");
    await account.locator('[data-testid="add-role"]').click();
    assert.match(await pg.testId("error-banner").innerText(), /not allowed in a role name/);
    // The changed model is what is shared.
    const shared = JSON.parse(readShareLink(await pg.copyLink()));
    assert.deepEqual(Object.keys(shared.accounts["111122223333"].groups), ["Developers", "Testers"]);
    assert.ok(shared.accounts["111122223333"].users.carol);
  });

  test("the organization, hops, boundaries, tags, paths and Block Public Access are edited in the page", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    const answers = [];
    pg.page.on("dialog", (d) => d.accept(d.type() === "prompt" ? answers.shift() : undefined));
    const press = async (locator) => {
      await locator.focus();
      await pg.page.keyboard.press("Enter");
    };
    await waitForChecks(pg, 11);
    const prod = pg.page.locator('[data-testid="org-node"][data-node="ou-prod"]');
    // Detaching the Prod OU's region SCP breaks the check that relies on it; attaching it back fixes it.
    await press(prod.getByRole("button", { name: "Detach SCP EuOnly from ou-prod" }));
    await waitForChecks(pg, 10);
    assert.equal((await requests(pg)).find((r) => r.name === "the Prod OU's SCP denies us-east-1").pass, "false");
    await prod.locator(':scope > .model-tools [data-testid="attach-scp"]').selectOption("EuOnly");
    await waitForChecks(pg, 11);
    // A new OU under the root; the account moves there, out of reach of the Prod OU's SCP.
    answers.push("Sandbox");
    await press(pg.page.locator('[data-testid="org-node"][data-node="r-root"] > .model-tools [data-testid="add-ou"]'));
    await pg.page.locator('[data-testid="org-node"][data-node="ou-sandbox"]').waitFor();
    await pg.page
      .locator('[data-testid="org-node"][data-node="111122223333"] > .model-tools [data-testid="move-account"]')
      .selectOption("ou-sandbox");
    await pg.page.locator('[data-testid="org-node"][data-node="ou-sandbox"] [data-testid="org-node"][data-node="111122223333"]').waitFor();
    await waitForChecks(pg, 10);

    // An AssumeRole hop in front of "alice reads a photo": alice may not assume Deployer, so the run stops there.
    await pg.page.locator('[data-testid="request"][data-name="alice reads a photo (her group\'s policy)"] button').first().click();
    await pg.testId("add-hop").selectOption("arn:aws:iam::111122223333:role/Deployer");
    // Stopped at its only hop: the reasoning shown is that hop's, with a notice saying so.
    await pg.testId("hop-stopped").waitFor();
    await waitForChecks(pg, 9);
    const session = pg.testId("hop-session");
    await session.fill("alice-tries");
    await session.press("Enter");
    const chained = JSON.parse(readShareLink(await pg.copyLink()));
    assert.deepEqual(chained.requests[0].assume.map((h) => h.sessionName), ["alice-tries"]);
    await press(pg.testId("remove-hop"));
    await waitForChecks(pg, 10);

    // alice: a permissions boundary, a tag and a path.
    const alice = () => pg.page.locator('[data-testid="model-user"][data-name="alice"]');
    await alice().locator('[data-testid="set-boundary"]').selectOption("DevBoundary");
    await alice().locator('[data-testid="boundary"][data-policy="DevBoundary"]').waitFor();
    answers.push("team=photos");
    await press(alice().locator('[data-testid="add-tag"]'));
    await alice().locator('[data-testid="tag"][data-key="team"][data-value="photos"]').waitFor();
    answers.push("/staff/");
    await press(alice().locator('[data-testid="set-path"]'));
    await pg.page.locator('[data-testid="model-user"][data-name="alice"] .entity', { hasText: "/staff/alice" }).waitFor();
    answers.push("no/slash");
    await press(alice().locator('[data-testid="set-path"]'));
    assert.match(await pg.testId("error-banner").innerText(), /starts and ends with/);
    const shared = JSON.parse(readShareLink(await pg.copyLink()));
    const a = shared.accounts["111122223333"].users.alice;
    assert.equal(a.boundary, "DevBoundary");
    assert.equal(a.path, "/staff/");
    assert.deepEqual(a.tags, { team: "photos" });
    assert.equal(shared.organization.accounts["111122223333"], "ou-sandbox");
    assert.equal(shared.organization.ous["ou-sandbox"].name, "Sandbox");
  });

  test("S3 Block Public Access settings are turned on in the page, and the public read is denied", async (t) => {
    const site = JSON.stringify({
      version: 2,
      accounts: {
        "111122223333": {
          resources: {
            "arn:aws:s3:::site": {
              policy: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*" }],
              },
            },
          },
        },
      },
      requests: [
        { name: "anyone reads", principal: "*", action: "s3:GetObject", resource: "arn:aws:s3:::site/index.html", expect: "allowed" },
      ],
    });
    const pg = await openPlayground(browser, shareLink(site), { t });
    await waitForChecks(pg, 1);
    const bucket = pg.page.locator('[data-testid="model-resource"][data-name="arn:aws:s3:::site"] [data-testid="bpa"]');
    await bucket.locator("summary").focus();
    await pg.page.keyboard.press("Enter");
    await bucket.locator('[data-setting="RestrictPublicBuckets"]').focus();
    await pg.page.keyboard.press("Space");
    await waitForChecks(pg, 0);
    assert.equal((await requests(pg))[0].decision, "explicitDeny");
    await pg.page.locator('[data-testid="model-resource"] [data-testid="bpa"][data-on="1"]').waitFor();
    const shared = JSON.parse(readShareLink(await pg.copyLink()));
    assert.equal(shared.accounts["111122223333"].resources["arn:aws:s3:::site"].blockPublicAccess.restrictPublicBuckets, true);
  });

  test("the catalog's findings (an unknown action, with its did-you-mean) show on a workspace's documents", async (t) => {
    const pg = await openPlayground(browser, shareLink(COURSE), { t });
    await pg.selectPolicy("ReadPhotos");
    const text = await pg.withView((view) => view.state.doc.toString());
    assert.match(text, /s3:GetObject/);
    await pg.setEditorText(text.replace("s3:GetObject", "s3:GetObjcet"));
    // The catalog loads after the first decision; its findings arrive once typing pauses.
    const d = await pg.waitForDiagnostic("INVALID_ACTION", { timeout: 20000 });
    assert.ok(d);
    assert.match((await pg.diagnostics()).map((x) => x.text).join("\n"), /s3:GetObject/);
  });
});
