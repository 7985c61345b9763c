// Package endpoint checks the base URLs of the APIs that the provider sends
// credentials to.
package endpoint

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact"
)

// Parse checks a base URL and returns it without a trailing slash. It must be
// https, or plain http to a loopback host such as a local sandbox, and it may
// not carry credentials, a query or a fragment. Its errors quote the URL
// without any user name or password, whether the URL parses or not.
func Parse(raw string) (*url.URL, error) {
	u, err := parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errors.New(strings.ReplaceAll(err.Error(), strings.TrimSpace(raw), redact.URL(strings.TrimSpace(raw))))
	}
	return u, nil
}

func parse(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, errors.New("the URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL", raw)
	}
	if !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%q is not an absolute URL such as https://api.example.com", raw)
	}
	if u.User != nil {
		return nil, errors.New("the URL must not carry a user name or password; credentials are configured separately")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, errors.New("the URL must not have a query or a fragment")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("%q uses plain http; credentials are only sent over https, or over http to a loopback host (localhost, 127.0.0.1, ::1) such as the local sandbox", raw)
		}
	default:
		return nil, fmt.Errorf("%q uses the scheme %q; use https", raw, u.Scheme)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// IsLoopback reports whether host names this machine only.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
