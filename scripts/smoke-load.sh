#!/usr/bin/env bash
# Smoke load: starts the embedded front silo (the build test.sh made; Release if there is one) on random
# 127.0.0.1 ports over a temporary data directory, runs a few-second fanout load with --fail-if "loss>0",
# stops the server by its PID and exits with the load tool's code (0 = no message lost).
# The server is started with raised limits (Chat:Api:MessagesPerSecond, MessageBurst, AuthRequestsPerMinute),
# passed as command-line configuration, as docs/benchmarks.md explains.
set -euo pipefail
cd "$(dirname "$0")/.."

pick() {
  local project=$1 name=$2 config
  for config in Release Debug; do
    if [ -f "$project/bin/$config/net10.0/$name" ]; then
      echo "$project/bin/$config/net10.0/$name"
      return 0
    fi
  done
  return 1
}
api=$(pick Api Chat.Api.dll) || { echo "smoke-load: build Api first (dotnet build Chat.sln)" >&2; exit 1; }
tool=$(pick LoadTest Chat.LoadTest.dll) || { echo "smoke-load: build LoadTest first (dotnet build Chat.sln)" >&2; exit 1; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}
http_port=$(free_port)
silo_port=$(free_port)
gateway_port=$(free_port)
data=$(mktemp -d)
pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

url="http://127.0.0.1:${http_port}"
content_root=$(cd "$(dirname "$api")" && pwd)
ASPNETCORE_ENVIRONMENT=Development dotnet "$api" --contentRoot "$content_root" \
  --urls "$url" --Orleans:SiloPort "$silo_port" --Orleans:GatewayPort "$gateway_port" \
  --Orleans:ClusterId "smoke-$$" --Chat:DataDirectory "$data/server" \
  --Chat:Api:MessagesPerSecond 100000 --Chat:Api:MessageBurst 100000 --Chat:Api:AuthRequestsPerMinute 100000 \
  --Logging:LogLevel:Default Warning >"$data/server.log" 2>&1 &
pid=$!

ready=0
for _ in $(seq 1 240); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  if curl -sf "$url/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.5
done
if [ "$ready" -ne 1 ]; then
  echo "smoke-load: the server did not become ready at $url; its log:" >&2
  tail -n 40 "$data/server.log" >&2 || true
  exit 1
fi

set +e
timeout 120 dotnet "$tool" fanout --url "$url" --rooms 5 --members 4 --senders 2 --rate 100 \
  --warmup 1s --duration 4s --prefix smoke --token-cache none --server-pid "$pid" \
  --fail-if "loss>0" --markdown "$data/report.md"
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "smoke-load: FAILED (exit $status); server log:" >&2
  tail -n 40 "$data/server.log" >&2 || true
else
  echo "smoke-load: passed"
fi
exit "$status"
