package provider

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// silentServer accepts requests and never answers until the client gives up.
func silentServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	t.Cleanup(srv.Close)
	return srv.URL
}

// tricklingServer answers 200 and sends its body one byte a second, for ever.
func tricklingServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		flusher, ok := w.(http.Flusher)
		if !ok {
			return
		}
		for {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			flusher.Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(time.Second):
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAccOnboardingCredentials_planChecksAreBounded plans a registration
// with timeouts.read of 3 s against a silent Onboarding Center, and against a
// BigCommerce that sends its answer one byte a second: each plan fails within
// the timeout, naming the project or the store and what it waited for.
func TestAccOnboardingCredentials_planChecksAreBounded(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	config := uploadConfigWith(sb, "acme", file, 1, set("timeouts", acctest.Expr(`{ read = "3s" }`)))
	for name, c := range map[string]struct{ config, want string }{
		"silent Onboarding Center": {strings.Replace(config, sb.OnboardingURL.String(), silentServer(t), 1),
			`Timed out.*project_id.*The plan-time read of onboarding project acme did not finish within 3s.*timeouts.read`},
		"trickling BigCommerce": {strings.Replace(config, sb.URL.String(), tricklingServer(t), 1),
			`Timed out.*credentials_wo.*The plan-time scope check of store acme0001 did not finish within 3s.*timeouts.read`},
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: c.config, PlanOnly: true, ExpectError: acctest.Multiline(c.want)}},
			})
			if elapsed := time.Since(start); elapsed > 30*time.Second {
				t.Errorf("the plan took %s", elapsed)
			}
		})
	}
}
