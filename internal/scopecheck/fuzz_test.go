package scopecheck

import (
	"encoding/json"
	"testing"
)

// FuzzStoreInfo feeds arbitrary GET /v2/store bodies to the decoder: it must
// never panic, and what it returns must come from the body.
func FuzzStoreInfo(f *testing.F) {
	for _, seed := range []string{
		`{"id":"acme0001","name":"Acme","domain":"acme.example.com","logo":[]}`,
		`{"id":"acme0001","name":"Acme","domain":"acme.example.com","logo":{"url":"https://example.com/logo.png"}}`,
		`{"id":"other0001"}`,
		`{"id":42,"name":["x"]}`,
		`<html>Service Unavailable</html>`,
		``,
		`[]`,
		`null`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		info, message, ok := storeInfo("acme0001", body)
		if !ok {
			if info != nil || message == "" {
				t.Fatalf("an unreadable body gave %+v and %q", info, message)
			}
			return
		}
		var check StoreInfo
		if err := json.Unmarshal(body, &check); err != nil || check != *info {
			t.Fatalf("decoded %+v from a body that gives %+v (%v)", info, check, err)
		}
	})
}
