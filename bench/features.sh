#!/usr/bin/env bash
# Measures what each module feature saves: the time to build the `dondominio` crate alone
# (dependencies already built) with every module, then with each module alone, printed as a
# ratio of the full build. Also times the codegen step (load + validate + emit) per spec version.
#
# Usage: bench/features.sh [runs]   (default 3 runs per configuration; the median is shown)
# Wall-clock numbers are noisy on shared machines: read the ratios, not the seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export CARGO_TERM_COLOR=never

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

build_time() {
  local args=("$@")
  cargo build -q -p dondominio "${args[@]}" >/dev/null 2>&1 # dependencies
  for _ in $(seq "$runs"); do
    cargo clean -q -p dondominio >/dev/null 2>&1
    local t0 t1
    t0=$(date +%s.%N)
    cargo build -q -p dondominio "${args[@]}" >/dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
  done | median
}

full=$(build_time)
printf '%-10s %8s s  ratio\n' "features" "build"
printf '%-10s %8.2f s  1.00\n' "all" "$full"
for f in tool account domain contact service ssl user; do
  t=$(build_time --no-default-features --features "$f")
  printf '%-10s %8.2f s  %.2f\n' "$f" "$t" "$(echo "$t / $full" | bc -l)"
done

cargo build -q -p dondominio-codegen --release --bin ddspec
for dir in spec/*/; do
  [ -f "$dir/api.yaml" ] || continue
  t0=$(date +%s.%N)
  for _ in $(seq 10); do ./target/release/ddspec check "$dir" >/dev/null; done
  t1=$(date +%s.%N)
  printf 'ddspec check %-14s %6.1f ms per run\n' "$dir" "$(echo "($t1 - $t0) * 100" | bc -l)"
done
