#!/usr/bin/env bash
# One entry point for set-up, the main job, the tests and packaging.
#
#   ./build.sh run [xyield args]   set up, build, run the main job (default: xyield benchmark --quick,
#                                  report in artifacts/benchmark-quick/report.md)
#   ./build.sh test                set up, build, run every test project and the package check;
#                                  ends with "N passed, N failed, N skipped"
#   ./build.sh pack                build the NuGet packages into artifacts/packages (the libraries, and the tool:
#                                  XYield.ML.Cli plus one XYield.ML.Cli.<rid> package per platform)
#   ./build.sh setup               only install the native prerequisites
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
configuration=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

setup() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dot.net/download" >&2; exit 1; }
  eng/install-native-prerequisites.sh
}

run() {
  setup
  dotnet build src/XYield.ML.Cli -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
  if [[ $# -eq 0 ]]; then set -- benchmark --quick --output artifacts/benchmark-quick; fi
  dotnet "src/XYield.ML.Cli/bin/$configuration/net10.0/xyield.dll" "$@"
}

pack() {
  rm -rf artifacts/packages
  for project in XYield.ML XYield.ML.Benchmark XYield.ML.Cli; do
    dotnet pack "src/$project" -c "$configuration" -o artifacts/packages -nologo -v quiet -clp:ErrorsOnly
  done
  ls -l artifacts/packages
}

test_all() {
  setup
  local log=artifacts/test.log
  mkdir -p artifacts
  dotnet build XYield.ML.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
  set +e
  dotnet test XYield.ML.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
  local test_status=${PIPESTATUS[0]}
  set -e

  # dotnet test prints one summary per test assembly; add them up.
  local passed failed skipped
  read -r passed failed skipped < <(sed -nE 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/p' "$log" |
    awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')

  echo "== package check: pack XYield.ML and XYield.ML.Benchmark and use them from a throwaway consumer =="
  if eng/check-package.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

  echo "== tool check: pack the xyield tool, install it from a local feed and run it from an empty folder =="
  if eng/check-tool.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

  if [[ $((passed + failed)) -le 1 ]]; then
    echo "No test ran." >&2
    echo "$passed passed, $failed failed, $skipped skipped"
    exit 1
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  [[ $test_status -eq 0 && $failed -eq 0 ]]
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) test_all ;;
  pack) pack ;;
  setup) setup ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
