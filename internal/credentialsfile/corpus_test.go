package credentialsfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus parses every file in testdata/corpus and compares all its
// findings, in order, with the expectations in the .json file beside it.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("the corpus has %d files, want at least 40", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(file, ".txt") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var want struct {
				Findings       []corpusFinding `json:"findings"`
				DetailContains string          `json:"detail_contains"`
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			creds, findings := Parse(data)
			got := corpusFindings(findings)
			if len(got) != len(want.Findings) {
				t.Fatalf("findings %+v, want %+v", got, want.Findings)
			}
			for i := range got {
				if got[i] != want.Findings[i] {
					t.Errorf("finding %d = %+v, want %+v", i, got[i], want.Findings[i])
				}
			}
			if (creds == nil) != findings.HasErrors() {
				t.Errorf("credentials %v with errors %v", creds != nil, findings.HasErrors())
			}
			if want.DetailContains != "" && (len(findings) == 0 || !strings.Contains(findings[0].Detail, want.DetailContains)) {
				t.Errorf("the first finding's detail does not contain %q: %+v", want.DetailContains, findings)
			}
			assertNoSecrets(t, findings.Redacted(SecretsOf(data)), testToken, testSecret, strings.ToUpper(testToken))
		})
	}
}

// corpusFinding is a finding as a corpus .json file records it.
type corpusFinding struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Line     int    `json:"line"`
	Label    string `json:"label,omitempty"`
}

func corpusFindings(findings Findings) []corpusFinding {
	out := []corpusFinding{}
	for _, f := range findings {
		severity := "error"
		if f.Severity == SeverityWarning {
			severity = "warning"
		}
		out = append(out, corpusFinding{severity, f.Summary, f.Line, f.Label})
	}
	return out
}
