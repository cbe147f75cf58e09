#!/usr/bin/env bash
# Set up (scripts/setup.sh), build the web playground in release mode and serve it on loopback:
#   http://127.0.0.1:8080/   (IAMPLAY_ADDRESS / IAMPLAY_PORT change it)
# Trunk rebuilds on every change to web/, index.html or the crates.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

# wasm-opt comes from the npm package binaryen; Trunk finds it on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk asks crates.io for a newer version of itself; there is nothing to ask for.
export TRUNK_SKIP_VERSION_CHECK=true

ADDRESS="${IAMPLAY_ADDRESS:-127.0.0.1}"
PORT="${IAMPLAY_PORT:-8080}"
printf '\n\033[1m==> Serving iamplay at http://%s:%s/\033[0m\n' "$ADDRESS" "$PORT"
printf '    (the first release build takes a few minutes; the page reloads itself after each rebuild)\n\n'
exec trunk serve --release --address "$ADDRESS" --port "$PORT"
