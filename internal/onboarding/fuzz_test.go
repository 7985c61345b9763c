package onboarding

import (
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// FuzzDecodeResponse feeds arbitrary answers to the decoder of every
// response type: it must never panic, and its errors never carry the secret.
func FuzzDecodeResponse(f *testing.F) {
	const secret = "s3cr3tt0k3nvalue0000000000000000"
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"status":"verified","store_hash":"acme0001","revision":2,"verification":{"status":"verified","missing_scopes":[],"message":""}}`},
		{200, `{"id":"acme","name":"Acme","store_hash":null,"tasks":[{"key":"api_credentials","status":"pending"}]}`},
		{200, `{"revision":"two","tasks":{}}`},
		{200, `<html><body>Bad Gateway</body></html>`},
		{200, ``},
		{422, `{"errors":[{"field":"access_token","message":"` + secret + ` is invalid"}]}`},
		{422, `{"errors":"nope"}`},
		{502, `<html>upstream error</html>`},
		{404, `null`},
		{204, ``},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		for _, out := range []any{&Registration{}, &Project{}, nil} {
			err := decodeResponse("test", status, body, out, redact.New(secret))
			if err != nil && strings.Contains(err.Error(), secret) {
				t.Fatalf("the error carries the secret: %v", err)
			}
			if (status < 200 || status > 299) && err == nil {
				t.Fatalf("status %d decoded without error", status)
			}
		}
	})
}
