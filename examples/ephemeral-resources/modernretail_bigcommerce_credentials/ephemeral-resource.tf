# Read the file without writing the token or secret to plan or state
# (Terraform 1.11 and later for the write-only arguments it feeds). Its values
# may only flow into ephemeral contexts, such as write-only arguments.
ephemeral "modernretail_bigcommerce_credentials" "acme_outdoor" {
  filename = "${path.module}/credentials/acme-outdoor.txt"
}

# The form of the registration. The secrets go in write-only arguments, fed by
# the ephemeral resource, so neither plan nor state holds them; the non-secret
# fields, which state keeps, are typed as they stand in the file. The plan-time
# scope check tells a token of another store. Bump credentials_wo_version to
# submit the same secrets again.
resource "modernretail_onboarding_credentials" "acme_outdoor" {
  project_id             = "acme-outdoor"
  store_hash             = "abc123xyz"
  client_id              = "dkq7n2x9mb5tq1w8r4ze6ch3yvp0sla"
  client_name            = "Modern Retail Integration"
  access_token_wo        = ephemeral.modernretail_bigcommerce_credentials.acme_outdoor.access_token
  client_secret_wo       = ephemeral.modernretail_bigcommerce_credentials.acme_outdoor.client_secret
  credentials_wo_version = 1
}
