package apiclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestSubsystemLevelFromEnvironment checks that the subsystem's own
// environment variable sets its level, and that the credential stays masked.
func TestSubsystemLevelFromEnvironment(t *testing.T) {
	const secret = "abcdefghijklmnopqrstuvwxyz12345"
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("{}"))
	}))
	t.Cleanup(server.Close)
	base, _ := url.Parse(server.URL)
	client := New(Config{BaseURL: base, UserAgent: "test", Subsystem: "storeapi", CredentialHeader: "X-Auth-Token"})

	logs := func(level string) string {
		t.Setenv("TF_LOG_PROVIDER_MODERNRETAIL_STOREAPI", level)
		var out bytes.Buffer
		ctx := tflogtest.RootLogger(context.Background(), &out)
		if _, err := client.Do(ctx, Request{Method: http.MethodGet, Path: "/v2/store", Credential: secret}); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}

	if quiet := logs("ERROR"); strings.Contains(quiet, "provider.storeapi") {
		t.Errorf("at ERROR the subsystem still logs its requests:\n%s", quiet)
	}
	debug := logs("DEBUG")
	if !strings.Contains(debug, `"@module":"provider.storeapi"`) || !strings.Contains(debug, "Sending request") {
		t.Errorf("at DEBUG the subsystem logs no request:\n%s", debug)
	}
	if strings.Contains(debug, secret) {
		t.Error("the credential appears in a log line")
	}
}
