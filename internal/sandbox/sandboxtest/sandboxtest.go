// Package sandboxtest starts the sandbox in-process for tests and drives its
// admin API over HTTP, as the demo and CI do.
package sandboxtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
)

// Sandbox is a running sandbox.
type Sandbox struct {
	t  testing.TB
	bc *sandbox.BigCommerce
	// URL is the BigCommerce API base URL, such as http://127.0.0.1:PORT.
	URL *url.URL
	// Fixture holds the generated secrets.
	Fixture sandbox.Fixture
}

// Start serves the fixture on loopback until the test ends.
func Start(t testing.TB, f sandbox.Fixture) *Sandbox {
	t.Helper()
	bc, err := sandbox.NewBigCommerce(f)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bc)
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &Sandbox{t: t, bc: bc, URL: u, Fixture: bc.Fixture()}
}

// Account returns the first API account of a store.
func (s *Sandbox) Account(storeHash string) sandbox.APIAccount {
	s.t.Helper()
	for _, st := range s.Fixture.Stores {
		if st.StoreHash == storeHash && len(st.APIAccounts) > 0 {
			return st.APIAccounts[0]
		}
	}
	s.t.Fatalf("no API account on store %s", storeHash)
	return sandbox.APIAccount{}
}

// SetScopes plays the store owner changing the first account's scopes.
func (s *Sandbox) SetScopes(storeHash string, scopeList []string) {
	s.t.Helper()
	s.put(fmt.Sprintf("/_sandbox/stores/%s/api-accounts/%s/scopes", storeHash, s.Account(storeHash).ClientID), scopeList)
}

// DeleteAccount plays the store owner deleting an API account, which revokes its token.
func (s *Sandbox) DeleteAccount(storeHash, clientID string) {
	s.t.Helper()
	s.send(http.MethodDelete, fmt.Sprintf("/_sandbox/stores/%s/api-accounts/%s", storeHash, clientID), nil)
}

// SetFaults replaces the injected faults.
func (s *Sandbox) SetFaults(f sandbox.Faults) {
	s.t.Helper()
	s.put("/_sandbox/faults", f)
}

// Stats reads the request counts.
func (s *Sandbox) Stats() sandbox.Stats {
	s.t.Helper()
	resp, err := http.Get(s.URL.String() + "/_sandbox/stats")
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var st sandbox.Stats
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		s.t.Fatal(err)
	}
	return st
}

// Requests is the number of store API requests a store has received.
func (s *Sandbox) Requests(storeHash string) int {
	s.t.Helper()
	if st := s.Stats().Stores[storeHash]; st != nil {
		return st.Total
	}
	return 0
}

func (s *Sandbox) put(path string, body any) {
	s.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		s.t.Fatal(err)
	}
	s.send(http.MethodPut, path, data)
}

func (s *Sandbox) send(method, path string, data []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL.String()+path, bytes.NewReader(data))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		msg, _ := io.ReadAll(resp.Body)
		s.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, msg)
	}
}
