// Package credentialsfile parses the text file that BigCommerce downloads when
// a store owner creates a store-level "V2/V3 API token" API account, and
// checks the same values when they are given field by field.
//
// The file holds one "LABEL: value" line per field. The parser accepts every
// known layout, any label order, any line ending, a UTF-8 byte order mark and
// stray whitespace. It reports each problem with its line and label. A
// finding may quote what the file holds; SecretsOf the same text hides every
// secret in it before anyone sees it.
package credentialsfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// MaxSize is the largest file the parser reads, in bytes.
const MaxSize = 64 << 10

// TooLarge says that what holds the credentials is over MaxSize, and what to check.
func TooLarge(what string, size int64) string {
	return fmt.Sprintf("%s is %d bytes; a BigCommerce credentials file is a few hundred bytes, and at most %d are read. Check that the path names the .txt file BigCommerce downloaded.",
		what, size, MaxSize)
}

// RecommendedAccountName is the API account name that Modern Retail's setup guide asks for.
const RecommendedAccountName = "Modern Retail Integration"

// The labels BigCommerce writes into the file.
const (
	LabelAccessToken  = "ACCESS TOKEN"
	LabelClientID     = "CLIENT ID"
	LabelClientSecret = "CLIENT SECRET"
	LabelAPIPath      = "API PATH"
	LabelClientName   = "CLIENT NAME"
	LabelName         = "NAME"
	// LabelStoreHash names the store hash field of the form; the file has no such line.
	LabelStoreHash = "STORE HASH"
)

// knownLabels lists the labels in the order BigCommerce documents them.
var knownLabels = []string{LabelAccessToken, LabelClientName, LabelAPIPath, LabelClientID, LabelClientSecret, LabelName}

// requiredLabels must each appear exactly once.
var requiredLabels = []string{LabelAccessToken, LabelClientID, LabelClientSecret, LabelAPIPath}

// Credentials are the values of one store-level API account.
type Credentials struct {
	// StoreHash is the store's permanent identifier, taken from the API path.
	StoreHash string
	// AccessToken authenticates API requests. It is secret.
	AccessToken string
	// ClientID identifies the API account.
	ClientID string
	// ClientSecret is the account's client secret. It is secret.
	ClientSecret string
	// ClientName is the account name, from NAME or CLIENT NAME; empty when the file has neither.
	ClientName string
	// APIPath is the API PATH value as written in the file.
	APIPath string
}

// Secrets returns the secret values, for callers that mask them.
func (c Credentials) Secrets() []string {
	return []string{c.AccessToken, c.ClientSecret}
}

// ContentSHA256 returns the hex SHA-256 of the credentials in one canonical
// layout (Format), as the resource records it: the same credentials give the
// same digest whatever the file's line endings, byte order mark, whitespace
// or line order.
func ContentSHA256(c Credentials) string {
	sum := sha256.Sum256(Format(c))
	return hex.EncodeToString(sum[:])
}

// line is one "LABEL: value" line of the file.
type line struct {
	number int
	label  string
	value  string
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}

	// labelLine matches "LABEL: value". Labels are words of letters joined by
	// spaces, underscores or hyphens.
	labelLine = regexp.MustCompile(`^([A-Za-z]+(?:[ \t_-]+[A-Za-z]+)*)[ \t]*:(.*)$`)
	separator = regexp.MustCompile(`[ \t_-]+`)
)

// Parse reads a credentials file. It returns the credentials when the file has
// no errors, and every finding, errors and warnings alike, in line order.
func Parse(data []byte) (*Credentials, Findings) {
	var p parser
	creds := p.parse(data)
	p.findings.sortByLine()
	if p.findings.HasErrors() {
		creds = nil
	}
	return creds, p.findings
}

// parser collects findings while it reads one file.
type parser struct {
	findings Findings
	fields   map[string]line
}

func (p *parser) add(sev Severity, lineNo int, label, summary, detail string) {
	p.findings = append(p.findings, Finding{Severity: sev, Line: lineNo, Label: label, Summary: summary, Detail: detail})
}

func (p *parser) errorf(lineNo int, label, summary, format string, args ...any) {
	p.add(SeverityError, lineNo, label, summary, fmt.Sprintf(format, args...))
}

func (p *parser) warnf(lineNo int, label, summary, format string, args ...any) {
	p.add(SeverityWarning, lineNo, label, summary, fmt.Sprintf(format, args...))
}

func (p *parser) parse(data []byte) *Credentials {
	text, ok := p.decode(data)
	if !ok {
		return nil
	}
	lines := p.splitLines(text)
	if lines == nil {
		return nil
	}
	p.collect(lines)
	_, hasID := p.fields[LabelClientID]
	_, hasSecret := p.fields[LabelClientSecret]
	_, hasToken := p.fields[LabelAccessToken]
	if hasToken && !hasID && !hasSecret {
		p.errorf(0, "", "Not a V2/V3 API token file",
			"The file has an access token but no CLIENT ID or CLIENT SECRET, as a Stencil-CLI token has. Modern Retail needs a store-level \"V2/V3 API token\": "+
				"in the control panel, open Settings › Store-level API accounts, choose Create API account › V2/V3 API token, and use the file it downloads.")
		return nil
	}
	for _, label := range requiredLabels {
		if _, ok := p.fields[label]; !ok {
			p.errorf(0, label, "Missing "+label+" line",
				"The file has no %s line. BigCommerce writes %s into every credentials file it downloads; use the file exactly as downloaded, or add the line \"%s: <value>\" from the API account pop-up.",
				label, describeFields(requiredLabels), label)
		}
	}
	return p.validate()
}

// validate checks the values of the known fields and returns the credentials they make.
func (p *parser) validate() *Credentials {
	creds := &Credentials{}
	swapped := p.checkSwapped()
	for _, f := range []struct {
		label string
		value *string
		shape shape
		check bool
	}{
		{LabelAccessToken, &creds.AccessToken, tokenShape, !swapped},
		{LabelClientID, &creds.ClientID, clientIDShape, true},
		{LabelClientSecret, &creds.ClientSecret, secretShape, !swapped},
	} {
		if l, ok := p.fields[f.label]; ok {
			*f.value = l.value
			if f.check {
				p.checkShape(l, f.shape)
			}
		}
	}
	if l, ok := p.fields[LabelAPIPath]; ok {
		creds.APIPath = l.value
		if hash, ok := p.checkAPIPath(l); ok {
			creds.StoreHash = hash
		}
	}
	p.checkSecretsStayPut()
	creds.ClientName = p.accountName()
	return creds
}

// checkSecretsStayPut refuses a secret where no secret may stand: the client
// ID and the account name are shown in plans, ids and state, and sent to the
// Onboarding Center. Values are compared as redact compares them: in NFKC
// form, without zero-width or other format characters, in any letter case,
// and a run of redact.RunLength characters of a secret counts as the secret.
// None of the messages quotes a value.
func (p *parser) checkSecretsStayPut() {
	token, secret := p.fields[LabelAccessToken], p.fields[LabelClientSecret]
	if token.value != "" && redact.Canonical(token.value) == redact.Canonical(secret.value) {
		p.errorf(secret.number, LabelClientSecret, "ACCESS TOKEN and CLIENT SECRET are the same",
			"The %s value is the same as the %s value; BigCommerce gives every API account two different values. Copy both again from the file BigCommerce downloaded.",
			where(secret), where(token))
	}
	for _, label := range []string{LabelClientID, LabelClientName, LabelName} {
		l, ok := p.fields[label]
		if !ok || l.value == "" {
			continue
		}
		for _, s := range []line{token, secret} {
			if s.value != "" && redact.New(s.value).Holds(l.value) {
				p.errorf(l.number, label, "Secret in a field that is not secret",
					"The value of %s contains the %s value, or %d or more of its characters, perhaps as look-alike or invisible characters. The %s is not secret: it is shown in plans, ids and state, and sent to the Onboarding Center, so a secret must never stand there. Copy the %s again from the file BigCommerce downloaded.",
					where(l), s.label, redact.RunLength, label, label)
				break
			}
		}
	}
	if id, ok := p.fields[LabelClientID]; ok && secretShape.matches(id.value) && id.value != secret.value {
		p.errorf(id.number, LabelClientID, "CLIENT ID looks like a client secret",
			"The %s value has the shape of a client secret (%d or more hexadecimal digits), not of a client ID. The client ID is shown in plans, ids and state, so a secret must never stand there: copy the CLIENT ID again from the file BigCommerce downloaded.",
			where(id), secretShape.min)
	}
}

// where names a value's place: "line 3 (CLIENT ID)" in a file, the label alone for a field.
func where(l line) string {
	if l.number > 0 {
		return fmt.Sprintf("%s on line %d", l.label, l.number)
	}
	return l.label
}

// decode checks the size and encoding and returns the file as text.
func (p *parser) decode(data []byte) (string, bool) {
	if len(data) > MaxSize {
		p.errorf(0, "", "Credentials file too large", "%s", TooLarge("The file", int64(len(data))))
		return "", false
	}
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		p.errorf(0, "", "Credentials file is not UTF-8",
			"The file is encoded as UTF-16. Save it as UTF-8 (or plain ASCII), as BigCommerce downloads it.")
		return "", false
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if len(bytes.TrimSpace(data)) == 0 {
		p.errorf(0, "", "Credentials file is empty",
			"The file holds no text. Download the credentials again: BigCommerce shows them only once, so if the file is lost, create a new API account and delete the old one.")
		return "", false
	}
	for i, raw := range splitRaw(data) {
		lineNo := i + 1
		if bytes.IndexByte(raw, 0) >= 0 {
			p.errorf(lineNo, "", "Credentials file is not text",
				"Line %d holds NUL bytes, so this is a binary file, not the .txt file BigCommerce downloaded.", lineNo)
			return "", false
		}
		if !utf8.Valid(raw) {
			p.errorf(lineNo, "", "Credentials file is not UTF-8",
				"Line %d is not valid UTF-8; the file may have been saved in another encoding such as Windows-1252. Save it as UTF-8, as BigCommerce downloads it.", lineNo)
			return "", false
		}
		for _, r := range string(raw) {
			if r != '\t' && (r < 0x20 || r == 0x7f) {
				p.errorf(lineNo, "", "Credentials file is not text",
					"Line %d holds the control character U+%04X, which a text file does not contain. Use the .txt file exactly as BigCommerce downloaded it.", lineNo, r)
				return "", false
			}
		}
	}
	return string(data), true
}

// splitRaw splits on LF, CRLF or a lone CR.
func splitRaw(data []byte) [][]byte {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	return bytes.Split(data, []byte("\n"))
}

// splitLines turns text into label lines and reports lines that are not.
func (p *parser) splitLines(text string) []line {
	var out []line
	for i, raw := range splitRaw([]byte(text)) {
		lineNo := i + 1
		s := strings.TrimSpace(string(raw))
		if s == "" {
			continue
		}
		m := labelLine.FindStringSubmatch(s)
		if m == nil || strings.HasPrefix(m[2], "//") {
			p.errorf(lineNo, "", "Line is not \"LABEL: value\"",
				"Line %d is not of the form \"LABEL: value\". Every line of a BigCommerce credentials file is one label, a colon and the value, such as \"%s: https://api.bigcommerce.com/stores/abc123/v3/\". Remove or fix the line.",
				lineNo, LabelAPIPath)
			continue
		}
		out = append(out, line{
			number: lineNo,
			label:  strings.ToUpper(separator.ReplaceAllString(m[1], " ")),
			value:  strings.TrimSpace(m[2]),
		})
	}
	if out == nil && !p.findings.HasErrors() {
		p.errorf(0, "", "Credentials file is empty", "The file holds no \"LABEL: value\" lines.")
	}
	return out
}

// collect files each line under its label, reporting duplicates and unknown labels.
func (p *parser) collect(lines []line) {
	p.fields = map[string]line{}
	for _, l := range lines {
		if !isKnown(l.label) {
			p.warnf(l.number, l.label, "Unknown label ignored",
				"Line %d has the label %q, which BigCommerce does not write; it is ignored. The known labels are %s.",
				l.number, l.label, describeFields(knownLabels))
			continue
		}
		if first, dup := p.fields[l.label]; dup {
			p.errorf(l.number, l.label, "Duplicated "+l.label+" line",
				"%s appears on line %d and again on line %d. A credentials file holds one API account; keep the line from the file BigCommerce downloaded and remove the other.",
				l.label, first.number, l.number)
			continue
		}
		if l.value == "" {
			p.errorf(l.number, l.label, "Empty "+l.label,
				"Line %d has the label %s but no value. Copy the value from the file BigCommerce downloaded.", l.number, l.label)
		}
		p.fields[l.label] = l
	}
}

func isKnown(label string) bool {
	for _, k := range knownLabels {
		if label == k {
			return true
		}
	}
	return false
}

// form reports whether the values were given field by field rather than in a file.
func (p *parser) form() bool {
	for _, l := range p.fields {
		if l.number > 0 {
			return false
		}
	}
	return true
}

func describeFields(labels []string) string {
	return strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}
