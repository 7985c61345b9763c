// Package sandbox is a local stand-in for BigCommerce's store API, faithful to
// what BigCommerce documents and what has been observed of it: authentication,
// OAuth scope enforcement before validation, its error bodies, and its rate
// limits. It implements no successful write at all. Tests run it in-process;
// the demo and CI run it as a program (cmd/sandbox).
package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

// defaultAccountName is the API account name Modern Retail's setup guide asks for (reference §7).
const defaultAccountName = "Modern Retail Integration"

// Fixture describes the stores and API accounts, and the onboarding projects, the sandbox serves.
type Fixture struct {
	Stores     []Store            `json:"stores"`
	Onboarding *OnboardingFixture `json:"onboarding,omitempty"`
}

// Store is one BigCommerce store.
type Store struct {
	StoreHash   string       `json:"store_hash"`
	Name        string       `json:"name"`
	Domain      string       `json:"domain"`
	LogoURL     string       `json:"logo_url,omitempty"`
	APIAccounts []APIAccount `json:"api_accounts"`
}

// APIAccount is one store-level API account. Secrets left empty are generated.
type APIAccount struct {
	ClientName   string   `json:"client_name"`
	ClientID     string   `json:"client_id"`
	ClientSecret string   `json:"client_secret"`
	AccessToken  string   `json:"access_token"`
	Scopes       []string `json:"scopes"`
	// File names the account's credentials file; default {store_hash}-{client_id}.txt.
	File string `json:"file,omitempty"`
}

// storeHashPattern is the store hash's shape, as the credentials file parser knows it.
var storeHashPattern = regexp.MustCompile(credentialsfile.StoreHashPattern)

// LoadFixture reads a fixture file.
func LoadFixture(path string) (Fixture, error) {
	var f Fixture
	data, err := os.ReadFile(path)
	if err != nil {
		return f, err
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, fmt.Errorf("fixture %s: %w", path, err)
	}
	return f, nil
}

// complete fills generated secrets and checks the fixture.
func (f *Fixture) complete() error {
	seen := map[string]bool{}
	for i := range f.Stores {
		st := &f.Stores[i]
		if !storeHashPattern.MatchString(st.StoreHash) {
			return fmt.Errorf("store %d: store_hash %q is not 5 to 16 lowercase letters and digits", i, st.StoreHash)
		}
		if seen[st.StoreHash] {
			return fmt.Errorf("store %q appears twice", st.StoreHash)
		}
		seen[st.StoreHash] = true
		if st.Name == "" {
			st.Name = st.StoreHash
		}
		if st.Domain == "" {
			st.Domain = st.StoreHash + ".example.com"
		}
		for j := range st.APIAccounts {
			a := &st.APIAccounts[j]
			for _, fill := range []struct {
				value    *string
				alphabet string
				length   int
			}{
				{&a.AccessToken, lowerAlnum, 31},
				{&a.ClientID, lowerAlnum, 31},
				{&a.ClientSecret, lowerHex, 64},
			} {
				if *fill.value == "" {
					*fill.value = randomString(fill.alphabet, fill.length)
				}
			}
			if a.ClientName == "" {
				a.ClientName = defaultAccountName
			}
			if err := checkScopes(a.Scopes); err != nil {
				return fmt.Errorf("store %q, account %q: %w", st.StoreHash, a.ClientName, err)
			}
		}
	}
	return nil
}

const (
	lowerAlnum = "0123456789abcdefghijklmnopqrstuvwxyz"
	lowerHex   = "0123456789abcdef"
)

// randomString returns n characters drawn from alphabet.
func randomString(alphabet string, n int) string {
	out := make([]byte, n)
	for i := range out {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		if err != nil {
			panic(err) // crypto/rand does not fail on supported platforms.
		}
		out[i] = alphabet[k.Int64()]
	}
	return string(out)
}

// CredentialsFileName is the name of an account's credentials file.
func CredentialsFileName(st Store, a APIAccount) string {
	if a.File != "" {
		return filepath.Base(a.File)
	}
	return st.StoreHash + "-" + a.ClientID + ".txt"
}

// CredentialsFile is the text BigCommerce downloads for an API account, in the
// layout of its documented example (reference §1.1, layout A).
func CredentialsFile(st Store, a APIAccount) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "ACCESS TOKEN: %s\n", a.AccessToken)
	fmt.Fprintf(&b, "CLIENT NAME: %s\n", a.ClientName)
	fmt.Fprintf(&b, "API PATH: %s\n", credentialsfile.APIPathOf(st.StoreHash))
	fmt.Fprintf(&b, "CLIENT ID: %s\n", a.ClientID)
	fmt.Fprintf(&b, "CLIENT SECRET: %s\n", a.ClientSecret)
	return []byte(b.String())
}

// WriteCredentialsFiles writes each account's credentials file into dir,
// readable by its owner only.
func WriteCredentialsFiles(f Fixture, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, st := range f.Stores {
		for _, a := range st.APIAccounts {
			data := CredentialsFile(st, a)
			if err := os.WriteFile(filepath.Join(dir, CredentialsFileName(st, a)), data, 0o600); err != nil {
				return err
			}
		}
	}
	return nil
}
