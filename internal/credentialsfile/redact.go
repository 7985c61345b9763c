package credentialsfile

import (
	"regexp"
	"sort"
	"strings"
)

// Redacted stands in for a secret in any text shown to people.
const Redacted = "(redacted)"

// minRedactedLength is the shortest value under a secret label that is
// replaced; shorter values cannot be real secrets, and replacing them would
// garble the text.
const minRedactedLength = 6

// secretShaped matches a run of letters and digits long enough to be an
// access token, client ID or client secret: every such run is treated as a
// secret, whatever label it stands under or whatever it is glued to.
var secretShaped = regexp.MustCompile(`[0-9A-Za-z]{20,}`)

// Redactor hides the secrets of one credentials file, or of credentials given
// field by field, in text that quotes them.
type Redactor struct {
	// secrets are lowercase, longest first; patterns match each in any case.
	secrets  []string
	patterns []*regexp.Regexp
}

// NewRedactor collects, from a file's text, the values under ACCESS TOKEN and
// CLIENT SECRET, however the labels are spaced or cased, and every
// secret-shaped run anywhere in the text.
func NewRedactor(data []byte) Redactor {
	var values []string
	for _, raw := range splitRaw(data) {
		m := labelLine.FindStringSubmatch(strings.TrimSpace(string(raw)))
		if m == nil {
			continue
		}
		switch strings.ToUpper(separator.ReplaceAllString(m[1], " ")) {
		case LabelAccessToken, LabelClientSecret:
			values = append(values, strings.TrimSpace(m[2]))
		}
	}
	return newRedactor(string(data), values)
}

// NewFieldRedactor collects the secrets of credentials given field by field:
// the access token and client secret, and every secret-shaped run in any field.
func NewFieldRedactor(c Credentials) Redactor {
	text := strings.Join([]string{c.StoreHash, c.AccessToken, c.ClientID, c.ClientSecret, c.ClientName, c.APIPath}, "\n")
	return newRedactor(text, c.Secrets())
}

func newRedactor(text string, values []string) Redactor {
	seen := map[string]bool{}
	var r Redactor
	add := func(v string) {
		v = strings.ToLower(v)
		if len(v) >= minRedactedLength && !seen[v] {
			seen[v] = true
			r.secrets = append(r.secrets, v)
		}
	}
	for _, v := range values {
		add(v)
	}
	for _, v := range secretShaped.FindAllString(text, -1) {
		add(v)
	}
	sort.SliceStable(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
	for _, s := range r.secrets {
		r.patterns = append(r.patterns, regexp.MustCompile("(?i)"+regexp.QuoteMeta(s)))
	}
	return r
}

// Secrets returns the values the redactor hides, for masking log fields.
func (r Redactor) Secrets() []string {
	return append([]string(nil), r.secrets...)
}

// Redact replaces every secret in text, whatever its letter case.
func (r Redactor) Redact(text string) string {
	for _, p := range r.patterns {
		text = p.ReplaceAllLiteralString(text, Redacted)
	}
	return text
}

// Findings returns the findings with every secret redacted.
func (r Redactor) Findings(fs Findings) Findings {
	out := make(Findings, len(fs))
	for i, f := range fs {
		f.Summary, f.Detail, f.Label = r.Redact(f.Summary), r.Redact(f.Detail), r.Redact(f.Label)
		out[i] = f
	}
	return out
}
