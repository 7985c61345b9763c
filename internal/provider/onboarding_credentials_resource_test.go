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

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const registrationAddr = "modernretail_onboarding_credentials.test"

// formConfig registers the file's credentials through the form, wired from
// the credentials resource, with any extra arguments.
func formConfig(sb *sandboxtest.Sandbox, projectID, filename string, extra ...func(acctest.Block) acctest.Block) string {
	store := func(attr string) acctest.Expr {
		return acctest.Expr("modernretail_bigcommerce_credentials.store." + attr)
	}
	registration := acctest.Resource("modernretail_onboarding_credentials", "test").Set("project_id", projectID)
	for _, attr := range []string{"store_hash", "client_id", "client_name", "api_path", "access_token", "client_secret"} {
		registration = registration.Set(attr, store(attr))
	}
	for _, e := range extra {
		registration = e(registration)
	}
	return withProvider(sb, acctest.Resource("modernretail_bigcommerce_credentials", "store").Set("filename", filename), registration)
}

// set returns an extra argument for a config helper.
func set(name string, value any) func(acctest.Block) acctest.Block {
	return func(b acctest.Block) acctest.Block { return b.Set(name, value) }
}

// withProvider is the provider's configuration for the sandbox, then the blocks.
func withProvider(sb *sandboxtest.Sandbox, blocks ...acctest.Block) string {
	return providerConfig(sb) + "\n" + acctest.Config(blocks...)
}

// uploadConfig registers the file's text through the write-only upload.
func uploadConfig(sb *sandboxtest.Sandbox, projectID, filename string, version int) string {
	return uploadConfigWith(sb, projectID, filename, version)
}

// uploadConfigWith is uploadConfig with extra arguments.
func uploadConfigWith(sb *sandboxtest.Sandbox, projectID, filename string, version int, extra ...func(acctest.Block) acctest.Block) string {
	registration := acctest.Resource("modernretail_onboarding_credentials", "test").
		Set("project_id", projectID).
		Set("credentials_wo", acctest.File(filename)).
		Set("credentials_wo_version", version)
	for _, e := range extra {
		registration = e(registration)
	}
	return withProvider(sb, registration)
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

func TestAccOnboardingCredentials_formVerifiedRotatedAndWithdrawn(t *testing.T) {
	dir := t.TempDir()
	first := acctest.Credentials(t, "acme0001")
	rotated := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, first, rotated)
	file := acctest.WriteCredentials(t, dir, "acme.txt", first)
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
				Config: formConfig(sb, "acme", file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("fingerprint"), knownvalue.StringExact(onboarding.Fingerprint(first.AccessToken, first.ClientSecret))),
					plancheck.ExpectSensitiveValue(registrationAddr, tfjsonpath.New("access_token")),
				}},
				ConfigStateChecks: verifiedState(1, first),
				Check:             expectVerified(sb, "acme", 1, first),
			},
			{
				// The owner downloads a new file: the credentials are registered anew.
				PreConfig: func() { acctest.WriteCredentials(t, dir, "acme.txt", rotated) },
				Config:    formConfig(sb, "acme", file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: verifiedState(2, rotated),
				Check:             expectVerified(sb, "acme", 2, rotated),
			},
			{
				// Withdrawn in the Onboarding Center UI: the next plan registers again.
				PreConfig: func() { sb.SetTaskStatus("acme", "reset", "") },
				Config:    formConfig(sb, "acme", file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionCreate),
				}},
				// Revisions never repeat, also after a withdrawal.
				Check: expectVerified(sb, "acme", 3, rotated),
			},
			{
				// Rejected by a person in the UI: the next plan submits again.
				PreConfig: func() { sb.SetTaskStatus("acme", "reject", "Please re-check the account.") },
				Config:    formConfig(sb, "acme", file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
				}},
				Check: expectVerified(sb, "acme", 4, rotated),
			},
			{
				// Other credentials uploaded in the UI show as drift and are put back.
				PreConfig: func() { acctest.UploadByHand(t, sb, "acme", first) },
				Config:    formConfig(sb, "acme", file),
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

// TestAccOnboardingCredentials_createPaymentsPassesPlanAndApply gives an
// account Create Payments instead of Get Payment Methods: BigCommerce's
// getPaymentMethods accepts either, so the plan-time gate passes it, and the
// Onboarding Center, reading BigCommerce the same way, verifies it.
func TestAccOnboardingCredentials_createPaymentsPassesPlanAndApply(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, acctest.RequiredWithout([]string{"store_payments_methods_read"}, "store_payments_access_token_create"), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: formConfig(sb, "acme", file),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("status"), knownvalue.StringExact(onboarding.StatusVerified)),
			},
		}},
	})
}

// TestAccOnboardingCredentials_rejectedAtApply has the Onboarding Center
// reject the credentials at create and at update. The create records the
// rejected registration with a warning, never a tainted resource; the
// update fails; and once the scopes are fixed the registration is submitted
// again in place, never withdrawn.
func TestAccOnboardingCredentials_rejectedAtApply(t *testing.T) {
	creds := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "bolt", Name: "Bolt Bikes"}},
		acctest.RequiredWithout([]string{"store_v2_orders", "store_storefront_api_customer_impersonation"}, "store_v2_orders_read_only"), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "bolt.txt", creds)
	// With the plan-time gate off, the Onboarding Center's own verification rejects them.
	w := acctest.NewWorkspace(t, formConfig(sb, "bolt", file, set("require_scopes", false)))
	rejected := `Credentials rejected by the Onboarding Center.*The Onboarding Center rejected the credentials of project "bolt": ` +
		`The API account lacks required scopes: Orders: modify, Storefront API Customer Impersonation Tokens: manage\..*` +
		`- Change Orders from read-only to modify \(store_v2_orders\).*` +
		`- Change Storefront API Customer Impersonation Tokens from none to manage \(store_storefront_api_customer_impersonation\)`
	if out := w.MustRun("apply", "-auto-approve"); !acctest.Multiline(`Warning: ` + rejected + `.*The create still succeeds`).MatchString(out) {
		t.Errorf("the create does not warn of the rejection:\n%s", out)
	}
	if out := w.MustRun("state", "list"); strings.Contains(out, "tainted") {
		t.Errorf("the rejected create is tainted:\n%s", out)
	}
	if got := w.PlannedActions()[registrationAddr]; got != "update" {
		t.Errorf("after a rejection the registration plans %q, want an update in place", got)
	}
	if out, err := w.Run("apply", "-auto-approve"); err == nil || !acctest.Multiline(`Error: `+rejected).MatchString(out) {
		t.Errorf("a rejected update does not fail (%v):\n%s", err, out)
	}
	// The owner fixes the scopes; the next apply converges in place.
	sb.SetScopes("bolt0001", scopes.Required)
	w.MustRun("apply", "-auto-approve")
	if reg := sb.Registrations()["bolt"]; reg.Status != onboarding.StatusVerified || reg.Revision != 3 || acctest.DeletesSent(sb) != 0 {
		t.Errorf("registration %+v after %d withdrawals, want revision 3 verified in place", reg, acctest.DeletesSent(sb))
	}
	w.ExpectEmptyPlan()
}

func TestAccOnboardingCredentials_planTimeGates(t *testing.T) {
	creds := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "bolt", Name: "Bolt Bikes"}, {ID: "taken", Name: "Taken", StoreHash: "other0001"}},
		acctest.RequiredWithout([]string{"store_cart"}), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "bolt.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      formConfig(sb, "bolt", file),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Missing BigCommerce OAuth scopes.*with modernretail_onboarding_credentials.test.*access_token.*Change Carts from none to modify \(store_cart\)`),
			},
			{
				Config:      formConfig(sb, "taken", file, set("require_scopes", false)),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Onboarding project bound to another store.*project_id.*Project "taken" is bound to store other0001, but these credentials are for store bolt0001`),
			},
			{
				Config:      formConfig(sb, "nobody", file, set("require_scopes", false)),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Unknown onboarding project.*project_id.*no project "nobody"`),
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
	creds := acctest.Credentials(t, "acme0001")
	rotated := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds, rotated)
	file := acctest.WriteCredentials(t, dir, "acme.txt", creds)
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
				PreConfig:         func() { acctest.WriteCredentials(t, dir, "acme.txt", rotated) },
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
	creds := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "bolt"}}, acctest.RequiredWithout([]string{"store_v2_orders"}, "store_v2_orders_read_only"), creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "bolt.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      uploadConfig(sb, "bolt", file, 1),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`Missing BigCommerce OAuth scopes.*credentials_wo.*Change Orders from read-only to modify`),
		}},
	})
}

func TestAccOnboardingCredentials_formWriteOnly(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
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
	type arg = func(acctest.Block) acctest.Block
	upload := []arg{set("credentials_wo", "x"), set("credentials_wo_version", 1)}
	form := []arg{set("store_hash", "acme0001"), set("client_id", "abc")}
	cases := []struct {
		projectID string
		args      []arg
		want      string
	}{
		{"acme", nil, `No credentials are given`},
		{"acme", append(upload, set("client_id", "abc")), `client_id = "abc".*credentials_wo gives every field of the credentials, so client_id must not be set`},
		{"acme", append(form, set("access_token", "a"), set("client_secret", "b"), set("access_token_wo", "a"), set("client_secret_wo", "b"), set("credentials_wo_version", 1)),
			`access_token = "a".*use one pair`},
		{"acme", append(form, set("access_token", "a")), `access_token and client_secret go together; client_secret is missing`},
		{"acme", append(form, set("access_token_wo", "a"), set("client_secret_wo", "b")), `Write-only credentials need credentials_wo_version`},
		{"acme", []arg{set("client_id", "abc"), set("access_token", "a"), set("client_secret", "b")}, `The form needs store_hash`},
		{"a/b", upload, `project_id = "a/b".*must be 1 to 64 letters, digits`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		registration := acctest.Resource("modernretail_onboarding_credentials", "test").Set("project_id", tc.projectID)
		for _, a := range tc.args {
			registration = a(registration)
		}
		steps = append(steps, resource.TestStep{
			Config:      acctest.Config(registration),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`Invalid.*` + tc.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

func TestAccOnboardingCredentials_importConverges(t *testing.T) {
	dir := t.TempDir()
	creds := acctest.Credentials(t, "acme0001")
	other := acctest.Credentials(t, "bolt0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "acme"}, {ID: "bolt"}}, scopes.Required, creds, other)
	file := acctest.WriteCredentials(t, dir, "acme.txt", creds)
	otherFile := acctest.WriteCredentials(t, dir, "bolt.txt", other)
	acctest.UploadByHand(t, sb, "acme", creds)
	acctest.UploadByHand(t, sb, "bolt", other)
	config := formConfig(sb, "acme", file) + "\n" + acctest.Config(acctest.Resource("modernretail_onboarding_credentials", "wo").
		Set("project_id", "bolt").
		Set("credentials_wo", acctest.File(otherFile)).
		Set("credentials_wo_version", 1))
	// The import command, as a person runs it, through the real CLI with a build of the provider.
	w := acctest.NewWorkspace(t, config)
	w.MustRun("import", registrationAddr, "acme")
	w.MustRun("import", "modernretail_onboarding_credentials.wo", "bolt")
	if state := w.MustRun("state", "show", registrationAddr); !strings.Contains(state, creds.ClientID) || strings.Contains(state, creds.AccessToken) {
		t.Errorf("the imported state does not hold the registration, or holds a secret:\n%s", strings.ReplaceAll(state, creds.AccessToken, "<SECRET>"))
	}
	// The apply records the secrets, or the version, without submitting again.
	w.MustRun("apply", "-auto-approve")
	for project, c := range map[string]credentialsfile.Credentials{"acme": creds, "bolt": other} {
		if err := expectVerified(sb, project, 1, c)(nil); err != nil {
			t.Error(err)
		}
		if reg := sb.Registrations()[project]; reg.PutCount != 1 {
			t.Errorf("project %s was submitted to %d times, want only the upload by hand", project, reg.PutCount)
		}
	}
	w.ExpectEmptyPlan()
}

func TestAccOnboardingCredentials_retriesKeepOneRevision(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	sb.SetOnboardingFaults(sandbox.Faults{ErrorRate: 0.4, RateLimitQuota: 4, RateLimitWindowMs: 500, Seed: 5})
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: formConfig(sb, "acme", file),
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

// TestAccOnboardingCredentials_verificationTimeoutThenConverges lets a
// create's wait for verification time out: state records the submitted
// revision with a warning, and the next apply waits for that revision.
func TestAccOnboardingCredentials_verificationTimeoutThenConverges(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	// Verification takes two seconds; a half-second timeout runs out first.
	sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &twoSeconds})
	w := acctest.NewWorkspace(t, formConfig(sb, "acme", file, set("timeouts", acctest.Expr(`{ create = "500ms" }`))))
	if out := w.MustRun("apply", "-auto-approve"); !acctest.Multiline(`Warning: Timed out waiting for verification.*project "acme" were submitted \(revision 1\).*Run terraform apply again to keep waiting`).MatchString(out) {
		t.Errorf("the create does not warn of the timeout:\n%s", out)
	}
	w.Write(formConfig(sb, "acme", file))
	if got := w.PlannedActions()[registrationAddr]; got != "update" {
		t.Errorf("the next plan is %q, want an update that waits", got)
	}
	w.MustRun("apply", "-auto-approve")
	if reg := sb.Registrations()["acme"]; reg.Status != onboarding.StatusVerified || reg.Revision != 1 || reg.PutCount != 1 {
		t.Errorf("registration %+v, want revision 1 verified after one PUT", reg)
	}
	w.ExpectEmptyPlan()
}

func TestAccOnboardingCredentials_updateTimeoutThenConverges(t *testing.T) {
	dir := t.TempDir()
	first := acctest.Credentials(t, "acme0001")
	rotated := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, first, rotated)
	file := acctest.WriteCredentials(t, dir, "acme.txt", first)
	config := formConfig(sb, "acme", file, set("timeouts", acctest.Expr(`{ update = "500ms" }`)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: expectVerified(sb, "acme", 1, first)},
			{
				// Rotated credentials take two seconds to verify; timeouts.update runs out first.
				PreConfig: func() {
					acctest.WriteCredentials(t, dir, "acme.txt", rotated)
					sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &twoSeconds})
				},
				Config:      config,
				ExpectError: acctest.Multiline(`Timed out waiting for verification.*project "acme" were submitted \(revision 2\).*Run terraform apply again to keep waiting`),
			},
			{
				// The next apply waits for the same revision instead of submitting again.
				Config: formConfig(sb, "acme", file),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(registrationAddr, tfjsonpath.New("status")),
					plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("revision"), knownvalue.Int64Exact(2)),
				}},
				Check: expectVerified(sb, "acme", 2, rotated),
			},
		},
	})
}

func TestAccOnboardingCredentials_readAndDeleteTimeouts(t *testing.T) {
	for _, tc := range []struct {
		timeout string
		step    resource.TestStep
	}{
		{`{ read = "300ms" }`, resource.TestStep{
			RefreshState: true,
			ExpectError:  acctest.Multiline(`Timed out.*Reading the registration of project acme did not finish within 300ms.*raise timeouts.read`),
		}},
		{`{ delete = "300ms" }`, resource.TestStep{
			Destroy:     true,
			ExpectError: acctest.Multiline(`Timed out.*Withdrawing the registration of project acme did not finish within 300ms.*raise timeouts.delete`),
		}},
	} {
		t.Run(tc.timeout, func(t *testing.T) {
			creds := acctest.Credentials(t, "acme0001")
			sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
			file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
			config := uploadConfigWith(sb, "acme", file, 1, set("timeouts", acctest.Expr(tc.timeout)))
			slow := tc.step
			slow.PreConfig = func() { sb.SetOnboardingFaults(sandbox.Faults{LatencyMs: 1500}) }
			if !slow.RefreshState {
				slow.Config = config
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: config, Check: expectVerified(sb, "acme", 1, creds)},
					slow,
					// Once the Onboarding Center answers again, the next run converges.
					{PreConfig: func() { sb.SetOnboardingFaults(sandbox.Faults{}) }, Config: config, Check: expectVerified(sb, "acme", 1, creds)},
				},
			})
		})
	}
}

// TestAccScopesDataSource_readTimeout lets BigCommerce slow down past timeouts.read.
func TestAccScopesDataSource_readTimeout(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, nil, scopes.Required, creds)
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000, LatencyMs: 3000})
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", creds)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      withProvider(sb, scopesBlock(file).Set("timeouts", acctest.Expr(`{ read = "500ms" }`))),
			PlanOnly:    true,
			ExpectError: acctest.Multiline(`Timed out.*The scope check of store acme0001 did not finish within 500ms.*raise timeouts.read`),
		}},
	})
}
