#!/usr/bin/env bash
# Measures `shipwise import --from litellm` of LiteLLM's whole model table (../shared/data/litellm,
# 2,966 entries, 1.6 MB) into the demo catalog on SQLite and PostgreSQL: wall time and peak
# resident memory of the real command, dry run, first import and a second (unchanged) import.
#   bash bench/run-litellm.sh [TABLE]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
ensure_apt_packages time
table=${1:-$PWD/../shared/data/litellm/model_prices_and_context_window.json}
[ -f "$table" ] || { echo "LiteLLM table not found: $table" >&2; exit 1; }
out=artifacts/bench && mkdir -p "$out"
dotnet build Shipwise.slnx -c Release -nologo -v quiet >/dev/null
shipwise=(dotnet "$PWD/src/Shipwise/bin/Release/net10.0/shipwise.dll")
source_url=https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json

measure() { # label, then the command; prints "| label | seconds | MiB | summary |"
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 || { cat "$out/last.log"; exit 1; }
  read -r secs kib <"$out/time.txt"
  printf '| %s | %s s | %d MiB | %s |\n' "$label" "$secs" $((kib / 1024)) "$(grep -o 'Summary: [^.]*' "$out/last.log")"
}

run() { # label prefix
  "${shipwise[@]}" migrate >/dev/null # only `migrate` creates the schema (docs/operations.md)
  "${shipwise[@]}" import data/catalog >/dev/null
  measure "$1, dry run" "${shipwise[@]}" import --from litellm "$table" --dry-run
  measure "$1, import" "${shipwise[@]}" import --from litellm "$table" --source-url "$source_url" --as-of 2026-07-20
  measure "$1, same table again" "${shipwise[@]}" import --from litellm "$table" --source-url "$source_url" --as-of 2026-07-20
}

echo "| run | wall time | peak RSS | result |"
echo "|---|---|---|---|"
db_dir=$(mktemp -d)
export Database__Provider=sqlite Database__ConnectionString="Data Source=$db_dir/bench.db"
run "SQLite"
rm -rf "$db_dir"

start_postgres >/dev/null
"${SHIPWISE_PG_PSQL[@]}" -c "DROP DATABASE IF EXISTS bench_litellm" >/dev/null
"${SHIPWISE_PG_PSQL[@]}" -c "CREATE DATABASE bench_litellm" >/dev/null
export Database__Provider=postgres Database__ConnectionString="${SHIPWISE_PG/Database=postgres/Database=bench_litellm}"
"${shipwise[@]}" migrate >/dev/null
run "PostgreSQL 15"
