package sandbox

import (
	"math/rand"
	"net/http"
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
