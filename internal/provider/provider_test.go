package provider

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
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
		if search, err = acctest.TraceLog(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	code := m.Run()
	acctest.RemoveCLIBuild()
	if err := search(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

// providerConfig points the provider at a sandbox; without one it keeps the defaults.
func providerConfig(sb *sandboxtest.Sandbox) string {
	if sb == nil {
		return ""
	}
	return acctest.ProviderFor(sb).String()
}

func TestAccProvider_invalidURLs(t *testing.T) {
	dir := t.TempDir()
	file := acctest.WriteCredentials(t, dir, "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
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
				ExpectError: acctest.Multiline(`Invalid provider URL.*bigcommerce_api_url.*plain http`),
			},
			{
				Config:      config(`provider "modernretail" { onboarding_url = "https://user:pw@onboarding.example.com" }`),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Invalid provider URL.*onboarding_url.*must not carry a user name or password`),
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
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf(`resource "modernretail_bigcommerce_credentials" "test" { filename = %q }`, file),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`The MODERNRETAIL_ONBOARDING_URL environment variable, used for onboarding_url, is not usable.*scheme "ftp"`),
		}},
	})
}

func TestAccProvider_unknownConfigurationIsTolerated(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
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
