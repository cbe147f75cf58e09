#!/usr/bin/env bash
# Time `iamplay` on large adversarial inputs: each was once quadratic (issue 13, item 8).
#
#   bash crates/iam-cli/bench/stress.sh [KIND...]     # default: every kind below
#   IAMPLAY=/path/to/other/iamplay bash crates/iam-cli/bench/stress.sh   # time another build
#
# Builds the release CLI and the `gen_stress` example, writes each input to a temp directory
# and prints wall time, user CPU and peak memory (GNU time) of one run, with a 60 s timeout
# (a timed-out run prints `timeout`). The sizes double, so a linear cost doubles from row to row
# and a quadratic one quadruples. BENCHMARKS.md ("Hardening") has the figures before and after.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
cargo build --release -q -p iam-cli --bin iamplay --example gen_stress
target="${CARGO_TARGET_DIR:-$root/target}"
bin="${IAMPLAY:-$target/release/iamplay}"
gen="$target/release/examples/gen_stress"
dir="$(mktemp -d "${TMPDIR:-/tmp}/iamplay-stress.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
limit="${STRESS_TIMEOUT:-60}"

# KIND, command, sizes
cases=(
  "lint-minified|lint|10000 20000 40000"
  "lint-pretty|lint|10000 20000 40000"
  "lint-keys|lint|20000 40000"
  "lint-elements|lint|20000 40000"
  "lint-actions|lint|1000 2000 4000"
  "lint-services|lint|1000 2000 4000"
  "lint-long-actions|lint|1000 2000 4000"
  "lint-condition-block|lint|10000 20000 40000"
  "lint-condition-operators|lint|10000 20000 40000"
  "eval-matching|eval|20000 40000 100000"
  "eval-nomatch|eval|20000 40000 100000"
  "eval-deny|eval|20000 40000 100000"
  "eval-conditions|eval|20000 40000 100000"
  "eval-policies|eval|10000 20000 40000"
  "eval-resource-wildcard|eval|250000 500000 1000000"
  "eval-context-wildcard|eval|250000 500000 1000000"
  "eval-context-keys|eval|10000 20000 40000"
  "eval-multivalue|eval|1000 2000 4000"
  "eval-many-patterns|eval|10000 20000 40000"
)
want=("$@")
printf '%-24s %-5s %9s %10s %9s %9s %10s\n' kind cmd n bytes wall user "peak KB"
for case in "${cases[@]}"; do
  IFS='|' read -r kind cmd sizes <<<"$case"
  if [ "${#want[@]}" -gt 0 ] && [[ ! " ${want[*]} " == *" $kind "* ]]; then
    continue
  fi
  for n in $sizes; do
    file="$dir/$kind-$n.json"
    "$gen" "$kind" "$n" >"$file"
    bytes=$(wc -c <"$file")
    status=0
    /usr/bin/time -f '%e %U %M' -o "$dir/time" timeout "$limit" "$bin" "$cmd" --color never "$file" \
      >"$dir/out" 2>&1 || status=$?
    if [ "$status" = 124 ]; then
      printf '%-24s %-5s %9s %10s %9s\n' "$kind" "$cmd" "$n" "$bytes" "timeout"
    else
      read -r wall user peak < <(tail -n 1 "$dir/time")
      note=""
      if grep -q "INVALID_REQUEST_SIZE" "$dir/out"; then note="refused: INVALID_REQUEST_SIZE"; fi
      printf '%-24s %-5s %9s %10s %8ss %8ss %10s  %s\n' "$kind" "$cmd" "$n" "$bytes" "$wall" "$user" "$peak" "$note"
    fi
  done
done
