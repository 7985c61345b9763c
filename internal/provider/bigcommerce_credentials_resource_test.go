package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const credentialsAddr = "modernretail_bigcommerce_credentials.test"

// credentialsFileConfig is the credentials resource under test, reading a file.
func credentialsFileConfig(sb *sandboxtest.Sandbox, filename string) string {
	return withProvider(sb, acctest.Resource("modernretail_bigcommerce_credentials", "test").Set("filename", filename))
}

// expectCredentials checks every value parsed from the file.
func expectCredentials(c credentialsfile.Credentials) []knownvalueCheck {
	return []knownvalueCheck{
		{"id", knownvalue.StringExact(c.StoreHash + "/" + c.ClientID)},
		{"store_hash", knownvalue.StringExact(c.StoreHash)},
		{"client_id", knownvalue.StringExact(c.ClientID)},
		{"client_name", knownvalue.StringExact(c.ClientName)},
		{"api_path", knownvalue.StringExact(c.APIPath)},
		{"access_token", knownvalue.StringExact(c.AccessToken)},
		{"client_secret", knownvalue.StringExact(c.ClientSecret)},
		{"content_sha256", knownvalue.StringExact(credentialsfile.ContentSHA256(c))},
	}
}

type knownvalueCheck struct {
	attribute string
	value     knownvalue.Check
}

// planKnown expects each value in the plan of the test resource.
func planKnown(checks []knownvalueCheck) []plancheck.PlanCheck {
	var out []plancheck.PlanCheck
	for _, c := range checks {
		out = append(out, plancheck.ExpectKnownValue(credentialsAddr, tfjsonpath.New(c.attribute), c.value))
	}
	return out
}

// stateKnown expects each value in the state of the test resource.
func stateKnown(checks []knownvalueCheck) []statecheck.StateCheck {
	var out []statecheck.StateCheck
	for _, c := range checks {
		out = append(out, statecheck.ExpectKnownValue(credentialsAddr, tfjsonpath.New(c.attribute), c.value))
	}
	return out
}

func TestAccCredentialsResource_valuesKnownAtPlan(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)

	preApply := append(planKnown(expectCredentials(creds)),
		plancheck.ExpectResourceAction(credentialsAddr, plancheck.ResourceActionCreate),
		plancheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("access_token")),
		plancheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("client_secret")),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            credentialsFileConfig(sb, file),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: preApply},
				ConfigStateChecks: stateKnown(expectCredentials(creds)),
			},
			{
				// Unchanged content plans nothing.
				Config:           credentialsFileConfig(sb, file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccCredentialsResource_content(t *testing.T) {
	creds := acctest.Credentials(t, "zz98yy76")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	content := strings.ReplaceAll(string(credentialsfile.Format(creds)), "\n", "\r\n")
	// The text reaches content through file(), as from a secret store, so the configuration holds no secret.
	file := acctest.WriteFile(t, t.TempDir(), "creds.txt", []byte(content))
	checks := expectCredentials(creds)
	checks[len(checks)-1] = knownvalueCheck{"content_sha256", knownvalue.StringExact(credentialsfile.ContentSHA256(creds))}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(sb) + fmt.Sprintf(`
resource "modernretail_bigcommerce_credentials" "test" {
  content = file(%q)
}
`, file),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(planKnown(checks),
				plancheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("content")),
			)},
			ConfigStateChecks: append(stateKnown(checks),
				statecheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("content")),
				statecheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("access_token")),
				statecheck.ExpectSensitiveValue(credentialsAddr, tfjsonpath.New("client_secret")),
			),
		}},
	})
}

func TestAccCredentialsResource_newContentPlansReplacement(t *testing.T) {
	dir := t.TempDir()
	first := acctest.Credentials(t, "ab12cd34ef")
	rotated := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, first, rotated)
	file := acctest.WriteCredentials(t, dir, "creds.txt", first)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            credentialsFileConfig(sb, file),
				ConfigStateChecks: stateKnown(expectCredentials(first)),
			},
			{
				// The owner downloads a new file to the same path.
				PreConfig: func() { acctest.WriteCredentials(t, dir, "creds.txt", rotated) },
				Config:    credentialsFileConfig(sb, file),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(planKnown(expectCredentials(rotated)),
						plancheck.ExpectResourceAction(credentialsAddr, plancheck.ResourceActionReplace)),
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: stateKnown(expectCredentials(rotated)),
			},
			{
				// A second plan is empty.
				Config:   credentialsFileConfig(sb, file),
				PlanOnly: true,
			},
		},
	})
}

func TestAccCredentialsResource_movedFileUpdatesInPlace(t *testing.T) {
	dir := t.TempDir()
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	oldPath := acctest.WriteCredentials(t, dir, "old.txt", creds)
	newPath := acctest.WriteCredentials(t, dir, "new.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: credentialsFileConfig(sb, oldPath)},
			{
				Config: credentialsFileConfig(sb, newPath),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(credentialsAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(credentialsAddr, tfjsonpath.New("filename"), knownvalue.StringExact(newPath)),
				},
			},
		},
	})
}

func TestAccCredentialsResource_missingFile(t *testing.T) {
	dir := t.TempDir()
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, dir, "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: credentialsFileConfig(sb, file)},
			{
				// A file that has gone shows up at the next plan.
				PreConfig: func() {
					if err := os.Remove(file); err != nil {
						t.Fatal(err)
					}
				},
				Config:      credentialsFileConfig(sb, file),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Cannot read credentials file.*with modernretail_bigcommerce_credentials.test.*filename.*no such file`),
			},
			{
				// Restoring the same file converges with nothing to change.
				PreConfig: func() { acctest.WriteCredentials(t, dir, "creds.txt", creds) },
				Config:    credentialsFileConfig(sb, file),
				PlanOnly:  true,
			},
		},
	})
}

func TestAccCredentialsResource_malformedFileFailsPlan(t *testing.T) {
	good := string(credentialsfile.Format(acctest.Credentials(t, "ab12cd34ef")))
	replaceLine := func(label, line string) string {
		lines := strings.Split(good, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, label+":") {
				lines[i] = line
			}
		}
		return strings.Join(lines, "\n")
	}
	cases := []struct {
		name, content, want string
	}{
		{"other host", replaceLine("API PATH", "API PATH: https://api.example.com/stores/ab12cd34ef/v3/"),
			`Invalid credentials file: API PATH names another host.*filename.*line 3 \(API PATH\): the API path names the host "api.example.com"`},
		{"store- prefix", replaceLine("API PATH", "API PATH: https://api.bigcommerce.com/stores/store-ab12cd34ef/v3/"),
			`Store hash with a store- prefix.*line 3 \(API PATH\).*The store hash is "ab12cd34ef"`},
		{"control-panel url", replaceLine("API PATH", "API PATH: https://store-ab12cd34ef.mybigcommerce.com/manage"),
			`Control-panel URL in place of API PATH.*line 3 \(API PATH\).*https://api.bigcommerce.com/stores/ab12cd34ef/v3/`},
		{"missing secret", replaceLine("CLIENT SECRET", ""),
			`Missing CLIENT SECRET line.*CLIENT SECRET: The file has no CLIENT SECRET line`},
		{"duplicated field", good + "CLIENT ID: " + strings.Repeat("a", 31) + "\n",
			`Duplicated CLIENT ID line.*line 6 \(CLIENT ID\): CLIENT ID appears on line 4 and again on line 6`},
		{"malformed token", replaceLine("ACCESS TOKEN", "ACCESS TOKEN: 'quoted'"),
			`Malformed ACCESS TOKEN.*line 1 \(ACCESS TOKEN\).*Remove the quotes`},
		{"not text", "ACCESS TOKEN: \x00\x01\x02",
			`Credentials file is not text.*line 1.*NUL bytes`},
		{"too large", good + strings.Repeat("x", credentialsfile.MaxSize),
			`Credentials file too large`},
	}
	dir := t.TempDir()
	var steps []resource.TestStep
	for i, tc := range cases {
		file := acctest.WriteFile(t, dir, fmt.Sprintf("case%d.txt", i), []byte(tc.content))
		steps = append(steps, resource.TestStep{
			Config:      credentialsFileConfig(nil, file),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(tc.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
}

func TestAccCredentialsResource_malformedContentFailsPlan(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "modernretail_bigcommerce_credentials" "test" {
  content = "ACCESS TOKEN: abc\nCLIENT ID: abc\nAPI PATH: http://api.bigcommerce.com/stores/ab12cd34ef/v3/\n"
}
`,
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`API PATH does not use https.*content.*In the credentials content, line 3 \(API PATH\)`),
		}},
	})
}

func TestAccCredentialsResource_exactlyOneSource(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `resource "modernretail_bigcommerce_credentials" "test" {}`,
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[filename,content\]`),
			},
			{
				Config: `
resource "modernretail_bigcommerce_credentials" "test" {
  filename = "creds.txt"
  content  = "ACCESS TOKEN: x"
}
`,
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Invalid Attribute Combination.*filename = "creds.txt".*Exactly one of these attributes must be configured: \[filename,content\]`),
			},
			{
				Config:      `resource "modernretail_bigcommerce_credentials" "test" { filename = "" }`,
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Attribute filename string length must be at least 1`),
			},
		},
	})
}

func TestAccCredentialsResource_unknownContentIsKnownAfterApply(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(sb) + fmt.Sprintf(`
resource "terraform_data" "source" {
  input = sensitive(file(%q))
}

resource "modernretail_bigcommerce_credentials" "test" {
  content = terraform_data.source.output
}
`, file),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue(credentialsAddr, tfjsonpath.New("store_hash")),
				plancheck.ExpectUnknownValue(credentialsAddr, tfjsonpath.New("access_token")),
			}},
			ConfigStateChecks: stateKnown(expectCredentials(creds)),
		}},
	})
}

func TestAccCredentialsResource_invalidTokenFailsCreate(t *testing.T) {
	known := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, known)
	unknown := acctest.Credentials(t, "ab12cd34ef")
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", unknown)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      credentialsFileConfig(sb, file),
			ExpectError: acctest.Multiline(`BigCommerce rejected the access token.*filename.*store ab12cd34ef \(401\).*Settings › Store-level API accounts`),
		}},
	})
}

func TestAccCredentialsResource_wrongStoreFailsCreate(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.OnOtherStore(creds, "zz99yy88"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      credentialsFileConfig(sb, file),
			ExpectError: acctest.Multiline(`Unknown BigCommerce store.*answered 403 for store zz99yy88`),
		}},
	})
}

func TestAccCredentialsResource_revokedTokenLeavesStateAtRefresh(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: credentialsFileConfig(sb, file)},
			{
				// The owner deletes the API account: the next plan shows the credentials planned anew.
				PreConfig: func() { sb.DeleteAccount(creds.StoreHash, creds.ClientID) },
				Config:    credentialsFileConfig(sb, file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(credentialsAddr, plancheck.ResourceActionCreate),
				}},
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Applying it fails on the revoked token, naming the fix.
				Config:      credentialsFileConfig(sb, file),
				ExpectError: acctest.Multiline(`BigCommerce rejected the access token`),
			},
		},
	})
}

func TestAccCredentialsResource_unreachableBigCommerceWarnsOnly(t *testing.T) {
	creds := acctest.Credentials(t, "ab12cd34ef")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	sb.SetFaults(sandbox.Faults{ErrorRate: 1})
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	config := acctest.ProviderFor(sb).Set("max_retries", 1).String() + credentialsFileConfig(nil, file)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: stateKnown(expectCredentials(creds)),
		}},
	})
}

// TestAccCredentialsResource_lineEndingsPlanNothing re-saves the same
// credentials with CRLF line endings, a byte order mark and trailing spaces,
// as git's autocrlf or an editor would: neither the credentials nor the
// registration that uses them plan any change.
func TestAccCredentialsResource_lineEndingsPlanNothing(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	dir := t.TempDir()
	file := acctest.WriteCredentials(t, dir, "acme.txt", creds)
	w := acctest.NewWorkspace(t, formConfig(sb, "acme", file))
	w.MustRun("apply", "-auto-approve")
	resaved := "\ufeff" + strings.ReplaceAll(string(credentialsfile.Format(creds)), "\n", "  \r\n")
	acctest.WriteFile(t, dir, "acme.txt", []byte(resaved))
	w.ExpectEmptyPlan()
	if reg := sb.Registrations()["acme"]; reg.Revision != 1 {
		t.Errorf("registration %+v, want revision 1", reg)
	}
}
