package provider

import (
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccOnboardingCredentials_neverSilentWithoutSettings registers a store,
// then refreshes and imports it with a provider that lacks the Onboarding
// Center's settings, or has them empty: each fails, naming what is missing,
// never "No changes" or "Import successful". An empty onboarding_token gives
// way to MODERNRETAIL_ONBOARDING_TOKEN, and a malformed import id fails on
// its form before anything is read.
func TestAccOnboardingCredentials_neverSilentWithoutSettings(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	config := uploadConfig(sb, "acme", file, 1)
	w := acctest.NewWorkspace(t, config)
	w.MustRun("apply", "-auto-approve")

	bare := acctest.Config(acctest.Resource("modernretail_onboarding_credentials", "test").
		Set("project_id", "acme").Set("credentials_wo", acctest.File(file)).Set("credentials_wo_version", 1))
	emptied := strings.Replace(strings.Replace(config, sb.OnboardingURL.String(), "", 1), "onboarding_token", "# onboarding_token", 1)
	emptied = strings.Replace(emptied, "provider \"modernretail\" {", "provider \"modernretail\" {\n  onboarding_token = \"\"", 1)
	for name, c := range map[string]struct{ config, missing string }{
		"no settings":  {bare, "Not set: onboarding_url (or MODERNRETAIL_ONBOARDING_URL) and onboarding_token (or MODERNRETAIL_ONBOARDING_TOKEN)"},
		"empty values": {emptied, "Not set: onboarding_url (or MODERNRETAIL_ONBOARDING_URL) and onboarding_token (or MODERNRETAIL_ONBOARDING_TOKEN)"},
	} {
		w.Write(c.config)
		for _, command := range [][]string{{"plan", "-refresh-only"}, {"apply", "-refresh-only", "-auto-approve"}} {
			out, err := w.Run(command...)
			flat := strings.Join(strings.Fields(out), " ")
			if err == nil || !strings.Contains(flat, "Onboarding Center not configured") || !strings.Contains(flat, c.missing) {
				t.Errorf("%s, terraform %s: (%v)\n%s", name, strings.Join(command, " "), err, out)
			}
		}
		fresh := acctest.NewWorkspace(t, c.config)
		out, err := fresh.Run("import", "modernretail_onboarding_credentials.test", "acme")
		if err == nil || strings.Contains(out, "Import successful") || !strings.Contains(strings.Join(strings.Fields(out), " "), c.missing) {
			t.Errorf("%s, terraform import: (%v)\n%s", name, err, out)
		}
	}

	// An empty onboarding_token is as good as none: the environment variable applies.
	w.Env = []string{"MODERNRETAIL_ONBOARDING_TOKEN=" + sb.OnboardingToken}
	w.Write(strings.Replace(strings.Replace(config, "onboarding_token", "# onboarding_token", 1), "provider \"modernretail\" {", "provider \"modernretail\" {\n  onboarding_token = \"\"", 1))
	w.ExpectEmptyPlan()

	fresh := acctest.NewWorkspace(t, config)
	for _, id := range []string{"a/b", " acme", "acme project", strings.Repeat("x", 65)} {
		out, err := fresh.Run("import", "modernretail_onboarding_credentials.test", id)
		if err == nil || !strings.Contains(out, "Invalid import id") || strings.Contains(out, "Onboarding Center request failed") {
			t.Errorf("import %q: (%v)\n%s", id, err, out)
		}
	}
}
