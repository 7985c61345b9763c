package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

// echoConfig opens the ephemeral resource with the given arguments and hands
// its result, or the attribute named by suffix, to the echo provider.
func echoConfig(arguments, suffix string) string {
	return fmt.Sprintf(`
ephemeral "modernretail_bigcommerce_credentials" "test" {
  %s
}

provider "echo" {
  data = ephemeral.modernretail_bigcommerce_credentials.test%s
}

resource "echo" "test" {}
`, arguments, suffix)
}

func TestAccCredentialsEphemeralResource_sameValuesAsResource(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	data := func(attribute string) tfjsonpath.Path {
		return tfjsonpath.New("data").AtMapKey(attribute)
	}
	var checks []statecheck.StateCheck
	for _, c := range expectCredentials(creds) {
		checks = append(checks, statecheck.ExpectKnownValue("echo.test", data(c.attribute), c.value))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{{
			Config:            echoConfig(fmt.Sprintf("filename = %q", file), ""),
			ConfigStateChecks: checks,
		}},
	})
}

func TestAccCredentialsEphemeralResource_malformedFails(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	creds.APIPath = "https://api.bigcommerce.com/stores/store-ab12cd34ef/v3/"
	file := acctest.WriteFile(t, t.TempDir(), "creds.txt", credentialsfile.Format(creds))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{{
			Config:      echoConfig(fmt.Sprintf("filename = %q", file), ".store_hash"),
			ExpectError: acctest.Multiline(`Store hash with a store- prefix.*line 3 \(API PATH\)`),
		}},
	})
}

func TestAccCredentialsEphemeralResource_exactlyOneSource(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{{
			Config:      echoConfig("", ""),
			ExpectError: acctest.Multiline(`Exactly one of these attributes must be configured: \[filename,content\]`),
		}},
	})
}
