#!/usr/bin/env bash
# The decision service under load, on loopback: `xinji-policy serve` (Release) with each decision log
# (memory, i.e. none durable; SQLite; PostgreSQL), loaded by wrk with single claims and with
# 1,000-claim JSON Lines batches. Bounded: DURATION seconds per run (default 15), CONNECTIONS
# connections for single claims (default 32) and BATCH_CONNECTIONS for batches (default 4), 2 wrk
# threads. Not run by CI: it measures, and no test times anything.
#
#   benchmarks/load/run.sh               # all three logs
#   LOGS="memory sqlite" DURATION=5 benchmarks/load/run.sh
#
# Reports, per log and load: requests/s (and decisions/s for batches), p50 and p99 latency, errors
# (socket errors and non-2xx responses), the server's RSS after the run and its peak.
# Installs wrk (and PostgreSQL, through scripts/postgres-for-tests.sh) from Debian's packages when
# missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=benchmarks/load
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
batch_connections=${BATCH_CONNECTIONS:-4}
logs=${LOGS:-memory sqlite postgres}

if ! command -v wrk > /dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "$0: wrk is not installed; install Debian's wrk package" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1 \
    || { apt-get update -qq > /dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
fi

work=$(mktemp -d)
server_pid=""
pg_dir=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  if [ -n "$pg_dir" ]; then scripts/postgres-for-tests.sh stop "$pg_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# TOOL=path/to/xinji-policy.dll runs a tool already built; by default this clone's, built in Release.
tool=${TOOL:-}
if [ -z "$tool" ]; then
  dotnet build src/Xinji.Policy.Cli -c Release -p:TreatWarningsAsErrors=true > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  tool=src/Xinji.Policy.Cli/bin/Release/net10.0/xinji-policy.dll
fi

# The bodies: one claim, and the first 1,000 claims of the generated history as JSON Lines.
cp examples/claims/watch-defect-in-warranty.json "$work/single.json"
head -n 1000 examples/history.jsonl > "$work/batch.jsonl"
[ "$(wc -l < "$work/batch.jsonl")" -eq 1000 ] || { echo "$0: examples/history.jsonl has fewer than 1,000 claims" >&2; exit 1; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then echo "$port"; return; fi
  done
  return 1
}

start_server() { # LOG_LOCATION
  local port
  port=$(free_port)
  url="http://127.0.0.1:$port"
  dotnet "$tool" serve --policy policy --urls "$url" --decision-log "$1" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    if curl -fsS "$url/healthz" > /dev/null 2>&1; then return; fi
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "$0: the server did not answer /healthz within 30 s" >&2; cat "$work/server.log" >&2; exit 1
}

stop_server() {
  kill "$server_pid" 2> /dev/null || true
  wait "$server_pid" 2> /dev/null || true
  server_pid=""
}

kib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

load() { # NAME BODY TYPE CONNECTIONS DECISIONS_PER_REQUEST
  local out="$work/wrk.txt"
  # A short warm-up (JIT, pools, the policy's compiled evaluator), not reported.
  XINJI_LOAD_BODY="$2" XINJI_LOAD_TYPE="$3" wrk -t2 -c"$4" -d3s --timeout 30s -s "$here/post.lua" "$url/v1/decisions" > /dev/null
  XINJI_LOAD_BODY="$2" XINJI_LOAD_TYPE="$3" wrk -t2 -c"$4" -d"${duration}s" --timeout 30s -s "$here/post.lua" "$url/v1/decisions" > "$out"
  local rps p50 p99 non2xx socket rss hwm
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(awk '/^p50-ms:/ { print $2 }' "$out")
  p99=$(awk '/^p99-ms:/ { print $2 }' "$out")
  non2xx=$(awk '/^non-2xx:/ { print $2 }' "$out")
  socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status")
  hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")
  printf '| %-8s | %-17s | %5s | %9.0f | %11.0f | %8s | %8s | %6d | %8s | %8s |\n' \
    "$log" "$1" "$4" "$rps" "$(awk -v r="$rps" -v n="$5" 'BEGIN { print r * n }')" "$p50" "$p99" "$((${non2xx:-0} + ${socket:-0}))" "$(kib "$rss")" "$(kib "$hwm")"
}

echo "xinji-policy serve on loopback, $(nproc) cores, wrk 2 threads, ${duration} s per run after a 3 s warm-up"
echo
echo "| log      | load              | conns | req/s     | decisions/s | p50 ms   | p99 ms   | errors | RSS      | peak RSS |"
echo "|----------|-------------------|-------|-----------|-------------|----------|----------|--------|----------|----------|"
for log in $logs; do
  case "$log" in
    memory) location=memory ;;
    sqlite) location="sqlite:$work/decisions.db" ;;
    postgres)
      pg_dir=$(mktemp -d)
      location=$(scripts/postgres-for-tests.sh start "$pg_dir")
      ;;
    *) echo "$0: unknown log '$log' (memory, sqlite, postgres)" >&2; exit 2 ;;
  esac
  start_server "$location"
  load "single claim" "$work/single.json" application/json "$connections" 1
  load "1,000-claim batch" "$work/batch.jsonl" application/x-ndjson "$batch_connections" 1000
  stop_server
  if [ "$log" = postgres ]; then scripts/postgres-for-tests.sh stop "$pg_dir"; pg_dir=""; fi
  rm -f "$work"/decisions.db*
done
