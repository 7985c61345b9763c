package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestAccLoggingAsDocumented runs a plan and an apply with the README's
// debugging example, TF_LOG_PROVIDER=DEBUG, and finds each service's request
// lines under the subsystem names the README and the provider docs give,
// with no secret in any line. It then checks the documented way to quiet one
// subsystem.
func TestAccLoggingAsDocumented(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	w := acctest.NewWorkspace(t, uploadConfig(sb, "acme", acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds), 1))
	logPath := filepath.Join(w.Dir(), "provider.log")
	w.Env = []string{"TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH=" + logPath}
	w.MustRun("apply", "-auto-approve")
	log := readLog(t, logPath)
	for _, module := range []string{"modernretail.bigcommerce", "modernretail.onboarding"} {
		if !hasLine(log, "[DEBUG] provider.terraform-provider-modernretail", "Sending request:", "@module="+module+" ") {
			t.Errorf("no DEBUG request line with @module=%s in the log", module)
		}
		for _, doc := range []string{"../../README.md", "../../docs/index.md"} {
			if text := readLog(t, doc); !strings.Contains(text, "`@module="+module+"`") {
				t.Errorf("%s does not name the subsystem @module=%s", doc, module)
			}
		}
	}
	if !hasLine(log, "@module=modernretail ") {
		t.Error("no line of the provider's own @module=modernretail in the log")
	}
	secrets := redact.New(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)
	if redacted := secrets.Text(log); redacted != log {
		t.Error("a secret appears in the DEBUG log")
	}

	// A subsystem's own level can quiet it below TF_LOG_PROVIDER's.
	if err := os.Remove(logPath); err != nil {
		t.Fatal(err)
	}
	w.Env = append(w.Env, "TF_LOG_PROVIDER_MODERNRETAIL_BIGCOMMERCE=WARN")
	before := sb.Requests("acme0001")
	w.MustRun("plan")
	if sb.Requests("acme0001") == before {
		t.Fatal("the plan sent BigCommerce no request, so the quieting proves nothing")
	}
	log = readLog(t, logPath)
	if hasLine(log, "Sending request:", "@module=modernretail.bigcommerce ") || !hasLine(log, "Sending request:", "@module=modernretail.onboarding ") {
		t.Error("TF_LOG_PROVIDER_MODERNRETAIL_BIGCOMMERCE=WARN does not quiet BigCommerce's request lines alone")
	}
}

// hasLine reports whether a line of the log holds every part; a line's fields come in any order.
func hasLine(log string, parts ...string) bool {
	for _, line := range strings.Split(log, "\n") {
		found := true
		for _, p := range parts {
			if !strings.Contains(line+" ", p) {
				found = false
				break
			}
		}
		if found {
			return true
		}
	}
	return false
}

func readLog(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
