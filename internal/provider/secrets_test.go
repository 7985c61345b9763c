package provider

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccSecretsNeverLogged runs the credentials flows with TRACE logging of
// Terraform and the provider, and searches the log and every error for the secrets.
func TestAccSecretsNeverLogged(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)

	creds := acctest.Credentials(t, "ab12cd34ef")
	rotated := acctest.Credentials(t, "ab12cd34ef")
	broken := acctest.Credentials(t, "ab12cd34ef")
	broken.APIPath = "https://evil.example.com/stores/ab12cd34ef/v3/?token=" + broken.AccessToken
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "acme"}}, scopes.Required, creds, rotated)
	file := acctest.WriteCredentials(t, dir, "creds.txt", creds)
	brokenFile := acctest.WriteCredentials(t, dir, "broken.txt", broken)
	secrets := []string{creds.AccessToken, creds.ClientSecret, rotated.AccessToken, rotated.ClientSecret, broken.AccessToken, broken.ClientSecret, sb.OnboardingToken}

	// The onboarding token comes from the environment, as it should in real use:
	// the test harness itself logs the configuration it writes.
	t.Setenv(EnvOnboardingToken, sb.OnboardingToken)
	provider := strings.Replace(providerConfig(sb), fmt.Sprintf("onboarding_token    = file(%q)", sb.OnboardingTokenFile), "", 1)
	config := func(filename string) string {
		return provider + fmt.Sprintf(`
resource "modernretail_bigcommerce_credentials" "test" {
  filename = %[1]q
}

data "modernretail_bigcommerce_scopes" "test" {
  filename = %[1]q
}

resource "modernretail_onboarding_credentials" "form" {
  project_id    = "acme"
  store_hash    = modernretail_bigcommerce_credentials.test.store_hash
  client_id     = modernretail_bigcommerce_credentials.test.client_id
  access_token  = modernretail_bigcommerce_credentials.test.access_token
  client_secret = modernretail_bigcommerce_credentials.test.client_secret
}

ephemeral "modernretail_bigcommerce_credentials" "test" {
  filename = %[1]q
}

provider "echo" {
  data = ephemeral.modernretail_bigcommerce_credentials.test.store_hash
}

resource "echo" "test" {}
`, filename)
	}
	var errorsSeen []string
	wantError := acctest.Multiline(`API PATH names another host`)
	resource.Test(t, resource.TestCase{
		// ErrorCheck keeps the full error text, which ExpectError would only match.
		ErrorCheck: func(err error) error {
			errorsSeen = append(errorsSeen, err.Error())
			if wantError.MatchString(err.Error()) {
				return nil
			}
			return err
		},
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactoriesWithEcho,
		Steps: []resource.TestStep{
			{Config: config(file)},
			{
				PreConfig: func() { acctest.WriteCredentials(t, dir, "creds.txt", rotated) },
				Config:    config(file),
			},
			{
				Config:   config(brokenFile),
				PlanOnly: true,
			},
			{
				// Back to a good file, so the final destroy can run; no identifier holds a secret.
				Config: config(file),
				Check: func(st *terraform.State) error {
					for addr, rs := range st.RootModule().Resources {
						for i, s := range secrets {
							if strings.Contains(rs.Primary.ID, s) {
								return fmt.Errorf("the id of %s holds secret %d", addr, i)
							}
						}
					}
					return nil
				},
			},
		},
	})

	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	// The provider's own lines, with their field values, must be in the log, or the search proves nothing.
	if !bytes.Contains(log, []byte("Parsed BigCommerce credentials")) || !bytes.Contains(log, []byte(creds.ClientID)) ||
		!bytes.Contains(log, []byte("bigcommerce: Sending request")) || !bytes.Contains(log, []byte(`X-Auth-Token="***"`)) ||
		!bytes.Contains(log, []byte("onboarding: Sending request")) || !bytes.Contains(log, []byte(`Authorization="***"`)) {
		t.Fatal("the provider's TRACE log was not captured, so the search below would prove nothing")
	}
	for i, s := range secrets {
		if n := bytes.Count(log, []byte(s)); n > 0 {
			t.Errorf("secret %d appears %d times in the TRACE log", i, n)
		}
		for _, e := range errorsSeen {
			if strings.Contains(e, s) {
				t.Errorf("secret %d appears in an error: %s", i, e)
			}
		}
	}
	if len(errorsSeen) == 0 {
		t.Error("no error output was captured")
	}
	// No credential travels in a URL or a query string.
	requests := append(sb.Stats().Requests, sb.OnboardingStats().Requests...)
	if len(requests) == 0 {
		t.Fatal("no request reached the sandbox")
	}
	for _, r := range requests {
		for i, s := range secrets {
			if strings.Contains(r.URI, s) {
				t.Errorf("secret %d is in the URL %s %s", i, r.Route, strings.ReplaceAll(r.URI, s, "<SECRET>"))
			}
		}
	}
}
