# Report instead of failing: inspect `missing` and `unverified`, for example in
# a check block that warns without blocking the run. `satisfied` stays false for
# the default set, since Order Transactions: modify is proven only up to
# read-only and is listed in `unverified`.
data "modernretail_bigcommerce_scopes" "bolt_bikes" {
  filename        = "${path.module}/credentials/bolt-bikes.txt"
  fail_on_missing = false
}

check "bolt_bikes_scopes" {
  assert {
    condition     = length(data.modernretail_bigcommerce_scopes.bolt_bikes.missing) == 0
    error_message = "Bolt Bikes lacks: ${join(", ", data.modernretail_bigcommerce_scopes.bolt_bikes.missing)}"
  }

  assert {
    condition     = toset(data.modernretail_bigcommerce_scopes.bolt_bikes.unverified) == toset(["store_v2_transactions"])
    error_message = "Check in the control panel: ${join(", ", data.modernretail_bigcommerce_scopes.bolt_bikes.unverified)}"
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
