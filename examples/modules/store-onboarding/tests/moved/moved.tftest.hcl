# Terraform only (run blocks with state_key, 1.11 and later):
# terraform test -test-directory=tests/moved.
# The moved blocks take a registration from an earlier version of the module,
# where the form had its own resource, to the one resource of this version,
# without replacing it.

mock_provider "modernretail" {
  mock_resource "modernretail_bigcommerce_credentials" {
    defaults = {
      store_hash  = "acme0001"
      client_id   = "m9n8b7v6c5x4z3l2p1o0i9u8y7t6r5e"
      client_name = "Modern Retail Integration"
      api_path    = "https://api.bigcommerce.com/stores/acme0001/v3/"
    }
  }
  mock_resource "modernretail_onboarding_credentials" {
    defaults = {
      status         = "verified"
      missing_scopes = []
    }
  }
  mock_data "modernretail_bigcommerce_scopes" {
    defaults = {
      missing = []
    }
  }
}

variables {
  project_id       = "acme-outdoor"
  credentials_file = "./tests/acme-outdoor.txt"
  # hashicorp/terraform#38974: see module.tftest.hcl.
  credentials = file("./tests/acme-outdoor.txt")
}

run "earlier_version" {
  state_key = "moved"

  module {
    source = "./tests/earlier-version"
  }
}

run "moves_the_registration" {
  state_key = "moved"

  assert {
    condition     = modernretail_onboarding_credentials.this.project_id == "acme-outdoor"
    error_message = "The registration is at its new address."
  }
  assert {
    condition     = modernretail_onboarding_credentials.this.submitted_at == run.earlier_version.submitted_at
    error_message = "The registration was moved, not replaced: a new one would have been submitted anew."
  }
}
