package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const registrationAddr = "modernretail_onboarding_credentials.test"

// formConfig registers the file's credentials through the form, wired from the credentials resource.
func formConfig(sb *sandboxtest.Sandbox, projectID, filename, extra string) string {
	return providerConfig(sb) + fmt.Sprintf(`
resource "modernretail_bigcommerce_credentials" "store" {
  filename = %[2]q
}

resource "modernretail_onboarding_credentials" "test" {
  project_id    = %[1]q
  store_hash    = modernretail_bigcommerce_credentials.store.store_hash
  client_id     = modernretail_bigcommerce_credentials.store.client_id
  client_name   = modernretail_bigcommerce_credentials.store.client_name
  api_path      = modernretail_bigcommerce_credentials.store.api_path
  access_token  = modernretail_bigcommerce_credentials.store.access_token
  client_secret = modernretail_bigcommerce_credentials.store.client_secret
  %[3]s
}
`, projectID, filename, extra)
}

// uploadConfig registers the file's text through the write-only upload.
func uploadConfig(sb *sandboxtest.Sandbox, projectID, filename string, version int) string {
	return providerConfig(sb) + fmt.Sprintf(`
resource "modernretail_onboarding_credentials" "test" {
  project_id             = %[1]q
  credentials_wo         = file(%[2]q)
  credentials_wo_version = %[3]d
}
`, projectID, filename, version)
}

// expectVerified checks the sandbox's registration of a project.
func expectVerified(sb *sandboxtest.Sandbox, projectID string, revision int64, creds credentialsfile.Credentials) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reg := sb.Registrations()[projectID]
		fingerprint := onboarding.Fingerprint(creds.AccessToken, creds.ClientSecret)
		if reg.Status != onboarding.StatusVerified || reg.Revision != revision || reg.Fingerprint != fingerprint || reg.ClientID != creds.ClientID {
			return fmt.Errorf("registration = %+v, want verified, revision %d, client %s", reg, revision, creds.ClientID)
		}
		return nil
	}
}

// verifiedState checks the state of the test registration.
func verifiedState(revision int64, creds credentialsfile.Credentials) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("status"), knownvalue.StringExact(onboarding.StatusVerified)),
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("revision"), knownvalue.Int64Exact(revision)),
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("fingerprint"), knownvalue.StringExact(onboarding.Fingerprint(creds.AccessToken, creds.ClientSecret))),
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("store_hash"), knownvalue.StringExact(creds.StoreHash)),
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("unverified"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("store_v2_transactions")})),
	}
}

var acmeProject = []sandbox.ProjectFixture{{ID: "acme", Name: "Acme Outdoor"}}

func TestAccOnboardingCredentials_formVerifiedRotatedAndWithdrawn(t *testing.T) {
	dir := t.TempDir()
	first := testCredentials(t, "acme0001")
	rotated := testCredentials(t, "acme0001")
	sb := serveProjects(t, acmeProject, scopes.Required, first, rotated)
	file := writeCredentials(t, dir, "acme.txt", first)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if reg := sb.Registrations()["acme"]; reg.Status != onboarding.StatusPending || reg.Revision != 0 {
				return fmt.Errorf("after destroy the registration is %+v, want it withdrawn", reg)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				// Create, wait for verification; the second plan is empty.
				Config: formConfig(sb, "acme", file, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("fingerprint"), knownvalue.StringExact(onboarding.Fingerprint(first.AccessToken, first.ClientSecret))),
					plancheck.ExpectSensitiveValue(registrationAddr, tfjsonpath.New("access_token")),
				}},
				ConfigStateChecks: verifiedState(1, first),
				Check:             expectVerified(sb, "acme", 1, first),
			},
			{
				// The owner downloads a new file: the credentials are registered anew.
				PreConfig: func() { writeCredentials(t, dir, "acme.txt", rotated) },
				Config:    formConfig(sb, "acme", file, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: verifiedState(2, rotated),
				Check:             expectVerified(sb, "acme", 2, rotated),
			},
			{
				// Withdrawn in the Onboarding Center UI: the next plan registers again.
				PreConfig: func() { sb.SetTaskStatus("acme", "reset", "") },
				Config:    formConfig(sb, "acme", file, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionCreate),
				}},
				// Revisions never repeat, also after a withdrawal.
				Check: expectVerified(sb, "acme", 3, rotated),
			},
			{
				// Rejected by a person in the UI: the next plan submits again.
				PreConfig: func() { sb.SetTaskStatus("acme", "reject", "Please re-check the account.") },
				Config:    formConfig(sb, "acme", file, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectVerified(sb, "acme", 4, rotated),
			},
			{
				// Other credentials uploaded in the UI show as drift and are put back.
				PreConfig: func() { uploadByHand(t, sb, "acme", first) },
				Config:    formConfig(sb, "acme", file, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("fingerprint"), knownvalue.StringExact(onboarding.Fingerprint(rotated.AccessToken, rotated.ClientSecret))),
				}},
				Check: expectVerified(sb, "acme", 6, rotated),
			},
			{
				// Import by project id recovers everything but the secrets.
				ResourceName:      registrationAddr,
				ImportState:       true,
				ImportStateId:     "acme",
				ImportStateVerify: true,
				// Import recovers no secret, so neither the scope check's unverified list.
				ImportStateVerifyIgnore: []string{"access_token", "client_secret", "unverified"},
			},
		},
	})
}

func TestAccOnboardingCredentials_rejectedAtApply(t *testing.T) {
	creds := testCredentials(t, "bolt0001")
	sb := serveProjects(t, []sandbox.ProjectFixture{{ID: "bolt", Name: "Bolt Bikes"}},
		dropScopes([]string{"store_v2_orders", "store_storefront_api_customer_impersonation"}, "store_v2_orders_read_only"), creds)
	file := writeCredentials(t, t.TempDir(), "bolt.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// With the plan-time gate off, the Onboarding Center's own verification rejects them.
				Config: formConfig(sb, "bolt", file, "require_scopes = false"),
				ExpectError: multiline(`Credentials rejected by the Onboarding Center.*The Onboarding Center rejected the credentials of project "bolt": ` +
					`The API account lacks required scopes: Orders: modify, Storefront API Customer Impersonation Tokens: manage\..*` +
					`- Change Orders from read-only to modify \(store_v2_orders\).*` +
					`- Change Storefront API Customer Impersonation Tokens from none to manage \(store_storefront_api_customer_impersonation\)`),
			},
			{
				// The owner fixes the scopes; the next apply converges.
				PreConfig: func() { sb.SetScopes("bolt0001", scopes.Required) },
				Config:    formConfig(sb, "bolt", file, "require_scopes = false"),
				Check: func(*terraform.State) error {
					if reg := sb.Registrations()["bolt"]; reg.Status != onboarding.StatusVerified {
						return fmt.Errorf("registration %+v", reg)
					}
					return nil
				},
			},
		},
	})
}

func TestAccOnboardingCredentials_planTimeGates(t *testing.T) {
	creds := testCredentials(t, "bolt0001")
	sb := serveProjects(t, []sandbox.ProjectFixture{{ID: "bolt", Name: "Bolt Bikes"}, {ID: "taken", Name: "Taken", StoreHash: "other0001"}},
		dropScopes([]string{"store_cart"}), creds)
	file := writeCredentials(t, t.TempDir(), "bolt.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      formConfig(sb, "bolt", file, ""),
				PlanOnly:    true,
				ExpectError: multiline(`Missing BigCommerce OAuth scopes.*with modernretail_onboarding_credentials.test.*access_token.*Change Carts from none to modify \(store_cart\)`),
			},
			{
				Config:      formConfig(sb, "taken", file, "require_scopes = false"),
				PlanOnly:    true,
				ExpectError: multiline(`Onboarding project bound to another store.*project_id.*Project "taken" is bound to store other0001, but these credentials are for store bolt0001`),
			},
			{
				Config:      formConfig(sb, "nobody", file, "require_scopes = false"),
				PlanOnly:    true,
				ExpectError: multiline(`Unknown onboarding project.*project_id.*no project "nobody"`),
			},
		},
	})
	if n := sb.Registrations()["bolt"].PutCount; n != 0 {
		t.Errorf("a failed plan submitted credentials %d times", n)
	}
}

// stateHoldsNoSecret searches the whole state, as terraform show -json gives it, for the secrets.
func stateHoldsNoSecret(secrets ...string) statecheck.StateCheck {
	return stateCheckFunc(func(req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
		data, err := json.Marshal(req.State)
		if err != nil {
			resp.Error = err
			return
		}
		if !strings.Contains(string(data), "modernretail_onboarding_credentials") {
			resp.Error = fmt.Errorf("the state does not hold the registration, so the search proves nothing")
			return
		}
		for i, s := range secrets {
			if strings.Contains(string(data), s) {
				resp.Error = fmt.Errorf("secret %d is in the state", i)
				return
			}
		}
	})
}

type stateCheckFunc func(statecheck.CheckStateRequest, *statecheck.CheckStateResponse)

func (f stateCheckFunc) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	f(req, resp)
}

func TestAccOnboardingCredentials_uploadWriteOnly(t *testing.T) {
	dir := t.TempDir()
	creds := testCredentials(t, "acme0001")
	rotated := testCredentials(t, "acme0001")
	sb := serveProjects(t, acmeProject, scopes.Required, creds, rotated)
	file := writeCredentials(t, dir, "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: uploadConfig(sb, "acme", file, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// Parsed at plan: the fields are known before apply.
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("client_id"), knownvalue.StringExact(creds.ClientID)),
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("store_hash"), knownvalue.StringExact("acme0001")),
				}},
				ConfigStateChecks: append(verifiedState(1, creds),
					statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("credentials_wo"), knownvalue.Null()),
					stateHoldsNoSecret(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)),
			},
			{
				// Bumping the version submits the same credentials again.
				Config: uploadConfig(sb, "acme", file, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectVerified(sb, "acme", 2, creds),
			},
			{
				// A new file is registered anew, and the state still holds no secret.
				PreConfig:         func() { writeCredentials(t, dir, "acme.txt", rotated) },
				Config:            uploadConfig(sb, "acme", file, 2),
				ConfigStateChecks: append(verifiedState(3, rotated), stateHoldsNoSecret(rotated.AccessToken, rotated.ClientSecret, creds.AccessToken)),
			},
			{
				ResourceName:            registrationAddr,
				ImportState:             true,
				ImportStateId:           "acme",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"credentials_wo_version", "unverified"},
			},
		},
	})
}

func TestAccOnboardingCredentials_uploadMissingScopesFailPlan(t *testing.T) {
	creds := testCredentials(t, "bolt0001")
	sb := serveProjects(t, []sandbox.ProjectFixture{{ID: "bolt"}}, dropScopes([]string{"store_v2_orders"}, "store_v2_orders_read_only"), creds)
	file := writeCredentials(t, t.TempDir(), "bolt.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      uploadConfig(sb, "bolt", file, 1),
			PlanOnly:    true,
			ExpectError: multiline(`Missing BigCommerce OAuth scopes.*credentials_wo.*Change Orders from read-only to modify`),
		}},
	})
}

func TestAccOnboardingCredentials_formWriteOnly(t *testing.T) {
	creds := testCredentials(t, "acme0001")
	sb := serveProjects(t, acmeProject, scopes.Required, creds)
	file := writeCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerConfig(sb) + fmt.Sprintf(`
ephemeral "modernretail_bigcommerce_credentials" "store" {
  filename = %[1]q
}

resource "modernretail_onboarding_credentials" "test" {
  project_id             = "acme"
  store_hash             = "acme0001"
  client_id              = %[2]q
  client_name            = "Modern Retail Integration"
  access_token_wo        = ephemeral.modernretail_bigcommerce_credentials.store.access_token
  client_secret_wo       = ephemeral.modernretail_bigcommerce_credentials.store.client_secret
  credentials_wo_version = 1
}
`, file, creds.ClientID),
			ConfigStateChecks: append(verifiedState(1, creds),
				statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("access_token_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("api_path"), knownvalue.StringExact("https://api.bigcommerce.com/stores/acme0001/v3/")),
				stateHoldsNoSecret(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)),
		}},
	})
}

func TestAccOnboardingCredentials_invalidConfigurations(t *testing.T) {
	cases := []struct{ projectID, body, want string }{
		{"acme", ``, `No credentials are given`},
		{"acme", `credentials_wo = "x"
  credentials_wo_version = 1
  client_id = "abc"`, `client_id = "abc".*credentials_wo gives every field of the credentials, so client_id must not be set`},
		{"acme", `store_hash = "acme0001"
  client_id = "abc"
  access_token = "a"
  client_secret = "b"
  access_token_wo = "a"
  client_secret_wo = "b"
  credentials_wo_version = 1`, `access_token = "a".*use one pair`},
		{"acme", `store_hash = "acme0001"
  client_id = "abc"
  access_token = "a"`, `access_token and client_secret go together; client_secret is missing`},
		{"acme", `store_hash = "acme0001"
  client_id = "abc"
  access_token_wo = "a"
  client_secret_wo = "b"`, `Write-only credentials need credentials_wo_version`},
		{"acme", `client_id = "abc"
  access_token = "a"
  client_secret = "b"`, `The form needs store_hash`},
		{"a/b", `credentials_wo = "x"
  credentials_wo_version = 1`, `project_id = "a/b".*must be 1 to 64 letters, digits`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config: fmt.Sprintf(`
resource "modernretail_onboarding_credentials" "test" {
  project_id = %q
  %s
}
`, tc.projectID, tc.body),
			PlanOnly:    true,
			ExpectError: multiline(`Invalid.*` + tc.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// TestAccOnboardingCredentials_importConverges imports registrations made
// outside Terraform, then applies: nothing is submitted again.
func TestAccOnboardingCredentials_importConverges(t *testing.T) {
	dir := t.TempDir()
	creds := testCredentials(t, "acme0001")
	other := testCredentials(t, "bolt0001")
	sb := serveProjects(t, []sandbox.ProjectFixture{{ID: "acme"}, {ID: "bolt"}}, scopes.Required, creds, other)
	file := writeCredentials(t, dir, "acme.txt", creds)
	otherFile := writeCredentials(t, dir, "bolt.txt", other)
	uploadByHand(t, sb, "acme", creds)
	uploadByHand(t, sb, "bolt", other)
	config := formConfig(sb, "acme", file, "") + fmt.Sprintf(`
resource "modernretail_onboarding_credentials" "wo" {
  project_id             = "bolt"
  credentials_wo         = file(%q)
  credentials_wo_version = 1
}
`, otherFile)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ResourceName: registrationAddr, ImportState: true, ImportStateId: "acme", ImportStatePersist: true},
			{Config: config, ResourceName: "modernretail_onboarding_credentials.wo", ImportState: true, ImportStateId: "bolt", ImportStatePersist: true},
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					expectVerified(sb, "acme", 1, creds),
					expectVerified(sb, "bolt", 1, other),
				),
			},
		},
	})
}

func TestAccOnboardingCredentials_retriesKeepOneRevision(t *testing.T) {
	creds := testCredentials(t, "acme0001")
	sb := serveProjects(t, acmeProject, scopes.Required, creds)
	sb.SetOnboardingFaults(sandbox.Faults{ErrorRate: 0.4, RateLimitQuota: 4, RateLimitWindowMs: 500, Seed: 5})
	file := writeCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: formConfig(sb, "acme", file, ""),
			Check: func(*terraform.State) error {
				reg := sb.Registrations()["acme"]
				if reg.Revision != 1 || reg.Status != onboarding.StatusVerified {
					return fmt.Errorf("registration %+v, want one verified revision", reg)
				}
				return nil
			},
		}},
	})
}

var twoSeconds = 2000

func TestAccOnboardingCredentials_verificationTimeoutThenConverges(t *testing.T) {
	creds := testCredentials(t, "acme0001")
	sb := serveProjects(t, acmeProject, scopes.Required, creds)
	file := writeCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Verification takes two seconds; a half-second timeout runs out first.
				PreConfig:   func() { sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &twoSeconds}) },
				Config:      formConfig(sb, "acme", file, `timeouts = { create = "500ms" }`),
				ExpectError: multiline(`Timed out waiting for verification.*project "acme" were submitted \(revision 1\).*Run terraform apply again to keep waiting`),
			},
			{
				Config: formConfig(sb, "acme", file, ""),
				Check:  expectVerified(sb, "acme", 1, creds),
			},
		},
	})
}
