// Trunk post_build hook (release builds): put a strict Content-Security-Policy into index.html as a
// <meta> tag, before anything it governs. Trunk starts the app with one inline module script; it is
// allowed by its SHA-256 hash (computed here, on the file as built), so no 'unsafe-inline' script.
// docs/embedding.md explains the policy and gives hosts the full header set (frame-ancestors and
// the other headers a <meta> tag cannot carry).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === "release";
if (!staging || !release) process.exit(0);

const path = join(staging, "index.html");
let html = readFileSync(path, "utf8");
const hashes = [];
for (const m of html.matchAll(/<script(?:\s+type=["']?module["']?)?>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
export const policy = [
  "default-src 'self'",
  // The app's module, its glue and bundles are same-origin files; the one inline script by hash;
  // WebAssembly compilation needs 'wasm-unsafe-eval' (not 'unsafe-eval').
  `script-src 'self' ${hashes.join(" ")} 'wasm-unsafe-eval'`,
  // The one exception: CodeMirror writes its theme into a <style> element at run time
  // (style-mod); a static site cannot give it a per-response nonce.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The catalog (catalog.json), the examples and the course are fetched from the same origin.
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
if (html.includes('http-equiv="Content-Security-Policy"')) process.exit(0);
// Right after <meta charset>: before every script and stylesheet.
html = html.replace(/(<meta charset=["']?utf-8["']?\s*\/?>)/i, `$1${meta}`);
if (!html.includes(meta)) {
  console.error("csp: no <meta charset> in index.html to put the policy after");
  process.exit(1);
}
writeFileSync(path, html);
console.log(`csp: index.html carries the Content-Security-Policy (${hashes.length} inline script hash)`);
