package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Admin drives the stand-ins' admin APIs over HTTP, as the demo and CI do.
type Admin struct {
	// BigCommerceURL and OnboardingURL are the stand-ins' base URLs.
	BigCommerceURL, OnboardingURL *url.URL
}

// SetFaults replaces the BigCommerce stand-in's injected faults.
func (a Admin) SetFaults(f Faults) error {
	return a.send(a.BigCommerceURL, http.MethodPut, "/_sandbox/faults", f)
}

// SetOnboardingFaults replaces the Onboarding Center's injected faults.
func (a Admin) SetOnboardingFaults(f Faults) error {
	return a.send(a.OnboardingURL, http.MethodPut, "/_sandbox/faults", f)
}

// SetScopes plays the store owner changing an API account's scopes.
func (a Admin) SetScopes(storeHash, clientID string, scopes []string) error {
	return a.send(a.BigCommerceURL, http.MethodPut, fmt.Sprintf("/_sandbox/stores/%s/api-accounts/%s/scopes", storeHash, clientID), scopes)
}

// SetAnswers chooses which documented answers a store's granted token gets, and whether a gateway answers instead.
func (a Admin) SetAnswers(storeHash string, answers Answers) error {
	return a.send(a.BigCommerceURL, http.MethodPut, "/_sandbox/stores/"+storeHash+"/answers", answers)
}

// DeleteAccount plays the store owner deleting an API account, which revokes its token.
func (a Admin) DeleteAccount(storeHash, clientID string) error {
	return a.send(a.BigCommerceURL, http.MethodDelete, fmt.Sprintf("/_sandbox/stores/%s/api-accounts/%s", storeHash, clientID), nil)
}

// SetTaskStatus plays a person in the Onboarding Center UI: "reset" or "reject".
func (a Admin) SetTaskStatus(projectID, action, message string) error {
	return a.send(a.OnboardingURL, http.MethodPut, "/_sandbox/projects/"+projectID+"/api-credentials/status", TaskStatusChange{Action: action, Message: message})
}

// Stats reads the BigCommerce stand-in's request counts.
func (a Admin) Stats() (Stats, error) {
	var st Stats
	return st, a.get(a.BigCommerceURL, "/_sandbox/stats", &st)
}

// OnboardingStats reads the Onboarding Center's request counts.
func (a Admin) OnboardingStats() (Stats, error) {
	var st Stats
	return st, a.get(a.OnboardingURL, "/_sandbox/stats", &st)
}

// Registrations lists the Onboarding Center's registrations.
func (a Admin) Registrations() ([]RegistrationView, error) {
	var list []RegistrationView
	return list, a.get(a.OnboardingURL, "/_sandbox/registrations", &list)
}

func (a Admin) get(base *url.URL, path string, out any) error {
	resp, err := http.Get(base.String() + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func (a Admin) send(base *url.URL, method, path string, body any) error {
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequest(method, base.String()+path, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, msg)
	}
	return nil
}
