package provider

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Environment variables of the opt-in live test.
const (
	envLiveCredentialsFile = "BIGCOMMERCE_LIVE_CREDENTIALS_FILE"
	envLiveExpectScopes    = "BIGCOMMERCE_LIVE_EXPECT_SCOPES"
)

// TestAccLiveBigCommerceScopes plans the scopes data source against
// https://api.bigcommerce.com with a real API account, checking every scope
// the prober can check, and asserts each verdict against the scopes the
// account was given. It records the first live observations of the answers
// that are documented only.
func TestAccLiveBigCommerceScopes(t *testing.T) {
	file, expected := os.Getenv(envLiveCredentialsFile), os.Getenv(envLiveExpectScopes)
	if os.Getenv("TF_ACC") == "" || file == "" || expected == "" {
		t.Skipf("live test against https://api.bigcommerce.com: set TF_ACC=1, %s to the credentials file BigCommerce downloaded, "+
			"and %s to the comma-separated scope strings the account was given; see the README, \"Checking the probes against a live store\"",
			envLiveCredentialsFile, envLiveExpectScopes)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	acctest.Secrets.Add(credentialsfile.NewRedactor(data).Secrets()...)
	var given []string
	for _, s := range strings.Split(expected, ",") {
		s = strings.TrimSpace(s)
		if _, ok := scopes.Lookup(s); !ok {
			t.Fatalf("%s names %q, which is not a store-level scope", envLiveExpectScopes, s)
		}
		given = append(given, s)
	}
	checkLiveScopes(t, DefaultBigCommerceAPIURL, file, given)
}

// TestAccLiveScopesCheckWorks runs the live test's assertions against the
// BigCommerce stand-in, so that the live test is known to work before anyone
// points it at a real store.
func TestAccLiveScopesCheckWorks(t *testing.T) {
	given := []string{"store_v2_orders_read_only", "store_cart", "store_v2_transactions_read_only", "store_v2_information"}
	creds := acctest.Credentials(t, "live0001")
	sb := acctest.Serve(t, nil, given, creds)
	checkLiveScopes(t, sb.URL.String(), acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds), given)
}

// checkLiveScopes plans the data source for every checkable scope and
// asserts the verdicts that the given scopes call for.
func checkLiveScopes(t *testing.T, apiURL, file string, given []string) {
	t.Helper()
	required := scopecheck.CheckableScopes()
	sortScopes(required)
	missing, unverified := []knownvalue.Check{}, []knownvalue.Check{}
	for _, s := range required {
		sc, full, _ := scopecheck.Checkable(s)
		switch {
		case !full && scopes.Satisfies(given, sc.Resource.ReadOnly):
			unverified = append(unverified, knownvalue.StringExact(s))
		case !full || !scopes.Satisfies(given, s):
			missing = append(missing, knownvalue.StringExact(s))
		}
	}
	const addr = "data.modernretail_bigcommerce_scopes.live"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "modernretail" {
  bigcommerce_api_url = %q
}

data "modernretail_bigcommerce_scopes" "live" {
  filename        = %q
  required        = [%s]
  fail_on_missing = false
}
`, apiURL, file, `"`+strings.Join(required, `", "`)+`"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("missing"), knownvalue.ListExact(missing)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("unverified"), knownvalue.ListExact(unverified)),
			},
			Check: func(s *terraform.State) error {
				attrs := s.RootModule().Resources[addr].Primary.Attributes
				var lines []string
				for i := range required {
					prefix := fmt.Sprintf("scopes.%d.", i)
					lines = append(lines, fmt.Sprintf("%s: granted %s, verified %s", attrs[prefix+"scope"], attrs[prefix+"granted_level"], attrs[prefix+"verified"]))
				}
				sort.Strings(lines)
				t.Logf("store %s (%s), verdicts:\n%s", attrs["store_hash"], attrs["store_name"], strings.Join(lines, "\n"))
				return nil
			},
		}},
	})
}
