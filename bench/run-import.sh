#!/usr/bin/env bash
# Measures `shipwise import` of a synthetic 100,000-tool catalog on SQLite and PostgreSQL:
# wall time and peak resident memory of the real command. Results: docs/benchmarks.md.
#   bash bench/run-import.sh [TOOLS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

measure() { # label, then the command; prints "label | seconds | MiB"
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 || { cat "$out/last.log"; exit 1; }
  read -r secs kib <"$out/time.txt"
  printf '| %s | %s s | %d MiB | %s |\n' "$label" "$secs" $((kib / 1024)) "$(grep -o 'Imported.*' "$out/last.log")"
}

echo "| run | wall time | peak RSS | result |"
echo "|---|---|---|---|"
db_dir=$(mktemp -d)
export Database__Provider=sqlite Database__ConnectionString="Data Source=$db_dir/bench.db"
"${shipwise[@]}" migrate >/dev/null # only `migrate` creates the schema (docs/operations.md)
measure "SQLite, empty database" "${shipwise[@]}" import "$catalog"
measure "SQLite, same file again (all unchanged)" "${shipwise[@]}" import "$catalog"
rm -rf "$db_dir"

start_postgres >/dev/null
"${SHIPWISE_PG_PSQL[@]}" -c "CREATE DATABASE bench" >/dev/null
export Database__Provider=postgres Database__ConnectionString="${SHIPWISE_PG/Database=postgres/Database=bench}"
"${shipwise[@]}" migrate >/dev/null
measure "PostgreSQL 15, empty database" "${shipwise[@]}" import "$catalog"
measure "PostgreSQL 15, same file again (all unchanged)" "${shipwise[@]}" import "$catalog"
