package storeapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const hash = "acme0001"

func start(t *testing.T, granted []string) (*BigCommerce, *httptest.Server, string) {
	t.Helper()
	b, err := New([]Store{{StoreHash: hash, APIAccounts: []APIAccount{{Scopes: granted}}}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(b)
	t.Cleanup(srv.Close)
	return b, srv, b.Stores()[0].APIAccounts[0].AccessToken
}

type reply struct {
	status int
	header http.Header
	body   string
}

func send(t *testing.T, srv *httptest.Server, token, method, path, contentType, body string) reply {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("x-auth-token", token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, string(data)}
}

// TestScopeTableMatchesCatalog compares the stand-in's own scope list and
// route table with the provider's catalog, which is kept apart on purpose:
// a disagreement is a finding about one of them.
func TestScopeTableMatchesCatalog(t *testing.T) {
	for _, s := range scopes.All() {
		if !knownScopes[s] {
			t.Errorf("the catalog knows %q, the stand-in does not", s)
		}
	}
	if len(knownScopes) != len(scopes.All()) {
		t.Errorf("the stand-in knows %d scopes, the catalog %d", len(knownScopes), len(scopes.All()))
	}
	covered := map[string]bool{}
	for _, rt := range routes {
		if rt.source == "" {
			t.Errorf("%s %s cites no source", rt.method, rt.pattern)
		}
		if rt.method == http.MethodDelete {
			t.Errorf("%s %s: the sandbox serves no DELETE", rt.method, rt.pattern)
		}
		for _, s := range rt.accepted {
			sc, ok := scopes.Lookup(s)
			if !ok || !knownScopes[s] {
				t.Errorf("%s %s accepts %q, which the catalog or the stand-in does not know", rt.method, rt.pattern, s)
			}
			covered[string(sc.Resource.Name)] = true
			if rt.method == http.MethodGet && sc.Level == scopes.LevelReadOnly && sc.Resource.Modify != "" && !standin.Holds(rt.accepted, sc.Resource.Modify) {
				t.Errorf("%s %s accepts %s but not its modify level %s", rt.method, rt.pattern, s, sc.Resource.Modify)
			}
		}
	}
	for _, s := range scopes.Required {
		sc, _ := scopes.Lookup(s)
		if !covered[string(sc.Resource.Name)] {
			t.Errorf("no route needs %s (%s)", s, sc.Label())
		}
	}

}

func TestNoRouteWritesSuccessfully(t *testing.T) {
	b, srv, token := start(t, scopes.All())
	for _, rt := range routes {
		path := "/stores/" + hash + strings.NewReplacer("{id}", "0", "{action}", "capture").Replace(rt.pattern)
		a := send(t, srv, token, rt.method, path, "application/json", "{}")
		if rt.method != http.MethodGet && a.status < 300 {
			t.Errorf("%s %s answered %d", rt.method, path, a.status)
		}
		if a.status == http.StatusForbidden {
			t.Errorf("%s %s refused a token with every scope", rt.method, path)
		}
	}
	if n := b.Stats().WritesSucceeded; n != 0 {
		t.Errorf("%d writes succeeded", n)
	}
}

func TestStoreAPIBehaviour(t *testing.T) {
	_, srv, token := start(t, []string{"store_v2_orders_read_only", "store_cart"})
	base := "/stores/" + hash
	cases := []struct {
		name, token, method, path, contentType, body string
		wantStatus                                   int
		wantBody                                     string
	}{
		{"no token", "", "GET", base + "/v2/time", "", "", 401, `"status":401`},
		{"unknown token", "nope", "GET", base + "/v2/time", "", "", 401, `"type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"`},
		{"time needs no scope", token, "GET", base + "/v2/time", "", "", 200, `{"time":`},
		{"missing scope", token, "GET", base + "/v2/store", "", "", 403, scopeMissingBody},
		{"read-only is not modify", token, "POST", base + "/v2/orders", "application/json", "{}", 403, scopeMissingBody},
		{"read-only reads", token, "GET", base + "/v2/orders/0", "", "", 404, `[{"message":"The requested resource was not found.","status":404}]`},
		{"v2 validation", token, "POST", base + "/v3/carts", "application/json", "{}", 422, `"title":"Missing Required Fields"`},
		{"no content type", token, "POST", base + "/v3/carts", "", "{}", 415, `"status":415`},
		{"text content type", token, "POST", base + "/v3/carts", "text/plain", "{}", 415, `"status":415`},
		{"unknown v3 path", token, "GET", base + "/v3/nothing", "", "", 404, `"title":"The resource at that URL is not found."`},
		{"unknown v2 path", token, "GET", base + "/v2/nothing", "", "", 404, `[{"message":`},
		{"trailing slash on v3", token, "GET", base + "/v3/carts/0/", "", "", 403, `"title":"Authentication Required"`},
		{"other store", token, "GET", "/stores/other0001/v2/time", "", "", 403, scopeMissingBody},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, srv, tc.token, tc.method, tc.path, tc.contentType, tc.body)
			if a.status != tc.wantStatus || !strings.Contains(a.body, tc.wantBody) {
				t.Errorf("%s %s = %d %s, want %d containing %s", tc.method, tc.path, a.status, a.body, tc.wantStatus, tc.wantBody)
			}
		})
	}
}

// TestPaymentMethodsRoutesAcceptTheirDocumentedScopes models BigCommerce's
// reference: GET /v3/payments/methods accepts Create Payments as well as Get
// Payment Methods (payments/accepted-methods_payments.v3.yml), while the
// deprecated GET /v2/payments/methods answers to Information & Settings, and
// Get Payment Methods does not work there (api-specs PR #756, reference §11).
func TestPaymentMethodsRoutesAcceptTheirDocumentedScopes(t *testing.T) {
	for path, cases := range map[string]map[string]int{
		"/v3/payments/methods?order_id=0": {
			"store_payments_methods_read":        http.StatusNotFound,
			"store_payments_access_token_create": http.StatusNotFound,
			"store_v2_information":               http.StatusForbidden,
		},
		"/v2/payments/methods": {
			"store_v2_information_read_only": http.StatusOK,
			"store_v2_information":           http.StatusOK,
			"store_payments_methods_read":    http.StatusForbidden,
		},
	} {
		for granted, want := range cases {
			_, srv, token := start(t, []string{granted})
			if a := send(t, srv, token, "GET", "/stores/"+hash+path, "", ""); a.status != want {
				t.Errorf("GET %s with %s: %d, want %d", path, granted, a.status, want)
			}
		}
	}
}

func TestStoreInformationHasTheLogoQuirk(t *testing.T) {
	_, srv, token := start(t, []string{"store_v2_information_read_only"})
	a := send(t, srv, token, "GET", "/stores/"+hash+"/v2/store", "", "")
	var info map[string]any
	if err := json.Unmarshal([]byte(a.body), &info); err != nil {
		t.Fatal(err)
	}
	if info["id"] != hash {
		t.Errorf("id = %v", info["id"])
	}
	if logo, ok := info["logo"].([]any); !ok || len(logo) != 0 {
		t.Errorf("logo = %#v, want []", info["logo"])
	}
}

func TestRateLimit(t *testing.T) {
	b, srv, token := start(t, nil)
	b.setFaults(standin.Faults{RateLimitQuota: 2, RateLimitWindowMs: 60000})
	for i, wantLeft := range []string{"1", "0"} {
		a := send(t, srv, token, "GET", "/stores/"+hash+"/v2/time", "", "")
		if a.status != 200 || a.header.Get("X-Rate-Limit-Requests-Left") != wantLeft || a.header.Get("X-Rate-Limit-Requests-Quota") != "2" ||
			a.header.Get("X-Rate-Limit-Time-Window-Ms") != "60000" || a.header.Get("X-Rate-Limit-Time-Reset-Ms") == "" {
			t.Fatalf("request %d: %d %v", i, a.status, a.header)
		}
	}
	a := send(t, srv, token, "GET", "/stores/"+hash+"/v2/time", "", "")
	if a.status != 429 || a.header.Get("X-Retry-After") != "60" || a.header.Get("X-Rate-Limit-Requests-Left") != "0" {
		t.Fatalf("over quota: %d %v", a.status, a.header)
	}
	off := false
	b.setFaults(standin.Faults{RateLimitQuota: 1, RateLimitHeaders: &off})
	send(t, srv, token, "GET", "/stores/"+hash+"/v2/time", "", "")
	a = send(t, srv, token, "GET", "/stores/"+hash+"/v2/time", "", "")
	if a.status != 429 || a.header.Get("X-Retry-After") != "" || a.header.Get("X-Rate-Limit-Time-Reset-Ms") != "" {
		t.Fatalf("429 without headers: %d %v", a.status, a.header)
	}
}

func TestAdminAPI(t *testing.T) {
	b, srv, token := start(t, nil)
	clientID := b.Stores()[0].APIAccounts[0].ClientID
	put := func(path, body string) int {
		return send(t, srv, "", "PUT", path, "application/json", body).status
	}
	if s := put("/_sandbox/stores/"+hash+"/api-accounts/"+clientID+"/scopes", `["store_cart"]`); s != 204 {
		t.Fatalf("set scopes: %d", s)
	}
	if a := send(t, srv, token, "POST", "/stores/"+hash+"/v3/carts", "application/json", "{}"); a.status != 422 {
		t.Errorf("after the owner granted Carts, POST /v3/carts = %d", a.status)
	}
	if s := put("/_sandbox/stores/"+hash+"/api-accounts/"+clientID+"/scopes", `["store_everything"]`); s != 400 {
		t.Errorf("unknown scope = %d, want 400", s)
	}
	if s := put("/_sandbox/stores/"+hash+"/api-accounts/nobody/scopes", `[]`); s != 404 {
		t.Errorf("unknown account = %d, want 404", s)
	}
	if s := put("/_sandbox/faults", `{"error_rate": 2}`); s != 400 {
		t.Errorf("bad faults = %d, want 400", s)
	}
	if s := put("/_sandbox/faults", `{"lost_response_rate": 1.5}`); s != 400 {
		t.Errorf("bad lost_response_rate = %d, want 400", s)
	}
	if s := put("/_sandbox/faults", `{"latency": 2}`); s != 400 {
		t.Errorf("unknown fault field = %d, want 400", s)
	}
	a := send(t, srv, "", "GET", "/_sandbox/stats", "", "")
	var stats standin.Stats
	if err := json.Unmarshal([]byte(a.body), &stats); err != nil || stats.Stores[hash].Routes["POST /v3/carts"] != 1 {
		t.Errorf("stats = %s (%v)", a.body, err)
	}
}

func TestFixtureAndCredentialsFiles(t *testing.T) {
	dir := t.TempDir()
	b, err := New([]Store{{StoreHash: hash, APIAccounts: []APIAccount{{Scopes: scopes.Required, File: "acme.txt"}, {Scopes: nil}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteCredentialsFiles(b.Stores(), dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("%d files written, want 2", len(entries))
	}
	for _, e := range entries {
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", e.Name(), info.Mode())
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		creds, findings := credentialsfile.Parse(data)
		if creds == nil || len(findings) != 0 || creds.StoreHash != hash {
			t.Errorf("%s: %+v %+v", e.Name(), creds, findings)
		}
	}
	if !bytes.HasPrefix(mustRead(t, filepath.Join(dir, "acme.txt")), []byte("ACCESS TOKEN: ")) {
		t.Error("acme.txt is not in layout A")
	}
	for _, bad := range [][]Store{
		{{StoreHash: "Bad-Hash"}},
		{{StoreHash: hash}, {StoreHash: hash}},
		{{StoreHash: hash, APIAccounts: []APIAccount{{Scopes: []string{"store_everything"}}}}},
	} {
		if _, err := New(bad); err == nil {
			t.Errorf("fixture %+v accepted", bad)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAnswersEachAlternativeInTurn checks that mode "each" gives a granted
// token each documented answer of a route in turn, and "first" the first.
func TestAnswersEachAlternativeInTurn(t *testing.T) {
	b, srv, token := start(t, scopes.All())
	path := "/stores/" + hash + "/v3/orders/0/transactions"
	if a := send(t, srv, token, "GET", path, "", ""); a.status != http.StatusNotFound {
		t.Errorf("first answer %d, want 404", a.status)
	}
	if err := b.setAnswers(hash, Answers{Mode: ModeEach}); err != nil {
		t.Fatal(err)
	}
	var got []int
	for range 4 {
		got = append(got, send(t, srv, token, "GET", path, "", "").status)
	}
	if want := []int{404, 204, 200, 404}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	// Without the scope, the answer stays the missing-scope 403 whatever the mode.
	_, srv2, token2 := start(t, nil)
	if a := send(t, srv2, token2, "GET", path, "", ""); a.status != http.StatusForbidden || a.body != scopeMissingBody {
		t.Errorf("without the scope: %d %s", a.status, a.body)
	}
	for _, rt := range routes {
		for i, ans := range rt.answers {
			if !strings.HasPrefix(ans.source, "§") {
				t.Errorf("%s answer %d cites no section of the reference: %q", rt.key(), i, ans.source)
			}
		}
	}
}

func TestAnswersRandomIsSeeded(t *testing.T) {
	picks := func() []int {
		b, srv, token := start(t, scopes.All())
		if err := b.setAnswers(hash, Answers{Mode: ModeRandom, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		var out []int
		for range 12 {
			out = append(out, send(t, srv, token, "GET", "/stores/"+hash+"/v3/payments/methods?order_id=0", "", "").status)
		}
		return out
	}
	first, second := picks(), picks()
	if !slices.Equal(first, second) {
		t.Errorf("the same seed picked %v, then %v", first, second)
	}
	seen := map[int]bool{}
	for _, s := range first {
		seen[s] = true
	}
	if len(seen) < 2 {
		t.Errorf("twelve random picks gave only %v", first)
	}
}

func TestGatewayAnswersInBigCommercesPlace(t *testing.T) {
	b, srv, token := start(t, scopes.All())
	if err := b.setAnswers(hash, Answers{Gateway: &Gateway{Answer: "html-404"}}); err != nil {
		t.Fatal(err)
	}
	if a := send(t, srv, token, "GET", "/stores/"+hash+"/v2/time", "", ""); a.status != http.StatusOK {
		t.Errorf("the baseline answered %d; a gateway without routes leaves it alone", a.status)
	}
	a := send(t, srv, token, "GET", "/stores/"+hash+"/v3/carts/0", "", "")
	if a.status != http.StatusNotFound || a.header.Get("Content-Type") != "text/html" || !strings.HasPrefix(a.body, "<html>") {
		t.Errorf("GET /v3/carts/0 = %d %s %s", a.status, a.header.Get("Content-Type"), a.body)
	}
	if err := b.setAnswers(hash, Answers{Gateway: &Gateway{Answer: "bigcommerce-403", Routes: []string{"POST /v3/carts"}}}); err != nil {
		t.Fatal(err)
	}
	if a := send(t, srv, token, "POST", "/stores/"+hash+"/v3/carts", "application/json", "{}"); a.status != http.StatusForbidden || !strings.Contains(a.body, "Authentication Required") {
		t.Errorf("POST /v3/carts = %d %s", a.status, a.body)
	}
	if a := send(t, srv, token, "GET", "/stores/"+hash+"/v3/carts/0", "", ""); a.status != http.StatusNotFound || !strings.Contains(a.body, "Cart not found.") {
		t.Errorf("a route the gateway does not name = %d %s", a.status, a.body)
	}
	for _, bad := range []Answers{{Mode: "sometimes"}, {Gateway: &Gateway{Answer: "teapot"}}, {Gateway: &Gateway{Answer: "html-403", Routes: []string{"GET /v9/nothing"}}}} {
		if err := b.setAnswers(hash, bad); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}
