package sandbox

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The header names BigCommerce documents (reference §4.4 and §4.5), spelt out
// here rather than shared with the client, so that a misspelling on either
// side shows up in tests.
const (
	headerAuthToken        = "X-Auth-Token"
	headerRetryAfter       = "X-Retry-After"
	headerRateLimitResetMs = "X-Rate-Limit-Time-Reset-Ms"
	headerRateLimitWindow  = "X-Rate-Limit-Time-Window-Ms"
	headerRateLimitQuota   = "X-Rate-Limit-Requests-Quota"
	headerRateLimitLeft    = "X-Rate-Limit-Requests-Left"
)

// Default rate limit: BigCommerce's Standard and Plus plans, 150 requests per 30 s.
const (
	DefaultRateLimitQuota  = 150
	DefaultRateLimitWindow = 30 * time.Second
)

// Faults are injected failures and limits, set through PUT /_sandbox/faults.
type Faults struct {
	// LatencyMs delays every store API response.
	LatencyMs int `json:"latency_ms"`
	// ErrorRate is the fraction (0 to 1) of store API requests answered with 500 or 503.
	ErrorRate float64 `json:"error_rate"`
	// RateLimitQuota is the requests allowed per store and window; 0 means the default.
	RateLimitQuota int `json:"rate_limit_quota"`
	// RateLimitWindowMs is the rate-limit window; 0 means the default.
	RateLimitWindowMs int `json:"rate_limit_window_ms"`
	// RateLimitHeaders false sends 429s without the X-Rate-Limit headers, as BigCommerce does under platform load.
	RateLimitHeaders *bool `json:"rate_limit_headers,omitempty"`
	// UnknownStoreStatus answers a known token on another store's hash: 403 (the default) or 404.
	UnknownStoreStatus int `json:"unknown_store_status"`
	// Seed makes ErrorRate reproducible.
	Seed int64 `json:"seed"`
	// VerificationDelayMs, on the Onboarding Center, overrides how long verification takes.
	VerificationDelayMs *int `json:"verification_delay_ms,omitempty"`
	// ResetRate is the fraction (0 to 1) of requests whose connection is closed before any answer.
	ResetRate float64 `json:"reset_rate"`
	// LostResponseRate is the fraction (0 to 1) of requests that are carried out, but whose answer is lost.
	LostResponseRate float64 `json:"lost_response_rate"`
	// RedirectTo answers every API request with a redirect to this base URL, as a hijacked endpoint might.
	RedirectTo string `json:"redirect_to,omitempty"`
}

// BigCommerce is the store API stand-in.
type BigCommerce struct {
	mu      sync.Mutex
	stores  map[string]*storeState
	tokens  map[string]*account
	faults  Faults
	rng     *rand.Rand
	stats   *statsRecorder
	now     func() time.Time
	fixture Fixture
}

type storeState struct {
	store Store
	clock int64
	quota window
}

type account struct {
	storeHash string
	apiAccount
}

type apiAccount struct {
	clientID string
	scopes   []string
}

// NewBigCommerce builds the stand-in from a fixture, generating missing secrets.
func NewBigCommerce(f Fixture) (*BigCommerce, error) {
	if err := f.complete(); err != nil {
		return nil, err
	}
	b := &BigCommerce{
		stores:  map[string]*storeState{},
		tokens:  map[string]*account{},
		rng:     rand.New(rand.NewSource(1)),
		stats:   newStats(),
		now:     time.Now,
		fixture: f,
	}
	clock := time.Now().Unix()
	for _, st := range f.Stores {
		b.stores[st.StoreHash] = &storeState{store: st, clock: clock}
		for _, a := range st.APIAccounts {
			if _, dup := b.tokens[a.AccessToken]; dup {
				return nil, fmt.Errorf("access token of %q is used twice", a.ClientName)
			}
			b.tokens[a.AccessToken] = &account{storeHash: st.StoreHash, apiAccount: apiAccount{clientID: a.ClientID, scopes: append([]string(nil), a.Scopes...)}}
		}
	}
	return b, nil
}

// Fixture returns the fixture with its generated secrets.
func (b *BigCommerce) Fixture() Fixture {
	return b.fixture
}

// ServeHTTP serves the store API under /stores/ and the admin API under /_sandbox/.
func (b *BigCommerce) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		b.serveAdmin(w, r)
	case strings.HasPrefix(r.URL.Path, "/stores/"):
		b.serveStore(w, r)
	default:
		writeV3Error(w, http.StatusNotFound, "The resource at that URL is not found.", nil)
	}
}

// serveStore answers /stores/{store_hash}/v2|v3/..., counting every request.
func (b *BigCommerce) serveStore(w http.ResponseWriter, r *http.Request) {
	storeHash, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/stores/"), "/")
	rest = "/" + rest
	rt, matched := matchRoute(r.Method, rest)
	routeKey := "unmatched"
	if matched {
		routeKey = rt.method + " " + rt.pattern
	}
	b.mu.Lock()
	faults := b.faults
	d := faults.disruption(b.rng)
	b.mu.Unlock()
	status := d.serve(w, r, faults.RedirectTo, func(w http.ResponseWriter) {
		b.answerStore(w, r, storeHash, rest, rt, matched)
	})
	b.stats.record(storeHash, routeKey, r.Method, r.URL.RequestURI(), r.UserAgent(), status, b.now())
}

// answerStore answers in BigCommerce's order: rate limit, authentication,
// store, scope, then content type and validation.
func (b *BigCommerce) answerStore(w http.ResponseWriter, r *http.Request, storeHash, rest string, rt route, matched bool) {
	b.mu.Lock()
	faults := b.faults
	failure := faults.failure(b.rng)
	st := b.stores[storeHash]
	limited, headers := b.rateLimit(storeHash, faults)
	acct := b.tokens[r.Header.Get(headerAuthToken)]
	var granted []string
	if acct != nil {
		granted = append([]string(nil), acct.scopes...)
	}
	b.mu.Unlock()

	if !faults.delay(r) {
		return
	}
	for k, v := range headers {
		w.Header().Set(k, v)
	}
	if limited {
		if faults.RateLimitHeaders != nil && !*faults.RateLimitHeaders {
			for k := range headers {
				w.Header().Del(k)
			}
		}
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	if failure != 0 {
		writeV3Error(w, failure, http.StatusText(failure), nil)
		return
	}
	if acct == nil {
		writeV3Error(w, http.StatusUnauthorized, "The access token is missing or invalid.", nil)
		return
	}
	if st == nil || acct.storeHash != storeHash {
		if faults.UnknownStoreStatus == http.StatusNotFound {
			writeV3Error(w, http.StatusNotFound, "The resource at that URL is not found.", nil)
			return
		}
		writeRaw(w, http.StatusForbidden, scopeMissingBody)
		return
	}
	if strings.HasPrefix(rest, "/v3/") && strings.HasSuffix(rest, "/") {
		// A trailing slash on a v3 path is refused, as BigCommerce has done (bigcommerce/api issue #95).
		writeRaw(w, http.StatusForbidden, `{"status":403,"title":"Authentication Required","type":"https://developer.bigcommerce.com/api#api-status-codes"}`)
		return
	}
	if !matched {
		if strings.HasPrefix(rest, "/v2/") {
			notFoundV2(w, r, st)
		} else {
			notFoundV3(w, r, st)
		}
		return
	}
	if len(rt.accepted) > 0 && !holds(granted, rt.accepted...) {
		writeRaw(w, http.StatusForbidden, scopeMissingBody)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeV3Error(w, http.StatusUnsupportedMediaType, "The request body must be application/json.", nil)
			return
		}
	}
	rt.handle(w, r, st)
}

// rateLimit counts a request against the store's window and returns the rate-limit headers.
func (b *BigCommerce) rateLimit(storeHash string, f Faults) (bool, map[string]string) {
	st := b.stores[storeHash]
	if st == nil {
		return false, nil
	}
	quota, length := f.limits()
	limited, left, reset := st.quota.take(b.now(), quota, length)
	headers := map[string]string{
		headerRateLimitWindow:  strconv.FormatInt(length.Milliseconds(), 10),
		headerRateLimitResetMs: strconv.FormatInt(reset.Milliseconds(), 10),
		headerRateLimitQuota:   strconv.Itoa(quota),
		headerRateLimitLeft:    strconv.Itoa(left),
	}
	if limited {
		headers[headerRetryAfter] = strconv.Itoa(int(math.Ceil(reset.Seconds())))
	}
	return limited, headers
}

// matchRoute finds the route for a method and a path below the store.
func matchRoute(method, path string) (route, bool) {
	segments := strings.Split(strings.TrimSuffix(path, "/"), "/")
	for _, rt := range routes {
		if rt.method != method {
			continue
		}
		pattern := strings.Split(rt.pattern, "/")
		if len(pattern) != len(segments) {
			continue
		}
		ok := true
		for i, p := range pattern {
			if !strings.HasPrefix(p, "{") && p != segments[i] {
				ok = false
				break
			}
		}
		if ok {
			return rt, true
		}
	}
	return route{}, false
}

// GrantedScopes returns the scopes of the API account that owns the access
// token on the store: the stand-in's own account table, which the Onboarding
// Center stand-in verifies submissions against. ok is false for a token the
// store does not know.
func (b *BigCommerce) GrantedScopes(storeHash, accessToken string) ([]string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	a := b.tokens[accessToken]
	if a == nil || a.storeHash != storeHash {
		return nil, false
	}
	return append([]string(nil), a.scopes...), true
}

// setScopes plays the store owner editing an API account's scopes.
func (b *BigCommerce) setScopes(storeHash, clientID string, list []string) error {
	if err := checkScopes(list); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, a := range b.tokens {
		if a.storeHash == storeHash && a.clientID == clientID {
			a.scopes = append([]string(nil), list...)
			return nil
		}
	}
	return errNotFound
}

// deleteAccount plays the store owner deleting an API account, which revokes its token.
func (b *BigCommerce) deleteAccount(storeHash, clientID string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for token, a := range b.tokens {
		if a.storeHash == storeHash && a.clientID == clientID {
			delete(b.tokens, token)
			return nil
		}
	}
	return errNotFound
}

func (b *BigCommerce) setFaults(f Faults) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.faults = f
	b.rng = rand.New(rand.NewSource(f.Seed))
	for _, st := range b.stores {
		st.quota = window{}
	}
}

// statusRecorder keeps the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}

func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
