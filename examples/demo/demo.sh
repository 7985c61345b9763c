#!/usr/bin/env bash
# The demo: builds the provider and the local sandbox, and onboards two stores
# with Terraform. It needs no account and no network, and leaves nothing behind.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=examples/dev-overrides.sh
source "$root/examples/dev-overrides.sh"

tmp=$(mktemp -d)
sandbox_pid=""
cleanup() {
	if [ -n "$sandbox_pid" ]; then
		kill "$sandbox_pid" 2>/dev/null || true
		wait "$sandbox_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step=0
bold='' plain=''
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
say() {
	step=$((step + 1))
	printf '\n%s%d. %s%s\n' "$bold" "$step" "$*" "$plain"
}

# tf runs terraform in the working copy, without the dev_overrides banner.
tf() {
	terraform -chdir="$tmp/work/demo" "$@" -no-color 2>&1 |
		sed -e '/Warning: Provider development overrides are in effect/,/^releases\.$/d' | cat -s
	return "${PIPESTATUS[0]}"
}

say "Building the provider and the sandbox; writing a CLI configuration with dev_overrides (no terraform init)"
dev_overrides_setup "$tmp"
(cd "$root" && go build -o "$tmp/bin/sandbox" ./internal/sandbox/cmd/sandbox)
export TF_IN_AUTOMATION=1 TF_INPUT=0

say "Starting the sandbox (BigCommerce and the Onboarding Center); it writes each store's credentials file as BigCommerce downloads it"
"$tmp/bin/sandbox" -fixture "$root/examples/demo/sandbox.json" -credentials-dir "$tmp/credentials" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 100); do
	[ -s "$tmp/sandbox.out" ] && break
	kill -0 "$sandbox_pid" 2>/dev/null || { cat "$tmp/sandbox.err" >&2; exit 1; }
	sleep 0.1
done
ready_value() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$tmp/sandbox.out"; }
bigcommerce_url=$(ready_value bigcommerce_url)
[ -n "$bigcommerce_url" ] || { echo "The sandbox did not start." >&2; cat "$tmp/sandbox.err" >&2; exit 1; }
export BIGCOMMERCE_API_URL=$bigcommerce_url
MODERNRETAIL_ONBOARDING_URL=$(ready_value onboarding_url)
MODERNRETAIL_ONBOARDING_TOKEN=$(ready_value onboarding_token)
export MODERNRETAIL_ONBOARDING_URL MODERNRETAIL_ONBOARDING_TOKEN
echo "   BigCommerce API: $bigcommerce_url; Onboarding Center: $MODERNRETAIL_ONBOARDING_URL"
echo "   Credentials files: $(cd "$tmp/credentials" && echo *)"

mkdir -p "$tmp/work"
cp -r "$root/examples/demo" "$root/examples/modules" "$tmp/work/"
tf get >/dev/null
vars=(-var "credentials_dir=$tmp/credentials")

say "terraform plan: Bolt Bikes' API account lacks two scopes, so the plan fails before anything is applied"
if tf plan "${vars[@]}" >"$tmp/plan.out"; then
	cat "$tmp/plan.out"
	echo "The plan should have failed." >&2
	exit 1
fi
sed -n '/^Error: /,$p' "$tmp/plan.out"

say "The owner of Bolt Bikes changes the two scopes in the control panel (here, the sandbox's admin API)"
client_id=$(sed -n 's/^CLIENT ID: //p' "$tmp/credentials/bolt-bikes.txt")
curl -fsS -X PUT -H 'Content-Type: application/json' \
	--data '["store_v2_customers","store_v2_information_read_only","store_v2_marketing","store_v2_orders","store_v2_transactions","store_payments_methods_read","store_v2_products","store_cart","store_storefront_api","store_storefront_api_customer_impersonation"]' \
	"$bigcommerce_url/_sandbox/stores/b0ltb1kes/api-accounts/$client_id/scopes"
echo "   Orders: read-only -> modify; Storefront API Customer Impersonation Tokens: none -> manage"

say "terraform apply: both stores' credentials are registered and verified by the Onboarding Center"
tf apply -auto-approve "${vars[@]}" | sed -n '/Apply complete/,$p'

say "A second terraform plan is empty (exit code 0 with -detailed-exitcode)"
tf plan -detailed-exitcode "${vars[@]}" | grep '^No changes'

say "Done; the sandbox is stopped and the temporary files are removed."
