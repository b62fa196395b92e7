#!/usr/bin/env bash
# BeforeInstall hook: the service account, the folders, the systemd units and the log shipping. CodeDeploy then
# copies app/ to /opt/chat/app and scripts/ to /opt/chat/bin.
set -euo pipefail
here="$(dirname "$0")"
# shellcheck source=deploy/scripts/common.sh
source "${here}/common.sh"

id chat >/dev/null 2>&1 || useradd --system --home-dir /opt/chat --shell /sbin/nologin chat
rm -rf /opt/chat/app
install -d -o root -g root -m 0755 /opt/chat /opt/chat/bin
install -d -o chat -g chat -m 0750 /var/log/chat
install -m 0644 "${here}/chat.service" /etc/systemd/system/chat.service
install -m 0644 "${here}/chat-lifecycle.service" /etc/systemd/system/chat-lifecycle.service
systemctl daemon-reload

# Ship the app's log to the stack's log group (the CloudWatch agent is installed by the user data).
if [[ -x /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl ]]; then
  sed "s|@LOG_GROUP@|$(cat "${chat_etc}/log-group")|" "${here}/cloudwatch-agent.json" >/opt/chat/cloudwatch-agent.json
  /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/chat/cloudwatch-agent.json
fi
log "installed units for the $(setting CHAT_ROLE) silo"
