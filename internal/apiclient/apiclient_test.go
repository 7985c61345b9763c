package apiclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
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

// TestLongAskedWaitFailsAtOnce answers every request 429 or 503 with a wait
// far longer than the request may take: the client fails at once, naming the
// header and the wait, instead of sleeping; a short wait is still retried.
func TestLongAskedWaitFailsAtOnce(t *testing.T) {
	for name, tc := range map[string]struct {
		status         int
		header, value  string
		own            bool
		wantHeader     string
		deadline       time.Duration
		wantWaitAtMost time.Duration
	}{
		"Retry-After on 429, with a deadline": {http.StatusTooManyRequests, "Retry-After", "100000", false, "Retry-After", 10 * time.Second, time.Second},
		"Retry-After on 503, no deadline":     {http.StatusServiceUnavailable, "Retry-After", "100000", false, "Retry-After", 0, time.Second},
		"Retry-After as a date":               {http.StatusTooManyRequests, "Retry-After", time.Now().Add(48 * time.Hour).UTC().Format(http.TimeFormat), false, "Retry-After", 10 * time.Second, time.Second},
		"the API's own header":                {http.StatusTooManyRequests, "X-Retry-After", "100000", true, "X-Retry-After", 10 * time.Second, time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				requests.Add(1)
				w.Header().Set(tc.header, tc.value)
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			cfg := Config{BaseURL: mustURL(t, srv.URL), Subsystem: "test", CredentialHeader: "X-Auth-Token"}
			if tc.own {
				cfg.RateLimitWait = func(h http.Header) (time.Duration, bool) {
					s, ok := SecondsHeader(h, "X-Retry-After")
					return s, ok
				}
				cfg.RateLimitHeaders = []string{"X-Retry-After"}
			}
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
				defer cancel()
			}
			start := time.Now()
			_, err := New(cfg).Do(ctx, Request{Method: http.MethodGet, Path: "/x", Credential: "token"})
			var long *WaitTooLongError
			if !errors.As(err, &long) || long.Header != tc.wantHeader || long.Wait < 24*time.Hour {
				t.Fatalf("err = %v, want a wait too long asked by %s", err, tc.wantHeader)
			}
			if !strings.Contains(err.Error(), tc.wantHeader) || !strings.Contains(err.Error(), "not retried") {
				t.Errorf("the error does not name the header and what happened: %v", err)
			}
			if elapsed := time.Since(start); elapsed > tc.wantWaitAtMost {
				t.Errorf("took %s", elapsed)
			}
			if n := requests.Load(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
	// A wait that fits is waited for and retried.
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if requests.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := New(Config{BaseURL: mustURL(t, srv.URL), Subsystem: "test", CredentialHeader: "X"}).Do(ctx, Request{Method: http.MethodGet, Path: "/x"})
	if err != nil || resp.Status != http.StatusOK || requests.Load() != 2 {
		t.Errorf("a 1 s Retry-After: %v, %d requests", err, requests.Load())
	}
}

// TestPacedRateLimitIsWaitedOut answers 429 with a short Retry-After more
// times than MaxRetries allows failures: the request waits each window out
// and succeeds. Server errors still stop after MaxRetries.
func TestPacedRateLimitIsWaitedOut(t *testing.T) {
	for name, tc := range map[string]struct {
		status      int
		retryAfter  string
		wantSuccess bool
		wantSent    int32
	}{
		"429 that names its wait": {http.StatusTooManyRequests, "0", true, 9},
		"429 that names none":     {http.StatusTooManyRequests, "", false, 3},
		"500":                     {http.StatusInternalServerError, "", false, 3},
	} {
		t.Run(name, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if requests.Add(1) <= 8 {
					if tc.retryAfter != "" {
						w.Header().Set("Retry-After", tc.retryAfter)
					}
					w.WriteHeader(tc.status)
					return
				}
				w.WriteHeader(http.StatusOK)
			}))
			defer srv.Close()
			cfg := Config{BaseURL: mustURL(t, srv.URL), Subsystem: "test", CredentialHeader: "X-Auth-Token",
				Options: Options{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: time.Millisecond}}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			resp, err := New(cfg).Do(ctx, Request{Method: http.MethodGet, Path: "/x", Credential: "token"})
			if err != nil {
				t.Fatal(err)
			}
			if got := resp.Status == http.StatusOK; got != tc.wantSuccess || requests.Load() != tc.wantSent {
				t.Errorf("status %d after %d requests, want success %v after %d", resp.Status, requests.Load(), tc.wantSuccess, tc.wantSent)
			}
		})
	}
}
