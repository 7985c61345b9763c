package scopecheck

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Bodies as BigCommerce sends them (reference §11), and as others do.
const (
	scopeMissing = `{"status":403,"title":"You don't have a required scope to access the endpoint","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{}}`
	v2Error400   = `[{"status":400,"message":"The field 'name' is invalid."}]`
	v2Error404   = `[{"status":404,"message":"The requested resource was not found."}]`
	htmlPage     = "<html><body><h1>Forbidden</h1></body></html>"
	foreignJSON  = `{"error":"not_found"}`
	otherTitle   = `{"status":403,"title":"Authentication Required","type":"https://developer.bigcommerce.com/api#api-status-codes"}`
)

func v3(status int, title string) string {
	return `{"status":` + strconv.Itoa(status) + `,"title":"` + title + `","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{}}`
}

func TestRead(t *testing.T) {
	post, _ := ProbeFor(scopes.Orders, scopes.LevelModify)
	get, _ := ProbeFor(scopes.Orders, scopes.LevelReadOnly)
	carts, _ := ProbeFor(scopes.Carts, scopes.LevelModify)
	transactions, _ := ProbeFor(scopes.OrderTransactions, scopes.LevelReadOnly)
	payments, _ := ProbeFor(scopes.GetPaymentMethods, scopes.LevelReadOnly)
	customers, _ := ProbeFor(scopes.Customers, scopes.LevelReadOnly)
	banner, _ := ProbeFor(scopes.Marketing, scopes.LevelReadOnly)
	granted, missing := Reading{Verdict: Granted}, Reading{Verdict: Missing}
	cause := func(c Cause) Reading { return Reading{Cause: c} }
	cases := []struct {
		name        string
		probe       Probe
		status      int
		contentType string
		body        string
		want        Reading
	}{
		{"v2 validation error", post, 400, "application/json", v2Error400, granted},
		{"v2 status inside the body must be the answer's", post, 400, "application/json", v2Error404, cause(CauseUndocumented)},
		{"400 as an HTML page", post, 400, "text/html", htmlPage, cause(CauseNotBigCommerce)},
		{"HTML without a content type", post, 400, "", htmlPage, cause(CauseNotBigCommerce)},
		{"400 with JSON of another shape", post, 400, "application/json", foreignJSON, cause(CauseNotBigCommerce)},
		{"v3 error where v2 is documented", post, 400, "application/json", v3(400, "Bad"), cause(CauseUndocumented)},
		{"a status the operation does not document", post, 422, "application/json", v3(422, "Invalid"), cause(CauseUndocumented)},
		{"v3 validation error", carts, 422, "application/json", v3(422, "Missing Required Fields"), granted},
		{"v3 status needs a title", carts, 422, "application/json", `{"status":422}`, cause(CauseNotBigCommerce)},
		{"missing scope, as recorded", post, 403, "application/json", scopeMissing, missing},
		{"missing scope without a content type", post, 403, "", scopeMissing, missing},
		{"403 for another reason", post, 403, "application/json", otherTitle, cause(CauseForbidden)},
		{"403 from a gateway", post, 403, "text/html", htmlPage, cause(CauseNotBigCommerce)},
		{"403 with foreign JSON", post, 403, "application/json", `{"message":"Forbidden"}`, cause(CauseNotBigCommerce)},
		{"403 without a body", post, 403, "", "", cause(CauseForbidden)},
		{"invalid token", post, 401, "application/json", v3(401, "Unauthorized"), Reading{InvalidToken: true}},
		{"invalid token without a body", post, 401, "", "", Reading{InvalidToken: true}},
		{"401 from a gateway", post, 401, "text/html", htmlPage, cause(CauseNotBigCommerce)},
		{"a write that succeeded", post, 200, "application/json", "{}", Reading{WriteSucceeded: true}},
		{"a write that created", post, 201, "application/json", "{}", Reading{WriteSucceeded: true}},
		{"server error", post, 500, "application/json", v3(500, "Internal"), cause(CauseServerError)},
		{"maintenance", post, 503, "text/html", htmlPage, cause(CauseServerError)},
		{"rate limit", post, 429, "", "", cause(CauseServerError)},
		{"redirect", post, 307, "", "", cause(CauseRedirect)},
		{"v2 not found", get, 404, "application/json", v2Error404, granted},
		{"HTML not found", get, 404, "text/html", htmlPage, cause(CauseNotBigCommerce)},
		{"not found in JSON of another shape", get, 404, "application/json", foreignJSON, cause(CauseNotBigCommerce)},
		{"a GET's 200 is not documented for id 0", get, 200, "application/json", `{"id":0}`, cause(CauseNotBigCommerce)},
		{"transactions: 404", transactions, 404, "application/json", v3(404, "Not Found"), granted},
		{"transactions: 204", transactions, 204, "", "", granted},
		{"transactions: 200", transactions, 200, "application/json", `{"data":[],"meta":{}}`, granted},
		{"transactions: 200 of another shape", transactions, 200, "application/json", `{"items":[]}`, cause(CauseNotBigCommerce)},
		{"payment methods: 422", payments, 422, "application/json", v3(422, "Request has been rejected due to missing or invalid data"), granted},
		{"payment methods: 400", payments, 400, "application/json", v3(400, "Request has been rejected"), granted},
		{"payment methods: 404", payments, 404, "application/json", v3(404, "Not Found"), granted},
		{"customers filter: 200", customers, 200, "application/json", `{"data":[],"meta":{"pagination":{}}}`, granted},
		{"customers filter: 422", customers, 422, "application/json", v3(422, "The optional filter parameter was not valid"), granted},
		{"banner: 200", banner, 200, "application/json", `{"id":1,"name":"Sale Banner","content":"x"}`, granted},
		{"banner: an inferred 404 is not documented", banner, 404, "application/json", v2Error404, cause(CauseUndocumented)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Read(tc.probe, Received{Status: tc.status, Shape: ShapeOf(tc.contentType, []byte(tc.body))})
			if got != tc.want {
				t.Errorf("Read(%s, %d %q) = %+v, want %+v", tc.probe.key(), tc.status, tc.body, got, tc.want)
			}
		})
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
		if len(p.Granted) == 0 {
			t.Errorf("%s: no granted answer", p.key())
		}
		for _, a := range append([]Answer{p.Denied}, p.Granted...) {
			if a.Status == 0 || a.Body == 0 || a.Documented == "" && a.Recorded == "" {
				t.Errorf("%s: an answer lacks its status, body or evidence: %+v", p.key(), a)
			}
			if a.Documented != "" && !strings.HasPrefix(a.Documented, "D ") || a.Recorded != "" && !strings.HasPrefix(a.Recorded, sourceS48) {
				t.Errorf("%s: an answer cites neither BigCommerce's docs (D) nor a recording: %+v", p.key(), a)
			}
		}
		if p.Method == http.MethodDelete {
			t.Errorf("%s: probes never DELETE", p.key())
		}
		if p.Method != http.MethodGet && !p.EmptyBody {
			t.Errorf("%s: a write probe must send {}", p.key())
		}
		if p.key() != BaselineProbe.key() && (p.Denied.Status != http.StatusForbidden || p.Denied.Body != BodyScopeMissing) {
			t.Errorf("%s: only the missing-scope 403 shows a missing scope", p.key())
		}
		for _, a := range p.Granted {
			if s := a.Status; s == http.StatusForbidden || s == http.StatusUnauthorized || s >= 500 || (p.Method != http.MethodGet && s < 300) {
				t.Errorf("%s: %d cannot prove a granted scope", p.key(), s)
			}
		}
		if p.key() != BaselineProbe.key() && len(p.Accepts) == 0 {
			t.Errorf("%s: no accepted scope", p.key())
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
