// Trunk post_build hook: minify the JavaScript glue that wasm-bindgen writes (Trunk's own minifier
// gives up on it). Runs on the files in Trunk's staging directory before they are moved to dist/.
import { transformSync } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === "release";
if (!staging || !release) process.exit(0);
for (const name of readdirSync(staging)) {
  if (!/^iam-web-[0-9a-f]+\.js$/.test(name)) continue;
  const path = join(staging, name);
  const source = readFileSync(path, "utf8");
  const { code } = transformSync(source, { minify: true, format: "esm", target: "es2020", legalComments: "none" });
  writeFileSync(path, code);
  console.log(`minified ${name}: ${source.length} -> ${code.length} bytes`);
}
