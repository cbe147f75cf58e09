// Tests of iamplay's JavaScript package (dist-js/, built by `bash scripts/build-js.sh`):
//   node --test tests/js/
// scripts/test.sh builds the package and runs these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist-js');
if (!existsSync(join(dist, 'node', 'iamplay.js'))) {
  throw new Error('dist-js/ is not built: run `bash scripts/build-js.sh` first');
}
const iamplay = await import(join(dist, 'node', 'iamplay.js'));
const { analyze, decide, check, lint, loadCatalog, expandAction, Catalog, IamplayError } = iamplay;

const read = (path) => readFileSync(join(root, path), 'utf8');
const catalogText = read('data/catalog.json');
let catalogCache = null;
const catalog = () => (catalogCache ??= loadCatalog(catalogText));

const alice = 'arn:aws:iam::111122223333:user/alice';
const photo = 'arn:aws:s3:::photos/cat.jpg';
const scenario = (statements, action = 's3:GetObject') => ({
  request: { principal: alice, action, resource: photo },
  policies: [
    { name: 'Photos', type: 'identity', document: { Version: '2012-10-17', Statement: statements } },
  ],
});
const allowRead = { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' };
const denyAll = { Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' };

test('the ESM import works in Node as written: import { analyze } from ./dist-js/node/iamplay.js', () => {
  const script = `
    import { analyze } from './dist-js/node/iamplay.js';
    import { readFileSync } from 'node:fs';
    const result = analyze(readFileSync('examples/s3-read-photos.json', 'utf8'));
    process.stdout.write(result.decision);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(out, 'allowed');
});

test('a scenario that is allowed: decision, explanation tree, trace, no diagnostics', () => {
  const result = analyze(scenario([allowRead]));
  assert.equal(result.kind, 'scenario');
  assert.equal(result.decision, 'allowed');
  assert.equal(result.explanation.headline.decision, 'allowed');
  assert.match(result.explanation.headline.text, /^Allowed: statement `Photos › Read` allows this request/);
  assert.ok(result.explanation.stages.length > 2);
  assert.equal(result.explanation.stages.at(-1).kind.stage, 'final');
  assert.deepEqual(result.trace.determining.map((r) => `${r.policyName}/${r.sid}`), ['Photos/Read']);
  assert.equal(result.trace.principal.kind, 'user');
  assert.deepEqual(result.diagnostics, []);
});

test('a scenario with an explicit deny, given as JSON text', () => {
  const result = analyze(JSON.stringify(scenario([allowRead, denyAll])));
  assert.equal(result.decision, 'explicitDeny');
  assert.equal(result.explanation.headline.label, 'Denied — explicit');
  assert.deepEqual(result.trace.determining.map((r) => r.sid), ['NoS3']);
  const decisive = result.explanation.stages.find((s) => s.decisive);
  assert.equal(decisive.kind.stage, 'explicitDeny');
  assert.equal(decisive.outcome, 'explicitDeny');
});

test('a scenario with an implicit deny, and the same as the examples give', () => {
  const result = analyze(scenario([allowRead], 's3:PutObject'));
  assert.equal(result.decision, 'implicitDeny');
  assert.deepEqual(result.trace.determining, []);
  assert.equal(analyze(read('examples/scp-deny-region.json')).decision, 'explicitDeny');
});

test('a malformed request has no decision, and its diagnostic points at the field', () => {
  const text = JSON.stringify({ ...scenario([allowRead]), request: { principal: 'alice', action: 's3:GetObject', resource: photo } }, null, 2);
  const result = analyze(text);
  assert.equal(result.decision, null);
  assert.equal(result.explanation, null);
  assert.equal(result.trace, null);
  const d = result.diagnostics.find((x) => x.code === 'INVALID_REQUEST_PRINCIPAL');
  assert.ok(d, JSON.stringify(result.diagnostics));
  assert.equal(d.severity, 'error');
  // `"principal": "alice"` is on line 3 of the indented text.
  assert.equal(d.fileStart.line, 3);
});

test('decide() gives only the decision, the same as analyze() on every example and corpus case', () => {
  assert.equal(decide(scenario([allowRead])), 'allowed');
  assert.equal(decide(JSON.stringify(scenario([allowRead, denyAll]))), 'explicitDeny');
  assert.equal(decide(scenario([allowRead], 's3:PutObject')), 'implicitDeny');
  const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));
  assert.ok(examples.length > 3);
  for (const file of examples) {
    const text = read(`examples/${file}`);
    assert.equal(decide(text), analyze(text).decision, file);
  }
  let cases = 0;
  for (const file of readdirSync(join(root, 'tests/corpus/eval')).filter((f) => f.endsWith('.json'))) {
    for (const c of JSON.parse(read(`tests/corpus/eval/${file}`)).cases) {
      assert.equal(decide(c.scenario), c.expect.decision, `${file}: ${c.name}`);
      cases++;
    }
  }
  assert.ok(cases > 100, String(cases));
  // With the catalog: RCPs apply only to the services that support them, as in analyze().
  for (const file of examples) {
    const text = read(`examples/${file}`);
    assert.equal(decide(text, { catalog: catalog() }), analyze(text, { catalog: catalog() }).decision, file);
  }
});

test('decide() of a malformed request is null; of a workspace, one decision per request', () => {
  const malformed = { ...scenario([allowRead]), request: { principal: 'alice', action: 's3:GetObject', resource: photo } };
  assert.equal(decide(malformed), null);
  const workspace = read('examples/workspaces/course-basics.json');
  const decisions = decide(workspace);
  assert.ok(Array.isArray(decisions));
  assert.deepEqual(decisions, analyze(workspace).results.map((r) => r.decision));
  assert.deepEqual(decisions, JSON.parse(workspace).requests.map((r) => r.expect));
  // Input that cannot be read throws as analyze() does.
  assert.throws(() => decide('{\n  "request": \n}'), (e) => e instanceof IamplayError && e.line === 3 && /not valid JSON/.test(e.message));
  assert.throws(() => decide({ request: { principal: 42, action: 's3:GetObject', resource: '*' }, policies: [] }), (e) => e instanceof IamplayError && e.field === 'request.principal');
  assert.throws(() => decide({ version: 2, requests: [{ name: 'x', expect: 'maybe' }] }), IamplayError);
  assert.throws(() => decide(42), TypeError);
  assert.throws(() => decide(scenario([allowRead]), { catalog: {} }), TypeError);
});

test("the benchmark's dev dependency (@cloud-copilot/iam-simulate) is in no file of the package", () => {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const files = walk(dist);
  assert.ok(files.length > 10);
  for (const file of files) assert.equal(readFileSync(file).includes('iam-simulate'), false, file);
});

test('a workspace: one result per request, with name, expect, pass, explanation, trace, diagnostics', () => {
  const text = read('examples/workspaces/course-basics.json');
  const workspace = JSON.parse(text);
  const result = analyze(workspace);
  assert.equal(result.kind, 'workspace');
  assert.equal(result.title, workspace.title);
  assert.equal(result.results.length, workspace.requests.length);
  result.results.forEach((r, i) => {
    const request = workspace.requests[i];
    assert.equal(r.name, request.name);
    assert.equal(r.expect, request.expect);
    assert.ok(['allowed', 'explicitDeny', 'implicitDeny'].includes(r.decision), r.name);
    assert.equal(r.decision, request.expect, r.name);
    assert.equal(r.pass, true, r.name);
    assert.equal(r.explanation.headline.decision, r.decision);
    assert.equal(r.trace.decision, r.decision);
    assert.ok(Array.isArray(r.diagnostics));
  });
  assert.equal(result.passed, workspace.requests.length);
  assert.equal(result.failed, 0);
  // An AssumeRole chain: its hops come with the result; a chain stopped at a hop says where.
  const chained = result.results.find((r) => r.name === 'bob deploys via the role');
  assert.match(chained.hops[0].label, /^sts:AssumeRole arn:aws:iam::111122223333:role\/Deployer$/);
  assert.equal(chained.hops[0].decision, 'allowed');
  const stopped = result.results.find((r) => r.stoppedAt);
  assert.match(stopped.stoppedAt, /^sts:AssumeRole /);
});

test('a workspace whose expectation fails, through check() and analyze()', () => {
  const workspace = JSON.parse(read('examples/workspaces/course-basics.json'));
  workspace.requests[0].expect = 'explicitDeny';
  const checked = check(workspace);
  assert.equal(checked.results.length, workspace.requests.length);
  assert.equal(checked.passed, workspace.requests.length - 1);
  assert.equal(checked.failed, 1);
  const failing = checked.results.filter((r) => !r.pass);
  assert.deepEqual(failing.map((r) => [r.name, r.expected, r.decision]), [[workspace.requests[0].name, 'explicitDeny', 'allowed']]);
  assert.ok(failing[0].determining.length > 0);
  const analyzed = analyze(workspace);
  assert.equal(analyzed.failed, 1);
  assert.equal(analyzed.results[0].pass, false);
});

test('the workspace corpus: every check passes, as `iamplay test` says', () => {
  for (const file of readdirSync(join(root, 'tests/corpus/workspaces')).filter((f) => f.endsWith('.json'))) {
    const result = check(read(`tests/corpus/workspaces/${file}`));
    assert.ok(result.passed > 0, file);
    assert.equal(result.failed, 0, `${file}: ${JSON.stringify(result.results.filter((r) => !r.pass))}`);
  }
});

test('lint of a bad policy gives diagnostics with line and column', () => {
  const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Alow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}';
  const { diagnostics } = lint(policy);
  const d = diagnostics.find((x) => x.code === 'INVALID_EFFECT');
  assert.ok(d, JSON.stringify(diagnostics));
  assert.equal(d.severity, 'error');
  assert.deepEqual([d.start.line, d.start.column], [4, 17]);
  assert.equal(policy.slice(d.span.start, d.span.end), '"Alow"');
  assert.equal(d.path, 'Statement[0].Effect');

  const syntax = lint('{"Version": "2012-10-17",\n "Statement": [ { "Effect": "Allow" "Action": "*" } ] }').diagnostics;
  assert.deepEqual(syntax.map((x) => [x.code, x.start.line, x.start.column]), [['JSON_SYNTAX_ERROR', 2, 37]]);

  assert.deepEqual(lint({ Version: '2012-10-17', Statement: [allowRead] }).diagnostics, []);
  // A resource policy needs a Principal; a trust policy is a resource policy.
  const noPrincipal = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] };
  assert.ok(lint(noPrincipal, { type: 'trust' }).diagnostics.some((x) => x.code === 'MISSING_PRINCIPAL'));
  for (const type of ['identity', 'resource', 'trust', 'permissionsBoundary', 'session', 'scp', 'rcp', 'vpcEndpoint']) {
    assert.ok(Array.isArray(lint(noPrincipal, { type }).diagnostics), type);
  }
  assert.throws(() => lint(noPrincipal, { type: 'bucket' }), (e) => e instanceof IamplayError && /policy type must be one of/.test(e.message));
});

test('malformed JSON throws an IamplayError with line and column', () => {
  const text = '{\n  "request": {\n    "principal": "arn:aws:iam::111122223333:user/alice",\n    "action": \n  }\n}';
  assert.throws(() => analyze(text), (e) => {
    assert.ok(e instanceof IamplayError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'IamplayError');
    assert.equal(e.line, 5);
    assert.equal(e.column, 3);
    assert.match(e.message, /^5:3: not valid JSON/);
    assert.equal(e.errors[0].start.line, 5);
    return true;
  });
});

test('a scenario error names the field, with line and column', () => {
  const text = '{\n  "request": {\n    "principal": 42,\n    "action": "s3:GetObject",\n    "resource": "*"\n  },\n  "policies": []\n}';
  assert.throws(() => analyze(text), (e) => {
    assert.ok(e instanceof IamplayError);
    assert.equal(e.field, 'request.principal');
    assert.deepEqual([e.line, e.column], [3, 18]);
    assert.match(e.message, /^3:18: `request.principal`: /);
    return true;
  });
  assert.throws(() => check({ version: 2, requests: [{ name: 'x', expect: 'maybe' }] }), IamplayError);
  assert.throws(() => analyze(42), TypeError);
  assert.throws(() => analyze(null), TypeError);
});

test('expandAction with the catalog; the catalog is not in the wasm', () => {
  const c = catalog();
  assert.ok(c instanceof Catalog);
  assert.ok(c.actionCount > 10000, String(c.actionCount));
  const names = expandAction('s3:GetObjectT*', c);
  assert.deepEqual(names, ['s3:GetObjectTagging', 's3:GetObjectTorrent']);
  assert.deepEqual(c.expandAction('S3:getobjecttagging'), ['s3:GetObjectTagging']);
  assert.deepEqual(expandAction('s3:NoSuchThing*', c), []);
  assert.ok(expandAction('iam:*', c).length > 100);
  assert.throws(() => expandAction('s3:*'), TypeError);
  assert.throws(() => loadCatalog('{"format": 0}'), (e) => e instanceof IamplayError && /catalog/.test(e.message));
  assert.throws(() => new Catalog({}), TypeError);
  // The catalog's data is not compiled in: none of its action names is in the wasm.
  const wasm = readFileSync(join(dist, 'node', 'iamplay_wasm_bg.wasm'));
  assert.equal(wasm.includes('GetObjectTorrent'), false);
});

test('analyze and lint with { catalog } add the catalog diagnostics', () => {
  const misspelt = scenario([{ ...allowRead, Action: ['s3:GetObject', 's3:GetObjekt'] }]);
  assert.deepEqual(analyze(misspelt).diagnostics, []);
  const result = analyze(misspelt, { catalog: catalog() });
  assert.equal(result.decision, 'allowed');
  const d = result.diagnostics.find((x) => x.code === 'INVALID_ACTION');
  assert.ok(d, JSON.stringify(result.diagnostics));
  assert.equal(d.policy, 0);
  assert.equal(d.policyName, 'Photos');
  // Positions in the policy text and in the (indented) input text.
  const text = JSON.stringify(misspelt, null, 2);
  assert.equal(text.split('\n')[d.fileStart.line - 1].slice(d.fileStart.column - 1).startsWith('"s3:GetObjekt"'), true);
  const linted = lint(misspelt.policies[0].document, { catalog: catalog() });
  assert.deepEqual(linted.diagnostics.map((x) => x.code), ['INVALID_ACTION']);
  assert.equal(check(read('examples/workspaces/course-basics.json'), { catalog: catalog() }).failed, 0);
  assert.throws(() => analyze(misspelt, { catalog: {} }), TypeError);
});

test('the browser build: init() from bytes, then the same results', async () => {
  const web = await import(join(dist, 'web', 'iamplay.js'));
  const bytes = readFileSync(join(dist, 'web', 'iamplay_wasm_bg.wasm'));
  await web.init(bytes);
  const result = web.analyze(scenario([allowRead, denyAll]));
  assert.equal(result.decision, 'explicitDeny');
  assert.deepEqual(result, analyze(scenario([allowRead, denyAll])));
  assert.equal(await web.init(), undefined, 'init() again resolves at once');
});

test('the declarations parse as TypeScript and name exactly what the modules export', async () => {
  const esbuild = await import('esbuild');
  for (const target of ['node', 'web']) {
    // Ours (wasm-bindgen's own, for the raw module, are not read: iamplay.js wraps it).
    for (const file of ['iamplay.d.ts', 'api.d.ts', 'types.d.ts']) {
      await esbuild.transform(readFileSync(join(dist, target, file), 'utf8'), { loader: 'ts' });
    }
  }
  const declared = (file) => [...read(file).matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1]);
  const api = declared('crates/iam-js/js/api.d.ts');
  assert.deepEqual(Object.keys(iamplay).sort(), [...api].sort());
  const web = await import(join(dist, 'web', 'iamplay.js'));
  assert.deepEqual(Object.keys(web).sort(), [...api, ...declared('crates/iam-js/js/web.d.ts')].sort());
  // The lint types the declarations list are those the wasm takes (crates/iam-js/src/lib.rs).
  const listed = [...read('crates/iam-js/js/api.d.ts').match(/export type LintType =([^;]*);/)[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
  const rust = [...read('crates/iam-js/src/lib.rs').match(/LINT_TYPES: \[&str; \d+\] = \[([^\]]*)\]/)[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  assert.deepEqual(listed, rust);
  // The generated types are those checked in (the Rust test keeps those up to date).
  assert.equal(readFileSync(join(dist, 'node', 'types.d.ts'), 'utf8'), read('crates/iam-js/js/types.d.ts'));
});
