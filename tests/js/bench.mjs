// Throughput of iamplay's JavaScript package in one Node process (BENCHMARKS.md):
//   bash scripts/build-js.sh && node tests/js/bench.mjs
// analyze(): examples/s3-read-photos.json as JSON text → decision, explanation, trace, diagnostics
// as a plain object. check(): examples/workspaces/course-basics.json (11 requests, 2 AssumeRole chains).
// Each figure is the median of 5 rounds of 1 s after a warm-up round. IAMPLAY_JS_DIST=DIR measures another build.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = process.env.IAMPLAY_JS_DIST ?? join(root, 'dist-js');
const { analyze, check } = await import(join(dist, 'node', 'iamplay.js'));
const scenario = readFileSync(join(root, 'examples/s3-read-photos.json'), 'utf8');
const workspace = readFileSync(join(root, 'examples/workspaces/course-basics.json'), 'utf8');
const requests = JSON.parse(workspace).requests.length;

function rate(f, perCall) {
  const rounds = [];
  for (let round = 0; round <= 5; round++) {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < 1000) {
      f();
      calls++;
    }
    const seconds = (performance.now() - start) / 1000;
    if (round > 0) rounds.push((calls * perCall) / seconds);
  }
  rounds.sort((a, b) => a - b);
  return Math.round(rounds[2]);
}

const analyzed = rate(() => analyze(scenario), 1);
const checked = rate(() => check(workspace), requests);
console.log(`node ${process.version}: analyze ${analyzed} scenarios/s (${(1e6 / analyzed).toFixed(0)} µs each); check ${checked} requests/s`);
