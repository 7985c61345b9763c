# Check the "Modern Retail Integration" account's scopes during `terraform plan`.
# Point the data source at the file itself: a data source that reads a resource
# being created in the same plan is only read during apply.
data "modernretail_bigcommerce_scopes" "acme_outdoor" {
  filename = "${path.module}/credentials/acme-outdoor.txt"
}

resource "modernretail_bigcommerce_credentials" "acme_outdoor" {
  filename = "${path.module}/credentials/acme-outdoor.txt"
}

output "acme_outdoor_store" {
  value = data.modernretail_bigcommerce_scopes.acme_outdoor.store_name
}
