package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccOnboardingCredentials_lateUpdateIsOwnAndWithdrawn rotates the
// credentials while every answer to a PUT is lost: the Onboarding Center
// registers the update, but the apply times out without knowing it. The next
// plan recognises the revision by its owner and records it, so it is empty,
// and the destroy withdraws the rotated credentials.
func TestAccOnboardingCredentials_lateUpdateIsOwnAndWithdrawn(t *testing.T) {
	first, rotated := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, first, rotated)
	dir := t.TempDir()
	file := acctest.WriteCredentials(t, dir, "acme.txt", first)
	w := acctest.NewWorkspace(t, uploadConfigWith(sb, "acme", file, 1, set("timeouts", acctest.Expr(`{ update = "2s" }`))))
	w.MustRun("apply", "-auto-approve")
	acctest.WriteCredentials(t, dir, "acme.txt", rotated)
	sb.SetOnboardingFaults(sandbox.Faults{LostResponseRate: 1, Methods: []string{"PUT"}})
	out, err := w.Run("apply", "-auto-approve")
	if err == nil || !acctest.Multiline(`Error: (Timed out submitting the credentials.*may or may not have been registered.*records it as this state's own|Onboarding Center request failed)`).MatchString(out) {
		t.Fatalf("the apply whose answers were lost (%v):\n%s", err, out)
	}
	if reg := sb.Registrations()["acme"]; reg.Revision != 2 || reg.ClientID != rotated.ClientID {
		t.Fatalf("registration %+v, want the rotated credentials registered despite the lost answers", reg)
	}
	sb.SetOnboardingFaults(sandbox.Faults{})
	w.ExpectEmptyPlan()
	expectDestroyWithdraws(t, w, sb)
}

// expectDestroyWithdraws destroys the workspace and checks that project acme's
// registration is withdrawn, with no warning that it was left in place.
func expectDestroyWithdraws(t *testing.T, w *acctest.Workspace, sb *sandboxtest.Sandbox) {
	t.Helper()
	if out := w.MustRun("destroy", "-auto-approve"); strings.Contains(out, "left in place") {
		t.Errorf("the destroy left this configuration's own registration in place:\n%s", out)
	}
	if reg := sb.Registrations()["acme"]; reg.Status != onboarding.StatusPending {
		t.Errorf("registration %+v after destroy, want it withdrawn", reg)
	}
}

// TestAccOnboardingCredentials_oneOwnerPerRegistration applies two
// configurations with the same credentials for one project. The second adopts
// the registration, with a warning at plan and at apply, and owns it from
// then on: the first's destroy leaves it in place with a warning, and the
// owner's destroy withdraws it. An import takes ownership explicitly.
func TestAccOnboardingCredentials_oneOwnerPerRegistration(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	dir := t.TempDir()
	other := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, dir, "creds0.txt", creds), 1))
	owner := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, dir, "creds1.txt", creds), 1))
	other.MustRun("apply", "-auto-approve")
	if out := owner.MustRun("plan"); !acctest.Multiline(`Warning: Onboarding registration owned by another configuration.*Project "acme" already has these credentials registered, written by another Terraform configuration`).MatchString(out) {
		t.Errorf("the second configuration's plan does not warn:\n%s", out)
	}
	if out := owner.MustRun("apply", "-auto-approve"); !acctest.Multiline(`Warning: Onboarding registration taken over.*This configuration now owns the registration of project "acme" \(revision 2\)`).MatchString(out) {
		t.Errorf("the second configuration's apply does not say it took the registration over:\n%s", out)
	}
	reg := sb.Registrations()["acme"]
	if reg.Revision != 2 || reg.Owner == "" || reg.Status != onboarding.StatusVerified {
		t.Fatalf("registration %+v, want revision 2, owned and verified", reg)
	}
	owner.ExpectEmptyPlan()
	other.ExpectEmptyPlan()
	if out := other.MustRun("destroy", "-auto-approve"); !strings.Contains(out, "Onboarding registration left in place") {
		t.Errorf("the destroy of the configuration that no longer owns it does not warn:\n%s", out)
	}
	if got := sb.Registrations()["acme"]; got.Status == onboarding.StatusPending || got.Revision != 2 {
		t.Fatalf("the other configuration's destroy withdrew the registration: %+v", got)
	}
	// Importing into the other configuration takes ownership, and says so, without writing.
	if out := other.MustRun("import", registrationAddr, "acme"); !acctest.Multiline(`Warning: Onboarding registration imported.*This configuration now owns the registration of project "acme"`).MatchString(out) {
		t.Errorf("the import does not say it takes ownership:\n%s", out)
	}
	if got := sb.Registrations()["acme"]; got.Revision != 2 || got.Owner != reg.Owner {
		t.Errorf("the import wrote to the registration: %+v", got)
	}
	other.MustRun("state", "rm", registrationAddr)
	expectDestroyWithdraws(t, owner, sb)
}

// TestAccOnboardingCredentials_gateNeverBlocksLeaving destroys a
// registration with BigCommerce down, with the token revoked and with a scope
// removed: the plan-time gate warns, and the registration is withdrawn. A
// normal plan with a scope removed shows missing_scopes changing, so a drift
// job's -detailed-exitcode reports it, and its apply fails.
func TestAccOnboardingCredentials_gateNeverBlocksLeaving(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	for _, tc := range []struct {
		name  string
		cause func(*sandboxtest.Sandbox)
	}{
		{"bigcommerce down", func(sb *sandboxtest.Sandbox) { sb.SetFaults(sandbox.Faults{ErrorRate: 1}) }},
		{"token revoked", func(sb *sandboxtest.Sandbox) { sb.DeleteAccount("acme0001", creds.ClientID) }},
		{"scope removed", func(sb *sandboxtest.Sandbox) {
			sb.SetScopes("acme0001", acctest.RequiredWithout([]string{"store_v2_orders"}, "store_v2_orders_read_only"))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
			w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds), 1))
			w.MustRun("apply", "-auto-approve")
			tc.cause(sb)
			if tc.name == "scope removed" {
				out, err := w.Run("plan", "-detailed-exitcode")
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(out, "Warning: Missing BigCommerce OAuth scopes") ||
					!acctest.Multiline(`~ missing_scopes\s+= \[\s+\+ "store_v2_orders"`).MatchString(out) {
					t.Errorf("a plan after a scope was removed (%v), want exit code 2 with the warning and missing_scopes:\n%s", err, out)
				}
				if out, err := w.Run("apply", "-auto-approve"); err == nil || !acctest.Multiline(`Error: Missing BigCommerce OAuth scopes.*Orders`).MatchString(out) {
					t.Errorf("the apply after a scope was removed (%v):\n%s", err, out)
				}
			}
			if out, err := w.Run("plan", "-destroy"); err != nil || !strings.Contains(out, "1 to destroy") {
				t.Errorf("terraform plan -destroy (%v):\n%s", err, out)
			}
			expectDestroyWithdraws(t, w, sb)
		})
	}
}

// TestAccOnboardingCredentials_unawaitedVerificationIsNotDrift applies with
// wait_for_verification = false: the registration is verified after the
// apply, and the next plan, with -detailed-exitcode, finds nothing to do.
func TestAccOnboardingCredentials_unawaitedVerificationIsNotDrift(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	slow := 300
	sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &slow})
	w := acctest.NewWorkspace(t, uploadConfigWith(sb, "acme", acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds), 1, set("wait_for_verification", false)))
	w.MustRun("apply", "-auto-approve")
	if out := w.MustRun("state", "show", registrationAddr); !strings.Contains(out, `status                 = "submitted"`) {
		t.Fatalf("the apply did not leave the registration awaiting verification:\n%s", out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for sb.Registrations()["acme"].Status != onboarding.StatusVerified {
		if time.Now().After(deadline) {
			t.Fatal("the registration was never verified")
		}
		time.Sleep(50 * time.Millisecond)
	}
	w.ExpectEmptyPlan()
}

// TestAccOnboardingCredentials_savedPlanAfterTheFileChanged applies a saved
// plan after the credentials file changed again. Terraform refuses the apply
// before the provider writes anything, as the README's troubleshooting says.
func TestAccOnboardingCredentials_savedPlanAfterTheFileChanged(t *testing.T) {
	first, second, third := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, first, second, third)
	dir := t.TempDir()
	w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, dir, "acme.txt", first), 1))
	w.MustRun("apply", "-auto-approve")
	acctest.WriteCredentials(t, dir, "acme.txt", second)
	w.MustRun("plan", "-out=tfplan")
	acctest.WriteCredentials(t, dir, "acme.txt", third)
	out, err := w.Run("apply", "tfplan")
	if err == nil || !strings.Contains(out, "inconsistent final plan") {
		t.Fatalf("applying the stale saved plan (%v):\n%s", err, out)
	}
	if reg := sb.Registrations()["acme"]; reg.Revision != 1 || reg.PutCount != 1 || reg.ClientID != first.ClientID {
		t.Errorf("registration %+v, want the first credentials untouched", reg)
	}
}

// TestAccOnboardingCredentials_stateFromBeforeOwners rewrites a state as the
// provider wrote it before registrations had owners: schema version 0 and no
// private state. The upgrade keeps every value, the plan is empty, and the
// destroy still withdraws the revision that state recorded.
func TestAccOnboardingCredentials_stateFromBeforeOwners(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds), 1))
	w.MustRun("apply", "-auto-approve")
	statePath := filepath.Join(w.Dir(), "terraform.tfstate")
	raw, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	var whole map[string]any
	if err := json.Unmarshal(raw, &whole); err != nil {
		t.Fatal(err)
	}
	rewritten := 0
	resources, _ := whole["resources"].([]any)
	for _, r := range resources {
		res, _ := r.(map[string]any)
		if res == nil || res["type"] != "modernretail_onboarding_credentials" {
			continue
		}
		instances, _ := res["instances"].([]any)
		for _, i := range instances {
			if inst, ok := i.(map[string]any); ok {
				inst["schema_version"] = 0
				delete(inst, "private")
				rewritten++
			}
		}
	}
	if rewritten != 1 {
		t.Fatalf("rewrote %d instances, want 1", rewritten)
	}
	serial, _ := whole["serial"].(float64)
	whole["serial"] = serial + 1
	raw, _ = json.Marshal(whole)
	if err := os.WriteFile(statePath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	w.ExpectEmptyPlan()
	expectDestroyWithdraws(t, w, sb)
}

// TestAccModule_inputsAreValidated plans the per-store module with a project
// id that is not one, and with a file that is not a credentials file: each
// fails on its variable with a clear message, and the file's text never shows.
func TestAccModule_inputsAreValidated(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	dir := t.TempDir()
	good := acctest.WriteCredentials(t, dir, "acme.txt", creds)
	bad := acctest.WriteFile(t, dir, "notes.txt", []byte("ACCESS TOKEN "+creds.AccessToken+"\nnot a credentials file\n"))
	source := modulePath(t, "..", "..", "examples", "modules", "store-onboarding")
	for _, tc := range []struct {
		name, projectID, file, want string
	}{
		{"project id", "acme outdoor/1", good, `Invalid value for variable.*project_id must be an Onboarding Center project id: 1 to 64 letters, digits, '_' or '-'`},
		{"credentials file", "acme", bad, `var\.credentials_file.*Invalid credentials file:.*line 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := withProvider(sb, acctest.Module("store").Set("source", source).Set("credentials_file", tc.file).Set("project_id", tc.projectID))
			w := acctest.NewWorkspace(t, config)
			w.MustRun("get")
			out, err := w.Run("plan")
			if err == nil || !acctest.Multiline(tc.want).MatchString(out) {
				t.Fatalf("the plan (%v):\n%s", err, out)
			}
			if strings.Contains(out, creds.AccessToken) {
				t.Error("the plan shows the file's access token")
			}
		})
	}
}

// TestAccOnboardingRequestsAsDocumented counts the Onboarding Center requests
// the README's performance section quotes for one store: 1 for a first plan,
// 4 for an apply when verification is immediate, about 9 with the sandbox's
// default verification delay of 300 ms, and 2 for a later plan.
func TestAccOnboardingRequestsAsDocumented(t *testing.T) {
	for _, tc := range []struct {
		delayMs            int
		minApply, maxApply int
	}{{0, 4, 4}, {300, 8, 10}} {
		t.Run(fmt.Sprintf("verification after %d ms", tc.delayMs), func(t *testing.T) {
			creds := acctest.Credentials(t, "acme0001")
			sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
			delay := tc.delayMs
			sb.SetOnboardingFaults(sandbox.Faults{VerificationDelayMs: &delay})
			w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds), 1))
			count := func() int {
				if st := sb.OnboardingStats().Stores["acme"]; st != nil {
					return st.Total
				}
				return 0
			}
			w.MustRun("plan")
			if n := count(); n != 1 {
				t.Errorf("a first plan sent %d Onboarding Center requests, the README says 1", n)
			}
			// terraform apply, as the benchmark runs it: its own plan, then the apply.
			before := count()
			w.MustRun("apply", "-auto-approve")
			if n := count() - before; n < tc.minApply || n > tc.maxApply {
				t.Errorf("the apply sent %d Onboarding Center requests, the README says %d to %d", n, tc.minApply, tc.maxApply)
			}
			before = count()
			w.MustRun("plan")
			if n := count() - before; n != 2 {
				t.Errorf("a later plan sent %d Onboarding Center requests, the README says 2", n)
			}
		})
	}
}

// TestAccOnboardingCredentials_unknownBigCommerceURLKeepsState plans an
// unchanged registration while the provider's bigcommerce_api_url is not known
// until apply, so the scope check cannot run: the registration keeps what
// state knows, unverified included, and plans nothing.
func TestAccOnboardingCredentials_unknownBigCommerceURLKeepsState(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	registration := acctest.Resource("modernretail_onboarding_credentials", "test").
		Set("project_id", "acme").
		Set("credentials_wo", acctest.File(file)).
		Set("credentials_wo_version", 1)
	// A new timestamp at every plan makes the URL known only at apply.
	url := acctest.Resource("terraform_data", "url").Set("input", acctest.Expr("timestamp()"))
	provider := acctest.Provider().
		Set("bigcommerce_api_url", acctest.Expr(fmt.Sprintf(`terraform_data.url.output == "" ? %q : %q`, sb.URL.String(), sb.URL.String()))).
		Set("onboarding_url", sb.OnboardingURL.String()).
		Set("onboarding_token", acctest.File(sb.OnboardingTokenFile))
	w := acctest.NewWorkspace(t, provider.String()+"\n"+acctest.Config(url, registration))
	w.MustRun("apply", "-auto-approve")
	if got := w.PlannedActions()[registrationAddr]; got != "no-op" {
		t.Errorf("with bigcommerce_api_url unknown, the unchanged registration plans %q, want no-op", got)
	}
}
