#!/usr/bin/env bash
# Builds the solution and runs every test project. Starts a private, throwaway PostgreSQL for the integration
# tests (RELEVANCERELATED_TEST_PG) and removes it on exit, failure or Ctrl-C. Exits non-zero if any test fails.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Configuration".
set -uo pipefail
cd "$(dirname "$0")"
source scripts/throwaway-postgres.sh

trap stop_throwaway_postgres EXIT
trap 'exit 130' INT TERM

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! start_throwaway_postgres; then
  if [ "${CI:-}" = "true" ]; then
    echo "FAILED: PostgreSQL could not be started, and CI=true forbids running without it." >&2
    exit 1
  fi
  echo "WARNING: PostgreSQL could not be started; the PostgreSQL integration tests will fail." >&2
fi

# The report's browser tests open the exported report in headless Chromium (Debian's package, as for PostgreSQL).
if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium for the browser tests"
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); else apt_get=(sudo apt-get); fi
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y chromium >/dev/null \
    || { DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update >/dev/null && DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y chromium >/dev/null; } \
    || echo "WARNING: chromium could not be installed; the browser tests will fail." >&2
fi

echo "== build"
dotnet build RelevanceRelated.sln -c Release -nologo -clp:ErrorsOnly || { echo "FAILED: build" >&2; exit 1; }

status=0
log=$(mktemp)
for project in tests/*/*.Tests.csproj; do
  echo "== test $project"
  dotnet test "$project" -c Release --no-build -nologo "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# One closing line for all projects, in the plain form CI reads: "N passed, N failed, N skipped".
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
       }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
