#!/usr/bin/env bash
# Builds the solution and runs every test project; the last line sums the results over all projects.
set -uo pipefail
cd "$(dirname "$0")"
dotnet build WealthActors.sln -c Release 2>&1 | tail -3
dotnet test WealthActors.sln -c Release --no-build 2>&1 | tee /tmp/wealthactors-test.log
