# One store's onboarding, run by CI once per directory under stores/, each
# with its own state key. The credentials file comes from the CI secret store.

terraform {
  required_version = ">= 1.11"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
  # Partial configuration: CI passes the bucket and a key per store.
  backend "s3" {}
}

variable "project_id" {
  description = "The store's project in Modern Retail's Onboarding Center."
  type        = string
}

variable "credentials_secret" {
  description = "Name of the CI secret that holds the store's credentials file; CI reads it, Terraform does not."
  type        = string
}

variable "credentials_file" {
  description = "Path where CI wrote the credentials file from the secret store."
  type        = string
  default     = null
}

variable "credentials" {
  description = "The credentials file's text, instead of credentials_file, where the run gets it as a variable (HCP Terraform)."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

# The provider reads MODERNRETAIL_ONBOARDING_URL and MODERNRETAIL_ONBOARDING_TOKEN from the environment.
provider "modernretail" {}

module "store" {
  source = "./modules/store-onboarding"

  credentials_file = var.credentials_file
  credentials      = var.credentials
  project_id       = var.project_id
  # The upload keeps every secret out of state.
  write_only = true
}

output "store_hash" {
  value = module.store.store_hash
}

# No output follows the registration's status: it moves from submitted to
# verified in the Onboarding Center after an apply, and a root output that
# changes counts as a change in the drift job's -detailed-exitcode. Read it with
# terraform state show module.store.modernretail_onboarding_credentials.this.
