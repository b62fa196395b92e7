#!/usr/bin/env bash
# chat-lifecycle.service: polls the instance's Auto Scaling target lifecycle state (IMDSv2). When it turns to
# Terminated (scale-in, instance refresh, a failed health check), the termination hook holds the instance while
# stop.sh stops the silo gracefully and completes the hook.
set -euo pipefail
here="$(dirname "$0")"
# shellcheck source=deploy/scripts/common.sh
source "${here}/common.sh"

readonly interval="${CHAT_LIFECYCLE_POLL_SECONDS:-5}"
while true; do
  if [[ "$(metadata autoscaling/target-lifecycle-state || true)" == "Terminated" ]]; then
    log "instance is terminating: leaving the cluster"
    exec "${here}/stop.sh"
  fi
  sleep "$interval"
done
