#!/usr/bin/env bash
# The demo: builds the provider, writes a sample BigCommerce credentials file
# with fake values, and runs Terraform against it. It needs no account and no
# network, and it leaves nothing behind.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=examples/dev-overrides.sh
source "$root/examples/dev-overrides.sh"

tmp=$(mktemp -d)
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

step=0
bold='' plain=''
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
say() {
	step=$((step + 1))
	printf '\n%s%d. %s%s\n' "$bold" "$step" "$*" "$plain"
}

# random_chars ALPHABET N prints N random characters from ALPHABET.
random_chars() {
	local chars
	chars=$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc "$1")
	printf '%s' "${chars:0:$2}"
}

say "Building the provider and a temporary CLI configuration (dev_overrides, no terraform init)"
dev_overrides_setup "$tmp"
export TF_IN_AUTOMATION=1 TF_INPUT=0

say "Writing a sample credentials file, as BigCommerce downloads it, with fake values"
store_hash=$(random_chars 'a-z0-9' 10)
umask 077
cat >"$tmp/credentials.txt" <<EOF
ACCESS TOKEN: $(random_chars 'a-z0-9' 31)
CLIENT NAME: Modern Retail Integration
API PATH: https://api.bigcommerce.com/stores/$store_hash/v3/
CLIENT ID: $(random_chars 'a-z0-9' 31)
CLIENT SECRET: $(random_chars 'a-f0-9' 64)
EOF
echo "   $tmp/credentials.txt (store hash $store_hash)"

mkdir -p "$tmp/work"
cp "$root/examples/demo/"*.tf "$tmp/work/"
tf() { terraform -chdir="$tmp/work" "$@" -no-color 2>&1 | grep -v -e 'Provider development overrides' -e '^ - modernretail' -e 'The following provider development' -e 'configuration:$' -e 'The behavior may therefore' -e 'applying changes may cause' -e 'releases.$' | cat -s; return "${PIPESTATUS[0]}"; }

say "A store- prefix pasted into API PATH fails terraform plan, naming the line"
sed "s#/stores/$store_hash/#/stores/store-$store_hash/#" "$tmp/credentials.txt" >"$tmp/broken.txt"
if tf plan -var "credentials_file=$tmp/broken.txt"; then
	echo "The plan should have failed." >&2
	exit 1
fi

say "terraform plan: every value is known before apply; the secrets are marked sensitive"
tf plan -var "credentials_file=$tmp/credentials.txt"

say "terraform apply"
tf apply -auto-approve -var "credentials_file=$tmp/credentials.txt" | sed -n '/Creating\.\.\./,$p'

say "A second terraform plan is empty (exit code 0 with -detailed-exitcode)"
tf plan -detailed-exitcode -var "credentials_file=$tmp/credentials.txt" | grep '^No changes'

say "Done; the temporary files are removed."
