package acctest

import (
	"context"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
)

// AcmeProject is the one onboarding project most tests register.
var AcmeProject = []sandbox.ProjectFixture{{ID: "acme", Name: "Acme Outdoor"}}

// Serve starts a sandbox that knows the given credentials, each account
// holding the granted scopes, with the onboarding projects; verification
// takes 50 ms.
func Serve(t testing.TB, projects []sandbox.ProjectFixture, granted []string, creds ...credentialsfile.Credentials) *sandboxtest.Sandbox {
	t.Helper()
	stores := map[string]*sandbox.Store{}
	var order []string
	for _, c := range creds {
		st := stores[c.StoreHash]
		if st == nil {
			st = &sandbox.Store{StoreHash: c.StoreHash, Name: "Store " + c.StoreHash}
			stores[c.StoreHash] = st
			order = append(order, c.StoreHash)
		}
		st.APIAccounts = append(st.APIAccounts, sandbox.APIAccount{
			ClientName: c.ClientName, ClientID: c.ClientID, ClientSecret: c.ClientSecret, AccessToken: c.AccessToken, Scopes: granted,
		})
	}
	delay := 50
	f := sandbox.Fixture{Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay, Projects: projects}}
	for _, h := range order {
		f.Stores = append(f.Stores, *stores[h])
	}
	sb := sandboxtest.Start(t, f)
	Secrets.Add(sb.OnboardingToken)
	// A test runs many Terraform operations against one store; BigCommerce's
	// quota is left to the tests about rate limits.
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 100000})
	return sb
}

// UploadByHand plays a person, or another configuration, registering credentials in the Onboarding Center.
func UploadByHand(t testing.TB, sb *sandboxtest.Sandbox, projectID string, c credentialsfile.Credentials) {
	t.Helper()
	client := onboarding.New(sb.OnboardingURL, sb.OnboardingToken, "onboarding-center-ui", apiclient.Options{})
	if _, err := client.PutCredentials(context.Background(), projectID, onboarding.SubmissionOf(c), "", onboarding.Condition{}); err != nil {
		t.Fatal(err)
	}
}

// DeletesSent counts the withdrawals the Onboarding Center received.
func DeletesSent(sb *sandboxtest.Sandbox) int {
	n := 0
	for _, st := range sb.OnboardingStats().Stores {
		n += st.Methods["DELETE"]
	}
	return n
}
