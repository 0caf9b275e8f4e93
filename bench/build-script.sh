#!/usr/bin/env bash
# Times the `dondominio` build script (dev profile, as users build it) per feature set: all
# modules, each module alone, none. Runs the compiled build script directly with the
# CARGO_FEATURE_* variables cargo would set, so only the script's own work is timed (load and
# validate the newest spec's files the enabled modules need, generate them, write OUT_DIR).
#
# Usage: bench/build-script.sh [runs]   (default 5; the median wall and CPU times are shown)
# The machine's load inflates wall time; CPU (user+sys) time is the steadier number. The last
# column is the CPU time as a ratio of the goal (issue 11): 0.2 s for all modules, and for a
# feature set its share of that by generated code size (`none` builds the shared files only).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

script=$(cargo build -p dondominio --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "build-script-build" \
            and m["package_id"].find("codegen") < 0 and "dondominio" in m["package_id"]:
        print(m["filenames"][0])
')
[ -x "$script" ] || { echo "build script not found" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_set() {
  local envs=()
  for f in "$@"; do envs+=("CARGO_FEATURE_${f^^}=1"); done
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local r
    rm -f "$out"/*.rs
    /usr/bin/time -o "$out/time" -f '%e %U %S' env "${envs[@]}" OUT_DIR="$out" "$script" >/dev/null 2>&1
    r=$(tail -1 "$out/time")
    walls+=("$(echo "$r" | awk '{print $1}')")
    cpus+=("$(echo "$r" | awk '{print $2 + $3}')")
  done
  local cpu size
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  size=$(cat "$out"/*.rs | wc -c)
  [ "$label" = all ] && all_size=$size
  printf '%-10s wall %6.3f s   cpu %6.3f s   goal %5.3f s   cpu/goal %5.2f\n' "${label}" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$cpu" \
    "$(echo "0.2 * $size / $all_size" | bc -l)" "$(echo "$cpu / (0.2 * $size / $all_size)" | bc -l)"
}

all=(tool account domain contact service ssl user)
all_size=0
label=all; time_set "${all[@]}"
for f in "${all[@]}"; do label=$f; time_set "$f"; done
label=none; time_set
