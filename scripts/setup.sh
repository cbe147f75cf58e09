#!/usr/bin/env bash
# Install what the iamplay web playground's build needs. Idempotent: each step is skipped when its
# tool is already there in the right version. Works as root on a fresh Debian machine that has
# rustup; only package registries are used (crates.io, npm, Debian).
#
#   rust target wasm32-unknown-unknown       rustup target add
#   trunk 0.21.14                            cargo install --locked
#   wasm-bindgen-cli = wasm-bindgen in Cargo.lock   cargo install
#   C compiler, node + npm                   apt-get (only if missing)
#   npm packages (CodeMirror, esbuild, binaryen's wasm-opt)   npm ci
#   crates                                   cargo fetch (Trunk builds offline)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
skip() { printf '    %s\n' "$*"; }

step "Rust toolchain"
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
  echo "cargo/rustup not found. Install Rust with rustup first (https://rustup.rs), then run this again." >&2
  exit 1
fi
skip "$(cargo --version)"

step "C toolchain (some crates build C code)"
if command -v cc >/dev/null 2>&1; then
  skip "cc found"
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update
  apt-get install -y build-essential pkg-config
else
  echo "no C compiler (cc) found; install one (Debian: apt-get install build-essential pkg-config)" >&2
  exit 1
fi

step "wasm32-unknown-unknown target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "trunk $TRUNK_VERSION"
if command -v trunk >/dev/null 2>&1 && [ "$(trunk --version | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  skip "already installed: $(trunk --version)"
else
  echo "    cargo install --locked trunk --version $TRUNK_VERSION  (several minutes, once per machine)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# Keep wasm-bindgen-cli in step with the wasm-bindgen crate the lockfile pins.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$BINDGEN_VERSION" ]; then
  echo "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
step "wasm-bindgen-cli $BINDGEN_VERSION (from Cargo.lock)"
if command -v wasm-bindgen >/dev/null 2>&1 && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$BINDGEN_VERSION" ]; then
  skip "already installed: $(wasm-bindgen --version)"
else
  # Without --locked: the CLI's own lockfile pins a crate version the registry no longer has.
  echo "    cargo install wasm-bindgen-cli --version $BINDGEN_VERSION  (a few minutes, once per machine)"
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi

step "node and npm"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  skip "node $(node --version), npm $(npm --version 2>/dev/null)"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "node/npm not found; install them (Debian: apt-get install nodejs npm) and run this again." >&2
    exit 1
  fi
  apt-get update
  apt-get install -y nodejs npm
fi

step "npm packages (CodeMirror 6, esbuild, binaryen for wasm-opt)"
LOCK_SUM=$(sha256sum package-lock.json | awk '{print $1}')
STAMP=node_modules/.iamplay-lock-sha256
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$LOCK_SUM" ] && [ -x node_modules/.bin/esbuild ] && [ -x node_modules/.bin/wasm-opt ]; then
  skip "node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$LOCK_SUM" > "$STAMP"
fi
skip "wasm-opt: $(node_modules/.bin/wasm-opt --version)"

step "crates (cargo fetch, so that the offline Trunk build finds them)"
cargo fetch
skip "done"

step "Editor bundle (esbuild; Trunk also runs this before every build)"
npm run --silent build:editor

printf '\n\033[1mSetup complete.\033[0m Build dist/ with:\n  PATH="$PWD/node_modules/.bin:$PATH" trunk build --release\nor build and serve with:\n  bash scripts/serve.sh\n'
