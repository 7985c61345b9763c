// Package scopecheck proves which OAuth scopes a BigCommerce store-level token
// holds, without changing any store data. BigCommerce has no endpoint that
// reports a token's scopes, so each scope is probed with a request that its
// scope check answers before validation: 403 means the scope is missing, a
// validation or not-found error means it is granted.
package scopecheck

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Outcome is what a probe's answer says about its scope.
type Outcome int

// The outcomes of a probe.
const (
	// OutcomeIndeterminate: a server error, rate limit or unexpected status that survived the retries.
	OutcomeIndeterminate Outcome = iota
	// OutcomeGranted: the request passed the scope check.
	OutcomeGranted
	// OutcomeDenied: 403, the scope is missing (once the baseline has succeeded).
	OutcomeDenied
	// OutcomeInvalidToken: 401.
	OutcomeInvalidToken
	// OutcomeWriteSucceeded: a write probe got 2xx, which must never happen.
	OutcomeWriteSucceeded
)

// Classify reads a probe's status as BigCommerce documents it.
func Classify(p Probe, status int) Outcome {
	switch {
	case status == http.StatusUnauthorized:
		return OutcomeInvalidToken
	case status == http.StatusForbidden:
		return OutcomeDenied
	case status >= 200 && status < 300:
		if p.Method == http.MethodGet {
			return OutcomeGranted
		}
		return OutcomeWriteSucceeded
	}
	for _, s := range p.Expected {
		if s == status {
			return OutcomeGranted
		}
	}
	switch status {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusMethodNotAllowed, http.StatusConflict, http.StatusUnprocessableEntity:
		return OutcomeGranted
	}
	return OutcomeIndeterminate
}

// Verdict is the result for one required scope.
type Verdict int

// The verdicts.
const (
	// VerdictGranted: the required level is proven.
	VerdictGranted Verdict = iota
	// VerdictMissing: the token lacks the required level.
	VerdictMissing
	// VerdictUnverifiable: only a lower level can be proven without changing data.
	VerdictUnverifiable
	// VerdictIndeterminate: BigCommerce did not answer clearly.
	VerdictIndeterminate
)

// Result is the check of one required scope.
type Result struct {
	// Scope is the required scope.
	Scope scopes.Scope
	// Granted is the highest level proven; with VerdictUnverifiable it is a lower bound.
	Granted scopes.Level
	Verdict Verdict
	// Detail explains an unverifiable or indeterminate result.
	Detail string
}

// StoreInfo is what GET /v2/store says of the store.
type StoreInfo struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Domain string `json:"domain"`
}

// Report is the check of one store's token.
type Report struct {
	StoreHash string
	// Store is set when Information & Settings was required and granted.
	Store   *StoreInfo
	Results []Result
	// Warnings are findings that do not fail the check, such as a store id that differs from the hash.
	Warnings []string
}

// Missing returns the results whose scope is missing.
func (r *Report) Missing() []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Verdict == VerdictMissing {
			out = append(out, res)
		}
	}
	return out
}

// InvalidTokenError reports a token BigCommerce does not accept.
type InvalidTokenError struct{ StoreHash string }

func (e *InvalidTokenError) Error() string {
	return fmt.Sprintf("BigCommerce rejected the access token for store %s (401): it is wrong, or its API account was deleted", e.StoreHash)
}

// UnknownStoreError reports a store hash the token does not belong to.
type UnknownStoreError struct {
	StoreHash string
	Status    int
}

func (e *UnknownStoreError) Error() string {
	return fmt.Sprintf("BigCommerce answered %d for store %s on a request that needs no scope: the store hash is wrong, or the token belongs to another store", e.Status, e.StoreHash)
}

// WriteSucceededError reports a write probe that BigCommerce accepted.
type WriteSucceededError struct{ Probe Probe }

func (e *WriteSucceededError) Error() string {
	return fmt.Sprintf("BigCommerce accepted the probe %s with a success status, which no store does for that request; data may have changed. Please report this to the provider developers", e.Probe.key())
}

// UnavailableError reports a baseline request without a clear answer.
type UnavailableError struct{ Detail string }

func (e *UnavailableError) Error() string {
	return "BigCommerce gave no clear answer: " + e.Detail
}

// Checker runs probes and remembers their answers per store and token, so
// that one Terraform operation never probes the same store twice.
type Checker struct {
	client *bigcommerce.Client
	mu     sync.Mutex
	stores map[string]*storeCache
}

// storeCache holds the probe calls for one store and token.
type storeCache struct {
	mu    sync.Mutex
	calls map[string]*call
}

// call is one probe request, shared by everyone who asks for it.
type call struct {
	done   chan struct{}
	status int
	body   []byte
	err    error
}

// NewChecker returns a checker that sends its probes through client.
func NewChecker(client *bigcommerce.Client) *Checker {
	return &Checker{client: client, stores: map[string]*storeCache{}}
}

func (c *Checker) cache(storeHash, token string) *storeCache {
	sum := sha256.Sum256([]byte(token))
	key := storeHash + "/" + hex.EncodeToString(sum[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	sc := c.stores[key]
	if sc == nil {
		sc = &storeCache{calls: map[string]*call{}}
		c.stores[key] = sc
	}
	return sc
}

// start runs a probe unless an answer or a running request is already there.
// Indeterminate answers are forgotten, so a later check asks again.
func (c *Checker) start(ctx context.Context, sc *storeCache, storeHash, token string, p Probe) *call {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if cl, ok := sc.calls[p.key()]; ok {
		return cl
	}
	cl := &call{done: make(chan struct{})}
	sc.calls[p.key()] = cl
	go func() {
		defer close(cl.done)
		var body []byte
		if p.EmptyBody {
			body = []byte("{}")
		}
		resp, err := c.client.Do(ctx, storeHash, token, p.Method, p.Path, body)
		if err != nil {
			cl.err = err
		} else {
			cl.status, cl.body = resp.Status, resp.Body
		}
		if err != nil || Classify(p, cl.status) == OutcomeIndeterminate {
			sc.mu.Lock()
			delete(sc.calls, p.key())
			sc.mu.Unlock()
		}
	}()
	return cl
}

func wait(ctx context.Context, cl *call) error {
	select {
	case <-cl.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// plan says how one required scope is checked.
type plan struct {
	scope scopes.Scope
	// first proves the required level, or the level below when the required one cannot be proven.
	first    Probe
	hasFirst bool
	// fallback, run only when first is denied, tells read-only from none.
	fallback    Probe
	hasFallback bool
}

func planFor(sc scopes.Scope) plan {
	pl := plan{scope: sc}
	pl.first, pl.hasFirst = probeFor(sc.Resource.Name, sc.Level)
	if !pl.hasFirst && sc.Level == scopes.LevelModify {
		pl.first, pl.hasFirst = probeFor(sc.Resource.Name, scopes.LevelReadOnly)
		return pl
	}
	if pl.hasFirst && sc.Level == scopes.LevelModify {
		pl.fallback, pl.hasFallback = probeFor(sc.Resource.Name, scopes.LevelReadOnly)
	}
	return pl
}

// Check proves each required scope for the store. All probes go out at once,
// together with the baseline; a second round runs only to tell read-only from
// none where a modify probe was denied.
func (c *Checker) Check(ctx context.Context, storeHash, token string, required []string) (*Report, error) {
	sc := c.cache(storeHash, token)
	report := &Report{StoreHash: storeHash}
	var plans []plan
	for _, s := range required {
		scope, ok := scopes.Lookup(s)
		if !ok {
			return nil, fmt.Errorf("unknown scope %q", s)
		}
		plans = append(plans, planFor(scope))
	}

	baseline := c.start(ctx, sc, storeHash, token, BaselineProbe)
	firsts := make([]*call, len(plans))
	for i, pl := range plans {
		if pl.hasFirst {
			firsts[i] = c.start(ctx, sc, storeHash, token, pl.first)
		}
	}
	if err := wait(ctx, baseline); err != nil {
		return nil, err
	}
	baselineOK := false
	var unavailable *UnavailableError
	switch err := baselineResult(storeHash, baseline); {
	case err == nil:
		baselineOK = true
	case errors.As(err, &unavailable):
		tflog.Warn(ctx, "BigCommerce baseline request failed", map[string]any{"store_hash": storeHash, "error": unavailable.Detail})
	default:
		return nil, err
	}

	outcomes := make([]Outcome, len(plans))
	fallbacks := make([]*call, len(plans))
	for i, pl := range plans {
		if !pl.hasFirst {
			continue
		}
		if err := wait(ctx, firsts[i]); err != nil {
			return nil, err
		}
		outcomes[i] = outcomeOf(pl.first, firsts[i], baselineOK)
		switch outcomes[i] {
		case OutcomeInvalidToken:
			return nil, &InvalidTokenError{StoreHash: storeHash}
		case OutcomeWriteSucceeded:
			return nil, &WriteSucceededError{Probe: pl.first}
		case OutcomeDenied:
			if pl.hasFallback {
				fallbacks[i] = c.start(ctx, sc, storeHash, token, pl.fallback)
			}
		}
	}

	for i, pl := range plans {
		res := Result{Scope: pl.scope}
		switch {
		case !pl.hasFirst:
			res.Verdict = VerdictUnverifiable
			res.Detail = "no request can prove this scope without changing store data"
		case outcomes[i] == OutcomeIndeterminate:
			res.Verdict = VerdictIndeterminate
			res.Detail = indeterminateDetail(pl.first, firsts[i], baselineOK)
		case outcomes[i] == OutcomeGranted && pl.first.Level < pl.scope.Level:
			res.Verdict, res.Granted = VerdictUnverifiable, pl.first.Level
			res.Detail = fmt.Sprintf("at least %s is granted; %s cannot be verified without changing store data", pl.first.Level, pl.scope.Resource.Word(pl.scope.Level))
		case outcomes[i] == OutcomeGranted:
			res.Verdict, res.Granted = VerdictGranted, pl.first.Level
		case fallbacks[i] != nil:
			if err := wait(ctx, fallbacks[i]); err != nil {
				return nil, err
			}
			res.Verdict = VerdictMissing
			switch outcomeOf(pl.fallback, fallbacks[i], baselineOK) {
			case OutcomeGranted:
				res.Granted = scopes.LevelReadOnly
			case OutcomeDenied:
				res.Granted = scopes.LevelNone
			default:
				// Modify is missing for sure; only the level below is unclear.
				res.Granted = scopes.LevelNone
				res.Detail = "whether read-only is granted could not be determined"
			}
		default:
			res.Verdict, res.Granted = VerdictMissing, scopes.LevelNone
		}
		if pl.hasFirst && pl.first.Path == storeInformationPath && res.Verdict == VerdictGranted {
			report.Store, report.Warnings = storeInfo(storeHash, firsts[i].body, report.Warnings)
		}
		report.Results = append(report.Results, res)
	}
	return report, nil
}

// Baseline confirms that the token works on the store, with the request that
// needs no scope. It shares the cache with Check.
func (c *Checker) Baseline(ctx context.Context, storeHash, token string) error {
	cl := c.start(ctx, c.cache(storeHash, token), storeHash, token, BaselineProbe)
	if err := wait(ctx, cl); err != nil {
		return err
	}
	return baselineResult(storeHash, cl)
}

// baselineResult reads the baseline's answer: nil when the token works on the
// store, InvalidTokenError (401), UnknownStoreError (403 or 404), or
// UnavailableError when BigCommerce gave no clear answer.
func baselineResult(storeHash string, cl *call) error {
	switch {
	case cl.err != nil:
		return &UnavailableError{Detail: cl.err.Error()}
	case cl.status == http.StatusUnauthorized:
		return &InvalidTokenError{StoreHash: storeHash}
	case cl.status == http.StatusForbidden || cl.status == http.StatusNotFound:
		return &UnknownStoreError{StoreHash: storeHash, Status: cl.status}
	case Classify(BaselineProbe, cl.status) != OutcomeGranted:
		return &UnavailableError{Detail: fmt.Sprintf("%s answered %d after retries", BaselineProbe.key(), cl.status)}
	}
	return nil
}

// outcomeOf classifies a finished call; a 403 counts as denied only after a good baseline.
func outcomeOf(p Probe, cl *call, baselineOK bool) Outcome {
	if cl.err != nil {
		return OutcomeIndeterminate
	}
	o := Classify(p, cl.status)
	if o == OutcomeDenied && !baselineOK {
		return OutcomeIndeterminate
	}
	return o
}

func indeterminateDetail(p Probe, cl *call, baselineOK bool) string {
	switch {
	case cl.err != nil:
		return fmt.Sprintf("%s failed: %s", p.key(), cl.err)
	case cl.status == http.StatusForbidden && !baselineOK:
		return fmt.Sprintf("%s answered 403, but the baseline request did not succeed, so the 403 cannot be read as a missing scope", p.key())
	default:
		return fmt.Sprintf("%s answered %d after retries", p.key(), cl.status)
	}
}

// storeInfo decodes GET /v2/store leniently: only id, name and domain are read,
// so fields of varying type, such as logo, cannot break it.
func storeInfo(storeHash string, body []byte, warnings []string) (*StoreInfo, []string) {
	var info StoreInfo
	if err := json.Unmarshal(body, &info); err != nil {
		var syntaxErr *json.SyntaxError
		if errors.As(err, &syntaxErr) {
			return nil, append(warnings, "GET /v2/store returned a body that is not JSON")
		}
		return nil, append(warnings, fmt.Sprintf("GET /v2/store returned an unexpected body: %s", err))
	}
	if info.ID != "" && info.ID != storeHash {
		warnings = append(warnings, fmt.Sprintf("GET /v2/store reports the store id %q, not the store hash %q from the API path", info.ID, storeHash))
	}
	return &info, warnings
}
