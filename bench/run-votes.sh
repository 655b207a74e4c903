#!/usr/bin/env bash
# Measures vote ingestion (issue 5): acknowledged votes per second through the real HTTP
# endpoint, POST /votes, with session cookies, antiforgery tokens and the rate limiter all on
# (limits set high, so nothing is refused), on SQLite (the embedded default) and, with
# --postgres, on a throwaway PostgreSQL 15 with default durability (fsync on).
#  - READERS readers are signed in through the app's own code (Shipwise.Bench votes-setup);
#  - wrk (2 threads, 64 connections, 15 s after a 10 s warm-up) sends POST /votes, rotating
#    readers, with a random tool of the demo catalog and a random choice (bench/votes/votes.lua);
#  - a vote counts as acknowledged when the answer is 303, which the server sends only after
#    the vote's transaction committed. Afterwards the votes table is checked against the count.
# wrk shares the machine's cores with the server. Results: docs/benchmarks.md, "Votes (issue 5)".
#   bash bench/run-votes.sh [READERS] [--postgres]        default: 2000 readers, SQLite only
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'echo "run-votes.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
readers=2000 postgres=0
for arg in "$@"; do
  case "$arg" in
    --postgres) postgres=1 ;;
    *) readers=$arg ;;
  esac
done
source scripts/lib/postgres.sh
ensure_apt_packages wrk curl time
out=artifacts/bench && mkdir -p "$out"
results="$out/votes" && rm -rf "$results" && mkdir -p "$results"
work=$(mktemp -d "$PWD/$out/votes-run.XXXXXX") # not in /tmp, which other jobs may sweep
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap 'cleanup; stop_postgres' EXIT

dotnet build Shipwise.slnx -c Release -nologo -v quiet >/dev/null
# A private copy of the build: other work on this machine may rebuild bin/Release while we measure.
cp -r src/Shipwise/bin/Release/net10.0 "$work/app"
cp -r bench/Shipwise.Bench/bin/Release/net10.0 "$work/bench"
shipwise=(dotnet "$work/app/shipwise.dll")
bench=(dotnet "$work/bench/Shipwise.Bench.dll")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
hz=$(getconf CLK_TCK)
proc_jiffies() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; } # utime + stime, all threads
busy_jiffies() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # user nice system irq softirq steal
pct() { awk -v j="$1" -v hz="$hz" -v s="$2" 'BEGIN { printf "%.0f %%", 100 * j / hz / s }'; }

echo "== machine"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/{ print $2 }') GiB," \
  "Debian $(cat /etc/debian_version), .NET $(dotnet --list-runtimes | awk '/NETCore.App/{ v = $2 } END { print v }'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

rows=()
run() { # provider, connection string, label
  local provider=$1 connection=$2 label=$3 port base
  echo "== $label: $readers readers"
  "${bench[@]}" votes-setup "$provider" "$connection" "$readers" "$work/app/data/catalog" "$work/$provider"
  port=$(free_port)
  base="http://127.0.0.1:$port"
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Database__Provider="$provider" Database__ConnectionString="$connection" \
    "${shipwise[@]}" serve --urls "$base" --Startup:Migrate=true --Panel:ReviewInBackground=false --Logging:LogLevel:Default=Warning \
    --RateLimits:VotesPerAccount:PermitLimit=1000000000 --RateLimits:VotesPerIp:PermitLimit=1000000000 >"$results/server-$provider.log" 2>&1 &
  server_pid=$!
  local t=$SECONDS
  until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$results/server-$provider.log"; echo "shipwise serve exited" >&2; exit 1; }
    ((SECONDS - t < 120)) || { echo "shipwise serve not healthy after 120 s" >&2; exit 1; }
    sleep 0.2
  done

  # One vote by hand first: the whole path works (303 back to the tool page).
  local first cookie token
  first=$(head -n1 "$work/$provider/readers.tsv")
  cookie=${first%%$'\t'*} token=${first#*$'\t'}
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" --data-urlencode "__RequestVerificationToken=$token" \
    --data "tool=vllm&choice=ship" "$base/votes")
  [ "$code" = 303 ] || { echo "POST /votes answered $code" >&2; cat "$results/server-$provider.log"; exit 1; }

  # The warm-up lets tiered compilation settle and fills most (reader, tool) rows, so the run measures steady state.
  wrk -t2 -c64 -d10s -s bench/votes/votes.lua "$base" -- "$work/$provider/readers.tsv" "$work/$provider/tools.txt" >"$results/wrk-$provider-warmup.txt"
  local s0 s1 b0 b1 raw="$results/wrk-$provider.txt"
  s0=$(proc_jiffies "$server_pid") b0=$(busy_jiffies)
  /usr/bin/time -f '%U %S' -o "$work/wrk-time" \
    wrk -t2 -c64 -d15s --latency -s bench/votes/votes.lua "$base" -- "$work/$provider/readers.tsv" "$work/$provider/tools.txt" >"$raw"
  s1=$(proc_jiffies "$server_pid") b1=$(busy_jiffies)
  grep -v '^RESULT' "$raw"
  local requests acknowledged refused rate_limited duration_us p50_us p90_us p99_us max_us errors
  eval "$(sed -n 's/^RESULT //p' "$raw")"
  ((refused == 0 && rate_limited == 0)) || { echo "$label: $refused refused and $rate_limited rate-limited answers" >&2; tail -n 50 "$results/server-$provider.log"; exit 1; }
  local secs rps rss
  secs=$(awk -v d="$duration_us" 'BEGIN { print d / 1e6 }')
  rps=$(awk -v r="$acknowledged" -v s="$secs" 'BEGIN { printf "%.0f", r / s }')
  rss=$(awk '$1 == "VmHWM:" { printf "%d", $2 / 1024 }' "/proc/$server_pid/status")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

  # Every acknowledged vote is a row (at most one per reader and tool; re-votes update it).
  local stored
  if [ "$provider" = sqlite ]; then
    stored=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM votes").fetchone()[0])' "${connection#Data Source=}")
  else
    stored=$("${SHIPWISE_PG_PSQL[@]}" -d shipwise_bench -tAc "SELECT count(*) FROM votes")
  fi
  echo "acknowledged in the measured 15 s: $acknowledged ($rps/s); rows in votes afterwards: $stored (at most $readers readers × $(wc -l <"$work/$provider/tools.txt") tools)"
  local per_vote wrk_j
  per_vote=$(awk -v j=$((s1 - s0)) -v hz="$hz" -v n="$acknowledged" 'BEGIN { printf "%.0f µs", 1e6 * j / hz / n }')
  wrk_j=$(awk -v hz="$hz" '{ printf "%d", ($1 + $2) * hz }' "$work/wrk-time")
  rows+=("| $label | $rps | $(ms "$p50_us") | $(ms "$p90_us") | $(ms "$p99_us") | $(ms "$max_us") | $(pct $((s1 - s0)) "$secs") | $per_vote | $(pct "$wrk_j" "$secs") | $(pct $((b1 - b0 - (s1 - s0) - wrk_j)) "$secs") | $rss MiB |")
}

run sqlite "Data Source=$work/votes.db" "SQLite (WAL, synchronous=NORMAL)"
if [ "$postgres" = 1 ]; then
  start_postgres
  trap 'cleanup; stop_postgres' EXIT # start_postgres replaced the trap with its own
  "${SHIPWISE_PG_PSQL[@]}" -c "CREATE DATABASE shipwise_bench"
  run postgres "$SHIPWISE_PG;Database=shipwise_bench;Pooling=true;Maximum Pool Size=100" "PostgreSQL 15 (fsync on)"
fi

echo
echo "== results ($readers readers, wrk -t2 -c64 -d15s; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| run | acknowledged votes/s | p50 | p90 | p99 | max | server CPU | server CPU per vote | wrk CPU | other processes' CPU | server peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
