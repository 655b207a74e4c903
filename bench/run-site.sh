#!/usr/bin/env bash
# Measures the public site (issue 4) on the synthetic 100,000-tool catalog, in one run:
#  - throughput and latency of a cached compare page from `shipwise serve`, against nginx serving
#    the same bytes as a static file (wrk: 2 threads, 32 connections, 15 s after a 5 s warm-up);
#  - cold renders (output-cache misses): COUNT different compare pages and COUNT different tool
#    pages, each requested once, one at a time (wrk -t1 -c1 walking a list of paths);
#  - the server's peak resident memory and the response sizes.
# Installs wrk and nginx from Debian if missing. Results: docs/benchmarks.md, "The site (issue 4)".
#   bash bench/run-site.sh [TOOLS] [COUNT]          defaults: 100000 tools, 2000 cold pages per kind
#   SITE_TRACE=1 bash bench/run-site.sh             also records dotnet-trace CPU profiles of a
#                                                   cached-page load and of cold compare renders
#   SITE_NICE=-20 bash bench/run-site.sh            runs the server, nginx and wrk at that nice level
#                                                   (root only), when other work shares the machine
#   SITE_DB=FILE bash bench/run-site.sh             builds the database in FILE and keeps it, or
#                                                   reuses FILE if it exists (skips import + review)
set -euo pipefail
cd "$(dirname "$0")/.."
trap 'echo "run-site.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
source bench/lib.sh
ensure_apt_packages wrk nginx curl
count=${2:-2000}
results="$out/site" && rm -rf "$results" && mkdir -p "$results"
work=$(mktemp -d "$PWD/$out/site-run.XXXXXX") # not in /tmp, which other jobs may sweep
server_pid="" nginx_pid=""
prio=() # the measured processes: server, nginx, wrk
[ -z "${SITE_NICE:-}" ] || prio=(nice -n "$SITE_NICE")

cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# Run a private copy of the build: other work on this machine may rebuild bin/Release while we
# measure, and a DLL overwritten under a running process can crash it.
cp -r src/Shipwise/bin/Release/net10.0 "$work/app"
shipwise=(dotnet "$work/app/shipwise.dll")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f ms", us / 1000 }'; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
hz=$(getconf CLK_TCK)
busy_jiffies() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; } # user nice system irq softirq steal
proc_jiffies() { # utime + stime of whole processes (all threads)
  local sum=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && sum=$((sum + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }'))); done
  echo "$sum"
}
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; } # pid, VmRSS|VmHWM
per_request() { awk -v j="$1" -v hz="$hz" -v n="$2" 'BEGIN { printf "%.0f µs", 1e6 * j / hz / n }'; } # jiffies, requests
pct() { awk -v j="$1" -v hz="$hz" -v s="$2" 'BEGIN { printf "%.0f %%", 100 * j / hz / s }'; }

echo "== machine"
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/{ print $2 }') GiB," \
  "Debian $(cat /etc/debian_version), .NET $(dotnet --list-runtimes | awk '/NETCore.App/{ v = $2 } END { print v }'), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)${SITE_NICE:+; server, nginx and wrk run at nice $SITE_NICE}"

db=${SITE_DB:-$work/site.db}
export Database__Provider=sqlite Database__ConnectionString="Data Source=$db"
if [ -e "$db" ]; then
  echo "== database: reusing $db (SITE_DB)"
else
  echo "== database: import and evidence panel ($tools tools) into $db"
  t=$SECONDS
  "${shipwise[@]}" migrate >/dev/null # only `migrate` creates the schema (docs/operations.md)
  "${shipwise[@]}" import "$catalog" >"$results/import.log" 2>&1 || { cat "$results/import.log"; exit 1; }
  echo "import: $((SECONDS - t)) s, $(grep -o 'Imported.*' "$results/import.log")"
  t=$SECONDS
  "${shipwise[@]}" review --all >"$results/review.log" 2>&1 || { cat "$results/review.log"; exit 1; }
  echo "review --all: $((SECONDS - t)) s, $(grep -o '^[0-9,]* reviews written in [0-9.]* s' "$results/review.log")"
fi
python3 bench/site/pick_paths.py "$db" "$work" "$count"

echo "== shipwise serve"
port=$(free_port)
base="http://127.0.0.1:$port"
t=$SECONDS
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production "${prio[@]}" "${shipwise[@]}" serve --urls "$base" \
  "--Database:ConnectionString=Data Source=$db" --Logging:LogLevel:Default=Warning >"$results/server.log" 2>&1 &
server_pid=$!
until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$results/server.log"; echo "shipwise serve exited" >&2; exit 1; }
  ((SECONDS - t < 180)) || { echo "shipwise serve not healthy after 180 s" >&2; exit 1; }
  sleep 0.2
done
echo "healthy after $((SECONDS - t)) s (pid $server_pid, $(($(status_kib "$server_pid" VmRSS) / 1024)) MiB resident)"

# The page under load: fetched once (a miss, rendered and stored), its exact bytes saved for nginx.
page=$(cat "$work/cached.txt")
mkdir -p "$work/nginx/www" "$work/nginx/tmp"
code=$(curl -sS -o "$work/nginx/www/compare.html" -w '%{http_code}' "$base$page")
[ "$code" = 200 ] || { echo "GET $page answered $code" >&2; exit 1; }
curl -sS -o "$work/again.html" -D "$results/shipwise-headers.txt" "$base$page" # a hit, as under load
cmp -s "$work/nginx/www/compare.html" "$work/again.html" || { echo "the cached page differs from the first answer" >&2; exit 1; }
body_bytes=$(stat -c %s "$work/nginx/www/compare.html")
echo "page under load: $page ($body_bytes bytes of HTML)"

start_nginx() { # worker_processes
  sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|$nginx_port|g" -e "s|@WORKERS@|$1|g" -e "s|@USER@|$(id -un)|g" \
    bench/site/nginx.conf >"$work/nginx/nginx.conf"
  "${prio[@]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  until curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/compare.html" 2>/dev/null; do
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/error.log"; echo "nginx exited" >&2; exit 1; }
    sleep 0.1
  done
}
stop_nginx() { kill -QUIT "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""; }
nginx_port=$(free_port)
start_nginx auto
curl -sS -o "$work/static.html" -D "$results/nginx-headers.txt" "http://127.0.0.1:$nginx_port/compare.html"
cmp -s "$work/nginx/www/compare.html" "$work/static.html" || { echo "nginx serves different bytes" >&2; exit 1; }

load_rows=()
load() { # name, label, url, pids of the server under test; sets last_rps
  local name=$1 label=$2 url=$3 raw="$results/wrk-$1.txt"
  shift 3
  local pids=("$@")
  kill -0 "$server_pid" || { cat "$results/server.log"; echo "shipwise serve is gone" >&2; exit 1; }
  "${prio[@]}" wrk -t2 -c32 -d5s "$url" >/dev/null
  local b0 s0 b1 s1
  b0=$(busy_jiffies) s0=$(proc_jiffies "${pids[@]}")
  /usr/bin/time -f '%U %S' -o "$work/wrk-time" "${prio[@]}" wrk -t2 -c32 -d15s --latency -s bench/site/summary.lua "$url" >"$raw"
  b1=$(busy_jiffies) s1=$(proc_jiffies "${pids[@]}")
  echo "-- $label: wrk -t2 -c32 -d15s --latency $url"
  grep -v '^RESULT' "$raw"
  local requests duration_us bytes p50_us p90_us p99_us max_us errors non2xx
  eval "$(sed -n 's/^RESULT //p' "$raw")"
  ((errors == 0 && non2xx == 0)) || { echo "$label: $errors socket errors, $non2xx non-2xx answers" >&2; exit 1; }
  local secs wrk_j rps others
  secs=$(awk -v d="$duration_us" 'BEGIN { print d / 1e6 }')
  wrk_j=$(awk -v hz="$hz" '{ printf "%d", ($1 + $2) * hz }' "$work/wrk-time")
  rps=$(awk -v r="$requests" -v s="$secs" 'BEGIN { printf "%.0f", r / s }')
  others=$(awk -v j=$((b1 - b0 - (s1 - s0) - wrk_j)) -v hz="$hz" -v s="$secs" 'BEGIN { printf "%d", 100 * j / hz / s }')
  ((others < 20)) || echo "WARNING: other processes used $others % of a core during this run; its figures are not clean"
  load_rows+=("| $label | $rps | $(ms "$p50_us") | $(ms "$p90_us") | $(ms "$p99_us") | $(ms "$max_us") | $(pct $((s1 - s0)) "$secs") | $(per_request $((s1 - s0)) "$requests") | $(pct "$wrk_j" "$secs") | $(pct $((b1 - b0 - (s1 - s0) - wrk_j)) "$secs") |")
  last_rps=$rps
}

echo "== load: one page, 2 wrk threads, 32 connections (wrk shares the 2 cores with the server)"
load nginx-auto "nginx static file, worker_processes auto (2)" "http://127.0.0.1:$nginx_port/compare.html" "$nginx_pid" $(pgrep -P "$nginx_pid")
rps_static=$last_rps
load shipwise-cached "Shipwise cached compare page" "$base$page" "$server_pid"
rps_cached=$last_rps
rss_after_load=$(status_kib "$server_pid" VmRSS)
stop_nginx
start_nginx 1
load nginx-1 "nginx static file, worker_processes 1" "http://127.0.0.1:$nginx_port/compare.html" "$nginx_pid" $(pgrep -P "$nginx_pid")
stop_nginx

if [ "${SITE_TRACE:-}" = 1 ]; then
  echo "== profile of the cached page under load (dotnet-trace, 15 s)"
  "${prio[@]}" wrk -t2 -c32 -d25s "$base$page" >"$results/wrk-traced.txt" &
  wrk_pid=$!
  sleep 3
  ~/.dotnet/tools/dotnet-trace collect --process-id "$server_pid" --duration 00:00:15 -o "$results/cached.nettrace" >/dev/null
  wait "$wrk_pid"
  ~/.dotnet/tools/dotnet-trace report "$results/cached.nettrace" topN -n 30 --inclusive | tee "$results/cached-top-inclusive.txt"
  ~/.dotnet/tools/dotnet-trace report "$results/cached.nettrace" topN -n 30 | tee "$results/cached-top-exclusive.txt"
fi

cold_rows=()
walk() { # label, paths file, result name
  rm -f "$work/walked"
  local s0 s1
  s0=$(proc_jiffies "$server_pid")
  "${prio[@]}" wrk -t1 -c1 -d600s --timeout 10s -s bench/site/walk.lua "$base/" -- "$2" "$work/walked" >"$results/wrk-$3.txt" &
  local wrk_pid=$!
  while [ ! -e "$work/walked" ] && kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.1; done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid"
  s1=$(proc_jiffies "$server_pid")
  local paths sent answered not_ok body_bytes requests duration_us p50_us p90_us p99_us max_us mean_us errors
  eval "$(sed -n 's/^RESULT //p' "$results/wrk-$3.txt")"
  ((answered == paths && not_ok == 0 && errors == 0)) || { cat "$results/wrk-$3.txt"; echo "$1: not every page answered 200" >&2; exit 1; }
  [ -z "$1" ] && return 0
  echo "-- $1: $paths pages"
  cat "$results/wrk-$3.txt"
  cold_rows+=("| $1 | $paths | $(ms "$p50_us") | $(ms "$p90_us") | $(ms "$p99_us") | $(ms "$max_us") | $(ms "$mean_us") | $(per_request $((s1 - s0)) "$paths") | $(kib $((body_bytes / paths))) |")
}

echo "== cold renders: each page requested once, one connection, one request at a time"
walk "" "$work/compare-warmup.txt" compare-warmup
walk "" "$work/tool-warmup.txt" tool-warmup
if [ "${SITE_TRACE:-}" = 1 ]; then
  # A fixed 20 s window that starts with the walk (a cold walk of 2,000 pages takes longer).
  ~/.dotnet/tools/dotnet-trace collect --process-id "$server_pid" --duration 00:00:20 -o "$results/cold.nettrace" >/dev/null &
  trace_pid=$!
  sleep 2
fi
walk "compare pages, /compare/{a}-vs-{b}" "$work/compare-cold.txt" compare-cold
if [ "${SITE_TRACE:-}" = 1 ]; then
  wait "$trace_pid"
  ~/.dotnet/tools/dotnet-trace report "$results/cold.nettrace" topN -n 30 --inclusive | tee "$results/cold-top-inclusive.txt"
  ~/.dotnet/tools/dotnet-trace report "$results/cold.nettrace" topN -n 30 | tee "$results/cold-top-exclusive.txt"
fi
walk "tool pages, /tools/{slug}" "$work/tool-cold.txt" tool-cold

hwm=$(status_kib "$server_pid" VmHWM)
rss_end=$(status_kib "$server_pid" VmRSS)
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

echo
echo "== results ($tools tools; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "| run | requests/s | p50 | p90 | p99 | max | server CPU | server CPU per request | wrk CPU | other processes' CPU |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${load_rows[@]}"
echo
echo "Shipwise ÷ nginx (auto): $(awk -v a="$rps_cached" -v b="$rps_static" 'BEGIN { printf "%.2f", a / b }')× the requests/s (target ≥ 0.5×)."
echo
echo "| cold renders | pages | p50 | p90 | p99 | max | mean | server CPU per page | mean HTML size |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${cold_rows[@]}"
echo
echo "Response under load: $body_bytes bytes of HTML; headers $(wc -c <"$results/shipwise-headers.txt") bytes from Shipwise, $(wc -c <"$results/nginx-headers.txt") bytes from nginx."
echo "Server memory: peak RSS (VmHWM) $((hwm / 1024)) MiB; RSS $((rss_after_load / 1024)) MiB after its load run, $((rss_end / 1024)) MiB at the end."
echo "Run time: $SECONDS s, build and catalog included. Raw wrk output: $results/"
