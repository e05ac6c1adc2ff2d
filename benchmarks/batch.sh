#!/usr/bin/env bash
# Batch throughput of `xinji-policy evaluate FILE.jsonl --format json`, against the in-process
# FromJson + Evaluate + WriteJson loop with a reused writer, in one run; and the claim count from
# which compiling a policy read at run time pays (docs/performance.md, "Batch").
#
#   benchmarks/batch.sh [MEGABYTES]     # default 1024: a 1 GB claim file, generated in /tmp and deleted after
#
# Needs GNU time at /usr/bin/time for peak RSS. Reports wall-clock and CPU time: on a shared machine
# the wall clock also counts other processes' turns, so compare CPU time for the single-worker ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-1024}"
work="$(mktemp -d /tmp/xinji-batch.XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build src/Xinji.Policy.Cli -c Release -nologo -v q >/dev/null
dotnet build benchmarks/Xinji.Policy.BatchBenchmarks -c Release -nologo -v q >/dev/null
cli=src/Xinji.Policy.Cli/bin/Release/net10.0/xinji-policy
bench=benchmarks/Xinji.Policy.BatchBenchmarks/bin/Release/net10.0/Xinji.Policy.BatchBenchmarks

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
claims="$("$bench" generate examples/history.jsonl "$work/claims.jsonl" "$megabytes")"
echo "input: $claims claims, $(du -h "$work/claims.jsonl" | cut -f1)"

"$bench" loop examples/history.jsonl "$claims"
# The same loop timed as the command is, from its process's start with no warm-up.
"$bench" loop-cold examples/history.jsonl "$claims"
# The machine's own ceiling for --jobs 2: the same loop on two threads, each deciding half the claims.
"$bench" loop examples/history.jsonl "$claims" 2

# What the command costs before its first claim (runtime start, reading the built-in policy, JIT):
# the loop above is timed after its warm-up, so this is the part of the command's time it does not pay.
head -n 1 "$work/claims.jsonl" >"$work/one.jsonl"
/usr/bin/time -f "%e %U %S" -o "$work/time" "$cli" evaluate "$work/one.jsonl" --format json >/dev/null
read -r seconds user system <"$work/time"
echo "xinji-policy evaluate --format json, one claim: ${seconds} s, $(awk -v u="$user" -v k="$system" 'BEGIN { printf "%.2f", u + k }') CPU s"
for jobs in 1 2; do
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$cli" evaluate "$work/claims.jsonl" --format json --jobs "$jobs" >/dev/null
  read -r seconds user system rss <"$work/time"
  awk -v c="$claims" -v j="$jobs" -v s="$seconds" -v u="$user" -v k="$system" -v r="$rss" 'BEGIN {
    printf "xinji-policy evaluate --format json --jobs %d: %d claims in %.1f s (%.0f claims/s), %.1f CPU s (%.0f claims per CPU second), peak RSS %d MB\n",
      j, c, s, c / s, u + k, c / (u + k), r / 1024 }'
done

"$bench" threshold policy examples/history.jsonl
