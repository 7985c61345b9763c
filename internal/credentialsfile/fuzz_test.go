package credentialsfile

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		layoutA(), layoutB(), layoutC(),
		strings.ReplaceAll(layoutA(), "\n", "\r\n"),
		strings.ReplaceAll(layoutB(), "\n", "\r"),
		"\uFEFF" + layoutC(),
		"", "\uFEFF", "\xff\xfe", ":", "A:", ": value", "ACCESS TOKEN:\n",
		withLine(layoutA(), "API PATH", "API PATH: https://store-ab12cd34ef.mybigcommerce.com/"),
		withLine(layoutA(), "API PATH", "API PATH: https://api.bigcommerce.com/stores/store-ab12cd34ef/v3/"),
		withLine(layoutA(), "API PATH", "API PATH: http://[::1]:80/stores/x/v3/"),
		withLine(layoutA(), "API PATH", "API PATH: %zz"),
		layoutA() + layoutA(),
		layoutA() + "UNKNOWN: value\n",
	} {
		f.Add([]byte(seed))
	}
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	for _, file := range corpus {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		creds, findings := Parse(data)
		again, findingsAgain := Parse(bytes.Clone(data))
		if !reflect.DeepEqual(creds, again) || !reflect.DeepEqual(findings, findingsAgain) {
			t.Fatal("Parse is not deterministic")
		}
		lines := len(splitRaw(data))
		for _, f := range findings {
			if f.Summary == "" || f.Detail == "" {
				t.Fatalf("finding without text: %+v", f)
			}
			if f.Line < 0 || f.Line > lines {
				t.Fatalf("finding on line %d of a %d-line file", f.Line, lines)
			}
		}
		if creds == nil {
			if !findings.HasErrors() {
				t.Fatal("no credentials and no error")
			}
			return
		}
		if findings.HasErrors() {
			t.Fatal("credentials returned with errors")
		}
		if !storeHash.MatchString(creds.StoreHash) || !tokenShape.matches(creds.AccessToken) ||
			!clientIDShape.matches(creds.ClientID) || !secretShape.matches(creds.ClientSecret) {
			t.Fatalf("accepted malformed credentials: %+v", creds)
		}
		for _, f := range findings.Redacted(SecretsOf(data)) {
			for _, s := range creds.Secrets() {
				if strings.Contains(f.Summary, s) || strings.Contains(f.Detail, s) {
					t.Fatalf("finding %+v holds a secret", f)
				}
			}
		}
	})
}
