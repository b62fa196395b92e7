#!/usr/bin/env bash
# Measures failover with the production membership settings: runs Tests/ClusterProcesses/SiloCrashTests (a kill -9
# and a SIGSTOP of the silo hosting a room, under load) RUNS times (default 5, at most 10), one after another, and
# prints each run's "failover:" line and, per kind of failure, min / median / max of each timing.
# Build first: dotnet build Tests/Tests.csproj. The tests start 4 silos and DynamoDB Local on 127.0.0.1 each time.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-5}"
if [[ ! "$runs" =~ ^[0-9]+$ ]] || ((runs < 1 || runs > 10)); then
  echo "usage: $0 [runs 1-10]" >&2
  exit 2
fi
export AWS_EC2_METADATA_DISABLED=true DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for ((run = 1; run <= runs; run++)); do
  echo "== run $run of $runs" >&2
  timeout 900 dotnet test Tests/Tests.csproj --no-build --nologo --filter "FullyQualifiedName~SiloCrashTests" \
    --logger "console;verbosity=detailed" 2>&1 | grep -oE 'failover: .*|^\s*(Passed|Failed) Chat\.[^ ]*' | awk '!seen[$0]++' | tee -a "$lines" >&2 || true
done

# "failover: kill of back silo: declared dead 1.23 s, acknowledged again 2.34 s, live again 3.45 s (...)"
for kind in kill hang; do
  grep -E "^failover: $kind " "$lines" | awk -v kind="$kind" '
    function stats(name, values, n,   i, j, t, median) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
      median = (n % 2) ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
      printf "  %-20s min %.2f  median %.2f  max %.2f s\n", name, values[1], median, values[n]
    }
    {
      n++
      match($0, /declared dead [0-9.]+/); dead[n] = substr($0, RSTART + 14, RLENGTH - 14) + 0
      match($0, /acknowledged again [0-9.]+/); ack[n] = substr($0, RSTART + 19, RLENGTH - 19) + 0
      match($0, /live again [0-9.]+/); live[n] = substr($0, RSTART + 11, RLENGTH - 11) + 0
    }
    END {
      if (n == 0) exit
      printf "%s (%d runs):\n", kind, n
      stats("declared dead", dead, n); stats("acknowledged again", ack, n); stats("live again", live, n)
    }'
done
