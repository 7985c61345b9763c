package onboarding_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/modernretail/terraform-provider-modernretail/internal/apiclient"
	"github.com/modernretail/terraform-provider-modernretail/internal/onboarding"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/sandboxtest"
)

func startOnboarding(t *testing.T) (*sandboxtest.Sandbox, onboarding.Submission) {
	t.Helper()
	delay := 0
	sb := sandboxtest.Start(t, sandbox.Fixture{
		Stores: []sandbox.Store{{StoreHash: "acme0001", APIAccounts: []sandbox.APIAccount{{}}}},
		Onboarding: &sandbox.OnboardingFixture{VerificationDelayMs: &delay, Projects: []sandbox.ProjectFixture{
			{ID: "acme", Name: "Acme Outdoor"},
		}},
	})
	a := sb.Account("acme0001")
	return sb, onboarding.Submission{StoreHash: "acme0001", ClientID: a.ClientID, ClientName: a.ClientName,
		APIPath: "https://api.bigcommerce.com/stores/acme0001/v3/", AccessToken: a.AccessToken, ClientSecret: a.ClientSecret}
}

func client(sb *sandboxtest.Sandbox, token string) *onboarding.Client {
	return onboarding.New(sb.OnboardingURL, token, "test", apiclient.Options{MinWait: 5 * time.Millisecond, MaxWait: 20 * time.Millisecond, MaxRetries: 8})
}

func TestFingerprintAndIdempotencyKey(t *testing.T) {
	sum := sha256.Sum256([]byte("tok\nsec"))
	if got, want := onboarding.Fingerprint("tok", "sec"), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("fingerprint %q, want the SHA-256 of the token, a newline and the secret, %q", got, want)
	}
	a := onboarding.Submission{StoreHash: "h", ClientID: "c", AccessToken: "t", ClientSecret: "s"}
	b := a
	b.ClientSecret = "other"
	if first, second := onboarding.IdempotencyKey("p", a, "1"), onboarding.IdempotencyKey("p", a, "1"); first != second {
		t.Error("the key is not stable")
	}
	for name, key := range map[string]string{
		"other secret":     onboarding.IdempotencyKey("p", b, "1"),
		"other project":    onboarding.IdempotencyKey("q", a, "1"),
		"other generation": onboarding.IdempotencyKey("p", a, "2"),
	} {
		if key == onboarding.IdempotencyKey("p", a, "1") {
			t.Errorf("%s gives the same key", name)
		}
	}
}

func TestRegistrationLifecycle(t *testing.T) {
	sb, sub := startOnboarding(t)
	c := client(sb, sb.OnboardingToken)
	ctx := context.Background()
	p, err := c.GetProject(ctx, "acme")
	if err != nil || p.Name != "Acme Outdoor" || p.StoreHash != nil || p.Tasks[0].Status != onboarding.StatusPending {
		t.Fatalf("project = %+v, %v", p, err)
	}
	if _, err := c.GetCredentials(ctx, "acme"); !onboarding.IsStatus(err, http.StatusNotFound) {
		t.Fatalf("before a PUT: %v", err)
	}
	key := onboarding.IdempotencyKey("acme", sub, "")
	reg, err := c.PutCredentials(ctx, "acme", sub, key, onboarding.Condition{})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Revision != 1 || reg.Status != onboarding.StatusSubmitted || reg.Fingerprint != sub.Fingerprint() {
		t.Errorf("registration = %+v", reg)
	}
	// The same key and body make no new revision.
	again, err := c.PutCredentials(ctx, "acme", sub, key, onboarding.Condition{})
	if err != nil || again.Revision != 1 {
		t.Errorf("replay = %+v, %v", again, err)
	}
	// The same key with another body is refused.
	other := sub
	other.ClientName = "Renamed"
	if _, err := c.PutCredentials(ctx, "acme", other, key, onboarding.Condition{}); !onboarding.IsStatus(err, http.StatusUnprocessableEntity) {
		t.Errorf("reused key: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for reg.Status == onboarding.StatusSubmitted && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if reg, err = c.GetCredentials(ctx, "acme"); err != nil {
			t.Fatal(err)
		}
	}
	// The fixture's account has no scopes, so verification rejects it, naming them.
	if reg.Status != onboarding.StatusRejected || len(reg.Verification.MissingScopes) != 10 || !strings.Contains(reg.Verification.Message, "Orders: modify") {
		t.Errorf("after verification: %+v", reg)
	}
	if err := c.DeleteCredentials(ctx, "acme", onboarding.Condition{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCredentials(ctx, "acme"); !onboarding.IsStatus(err, http.StatusNotFound) {
		t.Errorf("after DELETE: %v", err)
	}
}

// TestConditionalWrites checks ETags, If-Match and If-None-Match, and that a
// failed precondition answers with the current registration.
func TestConditionalWrites(t *testing.T) {
	sb, sub := startOnboarding(t)
	c := client(sb, sb.OnboardingToken)
	ctx := context.Background()
	first, err := c.PutCredentials(ctx, "acme", sub, "first", onboarding.Condition{IfNoneMatch: true})
	if err != nil || first.Revision != 1 || first.Owner != "" {
		t.Fatalf("create: %+v, %v", first, err)
	}
	other := sub
	other.ClientName = "Another Integration"
	_, err = c.PutCredentials(ctx, "acme", other, "second", onboarding.Condition{IfNoneMatch: true})
	var apiErr *onboarding.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusPreconditionFailed || apiErr.Current == nil ||
		apiErr.Current.Revision != 1 || apiErr.Current.ClientName != sub.ClientName || apiErr.Current.Fingerprint != sub.Fingerprint() {
		t.Fatalf("create over a registration: %v (%+v)", err, apiErr)
	}
	if _, err := c.PutCredentials(ctx, "acme", other, "third", onboarding.Condition{IfMatch: onboarding.ETag(7)}); !onboarding.IsStatus(err, http.StatusPreconditionFailed) {
		t.Errorf("update on a stale ETag: %v", err)
	}
	second, err := c.PutCredentials(ctx, "acme", other, "fourth", onboarding.Condition{IfMatch: onboarding.ETag(first.Revision)})
	if err != nil || second.Revision != 2 {
		t.Fatalf("update: %+v, %v", second, err)
	}
	// A key seen again with its body is answered before the precondition,
	// which no longer holds: a retry whose first answer was lost.
	replay, err := c.PutCredentials(ctx, "acme", other, "fourth", onboarding.Condition{IfMatch: onboarding.ETag(first.Revision)})
	if err != nil || replay.Revision != 2 {
		t.Fatalf("replay: %+v, %v", replay, err)
	}
	got, err := c.GetCredentials(ctx, "acme")
	if err != nil || got.Revision != 2 {
		t.Fatalf("read: %+v, %v", got, err)
	}
	if err := c.DeleteCredentials(ctx, "acme", onboarding.Condition{IfMatch: onboarding.ETag(first.Revision)}); !onboarding.IsStatus(err, http.StatusPreconditionFailed) {
		t.Errorf("delete on a stale ETag: %v", err)
	}
	if err := c.DeleteCredentials(ctx, "acme", onboarding.Condition{IfMatch: onboarding.ETag(second.Revision)}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if err := c.DeleteCredentials(ctx, "acme", onboarding.Condition{IfMatch: onboarding.ETag(second.Revision)}); !onboarding.IsStatus(err, http.StatusNotFound) {
		t.Errorf("delete again: %v", err)
	}
	if _, err := c.PutCredentials(ctx, "acme", sub, "fifth", onboarding.Condition{IfMatch: onboarding.ETag(second.Revision)}); !errors.As(err, &apiErr) || apiErr.Status != http.StatusPreconditionFailed || apiErr.Current != nil {
		t.Errorf("update of a withdrawn registration: %v", err)
	}
	// Revisions never repeat, also after a withdrawal, so an old ETag never matches a new registration.
	third, err := c.PutCredentials(ctx, "acme", sub, "sixth", onboarding.Condition{IfNoneMatch: true})
	if err != nil || third.Revision != 3 {
		t.Errorf("after a withdrawal: %+v, %v", third, err)
	}
	// The owner of a submission is reported back, and replaced by the next one's.
	owned := sub
	owned.Owner = "config-a"
	fourth, err := c.PutCredentials(ctx, "acme", owned, "seventh", onboarding.Condition{IfMatch: onboarding.ETag(3)})
	if err != nil || fourth.Revision != 4 || !fourth.OwnedBy("config-a") || fourth.OwnedBy("config-b") || fourth.OwnedBy("") {
		t.Errorf("owned submission: %+v, %v", fourth, err)
	}
	if got, err := c.GetCredentials(ctx, "acme"); err != nil || got.Owner != "config-a" {
		t.Errorf("read of an owned registration: %+v, %v", got, err)
	}
	fifth, err := c.PutCredentials(ctx, "acme", sub, "eighth", onboarding.Condition{IfMatch: onboarding.ETag(4)})
	if err != nil || fifth.Owner != "" {
		t.Errorf("a submission without an owner: %+v, %v", fifth, err)
	}
}

func TestRetriesKeepOneRevision(t *testing.T) {
	sb, sub := startOnboarding(t)
	sb.SetOnboardingFaults(sandbox.Faults{ErrorRate: 0.3, ResetRate: 0.2, LostResponseRate: 0.3, Seed: 11})
	c := client(sb, sb.OnboardingToken)
	// answered counts the PUTs the server carried out, including those whose answer it then lost.
	answered := func() int {
		n := 0
		for _, req := range sb.OnboardingStats().Requests {
			if req.Route == "PUT /v1/projects/{project_id}/api-credentials" && req.Status == 200 {
				n++
			}
		}
		return n
	}
	// Submit the same intent until the server has lost at least one answer.
	calls := 0
	for calls < 20 && answered() <= calls {
		// Every retry is conditional, as the provider's first submission is.
		if _, err := c.PutCredentials(context.Background(), "acme", sub, onboarding.IdempotencyKey("acme", sub, ""), onboarding.Condition{IfNoneMatch: true}); err != nil {
			t.Fatal(err)
		}
		calls++
	}
	if answered() <= calls {
		t.Fatalf("no PUT answer was lost in %d calls, so the test proves nothing", calls)
	}
	if reg := sb.Registrations()["acme"]; reg.Revision != 1 {
		t.Errorf("revision %d after %d retried PUTs of one intent, want 1", reg.Revision, calls)
	}
}

func TestRateLimitsAreWaitedOut(t *testing.T) {
	sb, _ := startOnboarding(t)
	sb.SetOnboardingFaults(sandbox.Faults{RateLimitQuota: 1, RateLimitWindowMs: 300})
	c := client(sb, sb.OnboardingToken)
	start := time.Now()
	for range 2 {
		if _, err := c.GetProject(context.Background(), "acme"); err != nil {
			t.Fatal(err)
		}
	}
	// The second call got 429 with Retry-After: 1 and waited it out.
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Errorf("the 429 was retried after %s, before Retry-After", elapsed)
	}
}

func TestErrorsAreClearAndHoldNoSecret(t *testing.T) {
	sb, sub := startOnboarding(t)
	ctx := context.Background()
	if _, err := client(sb, "wrong").GetProject(ctx, "acme"); !onboarding.IsStatus(err, http.StatusUnauthorized) || !strings.Contains(err.Error(), "401 Unauthorized") {
		t.Errorf("wrong token: %v", err)
	}
	if _, err := client(sb, sb.OnboardingToken).GetProject(ctx, "../admin"); err == nil || !strings.Contains(err.Error(), "project id") {
		t.Errorf("bad project id: %v", err)
	}
	// A server that echoes the secret in its error gets it redacted.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte(`{"errors":[{"field":"access_token","message":"` + sub.AccessToken + ` is not valid"}]}`))
	}))
	defer echo.Close()
	u, _ := url.Parse(echo.URL)
	_, err := onboarding.New(u, "t", "test", apiclient.Options{}).PutCredentials(ctx, "acme", sub, "k", onboarding.Condition{})
	if err == nil || strings.Contains(err.Error(), sub.AccessToken) || !strings.Contains(err.Error(), "(redacted) is not valid") {
		t.Errorf("err = %v", err)
	}
	// A response of the wrong shape is an error, not a panic.
	odd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"id": 42, "tasks": "none"}`))
	}))
	defer odd.Close()
	u, _ = url.Parse(odd.URL)
	if _, err := onboarding.New(u, "t", "test", apiclient.Options{}).GetProject(ctx, "acme"); err == nil || !strings.Contains(err.Error(), "unexpected response") {
		t.Errorf("err = %v", err)
	}
}

// TestMalformedAnswers checks that broken answers give clear errors.
func TestMalformedAnswers(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		want   string
	}{
		"invalid JSON":    {200, `{"id": "acme",`, "unexpected response"},
		"HTML page":       {200, `<html>maintenance</html>`, "not JSON"},
		"HTML error page": {502, `<html>Bad Gateway</html>`, "answered 502 Bad Gateway"},
		"huge body":       {200, `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, "larger than"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			u, _ := url.Parse(srv.URL)
			_, err := onboarding.New(u, "t", "test", apiclient.Options{MaxRetries: -1}).GetProject(context.Background(), "acme")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}
