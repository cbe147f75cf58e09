#!/usr/bin/env bash
# Every test of iamplay, the browser ones included. Idempotent; on a fresh Debian machine (as root) it
# installs what it needs first: scripts/setup.sh (wasm target, Trunk, wasm-bindgen-cli, npm packages)
# and Debian's Chromium + ChromeDriver.
#
#   1. rustfmt and clippy (-D warnings) over the workspace, and over the web app for wasm32
#   2. cargo test --workspace: unit tests, the evaluation corpus (library and CLI), the lint corpus,
#      property tests, tidy checks, golden explanations, catalog tests, the web app's host tests
#   3. the core crates build for wasm32-unknown-unknown; the JavaScript package (scripts/build-js.sh →
#      dist-js/) and its Node tests (tests/js)
#   4. the web app's in-browser component tests (wasm-bindgen-test, headless Chromium)
#   5. the release build of the playground (Trunk → dist/) and the end-to-end tests (Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
passed=0
count() { # add up "test result: ok. N passed" lines of a cargo test log
  local n
  n=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  passed=$((passed + n))
}

step "Setup"
bash scripts/setup.sh
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  else
    echo "Chromium and ChromeDriver are needed for the browser tests: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

step "Format"
cargo fmt --all --check

step "Clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The web app's browser-only code (the worker, the JS bindings, the in-browser tests) is compiled
# for wasm32 only: lint it there too.
cargo clippy -p iam-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
cargo clippy -p iam-js --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
# The libraries' documentation builds without a broken or private link (their public API is documented).
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -p iam-json -p iam-catalog -p iam-core

step "cargo test --workspace"
cargo test --workspace --locked 2>&1 | tee "$log/cargo-test.txt"
count "$log/cargo-test.txt"

step "The core builds for wasm32-unknown-unknown"
cargo build --locked --target wasm32-unknown-unknown -p iam-json -p iam-catalog -p iam-core

step "The JavaScript package (dist-js/) and its Node tests"
bash scripts/build-js.sh
node --test tests/js/ 2>&1 | tee "$log/js-test.txt"
js=$(grep -Eo '^# pass [0-9]+' "$log/js-test.txt" | awk '{print $3}' | tail -1)
passed=$((passed + ${js:-0}))

step "In-browser component tests (wasm-bindgen-test, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p iam-web --target wasm32-unknown-unknown 2>&1 | tee "$log/wasm-test.txt"
count "$log/wasm-test.txt"

step "Release build of the playground (dist/)"
trunk build --release

step "Debug build of the playground (for the panic panel's spec: ?debug-panic exists only in debug builds)"
trunk build --dist "$log/debug-dist"

step "End-to-end tests (Playwright + Debian Chromium against dist/ on 127.0.0.1)"
IAMPLAY_DEBUG_DIST="$log/debug-dist" node tests/e2e/run.mjs 2>&1 | tee "$log/e2e.txt"
e2e=$(grep -Eo '^e2e: [0-9]+ passed' "$log/e2e.txt" | awk '{print $2}' | tail -1)
passed=$((passed + ${e2e:-0}))

printf '\nall: %d passed, 0 failed\n' "$passed"
