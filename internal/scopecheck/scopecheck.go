// Package scopecheck proves which OAuth scopes a BigCommerce store-level token
// holds, without changing any store data. BigCommerce has no endpoint that
// reports a token's scopes, so each scope is probed with a request that its
// scope check answers before validation: 403 means the scope is missing, a
// validation or not-found error means it is granted.
package scopecheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

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

// Classify reads a probe's status. Only the statuses of the probe's granted
// answer prove the scope; any other status proves nothing.
func Classify(p Probe, status int) Outcome {
	switch {
	case status == http.StatusUnauthorized:
		return OutcomeInvalidToken
	case status == http.StatusForbidden:
		return OutcomeDenied
	case status >= 200 && status < 300 && p.Method != http.MethodGet:
		return OutcomeWriteSucceeded
	}
	for _, s := range p.Granted.Statuses {
		if s == status {
			return OutcomeGranted
		}
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
	// VerdictUnverifiable: the level below is proven; the required level cannot be proven without changing data.
	VerdictUnverifiable
	// VerdictIndeterminate: BigCommerce gave no answer that proves anything.
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
func (r *Report) Missing() []Result { return r.with(VerdictMissing) }

// Unverified returns the results proven only at the level below the required one.
func (r *Report) Unverified() []Result { return r.with(VerdictUnverifiable) }

// Inconclusive returns the results that BigCommerce's answers did not settle.
func (r *Report) Inconclusive() []Result { return r.with(VerdictIndeterminate) }

// Satisfied reports whether every required scope was proven granted at its level.
func (r *Report) Satisfied() bool { return len(r.with(VerdictGranted)) == len(r.Results) }

func (r *Report) with(v Verdict) []Result {
	var out []Result
	for _, res := range r.Results {
		if res.Verdict == v {
			out = append(out, res)
		}
	}
	return out
}

// scopeCheck is the check of one required scope: its probes, their calls,
// and the result they lead to.
type scopeCheck struct {
	scope scopes.Scope
	// first proves the required level, or the level below when only that can be proven.
	first Probe
	// fallback, sent only when first is denied, tells read-only from none.
	fallback     Probe
	hasFallback  bool
	firstCall    *call
	fallbackCall *call
}

func newScopeCheck(s string) (*scopeCheck, error) {
	sc, full, ok := Checkable(s)
	switch {
	case !ok && sc.String == "":
		return nil, fmt.Errorf("unknown scope %q", s)
	case !ok:
		return nil, &UncheckableScopeError{Scope: s}
	}
	c := &scopeCheck{scope: sc}
	if !full {
		c.first, _ = probeFor(sc.Resource.Name, scopes.LevelReadOnly)
		return c, nil
	}
	c.first, _ = probeFor(sc.Resource.Name, sc.Level)
	if sc.Level == scopes.LevelModify {
		c.fallback, c.hasFallback = probeFor(sc.Resource.Name, scopes.LevelReadOnly)
	}
	return c, nil
}

// Check proves each required scope for the store. All probes go out at once,
// together with the baseline; a second round runs only to tell read-only from
// none where a modify probe was denied. Without a good baseline nothing is
// proven, so Check fails; a probe whose answer proves nothing makes its scope
// inconclusive, never granted.
func (c *Checker) Check(ctx context.Context, storeHash, token string, required []string) (*Report, error) {
	checks := make([]*scopeCheck, 0, len(required))
	for _, s := range required {
		sc, err := newScopeCheck(s)
		if err != nil {
			return nil, err
		}
		checks = append(checks, sc)
	}
	cache := c.cache(storeHash, token)
	baseline := c.start(ctx, cache, storeHash, token, BaselineProbe)
	for _, sc := range checks {
		sc.firstCall = c.start(ctx, cache, storeHash, token, sc.first)
	}
	if err := wait(ctx, baseline); err != nil {
		return nil, err
	}
	if err := baselineResult(storeHash, baseline); err != nil {
		return nil, err
	}
	for _, sc := range checks {
		if err := wait(ctx, sc.firstCall); err != nil {
			return nil, err
		}
		switch outcomeOf(sc.first, sc.firstCall) {
		case OutcomeInvalidToken:
			return nil, &InvalidTokenError{StoreHash: storeHash}
		case OutcomeWriteSucceeded:
			return nil, &WriteSucceededError{Probe: sc.first}
		case OutcomeDenied:
			if sc.hasFallback {
				sc.fallbackCall = c.start(ctx, cache, storeHash, token, sc.fallback)
			}
		}
	}
	report := &Report{StoreHash: storeHash}
	for _, sc := range checks {
		res, err := sc.result(ctx)
		if err != nil {
			return nil, err
		}
		if sc.first.Path == storeInformationPath && res.Verdict == VerdictGranted {
			info, warning, ok := storeInfo(storeHash, sc.firstCall.body)
			switch {
			case !ok:
				res = Result{Scope: sc.scope, Verdict: VerdictIndeterminate, Detail: warning}
			case warning != "":
				report.Store, report.Warnings = info, append(report.Warnings, warning)
			default:
				report.Store = info
			}
		}
		report.Results = append(report.Results, res)
	}
	return report, nil
}

// result reads the finished calls of one scope.
func (sc *scopeCheck) result(ctx context.Context) (Result, error) {
	res := Result{Scope: sc.scope}
	switch outcomeOf(sc.first, sc.firstCall) {
	case OutcomeGranted:
		res.Granted = sc.first.Level
		res.Verdict = VerdictGranted
		if sc.first.Level < sc.scope.Level {
			res.Verdict = VerdictUnverifiable
			res.Detail = fmt.Sprintf("%s is proven; %s cannot be proven without changing store data: %s",
				sc.scope.Resource.Word(sc.first.Level), sc.scope.Resource.Word(sc.scope.Level), partialProofs[sc.scope.String])
		}
	case OutcomeDenied:
		res.Verdict, res.Granted = VerdictMissing, scopes.LevelNone
		if sc.fallbackCall == nil {
			return res, nil
		}
		if err := wait(ctx, sc.fallbackCall); err != nil {
			return res, err
		}
		switch outcomeOf(sc.fallback, sc.fallbackCall) {
		case OutcomeGranted:
			res.Granted = scopes.LevelReadOnly
		case OutcomeDenied:
		default:
			// Modify is missing for sure; only the level below is unclear.
			res.Detail = "whether read-only is granted could not be determined"
		}
	default:
		res.Verdict = VerdictIndeterminate
		res.Detail = indeterminateDetail(sc.first, sc.firstCall)
	}
	return res, nil
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
	case cl.status >= 300 && cl.status < 400:
		return &UnavailableError{Detail: fmt.Sprintf("%s answered with a redirect (%d), which is never followed, so the token is not sent to another host", BaselineProbe.key(), cl.status)}
	case Classify(BaselineProbe, cl.status) != OutcomeGranted:
		return &UnavailableError{Detail: fmt.Sprintf("%s answered %d after retries", BaselineProbe.key(), cl.status)}
	}
	var answer struct {
		Time *int64 `json:"time"`
	}
	if err := json.Unmarshal(cl.body, &answer); err != nil || answer.Time == nil {
		return &UnavailableError{Detail: fmt.Sprintf("%s answered 200 with a body that is not BigCommerce's {\"time\": ...}, so the answer may not come from BigCommerce", BaselineProbe.key())}
	}
	return nil
}

// outcomeOf classifies a finished call; Check reads it only after a good baseline.
func outcomeOf(p Probe, cl *call) Outcome {
	if cl.err != nil {
		return OutcomeIndeterminate
	}
	return Classify(p, cl.status)
}

func indeterminateDetail(p Probe, cl *call) string {
	switch {
	case cl.err != nil:
		return fmt.Sprintf("%s failed: %s", p.key(), cl.err)
	case cl.status >= 300 && cl.status < 400:
		return fmt.Sprintf("%s answered with a redirect (%d), which is never followed", p.key(), cl.status)
	case cl.status >= 500 || cl.status == http.StatusTooManyRequests:
		return fmt.Sprintf("%s answered %d after retries", p.key(), cl.status)
	default:
		return fmt.Sprintf("%s answered %d, which proves neither a granted nor a missing scope; only %s count as granted", p.key(), cl.status, statusList(p.Granted.Statuses))
	}
}

func statusList(statuses []int) string {
	out := make([]string, len(statuses))
	for i, s := range statuses {
		out[i] = strconv.Itoa(s)
	}
	return strings.Join(out, " or ")
}

// storeInfo decodes GET /v2/store leniently: only id, name and domain are read,
// so fields of varying type, such as logo, cannot break it. ok is false when
// the body cannot be read, and the 200 then proves nothing; a store id other
// than the hash is a warning.
func storeInfo(storeHash string, body []byte) (info *StoreInfo, message string, ok bool) {
	info = &StoreInfo{}
	if err := json.Unmarshal(body, info); err != nil {
		var syntaxErr *json.SyntaxError
		if errors.As(err, &syntaxErr) {
			return nil, "GET /v2/store answered 200 with a body that is not JSON, so the answer may not come from BigCommerce", false
		}
		return nil, fmt.Sprintf("GET /v2/store answered 200 with a body the check cannot read: %s", err), false
	}
	if info.ID != "" && info.ID != storeHash {
		return info, fmt.Sprintf("GET /v2/store reports the store id %q, not the store hash %q from the API path", info.ID, storeHash), true
	}
	return info, "", true
}
