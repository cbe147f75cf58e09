#!/usr/bin/env node
// End-to-end tests of the built playground.
//
//   node tests/e2e/run.mjs [WORD…]
//
// Serves `$IAMPLAY_DIST` or `dist/` on 127.0.0.1 (random free port), runs every
// tests/e2e/specs/*.spec.mjs (or those whose file name contains one of the WORDs) with node:test in
// separate processes, BASE_URL pointing at the server, and prints one last line
// `e2e: N passed, M failed`. Exits 1 when anything failed.
//
// Environment: IAMPLAY_DIST (the directory to serve), E2E_CONCURRENCY (spec files run at once;
// default 2), CHROMIUM (the browser; default /usr/bin/chromium).

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { startServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const dist = resolve(process.env.IAMPLAY_DIST ?? join(root, "dist"));
const words = process.argv.slice(2);

const specDir = join(here, "specs");
const specs = readdirSync(specDir)
  .filter((f) => f.endsWith(".spec.mjs"))
  .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
  .sort()
  .map((f) => join(specDir, f));
if (specs.length === 0) {
  console.error(`no spec files in ${specDir}${words.length ? ` matching ${words.join(", ")}` : ""}`);
  console.log("e2e: 0 passed, 1 failed");
  process.exit(1);
}

const server = await startServer(dist);
console.log(`serving ${dist} at ${server.url}; ${specs.length} spec files`);
const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), "iamplay-e2e-"));
const tapFile = join(tmp, "report.tap");

const code = await new Promise((done) => {
  const child = spawn(
    process.execPath,
    [
      "--test",
      `--test-concurrency=${process.env.E2E_CONCURRENCY ?? 2}`,
      "--test-timeout=90000",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tapFile}`,
      ...specs,
    ],
    { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, BASE_URL: server.url } },
  );
  child.on("exit", (c, signal) => done(c ?? (signal ? 1 : 0)));
});
await server.close();

// The TAP summary counts every test at every level (suites are counted apart).
const tap = (() => {
  try {
    return readFileSync(tapFile, "utf8");
  } catch {
    return "";
  }
})();
rmSync(tmp, { recursive: true, force: true });
const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, "m"))?.[1] ?? 0);
const passed = count("pass");
let failed = count("fail") + count("cancelled");
if (code !== 0 && failed === 0) failed = 1; // the runner failed outside any test (e.g. a file did not load)
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
