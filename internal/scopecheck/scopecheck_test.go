package scopecheck_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

const storeHash = "acme0001"

func startSandbox(t testing.TB, granted []string) *sandboxtest.Sandbox {
	t.Helper()
	return sandboxtest.Start(t, sandbox.Fixture{Stores: []sandbox.Store{{
		StoreHash: storeHash, Name: "Acme Outdoor", Domain: "acme.example.com",
		APIAccounts: []sandbox.APIAccount{{Scopes: granted}},
	}}})
}

func newChecker(sb *sandboxtest.Sandbox) *scopecheck.Checker {
	return newCheckerWaiting(sb, 5*time.Millisecond, 50*time.Millisecond)
}

// newCheckerWaiting returns a checker whose retries wait from minWait, at most maxWait.
func newCheckerWaiting(sb *sandboxtest.Sandbox, minWait, maxWait time.Duration) *scopecheck.Checker {
	return scopecheck.NewChecker(bigcommerce.New(sb.URL, "test", bigcommerce.Options{MinWait: minWait, MaxWait: maxWait}))
}

// verdicts renders the results as "scope=verdict/granted" for comparison.
func verdicts(r *scopecheck.Report) map[string]string {
	names := map[scopecheck.Verdict]string{scopecheck.Granted: "granted", scopecheck.Missing: "missing", scopecheck.Unverified: "unverified", scopecheck.Inconclusive: "inconclusive"}
	out := map[string]string{}
	for _, res := range r.Results {
		out[res.Scope.String] = names[res.Verdict] + "/" + res.Granted.String()
	}
	return out
}

func TestProbesCannotWrite(t *testing.T) {
	for _, p := range append([]scopecheck.Probe{scopecheck.BaselineProbe}, scopecheck.Probes...) {
		if p.Method == http.MethodDelete {
			t.Errorf("%s: probes never DELETE", p.Method+" "+p.Path)
		}
		if p.Method != http.MethodGet && !p.EmptyBody && !strings.Contains(p.Path, "/0") {
			t.Errorf("%s: a write probe must send {} or name id 0", p.Method+" "+p.Path)
		}
	}
	all := startSandbox(t, scopes.All())
	none := startSandbox(t, nil)
	ctx := context.Background()
	for _, p := range scopecheck.Probes {
		var body []byte
		if p.EmptyBody {
			body = []byte("{}")
		}
		for _, sb := range []*sandboxtest.Sandbox{all, none} {
			resp, err := bigcommerce.New(sb.URL, "test", bigcommerce.Options{}).Do(ctx, storeHash, sb.Account(storeHash).AccessToken, p.Method, p.Path, body)
			if err != nil {
				t.Fatalf("%s: %v", p.Method+" "+p.Path, err)
			}
			want := scopecheck.Granted
			if sb == none {
				want = scopecheck.Missing
			}
			got := scopecheck.Read(p, scopecheck.Received{Status: resp.Status, Shape: scopecheck.ShapeOf(resp.Header.Get("Content-Type"), resp.Body)})
			if got.Verdict != want {
				t.Errorf("%s answered %d %s: %+v, want %s", p.Method+" "+p.Path, resp.Status, resp.Body, got, want)
			}
		}
	}
	for _, sb := range []*sandboxtest.Sandbox{all, none} {
		if n := sb.Stats().WritesSucceeded; n != 0 {
			t.Errorf("%d probe writes succeeded", n)
		}
	}
}

func TestCheckAllGranted(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	report, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	got := verdicts(report)
	for _, s := range scopes.Required {
		want := "granted/modify"
		switch s {
		case "store_v2_transactions":
			want = "unverified/read-only"
		case "store_v2_information_read_only", "store_payments_methods_read":
			want = "granted/read-only"
		}
		if got[s] != want {
			t.Errorf("%s: %s, want %s", s, got[s], want)
		}
	}
	if len(report.Missing()) != 0 {
		t.Errorf("missing: %+v", report.Missing())
	}
	if report.Store == nil || report.Store.Name != "Acme Outdoor" || report.Store.Domain != "acme.example.com" {
		t.Errorf("store info = %+v", report.Store)
	}
	// One round trip: the baseline plus one request per required scope.
	if n := sb.Requests(storeHash); n != 11 {
		t.Errorf("%d requests, want 11", n)
	}
}

func TestCheckReportsMissingScopesAndTheirLevels(t *testing.T) {
	granted := acctest.RequiredWithout([]string{"store_v2_orders", "store_storefront_api_customer_impersonation", "store_cart", "store_v2_transactions"}, "store_v2_orders_read_only")
	sb := startSandbox(t, granted)
	report, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	got := verdicts(report)
	for s, want := range map[string]string{
		"store_v2_orders": "missing/read-only",
		"store_storefront_api_customer_impersonation": "missing/none",
		"store_cart":            "missing/none",
		"store_v2_transactions": "missing/none",
		"store_v2_products":     "granted/modify",
	} {
		if got[s] != want {
			t.Errorf("%s: %s, want %s", s, got[s], want)
		}
	}
	if n := len(report.Missing()); n != 4 {
		t.Errorf("%d missing, want 4", n)
	}
	// Two fallback reads tell read-only from none for Orders and Carts.
	if n := sb.Requests(storeHash); n != 13 {
		t.Errorf("%d requests, want 13", n)
	}
}

func TestCheckCachesPerStoreAndToken(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	checker := newChecker(sb)
	token := sb.Account(storeHash).AccessToken
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, scopes.Required); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, []string{"store_cart", "store_v2_orders"}); err != nil {
		t.Fatal(err)
	}
	if n := sb.Requests(storeHash); n != 11 {
		t.Errorf("%d requests for six checks, want 11", n)
	}
	if _, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "another0token0that0is0not0valid"}, []string{"store_cart"}); err == nil {
		t.Error("another token must be probed anew, and fail")
	}
}

func TestCheckInvalidTokenAndUnknownStore(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	checker := newChecker(sb)
	_, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "wrongtoken0000000000000000000000"}, scopes.Required)
	var invalid *scopecheck.InvalidTokenError
	if !errors.As(err, &invalid) {
		t.Errorf("invalid token: %v", err)
	}
	token := sb.Account(storeHash).AccessToken
	for _, status := range []int{http.StatusForbidden, http.StatusNotFound} {
		sb.SetFaults(sandbox.Faults{UnknownStoreStatus: status})
		_, err = newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: "other0001", AccessToken: token}, scopes.Required)
		var unknown *scopecheck.UnknownStoreError
		if !errors.As(err, &unknown) || unknown.Status != status {
			t.Errorf("unknown store with %d: %v", status, err)
		}
	}
}

func TestCheckSurvivesRateLimits(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	// Four requests per 300 ms: the eleven probes need three windows.
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 4, RateLimitWindowMs: 300})
	report, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Missing()) != 0 {
		t.Fatalf("missing under rate limits: %+v", report.Missing())
	}
	for _, r := range report.Results {
		if r.Verdict == scopecheck.Inconclusive {
			t.Errorf("%s inconclusive: %s", r.Scope.String, r.Detail)
		}
	}
	// Each 429 says X-Retry-After: 1 (the window's rest, rounded up to a second),
	// which is longer than X-Rate-Limit-Time-Reset-Ms, so the retry waits a second.
	gaps := sb.RetryGaps()
	if len(gaps) == 0 {
		t.Fatal("the quota was never hit, so the test proves nothing")
	}
	for _, gap := range gaps {
		if gap < 1000-25 {
			t.Errorf("a 429 was retried after %d ms, want at least 1000", gap)
		}
	}
}

func TestCheckServerErrors(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	token := sb.Account(storeHash).AccessToken

	// A burst of errors is retried away.
	sb.SetFaults(sandbox.Faults{ErrorRate: 0.3, Seed: 7})
	report, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range report.Results {
		if r.Verdict == scopecheck.Inconclusive || r.Verdict == scopecheck.Missing {
			t.Errorf("%s: verdict %d (%s) under a 30%% error rate", r.Scope.String, r.Verdict, r.Detail)
		}
	}
	if sb.Stats().Stores[storeHash].Statuses[http.StatusInternalServerError]+sb.Stats().Stores[storeHash].Statuses[http.StatusServiceUnavailable] == 0 {
		t.Fatal("no error was injected, so the test proves nothing")
	}

	// A store that only fails proves nothing: the check fails rather than answer.
	sb.SetFaults(sandbox.Faults{ErrorRate: 1})
	_, err = newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, []string{"store_cart", "store_v2_orders"})
	var unavailable *scopecheck.UnavailableError
	if !errors.As(err, &unavailable) || !strings.Contains(err.Error(), "after retries") {
		t.Errorf("err = %v, want BigCommerce unavailable", err)
	}
}

// fakeBigCommerce answers the baseline as BigCommerce does, and every other
// request with answer.
func fakeBigCommerce(t *testing.T, answer http.HandlerFunc) *scopecheck.Checker {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/v2/time") {
			_, _ = w.Write([]byte(`{"time": 1}`))
			return
		}
		answer(w, r)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return scopecheck.NewChecker(bigcommerce.New(u, "test", bigcommerce.Options{MaxRetries: -1}))
}

// TestCheckFailsClosed checks that no answer outside a probe's documented or
// observed granted answer is read as a granted scope.
func TestCheckFailsClosed(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		want   string
	}{
		"server error":           {http.StatusBadGateway, "<html>502</html>", "answered 502 after retries"},
		"redirect":               {http.StatusTemporaryRedirect, "", "redirect (307), which is never followed"},
		"wrong route 404":        {http.StatusNotFound, `{"status":404}`, "answered 404 with JSON of a shape BigCommerce does not send for this request, so the answer did not come from BigCommerce"},
		"v2 error on a v3 route": {http.StatusBadRequest, `[{"status":400,"message":"Bad"}]`, "answered 400 with a v2 error body, which BigCommerce does not document for this request"},
		"gateway 404":            {http.StatusNotFound, "<html><h1>Not Found</h1></html>", "answered 404 with an HTML page, so the answer did not come from BigCommerce"},
		"gateway 403":            {http.StatusForbidden, "<html><h1>Forbidden</h1></html>", "answered 403 with an HTML page, so the answer did not come from BigCommerce"},
		"another 403":            {http.StatusForbidden, `{"status":403,"title":"Authentication Required"}`, "answered 403 without BigCommerce's missing-scope body"},
		"success to write":       {http.StatusOK, `{}`, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			checker := fakeBigCommerce(t, func(w http.ResponseWriter, r *http.Request) {
				if tc.status == http.StatusTemporaryRedirect {
					w.Header().Set("Location", "http://127.0.0.1:1/elsewhere")
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			report, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "token"}, []string{"store_cart"})
			if tc.want == "" {
				var wrote *scopecheck.WriteSucceededError
				if !errors.As(err, &wrote) {
					t.Fatalf("err = %v, want a write that succeeded", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := verdicts(report)["store_cart"]; got != "inconclusive/none" || report.Satisfied() {
				t.Errorf("verdict %s, satisfied %v", got, report.Satisfied())
			}
			if len(report.Inconclusive()) != 1 || !strings.Contains(report.Inconclusive()[0].Detail, tc.want) {
				t.Errorf("inconclusive %+v, want a detail with %q", report.Inconclusive(), tc.want)
			}
		})
	}
}

// TestCheckNeedsARealBaseline checks that a baseline answer the check cannot
// trust fails the whole check.
func TestCheckNeedsARealBaseline(t *testing.T) {
	for name, handler := range map[string]http.HandlerFunc{
		"html 200": func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>captive portal</html>")) },
		"redirect": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://example.com/login", http.StatusFound)
		},
		"no answer": func(w http.ResponseWriter, _ *http.Request) {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(handler)
			defer srv.Close()
			u, _ := url.Parse(srv.URL)
			_, err := scopecheck.NewChecker(bigcommerce.New(u, "test", bigcommerce.Options{MaxRetries: -1})).
				Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "token"}, []string{"store_cart"})
			var unavailable *scopecheck.UnavailableError
			if !errors.As(err, &unavailable) {
				t.Errorf("err = %v, want BigCommerce unavailable", err)
			}
		})
	}
}

func TestCheckRefusesUncheckableScopes(t *testing.T) {
	sb := startSandbox(t, scopes.All())
	_, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, []string{"store_v2_content"})
	var uncheckable *scopecheck.UncheckableScopeError
	if !errors.As(err, &uncheckable) || uncheckable.Scope != "store_v2_content" {
		t.Errorf("err = %v", err)
	}
	if n := sb.Requests(storeHash); n != 0 {
		t.Errorf("%d requests sent for a scope that cannot be checked", n)
	}
}

func TestSatisfiedNeedsEveryScopeProvenAtItsLevel(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	token := sb.Account(storeHash).AccessToken
	report, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	if report.Satisfied() || len(report.Unverified()) != 1 || report.Unverified()[0].Scope.String != "store_v2_transactions" {
		t.Errorf("satisfied %v, unverified %+v: Order Transactions: modify is proven only in part", report.Satisfied(), report.Unverified())
	}
	report, err = newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, acctest.RequiredWithout([]string{"store_v2_transactions"}))
	if err != nil {
		t.Fatal(err)
	}
	if !report.Satisfied() || len(report.Unverified()) != 0 || len(report.Missing()) != 0 {
		t.Errorf("satisfied %v, unverified %+v, missing %+v", report.Satisfied(), report.Unverified(), report.Missing())
	}
}

func TestCheckHonoursCancellation(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	sb.SetFaults(sandbox.Faults{LatencyMs: 1500})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newChecker(sb).Check(ctx, scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, scopes.Required)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("took %s after cancellation", elapsed)
	}
}

func TestCheckRejectsUnknownScope(t *testing.T) {
	sb := startSandbox(t, nil)
	if _, err := newChecker(sb).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "x"}, []string{"store_everything"}); err == nil || !strings.Contains(err.Error(), "store_everything") {
		t.Errorf("err = %v", err)
	}
}

// TestCheckSurvivesMalformedAnswers talks to a BigCommerce stand-in that
// answers HTML and broken JSON: nothing is proven by them, and nothing panics.
func TestCheckSurvivesMalformedAnswers(t *testing.T) {
	checker := fakeBigCommerce(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/v2/store") {
			_, _ = w.Write([]byte(`<html><body>Welcome</body></html>`))
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(`<html><body>502 Bad Gateway</body></html>`))
	})
	report, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: "token"}, []string{"store_v2_information_read_only", "store_cart"})
	if err != nil {
		t.Fatal(err)
	}
	if report.Store != nil || len(report.Warnings) != 0 {
		t.Errorf("store %+v, warnings %v", report.Store, report.Warnings)
	}
	got := verdicts(report)
	if got["store_v2_information_read_only"] != "inconclusive/none" || got["store_cart"] != "inconclusive/none" {
		t.Errorf("verdicts %v", got)
	}
	if detail := report.Inconclusive()[0].Detail; !strings.Contains(detail, "did not come from BigCommerce") {
		t.Errorf("detail %q", detail)
	}
}

func TestCheckSurvivesRateLimitsWithoutHeaders(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	off := false
	sb.SetFaults(sandbox.Faults{RateLimitQuota: 6, RateLimitWindowMs: 100, RateLimitHeaders: &off})
	// The five jittered retries wait at least 20+40+60+80+100 ms, so they span
	// three windows, as the defaults span BigCommerce's.
	report, err := newCheckerWaiting(sb, 20*time.Millisecond, 100*time.Millisecond).Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: sb.Account(storeHash).AccessToken}, scopes.Required)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range report.Results {
		if r.Verdict == scopecheck.Inconclusive || r.Verdict == scopecheck.Missing {
			t.Errorf("%s: verdict %d (%s)", r.Scope.String, r.Verdict, r.Detail)
		}
	}
	if len(sb.RetryGaps()) == 0 {
		t.Fatal("no 429 was sent, so the test proves nothing")
	}
}

// TestSharedProbeOutlivesOneCallersTimeout checks that a probe shared by two
// callers runs under its own context: the first caller's timeout ends only
// its own wait, and the second caller gets the proof from the same request.
func TestSharedProbeOutlivesOneCallersTimeout(t *testing.T) {
	sb := startSandbox(t, scopes.Required)
	sb.SetFaults(sandbox.Faults{LatencyMs: 400})
	checker := newChecker(sb)
	token := sb.Account(storeHash).AccessToken
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	first := make(chan error, 1)
	go func() {
		_, err := checker.Check(short, scopecheck.Account{StoreHash: storeHash, AccessToken: token}, []string{"store_cart"})
		first <- err
	}()
	time.Sleep(20 * time.Millisecond)
	report, err := checker.Check(context.Background(), scopecheck.Account{StoreHash: storeHash, AccessToken: token}, []string{"store_cart"})
	if err != nil {
		t.Fatalf("the second caller failed: %v", err)
	}
	if got := verdicts(report)["store_cart"]; got != "granted/modify" {
		t.Errorf("store_cart %s", got)
	}
	if err := <-first; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the first caller: err = %v, want its own deadline", err)
	}
	if n := sb.Requests(storeHash); n != 2 {
		t.Errorf("%d requests, want 2: the baseline and one shared probe", n)
	}
}

// TestSwappedTokenAndClientID answers the baseline 401 to the access token
// and 200 to the client ID: the check says the two are swapped, once, and
// quotes neither. With both refused, the token is invalid as before.
func TestSwappedTokenAndClientID(t *testing.T) {
	const token, clientID = "tokentokentokentokentokentokent", "clientidclientidclientidclienti"
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/v2/time") {
			requests.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("X-Auth-Token") == clientID && strings.HasSuffix(r.URL.Path, "/v2/time") {
			_, _ = w.Write([]byte(`{"time": 1700000000}`))
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"status":401,"title":"Unauthorized"}`))
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	checker := scopecheck.NewChecker(bigcommerce.New(u, "test", bigcommerce.Options{MaxRetries: -1}))
	swapped := scopecheck.Account{StoreHash: storeHash, AccessToken: token, ClientID: clientID}
	for name, run := range map[string]func() error{
		"baseline": func() error { return checker.Baseline(context.Background(), swapped) },
		"check": func() error {
			_, err := checker.Check(context.Background(), swapped, []string{"store_cart"})
			return err
		},
	} {
		err := run()
		var e *scopecheck.SwappedError
		if !errors.As(err, &e) || strings.Contains(err.Error(), token) || strings.Contains(err.Error(), clientID) {
			t.Errorf("%s: err = %v, want the values swapped, neither quoted", name, err)
		}
	}
	// The baseline once with each value, whatever asks.
	if n := requests.Load(); n != 2 {
		t.Errorf("%d baseline requests, want 2", n)
	}
	for _, account := range []scopecheck.Account{
		{StoreHash: storeHash, AccessToken: token, ClientID: "someotherclientidsomeotherclien"},
		{StoreHash: storeHash, AccessToken: token},
	} {
		var invalid *scopecheck.InvalidTokenError
		if err := checker.Baseline(context.Background(), account); !errors.As(err, &invalid) {
			t.Errorf("client id %q: err = %v, want the token invalid", account.ClientID, err)
		}
	}
}

// TestAbandonedProbeIsCancelled checks that a probe nobody waits for any
// more is cancelled at once, rather than held open for the shared limit.
func TestAbandonedProbeIsCancelled(t *testing.T) {
	cancelled := make(chan struct{}, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		// Read the body, so that the server notices when the client goes away.
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
		cancelled <- struct{}{}
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	checker := scopecheck.NewChecker(bigcommerce.New(u, "test", bigcommerce.Options{MaxRetries: -1}))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := checker.Check(ctx, scopecheck.Account{StoreHash: storeHash, AccessToken: "token"}, []string{"store_cart"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's deadline", err)
	}
	for range 2 {
		select {
		case <-cancelled:
		case <-time.After(2 * time.Second):
			t.Fatal("an abandoned probe is still running")
		}
	}
}
