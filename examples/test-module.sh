#!/usr/bin/env bash
# Runs the per-store module's own tests (tests/*.tftest.hcl, with a mocked
# provider) against a local build of the provider: test-module.sh [CLI], where
# CLI is terraform (the default) or an OpenTofu binary.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=examples/dev-overrides.sh
source "$root/examples/dev-overrides.sh"
cli=${1:-terraform}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dev_overrides_setup "$tmp"
cp -r "$root/examples/modules/store-onboarding" "$tmp/module"
cd "$tmp/module"

"$cli" test -no-color
# The moved blocks' test shares state between two module versions through
# run blocks' state_key, which Terraform has from 1.11 and OpenTofu lacks.
if "$cli" version 2>/dev/null | head -n1 | grep -q '^Terraform'; then
	"$cli" get -no-color -test-directory=tests/moved >/dev/null
	"$cli" test -no-color -test-directory=tests/moved
fi
