#!/usr/bin/env bash
# Proves the xyield tool as a user gets it: packs XYield.ML.Cli (a pointer package and one package per platform) with a
# unique pre-release version, checks that every package is under nuget.org's size limit and has its readme, installs
# it with `dotnet tool install` from a local folder feed into a temporary tool path, and runs it from an empty folder:
# doctor, data (the embedded data set, no --data) and a one-seed benchmark of three cheap methods.
set -euo pipefail
cd "$(dirname "$0")/.."
version="0.1.0-check.$(date +%Y%m%d%H%M%S)"
limit=$((250 * 1000 * 1000))   # nuget.org's limit per package
work=$(mktemp -d /tmp/xyield-tool-check.XXXXXX)
trap 'rm -rf "$work"' EXIT

fail() { echo "tool check: $*" >&2; exit 1; }

dotnet pack src/XYield.ML.Cli -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet -clp:ErrorsOnly
pointer="$work/feed/XYield.ML.Cli.$version.nupkg"
[[ -f $pointer ]] || fail "dotnet pack did not write $(basename "$pointer")"
# The pointer package's settings name one package per platform: each must have been packed, small enough and documented.
mapfile -t ids < <(unzip -p "$pointer" tools/any/any/DotnetToolSettings.xml | sed -nE 's/.*RuntimeIdentifierPackage .*Id="([^"]+)".*/\1/p')
[[ ${#ids[@]} -gt 0 ]] || fail "XYield.ML.Cli names no per-platform package"
packages=("$pointer")
for id in "${ids[@]}"; do packages+=("$work/feed/$id.$version.nupkg"); done
for package in "${packages[@]}"; do
  [[ -f $package ]] || fail "dotnet pack did not write $(basename "$package")"
  size=$(stat -c %s "$package")
  awk -v name="$(basename "$package")" -v size="$size" 'BEGIN { printf "%s: %.2f MB (%d bytes)\n", name, size / 1e6, size }'
  [[ $size -lt $limit ]] || fail "$(basename "$package") is over nuget.org's 250 MB limit"
  unzip -Z1 "$package" PACKAGE.md >/dev/null 2>&1 || fail "$(basename "$package") has no PACKAGE.md readme"
done

# A feed of the packed folder only: the install proves the pointer package resolves to the RID package by itself.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG
dotnet tool install XYield.ML.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config"

# From an empty folder, with no XYIELD_DATA and a private pre-training cache: nothing of the repository can help.
mkdir "$work/empty"
cd "$work/empty"
unset XYIELD_DATA
export XYIELD_CACHE="$work/cache"
xyield="$work/tools/xyield"

# run: runs xyield, prints its output and fails unless it exits with 0; prints/lacks: what that output must (not) hold.
run() {
  echo "== xyield $* =="
  command=$1 status=0
  output=$("$xyield" "$@" 2>&1) || status=$?
  echo "$output"
  [[ $status -eq 0 ]] || fail "xyield $command exited with $status"
}
prints() { grep -qF -- "$1" <<<"$output" || fail "xyield $command did not print '$1'"; }
lacks() { ! grep -qE -- "$1" <<<"$output" || fail "xyield $command printed '$1'"; }

run doctor
prints "OK   Native backend: libtorch 2."
prints "238 points from the copy embedded in XYield.ML"
lacks '^FAIL'

# A data file that is not there is the user's to fix, not the machine's: a warning, the embedded copy still there.
XYIELD_DATA="$work/nowhere.csv" run doctor
prints "WARN Experimental data: The experimental data file was not found at '$work/nowhere.csv' (XYIELD_DATA)"
prints "OK   Embedded data: 238 points"

run data
prints "│ all            │ 238    │"
prints "238 points from 332 source rows"

run benchmark --quick --methods mc,lgbm,np --seeds 1 --splits 10 --tasks regression --device cpu --output out
prints "[3/3] np regression 10 % seed 0: MSE"
prints "report written to"
for file in report.md results.json parity.png; do
  [[ -s "out/$file" ]] || fail "the benchmark wrote no out/$file"
done
echo "xyield tool OK: $version installed from a local feed ran doctor, data and a benchmark from an empty folder"
