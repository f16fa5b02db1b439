#!/usr/bin/env bash
# Builds the solution, runs every test project, and ends with one line summed over all of them:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"

bash scripts/install-test-deps.sh postgresql chromium fonts-noto-cjk || echo "warning: could not install every system package the tests use"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Gates: whitespace as .editorconfig says (here), code style and the .NET analyzers' recommended rules (in the build,
# as errors: Directory.Build.props).
if ! dotnet format whitespace --folder --verify-no-changes >"$log" 2>&1; then
  grep -E 'WHITESPACE' "$log" | head -20
  echo "formatting differs from .editorconfig: run 'dotnet format whitespace --folder'"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

if ! dotnet build WealthActors.sln -c Release 2>&1 | tee "$log" | grep -E 'error|Warn|Elapsed' | sort -u | tail -20; then :; fi
if ! grep -q 'Build succeeded' "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# One test project at a time (-m:1): the bench smoke tests start real silos and would otherwise steal the CPU from
# the timing-sensitive grain and process tests running beside them on a two-core machine. A test that hangs is named
# and its project ended after 10 minutes (no test takes more than a few), instead of holding the run until CI's limit.
dotnet test WealthActors.sln -c Release --no-build -m:1 --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
sum() { grep -E '^(Passed|Failed)! +- ' "$log" | grep -oE "$1: +[0-9]+" | awk '{s += $2} END {print s + 0}'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
projects=$(grep -cE '^(Passed|Failed)! +- ' "$log")
# Test projects only: tests/TestSupport is the library they share.
expected=$(grep -l "<IsTestProject>true</IsTestProject>" tests/*/*.csproj | wc -l)
if [ "$projects" -lt "$expected" ]; then
  echo "only $projects of $expected test projects reported results"
  failed=$((failed + expected - projects))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
