package credentialsfile

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact/redacttest"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the generated corpus files in testdata/corpus")

// misplacedCases are files whose values stand under the wrong labels: each
// label holding each other label's value, misspelt labels, lines without a
// colon, and values with a secret appended. Their expected findings are
// recorded in the corpus, reviewed, and compared exactly by TestCorpus.
func misplacedCases() map[string]string {
	labels := []string{LabelAccessToken, LabelClientName, LabelAPIPath, LabelClientID, LabelClientSecret}
	values := map[string]string{
		LabelAccessToken: testToken, LabelClientName: RecommendedAccountName, LabelAPIPath: testAPIPath,
		LabelClientID: testClientID, LabelClientSecret: testSecret,
	}
	slug := func(label string) string { return strings.ToLower(strings.ReplaceAll(label, " ", "-")) }
	cases := map[string]string{}
	for _, holder := range labels {
		for _, held := range labels {
			if holder != held {
				cases["wrong-label-"+slug(holder)+"-holds-"+slug(held)] = withLine(layoutA(), holder, holder+": "+values[held])
			}
		}
	}
	for label, misspelt := range map[string]string{
		LabelAccessToken: "ACESS TOKEN", LabelClientSecret: "CLIENT SECERT", LabelClientID: "CLEINT ID", LabelAPIPath: "API PTH", LabelClientName: "CLIENT NAM",
	} {
		cases["misspelt-"+slug(label)] = withLine(layoutA(), label, misspelt+": "+values[label])
	}
	for _, label := range []string{LabelAccessToken, LabelClientSecret, LabelClientID, LabelAPIPath} {
		cases["no-colon-"+slug(label)] = withLine(layoutA(), label, label+" "+values[label])
	}
	for name, line := range map[string]string{
		"appended-token-to-api-path":        "API PATH: " + testAPIPath + testToken,
		"appended-token-to-api-path-spaced": "API PATH: " + testAPIPath + " " + testToken,
		"appended-token-to-client-id":       "CLIENT ID: " + testClientID + testToken,
		"appended-secret-to-client-id":      "CLIENT ID: " + testClientID + " " + testSecret,
		"appended-secret-to-client-name":    "CLIENT NAME: " + RecommendedAccountName + " " + testSecret,
		"appended-token-to-store-hash":      "API PATH: https://api.bigcommerce.com/stores/" + testHash + testToken + "/v3/",
		// Look-alike copies: a secret with an invisible character inside, in full-width letters, or in part.
		"lookalike-client-name-token-zero-width": "CLIENT NAME: " + testToken[:10] + "\u200b" + testToken[10:],
		"lookalike-client-name-token-full-width": "CLIENT NAME: " + redacttest.FullWidth(testToken),
		"lookalike-client-name-half-secret":      "CLIENT NAME: " + testSecret[:32],
		"lookalike-client-id-secret-prefix":      "CLIENT ID: " + testSecret[:31],
	} {
		label, _, _ := strings.Cut(line, ":")
		cases[name] = withLine(layoutA(), label, line)
	}
	return cases
}

// TestMisplacedCorpusIsGenerated keeps the generated corpus files in step
// with misplacedCases; -update-corpus rewrites them for review.
func TestMisplacedCorpusIsGenerated(t *testing.T) {
	cases := misplacedCases()
	if len(cases) != 39 {
		t.Fatalf("%d misplaced cases, want 39", len(cases))
	}
	for name, text := range cases {
		txt := filepath.Join("testdata", "corpus", name+".txt")
		if *updateCorpus {
			_, findings := Parse([]byte(text))
			want := struct {
				Findings []corpusFinding `json:"findings"`
			}{Findings: corpusFindings(findings)}
			data, err := json.MarshalIndent(want, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(txt, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(strings.TrimSuffix(txt, ".txt")+".json", append(data, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(txt)
		if err != nil || !bytes.Equal(got, []byte(text)) {
			t.Errorf("%s is missing or differs from misplacedCases; run go test -run TestMisplacedCorpusIsGenerated -update-corpus and review the findings", txt)
		}
	}
}
