package credentialsfile

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// APIHost is the only host an API PATH may name.
const APIHost = "api.bigcommerce.com"

// shape is the loose form of one credential value. BigCommerce documents no
// lengths, so the bounds are wide around every value seen in real files.
type shape struct {
	what        string
	allowed     func(rune) bool
	allowedDesc string
	min, max    int
}

var (
	tokenShape    = shape{what: "a BigCommerce access token", allowed: isLowerAlnum, allowedDesc: "lowercase letters and digits", min: 20, max: 64}
	clientIDShape = shape{what: "a BigCommerce client ID", allowed: isLowerAlnum, allowedDesc: "lowercase letters and digits", min: 20, max: 64}
	secretShape   = shape{what: "a BigCommerce client secret", allowed: isLowerHex, allowedDesc: "lowercase hexadecimal digits (0-9, a-f)", min: 32, max: 128}
	storeHash     = regexp.MustCompile(StoreHashPattern)
)

// StoreHashPattern is the loose shape of a store hash, and StoreHashRule says it in words.
const (
	StoreHashPattern = `^[0-9a-z]{5,16}$`
	StoreHashRule    = "5 to 16 lowercase letters and digits"
)

func isLowerAlnum(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

func isLowerHex(r rune) bool { return r >= 'a' && r <= 'f' || r >= '0' && r <= '9' }

func (s shape) matches(v string) bool {
	n := utf8.RuneCountInString(v)
	if n < s.min || n > s.max {
		return false
	}
	for _, r := range v {
		if !s.allowed(r) {
			return false
		}
	}
	return true
}

// checkShape reports a value that does not have its shape, without showing it.
func (p *parser) checkShape(l line, s shape) {
	if l.value == "" || s.matches(l.value) {
		return
	}
	p.errorf(l.number, l.label, "Malformed "+l.label,
		"The %s value does not look like %s: expected %d to %d %s, found %s.%s",
		where(l), s.what, s.min, s.max, s.allowedDesc, describeValue(l.value, s.allowed), fixHint(l.value))
}

// describeValue says what is wrong with a value in terms that reveal nothing of it.
func describeValue(v string, allowed func(rune) bool) string {
	var kinds []string
	seen := map[string]bool{}
	note := func(kind string) {
		if !seen[kind] {
			seen[kind] = true
			kinds = append(kinds, kind)
		}
	}
	for _, r := range v {
		switch {
		case allowed(r):
		case r >= 'A' && r <= 'Z':
			note("uppercase letters")
		case r >= 'a' && r <= 'z':
			note("letters beyond f")
		case r == ' ' || r == '\t':
			note("spaces")
		case r == '"' || r == '\'' || r == '`':
			note("quotes")
		case r == '#':
			note("a '#'")
		case r > utf8.RuneSelf:
			note("non-ASCII or invisible characters")
		default:
			note("punctuation")
		}
	}
	desc := fmt.Sprintf("%d characters", utf8.RuneCountInString(v))
	if len(kinds) > 0 {
		desc += ", including " + strings.Join(kinds, " and ")
	}
	return desc
}

// fixHint suggests the likely fix for a malformed value.
func fixHint(v string) string {
	switch {
	case strings.ContainsAny(v, "\"'`"):
		return " Remove the quotes around the value."
	case strings.ContainsAny(v, " \t#"):
		return " Remove anything after the value on that line, such as a comment."
	default:
		return " Copy the value again from the file BigCommerce downloaded."
	}
}

var (
	apiPathPattern     = regexp.MustCompile(`(?i)^/stores/([^/]*)(?:/(v[0-9]+))?(/.*)?$`)
	controlPanelHost   = regexp.MustCompile(`(?i)^store-([0-9a-z]+)\.mybigcommerce\.com$`)
	accountLevelPrefix = regexp.MustCompile(`(?i)^/accounts/`)
)

// checkAPIPath validates the API PATH and returns the store hash it names.
func (p *parser) checkAPIPath(l line) (string, bool) {
	if l.value == "" {
		return "", false
	}
	bad := func(summary, format string, args ...any) (string, bool) {
		p.errorf(l.number, l.label, summary, format, args...)
		return "", false
	}
	example := "https://" + APIHost + "/stores/abc123/v3/"
	if path, _, found := strings.Cut(l.value, " "); found || strings.Contains(l.value, "\t") {
		return bad("API PATH with trailing text",
			"the API path is followed by other text, such as a comment. Keep only the path, %q.", strings.Fields(path)[0])
	}
	u, err := url.Parse(l.value)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return bad("API PATH is not a URL",
			"%q is not a URL. The API path has the form %s, where abc123 is the store hash.", l.value, example)
	}
	// Where the path names a store, the example names it too.
	storePath := apiPathPattern.FindStringSubmatch(u.Path)
	if storePath != nil && storeHash.MatchString(strings.ToLower(storePath[1])) {
		example = APIPathOf(strings.ToLower(storePath[1]))
	}
	host := strings.ToLower(u.Hostname())
	if m := controlPanelHost.FindStringSubmatch(host); m != nil {
		return bad("Control-panel URL in place of API PATH",
			"%q is the store's control-panel address, not its API path. Use \"%s: https://%s/stores/%s/v3/\".",
			l.value, LabelAPIPath, APIHost, strings.ToLower(m[1]))
	}
	if !strings.EqualFold(u.Scheme, "https") {
		return bad("API PATH does not use https",
			"the API path uses %q. The access token is only ever sent over https to %s; use the path BigCommerce wrote, such as %s.",
			u.Scheme, APIHost, example)
	}
	if host != APIHost || u.Port() != "" {
		return bad("API PATH names another host",
			"the API path names the host %q. The access token is only ever sent to %s, so the file must say %s. Use the file exactly as BigCommerce downloaded it.",
			u.Host, APIHost, example)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return bad("API PATH has extra parts",
			"the API path must not carry credentials, a query or a fragment. Use the form %s.", example)
	}
	if accountLevelPrefix.MatchString(u.Path) {
		return bad("Account-level API account",
			"the API path names an account, so this file belongs to an account-level API account. Modern Retail needs a store-level account: in the store's control panel, go to Settings › Store-level API accounts and create a \"V2/V3 API token\".")
	}
	if storePath == nil {
		return bad("API PATH is not a store API path",
			"the path %q does not name a store. The API path has the form %s, where abc123 is the store hash.", u.Path, example)
	}
	hash, version, rest := storePath[1], strings.ToLower(storePath[2]), storePath[3]
	if lower := strings.ToLower(hash); strings.HasPrefix(lower, "store-") {
		fixed := strings.TrimPrefix(lower, "store-")
		return bad("Store hash with a store- prefix",
			"the store hash %q carries the \"store-\" prefix of the control-panel address. The store hash is %q: use \"%s: https://%s/stores/%s/v3/\".",
			hash, fixed, LabelAPIPath, APIHost, fixed)
	}
	if !p.checkStoreHash(l, hash) {
		return "", false
	}
	if version != "" && version != "v2" && version != "v3" {
		return bad("Unknown API version in API PATH",
			"the API path ends in %q; BigCommerce's store API paths end in /v3/ (or /v2/). Use \"%s: https://%s/stores/%s/v3/\".",
			version, LabelAPIPath, APIHost, hash)
	}
	if rest != "" && rest != "/" {
		return bad("API PATH names an endpoint",
			"the API path goes on past the version to %q. Use the base path only: \"%s: https://%s/stores/%s/v3/\".",
			u.Path, LabelAPIPath, APIHost, hash)
	}
	if !canonicalAPIPath.MatchString(l.value) {
		return bad("API PATH not in lowercase",
			"the API path is written with capital letters where BigCommerce writes lowercase, and the Onboarding Center accepts only BigCommerce's form. Use %q.",
			APIPathOf(hash))
	}
	return hash, true
}

// canonicalAPIPath is the API path as BigCommerce writes it, and as the
// Onboarding Center accepts it.
var canonicalAPIPath = regexp.MustCompile(`^https://api\.bigcommerce\.com/stores/[0-9a-z]+(/v[23])?/?$`)

// APIPathOf is the v3 API path of a store, as BigCommerce writes it.
func APIPathOf(storeHash string) string {
	return "https://" + APIHost + "/stores/" + storeHash + "/v3/"
}

// checkStoreHash reports a malformed store hash on the line or field that holds it.
func (p *parser) checkStoreHash(l line, hash string) bool {
	if storeHash.MatchString(hash) {
		return true
	}
	hint := ""
	if storeHash.MatchString(strings.ToLower(hash)) {
		hint = fmt.Sprintf(" Store hashes are lowercase: %q.", strings.ToLower(hash))
	}
	if fixed, found := strings.CutPrefix(strings.ToLower(hash), "store-"); found && storeHash.MatchString(fixed) {
		hint = fmt.Sprintf(" Drop the \"store-\" prefix of the control-panel address: %q.", fixed)
	}
	p.errorf(l.number, l.label, "Malformed store hash",
		"the store hash %q is not "+StoreHashRule+".%s", hash, hint)
	return false
}
