# Tests of the module's wiring, with a mocked provider: no BigCommerce and no
# Onboarding Center. The provider's parse_credentials function still runs, as
# the credentials_file validation calls it.
#
# Under Terraform before 1.17, an apply run of a configuration with an
# ephemeral variable fails unless the variable has a value in that run
# (hashicorp/terraform#38974), so every run sets credentials; the form
# ignores it. OpenTofu has no such problem.

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
      missing = ["store_v2_orders"]
    }
  }
}

variables {
  project_id       = "acme-outdoor"
  credentials_file = "./tests/acme-outdoor.txt"
  credentials      = file("./tests/acme-outdoor.txt")
}

run "form_by_default" {
  command = plan

  assert {
    condition     = length(modernretail_bigcommerce_credentials.this) == 1 && length(data.modernretail_bigcommerce_scopes.this) == 1
    error_message = "The form reads the file through the credentials resource and checks the scopes with the data source."
  }
  assert {
    condition     = modernretail_onboarding_credentials.this.credentials_wo_version == null
    error_message = "The form sets no credentials_wo_version."
  }
  assert {
    condition     = modernretail_onboarding_credentials.this.require_scopes == false
    error_message = "The form leaves the scope check to the data source."
  }
  assert {
    condition     = modernretail_onboarding_credentials.this.project_id == "acme-outdoor"
    error_message = "The registration is for the configured project."
  }
}

run "form_checks_another_scope_set_itself" {
  command = plan

  variables {
    required_scopes = ["store_v2_orders"]
  }

  assert {
    condition     = modernretail_onboarding_credentials.this.require_scopes == true
    error_message = "With another scope set, the registration checks the ten required scopes itself."
  }
}

run "form_outputs" {
  assert {
    condition     = output.status == "verified" && output.store_hash == "acme0001"
    error_message = "The outputs read the registration."
  }
  assert {
    condition     = length(output.missing_scopes) == 1 && output.missing_scopes[0] == "store_v2_orders"
    error_message = "In the form, missing_scopes is the data source's."
  }
}

run "switch_to_write_only" {
  variables {
    write_only = true
  }

  assert {
    condition     = length(modernretail_bigcommerce_credentials.this) == 0 && length(data.modernretail_bigcommerce_scopes.this) == 0
    error_message = "The upload needs neither the credentials resource nor the data source."
  }
  assert {
    condition     = modernretail_onboarding_credentials.this.credentials_wo_version == 1 && modernretail_onboarding_credentials.this.require_scopes == true
    error_message = "The upload sets credentials_wo_version and checks the scopes itself."
  }
  assert {
    condition     = length(output.missing_scopes) == 0
    error_message = "With the upload, missing_scopes is the registration's."
  }
}

run "write_only_from_the_file" {
  command = plan

  variables {
    write_only  = true
    credentials = null
  }

  assert {
    condition     = modernretail_onboarding_credentials.this.credentials_wo_version == 1
    error_message = "Without credentials, the upload reads credentials_file."
  }
}

run "version_bump" {
  command = plan

  variables {
    write_only          = true
    credentials_version = 2
  }

  assert {
    condition     = modernretail_onboarding_credentials.this.credentials_wo_version == 2
    error_message = "credentials_version reaches credentials_wo_version."
  }
}

run "project_id_is_checked" {
  command = plan

  variables {
    project_id = "acme outdoor/1"
  }

  expect_failures = [var.project_id]
}
