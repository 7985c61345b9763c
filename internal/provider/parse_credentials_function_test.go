package provider

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

func TestAccParseCredentialsFunction(t *testing.T) {
	dir := t.TempDir()
	acme, bolt := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "bolt0001")
	acctest.WriteCredentials(t, dir, "acme-outdoor.txt", acme)
	acctest.WriteCredentials(t, dir, "bolt-bikes.txt", bolt)
	fields := func(c credentialsfile.Credentials) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"store_hash":     knownvalue.StringExact(c.StoreHash),
			"client_id":      knownvalue.StringExact(c.ClientID),
			"client_name":    knownvalue.StringExact(c.ClientName),
			"api_path":       knownvalue.StringExact(c.APIPath),
			"content_sha256": knownvalue.StringExact(credentialsfile.ContentSHA256(credentialsfile.Format(c))),
		})
	}
	malformed := acme
	malformed.APIPath = "https://api.bigcommerce.com/stores/store-acme0001/v3/"
	bad := acctest.WriteCredentials(t, t.TempDir(), "bad.txt", malformed)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// for_each keys from a directory of files; the result holds no secret.
				Config: fmt.Sprintf(`
locals {
  stores = {
    for f in fileset(%[1]q, "*.txt") :
    provider::modernretail::parse_credentials(file("%[1]s/${f}")).store_hash => provider::modernretail::parse_credentials(file("%[1]s/${f}"))
  }
}

output "stores" {
  value = local.stores
}
`, dir),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("stores", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"acme0001": fields(acme),
						"bolt0001": fields(bolt),
					})),
				},
			},
			{
				// A malformed file fails with the line and label, and no secret.
				Config:      fmt.Sprintf(`output "x" { value = provider::modernretail::parse_credentials(file(%q)) }`, bad),
				ExpectError: acctest.Multiline(`Invalid credentials file:.*line 3 \(API PATH\): Store hash with a store- prefix`),
			},
			{
				// Variable validation with the function.
				Config: fmt.Sprintf(`
variable "credentials" {
  type    = string
  default = %q

  validation {
    condition     = can(provider::modernretail::parse_credentials(var.credentials))
    error_message = "The credentials file is malformed."
  }
}
`, filepath.Join(dir, "missing.txt")),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`The credentials file is malformed`),
			},
		},
	})
}
