#!/usr/bin/env bash
# One entry point for set-up, the main job, the tests and packaging.
#
#   ./build.sh run [xyield args]   set up, build, run the main job (default: xyield benchmark --quick,
#                                  report in artifacts/benchmark-quick/report.md)
#   ./build.sh test                set up, build, run every test project, the package and tool checks and
#                                  the API reference build; ends with "N passed, N failed, N skipped"
#   ./build.sh pack                build the NuGet packages into artifacts/packages (the libraries, and the tool:
#                                  XYield.ML.Cli plus one XYield.ML.Cli.<rid> package per platform)
#   ./build.sh docs                the API reference from the XML docs (docfx), in artifacts/api-reference;
#                                  fails on any docfx warning
#   ./build.sh setup               only install the native prerequisites
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
configuration=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

setup() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dot.net/download" >&2; exit 1; }
  # Builds hard-link libtorch from the NuGet cache (Directory.Build.props); what is left (packages, tool installs, test
  # files) takes about 2 GB, so warn below 3 GB up front rather than fail later with "No space left on device".
  # POSIX df -P (GNU, BSD/macOS, BusyBox); a df that fails only skips the warning.
  local free_mb
  free_mb=$(df -Pk . 2>/dev/null | awk 'NR == 2 { print int($4 / 1024) }' || true)
  if [[ -n $free_mb && $free_mb -lt 3000 ]]; then
    echo "build.sh: warning: only $free_mb MB free here; the build and tests need about 3000 MB" >&2
  fi
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

# docfx (.config/dotnet-tools.json, eng/docfx/docfx.json) compiles the two library projects from source and writes a
# static site. Its design-time build would count SourceLink's "repository has no remote" (a clone without one) as a
# failure, so source control queries are off and the commit is passed in: the generated AssemblyInfo stays as the
# real build wrote it, and the next build recompiles nothing. In an `if` errexit is off: hence the && chain.
api_docs() {
  local commit
  commit=$(git rev-parse HEAD 2>/dev/null || true)
  rm -rf artifacts/docfx artifacts/api-reference &&
    dotnet tool restore >/dev/null &&
    dotnet docfx metadata eng/docfx/docfx.json --warningsAsErrors \
      --property "EnableSourceControlManagerQueries=false;EnableSourceLink=false;SourceRevisionId=$commit" &&
    dotnet docfx build eng/docfx/docfx.json --warningsAsErrors &&
    echo "API reference: artifacts/api-reference/index.html"
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

  local tests=$((passed + failed))

  echo "== package check: pack XYield.ML and XYield.ML.Benchmark and use them from a throwaway consumer =="
  if eng/check-package.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

  echo "== tool check: pack the xyield tool, install it from a local feed and run it from an empty folder =="
  if eng/check-tool.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

  echo "== API reference: docfx over the XML docs, warnings are failures =="
  if api_docs; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

  if [[ $tests -eq 0 ]]; then
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
  docs) api_docs ;;
  setup) setup ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
