package bigcommerce

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
)

func serverURL(t *testing.T, h http.HandlerFunc) *url.URL {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestDoSendsTheDocumentedRequest(t *testing.T) {
	var got *http.Request
	var body string
	base := serverURL(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		data, _ := io.ReadAll(r.Body)
		body = string(data)
		w.WriteHeader(http.StatusUnprocessableEntity)
	})
	base.Path = "/prefix/"
	t.Setenv("TF_APPEND_USER_AGENT", "ci-run/7")
	c := New(base, apiclient.UserAgent("1.2.3", "1.11.4"), Options{})
	resp, err := c.Do(context.Background(), "abc123", "secret-token", http.MethodPost, "/v3/carts?x=1", []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("status %d", resp.Status)
	}
	checks := map[string][2]string{
		"path":         {got.URL.Path, "/prefix/stores/abc123/v3/carts"},
		"query":        {got.URL.RawQuery, "x=1"},
		"token":        {got.Header.Get("X-Auth-Token"), "secret-token"},
		"accept":       {got.Header.Get("Accept"), "application/json"},
		"content type": {got.Header.Get("Content-Type"), "application/json"},
		"user agent":   {got.Header.Get("User-Agent"), "terraform-provider-modernretail/1.2.3 Terraform/1.11.4 ci-run/7"},
		"body":         {body, "{}"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
}

func TestDoNeverFollowsRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := serverURL(t, func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	})
	base := serverURL(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.String()+"/steal", http.StatusTemporaryRedirect)
	})
	resp, err := New(base, "test", Options{}).Do(context.Background(), "abc123", "secret-token", http.MethodGet, "/v2/time", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusTemporaryRedirect {
		t.Errorf("status %d, want the redirect itself", resp.Status)
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the redirect target got %d requests", n)
	}
}

func TestDoRejectsStoreHashesThatAreNotAPathSegment(t *testing.T) {
	c := New(&url.URL{Scheme: "http", Host: "127.0.0.1:1"}, "test", Options{})
	for _, h := range []string{"", "../admin", "abc/def", "ABC", "abc?x=1"} {
		if _, err := c.Do(context.Background(), h, "t", http.MethodGet, "/v2/time", nil); err == nil {
			t.Errorf("store hash %q accepted", h)
		}
	}
}

func TestDoBoundsTheResponseBody(t *testing.T) {
	base := serverURL(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(make([]byte, 1<<20+10))
	})
	_, err := New(base, "test", Options{}).Do(context.Background(), "abc123", "t", http.MethodGet, "/v2/store", nil)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("err = %v", err)
	}
}

func TestDoRetriesServerErrorsThenGivesTheLastAnswer(t *testing.T) {
	var calls atomic.Int32
	base := serverURL(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	})
	resp, err := New(base, "test", Options{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: time.Millisecond}).Do(context.Background(), "abc123", "t", http.MethodGet, "/v2/time", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusBadGateway || calls.Load() != 3 {
		t.Errorf("status %d after %d calls, want 502 after 3", resp.Status, calls.Load())
	}
}

func TestRateLimitWait(t *testing.T) {
	cases := []struct {
		retryAfter, resetMs string
		want                time.Duration
		ok                  bool
	}{
		{"2", "500", 2 * time.Second, true},
		{"1", "15000", 15 * time.Second, true},
		{"", "250", 250 * time.Millisecond, true},
		{"3", "", 3 * time.Second, true},
		{"", "", 0, false},
		{"soon", "later", 0, false},
	}
	for _, tc := range cases {
		h := http.Header{}
		if tc.retryAfter != "" {
			h.Set(HeaderRetryAfter, tc.retryAfter)
		}
		if tc.resetMs != "" {
			h.Set(HeaderRateLimitResetMs, tc.resetMs)
		}
		got, ok := RateLimitWait(h)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RateLimitWait(%q, %q) = %s %v, want %s %v", tc.retryAfter, tc.resetMs, got, ok, tc.want, tc.ok)
		}
	}
}
