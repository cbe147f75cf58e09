#!/usr/bin/env bash
# Measure `iamplay eval` on many small scenarios against merely reading them.
#
#   bash crates/iam-cli/bench/run.sh [N]      # N scenarios, default 10000
#
# Builds in release mode, writes N varied scenarios with the `gen_scenarios` example to a temp
# directory, then times `iamplay eval --json DIR`, `iamplay eval DIR` (human output), `iamplay lint DIR`
# (reading, parsing and linting the same files without evaluating them) and `cat DIR/*.json`, with
# hyperfine (apt install hyperfine), or with `time` without it.
set -euo pipefail
n="${1:-10000}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cargo build --release -q -p iam-cli --bin iamplay --example gen_scenarios
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release/iamplay"
dir="$(mktemp -d "${TMPDIR:-/tmp}/iamplay-bench.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
"$target/release/examples/gen_scenarios" "$dir" "$n"
echo "$(du -sh "$dir" | cut -f1) in $n files; output of one --json run: $("$bin" eval --json "$dir" | wc -c) bytes"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 -i \
    "cat $dir/*.json > /dev/null" \
    "$bin lint $dir > /dev/null" \
    "$bin eval --json $dir > /dev/null" \
    "$bin eval --color never $dir > /dev/null"
else
  time (cat "$dir"/*.json > /dev/null)
  time ("$bin" lint "$dir" > /dev/null || true)
  time ("$bin" eval --json "$dir" > /dev/null)
  time ("$bin" eval --color never "$dir" > /dev/null)
fi
