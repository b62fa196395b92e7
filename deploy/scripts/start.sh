#!/usr/bin/env bash
# ApplicationStart hook: starts the silo and the watcher that lets it leave gracefully on scale-in.
set -euo pipefail
# shellcheck source=deploy/scripts/common.sh
source "$(dirname "$0")/common.sh"

chmod 0755 /opt/chat/bin/*.sh
systemctl enable --now chat-lifecycle.service
systemctl enable chat.service
systemctl restart chat.service
log "started the $(setting CHAT_ROLE) silo"
