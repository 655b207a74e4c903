#!/usr/bin/env bash
# Lighthouse 12 (tests/tools) on each main page type of the demo site, phone and desktop, all
# four categories: performance, accessibility, best practices and SEO. The test suite holds the
# last three at 100 (tests/Shipwise.Tests/Browser/LighthouseTests.cs); performance is timing, so
# it is measured here. Prints a table for docs/benchmarks.md.
#   bash bench/run-lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/lib/postgres.sh # ensure_apt_packages
source scripts/lib/browser.sh
ensure_test_tools >/dev/null
dotnet build src/Shipwise -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp -r src/Shipwise/bin/Release/net10.0 "$work/app"
shipwise=(dotnet "$work/app/shipwise.dll")
export Database__Provider=sqlite Database__ConnectionString="Data Source=$work/site.db"
"${shipwise[@]}" migrate >/dev/null
"${shipwise[@]}" import data/catalog >/dev/null
"${shipwise[@]}" review --all >/dev/null 2>&1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
ASPNETCORE_ENVIRONMENT=Production "${shipwise[@]}" serve --urls "$base" --Panel:ReviewInBackground=false \
  --Logging:LogLevel:Default=Warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "$base/healthz/ready" >/dev/null && break; sleep 1; done
curl -sf "$base/healthz/ready" >/dev/null || { cat "$work/server.log"; echo "shipwise serve did not become ready" >&2; exit 1; }

# The main page types, as the browser tests name them (tests/Shipwise.Tests/Browser/BrowserApp.cs).
pages='{"home":"/","tool":"/tools/smolvlm2","compare":"/compare/mistral-small-3-1-vs-smolvlm2","critic":"/critics/builder?category=language-models","category":"/categories/language-models","search":"/search?q=mistal+small"}'
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
(cd tests/tools && node lighthouse-audit.mjs "$base" "$pages") >"$work/lighthouse.jsonl"
python3 - "$work/lighthouse.jsonl" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print("| page | form factor | performance | accessibility | best practices | SEO | points lost |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    if "error" in r:
        print(f"| {r['name']} | {r['formFactor']} | error: {r['error']} | | | | |")
        continue
    s = r["scores"]
    lost = ", ".join(f"{l['id']} {l['value']}".strip() for l in r["lost"]) or "none"
    pct = lambda k: "–" if s.get(k) is None else str(round(s[k] * 100))
    print(f"| {r['name']} | {r['formFactor']} | {pct('performance')} | {pct('accessibility')} | {pct('best-practices')} | {pct('seo')} | {lost} |")
EOF
