// Package redact is the one place that removes secrets from text leaving the
// provider: diagnostics, errors built from a server's answer, and log lines.
// A Set holds every secret in play; Text removes each one in its plain form,
// in any letter case, after "Bearer ", URL-encoded, with zero-width and
// other format characters inserted, as a full-width (NFKC) copy, and any run
// of RunLength or more of its characters.
package redact

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Replacement stands in for a secret in any text shown to people.
const Replacement = "(redacted)"

// MinLength is the length of the shortest value that counts as a secret;
// shorter values cannot be real secrets, and replacing them would garble text.
const MinLength = 6

// RunLength is how many consecutive characters of a secret count as the
// secret itself, wherever they stand: half of a client secret, or a client id
// made of a token's first characters, gives a secret away.
const RunLength = 16

// Set is the secrets in play. The zero value holds none.
type Set struct {
	// secrets are canonical (see Canonical), longest first.
	secrets []string
	// grams are every run of RunLength runes of the longer secrets; short the shorter secrets.
	grams map[string]bool
	short []string
	// raw are the secrets and their URL-encoded forms, as given, for log masks.
	raw []string
}

// New returns a set of the given secrets; empty and short values are ignored.
func New(secrets ...string) Set {
	return Set{}.With(secrets...)
}

// With returns the set with more secrets.
func (s Set) With(secrets ...string) Set {
	out := Set{secrets: append([]string(nil), s.secrets...), raw: append([]string(nil), s.raw...)}
	seen := map[string]bool{}
	for _, v := range out.secrets {
		seen[v] = true
	}
	for _, v := range secrets {
		c := Canonical(v)
		if len([]rune(c)) < MinLength || seen[c] {
			continue
		}
		seen[c] = true
		out.secrets = append(out.secrets, c)
		out.raw = append(out.raw, v)
		for _, escaped := range []string{url.QueryEscape(v), url.PathEscape(v)} {
			if escaped != v {
				out.secrets = append(out.secrets, Canonical(escaped))
				out.raw = append(out.raw, escaped)
			}
		}
	}
	sort.SliceStable(out.secrets, func(i, j int) bool { return len(out.secrets[i]) > len(out.secrets[j]) })
	out.grams = map[string]bool{}
	for _, secret := range out.secrets {
		sr := []rune(secret)
		if len(sr) <= RunLength {
			out.short = append(out.short, secret)
			continue
		}
		for i := 0; i+RunLength <= len(sr); i++ {
			out.grams[string(sr[i:i+RunLength])] = true
		}
	}
	return out
}

// Len is how many secrets the set holds.
func (s Set) Len() int { return len(s.raw) }

// Canonical is the form secrets are compared in: NFKC, without format
// characters such as zero-width spaces, in lowercase.
func Canonical(v string) string {
	var b strings.Builder
	for _, r := range v {
		for _, c := range norm.NFKC.String(string(r)) {
			if !unicode.Is(unicode.Cf, c) {
				b.WriteRune(unicode.ToLower(c))
			}
		}
	}
	return b.String()
}

// Text returns text with every secret of the set replaced.
func (s Set) Text(text string) string {
	if len(s.secrets) == 0 || text == "" {
		return text
	}
	// The canonical runes of text, each with the byte range of the original rune it came from.
	type source struct{ start, end int }
	var runes []rune
	var from []source
	for i, r := range text {
		end := i + len(string(r))
		for _, c := range norm.NFKC.String(string(r)) {
			if unicode.Is(unicode.Cf, c) {
				continue
			}
			runes = append(runes, unicode.ToLower(c))
			from = append(from, source{i, end})
		}
	}
	marked := make([]bool, len(runes))
	mark := func(i, n int) {
		for k := i; k < i+n; k++ {
			marked[k] = true
		}
	}
	for _, secret := range s.short {
		sr := []rune(secret)
		for i := 0; i+len(sr) <= len(runes); i++ {
			if string(runes[i:i+len(sr)]) == secret {
				mark(i, len(sr))
			}
		}
	}
	if len(s.grams) > 0 {
		for i := 0; i+RunLength <= len(runes); i++ {
			if s.grams[string(runes[i:i+RunLength])] {
				mark(i, RunLength)
			}
		}
	}
	// Replace each maximal run of marked runes, spanning the original bytes
	// from its first to its last rune, format characters in between included.
	var b strings.Builder
	last := 0
	for i := 0; i < len(runes); {
		if !marked[i] {
			i++
			continue
		}
		j := i
		for j+1 < len(runes) && marked[j+1] {
			j++
		}
		start, end := from[i].start, from[j].end
		if start >= last {
			b.WriteString(text[last:start])
			b.WriteString(Replacement)
			last = end
		}
		i = j + 1
	}
	b.WriteString(text[last:])
	return b.String()
}

// Holds reports whether text gives away any secret of the set.
func (s Set) Holds(text string) bool {
	return s.Text(text) != text
}

// Values returns the secrets as given and URL-encoded, for masks that match text exactly.
func (s Set) Values() []string {
	return append([]string(nil), s.raw...)
}

// Pattern returns a regular expression for log masks: it matches each
// secret, and any run of RunLength or more of its characters, in any letter
// case, together with the letters, digits and token punctuation that follow,
// so that a mask may hide more than the secret but never less. It is nil
// when the set is empty.
func (s Set) Pattern() *regexp.Regexp {
	var alts []string
	for _, v := range s.raw {
		r := []rune(v)
		if len(r) <= RunLength {
			alts = append(alts, regexp.QuoteMeta(v))
			continue
		}
		for i := 0; i+RunLength <= len(r); i++ {
			alts = append(alts, regexp.QuoteMeta(string(r[i:i+RunLength])))
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)[\pL\pN_.~+/=%-]*`)
}
