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
	"os"
	"path/filepath"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
)

// Sandbox is a running sandbox.
type Sandbox struct {
	t  testing.TB
	bc *sandbox.BigCommerce
	ob *sandbox.Onboarding
	// URL is the BigCommerce API base URL, such as http://127.0.0.1:PORT.
	URL *url.URL
	// OnboardingURL is the Onboarding Center's base URL; OnboardingToken its API token.
	OnboardingURL   *url.URL
	OnboardingToken string
	// OnboardingTokenFile holds the token, for configurations that read it from a file.
	OnboardingTokenFile string
	// Fixture holds the generated secrets.
	Fixture sandbox.Fixture
}

// Start serves the fixture on loopback until the test ends.
func Start(t testing.TB, f sandbox.Fixture) *Sandbox {
	t.Helper()
	bc, ob, f, err := sandbox.Start(f)
	if err != nil {
		t.Fatal(err)
	}
	bcServer := httptest.NewServer(bc)
	t.Cleanup(bcServer.Close)
	bcURL := mustParse(t, bcServer.URL)
	obServer := httptest.NewServer(ob)
	t.Cleanup(func() {
		obServer.Close()
		ob.Close()
	})
	tokenFile := filepath.Join(t.TempDir(), "onboarding-token")
	if err := os.WriteFile(tokenFile, []byte(ob.Token()), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Sandbox{t: t, bc: bc, ob: ob, URL: bcURL, OnboardingURL: mustParse(t, obServer.URL),
		OnboardingToken: ob.Token(), OnboardingTokenFile: tokenFile, Fixture: f}
}

func mustParse(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Registrations lists the Onboarding Center's registrations, through its admin API.
func (s *Sandbox) Registrations() map[string]sandbox.RegistrationView {
	s.t.Helper()
	var list []sandbox.RegistrationView
	s.getJSON(s.OnboardingURL, "/_sandbox/registrations", &list)
	out := map[string]sandbox.RegistrationView{}
	for _, r := range list {
		out[r.ProjectID] = r
	}
	return out
}

// SetTaskStatus plays a person in the Onboarding Center UI: "reset" or "reject".
func (s *Sandbox) SetTaskStatus(projectID, action, message string) {
	s.t.Helper()
	s.putTo(s.OnboardingURL, "/_sandbox/projects/"+projectID+"/api-credentials/status", sandbox.TaskStatusChange{Action: action, Message: message})
}

// SetOnboardingFaults replaces the Onboarding Center's injected faults.
func (s *Sandbox) SetOnboardingFaults(f sandbox.Faults) {
	s.t.Helper()
	s.putTo(s.OnboardingURL, "/_sandbox/faults", f)
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

// Stats reads the BigCommerce request counts.
func (s *Sandbox) Stats() sandbox.Stats {
	s.t.Helper()
	var st sandbox.Stats
	s.getJSON(s.URL, "/_sandbox/stats", &st)
	return st
}

func (s *Sandbox) getJSON(base *url.URL, path string, out any) {
	s.t.Helper()
	resp, err := http.Get(base.String() + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		s.t.Fatal(err)
	}
}

// OnboardingStats reads the Onboarding Center's request counts.
func (s *Sandbox) OnboardingStats() sandbox.Stats {
	s.t.Helper()
	var st sandbox.Stats
	s.getJSON(s.OnboardingURL, "/_sandbox/stats", &st)
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
	s.putTo(s.URL, path, body)
}

func (s *Sandbox) putTo(base *url.URL, path string, body any) {
	s.t.Helper()
	data, err := json.Marshal(body)
	if err != nil {
		s.t.Fatal(err)
	}
	s.sendTo(base, http.MethodPut, path, data)
}

func (s *Sandbox) send(method, path string, data []byte) {
	s.t.Helper()
	s.sendTo(s.URL, method, path, data)
}

func (s *Sandbox) sendTo(base *url.URL, method, path string, data []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, base.String()+path, bytes.NewReader(data))
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

// RetryGaps returns, for each store API request answered 429, how many
// milliseconds passed on the sandbox's clock until the same request came again.
func (s *Sandbox) RetryGaps() []int64 {
	s.t.Helper()
	log := s.Stats().Requests
	var gaps []int64
	for i, req := range log {
		if req.Status != http.StatusTooManyRequests {
			continue
		}
		for _, next := range log[i+1:] {
			if next.URI == req.URI && next.StoreHash == req.StoreHash {
				gaps = append(gaps, next.AtUnixMs-req.AtUnixMs)
				break
			}
		}
	}
	return gaps
}
