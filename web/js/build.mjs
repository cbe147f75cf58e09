// Bundles web/js/page.js into web/js/dist/page.bundle.js and web/js/editor.js (CodeMirror 6 from
// node_modules) into web/js/dist/editor.bundle.js.
// Runs as Trunk's pre_build hook (`npm run build:editor`). The file is rewritten only when its
// content changes, so the wasm crate, which imports it, is not rebuilt for nothing.
import { build } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Two bundles: the page's (share links, catalog worker, the lazy editor; imported by the wasm crate,
// part of the first load) and CodeMirror's (fetched by the page's after the first decision).
for (const [entry, out] of [["page.js", "page.bundle.js"], ["editor.js", "editor.bundle.js"]]) {
  const outfile = join(here, "dist", out);
  const result = await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  const text = result.outputFiles[0].text;
  let old = null;
  try {
    old = readFileSync(outfile, "utf8");
  } catch (_) {
    old = null;
  }
  if (old !== text) {
    mkdirSync(dirname(outfile), { recursive: true });
    writeFileSync(outfile, text);
    console.log(`${out}: wrote ${outfile} (${text.length} bytes)`);
  } else {
    console.log(`${out}: ${outfile} is up to date (${text.length} bytes)`);
  }
}
