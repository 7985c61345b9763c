package redact

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/modernretail/terraform-provider-modernretail/internal/redact/redacttest"
)

const (
	token  = "abcdefghij0123456789klmnopqrstu"
	secret = "0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210"
	bearer = "ob-Token/with+special=chars"
)

func TestTextRemovesEveryForm(t *testing.T) {
	set := New(token, secret, bearer)
	for name, text := range map[string]string{
		"plain":                         "the token " + token + " is expired",
		"upper case":                    "token " + strings.ToUpper(token),
		"after Bearer":                  "the bearer token in 'Bearer " + bearer + "' is expired",
		"URL-encoded":                   "GET /x?auth=" + url.QueryEscape(bearer),
		"path-escaped":                  "/" + url.PathEscape(bearer) + "/",
		"zero-width spaces":             "name " + redacttest.ZeroWidth(token),
		"word joiners":                  strings.Join(strings.Split(token, ""), "\u2060"),
		"full-width":                    "name " + redacttest.FullWidth(token),
		"half the client secret":        "CLIENT NAME: " + secret[:32],
		"a client id of the secret":     secret[:31],
		"sixteen characters":            "x" + token[5:21] + "y",
		"a run in the middle":           "prefix-" + secret[10:40] + "-suffix",
		"glued to other text":           "abc" + token + "xyz",
		"twice":                         token + " and " + token,
		"full-width and zero-width mix": redacttest.FullWidth(token[:10]) + "\u200b" + token[10:],
	} {
		got := set.Text(text)
		if !strings.Contains(got, Replacement) {
			t.Errorf("%s: %q kept its secret: %q", name, text, got)
		}
		for _, s := range []string{token, secret, bearer} {
			for i := 0; i+RunLength <= len(s); i++ {
				if strings.Contains(strings.ToLower(got), strings.ToLower(s[i:i+RunLength])) {
					t.Errorf("%s: %q still holds %q", name, got, s[i:i+RunLength])
				}
			}
		}
		if !set.Holds(text) {
			t.Errorf("%s: Holds is false", name)
		}
	}
}

func TestTextLeavesOtherTextAlone(t *testing.T) {
	set := New(token, secret, "", "short")
	for _, text := range []string{
		"", "GET /v2/time answered 200", "a short value: short is not a secret",
		token[:RunLength-1] + " is fifteen characters of the token",
		"Ｆｕｌｌ-width text and \u200bzero-width spaces stay",
	} {
		if got := set.Text(text); got != text {
			t.Errorf("Text(%q) = %q", text, got)
		}
	}
	if got := New().Text("anything " + token); got != "anything "+token {
		t.Errorf("an empty set changed text: %q", got)
	}
	if n := New("abc", "", "abcdef").Len(); n != 1 {
		t.Errorf("Len = %d, want 1: values under %d characters are not secrets", n, MinLength)
	}
}

func TestTextKeepsTheRestOfTheText(t *testing.T) {
	got := New(token).Text("before " + token + " after")
	if got != "before "+Replacement+" after" {
		t.Errorf("got %q", got)
	}
	got = New(token).Text("é " + redacttest.FullWidth(token) + " ü")
	if got != "é "+Replacement+" ü" {
		t.Errorf("got %q", got)
	}
}

func TestMaskLogsHidesSecretsInMessagesAndFields(t *testing.T) {
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	ctx = tflog.NewSubsystem(ctx, "api")
	ctx = New(token, secret, bearer).MaskLogs(ctx, "api")
	tflog.Info(ctx, "answer quoted "+strings.ToUpper(token), map[string]any{"body": "Bearer " + bearer, "half": secret[:32]})
	tflog.SubsystemInfo(ctx, "api", "sent "+token[3:25], map[string]any{"query": url.QueryEscape(bearer)})
	logs := out.String()
	for _, s := range []string{token, strings.ToUpper(token), bearer, url.QueryEscape(bearer), secret[:32], token[3:25]} {
		if strings.Contains(logs, s) {
			t.Errorf("the logs hold %q:\n%s", s, logs)
		}
	}
	if !strings.Contains(logs, "answer quoted") || !strings.Contains(logs, "sent") {
		t.Errorf("the log lines are missing:\n%s", logs)
	}
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://u:p@host/x@y":         "https://(redacted)@host/x@y",
		"https://host/path":            "https://host/path",
		"user:pass@host":               "(redacted)@host",
		"//u:p@host":                   "//(redacted)@host",
		"https://us@er:pass@host/?q=1": "https://(redacted)@host/?q=1",
		"not a url":                    "not a url",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}
