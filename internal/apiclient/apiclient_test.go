package apiclient

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestBackoffIsJitteredAndBounded(t *testing.T) {
	c := New(Config{BaseURL: mustURL(t, "https://example.com"), Subsystem: "test", CredentialHeader: "Authorization"})
	seen := map[time.Duration]bool{}
	for range 50 {
		for attempt := range 4 {
			got := c.backoff(100*time.Millisecond, 500*time.Millisecond, attempt, nil)
			n := attempt + 1
			if low, high := min(time.Duration(n)*100*time.Millisecond, 500*time.Millisecond), min(time.Duration(n)*200*time.Millisecond, 500*time.Millisecond); got < low || got > high {
				t.Fatalf("attempt %d waits %s, want from %s to %s", attempt, got, low, high)
			}
			if attempt == 0 {
				seen[got] = true
			}
		}
	}
	if len(seen) < 10 {
		t.Errorf("50 first retries waited only %d distinct times, so they are not jittered", len(seen))
	}
}

func TestBackoffHonoursRetryAfter(t *testing.T) {
	c := New(Config{BaseURL: mustURL(t, "https://example.com"), Subsystem: "test", CredentialHeader: "Authorization"})
	date := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	for name, tc := range map[string]struct {
		status int
		header string
		low    time.Duration
		high   time.Duration
	}{
		"429 in seconds":    {http.StatusTooManyRequests, "2", 2 * time.Second, 2 * time.Second},
		"503 in seconds":    {http.StatusServiceUnavailable, "9", 9 * time.Second, 9 * time.Second},
		"429 as a date":     {http.StatusTooManyRequests, date, 1 * time.Second, 3 * time.Second},
		"503 as a date":     {http.StatusServiceUnavailable, date, 1 * time.Second, 3 * time.Second},
		"500 ignores it":    {http.StatusInternalServerError, "9", time.Millisecond, 2 * time.Millisecond},
		"429 without it":    {http.StatusTooManyRequests, "", time.Millisecond, 2 * time.Millisecond},
		"429 unreadable it": {http.StatusTooManyRequests, "soon", time.Millisecond, 2 * time.Millisecond},
	} {
		resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
		if tc.header != "" {
			resp.Header.Set("Retry-After", tc.header)
		}
		if got := c.backoff(time.Millisecond, time.Second, 0, resp); got < tc.low || got > tc.high {
			t.Errorf("%s: waits %s, want from %s to %s", name, got, tc.low, tc.high)
		}
	}
	// The API's own rate-limit headers come first on a 429.
	own := New(Config{BaseURL: mustURL(t, "https://example.com"), Subsystem: "test", CredentialHeader: "X",
		RateLimitWait: func(http.Header) (time.Duration, bool) { return 5 * time.Second, true }})
	limited := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": []string{"1"}}}
	if got := own.backoff(time.Millisecond, time.Second, 0, limited); got != 5*time.Second {
		t.Errorf("429 with the API's own headers waits %s, want 5s", got)
	}
}

func TestSecondsHeader(t *testing.T) {
	for value, want := range map[string]time.Duration{"2": 2 * time.Second, "0.5": 500 * time.Millisecond, " 3 ": 3 * time.Second} {
		if got, ok := SecondsHeader(http.Header{"X": []string{value}}, "X"); !ok || got != want {
			t.Errorf("SecondsHeader(%q) = %s %v", value, got, ok)
		}
	}
	for _, value := range []string{"", "soon", "-1"} {
		if _, ok := SecondsHeader(http.Header{"X": []string{value}}, "X"); ok {
			t.Errorf("SecondsHeader(%q) accepted", value)
		}
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
