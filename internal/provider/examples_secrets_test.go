package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact/redacttest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// malformedWithSecrets is a credentials file that fails to parse while it
// holds real-looking secrets: the API path carries the control panel's
// "store-" prefix, and the account name a full-width copy of the token.
func malformedWithSecrets(token, clientID, secret string) string {
	return "ACCESS TOKEN: " + token + "\nCLIENT NAME: " + redacttest.FullWidth(token) + "\nAPI PATH: https://api.bigcommerce.com/stores/store-acme0001/v3/\n" +
		"CLIENT ID: " + clientID + "\nCLIENT SECRET: " + secret + "\n"
}

// TestAccDocumentedExamplesNeverPrintAMalformedFile plans every documented
// example that takes a credentials file, with a malformed file in its place:
// each plan fails, names the fault, and prints no secret in any form, in its
// output or its TRACE log.
func TestAccDocumentedExamplesNeverPrintAMalformedFile(t *testing.T) {
	creds := acctest.Credentials(t, "acme0001")
	sb := acctest.Serve(t, acctest.AcmeProject, scopes.Required, creds)
	text := malformedWithSecrets(creds.AccessToken, creds.ClientID, creds.ClientSecret)
	secrets := redact.New(creds.AccessToken, creds.ClientSecret, sb.OnboardingToken)
	examples := filepath.Join(acctest.Root(), "examples")
	valid := readFile(t, acctest.WriteCredentials(t, t.TempDir(), "valid.txt", creds))
	for dir, files := range map[string]string{
		"resources/modernretail_bigcommerce_credentials":           text,
		"resources/modernretail_onboarding_credentials":            text,
		"data-sources/modernretail_bigcommerce_scopes":             text,
		"ephemeral-resources/modernretail_bigcommerce_credentials": text,
		"functions/parse_credentials":                              text,
		// The files are good here, so that only the variable, the file's text, is malformed.
		"functions/parse_credentials, the variable": valid,
		"modules/store-onboarding":                  text,
	} {
		t.Run(dir, func(t *testing.T) {
			dir, _, _ := strings.Cut(dir, ",")
			w := acctest.NewWorkspace(t, "")
			trace := w.TraceLog()
			tf, err := filepath.Glob(filepath.Join(examples, dir, "*.tf"))
			if err != nil || len(tf) == 0 {
				t.Fatalf("no example in %s (%v)", dir, err)
			}
			for _, f := range tf {
				data := []byte(readFile(t, f))
				if strings.Contains(string(data), "required_providers") {
					// The module's own terraform block: the workspace's main.tf has one already.
					data = []byte(strings.Replace(string(data), "terraform {", "terraform {\n  # kept", 1))
					w.Write("")
					if err := os.Remove(filepath.Join(w.Dir(), "main.tf")); err != nil {
						t.Fatal(err)
					}
				}
				acctest.WriteFile(t, w.Dir(), filepath.Base(f), data)
			}
			names := []string{"acme-outdoor.txt", "bolt-bikes.txt", "cobalt-coffee.txt"}
			if files == valid {
				// One good file: the directory's files key a map by store hash.
				names = names[:1]
			}
			for _, name := range names {
				acctest.WriteFile(t, filepath.Join(w.Dir(), "credentials"), name, []byte(files))
			}
			w.Env = []string{
				"BIGCOMMERCE_API_URL=" + sb.URL.String(),
				"MODERNRETAIL_ONBOARDING_URL=" + sb.OnboardingURL.String(),
				"MODERNRETAIL_ONBOARDING_TOKEN=" + sb.OnboardingToken,
				"TF_VAR_credentials=" + text,
				"TF_VAR_bolt_bikes_credentials=" + text,
				"TF_VAR_credentials_dir=credentials",
				"TF_VAR_credentials_file=credentials/acme-outdoor.txt",
				"TF_VAR_project_id=acme",
				"TF_VAR_carts_token=" + creds.AccessToken,
			}
			out, err := w.Run("plan")
			if err == nil {
				t.Fatalf("the plan passed with a malformed file:\n%s", secrets.Text(out))
			}
			if !strings.Contains(out, "Invalid credentials file") || !strings.Contains(out, "Store hash with a store- prefix") {
				t.Errorf("the plan does not name the fault:\n%s", secrets.Text(out))
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
