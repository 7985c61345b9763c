import {
  to = modernretail_onboarding_credentials.acme_outdoor
  id = "acme-outdoor"
}
