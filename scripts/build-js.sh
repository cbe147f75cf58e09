#!/usr/bin/env bash
# Build iamplay's JavaScript package into dist-js/ (docs/js-api.md):
#
#   dist-js/node/iamplay.js   ES module for Node >= 18: `import { analyze } from './dist-js/node/iamplay.js'`
#   dist-js/web/iamplay.js    ES module for browsers and bundlers: `await init()` first
#   dist-js/*/iamplay.d.ts    TypeScript declarations (types.d.ts is generated from the Rust types)
#   dist-js/package.json, dist-js/README.md
#
# Steps: crates/iam-js for wasm32-unknown-unknown (profile `js`), wasm-bindgen --target nodejs and
# --target web, wasm-opt -O3 when binaryen's wasm-opt is installed (npm ci), then the JS wrappers.
# Offline once scripts/setup.sh has run (it installs the wasm target, wasm-bindgen-cli and the crates).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

OUT=dist-js
PROFILE=${IAMPLAY_JS_PROFILE:-js}
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
JS=crates/iam-js/js

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "build-js: wasm-bindgen-cli ${have:-not found}, Cargo.lock has wasm-bindgen $want: run scripts/setup.sh" >&2
  exit 1
fi

step "crates/iam-js for wasm32-unknown-unknown (profile $PROFILE)"
cargo build --locked -p iam-js --target wasm32-unknown-unknown --profile "$PROFILE"
wasm="$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/iam_js.wasm"

rm -rf "$OUT"
mkdir -p "$OUT/node" "$OUT/web"

step "wasm-bindgen (nodejs, web)"
wasm-bindgen --target nodejs --out-dir "$OUT/node" --out-name iamplay_wasm "$wasm"
wasm-bindgen --target web --out-dir "$OUT/web" --out-name iamplay_wasm "$wasm"
# Node: the CommonJS that wasm-bindgen writes becomes .cjs, so that the directory can be an ES module
# package ("type": "module") whose iamplay.js imports it.
mv "$OUT/node/iamplay_wasm.js" "$OUT/node/iamplay_wasm.cjs"
mv "$OUT/node/iamplay_wasm.d.ts" "$OUT/node/iamplay_wasm.d.cts"
sed -i 's#@ts-self-types="./iamplay_wasm.d.ts"#@ts-self-types="./iamplay_wasm.d.cts"#' "$OUT/node/iamplay_wasm.cjs"

# Both targets give the same wasm: optimise it once.
if command -v wasm-opt >/dev/null 2>&1; then
  step "wasm-opt -O3 ($(wasm-opt --version))"
  wasm-opt -O3 "$OUT/web/iamplay_wasm_bg.wasm" -o "$OUT/web/iamplay_wasm_bg.wasm"
else
  echo "    wasm-opt not found (npm ci installs binaryen): the wasm is left as wasm-bindgen wrote it"
fi
cp "$OUT/web/iamplay_wasm_bg.wasm" "$OUT/node/iamplay_wasm_bg.wasm"

step "JavaScript wrappers and declarations"
for target in node web; do
  cp "$JS/api.js" "$JS/api.d.ts" "$JS/types.d.ts" "$OUT/$target/"
  cp "$JS/$target.js" "$OUT/$target/iamplay.js"
  cp "$JS/$target.d.ts" "$OUT/$target/iamplay.d.ts"
  printf '{\n  "type": "module"\n}\n' > "$OUT/$target/package.json"
done
cp "$JS/package.json" "$JS/README.md" "$OUT/"

raw=$(wc -c < "$OUT/web/iamplay_wasm_bg.wasm")
gz=$(gzip -9 -c "$OUT/web/iamplay_wasm_bg.wasm" | wc -c)
printf 'built %s: iamplay_wasm_bg.wasm %d bytes, %d gzip -9\n' "$OUT" "$raw" "$gz"
