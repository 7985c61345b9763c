package provider

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/modernretail/terraform-provider-modernretail/internal/acctest"
	"github.com/modernretail/terraform-provider-modernretail/internal/credentialsfile"
)

func load(t *testing.T, filename string) (*loadedCredentials, diag.Diagnostics) {
	t.Helper()
	creds, diags := loadCredentials(context.Background(), credentialsInput{Filename: types.StringValue(filename), Content: types.StringNull()})
	return creds, diags
}

func TestLoadCredentialsWarnsOnWorldReadableFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not apply on Windows")
	}
	file := acctest.WriteCredentials(t, t.TempDir(), "creds.txt", acctest.Credentials(t, "ab12cd34ef"))
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	creds, diags := load(t, file)
	if creds == nil || diags.HasError() {
		t.Fatalf("load failed: %v", diags)
	}
	if len(diags) != 1 || diags[0].Summary() != "Credentials file readable by every user" || !strings.Contains(diags[0].Detail(), "chmod 600") {
		t.Fatalf("want one warning naming chmod 600, got %v", diags)
	}
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, diags := load(t, file); len(diags) != 0 {
		t.Fatalf("owner-only file got diagnostics: %v", diags)
	}
}

func TestLoadCredentialsFileErrors(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	if err := os.WriteFile(huge, make([]byte, 10*credentialsfile.MaxSize), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct{ path, want string }{
		"missing":   {filepath.Join(dir, "nope.txt"), "no such file"},
		"directory": {dir, "it is a directory"},
		"too large": {huge, "is 655360 bytes"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			creds, diags := load(t, tc.path)
			if creds != nil || !diags.HasError() {
				t.Fatalf("want an error, got %v", diags)
			}
			if d := diags.Errors()[0].Detail(); !strings.Contains(d, tc.want) || !strings.Contains(d, tc.path) {
				t.Errorf("detail %q should name %q and the path", d, tc.want)
			}
		})
	}
}
