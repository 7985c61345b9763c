terraform {
  required_version = ">= 1.11"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

# Every argument is optional. bigcommerce_api_url defaults to BigCommerce's
# public API. onboarding_url and onboarding_token have no default: set them,
# or MODERNRETAIL_ONBOARDING_URL and MODERNRETAIL_ONBOARDING_TOKEN, with the
# values Modern Retail gives you, before registering credentials. The token is
# best left to the environment, so it stays out of code and state.
provider "modernretail" {
  max_retries = 5
}
