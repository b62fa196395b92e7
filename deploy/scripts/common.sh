#!/usr/bin/env bash
# Shared by the CodeDeploy hooks and the lifecycle watcher: paths, settings and instance metadata (IMDSv2).
# Tests point CHAT_IMDS_ENDPOINT, CHAT_ETC and the PATH (for systemctl and aws) at fakes.

readonly chat_etc="${CHAT_ETC:-/etc/chat}"
readonly chat_env="${chat_etc}/chat.env"
readonly imds="${CHAT_IMDS_ENDPOINT:-http://169.254.169.254}"

# The value of KEY in /etc/chat/chat.env (written by the launch template's user data), or DEFAULT.
setting() {
  local key="$1" default="${2:-}" value=""
  if [[ -r "$chat_env" ]]; then
    value="$(sed -n "s/^${key}=//p" "$chat_env" | tail -n 1)"
  fi
  echo "${value:-$default}"
}

# GET a metadata path with an IMDSv2 session token; prints nothing (and fails) off EC2 or when the path is absent.
metadata() {
  local token
  token="$(curl -fsS --max-time 2 -X PUT "${imds}/latest/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 60")" || return 1
  curl -fsS --max-time 2 -H "X-aws-ec2-metadata-token: ${token}" "${imds}/latest/meta-data/$1"
}

log() {
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(basename "$0"): $*"
}
