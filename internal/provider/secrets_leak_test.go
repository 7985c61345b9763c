package provider

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// expectNoSecret fails the test when text gives away a secret in any form:
// any letter case, URL-encoded, full-width, with invisible characters, or a
// run of redact.RunLength of its characters.
func expectNoSecret(t *testing.T, what, text string, secrets redact.Set) {
	t.Helper()
	if secrets.Holds(text) {
		t.Errorf("%s gives a secret away:\n%s", what, secrets.Text(text))
	}
}

// expectCleanWorkspace searches a workspace's state, its TRACE log and the
// Onboarding Center's registrations for the secrets.
func expectCleanWorkspace(t *testing.T, w *acctest.Workspace, trace string, sb *sandboxtest.Sandbox, secrets redact.Set) {
	t.Helper()
	show, _ := w.Run("show", "-json")
	expectNoSecret(t, "terraform show -json", show, secrets)
	log, err := os.ReadFile(trace)
	if err != nil || len(log) == 0 {
		t.Fatalf("no TRACE log (%v)", err)
	}
	expectNoSecret(t, "the TRACE log", string(log), secrets)
	for id, reg := range sb.Registrations() {
		expectNoSecret(t, "the registration of project "+id, reg.ClientID+" "+reg.StoreHash+" "+reg.Fingerprint, secrets)
	}
}

// swappedFile writes the credentials with the ACCESS TOKEN and CLIENT ID values exchanged, as a file typed by hand might.
func swappedFile(t *testing.T, c credentialsfile.Credentials) string {
	swapped := c
	swapped.AccessToken, swapped.ClientID = c.ClientID, c.AccessToken
	return acctest.WriteCredentials(t, t.TempDir(), "swapped.txt", swapped)
}

// TestAccSwappedTokenAndClientIDNeverShow plans and applies a file whose
// ACCESS TOKEN and CLIENT ID values are swapped: through the per-store
// module with and without write_only, and through the upload with the scope
// gate off. Each fails at plan with the fix, and at apply before anything is
// submitted; the token, which stands as the client id, appears in no output,
// no state, no TRACE log line and no registration.
func TestAccSwappedTokenAndClientIDNeverShow(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := swappedFile(t, creds)
	secrets := redact.New(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)
	module := modulePath(t, "..", "..", "examples", "modules", "store-onboarding")
	for name, c := range map[string]struct {
		config string
		vars   []string
	}{
		"module":                        {moduleConfig(sb, module, file), []string{"-var=write_only=false"}},
		"module, write-only":            {moduleConfig(sb, module, file), []string{"-var=write_only=true"}},
		"upload without the scope gate": {uploadConfigWith(sb, "acme", file, 1, set("require_scopes", false)), nil},
		"credentials resource":          {withProvider(sb, acctest.Resource("modernretail_bigcommerce_credentials", "store").Set("filename", file)), nil},
	} {
		t.Run(name, func(t *testing.T) {
			w := acctest.NewWorkspace(t, c.config)
			trace := w.TraceLog()
			if strings.Contains(c.config, "module ") {
				w.MustRun("get")
			}
			for _, command := range [][]string{append([]string{"plan"}, c.vars...), append([]string{"apply", "-auto-approve"}, c.vars...)} {
				out, err := w.Run(command...)
				if err == nil {
					t.Fatalf("terraform %s succeeded with swapped values:\n%s", command[0], secrets.Text(out))
				}
				if !strings.Contains(out, "ACCESS TOKEN and CLIENT ID swapped") || !strings.Contains(out, "exchange the values") {
					t.Errorf("terraform %s does not say the values are swapped:\n%s", command[0], secrets.Text(out))
				}
				expectNoSecret(t, "terraform "+command[0], out, secrets)
			}
			expectCleanWorkspace(t, w, trace, sb, secrets)
		})
	}
	if reg := sb.Registrations()["acme"]; reg.PutCount != 0 {
		t.Errorf("%d submissions reached the Onboarding Center", reg.PutCount)
	}
}

// echoingOnboardingCenter stands in front of the Onboarding Center and, while
// echo holds a status, answers every request itself with that status and an
// error that quotes the request's Authorization header, as a careless
// gateway or service might, in JSON and in plain text.
func echoingOnboardingCenter(t *testing.T, sb *sandboxtest.Sandbox, echo *atomic.Int32) string {
	proxy := httputil.NewSingleHostReverseProxy(sb.OnboardingURL)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status := int(echo.Load())
		if status == 0 {
			proxy.ServeHTTP(w, r)
			return
		}
		auth := r.Header.Get("Authorization")
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, "upstream refused "+auth)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"errors":[{"field":"`+auth+`","message":"the bearer token in '`+auth+`' is expired; `+strings.ToUpper(auth)+`"}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestAccEchoedOnboardingTokenNeverShows plans and destroys a registration
// through an Onboarding Center that echoes the Authorization header in its
// errors, on 401 and on 503, for every method: the onboarding token appears
// in no output, no state and no TRACE log line.
func TestAccEchoedOnboardingTokenNeverShows(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	file := acctest.WriteCredentials(t, t.TempDir(), "acme.txt", creds)
	secrets := redact.New(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)
	var echo atomic.Int32
	config := strings.Replace(uploadConfig(sb, "acme", file, 1), sb.OnboardingURL.String(), echoingOnboardingCenter(t, sb, &echo), 1)
	config = strings.Replace(config, "provider \"modernretail\" {", "provider \"modernretail\" {\n  max_retries = 1", 1)
	w := acctest.NewWorkspace(t, config)
	trace := w.TraceLog()
	w.MustRun("apply", "-auto-approve")
	for _, status := range []int32{http.StatusUnauthorized, http.StatusServiceUnavailable} {
		echo.Store(status)
		for _, command := range [][]string{{"plan"}, {"apply", "-auto-approve", "-replace=modernretail_onboarding_credentials.test"}, {"destroy", "-auto-approve"}} {
			out, err := w.Run(command...)
			if err == nil {
				t.Fatalf("terraform %s succeeded through an Onboarding Center answering %d:\n%s", command[0], status, secrets.Text(out))
			}
			// The JSON error is quoted with the token removed; the plain-text one is not quoted at all.
			if !strings.Contains(out, "Onboarding Center") || status == http.StatusUnauthorized && !strings.Contains(out, redact.Replacement) {
				t.Errorf("terraform %s, %d: the error does not quote the answer with the token removed:\n%s", command[0], status, secrets.Text(out))
			}
			expectNoSecret(t, "terraform "+command[0], out, secrets)
		}
	}
	echo.Store(0)
	w.MustRun("destroy", "-auto-approve")
	expectCleanWorkspace(t, w, trace, sb, secrets)
}

// TestAccLookalikeFilesNeverShow plans each corpus file that holds a
// look-alike copy of a secret under CLIENT NAME or CLIENT ID: a copy with a
// zero-width space inside, a full-width copy, half the client secret, and a
// client ID made of the secret's first characters. Each fails the plan on
// its line and label, and no form of the secrets reaches the output or the
// TRACE log.
func TestAccLookalikeFilesNeverShow(t *testing.T) {
	acctest.Secrets.Add(corpusToken, corpusSecret)
	secrets := redact.New(corpusToken, corpusSecret)
	files, err := filepath.Glob(filepath.Join("..", "credentialsfile", "testdata", "corpus", "lookalike-*.txt"))
	if err != nil || len(files) != 4 {
		t.Fatalf("%d look-alike corpus files (%v), want 4", len(files), err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			abs, _ := filepath.Abs(file)
			w := acctest.NewWorkspace(t, acctest.Config(acctest.Resource("modernretail_bigcommerce_credentials", "store").Set("filename", abs)))
			trace := w.TraceLog()
			out, err := w.Run("plan")
			if err == nil || !strings.Contains(out, "Secret in a field that is not secret") {
				t.Errorf("the plan does not refuse the look-alike (%v):\n%s", err, secrets.Text(out))
			}
			expectNoSecret(t, "terraform plan", out, secrets)
			log, err := os.ReadFile(trace)
			if err != nil {
				t.Fatal(err)
			}
			expectNoSecret(t, "the TRACE log", string(log), secrets)
		})
	}
}
