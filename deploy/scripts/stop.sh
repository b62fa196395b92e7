#!/usr/bin/env bash
# ApplicationStop hook, and what the lifecycle watcher runs when Auto Scaling terminates the instance.
# Stops the silo with SIGTERM (systemd waits TimeoutStopSec, bounded): a front silo refuses new requests, tells its
# clients to reconnect elsewhere and closes them; every silo writes its state and leaves the cluster. Then, when the
# instance is on its way out of its Auto Scaling group, completes the termination lifecycle hook so that the instance
# goes at once instead of at the hook's timeout.
set -euo pipefail
# shellcheck source=deploy/scripts/common.sh
source "$(dirname "$0")/common.sh"

if systemctl list-unit-files chat.service >/dev/null 2>&1 && systemctl is-active --quiet chat.service; then
  log "stopping chat.service"
  started=$(date +%s)
  systemctl stop chat.service
  log "chat.service stopped after $(( $(date +%s) - started )) s"
else
  log "chat.service is not running"
fi

state="$(metadata autoscaling/target-lifecycle-state || true)"
if [[ "$state" == "Terminated" ]]; then
  instance="$(metadata instance-id)"
  group="$(metadata tags/instance/aws:autoscaling:groupName)"
  hook="$(setting CHAT_LIFECYCLE_HOOK)"
  region="$(setting Chat__Aws__Region)"
  log "completing lifecycle hook ${hook} of ${group} for ${instance}"
  aws autoscaling complete-lifecycle-action --region "$region" --lifecycle-action-result CONTINUE \
    --lifecycle-hook-name "$hook" --auto-scaling-group-name "$group" --instance-id "$instance"
fi
