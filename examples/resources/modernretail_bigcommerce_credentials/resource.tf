# Ingest the file BigCommerce downloaded when the store owner created the
# "Modern Retail Integration" API account. A malformed file fails `terraform plan`.
resource "modernretail_bigcommerce_credentials" "acme_outdoor" {
  filename = "${path.module}/credentials/acme-outdoor.txt"
}

# The file's text can come from a secret store instead.
variable "bolt_bikes_credentials" {
  type      = string
  sensitive = true
}

resource "modernretail_bigcommerce_credentials" "bolt_bikes" {
  content = var.bolt_bikes_credentials
}

output "acme_outdoor_store_hash" {
  value = modernretail_bigcommerce_credentials.acme_outdoor.store_hash
}
