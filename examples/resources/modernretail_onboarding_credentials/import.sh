# shellcheck shell=sh
# Import by the onboarding project's id. The secrets cannot be imported; the
# next apply records them from the configuration without submitting again.
terraform import modernretail_onboarding_credentials.acme_outdoor acme-outdoor
