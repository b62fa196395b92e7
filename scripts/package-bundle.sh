#!/usr/bin/env bash
# Builds the CodeDeploy bundle (layout in docs/deploy.md) into artifacts/chat-bundle.zip:
#   appspec.yml          from deploy/appspec.yml
#   scripts/             the hooks, the systemd units and the CloudWatch agent settings (deploy/scripts)
#   app/api/             the front silo, published self-contained for linux-x64 (no .NET install on the instance)
#   app/silo/            the back silo, likewise
# With --site, also builds the browser client (web/) into artifacts/site for the S3 bucket.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly out="artifacts"
readonly staging="${out}/bundle"
rm -rf "$staging" "${out}/chat-bundle.zip"
mkdir -p "${staging}/app"

cp deploy/appspec.yml "${staging}/appspec.yml"
cp -r deploy/scripts "${staging}/scripts"
chmod 0755 "${staging}"/scripts/*.sh

publish() {
  dotnet publish "$1" --nologo -v quiet -c Release -r linux-x64 --self-contained true -o "$2"
}
publish Api/Api.csproj "${staging}/app/api"
publish Silo/Silo.csproj "${staging}/app/silo"

(cd "$staging" && zip -q -r -X ../chat-bundle.zip .)
echo "bundle: ${out}/chat-bundle.zip ($(du -h "${out}/chat-bundle.zip" | cut -f1))"

if [[ "${1:-}" == "--site" ]]; then
  rm -rf "${out}/site"
  if [[ -f web/package.json ]]; then
    npm ci --prefix web --no-audit --no-fund
    npm run build --prefix web
    cp -r web/dist "${out}/site"
    echo "site: ${out}/site"
  else
    echo "site: no browser client (web/package.json) to build" >&2
  fi
fi
