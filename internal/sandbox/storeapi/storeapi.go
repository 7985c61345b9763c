// Package storeapi is a local stand-in for BigCommerce's store API, faithful to
// what BigCommerce documents and what has been observed of it
// (../shared/reference/bigcommerce.md): authentication, OAuth scope
// enforcement before validation, its error bodies, and its rate limits. It
// decides every answer from its own route table and account table, and
// implements no successful write at all.
package storeapi

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
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

// BigCommerce is the store API stand-in.
type BigCommerce struct {
	mu      sync.Mutex
	stores  map[string]*storeState
	tokens  map[string]*account
	faults  standin.Faults
	rng     *rand.Rand
	stats   *standin.Recorder
	now     func() time.Time
	fixture []Store
	api     *http.ServeMux
	admin   *http.ServeMux
}

type storeState struct {
	store   Store
	clock   int64
	quota   standin.Window
	answers *answerChooser
}

type account struct {
	storeHash string
	clientID  string
	scopes    []string
}

// New builds the stand-in for the stores, generating missing secrets.
func New(stores []Store) (*BigCommerce, error) {
	stores = append([]Store(nil), stores...)
	if err := complete(stores); err != nil {
		return nil, err
	}
	b := &BigCommerce{
		stores:  map[string]*storeState{},
		tokens:  map[string]*account{},
		rng:     rand.New(rand.NewSource(1)),
		stats:   standin.NewRecorder(),
		now:     time.Now,
		fixture: stores,
	}
	clock := time.Now().Unix()
	for _, st := range stores {
		var answers Answers
		if st.Answers != nil {
			answers = *st.Answers
		}
		if err := answers.validate(); err != nil {
			return nil, fmt.Errorf("store %q: %w", st.StoreHash, err)
		}
		b.stores[st.StoreHash] = &storeState{store: st, clock: clock, answers: newAnswerChooser(answers)}
		for _, a := range st.APIAccounts {
			if _, dup := b.tokens[a.AccessToken]; dup {
				return nil, fmt.Errorf("access token of %q is used twice", a.ClientName)
			}
			b.tokens[a.AccessToken] = &account{storeHash: st.StoreHash, clientID: a.ClientID, scopes: append([]string(nil), a.Scopes...)}
		}
	}
	b.routeStoreAPI()
	b.routeAdmin()
	return b, nil
}

// Stores returns the stores with their generated secrets.
func (b *BigCommerce) Stores() []Store {
	return append([]Store(nil), b.fixture...)
}

// ServeHTTP serves the store API under /stores/ and the admin API under /_sandbox/.
func (b *BigCommerce) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		b.admin.ServeHTTP(w, r)
	case strings.HasPrefix(r.URL.Path, "/stores/"):
		b.api.ServeHTTP(w, r)
	default:
		writeV3Error(w, http.StatusNotFound, "The resource at that URL is not found.", nil)
	}
}

// routeStoreAPI routes each route of the table, by method and path; any
// other path below a store is answered after authentication, as not found.
func (b *BigCommerce) routeStoreAPI() {
	b.api = http.NewServeMux()
	for i := range routes {
		rt := &routes[i]
		b.api.HandleFunc(rt.method+" /stores/{store_hash}"+rt.pattern, func(w http.ResponseWriter, r *http.Request) { b.serveStore(w, r, rt) })
	}
	for _, unmatched := range []string{"/stores/{store_hash}", "/stores/{store_hash}/{rest...}"} {
		b.api.HandleFunc(unmatched, func(w http.ResponseWriter, r *http.Request) { b.serveStore(w, r, nil) })
	}
}

// serveStore answers a request below /stores/{store_hash}, counting every request.
func (b *BigCommerce) serveStore(w http.ResponseWriter, r *http.Request, rt *route) {
	storeHash := r.PathValue("store_hash")
	rest := "/" + strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/stores/"+storeHash), "/")
	routeKey := "unmatched"
	if rt != nil {
		routeKey = rt.method + " " + rt.pattern
	}
	b.mu.Lock()
	faults := b.faults
	d := faults.Disruption(b.rng)
	b.mu.Unlock()
	status := d.Serve(w, r, faults.RedirectTo, func(w http.ResponseWriter) {
		b.answerStore(w, r, storeHash, rest, rt)
	})
	b.stats.Record(storeHash, routeKey, r.Method, r.URL.RequestURI(), r.UserAgent(), status, b.now())
}

// answerStore answers in BigCommerce's order: rate limit, authentication,
// store, scope, then content type and validation.
func (b *BigCommerce) answerStore(w http.ResponseWriter, r *http.Request, storeHash, rest string, rt *route) {
	b.mu.Lock()
	faults := b.faults
	failure := faults.Failure(b.rng)
	st := b.stores[storeHash]
	limited, headers := b.rateLimit(storeHash, faults)
	acct := b.tokens[r.Header.Get(headerAuthToken)]
	var granted []string
	if acct != nil {
		granted = append([]string(nil), acct.scopes...)
	}
	var gateway *Gateway
	if st != nil {
		gateway = st.answers.answers.Gateway
	}
	b.mu.Unlock()

	if !faults.Delay(r) {
		return
	}
	if gateway.intercepts(rt) {
		// A gateway in front of BigCommerce answers before BigCommerce sees the request (§11).
		gateway.write(w)
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
		standin.WriteRaw(w, http.StatusForbidden, scopeMissingBody)
		return
	}
	if strings.HasPrefix(rest, "/v3/") && strings.HasSuffix(rest, "/") {
		// A trailing slash on a v3 path is refused, as BigCommerce has done (bigcommerce/api issue #95).
		standin.WriteRaw(w, http.StatusForbidden, `{"status":403,"title":"Authentication Required","type":"https://developer.bigcommerce.com/api#api-status-codes"}`)
		return
	}
	if rt == nil {
		if strings.HasPrefix(rest, "/v2/") {
			notFoundV2(w, r, st)
		} else {
			notFoundV3(w, r, st)
		}
		return
	}
	if len(rt.accepted) > 0 && !standin.Holds(granted, rt.accepted...) {
		standin.WriteRaw(w, http.StatusForbidden, scopeMissingBody)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeV3Error(w, http.StatusUnsupportedMediaType, "The request body must be application/json.", nil)
			return
		}
	}
	b.mu.Lock()
	chosen := rt.answers[st.answers.pick(rt)]
	b.mu.Unlock()
	chosen.write(w, r, st)
}

// rateLimit counts a request against the store's window and returns the rate-limit headers.
func (b *BigCommerce) rateLimit(storeHash string, f standin.Faults) (bool, map[string]string) {
	st := b.stores[storeHash]
	if st == nil {
		return false, nil
	}
	quota, length := f.Limits()
	limited, left, reset := st.quota.Take(b.now(), quota, length)
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

func (b *BigCommerce) setFaults(f standin.Faults) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.faults = f
	b.rng = rand.New(rand.NewSource(f.Seed))
	for _, st := range b.stores {
		st.quota = standin.Window{}
	}
}

// Stats returns a copy of the request counts.
func (b *BigCommerce) Stats() standin.Stats {
	return b.stats.Snapshot()
}

var errNotFound = errors.New("not found")

// routeAdmin routes the admin API:
//
//	PUT /_sandbox/stores/{store_hash}/api-accounts/{client_id}/scopes  JSON array of scope strings
//	DELETE /_sandbox/stores/{store_hash}/api-accounts/{client_id}       the owner deletes the account
//	PUT /_sandbox/stores/{store_hash}/answers                           Answers as JSON
//	PUT /_sandbox/faults                                                Faults as JSON
//	GET /_sandbox/stats                                                 Stats as JSON
func (b *BigCommerce) routeAdmin() {
	b.admin = http.NewServeMux()
	b.admin.HandleFunc("GET /_sandbox/stats", func(w http.ResponseWriter, _ *http.Request) {
		standin.WriteJSON(w, http.StatusOK, b.Stats())
	})
	b.admin.HandleFunc("PUT /_sandbox/faults", func(w http.ResponseWriter, r *http.Request) {
		f, err := standin.DecodeFaults(r)
		if err != nil {
			standin.WriteAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		b.setFaults(f)
		w.WriteHeader(http.StatusNoContent)
	})
	b.admin.HandleFunc("PUT /_sandbox/stores/{store_hash}/api-accounts/{client_id}/scopes", func(w http.ResponseWriter, r *http.Request) {
		storeHash, clientID := r.PathValue("store_hash"), r.PathValue("client_id")
		var list []string
		if err := standin.DecodeJSON(r, &list); err != nil {
			standin.WriteAdminError(w, http.StatusBadRequest, "scopes: a JSON array of scope strings is expected: "+err.Error())
			return
		}
		switch err := b.setScopes(storeHash, clientID, list); {
		case errors.Is(err, errNotFound):
			standin.WriteAdminError(w, http.StatusNotFound, "no API account "+clientID+" on store "+storeHash)
		case err != nil:
			standin.WriteAdminError(w, http.StatusBadRequest, err.Error())
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})
	b.admin.HandleFunc("DELETE /_sandbox/stores/{store_hash}/api-accounts/{client_id}", func(w http.ResponseWriter, r *http.Request) {
		storeHash, clientID := r.PathValue("store_hash"), r.PathValue("client_id")
		if err := b.deleteAccount(storeHash, clientID); err != nil {
			standin.WriteAdminError(w, http.StatusNotFound, "no API account "+clientID+" on store "+storeHash)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	b.routeAnswersAdmin()
	b.admin.HandleFunc("/_sandbox/", func(w http.ResponseWriter, r *http.Request) {
		standin.WriteAdminError(w, http.StatusNotFound, "unknown sandbox endpoint "+r.Method+" "+r.URL.Path)
	})
}
