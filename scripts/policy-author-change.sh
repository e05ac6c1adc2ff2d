#!/usr/bin/env bash
# A realistic change to the XINJI policy touches no C# file, and `dotnet test` says so.
#
# In a copy of the repository (under /tmp), this makes the two changes of issue 9 as a policy author
# would, editing only policy/*.policy, policy/*.examples and the document (scripts/apply-author-change.py):
#   1. 24 months of warranty for IoT devices;
#   2. a "liquid damage indicator triggered" exclusion: a fact, a clause, and its sentence in the document.
# Then it runs `dotnet test` and checks that the only failing test is the examples test
# (ShippedExamplesTests), and that its message names the failing examples as `xinji-policy test` does.
# Then it updates the examples and runs `dotnet test` again, which must pass.
#
# Usage: scripts/policy-author-change.sh [COPY_DIRECTORY]     (exit 0 when all of the above holds)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
copy=${1:-$(mktemp -d /tmp/xinji-author-change.XXXXXX)}
mkdir -p "$copy"

echo "== copying $root to $copy"
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' file; do
    if [ -f "$root/$file" ]; then
      mkdir -p "$copy/$(dirname "$file")"
      cp "$root/$file" "$copy/$file"
    fi
  done
cp -r "$root/policy" "$copy/.policy-before"

echo "== the policy change (policy files and document only)"
python3 "$root/scripts/apply-author-change.py" policy "$copy"
changed=$( (diff -rq "$copy/.policy-before" "$copy/policy" || true) | sed -E 's/^Files .* and (.*) differ$/\1/' | sed "s|$copy/||")
echo "$changed"
if echo "$changed" | grep -vqE '^policy/[^/]+\.(policy|examples|txt)$'; then
  echo "FAILED: the change touched more than policy, examples and document files" >&2
  exit 1
fi

run_tests() {
  # Every test project, each test's result on its own line.
  (cd "$copy" && dotnet test Xinji.Policy.sln --logger "console;verbosity=normal" 2>&1) > "$1" || true
}

echo "== dotnet test, after the policy change (examples not updated)"
run_tests "$copy/.test-before.log"
failed=$(grep -E '^\s+Failed [A-Za-z]' "$copy/.test-before.log" | sed -E 's/^\s+Failed ([^ []+).*/\1/' | sort -u || true)
echo "failing tests:"
echo "$failed" | sed 's/^/  /'
if [ -z "$failed" ]; then
  echo "FAILED: no test failed, so the examples do not pin the decisions that changed" >&2
  exit 1
fi
if echo "$failed" | grep -vq 'ShippedExamplesTests'; then
  echo "FAILED: tests other than the examples test pin the XINJI policy's decisions" >&2
  exit 1
fi
echo "the examples test says:"
# xUnit prints the message twice: once after its own prefix, once at the start of the line.
grep -E '^(\[xUnit[^]]*\] +)?(FAIL  |policy/\*\.examples: |[0-9]+ examples: )' "$copy/.test-before.log" |
  sed -E 's/^\[xUnit[^]]*\] +//' | sort -u | sed 's/^/  /' || true
if ! grep -q 'FAIL  An IoT device claimed after its warranty is repaired for a fee' "$copy/.test-before.log"; then
  echo "FAILED: the examples test does not name the failing example" >&2
  exit 1
fi

echo "== the examples brought up to date"
python3 "$root/scripts/apply-author-change.py" examples "$copy"

echo "== dotnet test, after the examples are updated"
run_tests "$copy/.test-after.log"
if grep -qE '^\s+Failed [A-Za-z]|^Test Run Failed' "$copy/.test-after.log"; then
  grep -E '^\s+Failed [A-Za-z]|^Test Run Failed' "$copy/.test-after.log" >&2
  echo "FAILED: tests still fail once the examples are updated" >&2
  exit 1
fi
# Each test project's run ends with "Test Run Successful." (or "Test Run Failed.") and its counts.
runs=$(grep -c '^Test Run Successful\.' "$copy/.test-after.log" || true)
echo "OK: only the examples test failed on the change, and all $runs test runs pass once the examples are updated"
