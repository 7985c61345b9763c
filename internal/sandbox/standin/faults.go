// Package standin is what the sandbox's two stand-ins share: injected faults
// and rate limits, request counts, and JSON plumbing. It knows nothing of
// either API.
package standin

import (
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"
)

// Default rate limit: BigCommerce's Standard and Plus plans, 150 requests per
// 30 s (reference §4.5).
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
	// Methods, on the Onboarding Center, limits latency, errors, rate limits and disruptions to requests
	// of these HTTP methods, such as ["PUT"]; empty means every method.
	Methods []string `json:"methods,omitempty"`
}

// For is the faults that a request of this method meets: none of the
// request faults when Methods leaves it out.
func (f Faults) For(method string) Faults {
	if len(f.Methods) == 0 || slices.Contains(f.Methods, method) {
		return f
	}
	return Faults{VerificationDelayMs: f.VerificationDelayMs, UnknownStoreStatus: f.UnknownStoreStatus, Seed: f.Seed}
}

// Window counts requests against a quota per time window.
type Window struct {
	start time.Time
	used  int
}

// Take counts one request and says whether it is over quota, how many
// requests are left, and how long until the window resets.
func (w *Window) Take(now time.Time, quota int, length time.Duration) (limited bool, left int, reset time.Duration) {
	if now.Sub(w.start) >= length {
		w.start, w.used = now, 0
	}
	w.used++
	return w.used > quota, max(quota-w.used, 0), length - now.Sub(w.start)
}

// Validate rejects fault settings outside their ranges.
func (f Faults) Validate() error {
	for name, rate := range map[string]float64{"error_rate": f.ErrorRate, "reset_rate": f.ResetRate, "lost_response_rate": f.LostResponseRate} {
		if rate < 0 || rate > 1 {
			return fmt.Errorf("faults: %s must be from 0 to 1", name)
		}
	}
	if f.LatencyMs < 0 || f.RateLimitQuota < 0 || f.RateLimitWindowMs < 0 || f.VerificationDelayMs != nil && *f.VerificationDelayMs < 0 {
		return errors.New("faults: latency_ms, rate_limit_quota, rate_limit_window_ms and verification_delay_ms must be at least 0")
	}
	return nil
}

// Limits returns the quota and window length the faults set, or the defaults.
func (f Faults) Limits() (int, time.Duration) {
	quota, length := DefaultRateLimitQuota, DefaultRateLimitWindow
	if f.RateLimitQuota > 0 {
		quota = f.RateLimitQuota
	}
	if f.RateLimitWindowMs > 0 {
		length = time.Duration(f.RateLimitWindowMs) * time.Millisecond
	}
	return quota, length
}

// Failure draws whether this request fails, and with which server error.
func (f Faults) Failure(rng *rand.Rand) int {
	if f.ErrorRate <= 0 || rng.Float64() >= f.ErrorRate {
		return 0
	}
	if rng.Intn(2) == 0 {
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Delay waits the injected latency; it reports false when the client gave up first.
func (f Faults) Delay(r *http.Request) bool {
	if f.LatencyMs <= 0 {
		return true
	}
	select {
	case <-time.After(time.Duration(f.LatencyMs) * time.Millisecond):
		return true
	case <-r.Context().Done():
		return false
	}
}

// Disruption is what the faults do to one request besides latency and errors.
type Disruption int

const (
	disruptNone Disruption = iota
	disruptReset
	disruptLoseResponse
	disruptRedirect
)

// Disruption draws the fate of one request.
func (f Faults) Disruption(rng *rand.Rand) Disruption {
	switch {
	case f.RedirectTo != "":
		return disruptRedirect
	case f.ResetRate > 0 && rng.Float64() < f.ResetRate:
		return disruptReset
	case f.LostResponseRate > 0 && rng.Float64() < f.LostResponseRate:
		return disruptLoseResponse
	}
	return disruptNone
}

// Serve runs handle under a disruption: a reset closes the connection without
// an answer, a lost response closes it after handle has done its work, and a
// redirect sends the client elsewhere without running handle. It returns the
// status of the answer, 0 when there was none.
func (d Disruption) Serve(w http.ResponseWriter, r *http.Request, redirectTo string, handle func(http.ResponseWriter)) int {
	switch d {
	case disruptRedirect:
		http.Redirect(w, r, redirectTo+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		return http.StatusTemporaryRedirect
	case disruptReset:
		closeConnection(w)
		return 0
	case disruptLoseResponse:
		rec := httptest.NewRecorder()
		handle(rec)
		closeConnection(w)
		return rec.Code
	}
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	handle(rec)
	return rec.status
}

// closeConnection drops the client's connection without writing an answer.
func closeConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
