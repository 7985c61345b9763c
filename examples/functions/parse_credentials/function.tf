# One module instance per credentials file in a directory, keyed by store hash.
locals {
  stores = {
    for f in fileset("${path.module}/credentials", "*.txt") :
    provider::modernretail::parse_credentials(file("${path.module}/credentials/${f}")).store_hash => "${path.module}/credentials/${f}"
  }
}

# Refuse a malformed file before anything is planned. Call the function
# directly rather than in a variable validation with can(): a failed
# validation prints the variable's value, which here is the whole file, and
# can() hides the function's own message. The function's error names the line
# and label at fault and never quotes a secret; the sensitive variable's value
# is shown as "(sensitive value)".
variable "credentials" {
  type      = string
  sensitive = true
}

locals {
  credentials = provider::modernretail::parse_credentials(var.credentials)
}

# The function returns only non-secret fields, so they may leave the sensitive variable.
output "client_id" {
  value = nonsensitive(local.credentials.client_id)
}
