package provider

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/evidence"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Environment variables of the opt-in live test.
const (
	envLiveCredentialsFile = "BIGCOMMERCE_LIVE_CREDENTIALS_FILE"
	envLiveExpectScopes    = "BIGCOMMERCE_LIVE_EXPECT_SCOPES"
	envLiveAPIURL          = "BIGCOMMERCE_LIVE_API_URL"
	envLiveRecord          = "BIGCOMMERCE_LIVE_RECORD"
)

// TestAccLiveBigCommerceScopes plans the scopes data source against
// BIGCOMMERCE_LIVE_API_URL (by default https://api.bigcommerce.com) with a
// real API account, checking every scope the prober can check, and asserts
// each verdict against the scopes the account was given. With
// BIGCOMMERCE_LIVE_RECORD set to a path, it writes an evidence file of every
// answer, which internal/scopecheck's replay test reads.
func TestAccLiveBigCommerceScopes(t *testing.T) {
	file, expected := os.Getenv(envLiveCredentialsFile), os.Getenv(envLiveExpectScopes)
	if os.Getenv("TF_ACC") == "" || file == "" || expected == "" {
		t.Skipf("live test against %s (or %s): set TF_ACC=1, %s to the credentials file BigCommerce downloaded, "+
			"and %s to the comma-separated scope strings the account was given; %s writes an evidence file. "+
			"See the README, \"Checking the probes against a live store\"",
			DefaultBigCommerceAPIURL, envLiveAPIURL, envLiveCredentialsFile, envLiveExpectScopes, envLiveRecord)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	creds, findings := credentialsfile.Parse(data)
	if creds == nil {
		t.Fatalf("%s: %v", envLiveCredentialsFile, findings.Redacted(credentialsfile.SecretsOf(data)))
	}
	// The access token and client secret; the file's name may hold the client id, which is no secret.
	secrets := creds.Secrets()
	acctest.Secrets.Add(secrets...)
	var given []string
	for _, s := range strings.Split(expected, ",") {
		s = strings.TrimSpace(s)
		if _, ok := scopes.Lookup(s); !ok {
			t.Fatalf("%s names %q, which is not a store-level scope", envLiveExpectScopes, s)
		}
		given = append(given, s)
	}
	apiURL := DefaultBigCommerceAPIURL
	if u := os.Getenv(envLiveAPIURL); u != "" {
		apiURL = u
	}
	checkLiveScopes(t, apiURL, file, given, os.Getenv(envLiveRecord), secrets)
}

// TestAccLiveScopesCheckWorks runs the live test against the BigCommerce
// stand-in, recording an evidence file, so that the live test and its
// recording are known to work before anyone points them at a real store.
func TestAccLiveScopesCheckWorks(t *testing.T) {
	given := []string{"store_v2_orders_read_only", "store_cart", "store_v2_transactions_read_only", "store_v2_information"}
	creds := acctest.Credentials(t, "live0001")
	sb := acctest.Serve(t, nil, given, creds)
	record := filepath.Join(t.TempDir(), "evidence.json")
	checkLiveScopes(t, sb.URL.String(), acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds), given, record, creds.Secrets())
	f, err := evidence.Read(record)
	if err != nil {
		t.Fatal(err)
	}
	if f.Against != evidence.AgainstStandIn || f.StoreHash != "live0001" || len(f.Answers) < len(scopecheck.Probes) {
		t.Errorf("the recording is against %q, of store %q, with %d answers", f.Against, f.StoreHash, len(f.Answers))
	}
	raw, _ := os.ReadFile(record)
	for _, secret := range append(creds.Secrets(), creds.ClientID) {
		if strings.Contains(string(raw), secret) {
			t.Errorf("the evidence file holds a secret")
		}
	}
}

// checkLiveScopes plans the data source for every checkable scope and
// asserts the verdicts that the given scopes call for. With record set, the
// requests go through a recording proxy on loopback, and the evidence file
// is written there, checked for secrets and replayed.
func checkLiveScopes(t *testing.T, apiURL, file string, given []string, record string, secrets []string) {
	t.Helper()
	var recorder *evidence.Recorder
	if record != "" {
		target, err := url.Parse(apiURL)
		if err != nil {
			t.Fatal(err)
		}
		recorder = evidence.NewRecorder(target)
		proxy := httptest.NewServer(recorder)
		defer proxy.Close()
		apiURL = proxy.URL
	}
	required := scopecheck.CheckableScopes()
	sortScopes(required)
	missing, unverified := []knownvalue.Check{}, []knownvalue.Check{}
	for _, s := range required {
		switch evidence.ExpectedVerdict(s, given) {
		case scopecheck.Unverified:
			unverified = append(unverified, knownvalue.StringExact(s))
		case scopecheck.Missing:
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
	if recorder == nil {
		return
	}
	f := recorder.File(given, time.Now())
	if problems := f.Replay(); len(problems) > 0 {
		t.Errorf("the recorded answers do not replay as recorded:\n%s", strings.Join(problems, "\n"))
	}
	if err := evidence.Write(record, f, secrets); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote the evidence file %s: %d answers", record, len(f.Answers))
}
