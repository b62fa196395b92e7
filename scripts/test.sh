#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds the
# solution, runs every test project and ends with one line "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test` (for example: --filter "FullyQualifiedName~Hub").
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 AWS_EC2_METADATA_DISABLED=true

for installer in scripts/install-*.sh; do
  [ -e "$installer" ] || continue
  echo "== ${installer}"
  bash "$installer"
done

echo "== building Chat.sln"
dotnet build Chat.sln --nologo -v quiet -clp:ErrorsOnly

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
echo "== testing"
set +e
dotnet test Chat.sln --no-build --nologo --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
set -e

# The browser client's unit tests (vitest); web/node_modules came with the build (the Api runs npm ci).
echo "== testing web/ (vitest)"
set +e
(cd web && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/vitest.xml")
web_status=$?
set -e
if [ "$web_status" -ne 0 ] && [ "$status" -eq 0 ]; then
  status=$web_status
fi

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total) executed=$(get executed) ok=$(get passed) bad=$(get failed) errors=$(get error) timeouts=$(get timeout) aborted=$(get aborted)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${bad:-0} + ${errors:-0} + ${timeouts:-0} + ${aborted:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

echo "== smoke load (scripts/smoke-load.sh)"
if bash scripts/smoke-load.sh; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  status=1
fi

# The project's linters (scripts/lint.sh: the deployment files and the browser client), one test each.
echo "== linting"
lint_output=$(bash scripts/lint.sh 2>&1) || true
echo "$lint_output"
lint_passed=$(grep -c '^lint: ok ' <<<"$lint_output" || true)
lint_failed=$(grep -c '^lint: FAILED ' <<<"$lint_output" || true)
[ $((lint_passed + lint_failed)) -eq 0 ] && lint_failed=1
passed=$((passed + lint_passed))
failed=$((failed + lint_failed))
[ "$lint_failed" -gt 0 ] && [ "$status" -eq 0 ] && status=1

if [ -e "$results/vitest.xml" ]; then
  web_counters=$(grep -o '<testsuites [^>]*>' "$results/vitest.xml" | head -n 1)
  web_get() { echo "$web_counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  web_total=$(web_get tests) web_failures=$(web_get failures) web_errors=$(web_get errors)
  web_skipped=$(grep -c '<skipped' "$results/vitest.xml" || true)
  passed=$((passed + ${web_total:-0} - ${web_failures:-0} - ${web_errors:-0} - ${web_skipped:-0}))
  failed=$((failed + ${web_failures:-0} + ${web_errors:-0}))
  skipped=$((skipped + ${web_skipped:-0}))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  echo "dotnet test exited with $status without a failed test: see the output above." >&2
fi

# Name each failed test, so a run's tail says what broke (its message is in the output above).
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
    | sed -n 's/.* testName="\([^"]*\)".*/FAILED \1/p' || true
done

summary="${passed} passed, ${failed} failed"
[ "$skipped" -gt 0 ] && summary="${summary}, ${skipped} skipped"
echo "$summary"
exit "$status"
