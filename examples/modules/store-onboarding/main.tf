# Onboards one BigCommerce store: reads the credentials file BigCommerce
# downloaded and checks its scopes during `terraform plan`.

terraform {
  required_version = ">= 1.10"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

variable "credentials_file" {
  description = "Path to the credentials file BigCommerce downloaded for the store's \"Modern Retail Integration\" API account."
  type        = string
}

variable "required_scopes" {
  description = "OAuth scope strings the account must hold; null means the ten Modern Retail requires."
  type        = set(string)
  default     = null
}

# The scope check reads the file directly, so a new store's missing scopes
# fail its first plan.
data "modernretail_bigcommerce_scopes" "this" {
  filename = var.credentials_file
  required = var.required_scopes
}

resource "modernretail_bigcommerce_credentials" "this" {
  filename = var.credentials_file
}

output "store_hash" {
  description = "The store hash from the credentials file."
  value       = modernretail_bigcommerce_credentials.this.store_hash
}

output "store_name" {
  description = "The store's name, as BigCommerce reports it."
  value       = data.modernretail_bigcommerce_scopes.this.store_name
}

output "missing_scopes" {
  description = "Required scopes the account lacks (empty once the plan passes)."
  value       = data.modernretail_bigcommerce_scopes.this.missing
}
