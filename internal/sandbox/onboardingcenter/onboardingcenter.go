// Package onboardingcenter is a local stand-in for Modern Retail's Onboarding
// Center, following internal/onboarding/openapi.yaml. It verifies each
// submission by asking an account table, the BigCommerce stand-in's, which
// scopes the token was granted.
package onboardingcenter

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// DefaultVerificationDelay is how long the Onboarding Center takes to verify a submission.
const DefaultVerificationDelay = 300 * time.Millisecond

// AccountTable answers which scopes BigCommerce granted an access token on a
// store; the BigCommerce stand-in is one.
type AccountTable interface {
	GrantedScopes(storeHash, accessToken string) ([]string, bool)
}

// Fixture describes the Onboarding Center's projects.
type Fixture struct {
	// Token is the API token; generated when empty.
	Token string `json:"token"`
	// VerificationDelayMs overrides DefaultVerificationDelay.
	VerificationDelayMs *int             `json:"verification_delay_ms,omitempty"`
	Projects            []ProjectFixture `json:"projects"`
}

// ProjectFixture is one onboarding project; an empty StoreHash is not yet bound.
type ProjectFixture struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	StoreHash string `json:"store_hash,omitempty"`
}

// Center is the Onboarding Center stand-in.
type Center struct {
	mu       sync.Mutex
	token    string
	delay    time.Duration
	projects map[string]*project
	faults   standin.Faults
	rng      *rand.Rand
	quota    standin.Window
	stats    *standin.Recorder
	accounts AccountTable
	// ctx ends the background verifications on Close.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	api    *http.ServeMux
	admin  *http.ServeMux
}

type project struct {
	id, name  string
	storeHash string
	reg       *registration
	putCount  int
	// lastRevision is the newest revision ever given; revisions never repeat.
	lastRevision int64
	// keys maps an Idempotency-Key to the body it came with and the revision it made.
	keys map[string]keyRecord
}

type registration struct {
	sub          submission
	revision     int64
	submittedAt  time.Time
	status       string
	verification verification
}

type keyRecord struct {
	bodyHash string
	revision int64
}

// storeHashPattern is the store hash's shape, as the credentials file parser knows it.
var storeHashPattern = regexp.MustCompile(credentialsfile.StoreHashPattern)

var apiPathOfStore = regexp.MustCompile(`^https://api\.bigcommerce\.com/stores/([0-9a-z]+)(/v[23])?/?$`)

// New builds the stand-in; accounts is what verification asks.
func New(f *Fixture, accounts AccountTable) (*Center, error) {
	if f == nil {
		f = &Fixture{}
	}
	o := &Center{
		token:    f.Token,
		delay:    DefaultVerificationDelay,
		projects: map[string]*project{},
		rng:      rand.New(rand.NewSource(1)),
		stats:    standin.NewRecorder(),
		accounts: accounts,
	}
	if o.token == "" {
		o.token = standin.RandomString("0123456789abcdefghijklmnopqrstuvwxyz", 40)
	}
	if f.VerificationDelayMs != nil {
		o.delay = time.Duration(*f.VerificationDelayMs) * time.Millisecond
	}
	for _, p := range f.Projects {
		if !projectIDPattern.MatchString(p.ID) {
			return nil, fmt.Errorf("project id %q is not 1 to 64 letters, digits, '_' or '-'", p.ID)
		}
		if _, dup := o.projects[p.ID]; dup {
			return nil, fmt.Errorf("project %q appears twice", p.ID)
		}
		o.projects[p.ID] = &project{id: p.ID, name: p.Name, storeHash: p.StoreHash, keys: map[string]keyRecord{}}
	}
	o.ctx, o.cancel = context.WithCancel(context.Background())
	o.routeAPI()
	o.routeAdmin()
	return o, nil
}

// Token is the API token clients must send.
func (o *Center) Token() string {
	return o.token
}

// Close stops the background verifications.
func (o *Center) Close() {
	o.cancel()
	o.wg.Wait()
}

// ServeHTTP serves the API under /v1/ and the admin API under /_sandbox/.
func (o *Center) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		o.admin.ServeHTTP(w, r)
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		o.api.ServeHTTP(w, r)
	default:
		writeErrors(w, http.StatusNotFound, "", "no such endpoint")
	}
}

func writeErrors(w http.ResponseWriter, status int, field, message string) {
	standin.WriteJSON(w, status, map[string]any{"errors": []fieldError{{Field: field, Message: message}}})
}

// projectHandler answers a request about one project; o.mu is held.
type projectHandler func(w http.ResponseWriter, r *http.Request, p *project)

// routeAPI routes the contract's operations by method and path.
func (o *Center) routeAPI() {
	o.api = http.NewServeMux()
	handle := func(pattern string, h projectHandler) {
		o.api.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { o.serveAPI(w, r, pattern, h) })
	}
	handle("GET /v1/projects/{project_id}", func(w http.ResponseWriter, _ *http.Request, p *project) {
		standin.WriteJSON(w, http.StatusOK, p.view())
	})
	handle("GET /v1/projects/{project_id}/api-credentials", func(w http.ResponseWriter, _ *http.Request, p *project) {
		if p.reg == nil {
			writeErrors(w, http.StatusNotFound, "", "no API credentials registered")
			return
		}
		p.writeRegistration(w)
	})
	handle("PUT /v1/projects/{project_id}/api-credentials", func(w http.ResponseWriter, r *http.Request, p *project) {
		p.putCount++
		o.put(w, r, p)
	})
	handle("DELETE /v1/projects/{project_id}/api-credentials", func(w http.ResponseWriter, r *http.Request, p *project) {
		if p.reg == nil {
			writeErrors(w, http.StatusNotFound, "", "no API credentials registered")
			return
		}
		if p.preconditionsHold(w, r) {
			p.withdraw()
			w.WriteHeader(http.StatusNoContent)
		}
	})
	o.api.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) { o.serveAPI(w, r, "unmatched", nil) })
}

// serveAPI answers an API request under the faults of the moment, counting it.
func (o *Center) serveAPI(w http.ResponseWriter, r *http.Request, route string, h projectHandler) {
	key := r.PathValue("project_id")
	if key == "" {
		key = "unknown"
	}
	o.mu.Lock()
	faults := o.faults.For(r.Method)
	d := faults.Disruption(o.rng)
	o.mu.Unlock()
	status := d.Serve(w, r, faults.RedirectTo, func(w http.ResponseWriter) { o.answerAPI(w, r, h) })
	o.stats.Record(key, route, r.Method, r.URL.RequestURI(), r.UserAgent(), status, time.Now())
}

// answerAPI answers in the order of rate limit, server errors, authentication, route and project.
func (o *Center) answerAPI(w http.ResponseWriter, r *http.Request, h projectHandler) {
	o.mu.Lock()
	faults := o.faults.For(r.Method)
	failure := faults.Failure(o.rng)
	// The Onboarding Center limits requests only when a fault sets a quota.
	limited, reset := false, time.Duration(0)
	if faults.RateLimitQuota > 0 {
		quota, length := faults.Limits()
		limited, _, reset = o.quota.Take(time.Now(), quota, length)
	}
	o.mu.Unlock()

	if !faults.Delay(r) {
		return
	}
	if limited {
		if faults.RateLimitHeaders == nil || *faults.RateLimitHeaders {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(reset.Seconds()))))
		}
		writeErrors(w, http.StatusTooManyRequests, "", "too many requests")
		return
	}
	if failure != 0 {
		writeErrors(w, failure, "", http.StatusText(failure))
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+o.token {
		writeErrors(w, http.StatusUnauthorized, "", "the bearer token is missing or wrong")
		return
	}
	if h == nil {
		writeErrors(w, http.StatusNotFound, "", "no such endpoint")
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	id := r.PathValue("project_id")
	p := o.projects[id]
	if p == nil {
		writeErrors(w, http.StatusNotFound, "project_id", "no project "+id)
		return
	}
	h(w, r, p)
}
