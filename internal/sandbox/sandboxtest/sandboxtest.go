// Package sandboxtest starts the sandbox in-process for tests and drives its
// admin API over HTTP, as the demo and CI do.
package sandboxtest

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
)

// Sandbox is a running sandbox.
type Sandbox struct {
	t   testing.TB
	run *sandbox.Running
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
	run, err := sandbox.Listen(f, "127.0.0.1:0", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	tokenFile := filepath.Join(t.TempDir(), "onboarding-token")
	if err := os.WriteFile(tokenFile, []byte(run.OnboardingToken), 0o600); err != nil {
		t.Fatal(err)
	}
	return &Sandbox{t: t, run: run, URL: run.BigCommerceURL, OnboardingURL: run.OnboardingURL,
		OnboardingToken: run.OnboardingToken, OnboardingTokenFile: tokenFile, Fixture: run.Fixture}
}

// must fails the test on an admin API error.
func (s *Sandbox) must(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

// Registrations lists the Onboarding Center's registrations, by project id.
func (s *Sandbox) Registrations() map[string]sandbox.RegistrationView {
	s.t.Helper()
	list, err := s.run.Registrations()
	s.must(err)
	out := map[string]sandbox.RegistrationView{}
	for _, r := range list {
		out[r.ProjectID] = r
	}
	return out
}

// SetTaskStatus plays a person in the Onboarding Center UI: "reset" or "reject".
func (s *Sandbox) SetTaskStatus(projectID, action, message string) {
	s.t.Helper()
	s.must(s.run.SetTaskStatus(projectID, action, message))
}

// SetOnboardingFaults replaces the Onboarding Center's injected faults.
func (s *Sandbox) SetOnboardingFaults(f sandbox.Faults) {
	s.t.Helper()
	s.must(s.run.SetOnboardingFaults(f))
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
	s.must(s.run.SetScopes(storeHash, s.Account(storeHash).ClientID, scopeList))
}

// DeleteAccount plays the store owner deleting an API account, which revokes its token.
func (s *Sandbox) DeleteAccount(storeHash, clientID string) {
	s.t.Helper()
	s.must(s.run.DeleteAccount(storeHash, clientID))
}

// SetAnswers chooses which documented answers a store's granted token gets, and whether a gateway answers instead.
func (s *Sandbox) SetAnswers(storeHash string, a sandbox.Answers) {
	s.t.Helper()
	s.must(s.run.SetAnswers(storeHash, a))
}

// SetFaults replaces the BigCommerce stand-in's injected faults.
func (s *Sandbox) SetFaults(f sandbox.Faults) {
	s.t.Helper()
	s.must(s.run.SetFaults(f))
}

// Stats reads the BigCommerce request counts.
func (s *Sandbox) Stats() sandbox.Stats {
	s.t.Helper()
	st, err := s.run.Stats()
	s.must(err)
	return st
}

// OnboardingStats reads the Onboarding Center's request counts.
func (s *Sandbox) OnboardingStats() sandbox.Stats {
	s.t.Helper()
	st, err := s.run.OnboardingStats()
	s.must(err)
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
