variable "credentials_dir" {
  description = "Directory holding the credentials files BigCommerce downloaded."
  type        = string
}

# The file upload: the downloaded file's text, parsed at plan; state holds no
# secret (Terraform 1.11 and later).
resource "modernretail_onboarding_credentials" "acme_outdoor" {
  project_id             = "acme-outdoor"
  credentials_wo         = file("${var.credentials_dir}/acme-outdoor.txt")
  credentials_wo_version = 1
}

# The form, wired from the credentials resource. The secrets are stored in
# state, marked sensitive.
resource "modernretail_bigcommerce_credentials" "bolt_bikes" {
  filename = "${var.credentials_dir}/bolt-bikes.txt"
}

resource "modernretail_onboarding_credentials" "bolt_bikes" {
  project_id    = "bolt-bikes"
  store_hash    = modernretail_bigcommerce_credentials.bolt_bikes.store_hash
  client_id     = modernretail_bigcommerce_credentials.bolt_bikes.client_id
  client_name   = modernretail_bigcommerce_credentials.bolt_bikes.client_name
  api_path      = modernretail_bigcommerce_credentials.bolt_bikes.api_path
  access_token  = modernretail_bigcommerce_credentials.bolt_bikes.access_token
  client_secret = modernretail_bigcommerce_credentials.bolt_bikes.client_secret

  timeouts = {
    create = "15m"
  }
}

# The form with write-only secrets from the ephemeral resource. The non-secret
# fields, which state keeps, are typed as they stand in the file, client_name
# included, so that switching to this form from the upload submits nothing.
ephemeral "modernretail_bigcommerce_credentials" "cobalt_coffee" {
  filename = "${var.credentials_dir}/cobalt-coffee.txt"
}

resource "modernretail_onboarding_credentials" "cobalt_coffee" {
  project_id             = "cobalt-coffee"
  store_hash             = "c0ba1tc0f"
  client_id              = "0123456789abcdefghijklmnopqrstu"
  client_name            = "Modern Retail Integration"
  access_token_wo        = ephemeral.modernretail_bigcommerce_credentials.cobalt_coffee.access_token
  client_secret_wo       = ephemeral.modernretail_bigcommerce_credentials.cobalt_coffee.client_secret
  credentials_wo_version = 1
}
