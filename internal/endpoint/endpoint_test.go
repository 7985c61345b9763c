package endpoint

import (
	"strings"
	"testing"
)

func TestParseAccepts(t *testing.T) {
	cases := map[string]string{
		"https://api.bigcommerce.com":           "https://api.bigcommerce.com",
		"https://api.bigcommerce.com/":          "https://api.bigcommerce.com",
		"HTTPS://onboarding.example.com/base/":  "https://onboarding.example.com/base",
		"http://127.0.0.1:8080":                 "http://127.0.0.1:8080",
		"http://127.4.5.6:1":                    "http://127.4.5.6:1",
		"http://localhost:9000/":                "http://localhost:9000",
		"http://[::1]:9000":                     "http://[::1]:9000",
		" https://api.bigcommerce.com ":         "https://api.bigcommerce.com",
		"https://api.bigcommerce.com:8443/path": "https://api.bigcommerce.com:8443/path",
	}
	for in, want := range cases {
		u, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("Parse(%q) = %q, want %q", in, u.String(), want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"":                                       "empty",
		"api.bigcommerce.com":                    "not an absolute URL",
		"/relative/path":                         "not an absolute URL",
		"http://api.bigcommerce.com":             "plain http",
		"http://10.0.0.1:8080":                   "plain http",
		"http://localhost.example.com":           "plain http",
		"http://127.0.0.1.nip.io":                "plain http",
		"ftp://api.bigcommerce.com":              `scheme "ftp"`,
		"https://user:pass@api.bigcommerce.com":  "user name or password",
		"https://api.bigcommerce.com/?token=abc": "query or a fragment",
		"https://api.bigcommerce.com/#frag":      "query or a fragment",
		"https://api.bigcommerce.com/%zz":        "not a URL",
		"mailto:someone@example.com":             "not an absolute URL",
	}
	for in, want := range cases {
		_, err := Parse(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) error = %v, want it to mention %q", in, err, want)
		}
	}
}

func TestParseNeverEchoesUserInfo(t *testing.T) {
	for _, in := range []string{
		"https://user:s3cretpass@api.bigcommerce.com",
		"https://user:s3cretpass@api.bigcommerce.com:bad/",
		"ftp://user:s3cretpass@api.bigcommerce.com",
		"http://user:s3cretpass@10.0.0.1/",
		"https://user:s3cretpass@api.bigcommerce.com/%zz",
		"user:s3cretpass@api.bigcommerce.com",
		"https://us@er:s3cretpass@api.bigcommerce.com/?q=1",
		" https://user:s3cretpass@api.bigcommerce.com/%zz ",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) accepted it", in)
			continue
		}
		if strings.Contains(err.Error(), "s3cretpass") || strings.Contains(err.Error(), "user:") {
			t.Errorf("Parse(%q) error echoes the user information: %v", in, err)
		}
	}
}
