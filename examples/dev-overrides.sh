# shellcheck shell=bash
# Shared by the demo, the example checks, the tests and the fleet benchmark;
# source it, then call dev_overrides_setup DIR [PACKAGE]. It builds the
# provider (or PACKAGE, a provider of the same address) into DIR/bin and points
# TF_CLI_CONFIG_FILE at a CLI configuration in DIR whose dev_overrides use that
# build, so Terraform needs no `terraform init` and no network. The same
# configuration serves OpenTofu, whose registry host it names too.

dev_overrides_setup() {
	local dir=$1 package=${2:-.} root
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	if ! command -v terraform >/dev/null 2>&1; then
		echo "terraform is not on PATH; install Terraform 1.11 or later." >&2
		return 1
	fi
	mkdir -p "$dir/bin"
	(cd "$root" && go build -o "$dir/bin/terraform-provider-modernretail" -ldflags "-X main.version=${VERSION:-dev}" "$package") || return 1
	cat >"$dir/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/modernretail/modernretail" = "$dir/bin"
    "registry.opentofu.org/modernretail/modernretail" = "$dir/bin"
  }
  direct {}
}
EOF
	export TF_CLI_CONFIG_FILE="$dir/terraformrc"
	export CHECKPOINT_DISABLE=1
}
