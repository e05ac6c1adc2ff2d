#!/usr/bin/env bash
# Batch throughput of `xinji-policy evaluate FILE.jsonl --format json`, against the in-process
# FromJson + Evaluate + WriteJson loop with a reused writer, in one run; and the claim count from
# which compiling a policy read at run time pays (docs/performance.md, "Batch").
#
#   benchmarks/batch.sh [MEGABYTES]     # default 1024: a 1 GB claim file, generated in /tmp and deleted after
#
# Needs /usr/bin/time (GNU time) for peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-1024}"
work="$(mktemp -d /tmp/xinji-batch.XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build src/Xinji.Policy.Cli -c Release -nologo -v q -o "$work/cli" >/dev/null
dotnet build benchmarks/Xinji.Policy.BatchBenchmarks -c Release -nologo -v q -o "$work/bench" >/dev/null
cli="$work/cli/xinji-policy"
bench="$work/bench/Xinji.Policy.BatchBenchmarks"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
claims="$("$bench" generate examples/history.jsonl "$work/claims.jsonl" "$megabytes")"
echo "input: $claims claims, $(du -h "$work/claims.jsonl" | cut -f1)"

"$bench" loop examples/history.jsonl "$claims"
for jobs in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$cli" evaluate "$work/claims.jsonl" --format json --jobs "$jobs" >/dev/null
  read -r seconds rss <"$work/time"
  echo "xinji-policy evaluate --format json --jobs $jobs: $claims claims in $seconds s, $(awk "BEGIN { printf \"%.0f\", $claims / $seconds }") claims/s, peak RSS $((rss / 1024)) MB"
done

"$bench" threshold policy examples/history.jsonl
