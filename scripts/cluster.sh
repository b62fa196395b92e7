#!/usr/bin/env bash
# A local cluster in cluster mode (Chat:Mode=Cluster), configured as in production (no Development environment):
# DynamoDB Local, two front silos (Api), one back silo (Silo), and nginx in front of the front silos as the load
# balancer. Membership runs with the silos' production defaults (docs/cluster.md, "Membership settings in
# production"): nothing here overrides Orleans:Membership.
#   up       build Api and Silo (unless silos are running), start what is not running, wait (bounded) until ready
#   down     stop what `up` started, by the PIDs in .cluster/*.pid
#   status   each process, /health/ready of the front silos, and the balancer
# Everything listens on 127.0.0.1: nginx 8080, DynamoDB Local 8000, front silos HTTP 5001/5002, silo ports
# 11111-11113, gateway ports 30001-30003; CLUSTER_PORT_OFFSET=N moves them all by N. CLUSTER_CONFIGURATION picks
# the build configuration (default Release); CLUSTER_DASHBOARD=false starts the silos without the dashboard (it
# samples every silo's grain statistics each second: leave it off when measuring idle CPU).
# The JWT signing key, the message encryption key and the dashboard password are generated into .cluster/ on first
# use (gitignored) and given to the silos as environment variables. Logs: .cluster/*.log. DynamoDB Local keeps its
# data in memory: after `down` the cluster starts empty.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="$root/.cluster"
configuration="${CLUSTER_CONFIGURATION:-Release}"
offset="${CLUSTER_PORT_OFFSET:-0}"
host="127.0.0.1"
cluster_id="chat-local"
start_timeout_seconds=120
stop_timeout_seconds=45

die() {
  echo "cluster: $*" >&2
  exit 1
}

say() {
  echo "cluster: $*" >&2
}

if [[ ! "$offset" =~ ^[0-9]+$ ]] || ((offset > 20000)); then
  die "CLUSTER_PORT_OFFSET must be a number from 0 to 20000, not '$offset'"
fi
[[ "$configuration" =~ ^[A-Za-z]+$ ]] || die "CLUSTER_CONFIGURATION must be a word such as Release or Debug"

balancer_port=$((8080 + offset))
dynamodb_port=$((8000 + offset))
silos=(front1 front2 back1)
declare -A http_port=([front1]=$((5001 + offset)) [front2]=$((5002 + offset)))
declare -A silo_port=([front1]=$((11111 + offset)) [front2]=$((11112 + offset)) [back1]=$((11113 + offset)))
declare -A gateway_port=([front1]=$((30001 + offset)) [front2]=$((30002 + offset)) [back1]=$((30003 + offset)))

api_dll="$root/Api/bin/$configuration/net10.0/Chat.Api.dll"
silo_dll="$root/Silo/bin/$configuration/net10.0/Chat.Silo.dll"

is_front() { [[ -n "${http_port[$1]:-}" ]]; }

dll_of() {
  if is_front "$1"; then echo "$api_dll"; else echo "$silo_dll"; fi
}

pid_file() { echo "$run_dir/$1.pid"; }

# What the command line of each process contains, so that a PID reused by another program is never signalled.
marker_of() {
  case "$1" in
    nginx) echo "$run_dir/nginx.conf" ;;
    dynamodb) echo "DynamoDbLocalLoopback" ;;
    *) dll_of "$1" ;;
  esac
}

# Prints the PID of a component started by this script that is still running, or nothing.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file")"
  if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(marker_of "$1")"; then
    echo "$pid"
  fi
}

port_open() {
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}

http_status() {
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

# Polls CHECK (a function and its arguments) until it succeeds, the component's process exits, or the time is up.
wait_for() {
  local name="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + start_timeout_seconds))
  until "$@"; do
    if [[ -z "$(running_pid "$name")" ]]; then
      tail -n 30 "$run_dir/$name.log" >&2 2>/dev/null || true
      die "$name exited before $what (log: .cluster/$name.log)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$run_dir/$name.log" >&2 2>/dev/null || true
      die "$name: not $what after ${start_timeout_seconds}s (log: .cluster/$name.log)"
    fi
    sleep 0.5
  done
}

front_ready() { [[ "$(http_status "http://$host:${http_port[$1]}/health/ready")" == 200 ]]; }

# A back silo has no HTTP: its gateway opens once it is an active member of the cluster.
back_ready() { port_open "${gateway_port[$1]}"; }

balancer_ready() { [[ "$(http_status "http://$host:$balancer_port/health/ready")" == 200 ]]; }

new_secret() {
  local file="$run_dir/$1" bytes="$2"
  if [[ ! -s "$file" ]]; then
    (umask 077 && head -c "$bytes" /dev/urandom | base64 -w 0 >"$file")
  fi
}

prepare() {
  mkdir -p "$run_dir"
  chmod 700 "$run_dir"
  new_secret jwt-signing.key 48
  new_secret encryption-k1.key 32
  new_secret dashboard.password 24
}

build() {
  command -v dotnet >/dev/null || die "dotnet not found"
  say "building Api and Silo ($configuration)"
  dotnet build "$root/Api/Api.csproj" -c "$configuration" --nologo -v quiet -clp:ErrorsOnly >&2
  [[ -f "$api_dll" && -f "$silo_dll" ]] || die "the build did not produce $api_dll and $silo_dll"
}

start_dynamodb() {
  if [[ -n "$(running_pid dynamodb)" ]]; then
    return 0
  fi
  bash "$root/scripts/dynamodb-local.sh" start "$dynamodb_port" >/dev/null
  cp "$root/.tools/dynamodb-local/run/$dynamodb_port.pid" "$(pid_file dynamodb)"
  ln -sf "$root/.tools/dynamodb-local/run/$dynamodb_port.log" "$run_dir/dynamodb.log"
  say "dynamodb: PID $(cat "$(pid_file dynamodb)"), http://$host:$dynamodb_port"
}

start_silo() {
  local name="$1" dll pid
  if [[ -n "$(running_pid "$name")" ]]; then
    return 0
  fi
  dll="$(dll_of "$name")"
  local settings=(
    DOTNET_ENVIRONMENT=Production
    ASPNETCORE_ENVIRONMENT=Production
    AWS_EC2_METADATA_DISABLED=true
    Chat__Mode=Cluster
    Orleans__ClusterId="$cluster_id"
    Orleans__ServiceId="$cluster_id"
    Orleans__AdvertisedIPAddress="$host"
    Orleans__SiloPort="${silo_port[$name]}"
    Orleans__GatewayPort="${gateway_port[$name]}"
    Chat__DynamoDb__ServiceUrl="http://$host:$dynamodb_port"
    Chat__DynamoDb__CreateTables=true
    Chat__DataDirectory="$run_dir/data/$name"
    Chat__Jwt__SigningKey="$(cat "$run_dir/jwt-signing.key")"
    Chat__Encryption__Keys__k1="$(cat "$run_dir/encryption-k1.key")"
    Chat__Encryption__CurrentKeyId=k1
    Chat__Dashboard__Enabled="${CLUSTER_DASHBOARD:-true}"
    Chat__Dashboard__UserName=admin
    Chat__Dashboard__Password="$(cat "$run_dir/dashboard.password")"
  )
  if is_front "$name"; then
    settings+=(ASPNETCORE_URLS="http://$host:${http_port[$name]}" Chat__Api__InstanceName="$name")
  fi
  # From the build output, so that its appsettings.json is the content root's.
  (cd "$(dirname "$dll")" && exec env "${settings[@]}" dotnet "$dll") </dev/null >"$run_dir/$name.log" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  say "$name: PID $pid, silo port ${silo_port[$name]}, gateway ${gateway_port[$name]}$(is_front "$name" && echo ", http://$host:${http_port[$name]}")"
}

start_nginx() {
  if [[ -n "$(running_pid nginx)" ]]; then
    return 0
  fi
  bash "$root/scripts/install-nginx.sh"
  local nginx fronts="" name pid
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  for name in "${silos[@]}"; do
    if is_front "$name"; then
      fronts+="server $host:${http_port[$name]} max_fails=1 fail_timeout=5s; "
    fi
  done
  mkdir -p "$run_dir/nginx-temp"
  sed -e "s|@RUN_DIR@|$run_dir|g" -e "s|@PORT@|$balancer_port|g" -e "s|@FRONTS@|$fronts|g" \
    "$root/scripts/nginx/cluster.conf.template" >"$run_dir/nginx.conf"
  "$nginx" -t -q -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx.log" || die "nginx rejected .cluster/nginx.conf"
  "$nginx" -p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx.log" </dev/null >>"$run_dir/nginx-stdout.log" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file nginx)"
  say "nginx: PID $pid, http://$host:$balancer_port (the load balancer)"
}

up() {
  prepare
  local name running=""
  for name in "${silos[@]}"; do
    if [[ -n "$(running_pid "$name")" ]]; then
      running+=" $name"
    fi
  done
  if [[ -z "$running" ]]; then
    build
  else
    # Rebuilding would overwrite the assemblies of running silos.
    say "not building: already running:$running (run down first to rebuild)"
  fi
  start_dynamodb
  for name in "${silos[@]}"; do
    start_silo "$name"
  done
  for name in "${silos[@]}"; do
    if is_front "$name"; then
      wait_for "$name" "ready (/health/ready)" front_ready "$name"
    else
      wait_for "$name" "an active member (gateway open)" back_ready "$name"
    fi
    say "$name: ready"
  done
  start_nginx
  wait_for nginx "passing requests to the front silos" balancer_ready
  say "up: http://$host:$balancer_port (dashboard: /dashboard, user admin, password in .cluster/dashboard.password)"
}

# Sends SIGNAL to each running component named, then waits (bounded) for them to exit; SIGKILL after the time is up.
stop() {
  local pids=() name pid
  for name in "$@"; do
    pid="$(running_pid "$name")"
    if [[ -n "$pid" ]]; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$name:$pid")
    fi
  done
  local deadline=$((SECONDS + stop_timeout_seconds)) entry
  for entry in "${pids[@]}"; do
    name="${entry%%:*}"
    pid="${entry##*:}"
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name (PID $pid) did not stop within ${stop_timeout_seconds}s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    else
      say "$name: stopped (PID $pid)"
    fi
  done
  for name in "$@"; do
    rm -f "$(pid_file "$name")"
  done
}

down() {
  [[ -d "$run_dir" ]] || {
    say "nothing to stop"
    return 0
  }
  stop nginx
  stop "${silos[@]}"
  stop dynamodb
  # Removes the PID file scripts/dynamodb-local.sh keeps for the port.
  bash "$root/scripts/dynamodb-local.sh" stop "$dynamodb_port" 2>/dev/null || true
}

status() {
  local name pid state detail code served
  printf '%-9s %-8s %-8s %s\n' COMPONENT PID STATE DETAIL
  for name in dynamodb "${silos[@]}" nginx; do
    pid="$(running_pid "$name")"
    state="stopped"
    detail=""
    if [[ -n "$pid" ]]; then
      state="running"
    fi
    case "$name" in
      dynamodb) detail="http://$host:$dynamodb_port" ;;
      nginx)
        if [[ -n "$pid" ]]; then
          code="$(http_status "http://$host:$balancer_port/health/ready")"
          served="$(curl -s -o /dev/null -D - -m 3 "http://$host:$balancer_port/health/ready" 2>/dev/null | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: //p')"
          detail="http://$host:$balancer_port  /health/ready: ${code:-none}  served by: ${served:-?}"
        fi
        ;;
      *)
        if is_front "$name"; then
          code="$(http_status "http://$host:${http_port[$name]}/health/ready")"
          detail="http://$host:${http_port[$name]}  /health/ready: $code"
        elif back_ready "$name"; then
          detail="gateway ${gateway_port[$name]} open (active member)"
        else
          detail="gateway ${gateway_port[$name]} closed"
        fi
        ;;
    esac
    printf '%-9s %-8s %-8s %s\n' "$name" "${pid:--}" "$state" "$detail"
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up | down | status" >&2
    exit 2
    ;;
esac
