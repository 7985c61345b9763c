#!/usr/bin/env bash
# Finds the stores for the onboarding workflows and prints them as JSON, one
# line, for a job matrix. It runs from the repository's root, beside stores/.
#
#   discover-stores.sh stores
#       every stores/<store>/store.tfvars.json, as [{"name": ..., "secret": ...}], by name
#   discover-stores.sh removed BEFORE AFTER
#       the stores whose store.tfvars.json the commits from BEFORE to AFTER
#       deleted, moved directories included, as ["<store>", ...]; none when
#       BEFORE is empty, all zeros (a branch's first push) or not in the clone
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

usage() {
	echo "usage: $0 stores | removed BEFORE AFTER" >&2
	exit 2
}

case "${1:-}" in
stores)
	for f in stores/*/store.tfvars.json; do
		[ -e "$f" ] || continue
		name=$(basename "$(dirname "$f")")
		jq -c --arg name "$name" '{name: $name, secret: .credentials_secret}' "$f"
	done | jq -cs 'sort_by(.name)'
	;;
removed)
	[ $# -eq 3 ] || usage
	before=$2 after=$3
	if [ -z "$before" ] || [[ $before =~ ^0+$ ]] || ! git cat-file -e "$before^{commit}" 2>/dev/null; then
		echo '[]'
		exit 0
	fi
	# NUL-separated, without rename detection: a moved store is one removed and one added.
	git diff -z --no-renames --diff-filter=D --name-only "$before" "$after" -- 'stores/*/store.tfvars.json' |
		jq -Rcs 'split("\u0000") | map(select(length > 0) | split("/")[1]) | unique'
	;;
*)
	usage
	;;
esac
