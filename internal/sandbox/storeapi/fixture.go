package storeapi

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
	"github.com/modernretail/terraform-provider-modernretail/internal/sandbox/standin"
)

// defaultAccountName is the API account name Modern Retail's setup guide asks for (reference §7).
const defaultAccountName = "Modern Retail Integration"

// Store is one BigCommerce store.
type Store struct {
	StoreHash   string       `json:"store_hash"`
	Name        string       `json:"name"`
	Domain      string       `json:"domain"`
	LogoURL     string       `json:"logo_url,omitempty"`
	APIAccounts []APIAccount `json:"api_accounts"`
	// Answers chooses which documented answer a granted token gets, and whether a gateway answers instead.
	Answers *Answers `json:"answers,omitempty"`
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

// complete fills generated secrets and checks the stores.
func complete(stores []Store) error {
	seen := map[string]bool{}
	for i := range stores {
		st := &stores[i]
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
					*fill.value = standin.RandomString(fill.alphabet, fill.length)
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

// The alphabets of generated secrets: tokens and client IDs, and client secrets.
const (
	lowerAlnum = "0123456789abcdefghijklmnopqrstuvwxyz"
	lowerHex   = "0123456789abcdef"
)

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
func WriteCredentialsFiles(stores []Store, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, st := range stores {
		for _, a := range st.APIAccounts {
			data := CredentialsFile(st, a)
			if err := os.WriteFile(filepath.Join(dir, CredentialsFileName(st, a)), data, 0o600); err != nil {
				return err
			}
		}
	}
	return nil
}
