# Report instead of failing: inspect `satisfied` and `missing`, for example in a
# check block that warns without blocking the run.
data "modernretail_bigcommerce_scopes" "bolt_bikes" {
  filename        = "${path.module}/credentials/bolt-bikes.txt"
  fail_on_missing = false
}

check "bolt_bikes_scopes" {
  assert {
    condition     = data.modernretail_bigcommerce_scopes.bolt_bikes.satisfied
    error_message = "Bolt Bikes lacks: ${join(", ", data.modernretail_bigcommerce_scopes.bolt_bikes.missing)}"
  }
}

# Credentials that come from elsewhere, and a narrower set of scopes.
variable "carts_token" {
  type      = string
  sensitive = true
}

data "modernretail_bigcommerce_scopes" "carts_only" {
  store_hash   = "ab12cd34ef"
  access_token = var.carts_token
  required     = ["store_cart", "store_v2_products_read_only"]
}
