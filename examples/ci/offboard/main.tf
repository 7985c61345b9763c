# Offboarding: a store's directory was removed, so this configuration, which
# declares no resources, runs against that store's state. `terraform apply`
# then destroys everything the state holds: the registration is withdrawn from
# the Onboarding Center, unless someone registered other credentials since,
# which are left in place with a warning. The credentials file is not needed.

terraform {
  required_version = ">= 1.11"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
  # Partial configuration: CI passes the bucket and the removed store's key.
  backend "s3" {}
}

# The provider reads MODERNRETAIL_ONBOARDING_URL and MODERNRETAIL_ONBOARDING_TOKEN from the environment.
provider "modernretail" {}
