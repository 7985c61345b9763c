# The demo: two stores onboarded with the per-store module, one store per
# module instance. The provider reaches the local sandbox through
# BIGCOMMERCE_API_URL, MODERNRETAIL_ONBOARDING_URL and
# MODERNRETAIL_ONBOARDING_TOKEN, which demo.sh sets.

terraform {
  required_version = ">= 1.11"
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
    "acme-outdoor" = { credentials_file = "${var.credentials_dir}/acme-outdoor.txt", project_id = "acme-outdoor" }
    "bolt-bikes"   = { credentials_file = "${var.credentials_dir}/bolt-bikes.txt", project_id = "bolt-bikes" }
  }
}

module "store" {
  source   = "../modules/store-onboarding"
  for_each = local.stores

  credentials_file = each.value.credentials_file
  project_id       = each.value.project_id
}

output "stores" {
  description = "Each store's hash and onboarding status."
  value = {
    for name, store in module.store : name => {
      store_hash = store.store_hash
      status     = store.status
    }
  }
}
