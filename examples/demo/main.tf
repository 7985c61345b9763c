# The demo: two stores onboarded with the per-store module. The provider
# reaches the local sandbox through BIGCOMMERCE_API_URL, set by demo.sh.

terraform {
  required_version = ">= 1.10"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

variable "credentials_dir" {
  description = "Directory holding each store's downloaded credentials file."
  type        = string
}

locals {
  stores = {
    "acme-outdoor" = { credentials_file = "${var.credentials_dir}/acme-outdoor.txt" }
    "bolt-bikes"   = { credentials_file = "${var.credentials_dir}/bolt-bikes.txt" }
  }
}

module "store" {
  source   = "../modules/store-onboarding"
  for_each = local.stores

  credentials_file = each.value.credentials_file
}

output "stores" {
  value = {
    for name, store in module.store : name => {
      store_hash     = store.store_hash
      store_name     = store.store_name
      missing_scopes = store.missing_scopes
    }
  }
}
