package provider

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccDocumentedFormSwitchSubmitsNothing registers a store through the
// upload, then switches to the form with write-only secrets exactly as the
// resource's documented example writes it (the cobalt_coffee blocks of
// examples/resources/modernretail_onboarding_credentials/resource.tf, copied
// from the file): nothing is replaced, and with the same credentials nothing
// is submitted, so the revision stays.
func TestAccDocumentedFormSwitchSubmitsNothing(t *testing.T) {
	example := readFile(t, filepath.Join(acctest.Root(), "examples", "resources", "modernretail_onboarding_credentials", "resource.tf"))
	const start = `ephemeral "modernretail_bigcommerce_credentials" "cobalt_coffee"`
	_, form, found := strings.Cut(example, start)
	form = start + form
	if !found || !strings.Contains(form, `resource "modernretail_onboarding_credentials" "cobalt_coffee"`) {
		t.Fatal("the documented form example is not where this test looks for it")
	}
	// The example's own values: a store and API account made to match them.
	creds := acctest.Credentials(t, "c0ba1tc0f")
	creds.ClientID, creds.ClientName = "0123456789abcdefghijklmnopqrstu", credentialsfile.RecommendedAccountName
	sb := acctest.Serve(t, []sandbox.ProjectFixture{{ID: "cobalt-coffee", Name: "Cobalt Coffee"}}, scopes.Required, creds)
	dir := t.TempDir()
	acctest.WriteCredentials(t, dir, "cobalt-coffee.txt", creds)

	variable := "variable \"credentials_dir\" {\n  type = string\n}\n"
	upload := variable + acctest.Config(acctest.Resource("modernretail_onboarding_credentials", "cobalt_coffee").
		Set("project_id", "cobalt-coffee").
		Set("credentials_wo", acctest.Expr(`file("${var.credentials_dir}/cobalt-coffee.txt")`)).
		Set("credentials_wo_version", 1))
	w := acctest.NewWorkspace(t, providerConfig(sb)+"\n"+upload)
	vars := "-var=credentials_dir=" + dir
	w.MustRun("apply", "-auto-approve", vars)
	before := sb.Registrations()["cobalt-coffee"]

	w.Write(providerConfig(sb) + "\n" + variable + form)
	const addr = "modernretail_onboarding_credentials.cobalt_coffee"
	if got := w.PlannedActions(vars)[addr]; got != "update" && got != "no-op" {
		t.Fatalf("switching to the documented form plans %q, want no replacement", got)
	}
	w.MustRun("apply", "-auto-approve", vars)
	after := sb.Registrations()["cobalt-coffee"]
	if after.Revision != before.Revision || after.PutCount != before.PutCount {
		t.Errorf("the switch submitted again: revision %d → %d, %d → %d submissions", before.Revision, after.Revision, before.PutCount, after.PutCount)
	}
	w.ExpectEmptyPlan(vars)
}
