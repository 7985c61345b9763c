package provider

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// testAccProtoV6ProviderFactories serve the provider in-process, so no download is needed.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"modernretail": providerserver.NewProtocol6WithError(New("test")()),
}

// testAccProtoV6ProviderFactoriesWithEcho adds the echo provider for ephemeral values.
var testAccProtoV6ProviderFactoriesWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"modernretail": providerserver.NewProtocol6WithError(New("test")()),
	"echo":         echoprovider.NewProviderServer(),
}

// TestMain makes acceptance tests use the local terraform binary and never download one.
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") != "" {
		if v := os.Getenv("TF_ACC_TERRAFORM_VERSION"); v != "" {
			fmt.Fprintf(os.Stderr, "TF_ACC_TERRAFORM_VERSION=%s would download Terraform; unset it and set TF_ACC_TERRAFORM_PATH.\n", v)
			os.Exit(2)
		}
		if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
			tf, err := exec.LookPath("terraform")
			if err != nil {
				fmt.Fprintln(os.Stderr, "Acceptance tests need the terraform CLI: put it on PATH or set TF_ACC_TERRAFORM_PATH.")
				os.Exit(2)
			}
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", tf)
		}
	}
	search := func() error { return nil }
	if os.Getenv("TF_ACC") != "" && os.Getenv("TF_ACC_LOG_PATH") == "" {
		var err error
		if search, err = traceLog(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	code := m.Run()
	removeCLIBuild()
	if err := search(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// testCredentials returns realistic fake credentials for a store.
func testCredentials(t *testing.T, storeHash string) credentialsfile.Credentials {
	t.Helper()
	c := credentialsfile.Credentials{
		StoreHash:    storeHash,
		AccessToken:  randomString(t, "0123456789abcdefghijklmnopqrstuvwxyz", 31),
		ClientID:     randomString(t, "0123456789abcdefghijklmnopqrstuvwxyz", 31),
		ClientSecret: randomString(t, "0123456789abcdef", 64),
		ClientName:   credentialsfile.RecommendedAccountName,
		APIPath:      "https://api.bigcommerce.com/stores/" + storeHash + "/v3/",
	}
	secretsInPlay.add(c.AccessToken, c.ClientSecret)
	return c
}

func randomString(t *testing.T, alphabet string, n int) string {
	t.Helper()
	out := make([]byte, n)
	for i := range out {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// serve starts a sandbox that knows the given credentials, each account holding the granted scopes.
func serve(t *testing.T, granted []string, creds ...credentialsfile.Credentials) *sandboxtest.Sandbox {
	t.Helper()
	return serveProjects(t, nil, granted, creds...)
}

// serveProjects is serve with onboarding projects; verification takes 50 ms.
func serveProjects(t *testing.T, projects []sandbox.ProjectFixture, granted []string, creds ...credentialsfile.Credentials) *sandboxtest.Sandbox {
	t.Helper()
	stores := map[string]*sandbox.Store{}
	var order []string
	for _, c := range creds {
		st := stores[c.StoreHash]
		if st == nil {
			st = &sandbox.Store{StoreHash: c.StoreHash, Name: "Store " + c.StoreHash}
			stores[c.StoreHash] = st
			order = append(order, c.StoreHash)
		}
		st.APIAccounts = append(st.APIAccounts, sandbox.APIAccount{
			ClientName: c.ClientName, ClientID: c.ClientID, ClientSecret: c.ClientSecret, AccessToken: c.AccessToken, Scopes: granted,
		})
	}
	delay := 50
	f := sandbox.Fixture{Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay, Projects: projects}}
	for _, h := range order {
		f.Stores = append(f.Stores, *stores[h])
	}
	sb := sandboxtest.Start(t, f)
	secretsInPlay.add(sb.OnboardingToken)
	// A test runs many Terraform operations against one store; BigCommerce's
	// quota is left to the tests about rate limits.
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000})
	return sb
}

// providerConfig points the provider at a sandbox, with any extra arguments;
// without a sandbox it keeps the defaults. The onboarding token is read from a
// file, as from a secret store, so the configuration holds no secret.
func providerConfig(sb *sandboxtest.Sandbox, extra ...string) string {
	if sb == nil {
		return ""
	}
	return fmt.Sprintf(`
provider "modernretail" {
  bigcommerce_api_url = %q
  onboarding_url      = %q
  onboarding_token    = file(%q)
  %s
}
`, sb.URL.String(), sb.OnboardingURL.String(), sb.OnboardingTokenFile, strings.Join(extra, "\n  "))
}

// onOtherStore returns the credentials with the API path of another store.
func onOtherStore(c credentialsfile.Credentials, storeHash string) credentialsfile.Credentials {
	c.StoreHash, c.APIPath = storeHash, "https://api.bigcommerce.com/stores/"+storeHash+"/v3/"
	return c
}

// writeFile writes content to name in dir, readable by its owner only, and returns the path.
func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeCredentials writes a credentials file in BigCommerce's layout and returns its path.
func writeCredentials(t *testing.T, dir, name string, c credentialsfile.Credentials) string {
	t.Helper()
	return writeFile(t, dir, name, credentialsfile.Format(c))
}

// multiline lets an ExpectError pattern match across Terraform's line wrapping:
// each space matches any run of white space, and "." matches newlines too.
func multiline(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + regexp.MustCompile(` +`).ReplaceAllString(pattern, `\s+`))
}

func TestAccProvider_invalidURLs(t *testing.T) {
	dir := t.TempDir()
	file := writeCredentials(t, dir, "creds.txt", testCredentials(t, "ab12cd34ef"))
	config := func(providerBlock string) string {
		return providerBlock + fmt.Sprintf(`
resource "modernretail_bigcommerce_credentials" "test" {
  filename = %q
}
`, file)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config(`provider "modernretail" { bigcommerce_api_url = "http://api.example.com" }`),
				PlanOnly:    true,
				ExpectError: multiline(`Invalid provider URL.*bigcommerce_api_url.*plain http`),
			},
			{
				Config:      config(`provider "modernretail" { onboarding_url = "https://user:pw@onboarding.example.com" }`),
				PlanOnly:    true,
				ExpectError: multiline(`Invalid provider URL.*onboarding_url.*must not carry a user name or password`),
			},
			{
				Config:             config(`provider "modernretail" { bigcommerce_api_url = "http://127.0.0.1:8080" }`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccProvider_invalidURLFromEnvironment(t *testing.T) {
	t.Setenv(EnvOnboardingURL, "ftp://onboarding.example.com")
	file := writeCredentials(t, t.TempDir(), "creds.txt", testCredentials(t, "ab12cd34ef"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf(`resource "modernretail_bigcommerce_credentials" "test" { filename = %q }`, file),
			PlanOnly:    true,
			ExpectError: multiline(`The MODERNRETAIL_ONBOARDING_URL environment variable, used for onboarding_url, is not usable.*scheme "ftp"`),
		}},
	})
}

func TestAccProvider_unknownConfigurationIsTolerated(t *testing.T) {
	creds := testCredentials(t, "ab12cd34ef")
	sb := serve(t, scopes.Required, creds)
	file := writeCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// The URLs are unknown at plan; at apply the token is confirmed against the sandbox.
			Config: fmt.Sprintf(`
resource "terraform_data" "endpoints" {
  input = %q
}

provider "modernretail" {
  bigcommerce_api_url = terraform_data.endpoints.output
  onboarding_url      = terraform_data.endpoints.output
  onboarding_token    = terraform_data.endpoints.id
}

resource "modernretail_bigcommerce_credentials" "test" {
  filename = %q
}
`, sb.URL.String(), file),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(credentialsAddr, tfjsonpath.New("store_hash"), knownvalue.StringExact(creds.StoreHash)),
			},
			Check: func(*terraform.State) error {
				if n := sb.Requests(creds.StoreHash); n == 0 {
					return fmt.Errorf("the token was not confirmed at apply")
				}
				return nil
			},
		}},
	})
}
