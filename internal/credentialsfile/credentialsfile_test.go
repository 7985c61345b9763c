package credentialsfile

import (
	"strings"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

const (
	testToken    = "k3j5h6g7f8d9s0a1q2w3e4r5t6y7u8i"
	testClientID = "p0o9i8u7y6t5r4e3w2q1a2s3d4f5g6h"
	testSecret   = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
	testHash     = "ab12cd34ef"
	testAPIPath  = "https://api.bigcommerce.com/stores/ab12cd34ef/v3/"
)

// layoutA is BigCommerce's documented example layout.
func layoutA() string {
	return "ACCESS TOKEN: " + testToken + "\n" +
		"CLIENT NAME: Modern Retail Integration\n" +
		"API PATH: " + testAPIPath + "\n" +
		"CLIENT ID: " + testClientID + "\n" +
		"CLIENT SECRET: " + testSecret + "\n"
}

// layoutB is the newer download with both CLIENT NAME and NAME.
func layoutB() string {
	return "ACCESS TOKEN: " + testToken + "\n" +
		"CLIENT NAME: Modern Retail Integration\n" +
		"CLIENT ID: " + testClientID + "\n" +
		"CLIENT SECRET: " + testSecret + "\n" +
		"NAME: Modern Retail Integration\n" +
		"API PATH: " + testAPIPath + "\n"
}

// layoutC has NAME only.
func layoutC() string {
	return "ACCESS TOKEN: " + testToken + "\n" +
		"CLIENT ID: " + testClientID + "\n" +
		"CLIENT SECRET: " + testSecret + "\n" +
		"NAME: Modern Retail Integration\n" +
		"API PATH: " + testAPIPath + "\n"
}

// withLine replaces the line that starts with label.
func withLine(file, label, replacement string) string {
	lines := strings.Split(file, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, label+":") {
			lines[i] = replacement
		}
	}
	return strings.Join(lines, "\n")
}

func withoutLine(file, label string) string {
	var out []string
	for _, l := range strings.Split(file, "\n") {
		if !strings.HasPrefix(l, label+":") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func wantCredentials(t *testing.T, got *Credentials, findings Findings) {
	t.Helper()
	if got == nil {
		t.Fatalf("Parse returned no credentials; findings: %+v", findings)
	}
	want := Credentials{StoreHash: testHash, AccessToken: testToken, ClientID: testClientID, ClientSecret: testSecret, ClientName: RecommendedAccountName, APIPath: testAPIPath}
	if *got != want {
		t.Errorf("credentials = %+v, want %+v", *got, want)
	}
}

func TestParseAcceptsDocumentedLayoutsAndOddities(t *testing.T) {
	cases := map[string]string{
		"layout A":                 layoutA(),
		"layout B":                 layoutB(),
		"layout C":                 layoutC(),
		"CRLF line endings":        strings.ReplaceAll(layoutA(), "\n", "\r\n"),
		"CR line endings":          strings.ReplaceAll(layoutB(), "\n", "\r"),
		"mixed line endings":       strings.Replace(strings.Replace(layoutC(), "\n", "\r\n", 2), "\n", "\r", 1),
		"UTF-8 BOM":                "\uFEFF" + layoutA(),
		"BOM and CRLF":             "\uFEFF" + strings.ReplaceAll(layoutB(), "\n", "\r\n"),
		"blank lines":              "\n\n" + strings.ReplaceAll(layoutA(), "\n", "\n\n") + "\n\n",
		"surrounding whitespace":   "  ACCESS TOKEN:   " + testToken + "  \n\tCLIENT ID:\t" + testClientID + "\t\nCLIENT SECRET: " + testSecret + "   \n  NAME: Modern Retail Integration \nAPI PATH: " + testAPIPath + " \n",
		"lowercase labels":         "access token: " + testToken + "\nclient id: " + testClientID + "\nClient Secret: " + testSecret + "\nname: Modern Retail Integration\napi path: " + testAPIPath,
		"no trailing newline":      strings.TrimSuffix(layoutA(), "\n"),
		"reversed order":           reverseLines(layoutB()),
		"no space after colon":     strings.ReplaceAll(layoutA(), ": ", ":"),
		"space before colon":       strings.ReplaceAll(layoutA(), ": ", " : "),
		"underscore labels":        strings.ReplaceAll(strings.ReplaceAll(layoutC(), "ACCESS TOKEN", "ACCESS_TOKEN"), "API PATH", "API_PATH"),
		"non-breaking space value": withLine(layoutA(), "API PATH", "API PATH: "+testAPIPath+"\u00a0"),
	}
	for name, file := range cases {
		t.Run(name, func(t *testing.T) {
			got, findings := Parse([]byte(file))
			wantCredentials(t, got, findings)
			if len(findings) != 0 {
				t.Errorf("unexpected findings: %+v", findings)
			}
		})
	}
}

func reverseLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	return strings.Join(lines, "\n")
}

func TestParseAPIPathVariants(t *testing.T) {
	for _, p := range []string{
		"https://api.bigcommerce.com/stores/ab12cd34ef/v3/",
		"https://api.bigcommerce.com/stores/ab12cd34ef/v3",
		"https://api.bigcommerce.com/stores/ab12cd34ef/v2/",
		"https://api.bigcommerce.com/stores/ab12cd34ef/v2",
		"https://api.bigcommerce.com/stores/ab12cd34ef/",
		"https://api.bigcommerce.com/stores/ab12cd34ef",
	} {
		t.Run(p, func(t *testing.T) {
			got, findings := Parse([]byte(withLine(layoutC(), "API PATH", "API PATH: "+p)))
			if got == nil {
				t.Fatalf("rejected: %+v", findings)
			}
			if got.StoreHash != testHash {
				t.Errorf("store hash = %q, want %q", got.StoreHash, testHash)
			}
			if got.APIPath != p {
				t.Errorf("api path = %q, want it as written, %q", got.APIPath, p)
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	cases := []struct {
		name        string
		file        string
		wantSummary string
		wantLine    int
		wantLabel   string
	}{
		{"unknown label", layoutA() + "STORE HASH: ab12cd34ef\n", "Unknown label ignored", 6, "STORE HASH"},
		{"other account name", withLine(layoutC(), "NAME", "NAME: Workato-BigCommerce-Finance"), "Unexpected API account name", 4, "NAME"},
		{"other client name", withLine(layoutA(), "CLIENT NAME", "CLIENT NAME: products read-write"), "Unexpected API account name", 2, "CLIENT NAME"},
		{"names differ", withLine(layoutB(), "CLIENT NAME", "CLIENT NAME: Old Name"), "NAME and CLIENT NAME differ", 2, "CLIENT NAME"},
		{"no name", withoutLine(layoutC(), "NAME"), "No account name", 0, "NAME"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, findings := Parse([]byte(tc.file))
			if got == nil {
				t.Fatalf("Parse rejected the file: %+v", findings)
			}
			if findings.HasErrors() || len(findings) != 1 {
				t.Fatalf("want exactly one warning, got %+v", findings)
			}
			w := findings[0]
			if w.Severity != SeverityWarning || w.Summary != tc.wantSummary || w.Line != tc.wantLine || w.Label != tc.wantLabel {
				t.Errorf("warning = %+v, want {%q line %d label %q}", w, tc.wantSummary, tc.wantLine, tc.wantLabel)
			}
		})
	}
}

func TestParsePrefersNameOverClientName(t *testing.T) {
	file := withLine(layoutB(), "CLIENT NAME", "CLIENT NAME: Old Name")
	got, _ := Parse([]byte(file))
	if got == nil || got.ClientName != RecommendedAccountName {
		t.Fatalf("client name = %+v, want %q", got, RecommendedAccountName)
	}
}

func TestParseReportsEveryError(t *testing.T) {
	file := "ACCESS TOKEN: short\nAPI PATH: http://example.com/\nCLIENT ID: " + testClientID + "\n"
	_, findings := Parse([]byte(file))
	var got []string
	for _, f := range findings.Errors() {
		got = append(got, f.Where()+": "+f.Summary)
	}
	want := []string{
		"line 1 (ACCESS TOKEN): Malformed ACCESS TOKEN",
		"line 2 (API PATH): API PATH does not use https",
		"CLIENT SECRET: Missing CLIENT SECRET line",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseRefusesUppercaseAPIPath(t *testing.T) {
	for _, p := range []string{
		"HTTPS://API.BigCommerce.com/stores/ab12cd34ef/V3/",
		"https://API.bigcommerce.com/stores/ab12cd34ef/v3/",
		"https://api.bigcommerce.com/STORES/ab12cd34ef/v3/",
		"https://api.bigcommerce.com/stores/ab12cd34ef/V3/",
	} {
		_, findings := Parse([]byte(withLine(layoutC(), "API PATH", "API PATH: "+p)))
		if len(findings) != 1 || findings[0].Summary != "API PATH not in lowercase" || !strings.Contains(findings[0].Detail, testAPIPath) {
			t.Errorf("%s: %+v", p, findings)
		}
	}
}

func TestRedactorHidesEverySecretOfTheFile(t *testing.T) {
	// Secrets pasted where values are echoed, under any label, in any case.
	file := withLine(layoutA(), "API PATH", "API PATH: "+testToken) + "NAME: " + testSecret + "\n" +
		"ACCESS TOKN: " + strings.ToUpper(testToken) + "\n"
	data := []byte(file)
	_, findings := Parse(data)
	if !findings.HasErrors() {
		t.Fatal("want an error for the API PATH")
	}
	redacted := findings.Redacted(SecretsOf(data))
	assertNoSecrets(t, redacted, testToken, testSecret, strings.ToUpper(testToken))
	if !strings.Contains(redacted.Errors()[0].Detail, redact.Replacement) {
		t.Errorf("want the echoed value redacted, got %q", redacted.Errors()[0].Detail)
	}
	if got := SecretsOf(data).Text("a " + testToken + "x and " + strings.ToUpper(testSecret)); got != "a (redacted)x and (redacted)" {
		t.Errorf("Redact = %q", got)
	}
	if got := SecretsOf([]byte("ACCESS TOKEN: redacted")).Text("x redacted y"); got != "x (redacted) y" {
		t.Errorf("a secret spelt like the stand-in was not replaced once: %q", got)
	}
	if got := SecretsOf([]byte("ACCESS TOKEN: abc")).Text("abc"); got != "abc" {
		t.Errorf("a value too short to be a secret was redacted: %q", got)
	}
}

// assertNoSecrets fails when a finding holds a secret in any form: any letter
// case, full-width, with invisible characters, or a run of 16 of its characters.
func assertNoSecrets(t *testing.T, findings Findings, secrets ...string) {
	t.Helper()
	set := redact.New(secrets...)
	for _, f := range findings {
		if set.Holds(f.Summary + " " + f.Detail + " " + f.Label) {
			t.Errorf("finding %s: %s holds a secret", set.Text(f.Summary), set.Text(f.Detail))
		}
	}
}

// TestContentSHA256 checks that the digest follows the credentials, not the
// file's bytes: line endings, a byte order mark, whitespace and line order
// leave it as it is, and another value changes it.
func TestContentSHA256(t *testing.T) {
	in := Credentials{StoreHash: testHash, AccessToken: testToken, ClientID: testClientID, ClientSecret: testSecret, ClientName: RecommendedAccountName}
	text := string(Format(in))
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	reordered := strings.Join(append(lines[1:], lines[0]), "\n") + "\n"
	want := ContentSHA256(in)
	for name, variant := range map[string]string{
		"as written":         text,
		"CRLF":               strings.ReplaceAll(text, "\n", "\r\n"),
		"a byte order mark":  "\ufeff" + text,
		"trailing spaces":    strings.ReplaceAll(text, "\n", "  \n"),
		"blank lines around": "\n\n" + text + "\n\n",
		"another line order": reordered,
	} {
		creds, findings := Parse([]byte(variant))
		if creds == nil {
			t.Fatalf("%s: %v", name, findings)
		}
		if got := ContentSHA256(*creds); got != want {
			t.Errorf("%s: ContentSHA256 = %s, want %s", name, got, want)
		}
	}
	other := in
	other.ClientSecret = strings.ToUpper(testSecret[:1]) + testSecret[1:] + "x"
	if ContentSHA256(other) == want {
		t.Error("another client secret gives the same digest")
	}
}

func TestFormatRoundTrips(t *testing.T) {
	in := Credentials{StoreHash: testHash, AccessToken: testToken, ClientID: testClientID, ClientSecret: testSecret, ClientName: RecommendedAccountName}
	data := Format(in)
	if string(data) != layoutA() {
		t.Errorf("Format wrote\n%s\nwant layout A:\n%s", data, layoutA())
	}
	got, findings := Parse(data)
	wantCredentials(t, got, findings)
}

func TestCheckFieldsAppliesTheParsersRules(t *testing.T) {
	good := Credentials{StoreHash: testHash, AccessToken: testToken, ClientID: testClientID, ClientSecret: testSecret, ClientName: RecommendedAccountName}
	creds, findings := CheckFields(good)
	if creds == nil || len(findings) != 0 || creds.APIPath != testAPIPath || creds.StoreHash != testHash {
		t.Fatalf("good fields: %+v %+v", creds, findings)
	}
	otherSecret := strings.Repeat("ab", 32)
	cases := map[string]struct {
		change       func(*Credentials)
		summary      string
		label        string
		mustNotQuote string
	}{
		"http on another host": {func(c *Credentials) { c.APIPath = "http://evil.example.com/stores/" + testHash + "/v3/" }, "API PATH does not use https", LabelAPIPath, ""},
		"another host":         {func(c *Credentials) { c.APIPath = "https://evil.example.com/stores/" + testHash + "/v3/" }, "API PATH names another host", LabelAPIPath, ""},
		"upper case":           {func(c *Credentials) { c.APIPath = strings.ToUpper(testAPIPath[:28]) + testAPIPath[28:] }, "API PATH not in lowercase", LabelAPIPath, ""},
		"another store":        {func(c *Credentials) { c.APIPath = "https://api.bigcommerce.com/stores/zz99zz99/v3/" }, "API PATH names another store", LabelAPIPath, ""},
		"malformed hash":       {func(c *Credentials) { c.StoreHash = "AB12CD34EF" }, "Malformed store hash", LabelStoreHash, ""},
		"store- prefix":        {func(c *Credentials) { c.StoreHash = "store-ab12cd34ef" }, "Malformed store hash", LabelStoreHash, ""},
		"secret as client id":  {func(c *Credentials) { c.ClientID = testSecret }, "Secret in a field that is not secret", LabelClientID, testSecret},
		"token as client id":   {func(c *Credentials) { c.ClientID = testToken }, "Secret in a field that is not secret", LabelClientID, testToken},
		"secret-shaped id":     {func(c *Credentials) { c.ClientID = otherSecret }, "CLIENT ID looks like a client secret", LabelClientID, otherSecret},
		"secret in the name":   {func(c *Credentials) { c.ClientName = "Modern " + testSecret }, "Secret in a field that is not secret", LabelName, testSecret},
		"malformed token":      {func(c *Credentials) { c.AccessToken = "\"" + testToken + "\"" }, "Malformed ACCESS TOKEN", LabelAccessToken, testToken},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := good
			tc.change(&c)
			creds, findings := CheckFields(c)
			errs := findings.Errors()
			if creds != nil || len(errs) == 0 || errs[0].Summary != tc.summary || errs[0].Label != tc.label || errs[0].Line != 0 {
				t.Fatalf("%+v, want %q on %s", findings, tc.summary, tc.label)
			}
			if tc.mustNotQuote != "" {
				for _, f := range findings.Redacted(FieldSecrets(c)) {
					if strings.Contains(f.Detail, tc.mustNotQuote) {
						t.Errorf("the finding quotes the secret: %+v", f)
					}
				}
			}
			if strings.Contains(errs[0].Detail, "line 0") {
				t.Errorf("a field has no line: %q", errs[0].Detail)
			}
		})
	}
}

// TestAPIPathFixNamesTheFilesStore checks that the fix for an API PATH over
// http, or on another host, shows the path of the file's own store.
func TestAPIPathFixNamesTheFilesStore(t *testing.T) {
	for _, apiPath := range []string{
		"http://api.bigcommerce.com/stores/" + testHash + "/v3/",
		"https://api.example.com/stores/" + testHash + "/v3/",
	} {
		in := Credentials{StoreHash: testHash, AccessToken: testToken, ClientID: testClientID, ClientSecret: testSecret, ClientName: RecommendedAccountName, APIPath: apiPath}
		_, findings := Parse(Format(in))
		var details []string
		for _, f := range findings {
			details = append(details, f.Detail)
		}
		text := strings.Join(details, "\n")
		if !strings.Contains(text, APIPathOf(testHash)) || strings.Contains(text, "abc123") {
			t.Errorf("%s: the fix does not name the file's own store:\n%s", apiPath, text)
		}
	}
}
