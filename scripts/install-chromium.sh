#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Tests/Browser drive /usr/bin/chromium through Playwright;
# no browser is downloaded). Idempotent and quiet when Chromium is already there; runs apt-get update only
# when the package lists lack it.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-chromium: chromium is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
candidate="$(apt-cache policy chromium 2>/dev/null || true)"
if [[ "$candidate" != *"Candidate: "[0-9]* ]]; then
  echo "install-chromium: updating the package lists" >&2
  apt-get update -qq
fi

echo "install-chromium: installing chromium" >&2
apt-get install -y -qq --no-install-recommends chromium >/dev/null
[[ -x /usr/bin/chromium ]] || {
  echo "install-chromium: /usr/bin/chromium is still missing after apt-get install" >&2
  exit 1
}
