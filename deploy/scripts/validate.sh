#!/usr/bin/env bash
# ValidateService hook: a front silo is valid once /health/ready answers 200 (it is an active cluster member), a
# back silo once its service has stayed up for 20 s. A failure here fails the deployment, and CodeDeploy rolls back.
set -euo pipefail
# shellcheck source=deploy/scripts/common.sh
source "$(dirname "$0")/common.sh"

readonly deadline=$(( $(date +%s) + ${CHAT_VALIDATE_SECONDS:-150} ))
role="$(setting CHAT_ROLE front)"
urls="$(setting ASPNETCORE_URLS http://0.0.0.0:8080)"
port="${urls##*:}"

if [[ "$role" == "front" ]]; then
  until curl -fsS --max-time 2 "http://127.0.0.1:${port}/health/ready" >/dev/null; do
    if (( $(date +%s) > deadline )); then
      log "/health/ready did not answer 200 in time"
      exit 1
    fi
    sleep 2
  done
  log "front silo ready"
else
  stable_since=""
  while (( $(date +%s) <= deadline )); do
    if systemctl is-active --quiet chat.service; then
      stable_since="${stable_since:-$(date +%s)}"
      if (( $(date +%s) - stable_since >= 20 )); then
        log "back silo up for 20 s"
        exit 0
      fi
    else
      stable_since=""
    fi
    sleep 2
  done
  log "back silo did not stay up"
  exit 1
fi
