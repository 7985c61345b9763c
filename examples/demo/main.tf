terraform {
  required_version = ">= 1.10"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

variable "credentials_file" {
  description = "Path to the credentials file BigCommerce downloaded for the store."
  type        = string
}

resource "modernretail_bigcommerce_credentials" "store" {
  filename = var.credentials_file
}

output "store_hash" {
  value = modernretail_bigcommerce_credentials.store.store_hash
}

output "client_id" {
  value = modernretail_bigcommerce_credentials.store.client_id
}

output "account_name" {
  value = modernretail_bigcommerce_credentials.store.client_name
}

output "content_sha256" {
  value = modernretail_bigcommerce_credentials.store.content_sha256
}
