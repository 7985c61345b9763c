package scopecheck

import (
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

func TestClassify(t *testing.T) {
	post, _ := probeFor("Orders", scopes.LevelModify)
	get, _ := probeFor("Orders", scopes.LevelReadOnly)
	cases := []struct {
		probe  Probe
		status int
		want   Outcome
	}{
		{post, 400, OutcomeGranted},
		{post, 404, OutcomeGranted},
		{post, 405, OutcomeGranted},
		{post, 409, OutcomeGranted},
		{post, 422, OutcomeGranted},
		{post, 403, OutcomeDenied},
		{post, 401, OutcomeInvalidToken},
		{post, 200, OutcomeWriteSucceeded},
		{post, 201, OutcomeWriteSucceeded},
		{post, 500, OutcomeIndeterminate},
		{post, 503, OutcomeIndeterminate},
		{post, 429, OutcomeIndeterminate},
		{post, 415, OutcomeIndeterminate},
		{post, 302, OutcomeIndeterminate},
		{get, 200, OutcomeGranted},
		{get, 404, OutcomeGranted},
		{get, 403, OutcomeDenied},
	}
	for _, tc := range cases {
		if got := Classify(tc.probe, tc.status); got != tc.want {
			t.Errorf("Classify(%s, %d) = %d, want %d", tc.probe.key(), tc.status, got, tc.want)
		}
	}
}

// TestProbesCannotWrite checks every probe's shape, then runs each against the
// sandbox with every scope granted and with none.

func TestProbesCoverTheRequiredSet(t *testing.T) {
	for _, s := range scopes.Required {
		sc, _ := scopes.Lookup(s)
		pl := planFor(sc)
		if !pl.hasFirst {
			t.Errorf("%s has no probe", s)
		}
		if sc.Level == scopes.LevelModify && sc.Resource.ReadOnly != "" && !pl.hasFallback && pl.first.Level == scopes.LevelModify {
			t.Errorf("%s cannot tell read-only from none", s)
		}
	}
}
