# shellcheck shell=bash
# Sourced by the benchmark scripts (bench-idle.sh, bench-connections.sh): the Release front silo with the embedded
# store, pinned to core 0, on 127.0.0.1 (HTTP on PORT, silo and gateway on PORT+1 and PORT+2).
#   start_bench_server PORT DATA_DIR LOG [server options...]   starts it; its PID is in $bench_server_pid
#   wait_bench_server PORT PID LOG                             waits (at most 60 s) until /health/ready answers;
#                                                              prints the log and exits if the server exited

start_bench_server() {
  local port=$1 data=$2 log=$3
  shift 3
  ASPNETCORE_ENVIRONMENT=Development taskset -c 0 dotnet Api/bin/Release/net10.0/Chat.Api.dll \
    --contentRoot "$PWD/Api/bin/Release/net10.0" --urls "http://127.0.0.1:$port" \
    --Orleans:SiloPort $((port + 1)) --Orleans:GatewayPort $((port + 2)) --Chat:DataDirectory "$data" "$@" >"$log" 2>&1 &
  # shellcheck disable=SC2034 # read by the script that sources this file
  bench_server_pid=$!
}

wait_bench_server() {
  local port=$1 pid=$2 log=$3
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  echo "the server on port $port was not ready within 60 s; its log: $log" >&2
  exit 1
}
