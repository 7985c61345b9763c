package apiclient

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestExponentialBackoff(t *testing.T) {
	for attempt, want := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond} {
		if got := ExponentialBackoff(100*time.Millisecond, 500*time.Millisecond, attempt); got != want {
			t.Errorf("attempt %d waits %s, want %s", attempt, got, want)
		}
	}
}

func TestBackoffHonoursTheRateLimitHeader(t *testing.T) {
	c := New(Config{BaseURL: mustURL(t, "https://example.com"), Subsystem: "test", CredentialHeader: "Authorization"})
	limited := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": []string{"2"}}}
	if got := c.backoff(time.Millisecond, time.Second, 0, limited); got != 2*time.Second {
		t.Errorf("429 with Retry-After: 2 waits %s", got)
	}
	bare := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{}}
	if got := c.backoff(time.Millisecond, time.Second, 3, bare); got != 8*time.Millisecond {
		t.Errorf("429 without headers waits %s, want the exponential 8ms", got)
	}
	unavailable := &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{"Retry-After": []string{"9"}}}
	if got := c.backoff(time.Millisecond, time.Second, 1, unavailable); got != 2*time.Millisecond {
		t.Errorf("503 waits %s, want the exponential 2ms", got)
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
