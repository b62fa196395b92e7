#!/usr/bin/env bash
# Idle CPU of silos: samples utime + stime of each process from /proc over a window and prints the share of one
# core each used, and their sum. Measures what the silos do when nothing happens (timers, membership, polling).
#   [SETTLE=120] [IDLE_ROOMS=N] scripts/bench-idle.sh embedded [SECONDS]
#                                               starts the Release front silo (embedded store) pinned to core 0,
#                                               waits until ready and for it to settle, samples, stops it.
#                                               IDLE_ROOMS=N first makes N rooms active and idle: N users each
#                                               create a room and post one message over REST (`Chat.LoadTest
#                                               http-post`, core 1; N sign-ins take about a minute per 1,000), so
#                                               the sample counts what N idle room grains (and N user grains) cost
#   scripts/bench-idle.sh cluster [SECONDS]    samples the silos of a running `scripts/cluster.sh up`
# Everything listens on 127.0.0.1. Build first: dotnet build -c Release Chat.sln (or Api/Silo).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-server.sh

mode="${1:-embedded}"
window="${2:-60}"
if [[ ! "$window" =~ ^[0-9]+$ ]] || ((window < 5 || window > 600)); then
  echo "bench-idle: the window is 5 to 600 seconds" >&2
  exit 2
fi
ticks=$(getconf CLK_TCK)

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

sample() {
  local -a pids=("$@")
  local -A before
  for pid in "${pids[@]}"; do before[$pid]=$(cpu_ticks "$pid"); done
  sleep "$window"
  local total=0
  for pid in "${pids[@]}"; do
    local used=$(($(cpu_ticks "$pid") - before[$pid]))
    total=$((total + used))
    awk -v u="$used" -v t="$ticks" -v w="$window" -v p="$pid" -v n="$(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-80)" \
      'BEGIN { printf "pid %s: %.2f%% of a core (%s)\n", p, 100 * u / t / w, n }'
  done
  awk -v u="$total" -v t="$ticks" -v w="$window" 'BEGIN { printf "together: %.2f%% of a core over %d s\n", 100 * u / t / w, w }'
}

case "$mode" in
  embedded)
    api="Api/bin/Release/net10.0/Chat.Api.dll"
    [ -f "$api" ] || { echo "bench-idle: build first: dotnet build -c Release Api/Api.csproj" >&2; exit 1; }
    # BENCH_ARGS: more settings for the server, e.g. "--Chat:Telemetry:Enabled false".
    read -r -a extra <<<"${BENCH_ARGS:-}"
    rooms="${IDLE_ROOMS:-0}"
    if [[ ! "$rooms" =~ ^[0-9]+$ ]] || ((rooms > 10000)); then
      echo "bench-idle: IDLE_ROOMS is a number of rooms from 0 to 10000" >&2
      exit 2
    fi
    if ((rooms > 0)); then
      # N users sign up and sign in from this one address: raise the per-address limit.
      extra+=(--Chat:Api:AuthRequestsPerMinute 100000)
    fi
    data=$(mktemp -d)
    port=$((20000 + RANDOM % 20000))
    start_bench_server "$port" "$data" "$data/server.log" --Orleans:ClusterId "idle-$$" \
      --Logging:LogLevel:Default Warning "${extra[@]}"
    pid=$bench_server_pid
    trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
    wait_bench_server "$port" "$pid" "$data/server.log"
    if ((rooms > 0)); then
      load="LoadTest/bin/Release/net10.0/Chat.LoadTest.dll"
      [ -f "$load" ] || { echo "bench-idle: build first: dotnet build -c Release LoadTest/LoadTest.csproj" >&2; exit 1; }
      # At least one message per room: N senders at N/10 messages/s for 11 s, taking turns.
      taskset -c 1 dotnet "$load" http-post --url "http://127.0.0.1:$port" --rooms "$rooms" --members 1 --senders 1 \
        --rate "$(((rooms + 9) / 10))" --warmup 1s --duration 10s --prefix idle --token-cache none \
        --fail-if "loss>0" >"$data/rooms.log" 2>&1 || { cat "$data/rooms.log" >&2; exit 1; }
      echo "bench-idle: $rooms rooms active, each with one message; now idle"
    fi
    sleep "${SETTLE:-10}" # start-up work (JIT tiering, first membership rounds) settles; SETTLE=120 for the steady state
    sample "$pid"
    ;;
  cluster)
    pids=()
    for name in front1 front2 back1; do
      [ -f ".cluster/$name.pid" ] || { echo "bench-idle: no .cluster/$name.pid: run scripts/cluster.sh up first" >&2; exit 1; }
      pids+=("$(cat ".cluster/$name.pid")")
    done
    sample "${pids[@]}"
    ;;
  *)
    echo "usage: scripts/bench-idle.sh embedded|cluster [SECONDS]" >&2
    exit 2
    ;;
esac
