#!/usr/bin/env bash
# What chat.service runs: the front silo (Chat.Api) or the back silo (Chat.Silo), as CHAT_ROLE says, with its content
# root set so that appsettings.json is found.
set -euo pipefail
case "${CHAT_ROLE:-}" in
  front) exec /opt/chat/app/api/Chat.Api --contentRoot /opt/chat/app/api ;;
  back) exec /opt/chat/app/silo/Chat.Silo --contentRoot /opt/chat/app/silo ;;
  *) echo "CHAT_ROLE must be front or back, not '${CHAT_ROLE:-}'" >&2; exit 64 ;;
esac
