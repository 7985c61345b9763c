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

# A copy of the tree keeps relative module paths working; registry doc
# examples leave out the terraform block, so their copies get one.
cp -r "$root/examples" "$tmp/examples"
status=0
while IFS= read -r dir; do
	rel=${dir#"$tmp"/}
	if ! grep -q required_providers "$dir"/*.tf; then
		cat >"$dir/required_providers.tf" <<'EOF'
terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}
EOF
	fi
	data="$tmp/data/$rel"
	if out=$(TF_DATA_DIR="$data" terraform -chdir="$dir" get -no-color 2>&1 &&
		TF_DATA_DIR="$data" terraform -chdir="$dir" validate -no-color 2>&1); then
		echo "valid: $rel"
	else
		echo "INVALID: $rel" >&2
		echo "$out" >&2
		status=1
	fi
done < <(find "$tmp/examples" -name '*.tf' -printf '%h\n' | sort -u)
exit $status
