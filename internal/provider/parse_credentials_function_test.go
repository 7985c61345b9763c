package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

func TestAccParseCredentialsFunction(t *testing.T) {
	dir := t.TempDir()
	acme, bolt := acctest.Credentials(t, "acme0001"), acctest.Credentials(t, "bolt0001")
	acctest.WriteCredentials(t, dir, "acme-outdoor.txt", acme)
	acctest.WriteCredentials(t, dir, "bolt-bikes.txt", bolt)
	fields := func(c credentialsfile.Credentials) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"store_hash":     knownvalue.StringExact(c.StoreHash),
			"client_id":      knownvalue.StringExact(c.ClientID),
			"client_name":    knownvalue.StringExact(c.ClientName),
			"api_path":       knownvalue.StringExact(c.APIPath),
			"content_sha256": knownvalue.StringExact(credentialsfile.ContentSHA256(c)),
		})
	}
	malformed := acme
	malformed.APIPath = "https://api.bigcommerce.com/stores/store-acme0001/v3/"
	bad := acctest.WriteCredentials(t, t.TempDir(), "bad.txt", malformed)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// for_each keys from a directory of files; the result holds no secret.
				Config: fmt.Sprintf(`
locals {
  stores = {
    for f in fileset(%[1]q, "*.txt") :
    provider::modernretail::parse_credentials(file("%[1]s/${f}")).store_hash => provider::modernretail::parse_credentials(file("%[1]s/${f}"))
  }
}

output "stores" {
  value = local.stores
}
`, dir),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("stores", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"acme0001": fields(acme),
						"bolt0001": fields(bolt),
					})),
				},
			},
			{
				// A malformed file fails with the line and label, and no secret.
				Config:      fmt.Sprintf(`output "x" { value = provider::modernretail::parse_credentials(file(%q)) }`, bad),
				ExpectError: acctest.Multiline(`Invalid credentials file:.*line 3 \(API PATH\): Store hash with a store- prefix`),
			},
			{
				// The documented way to refuse a malformed file: the function in a local, on a sensitive variable.
				Config: fmt.Sprintf(`
variable "credentials" {
  type      = string
  sensitive = true
  default   = %q
}

locals {
  credentials = provider::modernretail::parse_credentials(var.credentials)
}

output "client_id" {
  value = nonsensitive(local.credentials.client_id)
}
`, strings.NewReplacer(malformed.AccessToken, "zz9yy8xx7ww6vv5uu4tt3ss2rr1qq0p", malformed.ClientSecret, strings.Repeat("0f1e", 16)).Replace(readFile(t, bad))),
				PlanOnly:    true,
				ExpectError: acctest.Multiline(`Invalid credentials file:.*line 3 \(API PATH\): Store hash with a store- prefix`),
			},
		},
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAccParseCredentialsFunction_errorsEndWithOneFullStop parses every
// corpus file that the parser refuses, in one plan, through the function and
// through the credentials resource, and checks that no message Terraform
// prints ends a sentence with two full stops: Terraform adds its own after a
// function's error.
func TestAccParseCredentialsFunction_errorsEndWithOneFullStop(t *testing.T) {
	files, err := filepath.Glob("../credentialsfile/testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var outputs, resources strings.Builder
	refused := 0
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if creds, _ := credentialsfile.Parse(data); creds != nil || !utf8.Valid(data) {
			// file() reads only UTF-8; the other encodings reach the function through filebase64 and are covered elsewhere.
			continue
		}
		refused++
		abs, _ := filepath.Abs(f)
		fmt.Fprintf(&outputs, "output \"f%d\" {\n  value = provider::modernretail::parse_credentials(file(%q)).store_hash\n}\n", i, abs)
		fmt.Fprintf(&resources, "resource \"modernretail_bigcommerce_credentials\" \"f%d\" {\n  filename = %q\n}\n", i, abs)
	}
	if refused < 10 {
		t.Fatalf("only %d corpus files are refused", refused)
	}
	for _, tc := range []struct{ name, config, each string }{
		{"the function", outputs.String(), "Invalid credentials file:"},
		{"the resource", resources.String(), `in resource "modernretail_bigcommerce_credentials"`},
	} {
		out, err := acctest.NewWorkspace(t, tc.config).Run("plan")
		if err == nil || strings.Count(out, tc.each) < refused {
			t.Fatalf("%s: the plan reports %d of %d refused files (%v):\n%s", tc.name, strings.Count(out, tc.each), refused, err, out)
		}
		if m := regexp.MustCompile(`[^.]\.\.(\s|$)`).FindString(out); m != "" {
			t.Errorf("%s: a message ends with two full stops (%q):\n%s", tc.name, m, out)
		}
	}
}
