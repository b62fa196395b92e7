#!/usr/bin/env bash
# Installs nginx (Debian package) for the local cluster and its tests: the stand-in for the load balancer.
# Idempotent and quiet when nginx is already there; runs apt-get update only when the package lists lack nginx.
# The package's own service is never started: the cluster runs nginx as its own process with its own
# configuration (scripts/cluster.sh, the tests), on 127.0.0.1 only.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]]; then
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-nginx: nginx is missing and installing it needs root (apt-get install nginx)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
candidate="$(apt-cache policy nginx 2>/dev/null || true)"
if [[ "$candidate" != *"Candidate: "[0-9]* ]]; then
  echo "install-nginx: updating the package lists" >&2
  apt-get update -qq
fi

# Keep the package's init script from starting a system-wide nginx on port 80 while it installs.
created_policy=""
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() {
  if [[ -n "$created_policy" ]]; then
    rm -f /usr/sbin/policy-rc.d
  fi
}
trap cleanup EXIT

echo "install-nginx: installing nginx" >&2
apt-get install -y -qq --no-install-recommends nginx >/dev/null
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || {
  echo "install-nginx: nginx is still missing after apt-get install" >&2
  exit 1
}
