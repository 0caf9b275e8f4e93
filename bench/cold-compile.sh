#!/usr/bin/env bash
# Cold compile of the `dondominio` crate itself against `aws-sdk-route53` (the newest on
# crates.io), side by side in one run, same profile, same target directory.
#
# A scratch crate under target/cold-compile/ depends on both (nothing is written outside
# target/). Every dependency is built first; then each crate is cleaned alone
# (`cargo clean -p`) and rebuilt, so only the crate's own units are timed: for `dondominio`
# that is its build script (compile and run) and the library, for `aws-sdk-route53` the
# library. The ratio is dondominio / aws-sdk-route53 (goal: <= 1/3).
#
# Usage: bench/cold-compile.sh [profile] [runs]   (default: dev, 1; the median is shown)
# Needs crates.io the first time (aws-sdk-route53 and its dependencies are downloaded).
# CPU time (user+sys of cargo and rustc) is the steadier number on a shared machine; the
# load average is printed next to the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
profile="${1:-dev}"
runs="${2:-1}"
scratch="$root/target/cold-compile"
mkdir -p "$scratch/src"
cat >"$scratch/Cargo.toml" <<EOF
[package]
name = "cold-compile"
version = "0.0.0"
edition = "2021"
publish = false

# Its own workspace: the scratch crate is not a member of the dondominio workspace.
[workspace]

[dependencies]
aws-sdk-route53 = "*"
dondominio = { path = "$root" }
EOF
echo '//! Scratch crate of bench/cold-compile.sh.' >"$scratch/src/lib.rs"
cd "$scratch"
export CARGO_TERM_COLOR=never

cargo update -q
aws_version=$(cargo pkgid aws-sdk-route53 | sed 's/.*[@#]//')
echo "aws-sdk-route53 $aws_version, profile $profile, rustc $(rustc --version | cut -d' ' -f2)"
echo "building the dependencies of both..."
cargo build -q --profile "$profile"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Prints "wall cpu" (median over the runs) of rebuilding one crate alone.
crate_time() {
  local crate=$1 walls=() cpus=()
  for _ in $(seq "$runs"); do
    cargo clean -q -p "$crate" --profile "$profile"
    /usr/bin/time -o time.txt -f '%e %U %S' cargo build -q -p "$crate" --profile "$profile"
    local r
    r=$(tail -1 time.txt)
    walls+=("$(echo "$r" | awk '{print $1}')")
    cpus+=("$(echo "$r" | awk '{print $2 + $3}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

load0=$(cut -d' ' -f1 /proc/loadavg)
read -r aws_wall aws_cpu < <(crate_time aws-sdk-route53)
read -r dd_wall dd_cpu < <(crate_time dondominio)
load1=$(cut -d' ' -f1 /proc/loadavg)

printf '%-18s %8s %8s\n' crate "wall s" "cpu s"
printf '%-18s %8.2f %8.2f\n' aws-sdk-route53 "$aws_wall" "$aws_cpu"
printf '%-18s %8.2f %8.2f\n' dondominio "$dd_wall" "$dd_cpu"
printf 'ratio dondominio / aws-sdk-route53: wall %.2f, cpu %.2f (goal <= 0.33)\n' \
  "$(echo "$dd_wall / $aws_wall" | bc -l)" "$(echo "$dd_cpu / $aws_cpu" | bc -l)"
echo "load average (1 min) before/after: $load0 / $load1 on $(nproc) cores"
