package redact

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MaskLogs returns a context whose log lines, the provider's own and those of
// the given tflog subsystems, hide every secret of the set in messages and
// field values.
func (s Set) MaskLogs(ctx context.Context, subsystems ...string) context.Context {
	values, pattern := s.Values(), s.Pattern()
	if len(values) == 0 {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, values...)
	ctx = tflog.MaskAllFieldValuesStrings(ctx, values...)
	ctx = tflog.MaskMessageRegexes(ctx, pattern)
	ctx = tflog.MaskAllFieldValuesRegexes(ctx, pattern)
	for _, sub := range subsystems {
		ctx = tflog.SubsystemMaskMessageStrings(ctx, sub, values...)
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, sub, values...)
		ctx = tflog.SubsystemMaskMessageRegexes(ctx, sub, pattern)
		ctx = tflog.SubsystemMaskAllFieldValuesRegexes(ctx, sub, pattern)
	}
	return ctx
}

// userInfo matches everything between "//" and the last "@" of a URL's
// authority, or the user information of text that only looks like a URL.
var userInfo = regexp.MustCompile(`^((?:[A-Za-z][A-Za-z0-9+.-]*:)?//)?[^/?#]*@`)

// URL hides the user information of a URL, or of text that only looks like
// one, such as "user:pass@host" without a scheme, whether it parses or not.
func URL(raw string) string {
	m := userInfo.FindStringSubmatchIndex(raw)
	if m == nil {
		return raw
	}
	scheme := ""
	if m[2] >= 0 {
		scheme = raw[m[2]:m[3]]
	}
	return scheme + Replacement + "@" + raw[m[1]:]
}
