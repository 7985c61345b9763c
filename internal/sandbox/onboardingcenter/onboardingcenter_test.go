package onboardingcenter

import (
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const hash = "acme0001"

// accountTable is one token's scopes on one store.
type accountTable struct {
	hash, token string
	scopes      []string
}

func (a *accountTable) GrantedScopes(storeHash, token string) ([]string, bool) {
	if storeHash != a.hash || token != a.token {
		return nil, false
	}
	return a.scopes, true
}

// TestRequiredScopesMatchTheCatalog compares the stand-in's own list with the
// provider's catalog, which is kept apart on purpose.
func TestRequiredScopesMatchTheCatalog(t *testing.T) {
	for i, r := range requiredScopes {
		sc, ok := scopes.Lookup(r.scope)
		if !ok || scopes.Required[i] != r.scope || sc.Label() != r.label {
			t.Errorf("the Onboarding Center requires %s (%s); the catalog says %s (%s)", r.scope, r.label, scopes.Required[i], sc.Label())
		}
	}
}

// TestOnboardingVerifiesAgainstTheAccountTable checks the Onboarding Center
// stand-in's verdicts, which come from the BigCommerce stand-in's accounts.
func TestOnboardingVerifiesAgainstTheAccountTable(t *testing.T) {
	all := []string{"store_v2_information", "store_v2_orders_read_only"}
	for _, s := range scopes.Required {
		if s != "store_v2_information_read_only" && s != "store_v2_orders" {
			all = append(all, s)
		}
	}
	accounts := &accountTable{hash: hash, token: "t0ken0000000000000000000000000", scopes: all}
	o, err := New(nil, accounts)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	a := struct{ AccessToken string }{accounts.token}
	status, missing, message := o.check(submission{StoreHash: hash, AccessToken: a.AccessToken})
	if status != statusRejected || len(missing) != 1 || missing[0] != "store_v2_orders" || !strings.Contains(message, "Orders: modify") {
		t.Errorf("%s %v %q: modify implies read-only for Information & Settings, and Orders read-only is not modify", status, missing, message)
	}
	if status, _, _ := o.check(submission{StoreHash: "other0001", AccessToken: a.AccessToken}); status != statusRejected {
		t.Errorf("a token on another store was %s", status)
	}
	accounts.scopes = scopes.Required
	if status, missing, _ := o.check(submission{StoreHash: hash, AccessToken: a.AccessToken}); status != statusVerified || len(missing) != 0 {
		t.Errorf("all ten granted: %s %v", status, missing)
	}
}
