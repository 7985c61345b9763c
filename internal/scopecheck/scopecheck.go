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
	"sync"

	"github.com/modernretail/terraform-provider-modernretail/internal/bigcommerce"
	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Result is the check of one required scope.
type Result struct {
	// Scope is the required scope.
	Scope scopes.Scope
	// Granted is the highest level proven; when Unverified it is a lower bound.
	Granted scopes.Level
	Verdict Verdict
	// Cause says why the result is Inconclusive, or, when Missing, why the level below is unknown.
	Cause Cause
	// Detail explains an unverified or inconclusive result. It never quotes an answer.
	Detail string
	// Quote is the title or message of an answer that was not the expected one, as sent; redact it before showing it.
	Quote string
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
func (r *Report) Missing() []Result { return r.with(Missing) }

// Unverified returns the results proven only at the level below the required one.
func (r *Report) Unverified() []Result { return r.with(Unverified) }

// Inconclusive returns the results that BigCommerce's answers did not settle.
func (r *Report) Inconclusive() []Result { return r.with(Inconclusive) }

// Satisfied reports whether every required scope was proven granted at its level.
func (r *Report) Satisfied() bool { return len(r.with(Granted)) == len(r.Results) }

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
		c.first, _ = ProbeFor(sc.Resource.Name, scopes.LevelReadOnly)
		return c, nil
	}
	c.first, _ = ProbeFor(sc.Resource.Name, sc.Level)
	if sc.Level == scopes.LevelModify {
		c.fallback, c.hasFallback = ProbeFor(sc.Resource.Name, scopes.LevelReadOnly)
	}
	return c, nil
}

// Checker runs probes and remembers their answers per store and token, so
// that one Terraform operation never probes the same store twice.
type Checker struct {
	client *bigcommerce.Client
	mu     sync.Mutex
	stores map[string]*storeCache
}

// NewChecker returns a checker that sends its probes through client.
func NewChecker(client *bigcommerce.Client) *Checker {
	return &Checker{client: client, stores: map[string]*storeCache{}}
}

// Check proves each required scope for the store. All probes go out at once,
// together with the baseline; a second round runs only to tell read-only from
// none where a modify probe was denied. Without a good baseline nothing is
// proven, so Check fails; a probe whose answer proves nothing makes its scope
// inconclusive, never granted.
func (c *Checker) Check(ctx context.Context, account Account, required []string) (*Report, error) {
	storeHash, token := account.StoreHash, account.AccessToken
	checks := make([]*scopeCheck, 0, len(required))
	for _, s := range required {
		sc, err := newScopeCheck(s)
		if err != nil {
			return nil, err
		}
		checks = append(checks, sc)
	}
	var held claims
	defer func() { held.release() }()
	cache := c.cache(storeHash, token)
	baseline := c.start(ctx, cache, storeHash, token, BaselineProbe, &held)
	for _, sc := range checks {
		sc.firstCall = c.start(ctx, cache, storeHash, token, sc.first, &held)
	}
	if err := wait(ctx, baseline); err != nil {
		return nil, err
	}
	if err := c.swapped(ctx, account, baselineResult(storeHash, token, baseline), &held); err != nil {
		return nil, err
	}
	for _, sc := range checks {
		if err := wait(ctx, sc.firstCall); err != nil {
			return nil, err
		}
		reading := sc.firstCall.read(sc.first)
		switch {
		case reading.InvalidToken:
			return nil, &InvalidTokenError{StoreHash: storeHash}
		case reading.WriteSucceeded:
			return nil, &WriteSucceededError{Probe: sc.first}
		case reading.Verdict == Missing && sc.hasFallback:
			sc.fallbackCall = c.start(ctx, cache, storeHash, token, sc.fallback, &held)
		}
	}
	report := &Report{StoreHash: storeHash}
	for _, sc := range checks {
		res, err := sc.result(ctx, storeHash, redact.New(token))
		if err != nil {
			return nil, err
		}
		if sc.first.Path == storeInformationPath && res.Verdict == Granted {
			info, warning, ok := storeInfo(storeHash, sc.firstCall.body)
			switch {
			case !ok:
				res = Result{Scope: sc.scope, Verdict: Inconclusive, Cause: CauseNotBigCommerce, Detail: warning}
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
func (sc *scopeCheck) result(ctx context.Context, storeHash string, secrets redact.Set) (Result, error) {
	res := Result{Scope: sc.scope}
	reading := sc.firstCall.read(sc.first)
	switch reading.Verdict {
	case Granted:
		res.Granted = sc.first.Level
		res.Verdict = Granted
		if sc.first.Level < sc.scope.Level {
			res.Verdict = Unverified
			res.Detail = fmt.Sprintf("%s is proven; %s cannot be proven without changing store data: %s",
				sc.scope.Resource.Word(sc.first.Level), sc.scope.Resource.Word(sc.scope.Level), partialProofs[sc.scope.String])
		}
	case Missing:
		res.Verdict, res.Granted = Missing, scopes.LevelNone
		if sc.fallbackCall == nil {
			return res, nil
		}
		if err := wait(ctx, sc.fallbackCall); err != nil {
			return res, err
		}
		switch fallback := sc.fallbackCall.read(sc.fallback); {
		case fallback.InvalidToken:
			return res, &InvalidTokenError{StoreHash: storeHash}
		case fallback.Verdict == Granted:
			res.Granted = scopes.LevelReadOnly
		case fallback.Verdict == Inconclusive:
			// Modify is missing for sure; only the level below is unclear.
			res.Cause = fallback.Cause
			res.Detail = "whether " + sc.scope.Resource.Word(scopes.LevelReadOnly) + " is granted could not be told: " + sc.fallbackCall.explain(sc.fallback, fallback.Cause)
		}
	default:
		res.Verdict, res.Cause = Inconclusive, reading.Cause
		res.Detail = sc.firstCall.explain(sc.first, reading.Cause)
		if reading.Cause == CauseForbidden || reading.Cause == CauseUndocumented || reading.Cause == CauseNotBigCommerce {
			res.Quote = secrets.Text(quoteOf(sc.firstCall.shape))
		}
	}
	return res, nil
}

// Account is what the prober needs of an API account's credentials.
type Account struct {
	StoreHash, AccessToken string
	// ClientID, when known, tells a token that works under the wrong label: see SwappedError.
	ClientID string
}

// Baseline confirms that the token works on the store, with the request that
// needs no scope. It shares the cache with Check.
func (c *Checker) Baseline(ctx context.Context, account Account) error {
	var held claims
	defer func() { held.release() }()
	cl := c.start(ctx, c.cache(account.StoreHash, account.AccessToken), account.StoreHash, account.AccessToken, BaselineProbe, &held)
	if err := wait(ctx, cl); err != nil {
		return err
	}
	return c.swapped(ctx, account, baselineResult(account.StoreHash, account.AccessToken, cl), &held)
}

// swapped looks into a refused token: when BigCommerce refuses the access
// token (401), the client ID is tried once in its place, with the baseline.
// If BigCommerce accepts it, the two values were swapped, and the value shown
// as the client ID is a working token: SwappedError. Otherwise err stands.
func (c *Checker) swapped(ctx context.Context, account Account, err error, held *claims) error {
	var invalid *InvalidTokenError
	if !errors.As(err, &invalid) || account.ClientID == "" || account.ClientID == account.AccessToken {
		return err
	}
	cl := c.start(ctx, c.cache(account.StoreHash, account.ClientID), account.StoreHash, account.ClientID, BaselineProbe, held)
	if waitErr := wait(ctx, cl); waitErr != nil {
		return waitErr
	}
	if cl.read(BaselineProbe).Verdict == Granted {
		return &SwappedError{StoreHash: account.StoreHash}
	}
	return err
}

// baselineResult reads the baseline's answer: nil when the token works on the
// store, InvalidTokenError (401), UnknownStoreError (403 or 404 in one of
// BigCommerce's error bodies), or UnavailableError when BigCommerce gave no
// answer the check can rely on.
func baselineResult(storeHash, token string, cl *call) error {
	reading := cl.read(BaselineProbe)
	switch {
	case reading.InvalidToken:
		return &InvalidTokenError{StoreHash: storeHash}
	case reading.Verdict == Granted:
		return nil
	case (cl.status == http.StatusForbidden || cl.status == http.StatusNotFound) && cl.shape.fromBigCommerce() && cl.shape.Kind != KindEmpty:
		return &UnknownStoreError{StoreHash: storeHash, Status: cl.status, Quote: redact.New(token).Text(quoteOf(cl.shape))}
	case reading.Cause == CauseUndocumented && cl.status == http.StatusOK:
		reading.Cause = CauseNotBigCommerce
	}
	return &UnavailableError{Cause: reading.Cause, Detail: cl.explain(BaselineProbe, reading.Cause)}
}

// explain words why an answer is inconclusive, without quoting it.
func (cl *call) explain(p Probe, cause Cause) string {
	switch cause {
	case CauseNoAnswer:
		return fmt.Sprintf("%s failed: %s", p.key(), cl.err)
	case CauseRedirect:
		return fmt.Sprintf("%s answered with a redirect (%d), which is never followed", p.key(), cl.status)
	case CauseServerError:
		return fmt.Sprintf("%s answered %d after retries", p.key(), cl.status)
	case CauseNotBigCommerce:
		return fmt.Sprintf("%s answered %d with %s, so the answer did not come from BigCommerce", p.key(), cl.status, describeBody(cl.shape))
	case CauseForbidden:
		return fmt.Sprintf("%s answered 403 without BigCommerce's missing-scope body, so it does not show a missing scope", p.key())
	}
	return fmt.Sprintf("%s answered %d with %s, which BigCommerce does not document for this request; only %s count as granted",
		p.key(), cl.status, describeBody(cl.shape), answerList(p.Granted))
}

// describeBody words a body's shape.
func describeBody(s Shape) string {
	switch s.Kind {
	case KindEmpty:
		return "no body"
	case KindHTML:
		return "an HTML page"
	case KindV3Error:
		return "a v3 error body"
	case KindV2Error:
		return "a v2 error body"
	case KindObject, KindArray:
		return "JSON of a shape BigCommerce does not send for this request"
	}
	return "a body that is not JSON"
}

func answerList(answers []Answer) string {
	out := make([]string, len(answers))
	for i, a := range answers {
		out[i] = strconv.Itoa(a.Status) + " with " + a.Body.String()
	}
	return strings.Join(out, ", or ")
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
			return nil, "GET /v2/store answered 200 with a body that is not JSON, so the answer did not come from BigCommerce", false
		}
		return nil, fmt.Sprintf("GET /v2/store answered 200 with a body the check cannot read: %s", err), false
	}
	if info.ID != "" && info.ID != storeHash {
		return info, fmt.Sprintf("GET /v2/store reports the store id %q, not the store hash %q from the API path", info.ID, storeHash), true
	}
	return info, "", true
}
