# Read the same file without writing the token or secret to plan or state
# (Terraform 1.10 and later). Its values may only flow into ephemeral contexts,
# such as write-only arguments and provider blocks.
ephemeral "modernretail_bigcommerce_credentials" "acme_outdoor" {
  filename = "${path.module}/credentials/acme-outdoor.txt"
}

locals {
  acme_outdoor_store_hash = ephemeral.modernretail_bigcommerce_credentials.acme_outdoor.store_hash
}
