package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/diagnostics"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// notFoundEverywhere is a BigCommerce look-alike whose baseline works but
// which answers every probe 404, as a host would where no probe's route
// exists: nothing it says may count as a granted scope.
func notFoundEverywhere(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/v2/time") {
			_, _ = w.Write([]byte(`{"time": 1700000000}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"status":404,"title":"The resource at that URL is not found."}`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAccScopesDataSource_requiredOnlyCheckableScopes refuses, during plan,
// scopes that no request can prove: such a check could only ever say yes.
func TestAccScopesDataSource_requiredOnlyCheckableScopes(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, nil, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	step := func(required, want string) resource.TestStep {
		return resource.TestStep{
			Config:      withProvider(sb, scopesBlock(file).Set("required", acctest.Expr(required))),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`["store_v2_content", "store_v2_customers_login"]`,
				`OAuth scope cannot be checked.*required.*"store_v2_content" is a BigCommerce scope, but no request proves it.*The scopes that can be checked are: store_cart,.*store_v2_transactions_read_only`),
			step(`["store_v2_information"]`, `OAuth scope cannot be checked.*"store_v2_information"`),
			step(`["store_everything"]`, `Unknown OAuth scope.*"store_everything" is not a BigCommerce store-level OAuth scope.*The scopes that can be checked are`),
			step(`["store_cart", "store_v2_orders", "store_cart"]`, `OAuth scope required twice.*required lists "store_cart" more than once`),
			step(`[]`, `No OAuth scopes required.*required is empty`),
		},
	})
	if n := sb.Requests("acme0001"); n != 0 {
		t.Errorf("%d requests reached BigCommerce for configurations that validation refuses", n)
	}
}

// TestAccScopesDataSource_unprovenAnswersFailPlan talks to a host where no
// probe's answer is one that proves a scope: the plan fails, naming the store.
func TestAccScopesDataSource_unprovenAnswersFailPlan(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	config := fmt.Sprintf(`
provider "modernretail" {
  bigcommerce_api_url = %q
  max_retries         = 0
}

data "modernretail_bigcommerce_scopes" "test" {
  filename        = %q
  required        = ["store_cart", "store_v2_customers"]
  fail_on_missing = false
}
`, notFoundEverywhere(t), file)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   config,
			PlanOnly: true,
			ExpectError: acctest.Multiline(`BigCommerce scope check inconclusive.*For store acme0001, BigCommerce's answers prove neither.*Carts: modify \(store_cart\): POST /v3/carts answered 404 with a v3 error body, which BigCommerce does not document for this request; ` +
				`only 422 with v3 error \{"status", "title", …\} count as granted` +
				`.*Planning again later is safe`),
		}},
	})
}

// TestAccOnboardingCredentials_gateFailsClosed runs the registration's
// plan-time gate against the same host: it fails the plan too.
func TestAccOnboardingCredentials_gateFailsClosed(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	config := strings.Replace(uploadConfig(sb, "acme", file, 1), sb.URL.String(), notFoundEverywhere(t), 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`BigCommerce scope check inconclusive.*credentials_wo.*For store acme0001.*Customers: modify \(store_v2_customers\): POST /v3/customers answered 404`),
		}},
	})
	if reg := sb.Registrations()["acme"]; reg.PutCount != 0 {
		t.Errorf("the plan failed, yet %d submissions reached the Onboarding Center", reg.PutCount)
	}
}

// TestAccOnboardingCredentials_formFieldsValidatedAtPlan gives the form
// values that the file parser would refuse: each fails the plan on its
// argument, and no secret is quoted.
func TestAccOnboardingCredentials_formFieldsValidatedAtPlan(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	dir := t.TempDir()
	tokenFile := acctest.WriteFile(t, dir, "token", []byte(creds.AccessToken))
	secretFile := acctest.WriteFile(t, dir, "secret", []byte(creds.ClientSecret))
	form := func(storeHash, clientID, apiPath string) string {
		return providerConfig(sb) + fmt.Sprintf(`
resource "modernretail_onboarding_credentials" "test" {
  project_id    = "acme"
  store_hash    = %s
  client_id     = %s
  api_path      = %s
  access_token  = file(%q)
  client_secret = file(%q)
}
`, storeHash, clientID, apiPath, tokenFile, secretFile)
	}
	id := fmt.Sprintf("%q", creds.ClientID)
	step := func(config, want string) resource.TestStep {
		return resource.TestStep{Config: config, PlanOnly: true, ExpectError: acctest.Multiline(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(form(`"acme0001"`, id, `"http://evil.example.com/stores/acme0001/v3/"`), `Invalid credentials: API PATH does not use https.*api_path.*only ever sent over https to api.bigcommerce.com`),
			step(form(`"acme0001"`, id, `"HTTPS://API.BIGCOMMERCE.COM/stores/acme0001/v3/"`), `Invalid credentials: API PATH not in lowercase.*api_path.*"https://api.bigcommerce.com/stores/acme0001/v3/"`),
			step(form(`"acme0001"`, id, `"https://api.bigcommerce.com/stores/bolt0001/v3/"`), `Invalid credentials: API PATH names another store.*"bolt0001", but the store hash is "acme0001"`),
			step(form(`"ACME0001"`, id, `null`), `Invalid credentials: Malformed store hash.*store_hash.*Store hashes are lowercase: "acme0001"`),
			step(form(`"acme0001"`, fmt.Sprintf("file(%q)", secretFile), `null`), `Invalid credentials: Secret in a field that is not secret.*client_id.*contains the CLIENT SECRET value`),
			step(form(`"acme0001"`, fmt.Sprintf("file(%q)", tokenFile), `null`), `Invalid credentials: Secret in a field that is not secret.*client_id.*contains the ACCESS TOKEN value`),
		},
	})
	if reg := sb.Registrations()["acme"]; reg.PutCount != 0 {
		t.Errorf("plans failed, yet %d submissions reached the Onboarding Center", reg.PutCount)
	}
}

// The values of the misplaced-value corpus in internal/credentialsfile/testdata.
const (
	corpusToken  = "k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i"
	corpusSecret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
)

func misplacedCorpus(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"wrong-label-*.txt", "misspelt-*.txt", "no-colon-*.txt", "appended-*.txt", "lookalike-*.txt"} {
		found, err := filepath.Glob(filepath.Join("..", "credentialsfile", "testdata", "corpus", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, found...)
	}
	if len(files) != 39 {
		t.Fatalf("found %d misplaced-value corpus files, want 39", len(files))
	}
	return files
}

// TestCredentialsDiagnosticsNeverQuoteASecret builds the diagnostics of
// every corpus file and searches them for the file's secrets, in any case.
func TestCredentialsDiagnosticsNeverQuoteASecret(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "credentialsfile", "testdata", "corpus", "*.txt"))
	if err != nil || len(files) < 80 {
		t.Fatalf("%d corpus files (%v)", len(files), err)
	}
	// Every form of the secrets counts: in part, full-width, with invisible characters.
	secrets := redact.New(corpusToken, corpusSecret)
	quoted := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, findings := credentialsfile.Parse(data)
		src := diagnostics.CredentialsSource{Attribute: path.Root("filename"), Filename: file}
		for _, d := range diagnostics.CredentialsFindings(src, findings, credentialsfile.SecretsOf(data)) {
			if text := d.Summary() + " " + d.Detail(); secrets.Holds(text) {
				t.Errorf("%s: a diagnostic quotes a secret: %s", filepath.Base(file), secrets.Text(text))
			}
			if strings.Contains(d.Detail(), redact.Replacement) {
				quoted++
			}
		}
	}
	if quoted == 0 {
		t.Error("no diagnostic needed redacting, so the search proves nothing")
	}
}

// TestAccCredentialsResource_misplacedValuesNeverLeak plans every file of the
// misplaced-value corpus through Terraform; the TRACE log search at the end
// of the run checks that neither the token nor the secret appears.
func TestAccCredentialsResource_misplacedValuesNeverLeak(t *testing.T) {
	acctest.Secrets.Add(corpusToken, corpusSecret, strings.ToUpper(corpusToken), strings.ToUpper(corpusSecret))
	var config strings.Builder
	for i, file := range misplacedCorpus(t) {
		abs, err := filepath.Abs(file)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&config, "resource \"modernretail_bigcommerce_credentials\" \"f%d\" {\n  filename = %q\n}\n\n", i, abs)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config.String(),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`Invalid credentials file: Secret in a field that is not secret.*Invalid credentials file: ACCESS TOKEN and CLIENT SECRET are the same`),
		}},
	})
}

func TestAccProvider_urlUserInfoNeverEchoed(t *testing.T) {
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "modernretail" {
  bigcommerce_api_url = "https://user:pa55word@api.bigcommerce.com:bad/"
}

resource "modernretail_bigcommerce_credentials" "test" {
  filename = %q
}
`, file),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`Invalid provider URL(.|\n)*"https://\(redacted\)@api.bigcommerce.com:bad/" is not a URL`),
		}},
	})
}
