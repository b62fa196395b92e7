#!/usr/bin/env bash
# Server memory per idle connection: starts the Release front silo (embedded store) pinned to core 0, measures it
# idle, holds ROOMS x MEMBERS idle WebSocket connections joined to their rooms (`Chat.LoadTest connect`, core 1),
# and measures it again while they are held. Prints, per connection: the growth of the GC heap after a forced full
# GC (what `dotnet-gcdump collect` counts: live objects only), the growth of RSS, and the load tool's own count.
#   [SAMPLE_AT=20] [DUMPS=1] scripts/bench-connections.sh [ROOMS] [MEMBERS] [-- server options...]
#     ROOMS x MEMBERS   connections (default 250 x 20 = 5,000), one user each
#     SAMPLE_AT         seconds after the last join before the held sample (default 20); the connections are held
#                       SAMPLE_AT + 40 s
#     DUMPS=1           also take heap dumps (dotnet-dump) idle and held and print the types that grew most, in
#                       bytes per connection (exact sizes; dotnet-gcdump's report gives a type's base size only)
#     server options    e.g. --Orleans:GrainIdleMinutes 2
# Users, tokens and rooms are kept in BENCH_DIR (default /tmp/chat-bench-connections) with the port first chosen, so
# they are registered once (5,000 registrations take minutes: password hashing). Everything listens on 127.0.0.1.
# Needs: dotnet build -c Release Api/Api.csproj -p:SkipClientBuild=true && dotnet build -c Release
# LoadTest/LoadTest.csproj; dotnet tool install -g dotnet-gcdump (and dotnet-dump for DUMPS=1).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-server.sh

rooms=250
members=20
[ $# -gt 0 ] && [ "$1" != "--" ] && { rooms=$1; shift; }
[ $# -gt 0 ] && [ "$1" != "--" ] && { members=$1; shift; }
[ "${1:-}" = "--" ] && shift
users=$((rooms * members))
tools="${DOTNET_TOOLS:-$HOME/.dotnet/tools}"
api="Api/bin/Release/net10.0/Chat.Api.dll"
load="LoadTest/bin/Release/net10.0/Chat.LoadTest.dll"
for f in "$api" "$load" "$tools/dotnet-gcdump"; do
  [ -e "$f" ] || { echo "bench-connections: $f is missing (see the header of this script)" >&2; exit 1; }
done

dir="${BENCH_DIR:-/tmp/chat-bench-connections}"
mkdir -p "$dir/data"
[ -f "$dir/port" ] || echo $((20000 + RANDOM % 20000)) >"$dir/port"
port=$(cat "$dir/port")
run="$dir/run-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$run"

start_bench_server "$port" "$dir/data" "$run/server.log" --Chat:Api:AuthRequestsPerMinute 100000 \
  --Chat:Api:RoomCreationsPerMinute 100000 --Chat:Api:MessagesPerSecond 100000 --Chat:Api:MessageBurst 100000 "$@"
server=$bench_server_pid
loader=""
trap 'kill $loader "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
wait_bench_server "$port" "$server" "$run/server.log"
sleep 5

rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$server/status"; }
heap() { # forces a full blocking GC and returns the live heap in bytes
  "$tools/dotnet-gcdump" collect -p "$server" -o "$run/$1.gcdump" >/dev/null 2>&1
  "$tools/dotnet-gcdump" report "$run/$1.gcdump" 2>/dev/null | awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }'
}
dump() { # exact sizes per type: dumpheap -stat of a heap dump (taken right after the forced GC of heap())
  [ "${DUMPS:-0}" = 1 ] || return 0
  "$tools/dotnet-dump" collect -p "$server" --type Heap -o "$run/$1.dump" >/dev/null
  "$tools/dotnet-dump" analyze "$run/$1.dump" -c "dumpheap -stat" -c exit >"$run/$1.stat"
  rm -f "$run/$1.dump"
}

idle_rss=$(rss)
idle_heap=$(heap idle)
dump idle
taskset -c 1 dotnet "$load" connect --url "http://127.0.0.1:$port" --rooms "$rooms" --members "$members" \
  --warmup 5s --duration "$((${SAMPLE_AT:-20} + 40))s" --prefix bench --token-cache "$dir/tokens.json" \
  --server-pid "$server" --markdown "$run/report.md" >"$run/load.log" 2>&1 &
loader=$!
until grep -q "connected .* users" "$run/load.log"; do
  kill -0 "$loader" 2>/dev/null || { cat "$run/load.log" >&2; exit 1; }
  sleep 1
done
sleep "${SAMPLE_AT:-20}"
held_rss=$(rss)
held_heap=$(heap held)
dump held
wait "$loader"
loader=""

echo "$users idle connections in $rooms rooms of $members; server pid $server; files in $run"
awk -v n="$users" -v ih="$idle_heap" -v hh="$held_heap" 'BEGIN {
  printf "GC heap after a full GC: idle %.1f MiB, held %.1f MiB: %.0f bytes (%.1f KiB) per connection\n", ih / 1048576, hh / 1048576, (hh - ih) / n, (hh - ih) / n / 1024 }'
if [ "${DUMPS:-0}" != 1 ]; then
  awk -v n="$users" -v ir="$idle_rss" -v hr="$held_rss" 'BEGIN {
    printf "RSS: idle %.1f MiB, held %.1f MiB: %.1f KiB per connection\n", ir / 1048576, hr / 1048576, (hr - ir) / n / 1024 }'
  grep -E "server memory" "$run/load.log" | sed 's/[│]/ /g; s/  */ /g; s/^ /load tool: /'
else
  echo "(no RSS figures with DUMPS=1: taking a dump makes the heap's pages resident)"
  echo "types that grew most (bytes and objects per connection):"
  awk -v n="$users" '
    FNR == 1 { file++ }
    $1 ~ /^[0-9a-f]+$/ && $2 ~ /^[0-9,]+$/ && $3 ~ /^[0-9,]+$/ {
      count = $2; size = $3; gsub(",", "", count); gsub(",", "", size)
      type = $0; sub(/^ *[0-9a-f]+ +[0-9,]+ +[0-9,]+ +/, "", type)
      if (file == 1) { size0[type] = size; count0[type] = count } else { grew[type] = size - size0[type]; more[type] = count - count0[type] }
    }
    END { for (t in grew) if (grew[t] / n >= 40) printf "%8.0f B %6.2f  %s\n", grew[t] / n, more[t] / n, substr(t, 1, 150) }' \
    "$run/idle.stat" "$run/held.stat" | sort -rn | head -"${TOP:-40}"
fi
