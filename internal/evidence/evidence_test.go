package evidence

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
)

const token = "abcdefghij0123456789klmnopqrstu"

// TestWriteRefusesASecret checks that a recording holding a secret, in any
// letter case, is never written.
func TestWriteRefusesASecret(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence.json")
	f := File{Format: Format, Against: AgainstStandIn, StoreHash: "acme0001", Answers: []Answer{{
		Method: "GET", Path: "/v2/time", Status: 401,
		Body: scopecheck.Shape{Kind: scopecheck.KindV3Error, Status: 401, Title: "Token " + strings.ToUpper(token) + " is invalid"},
	}}}
	if err := Write(path, f, []string{token}); err == nil || strings.Contains(err.Error(), token) {
		t.Fatalf("err = %v, want a refusal that names no secret", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
	f.Answers[0].Body.Title = "Unauthorized"
	if err := Write(path, f, []string{token}); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(path); err != nil || got.Answers[0].Body.Title != "Unauthorized" {
		t.Errorf("read back %+v, %v", got, err)
	}
}

// TestRecorderPassesAnswersThroughAndKeepsTheirShape checks that the proxy
// forwards the token, never follows a redirect, passes each answer back as
// it came, and keeps shapes, not values, leaving out retried answers.
func TestRecorderPassesAnswersThroughAndKeepsTheirShape(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Auth-Token") != token {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/stores/acme0001/v2/time":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"time":1700000000}`)
		case "/stores/acme0001/v3/carts/0":
			http.Redirect(w, r, "https://example.com/elsewhere", http.StatusFound)
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer api.Close()
	target, _ := url.Parse(api.URL)
	rec := NewRecorder(target)
	proxy := httptest.NewServer(rec)
	defer proxy.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]int{"/stores/acme0001/v2/time": 200, "/stores/acme0001/v3/carts/0": 302, "/stores/acme0001/v2/store": 503} {
		req, _ := http.NewRequest(http.MethodGet, proxy.URL+path, nil)
		req.Header.Set("X-Auth-Token", token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d through the proxy, want %d", path, resp.StatusCode, want)
		}
	}
	f := rec.File([]string{"store_cart"}, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if f.Against != AgainstStandIn || f.StoreHash != "acme0001" || f.Recorded != "2026-12-01" {
		t.Errorf("file %+v", f)
	}
	if len(f.Answers) != 2 {
		t.Fatalf("answers %+v, want the 200 and the redirect, not the 503", f.Answers)
	}
	if a := f.Answers[0]; a.Path != "/v2/time" || a.Status != 200 || a.Body.Fields["time"] != "number" {
		t.Errorf("the baseline was kept as %+v", a)
	}
}

func TestAgainstOf(t *testing.T) {
	for host, want := range map[string]string{
		"api.bigcommerce.com": AgainstBigCommerce, "127.0.0.1:8080": AgainstStandIn, "[::1]:80": AgainstStandIn,
		"localhost:1": AgainstStandIn, "proxy.example.com:443": "proxy.example.com",
	} {
		if got := AgainstOf(host); got != want {
			t.Errorf("AgainstOf(%q) = %q, want %q", host, got, want)
		}
	}
}
