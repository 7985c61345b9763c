package provider

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// moduleConfig uses the per-store module at source, with write_only from a variable.
func moduleConfig(sb *sandboxtest.Sandbox, source, file string) string {
	return withProvider(sb,
		acctest.Variable("write_only").Set("type", acctest.Expr("bool")),
		acctest.Module("store").
			Set("source", source).
			Set("credentials_file", file).
			Set("project_id", "acme").
			Set("write_only", acctest.Expr("var.write_only")))
}

func modulePath(t *testing.T, parts ...string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAccModule_switchingFormsKeepsTheRegistration switches the per-store
// module between the form and the write-only upload three times and back,
// under 20% injected faults: each switch is an in-place update, no DELETE
// reaches the Onboarding Center, and the same credentials make no new revision.
func TestAccModule_switchingFormsKeepsTheRegistration(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	w := acctest.NewWorkspace(t, moduleConfig(sb, modulePath(t, "..", "..", "examples", "modules", "store-onboarding"), file))
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000, ErrorRate: 0.1, ResetRate: 0.05, LostResponseRate: 0.05, Seed: 5})
	sb.SetOnboardingFaults(sandbox.Faults{ErrorRate: 0.1, ResetRate: 0.05, LostResponseRate: 0.05, Seed: 6})
	w.MustRun("get")
	w.MustRun("apply", "-auto-approve", "-var=write_only=false")
	const addr = "module.store.modernretail_onboarding_credentials.this"
	for i, writeOnly := range []bool{true, false, true, false, true, false} {
		vars := fmt.Sprintf("-var=write_only=%t", writeOnly)
		if got := w.PlannedActions(vars)[addr]; got != "update" {
			t.Fatalf("switch %d to write_only=%t plans %q for the registration, want an in-place update", i+1, writeOnly, got)
		}
		w.MustRun("apply", "-auto-approve", vars)
		w.ExpectEmptyPlan(vars)
	}
	reg := sb.Registrations()["acme"]
	if reg.Revision != 1 || reg.Status != onboarding.StatusVerified || reg.Fingerprint != onboarding.Fingerprint(creds.AccessToken, creds.ClientSecret) {
		t.Errorf("registration %+v, want the first revision, verified", reg)
	}
	if n := acctest.DeletesSent(sb); n != 0 {
		t.Errorf("%d DELETEs reached the Onboarding Center", n)
	}
	if st := sb.OnboardingStats().Stores["acme"]; st.Statuses[500]+st.Statuses[503]+st.Statuses[0] == 0 {
		t.Error("no fault was injected, so the test proves nothing")
	}
	t.Logf("Onboarding Center: %+v", sb.OnboardingStats().Stores["acme"])
}

// TestAccModule_upgradeMovesTheRegistration applies version 0.1 of the
// per-store module, which kept the two forms in two resources, then the
// current module: its moved blocks take the registration along, with no
// withdrawal and no new revision.
func TestAccModule_upgradeMovesTheRegistration(t *testing.T) {
	for _, writeOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("write_only=%t", writeOnly), func(t *testing.T) {
			t.Parallel()
			creds := acctest.Credentials(t, "acme0001")
			sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
			file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
			vars := fmt.Sprintf("-var=write_only=%t", writeOnly)
			w := acctest.NewWorkspace(t, moduleConfig(sb, modulePath(t, "testdata", "modules", "store-onboarding-0.1"), file))
			w.MustRun("get")
			w.MustRun("apply", "-auto-approve", vars)

			w.Write(moduleConfig(sb, modulePath(t, "..", "..", "examples", "modules", "store-onboarding"), file))
			w.MustRun("get", "-update")
			for address, action := range w.PlannedActions(vars) {
				if strings.Contains(action, "delete") || strings.Contains(action, "create") {
					t.Errorf("the upgrade plans %s for %s", action, address)
				}
			}
			w.MustRun("apply", "-auto-approve", vars)
			w.ExpectEmptyPlan(vars)
			if state := w.MustRun("state", "list"); !strings.Contains(state, "module.store.modernretail_onboarding_credentials.this") {
				t.Errorf("the registration did not move:\n%s", state)
			}
			if reg := sb.Registrations()["acme"]; reg.Revision != 1 || reg.Status != onboarding.StatusVerified {
				t.Errorf("registration %+v, want the first revision, verified", reg)
			}
			if n := acctest.DeletesSent(sb); n != 0 {
				t.Errorf("%d DELETEs reached the Onboarding Center", n)
			}
		})
	}
}

// TestAccOnboardingCredentials_twoStatesCreateOneProject plans the same
// project's registration in two states, then applies both at once: exactly
// one succeeds, and the other's error names the project and what to do.
func TestAccOnboardingCredentials_twoStatesCreateOneProject(t *testing.T) {
	ours, theirs := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, ours, theirs)
	dir := t.TempDir()
	var workspaces []*acctest.Workspace
	for i, c := range []credentialsfile.Credentials{ours, theirs} {
		w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, dir, fmt.Sprintf("creds%d.txt", i), c), 1))
		w.MustRun("plan", "-out=tfplan")
		workspaces = append(workspaces, w)
	}
	outputs, errs := make([]string, 2), make([]error, 2)
	var wg sync.WaitGroup
	for i, w := range workspaces {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outputs[i], errs[i] = w.Run("apply", "tfplan")
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("want exactly one apply to succeed:\n--- first (%v):\n%s\n--- second (%v):\n%s", errs[0], outputs[0], errs[1], outputs[1])
	}
	winner, loser := 0, 1
	if errs[0] != nil {
		winner, loser = 1, 0
	}
	want := acctest.Multiline(`Error: Onboarding project already has other credentials.*Project "acme" already has API credentials that differ from this configuration's: it now holds client ID ` +
		[]credentialsfile.Credentials{ours, theirs}[winner].ClientID + `.*terraform import <address> acme.*withdraw them in the Onboarding Center`)
	if !want.MatchString(outputs[loser]) {
		t.Errorf("the losing apply says:\n%s", outputs[loser])
	}
	if strings.Contains(outputs[loser], "inconsistent result") {
		t.Errorf("the losing apply reports an inconsistent result:\n%s", outputs[loser])
	}
	winnerCreds := []credentialsfile.Credentials{ours, theirs}[winner]
	if reg := sb.Registrations()["acme"]; reg.Revision != 1 || reg.Fingerprint != onboarding.Fingerprint(winnerCreds.AccessToken, winnerCreds.ClientSecret) {
		t.Errorf("registration %+v, want the winner's, at revision 1", reg)
	}
	workspaces[winner].ExpectEmptyPlan()
}

// TestAccOnboardingCredentials_updateNeverWritesOverAChange plans an update,
// lets someone register other credentials before the apply, and checks that
// the apply refuses to write over them.
func TestAccOnboardingCredentials_updateNeverWritesOverAChange(t *testing.T) {
	first, rotated, byHand := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, first, rotated, byHand)
	dir := t.TempDir()
	w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, dir, "acme.txt", first), 1))
	w.MustRun("apply", "-auto-approve")
	acctest.WriteCredentials(t, dir, "acme.txt", rotated)
	w.MustRun("plan", "-out=tfplan")
	acctest.UploadByHand(t, sb, "acme", byHand)
	out, err := w.Run("apply", "tfplan")
	if err == nil || !acctest.Multiline(`Error: Onboarding registration changed outside this configuration.*registration of project "acme" changed outside this configuration since the last refresh.*it now holds client ID `+byHand.ClientID+`.*Run terraform plan again`).MatchString(out) {
		t.Fatalf("apply over a change: %v\n%s", err, out)
	}
	if reg := sb.Registrations()["acme"]; reg.Revision != 2 || reg.ClientID != byHand.ClientID {
		t.Errorf("registration %+v, want the hand-made revision 2 in place", reg)
	}
	// Planning again shows the change, and the apply then registers the configured credentials.
	if out := w.MustRun("plan"); !strings.Contains(out, byHand.ClientID) || !strings.Contains(out, rotated.ClientID) {
		t.Errorf("the new plan does not show the change from %s to %s:\n%s", byHand.ClientID, rotated.ClientID, out)
	}
	w.MustRun("apply", "-auto-approve")
	if reg := sb.Registrations()["acme"]; reg.Revision != 3 || reg.ClientID != rotated.ClientID {
		t.Errorf("registration %+v, want the rotated credentials at revision 3", reg)
	}
}

// TestAccOnboardingCredentials_staleDestroyLeavesNewerCredentials destroys
// a registration that someone replaced since this state wrote it: the newer
// credentials stay registered.
func TestAccOnboardingCredentials_staleDestroyLeavesNewerCredentials(t *testing.T) {
	ours, theirs := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, ours, theirs)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", ours)
	newerStays := func(*terraform.State) error {
		reg := sb.Registrations()["acme"]
		if reg.Revision != 2 || reg.ClientID != theirs.ClientID || reg.Status == onboarding.StatusPending {
			return fmt.Errorf("registration %+v, want the newer credentials in place", reg)
		}
		if n := acctest.DeletesSent(sb); n != 1 {
			return fmt.Errorf("%d DELETEs sent, want the one refused", n)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             newerStays,
		Steps: []resource.TestStep{
			{Config: uploadConfig(sb, "acme", file, 1), Check: expectVerified(sb, "acme", 1, ours)},
			{
				PreConfig: func() { acctest.UploadByHand(t, sb, "acme", theirs) },
				Config:    uploadConfig(sb, "acme", file, 1),
				Destroy:   true,
			},
		},
	})
}

// TestAccOnboardingCredentials_adoptsRegistrationMadeByHand creates the
// registration of projects whose credentials were uploaded by hand. The same
// secrets, even under another name and API path, are adopted: written again
// with this configuration's values and owner, over exactly the revision
// found, so that state equals the registration and the next plan is empty.
// Other credentials fail the plan.
func TestAccOnboardingCredentials_adoptsRegistrationMadeByHand(t *testing.T) {
	ours, theirs := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "same", Name: "Same"}, {ID: "other", Name: "Other"}}, scopes.Required, ours, theirs)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", ours)
	byHand := ours
	byHand.ClientName, byHand.APIPath = "MR Integration", strings.TrimSuffix(ours.APIPath, "/")
	acctest.UploadByHand(t, sb, "same", byHand)
	acctest.UploadByHand(t, sb, "other", theirs)
	w := acctest.NewWorkspace(t, uploadConfig(sb, "other", file, 1))
	if out, err := w.Run("plan"); err == nil || !acctest.Multiline(`Onboarding project already has other credentials.*Project "other".*client ID `+theirs.ClientID+`.*terraform import <address> other`).MatchString(out) {
		t.Errorf("a plan over other credentials (%v):\n%s", err, out)
	}
	w.Write(uploadConfig(sb, "same", file, 1))
	if got := w.PlannedActions()[registrationAddr]; got != "create" {
		t.Errorf("planned %q, want create", got)
	}
	w.MustRun("apply", "-auto-approve")
	reg := sb.Registrations()["same"]
	if reg.Revision != 2 || reg.ClientName != ours.ClientName || reg.APIPath != ours.APIPath || reg.Owner == "" || reg.Status != onboarding.StatusVerified {
		t.Errorf("registration %+v, want the configured values written over revision 1 with an owner", reg)
	}
	w.ExpectEmptyPlan()
	if reg := sb.Registrations()["other"]; reg.Revision != 1 || reg.ClientID != theirs.ClientID {
		t.Errorf("the other project's registration is %+v, want it untouched", reg)
	}
}

// TestAccOnboardingCredentials_rotation rotates the credentials three ways:
// a new file at another path in the form, and a new file text for the
// write-only upload with and without a version bump. Each real change makes
// exactly one revision, and the next plan is empty.
func TestAccOnboardingCredentials_rotation(t *testing.T) {
	first, second, third := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "form", Name: "Form"}, {ID: "acme", Name: "Upload"}}, scopes.Required, first, second, third)
	dir := t.TempDir()
	firstFile := acctest.WriteCredentials(t, dir, "first.txt", first)
	secondFile := acctest.WriteCredentials(t, dir, "second.txt", second)
	uploadFile := acctest.WriteCredentials(t, dir, "upload.txt", first)
	changes := func(to credentialsfile.Credentials) []plancheck.PlanCheck {
		return []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("client_id"), knownvalue.StringExact(to.ClientID)),
			plancheck.ExpectKnownValue(registrationAddr, tfjsonpath.New("fingerprint"), knownvalue.StringExact(onboarding.Fingerprint(to.AccessToken, to.ClientSecret))),
			plancheck.ExpectUnknownValue(registrationAddr, tfjsonpath.New("revision")),
		}
	}
	empty := resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
	t.Run("form", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: formConfig(sb, "form", firstFile), Check: expectVerified(sb, "form", 1, first)},
				{
					// The new download at another path: one new revision, in place.
					Config:           formConfig(sb, "form", secondFile),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: changes(second), PostApplyPostRefresh: empty.PostApplyPostRefresh},
					Check:            expectVerified(sb, "form", 2, second),
				},
			},
		})
	})
	t.Run("upload", func(t *testing.T) {
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: uploadConfig(sb, "acme", uploadFile, 1), Check: expectVerified(sb, "acme", 1, first)},
				{
					// A new file text without a version bump is seen by its fingerprint.
					PreConfig:        func() { acctest.WriteCredentials(t, dir, "upload.txt", third) },
					Config:           uploadConfig(sb, "acme", uploadFile, 1),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: changes(third), PostApplyPostRefresh: empty.PostApplyPostRefresh},
					Check:            expectVerified(sb, "acme", 2, third),
				},
				{
					// A version bump submits the same file again, once.
					Config:           uploadConfig(sb, "acme", uploadFile, 2),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(registrationAddr, plancheck.ResourceActionUpdate)}, PostApplyPostRefresh: empty.PostApplyPostRefresh},
					Check:            expectVerified(sb, "acme", 3, third),
				},
			},
		})
	})
}

// TestAccModule_offboardingWithdraws plays the CI example's offboarding: the
// store's configuration is replaced by one that declares no resources, as in
// examples/ci/offboard, and the apply withdraws the registration.
func TestAccModule_offboardingWithdraws(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	w := acctest.NewWorkspace(t, moduleConfig(sb, modulePath(t, "..", "..", "examples", "modules", "store-onboarding"), file))
	w.MustRun("get")
	w.MustRun("apply", "-auto-approve", "-var=write_only=true")
	w.Write(providerConfig(sb))
	if out := w.MustRun("apply", "-auto-approve"); !strings.Contains(out, "destroyed") {
		t.Errorf("the offboarding apply destroyed nothing:\n%s", out)
	}
	if reg := sb.Registrations()["acme"]; reg.Status != onboarding.StatusPending || acctest.DeletesSent(sb) != 1 {
		t.Errorf("registration %+v after %d DELETEs, want it withdrawn", reg, acctest.DeletesSent(sb))
	}
	if out := w.MustRun("state", "list"); strings.TrimSpace(out) != "" {
		t.Errorf("the state still holds:\n%s", out)
	}
}
