#!/usr/bin/env bash
# Runs every test: formatting, unit and integration tests on SQLite and on a real
# PostgreSQL server that this script installs (if missing) and starts on loopback, the
# browser, accessibility and HTML-validation tests with the tools it installs (if missing),
# and the reverse-proxy tests behind a real nginx (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# --- A throwaway PostgreSQL server on loopback (installed first on a fresh machine) -----
source scripts/lib/postgres.sh
log "PostgreSQL"
# Durability settings off: these databases are thrown away, and the tests do not measure speed.
SHIPWISE_PG_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" start_postgres
export SHIPWISE_TEST_POSTGRES="$SHIPWISE_PG;Pooling=true"

# --- Browser, HTML-checker and mail tools (Debian's Chromium and Java, npm ci in tests/tools) --
source scripts/lib/browser.sh
log "test tools"
ensure_test_tools

# --- nginx for the reverse-proxy tests (each test runs its own instance on loopback) ----------
source scripts/lib/nginx.sh
ensure_nginx

# --- Build, style, tests ----------------------------------------------------------------
log "restore and build"
dotnet build Shipwise.slnx -c Release -nologo -v quiet

log "dotnet format --verify-no-changes"
dotnet format Shipwise.slnx --verify-no-changes --no-restore -v quiet

log "tests (SQLite and PostgreSQL)"
# Here every tool is installed, so a test that cannot find one fails instead of skipping
# (tests/Shipwise.Tests/Browser/ExternalTools.cs); plain `dotnet test` skips them with the reason.
export SHIPWISE_TEST_STRICT=true
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
dotnet test Shipwise.slnx -c Release --no-build -nologo \
  --logger "trx;LogFileName=tests.trx" --results-directory "$results" || status=$?

# One closing line any CI can read; anything skipped here fails the run (all tools are installed).
python3 - "$results" <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("{*}ResultSummary/{*}Counters")
    if c is not None:
        passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
        skipped += int(c.get("notExecuted", 0))
print(f"\nTests: {passed} passed, {failed} failed, {skipped} skipped")
if passed == 0:
    sys.exit("No test results were found.")
if skipped:
    sys.exit(f"{skipped} tests were skipped; scripts/test.sh runs everything, so a skip is a failure here.")
PY
exit $status
