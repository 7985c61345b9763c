package scopecheck

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

func TestClassify(t *testing.T) {
	post, _ := probeFor("Orders", scopes.LevelModify)
	get, _ := probeFor("Orders", scopes.LevelReadOnly)
	carts, _ := probeFor("Carts", scopes.LevelModify)
	cases := []struct {
		probe  Probe
		status int
		want   Outcome
	}{
		{post, 400, OutcomeGranted},
		// Only the statuses of the probe's granted answer prove anything.
		{post, 404, OutcomeIndeterminate},
		{post, 405, OutcomeIndeterminate},
		{post, 409, OutcomeIndeterminate},
		{post, 422, OutcomeIndeterminate},
		{carts, 422, OutcomeGranted},
		{carts, 400, OutcomeIndeterminate},
		{post, 403, OutcomeDenied},
		{post, 401, OutcomeInvalidToken},
		{post, 200, OutcomeWriteSucceeded},
		{post, 201, OutcomeWriteSucceeded},
		{post, 500, OutcomeIndeterminate},
		{post, 503, OutcomeIndeterminate},
		{post, 429, OutcomeIndeterminate},
		{post, 415, OutcomeIndeterminate},
		{post, 302, OutcomeIndeterminate},
		{post, 307, OutcomeIndeterminate},
		{get, 404, OutcomeGranted},
		{get, 200, OutcomeIndeterminate},
		{get, 403, OutcomeDenied},
	}
	for _, tc := range cases {
		if got := Classify(tc.probe, tc.status); got != tc.want {
			t.Errorf("Classify(%s, %d) = %d, want %d", tc.probe.key(), tc.status, got, tc.want)
		}
	}
}

// TestProbeTableCitesItsEvidence checks that every answer of every probe says
// how it is known, and that no probe can write.
func TestProbeTableCitesItsEvidence(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range append([]Probe{BaselineProbe}, Probes...) {
		if seen[p.key()] {
			t.Errorf("%s appears twice", p.key())
		}
		seen[p.key()] = true
		for name, a := range map[string]Answer{"granted": p.Granted, "denied": p.Denied} {
			if len(a.Statuses) == 0 || a.Body == "" || a.Source == "" || (a.Evidence != Documented && a.Evidence != Observed) {
				t.Errorf("%s: the %s answer lacks statuses, body, evidence or source: %+v", p.key(), name, a)
			}
			if a.Evidence == Observed && !strings.Contains(a.Source, "Space48") {
				t.Errorf("%s: the %s answer is observed, but its source names no recording: %s", p.key(), name, a.Source)
			}
		}
		if p.Method == http.MethodDelete {
			t.Errorf("%s: probes never DELETE", p.key())
		}
		if p.Method != http.MethodGet && !p.EmptyBody && !strings.Contains(p.Path, "/0") {
			t.Errorf("%s: a write probe must send {} or name id 0", p.key())
		}
		for _, s := range p.Granted.Statuses {
			if s == http.StatusForbidden || s == http.StatusUnauthorized || s >= 500 || (p.Method != http.MethodGet && s < 300) {
				t.Errorf("%s: %d cannot prove a granted scope", p.key(), s)
			}
		}
	}
}

func TestCheckableScopes(t *testing.T) {
	got := CheckableScopes()
	if !sort.StringsAreSorted(got) {
		t.Errorf("not sorted: %v", got)
	}
	want := []string{
		"store_cart", "store_cart_read_only", "store_payments_methods_read", "store_storefront_api", "store_storefront_api_customer_impersonation",
		"store_v2_customers", "store_v2_customers_read_only", "store_v2_information_read_only", "store_v2_marketing", "store_v2_marketing_read_only",
		"store_v2_orders", "store_v2_orders_read_only", "store_v2_products", "store_v2_products_read_only",
		"store_v2_transactions", "store_v2_transactions_read_only",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("checkable:\n%v\nwant:\n%v", got, want)
	}
	for _, s := range scopes.Required {
		_, full, ok := Checkable(s)
		if !ok || full != (s != "store_v2_transactions") {
			t.Errorf("%s: checkable %v, full %v", s, ok, full)
		}
	}
	for _, s := range []string{"store_v2_information", "store_v2_content", "store_everything"} {
		if _, _, ok := Checkable(s); ok {
			t.Errorf("%s is checkable, but no probe proves it", s)
		}
	}
}

func TestRequiredModifyScopesTellReadOnlyFromNone(t *testing.T) {
	for _, s := range scopes.Required {
		sc, err := newScopeCheck(s)
		if err != nil {
			t.Fatal(err)
		}
		if sc.scope.Level == scopes.LevelModify && sc.scope.Resource.ReadOnly != "" && sc.first.Level == scopes.LevelModify && !sc.hasFallback {
			t.Errorf("%s cannot tell read-only from none", s)
		}
	}
}
