#!/usr/bin/env bash
# Measures what message analysis costs the sender: runs the load tool against a fresh
# Release front silo with Chat:Rooms:AnalyzeMessages=true and =false, alternating, and
# prints the send→ack and send→delivery rows of each run. Loopback only; each run is
# bounded (35 s of load). Usage: scripts/bench-analysis.sh [runs-per-mode]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
out=$(mktemp -d)
dotnet build -c Release Api/Api.csproj -v quiet -clp:ErrorsOnly
dotnet build -c Release LoadTest/LoadTest.csproj -v quiet -clp:ErrorsOnly

run() {
  local mode=$1 n=$2 data="$out/$1-$2" pid
  mkdir -p "$data"
  ASPNETCORE_ENVIRONMENT=Development dotnet Api/bin/Release/net10.0/Chat.Api.dll \
    --urls http://127.0.0.1:5190 --Orleans:SiloPort 11190 --Orleans:GatewayPort 30190 \
    --Chat:DataDirectory "$data" --Chat:Api:MessagesPerSecond 1000 --Chat:Api:MessageBurst 1000 \
    --Chat:Api:AuthRequestsPerMinute 100000 --Chat:Rooms:AnalyzeMessages "$mode" >"$data/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf http://127.0.0.1:5190/health/ready >/dev/null && break
    sleep 0.5
  done
  dotnet LoadTest/bin/Release/net10.0/Chat.LoadTest.dll fanout --url http://127.0.0.1:5190 --rooms 5 --members 8 \
    --senders 8 --rate 80 --duration 30s --warmup 5s --token-cache none --json "$data/result.json" >"$data/load.log" 2>&1 || true
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "== analysis $mode, run $n"
  grep -E "send → (ack|delivery)" "$data/load.log" | tail -n 2
}

for n in $(seq 1 "$runs"); do
  run true "$n"
  run false "$n"
done
echo "results in $out"
