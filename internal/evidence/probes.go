package evidence

import (
	"fmt"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// ProbeOf returns the probe that sends a request, the baseline included.
func ProbeOf(method, path string) (scopecheck.Probe, bool) {
	if scopecheck.BaselineProbe.Method == method && scopecheck.BaselineProbe.Path == path {
		return scopecheck.BaselineProbe, true
	}
	for _, p := range scopecheck.Probes {
		if p.Method == method && p.Path == path {
			return p, true
		}
	}
	return scopecheck.Probe{}, false
}

// ExpectedVerdict is the verdict a check of a checkable scope must reach for
// a token that holds the granted scope strings.
func ExpectedVerdict(scope string, granted []string) scopecheck.Verdict {
	sc, full, ok := scopecheck.Checkable(scope)
	if !ok {
		return scopecheck.Inconclusive
	}
	if !full {
		read, _ := scopecheck.ProbeFor(sc.Resource.Name, scopes.LevelReadOnly)
		if read.AcceptedBy(granted) {
			return scopecheck.Unverified
		}
		return scopecheck.Missing
	}
	p, _ := scopecheck.ProbeFor(sc.Resource.Name, sc.Level)
	if p.AcceptedBy(granted) {
		return scopecheck.Granted
	}
	return scopecheck.Missing
}

// RequestsWhenGranted is how many requests a check of the scopes sends when
// every one is granted: the baseline and one probe per distinct request.
func RequestsWhenGranted(required []string) (int, error) {
	requests := map[string]bool{scopecheck.BaselineProbe.Method + " " + scopecheck.BaselineProbe.Path: true}
	for _, s := range required {
		sc, full, ok := scopecheck.Checkable(s)
		if !ok {
			return 0, fmt.Errorf("scope %q cannot be checked", s)
		}
		level := sc.Level
		if !full {
			level = scopes.LevelReadOnly
		}
		p, _ := scopecheck.ProbeFor(sc.Resource.Name, level)
		requests[p.Method+" "+p.Path] = true
	}
	return len(requests), nil
}
