package credentialsfile

import (
	"regexp"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// secretShaped matches a run of letters and digits long enough to be an
// access token, client ID or client secret: every such run is treated as a
// secret, whatever label it stands under or whatever it is glued to.
var secretShaped = regexp.MustCompile(`[0-9A-Za-z]{20,}`)

// SecretsOf collects the secrets of a file's text: the values under ACCESS
// TOKEN and CLIENT SECRET, however the labels are spaced or cased, and every
// secret-shaped run anywhere in the text, in its NFKC form too.
func SecretsOf(data []byte) redact.Set {
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
	return secretsOf(string(data), values)
}

// FieldSecrets collects the secrets of credentials given field by field: the
// access token and client secret, and every secret-shaped run in any field.
func FieldSecrets(c Credentials) redact.Set {
	text := strings.Join([]string{c.StoreHash, c.AccessToken, c.ClientID, c.ClientSecret, c.ClientName, c.APIPath}, "\n")
	return secretsOf(text, c.Secrets())
}

func secretsOf(text string, values []string) redact.Set {
	values = append(values, secretShaped.FindAllString(text, -1)...)
	values = append(values, secretShaped.FindAllString(redact.Canonical(text), -1)...)
	return redact.New(values...)
}

// Redacted returns the findings with every secret of the set removed.
func (fs Findings) Redacted(set redact.Set) Findings {
	out := make(Findings, len(fs))
	for i, f := range fs {
		f.Summary, f.Detail, f.Label = set.Text(f.Summary), set.Text(f.Detail), set.Text(f.Label)
		out[i] = f
	}
	return out
}
