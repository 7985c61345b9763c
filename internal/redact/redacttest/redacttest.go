// Package redacttest makes look-alike copies of secrets, for tests of what
// redact and the credentials file parser must catch.
package redacttest

import "strings"

// FullWidth writes ASCII letters, digits and punctuation as their full-width forms.
func FullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f {
			r += 0xFF01 - '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ZeroWidth puts a zero-width space between every two characters.
func ZeroWidth(s string) string {
	return strings.Join(strings.Split(s, ""), "\u200b")
}
