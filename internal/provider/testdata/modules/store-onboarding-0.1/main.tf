# Onboards one BigCommerce store into Modern Retail: checks the API account's
# scopes during `terraform plan`, then registers the credentials with the
# store's onboarding project.

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
  default     = null
}

variable "credentials" {
  description = "With write_only, the credentials file's text instead of credentials_file, for runs that get it from a secret store rather than a file."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "project_id" {
  description = "The store's project in Modern Retail's Onboarding Center."
  type        = string
}

variable "required_scopes" {
  description = "OAuth scope strings the plan-time check asserts; null means the ten Modern Retail requires."
  type        = set(string)
  default     = null
}

variable "write_only" {
  description = "Register through the write-only file upload (Terraform 1.11 and later), so state holds no secret. The registration's own plan-time gate then checks the ten required scopes."
  type        = bool
  default     = false
}

variable "credentials_version" {
  description = "With write_only, bump it to submit the same file again."
  type        = number
  default     = 1
}

# The scope check reads the file directly, so a new store's missing scopes
# fail its first plan.
data "modernretail_bigcommerce_scopes" "this" {
  count    = var.write_only ? 0 : 1
  filename = var.credentials_file
  required = var.required_scopes
}

resource "modernretail_bigcommerce_credentials" "this" {
  count    = var.write_only ? 0 : 1
  filename = var.credentials_file
}

resource "modernretail_onboarding_credentials" "form" {
  count = var.write_only ? 0 : 1

  project_id    = var.project_id
  store_hash    = modernretail_bigcommerce_credentials.this[0].store_hash
  client_id     = modernretail_bigcommerce_credentials.this[0].client_id
  client_name   = modernretail_bigcommerce_credentials.this[0].client_name
  api_path      = modernretail_bigcommerce_credentials.this[0].api_path
  access_token  = modernretail_bigcommerce_credentials.this[0].access_token
  client_secret = modernretail_bigcommerce_credentials.this[0].client_secret

  # The data source has checked the ten required scopes during plan; the
  # registration checks them again only when the data source checks another set.
  # That spares the store's quota the second check Terraform would run during apply.
  require_scopes = var.required_scopes != null

  depends_on = [data.modernretail_bigcommerce_scopes.this]
}

resource "modernretail_onboarding_credentials" "upload" {
  count = var.write_only ? 1 : 0

  project_id             = var.project_id
  credentials_wo         = var.credentials != null ? var.credentials : file(var.credentials_file)
  credentials_wo_version = var.credentials_version
}

locals {
  registration = var.write_only ? modernretail_onboarding_credentials.upload[0] : modernretail_onboarding_credentials.form[0]
}

output "store_hash" {
  description = "The store hash from the credentials file."
  value       = local.registration.store_hash
}

output "status" {
  description = "The API Credentials task's status in the Onboarding Center: verified once the credentials are checked."
  value       = local.registration.status
}

output "missing_scopes" {
  description = "Required scopes the account lacks; empty once the plan passes."
  value       = var.write_only ? local.registration.missing_scopes : data.modernretail_bigcommerce_scopes.this[0].missing
}
