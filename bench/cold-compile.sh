#!/usr/bin/env bash
# Cold compile of the `dondominio` crate itself against `aws-sdk-route53` (the newest on
# crates.io), side by side in one run, same profile, same target directory.
#
# A scratch crate under target/cold-compile/ depends on both (nothing is written outside
# target/). Every dependency is built first; then each crate is cleaned alone
# (`cargo clean -p`) and rebuilt, and only the crate's own units are timed: for `dondominio`
# its build script (compile and run) and the library, for `aws-sdk-route53` the library.
# Both are built as a crates.io dependency would be (no incremental compilation). The ratio
# is dondominio / aws-sdk-route53 (goal: <= 1/3).
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
# The scratch crate is also a user of dondominio: five calls, so that the cost a program pays
# for the actions it calls (their request and decoding code is compiled where it is used) is
# timed too. It uses nothing of aws-sdk-route53, whose code it does not compile.
cat >"$scratch/src/lib.rs" <<'EOF2'
//! Scratch crate of bench/cold-compile.sh: a program's use of five actions.

/// Five calls a typical program makes.
pub async fn five_calls(client: &dondominio::Client) -> Result<usize, dondominio::Error> {
    let hello = client.tool().hello().await?;
    let info = client.account().info().await?;
    let check = client.domain().check("example.com").await?;
    let list = client.domain().list().page_length(100).await?;
    let dns = client.service().dns().list("example.com").await?;
    Ok(hello.ip.len() + info.extra.len() + check.domains.len() + list.domains.len() + dns.items.len())
}
EOF2
cd "$scratch"
export CARGO_TERM_COLOR=never
# As a dependency from crates.io both are built without incremental compilation; the path
# dependency on dondominio would otherwise get it (and its bookkeeping) as a local package.
export CARGO_INCREMENTAL=0
# Every rustc run is timed by a wrapper that logs "crate-name source-file wall user sys": only
# the crate's own units are summed. (`cargo clean -p` also drops some dependencies' files,
# such as the build-time copy of serde, so timing the whole `cargo build` would count them.)
log="$scratch/rustc-times.txt"
cat >"$scratch/rustc-time.sh" <<'EOF2'
#!/bin/sh
name=-; src=-; prev=
for a in "$@"; do
  [ "$prev" = --crate-name ] && name=$a
  case $a in *.rs) src=$a ;; esac
  prev=$a
done
exec /usr/bin/time -a -o "$COLD_COMPILE_LOG" -f "$name $src %e %U %S" "$@"
EOF2
chmod +x "$scratch/rustc-time.sh"
export RUSTC_WRAPPER="$scratch/rustc-time.sh" COLD_COMPILE_LOG="$log"

cargo update -q
aws_version=$(cargo pkgid aws-sdk-route53 | sed 's/.*[@#]//')
echo "aws-sdk-route53 $aws_version, profile $profile, rustc $(rustc --version | cut -d' ' -f2)"
echo "building the dependencies of both..."
cargo build -q --profile "$profile"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Prints "wall cpu" (median over the runs) of rebuilding one crate's own units: the rustc runs
# whose crate name is $2 or whose source is under $3, plus (for dondominio) running its build
# script once more with every module's feature on, as cargo does.
crate_time() {
  local crate=$1 lib=$2 dir=$3 walls=() cpus=()
  for _ in $(seq "$runs"); do
    cargo clean -q -p "$crate" --profile "$profile"
    : >"$log"
    cargo build -q -p "$crate" --profile "$profile"
    local r
    r=$(awk -v lib="$lib" -v dir="$dir" '
      $1 == lib || (dir != "" && index($2, dir) == 1 && $2 !~ /\/(codegen|sandbox|cli)\//) {
        w += $3; c += $4 + $5
      }
      END { printf "%.2f %.2f\n", w, c }' "$log")
    if [ "$crate" = dondominio ]; then
      local script out t
      script=$(ls -t target/*/build/dondominio-*/build-script-build | head -1)
      out=$(mktemp -d)
      /usr/bin/time -o "$out/time" -f '%e %U %S' env CARGO_MANIFEST_DIR="$root" OUT_DIR="$out" \
        CARGO_FEATURE_TOOL=1 CARGO_FEATURE_ACCOUNT=1 CARGO_FEATURE_DOMAIN=1 \
        CARGO_FEATURE_CONTACT=1 CARGO_FEATURE_SERVICE=1 CARGO_FEATURE_SSL=1 \
        CARGO_FEATURE_USER=1 "$script" >/dev/null
      t=$(tail -1 "$out/time")
      rm -rf "$out"
      r=$(echo "$r $t" | awk '{printf "%.2f %.2f\n", $1 + $3, $2 + $4 + $5}')
    fi
    walls+=("$(echo "$r" | awk '{print $1}')")
    cpus+=("$(echo "$r" | awk '{print $2}')")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

load0=$(cut -d' ' -f1 /proc/loadavg)
read -r aws_wall aws_cpu < <(crate_time aws-sdk-route53 aws_sdk_route53 "")
read -r dd_wall dd_cpu < <(crate_time dondominio dondominio "$root/")
# The user crate: rebuilt alone after a touch (its dependencies stay built).
user_cpus=()
for _ in $(seq "$runs"); do
  touch src/lib.rs
  : >"$log"
  cargo build -q --profile "$profile"
  user_cpus+=("$(awk '$1 == "cold_compile" { c += $4 + $5 } END { printf "%.2f\n", c }' "$log")")
done
user_cpu=$(printf '%s\n' "${user_cpus[@]}" | median)
load1=$(cut -d' ' -f1 /proc/loadavg)

printf '%-18s %8s %8s\n' crate "wall s" "cpu s"
printf '%-18s %8.2f %8.2f\n' aws-sdk-route53 "$aws_wall" "$aws_cpu"
printf '%-18s %8.2f %8.2f\n' dondominio "$dd_wall" "$dd_cpu"
printf 'ratio dondominio / aws-sdk-route53: wall %.2f, cpu %.2f (goal <= 0.33)\n' \
  "$(echo "$dd_wall / $aws_wall" | bc -l)" "$(echo "$dd_cpu / $aws_cpu" | bc -l)"
printf 'a program calling five actions (its own crate): cpu %.2f s\n' "$user_cpu"
echo "load average (1 min) before/after: $load0 / $load1 on $(nproc) cores"
