# One module instance per credentials file in a directory, keyed by store hash.
locals {
  stores = {
    for f in fileset("${path.module}/credentials", "*.txt") :
    provider::modernretail::parse_credentials(file("${path.module}/credentials/${f}")).store_hash => "${path.module}/credentials/${f}"
  }
}

# Refuse a malformed file before anything is planned.
variable "credentials" {
  type      = string
  sensitive = true

  validation {
    condition     = can(provider::modernretail::parse_credentials(var.credentials))
    error_message = "The credentials file BigCommerce downloaded is malformed; see the parse_credentials function's error."
  }
}

# The function returns only non-secret fields, so they may leave the sensitive variable.
output "client_id" {
  value = nonsensitive(provider::modernretail::parse_credentials(var.credentials).client_id)
}
