#!/usr/bin/env bash
# Batch throughput of `xinji-policy evaluate FILE.jsonl --format json`, against the in-process
# FromJson + Evaluate + WriteJson loop with a reused writer, in one run; and the claim count from
# which compiling a policy read at run time pays (docs/performance.md, "Batch").
#
#   benchmarks/batch.sh [MEGABYTES] [ROUNDS]   # defaults 1024 and 3: a 1 GB claim file, generated in /tmp and deleted after
#
# Each round times the loop, the loop as a whole process, and the command at one and two jobs, one
# after the other, so that the ratios compare processes run side by side: on this shared machine one
# process can run a fifth slower than the next one on the same claims. The summary gives each ratio
# by round and the ratio of the medians. Needs GNU time at /usr/bin/time for peak RSS. Reports
# wall-clock and CPU time: the wall clock also counts other processes' turns.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-1024}"
rounds="${2:-3}"
work="$(mktemp -d /tmp/xinji-batch.XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build src/Xinji.Policy.Cli -c Release -nologo -v q >/dev/null
dotnet build benchmarks/Xinji.Policy.BatchBenchmarks -c Release -nologo -v q >/dev/null
cli=src/Xinji.Policy.Cli/bin/Release/net10.0/xinji-policy
bench=benchmarks/Xinji.Policy.BatchBenchmarks/bin/Release/net10.0/Xinji.Policy.BatchBenchmarks

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
claims="$("$bench" generate examples/history.jsonl "$work/claims.jsonl" "$megabytes")"
echo "input: $claims claims, $(du -h "$work/claims.jsonl" | cut -f1)"

# What the command costs before its first claim (runtime start, naming the built-in policy, JIT).
head -n 1 "$work/claims.jsonl" >"$work/one.jsonl"
/usr/bin/time -f "%e %U %S" -o "$work/time" "$cli" evaluate "$work/one.jsonl" --format json >/dev/null
read -r seconds user system <"$work/time"
echo "xinji-policy evaluate --format json, one claim: ${seconds} s, $(awk -v u="$user" -v k="$system" 'BEGIN { printf "%.2f", u + k }') CPU s"

# The wall-clock seconds a loop line reports ("... claims in 10.4 s ...").
seconds_of() { sed -nE 's/.* claims in ([0-9.]+) s .*/\1/p' <<<"$1"; }

# Times the command and prints its line; leaves its wall-clock seconds in $command_seconds.
command_seconds=
run_command() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$cli" evaluate "$work/claims.jsonl" --format json --jobs "$1" >/dev/null
  read -r command_seconds user system rss <"$work/time"
  awk -v c="$claims" -v j="$1" -v s="$command_seconds" -v u="$user" -v k="$system" -v r="$rss" 'BEGIN {
    printf "  xinji-policy evaluate --format json --jobs %d: %d claims in %.2f s (%.0f claims/s), %.2f CPU s (%.0f claims per CPU second), peak RSS %d MB\n",
      j, c, s, c / s, u + k, c / (u + k), r / 1024 }'
}

loop=() cold=() jobs1=() jobs2=()
for round in $(seq "$rounds"); do
  echo "round $round, load $(cut -d' ' -f1 /proc/loadavg):"
  line="$("$bench" loop examples/history.jsonl "$claims")" && echo "  $line" && loop+=("$(seconds_of "$line")")
  # The same loop timed as the command is, from its process's start with no warm-up.
  line="$("$bench" loop-cold examples/history.jsonl "$claims")" && echo "  $line" && cold+=("$(seconds_of "$line")")
  run_command 1 && jobs1+=("$command_seconds")
  run_command 2 && jobs2+=("$command_seconds")
done

# The machine's own ceiling for --jobs 2: the same loop on two threads, each deciding half the claims.
"$bench" loop examples/history.jsonl "$claims" 2

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# "0.91× 0.88× 0.93×": a ratio per round, the faster's time over the slower's as the target states it.
ratios() {
  local -n over=$1 under=$2
  for i in "${!over[@]}"; do awk -v a="${over[$i]}" -v b="${under[$i]}" 'BEGIN { printf "%.2f× ", a / b }'; done
}
echo "summary over $rounds rounds (wall clock):"
echo "  median seconds: loop $(median "${loop[@]}"), loop as a whole process $(median "${cold[@]}"), --jobs 1 $(median "${jobs1[@]}"), --jobs 2 $(median "${jobs2[@]}")"
echo "  --jobs 1 against the loop, by round: $(ratios loop jobs1)ratio of the medians $(awk -v a="$(median "${loop[@]}")" -v b="$(median "${jobs1[@]}")" 'BEGIN { printf "%.2f×", a / b }')"
echo "  --jobs 1 against the loop as a whole process, by round: $(ratios cold jobs1)"
echo "  --jobs 2 against --jobs 1, by round: $(ratios jobs1 jobs2)"

"$bench" threshold policy examples/history.jsonl
