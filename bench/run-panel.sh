#!/usr/bin/env bash
# Measures the evidence panel over a synthetic catalog: `shipwise review --all` (7 critics x
# every tool, reviews stored) on SQLite and PostgreSQL, wall time and peak memory.
#   bash bench/run-panel.sh [TOOLS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

measure() { # label, then the command
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 || { cat "$out/last.log"; exit 1; }
  read -r secs kib user sys <"$out/time.txt"
  printf '| %s | %s s | %d MiB | %s s | %s |\n' "$label" "$secs" $((kib / 1024)) "$(python3 -c "print(round($user+$sys,1))")" "$(grep -o '^[0-9,]* reviews written in [0-9.]* s' "$out/last.log")"
}

echo "Evidence reviewer alone, in memory:"
echo "| catalog | cores | reviews | wall time | rate | ships | peers | memory |"
echo "|---|---|---|---|---|---|---|---|"
dotnet bench/Shipwise.Bench/bin/Release/net10.0/Shipwise.Bench.dll panel-compute "$tools" data/critics
echo
echo "| run | wall time | peak RSS | CPU time | result |"
echo "|---|---|---|---|---|"
db_dir=$(mktemp -d)
export Database__Provider=sqlite Database__ConnectionString="Data Source=$db_dir/bench.db"
"${shipwise[@]}" migrate >/dev/null # only `migrate` creates the schema (docs/operations.md)
"${shipwise[@]}" import "$catalog" >"$out/last.log" 2>&1 || { cat "$out/last.log"; exit 1; }
measure "SQLite: review --all" "${shipwise[@]}" review --all
measure "SQLite: review --all again (nothing changed)" "${shipwise[@]}" review --all
rm -rf "$db_dir"

start_postgres >/dev/null
"${SHIPWISE_PG_PSQL[@]}" -c "CREATE DATABASE bench" >/dev/null
export Database__Provider=postgres Database__ConnectionString="${SHIPWISE_PG/Database=postgres/Database=bench}"
"${shipwise[@]}" migrate >/dev/null
"${shipwise[@]}" import "$catalog" >"$out/last.log" 2>&1 || { cat "$out/last.log"; exit 1; }
measure "PostgreSQL 15: review --all" "${shipwise[@]}" review --all
measure "PostgreSQL 15: review --all again (nothing changed)" "${shipwise[@]}" review --all
