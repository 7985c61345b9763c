# Onboards one BigCommerce store into Modern Retail: checks the API account's
# scopes during `terraform plan`, then registers the credentials with the
# store's onboarding project.

terraform {
  required_version = ">= 1.11"
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

  # The provider's parser reads the file, so a malformed one fails here with
  # the line and label at fault, and never the file's text.
  validation {
    condition     = var.credentials_file == null || provider::modernretail::parse_credentials(file(var.credentials_file)).store_hash != ""
    error_message = "credentials_file must be the credentials file BigCommerce downloaded for the store's API account."
  }
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

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.project_id))
    error_message = "project_id must be an Onboarding Center project id: 1 to 64 letters, digits, '_' or '-', as in the project's address."
  }
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

# One registration, whose arguments switch between the form (the file's fields,
# with the secrets in state) and the write-only upload of the file's text.
# Switching write_only is an in-place update: the registration is never
# withdrawn, and the same credentials are not submitted again.
resource "modernretail_onboarding_credentials" "this" {
  project_id = var.project_id

  store_hash    = one(modernretail_bigcommerce_credentials.this[*].store_hash)
  client_id     = one(modernretail_bigcommerce_credentials.this[*].client_id)
  client_name   = one(modernretail_bigcommerce_credentials.this[*].client_name)
  api_path      = one(modernretail_bigcommerce_credentials.this[*].api_path)
  access_token  = one(modernretail_bigcommerce_credentials.this[*].access_token)
  client_secret = one(modernretail_bigcommerce_credentials.this[*].client_secret)

  credentials_wo         = var.write_only ? (var.credentials != null ? var.credentials : file(var.credentials_file)) : null
  credentials_wo_version = var.write_only ? var.credentials_version : null

  # In the form, the data source has checked the scopes during plan; the
  # registration checks them again only when the data source checks another set.
  # That spares the store's quota the second check Terraform would run during apply.
  # The upload checks the ten required scopes itself.
  require_scopes = var.write_only || var.required_scopes != null

  depends_on = [data.modernretail_bigcommerce_scopes.this]
}

# Earlier versions of this module kept the two forms in two resources.
moved {
  from = modernretail_onboarding_credentials.form[0]
  to   = modernretail_onboarding_credentials.upload[0]
}

moved {
  from = modernretail_onboarding_credentials.upload[0]
  to   = modernretail_onboarding_credentials.this
}

output "store_hash" {
  description = "The store hash from the credentials file."
  value       = modernretail_onboarding_credentials.this.store_hash
}

output "status" {
  description = "The API Credentials task's status in the Onboarding Center: verified once the credentials are checked."
  value       = modernretail_onboarding_credentials.this.status
}

output "missing_scopes" {
  description = "Required scopes the account lacks; empty once the plan passes."
  value       = var.write_only ? modernretail_onboarding_credentials.this.missing_scopes : data.modernretail_bigcommerce_scopes.this[0].missing
}
