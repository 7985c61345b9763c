package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRunServesUntilStopped(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join(dir, "fixture.json")
	if err := os.WriteFile(fixture, []byte(`{"stores":[{"store_hash":"acme0001","api_accounts":[{"file":"acme.txt","scopes":["store_cart"]}]}],"onboarding":{"projects":[{"id":"p1","name":"Acme"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	out, stdout := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-fixture", fixture, "-credentials-dir", filepath.Join(dir, "creds")}, stdout)
	}()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var ready struct {
		BigCommerceURL  string `json:"bigcommerce_url"`
		OnboardingURL   string `json:"onboarding_url"`
		OnboardingToken string `json:"onboarding_token"`
	}
	if err := json.Unmarshal([]byte(line), &ready); err != nil || ready.BigCommerceURL == "" || ready.OnboardingURL == "" || ready.OnboardingToken == "" {
		t.Fatalf("ready line %q: %v", line, err)
	}
	resp, err := http.Get(ready.BigCommerceURL + "/stores/acme0001/v2/time")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a request without a token got %d, want 401", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, ready.OnboardingURL+"/v1/projects/p1", nil)
	req.Header.Set("Authorization", "Bearer "+ready.OnboardingToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET the fixture's project = %d, want 200", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(dir, "creds", "acme.txt")); err != nil {
		t.Errorf("credentials file: %v", err)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the sandbox did not stop")
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	for _, args := range [][]string{{}, {"-fixture", "/nonexistent.json"}} {
		if err := run(context.Background(), args, io.Discard); err == nil {
			t.Errorf("run(%v) succeeded", args)
		}
	}
}
