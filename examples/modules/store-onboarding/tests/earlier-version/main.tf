# The module as it was when the form had its own resource, for the test of
# the moved blocks.

terraform {
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

variable "project_id" {
  type = string
}

variable "credentials_file" {
  type = string
}

resource "modernretail_bigcommerce_credentials" "this" {
  count    = 1
  filename = var.credentials_file
}

resource "modernretail_onboarding_credentials" "form" {
  count         = 1
  project_id    = var.project_id
  store_hash    = modernretail_bigcommerce_credentials.this[0].store_hash
  client_id     = modernretail_bigcommerce_credentials.this[0].client_id
  client_name   = modernretail_bigcommerce_credentials.this[0].client_name
  api_path      = modernretail_bigcommerce_credentials.this[0].api_path
  access_token  = modernretail_bigcommerce_credentials.this[0].access_token
  client_secret = modernretail_bigcommerce_credentials.this[0].client_secret
}

output "submitted_at" {
  value = modernretail_onboarding_credentials.form[0].submitted_at
}
