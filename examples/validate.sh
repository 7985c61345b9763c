#!/usr/bin/env bash
# Checks that every example is formatted and valid against a local build of the provider.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=examples/dev-overrides.sh
source "$root/examples/dev-overrides.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dev_overrides_setup "$tmp"

terraform fmt -check -recursive "$root/examples"

status=0
while IFS= read -r dir; do
	# Registry doc examples leave out the terraform block, so a copy gets one.
	work="$tmp/work/${dir#"$root"/}"
	mkdir -p "$work"
	cp "$dir"/*.tf "$work/"
	if ! grep -q required_providers "$work"/*.tf; then
		cat >"$work/required_providers.tf" <<'EOF'
terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}
EOF
	fi
	if out=$(TF_DATA_DIR="$tmp/data" terraform -chdir="$work" validate -no-color 2>&1); then
		echo "valid: ${dir#"$root"/}"
	else
		echo "INVALID: ${dir#"$root"/}" >&2
		echo "$out" >&2
		status=1
	fi
done < <(find "$root/examples" -name '*.tf' -printf '%h\n' | sort -u)
exit $status
