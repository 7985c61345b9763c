terraform {
  required_version = ">= 1.10"
  required_providers {
    modernretail = {
      source = "modernretail/modernretail"
    }
  }
}

# Every argument is optional. The URLs default to the public services and can
# also come from BIGCOMMERCE_API_URL and MODERNRETAIL_ONBOARDING_URL; the token
# is best given through MODERNRETAIL_ONBOARDING_TOKEN, so it stays out of code.
provider "modernretail" {
  bigcommerce_api_url = "https://api.bigcommerce.com"
  onboarding_url      = "https://onboarding.example.com"
}
