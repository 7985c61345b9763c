package sandbox

import (
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"time"
)

// window counts requests against a quota per time window.
type window struct {
	start time.Time
	used  int
}

// take counts one request and says whether it is over quota, how many
// requests are left, and how long until the window resets.
func (w *window) take(now time.Time, quota int, length time.Duration) (limited bool, left int, reset time.Duration) {
	if now.Sub(w.start) >= length {
		w.start, w.used = now, 0
	}
	w.used++
	return w.used > quota, max(quota-w.used, 0), length - now.Sub(w.start)
}

// validate rejects fault settings outside their ranges.
func (f Faults) validate() error {
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

// limits returns the quota and window length the faults set, or the defaults.
func (f Faults) limits() (int, time.Duration) {
	quota, length := DefaultRateLimitQuota, DefaultRateLimitWindow
	if f.RateLimitQuota > 0 {
		quota = f.RateLimitQuota
	}
	if f.RateLimitWindowMs > 0 {
		length = time.Duration(f.RateLimitWindowMs) * time.Millisecond
	}
	return quota, length
}

// failure draws whether this request fails, and with which server error.
func (f Faults) failure(rng *rand.Rand) int {
	if f.ErrorRate <= 0 || rng.Float64() >= f.ErrorRate {
		return 0
	}
	if rng.Intn(2) == 0 {
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// delay waits the injected latency; it reports false when the client gave up first.
func (f Faults) delay(r *http.Request) bool {
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

// disruption is what the faults do to one request besides latency and errors.
type disruption int

const (
	disruptNone disruption = iota
	disruptReset
	disruptLoseResponse
	disruptRedirect
)

// disruption draws the fate of one request.
func (f Faults) disruption(rng *rand.Rand) disruption {
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

// serve runs handle under a disruption: a reset closes the connection without
// an answer, a lost response closes it after handle has done its work, and a
// redirect sends the client elsewhere without running handle. It returns the
// status of the answer, 0 when there was none.
func (d disruption) serve(w http.ResponseWriter, r *http.Request, redirectTo string, handle func(http.ResponseWriter)) int {
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
