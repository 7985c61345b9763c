// Package evidence records BigCommerce's answers to the scope check's probes
// as evidence files, and replays them against the probe table. A file holds
// what was asked and the shape of what came back, never a token, a secret or
// store data other than the store hash. Files recorded from
// api.bigcommerce.com are what the docs call observed answers.
package evidence

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/scopecheck"
)

// Format is the version of the evidence file format.
const Format = 1

// The values of File.Against.
const (
	// AgainstBigCommerce marks a file recorded from BigCommerce's API.
	AgainstBigCommerce = "api.bigcommerce.com"
	// AgainstStandIn marks a file recorded from a server on loopback, such as the sandbox.
	AgainstStandIn = "stand-in"
)

// File is one recording: the answers one API account got for every probe.
type File struct {
	Format int `json:"format"`
	// Recorded is the date of the recording, YYYY-MM-DD.
	Recorded string `json:"recorded"`
	// Against says what answered: AgainstBigCommerce, AgainstStandIn, or another API host.
	Against   string `json:"against"`
	StoreHash string `json:"store_hash"`
	// Scopes are the scope strings the API account was given in the control panel.
	Scopes  []string `json:"scopes"`
	Answers []Answer `json:"answers"`
}

// Answer is one request and the shape of its answer.
type Answer struct {
	Method string `json:"method"`
	// Path is below /stores/{store_hash}, with the query.
	Path        string           `json:"path"`
	Status      int              `json:"status"`
	ContentType string           `json:"content_type,omitempty"`
	Body        scopecheck.Shape `json:"body"`
}

// AgainstOf labels an API host for File.Against.
func AgainstOf(host string) string {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	if ip := net.ParseIP(name); name == "localhost" || ip != nil && ip.IsLoopback() {
		return AgainstStandIn
	}
	return name
}

// Write saves the file as JSON, after checking that no secret appears in it
// in any letter case. Secrets shorter than six characters are not checked,
// since they cannot be real.
func Write(path string, f File, secrets []string) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	lower := strings.ToLower(string(data))
	for _, s := range secrets {
		if len(s) >= 6 && strings.Contains(lower, strings.ToLower(s)) {
			return errors.New("the evidence file would hold a secret of the credentials file; nothing was written")
		}
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Load reads every *.json evidence file in dir, sorted by name.
func Load(dir string) (map[string]File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	files := map[string]File{}
	for _, name := range names {
		f, err := Read(name)
		if err != nil {
			return nil, err
		}
		files[filepath.Base(name)] = f
	}
	return files, nil
}

// Read reads one evidence file.
func Read(path string) (File, error) {
	var f File
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%s: %w", path, err)
	}
	if f.Format != Format {
		return f, fmt.Errorf("%s: format %d, want %d", path, f.Format, Format)
	}
	return f, nil
}

// Replay reads every recorded answer with the prober, and lists each that
// does not read as the recording says it must: the baseline as granted, and
// a probe as granted when the account's scopes pass its operation's scope
// check, as missing otherwise.
func (f File) Replay() []string {
	var problems []string
	for _, a := range f.Answers {
		p, ok := ProbeOf(a.Method, a.Path)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s %s is not a probe", a.Method, a.Path))
			continue
		}
		want := scopecheck.Missing
		if p.Path == scopecheck.BaselineProbe.Path || p.AcceptedBy(f.Scopes) {
			want = scopecheck.Granted
		}
		got := scopecheck.Read(p, scopecheck.Received{Status: a.Status, Shape: a.Body})
		if got.Verdict != want || got.InvalidToken || got.WriteSucceeded {
			problems = append(problems, fmt.Sprintf("%s %s answered %d (%s): read as %+v, want %s", a.Method, a.Path, a.Status, a.Body.Kind, got, want))
		}
	}
	return problems
}

// Observations lists the probe answers that files recorded from
// api.bigcommerce.com back: each recorded answer, matched to the answer of
// the probe table it is, once per file.
func Observations(files map[string]File) []scopecheck.Observation {
	seen := map[scopecheck.Observation]bool{}
	var out []scopecheck.Observation
	for name, f := range files {
		if f.Against != AgainstBigCommerce {
			continue
		}
		for _, a := range f.Answers {
			p, ok := ProbeOf(a.Method, a.Path)
			if !ok {
				continue
			}
			for _, known := range append([]scopecheck.Answer{p.Denied}, p.Granted...) {
				if known.Status == a.Status && known.Body.Matches(a.Status, a.Body) {
					o := scopecheck.Observation{Method: p.Method, Path: p.Path, Status: known.Status, Body: known.Body, File: name}
					if !seen[o] {
						seen[o] = true
						out = append(out, o)
					}
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return fmt.Sprint(a.Path, a.Method, a.Status, a.File) < fmt.Sprint(b.Path, b.Method, b.Status, b.File)
	})
	return out
}
