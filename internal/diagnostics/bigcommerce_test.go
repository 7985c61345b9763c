package diagnostics

import (
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// TestScopeChangeNeverAsksForTheLevelHeld words every required scope at
// every level it can be found at, and checks that no change asks for the
// level the account already has.
func TestScopeChangeNeverAsksForTheLevelHeld(t *testing.T) {
	for _, s := range scopes.Required {
		sc, _ := scopes.Lookup(s)
		for _, r := range []scopecheck.Result{
			{Scope: sc, Verdict: scopecheck.Missing, Granted: scopes.LevelNone},
			{Scope: sc, Verdict: scopecheck.Missing, Granted: scopes.LevelNone, Cause: scopecheck.CauseNotBigCommerce},
			{Scope: sc, Verdict: scopecheck.Granted, Granted: sc.Level},
			{Scope: sc, Verdict: scopecheck.Unverified, Granted: scopes.LevelReadOnly},
		} {
			got := ScopeChange(r)
			from, to := "from "+sc.Resource.Word(r.Granted), "to "+sc.Resource.Word(sc.Level)
			if strings.Contains(got, from+" "+to) && r.Granted >= sc.Level {
				t.Errorf("%s: %q asks for the level the account has", s, got)
			}
			if r.Cause != scopecheck.CauseNone && strings.Contains(got, "from ") {
				t.Errorf("%s: %q names a level the answers did not prove", s, got)
			}
		}
	}
	sc, _ := scopes.Lookup("store_payments_methods_read")
	if got := ScopeChange(scopecheck.Result{Scope: sc, Verdict: scopecheck.Granted, Granted: scopes.LevelReadOnly}); strings.Contains(got, "from read-only to read-only") {
		t.Errorf("Get Payment Methods, held through Create Payments: %q", got)
	}
}

// TestQuoteAnswerRedactsAndCuts checks that a server's title is shown
// without secret-shaped runs or control characters, and cut short.
func TestQuoteAnswerRedactsAndCuts(t *testing.T) {
	token := "abcdefghij0123456789klmnopqrstu"
	got := quoteAnswer("Token " + token + " is expired\n\x1b[31m" + strings.Repeat("ab ", 60))
	if strings.Contains(got, token) || strings.Contains(got, "\x1b") || strings.Contains(got, "\\n") {
		t.Errorf("quote %q", got)
	}
	if !strings.Contains(got, "(redacted)") || len([]rune(got)) > maxQuoteLength+4 {
		t.Errorf("quote %q is not redacted or not cut", got)
	}
}
