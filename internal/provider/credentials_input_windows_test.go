//go:build windows

package provider

import (
	"os"
	"testing"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
)

// TestLoadCredentialsTrustsWindowsPermissions: Windows file modes do not tell
// who may read a file, which ACLs govern, so no warning is given.
func TestLoadCredentialsTrustsWindowsPermissions(t *testing.T) {
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	creds, diags := load(t, file)
	if creds == nil || len(diags) != 0 {
		t.Fatalf("want no diagnostics on Windows, got %v", diags)
	}
}
