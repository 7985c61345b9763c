// Package acctest holds what the acceptance tests share: realistic fake
// credentials, a sandbox that knows them, configurations built from small
// HCL helpers, the search of the TRACE log for secrets, and Terraform working
// directories driven through the real CLI.
package acctest

import (
	"crypto/rand"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/scopes"
)

// Credentials returns realistic fake credentials for a store, and puts their
// secrets in play for the TRACE log search.
func Credentials(t testing.TB, storeHash string) credentialsfile.Credentials {
	t.Helper()
	c := credentialsfile.Credentials{
		StoreHash:    storeHash,
		AccessToken:  RandomString(t, "0123456789abcdefghijklmnopqrstuvwxyz", 31),
		ClientID:     RandomString(t, "0123456789abcdefghijklmnopqrstuvwxyz", 31),
		ClientSecret: RandomString(t, "0123456789abcdef", 64),
		ClientName:   credentialsfile.RecommendedAccountName,
		APIPath:      credentialsfile.APIPathOf(storeHash),
	}
	Secrets.Add(c.AccessToken, c.ClientSecret)
	return c
}

// OnOtherStore returns the credentials with the API path of another store.
func OnOtherStore(c credentialsfile.Credentials, storeHash string) credentialsfile.Credentials {
	c.StoreHash, c.APIPath = storeHash, credentialsfile.APIPathOf(storeHash)
	return c
}

// RandomString returns n characters drawn from alphabet.
func RandomString(t testing.TB, alphabet string, n int) string {
	t.Helper()
	out := make([]byte, n)
	for i := range out {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// RequiredWithout returns the ten required scopes without the given ones, plus any extras.
func RequiredWithout(drop []string, extra ...string) []string {
	out := slices.DeleteFunc(slices.Clone(scopes.Required), func(s string) bool { return slices.Contains(drop, s) })
	return append(extra, out...)
}

// WriteFile writes content to name in dir, readable by its owner only, and returns the path.
func WriteFile(t testing.TB, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// WriteCredentials writes a credentials file in BigCommerce's layout and returns its path.
func WriteCredentials(t testing.TB, dir, name string, c credentialsfile.Credentials) string {
	t.Helper()
	return WriteFile(t, dir, name, credentialsfile.Format(c))
}

// Multiline lets an ExpectError pattern match across Terraform's line wrapping:
// each space matches any run of white space, and "." matches newlines too.
func Multiline(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + regexp.MustCompile(` +`).ReplaceAllString(pattern, `\s+`))
}
