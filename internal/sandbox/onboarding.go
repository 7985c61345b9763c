package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultVerificationDelay is how long the Onboarding Center takes to verify a submission.
const DefaultVerificationDelay = 300 * time.Millisecond

// The contract's words (internal/onboarding/openapi.yaml), spelt out here
// rather than shared with the client.
const (
	statusPending   = "pending"
	statusSubmitted = "submitted"
	statusVerified  = "verified"
	statusRejected  = "rejected"

	headerIdempotencyKey = "Idempotency-Key"
	taskAPICredentials   = "api_credentials"
)

// projectIDPattern is the contract's ProjectID parameter pattern.
var projectIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// submission is the contract's CredentialsSubmission.
type submission struct {
	StoreHash    string `json:"store_hash"`
	ClientID     string `json:"client_id"`
	ClientName   string `json:"client_name"`
	APIPath      string `json:"api_path"`
	AccessToken  string `json:"access_token"`
	ClientSecret string `json:"client_secret"`
}

// fingerprint is the contract's: the lowercase hex SHA-256 of the access
// token, a newline and the client secret.
func (s submission) fingerprint() string {
	sum := sha256.Sum256([]byte(s.AccessToken + "\n" + s.ClientSecret))
	return hex.EncodeToString(sum[:])
}

// verification is the registration's verification object.
type verification struct {
	Status        string   `json:"status"`
	MissingScopes []string `json:"missing_scopes"`
	Message       string   `json:"message"`
}

// registrationBody is the contract's Registration: never a secret.
type registrationBody struct {
	Status       string       `json:"status"`
	StoreHash    string       `json:"store_hash"`
	ClientID     string       `json:"client_id"`
	ClientName   string       `json:"client_name"`
	APIPath      string       `json:"api_path"`
	Fingerprint  string       `json:"fingerprint"`
	Revision     int64        `json:"revision"`
	SubmittedAt  string       `json:"submitted_at"`
	Verification verification `json:"verification"`
}

// fieldError is one entry of the contract's Errors.
type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// AccountTable answers which scopes BigCommerce granted an access token on a
// store; the BigCommerce stand-in is one.
type AccountTable interface {
	GrantedScopes(storeHash, accessToken string) ([]string, bool)
}

// OnboardingFixture describes the Onboarding Center's projects.
type OnboardingFixture struct {
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

// Onboarding is the Onboarding Center stand-in. It follows
// internal/onboarding/openapi.yaml, and verifies each submission by asking the
// BigCommerce stand-in's account table which scopes the token was granted,
// never through the provider's prober.
type Onboarding struct {
	mu       sync.Mutex
	token    string
	delay    time.Duration
	projects map[string]*project
	faults   Faults
	rng      *rand.Rand
	quota    window
	stats    *statsRecorder
	accounts AccountTable
	// ctx ends the background verifications on Close.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
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

var apiPathOfStore = regexp.MustCompile(`^https://api\.bigcommerce\.com/stores/([0-9a-z]+)(/v[23])?/?$`)

// NewOnboarding builds the stand-in; accounts is what verification asks.
func NewOnboarding(f *OnboardingFixture, accounts AccountTable) (*Onboarding, error) {
	if f == nil {
		f = &OnboardingFixture{}
	}
	o := &Onboarding{
		token:    f.Token,
		delay:    DefaultVerificationDelay,
		projects: map[string]*project{},
		rng:      rand.New(rand.NewSource(1)),
		stats:    newStats(),
		accounts: accounts,
	}
	if o.token == "" {
		o.token = randomString(lowerAlnum, 40)
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
	return o, nil
}

// Token is the API token clients must send.
func (o *Onboarding) Token() string {
	return o.token
}

// Close stops the background verifications.
func (o *Onboarding) Close() {
	o.cancel()
	o.wg.Wait()
}

// ServeHTTP serves the API under /v1/ and the admin API under /_sandbox/.
func (o *Onboarding) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/_sandbox/"):
		o.serveAdmin(w, r)
	case strings.HasPrefix(r.URL.Path, "/v1/"):
		o.serveAPI(w, r)
	default:
		writeErrors(w, http.StatusNotFound, "", "no such endpoint")
	}
}

func writeErrors(w http.ResponseWriter, status int, field, message string) {
	writeJSON(w, status, map[string]any{"errors": []fieldError{{Field: field, Message: message}}})
}

func (o *Onboarding) serveAPI(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/v1/"), "/")
	route := "unmatched"
	switch {
	case len(parts) == 2 && parts[0] == "projects":
		route = r.Method + " /v1/projects/{project_id}"
	case len(parts) == 3 && parts[0] == "projects" && parts[2] == "api-credentials":
		route = r.Method + " /v1/projects/{project_id}/api-credentials"
	}
	key := "unknown"
	if len(parts) >= 2 {
		key = parts[1]
	}
	o.mu.Lock()
	faults := o.faults
	d := faults.disruption(o.rng)
	o.mu.Unlock()
	status := d.serve(w, r, faults.RedirectTo, func(w http.ResponseWriter) { o.answerAPI(w, r, parts, route) })
	o.stats.record(key, route, r.Method, r.URL.RequestURI(), r.UserAgent(), status, time.Now())
}

// answerAPI answers an API request after the faults of the moment.
func (o *Onboarding) answerAPI(w http.ResponseWriter, r *http.Request, parts []string, route string) {
	o.mu.Lock()
	faults := o.faults
	failure := faults.failure(o.rng)
	// The Onboarding Center limits requests only when a fault sets a quota.
	limited, reset := false, time.Duration(0)
	if faults.RateLimitQuota > 0 {
		quota, length := faults.limits()
		limited, _, reset = o.quota.take(time.Now(), quota, length)
	}
	o.mu.Unlock()

	if !faults.delay(r) {
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
	if route == "unmatched" {
		writeErrors(w, http.StatusNotFound, "", "no such endpoint")
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	p := o.projects[parts[1]]
	if p == nil {
		writeErrors(w, http.StatusNotFound, "project_id", "no project "+parts[1])
		return
	}
	switch route {
	case "GET /v1/projects/{project_id}":
		writeJSON(w, http.StatusOK, p.view())
	case "GET /v1/projects/{project_id}/api-credentials":
		if p.reg == nil {
			writeErrors(w, http.StatusNotFound, "", "no API credentials registered")
			return
		}
		p.writeRegistration(w)
	case "DELETE /v1/projects/{project_id}/api-credentials":
		if p.reg == nil {
			writeErrors(w, http.StatusNotFound, "", "no API credentials registered")
			return
		}
		if !p.preconditionsHold(w, r) {
			return
		}
		p.withdraw()
		w.WriteHeader(http.StatusNoContent)
	case "PUT /v1/projects/{project_id}/api-credentials":
		p.putCount++
		o.put(w, r, p)
	default:
		writeErrors(w, http.StatusMethodNotAllowed, "", "method not allowed")
	}
}

// put registers a submission; o.mu is held.
func (o *Onboarding) put(w http.ResponseWriter, r *http.Request, p *project) {
	var sub submission
	body, err := decodeBody(r, &sub)
	if err != nil {
		writeErrors(w, http.StatusUnprocessableEntity, "", "the body is not a JSON credentials submission: "+err.Error())
		return
	}
	if field, msg := validateSubmission(sub); field != "" {
		writeErrors(w, http.StatusUnprocessableEntity, field, msg)
		return
	}
	if p.storeHash != "" && p.storeHash != sub.StoreHash {
		writeErrors(w, http.StatusConflict, "store_hash", fmt.Sprintf("project %s is bound to store %s", p.id, p.storeHash))
		return
	}
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	key := r.Header.Get(headerIdempotencyKey)
	if rec, seen := p.keys[key]; key != "" && seen {
		if rec.bodyHash != bodyHash {
			writeErrors(w, http.StatusUnprocessableEntity, headerIdempotencyKey, "the key was used with another body")
			return
		}
		if p.reg != nil && p.reg.revision == rec.revision {
			// A repeated key is answered before any precondition.
			p.writeRegistration(w)
			return
		}
	}
	if !p.preconditionsHold(w, r) {
		return
	}
	p.lastRevision++
	revision := p.lastRevision
	p.storeHash = sub.StoreHash
	p.reg = &registration{
		sub: sub, revision: revision, submittedAt: time.Now().UTC(), status: statusSubmitted,
		verification: verification{Status: statusSubmitted, MissingScopes: []string{}, Message: "Verification in progress."},
	}
	if key != "" {
		p.keys[key] = keyRecord{bodyHash: bodyHash, revision: revision}
	}
	p.writeRegistration(w)
	o.wg.Add(1)
	go o.verify(p, revision, sub, o.delay)
}

func decodeBody(r *http.Request, v any) ([]byte, error) {
	var raw json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20)).Decode(&raw); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	return raw, dec.Decode(v)
}

// validateSubmission returns the first invalid field and why.
func validateSubmission(s submission) (string, string) {
	for _, f := range []struct{ name, value string }{
		{"store_hash", s.StoreHash}, {"client_id", s.ClientID}, {"client_name", s.ClientName},
		{"api_path", s.APIPath}, {"access_token", s.AccessToken}, {"client_secret", s.ClientSecret},
	} {
		if strings.TrimSpace(f.value) == "" && f.name != "client_name" {
			return f.name, "is required"
		}
	}
	if !storeHashPattern.MatchString(s.StoreHash) {
		return "store_hash", "must be 5 to 16 lowercase letters and digits"
	}
	if m := apiPathOfStore.FindStringSubmatch(s.APIPath); m == nil || m[1] != s.StoreHash {
		return "api_path", "must be https://api.bigcommerce.com/stores/" + s.StoreHash + "/v3/"
	}
	return "", ""
}

// verify checks a submission after the delay, as the Onboarding Center does,
// unless a newer revision replaced it meanwhile.
func (o *Onboarding) verify(p *project, revision int64, sub submission, delay time.Duration) {
	defer o.wg.Done()
	select {
	case <-time.After(delay):
	case <-o.ctx.Done():
		return
	}
	status, missing, message := o.check(sub)
	o.mu.Lock()
	defer o.mu.Unlock()
	if p.reg == nil || p.reg.revision != revision || p.reg.status != statusSubmitted {
		return
	}
	p.reg.status = status
	p.reg.verification = verification{Status: status, MissingScopes: missing, Message: message}
}

// check compares what BigCommerce granted the token with the required scopes.
func (o *Onboarding) check(sub submission) (string, []string, string) {
	granted, ok := o.accounts.GrantedScopes(sub.StoreHash, sub.AccessToken)
	if !ok {
		return statusRejected, []string{}, fmt.Sprintf("BigCommerce does not accept this access token on store %s.", sub.StoreHash)
	}
	missing, labels := []string{}, []string(nil)
	for _, r := range requiredScopes {
		if !holds(granted, r.scope, r.also) {
			missing = append(missing, r.scope)
			labels = append(labels, r.label)
		}
	}
	if len(missing) > 0 {
		return statusRejected, missing, "The API account lacks required scopes: " + strings.Join(labels, ", ") + "."
	}
	return statusVerified, []string{}, "The credentials work and hold every required scope."
}

// etag is the contract's ETag of the registration: its revision in double quotes.
func (r *registration) etag() string {
	return `"` + strconv.FormatInt(r.revision, 10) + `"`
}

// writeRegistration answers 200 with the registration and its ETag.
func (p *project) writeRegistration(w http.ResponseWriter) {
	w.Header().Set("ETag", p.reg.etag())
	writeJSON(w, http.StatusOK, p.reg.view())
}

// preconditionsHold checks If-Match and If-None-Match, and answers 412 with
// the current registration when one fails.
func (p *project) preconditionsHold(w http.ResponseWriter, r *http.Request) bool {
	ifMatch, ifNoneMatch := r.Header.Get("If-Match"), r.Header.Get("If-None-Match")
	var failed string
	switch {
	case ifNoneMatch == "*" && p.reg != nil:
		failed = "credentials are registered already (revision " + strconv.FormatInt(p.reg.revision, 10) + ")"
	case ifNoneMatch != "" && ifNoneMatch != "*":
		writeErrors(w, http.StatusUnprocessableEntity, "If-None-Match", "only * is supported")
		return false
	case ifMatch != "" && p.reg == nil:
		failed = "no credentials are registered"
	case ifMatch != "" && ifMatch != p.reg.etag():
		failed = "the registration is at revision " + strconv.FormatInt(p.reg.revision, 10) + ", not " + ifMatch
	default:
		return true
	}
	var current any
	if p.reg != nil {
		current = p.reg.view()
	}
	writeJSON(w, http.StatusPreconditionFailed, map[string]any{
		"errors":       []fieldError{{Message: "precondition failed: " + failed}},
		"registration": current,
	})
	return false
}

func (p *project) withdraw() {
	p.reg = nil
	p.keys = map[string]keyRecord{}
}

func (p *project) view() map[string]any {
	var storeHash any
	if p.storeHash != "" {
		storeHash = p.storeHash
	}
	status := statusPending
	if p.reg != nil {
		status = p.reg.status
	}
	return map[string]any{
		"id": p.id, "name": p.name, "store_hash": storeHash,
		"tasks": []map[string]string{{"key": taskAPICredentials, "status": status}},
	}
}

// view is the registration as the API shows it: never a secret.
func (r *registration) view() registrationBody {
	return registrationBody{
		Status:       r.status,
		StoreHash:    r.sub.StoreHash,
		ClientID:     r.sub.ClientID,
		ClientName:   r.sub.ClientName,
		APIPath:      r.sub.APIPath,
		Fingerprint:  r.sub.fingerprint(),
		Revision:     r.revision,
		SubmittedAt:  r.submittedAt.Format(time.RFC3339),
		Verification: r.verification,
	}
}

// RegistrationView is one row of GET /_sandbox/registrations. It holds no secret.
type RegistrationView struct {
	ProjectID   string `json:"project_id"`
	StoreHash   string `json:"store_hash"`
	ClientID    string `json:"client_id"`
	Fingerprint string `json:"fingerprint"`
	Status      string `json:"status"`
	Revision    int64  `json:"revision"`
	PutCount    int    `json:"put_count"`
}

// Registrations lists every project's registration.
func (o *Onboarding) Registrations() []RegistrationView {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []RegistrationView
	for _, p := range o.projects {
		v := RegistrationView{ProjectID: p.id, StoreHash: p.storeHash, Status: statusPending, PutCount: p.putCount}
		if p.reg != nil {
			v.ClientID, v.Fingerprint, v.Status, v.Revision = p.reg.sub.ClientID, p.reg.sub.fingerprint(), p.reg.status, p.reg.revision
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ProjectID < out[j].ProjectID })
	return out
}

// TaskStatusChange is the body of PUT /_sandbox/projects/{id}/api-credentials/status.
type TaskStatusChange struct {
	// Action is "reset" (the credentials are withdrawn in the UI) or "reject".
	Action  string `json:"action"`
	Message string `json:"message"`
}

// serveAdmin answers:
//
//	GET /_sandbox/registrations
//	PUT /_sandbox/projects/{id}/api-credentials/status  TaskStatusChange
//	PUT /_sandbox/faults                                 Faults
//	GET /_sandbox/stats                                  Stats
func (o *Onboarding) serveAdmin(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(strings.TrimPrefix(r.URL.Path, "/_sandbox/"), "/"), "/")
	switch {
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "registrations":
		writeJSON(w, http.StatusOK, o.Registrations())
	case r.Method == http.MethodGet && len(parts) == 1 && parts[0] == "stats":
		writeJSON(w, http.StatusOK, o.stats.snapshot())
	case r.Method == http.MethodPut && len(parts) == 1 && parts[0] == "faults":
		f, err := decodeFaults(r)
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		o.mu.Lock()
		o.faults, o.rng, o.quota = f, rand.New(rand.NewSource(f.Seed)), window{}
		if f.VerificationDelayMs != nil {
			o.delay = time.Duration(*f.VerificationDelayMs) * time.Millisecond
		}
		o.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPut && len(parts) == 4 && parts[0] == "projects" && parts[2] == "api-credentials" && parts[3] == "status":
		var change TaskStatusChange
		if err := decodeJSON(r, &change); err != nil {
			writeAdminError(w, http.StatusBadRequest, "status: "+err.Error())
			return
		}
		o.mu.Lock()
		defer o.mu.Unlock()
		p := o.projects[parts[1]]
		switch {
		case p == nil || p.reg == nil && change.Action == "reject":
			writeAdminError(w, http.StatusNotFound, "no registration on project "+parts[1])
		case change.Action == "reset":
			p.withdraw()
			w.WriteHeader(http.StatusNoContent)
		case change.Action == "reject":
			p.reg.status = statusRejected
			p.reg.verification = verification{Status: statusRejected, MissingScopes: []string{}, Message: change.Message}
			w.WriteHeader(http.StatusNoContent)
		default:
			writeAdminError(w, http.StatusBadRequest, `action must be "reset" or "reject"`)
		}
	default:
		writeAdminError(w, http.StatusNotFound, "unknown sandbox endpoint "+r.Method+" "+r.URL.Path)
	}
}
